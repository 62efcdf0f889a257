"""No dead ends (issue 13, item 6): a picture opens larger inside the site and
closes by keyboard; tick boxes work, are kept on the device only, clear with
one button and print as ticked; without JavaScript they are for paper."""

from __future__ import annotations

import pytest

from support import DESKTOP, PHONE, foreign_requests

FIGURE_LINK = "article figure.gib-figure a:visible"


def test_picture_opens_larger_inside_the_site_and_closes_by_keyboard(visit, site_server):
    tab = visit(color_scheme="dark", **DESKTOP)
    page = tab.page
    page.goto(site_server.url("anatomy/"), wait_until="load")
    link = page.locator(FIGURE_LINK).first
    inline = link.locator("img").bounding_box()
    link.focus()
    page.keyboard.press("Enter")
    view = page.locator("dialog.gib-figure-view[open]")
    view.wait_for()
    assert page.url == site_server.url("anatomy/")            # still in the site
    caption = link.evaluate("a => a.closest('figure').querySelector('figcaption').textContent")
    title = view.get_by_role("heading").inner_text()
    assert caption.startswith(title) and len(title) > 20          # named by the caption
    assert page.get_by_role("dialog", name=title[:30]).count() == 1
    image = view.locator("img")
    image.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.get_attribute("src").endswith("#only-dark")   # the dark picture stays dark
    assert image.get_attribute("alt") == link.locator("img").get_attribute("alt")
    larger = page.evaluate(
        """img => { const r = img.getBoundingClientRect();
                    const scale = Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight);
                    return img.naturalWidth * scale; }""", image.element_handle())
    assert larger > inline["width"] * 1.3, (larger, inline)
    assert "Tap or click" not in view.inner_text()
    # The Close button is reached by keyboard and works; focus returns to the picture.
    close = view.get_by_role("button", name="Close")
    assert page.evaluate("document.activeElement.textContent") == "Close" or close.is_visible()
    close.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('dialog.gib-figure-view[open]')")
    assert page.evaluate("document.activeElement.closest('figure') !== null")
    # Escape closes it as well, and so does the browser's Back button.
    page.keyboard.press("Enter")
    view.wait_for()
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog.gib-figure-view[open]')")
    page.keyboard.press("Enter")
    view.wait_for()
    # Reopened before the close's step back through history has arrived (a quick
    # double tap): the late step must not close the new view, and the new view
    # still gets its own history entry for Back to close.
    page.evaluate("""() => { document.querySelector('dialog.gib-figure-view').close();
                              document.activeElement.click(); }""")
    page.wait_for_function("() => history.state && history.state.gibFigureView === true")
    assert view.count() == 1
    page.go_back()
    page.wait_for_function("() => !document.querySelector('dialog.gib-figure-view[open]')")
    assert page.url == site_server.url("anatomy/")
    assert tab.console_errors == []


@pytest.mark.parametrize("layout, hint", [
    (DESKTOP, "Tap or click the picture to see it larger."),
    (PHONE, "Tap the picture to see it on its own."),
], ids=["wide", "narrow"])
def test_caption_promises_only_what_the_screen_does(visit, site_server, layout, hint):
    for javascript in (True, False):
        tab = visit(java_script_enabled=javascript, **layout)
        tab.page.goto(site_server.url("procedure/during/"), wait_until="load")
        caption = tab.page.locator("article figcaption").first.inner_text()
        assert caption.endswith(hint), (javascript, caption)
        assert caption.count("picture") == 1


def ticks(page) -> list[bool]:
    return page.evaluate("() => [...document.querySelectorAll('.gib-tick')].map(b => b.checked)")


def test_tick_boxes_are_kept_on_this_device_only_and_clear_with_one_button(visit, site_server):
    tab = visit(**PHONE)
    page = tab.page
    page.goto(site_server.url("procedure/before/"), wait_until="networkidle")
    boxes = page.get_by_role("checkbox")
    assert boxes.count() >= 5
    # Each box is named by its item's words.
    first_name = boxes.first.evaluate("b => document.getElementById(b.getAttribute('aria-labelledby')).textContent")
    assert len(first_name.strip()) > 10
    boxes.nth(0).check()
    boxes.nth(2).focus()
    page.keyboard.press("Space")
    assert ticks(page)[:3] == [True, False, True]
    page.reload(wait_until="networkidle")
    assert ticks(page)[:3] == [True, False, True]
    assert foreign_requests(tab.requests, site_server) == []
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('gib-ticks:')).length") == 1
    # Printed as on screen: the same boxes, ticked, and no screen-only note.
    page.emulate_media(media="print")
    assert ticks(page)[:3] == [True, False, True]
    assert page.locator(".gib-tick").first.is_visible()
    assert not page.locator(".gib-tick-note").is_visible()
    page.emulate_media(media="screen")
    # One button clears them all, and says so.
    page.get_by_role("button", name="Clear all ticks on this page").click()
    assert not any(ticks(page))
    assert "cleared" in page.get_by_role("status").inner_text()
    page.reload(wait_until="networkidle")
    assert not any(ticks(page))
    assert tab.console_errors == []


def test_without_javascript_the_boxes_are_for_paper_and_say_so(visit, site_server):
    tab = visit(java_script_enabled=False, **DESKTOP)
    page = tab.page
    page.goto(site_server.url("risks/"), wait_until="load")
    checklist = page.locator(".gib-checklist").first
    note = checklist.evaluate("el => getComputedStyle(el, '::before').content")
    assert "print" in note
    box = "el => getComputedStyle(el.querySelector('li'), '::before').display"
    assert checklist.evaluate(box) == "none"
    page.emulate_media(media="print")
    assert checklist.evaluate(box) != "none"
    assert checklist.evaluate("el => getComputedStyle(el, '::before').content") in ("none", "normal")
