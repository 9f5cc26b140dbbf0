"""`xxgk demo load`: three agencies, their staff, and ~200 applications in every stage, driven through the services.

Every case is built by calling the real services with legal dates in the past, so its history, clock events and
deadlines are exactly what the product would have recorded. The whole load is one database transaction (each
service's own commit becomes a savepoint inside it): an interrupted load (Ctrl-C, kill -9) leaves nothing, so
``--if-empty`` loads again instead of serving half a demo.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from rules.calendar import load_calendar
from workflow.db import WRITE_OPTION
from workflow.demo import pools
from workflow.demo.replies import request_for
from workflow.demo.scenarios import SCENARIOS, Driver
from workflow.models import Agency, ApplicantType, Application, Channel, Role, User
from workflow.commands import Register
from workflow.services.registration import register_application
from workflow.uow import unit_of_work


@dataclass
class DemoStaff:
    agency_id: int
    clerks: list[int]
    reviewer: int
    supervisor: int


def _create_agencies(session_factory: sessionmaker[Session]) -> dict[str, DemoStaff]:
    """Agencies and users are set-up data (an administrator's job), written in one transaction."""
    staff: dict[str, DemoStaff] = {}
    with unit_of_work(session_factory) as session:
        for spec in pools.AGENCIES:
            values = {k: v for k, v in spec.items() if k != "key"}
            agency = Agency(**values, region_code=pools.REGION)
            session.add(agency)
            users = {}
            for suffix, name, roles in pools.STAFF:
                user = User(name=name, username=f"{spec['key']}.{suffix}", agency=agency)
                user.roles.extend(Role(r) for r in roles)
                session.add(user)
                users[suffix] = user
            session.flush()
            staff[spec["key"]] = DemoStaff(agency.id, [users["clerk1"].id, users["clerk2"].id],
                                           users["reviewer"].id, users["supervisor"].id)
    return staff


def _applicant(rng: random.Random, index: int) -> tuple[ApplicantType, str, str, str]:
    organisations = [k for k in ApplicantType if k is not ApplicantType.NATURAL_PERSON]
    kind = organisations[(index // 3) % len(organisations)] if index % 3 else ApplicantType.NATURAL_PERSON
    if kind is ApplicantType.NATURAL_PERSON:
        number = f"4501031{rng.randrange(960, 999)}{rng.randrange(1, 12):02d}{rng.randrange(1, 28):02d}{rng.randrange(1000, 9999)}"
        return kind, rng.choice(pools.NATURAL_PERSONS), "居民身份证", number
    number = f"91450103MA{rng.randrange(10**7, 10**8)}"
    return kind, rng.choice(pools.ORGANISATIONS[kind.value]), "统一社会信用代码", number


def _registration(rng: random.Random, index: int, agency_key: str, received_on: date,
                  channel: Channel, steps: tuple[str, ...]) -> Register:
    kind, name, id_type, id_number = _applicant(rng, index)
    return Register(
        channel=channel, received_on=received_on, applicant_type=kind, applicant_name=name,
        id_document_type=id_type, id_document_number=id_number,
        contact_phone=f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
        contact_address=f"明川市东湖区{rng.choice(['人民路', '青山路', '长塘街', '锦绣大道'])}{rng.randrange(1, 300)}号",
        description=request_for(agency_key, steps, rng), form_requested=rng.choice(pools.FORMS))


def demo_loaded(session_factory: sessionmaker[Session]) -> bool:
    """True when the database already holds agencies or applications (demo or real data)."""
    with session_factory() as session:
        return any(session.scalar(select(func.count()).select_from(table)) for table in (Agency, Application))


def demo_only(session_factory: sessionmaker[Session]) -> bool:
    """True when every agency in the database is a demo agency (so resetting it loses no real data)."""
    names = {spec["name"] for spec in pools.AGENCIES}
    with session_factory() as session:
        return all(name in names for name in session.scalars(select(Agency.name)))


Progress = Callable[[int, int], None]


def load_demo(session_factory: sessionmaker[Session], *, today: date, count: int = 200, seed: int = 2026,
              progress: Optional[Progress] = None) -> int:
    """Create the demo agencies, users and ``count`` applications ending no later than ``today``, all in one
    transaction; ``progress(done, count)`` is called after each application.

    Returns the number of applications created. Raises the services' domain errors if a scenario is invalid
    (and then nothing is stored).
    """
    with session_factory.kw["bind"].connect() as connection:
        connection = connection.execution_options(**{WRITE_OPTION: True})  # SQLite: BEGIN IMMEDIATE
        with connection.begin():
            inner = sessionmaker(connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
            return _load(inner, today, count, seed, progress or (lambda done, total: None))


def _load(session_factory: sessionmaker[Session], today: date, count: int, seed: int,
          progress: Progress) -> int:
    rng = random.Random(seed)
    staff = _create_agencies(session_factory)
    keys = list(staff)
    channels = list(Channel)
    calendar = load_calendar(region=pools.REGION)
    for index in range(count):
        scenario = SCENARIOS[index % len(SCENARIOS)]
        key = keys[index % len(keys)]
        channel = channels[(index // len(SCENARIOS) + index) % len(channels)]
        received_on = _received_on(calendar, rng, today, scenario.age)
        people = staff[key]
        clerk = people.clerks[index % 2]
        data = _registration(rng, index, key, received_on, channel, scenario.steps)
        case = register_application(session_factory, data, actor_id=clerk, today=received_on)
        Driver(session_factory, calendar, case, data, clerk, people.reviewer, people.supervisor, today,
               key).run(scenario)
        progress(index + 1, count)
    return count


def _received_on(calendar, rng: random.Random, today: date, age: tuple[int, int]) -> date:
    """A working day between age[1] and age[0] working days before ``today``."""
    back = rng.randrange(age[0], age[1] + 1)
    day = today - timedelta(days=int(back * 1.45))
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day
