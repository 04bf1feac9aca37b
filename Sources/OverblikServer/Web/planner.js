// The planner's map: districts coloured by the share of residents within 5 km of a room (a "no residents"
// class for districts without any), the gaps (towns without a room in reach) listed beside it, and the
// source of the rural/urban classification in the legend.
import { api, esc, instant, status } from "./common.js";
import { lang, t } from "./i18n.js";
import { createMap } from "./map.js";

// The share classes and the "no residents" grey of the static map (MapStyle), and the classification,
// written into the page by the server.
const { source, classes, noResidents } = JSON.parse(document.getElementById("legend").textContent);
const share = (p) => (typeof p.share_5000m === "number" && p.population > 0 ? p.share_5000m : null);
function color(value) { let c = classes[0][1]; for (const [from, col] of classes) if (value >= from) c = col; return c; }
const pct = (x) => `${Math.round(x * 100)} %`;
const number = (x) => Math.round(x).toLocaleString(lang === "en" ? "en-GB" : "da-DK");

async function main() {
  status(t.loading);
  let coverage, gaps;
  try {
    [coverage, gaps] = await Promise.all([api("/ogc/collections/coverage/items?limit=10000"), api("/ogc/collections/gaps/items?limit=10000")]);
  } catch (error) { status(t.error(error.message), true); return; }
  const asOf = t.asOf(instant(coverage.asOf));
  const legend = `<h2 id="h-legend">${esc(t.coverage)}</h2><ul class="legend">`
    + classes.map(([from, col], i) => `<li><span class="swatch" style="background:${col}"></span>${pct(from)}–${pct(i + 1 < classes.length ? classes[i + 1][0] : 1)}</li>`).join("")
    + `<li><span class="swatch" style="background:${noResidents}"></span>${esc(t.noResidents)}</li></ul>`
    + `<p>${esc(t.reach)}.</p><p>${esc(source[lang] ? t.legendSource(source[lang]) : "")}.</p><p class="muted">${esc(asOf)}</p>`;
  const districts = [...coverage.data.features].sort((a, b) => (share(a.properties) ?? 2) - (share(b.properties) ?? 2));
  const table = `<table><caption>${esc(t.districtsLabel)} (${esc(asOf)})</caption><thead><tr><th scope="col">${esc(t.district)}</th><th scope="col">%</th></tr></thead><tbody>`
    + districts.map((f) => `<tr><th scope="row">${esc(f.properties.name)} <span class="muted">(${esc(f.properties.rural ? t.rural : t.urban)})</span></th>`
      + `<td>${share(f.properties) === null ? esc(t.noResidents) : pct(share(f.properties))}</td></tr>`).join("") + `</tbody></table>`;
  const gapItems = gaps.data.features.map((g) => `<li>${esc(t.gapLine(g.properties.name, number(g.properties.population),
    `${(g.properties.distance_m / 1000).toFixed(1)} km`, g.properties.nearest_facility_name))}</li>`).join("");
  document.getElementById("planner").innerHTML = `<section aria-labelledby="h-legend">${legend}</section>`
    + `<section aria-labelledby="h-gaps"><h2 id="h-gaps">${esc(t.gaps)}</h2>${gapItems ? `<ol id="gaps">${gapItems}</ol>` : `<p>${esc(t.nothing)}</p>`}`
    + `<p class="muted">${esc(asOf)}</p></section><section>${table}</section>`;
  status("");
  const m = await createMap(document.getElementById("map"), { outline: false });
  if (!m) return;
  const layer = m.L.geoJSON(coverage.data, {
    style: (f) => ({ color: "#4a4a4a", weight: 1, fillOpacity: 0.7, fillColor: share(f.properties) === null ? noResidents : color(share(f.properties)) }),
    onEachFeature: (f, l) => l.bindTooltip(`${esc(f.properties.name)}: ${share(f.properties) === null ? esc(t.noResidents) : pct(share(f.properties))}`),
  }).addTo(m.map);
  m.L.geoJSON(gaps.data, { pointToLayer: (f, latlng) => m.L.circleMarker(latlng, { radius: 7, color: "#000", weight: 2, fillColor: "#fff", fillOpacity: 1 })
    .bindTooltip(esc(f.properties.name)) }).addTo(m.map);
  if (layer.getBounds().isValid()) m.map.fitBounds(layer.getBounds());
}

main();
