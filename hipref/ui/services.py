"""Everything the window needs, built once by the app and passed in (no global look-ups)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from hipref import paths
from hipref.ui.colour_scheme import ColourScheme
from hipref.userdata.store import UserData

if TYPE_CHECKING:
    from pathlib import Path

    from hipref.store.content_store import ContentStore


class Services:
    """The content store (with its searcher), the user's data and settings, their folder, the
    resources the content's diagrams are read from, and the colour scheme chosen (applied to
    the application as it is made).

    A plain class rather than a dataclass, whose generated methods are compiled at each start.
    """

    def __init__(
        self,
        content: ContentStore,
        user: UserData,
        settings: QSettings,
        data_dir: Path,
        resources: Path,
        colours: ColourScheme,
    ) -> None:
        self.content = content
        self.user = user
        self.settings = settings
        self.data_dir = data_dir
        self.resources = resources  # where the diagrams are: the bundled resources/ by default
        self.colours = colours

    @classmethod
    def create(cls, content: ContentStore, data_dir: Path, resources: Path | None = None) -> Services:
        user = UserData(data_dir)
        settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        return cls(content, user, settings, data_dir, resources or paths.resources_dir(), ColourScheme(settings))

    def close(self) -> None:
        self.colours.close()
        self.settings.sync()
        self.user.close()
