// Find a room: the place box with suggestions, the filters, the list and the map in step. The question
// lives in the address bar (the form's fields, as FindForm.swift names them), so a URL can be shared.
import { addDays, api, config, esc, href, instant, status, today } from "./common.js";
import { equipmentList, lang, t } from "./i18n.js";
import { createMap } from "./map.js";

const form = document.getElementById("find");
const input = document.getElementById("q");
const listbox = document.getElementById("q-suggestions");
const results = document.getElementById("results");
const mapBox = document.getElementById("map");
const directions = { N: "N", NE: "NØ", E: "Ø", SE: "SØ", S: "S", SW: "SV", W: "V", NW: "NV" };
const dayNames = Object.fromEntries([...document.querySelectorAll("#f-day option")].map((o) => [o.value, o.textContent]));

/// The /api/near query of the form's fields (the same mapping as FindForm.nearParameters on the server).
export function nearParameters(fields) {
  const place = (fields.get("q") || "").trim();
  if (!place) return null;
  const out = new URLSearchParams({ place, limit: "20" });
  for (const key of ["kind", "capacity", "step_free", "toilets_wheelchair", "hearing_loop"]) {
    if (fields.get(key)) out.set(key, fields.get(key));
  }
  if (fields.get("when") === "once" && fields.get("free_at")) {
    out.set("free_at", fields.get("free_at"));
    out.set("for", fields.get("for") || "2h");
  } else if (fields.get("when") === "weekly" && fields.get("day") && fields.get("start") && fields.get("end")) {
    out.set("free_weekly", `${fields.get("day")} ${fields.get("start")}-${fields.get("end")}`);
    for (const key of ["from", "to", "min_share"]) if (fields.get(key)) out.set(key, fields.get(key));
  }
  return out;
}

/// The form's non-empty fields (what the address bar shows).
function formFields() {
  const fields = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (String(value).trim() !== "") fields.set(key, value);
  const when = fields.get("when") || "any";
  const keep = { any: [], once: ["free_at", "for"], weekly: ["day", "start", "end", "from", "to", "min_share"] }[when];
  for (const key of ["free_at", "for", "day", "start", "end", "from", "to", "min_share"]) if (!keep.includes(key)) fields.delete(key);
  if (when === "any") fields.delete("when");
  return fields;
}

function showWhen() {
  const when = form.querySelector("input[name=when]:checked")?.value || "any";
  for (const block of form.querySelectorAll("[data-when]")) block.hidden = block.dataset.when !== when;
  if (when === "weekly") {
    const from = document.getElementById("f-from"), to = document.getElementById("f-to");
    if (!from.value) from.value = addDays(today(), 1);
    if (!to.value) to.value = addDays(from.value, 7 * 25);
    if (!document.getElementById("f-start").value) document.getElementById("f-start").value = "19:00";
    if (!document.getElementById("f-end").value) document.getElementById("f-end").value = "21:00";
  }
  if (when === "once" && !document.getElementById("f-free_at").value) document.getElementById("f-free_at").value = `${addDays(today(), 1)}T19:00`;
}

// MARK: suggestions (a combobox: arrow keys move, Enter picks, Escape closes)

let active = -1;
let suggestionTimer;
const live = document.createElement("p");
live.className = "visually-hidden";
live.setAttribute("aria-live", "polite");
input.after(live);

function closeSuggestions() {
  listbox.hidden = true;
  listbox.innerHTML = "";
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
  active = -1;
}

function setActive(index) {
  const options = [...listbox.children];
  if (!options.length) return;
  active = (index + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute("aria-selected", i === active ? "true" : "false"));
  input.setAttribute("aria-activedescendant", options[active].id);
}

function choose(option) {
  input.value = option.dataset.value;
  closeSuggestions();
}

