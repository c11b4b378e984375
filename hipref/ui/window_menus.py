"""The main window's menus and toolbar: every command, with its shortcuts and tip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap

if TYPE_CHECKING:
    from hipref.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """Make the window's actions (``window.back_action`` and the rest), menus and toolbar."""
    menu = window.menuBar()

    def action(text: str, slot, shortcuts=(), checkable: bool = False, tip: str = "") -> QAction:
        act = QAction(text, window)
        sequences = [QKeySequence(s) for s in shortcuts]
        unique = [k for i, k in enumerate(sequences) if not k.isEmpty() and k not in sequences[:i]]
        act.setShortcuts(unique)  # a sequence listed twice makes Qt call the shortcut ambiguous
        act.setCheckable(checkable)
        act.setStatusTip(tip or text.replace("&", ""))
        act.triggered.connect(slot)
        window.addAction(act)
        return act

    file_menu = menu.addMenu("&File")
    window.export_action = action("&Export citations…", lambda: window.export_citations_dialog(), ("Ctrl+E",))
    file_menu.addAction(window.export_action)
    window.handout_action = action("Patient &handout (PDF)…", lambda: window.export_handout_dialog(), ("Ctrl+Shift+P",))
    window.print_action = action("&Print handout…", lambda: window.print_handout(), ("Ctrl+P",))
    file_menu.addAction(window.handout_action)
    file_menu.addAction(window.print_action)
    file_menu.addSeparator()
    file_menu.addAction(action("&Quit", window.close, (QKeySequence.StandardKey.Quit, "Ctrl+Q")))

    go = menu.addMenu("&Go")
    window.back_action = action("&Back", window.go_back, ("Alt+Left", QKeySequence.StandardKey.Back))
    window.forward_action = action("&Forward", window.go_forward, ("Alt+Right", QKeySequence.StandardKey.Forward))
    window.search_action = action("&Search", window.focus_search, ("Ctrl+K", "Ctrl+F"))
    for act in (window.back_action, window.forward_action, window.search_action):
        go.addAction(act)

    entry = menu.addMenu("&Entry")
    window.bookmark_action = action("&Bookmark", window.toggle_bookmark, ("Ctrl+D",), checkable=True)
    window.copy_citation_action = action(
        "&Copy citation (Vancouver)", lambda: window.copy_study_field("vancouver"), ("Ctrl+Shift+C",)
    )
    window.copy_apa_action = action("Copy citation (&APA)", lambda: window.copy_study_field("apa"), ("Ctrl+Shift+A",))
    window.note_action = action("Edit &note", window.focus_note, ("Ctrl+Shift+N",))
    for act in (window.bookmark_action, window.copy_citation_action, window.copy_apa_action, window.note_action):
        entry.addAction(act)

    view = menu.addMenu("&View")
    window.zoom_in_action = action(
        "Zoom &in", lambda: window.zoom(1), ("Ctrl++", "Ctrl+=", QKeySequence.StandardKey.ZoomIn)
    )
    window.zoom_out_action = action("Zoom &out", lambda: window.zoom(-1), ("Ctrl+-", QKeySequence.StandardKey.ZoomOut))
    window.zoom_reset_action = action("&Actual size", lambda: window.zoom(0), ("Ctrl+0",))
    for act in (window.zoom_in_action, window.zoom_out_action, window.zoom_reset_action):
        view.addAction(act)
    view.addSeparator()
    window.present_action = action("&Presentation mode", lambda: window.enter_presentation(), ("F5",))
    view.addAction(window.present_action)
    window.diagram_action = action("Show &diagram", window.show_diagram, ("Ctrl+Shift+D",), checkable=True)
    window.diagram_action.setChecked(True)
    view.addAction(window.diagram_action)
    window.view_menu = view

    help_menu = menu.addMenu("&Help")
    help_menu.addAction(action("&About hipref", window.show_about))

    toolbar = window.addToolBar("Navigation")
    toolbar.setObjectName("navigation-toolbar")
    toolbar.setMovable(False)
    # by name, as the window orients its splitters: Qt.ToolButtonStyle would build every Qt enum
    toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
    # The style's arrows come with complete(); a blank icon holds their place till then.
    blank = QPixmap(1, 1)
    blank.fill(QColor(0, 0, 0, 0))
    window.back_action.setIcon(QIcon(blank))
    window.forward_action.setIcon(QIcon(blank))
    toolbar.addAction(window.back_action)
    toolbar.addAction(window.forward_action)
    toolbar.addSeparator()
    toolbar.addAction(window.bookmark_action)
    toolbar.addAction(window.export_action)
    toolbar.addSeparator()
    toolbar.addAction(window.present_action)
    toolbar.addAction(window.handout_action)
    window.toolbar = toolbar
