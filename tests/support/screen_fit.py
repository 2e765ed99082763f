"""Does a page fit the screen? The checks of the screen-fit matrix (issue 14).

A screen is a physical size and an OS scale factor. Under a scale factor Qt lays widgets out
in logical pixels (physical / scale) and turns points into logical pixels at 96 dpi, so a
1366×768 panel at 150 % is, to a layout, a 911×512 screen with the same fonts: the checks
resize the window to the logical size instead of starting a process per scale.

``check_page`` looks at what is on screen now and returns the problems, each naming the
page, the widget and the overflow in pixels:

* the window is no larger than the screen;
* every enabled button, input and key lies wholly on screen, or inside a scroll area that
  can bring it into view; the page's primary action lies on screen without scrolling;
* no label or button text is cut (the text's font-metrics bounding box against the
  widget's contents rect);
* no two texts are drawn over each other;
* on the terminal: touch targets at least 60×60 px and text at least 18 pt;
* text against what is painted behind it: contrast at least 4.5:1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

MIN_TOUCH_PX = 60  # elder-mode rules for public apps: touch targets
MIN_TERMINAL_PT = 18  # and text size
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Screen:
    width: int
    height: int
    scale: float = 1.0

    @property
    def logical(self) -> QSize:
        return QSize(int(self.width / self.scale), int(self.height / self.scale))

    def __str__(self) -> str:
        return f"{self.width}x{self.height}@{round(self.scale * 100)}%"


SCREENS = (Screen(1024, 768), Screen(1366, 768), Screen(1920, 1080))
SCALES = (1.0, 1.25, 1.5)


@dataclass(frozen=True)
class Problem:
    page: str
    widget: str
    what: str
    px: int = 0

    def __str__(self) -> str:
        return f"{self.page}: {self.widget}: {self.what}" + (f" by {self.px} px" if self.px else "")


def describe(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        text = widget.text().replace("\n", " ")
    return f"{name}" + (f" “{text[:30]}”" if text else "")


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()


def fit_window(window: QWidget, screen: Screen) -> None:
    """Put ``window`` on ``screen`` as full-screen/maximised would: its size is the screen's."""
    size = screen.logical
    window.setMaximumSize(size)
    window.resize(size)
    settle()


