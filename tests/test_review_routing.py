"""The review's routing section and sign-off: what leads to each safety line is found from the code and
the models (an event declared later appears without an edit), read in a clinician's words, with outside
sources' own words, the store listing, and a sign-off record that make review holds to what runs."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest

from skill.content import load_content
from skill.content.version import content_version
from skill.conversation import CHECK_QUESTIONS, EventKind, Mode, Muscle, State
from skill.conversation.events import SOURCES, USER_EVENT_REQUEST
from skill.places import WORDS_IN_PLACE
from tooling.review import listing as listing_module
from tooling.review import routing, signoff
from tooling.review.catalogue import catalogue
from tooling.review.ladders import checks_orders, miss_ladders
from tooling.review.listing import listing, listing_digest
from tooling.review.page import render_page
from tooling.review.phrases import intent_phrases
from tooling.review.played import NotHeardAsMeantError
from tooling.review.raised import RAISED, open_decisions
from tooling.review.routing import REPRESENTATIVE_MUSCLE, Outcome, routes, safety_events, safety_lines
from tooling.review.routing_page import in_each_locale, mode_questions, played, said_words
from tooling.review.sources import match_seed, red_flag_sentences, references

pytestmark = pytest.mark.slow  # the whole conversation walked, every locale model read: seconds


@pytest.fixture(scope="module")
def page() -> str:
    return render_page(catalogue(), content_version())


def _route(kind: EventKind) -> routing.Route:
    return next(route for route in routes() if route.kind is kind)


def test_every_health_answer_and_the_miss_has_a_route() -> None:
    spoken = {kind: source for kind, source in SOURCES.items() if source.request != USER_EVENT_REQUEST}
    declared = {kind for kind, source in spoken.items() if source.health_answer} | {EventKind.FALLBACK}
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
    severe = next(row for row in yes.rows if "provider_reasons 1" in row.shape[0] and "checks" in row.modes)
    assert "Are your cramps severe?" in severe.befores()


def test_the_miss_endings_are_routes_and_the_third_miss_mid_stretch_does_not_end() -> None:
    rows = _route(EventKind.FALLBACK).rows
    assert any(row.ends and "didnt_catch_stop" in row.shape[0] for row in rows)
    mid_stretch = next(row for row in rows if "didnt_catch_guide.stretch" in row.shape[0])
    assert not mid_stretch.ends and "after two misses in a row" in mid_stretch.where()


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


def test_every_outside_source_shows_a_full_address_a_date_and_labels_our_words_as_ours(page: str) -> None:
    sources = page[page.index('id="sources"') : page.index('id="listing"')]
    outside = {key: ref for key, ref in references().items() if key != "seed"}
    for key, reference in outside.items():
        assert reference.addresses() and all(url.startswith("https://") for url in reference.addresses())
        if f"<code>{key}</code>" in sources:
            row = sources[sources.index(f"<code>{key}</code>") :].split("</tr>")[0]
            assert all(f"<code>{escape(url)}</code>" in row for url in reference.addresses()), key
            assert "read 2026-12-04" in row or "no date it was read" in row or "not re-read" in row, key
            assert ("only the site is given" in row) is bool(reference.site_only()), key
    assert references()["harvard-hand-cramps"].site_only() == ("health.harvard.edu",)
    falls = references()["nhs-falls"]
    assert not any("local number" in quote for quote in falls.quoted), "the skill's words, not the NHS's"
    assert falls.adapted and "Our wording after this page, not its own words" in page
    chest = sources[sources.index("<code>nhs-chest-pain</code>") :].split("</tr>")[0]
    assert "Our summary (CONTENT-SOURCES.md's words, not the source's)" in chest
    calf = page[page.index('id="key-guide.stretch.calf"') :].split("</tr>")[0]
    assert "back of the thigh too" not in calf, "a line is shown only beside the words quoted for it"
    hamstring = page[page.index('id="key-guide.stretch.hamstring"') :].split("</tr>")[0]
    assert "back of the thigh too" in hamstring and "Its own words" in hamstring


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
    for part in signoff.PARTS:
        record["verdicts"][part].update(verdict="approve", reasons="Faithful to the seed.")
    record["signer"] = {"name": "A. Clinician", "role": "GP", "date": "2026-12-07"}
    return record


def test_the_sign_off_names_what_is_signed_and_a_choice_for_each_decision(page: str) -> None:
    sign_off = page[page.index('id="sign-off"') :]
    for signed in ("Wording", "Routing", "Store listing", "Decisions", "Approve", "Reject", "Reasons"):
        assert signed in sign_off
    decisions = page[page.index('id="decisions"') : page.index('id="sign-off"')]
    assert decisions.count('<ul class="choices">') == len(open_decisions())
    assert decisions.count(">Note</th>") == len(open_decisions()), "a note for each decision"
    assert "Approve with conditions" in sign_off and "Condition 1" in sign_off
    assert signoff.problems(signoff.blank_record(content_version(), 171), content_version()), "blank fails"
    assert signoff.problems(_signed(content_version()), content_version()) == []


def test_make_review_holds_the_signed_record_to_the_running_version(tmp_path: Path) -> None:
    path = tmp_path / "sign-off.json"
    assert signoff.check_signed_record(content_version(), path).passes, "no record: not signed, passes"
    path.write_text(json.dumps(_signed(content_version())), encoding="utf-8")
    status = signoff.check_signed_record(content_version(), path)
    assert status.passes and status.message.startswith("wording approved; routing approved; store listing")
    assert "by A. Clinician (GP) on 2026-12-07" in status.message
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
    assert [event.kind for event in in_the_stretch.path()] == [EventKind.CRAMP]
    assert [turn.said for turn in played(in_the_stretch).turns] == [
        "ask cramp coach my calf",
        "it hurts more",
    ]
    from_a_new_session = next(row for row in worse if "start" in row.modes)
    assert from_a_new_session.example.before.muscle is not REPRESENTATIVE_MUSCLE


def test_every_turn_shown_is_played_from_the_launch_through_the_lambda_handler(page: str) -> None:
    set_up_by_hand = State(mode=Mode.STRETCH, muscle=Muscle.CALF)  # no conversation is mid-stretch unheld
    assert set_up_by_hand not in routing.route_states()
    for route in routes():
        for row in route.rows:
            assert row.example.before in routing.reachable()
            turns = played(row).turns  # fails when the handler says other than the routing's step
            assert turns[0].said.startswith(("open cramp coach", "ask cramp coach"))
            assert turns[-1].speech.replace("'", "&#x27;") in page
    assert "set it up directly" not in page and page.count("Played from the launch") >= 100


def test_a_played_turn_that_is_not_the_routings_fails_the_build() -> None:
    row = _route(EventKind.WORSE).rows[0]
    elsewhere = next(r for r in _route(EventKind.WORSE).rows if r.example.before != row.example.before)
    wrong = Outcome(row.example.before, row.example.event, elsewhere.example.turn)
    with pytest.raises(NotHeardAsMeantError):
        played(routing.Row(elsewhere.shape, [wrong]))


def test_the_red_flag_questions_are_shown_in_the_order_asked_with_each_answer(page: str) -> None:
    orders = checks_orders()
    from_the_topic = orders[0]
    assert (
        from_the_topic.entry is not None
        and from_the_topic.entry.turns[0].said.startswith("ask cramp coach ")
        and from_the_topic.entry.turns[0].heard_as == "SymptomCheckIntent"
    )
    assert [step.name for step in from_the_topic.steps] == [question.name for question in CHECK_QUESTIONS]
    for step in from_the_topic.steps:
        reason = load_content().item_list("provider_reasons").items[step.red_flag]
        assert step.yes.ends and reason in step.yes.speech, "a yes gives that question's reason to call"
        assert not step.unsure.ends and step.unsure.speech.startswith("Let me ask it another way")
        assert step.unsure_again is not None and step.unsure_again.ends
        assert step.no.ends is (step is from_the_topic.steps[-1])
    gone = next(checks for checks in orders if checks.entry and checks.entry.turns[-1].said == "it's gone")
    assert "not_eased" not in [step.name for step in gone.steps], "a cramp that has gone is not asked about"
    section = page[page.index('id="checks-order"') : page.index('id="misses"')]
    for checks in orders:
        for step in checks.steps:
            assert escape(step.question) in section
            for answer in (step.yes, step.unsure, step.unsure_again):
                assert answer is not None and escape(answer.speech) in section


def test_the_misses_are_shown_in_each_place_they_differ(page: str) -> None:
    ladders = miss_ladders()
    opening = next(ladder for ladder in ladders if ladder.row.modes == ["asked_if_cramping"])
    assert opening.ends_at == 3 and opening.before[0].said == "open cramp coach"
    stretch = next(ladder for ladder in ladders if "stretch" in ladder.row.modes)
    assert stretch.ends_at == 4, "mid-guide the fourth miss ends"
    checks = next(ladder for ladder in ladders if ladder.row.modes == ["checks"])
    assert checks.ends_at == 3 and checks.played[-1].ends
    assert len({ladder.misses for ladder in ladders}) == len(ladders), "one row for each way they differ"
    section = page[page.index('id="misses"') :]
    for ladder in ladders:
        for turn in ladder.played:
            assert escape(turn.speech) in section, "each answer is shown in full once, then pointed back to"
    assert "the same words as row 1" in section


def test_every_word_of_an_intents_phrases_is_listed_so_a_missing_word_can_be_checked(page: str) -> None:
    emergency = intent_phrases("EmergencyIntent")
    words = emergency.words()
    assert "ambulance" in words and "breathe" in words
    assert "giraffe" not in words
    assert " ".join(words).replace("'", "&#x27;") in page


def test_approving_with_conditions_must_list_them_and_other_must_carry_a_note() -> None:
    version = content_version()
    blank = signoff.blank_record(version, 171)
    assert set(blank["verdict_choices"]) == set(signoff.VERDICTS)
    assert all(blank["verdicts"][part]["conditions"] == [] for part in signoff.PARTS)
    conditional = _signed(version)
    conditional["verdicts"]["routing"]["verdict"] = "approve_with_conditions"
    assert any(
        "routing: " in p and "no condition is listed" in p for p in signoff.problems(conditional, version)
    )
    conditional["verdicts"]["routing"]["conditions"] = ["The bump answer says to contact the maternity unit."]
    assert signoff.problems(conditional, version) == []
    conditional["verdicts"]["wording"]["conditions"] = ["Listed under a plain approval."]
    assert any("wording: conditions are listed" in p for p in signoff.problems(conditional, version))
    conditional["verdicts"]["wording"]["conditions"] = [" "]
    assert signoff.problems(conditional, version)
    other = _signed(version)
    other["decisions"][0]["choice"] = "other"
    assert any("'other' without a note" in p for p in signoff.problems(other, version))
    other["decisions"][0]["note"] = "Count it only when it happens more than once a week."
    assert signoff.problems(other, version) == []


def test_wording_routing_and_listing_are_signed_each_on_its_own_by_a_named_signer() -> None:
    version = content_version()
    listing_only = signoff.blank_record(version, 171)
    listing_only["verdicts"]["listing"].update(
        verdict="reject", reasons="It says it coaches only three muscles."
    )
    assert [p for p in signoff.problems(listing_only, version) if p.startswith("signer")] == [
        "signer name is empty",
        "signer role is empty",
        "signer date is empty",
    ], "a verdict given needs who gave it"
    listing_only["signer"] = {"name": "A. Clinician", "role": "GP", "date": "7 December"}
    assert any("YYYY-MM-DD" in p for p in signoff.problems(listing_only, version))
    listing_only["signer"]["date"] = "2026-12-07"
    assert signoff.problems(listing_only, version) == [], "the listing alone, no decision needed"
    status = signoff.check_signed_record(version, _written(listing_only))
    assert status.passes and status.message.startswith(
        "wording not signed; routing not signed; store listing REJECTED"
    )
    wording = listing_only | {
        "verdicts": {
            **listing_only["verdicts"],
            "wording": {"verdict": "approve", "conditions": [], "reasons": "Fine."},
        }
    }
    assert any(p.startswith("decision 1 has no choice") for p in signoff.problems(wording, version))
    nothing = signoff.blank_record(version, 171)
    assert any(p.startswith("no verdict is given") for p in signoff.problems(nothing, version))
    assert not [p for p in signoff.problems(nothing, version) if p.startswith("signer")], (
        "no verdict, no signer yet"
    )


def _written(record: dict) -> Path:  # type: ignore[type-arg]
    import tempfile

    path = Path(tempfile.mkdtemp()) / "sign-off.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_each_decisions_keep_choice_describes_that_decision() -> None:
    keeps = [decision.keep for decision in open_decisions() if decision.origin == "CONTENT-SOURCES.md"]
    assert len(set(keeps)) == len(keeps), "each of CONTENT-SOURCES.md's decisions keeps its own thing"
    for decision in open_decisions():
        keep = signoff.choices(decision.text, decision.keep)
        words = next(choice.words for choice in keep if choice.id == "keep")
        if "urgency" in words:
            assert decision.text.startswith("How urgent"), (decision.text, words)
    gp = next(d for d in open_decisions() if d.text.startswith('"GP"'))
    assert "healthcare provider" in gp.keep and "urgency" not in gp.keep
    india = next(d for d in open_decisions() if d.text.startswith("108"))
    assert "112" in india.keep


def test_a_conditional_approval_is_reported_with_its_conditions(tmp_path: Path) -> None:
    path = tmp_path / "sign-off.json"
    record = _signed(content_version())
    record["verdicts"]["routing"].update(verdict="approve_with_conditions", conditions=["Fix the bump."])
    path.write_text(json.dumps(record), encoding="utf-8")
    status = signoff.check_signed_record(content_version(), path)
    assert status.passes and "routing approved WITH CONDITIONS" in status.message
    assert "routing condition: Fix the bump." in status.message


def test_the_reviews_clinical_points_are_open_decisions_with_what_the_skill_does_now(page: str) -> None:
    decisions = page[page.index('id="decisions"') : page.index('id="sign-off"')]
    record = signoff.blank_record(content_version(), 171)
    signed = [decision["decision"] for decision in record["decisions"]]
    for raised in RAISED:
        assert escape(raised.text) in decisions and raised.text in signed
        for turns in raised.heard():
            assert turns[0].said.startswith(("open cramp coach", "ask cramp coach"))
            assert escape(turns[-1].speech) in decisions
    (bump, *_) = RAISED[0].heard()
    assert bump[-1].speech.startswith("I can only help with a muscle cramp") and bump[-1].ends
    numb_arm, numb_face = RAISED[2].heard()
    assert numb_arm[-1].speech.startswith("Please call your healthcare provider")
    assert numb_face[-1].speech.startswith("I can't call for help")
    urgency = next(d for d in open_decisions() if d.text.startswith("How urgent"))
    assert "Please call your healthcare provider." in urgency.heard()[0][-1].speech


def _table_row(page: str, line: routing.SafetyLine) -> str:
    start = page.index(f'id="safety-{line.id.replace(" ", "-")}"')
    return page[start : page.index("</tr>", start)]


def test_every_example_under_a_safety_line_played_from_the_launch_says_that_line(page: str) -> None:
    checked = 0
    for line in safety_lines():
        row_html = _table_row(page, line)
        said_line = routing.heard((line.part,))
        for _, row in line.routes:
            last = played(row).turns[-1]
            assert said_line in last.speech, (line.id, last.said, last.speech)
            assert escape(f"\u201c{said_words(last.said)}\u201d") in row_html, (line.id, last.said)
            checked += 1
    assert checked > len(safety_lines())
    swelling = _table_row(page, next(line for line in safety_lines() if line.id == "outcome.swelling"))
    assert "SwellingIntent" in swelling and "WontStopIntent" not in swelling, "one phrase, its own intent"


def test_each_safety_lines_row_lists_every_question_that_leads_there(page: str) -> None:
    for line in safety_lines():
        row_html = _table_row(page, line)
        for _, row in line.routes:
            if len(row.modes) != 1:
                assert escape(row.where()) in row_html
                continue
            questions = row.befores(limit=10_000)
            if set(questions) == mode_questions(row.modes[0]) and len(questions) > 1:
                assert f"at any of the {len(questions)} questions asked there" in row_html
            else:
                for question in questions:
                    assert escape(question) in row_html, (line.id, question)
    weakness = _table_row(page, next(line for line in safety_lines() if line.id == "provider_reasons 3"))
    assert "Do you have weakness in your arms or legs?" in weakness
    assert re.search(r"one of its [\d,]+ phrases in en-US", weakness), "a sample, and of how many"
    assert re.search(r"\(2 of [\d,]+ shown\)", page), "each family says how many of its phrases are shown"


def test_each_turn_shows_what_cramp_coach_had_just_said_and_set_ups_read_like_a_person(page: str) -> None:
    for route in routes():
        for row in route.rows:
            *earlier, _ = played(row).turns
            if earlier:
                assert escape(f"\u201c{earlier[-1].speech}\u201d") in page, "the reply before the words"
            said = [turn.said for turn in earlier]
            assert len(said) == len(set(said)), f"a set-up says one thing twice: {said}"
            assert routing.awkwardness(row.path()) == 0, [turn.said for turn in earlier]
    assert page.count("<dt>Cramp Coach had just said</dt>") == sum(len(route.rows) for route in routes())


def test_every_safety_line_is_played_in_every_locale_with_its_emergency_number(page: str) -> None:
    from skill.content import load_locales

    locales = load_locales().locales
    for line in safety_lines():
        heard_in, _ = in_each_locale(line)
        assert sorted(locale for found in heard_in.values() for locale in found) == sorted(locales)
    emergency = next(line for line in safety_lines() if line.id == "emergency")
    heard_in, own_number = in_each_locale(emergency)
    assert own_number and len(heard_in) == len(
        {locale.emergency_number.speech for locale in locales.values()}
    )
    row_html = _table_row(page, emergency)
    for locale in locales.values():
        assert locale.emergency_number.speech in row_html
