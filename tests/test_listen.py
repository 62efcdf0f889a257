""""Listen to this page" (docs/assets/javascripts/listen.js) in Chromium.

The browser's speech synthesis is replaced by a stub (``STUB``) before any
page script runs: it offers the voices a test asks for, records every
utterance and every call, and ends an utterance only when the test says so
(or at once, in "auto" mode). So the tests see exactly what would be spoken,
with which voice, and in what order, without a sound.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import AXE_OPTIONS, DESKTOP, PHONE, describe_violations, foreign_requests

PAGE = "procedure/"                    # has citations, abbr terms, a tip box
LOCAL_EN = {"name": "Local English", "lang": "en-US", "localService": True, "default": True}
REMOTE_EN = {"name": "Cloud English", "lang": "en-US", "localService": False, "default": False}
LOCAL_FR = {"name": "Local French", "lang": "fr-FR", "localService": True, "default": False}

STUB = """
(voices) => {
  const log = window.__speech = {spoken: [], calls: [], current: null, auto: false, listeners: []};
  class FakeUtterance {
    constructor(text) {
      this.text = text; this.voice = null; this.lang = '';
      this.onstart = null; this.onend = null; this.onerror = null;
    }
  }
  log.voices = voices;
  log.finish = () => {
    const u = log.current;
    if (!u) return false;
    log.current = null;
    setTimeout(() => u.onend && u.onend({type: 'end'}), 0);
    return true;
  };
  log.setVoices = (list) => {
    log.voices = list;
    log.listeners.forEach((fn) => fn({type: 'voiceschanged'}));
  };
  const synth = {
    get speaking() { return !!log.current; },
    pending: false,
    paused: false,
    getVoices() { return log.voices.slice(); },
    speak(u) {
      log.calls.push('speak');
      log.spoken.push({text: u.text, voice: u.voice ? u.voice.name : null, lang: u.lang});
      log.current = u;
      setTimeout(() => {
        if (u.onstart) u.onstart({type: 'start'});
        if (log.auto && log.current === u) log.finish();
      }, 0);
    },
    cancel() {
      log.calls.push('cancel');
      const u = log.current;
      log.current = null;
      if (u) setTimeout(() => u.onerror && u.onerror({type: 'error', error: 'interrupted'}), 0);
    },
    pause() { log.calls.push('pause'); this.paused = true; },
    resume() { log.calls.push('resume'); this.paused = false; },
    addEventListener(type, fn) { if (type === 'voiceschanged') log.listeners.push(fn); },
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = FakeUtterance;
}
"""


def stubbed(visit, voices, **context):
    """A tab whose speech synthesis is the stub, offering ``voices``."""
    tab = visit(**{**DESKTOP, **context})
    tab.page.add_init_script(f"({STUB})({json.dumps(voices)})")
    return tab


def spoken(page) -> list[str]:
    return page.evaluate("window.__speech.spoken.map((s) => s.text)")


def calls(page) -> list[str]:
    return page.evaluate("window.__speech.calls.slice()")


def status(page) -> str:
    return page.locator(".gib-listen [role=status]").inner_text().strip()


def wait_spoken(page, count: int):
    page.wait_for_function(f"() => window.__speech.spoken.length >= {count}")


def finish_one(page, then_spoken: int):
    """End the utterance being spoken; wait until the next one starts."""
    assert page.evaluate("window.__speech.finish()")
    wait_spoken(page, then_spoken)


def read_to_the_end(page):
    page.evaluate("window.__speech.auto = true; window.__speech.finish()")
    page.wait_for_function(
        "() => document.querySelector('.gib-listen [role=status]').textContent.trim()"
        " === 'Finished reading'")


def tab_to(page, name: str, limit: int = 5):
    """From the page title, Tab until the button called ``name`` has focus."""
    page.eval_on_selector("article h1", "h => { h.tabIndex = -1; h.focus(); }")
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.tagName + '|' + document.activeElement.textContent.trim()")
        if focused == f"BUTTON|{name}":
            return
    raise AssertionError(f"Tab never reached the {name!r} button (last: {focused})")


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def citation_labels(page) -> list[str]:
    """The words of every citation in the article (links to References, markers)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
                "article a[href*='references/#'], article .gib-cite, article sup")]
             .map((el) => el.textContent.trim()).filter(Boolean)"""
    )


# ----------------------------------------------------------------------------
# Reading, by keyboard
# ----------------------------------------------------------------------------


def test_listen_reads_the_article_by_keyboard_without_citations(visit, site_server):
    tab = stubbed(visit, [REMOTE_EN, LOCAL_EN])
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")

    group = page.get_by_role("group", name="Listen to this page")
    listen = group.get_by_role("button", name="Listen", exact=True)
    assert listen.is_visible()
    # Right after the page title, and Stop only while reading.
    assert page.evaluate(
        "document.querySelector('.gib-listen').previousElementSibling.tagName") == "H1"
    assert not group.get_by_role("button", name="Stop").is_visible()
    box = listen.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box

    # Tab to it, Enter starts reading with the local voice.
    tab_to(page, "Listen")
    page.keyboard.press("Enter")
    wait_spoken(page, 1)
    assert status(page) == "Reading aloud"
    assert has_focus(group.get_by_role("button", name="Pause"))
    assert spoken(page)[0] == page.locator("article h1").evaluate(
        "h => h.firstChild.textContent.trim()")
    finish_one(page, 2)
    finish_one(page, 3)

    # Space pauses: speech is cancelled, the sentence is remembered.
    page.keyboard.press("Space")
    page.wait_for_function("() => window.__speech.calls.includes('cancel')")
    assert status(page) == "Paused"
    assert has_focus(group.get_by_role("button", name="Resume"))
    before = spoken(page)
    page.wait_for_timeout(100)
    assert spoken(page) == before            # nothing is said while paused

    # Enter resumes with the same sentence, from its start.
    page.keyboard.press("Enter")
    wait_spoken(page, len(before) + 1)
    assert status(page) == "Reading aloud"
    assert spoken(page)[-1] == before[-1]

    read_to_the_end(page)
    assert listen.is_visible() and not group.get_by_role("button", name="Stop").is_visible()

    said = spoken(page)
    voices = page.evaluate("window.__speech.spoken.map((s) => s.voice + '|' + s.lang)")
    assert set(voices) == {"Local English|en-US"}    # never the cloud voice
    text = " ".join(said)
    # The article's words, headings and boxes, in order.
    for words in ("Most people go home the same day.", "Your day at a glance",
                  "Main points", "Plan a calm day", "How long does it take?",
                  "The injection itself is short."):
        assert words in text, words
    assert text.index("Your day at a glance") < text.index("How long does it take?")
    # No citation, no section link, no empty brackets left behind.
    labels = citation_labels(page)
    assert labels                                     # the page does cite sources
    for label in {label for label in labels if re.search("[A-Za-z]", label)}:
        assert not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text), label
    # Numbered markers are not read either: no number stuck to a word or a stop.
    assert not re.search(r"[A-Za-z.,;:)]\d", text), re.search(r".{30}[A-Za-z.,;:)]\d", text)
    if page.locator("article .gib-sources").count():
        assert "Sources for this page" not in text
    assert "¶" not in text
    assert not re.search(r"\(\s*[;,]?\s*\)|\s[.,;]", text), text
    # Short utterances (Chromium cuts long ones off).
    assert max(map(len, said)) <= 200
    # No abbr title is read: the word is, its tooltip is not.
    assert "ganglion impar block is a short injection" in text
    assert "bundle of nerve cells" not in text

    assert foreign_requests(tab.requests, site_server) == []
    assert tab.console_errors == []


def test_stop_ends_reading_and_returns_focus(visit, site_server):
    tab = stubbed(visit, [LOCAL_EN])
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    group = page.get_by_role("group", name="Listen to this page")
    group.get_by_role("button", name="Listen").click()
    wait_spoken(page, 1)
    finish_one(page, 2)

    tab_to(page, "Stop")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.gib-listen [role=status]').textContent.trim() === 'Stopped'")
    assert "cancel" in calls(page)
    assert not group.get_by_role("button", name="Stop").is_visible()
    # Focus is not lost with the hidden button: it is on Listen.
    assert has_focus(group.get_by_role("button", name="Listen"))
    assert page.locator(".gib-listen-current").count() == 0
    count = len(spoken(page))
    page.wait_for_timeout(100)
    assert len(spoken(page)) == count

    # Listen again starts from the top.
    page.keyboard.press("Space")
    wait_spoken(page, count + 1)
    assert spoken(page)[-1] == spoken(page)[0]
    assert status(page) == "Reading aloud"


def test_the_paragraph_being_read_is_highlighted(visit, site_server):
    tab = stubbed(visit, [LOCAL_EN])
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    page.get_by_role("button", name="Listen").click()
    wait_spoken(page, 1)
    finish_one(page, 2)
    current = page.locator(".gib-listen-current")
    assert current.count() == 1
    assert spoken(page)[-1] in current.inner_text()


# ----------------------------------------------------------------------------
# When there is no button
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("voices", [[REMOTE_EN], [LOCAL_FR, REMOTE_EN], []],
                         ids=["remote only", "local in another language", "none"])
def test_hidden_without_a_local_voice_for_the_page_language(visit, site_server, voices):
    tab = stubbed(visit, voices)
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    page.wait_for_timeout(1700)              # past the script's late checks
    assert page.get_by_role("button", name="Listen").count() == 0
    assert page.locator(".gib-listen:visible").count() == 0
    assert page.evaluate("window.__speech.calls") == []
    assert tab.console_errors == []


def test_voices_that_arrive_late_or_go_away(visit, site_server):
    tab = stubbed(visit, [])
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    listen = page.get_by_role("button", name="Listen")
    assert listen.count() == 0
    page.evaluate(f"window.__speech.setVoices({json.dumps([REMOTE_EN, LOCAL_EN])})")
    listen.wait_for(state="visible")
    listen.click()
    wait_spoken(page, 1)
    # The only local voice goes: reading stops and the controls go.
    page.evaluate(f"window.__speech.setVoices({json.dumps([REMOTE_EN])})")
    page.wait_for_function("() => document.querySelector('.gib-listen').hidden")
    assert "cancel" in calls(page)
    assert not page.locator(".gib-listen").is_visible()


def test_absent_without_javascript(visit, site_server):
    tab = visit(java_script_enabled=False, **DESKTOP)
    tab.page.goto(site_server.url(PAGE))
    assert tab.page.locator("script[src*='listen.js']").count() == 1   # shipped...
    assert tab.page.locator(".gib-listen, button:has-text('Listen')").count() == 0  # ...inert


def test_absent_without_speech_synthesis(visit, site_server):
    tab = visit(**DESKTOP)
    tab.page.add_init_script(
        "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true})")
    tab.page.goto(site_server.url(PAGE), wait_until="load")
    assert tab.page.locator(".gib-listen").count() == 0
    assert tab.console_errors == []


# ----------------------------------------------------------------------------
# Embed view, language, what is skipped
# ----------------------------------------------------------------------------


def test_works_in_the_embed_view(visit, site_server):
    tab = stubbed(visit, [LOCAL_EN], **PHONE)
    page = tab.page
    page.goto(site_server.url(PAGE + "?embed"), wait_until="load")
    assert page.evaluate("document.documentElement.classList.contains('gib-embed')")
    listen = page.get_by_role("button", name="Listen")
    assert listen.is_visible()
    box = listen.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] >= 24, box
    listen.tap()
    wait_spoken(page, 1)
    assert status(page) == "Reading aloud"
    assert foreign_requests(tab.requests, site_server) == []


TEST_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Listen test</title>
<link rel="stylesheet" href="../assets/stylesheets/extra.css">
<style>.gone {{ display: none }} .invisible {{ visibility: hidden }}</style></head>
<body><article class="md-content__inner md-typeset">
<h1 id="t">Title here<a class="headerlink" href="#t">&para;</a></h1>
<p>First <abbr title="A secret definition">word</abbr> is read
(<a href="../references/#harbin">Harbin</a>; <a href="../references/#cuh">CUH</a>).
Second sentence<sup class="gib-cite"><a href="#source-1" aria-label="source 1">1</a></sup> is read.
Third<span class="gib-cite"> (<a href="../references/#lahey">Lahey</a>)</span> is read.</p>
<p>Sources for this drawing: <a href="../references/#a">Alpha</a>; <a href="../references/#b">Beta</a>.</p>
<p hidden>Hidden attribute text.</p>
<p aria-hidden="true">Aria hidden text.</p>
<p class="gone">Display none text.</p>
<p class="invisible">Invisible text.</p>
<button type="button">Button text</button>
<script>var unread = 'script text';</script>
<pre><code>code sample text</code></pre>
<div class="md-tooltip2" role="tooltip">Tooltip text</div>
<div role="img" aria-label="A scale from 0 to 10." style="display: flex"><span>0</span><span>10</span></div>
<div style="display: flex"><span>Flex one</span><span>flex two</span></div>
<ul><li>List item one.</li><li>List item <a href="../glossary/">with a link</a>.</li></ul>
<details><summary>Describe this picture</summary><p>Picture description.</p></details>
<h2>Next heading</h2>
<p>{long}</p>
<h2 id="sources-for-this-page" class="gib-sources">Sources for this page</h2>
<ol><li><a href="../references/#harbin">Harbin Clinic</a> <a class="gib-cite-back" href="#cite-1">back</a></li></ol>
<p class="gib-review">Last reviewed today.</p>
</article>
<script src="../assets/javascripts/listen.js"></script>
</body></html>"""

