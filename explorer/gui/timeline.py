"""The timeline panel: events per day, week or month stacked by ACLED type, a brush, playback.

The panel only shows and sets the :class:`~explorer.core.viewstate.ViewState`:
its brush is the filters' date window (``date_from``/``date_to``), its
switch is ``include_undated``, and how it looks (the days in view, the bar
width, the playback window, cumulative or not, the speed) is the state's
``timeline``, saved with the project. The arithmetic (bars, axes, brush,
playback frames, words) is :mod:`explorer.core.timeline`; this module draws
it and turns mouse and keys into state changes.

Mouse: drag to select days (snapped to whole days); drag the brush to move
it, its edges to resize it; click a bar to select it; double-click (or
Esc, or Clear) to clear; the wheel zooms about the cursor (the bars follow:
days, weeks, months), a horizontal wheel or a middle-button drag pans.
Keys, with the panel focused: arrows move the brush by a bar (Shift:
resize it), Space plays or pauses, + and - zoom, Home fits the events.

Playback steps the date window through the events in view, never faster
than the map draws: a step waits for the map's ``countsShown`` (see
:meth:`TimelinePanel.pace_with`) and for the chosen time per step.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from explorer import applog
from explorer.core import timeline as tl
from explorer.core.store import views
from explorer.core.viewstate import Timeline, ViewState
from explorer.mapdoc.document import ACLED_COLOURS

COLOURS = {**ACLED_COLOURS, tl.OTHER: "#9e9e9e"}  # the map's colours, and grey for events of no type
BRUSH_COLOUR = QColor("#1f6feb")
SPEEDS = ((250, "0.25 s"), (500, "0.5 s"), (1000, "1 s"), (2000, "2 s"), (4000, "4 s"))
MAP_WAIT_MS = 4000  # a step goes on after this long even if the map never says it drew (it may be hidden)
KEY_COMMIT_MS = 150  # arrow keys move the brush at once and set the filters when the keys rest this long
DRAG_PX = 3  # a press that moves less than this is a click
EDGE_PX = 5  # how near an edge of the brush grabs it
DATE_FIELDS = {"date_from", "date_to"}


class HistogramView(QWidget):
    """The bars, the axes and the brush of a :class:`TimelinePanel` (which holds what is drawn)."""

    def __init__(self, panel: TimelinePanel):
        super().__init__(panel)
        self.panel = panel
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setAccessibleName("Timeline")
        self.setToolTip("")
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() * 0.9))
        self.axis_font = f
        self._drag: dict | None = None
        self.scale: tl.Scale | None = None
        self.bars: list[tl.Bar] = []
        self.bucket = "day"
        self.plot = QRectF()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(800, 160)

    # -- geometry ------------------------------------------------------------
    def layout_for(self, view: tuple[date, date]) -> None:
        """Work out the plot's rectangle, scale, bucket and bars for the days in ``view``."""
        p = self.panel
        fm = QFontMetricsF(self.axis_font)
        bottom = fm.height() * 2 + 10
        left = fm.horizontalAdvance("0" * 6) + 10
        plot = QRectF(left, 8, max(10.0, self.width() - left - 12), max(10.0, self.height() - 8 - bottom))
        self.plot = plot
        self.scale = tl.Scale(view[0], view[1], plot.left(), plot.width())
        t = p.state.timeline
        self.bucket = t.bucket if t.bucket != "auto" else tl.auto_bucket(self.scale.days, plot.width())
        self.bars = p.counts.bars(view[0], view[1], self.bucket)

    # -- painting ------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        p = self.panel
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, False)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.Base))
        text_colour = pal.color(QPalette.Text)
        muted = QColor(text_colour)
        muted.setAlpha(150)
        view = p.view_range()
        if view is None:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignCenter, p.empty_message())
            self._focus_frame(painter)
            return
        self.layout_for(view)
        plot, scale = self.plot, self.scale
        painter.setFont(self.axis_font)
        fm = QFontMetricsF(self.axis_font)
        top_count, counts = tl.count_ticks(max((b.total for b in self.bars), default=0), plot.height(),
                                           min_gap=fm.height() + 4)
        grid = QColor(text_colour)
        grid.setAlpha(28)

        def y_of(n: float) -> float:
            return plot.bottom() - n / top_count * plot.height()

        for n in counts:  # the count axis: grid lines and labels, whole numbers
            y = y_of(n)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                             Qt.AlignRight | Qt.AlignVCenter, f"{n:,}")

        painter.save()
        painter.setClipRect(plot.adjusted(0, -1, 0, 1))
        for bar in self.bars:  # stacked bars, in the map's colours
            x0 = scale.x(max(bar.start, scale.lo))
            x1 = scale.x(min(bar.end, scale.hi) + timedelta(days=1))
            if x1 - x0 >= 4:
                x0, x1 = x0 + 0.5, x1 - 0.5
            y = plot.bottom()
            for kind, n in bar.parts():
                h = n / top_count * plot.height()
                painter.fillRect(QRectF(x0, y - h, max(1.0, x1 - x0), h), QColor(COLOURS.get(kind, "#9e9e9e")))
                y -= h
        brush = p.shown_brush()
        if brush is not None:  # the brush: what is outside it dimmed, its edges drawn
            bx0 = scale.x(brush.start)
            bx1 = scale.x(brush.end + timedelta(days=1))
            veil = QColor(pal.color(QPalette.Base))
            veil.setAlpha(170)
            painter.fillRect(QRectF(plot.left(), plot.top(), max(0.0, bx0 - plot.left()), plot.height()), veil)
            painter.fillRect(QRectF(bx1, plot.top(), max(0.0, plot.right() - bx1), plot.height()), veil)
            fill = QColor(BRUSH_COLOUR)
            fill.setAlpha(28)
            painter.fillRect(QRectF(bx0, plot.top(), bx1 - bx0, plot.height()), fill)
            painter.setPen(QPen(BRUSH_COLOUR, 1.5))
            painter.drawLine(QPointF(bx0, plot.top()), QPointF(bx0, plot.bottom()))
            painter.drawLine(QPointF(bx1, plot.top()), QPointF(bx1, plot.bottom()))
            painter.setBrush(BRUSH_COLOUR)
            mid = plot.center().y()
            for x in (bx0, bx1):
                painter.drawRoundedRect(QRectF(x - 3, mid - 10, 6, 20), 2, 2)
            painter.setBrush(Qt.NoBrush)
        painter.restore()

        # the date axis: tick lines and short labels, and the month (or year) under them
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        axis = tl.date_axis(scale, fm.horizontalAdvance, gap=8)
        row1 = plot.bottom() + 3
        for t in axis.ticks:
            painter.setPen(QPen(muted, 1))
            painter.drawLine(QPointF(t.x, plot.bottom()), QPointF(t.x, plot.bottom() + 3))
            if t.label:
                painter.setPen(text_colour)
                w = fm.horizontalAdvance(t.label)
                painter.drawText(QRectF(t.x - w / 2 - 1, row1, w + 2, fm.height()), Qt.AlignCenter, t.label)
        bold = QFont(self.axis_font)
        bold.setBold(True)
        row2 = row1 + fm.height() + 1
        for t in axis.context:
            painter.setPen(QPen(muted, 1))
            painter.drawLine(QPointF(t.x, plot.bottom()), QPointF(t.x, row2 + fm.height() - 2))
            painter.setFont(bold)
            painter.setPen(text_colour)
            painter.drawText(QRectF(t.x + 3, row2, plot.right() - t.x, fm.height()), Qt.AlignLeft | Qt.AlignVCenter,
                             t.label)
            painter.setFont(self.axis_font)

        if not any(b.total for b in self.bars):  # a range with no events says so
            painter.setPen(muted)
            painter.setFont(self.font())
            painter.drawText(plot, Qt.AlignCenter, p.no_events_in_view_message(view))
        self._focus_frame(painter)

    def _focus_frame(self, painter: QPainter) -> None:
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.Highlight), 1, Qt.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -1.5, -1.5))

    # -- mouse ---------------------------------------------------------------
    def bar_at(self, x: float) -> tl.Bar | None:
        if self.scale is None or not self.plot.left() <= x <= self.plot.right():
            return None
        day = self.scale.day_at(x)
        return next((b for b in self.bars if b.start <= day <= b.end), None)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.setFocus(Qt.MouseFocusReason)
        if self.scale is None:
            return
        x = event.position().x()
        if event.button() == Qt.MiddleButton:
            self._drag = {"mode": "pan", "x": x, "view": (self.scale.lo, self.scale.hi), "moved": True}
            self.setCursor(Qt.ClosedHandCursor)
            return
        if event.button() != Qt.LeftButton:
            return
        brush = self.panel.shown_brush()
        hit = brush.hit(x, self.scale, EDGE_PX) if brush is not None else None
        mode = {"start": "start", "end": "end", "inside": "move"}.get(hit, "new")
        self._drag = {"mode": mode, "x": x, "brush": brush, "day": self.scale.day_at(x), "moved": False}

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        x = event.position().x()
        d = self._drag
        if d is None:
            self._hover(event)
            return
        if not d["moved"] and abs(x - d["x"]) < DRAG_PX:
            return
        d["moved"] = True
        scale = self.scale
        if d["mode"] == "pan":
            days = -round((x - d["x"]) / scale.px_per_day)
            self.panel.set_view(tl.pan(d["view"], days, self.panel.bounds()))
            return
        self.panel.interrupted()
        if d["mode"] == "new":
            b = tl.Brush.between(d["day"], scale.day_at(x))
        elif d["mode"] == "move":
            b = d["brush"].moved(round((x - d["x"]) / scale.px_per_day), self.panel.bounds())
        else:
            b = d["brush"].with_edge(d["mode"], scale.nearest_edge(x))
        self.panel.preview(b)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        d, self._drag = self._drag, None
        self.unsetCursor()
        if d is None or d["mode"] == "pan":
            return
        if d["moved"]:
            self.panel.commit_preview()
            return
        # a click: on a bar outside the brush, select the bar's days
        if d["mode"] == "new":
            bar = self.bar_at(event.position().x())
            if bar is not None and bar.total:
                self.panel.interrupted()
                self.panel.set_brush(tl.Brush(bar.start, bar.end))

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            self._drag = None
            self.panel.clear_brush()

    def _hover(self, event) -> None:
        if self.scale is None:
            return
        x = event.position().x()
        brush = self.panel.shown_brush()
        hit = brush.hit(x, self.scale, EDGE_PX) if brush is not None else None
        if hit in ("start", "end"):
            self.setCursor(Qt.SizeHorCursor)
        elif hit == "inside":
            self.setCursor(Qt.OpenHandCursor)
        else:
            self.setCursor(Qt.CrossCursor)
        bar = self.bar_at(x)
        if bar is not None and bar.total:
            QToolTip.showText(event.globalPosition().toPoint(), tl.bar_text(bar, self.bucket), self)
        else:
            QToolTip.hideText()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.scale is None:
            return
        delta = event.angleDelta()
        x = event.position().x()
        if delta.x() and abs(delta.x()) > abs(delta.y()) or event.modifiers() & Qt.ShiftModifier:
            steps = (delta.x() or delta.y()) / 120
            self.panel.pan_by(-round(steps * self.scale.days / 10) or (-1 if steps > 0 else 1))
        elif delta.y():
            self.panel.zoom_by(0.8 ** (delta.y() / 120), self.scale.day_at(x))
        event.accept()

    # -- keys ------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        p = self.panel
        if key in (Qt.Key_Left, Qt.Key_Right):
            n = 1 if key == Qt.Key_Right else -1
            p.step_brush(n, resize=bool(mods & Qt.ShiftModifier))
        elif key == Qt.Key_Space:
            p.toggle_play()
        elif key == Qt.Key_Escape:
            p.stop() if p.playing else p.clear_brush()
        elif key in (Qt.Key_Plus, Qt.Key_Equal):
            p.zoom_by(0.5)
        elif key in (Qt.Key_Minus, Qt.Key_Underscore):
            p.zoom_by(2.0)
        elif key == Qt.Key_Home:
            p.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class TimelinePanel(QWidget):
    """A histogram of the events over time with a brush and playback, bound to a :class:`ViewState`.

    ``connection()`` gives the open project's connection (or None);
    :meth:`reload` reads a newly opened project. ``playbackStep(index,
    count)`` is emitted after each playback step.
    """

    playbackStep = Signal(int, int)
    playbackFinished = Signal()

    def __init__(self, state: ViewState, connection: Callable[[], sqlite3.Connection | None], parent=None):
        super().__init__(parent)
        self.state = state
        self.connection = connection
        self.counts = tl.DayCounts()
        self.span: tuple[date, date] | None = None  # the first and last day of any event (no filter)
        self._preview: tl.Brush | None = None  # a brush being dragged (not yet the filters' window)
        self._frames: list[tuple[date, date]] = []
        self._frame = 0
        self._plan: tuple[int, bool] | None = None
        self._before_play: tuple[date | None, date | None] | None = None
        self._own_update = False
        self._paced = False
        self._map_waiting = False
        self._time_waiting = False
        self.playing = False
        self.brush_events: int | None = None

        self.play_timer = QTimer(self, singleShot=True)
        self.play_timer.timeout.connect(self._time_up)
        self.map_timer = QTimer(self, singleShot=True, interval=MAP_WAIT_MS)
        self.map_timer.timeout.connect(self._map_late)
        self.key_timer = QTimer(self, singleShot=True, interval=KEY_COMMIT_MS)
        self.key_timer.timeout.connect(self.commit_preview)
        self.refresh_timer = QTimer(self, singleShot=True, interval=0)
        self.refresh_timer.timeout.connect(self.refresh)

        self.view = HistogramView(self)
        self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(self.controls)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.transport)
        state.subscribe(self._on_state_changed)
        self._sync_controls()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 200)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, 170)

    # -- controls --------------------------------------------------------------
    def _build_controls(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(6)
        style = self.style()
        self.play_button = QToolButton()
        self.play_button.setIcon(style.standardIcon(QStyle.SP_MediaPlay))
        self.play_button.setToolTip("Play: step the window through the events in view (Space)")
        self.play_button.clicked.connect(self.toggle_play)
        self.stop_button = QToolButton()
        self.stop_button.setIcon(style.standardIcon(QStyle.SP_MediaStop))
        self.stop_button.setToolTip("Stop: back to the dates chosen before playing")
        self.stop_button.clicked.connect(self.stop)
        self.window_spin = QSpinBox()
        self.window_spin.setRange(1, Timeline.MAX_WINDOW_DAYS)
        self.window_spin.setSuffix(" days")
        self.window_spin.setToolTip("How many days each step of playback shows")
        self.window_spin.valueChanged.connect(lambda v: self.state.set_timeline(window_days=int(v)))
        self.cumulative_check = QCheckBox("Cumulative")
        self.cumulative_check.setToolTip("Keep the first day: each step adds its days to what is shown")
        self.cumulative_check.toggled.connect(lambda v: self.state.set_timeline(cumulative=bool(v)))
        self.speed_combo = QComboBox()
        for ms, text in SPEEDS:
            self.speed_combo.addItem(f"{text} a step", ms)
        self.speed_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.speed_combo.setToolTip("The least time between steps (a step also waits for the map to draw)")
        self.speed_combo.activated.connect(
            lambda _i: self.state.set_timeline(step_ms=int(self.speed_combo.currentData())))
        self.summary = QLabel("")
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary.setMinimumWidth(120)
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Show every date again (Esc, or double-click the timeline)")
        self.clear_button.clicked.connect(self.clear_brush)
        self.undated_label = QLabel("")
        self.undated_label.setSizePolicy(QSizePolicy.Minimum, QSizePolicy.Preferred)
        self.undated_check = QCheckBox("Include undated")
        self.undated_check.setToolTip("Show the events with no date on the map too, whatever dates are chosen")
        self.undated_check.toggled.connect(lambda v: self.state.update(include_undated=bool(v)))
        self.bucket_combo = QComboBox()
        self.bucket_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for b in ("auto", "day", "week", "month"):
            self.bucket_combo.addItem(b.capitalize(), b)
        self.bucket_combo.setToolTip("Bar width: by the time in view (zoom with the wheel), or fixed")
        self.bucket_combo.activated.connect(
            lambda _i: self.state.set_timeline(bucket=self.bucket_combo.currentData()))
        self.fit_button = QToolButton()
        self.fit_button.setText("Fit")
        self.fit_button.setToolTip("Show every dated event (Home)")
        self.fit_button.clicked.connect(self.fit)
        # above the bars: what is chosen, and the undated events; under them: playback and the bars' width
        row.addWidget(self.summary, 1)
        row.addWidget(self.clear_button)
        row.addSpacing(12)
        row.addWidget(self.undated_label)
        row.addWidget(self.undated_check)
        transport = QHBoxLayout()
        transport.setSpacing(6)
        for w in (self.play_button, self.stop_button, QLabel("Window"), self.window_spin, self.cumulative_check,
                  self.speed_combo):
            transport.addWidget(w)
        transport.addStretch(1)
        for w in (QLabel("Bars"), self.bucket_combo, self.fit_button):
            transport.addWidget(w)
        self.controls, self.transport = row, transport

    def _sync_controls(self) -> None:
        """Show the state in the controls (they only ever show and set it)."""
        t, f = self.state.timeline, self.state.filters
        for w, set_value in ((self.window_spin, lambda: self.window_spin.setValue(t.window_days)),
                             (self.cumulative_check, lambda: self.cumulative_check.setChecked(t.cumulative)),
                             (self.undated_check, lambda: self.undated_check.setChecked(f.include_undated))):
            w.blockSignals(True)
            set_value()
            w.blockSignals(False)
        i = self.speed_combo.findData(t.step_ms)
        if i < 0:
            self.speed_combo.addItem(f"{t.step_ms / 1000:g} s a step", t.step_ms)
            i = self.speed_combo.count() - 1
        self.speed_combo.setCurrentIndex(i)
        self.bucket_combo.setCurrentIndex(max(0, self.bucket_combo.findData(t.bucket)))
        view = self.view_range()
        if view is not None:
            self.view.layout_for(view)  # the bars for the state as it is now (the bucket may have changed)
        auto = self.view.bucket if t.bucket == "auto" and view is not None else None
        self.bucket_combo.setItemText(0, f"Auto ({auto})" if auto else "Auto")
        dated = bool(self.span)
        for w in (self.play_button, self.stop_button, self.window_spin, self.cumulative_check, self.speed_combo,
                  self.bucket_combo, self.fit_button):
            w.setEnabled(dated)
        self.stop_button.setEnabled(dated and (self.playing or self._frame > 0))
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if self.playing
                                                           else QStyle.SP_MediaPlay))
        self.play_button.setText("Pause" if self.playing else "Play")
        self.clear_button.setEnabled(self.brush() is not None)
        u = self.counts.undated
        self.undated_label.setText(f"{u:,} undated" if u else "no undated events")
        self._show_summary()

    def _show_summary(self) -> None:
        if self.connection() is None:
            text = ""
        elif not self.span:
            text = "No dated events in this project"
        else:
            b = self._preview or self.brush()
            if b is None:
                total = self.counts.total
                if total:
                    text = (f"All dates ({tl.range_text(*self.span)}), {tl.plural(total, 'event')}: "
                            "drag on the timeline to choose dates")
                else:
                    text = f"No dated events under the filters {tl.between_text(*self.span)}"
            elif self._preview is not None:
                text = tl.range_text(b.start, b.end) + " …"
            else:
                text = tl.brush_text(b.start, b.end, self.brush_events or 0)
            if self.playing or self._frame:
                text += f" · step {max(1, self._frame)} of {len(self._frames)}"
        self.summary.setText(text)
        self.summary.setToolTip(text)

    # -- data ------------------------------------------------------------------
    def reload(self) -> None:
        """Read the open project afresh (a project was opened, or articles imported)."""
        self.stop(restore=False)
        conn = self.connection()
        self.span = views.date_span(conn) if conn is not None else None
        self.refresh()

    def refresh(self) -> None:
        """Count the events per day under the filters (the date window aside), then redraw."""
        conn = self.connection()
        if conn is None:
            self.counts = tl.DayCounts()
        else:
            f = replace(self.state.filters, date_from=None, date_to=None, include_undated=True)
            try:
                per_day, undated = views.histogram(conn, f, "day")
            except sqlite3.Error as exc:  # a project closing under us: show nothing rather than fail
                applog.log.warning("the timeline could not be read: %s", exc)
                per_day, undated = {}, 0
            self.counts = tl.DayCounts(per_day, undated)
        self._count_brush()
        self.view.update()
        self._sync_controls()

    def _count_brush(self) -> None:
        """How many dated events the date window holds (as the map counts them: their days overlap it)."""
        conn, b = self.connection(), self.brush()
        if conn is None or b is None:
            self.brush_events = None
            return
        f = replace(self.state.filters, include_undated=False, date_from=b.start, date_to=b.end)
        try:
            self.brush_events = views.counts(conn, f)["events"]
        except sqlite3.Error:
            self.brush_events = None

    def _on_state_changed(self, state: ViewState, changed: set[str]) -> None:
        if changed == {"view"}:
            return
        if changed & DATE_FIELDS:
            if self.playing and not self._own_update:
                self.pause()  # someone else chose dates: playback gives way
            self._count_brush()
        if changed - DATE_FIELDS - {"view", "timeline", "include_undated"}:
            self.refresh_timer.start()  # the other filters: the bars change (once for a burst of changes)
        if "timeline" in changed:
            self._replan()
        self.view.update()
        self._sync_controls()

    # -- the days in view ----------------------------------------------------
    def bounds(self) -> tuple[date, date] | None:
        return tl.view_bounds(*self.span) if self.span else None

    def view_range(self) -> tuple[date, date] | None:
        """The days in view: as the state keeps them, or fitted to the events; None without dated events."""
        if not self.span:
            return None
        t = self.state.timeline
        if t.view_from is None:
            return tl.fit_range(*self.span)
        b = self.bounds()
        return tl.clamp_view(t.view_from, (t.view_to - t.view_from).days + 1, b)

    def set_view(self, view: tuple[date, date] | None) -> None:
        if view is None:
            self.state.set_timeline(view_from=None, view_to=None)
        else:
            self.state.set_timeline(view_from=view[0], view_to=view[1])

    def zoom_by(self, factor: float, anchor: date | None = None) -> None:
        view = self.view_range()
        if view is None:
            return
        if anchor is None:
            b = self.shown_brush()
            anchor = b.start + (b.end - b.start) / 2 if b else view[0] + (view[1] - view[0]) / 2
        self.set_view(tl.zoom(view, anchor, factor, self.bounds()))

    def pan_by(self, days: int) -> None:
        view = self.view_range()
        if view is not None:
            self.set_view(tl.pan(view, days, self.bounds()))

    def fit(self) -> None:
        self.set_view(None)

    def empty_message(self) -> str:
        if self.connection() is None:
            return "No project is open."
        u = self.counts.undated
        extra = f" ({tl.plural(u, 'event')} with no date: see the switch above, on the right)" if u else ""
        return "No dated events in this project, so no timeline to draw" + extra

    def no_events_in_view_message(self, view: tuple[date, date]) -> str:
        why = " under the filters" if self.state.filters.event_filter_active else ""
        return f"No events {tl.between_text(*view)}{why}"

    # -- the brush -------------------------------------------------------------
    def brush(self) -> tl.Brush | None:
        """The filters' date window as a brush (an open end reaches the events' first or last day)."""
        f = self.state.filters
        if f.date_from is None and f.date_to is None:
            return None
        lo, hi = self.span or (f.date_from or f.date_to, f.date_to or f.date_from)
        a, b = f.date_from or min(lo, f.date_to), f.date_to or max(hi, f.date_from)
        return tl.Brush.between(a, b)

    def shown_brush(self) -> tl.Brush | None:
        return self._preview or self.brush()

    def preview(self, brush: tl.Brush) -> None:
        """Show a brush being dragged (the filters change on release)."""
        self._preview = brush
        self.view.update()
        self._show_summary()

    def commit_preview(self) -> None:
        b, self._preview = self._preview, None
        if b is not None:
            self.set_brush(b)

    def set_brush(self, brush: tl.Brush | None) -> None:
        """Make ``brush`` the filters' date window (None: every date)."""
        self._preview = None
        self.key_timer.stop()
        if brush is None:
            self.state.update(date_from=None, date_to=None)
        else:
            self.state.update(date_from=brush.start, date_to=brush.end)
        self.view.update()
        self._sync_controls()

    def clear_brush(self) -> None:
        self.interrupted()
        self.set_brush(None)

    def step_brush(self, n: int, resize: bool = False) -> None:
        """Move the brush by ``n`` bars (``resize``: move its end only); with no brush, select a bar."""
        view = self.view_range()
        if view is None:
            return
        self.interrupted()
        self.view.layout_for(view)
        bucket = self.view.bucket
        b = self.shown_brush()
        if b is None:
            first = self.counts.first_after(view[0]) or view[0]
            day = first if n > 0 else min(view[1], self.counts.last or view[1])
            start = tl.bucket_start(day, bucket)
            b = tl.Brush(start, tl.bucket_next(start, bucket) - timedelta(days=1))
        elif resize:
            if bucket == "month":
                end = tl.month_end(tl.add_months(b.end.replace(day=1), n))
            else:
                end = b.end + timedelta(days=n * (7 if bucket == "week" else 1))
            b = tl.Brush(b.start, max(b.start, min(end, self.bounds()[1])))
        else:
            b = b.stepped(bucket, n, self.bounds())
        self._preview = b
        if b.start < view[0] or b.end > view[1]:  # keep the brush in view
            days = (view[1] - view[0]).days
            self.set_view(tl.clamp_view(b.start - timedelta(days=days // 10) if b.start < view[0]
                                        else b.end - timedelta(days=days - days // 10), days + 1, self.bounds()))
        self.view.update()
        self._show_summary()
        self.key_timer.start()

    # -- playback --------------------------------------------------------------
    def pace_with(self, map_drawn_signal) -> None:
        """Let playback wait for ``map_drawn_signal`` (the map's ``countsShown``) after each step."""
        map_drawn_signal.connect(self.map_drawn)
        self._paced = True

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def play(self) -> None:
        """Play from the first step (or go on from where playback was paused)."""
        if self.playing:
            return
        t = self.state.timeline
        if not self._frames or self._frame >= len(self._frames):
            span = self.counts.play_range(self.view_range())
            if span is None:
                return
            self._frames = tl.play_frames(span[0], span[1], t.window_days, t.cumulative)
            self._plan = (t.window_days, t.cumulative)
            self._frame = 0
            f = self.state.filters
            self._before_play = (f.date_from, f.date_to)
        self.playing = True
        self._preview = None
        self._sync_controls()
        self._step()

    def pause(self) -> None:
        if not self.playing:
            return
        self.playing = False
        self.play_timer.stop()
        self.map_timer.stop()
        self._sync_controls()

    def stop(self, restore: bool = True) -> None:
        """End playback; ``restore``: back to the dates chosen before it started."""
        was = self.playing or self._frame > 0
        self.pause()
        before, self._before_play = self._before_play, None
        self._frames, self._frame = [], 0
        if restore and was and before is not None:
            self._own_update = True
            try:
                self.state.update(date_from=before[0], date_to=before[1])
            finally:
                self._own_update = False
        self._sync_controls()

    def interrupted(self) -> None:
        """The user took the brush: playback pauses where it is."""
        if self.playing:
            self.pause()
        self._frames, self._frame, self._before_play = [], 0, None

    def _replan(self) -> None:
        """The window or cumulative changed during playback: the steps left follow the new setting."""
        t = self.state.timeline
        if not self._frames or self._plan == (t.window_days, t.cumulative):
            return
        shown_to = self._frames[self._frame - 1][1] if self._frame else None
        first, last = self._frames[0][0], self._frames[-1][1]
        self._frames = tl.play_frames(first, last, t.window_days, t.cumulative)
        self._plan = (t.window_days, t.cumulative)
        if shown_to is None:
            self._frame = 0
        else:
            self._frame = next((i for i, (_a, b) in enumerate(self._frames) if b > shown_to), len(self._frames))
            if not t.cumulative and self._frame < len(self._frames):
                a, b = self._frames[self._frame]  # go on from the day after the last one shown
                self._frames[self._frame] = (max(a, shown_to + timedelta(days=1)), b)

    def _step(self) -> None:
        if not self.playing:
            return
        if self._frame >= len(self._frames):
            self.playing = False
            self._frames_done()
            return
        a, b = self._frames[self._frame]
        self._frame += 1
        self._own_update = True
        try:
            changed = self.state.update(date_from=a, date_to=b)
        finally:
            self._own_update = False
        self._map_waiting = bool(changed) and self._paced
        self._time_waiting = True
        self.play_timer.start(self.state.timeline.step_ms)
        if self._map_waiting:
            self.map_timer.start()
        self._sync_controls()
        self.playbackStep.emit(self._frame - 1, len(self._frames))

    def _frames_done(self) -> None:
        self.play_timer.stop()
        self.map_timer.stop()
        self._frames, self._frame, self._before_play = [], 0, None
        self._sync_controls()
        self.playbackFinished.emit()

    def _time_up(self) -> None:
        self._time_waiting = False
        if not self._map_waiting:
            self._step()

    def map_drawn(self) -> None:
        """The map has drawn its pins for the last filters: the next step may come."""
        if self._map_waiting:
            self._map_waiting = False
            self.map_timer.stop()
            if not self._time_waiting:
                self._step()

    def _map_late(self) -> None:
        applog.log.info("timeline playback: the map did not say it drew within %d ms; going on", MAP_WAIT_MS)
        self.map_drawn()

    # -- Qt --------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Space:
            self.toggle_play()
            event.accept()
            return
        super().keyPressEvent(event)
