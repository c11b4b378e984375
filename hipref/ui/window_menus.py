"""The main window's menus and toolbar: every command, with its shortcuts and tip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPixmap

from hipref.ui.colour_scheme import SCHEMES

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Protocol

    from PySide6.QtWidgets import QMainWindow

    from hipref.session import EntrySession
    from hipref.ui.colour_scheme import ColourScheme

    class Commands(Protocol):
        """What the menus call: the main window's commands."""

        def export_citations_dialog(self, scope: str = "selected") -> None: ...
        def export_handout_dialog(self) -> None: ...
        def print_handout(self) -> None: ...
        def close(self) -> bool: ...
        def go_back(self) -> None: ...
        def go_forward(self) -> None: ...
        def focus_search(self) -> None: ...
        def toggle_bookmark(self) -> None: ...
        def copy_study_field(self, what: str) -> None: ...
        def focus_note(self) -> None: ...
        def zoom(self, step: int) -> None: ...
        def enter_presentation(self) -> None: ...
        def show_diagram(self, on: bool) -> None: ...
        def show_about(self) -> None: ...
        def show_shortcuts(self) -> None: ...
        def find_in_entry(self, step: int = 0) -> None: ...
        def jump_to_section(self) -> None: ...


class WindowActions:
    """The window's actions, built into its menu bar and toolbar.

    The back and forward arrows come from the window's style, which is first touched after the
    first frame (see hipref.app); a blank icon holds their place till :meth:`set_arrows`.
    """

    def __init__(self, window: QMainWindow, commands: Commands, colours: ColourScheme) -> None:
        self._window = window
        menu = window.menuBar()
        file_menu = menu.addMenu("&File")
        self.export_study = self._action(
            "&Export this study…", lambda: commands.export_citations_dialog("this study"), ("Ctrl+E",)
        )
        self.export_selected = self._action(
            "Export &selected studies…", lambda: commands.export_citations_dialog("selected")
        )
        self.export_all = self._action(
            "Export &all studies…", lambda: commands.export_citations_dialog("all"), ("Ctrl+Shift+E",)
        )
        self.handout = self._action("Patient &handout (PDF)…", commands.export_handout_dialog, ("Ctrl+Shift+P",))
        self.print = self._action("&Print handout…", commands.print_handout, ("Ctrl+P",))
        self.quit = self._action("&Quit", commands.close, (QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        file_menu.addActions([self.export_study, self.export_selected, self.export_all])
        file_menu.addSeparator()
        file_menu.addActions([self.handout, self.print])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        self.back = self._action("&Back", commands.go_back, ("Alt+Left", QKeySequence.StandardKey.Back))
        self.forward = self._action("&Forward", commands.go_forward, ("Alt+Right", QKeySequence.StandardKey.Forward))
        self.search = self._action("&Search", commands.focus_search, ("Ctrl+K", "Ctrl+L"))
        self.find = self._action("&Find in this entry…", lambda: commands.find_in_entry(0), ("Ctrl+F",))
        self.find_next = self._action("Find &next", lambda: commands.find_in_entry(1), ("F3", "Ctrl+G"))
        self.find_previous = self._action(
            "Find pre&vious", lambda: commands.find_in_entry(-1), ("Shift+F3", "Ctrl+Shift+G")
        )
        self.jump = self._action("&Jump to section…", commands.jump_to_section, ("Ctrl+J",))
        go = menu.addMenu("&Go")
        go.addActions([self.back, self.forward, self.search])
        go.addSeparator()
        go.addActions([self.find, self.find_next, self.find_previous, self.jump])

        self.bookmark = self._action("&Bookmark", commands.toggle_bookmark, ("Ctrl+D",), checkable=True)
        self.copy_vancouver = self._action(
            "&Copy citation (Vancouver)", lambda: commands.copy_study_field("vancouver"), ("Ctrl+Shift+C",)
        )
        self.copy_apa = self._action(
            "Copy citation (&APA)", lambda: commands.copy_study_field("apa"), ("Ctrl+Shift+A",)
        )
        self.note = self._action("Edit &note", commands.focus_note, ("Ctrl+Shift+N",))
        menu.addMenu("&Entry").addActions([self.bookmark, self.copy_vancouver, self.copy_apa, self.note])

        zoom_in = ("Ctrl++", "Ctrl+=", QKeySequence.StandardKey.ZoomIn)
        self.zoom_in = self._action("Zoom &in", lambda: commands.zoom(1), zoom_in)
        self.zoom_out = self._action(
            "Zoom &out", lambda: commands.zoom(-1), ("Ctrl+-", QKeySequence.StandardKey.ZoomOut)
        )
        self.zoom_reset = self._action("&Actual size", lambda: commands.zoom(0), ("Ctrl+0",))
        self.present = self._action("&Presentation mode", commands.enter_presentation, ("F5",))
        self.diagram = self._action("Show &diagram", commands.show_diagram, ("Ctrl+Shift+D",), checkable=True)
        self.diagram.setChecked(True)
        self.view_menu = menu.addMenu("&View")
        self.view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.present, self.diagram])
        self.view_menu.addSeparator()
        colours_menu, group = self.view_menu.addMenu("&Colours"), QActionGroup(window)
        self.colours: dict[str, QAction] = {}
        for scheme, label in SCHEMES.items():
            self.colours[scheme] = act = self._action(
                label, lambda _=False, s=scheme: colours.choose(s), checkable=True
            )
            act.setChecked(scheme == colours.choice)
            group.addAction(act)
            colours_menu.addAction(act)
        colours.changed.connect(lambda chosen: self.colours[chosen].setChecked(True))

        self.shortcuts = self._action("&Keyboard shortcuts", commands.show_shortcuts, ("F1", "Ctrl+/"))
        self.about = self._action("&About hipref", commands.show_about)
        menu.addMenu("&Help").addActions([self.shortcuts, self.about])

        self.toolbar = window.addToolBar("Navigation")
        self.toolbar.setObjectName("navigation-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")  # by name: see hipref.app
        blank = QPixmap(1, 1)
        blank.fill(QColor(0, 0, 0, 0))
        self.back.setIcon(QIcon(blank))
        self.forward.setIcon(QIcon(blank))
        self.toolbar.addActions([self.back, self.forward])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.bookmark, self.export_all])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.present, self.handout])

    def _action(self, text: str, slot: Callable, shortcuts=(), checkable: bool = False) -> QAction:
        act = QAction(text, self._window)
        sequences = [QKeySequence(s) for s in shortcuts]
        unique = [k for i, k in enumerate(sequences) if not k.isEmpty() and k not in sequences[:i]]
        act.setShortcuts(unique)  # a sequence listed twice makes Qt call the shortcut ambiguous
        act.setCheckable(checkable)
        act.setStatusTip(text.replace("&", ""))
        act.triggered.connect(slot)
        self._window.addAction(act)
        return act

    def set_arrows(self, back: QIcon, forward: QIcon) -> None:
        self.back.setIcon(back)
        self.forward.setIcon(forward)

    def follow(self, session: EntrySession, bookmarked: bool, can_keep: bool = True, presentable: bool = True) -> None:
        """Enable what applies to the current entry, and check Bookmark if it is kept
        (``can_keep``: bookmarks can be changed, the user's data is writable; ``presentable``:
        the entry has plain words to show a patient, or none is open)."""
        entry, study = session.current is not None, session.study is not None
        self.back.setEnabled(session.can_back())
        self.forward.setEnabled(session.history.can_forward())
        self.bookmark.setEnabled(entry and can_keep)
        self.bookmark.setChecked(bookmarked)
        for action in (self.handout, self.print):
            action.setEnabled(entry)
        for action in (self.copy_vancouver, self.copy_apa, self.export_study):
            action.setEnabled(study)
        for action in (self.find, self.find_next, self.find_previous, self.jump):
            action.setEnabled(entry)
        self.present.setEnabled(presentable)
