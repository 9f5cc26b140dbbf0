"""Fixture sanity: every state of the machine can be reached through the services."""
import pytest

from tests.support.factories import STATES


@pytest.mark.parametrize("state", STATES)
def test_every_state_is_reachable_through_the_services(create_case, state):
    case = create_case(state)
    assert case.version >= 1
