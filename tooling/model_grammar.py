"""The interaction model, generated from a readable grammar.

People say the same thing in many ways ("my calf is cramping", "i've got a charley horse in my calf",
"my calf just seized up"), and an interaction model has to list them one by one. Writing them out by hand
gave a model that heard too little; so the sample utterances are written as a grammar
(``interaction_model/grammar/en.toml``) and expanded here into the locale files the ASK CLI deploys,
which stay committed. A test proves the committed files are exactly what the grammar generates.

Grammar syntax, inside a template:

    (a|b|c)   one of the alternatives            [a]      optional, the same as (a|)
    <name>    a phrase list from [words]          {slot}   a slot, kept as it is for Alexa
    * ...     (a template's start) every combination of its alternatives

A template is a shape and its alternatives are its words: each alternative is said in at least one sample
of the shape, not in every combination with every other group (``_covering``), so "(call|ring) <number>
(he|she) (collapsed|fainted)" is eight samples, not 128 near-duplicates. A template marked ``*`` says
every combination: the few short shapes on which a life may hang (call the number, an ambulance, can't
breathe, chest pain) and the short answers that must match exactly ("it's gone", "it's not gone away").

The generator refuses what Alexa or its certification would refuse (see ``check_model``): a sample in
two intents, also once its slots are filled with their values (Alexa's utterance-conflict report), a sample
that starts with a launch phrase or a wake word, and a model over Alexa's limits. It also refuses a model
over our own budget, ``MODEL_BUDGET_BYTES``, and says which templates take the room (``room_report``).

One grammar file a language; a locale's own words and samples (``[locales."en-AU"]``) are added to it for
that locale only: "yeah nah" is a no in Australia, "paining" is how India says it hurts.

The grammar's ``[name_free]`` table becomes the ``_nameFreeInteraction`` container: the phrases people say
to Alexa without the skill's name (see ``name_free_container``).

The slot types are not in the grammar: the places a cramp can be (``MuscleType``) come from the skill's own
vocabulary, ``skill/places.py``, which the handlers and CanFulfill read the slot with, so that what Alexa
can match and what the skill makes of it are written once (``place_slot_types``).
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from itertools import product
from pathlib import Path
from typing import Any, TextIO

from skill.content import load_locales
from skill.places import PLACE_SLOT_TYPE, PLACES

REPO = Path(__file__).resolve().parent.parent
GRAMMAR_DIR = REPO / "interaction_model" / "grammar"
MODELS_DIR = REPO / "interaction_model" / "interactionModels" / "custom"


def locales_by_language() -> dict[str, list[tuple[str, Path]]]:
    """Each language's locales and their model files, from the locale registry."""
    grouped: dict[str, list[tuple[str, Path]]] = {}
    for name, locale in load_locales().locales.items():
        grouped.setdefault(locale.language, []).append((name, REPO / str(locale.model)))
    return grouped


# Alexa's documented limits ("Interaction model limits", in Create the Interaction Model for Your Skill,
# developer.amazon.com/en-US/docs/alexa/custom-skills/create-the-interaction-model-for-your-skill.html):
# a model of at most 1.5 MB, at most 250 intents, at most 350 intents and slot types together, and at
# most 140 characters for a slot value or synonym. The sample-utterance rules of "Create Intents,
# Utterances, and Slots" (same site, create-intents-utterances-and-slots.html): words, with numbers
# spelled out; a slot in braces, never two slots side by side; we keep to lowercase letters, apostrophes
# and spaces. MAX_SAMPLE_CHARACTERS and MAX_SAMPLES_PER_INTENT are our own caps, to keep it reviewable.
MAX_MODEL_BYTES = 1_500_000
# Our own budget (issue 25): Amazon warns that too many samples and near-duplicates overtrain a model and
# cost accuracy; its statistical layer hears fillers, contractions and word orders it was not given. So a
# model of a few thousand samples, diverse in shape and words, not 25,000 permutations of a few shapes.
MODEL_BUDGET_BYTES = 250_000
MAX_INTENTS = 250
MAX_INTENTS_AND_SLOT_TYPES = 350
MAX_SLOT_VALUE_CHARACTERS = 140
MAX_SAMPLE_CHARACTERS = 200
MAX_SAMPLES_PER_INTENT = 6_000
# Alexa's levels of ``fallbackIntentSensitivity`` (the estimate's thresholds for each are in
# tooling/estimate/sensitivity.py, which needs the developers' tools; this module must not).
SENSITIVITIES = ("LOW", "MEDIUM", "HIGH")