LONG = ("This very long sentence keeps going with many small words, "
        "so that it is far longer than the limit, and it goes on "
        "past one clause, then another clause, and a further clause, "
        "until at last it has to stop somewhere near here, "
        "which it does with a full stop at the very end of it all.")


def open_test_page(tab, site_server, lang="en"):
    url = site_server.url("__listen-test__/")
    body = TEST_PAGE.format(lang=lang, long=LONG)
    tab.page.route(url, lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=body))
    tab.page.goto(url, wait_until="load")


def test_reads_text_and_skips_citations_tooltips_and_hidden_things(visit, site_server):
    tab = stubbed(visit, [LOCAL_EN])
    open_test_page(tab, site_server)
    page = tab.page
    page.get_by_role("button", name="Listen").click()
    wait_spoken(page, 1)
    page.evaluate("window.__speech.auto = true; window.__speech.finish()")
    page.wait_for_function("() => document.querySelector('.gib-listen [role=status]')"
                           ".textContent.trim() === 'Finished reading'")
    said = spoken(page)
    assert said[:4] == ["Title here", "First word is read.", "Second sentence is read.",
                        "Third is read."]
    text = " | ".join(said)
    for words in ("A scale from 0 to 10.", "Flex one", "flex two",
                  "List item one.", "List item with a link.", "Describe this picture",
                  "Picture description.", "Next heading", "Last reviewed today."):
        assert words in said, words
    for never in ("¶", "secret definition", "Harbin", "CUH", "Lahey", "source 1", "Alpha",
                  "Sources for this", "Hidden attribute", "Aria hidden", "Display none",
                  "Invisible", "010", "Flex oneflex", "Button text", "script text", "code sample", "Tooltip text", "back"):
        assert never not in text, never
    # The long sentence is cut at clause boundaries into short utterances.
    long_parts = [s for s in said if s in LONG]
    assert len(long_parts) >= 2 and max(map(len, long_parts)) <= 200
    assert " ".join(long_parts) == LONG


