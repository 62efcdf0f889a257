"""The clinic's settings (``extra.clinic`` in mkdocs.yml): checked, then shown.

A clinic puts its name, phone numbers and local rules in one block. This
module checks that block and gives pages and templates what they need:

- :func:`check_clinic` validates the block and returns it complete, with every
  key present (``None`` when not set) and derived values (``phone_tel``...).
  A bad value raises :class:`ClinicError`: one line naming
  ``extra.clinic.<key>``, the bad value and what is expected.
- :func:`local_rule` and the other helpers turn the settings into the words a
  patient reads; when the clinic has not set a rule, they read neutrally
  ("your clinic will tell you ...") and never invent one.

It is loaded by the ``macros`` plugin (``module_name: hooks/clinic``), not by
MkDocs ``hooks:``, so that Zensical, which runs the macros plugin but not
hooks, runs it too. ``define_env`` is the thin adapter.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

TEXT = "text"
PHONE = "phone number"
NUMBER = "number of minutes"
TEXT_OR_LIST = "text or a list of text"

KEYS = {
    "name": TEXT,
    "phone": PHONE,
    "after_hours_phone": PHONE,
    "emergency_number": PHONE,
    "website": "web address",
    "address": TEXT,
    "logo": "file under docs/",
    "accent_color": "hex colour",
    "fasting": TEXT,
    "blood_thinners": TEXT,
    "driving": TEXT,
    "arrival_minutes_before": NUMBER,
    "observation_minutes": NUMBER,
    "bring": TEXT_OR_LIST,
}

EMERGENCY_DEFAULT = "your local emergency number"

# What a page says when the clinic has not set a rule. Never a rule itself.
NEUTRAL = {
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
}

LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]*[0-9]$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_URL = re.compile(r"^https://[^\s/$.?#][^\s]*$")
AA_CONTRAST = 4.5
TEXT_ON_ACCENT = "#ffffff"

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


class ClinicError(ValueError):
    """A bad ``extra.clinic`` setting; the message is one line."""


def _fail(key: str, value, expected: str):
    raise ClinicError(f"extra.clinic.{key}: got {value!r}; expected {expected}")


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rgb`` or ``#rrggbb`` colour."""
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two hex colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def tel_href(number: str) -> str:
    """``tel:`` link target: the digits, with a leading + kept."""
    return "tel:" + ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)


def _check_value(key: str, value, docs_dir: Path):
    kind = KEYS[key]
    if kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 600:
            _fail(key, value, "a whole number of minutes from 1 to 600")
        return value
    if kind == TEXT_OR_LIST:
        if isinstance(value, str) and value.strip():
            return [value.strip()]
        if isinstance(value, list) and value and all(
            isinstance(item, str) and item.strip() for item in value
        ):
            return [item.strip() for item in value]
        _fail(key, value, "text, or a list of text items")
    if not isinstance(value, str) or not value.strip():
        _fail(key, value, kind if kind == TEXT else f"a {kind} written as text")
    value = value.strip()
    if kind == PHONE:
        digits = re.sub(r"\D", "", value)
        if not _PHONE.match(value) or not 3 <= len(digits) <= 15:
            _fail(key, value, 'a phone number of 3 to 15 digits, e.g. "+44 1234 567890" or "999"')
    elif key == "website":
        if not _URL.match(value):
            _fail(key, value, 'a web address starting with https://, e.g. "https://clinic.example"')
    elif key == "accent_color":
        if not _HEX.match(value):
            _fail(key, value, 'a hex colour such as "#1a4f8b"')
        ratio = contrast_ratio(value, TEXT_ON_ACCENT)
        if ratio < AA_CONTRAST:
            raise ClinicError(
                f"extra.clinic.accent_color: got {value!r}; white text on it has a "
                f"contrast of {ratio:.2f}:1, expected at least {AA_CONTRAST}:1 "
                "(choose a darker colour)"
            )
    elif key == "logo":
        path = (docs_dir / value).resolve()
        if not value.lower().endswith(LOGO_TYPES):
            _fail(key, value, "an image file (" + ", ".join(LOGO_TYPES) + ") under docs/")
        if docs_dir.resolve() not in path.parents or not path.is_file():
            _fail(key, value, f"an existing file under docs/ (looked for {path})")
    return value


