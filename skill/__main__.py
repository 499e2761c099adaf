"""Command line: ``python -m skill chat | can-fulfill | serve | package | model | review | nlu-profile |
simulate | history``; each has its own ``--help``.

Serving is the skill's own; the chat, the packager, the model generator and the measurements on Alexa
itself (``tooling.smapi``, with Amazon's SMAPI packages from the ``dev`` extras) are developers' tools
from ``tooling``, imported only by the command that uses them, so ``--help`` needs none of them."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable

from skill.content import load_locales
from skill.web.settings import SETTINGS_ENVIRONMENT_VARIABLE

LOCALES = tuple(load_locales().locales)  # the locale registry, skill/content/locales.toml
DEFAULT_LOCALE = LOCALES[0]
# The devices the chat can be (tooling.envelopes.DEVICES, named here so that --help needs no tooling).
CHAT_DEVICES = ("echo", "echo-show-8", "echo-show-15", "echo-spot", "fire-tv")
# The measurements on Alexa itself (tooling.smapi): SMAPI's and Login with Amazon's own endpoints (the ASK
# SDK's defaults, named here so that --help needs no SMAPI package).
SMAPI_COMMANDS = ("nlu-profile", "simulate", "history")
AMAZON_SMAPI_ENDPOINT = "https://api.amazonalexa.com"
AMAZON_LWA_ENDPOINT = "https://api.amazon.com"


def _smapi_options() -> argparse.ArgumentParser:
    """The options the three SMAPI commands share: whose credentials, which skill, stage and locale, and
    which servers (another server, for tests or a proxy)."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--skill-id", default=None, help="the skill (amzn1.ask.skill...); default: ASK_SKILL_ID"
    )
    options.add_argument("--locale", default=DEFAULT_LOCALE, choices=LOCALES, help="default %(default)s")
    options.add_argument("--stage", default="development", choices=("development", "live"))
    options.add_argument(
        "--profile",
        default="default",
        help="the ASK CLI profile whose refresh token to use when ASK_REFRESH_TOKEN is not set "
        "(default %(default)s)",
    )
    options.add_argument("--smapi-endpoint", default=AMAZON_SMAPI_ENDPOINT, metavar="URL")
    options.add_argument("--lwa-endpoint", default=AMAZON_LWA_ENDPOINT, metavar="URL")
    return options


