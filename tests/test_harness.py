"""The test harness itself: shared helpers in one module, no import circles,
the ``browser`` marker, the site address from the config, the sample clinic."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import support
from support import ROOT, clinic_yaml, nav_files, page_url, site_prefix, with_clinic

TESTS = sorted((ROOT / "tests").glob("*.py"))
SCRIPTS = sorted((ROOT / "scripts").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """The top-level names of every module ``path`` imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", TESTS + SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_nothing_imports_conftest_or_a_test_module(path):
    """Shared helpers come from support.py; a test module is never a library."""
    bad = {name for name in imported_modules(path) if name == "conftest" or name.startswith("test_")}
    assert bad == set(), f"{path.name} imports {sorted(bad)}: move what it needs to tests/support.py"


def test_the_support_module_imports_no_test_and_no_script():
    scripts = {path.stem for path in SCRIPTS}
    tests = {path.stem for path in TESTS}
    assert imported_modules(ROOT / "tests" / "support.py") & (scripts | tests) == set()


# Not yet moved to support.launch_chromium (a one-line change).
NOT_YET_SHARED: set[str] = set()


def test_chromium_is_launched_in_one_place():
    """Only support.launch_chromium calls ``chromium.launch``."""
    callers = [
        path.name for path in TESTS + SCRIPTS
        if "chromium.launch(" in path.read_text(encoding="utf-8")
        and path.name not in {"support.py", "test_harness.py"} | NOT_YET_SHARED
    ]
    assert callers == []


def test_every_test_that_uses_the_browser_is_marked(request):
    """The marker is added from the fixtures, so new browser tests get it too;
    with ``-m "not browser"`` none of them is selected."""
    items = request.session.items
    assert items, "no tests collected"
    for item in items:
        uses = "browser" in getattr(item, "fixturenames", ())
        assert uses == (item.get_closest_marker("browser") is not None), item.nodeid


def test_the_marker_is_registered():
    text = (ROOT / "pytest.ini").read_text(encoding="utf-8")
    assert "--strict-markers" in text and "browser: starts Chromium" in text


def test_the_site_address_follows_the_config(monkeypatch):
    """A custom domain (SITE_URL, or a new default in mkdocs.yml) reaches the tests."""
    monkeypatch.setenv("SITE_URL", "https://guide.riverside-pain.example/")
    config = support.load_site_config()
    assert config["site_url"] == "https://guide.riverside-pain.example/"
    assert site_prefix(config) == "/"
    monkeypatch.setenv("SITE_URL", "https://example.github.io/a-fork/")
    assert site_prefix(support.load_site_config()) == "/a-fork/"


def test_no_test_writes_a_fixed_tmp_path():
    fixed = re.compile(r"""["']/tmp\b""")
    offenders = [path.name for path in TESTS
                 if path.name != "test_harness.py" and fixed.search(path.read_text(encoding="utf-8"))]
    assert offenders == [], "use tmp_path (or an environment variable) instead"


def test_nav_is_flattened_into_page_urls():
    nav = [{"Home": "index.md"}, {"The procedure": ["procedure/index.md", {"Before": "procedure/before.md"}]},
           {"FAQ": "faq.md"}, {"Elsewhere": "https://example.org/"}]
    assert [page_url(src) for src in nav_files(nav)] == [
        "", "procedure/", "procedure/before/", "faq/"]


CLINIC = {"name": 'Smith & Jones "Pain" Clinic', "accent_color": "#1a4f8b",
          "emergency_number": "999", "arrival_minutes_before": 30, "bring": ["a: b", "c"]}


def test_sample_clinic_yaml_keeps_every_value_as_written():
    import yaml

    assert yaml.safe_load(clinic_yaml(CLINIC)) == {"clinic": CLINIC}


def test_sample_clinic_goes_into_clinic_yml_when_the_project_has_one(tmp_path):
    import yaml

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "clinic.yml").write_text("clinic: {}\n", encoding="utf-8")
    with_clinic(tmp_path, CLINIC)
    assert yaml.safe_load((tmp_path / "clinic.yml").read_text(encoding="utf-8")) == {"clinic": CLINIC}
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: x\n"


def test_sample_clinic_replaces_the_extra_clinic_block_otherwise(tmp_path):
    import yaml

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  clinic:\n    name: \"\"\n\n    phone: \"\"\n"
                      "  other: 1\nnav:\n  - index.md\n", encoding="utf-8")
    with_clinic(tmp_path, CLINIC)
    loaded = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert loaded["extra"] == {"clinic": CLINIC, "other": 1}
    assert loaded["nav"] == ["index.md"]