def check_clinic(raw, docs_dir) -> dict:
    """Validate ``extra.clinic`` and return it complete.

    Every known key is present (``None`` when not set); unknown keys, wrong
    types, malformed phone numbers, web addresses or colours, a colour too
    light for white text, and a missing logo raise :class:`ClinicError`.
    """
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise ClinicError(f"extra.clinic: got {raw!r}; expected a block of settings")
    for key in raw:
        if key not in KEYS:
            raise ClinicError(
                f"extra.clinic.{key}: got {raw[key]!r}; expected one of the known "
                f"settings ({', '.join(KEYS)}) — is it misspelt?"
            )
    clinic = {}
    for key in KEYS:
        value = raw.get(key)
        clinic[key] = None if value in (None, "") else _check_value(key, value, Path(docs_dir))
    clinic["emergency_number"] = clinic["emergency_number"] or EMERGENCY_DEFAULT
    for key in ("phone", "after_hours_phone", "emergency_number"):
        value = clinic[key]
        clinic[f"{key}_tel"] = tel_href(value) if value and value != EMERGENCY_DEFAULT else None
    return clinic


def local_rule(clinic: dict, key: str) -> str:
    """The clinic's own rule for ``key`` as a sentence, or the neutral words."""
    value = clinic.get(key)
    if value is None:
        return NEUTRAL[key]
    if key == "arrival_minutes_before":
        return f"Please arrive {value} minutes before your appointment time."
    if key == "observation_minutes":
        return f"You will rest at the clinic for about {value} minutes before you go home."
    if key == "bring":
        return "Your clinic also asks you to bring: " + "; ".join(value) + "."
    return value


def clinic_says(clinic: dict, key: str) -> str:
    """"**<Clinic> says:** <rule>" when the clinic set ``key``, else nothing.

    For places where the page already reads neutrally and the clinic's own
    rule, when there is one, is added beside it.
    """
    if clinic.get(key) is None:
        return ""
    return f"**{clinic['name'] or 'Your clinic'} says:** {local_rule(clinic, key)}"


def phone_link(clinic: dict, key: str = "phone") -> str | None:
    """A Markdown ``tel:`` link for one of the clinic's numbers, or None."""
    number, href = clinic.get(key), clinic.get(f"{key}_tel")
    return f"[{number}]({href})" if href else None


def call_clinic(clinic: dict) -> str:
    """How to call the clinic, in words, with its number as a link if set."""
    link = phone_link(clinic, "phone")
    if link:
        text = f"call {clinic['name'] or 'your clinic'} on {link}"
    elif clinic["name"]:
        text = f"call {clinic['name']} on the number they gave you"
    else:
        text = "call the phone number your clinic gave you"
    after = phone_link(clinic, "after_hours_phone")
    if after:
        text += f" (out of hours: {after})"
    return text


def emergency(clinic: dict) -> str:
    """The emergency number as a link, or the words for it."""
    return phone_link(clinic, "emergency_number") or EMERGENCY_DEFAULT


# ----------------------------------------------------------------------------
# Macros plugin adapter
# ----------------------------------------------------------------------------


def define_env(env):
    """Check ``extra.clinic`` and offer it to pages and templates."""
    try:
        clinic = check_clinic(env.conf["extra"].get("clinic"), env.conf["docs_dir"])
    except ClinicError as error:
        raise PluginError(str(error)) from None
    # Templates (overrides/) read the checked, complete block too.
    env.conf["extra"]["clinic"] = clinic
    env.variables["clinic"] = clinic
    env.macro(lambda key: local_rule(clinic, key), "local_rule")
    env.macro(lambda key: clinic_says(clinic, key), "clinic_says")
    env.macro(lambda key="phone": phone_link(clinic, key), "phone_link")
    env.macro(lambda: call_clinic(clinic), "call_clinic")
    env.macro(lambda: emergency(clinic), "emergency")
