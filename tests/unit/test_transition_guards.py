"""Pure pieces the guards rely on: the 109号 fee brackets and the agency facts handed to the remedy rules."""
from decimal import Decimal

import pytest

from rules.agencies import AgencyInfo, AgencyKind
from workflow.fees import compute_fee, item_rate
from workflow.models import Agency, FeeMethod


@pytest.mark.parametrize("quantity, expected", [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700),
                                                (201, 2740)])
def test_pages_are_charged_by_marginal_brackets(quantity, expected):
    assert compute_fee(FeeMethod.PER_PAGE, quantity) == Decimal(expected)


@pytest.mark.parametrize("n, rate", [(10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                     (51, 400)])
def test_the_nth_piece_of_the_month_has_the_109_rate(n, rate):
    assert item_rate(n) == rate


def test_pieces_count_on_from_the_applicants_earlier_pieces_this_month():
    assert compute_fee(FeeMethod.PER_ITEM, 5) == 0
    assert compute_fee(FeeMethod.PER_ITEM, 5, prior_items=8) == 300  # pieces 9..13: 0+0+100+100+100
    assert compute_fee(FeeMethod.PER_ITEM, 2, prior_items=29) == 300  # pieces 30 and 31


def test_a_non_positive_quantity_is_an_error():
    with pytest.raises(ValueError):
        compute_fee(FeeMethod.PER_PAGE, 0)


def test_an_agency_row_gives_the_remedy_rules_their_facts():
    agency = Agency(name="某市税务局", kind=AgencyKind.VERTICAL, superior_department="某省税务局",
                    court="某市中级人民法院", region_code="450100")
    assert agency.info() == AgencyInfo(name="某市税务局", kind=AgencyKind.VERTICAL, government=None,
                                       superior_department="某省税务局", court="某市中级人民法院",
                                       region_code="450100")
