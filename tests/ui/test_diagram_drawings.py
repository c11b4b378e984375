"""The drawings themselves: markers clear of nerves and vessels, nothing outside the picture.

Each element is rendered alone with QSvgRenderer into an alpha mask at the drawing's own
scale (one pixel per SVG unit), and masks are compared pixel by pixel.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from hipref import paths
from hipref.content.diagrams import LAYERS, load_diagrams

MARGIN = 60  # room around the view box, to catch anything drawn outside it
DIAGRAMS, _PROBLEMS = load_diagrams(paths.resources_dir())
BY_NAME = {d.name: d for d in DIAGRAMS}


def element_rect(renderer: QSvgRenderer, element_id: str) -> QRectF:
    return renderer.transformForElement(element_id).mapRect(renderer.boundsOnElement(element_id))


def render_alone(renderer: QSvgRenderer, element_id: str) -> QImage:
    """``element_id`` painted alone, at one pixel per unit, with MARGIN pixels all round."""
    box = renderer.viewBoxF()
    image = QImage(int(box.width()) + 2 * MARGIN, int(box.height()) + 2 * MARGIN, QImage.Format.Format_Alpha8)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(MARGIN - box.left(), MARGIN - box.top())
    renderer.render(painter, element_id, element_rect(renderer, element_id))
    painter.end()
    return image


def painted(image: QImage) -> set[tuple[int, int]]:
    """Every pixel with any paint on it (bytes read row by row; Alpha8 rows may be padded)."""
    data = bytes(image.constBits())
    stride, width = image.bytesPerLine(), image.width()
    pixels = set()
    for y in range(image.height()):
        row = data[y * stride : y * stride + width]
        if row.count(0) != width:
            pixels.update((x, y) for x, alpha in enumerate(row) if alpha)
    return pixels


def elements_in(name: str, layer: str) -> list[str]:
    info = BY_NAME[name]
    return [slug for slug in info.slugs if info.layer_of[slug] == layer]


def test_the_views_are_there():
    assert _PROBLEMS == []
    assert set(BY_NAME) >= {"anterior", "lateral", "posterior", "section"}


def test_nerves_and_vessels_are_drawn_where_a_clinician_expects_them():
    assert set(elements_in("anterior", "layer-nerves-vessels")) == {
        "femoral-nerve",
        "femoral-artery",
        "femoral-vein",
        "lateral-femoral-cutaneous-nerve",
    }
    assert elements_in("posterior", "layer-nerves-vessels") == ["sciatic-nerve"]
    drawn = {slug for info in DIAGRAMS for slug in info.slugs}
    assert drawn >= {
        "lesser-trochanter",
        "gluteus-maximus",
        "iliotibial-band",
        "quadratus-femoris",
        "gemelli",
        "obturator-muscles",
    }


def test_femoral_nerve_artery_and_vein_run_lateral_to_medial(qapp):
    """In the anterior view of the right hip the outer (lateral) side is on the left."""
    renderer = QSvgRenderer(str(BY_NAME["anterior"].path))
    bundle = ("femoral-nerve", "femoral-artery", "femoral-vein")
    masks = {slug: painted(render_alone(renderer, slug)) for slug in bundle}
    head = element_rect(renderer, "femoral-head")
    rows = range(int(head.top()), int(head.bottom()), 10)  # across the front of the femoral head
    for y in rows:
        centres = []
        for slug in bundle:
            xs = [x for x, row in masks[slug] if row == y + MARGIN]
            assert xs, (slug, y)
            centres.append(sum(xs) / len(xs))
        assert centres == sorted(centres), (y, centres)
    lesser = element_rect(renderer, "lesser-trochanter")
    greater = element_rect(renderer, "greater-trochanter")
    assert greater.center().x() < lesser.center().x(), "the lesser trochanter is on the inner side"


def test_short_rotators_sit_at_their_true_levels(qapp):
    """Top to bottom behind the hip: piriformis, gemelli around obturator internus, quadratus femoris."""
    renderer = QSvgRenderer(str(BY_NAME["posterior"].path))
    piriformis = element_rect(renderer, "piriformis")
    obturator = element_rect(renderer, "obturator-muscles")
    gemelli = element_rect(renderer, "gemelli")
    quadratus = element_rect(renderer, "quadratus-femoris")
    head = element_rect(renderer, "femoral-head")
    assert piriformis.center().y() < obturator.center().y() < quadratus.center().y()
    assert gemelli.top() < obturator.top() and obturator.bottom() < gemelli.bottom()
    assert head.top() < obturator.center().y() < head.bottom(), "obturator internus crosses mid-joint"
    assert quadratus.top() > head.center().y()


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_no_injection_site_marker_touches_a_nerve_or_vessel(qapp, name):
    renderer = QSvgRenderer(str(BY_NAME[name].path))
    sites = elements_in(name, "layer-sites")
    nerves_and_vessels = elements_in(name, "layer-nerves-vessels")
    if name in ("anterior", "posterior"):
        assert sites and nerves_and_vessels, "these views show both, so the check means something"
    masks = {slug: painted(render_alone(renderer, slug)) for slug in sites + nerves_and_vessels}
    for site in sites:
        assert masks[site], site
        for other in nerves_and_vessels:
            assert masks[other], other
            shared = masks[site] & masks[other]
            assert not shared, f"{name}: marker {site} is painted over {other} at {len(shared)} pixels"


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_everything_drawn_lies_inside_the_view_box(qapp, name):
    renderer = QSvgRenderer(str(BY_NAME[name].path))
    box = renderer.viewBoxF()
    inside = QRectF(box).translated(MARGIN - box.left(), MARGIN - box.top())
    root = ET.parse(BY_NAME[name].path).getroot()
    layers = [g.get("id") for g in root if (g.get("id") or "").startswith("layer-")]
    assert set(layers) <= set(LAYERS)
    for layer in layers:
        if not renderer.elementExists(layer) or element_rect(renderer, layer).isEmpty():
            continue  # an empty layer draws nothing
        outside = [
            (x, y)
            for x, y in painted(render_alone(renderer, layer))
            if not (inside.left() <= x < inside.right() and inside.top() <= y < inside.bottom())
        ]
        assert not outside, f"{name}/{layer}: {len(outside)} pixels outside the view box, e.g. {outside[:3]}"
    for slug in BY_NAME[name].slugs:
        assert box.contains(element_rect(renderer, slug)), (name, slug)
