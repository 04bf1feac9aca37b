// A room: facts, accessibility in words, capacity and equipment, opening hours in words, the week's free
// and busy times (busy without names for the public), contact, and the booking request for an association.
import { account, addDays, api, config, esc, href, instant, localText, loginLink, status, today } from "./common.js";
import { equipmentList, lang, t } from "./i18n.js";

const box = document.getElementById("room");
const roomID = box.dataset.roomId;
// The opening hours in words, from the library (rendered by the server into the page).
const hoursWords = box.dataset.hours;
const params = new URLSearchParams(location.search);

/// "19:00" of a local time, in the page language's clock ("19.00" in Danish).
const clock = (text) => (lang === "en" ? text.slice(11, 16) : text.slice(11, 16).replace(":", "."));

function mondayOf(date) {
  const [y, m, d] = date.split("-").map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/// The first date on or after `from` that falls on `day` (Mo..Su).
function firstDay(from, day) {
  const index = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].indexOf(day);
  const monday = mondayOf(from);
  const date = addDays(monday, index);
  return date < from ? addDays(date, 7) : date;
}

let week = mondayOf(params.get("from") || (params.get("free_at") || "").slice(0, 10) || today());

async function showWeek() {
  const section = document.getElementById("week");
  const from = `${week}T00:00`, to = `${addDays(week, 7)}T00:00`;
  section.querySelector(".week-body").innerHTML = `<p>${esc(t.loading)}</p>`;
  try {
    const [free, busy] = await Promise.all([
      api(`/api/rooms/${encodeURIComponent(roomID)}/free?from=${from}&to=${to}`),
      api(`/api/bookings?room=${encodeURIComponent(roomID)}&from=${from}&to=${to}`),
    ]);
    const rows = [0, 1, 2, 3, 4, 5, 6].map((i) => {
      const day = addDays(week, i);
      const span = (list) => list.filter((x) => x.start.startsWith(day)).map((x) => `${clock(x.start)}–${clock(x.end)}`
        + (x.holder ? ` (${esc(x.holder)})` : "")).join(", ");
      return `<tr><th scope="row">${esc(localText(day))}</th><td>${span(free.data.free) || esc(t.closedAll)}</td><td>${span(busy.data) || "–"}</td></tr>`;
    }).join("");
    section.querySelector(".week-body").innerHTML = `<table><caption>${esc(t.weekOf(localText(week), localText(addDays(week, 6))))}`
      + ` (${esc(t.asOf(instant(free.asOf)))})</caption><thead><tr><th scope="col">${esc(t.day)}</th><th scope="col">${esc(t.free)}</th>`
      + `<th scope="col">${esc(t.busy)}</th></tr></thead><tbody>${rows}</tbody></table>`;
  } catch (error) { section.querySelector(".week-body").innerHTML = `<p role="alert">${esc(error.message)}</p>`; }
}

function requestForm(room) {
  let date = today(), start = "19:00", end = "21:00", until = "";
  if (params.get("when") === "weekly" && params.get("day") && params.get("from")) {
    date = firstDay(params.get("from"), params.get("day"));
    start = params.get("start") || start; end = params.get("end") || end; until = params.get("to") || "";
  } else if (params.get("when") === "once" && params.get("free_at")) {
    [date, start] = params.get("free_at").split("T");
    const hours = parseInt(params.get("for") || "2", 10);
    end = `${String(Math.min(23, parseInt(start, 10) + hours)).padStart(2, "0")}:${start.slice(3)}`;
  }
  return `<form id="request" class="card">
    <div class="row"><div class="field"><label for="r-date">${esc(t.date)}</label><input id="r-date" name="date" type="date" required value="${esc(date)}"></div>
    <div class="field"><label for="r-start">${esc(t.from)}</label><input id="r-start" name="start" type="time" required value="${esc(start)}"></div>
    <div class="field"><label for="r-end">${esc(t.to)}</label><input id="r-end" name="end" type="time" required value="${esc(end)}"></div></div>
    <div class="row"><div class="field"><label for="r-activity">${esc(t.activity)}</label><select id="r-activity" name="activity">${Object.entries(t.activities).map(([value, words]) => `<option value="${value}">${esc(words)}</option>`).join("")}</select></div>
    <div class="field"><label for="r-until">${esc(t.repeatUntil)}</label><input id="r-until" name="until" type="date" value="${esc(until)}"></div></div>
    <button type="submit" id="r-send">${esc(t.send)}</button> <span class="muted">${esc(room.name)}</span>
    <p id="request-result" role="status" aria-live="polite"></p></form>`;
}

