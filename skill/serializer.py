"""The ASK SDK's own serializer, made fast: the same model objects and the same JSON, in a third of the time.

``DefaultSerializer`` re-derives everything on every request: it parses each type name ("list[...]",
"dict(str, ...)", "ask_sdk_model.intent.Intent") with a regular expression and ``__import__``, rebuilds
each model's attribute map, and parses the envelope's timestamps with ``dateutil``'s general-purpose
parser (a third of a warm request on its own, and about 10 ms of imports on the first one). Measured on
the skill's requests, deserialization was about 65% of a warm request.

``EnvelopeSerializer`` is a subclass that keeps the SDK's algorithm and its model classes and only
remembers what does not change between requests: the resolved classes, each model's list of
(attribute, JSON key, type), each type name's parsed form. Timestamps in the form Alexa
sends them are parsed with ``datetime.fromisoformat`` (which reads a trailing "Z" from Python 3.11 on);
anything else goes to the SDK's own ``dateutil`` path, so no timestamp is read as another instant. One
difference remains, by design: the time zone object. ``fromisoformat`` gives the standard library's
``timezone.utc`` or ``timezone(offset)`` where ``dateutil`` gives ``tzlocal()`` (on a UTC host),
``tzutc()`` or ``tzoffset(None, offset)``: the same instant and offset, but another ``tzname()``. The
skill never reads the request's timestamp; the differential test allows exactly this mapping.
``tests/test_serializer.py`` proves it differentially: over a corpus of real-shaped envelopes, its objects
and its JSON equal those of the SDK's ``DefaultSerializer``.

The SDK's private steps are overridden by their mangled names (``_DefaultSerializer__...``): Python looks
those up on the instance like any other attribute, so the SDK's own methods call the faster ones, and
anything this class does not specialise (a payload of the wrong shape, an unusual type) goes to the
SDK's own code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer

_SDK = DefaultSerializer
# The SDK's own private steps, for what this class leaves to them.
_sdk_deserialize = vars(DefaultSerializer)["_DefaultSerializer__deserialize"]
_sdk_load_class = vars(DefaultSerializer)["_DefaultSerializer__load_class_from_name"]
_sdk_deserialize_datetime = vars(DefaultSerializer)["_DefaultSerializer__deserialize_datetime"]
_sdk_deserialize_model = vars(DefaultSerializer)["_DefaultSerializer__deserialize_model"]
_sdk_deserialize_primitive = vars(DefaultSerializer)["_DefaultSerializer__deserialize_primitive"]
_sdk_child_model = vars(DefaultSerializer)["_DefaultSerializer__get_obj_by_discriminator"]
_LIST_TYPE = re.compile(r"list\[(.*)\]")  # the SDK's own patterns, so type names parse the same
_DICT_TYPE = re.compile(r"dict\(([^,]*), (.*)\)")
# The timestamp forms Alexa sends ("2019-05-13T04:52:42Z", with fractions of a second, with an offset),
# and no other: ``fromisoformat`` also reads ISO week dates and forms that dateutil reads otherwise.
_ALEXA_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)?\Z", re.ASCII)
# Values the SDK's serialize() returns as they are; exact types only (a str or int Enum is not one).
_PLAIN_VALUES = frozenset({str, int, float, bool, bytes, type(None)})

Field = tuple[str, str, Any]  # (model attribute, JSON key, declared type)
Decoder = Callable[[Any], Any]  # reads a payload that is not None
# What the SDK's model step does with a class: the SDK's own step, the payload as it is, or fields.
_NOT_A_MODEL, _PLAIN, _DISCRIMINATED, _FIELDS = object(), object(), object(), object()


def _as_it_is(payload: Any) -> Any:
    return payload


def _model_kind(obj_type: Any) -> object:
    if not isinstance(obj_type, type) or issubclass(obj_type, Enum):
        return _NOT_A_MODEL
    if not hasattr(obj_type, "deserialized_types"):
        return _PLAIN
    return _DISCRIMINATED if hasattr(obj_type, "get_real_child_model") else _FIELDS


class EnvelopeSerializer(DefaultSerializer):
    """``DefaultSerializer`` with what never changes between requests remembered, and ISO timestamps."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, Any] = {}
        self._fields: dict[type, tuple[tuple[Field, ...], frozenset[str]]] = {}
        self._json_keys: dict[type, tuple[tuple[str, str], ...] | None] = {}
        self._decoders: dict[Any, Decoder] = {}
        self._model_kinds: dict[Any, object] = {}

    def deserialize_data(self, data: Any, obj_type: Any) -> Any:
        """``deserialize`` for an envelope already parsed from JSON: no dump and parse again in between.

        The model keeps references into ``data`` (session attributes, unknown fields), as the SDK's keeps
        them into the dictionary it parsed, so ``data`` must not be changed afterwards."""
        return self._DefaultSerializer__deserialize(data, obj_type)

    # -- deserialization: the SDK's steps, remembering what they resolve ----------------------------------

    def _DefaultSerializer__deserialize(self, payload: Any, obj_type: Any) -> Any:
        if payload is None:
            return None
        decode = self._decoders.get(obj_type)
        if decode is None:
            decode = self._decoders[obj_type] = self._decoder_for(obj_type)
        return decode(payload)

    def _decoder_for(self, obj_type: Any) -> Decoder:
        """What the SDK does with a payload of this type (a type name or a class), as one function."""
        deserialize = self._DefaultSerializer__deserialize
        if obj_type.__class__ is str:
            name = obj_type
            if name.startswith("list["):
                match = _LIST_TYPE.match(name)
                if match is None or "," in match.group(1):  # a list of mixed types: rare, the SDK's way
                    return lambda payload: _sdk_deserialize(self, payload, name)
                item_type = match.group(1).strip()
                return lambda payload: [deserialize(item, item_type) for item in payload]
            if name.startswith("dict("):
                match = _DICT_TYPE.match(name)
                if match is None:
                    return lambda payload: {}
                value_type = match.group(2)
                return lambda payload: {key: deserialize(value, value_type) for key, value in payload.items()}
            if name in _SDK.NATIVE_TYPES_MAPPING:
                return self._decoder_for(_SDK.NATIVE_TYPES_MAPPING[name])
            return self._decoder_for(self._DefaultSerializer__load_class_from_name(name))
        if obj_type in _SDK.PRIMITIVE_TYPES:
            primitive = obj_type  # a value of exactly this type is returned as it is, as int(3) is 3
            return lambda payload: (
                payload
                if payload.__class__ is primitive
                else _sdk_deserialize_primitive(self, payload, primitive)
            )
        if obj_type is object:
            return _as_it_is
        if obj_type is date or obj_type is datetime:
            return lambda payload: self._DefaultSerializer__deserialize_datetime(payload, obj_type)
        return lambda payload: self._DefaultSerializer__deserialize_model(payload, obj_type)

    def _DefaultSerializer__load_class_from_name(self, class_name: str) -> Any:
        resolved = self._classes.get(class_name)
        if resolved is None:
            resolved = _sdk_load_class(self, class_name)
            self._classes[class_name] = resolved
        return resolved

    def _DefaultSerializer__deserialize_datetime(self, payload: Any, obj_type: Any) -> Any:
        """Alexa's timestamp form by the standard library; anything else by the SDK's dateutil path."""
        if payload.__class__ is str and _ALEXA_TIMESTAMP.match(payload):
            try:
                parsed = datetime.fromisoformat(payload)
            except ValueError:  # the right form, an impossible time ("25:00:00"): the SDK says what is wrong
                pass
            else:
                return parsed.date() if obj_type is date else parsed
        return _sdk_deserialize_datetime(self, payload, obj_type)

    def _DefaultSerializer__deserialize_model(self, payload: Any, obj_type: Any) -> Any:
        """The SDK's model step (discriminator, then each declared field, then the undeclared ones as they
        are), with each class's fields worked out once. Payloads that are not JSON objects, enums and
        classes that are not models take the SDK's own step."""
        kind = self._model_kinds.get(obj_type)
        if kind is None:
            kind = self._model_kinds[obj_type] = _model_kind(obj_type)
        if kind is _NOT_A_MODEL or payload.__class__ is not dict:
            return _sdk_deserialize_model(self, payload, obj_type)
        if kind is _PLAIN:
            return payload
        try:
            if kind is _DISCRIMINATED:
                obj_type = _sdk_child_model(self, payload, obj_type)
            plan = self._fields.get(obj_type)
            if plan is None:
                plan = self._fields[obj_type] = _model_fields(obj_type)
            fields, known_keys = plan
            model = obj_type()
            deserialize = self._DefaultSerializer__deserialize
            for attribute, key, declared_type in fields:
                if key in payload:
                    setattr(model, attribute, deserialize(payload[key], declared_type))
            for key in payload:
                if key not in known_keys:
                    setattr(model, key, payload[key])
            return model
        except Exception as error:
            raise SerializationException(str(error)) from error

    # -- serialization --------------------------------------------------------------------------------------

    def serialize(self, obj: Any) -> Any:
        """The SDK's ``serialize`` with each model class's (attribute, JSON key) pairs worked out once."""
        kind = obj.__class__
        if kind in _PLAIN_VALUES:
            return obj
        if kind is dict:
            return {key: self.serialize(value) for key, value in obj.items()}
        if kind is list:
            return [self.serialize(item) for item in obj]
        keys = self._json_keys.get(kind, ())
        if keys == ():
            keys = self._json_keys[kind] = _model_json_keys(kind)
        if keys is None:
            return super().serialize(obj)
        serialized = {}
        for attribute, key in keys:
            value = getattr(obj, attribute)
            if value is not None:
                serialized[key] = self.serialize(value)
        return serialized


def _model_fields(model_class: Any) -> tuple[tuple[Field, ...], frozenset[str]]:
    """The SDK's attribute map of a model (``attribute_map`` completed with ``deserialized_types``, in the
    same order), and the JSON keys it knows; the rest of a payload is set on the model as it is."""
    declared = model_class.deserialized_types
    attribute_map = dict(getattr(model_class, "attribute_map", {}))
    attribute_map.update({name: name for name in declared if name not in attribute_map})
    fields = tuple((attribute, key, declared[attribute]) for attribute, key in attribute_map.items())
    return fields, frozenset(attribute_map.values())


def _model_json_keys(kind: type) -> tuple[tuple[str, str], ...] | None:
    """(attribute, JSON key) of each declared field of a model class, in declaration order; None for
    anything the SDK serializes otherwise (tuples, dates, enums, decimals, subclasses of plain types)."""
    if issubclass(kind, (*_SDK.PRIMITIVE_TYPES, list, tuple, dict, date, Enum)) or not hasattr(
        kind, "deserialized_types"
    ):
        return None
    attribute_map = getattr(kind, "attribute_map", {})
    return tuple(
        (attribute, attribute_map.get(attribute, attribute)) for attribute in kind.deserialized_types
    )
