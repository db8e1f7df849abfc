/* Geo Explorer pins: one per place, clustered by Supercluster when there are many, and the legend.
 *
 * The places come as columns (window.GE_PLACES, from the page's data script):
 * ids, names, kind codes, lat, lon, mentions, articles, events, top ACLED type
 * code. The host narrows and recounts them for its filters with
 * geoExplorer.pins.setCounts({events, top, shown, hidden}); with null, every
 * place shows with its own counts. Only what is in view is drawn: a few
 * hundred markers whatever the size of the project.
 *
 * Event pins are diamonds coloured by ACLED type (hollow when the event is
 * only placed at a province or country); places with no event are circles
 * coloured by kind. More specific places and event places are drawn above.
 * Text from the data goes in with textContent, never as HTML.
 *
 * The legend lists what is on the map; a click on an ACLED row (or on the
 * row of places with no event) asks the host to hide or show it
 * ("toggle" message); it folds away with its button.
 *
 * Labels on pins: the most mentioned places in view (GE_PLACES.labels of
 * them, a setting) get their name beside the pin, in a pane under the
 * markers (pins are drawn above labels). A label takes the first free spot
 * (right, left, above, below) that no pin, cluster or other label covers;
 * with none free it is hidden. Numbered pins (setNumbers, for a print's
 * source notes) are always labelled, with their number. The boxes are an
 * obstacle for the basemap's labels. Only the pins drawn (what is in view)
 * are looked at, and only the top N of them are measured.
 */
