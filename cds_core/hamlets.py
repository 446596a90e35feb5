"""Community tech teams in plain values: activity kinds, checks of a roster member and of an
activity, the quarter's figures a hamlet's activity log yields, and the hamlet ranking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cds_core import values as value_io
from cds_core.catalogue import ELEMENTS, VALUE_CODES, Level
from cds_core.errors import CdsError
from cds_core.indicators import INDICATORS
from cds_core.periods import Period
from cds_core.status import Status

# (code, name_vi, name_en): what a team session was about.
ACTIVITY_KINDS: tuple[tuple[str, str, str], ...] = (
    ("tuyen_truyen", "Tuyên truyền", "Awareness raising"),
    ("huong_dan_vneid", "Hướng dẫn VNeID", "Coaching on VNeID"),
    ("huong_dan_dvc", "Hướng dẫn dịch vụ công trực tuyến", "Coaching on online public services"),
    ("thanh_toan_khong_tien_mat", "Thanh toán không dùng tiền mặt", "Cashless payment"),
    ("thuong_mai_dien_tu", "Thương mại điện tử", "E-commerce"),
    ("khac", "Khác", "Other"),
)
KIND_CODES = tuple(code for code, _, _ in ACTIVITY_KINDS)

# The quarter's figures that come from the log wherever a hamlet keeps one.
DERIVED = ("tcn_sessions", "tcn_people_guided", "tcn_accounts_supported")
# The team's size: counted from the roster wherever a hamlet keeps one, so the two never differ.
ROSTER_COUNT = "tcn_members"

# Section-6 indicators: rates whose every element is a hamlet figure, so they compare hamlets.
HAMLET_INDICATORS: tuple[str, ...] = tuple(
    code
    for code, ind in INDICATORS.items()
    if all(ELEMENTS[c.split(".")[0]].level is Level.AP for c in ind.elements)
)

# Digits with the usual separators: "0900 000 101", "+84 900.000.101".
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")


def kind_name(code: str, lang: str = "vi") -> str:
    for kind, vi, en in ACTIVITY_KINDS:
        if kind == code:
            return vi if lang == "vi" else en
    raise CdsError("err_activity_kind", value=code)


class ActivityFacts(Protocol):
    """What the derivation reads of a logged activity (a db row or any plain object)."""

    date: date
    people_reached: int
    accounts_supported: int


def derived_counts(activities: Iterable[ActivityFacts], period: Period) -> dict[str, int]:
    """Sessions, people guided and accounts supported in ``period`` according to the log."""
    inside = [a for a in activities if Period.containing(a.date) == period]
    return {
        "tcn_sessions": len(inside),
        "tcn_people_guided": sum(a.people_reached for a in inside),
        "tcn_accounts_supported": sum(a.accounts_supported for a in inside),
    }


class Tenure(Protocol):
    """When a member was on the team (a db row, a page's line or any plain object)."""

    joined: date | None
    left: date | None


def members_on(roster: Iterable[Tenure], day: date) -> int:
    """Members on the team on ``day``: joined by then (or date unknown), not yet left."""
    return sum(
        1
        for m in roster
        if (m.joined is None or m.joined <= day) and (m.left is None or day <= m.left)
    )


Errors = dict[str, CdsError]


# Each count of an activity is read as the figure it adds to, within that figure's bounds.
_COUNTED_AS = {
    "members_present": "tcn_members",
    "people_reached": "tcn_people_guided",
    "accounts_supported": "tcn_accounts_supported",
}
MAX_PLACE = 200  # the lengths the roster and log columns hold
MAX_NAME = 200
MAX_ROLE = 100


def _count(name: str, raw: object, errors: Errors) -> int:
    # Read like any count cell of the form ("1.200" is twelve hundred), empty meaning none.
    try:
        number = value_io.parse(VALUE_CODES[_COUNTED_AS[name]], raw)
    except CdsError as exc:
        errors[name] = exc
        return 0
    return int(number or 0)


def _short(name: str, raw: object, limit: int, errors: Errors) -> str:
    text = str(raw or "").strip()
    if len(text) > limit:
        errors[name] = CdsError("err_text_too_long", limit=limit, length=len(text))
    return text


def _note(name: str, raw: object, errors: Errors) -> str:
    try:
        return value_io.check_comment(str(raw or ""))
    except CdsError as exc:
        errors[name] = exc
        return ""


@dataclass(frozen=True)
class ActivityInput:
    date: date
    kind: str
    place: str
    members_present: int
    people_reached: int
    accounts_supported: int
    note: str


def check_activity(
    fields: Mapping[str, object], *, today: date
) -> tuple[ActivityInput | None, Errors]:
    """A typed activity from what was typed, or ``None`` and every bad field with its reason."""
    errors: Errors = {}
    day = fields.get("date")
    if not isinstance(day, date):
        errors["date"] = CdsError("err_required")
    elif day > today:
        errors["date"] = CdsError("err_future_date", value=day.isoformat())
    kind = str(fields.get("kind") or "")
    if kind not in KIND_CODES:
        errors["kind"] = CdsError("err_activity_kind", value=kind)
    counts = {name: _count(name, fields.get(name), errors) for name in _COUNTED_AS}
    place = _short("place", fields.get("place"), MAX_PLACE, errors)
    note = _note("note", fields.get("note"), errors)
    # Every account set up with help belongs to someone the team reached that day.
    if not errors.keys() & {"people_reached", "accounts_supported"} and (
        counts["accounts_supported"] > counts["people_reached"]
    ):
        errors["accounts_supported"] = CdsError(
            "err_accounts_above_people",
            accounts=counts["accounts_supported"],
            people=counts["people_reached"],
        )
    if errors:
        return None, errors
    activity = ActivityInput(
        date=day,  # type: ignore[arg-type]  # a date, checked above
        kind=kind,
        place=place,
        note=note,
        **counts,
    )
    return activity, {}


@dataclass(frozen=True)
class MemberInput:
    name: str
    role_in_team: str
    organisation: str
    phone: str
    joined: date | None
    left: date | None


def check_member(fields: Mapping[str, object]) -> tuple[MemberInput | None, Errors]:
    """A typed roster member (name required, a phone that dials, left not before joined), or
    ``None`` and every bad field with its reason."""
    errors: Errors = {}
    name = _short("name", fields.get("name"), MAX_NAME, errors)
    if not name:
        errors["name"] = CdsError("err_required")
    role_in_team = _short("role_in_team", fields.get("role_in_team"), MAX_ROLE, errors)
    organisation = _short("organisation", fields.get("organisation"), MAX_NAME, errors)
    phone = str(fields.get("phone") or "").strip()
    if phone and not _PHONE.match(phone):
        errors["phone"] = CdsError("err_phone", value=value_io.echo(phone))
    joined, left = fields.get("joined") or None, fields.get("left") or None
    for key, day in (("joined", joined), ("left", left)):
        if day is not None and not isinstance(day, date):
            errors[key] = CdsError("err_bad_date", value=day)
    if isinstance(joined, date) and isinstance(left, date) and left < joined:
        errors["left"] = CdsError("err_dates_order")
    if errors:
        return None, errors
    member = MemberInput(
        name=name,
        role_in_team=role_in_team,
        organisation=organisation,
        phone=phone,
        joined=joined,  # type: ignore[arg-type]  # dates or None, checked above
        left=left,  # type: ignore[arg-type]
    )
    return member, {}


@dataclass(frozen=True)
class Standing:
    """A hamlet in the comparison: how many of its targets it meets, and its place."""

    code: str
    met: int
    with_target: int
    rank: int

    @property
    def share(self) -> float | None:
        return self.met / self.with_target if self.with_target else None


def rank(statuses: Mapping[str, Iterable[Status]]) -> list[Standing]:
    """Hamlets ordered by the share of their targets met, best first; ties share a place.

    A target with no figure counts as not met (a hamlet does not climb by reporting less);
    indicators without a target, or with a zero population, are left out.
    """
    tallies = []
    for code, row in statuses.items():
        row = list(row)
        applicable = [s for s in row if s is not Status.NOT_APPLICABLE]
        tallies.append((code, sum(s is Status.MET for s in applicable), len(applicable)))

    def share(t: tuple[str, int, int]) -> float:
        return t[1] / t[2] if t[2] else -1.0

    tallies.sort(key=lambda t: (-share(t), t[0]))
    out: list[Standing] = []
    for i, (code, met, total) in enumerate(tallies):
        same = out and share(tallies[i - 1]) == share((code, met, total))
        out.append(Standing(code, met, total, out[-1].rank if same else i + 1))
    return out
