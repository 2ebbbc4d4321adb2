"""Personal data handling: the keyed NIK hash and masking. No database access here."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import pandas as pd

KEY_BYTES = 32
MIN_KEY_BYTES = 32          # a shorter key lets the NIK be recovered from its hash (the region, birth year and
                            # sex kept beside it leave only about 10^6 candidates per worker)
KEY_CHECK_MESSAGE = b"sigap-nik-key-check"
MAKE_KEY_HINT = ('make one with: python -c "import secrets; print(secrets.token_hex(32))" > FILE; chmod 600 FILE'
                 ' (then SIGAP_NIK_KEY_FILE=FILE), or delete the empty default key file to have one created')


class NikKeyInvalid(ValueError):
    """The configured NIK key cannot be used (too short, unreadable); the message says how to make one."""


def load_or_create_key(key_file: Path) -> bytes:
    """The HMAC key: SIGAP_NIK_KEY (hex or text) if set, else the key file, created 0600 on first use.
    A key shorter than MIN_KEY_BYTES is refused (NikKeyInvalid), never used."""
    from_env = os.environ.get("SIGAP_NIK_KEY")
    if from_env is not None and from_env != "":
        try:
            key = bytes.fromhex(from_env)
        except ValueError:
            key = from_env.encode("utf-8")
        return _long_enough(key, "SIGAP_NIK_KEY")
    if key_file.exists():
        try:
            key = bytes.fromhex(key_file.read_text().strip())
        except (ValueError, UnicodeDecodeError):
            raise NikKeyInvalid(f"NIK key file {key_file} does not hold a hex key; {MAKE_KEY_HINT}") from None
        return _long_enough(key, str(key_file))
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key.hex())
    return key


def _long_enough(key: bytes, source: str) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise NikKeyInvalid(f"NIK key from {source} has {len(key)} bytes; at least {MIN_KEY_BYTES} random bytes"
                            f" (64 hex digits) are required: {MAKE_KEY_HINT}")
    return key


def load_key(key_file: Path) -> bytes | None:
    """The HMAC key in use (SIGAP_NIK_KEY, else the key file), or None when there is none: never creates one
    (health checks, backups and restores must not invent a key)."""
    if os.environ.get("SIGAP_NIK_KEY") or key_file.exists():
        return load_or_create_key(key_file)
    return None


def key_fingerprint(key: bytes) -> str:
    """A value stored with the data that tells whether a later key is the same one, without revealing it."""
    return hmac.digest(key, KEY_CHECK_MESSAGE, hashlib.sha256).hex()[:16]


def hash_nik(key: bytes, nik: str) -> str:
    return hmac.digest(key, nik.encode("ascii"), hashlib.sha256).hex()


def hash_niks(key: bytes, niks: pd.Series) -> pd.Series:
    """Keyed HMAC-SHA256 of a column of 16-digit NIK strings (one C call per value)."""
    digest = hmac.digest
    sha = hashlib.sha256
    return pd.Series([digest(key, n.encode("ascii"), sha).hex() for n in niks], index=niks.index, dtype="string")


def mask_nik(nik: str) -> str:
    """327508******0101: region code and serial kept so the operator can find the row, birth date hidden."""
    text = str(nik)
    if len(text) != 16:
        return "*" * len(text)
    return text[:6] + "******" + text[12:]
