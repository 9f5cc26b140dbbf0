"""Fictional but realistic content for the demo: agencies, staff, applicants and requests.

All names are invented (明川市 is not a real city); the region code only selects the calendar overlay.
"""
from __future__ import annotations

from rules.agencies import AgencyKind

REGION = "450103"

AGENCIES = [
    dict(key="gov", name="明川市东湖区人民政府", kind=AgencyKind.PEOPLES_GOVERNMENT, doc_code="东政",
         government="明川市人民政府", superior_department=None, court="明川市中级人民法院"),
    dict(key="housing", name="明川市东湖区住房和城乡建设局", kind=AgencyKind.DEPARTMENT, doc_code="东住建",
         government="明川市东湖区人民政府", superior_department="明川市住房和城乡建设局", court="明川市东湖区人民法院"),
    dict(key="tax", name="国家税务总局明川市东湖区税务局", kind=AgencyKind.VERTICAL, doc_code="东税",
         government="明川市东湖区人民政府", superior_department="国家税务总局明川市税务局", court="明川市东湖区人民法院"),
]

# (username suffix, name, roles) per agency; usernames become e.g. gov.clerk1
STAFF = [
    ("clerk1", "周晓红", ("clerk",)),
    ("clerk2", "陈建国", ("clerk",)),
    ("reviewer", "林思远", ("reviewer",)),
    ("supervisor", "黄立新", ("supervisor", "clerk")),
    ("admin", "韦丽娟", ("admin",)),
]

NATURAL_PERSONS = [
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐强", "孙丽", "马超",
    "朱红梅", "胡建华", "郭秀兰", "何志明", "高玉珍", "林海", "罗文斌", "梁晓燕", "宋志刚", "郑雪", "谢宏",
    "韩冬", "唐佳怡", "冯振宇", "邓丽", "曹明", "彭晓东", "覃桂芳", "蒙小军", "黎少华", "韦春燕",
]

ORGANISATIONS = {
    "commercial_enterprise": ["明川市恒远建设工程有限公司", "明川东湖置业有限公司", "广西明润物业服务有限公司",
                              "明川市鑫达商贸有限公司", "明川瑞丰食品有限公司"],
    "research_institution": ["明川大学城市规划研究院", "明川市社会科学院", "明川职业技术学院公共管理研究所"],
    "social_welfare_org": ["明川市绿源环保公益服务中心", "明川市阳光助残服务社", "东湖区邻里互助社会工作服务中心"],
    "legal_service_org": ["广西明正律师事务所", "明川市东湖区法律援助中心", "广西同衡律师事务所"],
    "other": ["东湖区锦绣花园小区业主委员会", "东湖区长塘村村民委员会", "明川市个体劳动者协会东湖分会"],
}

REQUESTS = {
    "gov": [
        "2025年度东湖区区级财政预算执行情况及决算报告",
        "东湖区长塘片区旧城改造项目房屋征收决定及补偿安置方案",
        "东湖区人民政府2026年第3次常务会议纪要",
        "长塘村集体土地征收的批复文件及征地公告",
        "东湖区2026年重大行政决策事项目录",
        "东湖区城市管理综合执法局对本人商铺作出处罚的全部案卷材料",
        "东湖区义务教育学校学区划分方案（2026年）",
        "东湖区政府与明川东湖置业有限公司签订的土地出让合同",
    ],
    "housing": [
        "锦绣花园小区建设工程规划许可证及附图",
        "东湖新城二期项目竣工验收备案表",
        "2025年东湖区老旧小区改造项目资金使用情况",
        "对广西明润物业服务有限公司作出的行政处罚决定书",
        "锦绣花园三期商品房预售许可证及预售方案",
        "东湖区住房保障对象资格审核名单（2026年第二批）",
        "本人所购商品房的网签备案信息",
        "东湖区住房和城乡建设局内部科室职责分工及人员名单",
    ],
    "tax": [
        "明川市鑫达商贸有限公司2025年度纳税信用等级评价结果",
        "东湖区2025年小微企业税收优惠政策执行情况统计",
        "本人2024年度个人所得税完税证明",
        "东湖区税务局2025年度行政事业性收费项目及金额",
        "对明川瑞丰食品有限公司的税务稽查处理决定书",
        "东湖区税务局办税服务厅窗口设置及办理时限规定",
        "国家税务总局关于小规模纳税人减免增值税政策的公告原文",
    ],
}

def agency_key(name: str) -> str:
    """The pool key of the demo agency called ``name``; raises KeyError for another name."""
    return next(spec["key"] for spec in AGENCIES if spec["name"] == name)


FORMS = ["纸质文本，邮寄送达", "电子文本，电子邮件发送", "纸质文本，当面领取", "电子文本，网上下载", "光盘，邮寄送达"]
