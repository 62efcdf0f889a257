"""The weight benchmark's plain parts (scripts/bench.py): no build, no browser."""

from __future__ import annotations

import gzip
import http.client
import json
import socket

import pytest

import bench
from bench import KIB, PageResult, Response

HTML = b"<!doctype html><title>t</title>" + b"<p>ganglion impar block</p>" * 200
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def server(tmp_path):
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "index.html").write_bytes(HTML)
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "404.html").write_bytes(b"<h1>Sorry, we cannot find that page</h1>" * 20)
    with bench.Server(tmp_path, "/guide/") as running:
        yield running


def get(server, path, accept_encoding=None):
    host, port = server.origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_html_is_gzipped_with_encoding_and_compressed_length(server):
    response, body = get(server, "/guide/faq/", "gzip, deflate, br")
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert int(response.headers["Content-Length"]) == len(body) < len(HTML)
    assert gzip.decompress(body) == HTML


def test_html_is_plain_without_accept_encoding_or_with_gzip_refused(server):
    for accept in (None, "gzip;q=0, identity"):
        response, body = get(server, "/guide/faq/", accept)
        assert response.headers["Content-Encoding"] is None
        assert body == HTML


def test_png_is_sent_as_it_is(server):
    response, body = get(server, "/guide/logo.png", "gzip")
    assert response.headers["Content-Encoding"] is None
    assert body == PNG


def test_outside_the_prefix_gets_the_sites_404_gzipped(server):
    response, body = get(server, "/faq/", "gzip")
    assert response.status == 404
    assert b"Sorry, we cannot find that page" in gzip.decompress(body)
    response, body = get(server, "/guide/no-such-page/")
    assert response.status == 404 and response.headers["Content-Encoding"] is None
    assert body.startswith(b"<h1>Sorry, we cannot find that page</h1>")


def test_server_counts_exactly_the_bytes_on_the_wire(server):
    host, port = server.origin.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /guide/faq/ HTTP/1.1\r\nHost: x\r\n"
                     b"Accept-Encoding: gzip\r\nConnection: close\r\n\r\n")
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    [record] = server.log
    headers, _, body = raw.partition(b"\r\n\r\n")
    assert record.bytes == len(raw)
    assert record.body_bytes == len(body) and record.header_bytes == len(headers) + 4
    assert (record.status, record.encoding, record.path) == (200, "gzip", "/guide/faq/")


def page(name, kib, foreign=(), status=200):
    return PageResult(name, status, requests=10, transferred=int(kib * KIB), foreign=list(foreign))


def test_budgets_hold_at_their_limits():
    pages = [page("", 80), page("a/", 150), page("b/", 10)]
    assert bench.check_budgets(pages) == []


def test_budgets_flag_a_151_kib_page_and_a_foreign_request():
    pages = [page("", 20), page("faq/", 151), page("b/", 30, ["https://fonts.googleapis.com/css"])]
    assert bench.check_budgets(pages) == [
        "1 foreign requests (b/)",
        "faq/ 151.0 KiB > 150 KiB",
    ]


def test_budgets_flag_a_heavy_median_and_a_missing_page():
    pages = [page("", 81), page("a/", 90), page("b/", 10, status=404)]
    assert bench.check_budgets(pages) == ["median 81.0 KiB > 80 KiB", "b/ answered HTTP 404"]


def test_median_of_an_even_number_of_pages_and_the_summary_line():
    pages = [page("", 10), page("a/", 20), page("faq/", 40), page("b/", 30)]
    assert bench.median_bytes(pages) == 25 * KIB
    line = bench.summary_line(pages, 1.94, [])
    assert line == ("SUMMARY: 4 pages, median 25.0 KiB, max 40.0 KiB (faq/), "
                    "0 foreign requests, build 1.9 s — budgets: OK")
    assert bench.summary_line(pages, None, ["x"]).endswith("build skipped (--site) — budgets: FAILED (x)")


def test_summarize_page_finds_largest_asset_and_foreign_requests():
    origin = "http://127.0.0.1:1234"
    responses = [Response("/guide/", 200, 150, 8000, "gzip"),
                 Response("/guide/search/search_index.json", 200, 160, 40000, "gzip")]
    requested = [origin + "/guide/", origin + "/guide/search/search_index.json",
                 "data:image/svg+xml;x", "https://fonts.gstatic.com/a.woff2"]
    result = bench.summarize_page("", 200, requested, responses, origin)
    assert (result.requests, result.transferred) == (3, 48310)
    assert (result.largest_url, result.largest_bytes) == ("/guide/search/search_index.json", 40160)
    assert result.foreign == ["https://fonts.gstatic.com/a.woff2"]
    assert result.warnings == []
    assert bench.asset_name(result.largest_url, "/guide/") == "search_index.json"
    assert bench.asset_name("/guide/", "/guide/") == "(home)"


def test_lighthouse_scores_are_read_from_its_json():
    report = {"categories": {"accessibility": {"score": 1}, "best-practices": {"score": 0.96},
                             "seo": {"score": 0.9}, "performance": {"score": None}}}
    assert bench.lighthouse_scores(json.dumps(report)) == {
        "accessibility": 100, "best-practices": 96, "seo": 90, "performance": None}


def test_lighthouse_is_skipped_when_nothing_is_installed(monkeypatch):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    assert bench.lighthouse_command() is None
