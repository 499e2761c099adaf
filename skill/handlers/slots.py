"""Reading a slot: the muscle a person named, from Alexa's entity resolution.

One reading, shared by the intent handler and the name-free query, so that the two never disagree.
"""

from __future__ import annotations

from typing import Any

from skill.conversation import Event, EventKind, Muscle
from skill.conversation.state import Sign

ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"

# Slot value ids of the interaction model's MuscleType that the conversation tells apart: the five with
# their own stretch, a thigh (which side decides the stretch) and the back (which, answering "the front or
# the back of your thigh?", means its back). Every other id (neck, shin, a plain "leg") gets the seed's
# general wording, which is safe for any muscle.
MUSCLE_BY_SLOT_ID: dict[str, Muscle] = {
    "CALF": Muscle.CALF,
    "FOOT": Muscle.FOOT,
    "HAMSTRING": Muscle.HAMSTRING,
    "QUADRICEPS": Muscle.QUADRICEPS,
    "HAND": Muscle.HAND,
    "THIGH": Muscle.THIGH,
    "BACK": Muscle.BACK,
    "ELSEWHERE": Muscle.ELSEWHERE,
}
MUSCLE_BY_NAME: dict[str, Muscle] = {muscle.value: muscle for muscle in MUSCLE_BY_SLOT_ID.values()}
# Places named as a cramp's that are no muscle to coach (CONTENT-SOURCES.md, scope): a "cramp" in the chest
# is chest pain; the stomach, the side and the jaw are out of the seed's scope. Named by id or by their own
# words (a hand-made request, a name-free query without resolutions).
EVENT_BY_PLACE_ID: dict[str, EventKind] = {
    "CHEST": EventKind.CHEST,
    "ABS": EventKind.OUT_OF_SCOPE,
    "SIDE": EventKind.OUT_OF_SCOPE,
    "JAW": EventKind.OUT_OF_SCOPE,
}
EVENT_BY_PLACE_NAME: dict[str, EventKind] = {
    "chest": EventKind.CHEST,
    "heart": EventKind.CHEST,
    "stomach": EventKind.OUT_OF_SCOPE,
    "belly": EventKind.OUT_OF_SCOPE,
    "tummy": EventKind.OUT_OF_SCOPE,
    "abs": EventKind.OUT_OF_SCOPE,
    "side": EventKind.OUT_OF_SCOPE,
    "ribs": EventKind.OUT_OF_SCOPE,
    "jaw": EventKind.OUT_OF_SCOPE,
}


# Alexa fills a custom slot with whatever it heard there, not only with the type's values: "um he collapsed"
# can arrive as CrampIntent with "he collapsed" for its place. A place it could not resolve is read word by
# word, and a word that says the person needs no stretch wins (CONTENT-SOURCES.md): an emergency first
# (by its name or its signs), then a fall, the chest, a red flag in the person's words, and a cramp outside
# the seed's muscles. ("side" is left out: "the side of my calf".)
_EMERGENCY, _FALL, _CHEST = Event(EventKind.EMERGENCY), Event(EventKind.FALL), Event(EventKind.CHEST)
_LIMB, _SWELLING = Event(EventKind.RED_FLAG, sign=Sign.LIMB), Event(EventKind.RED_FLAG, sign=Sign.SWELLING)
_OUT_OF_SCOPE = Event(EventKind.OUT_OF_SCOPE)
EVENT_BY_WORD_IN_PLACE: dict[str, Event] = {
    **dict.fromkeys(
        ("breathe", "breathing", "breath", "collapsed", "unconscious", "fainted", "faint", "stroke",
         "seizure", "bleeding", "blood", "ambulance", "emergency", "choking", "unresponsive", "attack",
         "hospital", "paramedic", "paramedics", "drooping", "droopy", "slurred", "slurring"),
        _EMERGENCY,
    ),
    **dict.fromkeys(("fell", "fallen"), _FALL),
    **dict.fromkeys(("chest", "heart"), _CHEST),
    **dict.fromkeys(("numb", "numbness", "tingling", "tingly", "tingle", "pins", "needles", "weak",
                     "weakness"), _LIMB),
    **dict.fromkeys(("swollen", "swelling", "puffy"), _SWELLING),
    **dict.fromkeys(
        ("stomach", "belly", "tummy", "abdomen", "period", "periods", "menstrual", "ribs", "rib", "jaw",
         "gut", "guts", "stitch"),
        _OUT_OF_SCOPE,
    ),
}  # fmt: skip
_WORD_PRIORITY = (_EMERGENCY, _FALL, _CHEST, _LIMB, _SWELLING, _OUT_OF_SCOPE)


def _event_of_unresolved_place(said: str) -> Event | None:
    if said in EVENT_BY_PLACE_NAME:
        return Event(EVENT_BY_PLACE_NAME[said])
    found = {
        EVENT_BY_WORD_IN_PLACE[word]
        for word in said.replace("'", " ").split()
        if word in EVENT_BY_WORD_IN_PLACE
    }
    return next((event for event in _WORD_PRIORITY if event in found), None)


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


def muscle_of(slot: Any) -> Muscle:
    """The muscle group a muscle slot holds: NONE when none was named, OTHER for a muscle without its own
    stretch, ELSEWHERE for "somewhere else", UNKNOWN when the words matched no muscle."""
    if slot is None:
        return Muscle.NONE
    value_id = resolved_id(slot)
    if value_id is not None:
        return MUSCLE_BY_SLOT_ID.get(value_id, Muscle.OTHER)
    # No match: a group's own name ("calf", from a test console, a hand-made request, or a name-free
    # query sent without resolutions) is that group; no words at all is a cramp not placed; other words
    # are no muscle we know ("my chest hurts").
    said = str(getattr(slot, "value", None) or "").strip().lower()
    if not said:
        return Muscle.NONE
    return MUSCLE_BY_NAME.get(said, Muscle.UNKNOWN)


def cramp_event(slot: Any) -> Event:
    """The event a cramp named with this slot makes: its muscle's stretch, or, for a place that is no
    muscle to coach, the chest or the scope answer."""
    known_place = EVENT_BY_PLACE_ID.get(resolved_id(slot) or "")
    if known_place is not None:
        return Event(known_place)
    if slot is not None and resolved_id(slot) is None:
        heard = _event_of_unresolved_place(str(getattr(slot, "value", None) or "").strip().lower())
        if heard is not None:
            return heard
    return Event(EventKind.CRAMP, muscle=muscle_of(slot))
