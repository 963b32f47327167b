/* The platform map: Leaflet + markercluster over /platforms/map/data/.
 * Wide viewports get server-side grid aggregates (one marker per cell with its count); small
 * viewports get individual platforms, clustered on the client. No inline script: configuration
 * comes from the #map-config JSON and data-* attributes (strict CSP). */
(function () {
  "use strict";
  var element = document.getElementById("platform-map");
  if (!element || typeof L === "undefined") { return; }
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var data = element.dataset;
  var form = document.getElementById("map-filters");
  var status = document.getElementById("map-status");
  var listLink = document.getElementById("map-list-link");

  L.Icon.Default.mergeOptions({
    iconUrl: data.iconPath + "marker-icon.png",
    iconRetinaUrl: data.iconPath + "marker-icon-2x.png",
    shadowUrl: data.iconPath + "marker-shadow.png"
  });
  L.Icon.Default.imagePath = data.iconPath;

  var map = L.map(element, { center: config.center, zoom: config.zoom, maxZoom: config.maxZoom || 18 });
  L.tileLayer(config.tileUrl, {
    attribution: config.attribution, subdomains: config.subdomains || "abc", maxZoom: config.maxZoom || 18
  }).addTo(map);
  if (config.overlayUrl) {  // e.g. 天地图's label layer over its base map
    L.tileLayer(config.overlayUrl, { subdomains: config.subdomains || "abc", maxZoom: config.maxZoom || 18 }).addTo(map);
  }
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  var cells = L.layerGroup();
  map.addLayer(clusters);
  map.addLayer(cells);

  var controller = null;
  var timer = null;
  var fitNext = true;

  function text(template, n) { return template.replace("{n}", n); }

  function filterParams() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") { params.append(key, value); } });
    return params;
  }

  function detailUrl(id) { return data.detailUrl.replace(/0\/$/, id + "/"); }

  function popup(name, id, demo) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = name;
    box.appendChild(title);
    if (demo) {
      var badge = document.createElement("span");
      badge.className = "badge warn demo-mark";
      badge.textContent = data.labelDemo;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(badge);
    }
    var link = document.createElement("a");
    link.href = detailUrl(id);
    link.textContent = data.labelOpen;
    link.className = "map-popup-link";
    box.appendChild(document.createElement("br"));
    box.appendChild(link);
    return box;
  }

  function cellIcon(count) {
    var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
    return L.divIcon({
      html: "<div><span>" + count + "</span></div>",
      className: "marker-cluster grid-cell " + (count < 10 ? "marker-cluster-small" : count < 100 ?
        "marker-cluster-medium" : "marker-cluster-large"),
      iconSize: L.point(size, size)
    });
  }

  function render(payload) {
    clusters.clearLayers();
    cells.clearLayers();
    var bounds = [];
    if (payload.mode === "points") {
      var markers = payload.points.map(function (p) {
        bounds.push([p[1], p[2]]);
        var marker = L.marker([p[1], p[2]], { title: p[3] });
        marker.bindPopup(popup(p[3], p[0], p[4] === 1));
        return marker;
      });
      clusters.addLayers(markers);
    } else {
      payload.cells.forEach(function (c) {
        bounds.push([c[0], c[1]]);
        var marker = L.marker([c[0], c[1]], { icon: cellIcon(c[2]), title: text(data.labelZoom, c[2]) });
        marker.on("click", function () {
          if (c[3]) { window.location.href = detailUrl(c[3]); return; }
          map.setView([c[0], c[1]], Math.min(map.getZoom() + 3, config.maxZoom || 18));
        });
        cells.addLayer(marker);
      });
    }
    var message = payload.count ? text(data.labelCount, payload.count) : data.labelNone;
    if (payload.truncated) { message += text(data.labelTruncated, payload.points.length); }
    status.textContent = message;
    element.dataset.mode = payload.mode;
    element.dataset.count = String(payload.count);
    if (fitNext && bounds.length) {
      fitNext = false;
      map.fitBounds(L.latLngBounds(bounds).pad(0.2), { maxZoom: 12 });
    }
  }

  function load() {
    var params = filterParams();
    if (!fitNext) {
      var b = map.getBounds();
      params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map(function (v) { return v.toFixed(5); }).join(","));
    }
    params.set("zoom", fitNext ? "4" : String(map.getZoom()));
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch(data.dataUrl + "?" + params.toString(), { signal: controller.signal, headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(render)
      .catch(function (error) { if (error.name !== "AbortError") { status.textContent = data.labelError; } });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 150);
  }

  function filtersChanged(event) {
    if (event) { event.preventDefault(); }
    var query = filterParams().toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    if (listLink) { listLink.href = data.directoryUrl + (query ? "?" + query : ""); }
    fitNext = true;
    load();
  }

  form.addEventListener("submit", filtersChanged);
  form.addEventListener("change", filtersChanged);
  map.on("moveend", function () { if (!fitNext) { schedule(); } });
  filtersChanged(null);
}());
