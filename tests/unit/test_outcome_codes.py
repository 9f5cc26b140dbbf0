"""The outcome codes the database accepts are the catalog's codes."""
from rules.replies.catalog import all_categories
from workflow.models import OUTCOME_CODES


def test_the_outcome_codes_the_database_allows_are_exactly_the_catalogs_codes():
    # A new category needs a migration widening ck_application_outcome_known (and OUTCOME_CODES).
    assert OUTCOME_CODES == tuple(category.code for category in all_categories())