async function suggest() {
  const q = input.value.trim();
  if (q.length < 2) { closeSuggestions(); return; }
  try {
    const { data } = await api(`/api/places?q=${encodeURIComponent(q)}&limit=8`);
    if (input.value.trim() !== q) return;
    listbox.innerHTML = data.map((p, i) => `<li role="option" id="q-opt-${i}" aria-selected="false" data-value="${esc(p.name)}">`
      + `${esc(p.name)} <span class="muted">(${esc(t.placeKinds[p.kind] || p.kind)})</span></li>`).join("");
    listbox.hidden = data.length === 0;
    input.setAttribute("aria-expanded", data.length ? "true" : "false");
    active = -1;
    live.textContent = data.length ? t.suggestions(data.length) : t.noSuggestions;
  } catch { closeSuggestions(); }
}

input.addEventListener("input", () => { clearTimeout(suggestionTimer); suggestionTimer = setTimeout(suggest, 120); });
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" && !listbox.hidden) { event.preventDefault(); setActive(active + 1); }
  else if (event.key === "ArrowUp" && !listbox.hidden) { event.preventDefault(); setActive(active - 1); }
  else if (event.key === "Enter" && !listbox.hidden && active >= 0) { event.preventDefault(); choose(listbox.children[active]); }
  else if (event.key === "Escape") closeSuggestions();
});
input.addEventListener("blur", () => setTimeout(closeSuggestions, 150));
listbox.addEventListener("mousedown", (event) => {
  const option = event.target.closest("[role=option]");
  if (option) { event.preventDefault(); choose(option); }
});

// MARK: results: the list, and the map in step

let mapPromise = null;
let cluster = null;
const markers = new Map();

async function ensureMap() {
  mapPromise ||= createMap(mapBox).then((m) => {
    if (m) { cluster = m.L.markerClusterGroup({ showCoverageOnHover: false }); m.map.addLayer(cluster); }
    return m;
  });
  return mapPromise;
}

function accessLine(hit) {
  return `<span class="muted">${esc(t.building)}:</span> ` + ["step_free", "toilets_wheelchair", "hearing_loop", "wheelchair"]
    .map((k) => `<span class="badge ${esc(hit[k])}">${esc(t[k])}: ${esc(t.access[hit[k]] || hit[k])}</span>`).join(" ");
}

function roomLink(room, fields) {
  const keep = {};
  for (const key of ["when", "free_at", "for", "day", "start", "end", "from", "to"]) if (fields.get(key)) keep[key] = fields.get(key);
  return href(`/room/${encodeURIComponent(room.id)}`, keep);
}

function renderList(hits, place, fields, asOf) {
  if (!hits.length) { results.innerHTML = `<p>${esc(t.none(place))}</p>`; return; }
  const weekly = fields.get("when") === "weekly";
  const once = fields.get("when") === "once" && fields.get("free_at");
  // The rooms listed meet the accessibility asked for (a room's own values override its building's).
  const meets = ["step_free", "toilets_wheelchair", "hearing_loop"].filter((k) => fields.get(k) === "true")
    .map((k) => ` · <span class="ok">✓ ${esc(t[k])}</span>`).join("");
  results.innerHTML = `<ol class="results">` + hits.map((hit) => {
    const km = (hit.distance_m / 1000).toLocaleString(lang === "en" ? "en-GB" : "da-DK", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    const direction = lang === "en" ? hit.direction : (directions[hit.direction] || hit.direction);
    const rooms = hit.rooms.map((room) => `<li><a href="${esc(roomLink(room, fields))}">${esc(room.name)}</a>`
      + (room.capacity ? ` · ${room.capacity} ${esc(t.people)}` : "")
      + (room.equipment?.length ? ` · <span class="muted">${esc(equipmentList(room.equipment))}</span>` : "") + meets
      + (weekly ? ` · <span class="season" data-room="${esc(room.id)}">${esc(t.checking)}</span>` : "")
      + (once ? ` · <span class="free">${esc(t.freeAt)} (${esc(t.asOf(instant(asOf)))})</span>` : "") + `</li>`).join("");
    return `<li data-facility-id="${esc(hit.id)}" id="fac-${esc(hit.id)}" tabindex="-1">`
      + `<h3>${esc(hit.name)}</h3>`
      + `<p class="meta">${esc(km)} km ${esc(t.towards(direction))} · ${esc(config.kinds?.[hit.kind] || hit.kind)}`
      + (hit.district_name ? ` · ${esc(hit.district_name)} (${esc(hit.rural ? t.rural : t.urban)})` : "") + `</p>`
      + `<p class="access">${accessLine(hit)}</p>`
      + (hit.address ? `<p class="muted">${esc(hit.address)}</p>` : "")
      + `<h4 class="visually-hidden">${esc(t.rooms)}</h4><ul class="rooms">${rooms}</ul>`
      + `<button type="button" class="link show-on-map" data-id="${esc(hit.id)}" hidden>${esc(t.showOnMap)}</button>`
      + `</li>`;
  }).join("") + `</ol>`;
}

async function renderMap(hits) {
  const m = await ensureMap();
  if (!m) return;
  cluster.clearLayers();
  markers.clear();
  const layers = hits.map((hit) => {
    const marker = m.L.marker([hit.lat, hit.lon], { title: hit.name, alt: hit.name, keyboard: false });
    marker.bindPopup(`<strong>${esc(hit.name)}</strong><br><a href="#fac-${esc(hit.id)}">${esc(t.openRoom)}</a>`);
    markers.set(hit.id, marker);
    return marker;
  });
  cluster.addLayers(layers);
  if (layers.length) m.map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 14 });
  for (const button of results.querySelectorAll(".show-on-map")) button.hidden = false;
}

