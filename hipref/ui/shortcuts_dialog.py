"""Help > Keyboard shortcuts: read from the window's menus and the keys it handles by focus.

Nothing here is typed twice: a command's keys are its action's shortcuts, so the list is
always what the window does.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QMenuBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from hipref.ui.keyboard import KEYS, Key
from hipref.ui.presentation import ACTIONS


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as the platform writes them, joined by commas."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())


def menu_commands(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each menu's title and its commands that have a shortcut, as (command, keys)."""
    found = []
    for top in menu_bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = action_rows(menu.actions())
        if rows:
            found.append((top.text().replace("&", ""), rows))
    return found


def action_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(command, keys) for each action with a shortcut, submenus included."""
    rows = []
    for action in actions:
        if action.menu() is not None:
            rows.extend(action_rows(action.menu().actions()))
        elif action.shortcuts():
            rows.append((action.text().replace("&", "").rstrip("…"), shortcut_text(action)))
    return rows


def presentation_keys() -> list[Key]:
    """The presentation window's commands, from the table its toolbar is built from."""
    return [Key(", ".join(keys), text.split(" (")[0].strip("…▶◀ ")) for _name, text, keys, _checkable in ACTIONS]


class ShortcutsDialog(QDialog):
    """Groups of (command, keys): the menus', the keys that work by focus, presentation's."""

    def __init__(
        self, menu_bar: QMenuBar, extra: Iterable[tuple[str, Iterable[Key]]] | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Keyboard shortcuts")
        groups = [(title, [Key(keys, command) for command, keys in rows]) for title, rows in menu_commands(menu_bar)]
        if extra is None:
            extra = [("Where the focus is", KEYS), ("Presentation", presentation_keys())]
        groups += [(title, list(keys)) for title, keys in extra]
        for title, keys in groups:
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for key in keys:
                QTreeWidgetItem(group, [key.does, key.keys])
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) for every row shown."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                found.append((group.text(0), child.text(0), child.text(1)))
        return found
