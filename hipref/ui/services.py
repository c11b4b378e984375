"""Everything the window needs, built once by the app and passed in (no global look-ups)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from hipref.search.engine import Searcher
from hipref.userdata.store import UserData

if TYPE_CHECKING:
    from pathlib import Path

    import peewee as pw


class Services:
    """The content database, its searcher, the user's data and settings, and their folder.

    A plain class rather than a dataclass, whose generated methods are compiled at each start.
    """

    def __init__(
        self, database: pw.Database, searcher: Searcher, user: UserData, settings: QSettings, data_dir: Path
    ) -> None:
        self.database = database
        self.searcher = searcher
        self.user = user
        self.settings = settings
        self.data_dir = data_dir

    @classmethod
    def create(cls, database: pw.Database, data_dir: Path) -> Services:
        user = UserData(data_dir)
        settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        return cls(database, Searcher(database), user, settings, data_dir)

    def close(self) -> None:
        self.settings.sync()
        self.user.close()
