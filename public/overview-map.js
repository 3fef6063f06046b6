/*
 * The overview's interactive map (progressive enhancement). Without JavaScript the SVG map and its
 * table are the map, and this block stays hidden. With JavaScript a button appears; only its first
 * click loads Leaflet (about 43 KB gzip, from /ueberblick/leaflet/, same origin for the CSP) and the
 * data (karte.json), then draws the municipalities shaded as on the SVG map and the published offers
 * as markers that group when they are close on screen. No tile server.
 */
(function () {
  'use strict';
  var wrap = document.getElementById('karte-interaktiv-wrap');
  var button = document.getElementById('karte-interaktiv-knopf');
  var area = document.getElementById('karte-interaktiv-bereich');
  var holder = document.getElementById('karte-interaktiv');
  var status = document.getElementById('karte-interaktiv-status');
  if (!wrap || !button || !area || !holder || !status || !window.fetch || !window.Promise) return;
  var text = function (name) {
    return wrap.getAttribute('data-' + name) || '';
  };
  var RADIUS = 40;
  var map = null;
  var loading = false;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (key) {
        element.setAttribute(key, attributes[key]);
      });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function leaflet() {
    if (window.L) return Promise.resolve();
    var base = text('leaflet');
    return Promise.all([
      load('link', { rel: 'stylesheet', href: base + 'leaflet.css' }),
      load('script', { src: base + 'leaflet.js' }),
    ]);
  }

  function data() {
    return fetch(text('source'), { headers: { accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error('map data ' + response.status);
      return response.json();
    });
  }

  function show(open) {
    area.hidden = !open;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    button.textContent = text(open ? 'hide' : 'show');
    if (open && map) map.invalidateSize();
  }

  function labelled(marker, label) {
    var element = marker.getElement();
    if (element) element.setAttribute('aria-label', label);
  }

  function draw(data) {
    var L = window.L;
    map = L.map(holder, { attributionControl: false, zoomControl: false, zoomSnap: 0.25 });
    L.control.zoom({ zoomInTitle: text('zoom-in'), zoomOutTitle: text('zoom-out') }).addTo(map);
    var areas = L.geoJSON(data, {
      style: function (feature) {
        return { color: '#ffffff', weight: 1.5, fillColor: feature.properties.color, fillOpacity: 0.85 };
      },
      onEachFeature: function (feature, layer) {
        // No tile server, so no base map with place names: each municipality carries its name.
        layer.bindTooltip(feature.properties.name, { permanent: true, direction: 'center', className: 'map-place-label', interactive: false });
      },
    }).addTo(map);
    if (areas.getLayers().length) map.fitBounds(areas.getBounds(), { padding: [8, 8] });
    else if (data.offers.length) map.fitBounds(data.offers.map(function (o) { return [o.lat, o.lng]; }));
    else map.setView([51.2, 10.4], 6);
    // A single offer's link gets the focus when its popup opens, so keyboard users reach it at once.
    map.on('popupopen', function (event) {
      var link = event.popup.getElement() && event.popup.getElement().querySelector('a');
      if (link) link.focus();
    });

    var markers = L.layerGroup().addTo(map);
    // Enter or space on a focused marker does what a click does (Leaflet itself only opens popups on Enter).
    function onKey(action) {
      return function (event) {
        var key = event.originalEvent.key;
        if (key !== 'Enter' && key !== ' ') return;
        event.originalEvent.preventDefault();
        action();
      };
    }
    function place() {
      // Markers are drawn anew after zooming; a keyboard user's focus stays on the map, not lost to the page.
      var focused = document.activeElement;
      var refocus = focused !== holder && holder.contains(focused);
      markers.clearLayers();
      // Greedy grouping on screen: the biggest places first; a place joins a group whose first place
      // lies within RADIUS pixels, else it starts one. Group centres are thus at least RADIUS apart
      // and their circles never cover each other. A grid of RADIUS-sized cells keeps the search local.
      var groups = {};
      var grid = {};
      var sorted = data.offers.slice().sort(function (a, b) { return b.count - a.count; });
      sorted.forEach(function (offer, index) {
        var point = map.latLngToLayerPoint([offer.lat, offer.lng]);
        var gx = Math.floor(point.x / RADIUS);
        var gy = Math.floor(point.y / RADIUS);
        var found = null;
        for (var dx = -1; dx <= 1 && !found; dx++) {
          for (var dy = -1; dy <= 1 && !found; dy++) {
            (grid[(gx + dx) + ':' + (gy + dy)] || []).some(function (group) {
              if (Math.pow(group.x - point.x, 2) + Math.pow(group.y - point.y, 2) > RADIUS * RADIUS) return false;
              found = group;
              return true;
            });
          }
        }
        if (!found) {
          found = { x: point.x, y: point.y, at: [offer.lat, offer.lng], count: 0, single: null };
          groups[index] = found;
          var key = gx + ':' + gy;
          (grid[key] || (grid[key] = [])).push(found);
        }
        found.count += offer.count;
        found.single = found.count === 1 ? offer : null;
      });
      Object.keys(groups).forEach(function (key) {
        var group = groups[key];
        var at = group.at;
        if (group.single && group.single.url) {
          var title = group.single.title || text('one');
          var link = document.createElement('a');
          link.href = group.single.url;
          link.textContent = title;
          var dot = L.marker(at, { icon: L.divIcon({ className: 'map-offer', iconSize: [16, 16] }), title: title, keyboard: true })
            .bindPopup(link)
            .addTo(markers);
          dot.on('keypress', onKey(function () { dot.openPopup(); }));
          labelled(dot, title);
          return;
        }
        var label = text('many').replace('{count}', String(group.count));
        var icon = L.divIcon({ className: 'map-cluster', html: '<span aria-hidden="true">' + group.count + '</span>', iconSize: [36, 36] });
        var zoomIn = function () {
          map.setView(at, Math.min(map.getZoom() + 2, 18));
        };
        var cluster = L.marker(at, { icon: icon, title: label, keyboard: true })
          .on('click', zoomIn)
          .on('keypress', onKey(zoomIn))
          .addTo(markers);
        labelled(cluster, label);
      });
      if (refocus) holder.focus();
    }
    map.on('zoomend', place);
    place();
  }

  button.addEventListener('click', function () {
    if (map) return show(area.hidden);
    if (loading) return;
    loading = true;
    wrap.setAttribute('aria-busy', 'true');
    status.textContent = text('loading');
    Promise.all([leaflet(), data()])
      .then(function (results) {
        area.hidden = false;
        draw(results[1]);
        status.textContent = '';
        show(true);
      })
      .catch(function () {
        area.hidden = true;
        status.textContent = text('failed');
      })
      .then(function () {
        loading = false;
        wrap.removeAttribute('aria-busy');
      });
  });
  wrap.hidden = false;
})();
