"""Shared fixtures: offscreen Qt, a private user data folder, content databases, the window.

The bundled database is copied per test (tests never touch the shipped file); the tiny
fixture corpus under tests/fixtures is built once per session through the real pipeline.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

# A desktop's screen (Qt's offscreen default is 800x800): the window opens as on a desktop,
# and the tests that need a small screen say so.
SCREEN = Path(tempfile.gettempdir()) / f"hipref-tests-screen-{os.getpid()}.json"
SCREEN.write_text(
    json.dumps(
        {
            "synchronousWindowSystemEvents": False,
            "windowFrameMargins": False,
            "screens": [{"name": "Desktop", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}],
        }
    )
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

import pytest  # noqa: E402

from hipref import paths  # noqa: E402
from hipref.content.build import write_database  # noqa: E402
from hipref.content.loader import load_content  # noqa: E402
from tests.windows import open_window  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_RESOURCES = Path(__file__).parent / "fixtures" / "resources"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own HIPREF_DATA_DIR, so no test sees the user's real data."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("HIPREF_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def bundled_db() -> Path:
    path = paths.bundled_db_path()
    assert path.is_file(), "db/hipref.sqlite is missing: run `hipref build-db`"
    return path


@pytest.fixture
def content_db(bundled_db, tmp_path) -> Path:
    """A private copy of the bundled database."""
    copy = tmp_path / "content.sqlite"
    shutil.copyfile(bundled_db, copy)
    return copy


@pytest.fixture(scope="session")
def fixture_db_master(tmp_path_factory) -> Path:
    records, problems = load_content(FIXTURE_RESOURCES / "content")
    assert not problems
    out = tmp_path_factory.mktemp("fixture") / "fixture.sqlite"
    write_database(records, out, "fixture", "2022-01-06")
    return out


@pytest.fixture
def fixture_db(fixture_db_master, tmp_path) -> Path:
    copy = tmp_path / "fixture.sqlite"
    shutil.copyfile(fixture_db_master, copy)
    return copy


@pytest.fixture
def fixture_resources(tmp_path) -> Path:
    """A writable copy of the fixture resources, for tests that break content on purpose."""
    copy = tmp_path / "resources"
    shutil.copytree(FIXTURE_RESOURCES, copy)
    return copy


@pytest.fixture
def make_window(qtbot, fixture_db, data_dir):
    """Open the window over the fixture corpus; call again to "restart" on the same data.

    ``make_window(complete=False)`` stops at the first frame; ``content=`` opens another
    database, ``resources=`` reads the diagrams from another folder.
    """
    with ExitStack() as windows:

        def make(content: Path = fixture_db, complete: bool = True, resources: Path = FIXTURE_RESOURCES):
            return windows.enter_context(open_window(qtbot, content, data_dir, resources, complete))

        yield make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def opened(content_db):
    """The bundled content, opened read-only as a content store."""
    from hipref.store.content_store import ContentStore

    with ContentStore.open(content_db) as store:
        yield store


@pytest.fixture
def searcher(opened):
    return opened.searcher


@pytest.fixture
def app_state(qapp):
    """Put back what an in-process ``run_gui`` changes: excepthook, logging, stylesheet, names."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hook = sys.excepthook
    style, name, org = qapp.styleSheet(), qapp.applicationName(), qapp.organizationName()
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    if getattr(sys.excepthook, "__module__", "") == "hipref.ui.errors":
        sys.excepthook = hook
    qapp.setStyleSheet(style)
    qapp.setApplicationName(name)
    qapp.setOrganizationName(org)
