"""Demo replies per agency (issue 7: a letter's content must fit the agency that signs it): for each agency of
:data:`workflow.demo.pools.AGENCIES` and each reply category the demo uses, the request the applicant made and
the fields of the reply answering it. A key ``"category/variant"`` is a second case of the same category (e.g.
``disclose/over_objection``: disclosed although the consulted third party disagreed, 条例第三十二条).
"""
from __future__ import annotations

import random

from workflow.demo import pools

CONTACT = "如对本答复有疑问，可与本机关政府信息公开工作机构联系（电话：0771-5550100，工作日 9:00–17:00）。"
Reply = tuple[str, dict[str, str]]  # (the request's description, the reply's fields)

_GOV: dict[str, Reply] = {
    "already_public": ("2025年度东湖区区级财政预算执行情况及决算报告", {
        "publication_channel": "明川市东湖区人民政府门户网站“政府信息公开—财政预决算”栏目", "publication_date": "2026-02-10"}),
    "disclose": ("东湖区长塘片区旧城改造项目房屋征收决定", {
        "documents": "《东湖区人民政府关于长塘片区旧城改造项目房屋征收的决定》（东政发〔2025〕12号）",
        "form": "纸质复印件", "delivery": "邮寄至申请表所留地址"}),
    "disclose/over_objection": ("东湖区政府与明川东湖置业有限公司签订的土地出让合同", {
        "documents": "《国有建设用地使用权出让合同》（东湖区长塘地块）", "form": "纸质复印件", "delivery": "邮寄至申请表所留地址",
        "public_interest_reason": "该合同涉及国有土地出让价款和配套学校建设义务，不公开将妨碍公众对国有资产处置的监督"}),
    "partial": ("东湖区长塘片区旧城改造项目补偿安置方案及补偿明细", {
        "disclosed_part": "补偿安置方案正文", "withheld_part": "被征收人姓名、身份证号码及补偿金额明细",
        "exemption_ground": "withhold_third_party", "exemption_reason": "涉及被征收人个人隐私，公开会损害第三方合法权益",
        "no_consultation_reason": "被征收人个人信息一律不予公开，不存在经征求意见后公开的可能"}),
    "withhold_secret": ("东湖区人民武装部2026年民兵整组实施方案", {
        "reasons": "该信息已依法确定为秘密级国家秘密", "secret_evidence_ref": "定密审批表 东密〔2025〕7号"}),
    "withhold_law": ("东湖区2025年经济普查中各企业填报的原始普查表", {
        "law_name": "中华人民共和国统计法", "law_article": "第三十九条"}),
    "withhold_security": ("东湖区城市供水水源地及应急备用水源安防部署图", {
        "reasons": "该信息涉及城市供水重点防护目标的安防部署，公开后可能危及公共安全"}),
    "withhold_third_party": ("明川市鑫达商贸有限公司在东湖区享受的招商引资奖励资金明细", {
        "third_party_interest": "企业的商业秘密（投资计划、经营数据）",
        "consultation_record": "征求意见书发出后，第三方书面答复不同意公开"}),
    "withhold_internal": ("东湖区人民政府办公室2026年干部考核评分表", {"internal_kind": "人事管理"}),
    "withhold_process": ("东湖区人民政府2026年第3次常务会议讨论记录", {"process_kind": "讨论记录"}),
    "withhold_case_file": ("东湖区城市管理综合执法局对本人商铺作出处罚的全部案卷材料", {
        "reasons": "属于行政处罚案件的执法案卷，当事人可依《中华人民共和国行政处罚法》申请查阅"}),
    "special_query": ("长塘村集体土地上本人宅基地的不动产登记资料", {
        "special_law": "不动产登记暂行条例", "apply_where": "明川市不动产登记中心东湖分中心（东湖区政务服务中心二楼）"}),
    "not_exist": ("东湖区2018年长塘片区控制性详细规划论证会会议纪要", {
        "search_keywords": "长塘片区；控制性详细规划；论证会", "search_systems": "公文管理系统、档案室纸质档案",
        "search_departments": "区政府办公室、区档案馆", "search_date": "2026-06-15", "search_staff": "周晓红、陈建国"}),
    "not_ours": ("明川市2026年市级重点建设项目投资计划", {
        "reasons": "该信息由明川市发展和改革委员会制作并保存", "responsible_agency": "明川市发展和改革委员会",
        "responsible_contact": "0771-5550188，明川市民族大道1号"}),
    "needs_creation": ("东湖区2019年以来每年征地补偿款按村分列的统计表", {
        "reasons": "需对2019年以来的征地补偿档案逐件汇总统计后另行制作"}),
    "unclear_after_correction": ("东湖区政府关于本村的所有文件", {
        "correction_history": "已告知补正所需文件的名称、文号或时间范围，补正后仍未能描述所需信息"}),
    "petition": ("要求区政府查处长塘村干部违规发放补偿款的问题", {
        "proper_channel": "明川市东湖区信访局（东湖区人民路2号）或12345政务服务便民热线"}),
    "duplicate": ("东湖区义务教育学校学区划分方案（2026年）", {
        "earlier_reply_number": "东政依申请公开〔2026〕第12号", "earlier_reply_date": "2026-05-08"}),
    "publication": ("东湖区人民政府公报2026年第2期", {
        "obtain_where": "《明川市东湖区人民政府公报》2026年第2期，可在区图书馆查阅或在区政府门户网站下载"}),
    "excessive": ("东湖区各部门2010年以来全部发文目录及原文", {
        "reasons_request": "2026年5月6日书面要求说明理由，申请人未能说明", "finding": "一个月内提出同类申请58件"}),
    "confirm_existing": ("要求对已获取的房屋征收决定复印件加盖区政府印章", {
        "reasons": "申请人已于2026年3月获取该决定，本次要求重新加盖印章出具"}),
}

