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

  GE.markReady = function () {
    // Ready once no zoom or pan animation is running, the basemap cells for
    // the view are in and labelled, the basemap's shapes and every pin (or
    // the cluster holding it) are in the document, and two frames have
    // painted them (a grab during an animation shows scaled layers). Then the
    // page says so to the host: the host waits for that message, not for a timer.
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
        requestAnimationFrame(function () {
          GE.ready = true;
          GE.readyAt = performance.now();
          document.dispatchEvent(new CustomEvent("geo-explorer:painted", { detail: JSON.stringify(GE.painted()) }));
        });
      });
    }
    setTimeout(settle, 0);
  };

  // geo_basemap.js may have been loaded first and hung itself here
  if (window.geoExplorer && window.geoExplorer.basemap) GE.basemap = window.geoExplorer.basemap;
  window.geoExplorer = GE;
})();
