"""The content version: one short hash of everything a clinician signs, and the same hash at run time.

The version is the SHA-256 of the content files (``skill/content/*.toml``: every line and the locale
registry) and the interaction models (``interaction_model/interactionModels/custom/*.json``: what people
can say), each as its path from the repository root and its bytes, in path order; shown as its first 12
hex digits. The review document prints it on every page beside the signature; on Lambda the skill logs
it once at cold start, and the web service prints it when it starts listening, so that what runs can be
checked against what was signed (``docs/deploy.md``).

On Lambda the models are not in the package, so ``make package`` writes the version, computed from the
repository, into ``skill/content/version.txt`` in the zip; reading those 13 bytes is all a cold start
pays. Anywhere else (tests, chat, the web service from a clone) it is computed from the files.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

VERSION_FILE = "version.txt"  # written into skill/content/ of the Lambda package by tooling/packaging.py
DIGITS = 12
UNKNOWN = "unknown"

logger = logging.getLogger(__name__)


def signed_files(repository: Path) -> list[Path]:
    """The files the version covers, in the order they are hashed: what is said, what is heard, and the
    store listing (interaction_model/skill.json), which a clinician signs with them."""
    content = sorted((repository / "skill" / "content").glob("*.toml"))
    models = sorted((repository / "interaction_model" / "interactionModels" / "custom").glob("*.json"))
    listing = [repository / "interaction_model" / "skill.json"]
    return content + models + [path for path in listing if path.exists()]


def compute_content_version(repository: Path) -> str:
    """The version of the content and models in a repository (or ``UNKNOWN`` when they are not there)."""
    import hashlib

    files = signed_files(repository)
    if not any(path.parent.name == "custom" for path in files):
        return UNKNOWN  # no models: not a repository (an unpacked package without its version file)
    digest = hashlib.sha256()
    for path in files:
        name = path.relative_to(repository).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.hexdigest()[:DIGITS]


def content_version() -> str:
    """The version of the content this process runs: the packaged file if there is one, else computed
    from the repository this package sits in."""
    folder = os.path.dirname(os.path.abspath(__file__))
    loader = getattr(__spec__, "loader", None)
    get_data = getattr(loader, "get_data", None)  # reads from a folder or a zip alike
    if get_data is not None:
        try:
            return bytes(get_data(os.path.join(folder, VERSION_FILE))).decode("ascii").strip()
        except OSError:
            pass
    from pathlib import Path

    return compute_content_version(Path(folder).parent.parent)


def log_content_version() -> str:
    """Log the content version once (call at cold start); no request, so no personal data."""
    version = content_version()
    # WARNING, because Lambda records the root logger at WARNING unless told otherwise: this one line
    # must be there in every deployment.
    logger.warning("cramp coach content version %s", version)
    return version
