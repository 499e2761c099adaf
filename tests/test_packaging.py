"""The Lambda zip: built for the target runtime, used as is from a read-only folder, and reproducible.

The zip is unpacked, made read-only (as Lambda's /var/task is), and run by a fresh interpreter of the
target version with nothing but that folder (and the standard library) to import from.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from skill.content import load_content, parse_content
from skill.conversation.events import CRAMP_INTENT, EVENT_BY_INTENT
from skill.handlers.unanswerable import is_silent
from tooling.envelopes import (
    ECHO_SHOW_8,
    ECHO_SPOT,
    FIRE_TV,
    SessionInfo,
    SlotFill,
    can_fulfill_request,
    envelope,
    intent_request,
    launch_request,
    session_ended_request,
)
from tooling.packaging import (
    FORBIDDEN_DISTRIBUTIONS,
    LAMBDA_RUNTIME,
    LEFT_OUT_DISTRIBUTIONS,
    BuiltPackage,
    PackagingError,
    Target,
    build_package,
    find_interpreter,
    make_writable,
    read_target,
    unpack_read_only,
)

# Nearly every test here builds the Lambda zip for the target runtime or runs its interpreter.
pytestmark = pytest.mark.slow

# Runs inside the unpacked package: answers each envelope read from stdin, one JSON object per line.
ANSWER_ENVELOPES = """
import json, sys
sys.path.insert(0, sys.argv[1])
import lambda_function
for line in sys.stdin:
    print(json.dumps(lambda_function.lambda_handler(json.loads(line), None)))
