/* Geo Explorer map tools: cursor position, the view, measuring, drawing a box, picking a province,
 * the active area's outline, a context menu on the map, and stepping through pins with the keyboard.
 *
 * The tools only draw and report; the host decides. Each report is a small
 * message (see explorer/gui/bridge.py MESSAGE_TYPES) sent as a DOM event
 * that the host's isolated-world script checks and forwards:
 *   cursor {lat, lon}                       the pointer moved (at most every 50 ms)
 *   view {lat, lon, zoom, west, ...}        the map stopped moving
 *   mapMenu {lat, lon, x, y}                right-click on the map (not on a pin)
 *   measure {km}                            the measured line changed
 *   area {west, south, east, north}         a box was drawn
 *   pick {lat, lon}                         a click while picking a province
 *   toolDone {tool}                         a tool finished (or Esc): the host unticks it
 * The host calls GE.tools.mode("measure" | "box" | "province" | null),
 * GE.tools.showArea(feature | null) and GE.tools.setView(lat, lon, zoom).
 */
(function () {
  "use strict";
  var GE = window.geoExplorer;
  var T = { map: null, current: null, measureLine: null, measurePts: [], measureLayer: null, box: null,
            boxStart: null, areaLayer: null, lastCursor: 0 };
  GE.tools = T;

  function send(obj) { if (GE.message) GE.message(obj); }
  function r6(x) { return Math.round(x * 1e6) / 1e6; }

  T.attach = function (map) {
    T.map = map;
    T.measureLayer = L.layerGroup().addTo(map);
    map.on("mousemove", function (e) {
      var now = Date.now();
      if (now - T.lastCursor > 50) {
        T.lastCursor = now;
        send({ type: "cursor", lat: r6(e.latlng.lat), lon: r6(L.Util.wrapNum(e.latlng.lng, [-180, 180], true)) });
      }
      if (T.current === "measure" && T.measurePts.length) drawMeasure(e.latlng);
      if (T.current === "box" && T.boxStart) drawBox(e.latlng);
    });
    var viewTimer = null;
    map.on("moveend", function () {
      clearTimeout(viewTimer);
      viewTimer = setTimeout(function () {
        var c = map.getCenter(), b = map.getBounds();
        send({ type: "view", lat: r6(c.lat), lon: r6(c.lng), zoom: map.getZoom(),
               west: r6(b.getWest()), south: r6(b.getSouth()), east: r6(b.getEast()), north: r6(b.getNorth()) });
      }, 300);
    });
    map.on("contextmenu", function (e) {
      var p = e.containerPoint;
      send({ type: "mapMenu", lat: r6(e.latlng.lat), lon: r6(L.Util.wrapNum(e.latlng.lng, [-180, 180], true)),
             x: Math.round(p.x), y: Math.round(p.y) });
    });
    map.on("click", function (e) {
      if (T.current === "measure") addMeasurePoint(e.latlng);
      else if (T.current === "province") {
        send({ type: "pick", lat: r6(e.latlng.lat), lon: r6(L.Util.wrapNum(e.latlng.lng, [-180, 180], true)) });
        T.mode(null, true);
      }
    });
    map.on("dblclick", function () { if (T.current === "measure") T.mode(null, true); });
    map.on("mousedown", function (e) {
      if (T.current !== "box" || (e.originalEvent && e.originalEvent.button !== 0)) return;
      T.boxStart = e.latlng;
      drawBox(e.latlng);
    });
    map.on("mouseup", function (e) {
      if (T.current !== "box" || !T.boxStart) return;
      var b = L.latLngBounds(T.boxStart, e.latlng);
      T.boxStart = null;
      if (T.box) { T.box.remove(); T.box = null; }
      var w = L.Util.wrapNum(b.getWest(), [-180, 180], true), east = L.Util.wrapNum(b.getEast(), [-180, 180], true);
      if (b.getNorth() - b.getSouth() > 1e-4 && Math.abs(east - w) > 1e-4) {
        send({ type: "area", west: r6(Math.min(w, east)), south: r6(b.getSouth()), east: r6(Math.max(w, east)),
               north: r6(b.getNorth()) });
      }
      T.mode(null, true);
    });
    document.addEventListener("keydown", onKey, true);
    if (window.GE_PLACES && window.GE_PLACES.area) T.showArea(window.GE_PLACES.area);
  };

  /* Switch tool; ``done`` says the tool finished by itself (the host is told, to untick its button). */
  T.mode = function (name, done) {
    var map = T.map, was = T.current;
    if (!map) return;
    T.current = name || null;
    var container = map.getContainer();
    container.classList.toggle("ge-tool-active", !!T.current);
    if (T.current === "box") map.dragging.disable(); else map.dragging.enable();
    if (T.current === "measure") map.doubleClickZoom.disable(); else map.doubleClickZoom.enable();
    if (T.current === "measure") { T.measurePts = []; T.measureLayer.clearLayers(); T.measureLine = null; }
    if (!T.current && T.box) { T.box.remove(); T.box = null; T.boxStart = null; }
    if (done && was) send({ type: "toolDone", tool: was });
  };

  T.clearMeasure = function () { T.measurePts = []; T.measureLayer.clearLayers(); T.measureLine = null; };

  function km(pts) {
    var d = 0;
    for (var i = 1; i < pts.length; i++) d += pts[i - 1].distanceTo(pts[i]);  // Leaflet: great circle, metres
    return d / 1000;
  }

  function fmt(k) { return k < 10 ? k.toFixed(2) + " km" : k < 1000 ? k.toFixed(1) + " km" : Math.round(k) + " km"; }

  function addMeasurePoint(ll) {
    T.measurePts.push(ll);
    L.circleMarker(ll, { radius: 4, color: "#222", weight: 2, fillColor: "#fff", fillOpacity: 1, interactive: false })
      .addTo(T.measureLayer);
    drawMeasure(null);
    send({ type: "measure", km: Math.round(km(T.measurePts) * 1000) / 1000 });
  }

  function drawMeasure(cursor) {
    var pts = T.measurePts.slice();
    if (cursor) pts.push(cursor);
    if (!T.measureLine) {
      T.measureLine = L.polyline(pts, { color: "#222", weight: 2, dashArray: "6 4", interactive: false })
        .addTo(T.measureLayer);
      T.measureLine.bindTooltip("", { permanent: true, direction: "right", className: "ge-measure-label" });
    } else {
      T.measureLine.setLatLngs(pts);
    }
    if (pts.length > 1) {
      T.measureLine.setTooltipContent(fmt(km(pts)));
      T.measureLine.openTooltip(pts[pts.length - 1]);
    }
  }

  function drawBox(ll) {
    var b = L.latLngBounds(T.boxStart, ll);
    if (!T.box) {
      T.box = L.rectangle(b, { color: "#1d4ed8", weight: 2, dashArray: "5 4", fillOpacity: 0.08, interactive: false })
        .addTo(T.map);
    } else {
      T.box.setBounds(b);
    }
  }

  /* The active area (a Feature from the host: a province's polygons, a circle's centre with its km, a box). */
  T.showArea = function (feature) {
    if (T.areaLayer) { T.areaLayer.remove(); T.areaLayer = null; }
    if (!feature || !T.map) return;
    var style = { color: "#1d4ed8", weight: 2, dashArray: "6 4", fill: true, fillOpacity: 0.05, interactive: false };
    var g = feature.geometry, label = (feature.properties && feature.properties.label) || "";
    if (g.type === "Point") {
      var km = feature.properties.km;
      T.areaLayer = L.circle([g.coordinates[1], g.coordinates[0]], L.extend({ radius: km * 1000 }, style));
    } else {
      T.areaLayer = L.geoJSON(feature, { style: function () { return style; }, interactive: false });
    }
    T.areaLayer.addTo(T.map);
    if (label) T.areaLayer.bindTooltip(label, { sticky: true });
    if (T.areaLayer.bringToBack) T.areaLayer.bringToBack();
  };

  T.setView = function (lat, lon, zoom) { if (T.map) T.map.setView([lat, lon], zoom, { animate: false }); };

  /* Keyboard: arrows step from the focused pin to the next one in view (left to right, top to bottom);
     Enter opens it (geo_pins.js); Esc ends a tool. Without a focused pin the arrows pan the map. */
  function onKey(e) {
    if (e.key === "Escape" && T.current) { T.mode(null, true); e.preventDefault(); return; }
    var P = GE.pins;
    if (!P || !P.inViewIds) return;
    var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (!(e.key in keys)) return;
    var node = document.activeElement, id = node && node.getAttribute && node.getAttribute("data-place-id");
    if (!id && node && node.querySelector) {
      var inner = node.querySelector("[data-place-id]");
      id = inner && inner.getAttribute("data-place-id");
    }
    if (!id) return;
    var ids = P.inViewIds(), k = ids.indexOf(id);
    if (!ids.length) return;
    var next = ids[(k + keys[e.key] + ids.length) % ids.length];
    T.focusPin(next);
    e.preventDefault();
    e.stopPropagation();
  }

  T.focusPin = function (placeId) {
    var P = GE.pins, m = P && P.markers[placeId];
    if (!m) return false;
    var el = m.getElement && m.getElement();
    if (el) el.focus();
    if (m.openTooltip) m.openTooltip();
    return true;
  };
})();
