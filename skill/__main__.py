"""Command line: ``python -m skill chat | can-fulfill | serve | package | model | review``; each has its own
``--help``.

Serving is the skill's own; the chat, the packager and the model generator are developers' tools from
``tooling``, imported only by the command that uses them."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from skill.content import load_locales
from skill.web.settings import SETTINGS_ENVIRONMENT_VARIABLE

LOCALES = tuple(load_locales().locales)  # the locale registry, skill/content/locales.toml
DEFAULT_LOCALE = LOCALES[0]
# The devices the chat can be (tooling.envelopes.DEVICES, named here so that --help needs no tooling).
CHAT_DEVICES = ("echo", "echo-show-8", "echo-show-15", "echo-spot", "fire-tv")


def main(argv: list[str] | None = None) -> int:
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
            print_room(sys.stdout)
            return 0
        try:
            stale = write_models(check_only=args.check, name_free=not args.without_name_free)
        except GrammarError as error:
            print(f"model: {error}", file=sys.stderr)
            return 1
        for path in stale:
            print(f"{'differs from the grammar' if args.check else 'wrote'}: {path}")
        return 1 if args.check and stale else 0
    if args.command == "review":
        import time
        from pathlib import Path

        from tooling.review import ReviewError, build_review

        started = time.perf_counter()
        try:
            review = build_review(Path(args.output))
        except ReviewError as error:
            print(f"review: {error}", file=sys.stderr)
            return 1
        flagged = sum(1 for entry in review.catalogue.entries if entry.flags)
        print(
            f"wrote {review.page} and {review.pdf}: content version {review.version}, "
            f"{len(review.catalogue.entries)} keys, {flagged} flagged ({time.perf_counter() - started:.1f} s)"
        )
        return 0
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