# Amazon's reviewers reject samples that begin with a launch phrase or a wake word: Alexa takes them as
# the start of a new invocation ("tell me what a cramp is" is heard as "tell <skill> ...").
LAUNCH_PHRASES = ("ask", "tell", "open", "launch", "start", "begin", "play", "load", "resume", "run", "use",
                  "talk to")  # fmt: skip
WAKE_WORDS = ("alexa", "amazon", "echo", "computer")
SAMPLE_SYNTAX = re.compile(r"[a-z' {}]+")

# The Name-free Interaction Toolkit (Alexa docs, "Use the Name-free Interaction Toolkit in SMAPI" and
# "... in CLI": developer.amazon.com/en-US/docs/alexa/custom-skills/using-nfi-toolkit-smapi.html and
# using-nfi-toolkit-cli.html): a ``_nameFreeInteraction`` container beside ``languageModel`` holds
# ``ingressPoints``. A skill launch phrase is an ingress point of type LAUNCH with no name; an intent launch
# phrase is of type INTENT, named after a custom intent of the model. Each phrase is
# {"format": "RAW_TEXT", "value": ...}, a complete sentence without slots, at most five per ingress point.
NAME_FREE_CONTAINER = "_nameFreeInteraction"
NAME_FREE_LAUNCH, NAME_FREE_INTENT = "LAUNCH", "INTENT"
NAME_FREE_FORMAT = "RAW_TEXT"
MAX_NAME_FREE_PHRASES = 5
NAME_FREE_PHRASE_SYNTAX = re.compile(r"[a-z']+( [a-z']+)+")  # words only: no slot, at least two words


class GrammarError(ValueError):
    """The grammar cannot be expanded, or what it expands to breaks one of Alexa's rules."""


# ---------------------------------------------------------------------------------------------------------
# Expansion


# A contraction written as an alternative after a word ("<someone> (is|'s)") belongs to that word: "he's",
# as speech recognition writes it, never a word "'s" of its own. (After a slot, see _SLOT_POSSESSIVE.)
_DETACHED_CONTRACTION = re.compile(r" '(s|re|ve|ll|d|m)\b")


# A template that starts with this says every combination of its alternatives (the grammar's other
# templates say each alternative once: see _covering).
EVERY_COMBINATION = "* "


def expand(template: str, words: Mapping[str, str]) -> list[str]:
    """The sentences a template stands for, in order, with single spaces and without repeats: each of its
    alternatives in at least one sentence, or (a template marked ``EVERY_COMBINATION``) every combination."""
    every = template.startswith(EVERY_COMBINATION)
    sentences = _Parser(template.removeprefix(EVERY_COMBINATION), words, every=every).parse()
    return list(
        dict.fromkeys(_DETACHED_CONTRACTION.sub(r"'\1", " ".join(sentence.split())) for sentence in sentences)
    )


