/* dossier report: document viewer, map, search. Builds every node with textContent, never innerHTML. */
(function () {
  "use strict";
  var dataNode = document.getElementById("dossier-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : { places: [], live: false };
  var viewer = document.getElementById("viewer");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* -- the document viewer: open a document with its evidence sentences highlighted ------ */
  function openRef(anchors) {
    if (!anchors.length) return;
    var first = document.getElementById(anchors[0]);
    if (!first) return;
    var article = first.closest("article.doc");
    document.querySelectorAll("article.doc.open").forEach(function (a) { a.classList.remove("open"); });
    document.querySelectorAll(".s.hl").forEach(function (s) { s.classList.remove("hl"); });
    article.classList.add("open");
    showViewer();
    anchors.forEach(function (id) {
      var s = document.getElementById(id);
      if (s) s.classList.add("hl");
    });
    first.scrollIntoView({ block: "center" });
    if (history.replaceState) history.replaceState(null, "", "#" + anchors[0]);
  }

  /* The viewer sits under the header, so search and navigation stay usable beside it. */
  function showViewer() {
    var header = document.querySelector("header");
    viewer.style.top = (header ? header.offsetHeight : 0) + "px";
    viewer.classList.add("open");
    viewer.setAttribute("aria-hidden", "false");
  }

  function openDoc(docId) {
    var article = document.getElementById("doc-" + docId);
    if (!article) return;
    document.querySelectorAll("article.doc.open").forEach(function (a) { a.classList.remove("open"); });
    article.classList.add("open");
    showViewer();
    article.scrollIntoView({ block: "start" });
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.ref, a.docref");
    if (!link) return;
    ev.preventDefault();
    if (link.classList.contains("docref")) { openDoc(link.dataset.doc); return; }
    var anchors = (link.dataset.s || link.getAttribute("href").slice(1)).split(" ").filter(Boolean);
    openRef(anchors);
  });
  document.getElementById("viewer-close").addEventListener("click", function () {
    viewer.classList.remove("open");
    viewer.setAttribute("aria-hidden", "true");
  });
  if (location.hash.indexOf("#s-") === 0) openRef([location.hash.slice(1)]);

  /* -- the map: markers with labels and a graticule, no tiles needed ---------------------- */
  function refLink(ref, text) {
    var a = el("a", "ref", text);
    a.href = "#" + ref.anchor;
    a.dataset.s = ref.anchors.join(" ");
    return a;
  }

  function graticule(map, layer) {
    layer.clearLayers();
    var z = map.getZoom();
    var step = z >= 9 ? 0.1 : z >= 7 ? 0.5 : z >= 5 ? 1 : z >= 3 ? 5 : 10;
    var b = map.getBounds().pad(0.5);
    var south = Math.max(-85, Math.floor(b.getSouth() / step) * step);
    var north = Math.min(85, Math.ceil(b.getNorth() / step) * step);
    var west = Math.max(-180, Math.floor(b.getWest() / step) * step);
    var east = Math.min(180, Math.ceil(b.getEast() / step) * step);
    var style = { color: "#9aa6b8", weight: 1, opacity: 0.6, interactive: false, dashArray: "3 4" };
    for (var lat = south; lat <= north + 1e-9; lat += step) {
      L.polyline([[lat, west], [lat, east]], style).addTo(layer);
      L.marker([lat, west], { interactive: false, icon: L.divIcon({ className: "grat-label", html: "", iconSize: null }) })
        .addTo(layer).getElement().textContent = lat.toFixed(step < 1 ? 1 : 0) + "°";
    }
    for (var lon = west; lon <= east + 1e-9; lon += step) {
      L.polyline([[south, lon], [north, lon]], style).addTo(layer);
      L.marker([south, lon], { interactive: false, icon: L.divIcon({ className: "grat-label", html: "", iconSize: null }) })
        .addTo(layer).getElement().textContent = lon.toFixed(step < 1 ? 1 : 0) + "°";
    }
  }

  function popup(place) {
    var box = el("div", "popup");
    box.appendChild(el("strong", null, place.name));
    box.appendChild(el("div", "muted", [place.feature, place.admin1, place.country].filter(Boolean).join(" · ")));
    box.appendChild(el("div", "muted", place.mentions.length + " mention" + (place.mentions.length === 1 ? "" : "s")));
    var list = el("ul");
    place.events.slice(0, 5).forEach(function (e) {
      var li = el("li");
      li.appendChild(el("span", "muted", e.date_label + ": "));
      if (e.ref) li.appendChild(refLink(e.ref, e.summary)); else li.appendChild(el("span", null, e.summary));
      list.appendChild(li);
    });
    place.mentions.slice(0, 8).forEach(function (m) {
      var li = el("li");
      li.appendChild(refLink(m, m.label + ": “" + m.text + "”"));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function drawMap() {
    var node = document.getElementById("map");
    if (!node || typeof L === "undefined") return;
    var map = L.map(node, { worldCopyJump: false, attributionControl: false, minZoom: 2, maxZoom: 14 });
    window.dossierMap = map;
    drawBasemap(map);
    var grid = L.layerGroup().addTo(map);
    var markers = [];
    data.places.forEach(function (p) {
      var radius = 5 + Math.min(10, Math.sqrt(p.mentions.length) * 2);
      var m = L.circleMarker([p.lat, p.lon], {
        radius: radius, color: "#8a1c1c", weight: 2, fillColor: "#d9433b", fillOpacity: 0.75, className: "place-marker"
      });
      m.bindTooltip(el("span", null, p.name), {  // a node: Leaflet would parse a string as HTML
         permanent: true, direction: "right", className: "place-label", offset: [radius, 0] });
      m.bindPopup(popup(p), { maxWidth: 360 });
      m.addTo(map);
      m.mentionCount = p.mentions.length;
      markers.push(m);
    });
    if (markers.length) {
      map.fitBounds(focus(data.places).pad(0.3), { maxZoom: 9 });
    } else {
      map.setView([20, 0], 2);
    }
    map.on("zoomend moveend", function () { graticule(map, grid); declutter(markers); });
    graticule(map, grid);
    declutter(markers);
    if (data.tiles) {
      L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.tiles_attribution || "" }).addTo(map);
    }
  }

  /* Hide the labels that would overlap a label of a more mentioned place. */
  function declutter(markers) {
    var kept = [];
    markers.slice().sort(function (a, b) { return b.mentionCount - a.mentionCount; }).forEach(function (m) {
      var tip = m.getTooltip() && m.getTooltip().getElement();
      if (!tip) return;
      tip.classList.remove("hidden-label");
      var r = tip.getBoundingClientRect();
      var clash = kept.some(function (k) {
        return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom;
      });
      if (clash) tip.classList.add("hidden-label"); else kept.push(r);
    });
  }

  /* Coastlines and borders from the embedded TopoJSON arcs (delta-encoded, quantized). */
  function drawBasemap(map) {
    var node = document.getElementById("dossier-basemap");
    if (!node) return;
    var topo = JSON.parse(node.textContent);
    var sx = topo.transform.scale[0], sy = topo.transform.scale[1];
    var tx = topo.transform.translate[0], ty = topo.transform.translate[1];
    var lines = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) { x += p[0]; y += p[1]; return [y * sy + ty, x * sx + tx]; });
    });
    L.polyline(lines, { color: "#6f7f95", weight: 1.2, opacity: 0.9, interactive: false, renderer: L.canvas(),
                        className: "basemap" }).addTo(map);
  }

  /* Where the story happens: towns (not countries) near the most-mentioned one. */
  function focus(places) {
    var local = places.filter(function (p) { return p.precision !== 3 && p.feature !== "country"; });
    if (!local.length) local = places;
    var top = local[0];
    local.forEach(function (p) { if (p.mentions.length > top.mentions.length) top = p; });
    var near = local.filter(function (p) { return Math.abs(p.lat - top.lat) < 3 && Math.abs(p.lon - top.lon) < 4.5; });
    return L.latLngBounds(near.map(function (p) { return [p.lat, p.lon]; }));
  }

  /* -- search: the API's full-text search when served, the page's own sentences offline -- */
  function showHits(hits, message) {
    var box = document.getElementById("search-results");
    box.textContent = "";
    box.hidden = false;
    if (message) { box.appendChild(el("p", "error", message)); return; }
    box.appendChild(el("p", "muted", hits.length + " sentence" + (hits.length === 1 ? "" : "s") + " found"));
    var list = el("ol", "hits");
    hits.forEach(function (h) {
      var li = el("li", "hit");
      li.appendChild(el("span", "muted", h.label + ": "));
      li.appendChild(refLink(h, h.text));
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function searchLocal(q) {
    var terms = q.toLowerCase().split(/\W+/).filter(Boolean);
    if (!terms.length) return showHits([], "Type a word to search for.");
    var hits = [];
    document.querySelectorAll("article.doc .s").forEach(function (s) {
      var text = s.textContent.toLowerCase();
      if (terms.every(function (t) { return text.indexOf(t) >= 0; })) {
        var article = s.closest("article.doc");
        hits.push({ anchor: s.id, anchors: [s.id], text: s.textContent.trim(), label: article.dataset.label });
      }
    });
    showHits(hits.slice(0, 50));
  }

  function searchLive(q) {
    fetch("api/search?q=" + encodeURIComponent(q) + "&limit=50", { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      })
      .then(function (res) {
        if (!res.ok) return showHits([], (res.body && res.body.detail) || "search failed");
        showHits(res.body.hits);
      })
      .catch(function (err) { showHits([], "search failed: " + err); });
  }

  var form = document.getElementById("search");
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = form.querySelector("input").value;
      if (data.live) searchLive(q); else searchLocal(q);
    });
  }

  drawMap();
})();
