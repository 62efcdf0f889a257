"""What a screen reader gets (issue 13, item 4), read from Chromium's own
accessibility tree (CDP Accessibility.getFullAXTree) on the built site."""

from __future__ import annotations

import pytest

from support import DESKTOP, PHONE


def ax_nodes(page) -> list[dict]:
    """The page's accessibility tree as flat nodes with role, name,
    description, level and parent id; ignored nodes left out."""
    cdp = page.context.new_cdp_session(page)
    raw = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    nodes = []
    for node in raw:
        props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        nodes.append({
            "id": node["nodeId"],
            "parent": node.get("parentId"),
            "ignored": node.get("ignored", False),
            "role": node.get("role", {}).get("value"),
            "name": (node.get("name") or {}).get("value", ""),
            "description": (node.get("description") or {}).get("value", ""),
            "level": props.get("level"),
            "focusable": props.get("focusable", False),
        })
    return nodes


def ancestors(node: dict, by_id: dict) -> list[dict]:
    found = []
    while node.get("parent") in by_id:
        node = by_id[node["parent"]]
        found.append(node)
    return found


def headings(nodes) -> list[tuple[int, str]]:
    return [(n["level"], n["name"]) for n in nodes
            if n["role"] == "heading" and not n["ignored"]]


def test_box_titles_are_headings_at_the_right_level(visit, site_server):
    tab = visit(**DESKTOP)
    tab.page.goto(site_server.url("get-help/"), wait_until="load")
    outline = headings(ax_nodes(tab.page))
    # The box sits under the section "Call your emergency number now": one level below.
    box = "Call your emergency number now if you have any of these"
    position = [name for _, name in outline].index(box)
    assert outline[position - 1] == (2, "Call your emergency number now")
    assert outline[position][0] == 3
    levels = [level for level, _ in outline]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), outline
    # The class other tests and styles rely on is still there.
    assert tab.page.locator(".admonition-title", has_text="Call your emergency number now").count() == 1


def test_headings_do_not_say_the_permalink(visit, site_server, nav_urls):
    tab = visit(**DESKTOP)
    for url in nav_urls:
        tab.page.goto(site_server.url(url), wait_until="load")
        outline = headings(ax_nodes(tab.page))
        assert outline, url
        assert [name for _, name in outline if "¶" in name] == [], url


def test_glossary_term_is_announced_as_the_word_with_its_meaning(visit, site_server):
    from glossary import GLOSSARY_FILE, parse_glossary
    from support import ROOT

    terms = parse_glossary((ROOT / GLOSSARY_FILE).read_text(encoding="utf-8"))
    tab = visit(**DESKTOP)
    tab.page.goto(site_server.url("anatomy/"), wait_until="load")
    found = [n for n in ax_nodes(tab.page) if n["role"] == "term" and n["focusable"]]
    assert len(found) >= 3
    for node in found:
        assert node["name"] in terms, node               # the word, not its meaning
        assert node["description"] == terms[node["name"]], node
    # Still true while the tooltip shows (Material points aria-describedby at it).
    term = tab.page.locator("article abbr[tabindex='0']").first
    word = term.inner_text()
    term.focus()
    tab.page.wait_for_selector(".md-tooltip2--active")
    node = next(n for n in ax_nodes(tab.page) if n["role"] == "term" and n["name"] == word)
    assert node["description"] == terms[word]


@pytest.mark.parametrize("layout", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_landmarks_are_named_and_not_nested_wrongly(visit, site_server, layout):
    tab = visit(**layout)
    tab.page.goto(site_server.url("procedure/during/"), wait_until="load")
    nodes = [n for n in ax_nodes(tab.page) if not n["ignored"]]
    by_id = {n["id"]: n for n in nodes}
    landmarks = {"banner", "complementary", "contentinfo", "form", "main",
                 "navigation", "region", "search"}
    marks = [n for n in nodes if n["role"] in landmarks]
    mains = [n for n in marks if n["role"] == "main"]
    assert len(mains) == 1
    main = mains[0]
    for mark in marks:
        roles_above = [a["role"] for a in ancestors(mark, by_id)]
        if mark["role"] in ("navigation", "complementary", "banner", "contentinfo", "search"):
            # Menus, help bar, header and footer are not inside the content.
            assert "main" not in roles_above, mark
        if mark["role"] in ("main", "banner", "contentinfo"):
            assert not set(roles_above) & landmarks, mark
    # Every navigation and complementary region has a name, and names differ.
    named = [m for m in marks if m["role"] in ("navigation", "complementary")]
    assert named and all(m["name"] for m in named), named
    assert len({(m["role"], m["name"]) for m in named}) == len(named), named
    # The main landmark holds the page's title.
    inside = [n for n in nodes if main in ancestors(n, by_id)]
    assert any(n["role"] == "heading" and n["level"] == 1 for n in inside)
