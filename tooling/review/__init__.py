"""The review document a clinician signs: every line the skill can say or show, where it is said, its
source, the conversation as a picture, the clinician's decisions and a sign-off, from the content itself.

``make review`` (``python -m tooling.review``) writes ``build/review/index.html`` (one page, no script, no
network), the sign-off record to fill in beside it (``sign-off.json``, see ``signoff.py``), and prints the
page to ``build/review/cramp-coach-content.pdf`` with Debian's Chromium, driven by
``tooling/review/print.js`` (puppeteer-core, pinned in ``package-lock.json``); then it checks a signed
record, if one is committed, against what runs. ``check.js`` is the browser
test's half: console errors, sections, keys, screenshots and axe-core, run by ``tests/test_review.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tooling.review.catalogue import Catalogue, catalogue
from tooling.review.page import render_page
from tooling.review.signoff import Status, check_signed_record, write_blank_record

REVIEW_TOOLS = Path(__file__).resolve().parent
REPO = REVIEW_TOOLS.parent.parent
DEFAULT_OUTPUT = REPO / "build" / "review"
PAGE = "index.html"
PDF = "cramp-coach-content.pdf"
CHROMIUM_HINT = "the PDF and the browser test need Debian's Chromium: apt-get install -y chromium"
# Debian's browser, never a downloaded one; CHROMIUM overrides the path.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)  # fmt: skip


class ReviewError(RuntimeError):
    """The document could not be made as promised; the message says what is missing."""


@dataclass(frozen=True)
class Review:
    """What was written."""

    page: Path
    pdf: Path | None
    catalogue: Catalogue
    version: str
    record: Path | None = None  # the sign-off record to fill in, beside the page
    sign_off: Status | None = None  # what the committed record says about what runs


def chromium() -> str | None:
    """The system Chromium, or None."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def node_tools_installed() -> bool:
    return (REVIEW_TOOLS / "node_modules" / "puppeteer-core").is_dir()


def write_page(output: Path = DEFAULT_OUTPUT) -> tuple[Path, Catalogue, str]:
    from skill.content.version import compute_content_version

    version = compute_content_version(REPO)
    lines = catalogue()
    output.mkdir(parents=True, exist_ok=True)
    page = output / PAGE
    page.write_text(render_page(lines, version), encoding="utf-8")
    write_blank_record(output, version, len(lines.entries))
    return page, lines, version


def print_pdf(page: Path, pdf: Path, version: str) -> None:
    browser = chromium()
    if browser is None:
        raise ReviewError(CHROMIUM_HINT)
    if not node_tools_installed():
        raise ReviewError(f"run: npm ci --prefix {REVIEW_TOOLS.relative_to(REPO)}")
    finished = subprocess.run(
        ["node", str(REVIEW_TOOLS / "print.js"), str(page), str(pdf), version],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROMIUM": browser},
        timeout=300,
    )
    if finished.returncode != 0:
        raise ReviewError(f"printing the PDF failed:\n{finished.stdout}{finished.stderr}")


def build_review(output: Path = DEFAULT_OUTPUT) -> Review:
    """Write the page and the record to fill in, print the page to PDF, and check the signed record
    against the content version that runs (``content_version()``: what the skill logs)."""
    from skill.content.version import content_version

    page, lines, version = write_page(output)
    pdf = output / PDF
    print_pdf(page, pdf, version)
    return Review(page, pdf, lines, version, output / "sign-off.json", check_signed_record(content_version()))
