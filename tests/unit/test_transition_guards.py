"""The agency facts a workflow row hands to the remedy rules (the 109号 brackets: tests/unit/test_replies_fees.py)."""
from rules.agencies import AgencyInfo, AgencyKind
from workflow.models import Agency


def test_an_agency_row_gives_the_remedy_rules_their_facts():
    agency = Agency(name="某市税务局", kind=AgencyKind.VERTICAL, superior_department="某省税务局",
                    court="某市中级人民法院", region_code="450100")
    assert agency.info() == AgencyInfo(name="某市税务局", kind=AgencyKind.VERTICAL, government=None,
                                       superior_department="某省税务局", court="某市中级人民法院",
                                       region_code="450100")
