"""The review document: every key the skill can say is in it, each with a source, in a group; the content
version is real at run time; and, in Debian's Chromium, the page and its PDF hold up."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from skill.content import load_content
from skill.content.version import UNKNOWN, compute_content_version, content_version
from tooling.review import (
    CHROMIUM_HINT,
    PDF,
    REVIEW_TOOLS,
    build_review,
    chromium,
    node_tools_installed,
    write_page,
)
from tooling.review.catalogue import catalogue, group_of, groups
from tooling.review.page import SECTIONS
from tooling.review.said import walk_conversation
from tooling.review.sources import DRIFT_THRESHOLD, clinician_decisions, content_words, seed_overlap

# Building the whole document walks the conversation and renders every line in every locale (seconds):
# for make test, not the inner loop.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lines():  # type: ignore[no-untyped-def]
    return catalogue()


def test_every_key_the_skill_can_say_is_in_the_document(lines) -> None:  # type: ignore[no-untyped-def]
    said = walk_conversation().keys
    documented = {entry.key for entry in lines.entries}
    assert said - documented == set(), "keys the conversation says that the document leaves out"
    content = load_content()
    assert documented == set(content.lines) | set(content.lists), "every content key, exactly once"
    assert len(lines.entries) == len(documented)


def test_every_key_has_a_source_with_a_reference(lines) -> None:  # type: ignore[no-untyped-def]
    unsourced = [entry.key for entry in lines.entries if not entry.reference and not entry.seed_matches]
    assert unsourced == []
    assert [entry.key for entry in lines.entries if any("no source" in f for f in entry.flags)] == []


def test_every_seed_line_is_matched_sentence_by_sentence_with_the_seed(lines) -> None:  # type: ignore[no-untyped-def]
    for entry in lines.entries:
        if entry.source == "seed":
            assert entry.seed_matches, entry.key
            assert any(match.seed is not None for match in entry.seed_matches), entry.key
            assert all(match.seed.text for match in entry.seed_matches if match.seed is not None)


def test_a_key_added_later_lands_in_a_sensible_group_or_in_other_lines() -> None:
    all_groups = groups(load_content())
    assert group_of("scope.chest", all_groups).id == "scope"
    assert group_of("emergency.again", all_groups).id == "emergency"
    assert group_of("care.heat", all_groups).id == "care"
    assert group_of("check.severe.plainer.earlier", all_groups).id == "check-severe"
    assert group_of("topic.causes.more", all_groups).id == "topic-causes"
    assert group_of("something.new", all_groups).id == "other"


def test_the_overlap_measure_and_its_threshold() -> None:
    assert content_words("Muscle spasms can't") == {"muscle", "cramp"}
    assert seed_overlap("Then rest the muscle.", "Then rest the muscle.") == 1.0
    assert seed_overlap("Was the pain very bad?", "Severe cramping") >= DRIFT_THRESHOLD, "the ear's words"
    assert seed_overlap("Take quinine tonic every night.", "Take vitamin or mineral supplements.") < (
        DRIFT_THRESHOLD
    ), "a new claim still drifts"
    assert seed_overlap("Has this cramp lasted a long time?", "Cramping that lasts a long time") == 1.0


def test_todays_flags(lines) -> None:  # type: ignore[no-untyped-def]
    flags = {entry.key: entry.flags for entry in lines.entries if entry.flags}
    assert any("to confirm" in flag for flag in flags["guide.stretch.foot"]), "the foot source is unverified"
    stressed = [
        flag for key in ("guide.stretch.hamstring", "guide.stretch.quadriceps") for flag in flags.get(key, [])
    ]
    assert not any("stresses" in flag for flag in stressed), "the hamstring says sit, the front thigh first"


def test_the_clinicians_decisions_are_read_from_content_sources() -> None:
    decisions, until = clinician_decisions()
    assert len(decisions) == 5
    assert decisions[0].startswith("Whether one night waking counts")
    assert until.startswith("Until decided")


def test_the_page_is_self_contained_with_every_section(tmp_path: Path) -> None:
    page, _, version = write_page(tmp_path)
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html), "nothing fetched from a network"
    for section in SECTIONS:
        assert f'<section id="{section}"' in html
    assert html.count(version) >= 2, "the version heads the page and is signed"


def test_the_content_version_covers_content_models_and_the_store_listing(tmp_path: Path) -> None:
    version = compute_content_version(REPO)
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert content_version() == version
    assert compute_content_version(tmp_path) == UNKNOWN
    copy = tmp_path / "repo"
    models = REPO.glob("interaction_model/interactionModels/custom/*")
    for path in [*REPO.glob("skill/content/*.toml"), *models, REPO / "interaction_model" / "skill.json"]:
        target = copy / path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    assert compute_content_version(copy) == version
    model = next(copy.glob("interaction_model/interactionModels/custom/*.json"))
    model.write_bytes(model.read_bytes() + b"\n")
    assert compute_content_version(copy) != version, "a changed model is a new version"
    changed_model = compute_content_version(copy)
    listing = copy / "interaction_model" / "skill.json"
    listing.write_bytes(listing.read_bytes() + b"\n")
    assert compute_content_version(copy) != changed_model, "a changed store listing is a new version"


def test_the_lambda_entry_point_logs_the_version_once_at_cold_start() -> None:
    code = "import sys; sys.path.insert(0, 'lambda'); import lambda_function"
    finished = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True, timeout=120
    )
    logged = [line for line in finished.stderr.splitlines() if "content version" in line]
    assert logged == [f"cramp coach content version {content_version()}"]


# ---------------------------------------------------------------------------------------------------------
# In a real browser


@pytest.mark.slow
def test_the_document_in_chromium(tmp_path: Path) -> None:
    if chromium() is None:
        pytest.skip(CHROMIUM_HINT)
    if not node_tools_installed():
        pytest.skip(f"run: npm ci --prefix {REVIEW_TOOLS.relative_to(REPO)}")
    from pypdf import PdfReader

    review = build_review(tmp_path)
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps([entry.key for entry in review.catalogue.entries]), encoding="utf-8")
    finished = subprocess.run(
        ["node", str(REVIEW_TOOLS / "check.js"), str(review.page), str(keys), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    report = json.loads(finished.stdout)
    assert report["consoleErrors"] == []
    assert report["outsideRequests"] == []
    assert report["scripts"] == 0
    assert report["sections"] == list(SECTIONS)
    assert report["missingKeys"] == []
    serious = [v for v in report["axeViolations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], "axe-core: serious or critical accessibility violations"
    for name in ("desktop", "phone"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000
    assert report["heights"]["phone"] > report["heights"]["desktop"], "the phone layout reflows"
    assert report["sideways"] == {"desktop": False, "phone": False}, "nothing is wider than the screen"

    pdf = PdfReader(tmp_path / PDF)
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in text, f"page {number} is footed with its number"
        assert review.version in text
    whole = "\n".join(pages)
    assert "Signature" in pages[-1], "the sign-off is on the last page"
    missing = [entry.key for entry in review.catalogue.entries if entry.key not in whole.replace("\n", "")]
    assert missing == [], "every key is in the PDF"


def test_each_groups_example_is_played_from_the_launch_and_says_a_line_of_the_group(lines) -> None:  # type: ignore[no-untyped-def]
    for group, entries in lines.groups:
        for example in lines.examples.get(group.id, []):
            assert example.said[0].startswith(("open cramp coach", "ask cramp coach")), group.id
            said = [rendering.heard for entry in entries for rendering in entry.renderings]
            assert any(line[:40] in example.heard for line in said if len(line) > 10), group.id
    assert len(lines.examples) >= 15, "the opening, every stretch, the outcomes, each topic, the misses"
