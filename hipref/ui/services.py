"""Everything the window needs, built once by the app and passed in (no global look-ups)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee as pw
from PySide6.QtCore import QSettings

from hipref.search.engine import Searcher
from hipref.userdata.store import UserData


@dataclass
class Services:
    database: pw.Database
    searcher: Searcher
    user: UserData
    settings: QSettings
    data_dir: Path

    @classmethod
    def create(cls, database: pw.Database, data_dir: Path) -> Services:
        user = UserData(data_dir)
        settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        return cls(database, Searcher(database), user, settings, data_dir)

    def close(self) -> None:
        self.settings.sync()
        self.user.close()
