"""Demo reply drafts: for each category, the fields it requires and a short content paragraph."""
from __future__ import annotations

CONTACT = "如对本答复有疑问，可与本机关政府信息公开工作机构联系（电话：0771-5550100，工作日 9:00–17:00）。"

REPLY_DRAFTS: dict[str, tuple[dict[str, str], str]] = {
    "already_public": ({"publication_channel": "明川市东湖区人民政府门户网站“政府信息公开—财政预决算”栏目",
                        "publication_date": "2026-02-10"}, CONTACT),
    "disclose": ({"documents": "《关于锦绣花园小区建设工程规划许可的批复》（东住建〔2025〕31号）",
                  "form": "纸质复印件", "delivery": "邮寄至申请表所留地址"}, CONTACT),
    "partial": ({"disclosed_part": "征收补偿安置方案正文", "withheld_part": "被征收人姓名、身份证号码及补偿金额明细",
                 "exemption_ground": "withhold_third_party",
                 "exemption_reason": "涉及被征收人个人隐私，公开会损害第三方合法权益",
                 "no_consultation_reason": "被征收人个人信息一律不予公开，不存在经征求意见后公开的可能"}, CONTACT),
    "withhold_secret": ({"reasons": "该信息已依法确定为秘密级国家秘密", "secret_evidence_ref": "定密审批表 东密〔2025〕7号"}, CONTACT),
    "withhold_law": ({"law_name": "中华人民共和国统计法", "law_article": "第三十九条"}, CONTACT),
    "withhold_security": ({"reasons": "该信息涉及重点防护目标的安防部署，公开后可能危及公共安全"}, CONTACT),
    "withhold_third_party": ({"third_party_interest": "企业的商业秘密（财务数据、纳税明细）",
                              "consultation_record": "征求意见书发出后，第三方书面答复不同意公开"}, CONTACT),
    "withhold_internal": ({"internal_kind": "人事管理"}, CONTACT),
    "withhold_process": ({"process_kind": "讨论记录"}, CONTACT),
    "withhold_case_file": ({"reasons": "属于行政处罚案件的执法案卷，当事人可依《中华人民共和国行政处罚法》申请查阅"}, CONTACT),
    "special_query": ({"special_law": "不动产登记暂行条例", "apply_where": "明川市不动产登记中心东湖分中心（东湖区政务服务中心二楼）"}, CONTACT),
    "not_exist": ({"search_keywords": "锦绣花园；竣工验收；备案", "search_systems": "公文管理系统、档案室纸质档案",
                   "search_departments": "办公室、建设管理科", "search_date": "2026-06-15", "search_staff": "周晓红、陈建国"}, CONTACT),
    "not_ours": ({"reasons": "该信息由明川市自然资源局制作并保存", "responsible_agency": "明川市自然资源局",
                  "responsible_contact": "0771-5550123，明川市青山路18号"}, CONTACT),
    "needs_creation": ({"reasons": "需对2019年以来的全部审批档案逐件汇总统计后另行制作"}, CONTACT),
    "unclear_after_correction": ({"correction_history": "已告知补正申请信息的名称或文号，补正后仍未能描述所需信息"}, CONTACT),
    "petition": ({"proper_channel": "明川市东湖区信访局（东湖区人民路2号）或12345政务服务便民热线"}, CONTACT),
    "duplicate": ({"earlier_reply_number": "东住建依申请公开〔2026〕第12号", "earlier_reply_date": "2026-05-08"}, CONTACT),
    "publication": ({"obtain_where": "《明川市东湖区人民政府公报》2026年第2期，可在区图书馆查阅"}, CONTACT),
    "excessive": ({"reasons_request": "2026年5月6日书面要求说明理由，申请人未能说明", "finding": "一个月内提出同类申请58件"}, CONTACT),
    "confirm_existing": ({"reasons": "申请人已于2026年3月获取该文件，本次要求重新加盖印章出具"}, CONTACT),
}


def draft_for(category: str) -> tuple[dict[str, str], str]:
    """Fields and content for a demo reply in ``category``."""
    fields, content = REPLY_DRAFTS[category]
    return dict(fields), content
