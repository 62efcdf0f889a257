"""The strict build: clean when the project is right, loud when it is not."""

from __future__ import annotations

import re

from support import copy_project, mkdocs_build


def test_strict_build_has_no_warnings(build):
    assert build.returncode == 0
    problems = [
        line for line in build.output.splitlines()
        if re.match(r"^(WARNING|ERROR)\b", line)
    ]
    assert problems == [], "\n".join(problems)


def test_every_nav_page_is_built(built_site, nav_urls):
    for url in nav_urls:
        assert (built_site / url / "index.html").is_file(), url


BROKEN_LINKS = [
    ("anatomy.md", "[the missing page](no-such-page.md)", "no-such-page.md"),
    ("faq.md", "[a missing section](anatomy.md#no-such-section)", "no-such-section"),
]


def test_broken_internal_links_fail_and_name_the_file(tmp_path):
    """A missing page and a missing section, in one build: the strict build
    reports every warning before it stops, so each must be named."""
    project = copy_project(tmp_path / "project")
    for page, link, _ in BROKEN_LINKS:
        source = project / "docs" / page
        source.write_text(
            source.read_text(encoding="utf-8") + f"\nSee {link}.\n", encoding="utf-8"
        )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    for page, _, named in BROKEN_LINKS:
        lines = [line for line in result.output.splitlines() if named in line]
        assert any(page in line for line in lines), (page, named, result.output[-2000:])


def test_missing_front_matter_field_fails_and_names_file_and_field(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "risks.md"
    text = page.read_text(encoding="utf-8")
    assert "\nreviewer:" in text
    page.write_text(re.sub(r"\nreviewer:[^\n]*", "", text, count=1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "risks.md: front matter field 'reviewer' is missing" in result.output


def test_bad_glossary_line_fails_and_names_the_line(tmp_path):
    project = copy_project(tmp_path / "project")
    glossary = project / "includes" / "glossary.md"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "coccyx = tailbone\n", encoding="utf-8"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "includes/glossary.md:" in result.output
    assert "coccyx = tailbone" in result.output


def test_no_google_fonts_or_other_sites_in_the_html(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html, path
        assert "fonts.gstatic" not in html, path
        # No stylesheet, script, image or frame loaded from another origin
        # (a canonical link names the public address but loads nothing).
        tags = re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html)
        foreign = [
            tag for tag in tags
            if re.search(r'\b(?:src|href)="(?:https?:)?//', tag)
            and 'rel="canonical"' not in tag
        ]
        assert foreign == [], (path, foreign)


def test_404_page_is_plain_and_links_home_and_faq(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "cannot find that page" in html
    assert re.search(r'href="[^"]*/faq/"', html)
    assert "Go to the home page" in html
