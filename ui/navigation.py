"""The pages of the app and who sees each in the navigation (each page still guards itself)."""

from __future__ import annotations

from dataclasses import dataclass

from cds_core.roles import WRITERS, Role

ALL = tuple(Role)
NOT_HAMLET = (
    Role.ADMIN,
    Role.EDITOR,
    Role.VIEWER,
)  # a hamlet team sees its own hamlet, not other units


@dataclass(frozen=True)
class PageSpec:
    script: str  # file in app_pages/
    title_key: str
    icon: str  # Material icon name
    url_path: str
    roles: tuple[Role, ...]


# In navigation order; the first is the default page, served at "/".
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview.py", "page_overview", "dashboard", "tong-quan", ALL),
    PageSpec("trends.py", "page_trends", "trending_up", "xu-huong", ALL),
    PageSpec("compare.py", "page_compare", "grid_view", "so-sanh", NOT_HAMLET),
    PageSpec("reports.py", "page_reports", "article", "bao-cao", NOT_HAMLET),
    PageSpec("data_entry.py", "page_entry", "edit_note", "nhap-so-lieu", WRITERS),
    PageSpec("transfer.py", "page_transfer", "swap_vert", "nhap-xuat", ALL),
    PageSpec("completeness.py", "page_completeness", "fact_check", "tinh-hinh-nop", ALL),
    PageSpec("tasks.py", "page_tasks", "task_alt", "ket-luan", NOT_HAMLET),
    PageSpec("hamlet.py", "page_hamlet", "holiday_village", "ap", ALL),
    PageSpec("drilldown.py", "page_hamlet_compare", "leaderboard", "so-sanh-ap", NOT_HAMLET),
    PageSpec("targets.py", "page_targets", "flag", "muc-tieu", ALL),
    PageSpec("rules.py", "page_rules", "rule", "quy-tac", ALL),
    PageSpec("account.py", "page_account", "account_circle", "tai-khoan", ALL),
    PageSpec("users.py", "page_users", "manage_accounts", "nguoi-dung", (Role.ADMIN,)),
    PageSpec("org_map.py", "page_org_map", "account_tree", "ban-do-don-vi", (Role.ADMIN,)),
)


def visible_to(role: str) -> list[PageSpec]:
    return [p for p in PAGES if role in p.roles]


def home(role: str) -> PageSpec:
    """The page a user lands on: a hamlet team on its own hamlet (on a phone, often), everyone
    else on the overview."""
    if role == Role.HAMLET_EDITOR:
        return next(p for p in PAGES if p.script == "hamlet.py")
    return PAGES[0]


def by_url_path(path: str) -> PageSpec | None:
    return next((p for p in PAGES if p.url_path == path), None)


def may_open(role: str, script: str) -> bool:
    """Whether ``role`` has the page in its navigation: a link to any other page would fail
    (Streamlit cannot switch to a page the navigation did not register)."""
    return any(p.script == script and (role in p.roles or role == "admin") for p in PAGES)
