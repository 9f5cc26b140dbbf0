"""Complete, realistic field values for every category, shared by the review and document tests."""
from __future__ import annotations

import pytest

from rules.replies import catalog

SAMPLE_FIELDS: dict[str, dict[str, str]] = {
    "already_public": {"publication_channel": "本机关门户网站“政府信息公开”栏目", "publication_date": "2026-03-02"},
    "disclose": {"documents": "《关于某小区加装电梯的批复》（某住建〔2026〕8号）", "form": "电子数据",
                 "delivery": "通过电子邮件发送至您预留的邮箱"},
    "partial": {"disclosed_part": "项目审批表", "withheld_part": "施工单位人员的身份证号码",
                "exemption_ground": "withhold_third_party", "exemption_reason": "属于个人隐私"},
    "withhold_secret": {"reasons": "该信息已依法确定为秘密级国家秘密", "secret_evidence_ref": "定密审批表DM-2026-003"},
    "withhold_law": {"law_name": "中华人民共和国统计法", "law_article": "第三十九条"},
    "withhold_security": {"reasons": "公开后可能危及公共安全"},
    "withhold_third_party": {"third_party_interest": "某公司的商业秘密",
                             "consultation_record": "2026-10-09 书面征求意见，第三方不同意公开"},
    "withhold_internal": {"internal_kind": "人事管理"},
    "withhold_process": {"process_kind": "请示报告"},
    "withhold_case_file": {"reasons": "属于某行政处罚案件的执法案卷"},
    "special_query": {"special_law": "不动产登记暂行条例", "apply_where": "某区不动产登记中心"},
    "not_exist": {"search_keywords": "加装电梯；某小区", "search_systems": "公文管理系统、档案室",
                  "search_departments": "建筑管理科", "search_date": "2026-11-10", "search_staff": "张三、李四"},
    "not_ours": {"reasons": "该信息由某市自然资源局制作", "responsible_agency": "某市自然资源局",
                 "responsible_contact": "0771-1234567"},
    "needs_creation": {"reasons": "需对多年的审批数据进行汇总统计"},
    "unclear_after_correction": {"correction_history": "2026-10-09 告知补正信息名称，补正后仍未能特定"},
    "petition": {"proper_channel": "某区信访局"},
    "duplicate": {"earlier_reply_number": "某住建依申请公开〔2026〕第12号", "earlier_reply_date": "2026-05-08"},
    "publication": {"obtain_where": "《某市人民政府公报》2026年第5期，可在市图书馆查阅"},
    "excessive": {"reasons_request": "2026-10-12 要求说明理由，申请人未说明", "finding": "一个月内提出申请120件"},
    "confirm_existing": {"reasons": "申请人已于2026年5月获取该文件，要求加盖公章确认"},
    "lapsed_correction": {"correction_notice_date": "2026-10-09", "correction_deadline": "2026-10-23"},
    "lapsed_fee": {"fee_notice_date": "2026-10-09", "payment_deadline": "2026-11-06"},
    "other": {"reason": "申请人于2026-10-20撤回申请"},
}


@pytest.mark.parametrize("code", sorted(SAMPLE_FIELDS))
def test_every_sample_is_complete_and_valid_for_its_category(code):
    assert catalog.missing_fields(code, SAMPLE_FIELDS[code]) == []
    assert catalog.invalid_fields(code, SAMPLE_FIELDS[code]) == []


def test_there_is_a_sample_for_every_category():
    assert set(SAMPLE_FIELDS) == {c.code for c in catalog.all_categories()}