def test_the_voice_follows_the_page_language(visit, site_server):
    voices = [
        {"name": "Local English", "lang": "en-GB", "localService": True, "default": True},
        {"name": "Cloud Spanish", "lang": "es-ES", "localService": False, "default": False},
        {"name": "Local Mexican Spanish", "lang": "es_MX", "localService": True, "default": False},
    ]
    tab = stubbed(visit, voices)
    open_test_page(tab, site_server, lang="es")
    page = tab.page
    listen = page.get_by_role("group", name="Escuchar esta página").get_by_role(
        "button", name="Escuchar")
    listen.click()
    wait_spoken(page, 1)
    assert status(page) == "Leyendo en voz alta"
    assert page.evaluate("window.__speech.spoken[0].voice") == "Local Mexican Spanish"


# ----------------------------------------------------------------------------
# Accessibility
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_controls(visit, site_server, scheme):
    axe = Axe()
    tab = stubbed(visit, [LOCAL_EN], color_scheme=scheme)
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    where = {"include": [[".gib-listen"]]}
    problems = describe_violations(PAGE, axe.run(page, context=where, options=AXE_OPTIONS)
                                   .response["violations"])
    # Hovered (filled), then while reading (status shown, a sentence highlighted).
    page.get_by_role("button", name="Listen").hover()
    page.wait_for_timeout(300)               # Material's colour transition (125 ms)
    problems += describe_violations(PAGE + " hover", axe.run(
        page, context=where, options=AXE_OPTIONS).response["violations"])
    page.get_by_role("button", name="Listen").click()
    wait_spoken(page, 1)
    finish_one(page, 2)
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)               # Material's colour transition (125 ms)
    where = {"include": [[".gib-listen"], [".gib-listen-current"]]}
    problems += describe_violations(PAGE + " reading", axe.run(
        page, context=where, options=AXE_OPTIONS).response["violations"])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_visible_on_the_controls(visit, site_server, scheme):
    tab = stubbed(visit, [LOCAL_EN], color_scheme=scheme)
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    tab_to(page, "Listen")
    ring = page.evaluate("""() => {
        const style = getComputedStyle(document.activeElement);
        const bg = getComputedStyle(document.body).backgroundColor;
        return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
                color: style.outlineColor, page: bg};
    }""")
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert ring["color"] != ring["page"], ring


