"""表三「收到和处理政府信息公开申请情况」rows and columns, 2021 format (国办公开办函〔2021〕30号, STATUTE.md §6.2).

Labels are exact; the 三(三)3 label uses the quotation marks given in STATUTE §6.2 (renderings vary).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportRow:
    """A row of 表三: ``key`` like "三(三)4", exact ``label``, ``counted`` False for group headers."""

    key: str
    label: str
    counted: bool = True


def _group(key: str, label: str) -> ReportRow:
    return ReportRow(key, label, counted=False)


REPORT_ROWS: tuple[ReportRow, ...] = (
    ReportRow("一", "一、本年新收政府信息公开申请数量"),
    ReportRow("二", "二、上年结转政府信息公开申请数量"),
    _group("三", "三、本年度办理结果"),
    ReportRow("三(一)", "（一）予以公开"),
    ReportRow("三(二)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _group("三(三)", "（三）不予公开"),
    ReportRow("三(三)1", "1.属于国家秘密"),
    ReportRow("三(三)2", "2.其他法律行政法规禁止公开"),
    ReportRow("三(三)3", '3.危及"三安全一稳定"'),
    ReportRow("三(三)4", "4.保护第三方合法权益"),
    ReportRow("三(三)5", "5.属于三类内部事务信息"),
    ReportRow("三(三)6", "6.属于四类过程性信息"),
    ReportRow("三(三)7", "7.属于行政执法案卷"),
    ReportRow("三(三)8", "8.属于行政查询事项"),
    _group("三(四)", "（四）无法提供"),
    ReportRow("三(四)1", "1.本机关不掌握相关政府信息"),
    ReportRow("三(四)2", "2.没有现成信息需要另行制作"),
    ReportRow("三(四)3", "3.补正后申请内容仍不明确"),
    _group("三(五)", "（五）不予处理"),
    ReportRow("三(五)1", "1.信访举报投诉类申请"),
    ReportRow("三(五)2", "2.重复申请"),
    ReportRow("三(五)3", "3.要求提供公开出版物"),
    ReportRow("三(五)4", "4.无正当理由大量反复申请"),
    ReportRow("三(五)5", "5.要求行政机关确认或重新出具已获取信息"),
    _group("三(六)", "（六）其他处理"),
    ReportRow("三(六)1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ReportRow("三(六)2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ReportRow("三(六)3", "3.其他"),
    ReportRow("三(七)", "（七）总计"),
    ReportRow("四", "四、结转下年度继续办理"),
)

# 申请人情况 columns: 自然人 | 法人或其他组织 (five, no subtotal) | 总计.
REPORT_COLUMNS: tuple[str, ...] = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
REPORT_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def leaf_row_keys() -> frozenset[str]:
    """Rows under 三 that a closed case is counted in (三(七) 总计 excluded)."""
    return frozenset(r.key for r in REPORT_ROWS if r.counted and r.key.startswith("三(") and r.key != "三(七)")


def row_label(key: str) -> str:
    """The exact label of row ``key``; raises KeyError."""
    for row in REPORT_ROWS:
        if row.key == key:
            return row.label
    raise KeyError(f"表三没有「{key}」行")
