/* Geo Explorer map runtime: readiness and the bridge to the host app (the basemap
 * and its labels are in geo_basemap.js, at window.geoExplorer.basemap; the
 * pins and the legend in geo_pins.js, at window.geoExplorer.pins).
 *
 * Everything that comes from data (place names, article text) is put into
 * the page with textContent, never as HTML, so markup in an article is shown
 * as text and never runs.
 *
 * The page talks to its host (the Qt shell) by two DOM events on document,
 * which the host's script in an isolated world checks and forwards (the page
 * itself never sees the host's objects): "geo-explorer:pin" (detail: the
 * place id) when a pin is clicked, and "geo-explorer:painted" (detail: a JSON
 * summary) once the basemap and every pin are on screen. Without a host,
 * nothing listens and clicks are only recorded.
 */
(function () {
  "use strict";

  var GE = {
    map: null,
    lastClicked: null,
    clicks: [],
    ready: false,
  };

  GE.click = function (placeId) {
    GE.lastClicked = placeId;
    GE.clicks.push(placeId);
    document.dispatchEvent(new CustomEvent("geo-explorer:pin", { detail: String(placeId) }));
    if (GE.pins) GE.pins.highlight(placeId);
  };

  GE.select = function (placeId, zoom) { return GE.pins ? GE.pins.select(placeId, zoom) : false; };

  /* The first view: the one the project was left at (the data script's "view"), else the data's bounds. */
  GE.fit = function (map, bounds) {
    var v = window.GE_PLACES && window.GE_PLACES.view;
    if (v && isFinite(v.lat) && isFinite(v.lon) && isFinite(v.zoom)) {
      map.setView([v.lat, v.lon], v.zoom, { animate: false });
      return;
    }
    if (bounds) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 6, animate: false });
  };

  /* What is on screen now: basemap shapes drawn, and the pins (or clusters) in view as markers. */
  GE.painted = function () {
    var map = GE.map, container = map && map.getContainer();
    var shapes = container ? container.querySelectorAll(".leaflet-pane path").length : 0;
    var P = GE.pins, shown = 0, markers = 0;
    if (P && P.rendered) {
      markers = P.drawn;
      Object.keys(P.markers).forEach(function (id) {
        var node = P.markers[id].getElement && P.markers[id].getElement();
        if (node && node.isConnected) shown++;
      });
    }
    return { shapes: shapes, pins: P ? P.total || 0 : 0, markers: markers, shown: shown,
             rendered: !!(P && P.rendered),
             size: container ? [container.clientWidth, container.clientHeight] : [0, 0] };
  };

  /* Call cb(GE.painted()) once the map has settled: no zoom or pan animation
   * running, the basemap cells for the view in and labelled, the basemap's
   * shapes and every pin (or the cluster holding it) in the document, and
   * two frames painted (a grab during an animation shows scaled layers). */
  GE.whenSettled = function (cb) {
    var map = GE.map, tries = 0;
    function settle() {
      if (++tries > 3000) return;  // a minute: the host has given up and says so
      var basemap = GE.basemap;
      if (map && (map._animatingZoom || map._panAnim && map._panAnim._inProgress) ||
          (basemap && !basemap.idle())) {
        setTimeout(settle, 20);
        return;
      }
      var p = GE.painted();
      if (p.size[0] === 0 || p.shapes === 0 || !p.rendered) {
        setTimeout(settle, 20);  // not laid out or drawn yet
        return;
      }
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { cb(GE.painted()); });
      });
    }
    setTimeout(settle, 0);
  };

  GE.markReady = function () {
    // Then the page says so to the host: the host waits for that message, not for a timer.
    GE.whenSettled(function () {
      GE.ready = true;
      GE.readyAt = performance.now();
      document.dispatchEvent(new CustomEvent("geo-explorer:painted", { detail: JSON.stringify(GE.painted()) }));
    });
  };

  /* GE.settled becomes token once the map has settled (the host polls it: prints, animation frames). */
  GE.settle = function (token) {
    GE.settled = null;
    GE.whenSettled(function () {
      // In a print, a corner pixel takes a colour of the token (GE.stampColour): the host grabs until it
      // sees it, so it never takes a frame the compositor had not yet delivered.
      var stamp = GE.map && GE.map.getContainer().querySelector(".ge-print-stamp");
      if (stamp) {
        stamp.style.background = "rgb(" + GE.stampColour(token).join(",") + ")";
        requestAnimationFrame(function () { requestAnimationFrame(function () { settled(token); }); });
      } else {
        settled(token);
      }
    });
    return token;
  };

  function settled(token) {
    GE.settled = token;
    document.dispatchEvent(new CustomEvent("geo-explorer:painted", { detail: JSON.stringify({ settled: token }) }));
  }

  GE.stampColour = function (token) {
    return [(token * 37 + 11) % 256, (token * 101 + 53) % 256, (token * 59 + 97) % 256];
  };

  // ---------------------------------------------------------------- prints

  /* Make the map a print: no controls, tooltips or selection; pin labels and
   * numbers as asked; fitted to bounds ([[s, w], [n, e]]) at any zoom (not
   * only whole ones); then settle with token. */
  GE.preparePrint = function (o) {
    var map = GE.map, P = GE.pins, box = map.getContainer();
    box.classList.add("ge-print");
    if (!box.querySelector(".ge-print-stamp")) {
      var stamp = document.createElement("div");
      stamp.className = "ge-print-stamp";
      box.appendChild(stamp);
    }
    var side = Math.max(2, o.stamp | 0) + "px";
    box.querySelector(".ge-print-stamp").style.width = side;
    box.querySelector(".ge-print-stamp").style.height = side;
    if (window.getSelection) window.getSelection().removeAllRanges();
    map.eachLayer(function (l) { if (l.closeTooltip) l.closeTooltip(); });
    if (P) {
      P.selected = null;
      if (typeof o.labels === "number") P.labelCount = Math.max(0, o.labels | 0);
      P.numbers = o.numbers || {};
    }
    GE.printAvoid = o.avoid || [];
    if (!GE._avoidHooked && GE.basemap && GE.basemap.obstacleSources) {
      GE.basemap.obstacleSources.push(function () { return GE.printAvoid || []; });
      GE._avoidHooked = true;
    }
    map.options.zoomSnap = 0;
    map.invalidateSize({ animate: false, pan: false });
    if (o.bounds) {
      map.fitBounds(o.bounds, { padding: [o.padding || 0, o.padding || 0], animate: false,
                                maxZoom: o.maxZoom || 11 });
    }
    if (P && P.map) P.render();
    return GE.settle(o.token);
  };

  /* Change the filters' counts of a print (an animation frame) and settle again. */
  GE.printCounts = function (counts, token) {
    if (GE.pins) GE.pins.setCounts(counts);
    return GE.settle(token);
  };

  function drawnPaths(selector) {
    var box = GE.map.getContainer().getBoundingClientRect();
    var paths = GE.map.getContainer().querySelectorAll(selector);
    for (var i = 0; i < paths.length; i++) {
      var d = paths[i].getAttribute("d");
      if (!d || d.length < 8 || paths[i].style.display === "none") continue;
      var r = paths[i].getBoundingClientRect();
      if ((r.width || r.height) && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom) {
        return true;
      }
    }
    return false;
  }

  /* What a print needs to know of the map as drawn: metres per CSS pixel at the centre, zoom, bounds,
     what is in view for the legend, the labels on pins. */
  GE.printInfo = function () {
    var map = GE.map, size = map.getSize(), cy = size.y / 2, cx = size.x / 2;
    var a = map.containerPointToLatLng([cx - 50, cy]), b = map.containerPointToLatLng([cx + 50, cy]);
    var bounds = map.getBounds(), P = GE.pins, BM = GE.basemap;
    var drawn = P ? P.drawnSummary() : { acled: [], kinds: [], hollow: false, clusters: false };
    var vis = BM ? BM.visible : {};
    drawn.basemap = [];
    if (drawnPaths("path.ge-bm-a0")) drawn.basemap.push("a0");
    if (vis.admin1 !== false && drawnPaths("path.ge-bm-a1")) drawn.basemap.push("a1");
    if (vis.rivers !== false && drawnPaths("path.ge-bm-river1, path.ge-bm-river2, path.ge-bm-river3")) {
      drawn.basemap.push("river");
    }
    if (vis.disputed !== false && drawnPaths("path.ge-bm-disputed")) drawn.basemap.push("disputed");
    drawn.border = drawnPaths(".leaflet-overlay-pane path");   // only the border-region overlay draws there
    return { metresPerPx: map.distance(a, b) / 100, zoom: map.getZoom(), size: [size.x, size.y],
             bounds: [[bounds.getSouth(), bounds.getWest()], [bounds.getNorth(), bounds.getEast()]],
             drawn: drawn, labelled: P ? P.labelled : [], markers: P ? P.drawn : 0 };
  };

  // geo_basemap.js may have been loaded first and hung itself here
  if (window.geoExplorer && window.geoExplorer.basemap) GE.basemap = window.geoExplorer.basemap;
  window.geoExplorer = GE;
})();
