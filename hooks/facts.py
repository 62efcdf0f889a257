"""Safety advice and shared numbers, written once (``includes/facts.yml``).

A warning sign or a number that appears on several pages must read the same on
all of them, so it is written once and shown from there:

- :func:`load_facts` reads and checks the file; a bad entry raises
  :class:`FactsError`, one line naming ``includes/facts.yml`` and the key.
- :func:`fact` gives a number as a sentence with its sources, or in a few words.
- :func:`warning_signs` gives one tier of safety advice as a box;
  :func:`warning_sign` gives one sign with what to do about it.
- :func:`tier_of` says which tier a sign belongs to (tests use it).

These are plain functions: the macros module (``hooks/clinic.py``) registers
them for pages, and tests call them directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

FACTS_FILE = "includes/facts.yml"
TIERS = ("emergency", "clinic", "normal")
# How each tier looks: Material admonition types.
TIER_BOX = {"emergency": "danger", "clinic": "warning", "normal": "success"}
# Every tier box also carries this class, so tests and styles can find them.
TIER_CLASS = "gib-tier"
FORMS = ("sentence", "short")
_PLACEHOLDER = re.compile(r"\{(emergency|call_clinic|fact:[a-z_]+)\}")


class FactsError(ValueError):
    """A bad entry in includes/facts.yml or a bad call from a page; one line."""


def _fail(where: str, problem: str):
    raise FactsError(f"{FACTS_FILE}: {where}: {problem}")


def _check_text(where: str, entry, lang: str = "en"):
    if not isinstance(entry, dict) or not isinstance(entry.get(lang), str) or not entry[lang].strip():
        _fail(where, f"expected a text in '{lang}' (the language being built)")


def _check_sources(where: str, keys, names: dict):
    if not isinstance(keys, list) or not keys:
        _fail(f"{where}.sources", "expected a list of reference keys")
    for key in keys:
        if key not in names:
            _fail(f"{where}.sources", f"unknown source {key!r}; add it to includes/sources.yml first")


def load_facts(path: str | Path, names: dict[str, str], lang: str = "en") -> dict:
    """Read ``includes/facts.yml`` and check its shape.

    ``names`` are the sources' human names (``includes/sources.yml``); every
    source a fact cites must be among them. Every text must exist in English
    and in ``lang``, the language being built.
    """
    langs = tuple(dict.fromkeys(("en", lang)))
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FactsError(f"{FACTS_FILE}: cannot be read ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise FactsError(f"{FACTS_FILE}: expected numbers and tiers")
    data["sources"] = names
    for name, number in (data.get("numbers") or {}).items():
        for form in FORMS:
            for each in langs:
                _check_text(f"numbers.{name}.{form}", number.get(form), each)
        _check_sources(f"numbers.{name}", number.get("sources"), names)
    tiers = data.get("tiers") or {}
    if sorted(tiers) != sorted(TIERS):
        _fail("tiers", f"expected exactly these tiers: {', '.join(TIERS)}")
    seen = {}
    for tier, body in tiers.items():
        for part in ("title", "action", "after"):
            for each in langs:
                _check_text(f"tiers.{tier}.{part}", body.get(part), each)
        signs = body.get("signs")
        if not isinstance(signs, dict) or not signs:
            _fail(f"tiers.{tier}.signs", "expected at least one sign")
        for sign, entry in signs.items():
            if sign in seen:
                _fail(f"tiers.{tier}.signs.{sign}", f"already listed under tiers.{seen[sign]}")
            seen[sign] = tier
            for each in langs:
                _check_text(f"tiers.{tier}.signs.{sign}", entry, each)
            _check_sources(f"tiers.{tier}.signs.{sign}", entry.get("sources"), names)
    return data


# ----------------------------------------------------------------------------
# Rendering
# ----------------------------------------------------------------------------


def cite(facts: dict, keys: list[str], prefix: str = "", marker=None) -> str:
    """The sources of a fact: ``marker(keys)`` when given (the page's numbered
    marker), else plain links ``([Name](references.md#key); ...)``."""
    if marker:
        return marker(keys)
    links = [f"[{facts['sources'][key]}]({prefix}references.md#{key})" for key in keys]
    return "(" + "; ".join(links) + ")"


def _text(facts: dict, entry: dict, lang: str, subs: dict) -> str:
    text = " ".join(entry[lang].split())

    def replace(match):
        name = match.group(1)
        if name.startswith("fact:"):
            return _number(facts, name[5:], "sentence", lang)
        return subs[name]

    return _PLACEHOLDER.sub(replace, text)


def _number(facts: dict, name: str, form: str, lang: str) -> str:
    numbers = facts.get("numbers") or {}
    if name not in numbers:
        raise FactsError(
            f"fact({name!r}): unknown; expected one of {', '.join(sorted(numbers))}"
        )
    if form not in FORMS:
        raise FactsError(f"fact({name!r}, {form!r}): expected the form 'sentence' or 'short'")
    return " ".join(numbers[name][form][lang].split())


def fact(facts: dict, name: str, form: str = "sentence", *, lang: str = "en",
         prefix: str = "", sources: bool = True, marker=None) -> str:
    """A shared number. The sentence form ends with its sources."""
    text = _number(facts, name, form, lang)
    if form == "sentence" and sources:
        text += " " + cite(facts, facts["numbers"][name]["sources"], prefix, marker)
    return text


def tier_of(facts: dict, sign: str) -> str:
    """The tier a sign belongs to (``emergency``, ``clinic`` or ``normal``)."""
    for tier in TIERS:
        if sign in facts["tiers"][tier]["signs"]:
            return tier
    every = [s for t in TIERS for s in facts["tiers"][t]["signs"]]
    raise FactsError(f"warning_sign({sign!r}): unknown; expected one of {', '.join(every)}")


def _sign_line(facts, tier, sign, *, lang, prefix, subs, sources, marker=None):
    entry = facts["tiers"][tier]["signs"][sign]
    text = _text(facts, entry, lang, subs)
    if sources:
        text += " " + cite(facts, entry["sources"], prefix, marker)
    return text


def _head(text: str) -> str:
    """The bold words a sign starts with (its name), without the bold."""
    match = re.match(r"\*\*(.+?)[.:,]?\*\*", text)
    return match.group(1) if match else text


def warning_signs(facts: dict, tier: str, *, subs: dict, lang: str = "en",
                  prefix: str = "", sources: bool = True, compact: bool = False,
                  marker=None) -> str:
    """One tier as an admonition box: its title, every sign, then what to do.

    ``compact`` lists only each sign's name (for the printed checklist's
    "normal" box, where space is short); never use it for a tier whose signs
    need their details to be recognised.
    """
    if tier not in TIERS:
        raise FactsError(f"warning_signs({tier!r}): unknown tier; expected one of {', '.join(TIERS)}")
    body = facts["tiers"][tier]
    lines = [f'!!! {TIER_BOX[tier]} {TIER_CLASS} "{_text(facts, body["title"], lang, subs)}"']
    for sign in body["signs"]:
        line = _sign_line(facts, tier, sign, lang=lang, prefix=prefix, subs=subs,
                          sources=sources, marker=marker)
        lines.append(f"    - {_head(line) + '.' if compact else line}")
    lines.append("")
    lines.append(f"    {_text(facts, body['action'], lang, subs)}")
    lines.append("")
    lines.append(f"    {_text(facts, body['after'], lang, subs)}")
    return "\n".join(lines) + "\n"


def warning_sign(facts: dict, sign: str, *, subs: dict, lang: str = "en",
                 prefix: str = "", sources: bool = True, marker=None) -> str:
    """One sign as a sentence or two, followed by its tier's instruction."""
    tier = tier_of(facts, sign)
    text = _sign_line(facts, tier, sign, lang=lang, prefix=prefix, subs=subs, sources=False)
    text += " " + _text(facts, facts["tiers"][tier]["action"], lang, subs)
    if sources:
        text += " " + cite(facts, facts["tiers"][tier]["signs"][sign]["sources"], prefix, marker)
    return text


def link_prefix(src_uri: str) -> str:
    """The path from a page's folder back to docs/ (``../`` per level)."""
    return "../" * src_uri.count("/")
