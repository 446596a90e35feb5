"""Every page speaks the user's language: no English word in the Vietnamese interface and no
Vietnamese word in the English one, on every page an administrator sees (which is every
page), in presentation mode and at the login; names people entered are theirs to write."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from words import english_in, entered_by_people, texts_of, vietnamese_in

from apptest import DASHBOARD, PASSWORD
from db import users
from db.database import session_scope
from db.permissions import SYSTEM
from ui.navigation import PAGES

CHECKS = {"vi": english_in, "en": vietnamese_in}


@pytest.fixture
def admin(app_db):
    with session_scope(app_db) as session:
        users.create(session, actor=SYSTEM, username="boss", role="admin", password=PASSWORD)
    return app_db


def in_language(lang: str, username: str | None = None, role: str = "") -> AppTest:
    """The app opened with ``?lang=``, signed in as ``username`` if given (the language is set
    before the first run: AppTest keeps a picker's value by its label in the run before)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    if username:
        for key, value in (("authentication_status", True), ("username", username),
                           ("name", username), ("roles", [role])):  # fmt: skip
            at.session_state[key] = value
    at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_speaks_one_language_and_shows_blanks_not_none(admin, lang):
    entered = entered_by_people(admin)
    at = in_language(lang, "boss", "admin")  # an administrator sees every page
    at.query_params["present"] = "1"
    found = {"presentation": CHECKS[lang](texts_of(at.run()), entered)}
    del at.query_params["present"]
    # The entry form last: AppTest formats its pickers' values again outside the run, in the
    # default language, when a next run starts; the other pages make their labels in the run.
    for spec in sorted(PAGES, key=lambda p: p.script == "data_entry.py"):
        at.switch_page(f"app_pages/{spec.script}").run()
        assert not at.exception, spec.script
        found[spec.script] = CHECKS[lang](texts_of(at), entered)
        for frame in at.dataframe:  # an empty cell reads blank
            assert frame.proto.placeholder == "", (spec.script, list(frame.value.columns))
    assert {name: wrong for name, wrong in found.items() if wrong} == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_login_speaks_one_language(app_db, lang):
    at = in_language(lang)
    assert [w.label for w in at.text_input]  # the login form is there
    assert CHECKS[lang](texts_of(at)) == []


def test_the_checks_catch_a_stray_word():
    assert english_in(["Press Enter to submit form", "Tải CSV · dvc_full_rate"]) == [
        "Press",
        "form",
        "submit",
        "to",
    ]
    assert english_in(["officer đã lưu"], data=["officer"]) == []
    assert vietnamese_in(["Draft figures · Số liệu nháp"]) == ["Số", "liệu", "nháp"]
    assert vietnamese_in(["Xã Phú Tân · commune"], data=["Xã Phú Tân"]) == []
