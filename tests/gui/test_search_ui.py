"""Find a place (issue 10, item 5): the search box looks up the gazetteer as you type, places first, then
article text; choosing a place flies the map there and opens its panel, choosing an article opens it.

The window reads articles written here (the application's geoparser reads them); what is expected comes
from the gazetteer's own search (search_places) and the project, never from a list typed into the test.
"""
from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from explorer.core.places.search import project_place_ids, search_places
from explorer.gui.main_window import MainWindow
from explorer.gui.search_ui import ARTICLE, PLACE, zoom_for

ARTICLES = {
    "isfahan.txt": "Bakers strike in Isfahan\nBakers in Isfahan closed their shops on 4 May 2024 over flour prices, "
                   "a union spokesman said. Shops in Isfahan reopened two days later.\n",
    "quetta.txt": "Rain in Quetta\nHeavy rain flooded streets in Quetta on 9 May 2024, officials said.\n",
}


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings, tmp_path):
    paths = []
    for name, text in ARTICLES.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    w = MainWindow(sources=paths, settings=settings)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitUntil(lambda: w.project is not None and w.project.counts()["articles"] == 2 and w.map.ready,
                    timeout=120000)
    w.search.start_loading()  # what the box's first focus or keystroke does
    qtbot.waitUntil(w.search.ready.is_set, timeout=120000)
    yield w
    w.close()


def project_place(w, name: str):
    """The project's place the geoparser read ``name`` as."""
    found = [p.place for p in w.project.places() if p.place.name == name]
    assert found, f"the geoparser did not read {name} in the test's articles"
    return found[0]


def typed(w, qtbot, text: str):
    """Type ``text`` into the search box as a user would, and wait for the debounced list."""
    w.search_box.clear()
    w.search_box.setFocus()
    if text.isascii():
        QTest.keyClicks(w.search_box, text)
    else:  # (QTest types ASCII only: accented text comes as an input method or a paste gives it)
        w.search_box.insert(text)
    qtbot.waitUntil(lambda: w.search_results.count() > 0 and not w.search.timer.isActive(), timeout=5000)


def place_ids(w) -> list[str]:
    return [w.search.hits[it.data(Qt.UserRole)[1]].place_id for it in w.search.items(PLACE)]


def centre(w):
    return w.map.evaluate("(function () { var c = window.geoExplorer.map.getCenter(); return [c.lat, c.lng]; })()")


def near(a, b, tol=0.05) -> bool:
    return a is not None and math.hypot(a[0] - b[0], a[1] - b[1]) < tol


def test_typing_a_place_lists_places_first_with_kind_and_country(window, qtbot):
    isfahan = project_place(window, "Isfahan")
    typed(window, qtbot, "Isfahan")
    rows = [window.search_results.item(r) for r in range(window.search_results.count())]
    kinds = [(it.data(Qt.UserRole) or (None,))[0] for it in rows]
    assert rows[0].text().startswith("Places")  # the first section's heading
    first_place, first_article = kinds.index(PLACE), kinds.index(ARTICLE)
    assert first_place < first_article
    assert all(k != PLACE for k in kinds[first_article:])  # places, then articles
    # the project's own Isfahan comes first, marked with how often the project names it
    assert place_ids(window)[0] == isfahan.place_id
    hit = window.search.hits[0]
    first = window.search.items(PLACE)[0].text()
    assert hit.country_name and hit.country_name in first and hit.kind in first
    assert "3 mentions" in first  # the article names Isfahan three times (title, body twice)
    # the gazetteer's own ranking otherwise: the same places as search_places says
    expected = [h.place_id for h in search_places("Isfahan", limit=len(window.search.hits),
                                                  project_places=project_place_ids(window.project))]
    assert place_ids(window) == expected
    # article hits are those of the project's text search
    assert len(window.search.items(ARTICLE)) == len(window.project.search("Isfahan"))


