"""Legal dates are dates in Asia/Shanghai; system timestamps are UTC (DOMAIN.md §3)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LEGAL_TZ = ZoneInfo("Asia/Shanghai")


def legal_today() -> date:
    """Today's date in Asia/Shanghai, the date statutory periods count from."""
    return datetime.now(timezone.utc).astimezone(LEGAL_TZ).date()
