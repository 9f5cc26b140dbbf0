"""Signing in on real databases: lockout after repeated failures, the same answer for every failure,
every attempt recorded."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from workflow.errors import InvalidInput
from workflow.models import SignInAttempt, User
from workflow.passwords import hash_password
from workflow.services.auth import (
    WRONG_CREDENTIALS, LockoutPolicy, SignInRefused, change_password, load_signed_in_user, sign_in,
)

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)
PASSWORD = "window-desk-2026"


@pytest.fixture
def clerk(session_factory, people):
    with session_factory.begin() as session:
        session.get(User, people.clerk).password_hash = hash_password(PASSWORD)
    return people.clerk


def _refusal(session_factory, username, password, now=NOW) -> str:
    with pytest.raises(SignInRefused) as caught:
        sign_in(session_factory, username, password, now=now)
    return caught.value.message


def test_the_right_password_signs_in_and_is_recorded_with_the_address(session_factory, clerk):
    user = sign_in(session_factory, " clerk ", PASSWORD, now=NOW, remote_addr="10.1.2.3")
    assert (user.id, user.username, user.agency_name) == (clerk, "clerk", "某市交通运输局")
    with session_factory() as session:
        attempt = session.scalars(select(SignInAttempt)).one()
    assert (attempt.user_id, attempt.succeeded, attempt.remote_addr) == (clerk, True, "10.1.2.3")


def test_a_wrong_user_a_wrong_password_a_disabled_account_and_no_password_get_the_same_answer(
        session_factory, people, clerk):
    with session_factory.begin() as session:
        session.get(User, people.clerk2).password_hash = hash_password(PASSWORD)
        session.get(User, people.clerk2).active = False
    answers = {_refusal(session_factory, "nobody", PASSWORD),
               _refusal(session_factory, "clerk", "wrong-1234"),
               _refusal(session_factory, "clerk2", PASSWORD), _refusal(session_factory, "reviewer", "")}
    assert answers == {WRONG_CREDENTIALS}
    with session_factory() as session:
        assert session.scalars(select(SignInAttempt.succeeded)).all() == [False] * 4


def test_five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(
        session_factory, clerk):
    for minute in range(5):
        _refusal(session_factory, "clerk", "wrong-1234", NOW + timedelta(minutes=minute))
    fifth = NOW + timedelta(minutes=4)
    assert "请 15 分钟后再试" in _refusal(session_factory, "clerk", PASSWORD, fifth)
    assert "分钟后再试" in _refusal(session_factory, "clerk", PASSWORD, fifth + timedelta(minutes=14))
    assert sign_in(session_factory, "clerk", PASSWORD, now=fifth + timedelta(minutes=15)).id == clerk


def test_a_success_resets_the_count_and_attempts_during_the_lock_do_not_extend_it(session_factory, clerk):
    for minute in range(4):
        _refusal(session_factory, "clerk", "wrong-1234", NOW + timedelta(minutes=minute))
    sign_in(session_factory, "clerk", PASSWORD, now=NOW + timedelta(minutes=5))
    for minute in range(6, 11):
        _refusal(session_factory, "clerk", "wrong-1234", NOW + timedelta(minutes=minute))
    for minute in range(11, 25):  # hammering while locked
        _refusal(session_factory, "clerk", PASSWORD, NOW + timedelta(minutes=minute))
    assert sign_in(session_factory, "clerk", PASSWORD, now=NOW + timedelta(minutes=25)).id == clerk


def test_user_names_that_do_not_exist_are_locked_out_alike(session_factory, people):
    answers = [_refusal(session_factory, "ghost", "x1", NOW + timedelta(seconds=s)) for s in range(6)]
    assert answers[:5] == [WRONG_CREDENTIALS] * 5 and "分钟后再试" in answers[5]


def test_the_lock_threshold_is_configurable(session_factory, clerk):
    policy = LockoutPolicy(max_failures=2, lock_minutes=1)
    for second in range(2):
        with pytest.raises(SignInRefused):
            sign_in(session_factory, "clerk", "nope-1234", now=NOW + timedelta(seconds=second), policy=policy)
    with pytest.raises(SignInRefused, match="1 分钟后再试"):
        sign_in(session_factory, "clerk", PASSWORD, now=NOW + timedelta(seconds=2), policy=policy)


def test_a_disabled_user_is_signed_out_at_the_next_request(session_factory, clerk):
    assert load_signed_in_user(session_factory, clerk).username == "clerk"
    with session_factory.begin() as session:
        session.get(User, clerk).active = False
    assert load_signed_in_user(session_factory, clerk) is None


def test_changing_ones_password_needs_the_current_one_and_follows_the_policy(session_factory, clerk):
    with pytest.raises(InvalidInput, match="当前密码不正确"):
        change_password(session_factory, clerk, "wrong-1234", "new-pass-2027")
    with pytest.raises(InvalidInput, match="字母和数字") as caught:
        change_password(session_factory, clerk, PASSWORD, "onlyletters")
    assert caught.value.field == "new_password"
    change_password(session_factory, clerk, PASSWORD, "new-pass-2027")
    assert sign_in(session_factory, "clerk", "new-pass-2027", now=NOW).id == clerk
    assert _refusal(session_factory, "clerk", PASSWORD) == WRONG_CREDENTIALS