def _covering(parts: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """The combinations of a sequence's parts that say every alternative of every part at least once, and
    no more: the i-th takes the i-th alternative of each part (a shorter part starts again from its
    first), so a template of three groups of four is four samples, not sixty-four."""
    longest = max(len(part) for part in parts)
    return [tuple(part[index % len(part)] for part in parts) for index in range(longest)]


class _Parser:
    """Recursive descent over the template syntax; each rule returns the list of strings it stands for."""

    def __init__(
        self, template: str, words: Mapping[str, str], depth: int = 0, *, every: bool = False
    ) -> None:
        if depth > 10:
            raise GrammarError(f"phrase lists nest too deep at {template!r}")
        self.text, self.words, self.depth, self.position = template, words, depth, 0
        self.every = every

    def parse(self) -> list[str]:
        result = self._alternatives()
        if self.position != len(self.text):
            raise GrammarError(f"unbalanced {self.text[self.position]!r} in {self.text!r}")
        return result

    def _alternatives(self) -> list[str]:
        options = self._sequence()
        while self._peek() == "|":
            self.position += 1
            options = options + self._sequence()
        return options

    def _sequence(self) -> list[str]:
        parts: list[list[str]] = []
        while self.position < len(self.text) and self._peek() not in "|)]":
            parts.append(self._item())
        if not parts:
            return [""]
        combinations = product(*parts) if self.every else _covering(parts)
        return ["".join(combination) for combination in combinations]

    def _item(self) -> list[str]:
        char = self._peek()
        if char in "([":
            closing = ")" if char == "(" else "]"
            self.position += 1
            inner = self._alternatives()
            if self._peek() != closing:
                raise GrammarError(f"missing {closing!r} in {self.text!r}")
            self.position += 1
            return [*inner, ""] if char == "[" else inner
        if char == "<":
            end = self.text.index(">", self.position)
            name = self.text[self.position + 1 : end]
            self.position = end + 1
            if name not in self.words:
                raise GrammarError(f"unknown phrase list <{name}> in {self.text!r}")
            return _Parser(self.words[name], self.words, self.depth + 1, every=self.every).parse()
        start = self.position
        while self.position < len(self.text) and self.text[self.position] not in "([<|)]":
            self.position += 1
        return [self.text[start : self.position]]

    def _peek(self) -> str:
        return self.text[self.position] if self.position < len(self.text) else ""


# ---------------------------------------------------------------------------------------------------------
# The model


def load_grammar(language: str = "en") -> dict[str, Any]:
    return tomllib.loads((GRAMMAR_DIR / f"{language}.toml").read_text(encoding="utf-8"))


def grammar_for_locale(grammar: Mapping[str, Any], locale: str | None) -> dict[str, Any]:
    """The language's grammar with a locale's additions: each of its ``words`` is one more alternative of
    the language's phrase list of that name (or a new list), each of its intents' ``samples`` is added to
    the language's. Additions only: a locale never loses what the language says."""
    merged: dict[str, Any] = copy.deepcopy(dict(grammar))
    merged.pop("locales", None)
    known = {name for locales in locales_by_language().values() for name, _ in locales}
    misspelt = set(grammar.get("locales", {})) - known
    if misspelt:
        raise GrammarError(f"[locales] names no registered locale: {sorted(misspelt)}")
    own = grammar.get("locales", {}).get(locale, {}) if locale else {}
    unknown = set(own) - {"words", "intents"}
    if unknown:
        raise GrammarError(f"[locales.{locale!r}] may add words and intents' samples only, not {unknown}")
    words = merged.setdefault("words", {})
    for name, extra in own.get("words", {}).items():
        words[name] = f"({words[name]}|{extra})" if name in words else extra
    for name, spec in own.get("intents", {}).items():
        if name not in merged["intents"]:
            raise GrammarError(f"[locales.{locale!r}] adds samples to {name}, which the language lacks")
        if set(spec) != {"samples"}:
            raise GrammarError(f"[locales.{locale!r}.intents.{name!r}] may add samples only")
        merged["intents"][name]["samples"] = [*merged["intents"][name].get("samples", []), *spec["samples"]]
    return merged


SlotTypes = Mapping[str, Sequence[Mapping[str, Any]]]  # type name -> values: id, value, synonyms


def place_slot_types() -> dict[str, list[dict[str, Any]]]:
    """The model's slot types, from the skill's vocabulary of places (``skill/places.py``)."""
    return {
        PLACE_SLOT_TYPE: [
            {"id": place.id, "value": place.value, "synonyms": list(place.synonyms)} for place in PLACES
        ]
    }


def build_language_model(
    grammar: Mapping[str, Any],
    *,
    name_free: bool = True,
    locale: str | None = None,
    slot_types: SlotTypes | None = None,
) -> dict[str, Any]:
    """The interaction model (as the ASK CLI holds it) that a grammar stands for, with the name-free
    phrases of ``locale`` and the locale's own words and samples; checked before it is returned.
    ``name_free=False`` leaves out the name-free container (see ``docs/deploy.md``). The slot types are
    the vocabulary's (``place_slot_types``) unless ``slot_types`` are given (a test's small grammar)."""
    if "types" in grammar:
        raise GrammarError(
            "the grammar has [types]: the slot types come from skill/places.py (the vocabulary the skill "
            "reads the slot with), not from the grammar"
        )
    slot_types = place_slot_types() if slot_types is None else slot_types
    name_free_table = grammar.get("name_free")
    grammar = grammar_for_locale(grammar, locale)
    words: Mapping[str, str] = grammar.get("words", {})
    intents = []
    possessive_types: set[str] = set()  # slot types said with 's after them somewhere
    for name, spec in grammar["intents"].items():
        intent: dict[str, Any] = {"name": name}
        slots = spec.get("slots", {})
        if slots:
            intent["slots"] = [{"name": slot, "type": slot_type} for slot, slot_type in slots.items()]
        samples: list[str] = []
        for template in spec.get("samples", []):
            samples.extend(expand(template, words))
        for slot in re.findall(r"\{(\w+)\}'s\b", " ".join(samples)):
            possessive_types.add(slots.get(slot, ""))
        intent["samples"] = list(dict.fromkeys(_SLOT_POSSESSIVE.sub(r"{\1}", sample) for sample in samples))
        intents.append(intent)
    types = [
        {
            "name": type_name,
            "values": [
                {
                    "id": value["id"],
                    "name": {
                        "value": value["value"],
                        "synonyms": _with_possessives(value, type_name in possessive_types),
                    },
                }
                for value in values
            ],
        }
        for type_name, values in slot_types.items()
    ]
    language_model: dict[str, Any] = {"invocationName": grammar["invocation_name"]}
    sensitivity = grammar.get("fallback_intent_sensitivity")
    if sensitivity is not None:
        if sensitivity not in SENSITIVITIES:
            raise GrammarError(f"fallback_intent_sensitivity is one of {SENSITIVITIES}: {sensitivity!r}")
        # Alexa's place for it: languageModel.modelConfiguration.fallbackIntentSensitivity.level.
        language_model["modelConfiguration"] = {"fallbackIntentSensitivity": {"level": sensitivity}}
    language_model.update(intents=intents, types=types)
    model: dict[str, Any] = {"interactionModel": {"languageModel": language_model}}
    if name_free and name_free_table:
        model["interactionModel"][NAME_FREE_CONTAINER] = name_free_container(name_free_table, locale)
    problems = check_model(model)
    if problems:
        raise GrammarError("the generated model breaks Alexa's rules:\n  " + "\n  ".join(problems[:20]))
    return model


# Alexa takes no possessive right after a slot ("{muscle}'s gone tight"): the slot's own words carry it
# instead. "my {muscle}'s gone tight" becomes "my {muscle} gone tight", and the slot type gains "calf's",
# "foot's", ... as synonyms of the values they belong to, so "my calf's gone tight" still fills it with CALF.
_SLOT_POSSESSIVE = re.compile(r"\{(\w+)\}'s\b")


def _with_possessives(value: Mapping[str, Any], possessive: bool) -> list[str]:
    synonyms = list(value.get("synonyms", []))
    if possessive:
        said = [value["value"], *synonyms]
        synonyms += [f"{word}'s" for word in said if not word.endswith("'s") and f"{word}'s" not in said]
    return synonyms


def name_free_container(name_free: Mapping[str, Any], locale: str | None = None) -> dict[str, Any]:
    """The ``_nameFreeInteraction`` container for the grammar's ``[name_free]`` table: its ``launch``
    phrases, then each intent's phrases in the order written. A locale's own table
    (``[name_free.locales."en-GB"]``) replaces the phrases it lists: people in Britain have cramp, in
    America a charley horse."""

    def phrases(values: Sequence[str]) -> list[dict[str, str]]:
        return [{"format": NAME_FREE_FORMAT, "value": value} for value in values]

    own = name_free.get("locales", {}).get(locale, {}) if locale else {}
    launch = own.get("launch", name_free.get("launch"))
    intents = {**name_free.get("intents", {}), **own.get("intents", {})}
    ingress_points: list[dict[str, Any]] = []
    if launch:
        ingress_points.append({"type": NAME_FREE_LAUNCH, "sampleUtterances": phrases(launch)})
    for intent_name, values in intents.items():
        ingress_points.append(
            {"type": NAME_FREE_INTENT, "name": intent_name, "sampleUtterances": phrases(values)}
        )
    return {"ingressPoints": ingress_points}


def name_free_problems(model: Mapping[str, Any]) -> list[str]:
    """What in the name-free container breaks the toolkit's documented rules."""
    container = model["interactionModel"].get(NAME_FREE_CONTAINER)
    if container is None:
        return []
    custom_intents = {
        intent["name"]
        for intent in model["interactionModel"]["languageModel"]["intents"]
        if not intent["name"].startswith("AMAZON.")
    }
    invocation_name = model["interactionModel"]["languageModel"]["invocationName"]
    problems = []
    seen: set[str] = set()
    for point in container.get("ingressPoints", []):
        kind, name = point.get("type"), point.get("name")
        where = f"name-free {kind} {name or ''}".rstrip()
        if kind == NAME_FREE_LAUNCH and "name" in point:
            problems.append(f"{where}: a skill launch phrase has no name")
        elif kind == NAME_FREE_INTENT and name not in custom_intents:
            problems.append(f"{where}: names no custom intent of the model")
        elif kind not in (NAME_FREE_LAUNCH, NAME_FREE_INTENT):
            problems.append(f"{where}: the type is LAUNCH or INTENT")
        utterances = point.get("sampleUtterances", [])
        if not 1 <= len(utterances) <= MAX_NAME_FREE_PHRASES:
            problems.append(f"{where}: {len(utterances)} phrases (one to {MAX_NAME_FREE_PHRASES})")
        for utterance in utterances:
            value = str(utterance.get("value", ""))
            if utterance.get("format") != NAME_FREE_FORMAT or not NAME_FREE_PHRASE_SYNTAX.fullmatch(value):
                problems.append(f"{where}: {value!r} is not a complete {NAME_FREE_FORMAT} phrase")
            if any(word in WAKE_WORDS for word in value.split()) or invocation_name in value:
                problems.append(f"{where}: {value!r} holds a wake word or the invocation name")
            if value in seen:
                problems.append(f"{where}: {value!r} is a name-free phrase twice")
            seen.add(value)
    return problems


def check_model(model: Mapping[str, Any]) -> list[str]:
    """What in a model Alexa would refuse or its reviewers reject; empty when it is fine."""
    language_model = model["interactionModel"]["languageModel"]
    problems = name_free_problems(model)
    size = len(render_model(model).encode("utf-8"))
    if size > MAX_MODEL_BYTES:
        problems.append(f"the model is {size} bytes, over Alexa's {MAX_MODEL_BYTES}")
    intents, types = language_model["intents"], language_model.get("types", [])
    if len(intents) > MAX_INTENTS or len(intents) + len(types) > MAX_INTENTS_AND_SLOT_TYPES:
        problems.append(f"{len(intents)} intents and {len(types)} slot types: over Alexa's limits")
    owner: dict[str, str] = {}
    for intent in intents:
        declared = {slot["name"] for slot in intent.get("slots", [])}
        if len(intent["samples"]) > MAX_SAMPLES_PER_INTENT:
            problems.append(f"{intent['name']} has {len(intent['samples'])} samples")
        for sample in intent["samples"]:
            problems.extend(_sample_problems(intent["name"], sample, declared))
            if sample in owner and owner[sample] != intent["name"]:
                problems.append(f"{sample!r} is a sample of both {owner[sample]} and {intent['name']}")
            owner.setdefault(sample, intent["name"])
    for slot_type in types:
        for value in slot_type["values"]:
            for said in (value["name"]["value"], *value["name"].get("synonyms", [])):
                if len(said) > MAX_SLOT_VALUE_CHARACTERS or not said.strip():
                    problems.append(f"slot value {said!r} of {slot_type['name']}: empty or too long")
    problems.extend(slot_conflicts(language_model))
    return problems


def slot_values(language_model: Mapping[str, Any]) -> dict[str, list[str]]:
    """Each slot type's words: its values and their synonyms."""
    return {
        slot_type["name"]: [
            said
            for value in slot_type["values"]
            for said in (value["name"]["value"], *value["name"].get("synonyms", []))
        ]
        for slot_type in language_model.get("types", [])
    }


def slot_conflicts(language_model: Mapping[str, Any]) -> list[str]:
    """Samples of two intents once slots are filled, as Alexa's utterance-conflict report finds them:
    "my {muscle} is cramping" with "chest" in MuscleType is "my chest is cramping", which must then be no
    other intent's sample. Every slot value (and synonym) is tried in every literal sample of every other
    intent: where putting the slot back for it gives a slotted sample of another intent, the two collide.
    Slots are known by name (one slot name, one type, across the model, as this grammar has it), and two
    slotted samples are compared as written."""
    values_by_type = slot_values(language_model)
    slotted: dict[str, str] = {}  # "my {muscle} is cramping" -> its intent
    words_by_slot: dict[str, list[str]] = {}
    for intent in language_model["intents"]:
        for slot in intent.get("slots", []):
            words_by_slot[slot["name"]] = values_by_type.get(slot["type"], [])
        for sample in intent["samples"]:
            if "{" in sample:
                slotted.setdefault(sample, intent["name"])
    problems = []
    for intent in language_model["intents"]:
        for sample in intent["samples"]:
            if "{" in sample:
                continue
            for slot, words in words_by_slot.items():
                for said in words:
                    if said not in sample:
                        continue
                    # The value as whole words, before a space, the end, or a contraction ("stomach's").
                    for found in re.finditer(rf"(?<![\w']){re.escape(said)}(?=$| |')", sample):
                        pattern = f"{sample[: found.start()]}{{{slot}}}{sample[found.end() :]}"
                        other = slotted.get(pattern)
                        if other is not None and other != intent["name"]:
                            problems.append(
                                f"{sample!r} of {intent['name']} is also {pattern!r} of {other} with "
                                f"{{{slot}}} = {said!r}"
                            )
    return problems


def _sample_problems(intent_name: str, sample: str, declared_slots: set[str]) -> Iterable[str]:
    where = f"{intent_name}: {sample!r}"
    if not sample or not SAMPLE_SYNTAX.fullmatch(sample) or sample != " ".join(sample.split()):
        yield f"{where} is not a well-formed sample"
    if len(sample) > MAX_SAMPLE_CHARACTERS:
        yield f"{where} is over {MAX_SAMPLE_CHARACTERS} characters"
    if re.search(r"\}\s*\{", sample):
        yield f"{where} has two slots side by side"
    if not set(re.findall(r"\{(\w+)\}", sample)) <= declared_slots:
        yield f"{where} uses a slot the intent does not declare"
    if "}'" in sample:
        yield f"{where} has a possessive right after a slot, which Alexa does not take"
    slots_used = re.findall(r"\{(\w+)\}", sample)
    if len(slots_used) != len(set(slots_used)):
        yield f"{where} uses a slot twice"
    first_words = sample.split()
    for phrase in (*LAUNCH_PHRASES, *WAKE_WORDS):
        if first_words[: len(phrase.split())] == phrase.split():
            yield f"{where} starts with the launch phrase or wake word {phrase!r}"
    if any(word in WAKE_WORDS for word in first_words) or "cramp coach" in sample:
        yield f"{where} holds a wake word or the invocation name"


def render_model(model: Mapping[str, Any]) -> str:
    """The locale file: one sample a line, indented one space a level, as it has been since issue 18. The
    budget counts the file's bytes in this format; it is met by fewer, more diverse samples (issue 25),
    never by squeezing the format."""
    return json.dumps(model, indent=1, ensure_ascii=False) + "\n"


def generated_files(languages: Sequence[str] | None = None, *, name_free: bool = True) -> dict[Path, str]:
    """Each locale's model file (from the locale registry) and the text its language's grammar generates."""
    files = {}
    for language, locales in locales_by_language().items():
        if languages is not None and language not in languages:
            continue
        grammar = load_grammar(language)
        for locale, model_file in locales:
            try:
                model = build_language_model(grammar, name_free=name_free, locale=locale)
            except GrammarError as error:
                raise GrammarError(f"the {locale} model: {error}") from error
            text = render_model(model)
            size = len(text.encode("utf-8"))
            if size > MODEL_BUDGET_BYTES:
                raise GrammarError(
                    f"the {locale} model is {size:,} bytes, over the budget of {MODEL_BUDGET_BYTES:,}: "
                    f"prefer new sentence shapes to fillers multiplied. What takes the most room:\n"
                    + room_report(grammar, locale)
                )
            files[model_file] = text
    return files


# A sample's cost in the rendered file: its text and quotes, a comma, a line break and the indentation of
# a sample list's items (interactionModel > languageModel > intents > intent > samples > item, one space
# a level).
SAMPLE_OVERHEAD_BYTES = 2 + 1 + 1 + 6


def room_report(grammar: Mapping[str, Any], locale: str | None = None, *, top: int = 12) -> str:
    """Where a locale's model spends its bytes: each intent's share, then the templates that expand to the
    most, each with its count of samples, so that the largest multiplications are the first to rethink."""
    merged = grammar_for_locale(grammar, locale)
    words: Mapping[str, str] = merged.get("words", {})
    by_intent: dict[str, int] = {}
    by_template: list[tuple[int, int, str, str]] = []
    for name, spec in merged["intents"].items():
        seen: set[str] = set()
        for template in spec.get("samples", []):
            new = [sample for sample in expand(template, words) if sample not in seen]
            seen.update(new)
            cost = sum(len(sample.encode("utf-8")) + SAMPLE_OVERHEAD_BYTES for sample in new)
            by_intent[name] = by_intent.get(name, 0) + cost
            by_template.append((cost, len(new), name, template))
    lines = ["  by intent:"]
    lines += [
        f"    {cost:>9,} bytes  {name}" for name, cost in sorted(by_intent.items(), key=lambda i: -i[1])
    ]
    lines.append("  the largest templates:")
    for cost, count, name, template in sorted(by_template, reverse=True)[:top]:
        lines.append(f"    {cost:>9,} bytes  {count:>5} samples  {name}: {template}")
    return "\n".join(lines)


def print_room(out: TextIO) -> None:
    """Each locale's model size against the budget, then where its language's first locale spends it."""
    for language, locales in locales_by_language().items():
        grammar = load_grammar(language)
        for locale, _ in locales:
            size = len(render_model(build_language_model(grammar, locale=locale)).encode("utf-8"))
            print(f"{locale}: {size:,} bytes of the budget of {MODEL_BUDGET_BYTES:,}", file=out)
        print(f"{locales[0][0]}, what takes the most room:\n{room_report(grammar, locales[0][0])}", file=out)


def write_models(*, check_only: bool = False, name_free: bool = True) -> list[Path]:
    """Write the locale files (or, with ``check_only``, only report which differ); returns those that
    differ from what the grammar generates."""
    stale = []
    for path, text in generated_files(name_free=name_free).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check_only:
                path.write_text(text, encoding="utf-8")
    return stale
