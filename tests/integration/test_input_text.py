"""Text that no document can hold (control characters pasted from other systems) is refused clearly."""
from __future__ import annotations

import pytest

from tests.integration.conftest import DAY1, T0, registration_data, snapshot
from workflow import services as sv
from workflow.errors import GuardFailed


def test_a_control_character_in_the_applicant_name_is_refused_and_nothing_is_stored(session_factory, people):
    before = snapshot(session_factory)
    with pytest.raises(GuardFailed, match="无法打印的控制字符.*张三"):
        sv.register_application(session_factory, people.clerk, registration_data(applicant_name="张三\x0b"),
                                today=T0)
    assert snapshot(session_factory) == before


def test_a_control_character_in_reply_fields_is_refused(session_factory, people, create_case):
    case = create_case()
    with pytest.raises(GuardFailed, match="无法打印的控制字符"):
        sv.draft_reply(session_factory, people.clerk, case.id, case.version, today=DAY1, category="disclose",
                       fields={"documents": "《表》\x1b", "form": "纸质", "delivery": "邮寄"})


def test_ordinary_line_breaks_and_tabs_are_accepted(session_factory, people):
    case = sv.register_application(session_factory, people.clerk,
                                   registration_data(description="第一项\n第二项\t附表"), today=T0)
    assert case.description == "第一项\n第二项\t附表"
