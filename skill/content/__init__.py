"""Everything the skill says, as reviewed data.

This package owns the content files (``en.toml``) and their loading. Each spoken line and list carries the
key of its source, so that a clinician can check every sentence against the seed page or the cited
guideline. Loading is strict: an unknown source, an empty line or list item, or a lookup of a key that does
not exist raises ``ContentError`` at once, because for health guidance a missing line must fail in a test,
long before a user could hear the wrong thing.

The records are ``NamedTuple``s rather than frozen dataclasses: as immutable, and each class costs a
sixth of the time to create, which a Lambda cold start pays for every class.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_LANGUAGE = "en"
LOCALE_REGISTRY = "locales"  # skill/content/locales.toml, loaded (and compiled) like a content file


class ContentError(LookupError):
    """Content is missing, empty, or cites a source that is not declared."""


class Line(NamedTuple):
    """One spoken line and where its words come from."""

    text: str
    source: str


class ItemList(NamedTuple):
    """A list spoken as one sentence ("a, b, and c") and shown as bullets on a card."""

    items: tuple[str, ...]
    conjunction: str
    source: str


class EmergencyNumber(NamedTuple):
    """How the local emergency number is said, and how it is written on a card."""

    speech: str
    text: str


class Content(NamedTuple):
    """The loaded content of one language."""

    sources: Mapping[str, str]
    lines: Mapping[str, Line]
    lists: Mapping[str, ItemList]

    def line(self, key: str) -> Line:
        try:
            return self.lines[key]
        except KeyError:
            raise ContentError(f"no spoken line {key!r} in the content file") from None

    def item_list(self, key: str) -> ItemList:
        try:
            return self.lists[key]
        except KeyError:
            raise ContentError(f"no list {key!r} in the content file") from None


def _require_text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where} is empty or not text")
    return value


def _require_source(source: object, sources: Mapping[str, str], where: str) -> str:
    if source not in sources:
        raise ContentError(f"{where} cites source {source!r}, which [sources] does not declare")
    return str(source)


def parse_content(raw: Mapping[str, object]) -> Content:
    """Validate a parsed content file; kept apart from file loading so tests can feed broken content."""
    sources = dict(raw.get("sources", {}))  # type: ignore[call-overload]
    lines = {
        key: Line(
            text=_require_text(entry.get("text"), f"line {key!r}"),
            source=_require_source(entry.get("source"), sources, f"line {key!r}"),
        )
        for key, entry in dict(raw.get("lines", {})).items()  # type: ignore[call-overload]
    }
    lists = {}
    for key, entry in dict(raw.get("lists", {})).items():  # type: ignore[call-overload]
        items = entry.get("items") or []
        lists[key] = ItemList(
            items=tuple(_require_text(item, f"an item of list {key!r}") for item in items),
            conjunction=_require_text(entry.get("conjunction"), f"the conjunction of list {key!r}"),
            source=_require_source(entry.get("source"), sources, f"list {key!r}"),
        )
        if not lists[key].items:
            raise ContentError(f"list {key!r} has no items")
    return Content(sources=sources, lines=lines, lists=lists)


class Locale(NamedTuple):
    """One locale of the registry (``locales.toml``): its language, its emergency number, its model."""

    language: str
    emergency_number: EmergencyNumber
    model: str | None  # the interaction model file, from the repository's root (None for the default)


class LocaleRegistry(NamedTuple):
    """Every locale the skill is published in, and what a request from any other locale gets."""

    locales: Mapping[str, Locale]
    default: Locale

    def of(self, locale: str | None) -> Locale:
        """The locale's entry; the default for a locale the skill is not published in."""
        return self.locales.get(locale or "", self.default)


def _parse_locale(name: str, entry: object) -> Locale:
    if not isinstance(entry, Mapping):
        raise ContentError(f"locale {name!r} is not a table")
    number = entry.get("emergency_number")
    if not isinstance(number, Mapping):
        raise ContentError(f"locale {name!r} has no emergency number")
    model = entry.get("model")
    return Locale(
        language=_require_text(entry.get("language"), f"the language of locale {name!r}"),
        emergency_number=EmergencyNumber(
            speech=_require_text(number.get("speech"), f"the spoken emergency number of {name!r}"),
            text=_require_text(number.get("text"), f"the written emergency number of {name!r}"),
        ),
        model=_require_text(model, f"the model of locale {name!r}") if name != "default" else None,
    )


def parse_locales(raw: Mapping[str, object]) -> LocaleRegistry:
    """Validate the locale registry; kept apart from file loading so tests can feed a broken one."""
    locales = dict(raw.get("locales", {}))  # type: ignore[call-overload]
    if not locales:
        raise ContentError("the locale registry lists no locale")
    return LocaleRegistry(
        locales={name: _parse_locale(name, entry) for name, entry in locales.items()},
        default=_parse_locale("default", raw.get("default")),
    )


@cache
def load_locales() -> LocaleRegistry:
    """The locale registry, once per process."""
    return parse_locales(_read_raw_content(LOCALE_REGISTRY))


@cache
def load_content(language: str = DEFAULT_LANGUAGE) -> Content:
    """Load and validate the content of one language, once per process (it is read-only)."""
    return parse_content(_read_raw_content(language))


def _read_raw_content(language: str) -> Mapping[str, object]:
    """The content file as data: ``<language>.toml`` as people write it, or the ``<language>.json`` that
    the Lambda package carries beside it.

    The JSON is the same data, written by ``compile_content`` when the package is built: ``tomllib`` is
    a pure-Python parser, and parsing the TOML took about 5 ms of every Lambda cold start, where
    ``json`` (already loaded by the SDK) takes a fraction of one. The source tree holds only the TOML.
    """
    compiled = _packaged_json(language)
    if compiled is not None:
        return json.loads(compiled)
    # Only where the TOML itself is read: in development and tests, never on Lambda, where importing
    # importlib.resources (and the pathlib it brings) cost about 6 ms of every cold start.
    import tomllib
    from importlib import resources

    source = resources.files(__package__).joinpath(f"{language}.toml")
    if not source.is_file():
        raise ContentError(f"no content file for language {language!r}")

    return tomllib.loads(source.read_text(encoding="utf-8"))


def _packaged_json(language: str) -> bytes | None:
    """The compiled content, read through this package's own loader: the call that importlib.resources and
    pkgutil.get_data make underneath, without importing their reader machinery (zipfile and more: 2.5 ms
    of a cold start). Like them, it finds the file wherever the package is, never relative to the CWD."""
    spec = __spec__
    get_data = getattr(spec.loader, "get_data", None)  # every file and zip loader has it
    if get_data is None or not spec.submodule_search_locations:
        return None
    try:
        return bytes(get_data(os.path.join(spec.submodule_search_locations[0], f"{language}.json")))
    except OSError:
        return None


def compile_content(source: Path, destination: Path) -> None:
    """Write a content TOML file (or the locale registry) as the equivalent JSON, after checking it."""
    import tomllib

    raw = tomllib.loads(source.read_text(encoding="utf-8"))
    parse_locales(raw) if source.stem == LOCALE_REGISTRY else parse_content(raw)
    destination.write_text(json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