specs = [getattr(module, "__spec__", None) for module in list(sys.modules.values())]
print(json.dumps(sorted(spec.origin for spec in specs if spec is not None and spec.origin)))
"""


@pytest.fixture(scope="module")
def target() -> Target:
    return read_target()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, target: Target) -> BuiltPackage:
    """The package, built once. Without the Lambda runtime's Python on this machine the packaging tests
    fail with one line saying how to get it, not with a traceback."""
    try:
        find_interpreter(target.python_version)
    except PackagingError as error:
        pytest.fail(f"the packaging tests need it: {error}", pytrace=False)
    return build_package(tmp_path_factory.mktemp("build") / "cramp-coach-lambda.zip", target=target)


@pytest.fixture(scope="module")
def read_only_package(built: BuiltPackage, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("var-task")
    unpack_read_only(built.path, folder)
    yield folder
    make_writable(folder)


def answer_in_target_interpreter(
    folder: Path, target: Target, events: list[dict]
) -> tuple[list[dict], list[str]]:
    interpreter = find_interpreter(target.python_version)
    finished = subprocess.run(
        [str(interpreter), "-I", "-S", "-B", "-c", ANSWER_ENVELOPES, str(folder)],
        input="".join(json.dumps(event) + "\n" for event in events),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder,
        env={"PATH": os.environ.get("PATH", ""), "SKILL_ID": ""},
    )
    assert finished.returncode == 0, finished.stderr
    *answers, modules = finished.stdout.splitlines()
    return [json.loads(answer) for answer in answers], json.loads(modules)


def test_the_unpacked_read_only_package_answers_a_conversation(
    read_only_package: Path, target: Target
) -> None:
    session = SessionInfo()
    first_events = [envelope(launch_request(), session=session)]
    (launch,), _ = answer_in_target_interpreter(read_only_package, target, first_events)
    assert (
        "If a muscle is cramping, where is it: your calf, foot, thigh, hand, or somewhere else?"
        in launch["response"]["outputSpeech"]["ssml"]
    )

    session.new = False
    cramp = intent_request("CrampIntent", {"muscle": SlotFill("calves", "CALF", "calf", matched=True)})
    session.attributes = launch["sessionAttributes"]
    cramp_answer, _ = answer_in_target_interpreter(
        read_only_package, target, [envelope(cramp, session=session)]
    )
    assert "Very gently stretch your calf:" in cramp_answer[0]["response"]["outputSpeech"]["ssml"]
    session.attributes = cramp_answer[0]["sessionAttributes"]
    still, _ = answer_in_target_interpreter(
        read_only_package, target, [envelope(intent_request("StillHurtsIntent"), session=session)]
    )
    assert "Okay, let's stretch again." in still[0]["response"]["outputSpeech"]["ssml"]

    checks = SessionInfo(new=False)
    events = [envelope(intent_request("SymptomCheckIntent"), session=checks)]
    (question,), _ = answer_in_target_interpreter(read_only_package, target, events)
    checks.attributes = question["sessionAttributes"]
    answers, modules = answer_in_target_interpreter(
        read_only_package,
        target,
        [envelope(intent_request("AMAZON.NoIntent"), session=checks), envelope(session_ended_request())],
    )
    assert "Do your cramps last a long time?" in answers[0]["response"]["outputSpeech"]["ssml"]
    assert "outputSpeech" not in answers[1]["response"]
    outside = [m for m in modules if not m.startswith(str(read_only_package)) and "/lib/python" not in m]
    assert [m for m in outside if m not in ("built-in", "frozen")] == [], "imported from outside the package"


def every_kind_of_request() -> list[dict]:
    """One envelope of each kind the skill answers or may be sent, in and out of a session."""
    in_guide = SessionInfo(new=False)
    cramp = intent_request("CrampIntent", {"muscle": SlotFill("calves", "CALF", "calf", matched=True)})
    intents = [
        *(intent for intent in EVENT_BY_INTENT if intent != CRAMP_INTENT),
        "SomeIntentFromANewerModel",
    ]
    user_event = {
        **launch_request(),
        "type": "Alexa.Presentation.APL.UserEvent",
        "token": "guide",
        "arguments": ["next"],
        "source": {"type": "TouchWrapper", "handler": "Press", "id": "next"},
    }
    exception = {
        **launch_request(),
        "type": "System.ExceptionEncountered",
        "error": {"type": "INVALID_RESPONSE"},
    }
    return [
        envelope(launch_request()),
        envelope(cramp, session=in_guide),
        envelope(intent_request("CrampIntent", {"muscle": SlotFill("elbow")}), session=in_guide),
        *(envelope(intent_request(name), session=in_guide) for name in intents),
        envelope(session_ended_request()),
        envelope(session_ended_request(reason="ERROR")),
        envelope(can_fulfill_request("CrampIntent"), in_session=False),
        envelope(can_fulfill_request("AMAZON.YesIntent"), in_session=False),
        envelope(user_event),
        envelope(launch_request(), device=ECHO_SHOW_8),  # a screen: the APL document is built and sent
        envelope(cramp, session=in_guide, device=ECHO_SHOW_8),
        envelope(user_event, session=in_guide, device=ECHO_SHOW_8),
        envelope(intent_request("AMAZON.HelpIntent"), session=in_guide, device=FIRE_TV),
        envelope(exception, in_session=False),
        envelope({**launch_request(), "type": "AudioPlayer.PlaybackStopped", "offsetInMilliseconds": 5}),
        envelope({**launch_request(), "type": "PlaybackController.PlayCommandIssued"}, in_session=False),
        envelope(
            {
                **launch_request(),
                "type": "Alexa.Presentation.APL.RuntimeError",
                "token": "cramp-coach.guide",
                "errors": [{"type": "LIST_ERROR", "reason": "INVALID_INDEX", "message": "x", "listId": "l"}],
            },
            session=in_guide,
            device=ECHO_SHOW_8,
        ),
        envelope({**launch_request(), "type": "Future.UnknownRequest"}),  # unreadable: the apology
    ]


def test_every_kind_of_request_is_answered_without_importing_what_the_zip_leaves_out(
    read_only_package: Path, target: Target
) -> None:
    """What the zip leaves out (LEFT_OUT_DISTRIBUTIONS, the service clients, dateutil) is imported by
    no request: an import of a left-out package would fail here, and the module list says the rest."""
    events = every_kind_of_request()
    answers, modules = answer_in_target_interpreter(read_only_package, target, events)
    assert len(answers) == len(events)
    for event, answer in zip(events, answers, strict=True):
        kind = event["request"]["type"]
        if not is_silent(kind):  # in silence
            expected = "canFulfillIntent" if kind == "CanFulfillIntentRequest" else "outputSpeech"
            assert expected in answer["response"], (event["request"], answer)
    inside = [
        Path(m).relative_to(read_only_package).parts for m in modules if m.startswith(str(read_only_package))
    ]
    top_level = {parts[0] for parts in inside}
    assert top_level <= {
        "lambda_function.py",
        "skill",
        "ask_sdk_core",
        "ask_sdk_model",
        "ask_sdk_runtime",
        "six.py",
    }
    services = sorted("/".join(parts) for parts in inside if parts[:2] == ("ask_sdk_model", "services"))
    assert services == [
        "ask_sdk_model/services/__init__.py",  # registered, not run: it would import every module below
        "ask_sdk_model/services/api_configuration.py",
        "ask_sdk_model/services/serializer.py",
    ], "no service client factory, no service client (skill/service_clients.py)"
    standard_library = {Path(m).name for m in modules if not m.startswith(str(read_only_package))}
    run_by_pprint = {"dataclasses.py", "inspect.py", "ast.py", "dis.py", "tokenize.py"}
    assert standard_library.isdisjoint(run_by_pprint), "pprint's code ran (skill/deferred_imports.py)"
    assert "numbers.py" not in standard_library, "decimal's code ran (skill/deferred_imports.py)"


def test_a_timestamp_in_another_form_is_read_by_dateutil_as_the_sdk_reads_it(
    read_only_package: Path, target: Target
) -> None:
    """The one path that needs dateutil, which the zip keeps: the SDK's own parser, without tzdata."""
    odd = envelope({**launch_request(), "timestamp": "Thu, 26 Nov 2026 05:07:56 GMT"})
    (answer,), modules = answer_in_target_interpreter(read_only_package, target, [odd])
    assert "If a muscle is cramping" in answer["response"]["outputSpeech"]["ssml"]
    assert any("/dateutil/parser/" in module for module in modules)