_HOUSING: dict[str, Reply] = {
    "already_public": ("2025年东湖区老旧小区改造项目资金使用情况", {
        "publication_channel": "明川市东湖区住房和城乡建设局网站“政府信息公开—财政资金”栏目", "publication_date": "2026-03-02"}),
    "disclose": ("锦绣花园小区建设工程规划许可的批复", {
        "documents": "《关于锦绣花园小区建设工程规划许可的批复》（东住建〔2025〕31号）", "form": "纸质复印件",
        "delivery": "邮寄至申请表所留地址"}),
    "disclose/over_objection": ("锦绣花园三期商品房预售资金监管协议", {
        "documents": "《锦绣花园三期商品房预售资金监管协议》", "form": "纸质复印件", "delivery": "邮寄至申请表所留地址",
        "public_interest_reason": "该项目已出现逾期交房，预售资金监管情况关系数百户购房人的重大利益，不公开将对公共利益造成重大影响"}),
    "partial": ("东湖新城二期项目竣工验收备案表及参建人员名单", {
        "disclosed_part": "竣工验收备案表", "withheld_part": "参建人员的身份证号码和联系电话",
        "exemption_ground": "withhold_third_party", "exemption_reason": "属于参建人员个人隐私",
        "no_consultation_reason": "个人身份证号码和电话一律不予公开，不存在经征求意见后公开的可能"}),
    "withhold_secret": ("东湖区人民防空工程建设布局图", {
        "reasons": "该信息已依法确定为机密级国家秘密", "secret_evidence_ref": "定密审批表 东住建密〔2024〕2号"}),
    "withhold_law": ("东湖区房屋建筑和市政设施调查中各单位填报的原始调查表", {
        "law_name": "中华人民共和国统计法", "law_article": "第三十九条"}),
    "withhold_security": ("东湖区城市燃气管网及调压站分布详图", {
        "reasons": "该信息涉及城市燃气重要设施的精确位置，公开后可能危及公共安全"}),
    "withhold_third_party": ("明川东湖置业有限公司锦绣花园项目的成本核算资料", {
        "third_party_interest": "企业的商业秘密（成本、利润数据）",
        "consultation_record": "征求意见书发出后，第三方书面答复不同意公开"}),
    "withhold_internal": ("东湖区住房和城乡建设局内部科室职责分工及人员名单", {"internal_kind": "人事管理"}),
    "withhold_process": ("东湖区住房和城乡建设局关于锦绣花园三期延期交房问题的请示", {"process_kind": "请示报告"}),
    "withhold_case_file": ("对广西明润物业服务有限公司作出行政处罚的全部案卷材料", {
        "reasons": "属于行政处罚案件的执法案卷，当事人可依《中华人民共和国行政处罚法》申请查阅"}),
    "special_query": ("本人所购锦绣花园商品房的不动产登记资料", {
        "special_law": "不动产登记暂行条例", "apply_where": "明川市不动产登记中心东湖分中心（东湖区政务服务中心二楼）"}),
    "not_exist": ("锦绣花园一期竣工验收备案表", {
        "search_keywords": "锦绣花园；竣工验收；备案", "search_systems": "公文管理系统、档案室纸质档案",
        "search_departments": "办公室、建设管理科", "search_date": "2026-06-15", "search_staff": "周晓红、陈建国"}),
    "not_ours": ("锦绣花园小区建设用地规划许可证", {
        "reasons": "该信息由明川市自然资源局制作并保存", "responsible_agency": "明川市自然资源局",
        "responsible_contact": "0771-5550123，明川市青山路18号"}),
    "needs_creation": ("东湖区2019年以来每年商品房预售许可按楼盘分列的统计表", {
        "reasons": "需对2019年以来的全部预售许可档案逐件汇总统计后另行制作"}),
    "unclear_after_correction": ("住建局关于我们小区的全部材料", {
        "correction_history": "已告知补正小区名称及所需材料的名称或文号，补正后仍未能描述所需信息"}),
    "petition": ("投诉锦绣花园物业公司乱收停车费", {
        "proper_channel": "明川市东湖区信访局（东湖区人民路2号）或12345政务服务便民热线"}),
    "duplicate": ("东湖区住房保障对象资格审核名单（2026年第二批）", {
        "earlier_reply_number": "东住建依申请公开〔2026〕第12号", "earlier_reply_date": "2026-05-08"}),
    "publication": ("《明川市东湖区住房发展规划（2021—2025年）》单行本", {
        "obtain_where": "《明川市东湖区住房发展规划（2021—2025年）》单行本，可在区图书馆查阅"}),
    "excessive": ("东湖区2000年以来全部商品房项目的各类审批文件", {
        "reasons_request": "2026年5月6日书面要求说明理由，申请人未能说明", "finding": "一个月内提出同类申请58件"}),
    "confirm_existing": ("要求对已获取的规划许可批复复印件加盖公章确认", {
        "reasons": "申请人已于2026年3月获取该批复，本次要求重新加盖印章出具"}),
}

