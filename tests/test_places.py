"""The vocabulary of places (skill/places.py) and its one reading (skill/handlers/slots.py ``read_place``):
the model's slot type holds the vocabulary and nothing else, and a place is read the same way by the
conversation and by CanFulfill, whatever words Alexa hands over."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Slot

from skill.content import load_locales
from skill.conversation import Event, EventKind, Mode, Muscle, State
from skill.conversation.events import CRAMP_INTENT, EVENT_BY_INTENT, MUSCLE_SLOT
from skill.conversation.state import Sign
from skill.handlers.slots import read_place
from skill.places import ANSWERING_THIGH_SIDE, PLACE_SLOT_TYPE, PLACES, WORDS_IN_PLACE
from skill.session import state_to_attributes
from skill.speech import readable
from tooling.envelopes import SessionInfo, SlotFill, can_fulfill_request, envelope, intent_request, slot_json
from tooling.simulator import load_interaction_model

LOCALES = tuple(load_locales().locales)
SERIALIZER = DefaultSerializer()


def slot(fill: SlotFill) -> Slot:
    """The slot as the SDK hands it to a handler: Alexa's JSON, deserialised by the SDK itself."""
    return SERIALIZER.deserialize(json.dumps(slot_json(MUSCLE_SLOT, fill)), Slot)


def read(fill: SlotFill | None) -> Event:
    return read_place(None if fill is None else slot(fill))


# ---------------------------------------------------------------------------------------------------------
# The vocabulary


def test_no_word_names_two_places_and_every_id_is_one_place() -> None:
    words = [word for place in PLACES for word in place.words]
    assert len(words) == len(set(words))
    assert len({place.id for place in PLACES}) == len(PLACES)


def test_every_place_means_a_muscle_the_chest_or_out_of_scope() -> None:
    kinds = {place.event.kind for place in PLACES}
    assert kinds == {EventKind.CRAMP, EventKind.CHEST, EventKind.OUT_OF_SCOPE}
    muscles = {place.event.muscle for place in PLACES if place.event.kind is EventKind.CRAMP}
    assert Muscle.UNKNOWN not in muscles and Muscle.NONE not in muscles, "a place is a place"
    # Each muscle the conversation tells apart is a value of its own; the back is another muscle, except as
    # the answer to the thigh's question (read so where the words are read, tests/test_handlers.py).
    own = {place.id: place.event.muscle for place in PLACES if place.event.muscle is not Muscle.OTHER}
    assert own["THIGH"] is Muscle.THIGH and own["QUADRICEPS"] is Muscle.QUADRICEPS and "BACK" not in own
    assert ANSWERING_THIGH_SIDE["BACK"].muscle is Muscle.HAMSTRING
    assert {place.id for place in PLACES if place.event.kind is EventKind.CHEST} == {"CHEST"}


def test_the_words_in_a_place_name_events_that_are_never_a_stretch_in_their_priority() -> None:
    assert [found.event for found in WORDS_IN_PLACE] == [
        Event(EventKind.EMERGENCY),
        Event(EventKind.FALL),
        Event(EventKind.CHEST),
        Event(EventKind.RED_FLAG, sign=Sign.LIMB),
        Event(EventKind.RED_FLAG, sign=Sign.SWELLING),
        Event(EventKind.OUT_OF_SCOPE),
    ]
    words = [word for found in WORDS_IN_PLACE for word in found.words]
    assert len(words) == len(set(words)), "a word of two kinds"
    assert all(word == word.lower() and " " not in word for word in words), "matched as single words"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_slot_value_of_every_committed_model_comes_from_the_vocabulary_and_nothing_else(
    locale: str,
) -> None:
    """The committed model's places, id by id, are the vocabulary's words (the generator adds only the
    possessive "calf's" beside a word, for samples that say "{muscle}'s"), and it has no other slot type."""
    (slot_type,) = load_interaction_model(locale)["types"]
    assert slot_type["name"] == PLACE_SLOT_TYPE
    in_model = {value["id"]: value["name"] for value in slot_type["values"]}
    assert list(in_model) == [place.id for place in PLACES]
    for place in PLACES:
        name = in_model[place.id]
        assert name["value"] == place.value
        synonyms = name.get("synonyms", [])
        assert synonyms[: len(place.synonyms)] == list(place.synonyms), place.id
        possessives = set(synonyms[len(place.synonyms) :])
        assert possessives <= {f"{word}'s" for word in place.words}, (place.id, possessives)


# ---------------------------------------------------------------------------------------------------------
# The reading


@pytest.mark.parametrize("place", PLACES, ids=lambda place: place.id)
def test_a_resolved_place_and_its_words_unresolved_read_alike(place: Any) -> None:
    """Alexa's entity resolution or none (a hand-made request, a name-free query with the words alone):
    the same place, the same event, for every word of it and its possessive."""
    for word in place.words:
        assert read(SlotFill(word, place.id, place.value, matched=True)) == place.event, word
        assert read(SlotFill(word)) == place.event, word
        assert read(SlotFill(f"{word}'s".upper())) == place.event, word


