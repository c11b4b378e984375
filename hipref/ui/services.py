"""Everything the window needs, built once by the app and passed in (no global look-ups)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from hipref import paths
from hipref.ui.colour_scheme import ColourScheme

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from hipref.store.content_store import ContentStore
    from hipref.userdata.store import UserData


class Services:
    """The content store (with its searcher), the user's data and settings, their folder, the
    resources the content's diagrams are read from, and the colour scheme chosen (applied to
    the application as it is made).

    The user's data (:attr:`user`) is opened when first asked for: the app asks just after the
    window's first frame (see "start-up tricks" in ``hipref.app``), or before it when the
    command line opens an entry. A plain class rather than a dataclass, whose generated
    methods are compiled at each start.
    """

    def __init__(
        self,
        content: ContentStore,
        settings: QSettings,
        data_dir: Path,
        resources: Path,
        colours: ColourScheme,
    ) -> None:
        self.content = content
        self._user: UserData | None = None
        self._closed = False
        self.when_user_opens: Callable[[UserData], object] | None = None  # told once, as it opens
        self.settings = settings
        self.data_dir = data_dir
        self.resources = resources  # where the diagrams are: the bundled resources/ by default
        self.colours = colours

    @classmethod
    def create(cls, content: ContentStore, data_dir: Path, resources: Path | None = None) -> Services:
        settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        return cls(content, settings, data_dir, resources or paths.resources_dir(), ColourScheme(settings))

    @property
    def user(self) -> UserData:
        """The user's bookmarks, notes and recent entries, opened (and backed up) on first use."""
        if self._user is None:
            if self._closed:
                raise RuntimeError("the user's data was asked for after the window closed")
            from hipref.userdata.store import UserData

            self._user = UserData(self.data_dir)
            if self.when_user_opens is not None:
                self.when_user_opens(self._user)
        return self._user

    @property
    def user_is_open(self) -> bool:
        return self._user is not None

    def close(self) -> None:
        self.colours.close()
        self.settings.sync()
        self._closed = True
        if self._user is not None:
            self._user.close()
