"""The diagram beside the entry: view picker, zoom, layer toggles, legend, hovered name."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hipref.content.diagrams import CAPTION, DiagramInfo, best_view, focus_slugs
from hipref.store.records import EntryDetail
from hipref.ui.diagram_view import DiagramView

LAYER_LABELS = {
    "layer-bones": "Bones",
    "layer-ligaments": "Ligaments and capsule",
    "layer-muscles": "Muscles and tendons",
    "layer-nerves-vessels": "Nerves and vessels",
    "layer-sites": "Injection sites",
    "layer-labels": "Labels",
}

# (fill, outline, name): the colours the drawings use, outlined as they are drawn.
LEGEND = (
    ("#efe6d2", "#8a7a5c", "Bone"),
    ("#bfe3f0", "#4f9fc0", "Cartilage"),
    ("#2f6db3", "#1d4f8a", "Ligament"),
    ("#9ec5e8", "#4a82b8", "Capsule"),
    ("#c8553d", "#8e3322", "Muscle"),
    ("#e8d7a8", "#a08850", "Tendon"),
    ("#f2c14e", "#a77a08", "Bursa"),
    ("#fde047", "#8d7300", "Nerve"),
    ("#d62839", "#7f0d17", "Artery"),
    ("#5b4b9a", "#2e2360", "Vein"),
    ("#c2185b", "#c2185b", "Injection site"),
)
LEGEND_COLUMNS = 3
HOVER_HINT = "Hover over a structure to name it; click to open it."


def legend_swatch(fill: str, outline: str, size: int = 16, ratio: float = 1.0) -> QPixmap:
    """A chip of the diagram: the colour on the diagram's white, framed so it reads on any palette."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#6b7785"), 1))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
    painter.setPen(QPen(QColor(outline), 1.5))
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(QRectF(3.5, 3.5, size - 7, size - 7), 2, 2)
    painter.end()
    return pixmap


class DiagramPane(QWidget):
    open_slug = Signal(str)

    def __init__(self, diagrams: list[DiagramInfo], names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diagrams = diagrams
        self.focus: tuple[str, ...] = ()
        self.view = DiagramView()
        self.view.names = names
        self.view.activated.connect(self.open_slug)
        self.view.hovered.connect(self._show_hovered)

        self.picker = QComboBox()
        self.picker.setAccessibleName("Diagram view")
        for info in diagrams:
            self.picker.addItem(info.title, info.name)
        self.picker.currentIndexChanged.connect(self._picked)

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for text, tip, slot in (
            ("−", "Zoom out (-)", lambda: self.view.zoom_by(0.8)),
            ("+", "Zoom in (+)", lambda: self.view.zoom_by(1.25)),
            ("Fit", "Fit to the pane (0)", self.view.fit),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)

        header = QHBoxLayout()
        header.addWidget(self.picker, 1)
        header.addLayout(buttons)

        self.layer_actions: dict[str, QAction] = {}
        layer_menu = QMenu(self)
        for layer, label in LAYER_LABELS.items():
            action = layer_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda on, l=layer: self.view.set_layer_visible(l, on))
            self.layer_actions[layer] = action
        self.layers_button = QToolButton()
        self.layers_button.setText("Layers")
        self.layers_button.setToolTip("Show or hide bones, ligaments, muscles, injection sites and labels")
        self.layers_button.setAccessibleName("Diagram layers")
        self.layers_button.setMenu(layer_menu)
        self.layers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        buttons.addWidget(self.layers_button)

        legend = QGridLayout()
        legend.setHorizontalSpacing(4)
        legend.setVerticalSpacing(2)
        ratio = self.devicePixelRatioF()
        for index, (fill, outline, label) in enumerate(LEGEND):
            row, column = divmod(index, LEGEND_COLUMNS)
            swatch = QLabel()
            swatch.setPixmap(legend_swatch(fill, outline, ratio=ratio))
            swatch.setAccessibleName(f"Legend colour: {label}")
            name = QLabel(label)
            name.setProperty("role", "status")
            name.setAccessibleName(f"Legend: {label}")
            legend.addWidget(swatch, row, 2 * column)
            legend.addWidget(name, row, 2 * column + 1)
        for column in range(LEGEND_COLUMNS):
            legend.setColumnStretch(2 * column + 1, 1)

        self.caption = QLabel(CAPTION)
        self.caption.setProperty("role", "status")
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("Diagram caption")

        self.hovered = QLabel(HOVER_HINT)
        self.hovered.setProperty("role", "status")
        self.hovered.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 6)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.hovered)
        layout.addLayout(legend)
        if diagrams:
            # The picture is drawn just after the window first appears, so start-up stays quick.
            QTimer.singleShot(0, self, self.ensure_loaded)

    def ensure_loaded(self) -> None:
        if self.view.canvas is None and self.diagrams:
            self._picked(self.picker.currentIndex())

    def _picked(self, index: int) -> None:
        if 0 <= index < len(self.diagrams):
            self.view.load(self.diagrams[index])
            for layer, action in self.layer_actions.items():
                self.view.set_layer_visible(layer, action.isChecked())
            self.view.set_highlight(self.focus)

    def show_view(self, name: str) -> None:
        index = self.picker.findData(name)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)
        else:
            self.ensure_loaded()

    def focus_on(self, slugs: tuple[str, ...]) -> None:
        """Highlight ``slugs`` on the view that shows them best (or clear the highlight)."""
        self.focus = tuple(slugs)
        if slugs:
            best = best_view(self.diagrams, slugs)
            if best is not None:
                self.show_view(best.name)
        self.view.set_highlight(self.focus)

    def _show_hovered(self, slug: str) -> None:
        self.hovered.setText(self.view.names.get(slug, slug) if slug else HOVER_HINT)


def entry_focus(detail: EntryDetail) -> tuple[str, ...]:
    """The shapes an entry lights: its own if it is drawn, else those of its drawn links."""
    return focus_slugs(detail.type, detail.slug, [(link.type, link.slug) for link in detail.links])