def main(argv: list[str] | None = None, *, sleep: Callable[[float], None] = time.sleep) -> int:
    """Run one command; ``sleep`` is how the SMAPI commands wait (back-off, polls): tests pass their own."""
    parser = argparse.ArgumentParser(prog="python -m skill", description="Cramp Coach, an Alexa skill.")
    commands = parser.add_subparsers(dest="command", required=True)
    chat_parser = commands.add_parser(
        "chat", help="talk to the skill in the terminal, as Alexa would hear you"
    )
    chat_parser.add_argument(
        "--locale", default=DEFAULT_LOCALE, choices=LOCALES, help="request locale (sets the emergency number)"
    )
    chat_parser.add_argument(
        "--screen",
        action="store_true",
        help="be a device with a screen (an Echo Show 8): show each screen as a line; [Label] touches",
    )
    chat_parser.add_argument(
        "--device",
        choices=CHAT_DEVICES,
        help="the device to be (default echo, without a screen; --screen: echo-show-8)",
    )
    can_fulfill_parser = commands.add_parser(
        "can-fulfill",
        help="print what Alexa's name-free routing would be told for what you say (CanFulfillIntentRequest)",
        description="Resolve each utterance against the locale's model, send the skill a "
        "CanFulfillIntentRequest, and print its verdict. Utterances from the arguments, else one a line "
        "from standard input.",
    )
    can_fulfill_parser.add_argument("utterances", nargs="*", help='e.g. "i have a cramp in my calf"')
    can_fulfill_parser.add_argument("--locale", default=DEFAULT_LOCALE, choices=LOCALES)
    serve_parser = commands.add_parser(
        "serve",
        help="run the HTTPS web service's backend (put TLS in front of it)",
        description="Serve the skill over HTTP under waitress. Alexa requests are verified unless --dev. "
        f"SKILL_ID in the environment sets the accepted skill id; {SETTINGS_ENVIRONMENT_VARIABLE} or "
        "--settings module:function adds create_app arguments.",
    )
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, default=8080, help="port to bind (default 8080)")
    serve_parser.add_argument(
        "--workers", type=int, default=8, help="worker threads of the one server process (default 8)"
    )
    serve_parser.add_argument(
        "--dev", action="store_true", help="turn OFF signature and timestamp checks, for local testing only"
    )
    serve_parser.add_argument(
        "--settings",
        default=os.environ.get(SETTINGS_ENVIRONMENT_VARIABLE),
        help="module:function returning extra create_app keyword arguments (e.g. trust_roots)",
    )
    package_parser = commands.add_parser(
        "package",
        help="build the AWS Lambda zip (runtime and architecture from lambda/template.yaml)",
        description="Build a reproducible Lambda deployment zip with bytecode for the target runtime.",
    )
    package_parser.add_argument(
        "--output",
        default="dist/cramp-coach-lambda.zip",
        help="zip to write (default dist/cramp-coach-lambda.zip)",
    )
    package_parser.add_argument(
        "--unpacked",
        default="dist/lambda",
        help="also leave the package unzipped here, for `ask deploy` (default dist/lambda; '' for none)",
    )
    model_parser = commands.add_parser(
        "model",
        help="generate the interaction model's locale files from interaction_model/grammar/",
        description="Expand the grammar into interaction_model/interactionModels/custom/<locale>.json.",
    )
    model_parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a committed file differs"
    )
    model_parser.add_argument(
        "--room",
        action="store_true",
        help="write nothing; print each locale's size against the budget and what takes the most room",
    )
    model_parser.add_argument(
        "--without-name-free",
        action="store_true",
        help="leave out the name-free launch phrases (for a skill not yet eligible: see docs/deploy.md)",
    )
    review_parser = commands.add_parser(
        "review",
        help="write the clinician's review document: build/review/index.html and its PDF",
        description="Every line the skill can say or show, where, its source, the conversation as a "
        "picture, the decisions left to the clinician and a sign-off; printed to PDF by Chromium.",
    )
    review_parser.add_argument(
        "--output", default="build/review", help="folder to write (default build/review)"
    )
    smapi_options = _smapi_options()
    credentials_help = (
        "Credentials: ASK_CLIENT_ID, ASK_CLIENT_SECRET and ASK_REFRESH_TOKEN, or the refresh token of an "
        "ASK CLI profile. Exit 0 done, 2 something missing, 3 SMAPI or Login with Amazon failed."
    )
    nlu_profile_parser = commands.add_parser(
        "nlu-profile",
        parents=[smapi_options],
        help="every phrase of the understanding corpora through Alexa's Utterance Profiler",
        description="Profile each corpus phrase on the deployed stage: the intent and muscle Alexa "
        "resolved against the expected, per-intent accuracy and fallback share. " + credentials_help,
    )
    nlu_profile_parser.add_argument(
        "--corpus", metavar="PATH", help="profile this one phrase corpus (default: every corpus)"
    )
    nlu_profile_parser.add_argument(
        "--min-accuracy",
        type=float,
        metavar="PERCENT",
        help="exit 1 if fewer than this percentage of the phrases are understood",
    )
    simulate_parser = commands.add_parser(
        "simulate",
        parents=[smapi_options],
        help="the scripted conversations through Alexa's Skill Simulation API and the deployed endpoint",
        description="Play each conversation turn by turn in one session: the intent each turn reached and "
        "the fallback share per conversation and overall. " + credentials_help,
    )
    simulate_parser.add_argument("--set", metavar="NAME", help="one conversation set (default: all)")
    simulate_parser.add_argument(
        "--local",
        action="store_true",
        help="no Alexa and no credentials: play the sets here through the Lambda handler, heard by the "
        "grammar alone (strict) and by the local estimate of Alexa's statistical layer (estimated), wrong "
        "intents first; --locale is then the locale of conversations that name none",
    )
    commands.add_parser(
        "history",
        parents=[smapi_options],
        help="real users' utterances of the last 30 days, and those the grammar does not cover yet",
        description="Intent Request History by intent and confidence; the fallback and low-confidence "
        "utterances the committed model does not resolve, as sample lines ready to add. " + credentials_help,
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.command == "chat":
        from tooling.chat import run_chat
        from tooling.envelopes import DEVICES

        device = DEVICES[args.device or ("echo-show-8" if args.screen else "echo")]
        return run_chat(args.locale, device)
    if args.command == "can-fulfill":
        from tooling.can_fulfill_query import run_queries

        return run_queries(args.utterances or sys.stdin, sys.stdout, args.locale)
    if args.command == "serve":
        from skill.web.serve import ServeError, serve

        try:
            serve(
                host=args.host,
                port=args.port,
                workers=args.workers,
                dev=args.dev,
                skill_id=os.environ.get("SKILL_ID") or None,
                settings=args.settings,
            )
        except ServeError as error:
            print(f"serve: {error}", file=sys.stderr)
            return 1
        return 0
    if args.command == "package":
        from pathlib import Path

        from tooling.packaging import PackagingError, build_package

        try:
            built = build_package(
                Path(args.output), unpacked_copy=Path(args.unpacked) if args.unpacked else None
            )
        except PackagingError as error:
            print(f"package: {error}", file=sys.stderr)
            return 1
        print(
            f"built {built.path} ({built.size_bytes / 1024:.0f} KiB) for {built.target.runtime} "
            f"on {built.target.architecture}, bytecode compiled by Python {built.compiled_by}"
        )
        return 0
    if args.command == "model":
        from tooling.model_grammar import GrammarError, print_room, write_models

        if args.room:
            try:
                print_room(sys.stdout)
            except GrammarError as error:
                print(f"model: {error}", file=sys.stderr)
                return 1
            return 0
        try:
            stale = write_models(check_only=args.check, name_free=not args.without_name_free)
        except GrammarError as error:
            print(f"model: {error}", file=sys.stderr)
            return 1
        for path in stale:
            print(f"{'differs from the grammar' if args.check else 'wrote'}: {path}")
        return 1 if args.check and stale else 0
    if args.command == "review":  # the same as make review: the document, its record, the sign-off
        from tooling.review.__main__ import main as review_main

        return review_main(["--output", args.output])
    if args.command == "simulate" and args.local:
        from tooling.simulate_local import run_local

        return run_local(args.set, args.locale, sys.stdout, sys.stderr)
    if args.command in SMAPI_COMMANDS:
        try:
            from tooling.smapi.commands import run as run_smapi_command
        except ModuleNotFoundError as missing:
            package = str(missing.name).split(".")[0]
            print(
                f"{args.command}: needs Amazon's SMAPI packages ({package} is not installed): "
                "pip install -e '.[dev]', or make test-fast",
                file=sys.stderr,
            )
            return 2
        return run_smapi_command(args.command, args, out=sys.stdout, err=sys.stderr, sleep=sleep)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