_TAX: dict[str, Reply] = {
    "already_public": ("国家税务总局关于小规模纳税人减免增值税政策的公告原文", {
        "publication_channel": "国家税务总局网站“税收政策—最新文件”栏目", "publication_date": "2026-01-05"}),
    "disclose": ("东湖区税务局办税服务厅窗口设置及办理时限规定", {
        "documents": "《国家税务总局明川市东湖区税务局办税服务厅窗口设置及业务办理时限规定》", "form": "电子文本",
        "delivery": "通过电子邮件发送至申请表所留邮箱"}),
    "disclose/over_objection": ("对明川瑞丰食品有限公司的重大税收违法失信案件信息", {
        "documents": "明川瑞丰食品有限公司重大税收违法失信案件的主要违法事实、处理处罚情况", "form": "电子文本",
        "delivery": "通过电子邮件发送至申请表所留邮箱",
        "public_interest_reason": "该企业偷税数额巨大，其违法事实依法应向社会公布，不公开将对公共利益造成重大影响"}),
    "partial": ("东湖区2025年小微企业税收优惠政策执行情况及享受优惠企业名单", {
        "disclosed_part": "政策执行情况统计", "withheld_part": "各企业享受优惠的纳税明细",
        "exemption_ground": "withhold_law", "exemption_reason": "属于纳税人的涉税信息",
        "law_name": "中华人民共和国税收征收管理法", "law_article": "第八条第二款"}),
    "withhold_secret": ("东湖区税务局涉密税收数据安全保障方案", {
        "reasons": "该信息已依法确定为秘密级国家秘密", "secret_evidence_ref": "定密审批表 东税密〔2025〕1号"}),
    "withhold_law": ("明川市鑫达商贸有限公司2025年度纳税申报表", {
        "law_name": "中华人民共和国税收征收管理法", "law_article": "第八条第二款"}),
    "withhold_security": ("东湖区税务局金税系统机房网络拓扑及安全防护配置", {
        "reasons": "该信息涉及税收征管信息系统的安全防护，公开后可能危及经济安全"}),
    "withhold_third_party": ("明川市鑫达商贸有限公司2025年度纳税信用等级评价的扣分明细", {
        "third_party_interest": "企业的商业秘密（经营和财务数据）",
        "consultation_record": "征求意见书发出后，第三方书面答复不同意公开"}),
    "withhold_internal": ("东湖区税务局2026年干部轮岗交流安排", {"internal_kind": "人事管理"}),
    "withhold_process": ("东湖区税务局关于明川瑞丰食品有限公司税务稽查案件审理的讨论记录", {"process_kind": "讨论记录"}),
    "withhold_case_file": ("对明川瑞丰食品有限公司的税务稽查全部案卷材料", {
        "reasons": "属于税务稽查案件的执法案卷，当事人可依《中华人民共和国行政处罚法》申请查阅"}),
    "special_query": ("明川市鑫达商贸有限公司的股东及注册资本登记资料", {
        "special_law": "中华人民共和国市场主体登记管理条例", "apply_where": "明川市东湖区市场监督管理局登记窗口（东湖区政务服务中心一楼）"}),
    "not_exist": ("东湖区税务局2017年对个体工商户定额核定的会议纪要", {
        "search_keywords": "定额核定；个体工商户；2017年", "search_systems": "税务文书管理系统、档案室纸质档案",
        "search_departments": "办公室、征收管理股", "search_date": "2026-06-15", "search_staff": "周晓红、陈建国"}),
    "not_ours": ("东湖区2025年行政事业性收费项目及金额", {
        "reasons": "该信息由明川市东湖区财政局制作并保存", "responsible_agency": "明川市东湖区财政局",
        "responsible_contact": "0771-5550166，明川市东湖区人民路8号"}),
    "needs_creation": ("东湖区2019年以来每年各行业税收收入按企业分列的统计表", {
        "reasons": "需对2019年以来的征收数据逐户汇总统计后另行制作"}),
    "unclear_after_correction": ("税务局关于我公司的所有文件", {
        "correction_history": "已告知补正所需文书的名称、文号或时间范围，补正后仍未能描述所需信息"}),
    "petition": ("举报明川瑞丰食品有限公司不开发票", {
        "proper_channel": "12366纳税服务热线或国家税务总局明川市东湖区税务局纳税服务股"}),
    "duplicate": ("本人2024年度个人所得税完税证明的开具依据", {
        "earlier_reply_number": "东税依申请公开〔2026〕第12号", "earlier_reply_date": "2026-05-08"}),
    "publication": ("《中国税务年鉴2025》", {"obtain_where": "《中国税务年鉴2025》，可在明川市图书馆查阅或向出版社购买"}),
    "excessive": ("东湖区税务局2010年以来全部税务文书及原文", {
        "reasons_request": "2026年5月6日书面要求说明理由，申请人未能说明", "finding": "一个月内提出同类申请58件"}),
    "confirm_existing": ("要求确认本人已获取的2024年度完税证明真实有效并重新出具", {
        "reasons": "申请人已于2026年3月获取该完税证明，本次要求确认其真实性并重新出具"}),
}

