"""Where a cramp can be, and what each place means to the conversation: the one vocabulary of places.

Three things read it, so that they cannot drift apart:

- the model generator (``tooling/model_grammar.py``, ``python -m skill model``) writes the interaction
  model's ``MuscleType`` slot type from ``PLACES``: each value's id, its value and its synonyms;
- ``skill.handlers.slots.read_place`` turns what Alexa put in the slot into the conversation's event: a
  resolved value by its ``event``, and words Alexa could not resolve by ``WORDS_IN_PLACE`` (in their
  priority) and then by the places' own words;
- CanFulfill (``skill/handlers/can_fulfill.py``) answers from that same reading.

Each place's ``event`` is what it means: a muscle with its own stretch (calf, foot, hamstring, quad, hand),
the thigh (which asks which side), another muscle (``Muscle.OTHER``: the seed's general stretch, safe for any
muscle), somewhere else (``Muscle.ELSEWHERE``: asked whether it is a muscle at all), the chest (never a cramp
to coach: the emergency number), or out of the seed's scope (the stomach, the side, the jaw:
CONTENT-SOURCES.md, scope). "front" and "the back of it" answer "the front or the back of your thigh?", and so
does "back" (elsewhere the back, another muscle): the one word whose meaning depends on the question, read so
by ``read_place`` when that is the question (``ANSWERING_THIGH_SIDE``).

Plain tuples of plain strings, built at import in microseconds: a Lambda cold start parses nothing here.
"""

from __future__ import annotations

from skill.conversation.events import Event, EventKind
from skill.conversation.state import Muscle, Sign

PLACE_SLOT_TYPE = "MuscleType"  # the interaction model's slot type that holds a cramp's place


class Place:
    """One value of the slot type: its id (what entity resolution sends), its value and synonyms (what
    Alexa matches), and the event a cramp named there makes. (A plain class with slots, not a NamedTuple:
    defining one costs a tenth as much of the cold start.)"""

    __slots__ = ("event", "id", "synonyms", "value")

    def __init__(self, id: str, value: str, synonyms: tuple[str, ...], event: Event) -> None:
        self.id, self.value, self.synonyms, self.event = id, value, synonyms, event

    @property
    def words(self) -> tuple[str, ...]:
        """The value and its synonyms: every way the model lets a person say this place."""
        return (self.value, *self.synonyms)

    def __repr__(self) -> str:
        return f"Place({self.id!r}, {self.value!r}, {self.event!r})"


class PlaceWords:
    """Words that, anywhere in a place Alexa could not resolve, say the person needs something other than
    a stretch: the event they make."""

    __slots__ = ("event", "words")

    def __init__(self, event: Event, words: tuple[str, ...]) -> None:
        self.event, self.words = event, words

    def __repr__(self) -> str:
        return f"PlaceWords({self.event!r}, {len(self.words)} words)"


def _muscle(muscle: Muscle) -> Event:
    return Event(EventKind.CRAMP, muscle=muscle)


_OTHER = _muscle(Muscle.OTHER)
_CHEST = Event(EventKind.CHEST)
_OUT_OF_SCOPE = Event(EventKind.OUT_OF_SCOPE)

