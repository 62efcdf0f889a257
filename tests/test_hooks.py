"""The hooks' plain functions, called directly (no MkDocs build)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontmatter import check_front_matter
from glossary import parse_glossary, render_glossary

GOOD = {
    "title": "Anatomy",
    "description": "Where the ganglion impar is.",
    "reviewed": dt.date(2026, 11, 25),
    "reviewer": "Editorial team",
    "next_review": dt.date(2027, 11, 25),
}


def test_valid_front_matter_passes():
    assert check_front_matter(GOOD, "anatomy.md") == []


@pytest.mark.parametrize("field", sorted(GOOD))
def test_each_missing_field_is_named(field):
    meta = {key: value for key, value in GOOD.items() if key != field}
    assert check_front_matter(meta, "anatomy.md") == [
        f"anatomy.md: front matter field '{field}' is missing"
    ]


def test_long_description_is_refused_with_its_length():
    meta = dict(GOOD, description="x" * 161)
    [problem] = check_front_matter(meta, "faq.md")
    assert "faq.md: front matter field 'description' has 161 characters" in problem


def test_description_of_160_characters_is_allowed():
    assert check_front_matter(dict(GOOD, description="x" * 160), "faq.md") == []


@pytest.mark.parametrize("value", ["25/11/2026", "soon", 2026])
def test_malformed_date_is_refused(value):
    [problem] = check_front_matter(dict(GOOD, reviewed=value), "risks.md")
    assert problem.startswith("risks.md: front matter field 'reviewed' must be a date")
    assert repr(value) in problem


def test_next_review_must_follow_reviewed():
    meta = dict(GOOD, next_review=dt.date(2026, 1, 1))
    [problem] = check_front_matter(meta, "about.md")
    assert "'next_review' (2026-01-01) must come after 'reviewed' (2026-11-25)" in problem


def test_title_must_be_text():
    [problem] = check_front_matter(dict(GOOD, title=["a"]), "index.md")
    assert "'title' must be text" in problem


def test_glossary_parses_terms_and_skips_comments():
    text = "<!--\n a comment\n-->\n*[coccyx]: The tailbone.\n\n*[Coccyx]: The tailbone.\n"
    assert parse_glossary(text) == {"coccyx": "The tailbone.", "Coccyx": "The tailbone."}


def test_glossary_refuses_malformed_line_with_line_number():
    with pytest.raises(ValueError, match=r"includes/glossary.md:2: expected"):
        parse_glossary("*[a]: b\nnot a term\n")


def test_glossary_refuses_duplicate_term():
    with pytest.raises(ValueError, match="defined twice"):
        parse_glossary("*[a]: b\n*[a]: c\n")


def test_glossary_lists_case_variants_once_in_order():
    listing = render_glossary(
        {"sacrum": "A bone.", "coccyx": "The tailbone.", "Coccyx": "The tailbone."}
    )
    assert listing == "Coccyx\n:   The tailbone.\n\nSacrum\n:   A bone.\n"


def test_glossary_refuses_case_variants_with_different_meanings():
    with pytest.raises(ValueError, match="same meaning"):
        render_glossary({"coccyx": "The tailbone.", "Coccyx": "A bone."})


def test_only_the_first_use_of_a_term_is_a_keyboard_stop():
    from glossary import glossary_terms

    html = (
        '<p><abbr title="The tailbone.">coccyx</abbr> and '
        '<a href="x/">the <abbr title="A bone.">sacrum</abbr></a> and '
        '<abbr title="A bone.">sacrum</abbr> and '
        '<abbr title="The tailbone.">Coccyx</abbr></p>'
    )
    assert glossary_terms(html) == (
        '<p><abbr tabindex="0" role="term" aria-label="coccyx" title="The tailbone.">coccyx</abbr> and '
        '<a href="x/">the <abbr title="A bone.">sacrum</abbr></a> and '
        '<abbr tabindex="0" role="term" aria-label="sacrum" title="A bone.">sacrum</abbr> and '
        '<abbr role="term" aria-label="Coccyx" title="The tailbone.">Coccyx</abbr></p>'
    )


def test_a_use_outside_a_collapsed_block_is_preferred_as_the_stop():
    from glossary import glossary_terms

    html = ('<details><summary>Describe</summary><p><abbr title="A bone.">sacrum</abbr></p>'
            '</details><p><abbr title="A bone.">sacrum</abbr></p>')
    out = glossary_terms(html)
    assert out.count('tabindex="0"') == 1
    assert out.index('tabindex="0"') > out.index("</details>")


def test_terms_in_headings_are_left_plain():
    from glossary import glossary_terms

    html = '<h2 id="x">What is the <abbr title="A bone.">sacrum</abbr>?</h2>'
    assert glossary_terms(html) == '<h2 id="x">What is the sacrum?</h2>'


def test_the_glossary_page_marks_no_terms():
    from glossary import glossary_terms

    html = '<dl><dt><abbr title="A bone.">Sacrum</abbr></dt><dd>A bone.</dd></dl>'
    assert glossary_terms(html, glossary_page=True) == '<dl><dt>Sacrum</dt><dd>A bone.</dd></dl>'


def test_permalinks_leave_the_tab_order_and_the_heading_name():
    from a11y import quiet_permalinks

    html = '<h2 id="x">Pain<a class="headerlink" href="#x" title="Link to this section">&para;</a></h2>'
    assert quiet_permalinks(html) == (
        '<h2 id="x">Pain<a class="headerlink" href="#x" title="Link to this section"'
        ' tabindex="-1" aria-hidden="true">&para;</a></h2>'
    )


def test_figure_captions_promise_only_what_the_screen_does():
    from a11y import FIGURE_HINT, figure_hints

    html = f"<figure><figcaption>The spine. {FIGURE_HINT}</figcaption></figure><p>{FIGURE_HINT}</p>"
    out = figure_hints(html)
    assert '<span class="gib-hint gib-hint--narrow">Tap the picture to see it on its own.</span>' in out
    assert out.count(FIGURE_HINT) == 2          # the wide hint, and the text outside a caption
    assert out.endswith(f"<p>{FIGURE_HINT}</p>")


def test_box_titles_become_headings_below_the_heading_before_them():
    from a11y import admonition_headings

    html = ('<p class="admonition-title">Main points</p><h2 id="a">A</h2>'
            '<div class="admonition warning"><p class="admonition-title">Call now</p></div>'
            '<h6 id="b">B</h6><p class="admonition-title">Deep</p>')
    assert admonition_headings(html) == (
        '<p class="admonition-title" role="heading" aria-level="2">Main points</p><h2 id="a">A</h2>'
        '<div class="admonition warning"><p class="admonition-title" role="heading" aria-level="3">'
        'Call now</p></div><h6 id="b">B</h6>'
        '<p class="admonition-title" role="heading" aria-level="6">Deep</p>'
    )


# ----------------------------------------------------------------------------
# Front matter MkDocs could not read: the real fault, in one line
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("block, message", [
    ("title: a\nreviewed: 2026-13-45\n",
     "risks.md: front matter field 'reviewed' must be a real date written YYYY-MM-DD, got '2026-13-45' (month must be in 1..12)"),
    ("title: a\nnext_review: 2027-02-30\n",
     "risks.md: front matter field 'next_review' must be a real date written YYYY-MM-DD, got '2027-02-30' (day is out of range for month)"),
    ('title: "What "impar" means"\n', "risks.md: front matter is not valid YAML (line 2 of the file): "),
    ("title: a: b\n", "risks.md: front matter is not valid YAML (line 2 of the file): mapping values are not allowed here"),
    ("title: [a\n", "risks.md: front matter is not valid YAML"),
])
def test_unreadable_front_matter_names_the_real_fault(block, message):
    from frontmatter import front_matter_fault

    fault = front_matter_fault(f"---\n{block}---\n\n# Risks\n", "risks.md")
    assert fault.startswith(message) and "\n" not in fault


def test_readable_front_matter_or_none_has_no_fault():
    from frontmatter import front_matter_fault

    assert front_matter_fault("---\ntitle: a\nreviewed: 2026-11-25\n---\n# x\n", "a.md") is None
    assert front_matter_fault("# No front matter\n", "a.md") is None


@pytest.mark.parametrize("line, message", [
    ("reviewed: 2026-13-45", "risks.md: front matter field 'reviewed' must be a real date written YYYY-MM-DD, got '2026-13-45'"),
    ('description: "What "impar" means & why"', "risks.md: front matter is not valid YAML (line 3 of the file)"),
])
def test_bad_front_matter_stops_the_build_naming_the_fault(tmp_path, line, message):
    import re

    from support import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "risks.md"
    key = line.split(":")[0]
    page.write_text(re.sub(rf"(?m)^{key}: .*$", lambda _: line, page.read_text(encoding="utf-8"), count=1))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert message in result.output
    assert "is missing" not in result.output
