"""The review's routing section and sign-off: what leads to each safety line is found from the code and
the models (an event declared later appears without an edit), read in a clinician's words, with outside
sources' own words, the store listing, and a sign-off record that make review holds to what runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skill.content.version import content_version
from skill.conversation import EventKind
from skill.conversation.events import SOURCES
from skill.places import WORDS_IN_PLACE
from tooling.review import listing as listing_module
from tooling.review import routing, signoff
from tooling.review.catalogue import catalogue
from tooling.review.listing import listing, listing_digest
from tooling.review.page import render_page
from tooling.review.phrases import intent_phrases
from tooling.review.routing import REPRESENTATIVE_MUSCLE, routes, safety_events, safety_lines
from tooling.review.sources import match_seed, red_flag_sentences, references

pytestmark = pytest.mark.slow  # the whole conversation walked, every locale model read: seconds


@pytest.fixture(scope="module")
def page() -> str:
    return render_page(catalogue(), content_version())


def _route(kind: EventKind) -> routing.Route:
    return next(route for route in routes() if route.kind is kind)


def test_every_health_answer_and_the_miss_has_a_route() -> None:
    declared = {kind for kind, source in SOURCES.items() if source.health_answer} | {EventKind.FALLBACK}
    shown = {route.kind for route in routes()}
    assert shown >= declared
    for kind in shown - declared:
        assert routing._only_said_by(kind) & routing._rule_lines(), f"{kind} says a rule's line alone"
    for route in routes():
        assert route.rows, f"{route.kind} is answered somewhere in a way that matters"


def test_an_emergency_and_chest_pain_end_the_session_from_anywhere_with_their_line() -> None:
    for kind, line in ((EventKind.EMERGENCY, "emergency"), (EventKind.CHEST, "emergency.chest")):
        (row,) = _route(kind).rows
        assert row.ends and row.shape[0] == (line,)
        assert row.where() == "anywhere in the conversation"


def test_each_red_flag_is_reached_by_a_yes_to_its_question_with_the_question_shown() -> None:
    yes = _route(EventKind.YES)
    reasons = {line for row in yes.rows for line in row.shape[0] if line.startswith("provider_reasons")}
    assert reasons == {f"provider_reasons {n}" for n in range(1, len(red_flag_sentences()) + 1)}
    severe = next(row for row in yes.rows if "provider_reasons 1" in row.shape[0] and row.modes == ["checks"])
    assert "Has this cramp been severe?" in severe.befores()


def test_the_miss_endings_are_routes_and_the_third_miss_mid_stretch_does_not_end() -> None:
    rows = _route(EventKind.FALLBACK).rows
    assert any(row.ends and "didnt_catch_stop" in row.shape[0] for row in rows)
    mid_stretch = next(row for row in rows if "didnt_catch_guide.stretch" in row.shape[0])
    assert not mid_stretch.ends and "after two turns not understood in a row" in mid_stretch.where()


def test_an_event_declared_a_health_answer_later_appears_without_an_edit(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    changed = dict(SOURCES)
    changed[EventKind.HOW_LONG] = SOURCES[EventKind.HOW_LONG]._replace(health_answer=True)
    monkeypatch.setattr(routing, "SOURCES", changed)
    for cached in (routing.routes, routing.safety_lines, routing.ordinary_lines):
        cached.cache_clear()
    try:
        assert EventKind.HOW_LONG in safety_events()
        how_long = _route(EventKind.HOW_LONG)
        assert how_long.source.intents == ("HoldHowLongIntent",)
        assert any("care.how_long" in row.shape[0] for row in how_long.rows)
    finally:
        monkeypatch.undo()
        for cached in (routing.routes, routing.safety_lines, routing.ordinary_lines):
            cached.cache_clear()


def test_the_page_shows_phrase_families_per_locale_and_the_slots_safety_reading(page: str) -> None:
    emergency = intent_phrases("EmergencyIntent")
    assert len(emergency.families) > 10 and set(emergency.totals) == {
        "en-US",
        "en-GB",
        "en-CA",
        "en-AU",
        "en-IN",
    }
    for family in emergency.families:
        assert family.examples()[0].replace("'", "&#x27;") in page, "every family is shown with an example"
    out_of_scope = intent_phrases("OutOfScopeIntent").only_in()
    assert "en-IN" in out_of_scope and out_of_scope["en-IN"][0] in page.replace("&#x27;", "'")
    chest = page[page.index('id="route-chest"') : page.index('id="route-out-of-scope"')]
    assert "a cramp named in a place" in chest and "\u201cpecs\u201d" in chest
    emergency_word = next(
        found.words[0] for found in WORDS_IN_PLACE if found.event.kind is EventKind.EMERGENCY
    )
    assert f"\u201c{emergency_word}\u201d" in page[page.index('id="route-emergency"') :], "the slot's reading"


def test_every_safety_line_is_in_the_routing_table(page: str) -> None:
    lines = safety_lines()
    assert {"emergency", "emergency.chest", "scope", "outcome.not_sure", "didnt_catch_stop"} <= {
        line.id for line in lines
    }
    for line in lines:
        assert f'id="safety-{line.id.replace(" ", "-")}"' in page


def test_where_is_said_in_a_clinicians_words() -> None:
    for entry in catalogue().entries:
        assert "modes" not in entry.where and "_" not in entry.where, (entry.key, entry.where)
    emergency = next(entry for entry in catalogue().entries if entry.key == "emergency")
    assert "anywhere in the conversation" in emergency.where


def test_faithful_paraphrases_are_not_flagged_and_the_unverified_source_is() -> None:
    flagged = {entry.key: entry.flags for entry in catalogue().entries if entry.flags}
    assert set(flagged) == {"guide.stretch.foot", "guide.massage.foot"}
    assert match_seed("I'm still here.").seed is None, "no medical content: matched to nothing"
    severe = match_seed("Severe cramping is a reason to call.")
    assert severe.seed is not None and severe.seed.text == "Severe cramping"


def test_outside_sources_show_their_own_words_address_and_date_read(page: str) -> None:
    stretching = references()["mayo-stretching"]
    assert "breathe freely as you hold each stretch for about 30 seconds" in stretching.quoted
    assert stretching.urls[0].startswith("mayoclinic.org/")
    assert references()["mayo-muscle-cramp"].read_on == "2026-12-04"
    assert references()["cleveland-foot-cramps"].read_on == "", "not re-verified: no date read"
    assert "CONTENT-SOURCES.md gives no date it was read" in page
    summary = page[page.index('id="summary"') : page.index('id="routing"')]
    assert "<code>nhs-chest-pain</code>" in summary, "an undated source is named in the summary"
    assert "this document did not open the page" in page


def test_the_store_listing_is_in_the_page_and_its_digest_follows_skill_json(
    page: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    summary = next(text for text in listing() if text.field == "summary")
    assert str(summary.text).replace("'", "&#x27;") in page
    before = listing_digest()
    manifest = json.loads(listing_module.SKILL_JSON.read_text(encoding="utf-8"))
    manifest["manifest"]["publishingInformation"]["locales"]["en-GB"]["summary"] = "Something else."
    changed = tmp_path / "skill.json"
    changed.write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setattr(listing_module, "SKILL_JSON", changed)
    assert listing_digest() != before


def _signed(version: str) -> dict:  # type: ignore[type-arg]
    record = signoff.blank_record(version, 171)
    for decision in record["decisions"]:
        decision["choice"] = "keep"
    record.update(
        verdict="approve", reasons="Faithful to the seed.", name="A. Clinician", role="GP", date="2026-12-07"
    )
    return record


def test_the_sign_off_names_what_is_signed_and_a_choice_for_each_decision(page: str) -> None:
    sign_off = page[page.index('id="sign-off"') :]
    for signed in ("Wording", "Routing", "Store listing", "Decisions", "Approve", "Reject", "Reasons"):
        assert signed in sign_off
    decisions = page[page.index('id="decisions"') : page.index('id="sign-off"')]
    assert decisions.count('<ul class="choices">') == len(signoff.clinician_decisions()[0])
    assert signoff.problems(signoff.blank_record(content_version(), 171), content_version()), "blank fails"
    assert signoff.problems(_signed(content_version()), content_version()) == []


def test_make_review_holds_the_signed_record_to_the_running_version(tmp_path: Path) -> None:
    path = tmp_path / "sign-off.json"
    assert signoff.check_signed_record(content_version(), path).passes, "no record: not signed, passes"
    path.write_text(json.dumps(_signed(content_version())), encoding="utf-8")
    status = signoff.check_signed_record(content_version(), path)
    assert status.passes and status.message.startswith("approved by A. Clinician")
    path.write_text(json.dumps(_signed("000000000000")), encoding="utf-8")
    stale = signoff.check_signed_record(content_version(), path)
    assert not stale.passes and re.search(r"content_version '000000000000' was signed", stale.message)
    path.write_text("{", encoding="utf-8")
    assert not signoff.check_signed_record(content_version(), path).passes


def test_each_turn_says_how_a_conversation_gets_there_and_is_heard_as_it_would_be() -> None:
    (emergency,) = _route(EventKind.EMERGENCY).rows
    assert emergency.path() == (), "an emergency is answered from the first thing said"
    worse = _route(EventKind.WORSE).rows
    in_the_stretch = next(row for row in worse if row.modes == ["stretch"])
    path = in_the_stretch.path()
    assert path is not None and [event.kind for event in path] == [EventKind.CRAMP]
    from_a_new_session = next(row for row in worse if "start" in row.modes)
    assert from_a_new_session.example.before.muscle is not REPRESENTATIVE_MUSCLE
    assert "calf" not in routing.heard(from_a_new_session.example.turn.reply.speech), "no muscle named yet"


def test_every_word_of_an_intents_phrases_is_listed_so_a_missing_word_can_be_checked(page: str) -> None:
    emergency = intent_phrases("EmergencyIntent")
    words = emergency.words()
    assert "ambulance" in words and "breathe" in words
    assert "giraffe" not in words
    assert " ".join(words).replace("'", "&#x27;") in page
