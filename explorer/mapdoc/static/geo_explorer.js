/* Geo Explorer map runtime: pins and the bridge to the host app (the basemap
 * and its labels are in geo_basemap.js, at window.geoExplorer.basemap).
 *
 * Everything that comes from data (place names, article text) is put into
 * the page with textContent, never as HTML, so markup in an article is shown
 * as text and never runs.
 *
 * The host (the Qt shell) sets window.geoExplorerBridge to an object with a
 * pinClicked(placeId) method; without a host, clicks are only recorded.
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
    var bridge = window.geoExplorerBridge;
    if (bridge && typeof bridge.pinClicked === "function") bridge.pinClicked(placeId);
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

  GE.markReady = function () {
    // Ready once no zoom or pan animation is running, the basemap cells for
    // the view are in and labelled, and two frames have painted the vectors
    // (a grab during an animation shows scaled layers).
    var map = GE.map;
    function settle() {
      var basemap = GE.basemap;
      if (map && (map._animatingZoom || map._panAnim && map._panAnim._inProgress) ||
          (basemap && !basemap.idle())) {
        setTimeout(settle, 20);
        return;
      }
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { GE.ready = true; GE.readyAt = performance.now(); });
      });
    }
    setTimeout(settle, 0);
  };

  // geo_basemap.js may have been loaded first and hung itself here
  if (window.geoExplorer && window.geoExplorer.basemap) GE.basemap = window.geoExplorer.basemap;
  window.geoExplorer = GE;
})();