# What Alexa can hand over as a cramp's place, and the reading each must get. (A word of no kind in a
# place no vocabulary word names is a place we do not know: asked where, never stretched.)
HARD_CASES: list[tuple[str, Event]] = [
    ("he collapsed", Event(EventKind.EMERGENCY)),
    ("i fell", Event(EventKind.FALL)),
    ("my chest", Event(EventKind.CHEST)),
    ("my stomach", Event(EventKind.OUT_OF_SCOPE)),
    ("my arm is numb", Event(EventKind.RED_FLAG, sign=Sign.LIMB)),
    ("my ankle is swollen", Event(EventKind.RED_FLAG, sign=Sign.SWELLING)),
    ("can't breathe", Event(EventKind.EMERGENCY)),
    ("i fell and hurt my chest", Event(EventKind.FALL)),
    ("my chest and i can't breathe", Event(EventKind.EMERGENCY)),
    ("numb and swollen", Event(EventKind.RED_FLAG, sign=Sign.LIMB)),
    ("period pain", Event(EventKind.OUT_OF_SCOPE)),
    ("left elbow", Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN)),
]


@pytest.mark.parametrize(("said", "expected"), HARD_CASES)
def test_words_alexa_could_not_resolve_are_read_for_what_they_say_first_kind_first(
    said: str, expected: Event
) -> None:
    assert read(SlotFill(said)) == expected


def test_no_slot_or_no_words_is_a_cramp_not_yet_placed_and_an_id_unknown_to_the_vocabulary_a_muscle() -> None:
    not_placed = Event(EventKind.CRAMP, muscle=Muscle.NONE)
    assert read(None) == read(SlotFill(None)) == read(SlotFill("  ")) == not_placed
    assert read(SlotFill("wrist", "WRIST", "wrist", matched=True)) == Event(
        EventKind.CRAMP, muscle=Muscle.OTHER
    )


# ---------------------------------------------------------------------------------------------------------
# One reading for the conversation and for CanFulfill

# Where a person can be: in the middle of a stretch, and being asked where the cramp is.
STATES = {
    "mid-stretch": State(mode=Mode.STRETCH, muscle=Muscle.CALF, holds=1, stretch_holds=1, cramping_now=True),
    "asked where": State(mode=Mode.ASKED_WHERE),
}


def intent_of(event: Event) -> str:
    """The intent of the model that makes this event by itself (the first, if two do)."""
    return next(intent for intent, made in EVENT_BY_INTENT.items() if made == event)


def speech(lambda_handler: Any, intent: str, slots: dict[str, SlotFill] | None, state: State) -> str:
    session = SessionInfo(new=False, attributes=state_to_attributes(state))
    response = lambda_handler(envelope(intent_request(intent, slots), session=session), None)
    return readable(response["response"]["outputSpeech"]["ssml"])


def can_fulfill(lambda_handler: Any, intent: str, slots: dict[str, SlotFill] | None) -> dict[str, Any]:
    event = envelope(can_fulfill_request(intent, slots), in_session=False)
    return dict(lambda_handler(json.loads(json.dumps(event)), None)["response"]["canFulfillIntent"])


# The documented answers (skill/handlers/can_fulfill.py): a place that makes another event is understood,
# and answered as that event's own intent is name-free (none of these is taken name-free).
UNDERSTOOD_NOT_TAKEN = {
    "canFulfill": "NO",
    "slots": {MUSCLE_SLOT: {"canUnderstand": "YES", "canFulfill": "NO"}},
}


@pytest.mark.parametrize(
    "said", ["he collapsed", "i fell", "my chest", "my stomach", "my arm is numb", "my ankle is swollen"]
)
def test_a_place_that_says_something_else_gets_the_same_reading_in_the_conversation_and_in_can_fulfill(
    lambda_handler: Any, said: str
) -> None:
    """The conversation answers "a cramp in <said>" exactly as it answers the event's own intent, in every
    state; CanFulfill understands the place and answers as it does that intent: not taken name-free."""
    event = read(SlotFill(said))
    assert event.kind is not EventKind.CRAMP
    own_intent = intent_of(event)
    for name, state in STATES.items():
        heard_as_place = speech(lambda_handler, CRAMP_INTENT, {MUSCLE_SLOT: SlotFill(said)}, state)
        assert heard_as_place == speech(lambda_handler, own_intent, None, state), (said, name)
    assert can_fulfill(lambda_handler, CRAMP_INTENT, {MUSCLE_SLOT: SlotFill(said)}) == UNDERSTOOD_NOT_TAKEN
    assert can_fulfill(lambda_handler, own_intent, None)["canFulfill"] == "NO"


@pytest.mark.parametrize(
    ("fill", "verdict", "slot_answer"),
    [
        (SlotFill("calves", "CALF", "calf", matched=True), "YES", ("YES", "YES")),
        (SlotFill("calves"), "YES", ("YES", "YES")),
        (SlotFill("neck"), "YES", ("YES", "YES")),
        (SlotFill("somewhere else"), "YES", ("YES", "YES")),
        (SlotFill(None), "YES", ("YES", "YES")),
        (SlotFill("left elbow"), "MAYBE", ("NO", "NO")),
    ],
)
def test_a_cramp_placed_in_a_muscle_or_not_yet_is_taken_and_words_of_no_place_are_maybe(
    lambda_handler: Any, fill: SlotFill, verdict: str, slot_answer: tuple[str, str]
) -> None:
    """What the conversation coaches or asks about, CanFulfill takes; what it must ask where, is MAYBE."""
    answer = can_fulfill(lambda_handler, CRAMP_INTENT, {MUSCLE_SLOT: fill})
    assert answer["canFulfill"] == verdict
    assert answer["slots"][MUSCLE_SLOT] == {"canUnderstand": slot_answer[0], "canFulfill": slot_answer[1]}
    assert read(fill).kind is EventKind.CRAMP
