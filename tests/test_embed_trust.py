"""embed.js uses only messages the browser delivered (``event.isTrusted``).

A script on the clinic's page can build a ``MessageEvent`` with any origin
and any source, even the guide's frame window, and dispatch it. Before the
``isTrusted`` check that resized the frame; now it must not, while the same
message really posted by the guide page inside the frame still does.
"""

from __future__ import annotations

import time

import pytest

from support import DESKTOP, serve

HOST_IP = "127.0.0.2"
FAKE = 4321
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Clinic page</title></head><body>
<div data-impar-guide="procedure/"></div>
<script src="{guide}assets/javascripts/embed.js" async></script>
</body></html>"""


@pytest.fixture
def host(tmp_path, site_server):
    (tmp_path / "clinic.html").write_text(PAGE.format(guide=site_server.url()), encoding="utf-8")
    server, httpd = serve(tmp_path, "/", host=HOST_IP)
    yield server
    httpd.shutdown()
    httpd.server_close()


def wait_for(check, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.browser
def test_a_made_up_message_event_cannot_resize_the_frame(visit, site_server, host):
    tab = visit(**DESKTOP)
    tab.page.goto(host.url("clinic.html"), wait_until="load")
    frame = tab.page.locator("[data-impar-guide] > iframe")

    def height():
        return frame.evaluate("f => Math.round(f.getBoundingClientRect().height)")

    # The guide page reported its real height: the frame left its 600 px start.
    wait_for(lambda: frame.count() == 1 and height() not in (600, FAKE), 10, "the first real height")
    wait_for(lambda: tab.page.evaluate("document.readyState") == "complete", 5, "the page")
    tab.page.wait_for_timeout(500)
    real = height()

    forged = tab.page.evaluate(f"""() => {{
        const frame = document.querySelector('[data-impar-guide] > iframe');
        const event = new MessageEvent('message', {{
            data: {{type: 'gib:height', height: {FAKE}, path: '/procedure/'}},
            origin: {site_server.origin!r},
            source: frame.contentWindow,
        }});
        window.dispatchEvent(event);
        return {{isTrusted: event.isTrusted, origin: event.origin,
                 sameSource: event.source === frame.contentWindow}};
    }}""")
    # The forgery has everything right but isTrusted ...
    assert forged == {"isTrusted": False, "origin": site_server.origin, "sameSource": True}
    tab.page.wait_for_timeout(300)
    assert height() == real  # ... and is ignored.

    # The same message, really posted by the guide page in the frame, is used.
    inside = frame.element_handle().content_frame()
    inside.evaluate(f"parent.postMessage({{type: 'gib:height', height: {FAKE}, path: '/procedure/'}}, '*')")
    wait_for(lambda: height() == FAKE, 3, "a real message to be used")
    assert tab.console_errors == []
