"""Password hashing with Argon2id (argon2-cffi) and the password policy of staff accounts.

Passwords are never stored, logged or put in history; only the Argon2id hash is stored
(``app_user.password_hash``).
"""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workflow.errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 128
_HASHER = PasswordHasher()  # argon2-cffi's defaults: Argon2id, RFC 9106 low-memory profile
# A hash nobody's password matches, checked when the user does not exist so that a wrong user name and a wrong
# password take the same time.
_DUMMY_HASH = _HASHER.hash("xxgk: no such user")


def check_policy(password: str) -> None:
    """Refuse a password that is too short, too long, or lacks letters or digits; raises InvalidInput."""
    if not isinstance(password, str) or not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise InvalidInput(f"密码长度应为 {MIN_LENGTH}–{MAX_LENGTH} 个字符", field="password", label="密码")
    if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
        raise InvalidInput("密码须同时包含字母和数字", field="password", label="密码")


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` after :func:`check_policy`."""
    check_policy(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; a missing hash (system actor, no password set) never
    matches, and costs the same time as a real check."""
    if not isinstance(password, str) or len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when ``stored_hash`` was made with weaker parameters than today's (rehash at the next sign-in)."""
    return _HASHER.check_needs_rehash(stored_hash)
