"""Demo content is coherent per agency: each agency has a request and a reply for every scenario it runs."""
from __future__ import annotations

from itertools import combinations

from rules.replies import catalog
from workflow.demo import pools
from workflow.demo.replies import REPLIES, THIRD_PARTIES, reply_key, requests_of
from workflow.demo.scenarios import SCENARIOS


def test_every_agency_has_a_reply_for_every_reply_a_scenario_drafts():
    drafted = {reply_key(s.steps) for s in SCENARIOS} - {None}
    for spec in pools.AGENCIES:
        assert drafted <= set(REPLIES[spec["key"]]), spec["key"]
        assert set(THIRD_PARTIES[spec["key"]]) <= set(REPLIES[spec["key"]])


def test_every_demo_reply_is_complete_for_its_category():
    for key, replies in REPLIES.items():
        for reply, (request, fields) in replies.items():
            category = reply.split("/")[0]
            assert request and not catalog.missing_fields(category, fields), (key, reply)
            assert not catalog.invalid_fields(category, fields), (key, reply)


def test_no_request_belongs_to_two_agencies():
    for a, b in combinations(REPLIES, 2):
        assert not requests_of(a) & requests_of(b), (a, b)


def test_a_disclosure_over_an_objection_gives_the_public_interest_reasons():
    for key, replies in REPLIES.items():
        assert replies["disclose/over_objection"][1]["public_interest_reason"], key
