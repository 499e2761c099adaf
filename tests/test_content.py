"""The content file against its authority: every seed fact reachable by voice, nothing empty, all sourced."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from skill.content import ContentError, load_content, load_locales, parse_content, parse_locales
from skill.conversation import CHECK_QUESTIONS
from skill.conversation.state import Wording
from skill.speech import readable

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "sources" / "muscle-spasm.txt"
CONTENT_SOURCES = REPO / "sources" / "CONTENT-SOURCES.md"
SHARED = REPO.parent / "shared"

# Every fact of the seed page that CONTENT-SOURCES.md lists, as words the skill must say (paraphrased for
# the ear), and how a user asks for it.
SEED_FACTS_BY_QUESTION: dict[str, list[str]] = {
    "what is a cramp": [
        "without you meaning it to",  # involuntary
        "also called a cramp",
        "tightens quickly and strongly",
        "a hard lump may form",
        "can be very painful",
    ],
    "what causes cramps": [
        "the cause of a muscle spasm isn't known",
        "caused by irritated muscle fibers",
        "an injury",
        "heavy exercise",
        "overtired muscles",
        "a muscle held in one position for a long time",
        "dehydration",
        "low levels of certain minerals",
        "water pills, also called diuretics",
        "kidney failure or diabetes",
        "pregnancy",
    ],
    "how do you treat a cramp": [
        "often come and go quickly",
        "very gently stretch and massage",
        "may help calm the muscle fibers",
        "then rest the muscle",
    ],
    "how do i prevent cramps": [
        "little or no evidence",
        "may still help, and they have other benefits",
        "talk to your healthcare provider",
        "drink enough fluids to prevent dehydration, especially when you exercise",
        "take vitamin or mineral supplements",
        "get regular exercise",
        "stretch regularly, especially before exercise",
        "limit caffeine and smoking",
        "prescription muscle relaxant if prescribed by your provider",
    ],
    "when should i call a doctor": [
        "severe cramping",
        "cramping that lasts a long time, doesn't go away with stretching, or keeps coming back",
        "pain, tingling, or weakness in the arms or legs",
        "pain that wakes you up at night",
    ],
}


def seed_section_items(heading: str) -> list[str]:
    """The list items under one heading of the seed page, empty ones included."""
    text = SEED.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    items = []
    for line in section.splitlines()[1:]:
        if line.strip() and not line.startswith("-") and items:
            break
        if line.startswith("-"):
            items.append(line[1:].strip())
    return items


def words(text: str) -> list[str]:
    text = text.lower().replace("doesn't", "does not").replace(" 1 ", " one ")
    return re.findall(r"[a-z]+", text)


@pytest.mark.parametrize("question", SEED_FACTS_BY_QUESTION)
def test_every_seed_fact_is_reachable_by_voice(converse, question: str) -> None:
    (turn,) = converse(f"ask cramp coach {question}")
    spoken = readable(turn.speech_ssml).lower()
    missing = [fact for fact in SEED_FACTS_BY_QUESTION[question] if fact.lower() not in spoken]
    assert missing == [], f"asking {question!r} never says these seed facts"


@pytest.mark.shared  # changes with ../shared, not with this tree: make test-shared, outside make test-fast
@pytest.mark.parametrize(
    ("snapshot", "original"),
    [(SEED, SHARED / "seed" / "muscle-spasm.txt"), (CONTENT_SOURCES, SHARED / "CONTENT-SOURCES.md")],
)
def test_the_source_snapshots_match_the_shared_originals(snapshot: Path, original: Path) -> None:
    if not original.exists():
        pytest.skip("the shared originals are not on this machine; the snapshot stands in for them")
    assert snapshot.read_bytes() == original.read_bytes(), f"{snapshot.name} drifted from {original}"


def test_the_red_flags_are_exactly_the_seeds_four() -> None:
    seed_flags = seed_section_items("When to call your healthcare provider")
    assert len(seed_flags) == 4
    content = load_content()
    assert [words(item) for item in content.item_list("red_flags").items] == [words(f) for f in seed_flags]
    assert len(content.item_list("provider_reasons").items) == len(seed_flags)
    assert {question.red_flag for question in CHECK_QUESTIONS} == set(range(len(seed_flags)))


def test_every_red_flag_question_has_each_of_its_wordings() -> None:
    content = load_content()
    for question in CHECK_QUESTIONS:
        base = f"check.{question.name}"
        contexts = ["now", "general"] + (["gone"] if question.wording is Wording.NOW_GENERAL_OR_GONE else [])
        for plainer in ("", ".plainer"):
            if question.wording is not Wording.ONE:
                for context in contexts:
                    assert content.line(f"{base}{plainer}.{context}").text.endswith("?")
            else:
                assert content.line(f"{base}{plainer}").text.endswith("?")


@pytest.mark.parametrize(
    ("heading", "content_list"),
    [("What causes muscles to spasm?", "causes"), ("Preventing muscle spasms", "prevention_tips")],
)
def test_every_non_empty_seed_list_item_is_in_the_content(heading: str, content_list: str) -> None:
    seed_items = [item for item in seed_section_items(heading) if item]
    spoken_items = [set(words(item)) for item in load_content().item_list(content_list).items]
    assert len(seed_items) == len(spoken_items)
    for seed_item in seed_items:
        assert any(set(words(seed_item)) <= spoken for spoken in spoken_items), seed_item


def test_the_seeds_empty_cause_is_skipped_and_no_empty_item_can_load() -> None:
    assert "" in seed_section_items("What causes muscles to spasm?"), "the seed page has one empty item"
    raw = {
        "sources": {"seed": "the page"},
        "lists": {"causes": {"source": "seed", "conjunction": "and", "items": ["injury", "  "]}},
    }
    with pytest.raises(ContentError, match="empty"):
        parse_content(raw)


def test_prevention_caveat_is_spoken_before_the_tips(converse) -> None:
    (turn,) = converse("ask cramp coach how do i prevent cramps")
    spoken = readable(turn.speech_ssml)
    assert spoken.index("little or no evidence") < spoken.index("Here's what you can try")
    assert spoken.index("Here's what you can try") < spoken.index("drink enough fluids")


def test_a_missing_line_fails_loudly() -> None:
    with pytest.raises(ContentError, match="no spoken line"):
        load_content().line("guide.stretch.elbow")


def test_a_line_with_an_undeclared_source_does_not_load() -> None:
    raw = {
        "sources": {"seed": "the page"},
        "lines": {"tip": {"text": "Eat bananas.", "source": "a-blog"}},
    }
    with pytest.raises(ContentError, match="a-blog"):
        parse_content(raw)


def test_every_declared_source_is_allowed_by_content_sources() -> None:
    text = CONTENT_SOURCES.read_text()
    allowed_guidelines = set(re.findall(r"^\| ([a-z-]+) \|", text, flags=re.MULTILINE))
    allowed_guidelines |= set(re.findall(r"key `([a-z0-9-]+)`", text))
    allowed = allowed_guidelines | {"seed", "stretch-rule", "safety", "skill"}
    if "How the conversation may use the red flags" in text:
        allowed.add("red-flag-guidance")
    if "What the skill is for, and what it must not coach" in text:
        allowed.add("scope")
    if "Plain-word emergencies go straight to the emergency line" in text:
        allowed.add("emergency-words")
    for rule, key in [
        ("Not understood is not safe", "not-understood"),
        ("Somewhere unsafe (up a ladder", "safe-place"),
        ("Medicines: quinine, magnesium", "medicines"),
    ]:
        if rule in text:
            allowed.add(key)
    assert set(load_content().sources) <= allowed
    assert {"mayo-stretching", "red-flag-guidance"} <= allowed, "the hold and the mid-cramp lines are sourced"


def test_the_hamstring_stretch_is_sitting_with_the_leg_straight_and_says_top_of_the_foot() -> None:
    """Lying flat, it would stretch the calf, not the hamstring (CONTENT-SOURCES.md)."""
    text = load_content().line("guide.stretch.hamstring").text
    assert "sit with that leg straight out in front of you" in text and "pull the top of your foot" in text


def test_the_front_thigh_stretch_steadies_on_a_chair_or_wall_first() -> None:
    text = load_content().line("guide.stretch.quadriceps").text
    assert text.index("chair or a wall") < text.index("pull")


@pytest.mark.parametrize("muscle", ["calf", "foot", "hamstring", "quadriceps", "hand", "other"])
def test_each_first_instruction_says_stretch_and_very_gently(muscle: str) -> None:
    text = load_content().line(f"guide.stretch.{muscle}").text.lower()
    assert "stretch" in text and "very gently" in text
    assert "very gently" in load_content().line(f"guide.massage.{muscle}").text.lower()


def test_every_emergency_number_is_the_one_content_sources_gives() -> None:
    registry = load_locales()
    numbers = {name: locale.emergency_number.text for name, locale in registry.locales.items()}
    numbers["default"] = registry.default.emergency_number.text
    assert numbers == {
        "default": "your local emergency number",
        "en-US": "911",
        "en-CA": "911",
        "en-GB": "999",
        "en-AU": "000",
        "en-IN": "112",
    }


def test_every_line_fills_in_with_the_known_placeholders() -> None:
    for key, line in load_content().lines.items():
        line.text.format_map({"emergency_number": "911"})  # raises KeyError on an unknown placeholder
        assert "{" not in line.text.replace("{emergency_number}", ""), key


def test_handlers_hold_no_spoken_text() -> None:
    """Sentences belong in the content file; handler code may only hold names, ids and log formats."""
    for path in sorted((REPO / "skill" / "handlers").glob("*.py")):
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                # Two words make a sentence ("Take care."); names, ids and log formats have no spaces or a %s.
                looks_spoken = len(node.value.split()) >= 2 and "%s" not in node.value
                assert not looks_spoken, f"{path.name}: {node.value!r} looks like spoken text"


def test_every_registered_locale_has_its_language_content_and_its_model() -> None:
    for name, locale in load_locales().locales.items():
        assert load_content(locale.language).lines, name
        assert locale.model is not None and (REPO / locale.model).is_file(), name


def test_a_locale_without_an_emergency_number_does_not_load() -> None:
    with pytest.raises(ContentError, match="emergency number"):
        parse_locales({"locales": {"en-XX": {"language": "en", "model": "x.json"}}, "default": {}})
