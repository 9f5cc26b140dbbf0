"""Kinds of 行政机关 and the facts about an agency that the remedy rules need (pure data, no database)."""
from __future__ import annotations

import enum
from dataclasses import dataclass


class AgencyKind(str, enum.Enum):
    """The kind of agency decides who hears 行政复议 against its replies (行政复议法第二十四条至第二十八条)."""

    PEOPLES_GOVERNMENT = "peoples_government"  # 地方人民政府 (县级、设区的市级…): 上一级人民政府 (24①(二))
    PROVINCIAL_GOVERNMENT = "provincial_government"  # 省级人民政府: itself (24②)
    DEPARTMENT = "department"  # 县级以上地方人民政府工作部门: 本级人民政府 (24①(一))
    VERTICAL = "vertical"  # 海关、金融、外汇管理等垂直领导机关，税务、国家安全机关: 上一级主管部门 (27)
    JUSTICE_ADMINISTRATION = "justice_administration"  # 司法行政部门: 本级人民政府 or 上一级司法行政部门 (28)
    DISPATCHED_ORGAN = "dispatched_organ"  # 人民政府的派出机关 (e.g. 街道办事处): the government that set it up (24①(三))
    STATE_COUNCIL_DEPARTMENT = "state_council_department"  # 国务院部门: itself (25(一))

    @property
    def label(self) -> str:
        return AGENCY_KIND_LABELS[self]


AGENCY_KIND_LABELS = {
    AgencyKind.PEOPLES_GOVERNMENT: "地方人民政府",
    AgencyKind.PROVINCIAL_GOVERNMENT: "省级人民政府",
    AgencyKind.DEPARTMENT: "政府工作部门",
    AgencyKind.VERTICAL: "垂直管理机关（海关、金融、外汇、税务、国家安全等）",
    AgencyKind.JUSTICE_ADMINISTRATION: "司法行政部门",
    AgencyKind.DISPATCHED_ORGAN: "派出机关",
    AgencyKind.STATE_COUNCIL_DEPARTMENT: "国务院部门",
}


@dataclass(frozen=True)
class AgencyInfo:
    """What the remedy clause needs to know about the agency that replies.

    government: for a department, justice department or 派出机关 — the 本级人民政府 it belongs to / that set it up;
                for a local government — the government one level up.
    superior_department: the 上一级主管部门 (vertical agencies; the 上一级司法行政部门 for justice departments).
    court: the court named in the remedy clause (有管辖权的人民法院 when unknown).
    """

    name: str
    kind: AgencyKind
    government: str | None = None
    superior_department: str | None = None
    court: str | None = None
    region_code: str | None = None
