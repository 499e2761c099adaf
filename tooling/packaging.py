"""Builds the AWS Lambda deployment zip: fast to cold-start, and the same bytes every time.

On Lambda the package directory is read-only, so Python cannot write bytecode caches there: a package
without compiled bytecode recompiles every module on every cold start. So every module ships with
bytecode compiled by an interpreter of exactly the target version, in PEP 552's unchecked-hash form:
timestamp-checked ``.pyc`` files compare the source's mtime, which unzipping changes, and then Python
silently recompiles on every cold start; unchecked-hash files are used as they are.

    lambda/template.yaml ──(runtime, architecture)──> target
    lambda/requirements.txt ──pip --platform --python-version --only-binary──> staging/
        (minus LEFT_OUT_DISTRIBUTIONS: installed with the SDK, imported by no request)
    lambda/lambda_function.py, skill/ (minus what Lambda never imports) ──────> staging/
    skill/content/*.toml ──the same data as JSON, quicker to load────────────> staging/
    content + models ──their hash, the content version (skill/content/version.txt)──> staging/
    pythonX.Y -m compileall --invalidation-mode unchecked-hash ─────────────> staging/**/__pycache__
    sorted entries, fixed timestamps and modes ───────────────────────────────> the zip

The target runtime and architecture are read from the SAM template, so the package and the function
that runs it cannot disagree.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from skill.content import compile_content
from skill.content.version import VERSION_FILE, compute_content_version

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "lambda" / "template.yaml"
REQUIREMENTS = REPO / "lambda" / "requirements.txt"
ENTRY_POINT = REPO / "lambda" / "lambda_function.py"
SKILL_PACKAGE = REPO / "skill"
DEFAULT_OUTPUT = REPO / "dist" / "cramp-coach-lambda.zip"

# What of the skill package runs on Lambda, by name: everything else (the web service, the command line)
# stays out, and a module added to the package ships only once it is listed here.
LAMBDA_RUNTIME = (
    "__init__.py",
    "builder.py",
    "conversation",
    "deferred_imports.py",  # keeps pprint (and inspect, ast, dis) out of the cold start
    "places.py",  # the vocabulary of places the handlers read a cramp's slot with
    "reply.py",
    "screen.py",  # imported only when a device with a screen asks
    "serializer.py",
    "service_clients.py",
    "session.py",
    "speech.py",
    "content",
    "handlers",
    "screens",  # the APL document, data read when a device with a screen first asks
)
# Distributions that must never be in the zip: the web service's and the developers' tools.
FORBIDDEN_DISTRIBUTIONS = frozenset(
    {
        "flask",
        "werkzeug",
        "cryptography",
        "waitress",
        "gunicorn",
        "cffi",
        "jinja2",
        "pytest",
        "ruff",
        "pip",
        "setuptools",
        # the estimate of Alexa's statistical layer (tooling/estimate/) and what it brings
        "scikit-learn",
        "scipy",
        "numpy",
        "joblib",
        "threadpoolctl",
    }
)
# Distributions pip installs with the SDK that no request imports, left out of the zip (about a third
# of it: 4503 KiB down to 3101): requests, urllib3, idna, charset-normalizer and certifi serve only
# the SDK's DefaultApiClient (for service clients, which the skill does not use: see
# skill/service_clients.py), and tzdata only dateutil's named time zones (dateutil reads only timestamps
# Alexa sends in some other form). The package tests answer every kind of request from the unpacked zip,
# and fail if one of them imports any of these.
LEFT_OUT_DISTRIBUTIONS = frozenset({"requests", "urllib3", "idna", "charset-normalizer", "certifi", "tzdata"})
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build time leaks in
PIP_PLATFORMS = {"x86_64": "manylinux2014_x86_64", "arm64": "manylinux2014_aarch64"}


class PackagingError(RuntimeError):
    """The package cannot be built as promised; the message says what is missing."""


@dataclass(frozen=True)
class Target:
    """The Lambda runtime the package is built for."""

    python_version: str  # "3.13"
    architecture: str  # "x86_64" or "arm64"

    @property
    def runtime(self) -> str:
        return f"python{self.python_version}"

    @property
    def pip_platform(self) -> str:
        return PIP_PLATFORMS[self.architecture]

    @property
    def cache_tag(self) -> str:
        return f"cpython-{self.python_version.replace('.', '')}"


def read_target(template: Path = TEMPLATE) -> Target:
    """The runtime and architecture of the function in the SAM template (each stated once there)."""
    text = template.read_text(encoding="utf-8")
    runtimes = re.findall(r"^\s+Runtime:\s*python(3\.\d+)\s*$", text, flags=re.MULTILINE)
    architectures = re.findall(r"^\s+Architectures:\s*\n\s+-\s*(x86_64|arm64)\s*$", text, flags=re.MULTILINE)
    if len(runtimes) != 1 or len(architectures) != 1:
        raise PackagingError(f"{template} must state one Runtime: python3.x and one Architectures: entry")
    return Target(python_version=runtimes[0], architecture=architectures[0])


def find_interpreter(version: str) -> Path:
    """An interpreter of exactly this version: on PATH, or installed by pyenv."""
    name = f"python{version}"
    candidates: list[Path] = []
    on_path = shutil.which(name)
    if on_path and "shims" not in Path(on_path).parts:
        candidates.append(Path(on_path))
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    installed = (pyenv_root / "versions").glob(f"{version}.*/bin/{name}")
    candidates += sorted(installed, key=_patch_level, reverse=True)  # 3.13.10 before 3.13.9
    for candidate in candidates:
        try:
            reported = subprocess.run(
                [str(candidate), "-I", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                timeout=30,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        if reported == version:
            return candidate
    raise PackagingError(
        f"the Lambda runtime is Python {version}, and bytecode must be compiled by exactly that version: "
        f"install {name} (for example `pyenv install {version}`) or put it on PATH"
    )


def _patch_level(interpreter: Path) -> tuple[int, ...]:
    """(3, 13, 10) for .../versions/3.13.10/bin/python3.13; () for a version that is not all numbers."""
    parts = interpreter.parent.parent.name.split(".")
    return tuple(int(part) for part in parts) if all(part.isdigit() for part in parts) else ()


@dataclass(frozen=True)
class Bytecode:
    """How (and whether) modules get compiled bytecode in the package."""

    invalidation_mode: str | None  # "unchecked-hash", "timestamp", or None for no bytecode


HASH_BASED = Bytecode("unchecked-hash")
TIMESTAMP_BASED = Bytecode("timestamp")  # what pip and a plain compileall write; stale after unzipping
NO_BYTECODE = Bytecode(None)  # what the ASK CLI's deployer ships


@dataclass(frozen=True)
class PackageSource:
    """What goes into a package: the entry module, our packages, and the requirements to install."""

    entry_point: Path
    packages: Sequence[Path]
    requirements: Path
    included: Sequence[str] | None = None  # the top-level modules and folders of each package; None: all
    entry_name: str = "lambda_function.py"  # what Lambda's handler setting names


CRAMP_COACH = PackageSource(ENTRY_POINT, (SKILL_PACKAGE,), REQUIREMENTS, LAMBDA_RUNTIME)


@dataclass(frozen=True)
class BuiltPackage:
    """The zip that was written, and what it was built for."""

    path: Path
    target: Target
    size_bytes: int
    compiled_by: str | None  # the exact interpreter version that wrote the bytecode, e.g. "3.13.0"


def build_package(
    output: Path = DEFAULT_OUTPUT,
    *,
    source: PackageSource = CRAMP_COACH,
    target: Target | None = None,
    bytecode: Bytecode = HASH_BASED,
    unpacked_copy: Path | None = None,
) -> BuiltPackage:
    """Build the zip at ``output``; ``unpacked_copy`` also leaves the package as a folder there."""
    target = target or read_target()
    interpreter = find_interpreter(target.python_version) if bytecode.invalidation_mode else None
    with tempfile.TemporaryDirectory(prefix="lambda-package-") as work:
        staging = Path(work) / "package"
        install_requirements(source.requirements, staging, target)
        copy_sources(source, staging)
        for content_file in sorted(staging.glob("skill/content/*.toml")):
            compile_content(content_file, content_file.with_suffix(".json"))
        write_content_version(source, staging)
        if interpreter is not None and bytecode.invalidation_mode is not None:
            compile_bytecode(interpreter, staging, bytecode.invalidation_mode)
        output.parent.mkdir(parents=True, exist_ok=True)
        write_reproducible_zip(staging, output)
        if unpacked_copy is not None:
            shutil.rmtree(unpacked_copy, ignore_errors=True)
            shutil.copytree(staging, unpacked_copy)
    return BuiltPackage(
        output, target, output.stat().st_size, _full_version(interpreter) if interpreter else None
    )


def _full_version(interpreter: Path) -> str:
    return subprocess.run(
        [str(interpreter), "-I", "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def install_requirements(requirements: Path, staging: Path, target: Target) -> None:
    """The requirements as built for the target platform and Python, not for this machine."""
    command = [
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile",
        "--target", str(staging), "--platform", target.pip_platform, "--implementation", "cp",
        "--python-version", target.python_version, "--only-binary=:all:", "--requirement", str(requirements),
    ]  # fmt: skip
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0:
        raise PackagingError(f"pip could not install {requirements.name} for {target}:\n{finished.stderr}")
    shutil.rmtree(staging / "bin", ignore_errors=True)  # console scripts, with this machine's shebang
    for unwanted in [*staging.rglob("__pycache__"), *staging.glob("*/tests"), *staging.glob("*/test")]:
        if unwanted.is_dir():  # caches of pip's Python, and test suites some packages ship (certifi)
            shutil.rmtree(unwanted)
    installed = {_distribution_name(path): path for path in staging.glob("*.dist-info")}
    forbidden = installed.keys() & FORBIDDEN_DISTRIBUTIONS
    if forbidden:
        raise PackagingError(f"{requirements} pulls in packages Lambda must not carry: {sorted(forbidden)}")
    for name in sorted(installed.keys() & LEFT_OUT_DISTRIBUTIONS):
        remove_distribution(installed[name], staging)


def _distribution_name(dist_info: Path) -> str:
    """The normalized name of a distribution: "charset-normalizer" for charset_normalizer-3.4.dist-info."""
    return re.split(r"-\d", dist_info.name, maxsplit=1)[0].lower().replace("_", "-")


def remove_distribution(dist_info: Path, staging: Path) -> None:
    """Delete every file an installed distribution's RECORD lists (its metadata too), then the folders
    left empty: the distribution is gone as if never installed."""
    root = staging.resolve()
    with (dist_info / "RECORD").open(newline="", encoding="utf-8") as record:
        files = [(staging / row[0]).resolve() for row in csv.reader(record) if row]
    files = [path for path in files if path.is_relative_to(root)]  # not console scripts (../../bin)
    for path in files:
        path.unlink(missing_ok=True)
    for folder in sorted({path.parent for path in files}, key=lambda folder: len(folder.parts), reverse=True):
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    if dist_info.exists():
        shutil.rmtree(dist_info)


def copy_sources(source: PackageSource, staging: Path) -> None:
    shutil.copy2(source.entry_point, staging / source.entry_name)
    for package in source.packages:
        for path in _package_files(package, source.included):
            destination = staging / package.name / path.relative_to(package)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)


def _package_files(package: Path, included: Sequence[str] | None) -> Iterable[Path]:
    """Python modules, content files and screen documents of a package's included parts, without caches."""
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if not path.is_file() or "__pycache__" in relative.parts:
            continue
        if included is not None and relative.parts[0] not in included:
            continue
        if path.suffix in (".py", ".toml", ".json"):
            yield path


