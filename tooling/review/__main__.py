"""``make review``: write the review document and its record to fill in, then say whether the committed
sign-off stands for what runs; exit 1 when the document cannot be made or the signed record does not
stand (for another version, or incomplete)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tooling.review import DEFAULT_OUTPUT, ReviewError, build_review


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tooling.review", description=__doc__)
    parser.add_argument(
        "--output", default=str(DEFAULT_OUTPUT), help="folder to write (default build/review)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        review = build_review(Path(args.output))
    except ReviewError as error:
        print(f"review: {error}", file=sys.stderr)
        return 1
    flagged = sum(1 for entry in review.catalogue.entries if entry.flags)
    print(
        f"wrote {review.page}, {review.pdf} and {review.record}: content version {review.version}, "
        f"{len(review.catalogue.entries)} keys, {flagged} flagged ({time.perf_counter() - started:.1f} s)"
    )
    assert review.sign_off is not None
    print(f"sign-off: {review.sign_off.message}", file=sys.stdout if review.sign_off.passes else sys.stderr)
    return 0 if review.sign_off.passes else 1


if __name__ == "__main__":
    sys.exit(main())