def test_accents_and_case_find_the_same_place(window, qtbot):
    isfahan = project_place(window, "Isfahan")
    typed(window, qtbot, "isfahan")
    assert place_ids(window)[0] == isfahan.place_id
    typed(window, qtbot, "ISFAHAN")
    assert place_ids(window)[0] == isfahan.place_id
    # "Esfahan": an alternate name the gazetteer gives the city (checked against the gazetteer itself)
    alternates = {h.place_id for h in search_places("Esfahan", limit=5)}
    assert isfahan.place_id in alternates
    typed(window, qtbot, "esfahan")
    assert isfahan.place_id in place_ids(window)
    # accents typed where the gazetteer has none, and the other way round
    typed(window, qtbot, "Ísfáhán")
    assert place_ids(window)[0] == isfahan.place_id


def test_a_place_no_article_names_flies_the_map_and_says_so(window, qtbot):
    assert window.project.places()  # (the project has places: this one is not among them)
    ours = project_place_ids(window.project)
    typed(window, qtbot, "Zahedan")
    items = window.search.items(PLACE)
    i = next(n for n, it in enumerate(items) if window.search.hits[it.data(Qt.UserRole)[1]].place_id not in ours)
    hit = window.search.hits[items[i].data(Qt.UserRole)[1]]
    assert "mention" not in items[i].text()
    qtbot.mouseClick(window.search_results.viewport(), Qt.LeftButton,
                     pos=window.search_results.visualItemRect(items[i]).center())
    qtbot.waitUntil(lambda: near(centre(window), (hit.lat, hit.lon)), timeout=5000)
    qtbot.waitUntil(lambda: window.map.evaluate("window.geoExplorer.map.getZoom()") == zoom_for(hit.kind),
                    timeout=5000)
    assert "No article names" in window.statusBar().currentMessage()
    assert hit.name in window.statusBar().currentMessage()
    assert "No article in this project names" in window.panel.browser.toPlainText()
    assert window.panel.place_id is None


def test_a_project_place_opens_its_panel_with_the_keyboard(window, qtbot):
    quetta = project_place(window, "Quetta")
    typed(window, qtbot, "quetta")
    assert place_ids(window)[0] == quetta.place_id
    QTest.keyClick(window.search_box, Qt.Key_Down)  # the first place
    assert window.search_results.currentItem() is window.search.items(PLACE)[0]
    QTest.keyClick(window.search_box, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.panel.place_id == quetta.place_id, timeout=5000)
    assert "Quetta" in window.panel.header.text()
    assert "Heavy rain flooded streets" in window.panel.browser.toPlainText()
    qtbot.waitUntil(lambda: near(centre(window), (quetta.lat, quetta.lon), 0.5), timeout=5000)
    # and the pin is selected once the map is there
    qtbot.waitUntil(lambda: window.map.evaluate("window.geoExplorer.pins.selected") == quetta.place_id,
                    timeout=5000)


def test_down_steps_over_the_headings_to_the_articles(window, qtbot):
    typed(window, qtbot, "bakers")  # a word of the text, and no place's name
    articles = window.search.items(ARTICLE)
    assert len(articles) == 1 and "Bakers strike in Isfahan" in articles[0].text()
    for _ in range(len(window.search.items(PLACE)) + 1):
        QTest.keyClick(window.search_box, Qt.Key_Down)
    assert window.search_results.currentItem() is articles[0]
    QTest.keyClick(window.search_box, Qt.Key_Return)
    qtbot.waitUntil(lambda: window._last_article_dialog is not None, timeout=5000)
    assert window._last_article_dialog.article_id == articles[0].data(Qt.UserRole)[1]


def test_an_article_hit_opens_the_article(window, qtbot):
    typed(window, qtbot, "flooded streets")
    (item,) = window.search.items(ARTICLE)
    window.search.choose(item)
    qtbot.waitUntil(lambda: window._last_article_dialog is not None, timeout=5000)
    dlg = window._last_article_dialog
    assert dlg.windowTitle() == "Rain in Quetta"
    assert "flooded" in dlg.browser.toPlainText()


def test_escape_clears_and_an_empty_box_hides_the_list(window, qtbot):
    typed(window, qtbot, "quetta")
    assert window.search_dock.isVisible()
    QTest.keyClick(window.search_box, Qt.Key_Escape)
    assert window.search_box.text() == ""
    qtbot.waitUntil(lambda: not window.search_dock.isVisible(), timeout=3000)