# --- geometry ------------------------------------------------------------------------------
def _rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _scroll_viewport(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
        return parent
    return None


def _ancestors(widget: QWidget, window: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def reachable_rect(widget: QWidget, window: QWidget, scrolling: bool = True) -> QRect:
    """Where ``widget`` can be seen in ``window``: clipped by every ancestor; a scroll area
    that scrolls in a direction brings the widget into its viewport in that direction."""
    rect = _rect_in(widget, window)
    child = widget
    parent = widget.parentWidget()
    while parent is not None and child is not window:
        frame = _rect_in(parent, window)
        area = _scroll_viewport(parent) if scrolling else None
        if area is not None:  # scrolling can bring the widget to the viewport's edge
            if area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                rect.moveTop(frame.top())
            if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                rect.moveLeft(frame.left())
        rect = rect.intersected(frame) if rect.intersects(frame) else QRect(rect.topLeft(), QSize())
        if parent is window:
            break
        child, parent = parent, parent.parentWidget()
    return rect


def side_cut(widget: QWidget, window: QWidget, visible: QRect) -> int:
    """How much of ``widget``'s width no scrolling brings into view."""
    seen = reachable_rect(widget, window, scrolling=True).intersected(visible)
    return widget.width() - max(seen.width(), 0) if not seen.isEmpty() else 0


def _cut(full: QSize, seen: QRect) -> int:
    return max(full.width() - max(seen.width(), 0), full.height() - max(seen.height(), 0))


# --- which widgets -------------------------------------------------------------------------
_INTERNAL = (QScrollBar, QTabBar, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView)


def _internal(widget: QWidget) -> bool:
    """Parts of a composite widget (a combo box's arrow, a scroll bar's buttons …)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, _INTERNAL):
            return True
        if parent.isWindow():
            return False
        parent = parent.parentWidget()
    return False


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def controls(root: QWidget) -> list[QWidget]:
    kinds = (
        QAbstractButton,
        QLineEdit,
        QTextEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractSpinBox,
    )
    out = []
    window = root.window()
    for w in root.findChildren(QWidget):
        if isinstance(w, kinds) and w.isEnabled() and _shown(w, window) and not _internal(w):
            out.append(w)
    return out


def texts(root: QWidget) -> list[QWidget]:
    out: list[QWidget] = []
    window = root.window()
    for w in root.findChildren(QWidget):
        if not _shown(w, window) or _internal(w):
            continue
        if (isinstance(w, QLabel) and w.text() and w.pixmap().isNull()) or (
            isinstance(w, QAbstractButton) and w.text()
        ):
            out.append(w)
    return out


# --- text that does not fit ----------------------------------------------------------------
def label_cut(label: QLabel) -> int:
    """How many pixels of ``label``'s text fall outside its contents rect."""
    cr = label.contentsRect()
    m = label.margin()
    cr = cr.adjusted(m, m, -m, -m)
    if label.indent() > 0:
        cr.adjust(label.indent(), 0, 0, 0)
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(cr.width())
            need = QSize(min(int(doc.idealWidth()), cr.width()), int(doc.size().height()))
        else:
            need = QSize(int(doc.idealWidth()), int(doc.size().height()))
    else:
        flags = int(label.alignment().value)
        if label.wordWrap():
            flags |= Qt.TextFlag.TextWordWrap.value
        need = QFontMetrics(label.font()).boundingRect(cr, flags, text).size()
    return max(need.width() - cr.width(), need.height() - cr.height(), 0)


def button_cut(button: QAbstractButton) -> int:
    if isinstance(button, QPushButton):
        opt = QStyleOptionButton()
        button.initStyleOption(opt)
        contents = button.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, opt, button
        )
        fm = QFontMetrics(button.font())
        text = fm.boundingRect(QRect(0, 0, 10_000, 10_000), 0, QAbstractButton.text(button)).size()
        width = text.width()
        height = text.height()
        if not button.icon().isNull():
            width += button.iconSize().width() + 4
            height = max(height, button.iconSize().height())
        cut = max(width - contents.width(), height - contents.height(), 0)
        return cut if cut > 1 else 0  # a bold glyph's overhang of a pixel cuts nothing
    if button.layout() is not None:
        return 0  # its words are labels inside it, checked as labels
    if isinstance(button, (QToolButton, QCheckBox, QRadioButton)):
        need = button.sizeHint()
        return max(need.width() - button.width(), need.height() - button.height(), 0)
    return 0


# --- colour --------------------------------------------------------------------------------
def luminance(colour: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _colours(image: QImage, rect: QRect) -> Counter[int]:
    rect = rect.intersected(image.rect())
    if rect.isEmpty():
        return Counter()
    step = max(1, min(rect.width(), rect.height()) // 24)
    return Counter(
        image.pixel(x, y) & 0xFFFFFF
        for x in range(rect.left(), rect.right() + 1, step)
        for y in range(rect.top(), rect.bottom() + 1, step)
    )


def text_contrast(widget: QWidget, image: QImage, rect: QRect) -> float | None:
    """Contrast of a widget's text against what is painted behind it. The background is the
    colour painted most; the ink is the widget's text colour when it is painted there, else
    (a style for a state: checked, pressed …) the painted colour that stands out most."""
    counts = _colours(image, rect)
    if len(counts) < 2:
        return None
    back = QColor.fromRgb(counts.most_common(1)[0][0])
    ink = widget.palette().color(widget.foregroundRole())
    state_styled = isinstance(widget, QAbstractButton) and (widget.isChecked() or widget.isDown())
    if state_styled or (ink.rgb() & 0xFFFFFF) not in counts or contrast(ink, back) < 1.1:
        total = sum(counts.values())
        frequent = [QColor.fromRgb(c) for c, n in counts.items() if n >= max(2, total // 1000)]
        ink = max(frequent, key=lambda c: contrast(c, back), default=ink)
    return contrast(ink, back)


# --- the check -----------------------------------------------------------------------------
def check_page(
    window: QWidget,
    page: str,
    screen: Screen,
    *,
    primary: Iterable[QWidget] = (),
    terminal: bool = False,
    only: QWidget | None = None,
) -> list[Problem]:
    """Everything on ``window`` that does not fit ``screen`` now (see the module doc);
    ``only``: look at the widgets inside that one (an overlay covering the rest)."""
    root = only or window
    settle()
    problems: list[Problem] = []
    size = screen.logical
    over = max(window.width() - size.width(), window.height() - size.height())
    if over > 0:
        problems.append(
            Problem(
                page,
                "window",
                f"{window.width()}×{window.height()} larger than {size.width()}×{size.height()}",
                over,
            )
        )
    visible = QRect(QPoint(0, 0), size)

    def on_screen(widget: QWidget, scrolling: bool) -> int:
        seen = reachable_rect(widget, window, scrolling).intersected(visible)
        return _cut(widget.size(), seen)

    for widget in controls(root):
        cut = on_screen(widget, scrolling=True)
        if cut > 0:
            problems.append(Problem(page, describe(widget), "off screen", cut))
        if terminal and isinstance(widget, (QAbstractButton, QLineEdit)):
            small = MIN_TOUCH_PX - min(widget.width(), widget.height())
            if small > 0:
                problems.append(
                    Problem(
                        page,
                        describe(widget),
                        f"touch target {widget.width()}×{widget.height()}",
                        small,
                    )
                )
    for widget in primary:
        if not _shown(widget, window):
            problems.append(Problem(page, describe(widget), "primary action not shown"))
            continue
        cut = on_screen(widget, scrolling=False)
        if cut > 0:
            problems.append(Problem(page, describe(widget), "primary action needs scrolling", cut))

    shown_texts = texts(root)
    image = window.grab().toImage() if shown_texts else QImage()
    boxes: list[tuple[QWidget, QRect]] = []
    for widget in shown_texts:
        cut = label_cut(widget) if isinstance(widget, QLabel) else button_cut(widget)  # type: ignore[arg-type]
        text = widget.text()  # type: ignore[attr-defined]
        carried = widget.toolTip() + widget.accessibleDescription()
        elided = bool(carried) and ("…" in text or text in carried)  # the whole text is there
        if cut > 0 and not elided:
            problems.append(Problem(page, describe(widget), "text cut", cut))
        in_scroll = any(_scroll_viewport(a) for a in _ancestors(widget, window))
        # in a scroll area (pages scroll up and down only) words can still be cut off at the
        # side: a page wider than its viewport hides its right edge under the scroll bar
        off = side_cut(widget, window, visible) if in_scroll else on_screen(widget, True)
        if off > 0 and not elided:
            problems.append(Problem(page, describe(widget), "text off screen", off))
        seen = reachable_rect(widget, window, scrolling=False).intersected(visible)
        if terminal:
            pt = widget.font().pointSizeF()
            if pt <= 0:
                pt = widget.font().pixelSize() * 72 / 96
            if pt < MIN_TERMINAL_PT:
                problems.append(Problem(page, describe(widget), f"text {pt:g} pt < 18 pt"))
        if seen.isEmpty():
            continue
        if isinstance(widget, QLabel):
            boxes.append((widget, seen))
        if widget.isEnabled() and seen.size() == widget.size():  # the words wholly in view
            inset = min(6, seen.width() // 4, seen.height() // 4)  # inside a button's border
            ratio = text_contrast(widget, image, seen.adjusted(inset, inset, -inset, -inset))
            if ratio is not None and ratio < MIN_CONTRAST:
                problems.append(Problem(page, describe(widget), f"contrast {ratio:.2f}:1 < 4.5:1"))
    problems += overlaps(page, boxes)
    return problems


def overlaps(page: str, boxes: list[tuple[QWidget, QRect]]) -> list[Problem]:
    """Texts drawn over each other (neither inside the other)."""
    out = []
    for i, (a, ra) in enumerate(boxes):
        for b, rb in boxes[i + 1 :]:
            if not ra.intersects(rb) or a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            common = ra.intersected(rb)
            px = min(common.width(), common.height())
            if px > 2:
                out.append(Problem(page, f"{describe(a)} / {describe(b)}", "texts overlap", px))
    return out


def report(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
