"""``make screenshots``: a PNG of each main page at 1280×800, taken with the e2e browser set-up on demo data.

    .venv/bin/python -m tests.e2e.screenshots [--out screenshots]

Loads the demo into a throw-away SQLite database, serves the app on 127.0.0.1, signs in as demo users and
writes one PNG per page into ``--out`` (ignored by git). Needs the system Chromium (and a CJK font, e.g. Debian's
fonts-noto-cjk, for the Chinese text to show).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from tests.support import browser as support
from tests.support.web import migrated_app
from web import session_factory
from workflow.demo.loader import DEMO_PASSWORD, load_demo
from workflow.jobs.escalation import escalate
from workflow.legal_time import LEGAL_TZ, legal_today
from workflow.models import Alert, Application, Stage, SubStep


def _case_ids(app) -> dict[str, int]:
    """A case in review, a case with documents, an open one and one with alerts, of the first demo agency."""
    with session_factory(app)() as session:
        def first(*conditions):
            return session.scalar(select(Application.id).where(Application.agency_id == 1, *conditions)
                                  .order_by(Application.id))
        return {"review": first(Application.sub_step == SubStep.IN_REVIEW),
                "issued": first(Application.stage == Stage.REPLY, Application.sub_step == SubStep.ISSUED),
                "open": first(Application.stage == Stage.REGISTRATION),
                "alerted": session.scalar(select(Alert.application_id).where(  # a proposal if there is one
                    Alert.agency_id == 1, Alert.application_id.is_not(None))
                    .order_by(Alert.proposal.is_(None), Alert.id))}


def _sign_in(page, username: str) -> None:
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button[type=submit]")


def _shoot(page, out: Path, name: str, path: str) -> None:
    page.goto(path)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    print(f"{out / name}.png  ←  {path}")


def take(out: Path, count: int = 80) -> None:
    """Write the screenshots into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        app = migrated_app(f"sqlite:///{Path(folder) / 'screens.sqlite3'}")
        load_demo(session_factory(app), today=legal_today(), count=count)
        escalate(session_factory(app), datetime.now(LEGAL_TZ), force=True)  # the inbox and the proposals
        cases = _case_ids(app)
        with support.live_server(app) as base_url, support.chromium() as browser:
            context = support.new_context(browser, base_url)
            page = context.new_page()
            _shoot(page, out, "01-sign-in", "/login")
            _sign_in(page, "gov.clerk1")
            _shoot(page, out, "02-board", "/board/")
            _shoot(page, out, "03-board-overdue", "/board/?level=overdue")
            _shoot(page, out, "04-register", "/cases/new")
            for index, (kind, case_id) in enumerate(cases.items(), start=5):
                if case_id:
                    _shoot(page, out, f"{index:02}-case-{kind}", f"/cases/{case_id}")
            context.close()
            for username, name, path in (("gov.reviewer", "09-review", f"/cases/{cases['review']}/review"),
                                         ("gov.admin", "10-admin", "/admin/"),
                                         ("gov.admin", "12-admin-jobs", "/admin/jobs/"),
                                         ("gov.supervisor", "11-inbox", "/inbox/")):
                context = support.new_context(browser, base_url)
                page = context.new_page()
                _sign_in(page, username)
                _shoot(page, out, name, path)
                context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args(argv)
    reason = support.unavailable_reason()
    if reason:
        print(f"无法截图：{reason}", file=sys.stderr)
        return 2
    take(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