def test_not_printed(visit, site_server):
    tab = stubbed(visit, [LOCAL_EN])
    page = tab.page
    page.goto(site_server.url(PAGE), wait_until="load")
    assert page.locator(".gib-listen").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".gib-listen").is_visible()


# ----------------------------------------------------------------------------
# Spanish pages (site/es/)
# ----------------------------------------------------------------------------

SPANISH_PAGE = "es/" + PAGE
LOCAL_ES = {"name": "Local Mexican Spanish", "lang": "es-MX", "localService": True, "default": False}
REMOTE_ES = {"name": "Cloud Spanish", "lang": "es-ES", "localService": False, "default": False}
NO_SPANISH_VOICE = ("Este aparato no tiene una voz en español. "
                    "Por eso la guía no puede leerle esta página en voz alta.")
# The English words of the controls: none may show on a Spanish page.
ENGLISH = re.compile(r"\b(Listen|Pause|Resume|Stop|Reading|Paused|Stopped|Finished|page|device"
                     r"|voice|this)\b")


def test_a_spanish_page_is_read_in_spanish_with_spanish_controls(visit, site_server):
    tab = stubbed(visit, [LOCAL_EN, REMOTE_ES, LOCAL_ES])
    page = tab.page
    page.goto(site_server.url(SPANISH_PAGE), wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "es"
    group = page.get_by_role("group", name="Escuchar esta página")
    group.get_by_role("button", name="Escuchar", exact=True).click()
    wait_spoken(page, 1)
    assert status(page) == "Leyendo en voz alta"
    finish_one(page, 2)
    group.get_by_role("button", name="Pausar").click()
    page.wait_for_function("() => window.__speech.calls.includes('cancel')")
    assert status(page) == "En pausa"
    group.get_by_role("button", name="Reanudar").click()
    group.get_by_role("button", name="Detener").click()
    page.wait_for_function(
        "() => document.querySelector('.gib-listen [role=status]').textContent.trim() === 'Detenido'")
    # The Spanish page, with the device's own Spanish voice (never the cloud one).
    assert spoken(page)[0] == page.locator("article h1").evaluate(
        "h => h.firstChild.textContent.trim()") == "El procedimiento"
    assert set(page.evaluate("window.__speech.spoken.map((s) => s.voice + '|' + s.lang)")) \
        == {"Local Mexican Spanish|es-MX"}
    # Every word the controls showed or named.
    said = page.evaluate("""() => [...document.querySelectorAll('.gib-listen, .gib-listen *')]
        .map((el) => [el.getAttribute('aria-label') || '', el.textContent]).flat().join(' | ')""")
    assert not ENGLISH.search(said), said
    assert page.locator(".gib-listen-none").count() == 0
    assert tab.console_errors == []


def test_a_spanish_page_says_when_there_is_no_spanish_voice(visit, site_server):
    tab = stubbed(visit, [])
    page = tab.page
    page.goto(site_server.url(SPANISH_PAGE), wait_until="load")
    page.wait_for_timeout(1700)              # past the script's late checks
    # No voices listed at all (speech not ready, or none): nothing is said.
    assert page.locator(".gib-listen-none:visible, .gib-listen:visible").count() == 0

    # Voices, but none of the device's own in Spanish: a plain Spanish note
    # under the title, no controls, nothing spoken.
    page.evaluate(f"window.__speech.setVoices({json.dumps([LOCAL_EN, REMOTE_ES])})")
    note = page.locator(".gib-listen-none")
    note.wait_for(state="visible")
    assert note.inner_text().strip() == NO_SPANISH_VOICE
    assert not ENGLISH.search(note.inner_text())
    assert note.evaluate("p => p.previousElementSibling.tagName") == "H1"
    assert page.get_by_role("button", name="Escuchar").count() == 0
    assert page.get_by_role("button", name="Listen").count() == 0
    page.emulate_media(media="print")
    assert not note.is_visible()
    page.emulate_media(media="screen")

    # A Spanish voice arrives: the note goes, the controls come.
    page.evaluate(f"window.__speech.setVoices({json.dumps([LOCAL_EN, REMOTE_ES, LOCAL_ES])})")
    page.get_by_role("button", name="Escuchar").wait_for(state="visible")
    assert not note.is_visible()
    assert page.evaluate("window.__speech.calls") == []

    # An English page with the same voices has its controls and no note.
    page.goto(site_server.url(PAGE), wait_until="load")
    page.evaluate(f"window.__speech.setVoices({json.dumps([LOCAL_EN, REMOTE_ES])})")
    assert page.get_by_role("button", name="Listen").is_visible()
    assert page.locator(".gib-listen-none").count() == 0
    assert tab.console_errors == []