def write_content_version(source: PackageSource, staging: Path) -> None:
    """The content version of the repository the skill package comes from, as a file in the package:
    hashing the content and the 5 MB of models at cold start cost 16 to 55 ms here; importing
    skill.content.version and reading this file, about 0.3 ms."""
    for package in source.packages:
        content = staging / package.name / "content"
        if content.is_dir():
            (content / VERSION_FILE).write_text(compute_content_version(package.parent) + "\n", "ascii")


def compile_bytecode(interpreter: Path, staging: Path, invalidation_mode: str) -> None:
    """Compile every module with the target's own interpreter.

    ``-s``/``-p`` record the path Lambda unpacks to (/var/task), not this build's temporary folder, and
    a fixed hash seed keeps set constants in the same order: both keep the bytes the same every build.
    """
    command = [
        str(interpreter), "-I", "-m", "compileall", "-q", "-j", "0",
        "--invalidation-mode", invalidation_mode, "-s", str(staging), "-p", "/var/task", str(staging),
    ]  # fmt: skip
    finished = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}
    )
    if finished.returncode != 0:
        raise PackagingError(f"compiling bytecode failed:\n{finished.stdout}{finished.stderr}")


def write_reproducible_zip(folder: Path, output: Path) -> None:
    """Sorted entries, one fixed timestamp, fixed modes: two builds of the same tree are the same bytes."""
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in names:
            path = folder / name
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            executable = path.suffix == ".so"
            info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def unpack_read_only(zip_path: Path, folder: Path) -> None:
    """Unpack a package and make it read-only, as Lambda's /var/task is (for tests and benchmarks)."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    for path in [*sorted(folder.rglob("*"), reverse=True), folder]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def make_writable(folder: Path) -> None:
    """Undo ``unpack_read_only``, so the folder can be deleted."""
    for path in [folder, *sorted(folder.rglob("*"))]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
