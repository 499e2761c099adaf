"""The deployment files describe the function the code and the package expect.

Nothing here reaches AWS, so a wrong handler, runtime, architecture, timeout or skill ID in
``lambda/template.yaml`` or ``ask-resources.json`` would otherwise only show up on a real deploy, or as a
skill that Alexa cannot reach. The packager builds the zip for the runtime and architecture it reads from
the template, so the template must also keep stating each of them exactly once, in the form the packager
parses. cfn-lint checks the template against the CloudFormation and SAM schemas offline. The alarm on the
fallback share must read the metrics, in the namespace, that ``skill/handlers/turn_metrics.py`` writes:
a name that differs would leave it with no data, which it counts as all is well.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# cfn-lint is a dev dependency. Import it without a fallback so that a missing install fails here
# instead of skipping the lint quietly.
from cfnlint.decode import cfn_yaml

from skill.conversation.state import Mode
from skill.handlers.turn_metrics import FALLBACKS, TURNS, TurnCount, emf_document, metrics_switched_on

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "lambda" / "template.yaml"
ASK_RESOURCES = ROOT / "ask-resources.json"
DEPLOY_GUIDE = ROOT / "docs" / "deploy.md"
LAMBDA_FUNCTION = ROOT / "lambda" / "lambda_function.py"

ALEXA_TIMEOUT_SECONDS = 8
# An identifier of CloudWatch metric math (a metric's Id, or a function's name).
MATH_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The patterns the packager was specified to use (tooling/packaging.py reads the target with equivalent ones).
RUNTIME_LINE = re.compile(r"^\s+Runtime:\s*(python3\.\d+)\s*$", re.MULTILINE)
ARCHITECTURE_ITEM = re.compile(r"^\s+Architectures:\s*\n\s+-\s*(x86_64|arm64)\s*$", re.MULTILINE)


def top_level_names(module: Path) -> set[str]:
    """Names a module binds at top level (what Lambda can resolve the handler setting to)."""
    names: set[str] = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return names


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    # cfn-lint's loader understands the short-form tags (!Ref, !Sub, !GetAtt) that plain YAML rejects.
    return cfn_yaml.loads(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE))


@pytest.fixture(scope="module")
def function(template: dict[str, Any]) -> dict[str, Any]:
    functions = [r for r in template["Resources"].values() if r["Type"] == "AWS::Serverless::Function"]
    assert len(functions) == 1, "one Lambda function per skill"
    return functions[0]["Properties"]


@pytest.fixture(scope="module")
def ask_user_config() -> dict[str, Any]:
    resources = json.loads(ASK_RESOURCES.read_text(encoding="utf-8"))
    return resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]


def cfn_lint(template: Path) -> tuple[int, str]:
    """cfn-lint's exit code and findings for a template."""
    # The same entry point as the `cfn-lint` script, run with this interpreter so the venv's copy is used.
    finished = subprocess.run(
        [sys.executable, "-c", "from cfnlint.runner import main; main()", str(template)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    return finished.returncode, finished.stdout + finished.stderr


@pytest.mark.slow
def test_template_passes_cfn_lint_with_no_errors_or_warnings() -> None:
    returncode, findings = cfn_lint(TEMPLATE)
    assert returncode == 0 and findings == "", findings


@pytest.mark.slow
def test_cfn_lint_checks_the_alarm(tmp_path: Path) -> None:
    """The lint reaches the alarm: a value CloudWatch would refuse there is a finding."""
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.count("TreatMissingData: notBreaching") == 1
    broken = tmp_path / "template.yaml"
    broken.write_text(text.replace("TreatMissingData: notBreaching", "TreatMissingData: quiet"), "utf-8")
    returncode, findings = cfn_lint(broken)
    assert returncode != 0 and "quiet" in findings, findings


def test_template_is_a_sam_template(template: dict[str, Any]) -> None:
    assert template["Transform"] == "AWS::Serverless-2016-10-31"


def test_packager_finds_exactly_one_runtime_and_one_architecture_in_the_template() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert RUNTIME_LINE.findall(text) == ["python3.13"]
    assert ARCHITECTURE_ITEM.findall(text) == ["arm64"]


def test_function_runs_lambda_function_handler_on_python_3_13_arm64(function: dict[str, Any]) -> None:
    module, handler = function["Handler"].split(".")
    assert (ROOT / "lambda" / f"{module}.py") == LAMBDA_FUNCTION
    assert handler in top_level_names(LAMBDA_FUNCTION)
    assert function["Runtime"] == "python3.13"
    assert function["Architectures"] == ["arm64"]


def test_function_code_is_the_zip_that_make_package_builds(function: dict[str, Any]) -> None:
    assert (TEMPLATE.parent / function["CodeUri"]).resolve() == ROOT / "dist" / "cramp-coach-lambda.zip"


def test_function_times_out_before_alexa_stops_waiting(function: dict[str, Any]) -> None:
    assert 3 <= function["Timeout"] < ALEXA_TIMEOUT_SECONDS
    assert 128 <= function["MemorySize"] <= 1024


def test_only_the_configured_skill_can_invoke_the_function(function: dict[str, Any]) -> None:
    events = list(function["Events"].values())
    assert events == [{"Type": "AlexaSkill", "Properties": {"SkillId": {"Ref": "SkillId"}}}]


def test_function_refuses_other_skills_through_the_skill_id_variable(function: dict[str, Any]) -> None:
    assert function["Environment"]["Variables"]["SKILL_ID"] == {"Ref": "SkillId"}
    assert '"SKILL_ID"' in LAMBDA_FUNCTION.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("skill_id", "accepted"),
    [
        ("amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef", True),
        ("amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef ", False),
        ("amzn1.echo-sdk-ams.app.12345678-90ab-cdef-1234-567890abcdef", False),
        ("12345678-90ab-cdef-1234-567890abcdef", False),
        ("", False),
    ],
)
def test_skill_id_parameter_accepts_only_alexa_skill_ids(
    template: dict[str, Any], skill_id: str, accepted: bool
) -> None:
    parameter = template["Parameters"]["SkillId"]
    assert "Default" not in parameter, "a deploy must name its skill"
    assert bool(re.fullmatch(parameter["AllowedPattern"], skill_id)) is accepted


def test_logs_go_to_a_log_group_that_expires_them(template: dict[str, Any], function: dict[str, Any]) -> None:
    log_group_id = function["LoggingConfig"]["LogGroup"]["Ref"]
    log_group = template["Resources"][log_group_id]
    assert log_group["Type"] == "AWS::Logs::LogGroup"
    assert log_group["Properties"]["LogGroupName"] == {"Fn::Sub": "/aws/lambda/${FunctionName}"}
    assert function["FunctionName"] == {"Ref": "FunctionName"}
    assert 1 <= log_group["Properties"]["RetentionInDays"] <= 90


def test_stack_outputs_the_function_arn_for_the_skill_manifest(template: dict[str, Any]) -> None:
    function_id = next(
        name for name, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Function"
    )
    assert template["Outputs"]["FunctionArn"]["Value"] == {"Fn::GetAtt": [function_id, "Arn"]}


def test_function_name_default_matches_the_manifest_placeholder(template: dict[str, Any]) -> None:
    manifest = json.loads((ROOT / "interaction_model" / "skill.json").read_text(encoding="utf-8"))
    endpoint = manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"]
    assert endpoint.endswith(f":function:{template['Parameters']['FunctionName']['Default']}")


def test_ask_cli_deploys_the_skill_package_from_interaction_model() -> None:
    profile = json.loads(ASK_RESOURCES.read_text(encoding="utf-8"))["profiles"]["default"]
    package = ROOT / profile["skillMetadata"]["src"]
    assert package.resolve() == ROOT / "interaction_model"
    assert (package / "skill.json").is_file()
    assert sorted((package / "interactionModels" / "custom").glob("*.json"))
    assert profile["code"] == {"default": {"src": "./dist/lambda"}}


def test_ask_cli_creates_the_same_function_as_the_sam_template(
    ask_user_config: dict[str, Any], function: dict[str, Any]
) -> None:
    assert ask_user_config["runtime"] == function["Runtime"] == "python3.13"
    assert ask_user_config["handler"] == function["Handler"] == "lambda_function.lambda_handler"
    assert ask_user_config["lambda"]["timeout"] == function["Timeout"]
    assert ask_user_config["lambda"]["memorySize"] == function["MemorySize"]


def test_ask_cli_uses_the_lambda_deployer() -> None:
    profile = json.loads(ASK_RESOURCES.read_text(encoding="utf-8"))["profiles"]["default"]
    assert profile["skillInfrastructure"]["type"] == "@ask-cli/lambda-deployer"


@pytest.mark.parametrize(
    "instruction",
    [
        "make package",
        "sam deploy --guided --template-file lambda/template.yaml",
        "ask deploy",
        "Lambda console",
        "dist/cramp-coach-lambda.zip",
        "SKILL_ID",
        "apis.custom.endpoint.uri",
        "Alexa Skills Kit",
        "lambda_function.lambda_handler",
        "Watching the fallback share",
        "CRAMP_COACH_METRICS",
    ],
)
def test_deploy_guide_covers_sam_ask_cli_and_console_upload(instruction: str) -> None:
    assert instruction in DEPLOY_GUIDE.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------
# The alarm on the fallback share reads the metrics the code writes


@pytest.fixture(scope="module")
def alarm(template: dict[str, Any]) -> dict[str, Any]:
    alarms = [r for r in template["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert len(alarms) == 1, "one alarm: the fallback share"
    return alarms[0]["Properties"]


@pytest.fixture(scope="module")
def directive() -> dict[str, Any]:
    """What the code writes for a turn: the EMF directive of its metric line."""
    (written,) = emf_document(TurnCount("en-US", Mode.START, False), 0)["_aws"]["CloudWatchMetrics"]
    return written


def test_the_function_environment_switches_the_metric_lines_on(function: dict[str, Any]) -> None:
    variables = function["Environment"]["Variables"]
    assert metrics_switched_on({name: value for name, value in variables.items() if isinstance(value, str)})
    assert metrics_switched_on({}) is False, "off wherever the template's environment is not set"


def test_the_alarm_divides_the_metrics_the_code_writes(
    alarm: dict[str, Any], directive: dict[str, Any]
) -> None:
    stats = {query["Id"]: query["MetricStat"] for query in alarm["Metrics"] if "MetricStat" in query}
    written = {metric["Name"] for metric in directive["Metrics"]}
    assert {stat["Metric"]["MetricName"] for stat in stats.values()} == written == {TURNS, FALLBACKS}
    for stat in stats.values():
        assert stat["Metric"]["Namespace"] == directive["Namespace"], "the namespace the code writes to"
        assert "Dimensions" not in stat["Metric"], "the totals over every locale and mode"
        assert (stat["Stat"], stat["Period"]) == ("Sum", 3600)
    assert [] in directive["Dimensions"], "the code writes the totals the alarm reads"
    assert all(query["ReturnData"] is False for query in alarm["Metrics"] if "MetricStat" in query)

    (share,) = [query for query in alarm["Metrics"] if "Expression" in query]
    assert share["ReturnData"] is True
    expression = share["Expression"]["Fn::Sub"]
    id_of = {stat["Metric"]["MetricName"]: query_id for query_id, stat in stats.items()}
    fallbacks, turns = id_of[FALLBACKS], id_of[TURNS]
    assert f"100 * {fallbacks} / {turns}" in expression, "the share in percent, fallbacks over turns"
    used = set(MATH_NAME.findall(expression.replace("${FallbackAlarmMinimumTurns}", "")))
    assert used == {"IF", fallbacks, turns}, "it reads nothing else"


def test_a_few_turns_never_set_off_the_alarm(alarm: dict[str, Any], template: dict[str, Any]) -> None:
    (share,) = [query for query in alarm["Metrics"] if "Expression" in query]
    expression = share["Expression"]["Fn::Sub"]
    assert expression.startswith("IF(turns >= ${FallbackAlarmMinimumTurns}, ") and expression.endswith(", 0)")
    assert template["Parameters"]["FallbackAlarmMinimumTurns"]["Default"] == 20
    assert alarm["TreatMissingData"] == "notBreaching", "an hour without turns is no alarm"


def test_the_alarm_threshold_is_a_parameter_of_20_percent(
    alarm: dict[str, Any], template: dict[str, Any]
) -> None:
    assert alarm["Threshold"] == {"Ref": "FallbackSharePercent"}
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
    parameter = template["Parameters"]["FallbackSharePercent"]
    assert (parameter["Type"], parameter["Default"], parameter["MinValue"], parameter["MaxValue"]) == (
        "Number",
        20,
        1,
        100,
    )


@pytest.mark.parametrize(
    ("topic", "accepted"),
    [
        ("", True),
        ("arn:aws:sns:us-east-1:123456789012:cramp-coach-alarms", True),
        ("arn:aws:sns:us-east-1:123456789012:alarms.fifo", True),
        ("cramp-coach-alarms", False),
        ("arn:aws:sqs:us-east-1:123456789012:alarms", False),
    ],
)
def test_the_alarm_notifies_a_topic_only_when_one_is_given(
    alarm: dict[str, Any], template: dict[str, Any], topic: str, accepted: bool
) -> None:
    parameter = template["Parameters"]["AlarmTopicArn"]
    assert parameter["Default"] == ""
    assert bool(re.fullmatch(parameter["AllowedPattern"], topic)) is accepted
    (condition,) = [
        name
        for name, rule in template["Conditions"].items()
        if rule == {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmTopicArn"}, ""]}]}
    ]
    notify = {"Fn::If": [condition, [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]}
    assert alarm["AlarmActions"] == alarm["OKActions"] == notify
