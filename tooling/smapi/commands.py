"""The three commands as ``skill/__main__.py`` runs them: settings from the parsed arguments and the
environment, one sign-in, the measurement, the report, and the exit code scripts can rely on.

Exit codes: 0 done; 1 below ``--min-accuracy`` (nlu-profile); 2 something to measure with is missing
(credentials, skill id, corpus, set); 3 SMAPI or Login with Amazon failed (one line says how).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from tooling.smapi.client import (
    Backoff,
    MissingSetting,
    Smapi,
    SmapiError,
    Target,
    cli_config_path,
    find_settings,
)

BELOW_THRESHOLD = 1
MISSING = 2
FAILED = 3


def run(
    command: str, args: argparse.Namespace, *, out: TextIO, err: TextIO, sleep: Callable[[float], None]
) -> int:
    """Run ``nlu-profile``, ``simulate`` or ``history``; every failure is one line on ``err``."""
    try:
        credentials, skill_id = find_settings(
            os.environ, profile=args.profile, skill_id=args.skill_id, cli_config=cli_config_path()
        )
        target = Target(skill_id, args.stage, args.locale)
        smapi = Smapi(
            credentials,
            smapi_endpoint=args.smapi_endpoint,
            lwa_endpoint=args.lwa_endpoint,
            backoff=Backoff(sleep=sleep),
        )
        if command == "nlu-profile":
            return _nlu_profile(smapi, target, args, out)
        if command == "simulate":
            return _simulate(smapi, target, args, out)
        if command == "history":
            return _history(smapi, target, out)
        raise ValueError(f"not a SMAPI command: {command}")
    except MissingSetting as missing:
        print(f"{command}: {missing}", file=err)
        return MISSING
    except SmapiError as error:
        print(f"{command}: {error}", file=err)
        return FAILED


def _nlu_profile(smapi: Smapi, target: Target, args: argparse.Namespace, out: TextIO) -> int:
    from tooling.smapi.nlu_profile import print_profile, profile_corpora
    from tooling.understanding import PHRASE_CORPORA

    if args.corpus:
        path = Path(args.corpus)
        if not path.is_file():
            raise MissingSetting(f"no corpus at {path}")
        corpora = {path.stem: path}
    else:
        corpora = dict(PHRASE_CORPORA)
    smapi.sign_in()
    report = profile_corpora(smapi, target, corpora)
    return 0 if print_profile(report, out, args.min_accuracy) else BELOW_THRESHOLD


def _simulate(smapi: Smapi, target: Target, args: argparse.Namespace, out: TextIO) -> int:
    from tooling.smapi.simulate import print_simulations, simulate_sets
    from tooling.understanding import CONVERSATION_SETS

    if args.set and args.set not in CONVERSATION_SETS:
        raise MissingSetting(f"no conversation set {args.set!r}: one of {', '.join(CONVERSATION_SETS)}")
    sets = {args.set: CONVERSATION_SETS[args.set]} if args.set else dict(CONVERSATION_SETS)
    smapi.sign_in()
    print_simulations(target, simulate_sets(smapi, target, sets), out)
    return 0


def _history(smapi: Smapi, target: Target, out: TextIO) -> int:
    from tooling.smapi.history import fetch_history, print_history

    smapi.sign_in()
    print_history(target, fetch_history(smapi, target), out)
    return 0
