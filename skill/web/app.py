"""The Flask application: verify the raw request, hand the envelope to the skill, return its response.

This is what the SDK's ``WebserviceSkillHandler`` does (deserialize, verify, ``skill.invoke``, serialize),
written over ``ask-sdk-core`` with our own verification because the SDK's adapter cannot be imported on
current OpenSSL. A request that fails verification gets HTTP 400 and never reaches the skill.
"""

from __future__ import annotations

import logging
from typing import Unpack

from ask_sdk_core.serialize import DefaultSerializer
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from skill.builder import answer_envelope, build_skill
from skill.web.verify import AlexaRequestVerifier, RequestRejected, VerificationSettings

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 128 * 1024  # Alexa's requests are a few KB; anything near this is not Alexa


def _read_body_within_limit() -> bytes | None:
    """The raw body (the bytes the signature covers, never re-serialised), or None when it is too large.

    Read by hand rather than with Flask's MAX_CONTENT_LENGTH, which cuts a chunked body off at the limit
    and passes on the truncated part instead of refusing it.
    """
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return None
    body = request.stream.read(MAX_BODY_BYTES + 1)
    return None if len(body) > MAX_BODY_BYTES else body


def create_app(
    *,
    skill_id: str | None = None,
    serializer: DefaultSerializer | None = None,
    **verification: Unpack[VerificationSettings],
) -> Flask:
    """Build the web service; nothing happens at import time, so tests and workers build their own.

    ``verification`` goes to ``AlexaRequestVerifier`` as it is (see ``VerificationSettings``);
    ``serializer`` to ``build_skill`` (the benchmark's baseline of the SDK's own)."""
    app = Flask(__name__)
    skill = build_skill(skill_id=skill_id, serializer=serializer)
    verifier = AlexaRequestVerifier(skill_id=skill_id, **verification)

    @app.post("/", provide_automatic_options=False)
    def alexa_request() -> Response | tuple[str, int]:
        body = _read_body_within_limit()
        if body is None:
            logger.warning("rejected request: body over %d bytes", MAX_BODY_BYTES)
            return "body too large", 413
        try:
            envelope = verifier.verify(request.headers, body)
        except RequestRejected as rejected:
            logger.warning("rejected request: %s", rejected.reason)
            return rejected.reason, 400
        except Exception as error:  # a bug of ours (or a bad clock hook): unverified means refused
            logger.error("verification failed unexpectedly: %s", type(error).__name__)
            return "request could not be verified", 400
        try:
            payload = body.decode("utf-8")  # the verifier has read these bytes as a JSON envelope
        except UnicodeDecodeError:  # JSON the parser takes (UTF-16, a lone surrogate) but Alexa never sends
            logger.warning("rejected request: body is not UTF-8")
            return "request body is not UTF-8", 400
        try:
            answered = answer_envelope(skill, envelope, payload=payload)
        except Exception as error:  # the skill's exception handler answers errors inside; this is outside
            logger.error("request not handled: %s", type(error).__name__)
            return "request could not be handled", 400
        return jsonify(answered)

    @app.get("/healthz", provide_automatic_options=False)
    def health() -> tuple[str, int]:
        return "ok", 200

    @app.errorhandler(HTTPException)
    def plain_http_error(error: HTTPException) -> tuple[str, int]:
        """Short plain-text errors (404, 405, 413) instead of Flask's HTML pages."""
        return f"{error.name}\n", error.code or 500

    return app
