"""The clinic's settings (``clinic.yml``): checked, then shown, escaped.

A clinic puts its name, phone numbers and local rules in ``clinic.yml`` at the
top of the project (same keys as before, under ``clinic:``), so that
``mkdocs.yml`` stays upstream's and a new edition merges without conflicts.
This module reads and checks that file and gives pages and templates what
they need:

- :func:`load_clinic` reads ``clinic.yml`` (numbers and dates are read as
  written, so ``030`` is not octal and ``2026-13-45`` is not a crash) and
  :func:`check_clinic` validates the block and returns it complete, with every
  key present (``None`` when not set) and derived values (``phone_tel``...).
  A bad value raises :class:`ClinicError`: one line,
  ``clinic.yml: clinic.<key>: got ...; expected ...``.
- :func:`local_rule` and the other helpers turn the settings into the words a
  patient reads, escaped for Markdown and HTML (a clinic's text is shown as
  written, never run as markup); when the clinic has not set a rule, they read
  neutrally ("your clinic will tell you ...") and never invent one.
- :func:`read_edition` takes the edition (version and date) from the top
  release of ``CHANGELOG.md``: the one place it is written.

It is loaded by the ``macros`` plugin (``module_name: hooks/clinic``), not by
MkDocs ``hooks:``, so that Zensical, which runs the macros plugin but not
hooks, runs it too. ``define_env`` is the thin adapter.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

import sys

import yaml

_HOOKS = str(Path(__file__).resolve().parent)
if _HOOKS not in sys.path:  # the macros engine loads this file by path
    sys.path.insert(0, _HOOKS)
from words import LANGUAGES, WORDS, language, words  # noqa: E402  (hooks/words.py)

try:  # MkDocs' error type; other engines get the plain one-line error.
    from mkdocs.exceptions import PluginError
except ImportError:  # pragma: no cover
    PluginError = ValueError

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

CLINIC_FILE = "clinic.yml"
CHANGELOG_FILE = "CHANGELOG.md"

TEXT = "text"
PHONE = "phone number"
NUMBER = "number of minutes"
TEXT_OR_LIST = "text or a list of text"
DATE = "date"

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
    "clinical_reviewer": TEXT,
    "clinical_review_date": DATE,
    "translation_reviewer": TEXT,
    "translation_review_date": DATE,
}
# Rules a clinic may write once, or once per language: {en: ..., es: ...}.
PER_LANGUAGE = ("fasting", "blood_thinners", "driving", "bring")
# Who signed off what: each pair is set together, or not at all.
SIGN_OFFS = (("clinical_reviewer", "clinical_review_date"),
             ("translation_reviewer", "translation_review_date"))

# Longest text accepted, in characters (a name must fit the top bar on a phone).
MAX_CHARS = {
    "name": 80,
    "address": 160,
    "clinical_reviewer": 100,
    "translation_reviewer": 100,
    "website": 200,
    "bring": 200,  # each item
}
RULE_MAX_CHARS = 600  # fasting, blood_thinners, driving
BRING_MAX_ITEMS = 12

EMERGENCY_DEFAULT = WORDS["en"]["emergency_default"]
YOUR_CLINIC = WORDS["en"]["your_clinic"]

# What a page says when the clinic has not set a rule. Never a rule itself.
# In every language: hooks/words.py.
NEUTRAL = WORDS["en"]["neutral"]
RULES = tuple(NEUTRAL)
PHONES = ("phone", "after_hours_phone", "emergency_number")

LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]*[0-9]$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_URL = re.compile(r"^https://[^\s/$.?#<>\"'`][^\s<>\"'`]*$")
_MINUTES = re.compile(r"^[1-9][0-9]*$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# What makes an SVG logo run code when opened on the guide's own address.
_SVG_ACTIVE = re.compile(
    r"<\s*(?:[a-z]+:)?(?P<element>script|foreignObject|iframe|embed|object)\b"
    r"|\s(?P<handler>on[a-z]+)\s*="
    r"|(?P<url>javascript\s*:)"
    r"|<!(?P<doctype>ENTITY|DOCTYPE)",
    re.I,
)
AA_CONTRAST = 4.5
TEXT_ON_ACCENT = "#ffffff"

# Backslash escapes Python-Markdown understands (its ESCAPED_CHARS, plus "|"
# from the tables extension). "<", ">", "&" and quotes become HTML entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")

# A Keep a Changelog release heading: "## [1.2.0] - 2026-11-30".
_RELEASE = re.compile(
    r"^## \[(?P<version>[0-9]+\.[0-9]+\.[0-9]+)\] - (?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\s*$", re.M
)

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


class ClinicError(ValueError):
    """A bad clinic setting (or a bad call from a page); the message is one line."""


def _shown(value, limit: int = 60) -> str:
    """``repr`` of a bad value, short enough for a one-line message."""
    if value is None:
        return "nothing"
    text = repr(value)
    if len(text) > limit:
        size = f"{len(value)} characters" if isinstance(value, str) else "too long"
        text = text[: limit - 1] + "…' (" + size + ")"
    return text


def _fail(key: str, value, expected: str):
    raise ClinicError(f"{CLINIC_FILE}: clinic.{key}: got {_shown(value)}; expected {expected}")


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


def date_in_words(value: dt.date) -> str:
    """``2026-11-30`` as "30 November 2026" (no locale, no strftime in templates)."""
    return f"{value.day} {value:%B} {value.year}"


def escape_markdown(text: str) -> str:
    """Plain text that Markdown and HTML show exactly as written.

    ``<``, ``>``, ``&`` and quotes become entities; Markdown's own characters
    (``*``, ``#``, ``[`` ...) get a backslash, so a clinic's text can never
    start a list, a heading, a link or a tag.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


# ----------------------------------------------------------------------------
# Reading clinic.yml and CHANGELOG.md
# ----------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML without the guesses that bite: numbers and dates stay as written."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers
            if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                           "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def raw_values(text: str) -> dict[str, str]:
    """Each setting's text as typed in clinic.yml (for YAML traps)."""
    found = {}
    for match in re.finditer(r"(?m)^[ \t]+(?P<key>[a-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", text):
        found.setdefault(match["key"], match["value"])
    return found


def load_clinic(path) -> tuple[object, dict[str, str]]:
    """Read ``clinic.yml``: the ``clinic:`` block and the raw text of each value.

    A missing file means no settings. YAML errors and a file without a
    ``clinic:`` block raise :class:`ClinicError` with the line.
    """
    path = Path(path)
    if not path.is_file():
        return None, {}
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ClinicError(
            f"{CLINIC_FILE}: {where}not valid YAML ({problem}); check the quotes and the indentation"
        ) from None
    if data is None:
        return None, {}
    if not isinstance(data, dict) or set(data) - {"clinic"}:
        raise ClinicError(
            f"{CLINIC_FILE}: expected one block, 'clinic:', with the settings indented under it"
        )
    return data.get("clinic"), raw_values(text)


def read_edition(path) -> dict:
    """The edition: version and date of the top release in ``CHANGELOG.md``.

    Returns ``{"version": "1.0.0", "date": date, "iso": "...", "words": "..."}``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ClinicError(f"{CHANGELOG_FILE}: not found; the edition shown on every page comes from it") from None
    match = _RELEASE.search(text)
    if not match:
        raise ClinicError(
            f"{CHANGELOG_FILE}: no release heading; expected one such as '## [1.0.0] - 2026-11-30'"
        )
    try:
        date = dt.date.fromisoformat(match["date"])
    except ValueError:
        raise ClinicError(
            f"{CHANGELOG_FILE}: release {match['version']}: got {match['date']!r}; expected a real date YYYY-MM-DD"
        ) from None
    following = _RELEASE.search(text, match.end())
    body = text[match.end(): following.start() if following else len(text)]
    if not re.search(r"(?m)^### Medical content\s*$", body):
        raise ClinicError(
            f"{CHANGELOG_FILE}: release {match['version']}: expected a '### Medical content' part "
            "(write 'No change.' if the medical text did not change)"
        )
    return {"version": match["version"], "date": date, "iso": date.isoformat(), "words": date_in_words(date)}


# ----------------------------------------------------------------------------
# Checking the block
# ----------------------------------------------------------------------------


def _check_text(key: str, value, limit: int) -> str:
    if isinstance(value, bool) or not isinstance(value, str):
        hint = " in quotes" if isinstance(value, (bool, int, float)) else ""
        _fail(key, value, f"text{hint}")
    value = value.strip()
    if "\n" in value or "\r" in value:
        _fail(key, value, "one paragraph of plain text, without line breaks or blank lines")
    if _CONTROL.search(value):
        _fail(key, value, "plain text without control characters such as tabs")
    if len(value) > limit:
        _fail(key, value, f"at most {limit} characters")
    return value


def _check_svg(key: str, value: str, path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    found = _SVG_ACTIVE.search(text)
    if found:
        what = (
            f"<{found['element']}>" if found["element"]
            else f"an {found['handler']} attribute" if found["handler"]
            else "a javascript: link" if found["url"]
            else f"<!{found['doctype']}>"
        )
        _fail(key, value, f"an image without scripts, found {what}; remove it, or use a PNG")


def _check_value(key: str, value, docs_dir: Path, raw: str | None):
    kind = KEYS[key]
    if key in PER_LANGUAGE and isinstance(value, dict):
        if sorted(value) != sorted(LANGUAGES):
            _fail(key, value, f"text, or one text per language with exactly the keys {', '.join(LANGUAGES)}")
        checked = {lang: _check_value(key, value[lang], docs_dir, None) for lang in LANGUAGES}
        if any(text is None for text in checked.values()):
            _fail(key, value, f"a text for each of {', '.join(LANGUAGES)}")
        return checked
    if kind == NUMBER:
        text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else None
        if text is None or not _MINUTES.match(text) or not 0 < int(text) <= 600:
            hint = " without a leading 0" if text and text.startswith("0") and text.isdigit() else ""
            _fail(key, value, f"a whole number of minutes from 1 to 600{hint}, e.g. 30")
        return int(text)
    if kind == TEXT_OR_LIST:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or len(items) > BRING_MAX_ITEMS or not all(
            isinstance(item, str) and item.strip() for item in items
        ):
            _fail(key, value, f"text, or a list of text items (at most {BRING_MAX_ITEMS})")
        return [_check_text(key, item, MAX_CHARS["bring"]) for item in items]
    if kind == DATE:
        text = value.isoformat() if isinstance(value, dt.date) else value
        try:
            if not isinstance(text, str) or not _ISO_DATE.match(text.strip()):
                raise ValueError
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            _fail(key, value, "a real date written YYYY-MM-DD, e.g. 2026-12-01")
    limit = MAX_CHARS.get(key, RULE_MAX_CHARS)
    if isinstance(value, str) and not value.strip():
        return None
    value = _check_text(key, value, limit if kind == TEXT else 200)
    if kind == PHONE:
        digits = re.sub(r"\D", "", value)
        if not _PHONE.match(value) or not 3 <= len(digits) <= 15:
            _fail(key, value, 'a phone number of 3 to 15 digits, e.g. "+44 1234 567890" or "999"')
    elif key == "website":
        if not _URL.match(value):
            _fail(key, value, 'a web address starting with https://, e.g. "https://clinic.example"')
    elif key == "accent_color":
        if not _HEX.match(value):
            _fail(key, value, 'a hex colour in quotes, such as "#1a4f8b"')
        ratio = contrast_ratio(value, TEXT_ON_ACCENT)
        if ratio < AA_CONTRAST:
            raise ClinicError(
                f"{CLINIC_FILE}: clinic.accent_color: got {value!r}; white text on it has a "
                f"contrast of {ratio:.2f}:1, expected at least {AA_CONTRAST}:1 "
                "(choose a darker colour)"
            )
    elif key == "logo":
        # Normalised, not resolved: the Spanish docs/es/assets is a link to docs/assets.
        folder = Path(os.path.normpath(docs_dir.absolute()))
        path = Path(os.path.normpath(folder / value))
        if not value.lower().endswith(LOGO_TYPES):
            _fail(key, value, "an image file (" + ", ".join(LOGO_TYPES) + ") under docs/")
        if folder not in path.parents or not path.is_file():
            _fail(key, value, f"an existing file under docs/ (looked for {path})")
        if path.suffix.lower() == ".svg":
            _check_svg(key, value, path)
    return value


def _unset_by_yaml(key: str, raw: str | None):
    """A value YAML read as nothing, although something was typed."""
    if raw is None:
        return
    if re.match(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:\s|$)", raw):
        raise ClinicError(
            f"{CLINIC_FILE}: clinic.{key}: got nothing, because YAML reads the unquoted "
            f"{raw.split()[0]} as a comment; expected a hex colour in quotes — quote it: "
            f"{key}: \"{raw.split()[0]}\""
        )


def check_clinic(raw, docs_dir, *, raw_text: dict | None = None,
                 edition_date: dt.date | None = None, today: dt.date | None = None) -> dict:
    """Validate the ``clinic:`` block and return it complete.

    Every known key is present (``None`` when not set); unknown keys, wrong
    types, line breaks, over-long text, malformed phone numbers, web
    addresses, colours or dates, a colour too light for white text, a
    missing logo or an SVG logo with scripts raise :class:`ClinicError`.
    ``raw_text`` (each value as typed, from :func:`load_clinic`) catches
    YAML traps; ``edition_date`` and ``today`` bound the review date.
    """
    raw = {} if raw is None else raw
    raw_text = raw_text or {}
    today = today or dt.date.today()
    if not isinstance(raw, dict):
        raise ClinicError(f"{CLINIC_FILE}: clinic: got {_shown(raw)}; expected a block of settings")
    for key in raw:
        if key not in KEYS:
            raise ClinicError(
                f"{CLINIC_FILE}: clinic.{key}: got {_shown(raw[key])}; expected one of the known "
                f"settings ({', '.join(KEYS)}) — is it misspelt?"
            )
    clinic = {}
    for key in KEYS:
        value = raw.get(key)
        if value in (None, ""):
            _unset_by_yaml(key, raw_text.get(key))
            clinic[key] = None
        else:
            clinic[key] = _check_value(key, value, Path(docs_dir), raw_text.get(key))
    for who_key, when_key in SIGN_OFFS:
        reviewer, when = clinic[who_key], clinic[when_key]
        if bool(reviewer) != bool(when):
            missing = when_key if reviewer else who_key
            _fail(missing, None, f"both {who_key} and {when_key}, or neither")
        if when:
            if when > today:
                _fail(when_key, when.isoformat(), f"a date that has passed (today is {today.isoformat()})")
            if edition_date and when < edition_date:
                _fail(when_key, when.isoformat(),
                      f"a date on or after this edition's date ({edition_date.isoformat()}); "
                      "check the pages of this edition again, then set the new date")
    clinic["emergency_number"] = clinic["emergency_number"] or EMERGENCY_DEFAULT
    for key in PHONES:
        value = clinic[key]
        clinic[f"{key}_tel"] = tel_href(value) if value and value != EMERGENCY_DEFAULT else None
    for _who, when_key in SIGN_OFFS:
        when = clinic[when_key]
        clinic[f"{when_key}_words"] = date_in_words(when) if when else None
        clinic[f"{when_key}_iso"] = when.isoformat() if when else None
        if when:
            clinic[when_key] = when.isoformat()
    return clinic


def accent_css(clinic: dict) -> str:
    """The one inline style: the clinic's colour on Material's bars and links ("" if unset)."""
    colour = clinic.get("accent_color")
    if not colour:
        return ""
    return (
        f":root>*{{--md-primary-fg-color:{colour};--md-primary-fg-color--dark:{colour};"
        f"--md-accent-fg-color:{colour}}}"
    )


def for_pages(clinic: dict) -> dict:
    """The checked block with its text escaped, for ``{{ clinic.<key> }}`` in pages."""
    view = {}
    for key, value in clinic.items():
        if isinstance(value, str) and not key.endswith("_tel"):
            view[key] = escape_markdown(value)
        elif isinstance(value, list):
            view[key] = [escape_markdown(item) for item in value]
        elif isinstance(value, dict):
            view[key] = for_pages(value)
        else:
            view[key] = value
    return view


# ----------------------------------------------------------------------------
# Words for pages (Markdown, escaped)
# ----------------------------------------------------------------------------


def _known(function: str, key, allowed) -> None:
    if key not in allowed:
        raise ClinicError(
            f"{function}({key!r}): no such setting; expected one of: {', '.join(allowed)}"
        )


def _rule(clinic: dict, key: str, lang: str):
    """The clinic's setting for ``key`` in ``lang`` (a per-language rule picks its text)."""
    value = clinic.get(key)
    return value[lang] if isinstance(value, dict) else value


def local_rule(clinic: dict, key: str, lang: str = "en") -> str:
    """The clinic's own rule for ``key`` as a sentence, or the neutral words."""
    _known("local_rule", key, RULES)
    say = words(lang)
    value = _rule(clinic, key, lang)
    if value is None:
        return say["neutral"][key]
    if key == "arrival_minutes_before":
        return say["arrive"].format(minutes=int(value))
    if key == "observation_minutes":
        return say["rest"].format(minutes=int(value))
    if key == "bring":
        return say["bring"].format(items="; ".join(map(escape_markdown, value)))
    return escape_markdown(value)


def clinic_says(clinic: dict, key: str, lang: str = "en") -> str:
    """"**<Clinic> says:** <rule>" when the clinic set ``key``, else nothing.

    For places where the page already reads neutrally and the clinic's own
    rule, when there is one, is added beside it.
    """
    _known("clinic_says", key, RULES)
    if clinic.get(key) is None:
        return ""
    say = words(lang)
    name = escape_markdown(clinic["name"]) if clinic.get("name") else say["Your_clinic"]
    return say["says"].format(name=name, rule=local_rule(clinic, key, lang))


def phone_link(clinic: dict, key: str = "phone") -> str:
    """A Markdown ``tel:`` link for one of the clinic's numbers, or ""."""
    _known("phone_link", key, PHONES)
    number, href = clinic.get(key), clinic.get(f"{key}_tel")
    return f"[{escape_markdown(number)}]({href})" if href else ""


def call_clinic(clinic: dict, lang: str = "en") -> str:
    """How to call the clinic, in words, with its number as a link if set."""
    say = words(lang)
    name = escape_markdown(clinic["name"]) if clinic.get("name") else None
    link = phone_link(clinic, "phone")
    if link:
        text = say["call_on"].format(name=name or say["your_clinic"], link=link)
    elif name:
        text = say["call_given"].format(name=name)
    else:
        text = say["call_unknown"]
    after = phone_link(clinic, "after_hours_phone")
    if after:
        text += say["out_of_hours"].format(link=after)
    return text


def emergency(clinic: dict, lang: str = "en") -> str:
    """The emergency number as a link, or the words for it."""
    return phone_link(clinic, "emergency_number") or words(lang)["emergency_default"]


def write_in(lang: str = "en") -> str:
    """An empty line to write on, on paper; on screen it says so."""
    return f'<span class="gib-write-in"><span>{words(lang)["write_in"]}</span></span>'


WRITE_IN = write_in("en")
EMERGENCY_EXAMPLES = WORDS["en"]["emergency_examples"]


def phone_box(clinic: dict, lang: str = "en") -> str:
    """"My phone numbers": the clinic's numbers as links, or lines to write on.

    Shown on When to get help and on the printed checklist. On screen, an
    empty line says "write it on your printed copy" rather than pretending to
    be a form; the example emergency numbers do not print.
    """
    say = words(lang)
    blank = write_in(lang)
    name = escape_markdown(clinic["name"]) if clinic.get("name") else blank
    values = [
        name,
        phone_link(clinic, "phone") or blank,
        phone_link(clinic, "after_hours_phone") or blank,
        phone_link(clinic, "emergency_number") or blank,
    ]
    lines = ['<div class="gib-handout-clinic gib-phones" markdown>', "", f"**{say['phones_title']}**", ""]
    lines += [f"- **{label}:** {value}" for label, value in zip(say["phones_rows"], values)]
    if not clinic.get("emergency_number_tel"):
        lines += ["", f'<p class="gib-no-print" markdown>{say["emergency_examples"]}</p>']
    return "\n".join(lines + ["", "</div>"]) + "\n"


# ----------------------------------------------------------------------------
# Macros plugin adapter
# ----------------------------------------------------------------------------


def _sibling(name: str):
    """Another plain-function module of hooks/ (e.g. security)."""
    import importlib
    import sys

    folder = str(Path(__file__).resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


def _one_line_errors():
    """Show a bad macro call as one line naming the page (not a traceback)."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # pragma: no cover - another engine
        return
    format_error.register(ClinicError, lambda error, markdown, page: f"{page.file.src_path}: {error}")


def settings(project_dir, docs_dir, legacy=None, today=None) -> tuple[dict, dict]:
    """Read CHANGELOG.md and clinic.yml from ``project_dir``: (clinic, edition)."""
    if isinstance(legacy, dict) and not legacy.get("_checked") and any(
        value not in (None, "") for value in legacy.values()
    ):
        raise ClinicError(
            "mkdocs.yml: extra.clinic: the clinic's settings now live in clinic.yml "
            "(same keys, under 'clinic:'); move them there and delete the block from mkdocs.yml"
        )
    project_dir = Path(project_dir)
    edition = read_edition(project_dir / CHANGELOG_FILE)
    raw, raw_text = load_clinic(project_dir / CLINIC_FILE)
    clinic = check_clinic(raw, docs_dir, raw_text=raw_text, edition_date=edition["date"], today=today)
    clinic["_checked"] = True
    return clinic, {key: edition[key] for key in ("version", "iso", "words")}


def define_env(env):
    """Check clinic.yml and the edition; offer them to pages and templates."""
    try:
        engine = _sibling("engine")
        clinic, edition = settings(
            engine.project_dir(env.conf), engine.docs_dir(env.conf),
            legacy=env.conf["extra"].get("clinic"),
        )
    except ClinicError as error:
        raise PluginError(str(error)) from None
    _one_line_errors()
    security = _sibling("security")
    css = accent_css(clinic)
    # Templates (overrides/) read the checked block and escape it themselves.
    # mkdocs.yml gives them the same when it is read (extra.guide, from
    # gib_markdown/settings.py), for Zensical; this keeps MkDocs exact.
    env.conf["extra"]["guide"] = {
        "clinic": clinic, "edition": edition, "accent_css": css,
        "csp": security.policy([security.style_hash(css)] if css else []),
    }
    env.variables["clinic"] = for_pages(clinic)
    env.variables["edition"] = edition
    lang = language(env.conf)
    env.variables["lang"] = lang
    env.macro(lambda key: local_rule(clinic, key, lang), "local_rule")
    env.macro(lambda key: clinic_says(clinic, key, lang), "clinic_says")
    env.macro(lambda key="phone": phone_link(clinic, key), "phone_link")
    env.macro(lambda: call_clinic(clinic, lang), "call_clinic")
    env.macro(lambda: emergency(clinic, lang), "emergency")
    env.macro(lambda: phone_box(clinic, lang), "phone_box")
    env.macro(lambda: write_in(lang), "write_in")
    env.macro(lambda: engine.nav_pages(env.conf["nav"]), "nav_pages")  # navigation.pages, in any engine
    _define_content(env, clinic, lang)


def _define_content(env, clinic, lang="en"):
    """Shared facts, safety tiers, citations and the review sheet (hooks/content.py)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import content

    try:
        content.define(env, clinic, lang, subs={"emergency": emergency(clinic, lang),
                                                "call_clinic": call_clinic(clinic, lang)})
    except ValueError as error:  # FactsError, CitationError: one line naming the file and key
        raise PluginError(str(error)) from None
