"""An agency's parent government (``parent_id``): one of the installation's 人民政府, never a loop; its name is
the agency's 本级/上一级人民政府, and follows a rename."""
from __future__ import annotations

import pytest

from workflow.errors import InvalidInput, NotFound
from workflow.services import setup


@pytest.fixture
def governments(session_factory):
    province = setup.create_agency(session_factory, name="某省人民政府", kind="provincial_government")
    city = setup.create_agency(session_factory, name="某市人民政府", kind="peoples_government",
                               government="某省人民政府", parent_id=province.id)
    office = setup.create_agency(session_factory, name="某市交通运输局", kind="department", government="某府")
    return province, city, office


def test_the_parents_name_is_the_government_and_a_rename_follows(session_factory, governments):
    _, city, office = governments
    office = setup.update_agency(session_factory, office.id, parent_id=city.id)
    assert (office.parent_id, office.government, office.reconsideration_bodies) == (city.id, "某市人民政府",
                                                                                    ("某市人民政府",))
    setup.update_agency(session_factory, city.id, name="某地级市人民政府")
    office = next(a for a in setup.list_agencies(session_factory) if a.id == office.id)
    assert office.government == "某地级市人民政府"


def test_a_department_a_loop_or_an_unknown_agency_is_refused_as_parent(session_factory, governments):
    province, city, office = governments
    with pytest.raises(InvalidInput, match="不是人民政府"):
        setup.update_agency(session_factory, city.id, parent_id=office.id)
    with pytest.raises(InvalidInput, match="不能是本机关自己或其下级机关"):
        setup.update_agency(session_factory, province.id, parent_id=city.id)
    with pytest.raises(InvalidInput, match="不能是本机关自己"):
        setup.update_agency(session_factory, city.id, parent_id=city.id)
    with pytest.raises(NotFound):
        setup.update_agency(session_factory, office.id, parent_id=999)
    assert next(a for a in setup.list_agencies(session_factory) if a.id == province.id).parent_id is None
