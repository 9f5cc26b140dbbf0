"""Gapless per-key counters (document numbers; usable for tracking numbers too), bumped inside the caller's
transaction so that concurrent transactions get distinct numbers."""
from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def next_counter_value(session: Session, model: type, **key: Any) -> int:
    """Increment ``model.last_number`` of the row with primary key ``key`` and return the new value.

    ``UPDATE … RETURNING`` takes the row lock until commit; a missing row is created with 1 in a savepoint,
    and when a concurrent transaction created it first (IntegrityError) the update is retried on its row.
    """
    bump = (update(model)
            .where(*(getattr(model, name) == value for name, value in key.items()))
            .values(last_number=model.last_number + 1)
            .returning(model.last_number)
            .execution_options(synchronize_session=False))
    number = session.execute(bump).scalar_one_or_none()
    if number is None:
        try:
            with session.begin_nested():
                session.add(model(**key, last_number=1))
            number = 1
        except IntegrityError:  # another transaction created the row first
            number = session.execute(bump).scalar_one()
    return number
