"""复议机关 per agency kind (行政复议法第二十四条至第二十八条) and the remedy clause variants."""
from __future__ import annotations

import pytest

from rules.agencies import AgencyInfo, AgencyKind
from rules.replies.errors import RemedyConfigError
from rules.replies.remedies import reconsideration_bodies, remedy_clause

HOUSING = AgencyInfo("某市某区住房和城乡建设局", AgencyKind.DEPARTMENT, government="某市某区人民政府",
                     court="某市某区人民法院")
TAX = AgencyInfo("国家税务总局某市某区税务局", AgencyKind.VERTICAL, superior_department="国家税务总局某市税务局")
JUSTICE = AgencyInfo("某市某区司法局", AgencyKind.JUSTICE_ADMINISTRATION, government="某市某区人民政府",
                     superior_department="某市司法局")
COUNTY = AgencyInfo("某县人民政府", AgencyKind.PEOPLES_GOVERNMENT, government="某市人民政府")
STREET = AgencyInfo("某区某街道办事处", AgencyKind.DISPATCHED_ORGAN, government="某市某区人民政府")
PROVINCE = AgencyInfo("某省人民政府", AgencyKind.PROVINCIAL_GOVERNMENT)
MINISTRY = AgencyInfo("某部", AgencyKind.STATE_COUNCIL_DEPARTMENT)


@pytest.mark.parametrize("agency, bodies", [
    (HOUSING, ("某市某区人民政府",)), (TAX, ("国家税务总局某市税务局",)), (COUNTY, ("某市人民政府",)),
    (JUSTICE, ("某市某区人民政府", "某市司法局")), (STREET, ("某市某区人民政府",)),
    (PROVINCE, ("某省人民政府",)), (MINISTRY, ("某部",)),
])
def test_the_reconsideration_body_follows_the_agency_kind(agency, bodies):
    assert reconsideration_bodies(agency) == bodies


def test_a_department_without_its_government_name_gets_a_clear_error():
    agency = AgencyInfo("某局", AgencyKind.DEPARTMENT)
    with pytest.raises(RemedyConfigError, match="某局.*未登记本级人民政府的名称.*第二十四条第一款第（一）项"):
        reconsideration_bodies(agency)


def test_a_justice_department_without_the_superior_justice_department_gets_a_clear_error():
    agency = AgencyInfo("某司法局", AgencyKind.JUSTICE_ADMINISTRATION, government="某区人民政府")
    with pytest.raises(RemedyConfigError, match="未登记上一级司法行政部门的名称.*第二十八条"):
        reconsideration_bodies(agency)


def test_variant_a_offers_reconsideration_within_sixty_days_or_suit_within_six_months():
    assert remedy_clause("not_exist", HOUSING) == (
        "如对本答复不服，可以自收到本答复书之日起六十日内向某市某区人民政府申请行政复议，"
        "也可以自收到本答复书之日起六个月内向某市某区人民法院提起行政诉讼。")


def test_variant_a_names_a_generic_court_when_none_is_recorded():
    assert "六个月内向有管辖权的人民法院提起行政诉讼" in remedy_clause("disclose", TAX)


def test_variant_b_requires_reconsideration_first_and_gives_fifteen_days_after_the_decision():
    assert remedy_clause("withhold_secret", TAX) == (
        "如对本答复中不予公开的决定不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先自收到本答复书之日起"
        "六十日内向国家税务总局某市税务局申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内"
        "依法向人民法院提起行政诉讼。")


def test_a_partial_disclosure_states_both_routes():
    clause = remedy_clause("partial", HOUSING)
    assert clause.startswith("如对本答复中予以公开的部分不服，可以自收到本答复书之日起六十日内向某市某区人民政府申请行政复议")
    assert "六个月内向某市某区人民法院" in clause and "第二十三条" in clause and "十五日内" in clause


def test_a_justice_department_clause_names_both_bodies():
    assert "六十日内向某市某区人民政府或者某市司法局申请行政复议" in remedy_clause("withhold_process", JUSTICE)


def test_a_withdrawal_has_no_remedy_clause_but_a_no_further_processing_notice_has_variant_a():
    assert remedy_clause("other", HOUSING) == ""
    clause = remedy_clause("lapsed_correction", HOUSING)
    assert "六十日内向某市某区人民政府申请行政复议" in clause and "六个月内" in clause and "应当先" not in clause