def zip_names(built: BuiltPackage) -> list[str]:
    with zipfile.ZipFile(built.path) as archive:
        return archive.namelist()


def test_the_zip_holds_the_entry_point_the_skill_and_its_content(built: BuiltPackage) -> None:
    names = set(zip_names(built))
    assert "lambda_function.py" in names
    assert "skill/conversation/table.py" in names and "skill/content/en.toml" in names
    assert "skill/screen.py" in names and "skill/screens/cramp-coach.json" in names
    assert "ask_sdk_core/skill.py" in names


def test_the_unpacked_package_shows_screens_only_to_a_device_with_one(
    read_only_package: Path, target: Target
) -> None:
    """The document ships in the zip and is read from it; a speaker's requests never import the screens."""
    voice, voice_modules = answer_in_target_interpreter(
        read_only_package, target, [envelope(launch_request())]
    )
    assert "directives" not in voice[0]["response"]
    assert not [module for module in voice_modules if module.endswith("skill/screen.py")]
    (shown,), modules = answer_in_target_interpreter(
        read_only_package, target, [envelope(launch_request(), device=ECHO_SPOT)]
    )
    (directive,) = shown["response"]["directives"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["document"]["type"] == "APL" and directive["datasources"]["cramp_coach"]["touches"]
    assert str(read_only_package / "skill" / "screen.py") in modules


def test_the_zip_holds_no_forbidden_packages_tests_or_unused_parts(built: BuiltPackage) -> None:
    names = zip_names(built)
    top_level = {name.split("/")[0].lower() for name in names}
    distributions = {
        name.split("-")[0].replace("_", "-") for name in top_level if name.endswith(".dist-info")
    }
    assert not distributions & FORBIDDEN_DISTRIBUTIONS
    assert not top_level & {
        "flask",
        "werkzeug",
        "cryptography",
        "waitress",
        "pytest",
        "tests",
        "bench",
        "tooling",
    }
    ours = {name.split("/")[1] for name in names if name.startswith("skill/")} - {"__pycache__"}
    assert ours == set(LAMBDA_RUNTIME), "the runtime by its list: no web service, command line or tooling"
    assert not [name for name in names if "/tests/" in name or "/test/" in name], "no test suites"


def test_the_zip_leaves_out_what_no_request_imports(built: BuiltPackage) -> None:
    top_level = {name.split("/")[0] for name in zip_names(built)}
    packages = {name.replace("-", "_") for name in LEFT_OUT_DISTRIBUTIONS}
    assert not top_level & packages, "requests, urllib3, idna, charset_normalizer, certifi, tzdata"
    metadata = {name.split("-")[0].lower() for name in top_level if name.endswith(".dist-info")}
    assert not metadata & packages, "their metadata goes with them"
    assert "dateutil" in top_level, "kept: the SDK reads timestamps in forms other than Alexa's with it"


def test_the_zip_holds_no_native_code_so_it_runs_on_either_architecture(built: BuiltPackage) -> None:
    """Why arm64 is the default and x86_64 one setting away: pure Python, compiled to bytecode only."""
    native = [name for name in zip_names(built) if name.endswith((".so", ".pyd", ".dylib"))]
    assert native == []


def test_every_module_has_unchecked_hash_bytecode_for_the_target_only(
    built: BuiltPackage, target: Target
) -> None:
    with zipfile.ZipFile(built.path) as archive:
        names = set(archive.namelist())
        sources = [name for name in names if name.endswith(".py")]
        caches = [name for name in names if name.endswith(".pyc")]
        for source in sources:
            folder, _, module = source.rpartition("/")
            expected = f"{folder + '/' if folder else ''}__pycache__/{module[:-3]}.{target.cache_tag}.pyc"
            assert expected in names, f"{source} has no bytecode"
            flags = int.from_bytes(archive.read(expected)[4:8], "little")
            assert flags == 0b01, f"{expected} is not an unchecked hash-based .pyc (PEP 552)"
    assert len(caches) == len(sources), "no bytecode of other versions, no stray caches"
    assert all(f".{target.cache_tag}." in name for name in caches)


def test_the_other_architecture_is_one_setting_away_and_ships_the_same_files(
    built: BuiltPackage, target: Target, tmp_path: Path
) -> None:
    other = Target(target.python_version, "x86_64" if target.architecture == "arm64" else "arm64")
    rebuilt = build_package(tmp_path / "other.zip", target=other)
    assert rebuilt.target == other
    assert zip_names(rebuilt) == zip_names(built), "pure Python: the same files for either architecture"


def test_two_builds_of_the_same_tree_are_byte_identical(
    built: BuiltPackage, target: Target, tmp_path: Path
) -> None:
    again = build_package(tmp_path / "again.zip", target=target)
    assert again.path.read_bytes() == built.path.read_bytes()


def test_the_entries_are_sorted_with_a_fixed_time(built: BuiltPackage) -> None:
    with zipfile.ZipFile(built.path) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_the_target_is_a_current_lambda_runtime(target: Target) -> None:
    assert target.python_version in ("3.12", "3.13")
    assert target.architecture in ("x86_64", "arm64")


def test_the_package_carries_the_content_as_json_with_the_same_data(built: BuiltPackage) -> None:
    with zipfile.ZipFile(built.path) as archive:
        packaged = json.loads(archive.read("skill/content/en.json"))
        assert "skill/content/en.toml" in archive.namelist(), "the reviewed source stays beside it"
    assert parse_content(packaged) == load_content()


def test_without_an_interpreter_of_the_target_version_the_build_stops_and_says_which(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PackagingError, match=r"Python 3\.99.*install python3\.99"):
        find_interpreter("3.99")