REPLIES: dict[str, dict[str, Reply]] = {"gov": _GOV, "housing": _HOUSING, "tax": _TAX}
# 条例第三十二条: whom a consulting scenario writes to — the third party its request concerns.
THIRD_PARTIES: dict[str, dict[str, str]] = {
    "gov": {"withhold_third_party": "明川市鑫达商贸有限公司", "disclose/over_objection": "明川东湖置业有限公司"},
    "housing": {"withhold_third_party": "明川东湖置业有限公司", "disclose/over_objection": "明川东湖置业有限公司"},
    "tax": {"withhold_third_party": "明川市鑫达商贸有限公司", "disclose/over_objection": "明川瑞丰食品有限公司"},
}
CONSULTED = "withhold_third_party"  # the request of a scenario that consults and has not drafted yet


def reply_key(steps: tuple[str, ...]) -> str | None:
    """The ``category`` or ``category/variant`` a scenario drafts (its ``draft:…`` step); for a scenario that
    only consults, the third-party request's key; else None."""
    draft = next((step for step in steps if step.startswith("draft:")), None)
    if draft:
        return "/".join(draft.split(":")[1:])
    return CONSULTED if "consult" in steps else None


def third_party_for(agency_key: str, reply: str | None) -> str:
    """The third party a scenario of the agency consults about its request (条例第三十二条)."""
    parties = THIRD_PARTIES[agency_key]
    return parties.get(reply or CONSULTED, parties[CONSULTED])


def requests_of(agency_key: str) -> set[str]:
    """Every request a demo case of the agency may carry: its open requests and its replies' requests."""
    return set(pools.REQUESTS[agency_key]) | {request for request, _fields in REPLIES[agency_key].values()}


def request_for(agency_key: str, steps: tuple[str, ...], rng: random.Random) -> str:
    """The request of a case of ``agency_key`` following ``steps``: the one its reply answers, else any of the
    agency's open requests."""
    key = reply_key(steps)
    return REPLIES[agency_key][key][0] if key else rng.choice(pools.REQUESTS[agency_key])


def draft_for(agency_key: str, reply: str) -> tuple[dict[str, str], str]:
    """Fields and content for a demo reply ``reply`` (``category`` or ``category/variant``) of the agency."""
    return dict(REPLIES[agency_key][reply][1]), CONTACT
