// The clerk's desk: pending requests with their conflicts (confirmed bookings and other pending requests
// in the same room and time), approve or reject with a reason; closures: list, add, remove.
import { account, api, esc, instant, localText, loginLink, roomLink, status } from "./common.js";
import { t } from "./i18n.js";

const box = document.getElementById("desk");

function overlaps(a, b) { return a.start < b.end && b.start < a.end; }

async function conflictsOf(q, pending) {
  const { data } = await api(`/api/bookings?room=${encodeURIComponent(q.room)}&from=${q.start}&to=${q.repeat_until ? `${q.repeat_until}T23:59` : q.end}`);
  const slot = (x) => x.start.slice(11) < q.end.slice(11) && q.start.slice(11) < x.end.slice(11);
  const busy = data.filter((b) => (q.repeat_until ? slot(b) && new Date(b.start).getDay() === new Date(q.start).getDay() : overlaps(b, q)));
  const others = pending.filter((o) => o.id !== q.id && o.room === q.room && (overlaps(o, q) || (o.repeat_until || q.repeat_until) && slot(o)));
  return busy.map((b) => t.conflictWith(`${b.holder || t.busy} ${localText(b.start)}`))
    .concat(others.map((o) => t.conflictWith(`${t.requests.toLowerCase()} #${o.id} (${o.holder})`)));
}

async function renderRequests() {
  const { data, asOf } = await api("/api/requests?status=pending");
  const rows = await Promise.all(data.map(async (q) => {
    const conflicts = await conflictsOf(q, data);
    return `<li class="card" data-request-id="${q.id}"><h3>#${q.id} ${esc(q.holder)}: ${await roomLink(q.room)}</h3>
      <p>${esc(localText(q.start))}–${esc(q.end.slice(11))}${q.repeat_until ? `, ${esc(t.repeatUntil.split(" (")[0].toLowerCase())} ${esc(localText(q.repeat_until))}` : ""} · ${esc(t.activities[q.activity] || q.activity || "")}</p>
      <p class="${conflicts.length ? "error" : "muted"}">${esc(t.conflicts)}: ${conflicts.length ? esc(conflicts.join("; ")) : esc(t.noConflict)}</p>
      <div class="row"><button type="button" class="approve" data-id="${q.id}">${esc(t.approve)} #${q.id}</button>
      <div class="field"><label for="reason-${q.id}">${esc(t.rejectReason)} #${q.id}</label><input id="reason-${q.id}"></div>
      <button type="button" class="reject" data-id="${q.id}">${esc(t.reject)} #${q.id}</button></div></li>`;
  }));
  document.getElementById("pending").innerHTML = `<p class="muted">${esc(t.asOf(instant(asOf)))}</p>` + (rows.length ? `<ul class="plain">${rows.join("")}</ul>` : `<p>${esc(t.nothing)}</p>`);
}

async function renderClosures() {
  const { data } = await api("/api/closures");
  document.getElementById("closure-list").innerHTML = data.length ? `<table><thead><tr><th scope="col">${esc(t.facilityOrRoom)}</th><th scope="col">${esc(t.when)}</th>`
    + `<th scope="col">${esc(t.reason)}</th><th scope="col"><span class="visually-hidden">${esc(t.remove)}</span></th></tr></thead><tbody>`
    + data.map((c) => `<tr><td>${esc(c.roomID || c.facilityID)}</td><td>${esc(localText(c.startLocal))} – ${esc(localText(c.endLocal))}</td>`
      + `<td>${esc(c.reason || "")}</td><td><button type="button" class="remove-closure" data-id="${c.id}">${esc(t.remove)}<span class="visually-hidden"> ${esc(c.roomID || c.facilityID)}</span></button></td></tr>`).join("")
    + `</tbody></table>` : `<p>${esc(t.nothing)}</p>`;
}

box.addEventListener("click", async (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  try {
    if (button.classList.contains("approve")) {
      await api(`/api/requests/${button.dataset.id}/approve`, { method: "POST" });
      status(`#${button.dataset.id}: ${t.approved}`);
      await renderRequests();
    } else if (button.classList.contains("reject")) {
      const note = document.getElementById(`reason-${button.dataset.id}`).value.trim();
      await api(`/api/requests/${button.dataset.id}/reject`, { method: "POST", body: note ? { note } : {} });
      status(`#${button.dataset.id}: ${t.rejected}`);
      await renderRequests();
    } else if (button.classList.contains("remove-closure")) {
      await api(`/api/closures/${button.dataset.id}`, { method: "DELETE" });
      status(t.removed);
      await renderClosures();
    }
  } catch (error) { status(t.error(error.message), true); }
});

async function main() {
  const who = await account();
  if (!who || who.role !== "clerk") { box.innerHTML = `<p>${esc(t.deskNeedsLogin)} ${loginLink()}</p>`; return; }
  box.innerHTML = `<section aria-labelledby="h-pending"><h2 id="h-pending">${esc(t.pending)}</h2><div id="pending">${esc(t.loading)}</div></section>
    <section aria-labelledby="h-closures"><h2 id="h-closures">${esc(t.closures)}</h2><div id="closure-list"></div>
    <form id="closure-form" class="card"><h3>${esc(t.addClosure)}</h3><div class="row">
    <div class="field"><label for="c-id">${esc(t.facilityOrRoom)}</label><input id="c-id" required></div>
    <div class="field"><label for="c-from">${esc(t.closeFrom)}</label><input id="c-from" type="datetime-local" required></div>
    <div class="field"><label for="c-to">${esc(t.closeTo)}</label><input id="c-to" type="datetime-local" required></div>
    <div class="field"><label for="c-reason">${esc(t.reason)}</label><input id="c-reason"></div></div>
    <fieldset><legend>${esc(t.closeWhat)}</legend><div class="check"><input type="radio" name="c-what" id="c-room" value="room" checked><label for="c-room">${esc(t.oneRoom)}</label></div>
    <div class="check"><input type="radio" name="c-what" id="c-facility" value="facility"><label for="c-facility">${esc(t.wholePlace)}</label></div></fieldset>
    <button type="submit">${esc(t.addClosure)}</button></form></section>`;
  document.getElementById("closure-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const what = document.querySelector("input[name=c-what]:checked").value;
    const body = { [what]: document.getElementById("c-id").value.trim(), from: document.getElementById("c-from").value,
                   to: document.getElementById("c-to").value, reason: document.getElementById("c-reason").value.trim() || undefined };
    try { await api("/api/closures", { method: "POST", body }); status(t.added); await renderClosures(); } catch (error) { status(t.error(error.message), true); }
  });
  try { await Promise.all([renderRequests(), renderClosures()]); } catch (error) { status(t.error(error.message), true); }
}

main();
