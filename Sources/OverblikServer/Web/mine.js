// My bookings (an association): requests, confirmed bookings (cancel within the room's deadline, the
// server decides), cancelled and rejected ones, and a private calendar feed to add to a calendar app.
import { account, addDays, api, esc, instant, localText, loginLink, roomLink, status, today } from "./common.js";
import { t } from "./i18n.js";

const box = document.getElementById("mine");
const cancelledHere = [];

function when(start, end, until) {
  return `${localText(start)}–${end.slice(11)}` + (until ? ` (${t.repeatUntil.split(" (")[0].toLowerCase()} ${localText(until)})` : "");
}


async function render() {
  const [requests, bookings] = await Promise.all([api("/api/requests"), api(`/api/bookings?mine=true&from=${today()}T00:00&to=${addDays(today(), 800)}T00:00`)]);
  const asOf = instant(bookings.asOf);
  const links = new Map(await Promise.all([...new Set(requests.data.map((q) => q.room).concat(bookings.data.map((b) => b.room)))]
    .map(async (id) => [id, await roomLink(id)])));
  const pending = requests.data.filter((q) => q.status === "pending");
  const closed = requests.data.filter((q) => q.status === "rejected" || q.status === "withdrawn");
  const series = new Map();
  for (const b of bookings.data) {
    const key = b.series_id ? `s${b.series_id}` : `b${b.id}`;
    if (!series.has(key)) series.set(key, []);
    series.get(key).push(b);
  }
  const requestRows = pending.map((q) => `<li>${links.get(q.room)}: ${esc(when(q.start, q.end, q.repeat_until))} · ${esc(t.activities[q.activity] || q.activity || "")}`
    + ` · <strong>${esc(t.status[q.status])}</strong></li>`).join("");
  const bookingRows = [...series.values()].map((list) => {
    const first = list[0];
    const dates = list.length > 1 ? `<details><summary>${list.length} × ${esc(localText(first.start).split(" ")[0])}</summary><ul>`
      + list.map((b) => `<li>${esc(localText(b.start))}–${esc(b.end.slice(11))} <button type="button" class="cancel" data-id="${b.id}" data-when="${esc(localText(b.start))}">${esc(t.cancel)}<span class="visually-hidden"> ${esc(localText(b.start))}</span></button></li>`).join("")
      + `</ul></details>` : "";
    return `<li data-booking-id="${first.id}">${links.get(first.room)}: ${esc(localText(first.start))}–${esc(first.end.slice(11))}`
      + (list.length > 1 ? ` … ${esc(localText(list[list.length - 1].start))}` : "") + ` · ${esc(t.activities[first.activity] || first.activity || "")}`
      + ` <button type="button" class="cancel" data-id="${first.id}" data-series="${list.length > 1}" data-when="${esc(localText(first.start) + (list.length > 1 ? ` … ${localText(list[list.length - 1].start)}` : ""))}">${esc(t.cancel)}<span class="visually-hidden"> ${esc(first.room)} ${esc(localText(first.start))}</span></button>${dates}</li>`;
  }).join("");
  const closedRows = closed.map((q) => `<li>${links.get(q.room)}: ${esc(when(q.start, q.end, q.repeat_until))} · <strong>${esc(t.status[q.status])}</strong>`
    + (q.note ? ` · ${esc(t.reason)}: ${esc(q.note)}` : "") + `</li>`).concat(cancelledHere).join("");
  box.innerHTML = `<section aria-labelledby="h-requests"><h2 id="h-requests">${esc(t.requests)}</h2>${requestRows ? `<ul>${requestRows}</ul>` : `<p>${esc(t.nothing)}</p>`}</section>
    <section aria-labelledby="h-confirmed"><h2 id="h-confirmed">${esc(t.confirmed)}</h2><p class="muted">${esc(t.asOf(asOf))}</p>
    ${bookingRows ? `<ul id="confirmed">${bookingRows}</ul>` : `<p>${esc(t.nothing)}</p>`}</section>
    <section aria-labelledby="h-cancelled"><h2 id="h-cancelled">${esc(t.cancelled)}</h2>${closedRows ? `<ul>${closedRows}</ul>` : `<p>${esc(t.nothing)}</p>`}</section>
    <section aria-labelledby="h-calendar"><h2 id="h-calendar">${esc(t.addToCalendar)}</h2><p>${esc(t.calendarHint)}</p>
    <button type="button" id="calendar-link">${esc(t.addToCalendar)}</button> <span id="calendar-url"></span></section>`;
}

box.addEventListener("click", async (event) => {
  const cancel = event.target.closest("button.cancel");
  if (cancel) {
    try {
      await api(`/api/bookings/${cancel.dataset.id}${cancel.dataset.series === "true" ? "?series=true" : ""}`, { method: "DELETE" });
      const room = cancel.closest("li[data-booking-id]")?.querySelector("a")?.textContent || "";
      cancelledHere.push(`<li>${esc(room)}: ${esc(cancel.dataset.when)} · <strong>${esc(t.status.cancelled)}</strong></li>`);
      status(t.cancelledOk);
      await render();
    } catch (error) { status(t.error(error.message), true); }
    return;
  }
  if (event.target.id === "calendar-link") {
    try {
      const { data } = await api("/api/calendar-link", { method: "POST" });
      const url = new URL(data.url, location.origin).href;
      document.getElementById("calendar-url").innerHTML = `<a href="${esc(url.replace(/^https?:/, "webcal:"))}">${esc(url)}</a>`;
    } catch (error) { status(t.error(error.message), true); }
  }
});

async function main() {
  const who = await account();
  if (!who) { box.innerHTML = `<p>${esc(t.mineNeedsLogin)} ${loginLink()}</p>`; return; }
  try { await render(); } catch (error) { status(t.error(error.message), true); }
}

main();
