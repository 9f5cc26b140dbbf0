"""Migration 0009 on a database holding cases: closed_on and clock_status filled, references kept."""
from alembic import command
from sqlalchemy import text

from migrations import alembic_config
from workflow.db import make_engine

CASE = ("INSERT INTO application (id, agency_id, tracking_number, query_code, channel, received_on, "
        "applicant_type, applicant_name, description, missing_items, stage, sub_step, outcome, due_date, "
        "due_provisional, handler_id, clock_round, version, created_at) VALUES (:id, 1, :number, :code, "
        "'in_person', '2026-03-02', 'natural_person', '赵六', '', '[]', :stage, :sub_step, :outcome, NULL, "
        "false, 1, 1, 1, '2026-03-02 01:00:00')")
HISTORY = ("INSERT INTO history (application_id, trigger, from_stage, from_sub_step, to_stage, to_sub_step, "
           "actor_id, legal_date, recorded_at, payload) VALUES (:case, :trigger, :from_stage, :from_sub, "
           ":to_stage, :to_sub, 1, :day, '2026-03-02 01:00:00', '{}')")


def _history(connection, case, trigger, source, target, day):
    (from_stage, from_sub), (to_stage, to_sub) = source.split("."), target.split(".")
    connection.execute(text(HISTORY), dict(case=case, trigger=trigger, from_stage=from_stage,
                                           from_sub=from_sub, to_stage=to_stage, to_sub=to_sub, day=day))


def _fill_at_0008(url):
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO agency (id, name, kind) VALUES (1, '某市交通运输局', 'department')"))
        connection.execute(text("INSERT INTO app_user (id, name, username, agency_id, active) "
                                "VALUES (1, '李华', 'clerk', 1, true)"))
        for id_, stage, sub_step, outcome in [(1, "archive", "closed", "disclose"),
                                              (2, "consultation", "awaiting_opinions", None),
                                              (3, "archive", "closed", "not_exist"),
                                              (4, "registration", "awaiting_fee", None)]:
            connection.execute(text(CASE), dict(id=id_, number=f"2026-000{id_}", code=f"Q{id_}", stage=stage,
                                                sub_step=sub_step, outcome=outcome))
        _history(connection, 1, "archive_case", "reply.issued", "archive.closed", "2026-03-20")
        _history(connection, 1, "record_remedy", "archive.closed", "archive.closed", "2026-04-20")
        _history(connection, 3, "archive_case", "reply.issued", "archive.closed", "2026-03-10")
        _history(connection, 3, "reopen", "archive.closed", "registration.processing", "2026-05-01")
        _history(connection, 3, "archive_case", "reply.issued", "archive.closed", "2026-06-01")
    engine.dispose()


def test_upgrading_a_database_with_cases_fills_closed_on_and_clock_status(database_url):
    config = alembic_config(database_url)
    config.attributes["skip_logging"] = True
    command.upgrade(config, "0008")
    _fill_at_0008(database_url)
    command.upgrade(config, "0009")
    engine = make_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, closed_on, clock_status FROM application "
                                       "ORDER BY id")).all()
        history = connection.scalar(text("SELECT count(*) FROM history"))
        user = connection.execute(text("SELECT agency_id, is_system FROM app_user")).one()
    engine.dispose()
    assert [(r[0], str(r[1]) if r[1] else None, r[2]) for r in rows] == [
        (1, "2026-03-20", "closed"), (2, None, "paused"), (3, "2026-06-01", "closed"), (4, None, "paused")]
    assert history == 5 and tuple(user) == (1, False)
    command.downgrade(config, "0008")