# fmt: off
PLACES: tuple[Place, ...] = (
    # A muscle with its own stretch.
    Place("CALF", "calf", ("calves", "calf muscle", "calf muscles", "lower leg", "lower legs",
          "back of my leg", "back of the leg", "back of my lower leg", "back of my legs", "left calf",
          "right calf", "left calf muscle", "right calf muscle"), _muscle(Muscle.CALF)),
    Place("FOOT", "foot", ("feet", "toes", "toe", "big toe", "arch", "arch of my foot", "arches", "sole",
          "sole of my foot", "bottom of my foot", "bottom of the foot", "bottom of my feet", "instep",
          "left foot", "right foot", "left big toe", "right big toe"), _muscle(Muscle.FOOT)),
    Place("HAMSTRING", "hamstring", ("hamstrings", "back of my thigh", "back of thigh", "back of the thigh",
          "back of my thighs", "back of it", "the back of it", "at the back", "back side of my thigh",
          "back side of the thigh", "back side", "back of me thigh", "left hamstring", "right hamstring",
          "hammy", "hammies"), _muscle(Muscle.HAMSTRING)),
    Place("QUADRICEPS", "quad", ("quads", "quadriceps", "quadricep", "front of my thigh", "front of thigh",
          "front of the thigh", "front of my thighs", "front thigh", "front thigh muscle", "front side",
          "front side of my thigh", "front of me thigh", "front", "front of it", "the front of it",
          "at the front", "left quad", "right quad"), _muscle(Muscle.QUADRICEPS)),
    Place("HAND", "hand", ("hands", "fingers", "finger", "thumb", "thumbs", "palm", "palm of my hand",
          "little finger", "pinky", "index finger", "ring finger", "middle finger", "left hand",
          "right hand"), _muscle(Muscle.HAND)),
    # The thigh asks which side (and "back", answering that, is its back: ``ANSWERING_THIGH_SIDE``).
    Place("THIGH", "thigh", ("thighs", "upper leg", "upper legs", "left thigh", "right thigh"),
          _muscle(Muscle.THIGH)),
    # Another muscle: the seed's general stretch.
    Place("LEG", "leg", ("legs", "left leg", "right leg"), _OTHER),
    Place("SHIN", "shin", ("shins", "front of my leg", "front of my lower leg"), _OTHER),
    Place("GROIN", "groin", ("inner thigh", "inner thighs", "adductor", "adductors"), _OTHER),
    Place("HIP", "hip", ("hips", "hip flexor", "hip flexors"), _OTHER),
    Place("GLUTE", "glute", ("glutes", "buttock", "buttocks", "butt", "bum", "backside"), _OTHER),
    Place("BACK", "back", ("lower back", "upper back", "back muscles", "middle of my back"), _OTHER),
    # Somewhere else: not yet known to be a muscle.
    Place("ELSEWHERE", "somewhere else", ("someplace else", "another muscle", "a different muscle",
          "somewhere different", "none of those", "another place", "elsewhere", "a different place"),
          _muscle(Muscle.ELSEWHERE)),
    Place("NECK", "neck", ("back of my neck", "side of my neck", "neck muscles"), _OTHER),
    Place("SHOULDER", "shoulder", ("shoulders", "shoulder blade", "shoulder blades", "trapezius", "traps"),
          _OTHER),
    Place("ARM", "arm", ("arms", "upper arm", "bicep", "biceps", "tricep", "triceps"), _OTHER),
    Place("FOREARM", "forearm", ("forearms",), _OTHER),
    # Out of the seed's scope: no muscle cramp of the kind its stretches are for.
    Place("ABS", "abs", ("stomach", "belly", "tummy", "stomach muscles", "ab muscles", "abdominal muscles",
          "abdominals", "abdomen", "lower belly", "lower stomach", "womb", "uterus", "gut"), _OUT_OF_SCOPE),
    Place("SIDE", "side", ("sides", "ribs", "rib", "rib cage", "side of my body", "side of my stomach",
          "my side"), _OUT_OF_SCOPE),
    Place("JAW", "jaw", ("jaw muscles", "jaws", "face", "cheek"), _OUT_OF_SCOPE),
    # The chest: a "cramp" there is chest pain, never coached.
    Place("CHEST", "chest", ("chest muscle", "chest muscles", "pecs", "pec", "heart", "breastbone",
          "left side of my chest", "middle of my chest"), _CHEST),
)

# Alexa fills a custom slot with whatever it heard there, not only with the type's values: "um he collapsed"
# can arrive as CrampIntent with "he collapsed" for its place. In a place it could not resolve, a word that
# says the person needs no stretch wins (CONTENT-SOURCES.md), in this order when words of several kinds are
# there: an emergency (by its name or its signs), a fall, the chest, a red flag in the person's words
# (a limb numb or weak, then swelling), and a cramp outside the seed's muscles. ("side" is left out: "the
# side of my calf".)
WORDS_IN_PLACE: tuple[PlaceWords, ...] = (
    PlaceWords(Event(EventKind.EMERGENCY), (
        "breathe", "breathing", "breath", "collapsed", "unconscious", "fainted", "faint", "stroke",
        "seizure", "bleeding", "blood", "ambulance", "emergency", "choking", "unresponsive", "attack",
        "hospital", "paramedic", "paramedics", "drooping", "droopy", "slurred", "slurring")),
    PlaceWords(Event(EventKind.FALL), ("fell", "fallen")),
    PlaceWords(_CHEST, ("chest", "heart")),
    PlaceWords(Event(EventKind.RED_FLAG, sign=Sign.LIMB), (
        "numb", "numbness", "tingling", "tingly", "tingle", "pins", "needles", "weak", "weakness")),
    PlaceWords(Event(EventKind.RED_FLAG, sign=Sign.SWELLING), ("swollen", "swelling", "puffy")),
    PlaceWords(_OUT_OF_SCOPE, (
        "stomach", "belly", "tummy", "abdomen", "period", "periods", "menstrual", "ribs", "rib", "jaw",
        "gut", "guts", "stitch")),
)
# fmt: on

PLACE_BY_ID: dict[str, Place] = {place.id: place for place in PLACES}
# What a place means as the answer to "the front or the back of your thigh?": "back", elsewhere the back,
# is the back of the thigh there. (The front is said with its own words: QUADRICEPS has "front".)
ANSWERING_THIGH_SIDE: dict[str, Event] = {"BACK": _muscle(Muscle.HAMSTRING)}
# Every word of every place, for a place sent without entity resolution (a hand-made request, a name-free
# query sent with the slot's words alone, as Amazon's documented example does).
PLACE_BY_WORD: dict[str, Place] = {word: place for place in PLACES for word in place.words}