async function seasonFigures(fields, asOf) {
  const slot = `${fields.get("day")} ${fields.get("start")}-${fields.get("end")}`;
  const spans = [...results.querySelectorAll(".season[data-room]")];
  const day = dayNames[fields.get("day")] || fields.get("day");
  await Promise.all(spans.map(async (span) => {
    try {
      const q = new URLSearchParams({ slot, from: fields.get("from"), to: fields.get("to") });
      const { data, asOf: when } = await api(`/api/rooms/${encodeURIComponent(span.dataset.room)}/season?${q}`);
      span.textContent = `${t.seasonFree(data.free, data.weeks, lang === "en" ? day : day.toLowerCase())} (${t.asOf(instant(when || asOf))})`;
    } catch (error) { span.textContent = t.error(error.message); }
  }));
}

let generation = 0;
/// Runs the question in the form: the list first, then the map, then the season figures.
async function search({ timing = false } = {}) {
  const fields = formFields();
  const parameters = nearParameters(fields);
  if (!parameters) return;
  const mine = ++generation;
  status(t.searching);
  try {
    const { data, asOf } = await api(`/api/near?${parameters}`);
    if (mine !== generation) return;
    renderList(data, parameters.get("place"), fields, asOf);
    status(`${t.found(data.length, parameters.get("place"))}, ${t.updated(instant(asOf))}.`);
    await renderMap(data);
    if (timing) performance.measure("overblik-filter-update", "overblik-filter-start");
    if (fields.get("when") === "weekly") seasonFigures(fields, asOf);
  } catch (error) {
    if (mine !== generation) return;
    results.innerHTML = `<p role="alert">${esc(error.message || error)}</p>`;
    status(t.error(error.message || error), true);
  }
}

function fillForm(params) {
  for (const el of form.elements) {
    if (!el.name || el.type === "hidden") continue;
    if (el.type === "checkbox") el.checked = params.get(el.name) === el.value;
    else if (el.type === "radio") el.checked = (params.get(el.name) || "any") === el.value;
    else if (params.has(el.name)) el.value = params.get(el.name);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  closeSuggestions();
  history.pushState(null, "", `/?${formFields()}`);
  search();
});
form.addEventListener("change", (event) => {
  if (event.target === input) return;
  if (event.target.name === "when") showWhen();
  if (!input.value.trim()) return;
  performance.clearMarks("overblik-filter-start");
  performance.mark("overblik-filter-start");
  history.replaceState(null, "", `/?${formFields()}`);
  search({ timing: true });
});
results.addEventListener("click", async (event) => {
  const button = event.target.closest(".show-on-map");
  if (!button) return;
  const m = await ensureMap();
  const marker = markers.get(button.dataset.id);
  if (m && marker) cluster.zoomToShowLayer(marker, () => marker.openPopup());
});
window.addEventListener("popstate", () => { fillForm(new URLSearchParams(location.search)); showWhen(); search(); });

showWhen();
if (input.value.trim()) search(); else ensureMap();
