// The maps of the web app: Leaflet and Leaflet.markercluster from the server's /vendor/leaflet/ (Debian's
// libjs-leaflet, libjs-leaflet.markercluster), loaded only when a page draws a map. Without tiles the map
// draws the districts (the municipality's outline); when Leaflet cannot be loaded the map box says so and
// the list stays the way to every result.
import { config, esc } from "./common.js";
import { t } from "./i18n.js";

function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const el = document.createElement(tag);
    Object.assign(el, attributes);
    el.onload = resolve;
    el.onerror = () => reject(new Error(`cannot load ${attributes.src || attributes.href}`));
    document.head.appendChild(el);
  });
}

let leaflet;
/// Loads Leaflet (+ markercluster); resolves to the global L, rejects when the files are missing.
export function loadLeaflet() {
  leaflet ||= (async () => {
    await Promise.all([
      load("link", { rel: "stylesheet", href: "/vendor/leaflet/leaflet.css" }),
      load("link", { rel: "stylesheet", href: "/vendor/leaflet/MarkerCluster.css" }),
      load("link", { rel: "stylesheet", href: "/vendor/leaflet/MarkerCluster.Default.css" }),
      load("script", { src: "/vendor/leaflet/leaflet.min.js" }),
    ]);
    await load("script", { src: "/vendor/leaflet/leaflet.markercluster.min.js" });
    window.L.Icon.Default.imagePath = "/vendor/leaflet/images/";
    return window.L;
  })();
  return leaflet;
}

let districts;
/// The districts as GeoJSON (the outline drawn without tiles).
export function districtLayer() {
  districts ||= fetch("/ogc/collections/districts/items?limit=10000").then((r) => r.json());
  return districts;
}

/// A map in `element`: tiles when configured, else the districts; answers {L, map, fit(bounds)} or null
/// (with a message in the box) when Leaflet is missing.
export async function createMap(element, { outline = true } = {}) {
  let L;
  try { L = await loadLeaflet(); } catch {
    element.innerHTML = `<p class="notice map-missing" role="note">${esc(t.mapMissing)}</p>`;
    element.classList.add("missing");
    return null;
  }
  const map = L.map(element, { zoomSnap: 0.5, maxZoom: 18 });
  map.attributionControl.setPrefix("Leaflet");
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: esc(config.tilesAttribution || "") }).addTo(map);
  }
  let outlineLayer = null;
  if (outline) {
    const data = await districtLayer();
    outlineLayer = L.geoJSON(data, { style: { color: "#4a4a4a", weight: 1, fillColor: "#e8efe4", fillOpacity: config.tiles ? 0.1 : 0.6 },
                                     interactive: false }).addTo(map);
    if (!config.tiles) map.attributionControl.addAttribution(esc(t.mapOutline));
    if (outlineLayer.getBounds().isValid()) map.fitBounds(outlineLayer.getBounds());
  }
  if (!outlineLayer) map.setView([57.0, 9.8], 9);
  return { L, map, outlineLayer };
}
