"""Reading a slot: the event a cramp's place makes, from Alexa's entity resolution or from the words alone.

One reading (``read_place``) over one vocabulary (``skill/places.py``, from which the model's slot type is
generated), used by the intent handler and by CanFulfill alike, so that the conversation and Alexa's
name-free routing are never told two things about the same words.
"""

from __future__ import annotations

from typing import Any

from skill.conversation import Event, EventKind, Muscle
from skill.places import ANSWERING_THIGH_SIDE, PLACE_BY_ID, PLACE_BY_WORD, WORDS_IN_PLACE, Place

ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"
_NOT_PLACED = Event(EventKind.CRAMP, muscle=Muscle.NONE)
_NO_PLACE_WE_KNOW = Event(EventKind.CRAMP, muscle=Muscle.UNKNOWN)
# A value id the vocabulary does not hold (a model older than the code): a muscle the model knows, so the
# seed's general stretch, which is safe for any muscle.
_A_MUSCLE = Event(EventKind.CRAMP, muscle=Muscle.OTHER)


def resolved_id(slot: Any) -> str | None:
    """The id of the slot type value Alexa's entity resolution matched, if it matched one."""
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        status_code = getattr(getattr(authority, "status", None), "code", None)
        values = getattr(authority, "values", None) or []
        # Compared by value: importing the SDK's StatusCode enum costs 1 ms of every cold start.
        if getattr(status_code, "value", None) == ER_SUCCESS_MATCH and values:
            return str(getattr(getattr(values[0], "value", None), "id", None))
    return None


def read_words(said: str) -> Event | None:
    """The event that words anywhere in an unresolved place make (``WORDS_IN_PLACE``, first kind first),
    or None when they hold none: "he collapsed" is an emergency, "my arm is numb" a red flag."""
    words = set(said.lower().replace("'", " ").split())
    return next((found.event for found in WORDS_IN_PLACE if not words.isdisjoint(found.words)), None)


def place_of_words(said: str) -> Place | None:
    """The place whose own words these are (its value, a synonym, or either with "'s"), if any."""
    return PLACE_BY_WORD.get(said) or PLACE_BY_WORD.get(said.removesuffix("'s"))


def read_said(said: str, *, answering_thigh_side: bool = False) -> Event:
    """The event of a place said in words Alexa did not resolve: no words, a cramp not yet placed; words
    that need no stretch, what they say; a place's own words, that place; anything else, a place we do
    not know (asked about, never stretched)."""
    said = " ".join(said.lower().split())
    if not said:
        return _NOT_PLACED
    heard = read_words(said)
    if heard is not None:
        return heard
    place = place_of_words(said)
    return _meaning(place, answering_thigh_side) if place is not None else _NO_PLACE_WE_KNOW


def _meaning(place: Place, answering_thigh_side: bool) -> Event:
    if answering_thigh_side:
        return ANSWERING_THIGH_SIDE.get(place.id, place.event)
    return place.event


def read_place(slot: Any, *, answering_thigh_side: bool = False) -> Event:
    """The event a cramp named with this slot makes: a muscle's cramp (its own stretch, the seed's general
    one, the thigh's question, or "where?"), or, for a place that is no muscle to coach, the chest, the
    scope answer, or the emergency, fall or red flag its words say. No slot is a cramp not yet placed.
    ``answering_thigh_side``: the question was "the front or the back of your thigh?", where "back" is
    the back of the thigh (elsewhere, the back)."""
    if slot is None:
        return _NOT_PLACED
    value_id = resolved_id(slot)
    if value_id is not None:
        place = PLACE_BY_ID.get(value_id)
        return _meaning(place, answering_thigh_side) if place is not None else _A_MUSCLE
    return read_said(str(getattr(slot, "value", None) or ""), answering_thigh_side=answering_thigh_side)
