"""Security for a site on GitHub Pages, which cannot send response headers.

- :func:`add_csp` puts a Content-Security-Policy ``<meta>`` at the top of
  ``<head>``. Scripts and styles may come only from the site itself; the few
  inline scripts and styles (Material's, and the clinic colour) are allowed by
  their SHA-256 hash, computed from the page as built, so nothing needs
  ``'unsafe-inline'``. JSON data blocks are not scripts and need no hash.
  ``frame-ancestors`` is left out on purpose: browsers ignore it in ``<meta>``,
  and clinics must be able to frame the guide.
- :func:`protect_external_links` gives every link to another site
  ``rel="noopener noreferrer"``.

Both are plain functions on the HTML text, so tests and other build tools
(Zensical does not run MkDocs hooks) can apply them too; the hooks below are
the MkDocs adapters.
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
_HREF = re.compile(r'\bhref="(?P<href>[^"]*)"', re.I)
_REL = re.compile(r'\brel="(?P<rel>[^"]*)"', re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """Hashes of the inline scripts (not JSON data) and inline styles."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or any(kind in attrs for kind in DATA_TYPES):
            continue
        scripts.append(_hash(match["body"]))
    styles = [_hash(match["body"]) for match in _STYLE.finditer(html)]
    return sorted(set(scripts)), sorted(set(styles))


def policy(script_hashes, style_hashes) -> str:
    """The Content-Security-Policy for one page."""
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *script_hashes]),
        " ".join(["style-src 'self'", *style_hashes]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def add_csp(html: str) -> str:
    """Insert the page's CSP ``<meta>`` right after ``<meta charset>``."""
    if "Content-Security-Policy" in html:
        raise ValueError("the page already has a Content-Security-Policy")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(*inline_hashes(html))}">'
    match = _CHARSET.search(html)
    if not match:
        raise ValueError("the page has no <meta charset> to put the policy after")
    return html[: match.end()] + meta + html[match.end():]


def protect_external_links(html: str, site_url: str) -> str:
    """Add ``rel="noopener noreferrer"`` to links that leave the site."""
    own = urlsplit(site_url).netloc

    def visit(match: re.Match) -> str:
        attrs = match["attrs"]
        href = _HREF.search(attrs)
        if not href:
            return match[0]
        target = urlsplit(href["href"])
        if target.scheme not in ("http", "https") or target.netloc == own:
            return match[0]
        rel = _REL.search(attrs)
        words = rel["rel"].split() if rel else []
        words += [word for word in ("noopener", "noreferrer") if word not in words]
        value = f'rel="{" ".join(words)}"'
        attrs = _REL.sub(value, attrs) if rel else f"{attrs} {value}"
        return f"<a {attrs}>"

    return _LINK.sub(visit, html)


# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


def on_post_page(output, *, page, config):
    """Every page: protect outgoing links, then add the policy."""
    return add_csp(protect_external_links(output, config["site_url"] or ""))


def on_post_template(output_content, *, template_name, config):
    """The 404 page (a theme template) gets the same treatment."""
    if not template_name.endswith(".html"):
        return output_content
    return add_csp(protect_external_links(output_content, config["site_url"] or ""))
