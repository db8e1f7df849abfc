/* Geo Explorer basemap: Natural Earth vectors by zoom band and cell, and
 * basemap labels with collision handling.
 *
 * lib/basemap/index.js (window.GE_BASEMAP_INDEX) lists the zoom bands and the
 * cells that hold data; each cell is a script (lib/basemap/<band>/<i>_<j>.js)
 * that calls geBasemapCell(). Cells are loaded with <script> elements when
 * they come into view, so the basemap works from file: or any other scheme
 * the page is served from, with nothing but local files.
 *
 * Panes, bottom to top: land 210, water 220, rivers 230, boundaries 240,
 * disputed areas 250, graticule 260, (Leaflet's overlays 400: the border
 * region), labels 450, (Leaflet's markers 600: the pins, tooltips 650).
 * Nothing here takes the mouse except the disputed-area tooltips, and they
 * let drags through to the map.
 *
 * Text from the data is set with textContent, never as HTML.
 *
 * window.geoExplorer.basemap:
 *   init(map, {base, style, visible})  start (the document does it)
 *   setStyle("light" | "dark")         restyle in place
 *   setVisible(name, on), switchLayer(name)   admin1, rivers, places,
 *                                      disputed; graticule is a layer
 *   idle()                             cells in view are in and labelled
 *   placed                             the labels drawn: {kind, name, box}
 *   obstacleSources.push(fn)           fn() -> [[x0, y0, x1, y1], ...] in
 *                                      container pixels that labels avoid
 *                                      (pins and controls are avoided anyway)
 *   relayout()                         lay the labels out again
 */
