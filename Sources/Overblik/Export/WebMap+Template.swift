extension WebMap {
    /// The page: %TITLE%, %LEAFLET% (link/script or inlined Leaflet) and %DATA% (the layers and
    /// colour tables as JavaScript constants) are filled in by ``html()``.
    static let template = #"""
    <!DOCTYPE html>
    <html lang="da">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>%TITLE%</title>
    %LEAFLET%
    <style>
    html, body { height: 100%; margin: 0; font: 16px/1.4 system-ui, sans-serif; color: #1b1b1b; }
    body { display: flex; flex-direction: column; }
    h1.overblik-title { font-size: 1.25rem; margin: 0; padding: .4rem .75rem; background: #0a4f8f; color: #fff; }
    #map { flex: 1; min-height: 60vh; }
    .overblik-fallback { margin: 1rem; padding: .75rem 1rem; background: #fff4ce; border: 1px solid #8a6d00; border-radius: 4px; max-width: 40rem; }
    .overblik-legend { background: #fff; padding: 6px 10px; font: 12px/18px sans-serif; border-radius: 4px;
      box-shadow: 0 1px 4px rgba(0,0,0,.3); }
    .overblik-legend i { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px;
      border: 1px solid #555; }
    .overblik-legend i.dot { border-radius: 6px; }
    @media (max-width: 700px) { .overblik-legend { max-height: 28vh; max-width: 60vw; overflow: auto; font-size: 11px; } }
    .overblik-popup td { padding: 0 6px 0 0; vertical-align: top; }
    </style>
    </head>
    <body>
    <h1 class="overblik-title">%TITLE%</h1>
    <div id="map"><p class="overblik-fallback" id="overblik-fallback">Kortet kunne ikke tegnes: Leaflet blev ikke indlæst
    (siden er åbnet uden net, og Leaflet er hentet fra nettet, eller JavaScript er slået fra). Lav siden igen med
    <code>overblik map --leaflet /usr/share/javascript/leaflet</code> (Debians libjs-leaflet), så virker den uden net.</p></div>
    <script>
    %DATA%
    (function () {
      "use strict";
      function esc(v) {
        return String(v).replace(/[&<>"']/g, function (c) {
          return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
        });
      }
      function row(label, value) {
        if (value === null || value === undefined || value === "") return "";
        return "<tr><td>" + esc(label) + "</td><td>" + esc(value) + "</td></tr>";
      }
      function link(url) {
        return /^https?:\/\//.test(url) ? "<a href=\"" + esc(url) + "\" target=\"_blank\" rel=\"noopener\">booking</a>" : esc(url);
      }
      var ACCESS = {wheelchair: "kørestol", step_free: "niveaufri adgang", toilets_wheelchair: "handicaptoilet",
                    hearing_loop: "teleslynge", parking_accessible: "handicapparkering"};
      var VALUES = {yes: "ja", no: "nej", limited: "delvist", designated: "ja", unknown: "ukendt"};
      function clock(t) { return String(t).replace("T", " kl. ").replace(/(\d\d):(\d\d)$/, "$1.$2"); }
      function facilityPopup(p) {
        var access = Object.keys(ACCESS)
          .map(function (k) { return ACCESS[k] + ": " + (VALUES[p[k] || "unknown"] || p[k]); }).join(", ");
        var free = p.next_free_start ? clock(p.next_free_start) + " til " + clock(p.next_free_end)
          + (p.next_free_room ? " (" + p.next_free_room + ")" : "") : "intet de næste dage";
        var contact = [p.contact_name, p.phone, p.email].filter(Boolean).map(esc).join(", ");
        if (p.booking_url) contact += (contact ? ", " : "") + link(p.booking_url);
        return "<b>" + esc(p.name) + "</b><br>" + esc(KIND_NAMES[p.kind] || String(p.kind).replace(/_/g, " "))
          + (p.address ? "<br>" + esc(p.address) : "")
          + "<table class=\"overblik-popup\">"
          + row("Tilgængelighed", access) + row("God Adgang", p.god_adgang) + row("Tjekket", p.checked)
          + row("Lokaler", p.rooms) + row("Åbningstider", p.opening_hours)
          + row("Åbent nu", p.open_now === null ? null : (p.open_now ? "ja" : "nej") + (AS_OF ? " (pr. " + AS_OF + ")" : ""))
          + row("Næste ledige tid", free + (AS_OF ? " (pr. " + AS_OF + ")" : ""))
          + (contact ? "<tr><td>Kontakt</td><td>" + contact + "</td></tr>" : "")
          + "</table>";
      }
      function shareColor(share) {
        var color = SHARE_CLASSES[0][1];
        SHARE_CLASSES.forEach(function (c) { if (share >= c[0]) color = c[1]; });
        return color;
      }
      function districtColor(p) {
        if (SHARE_KEY) return typeof p[SHARE_KEY] === "number" ? shareColor(p[SHARE_KEY]) : NO_RESIDENTS_COLOR;
        return p.rural ? RURAL_COLORS.rural : RURAL_COLORS.urban;
      }
      function districtPopup(p) {
        var html = "<b>" + esc(p.name) + "</b> (" + esc(p.code) + ")<br>" + (p.rural ? "landdistrikt" : "byområde")
          + "<table class=\"overblik-popup\">" + row("Areal", p.area_km2 === null ? null : p.area_km2 + " km²")
          + row("Steder", p.facilities);
        if (SHARE_KEY && typeof p[SHARE_KEY] === "number") {
          html += row("Indbyggere", Math.round(p.population)) + row("Dækket", (p[SHARE_KEY] * 100).toFixed(1) + " %")
            + row("Median afstand", p.median_m === null ? null : p.median_m + " m");
        } else if (SHARE_KEY) {
          html += row("Indbyggere", "ingen beboere");
        }
        return html + "</table>";
      }

      var map = L.map("map");  // throws when Leaflet did not load: the message stays
      var fallback = document.getElementById("overblik-fallback");
      if (fallback) fallback.parentNode.removeChild(fallback);
      map.attributionControl.addAttribution("Data: " + esc(DATA_ATTRIBUTION));
      var base = {};
      if (TILES) {
        base["OpenStreetMap"] = L.tileLayer(TILES, {maxZoom: 19,
          attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"}).addTo(map);
      }
      var overlays = {};
      var districts = L.geoJSON(DISTRICTS, {
        style: function (f) {
          return {color: "#555555", weight: 1, fillColor: districtColor(f.properties), fillOpacity: 0.45,
                  className: "overblik-district"};
        },
        onEachFeature: function (f, layer) { layer.bindPopup(districtPopup(f.properties)); }
      }).addTo(map);
      if (DISTRICTS.features.length) overlays["Distrikter"] = districts;
      var byKind = {};
      FACILITIES.features.forEach(function (f) { (byKind[f.properties.kind] = byKind[f.properties.kind] || []).push(f); });
      var all = [];
      Object.keys(byKind).sort().forEach(function (kind) {
        var layer = L.geoJSON({type: "FeatureCollection", features: byKind[kind]}, {
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, {radius: 6, color: "#222222", weight: 1, fillOpacity: 0.9,
                                           fillColor: KIND_COLORS[kind] || "#7f7f7f", className: "overblik-facility"});
          },
          onEachFeature: function (f, l) { l.bindPopup(facilityPopup(f.properties)); }
        }).addTo(map);
        all.push(layer);
        overlays["<i style=\"display:inline-block;width:10px;height:10px;border-radius:5px;background:"
          + (KIND_COLORS[kind] || "#7f7f7f") + "\"></i> " + esc(KIND_NAMES[kind] || kind.replace(/_/g, " ")) + " (" + byKind[kind].length + ")"] = layer;
      });
      // On a phone the controls fold away, so that they do not cover the map.
      var narrow = window.innerWidth < 700;
      L.control.layers(base, overlays, {collapsed: narrow}).addTo(map);

      var legend = L.control({position: "bottomright"});
      legend.onAdd = function () {
        var div = L.DomUtil.create("div", "overblik-legend");
        var html = "";
        LEGEND_NOTES.forEach(function (n) { html += "<small>" + esc(n) + "</small><br>"; });
        if (DISTRICTS.features.length) {
          if (SHARE_KEY) {
            html += "<b>Andel af beboerne dækket (inden for " + esc(SHARE_KEY.replace("share_", "")) + ")</b><br>";
            SHARE_CLASSES.forEach(function (c, i) {
              var to = i + 1 < SHARE_CLASSES.length ? SHARE_CLASSES[i + 1][0] : 1;
              html += "<i style=\"background:" + c[1] + "\"></i>" + Math.round(c[0] * 100) + "–" + Math.round(to * 100) + " %<br>";
            });
            html += "<i style=\"background:" + NO_RESIDENTS_COLOR + "\"></i>ingen beboere<br>";
          } else {
            html += "<b>Distrikter</b><br><i style=\"background:" + RURAL_COLORS.rural + "\"></i>landdistrikt<br>"
              + "<i style=\"background:" + RURAL_COLORS.urban + "\"></i>byområde<br>";
          }
        }
        html += "<b>Steder</b> (" + FACILITIES.features.length + ")<br>";
        Object.keys(byKind).sort().forEach(function (kind) {
          html += "<i class=\"dot\" style=\"background:" + (KIND_COLORS[kind] || "#7f7f7f") + "\"></i>"
            + esc(KIND_NAMES[kind] || kind.replace(/_/g, " ")) + "<br>";
        });
        if (AS_OF) html += "<small>Åbent nu og næste ledige tid pr. " + esc(AS_OF) + "</small><br>";
        div.innerHTML = html;
        return div;
      };
      legend.addTo(map);

      // The districts are the planner's area: fit them, not every facility of a regional register.
      var bounds = districts.getBounds();
      if (!bounds.isValid()) {
        all.forEach(function (l) { if (l.getBounds().isValid()) bounds = bounds.isValid() ? bounds.extend(l.getBounds()) : l.getBounds(); });
      }
      if (bounds.isValid()) map.fitBounds(bounds, {padding: [10, 10]}); else map.setView([57.048, 9.919], 10);
    })();
    </script>
    </body>
    </html>
    """#
}
