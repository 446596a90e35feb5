"""The navigation table: every page file is registered once, and roles see what they may use."""

from pathlib import Path

from ui.navigation import PAGES, visible_to

APP_PAGES = Path(__file__).resolve().parents[2] / "app_pages"


def test_every_page_file_is_registered_once_with_its_own_url():
    files = {p.name for p in APP_PAGES.glob("*.py") if not p.name.startswith("_")}
    assert sorted(p.script for p in PAGES) == sorted(files)
    assert len({p.url_path for p in PAGES}) == len(PAGES)


def test_only_writers_see_data_entry_and_only_admins_see_users():
    def scripts(role: str) -> set[str]:
        return {p.script for p in visible_to(role)}

    assert "data_entry.py" not in scripts("viewer")
    assert "data_entry.py" in scripts("hamlet_editor")
    assert "users.py" in scripts("admin")
    assert all("users.py" not in scripts(r) for r in ("editor", "hamlet_editor", "viewer"))
    assert "drilldown.py" not in scripts("hamlet_editor")