(function () {
  "use strict";

  var PANES = [["geLand", 210], ["geWater", 220], ["geRivers", 230], ["geBounds", 240],
               ["geDisputed", 250], ["geGraticule", 260], ["geLabels", 450]];
  // Which pane each class is drawn in, and which overlay switch shows it.
  var CLASS_PANE = { land: "geLand", lake: "geWater", shore: "geWater", river1: "geRivers",
                     river2: "geRivers", river3: "geRivers", coast: "geBounds", a1: "geBounds",
                     a0: "geBounds" };
  var CLASS_SWITCH = { river1: "rivers", river2: "rivers", river3: "rivers", a1: "admin1" };
  var LABEL_SWITCH = { a: "admin1", c: "places", p: "places", r: "places" };

  var STYLES = {
    light: {
      background: "#b9d3e6",
      land: "#f3efe4", coast: "#87a9c3", lake: "#b9d3e6", shore: "#87a9c3",
      river: "#8db4d4", a0: "#8c8172", a1: "#a58db4", disputed: "#b5533c",
      graticule: "#6f8ea8",
    },
    dark: {
      background: "#16202a",
      land: "#30353d", coast: "#4a6279", lake: "#16202a", shore: "#4a6279",
      river: "#2f5573", a0: "#8e8a82", a1: "#6d6180", disputed: "#d0765d",
      graticule: "#4c6176",
    },
  };

  function pathStyle(cls, pal) {
    switch (cls) {
      case "land": return { stroke: false, fill: true, fillColor: pal.land, fillOpacity: 1 };
      case "lake": return { stroke: false, fill: true, fillColor: pal.lake, fillOpacity: 1 };
      case "coast": return { color: pal.coast, weight: 0.8, opacity: 1, fill: false };
      case "shore": return { color: pal.shore, weight: 0.6, opacity: 1, fill: false };
      case "river1": return { color: pal.river, weight: 1.6, opacity: 1, fill: false };
      case "river2": return { color: pal.river, weight: 1.1, opacity: 1, fill: false };
      case "river3": return { color: pal.river, weight: 0.7, opacity: 1, fill: false };
      case "a0": return { color: pal.a0, weight: 1.1, opacity: 1, fill: false };
      case "a1": return { color: pal.a1, weight: 0.9, opacity: 1, dashArray: "5 3", fill: false };
    }
    return {};
  }

  // Label look: CSS class, font for measuring, and whether the text is shown in capitals.
  var LABEL_LOOK = {
    n: { cls: "ge-bl-n", font: "bold 12px", upper: true, spacing: 0.96 },
    s: { cls: "ge-bl-s", font: "italic 11px", upper: false, spacing: 0.33 },
    c: { cls: "ge-bl-c", font: "bold 12px", upper: false, spacing: 0 },
    p: { cls: "ge-bl-p", font: "11px", upper: false, spacing: 0 },
    a: { cls: "ge-bl-a", font: "10px", upper: true, spacing: 0.6 },
    r: { cls: "ge-bl-r", font: "italic 10px", upper: true, spacing: 1.0 },
  };
  var FONT_FAMILY = "\"DejaVu Sans\", Arial, sans-serif";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  var BM = {
    index: null,
    map: null,
    base: "lib/basemap/",
    styleName: "light",
    palette: STYLES.light,
    visible: { admin1: true, rivers: true, places: true, disputed: true, graticule: false },
    cells: {},          // "band/key" -> Cell
    requested: {},      // "band/key" -> "loading" | "loaded" | "failed"
    disputed: {},       // band -> {layers: [...], shown: bool}
    pending: 0,         // cell scripts loading
    _waiting: 0,        // cells in view not in yet
    shown: [],          // cells on the map now
    renderers: {},
    placed: [],         // labels placed by the last layout: {kind, name, box}
    obstacleSources: [],
    _layoutTimer: null,
    _updateTimer: null,
    _retries: {},
    // counts, and times in ms since the page started (performance.now())
    stats: { loads: 0, failures: 0, layouts: 0, lastLayoutMs: 0, initAt: 0, lastCellAt: 0, lastUpdateAt: 0,
             lastUpdateMs: 0, lastLayoutAt: 0 },
  };

  // ---------------------------------------------------------------- decoding

  /* A ring or line: [x0, y0, dx1, dy1, ...] in units of q from (ox, oy).
   * Returns {ll: [LatLng...], x: Int32Array, y: Int32Array}. */
  function decode(arr, ox, oy, q) {
    var n = arr.length >> 1, ll = new Array(n), xs = new Int32Array(n), ys = new Int32Array(n);
    var x = 0, y = 0;
    for (var i = 0; i < n; i++) {
      x += arr[2 * i]; y += arr[2 * i + 1];
      xs[i] = x; ys[i] = y;
      ll[i] = L.latLng(oy + y * q, ox + x * q);
    }
    return { ll: ll, x: xs, y: ys };
  }

  /* The outline of a cut polygon ring without the pieces along the cut. */
  function outline(r, clip) {
    var n = r.ll.length, xs = r.x, ys = r.y;
    function onCut(i, j) {
      return (xs[i] === xs[j] && (xs[i] <= clip[0] || xs[i] >= clip[2])) ||
             (ys[i] === ys[j] && (ys[i] <= clip[1] || ys[i] >= clip[3]));
    }
    var start = -1;
    for (var k = 0; k < n; k++) if (onCut((k + n - 1) % n, k)) { start = k; break; }
    if (start < 0) return [r.ll.concat([r.ll[0]])];
    var lines = [], cur = [r.ll[start]];
    for (var s = 0; s < n; s++) {
      var i = (start + s) % n, j = (i + 1) % n;
      if (onCut(i, j)) {
        if (cur.length > 1) lines.push(cur);
        cur = [r.ll[j]];
      } else {
        cur.push(r.ll[j]);
      }
    }
    if (cur.length > 1) lines.push(cur);
    return lines;
  }

  function Cell(band, key, data) {
    this.band = band;
    this.key = key;
    this.data = data;
    this.groups = null;
    this.labels = (data.l || []).map(function (d) {
      return { kind: d[0], name: d[1], lon: d[2], lat: d[3], minZoom: d[4], rank: d[5],
               id: d[0] + "|" + d[1] + "|" + d[2] + "|" + d[3] };
    });
    this.onMap = false;
  }

  /* The cell's groups (one per class and first zoom); each makes its
   * Leaflet layer, decoding its coordinates, only when first shown. */
  Cell.prototype.build = function () {
    if (this.groups) return;
    var d = this.data, ox = d.o[0], oy = d.o[1], q = d.q, clip = d.c, groups = [];
    (d.g || []).forEach(function (g) {
      var cls = g[0], minZoom = g[1], parts = g[2];
      if (cls === "land" || cls === "lake") {
        var decoded = null;
        var shapes = function () {
          if (decoded) return decoded;
          decoded = { polys: [], lines: [] };
          parts.forEach(function (poly) {
            var rings = poly.map(function (ring) { return decode(ring, ox, oy, q); });
            decoded.polys.push(rings.map(function (r) { return r.ll; }));
            rings.forEach(function (r) { decoded.lines = decoded.lines.concat(outline(r, clip)); });
          });
          return decoded;
        };
        var edge = cls === "land" ? "coast" : "shore";
        groups.push(new Group(cls, minZoom, function () { return L.polygon(shapes().polys, pathOptions(cls)); }));
        groups.push(new Group(edge, minZoom, function () {
          var lines = shapes().lines;
          return lines.length ? L.polyline(lines, pathOptions(edge)) : null;
        }));
      } else {
        groups.push(new Group(cls, minZoom, function () {
          return L.polyline(parts.map(function (p) { return decode(p, ox, oy, q).ll; }), pathOptions(cls));
        }));
      }
    });
    this.groups = groups;
  };

  function pathOptions(cls) {
    return L.extend({ interactive: false, pane: CLASS_PANE[cls], renderer: BM.renderers[CLASS_PANE[cls]],
                      smoothFactor: 0.8, className: "ge-bm-" + cls }, pathStyle(cls, BM.palette));
  }

  function Group(cls, minZoom, make) {
    this.cls = cls;
    this.minZoom = minZoom;
    this.make = make;
    this.layer = undefined;   // made on first show; null if there is nothing to draw
    this.on = false;
  }

  Group.prototype.get = function () {
    if (this.layer === undefined) {
      this.layer = this.make();
      this.make = null;
    }
    return this.layer;
  };

  // ------------------------------------------------------------- loading

  window.geBasemapCell = function (band, key, data) {
    var id = band + "/" + key;
    BM.cells[id] = new Cell(band, key, data);
    BM.requested[id] = "loaded";
    BM.stats.lastCellAt = Math.round(performance.now());
    BM.scheduleUpdate();
  };

  window.geBasemapDisputed = function (band, data) {
    var layers = [];
    var pal = BM.palette;
    data.f.forEach(function (f) {
      var polys = f[2].map(function (poly) {
        return poly.map(function (ring) { return decode(ring, data.o[0], data.o[1], data.q).ll; });
      });
      var layer = L.polygon(polys, L.extend({ pane: "geDisputed", renderer: BM.renderers.geDisputed,
                                             className: "ge-bm-disputed", bubblingMouseEvents: true },
                                           disputedStyle(pal)));
      var tip = el("div", "ge-tip");
      tip.appendChild(el("div", "ge-tip-name", f[0]));
      tip.appendChild(el("div", "ge-tip-kind", "disputed area"));
      layer.bindTooltip(tip, { sticky: true, direction: "top", offset: [0, -6] });
      layers.push(layer);
    });
    BM.disputed[band] = { layers: layers, shown: false };
    BM.requested[band + "/disputed"] = "loaded";
    BM.scheduleUpdate();
  };

  function disputedStyle(pal) {
    return { color: pal.disputed, weight: 1.2, opacity: 0.9, dashArray: "4 3", fill: true,
             fillColor: "url(#ge-hatch)", fillOpacity: 1 };
  }

  function request(band, key) {
    var id = band + "/" + key;
    var state = BM.requested[id];
    if (state === "loading" || state === "loaded") return;
    if (state === "failed") {
      var r = BM._retries[id] || { n: 0, at: 0 };
      // a file can be missing for a moment while the document folder is
      // being filled; try again a few times, then give up
      if (r.n >= 4 || Date.now() < r.at) return;
      r.n += 1;
      r.at = Date.now() + 400 * r.n;
      BM._retries[id] = r;
    }
    BM.requested[id] = "loading";
    BM.pending += 1;
    var s = document.createElement("script");
    s.src = BM.base + band + "/" + key + ".js";
    s.async = true;
    s.onload = function () {
      BM.pending -= 1;
      BM.stats.loads += 1;
      if (BM.requested[id] === "loading") BM.requested[id] = "failed";  // loaded but did not register
      s.parentNode && s.parentNode.removeChild(s);
      BM.scheduleUpdate();
    };
    s.onerror = function () {
      BM.pending -= 1;
      BM.stats.failures += 1;
      BM.requested[id] = "failed";
      if (!BM._retries[id]) BM._retries[id] = { n: 0, at: Date.now() + 400 };
      s.parentNode && s.parentNode.removeChild(s);
      BM.scheduleUpdate();
      setTimeout(function () { BM.scheduleUpdate(); }, 450 * ((BM._retries[id] || {}).n + 1));
    };
    document.head.appendChild(s);
  }

  function givenUp(id) {
    return BM.requested[id] === "failed" && BM._retries[id] && BM._retries[id].n >= 4;
  }

  // ------------------------------------------------------------- bands and cells

  BM.bandFor = function (zoom) {
    var bands = BM.index.bands;
    zoom = Math.floor(zoom + 1e-6);   // a print fits its extent at a fractional zoom
    for (var i = 0; i < bands.length; i++) {
      if (zoom >= bands[i].minZoom && zoom <= bands[i].maxZoom) return bands[i];
    }
    return zoom < bands[0].minZoom ? bands[0] : bands[bands.length - 1];
  };

  /* The keys of the band's cells that meet the bounds and hold data. */
  BM.cellsFor = function (band, bounds) {
    var size = band.cell, have = band._have;
    if (!have) { have = band._have = {}; band.cells.forEach(function (k) { have[k] = true; }); }
    var nx = Math.max(1, Math.round(360 / size)), ny = Math.max(1, Math.ceil(180 / size));
    var w = Math.max(-180, bounds.getWest()), e = Math.min(180, bounds.getEast());
    var s = Math.max(-90, bounds.getSouth()), n = Math.min(90, bounds.getNorth());
    if (e - w >= 360 || bounds.getEast() - bounds.getWest() >= 360) { w = -180; e = 180; }
    var i0 = Math.max(0, Math.floor((w + 180) / size)), i1 = Math.min(nx - 1, Math.floor((e + 180) / size));
    var j0 = Math.max(0, Math.floor((s + 90) / size)), j1 = Math.min(ny - 1, Math.floor((n + 90) / size));
    var keys = [];
    for (var i = i0; i <= i1; i++) {
      for (var j = j0; j <= j1; j++) {
        var k = i + "_" + j;
        if (have[k]) keys.push(k);
      }
    }
    return keys;
  };

  BM.scheduleUpdate = function () {
    if (BM._updateTimer !== null || !BM.map) return;
    BM._updateTimer = setTimeout(function () { BM._updateTimer = null; BM.update(); }, 0);
  };

  BM.update = function () {
    var map = BM.map;
    if (!map || !BM.index) return;
    var t0 = performance.now();
    var zoom = map.getZoom();
    var band = BM.bandFor(zoom);
    // The cells in view are needed (the map is not ready without them);
    // those in a margin around it are loaded next and shown as they come,
    // so that a drag seldom reveals an empty edge.
    var inView = BM.cellsFor(band, map.getBounds());
    var around = BM.cellsFor(band, map.getBounds().pad(0.25));
    var wanted = {}, complete = true, waiting = 0;
    function need(key) {
      var id = band.id + "/" + key;
      request(band.id, key);
      if (!givenUp(id)) { complete = false; waiting += 1; }
    }
    inView.forEach(function (k) {
      var id = band.id + "/" + k;
      wanted[id] = true;
      if (!BM.cells[id]) need(k);
    });
    if (BM.visible.disputed && !BM.disputed[band.id]) need("disputed");
    around.forEach(function (k) {
      var id = band.id + "/" + k;
      wanted[id] = true;
      if (!BM.cells[id]) request(band.id, k);
    });
    BM._waiting = waiting;
    // Keep what is on the map until the new band's cells for this view are
    // all in, so that zooming across a band never shows a blank map.
    var next = [];
    Object.keys(wanted).forEach(function (id) { if (BM.cells[id]) next.push(BM.cells[id]); });
    if (!complete) {
      BM.shown.forEach(function (c) { if (!wanted[c.band + "/" + c.key] && next.indexOf(c) < 0) next.push(c); });
    }
    BM.shown.forEach(function (c) {
      if (next.indexOf(c) < 0) setCellOnMap(c, false, zoom);
    });
    next.forEach(function (c) { setCellOnMap(c, true, zoom); });
    BM.shown = next;
    Object.keys(BM.disputed).forEach(function (b) {
      var show = BM.visible.disputed && (b === band.id || (!complete && BM.disputed[b].shown && !BM.disputed[band.id]));
      setDisputed(b, show);
    });
    BM.evict(wanted);
    BM.scheduleLayout();
    BM.stats.lastUpdateAt = Math.round(performance.now());
    BM.stats.lastUpdateMs = Math.round(performance.now() - t0);
  };

  function setCellOnMap(cell, on, zoom) {
    if (on) cell.build();
    cell.onMap = on;
    if (!cell.groups) return;
    cell.groups.forEach(function (g) {
      var sw = CLASS_SWITCH[g.cls];
      var want = on && zoom >= g.minZoom && (!sw || BM.visible[sw]);
      if (want && !g.on) {
        var layer = g.get();
        if (layer) { layer.addTo(BM.map); g.on = true; }
      } else if (!want && g.on) {
        BM.map.removeLayer(g.layer);
        g.on = false;
      }
    });
  }

  function setDisputed(band, show) {
    var d = BM.disputed[band];
    if (!d || d.shown === show) return;
    d.layers.forEach(function (l) { if (show) l.addTo(BM.map); else BM.map.removeLayer(l); });
    d.shown = show;
  }

  /* Forget decoded cells that are far from view when many are held. */
  BM.evict = function (wanted) {
    var ids = Object.keys(BM.cells);
    if (ids.length <= 160) return;
    ids.forEach(function (id) {
      var c = BM.cells[id];
      if (!c.onMap && !wanted[id]) {
        delete BM.cells[id];
        delete BM.requested[id];
      }
    });
  };

  // ------------------------------------------------------------- labels

  var measureCtx = null;
  var widthCache = {};

  function labelText(d) {
    return LABEL_LOOK[d.kind].upper ? d.name.toUpperCase() : d.name;
  }

  function measure(d) {
    var key = d.kind + "|" + d.name;
    var w = widthCache[key];
    if (w !== undefined) return w;
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    var look = LABEL_LOOK[d.kind];
    measureCtx.font = look.font + " " + FONT_FAMILY;
    var text = labelText(d);
    w = Math.ceil(measureCtx.measureText(text).width + look.spacing * text.length) + 2;
    widthCache[key] = w;
    return w;
  }

  function lineHeight(kind) {
    return kind === "n" || kind === "c" ? 15 : kind === "a" || kind === "r" ? 13 : 14;
  }

  /* A coarse grid of placed boxes: boxes are [x0, y0, x1, y1] in container pixels. */
  function Occupancy() { this.cells = {}; this.size = 64; }
  Occupancy.prototype._each = function (b, fn) {
    var s = this.size;
    for (var i = Math.floor(b[0] / s); i <= Math.floor(b[2] / s); i++) {
      for (var j = Math.floor(b[1] / s); j <= Math.floor(b[3] / s); j++) {
        if (fn(i + ":" + j) === false) return false;
      }
    }
    return true;
  };
  Occupancy.prototype.hit = function (b) {
    var found = null, cells = this.cells;
    this._each(b, function (k) {
      var list = cells[k];
      if (!list) return true;
      for (var n = 0; n < list.length; n++) {
        var o = list[n];
        if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) { found = o; return false; }
      }
      return true;
    });
    return found;
  };
  Occupancy.prototype.add = function (b) {
    var cells = this.cells;
    this._each(b, function (k) { (cells[k] || (cells[k] = [])).push(b); });
  };

  /* Boxes the labels must keep clear of: every marker on the map (pins and
   * clusters), the map's controls, and whatever other sources register
   * (functions returning [x0, y0, x1, y1] boxes in container pixels, e.g.
   * pin labels). */
  BM.obstacles = function () {
    var map = BM.map, out = [];
    var origin = map.getContainer().getBoundingClientRect();
    var icons = map.getPane("markerPane").querySelectorAll(".leaflet-marker-icon");
    for (var i = 0; i < icons.length; i++) {
      var r = icons[i].getBoundingClientRect();
      if (!r.width || !r.height) continue;
      var b = [r.left - origin.left - 2, r.top - origin.top - 2, r.right - origin.left + 2, r.bottom - origin.top + 2];
      b.pin = true;
      out.push(b);
    }
    // the map's controls (zoom, layers, legend, scale, attribution) hide what
    // is under them; the graticule's degrees are not written over either
    var controls = map.getContainer().querySelectorAll(".leaflet-control, .ge-grat-label");
    for (var c = 0; c < controls.length; c++) {
      var cr = controls[c].getBoundingClientRect();
      if (cr.width && cr.height) out.push([cr.left - origin.left, cr.top - origin.top, cr.right - origin.left, cr.bottom - origin.top]);
    }
    BM.obstacleSources.forEach(function (fn) {
      try { (fn() || []).forEach(function (b) { out.push(b); }); } catch (e) { /* a bad source never stops labels */ }
    });
    return out;
  };

  BM.scheduleLayout = function () {
    if (BM._layoutTimer !== null || !BM.map) return;
    BM._layoutTimer = setTimeout(function () { BM._layoutTimer = null; BM.layoutLabels(); }, 0);
  };

  /* Label candidates for this zoom, most important first. */
  function candidates(zoom) {
    var out = [], seen = {};
    if (BM.index.countries && BM.visible.countries !== false) {
      BM.index.countries.forEach(function (c) {
        if (c[3] <= zoom) out.push({ kind: "n", name: c[0], lon: c[1], lat: c[2], minZoom: c[3], rank: c[4], id: "n|" + c[5] });
      });
    }
    BM.shown.forEach(function (cell) {
      cell.labels.forEach(function (d) {
        if (d.minZoom > zoom || seen[d.id]) return;
        var sw = LABEL_SWITCH[d.kind];
        if (sw && !BM.visible[sw]) return;
        seen[d.id] = true;
        out.push(d);
      });
    });
    out.sort(function (a, b) { return a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
    return out;
  }

  BM.layoutLabels = function () {
    var map = BM.map;
    if (!map || !BM.index) return;
    if (map._animatingZoom) { BM.scheduleLayout(); return; }
    var t0 = performance.now();
    var zoom = map.getZoom(), size = map.getSize();
    var occ = new Occupancy();
    BM.obstacles().forEach(function (b) { occ.add(b); });
    var placed = [];
    var margin = 2;
    candidates(zoom).forEach(function (d) {
      var p = map.latLngToContainerPoint([d.lat, d.lon]);
      if (p.x < -200 || p.y < -40 || p.x > size.x + 200 || p.y > size.y + 40) return;
      var w = measure(d), h = lineHeight(d.kind);
      var spots;
      var dot = d.kind === "c" || d.kind === "p";
      if (dot) {
        var r = d.kind === "c" ? 3.5 : 2.5;
        spots = [[p.x + r + 3, p.y - h / 2], [p.x - r - 3 - w, p.y - h / 2],
                 [p.x - w / 2, p.y - r - 1 - h], [p.x - w / 2, p.y + r + 1]];
      } else {
        spots = [[p.x - w / 2, p.y - h / 2]];
      }
      var box = null, dotBox = dot ? [p.x - 4, p.y - 4, p.x + 4, p.y + 4] : null;
      if (dotBox && occ.hit(dotBox)) return;  // the place itself is under a pin or a label
      for (var s = 0; s < spots.length && !box; s++) {
        var b = [spots[s][0] - margin, spots[s][1] - margin, spots[s][0] + w + margin, spots[s][1] + h + margin];
        if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) continue;
        var hit = occ.hit(b);
        if (!hit) { box = b; break; }
        // An area label (country, province, sea) that falls under a pin moves
        // just clear of it (below, above, right or left) instead of vanishing.
        if (!dot && hit.pin && s === 0) {
          spots.push([p.x - w / 2, hit[3] + margin + 1], [p.x - w / 2, hit[1] - h - margin - 1],
                     [hit[2] + margin + 1, p.y - h / 2], [hit[0] - w - margin - 1, p.y - h / 2]);
        }
      }
      if (!box) return;
      occ.add(box);
      if (dotBox) occ.add(dotBox);
      placed.push({ d: d, box: box, x: box[0] + margin, y: box[1] + margin, dot: dot ? p : null,
                    moved: !dot && s > 0 });
    });
    render(placed);
    BM.placed = placed.map(function (pl) {
      return { kind: pl.d.kind, name: pl.d.name, box: pl.box.slice(0, 4), moved: pl.moved };
    });
    BM.stats.layouts += 1;
    BM.stats.lastLayoutMs = Math.round(performance.now() - t0);
    BM.stats.lastLayoutAt = Math.round(performance.now());
    map.getPane("geLabels").classList.remove("ge-bl-hidden");
  };

  var labelEls = {};   // id -> {text: element, dot: element|null}

  function render(placed) {
    var map = BM.map, pane = map.getPane("geLabels");
    var keep = {};
    placed.forEach(function (pl) {
      var d = pl.d, e = labelEls[d.id];
      if (!e) {
        var look = LABEL_LOOK[d.kind];
        e = { text: el("div", "ge-bl " + look.cls, d.name), dot: null };
        if (d.kind === "c" || d.kind === "p") {
          e.dot = el("div", "ge-bl-dot ge-bl-dot-" + d.kind);
          pane.appendChild(e.dot);
        }
        pane.appendChild(e.text);
        labelEls[d.id] = e;
      }
      keep[d.id] = true;
      L.DomUtil.setPosition(e.text, map.containerPointToLayerPoint([Math.round(pl.x), Math.round(pl.y)]));
      e.text.style.display = "";
      if (e.dot) {
        L.DomUtil.setPosition(e.dot, map.containerPointToLayerPoint([Math.round(pl.dot.x), Math.round(pl.dot.y)]));
        e.dot.style.display = "";
      }
    });
    Object.keys(labelEls).forEach(function (id) {
      if (keep[id]) return;
      var e = labelEls[id];
      e.text.style.display = "none";
      if (e.dot) e.dot.style.display = "none";
    });
    // do not keep thousands of hidden elements
    var ids = Object.keys(labelEls);
    if (ids.length > 3000) {
      ids.forEach(function (id) {
        if (keep[id]) return;
        var e = labelEls[id];
        e.text.remove();
        if (e.dot) e.dot.remove();
        delete labelEls[id];
      });
    }
  }

  // ------------------------------------------------------------- graticule

  var GRATICULE_STEP = [30, 30, 30, 15, 10, 5, 2, 1, 1, 0.5, 0.25, 0.1, 0.1, 0.05];

  function fmtDeg(v, pos, neg) {
    var a = Math.abs(v), s = (Math.round(a * 100) / 100).toString();
    return s + "\u00b0" + (v > 0 ? pos : v < 0 ? neg : "");
  }

  BM.Graticule = L.Layer.extend({
    onAdd: function (map) {
      this._group = L.layerGroup().addTo(map);
      this._labels = [];
      map.on("moveend zoomend", this._draw, this);
      this._draw();
    },
    onRemove: function (map) {
      map.off("moveend zoomend", this._draw, this);
      map.removeLayer(this._group);
      this._labels.forEach(function (e) { e.remove(); });
      this._labels = [];
      BM.scheduleLayout();
    },
    _draw: function () {
      var map = this._map, g = this._group, pal = BM.palette;
      g.clearLayers();
      this._labels.forEach(function (e) { e.remove(); });
      this._labels = [];
      var z = Math.floor(map.getZoom() + 1e-6), step = GRATICULE_STEP[Math.min(GRATICULE_STEP.length - 1, Math.max(0, z))];
      var b = map.getBounds();
      var s = Math.max(-85, b.getSouth()), n = Math.min(85, b.getNorth());
      var w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
      var opts = { interactive: false, pane: "geGraticule", renderer: BM.renderers.geGraticule,
                   color: pal.graticule, weight: 0.6, opacity: 0.7, className: "ge-bm-graticule" };
      var lines = [], pane = map.getPane("geGraticule"), size = map.getSize(), self = this;
      function label(text, pt, cls) {
        var node = el("div", "ge-grat-label " + cls, text);
        pane.appendChild(node);
        L.DomUtil.setPosition(node, map.containerPointToLayerPoint(pt));
        self._labels.push(node);
      }
      // degrees along the top edge and the left edge, clear of the zoom
      // buttons (top left), the layer button (top right) and the scale (bottom left)
      for (var x = Math.ceil(w / step) * step; x <= e + 1e-9; x += step) {
        lines.push([[-85, x], [85, x]]);
        var px = map.latLngToContainerPoint([0, x]).x;
        if (px > 60 && px < size.x - 70) label(fmtDeg(x, "E", "W"), [Math.round(px) + 2, 2], "ge-grat-x");
      }
      for (var y = Math.ceil(s / step) * step; y <= n + 1e-9; y += step) {
        lines.push([[y, -180], [y, 180]]);
        var py = map.latLngToContainerPoint([y, 0]).y;
        if (py > 90 && py < size.y - 60) label(fmtDeg(y, "N", "S"), [3, Math.round(py) - 13], "ge-grat-y");
      }
      if (lines.length) g.addLayer(L.polyline(lines, opts));
      BM.scheduleLayout();
    },
  });

  // ------------------------------------------------------------- switches and style

  /* An L.Layer that stands for a basemap class in the layer control. */
  BM.Switch = L.Layer.extend({
    initialize: function (name) { this._name = name; },
    onAdd: function () { BM.setVisible(this._name, true); },
    onRemove: function () { BM.setVisible(this._name, false); },
  });

  BM.switchLayer = function (name) {
    if (name === "graticule") return BM.graticule || (BM.graticule = new BM.Graticule());
    return new BM.Switch(name);
  };

  BM.setVisible = function (name, on) {
    if (BM.visible[name] === on) return;
    BM.visible[name] = on;
    if (!BM.map) return;
    var zoom = BM.map.getZoom();
    BM.shown.forEach(function (c) { setCellOnMap(c, true, zoom); });
    BM.update();
  };

  BM.setStyle = function (name) {
    var pal = STYLES[name];
    if (!pal) return false;
    BM.styleName = name;
    BM.palette = pal;
    if (!BM.map) return true;
    var box = BM.map.getContainer();
    box.style.background = pal.background;
    box.classList.toggle("ge-basemap-dark", name === "dark");
    box.classList.toggle("ge-basemap-light", name !== "dark");
    Object.keys(BM.cells).forEach(function (id) {
      var c = BM.cells[id];
      if (c.groups) c.groups.forEach(function (g) { if (g.layer) g.layer.setStyle(pathStyle(g.cls, pal)); });
    });
    Object.keys(BM.disputed).forEach(function (b) {
      BM.disputed[b].layers.forEach(function (l) { l.setStyle(disputedStyle(pal)); });
    });
    var hatch = document.getElementById("ge-hatch-line");
    if (hatch) hatch.setAttribute("stroke", pal.disputed);
    if (BM.graticule && BM.map.hasLayer(BM.graticule)) BM.graticule._draw();
    return true;
  };

  function addHatchPattern() {
    if (document.getElementById("ge-hatch")) return;
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.setAttribute("aria-hidden", "true");
    svg.style.position = "absolute";
    var defs = document.createElementNS(NS, "defs");
    var pat = document.createElementNS(NS, "pattern");
    pat.setAttribute("id", "ge-hatch");
    pat.setAttribute("patternUnits", "userSpaceOnUse");
    pat.setAttribute("width", "7");
    pat.setAttribute("height", "7");
    pat.setAttribute("patternTransform", "rotate(45)");
    var line = document.createElementNS(NS, "line");
    line.setAttribute("id", "ge-hatch-line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
    line.setAttribute("x2", "0"); line.setAttribute("y2", "7");
    line.setAttribute("stroke", BM.palette.disputed);
    line.setAttribute("stroke-width", "1.6");
    line.setAttribute("stroke-opacity", "0.55");
    pat.appendChild(line);
    defs.appendChild(pat);
    svg.appendChild(defs);
    document.body.appendChild(svg);
  }

  // ------------------------------------------------------------- setup

  /* options: {base, style, visible: {admin1, rivers, places, disputed, graticule}} */
  BM.init = function (map, options) {
    options = options || {};
    BM.index = window.GE_BASEMAP_INDEX || null;
    if (!BM.index) return null;
    BM.map = map;
    BM.stats.initAt = Math.round(performance.now());
    if (options.base) BM.base = options.base;
    if (options.visible) L.extend(BM.visible, options.visible);
    PANES.forEach(function (p) {
      var pane = map.getPane(p[0]) || map.createPane(p[0]);
      pane.style.zIndex = String(p[1]);
      pane.classList.add("ge-bm-pane");
      if (p[0] !== "geDisputed") pane.style.pointerEvents = "none";
      if (p[0] !== "geLabels") BM.renderers[p[0]] = L.svg({ pane: p[0], padding: 0.1 });
    });
    addHatchPattern();
    BM.setStyle(STYLES[options.style] ? options.style : "light");
    if (map.attributionControl) {
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(BM.index.attribution);
    }
    var labels = map.getPane("geLabels");
    map.on("zoomstart", function () { labels.classList.add("ge-bl-hidden"); });
    map.on("moveend zoomend viewreset resize", BM.scheduleUpdate);
    map.on("layeradd layerremove", function (e) {
      // pins come and go (filters, clusters): lay the labels out again
      if (e.layer instanceof L.Marker || (L.MarkerCluster && e.layer instanceof L.MarkerCluster)) BM.scheduleLayout();
    });
    // the view is usually set just after this (fit to the pins); look then
    BM.scheduleUpdate();
    return BM;
  };

  /* True when the cells in view are in (or given up) and the labels are laid
   * out for this view; cells around the view may still be loading. */
  BM.idle = function () {
    return !BM.map || (BM._waiting === 0 && BM._updateTimer === null && BM._layoutTimer === null);
  };

  BM.relayout = function () { BM.scheduleLayout(); };

  BM.STYLES = STYLES;
  window.geoExplorer = window.geoExplorer || {};
  window.geoExplorer.basemap = BM;
})();
