// Shared pieces of the web app: the API client (session cookie + CSRF token), escaping, dates in the
// page language, the account line in the header, and the login form (/login).
import { lang, t } from "./i18n.js";

export const config = JSON.parse(document.getElementById("overblik-config")?.textContent || "{}");

/// Escapes text for HTML.
export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/// A link inside the app that keeps the page language.
export function href(path, params = {}) {
  const q = new URLSearchParams(params);
  if (lang === "en") q.set("lang", "en");
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/// Calls the JSON API. Answers {data, asOf}: asOf is the server's Date header (when the figures were computed).
export async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = localStorage.getItem("overblik.csrf") || "";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const asOf = new Date(response.headers.get("Date") || Date.now());
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return { data, asOf };
}

const dateFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Copenhagen" });
const timeFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "da-DK", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" });

/// "7. december 2026 kl. 05.10" for an instant.
export function instant(date) { return `${dateFormat.format(date)} ${lang === "en" ? "at" : "kl."} ${timeFormat.format(date)}`; }

/// A local "YYYY-MM-DDTHH:MM" (or date) in words: "tirsdag 5. januar 2027 kl. 19.00".
export function localText(text) {
  const [d, time] = String(text).split("T");
  const [y, m, day] = d.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, day, 12));
  const weekday = t.weekdaysLong[(date.getUTCDay() + 6) % 7];
  const words = `${weekday} ${new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date)}`;
  return time ? `${words} ${lang === "en" ? "at" : "kl."} ${lang === "en" ? time : time.replace(":", ".")}` : words;
}

/// "YYYY-MM-DD" of a Date in UTC calendar terms (dates are built at noon UTC to stay on the day).
export function isoDate(date) { return date.toISOString().slice(0, 10); }

/// Today's local date as "YYYY-MM-DD" (Europe/Copenhagen).
export function today() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(new Date());
}

/// Adds days to "YYYY-MM-DD".
export function addDays(text, days) {
  const [y, m, d] = text.split("-").map(Number);
  return isoDate(new Date(Date.UTC(y, m - 1, d + days, 12)));
}

const roomNames = new Map();
/// "Sal, Nibe Kulturhus" for a room id (from the rooms layer; the id itself when the room is unknown).
export function roomName(id) {
  if (!roomNames.has(id)) {
    roomNames.set(id, api(`/ogc/collections/rooms/items/${encodeURIComponent(id)}`)
      .then(({ data }) => `${data.properties.name}, ${data.properties.facility_name}`).catch(() => id));
  }
  return roomNames.get(id);
}

/// A link to a room's page, named.
export async function roomLink(id) {
  return `<a href="${esc(href(`/room/${encodeURIComponent(id)}`))}">${esc(await roomName(id))}</a>`;
}

let accountPromise;
/// The signed-in account, or null.
export function account() {
  accountPromise ||= api("/api/me").then((r) => r.data).catch(() => null);
  return accountPromise;
}

/// Writes a status line (role=status, read out by screen readers).
export function status(text, isError = false) {
  const el = document.getElementById("status");
  if (!el) return;
  el.textContent = text;
  el.classList.toggle("error", isError);
}

/// A link to the login page that comes back here.
export function loginLink() {
  return `<a href="${esc(href("/login", { next: location.pathname + location.search }))}">${esc(t.login)}</a>`;
}

async function showAccount() {
  const el = document.getElementById("account");
  if (!el) return;
  const who = await account();
  if (!who) { el.innerHTML = loginLink(); return; }
  el.innerHTML = `${esc(t.loggedInAs(who.association || who.name))} <button type="button" class="link" id="logout">${esc(t.logout)}</button>`;
  document.getElementById("logout").addEventListener("click", async () => {
    try { await api("/api/logout", { method: "POST" }); } catch { /* the session may be gone already */ }
    localStorage.removeItem("overblik.csrf");
    location.reload();
  });
}

function wireLogin() {
  const form = document.getElementById("login");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const { data: answer } = await api("/api/login", { method: "POST", body: { name: data.get("name"), password: data.get("password") } });
      localStorage.setItem("overblik.csrf", answer.csrf_token);
      const next = new URLSearchParams(location.search).get("next");
      // Only a path on this site ("/..." but not "//host" or "/\host", which browsers read as another origin).
      location.assign(next && /^\/(?![\/\\])/.test(next) ? next : href("/"));
    } catch (error) {
      status(error.status === 401 ? t.loginFailed : t.error(error.message), true);
      document.getElementById("login-password").focus();
    }
  });
}

showAccount();
wireLogin();
