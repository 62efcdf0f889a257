"""The words the build itself writes into pages, in each language of the guide.

The macros (hooks/clinic.py, hooks/content.py) write some sentences of their
own: what a page says when the clinic has not set a rule, "call your clinic
on ...", the "My phone numbers" box, the "Sources for this page" list. They
are kept here, one table per language, so that a translation sits beside the
text it translates and a missing one is caught by a test
(tests/test_spanish.py), not by a reader.

Medical text (numbers, warning signs) is not here: it is in includes/facts.yml.
Theme words (the review line, the help bar) are in overrides/partials/words.html.
"""

from __future__ import annotations

LANGUAGES = ("en", "es")

WORDS = {
    "en": {
        "emergency_default": "your local emergency number",
        "your_clinic": "your clinic",
        "Your_clinic": "Your clinic",
        "neutral": {
            "fasting": (
                "Your clinic will tell you if you need to stop eating or drinking "
                "before the injection, and when."
            ),
            "blood_thinners": (
                "Your clinic will tell you what to do about blood thinners. Never stop "
                "one unless the doctor who prescribed it says you can."
            ),
            "driving": (
                "Do not drive for the rest of the day. Your clinic will tell you when "
                "you can drive again."
            ),
            "arrival_minutes_before": "Your clinic will tell you what time to arrive.",
            "observation_minutes": (
                "Your clinic will tell you how long you will rest there before you go home."
            ),
            "bring": "Your clinic will tell you if you need to bring anything else.",
        },
        "arrive": "Please arrive {minutes} minutes before your appointment time.",
        "rest": "You will rest at the clinic for about {minutes} minutes before you go home.",
        "bring": "Your clinic also asks you to bring: {items}.",
        "says": "**{name} says:** {rule}",
        "call_on": "call {name} on {link}",
        "call_given": "call {name} on the number they gave you",
        "call_unknown": "call the phone number your clinic gave you",
        "out_of_hours": " (out of hours: {link})",
        "write_in": "write it on your printed copy",
        "phones_title": "My phone numbers",
        "phones_rows": ("Your clinic", "Phone", "After hours", "Emergency"),
        "emergency_examples": (
            "Your local emergency number is, for example, **[911](tel:911)** in the US, "
            "**[999](tel:999)** in the UK and **[112](tel:112)** in the EU."
        ),
        "sources_heading": "Sources for this page",
        "sources_intro": (
            "The numbers in the text point to these sources. "
            "Each links to its full entry on the References page."
        ),
        "sources_on_paper": "The sources for this page are listed online at",
        "source_label": "source {number}",
        "source_back": "Back to where source {number} is first cited",
        "and_others": " and others ",
    },
    "es": {
        "emergency_default": "su número local de emergencias",
        "your_clinic": "su clínica",
        "Your_clinic": "Su clínica",
        "neutral": {
            "fasting": (
                "Su clínica le dirá si debe dejar de comer o beber antes de la "
                "inyección, y desde qué hora."
            ),
            "blood_thinners": (
                "Su clínica le dirá qué hacer con los anticoagulantes. Nunca deje de "
                "tomar uno si el médico que se lo recetó no le dice que puede."
            ),
            "driving": (
                "No maneje el resto del día. Su clínica le dirá cuándo puede volver "
                "a manejar."
            ),
            "arrival_minutes_before": "Su clínica le dirá a qué hora llegar.",
            "observation_minutes": (
                "Su clínica le dirá cuánto tiempo descansará allí antes de irse a casa."
            ),
            "bring": "Su clínica le dirá si necesita llevar algo más.",
        },
        "arrive": "Por favor, llegue {minutes} minutos antes de la hora de su cita.",
        "rest": "Descansará en la clínica unos {minutes} minutos antes de irse a casa.",
        "bring": "Su clínica también le pide llevar: {items}.",
        "says": "**{name} dice:** {rule}",
        "call_on": "llame a {name} al {link}",
        "call_given": "llame a {name} al número que le dieron",
        "call_unknown": "llame al número de teléfono que le dio su clínica",
        "out_of_hours": " (fuera de horario: {link})",
        "write_in": "escríbalo en su copia impresa",
        "phones_title": "Mis números de teléfono",
        "phones_rows": ("Su clínica", "Teléfono", "Fuera de horario", "Emergencias"),
        "emergency_examples": (
            "Su número local de emergencias es, por ejemplo, **[911](tel:911)** en "
            "Estados Unidos y en México, y **[112](tel:112)** en España y en la Unión "
            "Europea."
        ),
        "sources_heading": "Fuentes de esta página",
        "sources_intro": (
            "Los números del texto llevan a estas fuentes. Cada una enlaza con su "
            "ficha completa en la página de Referencias (en inglés)."
        ),
        "sources_on_paper": "Fuentes de esta página, en internet:",
        "source_label": "fuente {number}",
        "source_back": "Volver a donde se cita por primera vez la fuente {number}",
        "and_others": " y otros ",
    },
}


def words(lang: str) -> dict:
    """The table for ``lang`` (``en`` or ``es``)."""
    if lang not in WORDS:
        raise ValueError(f"mkdocs.yml: theme.language: got {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return WORDS[lang]


def language(conf) -> str:
    """The language of the build being made, from its config (any engine)."""
    theme = conf["theme"] if "theme" in conf else {}
    try:
        lang = theme["language"]
    except (KeyError, TypeError):
        lang = getattr(theme, "language", None)
    return lang or "en"
