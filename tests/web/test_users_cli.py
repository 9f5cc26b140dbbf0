"""``xxgk agencies`` and ``xxgk users`` as an operator runs them (password from standard input)."""
from __future__ import annotations

import pytest

from tests.support.web import migrated_app


@pytest.fixture
def runner(tmp_path):
    return migrated_app(f"sqlite:///{tmp_path / 'cli.sqlite3'}").test_cli_runner()


def test_an_operator_creates_an_agency_and_a_clerk_and_lists_them(runner):
    created = runner.invoke(args=["agencies", "create", "--name", "某市交通运输局", "--kind", "department",
                                  "--government", "某市人民政府"])
    assert created.exit_code == 0 and "复议机关：某市人民政府" in created.output
    user = runner.invoke(args=["users", "create", "--agency", "1", "--username", "gov.clerk1",
                               "--name", "周晓红", "--roles", "clerk,reviewer"], input="desk-2026a\n")
    assert user.exit_code == 0, user.output
    assert "desk-2026a" not in user.output
    listed = runner.invoke(args=["users", "list"]).output
    assert "gov.clerk1\t周晓红\t机关 1\tclerk,reviewer\t启用" in listed


def test_a_bad_password_or_unknown_agency_is_one_line_and_exit_1(runner):
    runner.invoke(args=["agencies", "create", "--name", "某局", "--kind", "department", "--government", "某府"])
    weak = runner.invoke(args=["users", "create", "--agency", "1", "--username", "gov.x", "--name", "甲",
                               "--roles", "clerk"], input="onlyletters\n")
    assert weak.exit_code == 1 and "密码须同时包含字母和数字" in weak.output and "Traceback" not in weak.output
    missing = runner.invoke(args=["users", "create", "--agency", "9", "--username", "gov.y", "--name", "乙",
                                  "--roles", "clerk", "--no-password"])
    assert missing.exit_code == 1 and "机关 9 不存在" in missing.output


def test_set_password_and_disable(runner):
    runner.invoke(args=["agencies", "create", "--name", "某局", "--kind", "department", "--government", "某府"])
    runner.invoke(args=["users", "create", "--agency", "1", "--username", "gov.x", "--name", "甲", "--roles",
                        "clerk", "--no-password"])
    assert "未设置密码" in runner.invoke(args=["users", "list"]).output
    assert runner.invoke(args=["users", "set-password", "gov.x"], input="new-pass-2027\n").exit_code == 0
    assert runner.invoke(args=["users", "disable", "gov.x"]).exit_code == 0
    assert "停用" in runner.invoke(args=["users", "list"]).output
