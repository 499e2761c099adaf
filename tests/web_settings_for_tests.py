"""A settings hook for ``python -m skill serve --settings``, used by tests/test_web_serve.py."""


def verification_off() -> dict[str, object]:
    """What a careless operator might write: the server must still warn loudly."""
    return {"verify_signature": False, "verify_timestamp": False}