async function wireRequest() {
  const form = document.getElementById("request");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const f = new FormData(form);
    const body = { room: roomID, start: `${f.get("date")}T${f.get("start")}`, end: `${f.get("date")}T${f.get("end")}`, activity: f.get("activity") };
    if (f.get("until")) { body.repeat = "weekly"; body.until = f.get("until"); body.skip_conflicts = true; }
    const out = document.getElementById("request-result");
    try {
      const { data } = await api("/api/bookings", { method: "POST", body });
      out.textContent = data.status === "requested" ? t.requested : `${t.booked(data.bookings.length)} ${data.skipped?.length ? t.skipped(data.skipped.length) : ""}`;
      out.classList.remove("error");
      showWeek();
    } catch (error) { out.textContent = t.error(error.message); out.classList.add("error"); }
    out.focus();
  });
}

async function main() {
  status(t.loading);
  let room, facility;
  try {
    room = (await api(`/ogc/collections/rooms/items/${encodeURIComponent(roomID)}`)).data.properties;
    facility = (await api(`/ogc/collections/facilities/items/${encodeURIComponent(room.facility_id)}`)).data.properties;
  } catch (error) { status(t.error(error.message), true); return; }
  document.title = `${room.name}, ${facility.name} · Overblik`;
  const who = await account();
  const access = ["step_free", "wheelchair", "toilets_wheelchair", "hearing_loop", "parking_accessible"]
    .map((k) => `<li>${esc(t.accessWords[k][facility[k]] || t.accessWords[k].unknown)}</li>`).join("");
  const equipment = (room.equipment || "").split(",").filter(Boolean);
  const contact = [facility.contact_name, facility.phone && `<a href="tel:${esc(facility.phone)}">${esc(facility.phone)}</a>`,
    facility.email && `<a href="mailto:${esc(facility.email)}">${esc(facility.email)}</a>`,
    facility.booking_url && /^https?:\/\//.test(facility.booking_url) && `<a href="${esc(facility.booking_url)}" rel="noopener">${esc(facility.booking_url)}</a>`]
    .filter(Boolean).map((x) => (x.startsWith("<") ? x : esc(x))).join(" · ");
  let booking;
  if (!who) booking = `<p>${esc(t.loginToBook)} ${loginLink()}</p>`;
  else if (who.role === "association" || who.role === "clerk") booking = requestForm(room);
  box.innerHTML = `<h1 id="room-title">${esc(room.name)}, ${esc(facility.name)}</h1>
    <p id="status" role="status" aria-live="polite"></p>
    <div class="grid">
    <section aria-labelledby="h-facts"><h2 id="h-facts">${esc(t.facts)}</h2><dl>
      <dt>${esc(t.kind)}</dt><dd>${esc(config.kinds?.[facility.kind] || facility.kind)}</dd>
      <dt>${esc(t.address)}</dt><dd>${esc(facility.address || "–")}</dd>
      <dt>${esc(t.district)}</dt><dd>${esc(facility.district_name || "–")} (${esc(facility.rural ? t.rural : t.urban)})</dd></dl></section>
    <section aria-labelledby="h-access"><h2 id="h-access">${esc(t.accessibility)}</h2><ul>${access}</ul>
      ${facility.checked ? `<p class="muted">${esc(t.checked(localText(facility.checked)))}</p>` : ""}
      ${facility.god_adgang ? `<p>${esc(t.godAdgang)}: ${esc(facility.god_adgang.replace(/\|/g, ", "))}</p>` : ""}</section>
    <section aria-labelledby="h-capacity"><h2 id="h-capacity">${esc(t.capacity)}</h2>
      <p>${room.capacity ? esc(t.seats(room.capacity)) : "–"}</p><p>${esc(t.equipment)}: ${equipment.length ? esc(equipmentList(equipment)) : esc(t.noEquipment)}</p></section>
    <section aria-labelledby="h-hours"><h2 id="h-hours">${esc(t.hours)}</h2><p>${esc(hoursWords || (lang === "en" ? "No opening hours given." : "Ingen åbningstider oplyst."))}</p></section>
    <section aria-labelledby="h-contact"><h2 id="h-contact">${esc(t.contact)}</h2><p>${contact || "–"}</p></section>
    </div>
    <section id="week" aria-labelledby="h-week"><h2 id="h-week">${esc(t.week)}</h2>
      <p><button type="button" id="prev-week">${esc(t.prevWeek)}</button> <button type="button" id="next-week">${esc(t.nextWeek)}</button></p>
      <div class="week-body" aria-live="polite"></div></section>
    ${booking ? `<section aria-labelledby="h-request"><h2 id="h-request">${esc(t.request)}</h2>${booking}</section>` : ""}`;
  document.getElementById("prev-week").addEventListener("click", () => { week = addDays(week, -7); showWeek(); });
  document.getElementById("next-week").addEventListener("click", () => { week = addDays(week, 7); showWeek(); });
  showWeek();
  wireRequest();
}

main();
