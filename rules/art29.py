"""What a 政府信息公开申请 must contain (条例第二十九条第二款): item key → the 条例's wording."""
from __future__ import annotations

# 条例第二十九条第二款: what an application must contain.
ART29_ITEMS = {
    "applicant": "申请人的姓名或者名称、身份证明",
    "contact": "申请人的联系方式",
    "description": "申请公开的政府信息的名称、文号或者便于查询的其他特征性描述",
    "form": "申请公开的政府信息的形式要求，包括获取信息的方式、途径",
}
