"""An anatomy diagram you can zoom, pan, hover, click and draw on.

One SVG is drawn by two scene items: the picture (background and visible layers), kept by Qt
as a pixmap at the view's scale, and over it the canvas, which dims the picture and draws an
entry's structures on top, so opening an entry draws only its own structures again. Layers
can be hidden. Hit-testing uses a small alpha mask of each element (rendered on first need),
so a click lands on the shape, not its bounding box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmapCache,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from hipref.content.diagrams import LAYERS, DiagramInfo

MASK_SCALE = 0.5
DIM = QColor(255, 255, 255, 175)
HOVER = QColor("#1c5fb4")
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.2, 12.0
# Drawn over everything else and thin: where they are painted, they win a hover or a click.
NERVES_VESSELS = "layer-nerves-vessels"
TOP_LAYERS = ("layer-sites", NERVES_VESSELS)


# Room for the picture's pixmap at full screen on a 4K display at twice its pixel size.
PIXMAP_CACHE_KB = 96 * 1024


class DiagramPicture(QGraphicsItem):
    """The picture under the canvas: background and visible layers. Qt keeps it as a pixmap at
    the view's scale (device coordinate cache), drawn again only when a layer is shown or
    hidden, or the view is zoomed or resized."""

    def __init__(self, canvas: DiagramCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self.canvas.boundingRect()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.canvas.paint_picture(painter)


class DiagramCanvas(QGraphicsItem):
    """Draws one diagram: over its picture (:class:`DiagramPicture`, or drawn here when the
    canvas is painted alone, as for a handout), the dimming and the highlighted elements."""

    def __init__(self, info: DiagramInfo) -> None:
        super().__init__()
        self.info = info
        self.renderer = QSvgRenderer(str(info.path))
        self.visible_layers: set[str] = set(LAYERS)
        self.highlight: tuple[str, ...] = ()
        self.hover: str | None = None
        self.picture: DiagramPicture | None = None  # set when the picture is a scene item of its own
        self._masks: dict[str, QImage] | None = None
        self._rects = {slug: self.element_rect(slug) for slug in info.slugs}

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if (layer in self.visible_layers) == visible:
            return  # unchanged: the kept picture stays
        self.visible_layers.discard(layer)
        if visible:
            self.visible_layers.add(layer)
        if self.picture is not None:
            self.picture.update()
        self.update()

    def element_rect(self, element_id: str) -> QRectF:
        if not self.renderer.elementExists(element_id):
            return QRectF()
        return self.renderer.transformForElement(element_id).mapRect(self.renderer.boundsOnElement(element_id))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self.renderer.viewBoxF()

    def _render(self, painter: QPainter, element_id: str) -> None:
        rect = self.element_rect(element_id)
        if rect.isValid() and not rect.isEmpty():
            self.renderer.render(painter, element_id, rect)

    def highlighted_in_drawing_order(self) -> list[str]:
        """The highlighted elements that are shown, bottom layer first (a site above a bone)."""
        shown = [s for s in self.highlight if s in self._rects and self.info.layer_of.get(s) in self.visible_layers]
        return self._in_drawing_order(shown)

    def _in_drawing_order(self, slugs) -> list[str]:
        """Bottom layer first, then as the SVG draws them."""
        order = self.info.slugs
        return sorted(set(slugs), key=lambda s: (LAYERS.index(self.info.layer_of[s]), order.index(s)))

    def paint_picture(self, painter: QPainter) -> None:
        """The background and the visible layers, clipped to the view box."""
        painter.save()
        painter.setClipRect(self.boundingRect())
        painter.fillRect(self.boundingRect(), Qt.GlobalColor.white)
        self._render(painter, "background")
        for layer in LAYERS:
            if layer in self.visible_layers:
                self._render(painter, layer)
        painter.restore()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.picture is None or widget is None:  # alone, or drawn for a handout: the picture too
            self.paint_picture(painter)
        painter.save()
        painter.setClipRect(self.boundingRect())
        if self.highlight:
            painter.fillRect(self.boundingRect(), DIM)
            shown = self.highlighted_in_drawing_order()
            if any(self.info.layer_of[s] == "layer-sites" for s in shown) and NERVES_VESSELS in self.visible_layers:
                # A lit injection site keeps the nerves and vessels near it in full view.
                guarded = [s for s in self.info.slugs if self.info.layer_of[s] == NERVES_VESSELS]
                shown = self._in_drawing_order(shown + guarded)
            for slug in shown:
                self._render(painter, slug)
            if "layer-labels" in self.visible_layers:
                for slug in shown:
                    self._render(painter, f"label-{slug}")
        painter.restore()
        if self.hover and self.hover in self._rects:
            pen = QPen(HOVER, 3, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rects[self.hover].adjusted(-4, -4, 4, 4), 6, 6)

    # -- hit-testing ----------------------------------------------------------------------------
    def _build_masks(self) -> dict[str, QImage]:
        box = self.boundingRect()
        masks = {}
        for slug in self.info.slugs:
            image = QImage(
                max(1, int(box.width() * MASK_SCALE)),
                max(1, int(box.height() * MASK_SCALE)),
                QImage.Format.Format_Alpha8,
            )
            image.fill(0)
            painter = QPainter(image)
            painter.scale(MASK_SCALE, MASK_SCALE)
            painter.translate(-box.topLeft())
            self._render(painter, slug)
            painter.end()
            masks[slug] = image
        return masks

    def _covers(self, slug: str, point: QPointF) -> bool:
        if self._masks is None:
            self._masks = self._build_masks()
        mask = self._masks[slug]
        box = self.boundingRect()
        x = int((point.x() - box.left()) * MASK_SCALE)
        y = int((point.y() - box.top()) * MASK_SCALE)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if mask.valid(x + dx, y + dy) and mask.pixelColor(x + dx, y + dy).alpha() > 20:
                    return True
        return False

    def slug_at(self, point: QPointF) -> str | None:
        """The entry drawn at ``point`` (scene coordinates): a site, then a nerve or vessel, then the smallest."""
        candidates = [
            slug
            for slug, rect in self._rects.items()
            if self.info.layer_of.get(slug) in self.visible_layers
            and rect.contains(point)
            and self._covers(slug, point)
        ]
        if not candidates:
            return None

        def priority(slug: str) -> tuple[int, float]:
            rect = self._rects[slug]
            layer = self.info.layer_of.get(slug, "")
            rank = TOP_LAYERS.index(layer) if layer in TOP_LAYERS else len(TOP_LAYERS)
            return (rank, rect.width() * rect.height())

        return min(candidates, key=priority)

    def point_on(self, slug: str) -> QPointF | None:
        """A point inside the drawn element, as near its centre as the shape allows."""
        rect = self._rects.get(slug)
        if rect is None or rect.isEmpty():
            return None
        centre = rect.center()

        def solid(point: QPointF) -> bool:  # the shape wins here and a few units around
            return all(
                self.slug_at(point + QPointF(dx, dy)) == slug for dx, dy in ((0, 0), (-4, 0), (4, 0), (0, -4), (0, 4))
            )

        if solid(centre):
            return centre
        best: tuple[float, QPointF] | None = None
        steps = 24
        for i in range(steps + 1):
            for j in range(steps + 1):
                point = QPointF(rect.left() + rect.width() * i / steps, rect.top() + rect.height() * j / steps)
                distance = (point - centre).manhattanLength()
                if (best is None or distance < best[0]) and solid(point):
                    best = (distance, point)
        return best[1] if best else None


@dataclass
class Stroke:
    tool: str
    path: QPainterPath = field(default_factory=QPainterPath)


PEN_STYLES = {
    "pen": (QColor("#d0021b"), 4.0, 255),
    "highlighter": (QColor("#ffd400"), 26.0, 120),
}


class InkItem(QGraphicsItem):
    """What the educator draws over the diagram: pen and highlighter strokes, with undo."""

    def __init__(self, bounds: QRectF) -> None:
        super().__init__()
        self._bounds = bounds
        self.strokes: list[Stroke] = []
        self.setZValue(10)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._bounds

    def begin(self, tool: str, point: QPointF) -> None:
        stroke = Stroke(tool)
        stroke.path.moveTo(point)
        stroke.path.lineTo(point + QPointF(0.01, 0.01))
        self.strokes.append(stroke)
        self.update()

    def extend(self, point: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].path.lineTo(point)
            self.update()

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()

    def clear(self) -> None:
        self.strokes.clear()
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self.strokes:
            colour, width, alpha = PEN_STYLES[stroke.tool]
            colour = QColor(colour)
            colour.setAlpha(alpha)
            pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            if stroke.tool == "highlighter":
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(stroke.path)


class DiagramView(QGraphicsView):
    """Zoom (wheel, +/-), pan (drag, arrows), fit (0); hover names a shape; click opens it."""

    hovered = Signal(str)  # slug, or "" when leaving a shape
    activated = Signal(str)  # slug

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scenes: dict[str, tuple[QGraphicsScene, DiagramCanvas, InkItem]] = {}  # by name: see load()
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMouseTracking(True)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Anatomy diagram")
        self.setAccessibleDescription("Hover to name a structure; click to open it. Plus and minus zoom, 0 fits.")
        self.canvas: DiagramCanvas | None = None
        self.ink: InkItem | None = None
        self.names: dict[str, str] = {}
        self.tool: str | None = None
        self._press: QPoint | None = None
        self._zoom = 1.0
        self._fitted = True

    def load(self, info: DiagramInfo) -> None:
        """Show ``info``'s diagram, with no drawing on it. Each diagram keeps its own scene, so
        coming back to one reuses its parsed SVG, its shapes and its kept picture."""
        self.clear_hover()
        if self.ink is not None:
            self.ink.clear()  # a drawing belongs to the picture it was drawn on
        kept = self._scenes.get(info.name)
        if kept is None or kept[1].info is not info:
            scene, canvas = QGraphicsScene(self), DiagramCanvas(info)
            canvas.picture = DiagramPicture(canvas)
            ink = InkItem(canvas.boundingRect())
            for item in (canvas.picture, canvas, ink):
                scene.addItem(item)
            scene.setSceneRect(canvas.boundingRect())
            kept = self._scenes[info.name] = (scene, canvas, ink)
        scene, self.canvas, self.ink = kept
        self.setScene(scene)
        self.fit()

    @property
    def info(self) -> DiagramInfo | None:
        return self.canvas.info if self.canvas else None

    # -- state ----------------------------------------------------------------------------------
    def set_highlight(self, slugs: tuple[str, ...]) -> None:
        self.clear_hover()
        if self.canvas:
            self.canvas.highlight = tuple(slugs)
            self.canvas.update()

    def clear_hover(self) -> None:
        """Forget the shape under the pointer: the picture or the entry behind it has changed."""
        if self.canvas and self.canvas.hover:
            self.canvas.hover = None
            self.canvas.update()
        self.setToolTip("")
        self.hovered.emit("")

    def shown_highlight(self) -> list[str]:
        """The highlighted shapes drawn in the picture now (see :meth:`render_image`)."""
        return self.canvas.highlighted_in_drawing_order() if self.canvas else []

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if self.canvas:
            self.canvas.set_layer_visible(layer, visible)

    def set_tool(self, tool: str | None) -> None:
        """``"pen"``, ``"highlighter"`` or ``None`` (pan and click)."""
        self.tool = tool
        self.setDragMode(QGraphicsView.DragMode.NoDrag if tool else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if tool else Qt.CursorShape.OpenHandCursor)

    # -- zoom and fit ---------------------------------------------------------------------------
    def fit(self) -> None:
        if self.canvas:
            self.fitInView(self.canvas.boundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self._zoom = self.transform().m11()
            self._fitted = True

    def zoom_by(self, factor: float) -> None:
        new = max(MIN_ZOOM, min(MAX_ZOOM, self._zoom * factor))
        self.scale(new / self._zoom, new / self._zoom)
        self._zoom = new
        self._fitted = False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(ZOOM_STEP if delta > 0 else 1 / ZOOM_STEP)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    # -- hover, click, draw ---------------------------------------------------------------------
    def slug_at_view(self, pos: QPoint) -> str | None:
        return self.canvas.slug_at(self.mapToScene(pos)) if self.canvas else None

    def view_point_of(self, slug: str) -> QPoint | None:
        """Where ``slug`` is on screen (for keyboard users' tests and tooltips)."""
        point = self.canvas.point_on(slug) if self.canvas else None
        return self.mapFromScene(point) if point is not None else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._press = event.position().toPoint()
        if self.tool and self.ink and event.button() == Qt.MouseButton.LeftButton:
            self.ink.begin(self.tool, self.mapToScene(self._press))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        pos = event.position().toPoint()
        if self.tool and self.ink and event.buttons() & Qt.MouseButton.LeftButton:
            self.ink.extend(self.mapToScene(pos))
            event.accept()
            return
        if self.canvas and not event.buttons():
            slug = self.slug_at_view(pos)
            if slug != self.canvas.hover:
                self.canvas.hover = slug
                self.canvas.update()
                self.hovered.emit(slug or "")
                self.setToolTip(self.names.get(slug, "") if slug else "")
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        pos = event.position().toPoint()
        if self.tool:
            event.accept()
            return
        super().mouseReleaseEvent(event)
        clicked = self._press is not None and (pos - self._press).manhattanLength() < 6
        self._press = None
        if clicked and event.button() == Qt.MouseButton.LeftButton:
            slug = self.slug_at_view(pos)
            if slug:
                self.activated.emit(slug)

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.canvas and self.canvas.hover:
            self.clear_hover()
        super().leaveEvent(event)

    # -- output ---------------------------------------------------------------------------------
    def render_image(self, width: int = 1200, with_ink: bool = True) -> QImage:
        """The diagram as shown (highlight, hidden layers, drawing), for handouts."""
        if self.canvas is None:
            return QImage()
        box = self.canvas.boundingRect()
        height = int(width * box.height() / box.width())
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(width / box.width(), height / box.height())
        painter.translate(-box.topLeft())
        hover, self.canvas.hover = self.canvas.hover, None
        self.canvas.paint(painter, QStyleOptionGraphicsItem())
        self.canvas.hover = hover
        if with_ink and self.ink:
            self.ink.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        return image
