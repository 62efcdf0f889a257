"""A clinic's fork keeps its settings when it pulls a new edition.

The test plays both sides with git: upstream (this project) and a clinic's
fork of it. The fork fills in clinic.yml and adds its logo; upstream then
ships a new edition that changes mkdocs.yml, a page, the settings template
(clinic.example.yml) and CHANGELOG.md. The fork merges it as GitHub's "Sync
fork" does: no conflict, and the merged guide builds with both the clinic's
settings and upstream's changes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from support import clinic_yaml, copy_project, mkdocs_build

pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")

TODAY = dt.date.today()
CLINIC = {
    "name": "Riverside Pain Clinic",
    "phone": "+44 1234 567890",
    "logo": "assets/images/clinic-logo.svg",
    "fasting": "Stop eating 2 hours before your appointment.",
    "clinical_reviewer": "Dr Ana Ortega, pain medicine",
    "clinical_review_date": TODAY.isoformat(),
}
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
NEW_SENTENCE = "This sentence arrived with the new edition."


def git(folder, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def edit(path, old_pattern: str, new: str):
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(old_pattern, lambda _: new, text, count=1, flags=re.M)
    assert count == 1, (path, old_pattern)
    path.write_text(text, encoding="utf-8")


def test_a_fork_merges_a_new_edition_without_conflict_and_builds(tmp_path):
    upstream = copy_project(tmp_path / "upstream")
    assert git(upstream, "init", "-q", "-b", "main").returncode == 0
    git(upstream, "add", "-A")
    assert git(upstream, "commit", "-q", "-m", "Edition 1").returncode == 0

    # The clinic forks, fills in its settings and adds its logo.
    fork = tmp_path / "fork"
    assert git(tmp_path, "clone", "-q", str(upstream), str(fork)).returncode == 0
    (fork / "clinic.yml").write_text(clinic_yaml(CLINIC), encoding="utf-8")
    (fork / "docs" / CLINIC["logo"]).write_text(LOGO, encoding="utf-8")
    git(fork, "add", "clinic.yml", "docs/" + CLINIC["logo"])
    assert git(fork, "commit", "-q", "-m", "Our clinic").returncode == 0

    # Upstream ships a new edition: config, a page, the settings template, the changelog.
    edit(upstream / "mkdocs.yml", r"^site_description: >-$", "site_description: >-\n  New edition.")
    page = upstream / "docs" / "risks.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{NEW_SENTENCE}\n", encoding="utf-8")
    edit(upstream / "clinic.example.yml", r"^clinic:$",
         "# A note that a later edition added to the template.\nclinic:")
    edit(upstream / "CHANGELOG.md", r"^## \[Unreleased\]$",
         f"## [Unreleased]\n\n## [9.9.9] - {TODAY.isoformat()}\n\n### Medical content\n\n- A test edition.\n")
    git(upstream, "add", "-A")
    assert git(upstream, "commit", "-q", "-m", "Edition 2").returncode == 0

    # The clinic pulls it, as "Sync fork" does.
    merged = git(fork, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(fork, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert "<<<<<<<" not in (fork / "clinic.yml").read_text(encoding="utf-8")
    changed = set(git(fork, "diff", "--name-only", "HEAD~1", "HEAD").stdout.split())
    assert {"mkdocs.yml", "docs/risks.md", "clinic.example.yml", "CHANGELOG.md"} <= changed

    result = mkdocs_build(fork, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = BeautifulSoup((tmp_path / "site" / "risks" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert NEW_SENTENCE in page.find("article").get_text()
    assert page.select_one(".gib-clinic__name").get_text() == CLINIC["name"]
    assert "Edition 9.9.9" in page.find("footer").get_text()
    assert "Checked for Riverside Pain Clinic by Dr Ana Ortega" in page.select_one(".gib-review").get_text()
