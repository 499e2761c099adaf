"""``tooling.estimate.calibration``: the estimate held to Alexa's published recall on the Snips 2017
benchmark (``tests/data/snips2017/``), and the thresholds of ``fallbackIntentSensitivity`` found there.

The table is printed with the test run, as ``make calibrate`` prints it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tooling.estimate.calibration import (
    BENCHMARK,
    GRID,
    Calibration,
    calibrate,
    calibrated_thresholds,
    language_model,
    load_benchmark,
    spoken,
    table,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def calibration() -> Calibration:
    return calibrate()


def test_the_benchmark_is_kept_whole_with_its_licence_and_origin() -> None:
    intents = load_benchmark()
    assert [intent.name for intent in intents] == [
        "AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic", "RateBook", "SearchCreativeWork",
        "SearchScreeningEvent",
    ]  # fmt: skip
    for intent in intents:
        assert (len(intent.train), len(intent.validate), len(intent.alexa_recall)) == (300, 100, 3)
        assert all(0.7 <= recall <= 1.0 for recall in intent.alexa_recall), "Alexa's 77-100%, per draw"
    assert "CC0 1.0 Universal" in (BENCHMARK / "LICENSE").read_text(encoding="utf-8")
    readme = (BENCHMARK / "README.md").read_text(encoding="utf-8")
    assert "sonos/nlu-benchmark" in readme and "b86ac7f1577868c42158d0dec77db50956046696" in readme


def test_a_query_becomes_a_sample_with_its_entities_as_slots_and_their_values() -> None:
    model = language_model(
        "GetWeather", ["Will there be [wind](condition) in [Boston](city) or [Rome](city)?"]
    )
    assert model["intents"][0]["samples"] == ["Will there be {condition} in {city} or Rome?"]
    assert {kind["name"] for kind in model["types"]} == {"condition_type", "city_type"}
    assert spoken("Will there be [wind](condition) in [Boston](city)?") == "Will there be wind in Boston?"


def test_the_estimate_is_no_more_generous_than_alexa_was(
    calibration: Calibration, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print("\n" + "\n".join(table(calibration)))
    low = calibration.thresholds.low
    assert calibration.mean_recall(low) <= calibration.alexa_mean
    lower = [threshold for threshold in GRID if threshold < low]
    assert lower, "a threshold of nothing at all would be no estimate"
    assert calibration.mean_recall(lower[-1]) > calibration.alexa_mean, "LOW is the most generous that is not"


def test_the_estimate_hears_far_more_than_the_grammar_alone(calibration: Calibration) -> None:
    low = calibration.thresholds.low
    for score in calibration.scores:
        assert score.recall(low) > score.strict_recall(), score.name


def test_a_higher_sensitivity_halves_and_quarters_what_other_intents_get_taken(
    calibration: Calibration,
) -> None:
    low, medium, high = calibration.thresholds
    assert low < medium < high
    taken = calibration.out_of_domain_accept
    assert taken(medium) <= taken(low) / 2
    assert all(taken(threshold) > taken(low) / 2 for threshold in GRID if low <= threshold < medium)
    assert taken(high) <= taken(low) / 4
    assert all(taken(threshold) > taken(low) / 4 for threshold in GRID if medium <= threshold < high)
    assert calibration.mean_recall(high) < calibration.mean_recall(medium) < calibration.mean_recall(low)


def test_the_skills_estimate_uses_the_benchmarks_thresholds(calibration: Calibration) -> None:
    assert calibrated_thresholds() == calibration.thresholds


@pytest.mark.slow
def test_make_calibrate_prints_every_intent_beside_alexa_and_the_three_thresholds() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "tooling.estimate.calibration"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = finished.stdout.splitlines()
    for intent in load_benchmark():
        assert any(line.split()[:1] == [intent.name] for line in lines), intent.name
    assert sum(line.split()[:1] in (["LOW"], ["MEDIUM"], ["HIGH"]) for line in lines) == 3