(function () {
  "use strict";

  var GE = window.geoExplorer;
  var CLUSTER_ABOVE = 250;      // fewer pins than this are never clustered
  var CLUSTER_MAX_ZOOM = 9;     // beyond it every pin stands alone
  var KIND_Z = [6000, 5000, 4000, 3000, 2000, 1000, 0, 0];
  var WIDE = { 3: true, 4: true, 5: true, 6: true };   // admin1, region, country, continent: geo-precision 3
  var NO_EVENT = "places named, no event";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function slug(s) { return String(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }

  var P = GE.pins = {
    data: null, events: null, top: null, shown: null, hidden: [],
    index: null, layer: null, markers: {}, drawn: 0, inView: 0, rendered: false, selected: null, renders: 0,
    legendBox: null, legendOpen: true,
    labelCount: 10, numbers: {}, labelBoxes: [], labelled: [],
  };

  function message(obj) {
    document.dispatchEvent(new CustomEvent("geo-explorer:message", { detail: JSON.stringify(obj) }));
  }
  GE.message = message;

  P.load = function (map, data) {
    P.data = data;
    P.map = map;
    GE.map = map;
    P.byId = {};
    for (var i = 0; i < data.ids.length; i++) P.byId[data.ids[i]] = i;
    P.layer = L.layerGroup().addTo(map);
    if (typeof data.labels === "number") P.labelCount = data.labels;
    P.labelPane = map.getPane("gePinLabels") || map.createPane("gePinLabels");
    P.labelPane.style.zIndex = "590";            // under the markers (600), over the basemap's labels (450)
    P.labelPane.style.pointerEvents = "none";
    map.on("zoomstart", function () { P.labelPane.style.visibility = "hidden"; });
    if (GE.basemap && GE.basemap.obstacleSources) GE.basemap.obstacleSources.push(function () { return P.labelBoxes; });
    P.setCounts(data.counts || null);
    map.on("moveend", render);
    map.on("zoomend", render);
    map.on("overlayadd overlayremove", function () { updateLegend(); });
    legend(map);
  };

  /* The host's filters: counts per place (arrays aligned to the places), or null for all. */
  P.setCounts = function (c) {
    var d = P.data, n = d.ids.length;
    P.events = c ? c.events : d.events;
    P.top = c ? c.top : d.top;
    P.shown = c ? c.shown : null;
    P.hidden = c && c.hidden ? c.hidden : [];
    build();
    updateLegend();
    return P.count();
  };

  P.isShown = function (i) { return P.shown ? !!P.shown[i] : true; };
  P.count = function () {
    var n = 0;
    for (var i = 0; i < P.data.ids.length; i++) if (P.isShown(i)) n++;
    return n;
  };

  function build() {
    var d = P.data, pts = [];
    for (var i = 0; i < d.ids.length; i++) {
      if (!P.isShown(i)) continue;
      pts.push({ type: "Feature", properties: { i: i },
                 geometry: { type: "Point", coordinates: [d.lon[i], d.lat[i]] } });
    }
    P.total = pts.length;
    if (pts.length > CLUSTER_ABOVE && typeof Supercluster === "function") {
      var nTypes = d.acled.length;
      P.index = new Supercluster({
        radius: 48, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2,
        map: function (p) {
          var t = new Array(nTypes + 1).fill(0);
          var top = P.top[p.i];
          t[top >= 0 ? top : nTypes] = Math.max(1, P.events[p.i]);
          return { t: t, ev: P.events[p.i] };
        },
        reduce: function (acc, p) {
          for (var k = 0; k < acc.t.length; k++) acc.t[k] += p.t[k];
          acc.ev += p.ev;
        },
      }).load(pts);
      P.points = null;
    } else {
      P.index = null;
      P.points = pts;
    }
    if (P.map) render();
  }

  function tooltipFor(i) {
    var d = P.data, box = el("div", "ge-tip");
    box.appendChild(el("div", "ge-tip-name", d.names[i]));
    var m = d.mentions[i], a = d.articles[i];
    var line = m + (m === 1 ? " mention" : " mentions");
    if (a) line += " in " + a + (a === 1 ? " article" : " articles");
    box.appendChild(el("div", "ge-tip-count", line));
    box.appendChild(el("div", "ge-tip-kind", d.kindLabels[d.kind[i]] || ""));
    var ev = P.events[i];
    if (ev) {
      var t = ev + (ev === 1 ? " event" : " events");
      if (P.top[i] >= 0) t += " (mostly " + d.acled[P.top[i]] + ")";
      if (WIDE[d.kind[i]]) t += "; placed only to the " + (d.kindLabels[d.kind[i]] || "area");
      box.appendChild(el("div", "ge-tip-events", t));
    }
    return box;
  }

  function pinIcon(i) {
    var d = P.data, ev = P.events[i];
    var size = pinSize(i);
    var cls = "ge-pin ge-kind-" + (d.kindNames[d.kind[i]] || "other");
    if (ev && P.top[i] >= 0) {
      cls += " ge-event ge-acled-" + slug(d.acled[P.top[i]]);
      if (WIDE[d.kind[i]]) cls += " ge-hollow";
    }
    if (P.selected === d.ids[i]) cls += " ge-selected";
    var dot = el("div", "ge-pin-dot");
    dot.style.width = dot.style.height = size + "px";
    dot.setAttribute("data-place-id", d.ids[i]);
    return L.divIcon({ className: cls, html: dot, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }

  function pinSize(i) {
    var d = P.data;
    return Math.round(Math.min(30, 16 + 4 * Math.log2(1 + Math.max(d.mentions[i], P.events[i] || 0))));
  }

  function addPin(i, at) {
    var d = P.data, id = d.ids[i], size = pinSize(i);
    var ll = at || [d.lat[i], d.lon[i]];
    var z = KIND_Z[d.kind[i]] || 0;
    if (P.events[i]) z += 10000;
    var marker = L.marker(ll, { icon: pinIcon(i), title: "", keyboard: true, riseOnHover: true, zIndexOffset: z });
    marker.bindTooltip(tooltipFor(i), { direction: "top", offset: [0, -8] });
    marker.on("click", function () { GE.click(id); });
    marker.on("contextmenu", function (e) {
      L.DomEvent.stopPropagation(e);  // the map's own menu is for the map, not a pin
      var pt = e.containerPoint || { x: 0, y: 0 };
      message({ type: "pinMenu", place: id, x: Math.round(pt.x), y: Math.round(pt.y) });
    });
    marker.on("keypress", function (e) {
      var k = e.originalEvent && e.originalEvent.key;
      if (k === "Enter" || k === " ") GE.click(id);
    });
    marker._geIndex = i;
    marker._geSize = size;
    P.markers[id] = marker;
    P.layer.addLayer(marker);
    P.drawn++;
    return marker;
  }

  function clusterIcon(props) {
    var d = P.data, t = props.t, best = -1, bestN = -1;
    for (var k = 0; k < t.length; k++) if (t[k] > bestN) { best = k; bestN = t[k]; }
    var n = props.point_count;
    var size = Math.round(Math.min(54, 24 + 6 * Math.log10(n + 1) * 2));
    var cls = "ge-cluster" + (best < d.acled.length ? " ge-acled-" + slug(d.acled[best]) : " ge-cluster-places");
    var box = el("div", "ge-cluster-dot", props.point_count_abbreviated || n);
    box.style.width = box.style.height = box.style.lineHeight = size + "px";
    return L.divIcon({ className: cls, html: box, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }

  function addCluster(f) {
    var props = f.properties, ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
    var marker = L.marker(ll, { icon: clusterIcon(props), keyboard: true, zIndexOffset: 20000 });
    marker._geCluster = props;
    marker._geSize = Math.round(Math.min(54, 24 + 6 * Math.log10(props.point_count + 1) * 2));
    var tip = props.point_count + " places" + (props.ev ? ", " + props.ev + " events" : "") + " — click to zoom in";
    marker.bindTooltip(el("div", "ge-tip-count", tip), { direction: "top" });
    marker.on("click", function () {
      var z = P.index.getClusterExpansionZoom(props.cluster_id);
      if (z > P.map.getMaxZoom()) spiderfy(props.cluster_id, ll);
      else P.map.setView(ll, z);
    });
    P.layer.addLayer(marker);
    P.drawn++;
  }

  /* Pins that still overlap at the closest zoom spread out on a circle around their spot. */
  function spiderfy(clusterId, ll) {
    var leaves = P.index.getLeaves(clusterId, 50);
    var c = P.map.latLngToLayerPoint(ll), r = 18 + 3 * leaves.length;
    leaves.forEach(function (f, k) {
      var a = 2 * Math.PI * k / leaves.length;
      var at = P.map.layerPointToLatLng(L.point(c.x + r * Math.cos(a), c.y + r * Math.sin(a)));
      addPin(f.properties.i, at);
      P.layer.addLayer(L.polyline([ll, at], { color: "#555", weight: 1, opacity: 0.7, interactive: false }));
    });
  }
  P.spiderfyAt = function (placeId) {
    var i = P.byId[placeId];
    if (i === undefined || !P.index) return false;
    var near = P.index.getClusters(P.bbox(), Math.round(P.map.getZoom()));
    for (var k = 0; k < near.length; k++) {
      var f = near[k];
      if (!f.properties.cluster) continue;
      var leaves = P.index.getLeaves(f.properties.cluster_id, Infinity);
      if (leaves.some(function (x) { return x.properties.i === i; })) {
        spiderfy(f.properties.cluster_id, [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
        return true;
      }
    }
    return false;
  };

  P.bbox = function () {
    var b = P.map.getBounds().pad(0.1);
    return [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()),
            Math.min(85, b.getNorth())];
  };

  function render() {
    if (!P.map || !P.data) return;
    var t0 = performance.now();
    P.layer.clearLayers();
    P.markers = {};
    P.drawn = 0;
    var bb = P.bbox(), zoom = Math.round(P.map.getZoom()), d = P.data;
    if (P.index) {
      P.index.getClusters(bb, zoom).forEach(function (f) {
        if (f.properties.cluster) addCluster(f); else addPin(f.properties.i);
      });
    } else {
      P.points.forEach(function (f) {
        var i = f.properties.i;
        if (d.lon[i] >= bb[0] && d.lon[i] <= bb[2] && d.lat[i] >= bb[1] && d.lat[i] <= bb[3]) addPin(i);
      });
    }
    P.inView = P.drawn;
    P.rendered = true;
    P.renders++;
    labelPins();
    P.renderMs = performance.now() - t0;
    if (GE.basemap && typeof GE.basemap.relayout === "function") GE.basemap.relayout();
  }
  P.render = render;


  // ---------------------------------------------------------------- labels on pins

  var measureCtx = null;
  var LABEL_FONT = "bold 12px \"DejaVu Sans\", Arial, sans-serif", LABEL_H = 16, NUM_W = 17;

  function textWidth(text) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = LABEL_FONT;
    return Math.ceil(measureCtx.measureText(text).width);
  }

  function hits(box, boxes) {
    for (var k = 0; k < boxes.length; k++) {
      var b = boxes[k];
      if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return true;
    }
    return false;
  }

  /* Name the most mentioned pins in view (and every numbered one) where no pin or label is. */
  function labelPins() {
    var map = P.map, pane = P.labelPane, d = P.data;
    if (!pane) return;
    pane.textContent = "";
    pane.style.visibility = "";
    P.labelBoxes = [];
    P.labelled = [];
    var nums = P.numbers || {}, want = Math.max(0, P.labelCount | 0);
    if (!want && !Object.keys(nums).length) return;
    var size = map.getSize(), pins = [], occupied = (GE.printAvoid || []).slice();
    P.layer.eachLayer(function (m) {
      if (!(m instanceof L.Marker) || !m._geSize) return;
      var p = map.latLngToContainerPoint(m.getLatLng()), r = m._geSize / 2 + 1;
      occupied.push([p.x - r, p.y - r, p.x + r, p.y + r]);
      if (m._geIndex !== undefined && p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) {
        pins.push({ i: m._geIndex, p: p, r: r });
      }
    });
    pins.sort(function (a, b) {
      var na = nums[d.ids[a.i]] || 1e9, nb = nums[d.ids[b.i]] || 1e9;
      return na - nb || d.mentions[b.i] - d.mentions[a.i] || (d.names[a.i] < d.names[b.i] ? -1 : 1);
    });
    var plain = 0;
    for (var k = 0; k < pins.length; k++) {
      var c = pins[k], id = d.ids[c.i], num = nums[id];
      if (!num) {
        if (plain >= want) continue;
        plain++;
      }
      var name = d.names[c.i], w = textWidth(name) + 6 + (num ? NUM_W : 0), h = LABEL_H, p = c.p, r = c.r;
      var spots = [[p.x + r + 2, p.y - h / 2], [p.x - r - 2 - w, p.y - h / 2],
                   [p.x - w / 2, p.y - r - 1 - h], [p.x - w / 2, p.y + r + 1]];
      var box = null;
      for (var s = 0; s < spots.length && !box; s++) {
        var b = [spots[s][0], spots[s][1], spots[s][0] + w, spots[s][1] + h];
        if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) continue;
        if (!hits(b, occupied) && !hits(b, P.labelBoxes)) box = b;
      }
      if (!box && num) {   // a numbered pin is labelled even where its label must overlap
        var f = spots[0];
        box = [Math.max(0, Math.min(size.x - w, f[0])), Math.max(0, Math.min(size.y - h, f[1]))];
        box.push(box[0] + w, box[1] + h);
      }
      if (!box) continue;
      var node = el("div", "ge-pin-label" + (num ? " ge-pin-label-num" : ""));
      if (num) node.appendChild(el("span", "ge-pin-num", num));
      node.appendChild(document.createTextNode(name));
      pane.appendChild(node);
      L.DomUtil.setPosition(node, map.containerPointToLayerPoint([Math.round(box[0]), Math.round(box[1])]));
      P.labelBoxes.push(box);
      P.labelled.push({ id: id, name: name, number: num || null, box: box.slice(0, 4) });
    }
  }
  P.labelPins = labelPins;

  /* How many pins to label (a setting); redraws. */
  P.setLabels = function (n) {
    P.labelCount = Math.max(0, n | 0);
    if (P.map) render();
  };

  /* Numbered pins: {place id: number} (a print's source notes); redraws. */
  P.setNumbers = function (numbers) {
    P.numbers = numbers || {};
    if (P.map) render();
  };

  /* What the markers in view show, for a print's legend: ACLED types, hollow pins, kinds of places with
     no event, clusters. */
  P.drawnSummary = function () {
    var d = P.data, map = P.map, size = map.getSize(), acled = {}, kinds = {}, hollow = false, clusters = false;
    P.layer.eachLayer(function (m) {
      if (!(m instanceof L.Marker) || !m._geSize) return;
      var p = map.latLngToContainerPoint(m.getLatLng());
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
      if (m._geCluster) {
        clusters = true;
        m._geCluster.t.forEach(function (n, k) { if (n > 0 && k < d.acled.length) acled[d.acled[k]] = true; });
        return;
      }
      var i = m._geIndex;
      if (P.events[i] && P.top[i] >= 0) {
        acled[d.acled[P.top[i]]] = true;
        if (WIDE[d.kind[i]]) hollow = true;
      } else {
        kinds[d.kindNames[d.kind[i]]] = true;
      }
    });
    return { acled: Object.keys(acled), kinds: Object.keys(kinds), hollow: hollow, clusters: clusters };
  };

  /* Bring a place into view, show its tooltip and mark it selected. */
  P.select = function (placeId, zoomTo) {
    var i = P.byId[placeId];
    if (i === undefined || !P.isShown(i)) return false;
    P.selected = placeId;
    var d = P.data, ll = [d.lat[i], d.lon[i]];
    var zoom = P.map.getZoom();
    if (zoomTo) zoom = Math.max(zoom, zoomTo);
    if (P.index && zoom <= CLUSTER_MAX_ZOOM) zoom = CLUSTER_MAX_ZOOM + 1;
    var done = function () {
      var m = P.markers[placeId];
      if (m) { m.openTooltip(); if (m.getElement()) m.getElement().classList.add("ge-selected"); }
    };
    if (!P.map.getBounds().contains(ll) || zoom !== P.map.getZoom()) {
      P.map.once("moveend", function () { setTimeout(done, 0); });
      P.map.setView(ll, zoom, { animate: false });
    } else {
      render();
      done();
    }
    return true;
  };

  P.highlight = function (placeId) {
    P.selected = placeId;
    Object.keys(P.markers).forEach(function (id) {
      var node = P.markers[id].getElement && P.markers[id].getElement();
      if (node) node.classList.toggle("ge-selected", id === placeId);
    });
  };

  /* The pins drawn now, in screen order (left to right, top to bottom): for keyboard stepping. */
  P.inViewIds = function () {
    var out = [];
    Object.keys(P.markers).forEach(function (id) {
      var p = P.map.latLngToContainerPoint(P.markers[id].getLatLng());
      out.push([Math.round(p.y / 40), p.x, id]);
    });
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return out.map(function (x) { return x[2]; });
  };

  // ---------------------------------------------------------------- the legend

  function legend(map) {
    var ctl = L.control({ position: "bottomleft" });
    ctl.onAdd = function () {
      var box = L.DomUtil.create("div", "ge-legend");
      var head = L.DomUtil.create("button", "ge-legend-toggle", box);
      head.type = "button";
      head.textContent = "Legend ▾";
      head.title = "Fold the legend away";
      var body = L.DomUtil.create("div", "ge-legend-body", box);
      // folded at first on a small map, where it would cover a large share of it
      var size = map.getSize();
      if (size.x < 900 || size.y < 560) {
        P.legendOpen = false;
        body.style.display = "none";
        head.textContent = "Legend ▸";
      }
      head.addEventListener("click", function () {
        P.legendOpen = !P.legendOpen;
        body.style.display = P.legendOpen ? "" : "none";
        head.textContent = P.legendOpen ? "Legend ▾" : "Legend ▸";
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      P.legendBox = body;
      updateLegend();
      return box;
    };
    ctl.addTo(map);
  }

  function row(swatchCls, colour, text, category, off) {
    var r = el("div", "ge-legend-row" + (off ? " ge-legend-off" : "") + (category ? " ge-legend-toggles" : ""));
    var sw = el("i", swatchCls);
    sw.style.background = colour;
    r.appendChild(sw);
    r.appendChild(document.createTextNode(text));
    if (category) {
      r.title = off ? "Show " + text + " again" : "Hide " + text;
      r.setAttribute("role", "button");
      r.tabIndex = 0;
      var go = function () { message({ type: "toggle", category: category }); };
      r.addEventListener("click", go);
      r.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") go(); });
    }
    return r;
  }

  /* Only what is on the map: the ACLED types of the pins shown (and those hidden, to bring them back),
     the kinds of places with no event, the border overlay when it is on. */
  function updateLegend() {
    var box = P.legendBox, d = P.data;
    if (!box || !d) return;
    box.textContent = "";
    var types = {}, kinds = {}, plain = 0;
    for (var i = 0; i < d.ids.length; i++) {
      if (!P.isShown(i)) continue;
      if (P.events[i] && P.top[i] >= 0) types[P.top[i]] = true;
      else { kinds[d.kind[i]] = true; plain++; }
    }
    d.acled.forEach(function (name, k) {
      var off = P.hidden.indexOf(name) >= 0;
      if (types[k] || off) box.appendChild(row("ge-swatch-event", d.colours[name], name, name, off));
    });
    var offPlain = P.hidden.indexOf(NO_EVENT) >= 0;
    if (plain || offPlain) {
      box.appendChild(row("", "#999", "places named, no event:", NO_EVENT, offPlain));
      var sub = el("div", "ge-legend-row ge-legend-sub");
      Object.keys(kinds).sort().forEach(function (k) {
        var name = d.kindNames[k];
        var sw = el("i", "");
        sw.style.background = d.kindColours[name] || "#888";
        sub.appendChild(sw);
        sub.appendChild(el("span", "ge-legend-kind", d.kindLabels[k] || name));
      });
      if (sub.childNodes.length) box.appendChild(sub);
    }
    if (Object.keys(types).some(function (k) { return true; })) {
      box.appendChild(row("ge-swatch-event ge-hollow-swatch", "transparent", "hollow: placed only to a province or country",
                          null, false));
    }
    if (borderOn()) {
      box.appendChild(row("ge-swatch-area", d.borderColours.area, "border provinces", null, false));
      box.appendChild(row("ge-swatch-line", d.borderColours.line, "Iran–Pakistan border", null, false));
    }
  }
  P.updateLegend = updateLegend;

  /* Whether the border-region overlay (a feature group marked geBorder by the document) is on the map. */
  function borderOn() {
    var on = false;
    if (P.map) P.map.eachLayer(function (l) { if (l.options && l.options.geBorder) on = true; });
    return on;
  }
})();
