/* Geo Explorer map runtime: pins and the bridge to the host app (the basemap
 * and its labels are in geo_basemap.js, at window.geoExplorer.basemap).
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

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  var GE = {
    map: null,
    markers: {},        // place_id -> L.Marker
    features: {},       // place_id -> GeoJSON feature
    clusters: null,
    lastClicked: null,
    clicks: [],
    ready: false,
  };

  // The more specific a place, the higher its pin: a town is never hidden
  // under the pin of the country around it.
  GE.KIND_Z = { poi: 6000, city: 5000, admin2: 4000, admin1: 3000, region: 2000, country: 1000, continent: 0 };

  GE.tooltipFor = function (props) {
    var box = el("div", "ge-tip");
    box.appendChild(el("div", "ge-tip-name", props.name));
    var n = props.mentions;
    var line = n + (n === 1 ? " mention" : " mentions");
    if (props.articles) line += " in " + props.articles + (props.articles === 1 ? " article" : " articles");
    box.appendChild(el("div", "ge-tip-count", line));
    if (props.kind_label) box.appendChild(el("div", "ge-tip-kind", props.kind_label));
    if (props.events) {
      var ev = props.events + (props.events === 1 ? " event" : " events");
      if (props.event_label) ev += " (mostly " + props.event_label + ")";
      box.appendChild(el("div", "ge-tip-events", ev));
    }
    return box;
  };

  GE.iconFor = function (props) {
    var size = Math.round(Math.min(30, 16 + 4 * Math.log2(1 + Math.max(props.mentions, props.events || 0))));
    var cls = "ge-pin ge-kind-" + props.kind;
    if (props.acled_slug) cls += " ge-event ge-acled-" + props.acled_slug;
    var dot = el("div", "ge-pin-dot");
    dot.style.width = dot.style.height = size + "px";
    dot.setAttribute("data-place-id", props.place_id);
    return L.divIcon({ className: cls, html: dot, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  };

  GE.click = function (placeId) {
    GE.lastClicked = placeId;
    GE.clicks.push(placeId);
    document.dispatchEvent(new CustomEvent("geo-explorer:pin", { detail: String(placeId) }));
    GE.highlight(placeId);
  };

  GE.highlight = function (placeId) {
    Object.keys(GE.markers).forEach(function (id) {
      var m = GE.markers[id];
      var node = m.getElement && m.getElement();
      if (node) node.classList.toggle("ge-selected", id === placeId);
    });
  };

  GE.select = function (placeId) {
    var m = GE.markers[placeId];
    if (!m) return false;
    var go = function () { m.openTooltip(); GE.highlight(placeId); };
    if (GE.clusters && typeof GE.clusters.zoomToShowLayer === "function" && GE.clusters.hasLayer(m)) {
      GE.clusters.zoomToShowLayer(m, go);
    } else {
      go();
    }
    return true;
  };

  /* Show only the given place ids (null = all). */
  GE.filter = function (ids) {
    var keep = ids ? new Set(ids) : null;
    var layers = [];
    GE.clusters.clearLayers();
    Object.keys(GE.markers).forEach(function (id) {
      if (!keep || keep.has(id)) layers.push(GE.markers[id]);
    });
    if (typeof GE.clusters.addLayers === "function") GE.clusters.addLayers(layers);
    else layers.forEach(function (l) { GE.clusters.addLayer(l); });
    return layers.length;
  };

  GE.visiblePins = function () {
    var n = 0;
    Object.keys(GE.markers).forEach(function (id) { if (GE.clusters.hasLayer(GE.markers[id])) n++; });
    return n;
  };

  GE.addPins = function (map, collection, options) {
    GE.map = map;
    // Cluster only when there are many pins: a few dozen read better unclustered.
    var many = collection.features.length > options.clusterAbove;
    var group = (many && typeof L.markerClusterGroup === "function")
      ? L.markerClusterGroup({ maxClusterRadius: options.clusterRadius, showCoverageOnHover: false,
                               disableClusteringAtZoom: options.disableClusteringAtZoom })
      : L.featureGroup();
    GE.clusters = group;
    collection.features.forEach(function (f) {
      var p = f.properties;
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var marker = L.marker(ll, { icon: GE.iconFor(p), title: "", keyboard: true, riseOnHover: true,
                                  zIndexOffset: GE.KIND_Z[p.kind] || 0 });
      marker.bindTooltip(GE.tooltipFor(p), { direction: "top", offset: [0, -8] });
      marker.on("click", function () { GE.click(p.place_id); });
      GE.markers[p.place_id] = marker;
      GE.features[p.place_id] = f;
      group.addLayer(marker);
    });
    group.addTo(map);
    return group;
  };

  GE.fit = function (map, bounds) {
    if (bounds) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 6, animate: false });
  };

  /* What is on screen now: basemap shapes drawn, pins (or the clusters that hold them) in the document. */
  GE.painted = function () {
    var map = GE.map, container = map && map.getContainer();
    var shapes = container ? container.querySelectorAll(".leaflet-pane path").length : 0;
    var pins = 0, shown = 0, offView = 0;
    Object.keys(GE.markers).forEach(function (id) {
      var m = GE.markers[id];
      if (!GE.clusters || !GE.clusters.hasLayer(m)) return;  // filtered out
      pins++;
      var visible = typeof GE.clusters.getVisibleParent === "function" ? GE.clusters.getVisibleParent(m) : m;
      if (!visible) { offView++; return; }  // clustered outside the view
      var node = visible.getElement && visible.getElement();
      if (node && node.isConnected) shown++;
    });
    return { shapes: shapes, pins: pins, shown: shown, offView: offView,
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
      if (p.size[0] === 0 || p.shapes === 0 || p.shown + p.offView < p.pins) {
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
