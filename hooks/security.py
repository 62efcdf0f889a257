"""Security for a site on GitHub Pages, which cannot send response headers.

- :func:`policy` is the Content-Security-Policy. The template writes it in a
  ``<meta>`` at the top of ``<head>`` (overrides/main.html), from
  ``config.extra.guide.csp``, which mkdocs.yml sets from this function when the
  config is read (``gib_markdown/settings.py``), so every engine's templates
  get it; no step reads the finished page.

  Scripts may come only from the site's own files: there is **no inline
  script** (Material's few inline scripts are files under
  ``assets/javascripts/``, see ``overrides/partials/javascripts/``), so the
  policy lists no script hash and no ``'unsafe-inline'``. A ``<script>`` that
  reaches a page by any other route (a page's raw HTML, a clinic value, an
  injected tag) is blocked by the browser, which reports it as a
  ``securitypolicyviolation`` event and in the console. The one inline style,
  the clinic's colour, is allowed by the SHA-256 hash of the exact text the
  template writes (:func:`style_hash`). JSON data blocks are not scripts.
  ``frame-ancestors`` is left out on purpose: browsers ignore it in
  ``<meta>``, and clinics must be able to frame the guide.
- :func:`protect_external_links` gives every link to another site
  ``rel="noopener noreferrer"``, whatever quotes its attributes use.

Both are plain functions that tests call directly; every engine runs
:func:`protect_external_links` on each page's content through the
``gib_markdown`` Markdown extension. (Links the templates write to other sites
carry ``rel`` already.)
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

DATA_TYPES = ("application/json", "application/ld+json")
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.S | re.I)
_LINK = re.compile(r"<a\s(?P<attrs>[^>]*)>", re.I)
# One attribute: name="value", name='value' or name=value.
_ATTR = r"""\b{name}\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))"""
_HREF = re.compile(_ATTR.format(name="href"), re.I)
_REL = re.compile(_ATTR.format(name="rel"), re.I)

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def style_hash(css: str) -> str:
    """The CSP source that allows one inline ``<style>`` with exactly ``css``."""
    return _hash(css)


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """The bodies of a page's inline scripts (not JSON data) and inline styles."""
    scripts = [
        match["body"] for match in _SCRIPT.finditer(html)
        if not re.search(r"\bsrc\s*=", match["attrs"], re.I)
        and not any(kind in match["attrs"] for kind in DATA_TYPES)
    ]
    return scripts, [match["body"] for match in _STYLE.finditer(html)]


def policy(style_hashes=()) -> str:
    """The Content-Security-Policy: the site's own files, no inline script."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "script-src-attr 'none'",
        " ".join(["style-src 'self'", *sorted(set(style_hashes))]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def _value(match: re.Match) -> str:
    return next(group for group in (match["dq"], match["sq"], match["bare"]) if group is not None)


def protect_external_links(html: str, site_url: str) -> str:
    """Add ``rel="noopener noreferrer"`` to links that leave the site.

    Attributes may be written with double quotes, single quotes or none.
    """
    own = urlsplit(site_url).netloc

    def visit(match: re.Match) -> str:
        attrs = match["attrs"]
        href = _HREF.search(attrs)
        if not href:
            return match[0]
        target = urlsplit(_value(href).strip())
        if target.scheme.lower() not in ("http", "https") or target.netloc == own:
            return match[0]
        rel = _REL.search(attrs)
        words = _value(rel).split() if rel else []
        words += [word for word in ("noopener", "noreferrer") if word not in words]
        value = f'rel="{" ".join(words)}"'
        if rel:
            attrs = attrs[: rel.start()] + value + attrs[rel.end():]
        else:
            attrs = f"{attrs} {value}"
        return f"<a {attrs}>"

    return _LINK.sub(visit, html)
