"""Command line: ``python -m skill chat`` (more subcommands arrive with the web service and packaging)."""

from __future__ import annotations

import argparse
import logging
import sys

from skill.envelopes import DEFAULT_LOCALE

LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill", description="Cramp Coach, an Alexa skill.")
    commands = parser.add_subparsers(dest="command", required=True)
    chat_parser = commands.add_parser(
        "chat", help="talk to the skill in the terminal, as Alexa would hear you"
    )
    chat_parser.add_argument(
        "--locale", default=DEFAULT_LOCALE, choices=LOCALES, help="request locale (sets the emergency number)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.command == "chat":
        from skill.chat import run_chat

        return run_chat(args.locale)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
