"""Browser test of the Overblik web app (issue 18) against a running `overblik serve`.

Run by Tests/ServerTests/WebAppBrowserTests.swift, which starts the real server on a loopback port with
the sample store and passes:
  OVERBLIK_BASE   http://127.0.0.1:PORT
  OVERBLIK_OUT    a folder for screenshots and the report (report.json)
  CLERK_TOKEN     an API token of the clerk account (to put the chosen room on approval)
Accounts: koret / korets-kodeord (association "Sebbersund Kor"), klubben / klubbens-kodeord ("Skakklubben"),
clerk / clerk-kodeord.

Checks, with Chromium through chromedriver (Debian) and axe-core (axe-selenium-python):
  1. first load of the find page: bytes transferred (< 300 KB without tiles) and no request outside the origin;
  2. the flow "find a step-free room for 25 near a village on Tuesday evenings, request it, clerk approves,
     it appears in my bookings", with the keyboard alone (Tab, arrows, Space, Enter, typing);
  3. axe: no serious or critical violation on every page;
  4. with /vendor/ blocked (Leaflet missing) the find page says so and the list still shows every result;
  5. screenshots at 1280x800 and 390x844 of every page.
Exit status 0 when every check passed; the failures are printed otherwise.
"""
import json
import os
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import JavascriptException, NoSuchElementException, StaleElementReferenceException

BASE = os.environ["OVERBLIK_BASE"].rstrip("/")
OUT = os.environ["OVERBLIK_OUT"]
CLERK_TOKEN = os.environ["CLERK_TOKEN"]
ORIGIN = urllib.parse.urlsplit(BASE)._replace(path="", query="", fragment="").geturl()
FIND = "/?q=Sebbersund&capacity=25&step_free=true&when=weekly&day=Tu&start=19:00&end=21:00&from=2027-01-04&to=2027-06-28&min_share=0.9"

failures = []
report = {"axe": {}, "first_load": {}, "filter_updates_ms": [], "screenshots": []}


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, flush=True)
    return condition


def api(method, path, body=None):
    request = urllib.request.Request(BASE + path, method=method, headers={"Authorization": f"Bearer {CLERK_TOKEN}"})
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def request_as(name, password, body):
    """Logs in over the API as `name` (session cookie + CSRF token) and posts a booking request."""
    login = urllib.request.Request(BASE + "/api/login", method="POST", data=json.dumps({"name": name, "password": password}).encode(),
                                   headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(login, timeout=30) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        csrf = json.loads(response.read())["csrf_token"]
    post = urllib.request.Request(BASE + "/api/bookings", method="POST", data=json.dumps(body).encode(),
                                  headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf})
    with urllib.request.urlopen(post, timeout=30) as response:
        return json.loads(response.read())


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     "--disable-features=OptimizationHints,Translate,MediaRouter", "--lang=da"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    return driver


def wait(driver, condition, message, seconds=15):
    try:
        # A page that reloads meanwhile makes elements stale or missing for a moment: try again then.
        return WebDriverWait(driver, seconds, poll_frequency=0.05,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException, JavascriptException)
                             ).until(lambda d: condition(d))
    except Exception:
        check(False, f"timed out: {message} (page {driver.current_url})")
        return None


def keys(driver, *sequence):
    ActionChains(driver).send_keys(*sequence).perform()


def active(driver, script):
    """Evaluates `script` with `e` = document.activeElement."""
    return driver.execute_script(f"const e = document.activeElement; return {script};")


def tab_to(driver, script, what, limit=120):
    """Presses Tab until the focused element satisfies `script` (JS with `e`); fails after `limit` presses."""
    for _ in range(limit):
        if active(driver, script):
            return True
        keys(driver, Keys.TAB)
    return check(False, f"keyboard: Tab never reached {what} on {driver.current_url}")


def focus_visible(driver):
    """Whether the focused element draws a visible focus indicator (outline or box-shadow)."""
    return active(driver, "(() => { const s = getComputedStyle(e); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; })()")


def foreign_requests(driver):
    names = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name).concat([location.href]);")
    return [n for n in names if not (n.startswith(ORIGIN + "/") or n == ORIGIN) and not n.startswith("data:")]


def run_axe(driver, page):
    Axe(driver).inject()  # the axe-core that axe-selenium-python carries
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {}).then(r => done({violations: r.violations, passes: r.passes.map(p => p.id), version: axe.version}),
                                   e => done({error: String(e)}));""")
    if not check("error" not in result, f"axe {page}: {result.get('error')}"):
        return
    report["axe_version"] = result["version"]
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    report["axe"][page] = {"violations": [{"id": v["id"], "impact": v.get("impact"), "nodes": len(v["nodes"])} for v in result["violations"]],
                           "passes": len(result["passes"])}
    for v in bad:
        check(False, f"axe {page}: {v['impact']} {v['id']}: {v['help']} at {[n['html'][:160] for n in v['nodes'][:3]]}")
    print(f"axe {page}: {len(result['violations'])} violations ({len(bad)} serious/critical), {len(result['passes'])} rules passed", flush=True)


def screenshots(driver, page):
    """The page's first screen at 1280x800 (desktop) and 390x844 (a phone), as the viewport's CSS pixels."""
    for width, height in [(1280, 800), (390, 844)]:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        driver.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.4)
        path = os.path.join(OUT, f"{page}-{width}x{height}.png")
        driver.save_screenshot(path)
        report["screenshots"].append(path)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def login(driver, name, password, next_path):
    """Logs in with the keyboard on /login."""
    driver.get(f"{BASE}/login?next={urllib.parse.quote(next_path)}")
    tab_to(driver, "e.id === 'login-name'", "the user name box")
    keys(driver, name, Keys.TAB)
    check(active(driver, "e.id") == "login-password", "Tab from the name box reaches the password box")
    keys(driver, password, Keys.ENTER)
    wait(driver, lambda d: urllib.parse.urlsplit(d.current_url).path == urllib.parse.urlsplit(next_path).path, f"login as {name} goes on to {next_path}")
    wait(driver, lambda d: d.find_element(By.ID, "account").text.strip() != "", "the header names the account")


def logout(driver):
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    tab_to(driver, "e.id === 'logout'", "the log-out button")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: "Log ind" in d.find_element(By.ID, "account").text, "after log-out the header offers Log ind")


def first_load(driver):
    driver.get(BASE + FIND)
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('#results [data-facility-id]').length > 0 && !!document.querySelector('#map .leaflet-marker-icon, #map .marker-cluster')"),
         "the first load shows the list and the markers")
    wait(driver, lambda d: d.execute_script("return [...document.querySelectorAll('.season')].every(s => /fri \\d+ af \\d+/.test(s.textContent))"),
         "every matching room shows 'fri N af M'")
    time.sleep(0.5)
    entries = driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        return [{name: nav.name, transfer: nav.transferSize, body: nav.encodedBodySize}].concat(
          performance.getEntriesByType('resource').map(r => ({name: r.name, transfer: r.transferSize, body: r.encodedBodySize})));""")
    total = sum(e["transfer"] for e in entries)
    report["first_load"] = {"bytes_transferred": total, "requests": len(entries),
                            "files": sorted(((e["name"].replace(ORIGIN, ""), e["transfer"]) for e in entries), key=lambda x: -x[1])}
    print(f"first load: {total} bytes transferred in {len(entries)} requests", flush=True)
    check(total < 300_000, f"first load transfers {total} bytes, not under 300 KB")
    foreign = foreign_requests(driver)
    check(not foreign, f"requests outside {ORIGIN} with tiles off: {foreign}")
    check(driver.execute_script("return document.documentElement.lang") == "da", "the page is Danish by default (lang=da)")
    season = driver.execute_script("return document.querySelector('.season').textContent")
    check(" pr. " in season or "(pr." in season, f"the season figure carries an 'as of' time: {season!r}")


def flow(driver):
    """Find a step-free room for 25 near a village on Tuesday evenings, request it, clerk approves, it appears in my bookings."""
    login(driver, "koret", "korets-kodeord", "/")
    tab_to(driver, "e.id === 'q'", "the place box")
    check(focus_visible(driver), "the focused place box shows a visible focus")
    keys(driver, "Sebber")
    wait(driver, lambda d: d.execute_script("return !document.getElementById('q-suggestions').hidden"), "suggestions for 'Sebber'")
    keys(driver, Keys.ARROW_DOWN)
    check(active(driver, "e.getAttribute('aria-activedescendant')") == "q-opt-0", "ArrowDown makes the first suggestion active")
    keys(driver, Keys.ENTER)
    check(driver.find_element(By.ID, "q").get_attribute("value") == "Sebbersund", "Enter picks the suggestion 'Sebbersund'")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('#results [data-facility-id]').length > 0"), "results near Sebbersund")
    check("q=Sebbersund" in driver.current_url, "the query is in the address bar")
    tab_to(driver, "e.id === 'f-capacity'", "the participants box")
    keys(driver, "25", Keys.TAB)
    tab_to(driver, "e.id === 'f-step_free'", "the step-free check box")
    keys(driver, Keys.SPACE)
    check(driver.find_element(By.ID, "f-step_free").is_selected(), "Space ticks step-free")
    tab_to(driver, "e.name === 'when'", "the time choice")
    keys(driver, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    check(driver.find_element(By.ID, "when-weekly").is_selected(), "arrow keys choose 'weekly over a season'")
    tab_to(driver, "e.id === 'f-day'", "the weekday choice")
    keys(driver, Keys.ARROW_DOWN)
    check(driver.find_element(By.ID, "f-day").get_attribute("value") == "Tu", "ArrowDown picks Tuesday")
    wait(driver, lambda d: "day=Tu" in d.current_url and "step_free=true" in d.current_url and "capacity=25" in d.current_url,
         "the filters are in the address bar")
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('.season').length > 0 && [...document.querySelectorAll('.season')].every(s => /fri \\d+ af \\d+ tirsdage/.test(s.textContent))"),
         "the rooms show 'fri N af M tirsdage'")
    hits = driver.execute_script("return [...document.querySelectorAll('#results > ol > li')].map(li => li.dataset.facilityId)")
    markers = driver.execute_script("return document.querySelectorAll('#map .leaflet-marker-icon').length")
    check(len(hits) > 0 and markers > 0, f"list ({len(hits)}) and map markers/clusters ({markers}) after the filters")
    report["filter_updates_ms"] = driver.execute_script("return performance.getEntriesByName('overblik-filter-update').map(m => Math.round(m.duration))")
    room_link = driver.execute_script("return document.querySelector('#results a[href^=\"/room/\"]').getAttribute('href')")
    room = urllib.parse.unquote(urllib.parse.urlsplit(room_link).path.split("/")[-1])
    api("PUT", f"/api/rooms/{urllib.parse.quote(room)}/policy", {"approval": True, "cancel_deadline_minutes": 60})
    screenshots(driver, "find")
    tab_to(driver, "e.matches('#results a[href^=\"/room/\"]')", "the first room in the list")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: d.execute_script("return !!document.getElementById('r-activity')"), "the room page with the request form")
    # The season the page proposes: from tomorrow, 25 weeks on; the request starts on its first Tuesday.
    season_from = datetime.now(ZoneInfo("Europe/Copenhagen")).date() + timedelta(days=1)
    first_tuesday = season_from + timedelta(days=(1 - season_from.weekday()) % 7)
    check(driver.find_element(By.ID, "r-date").get_attribute("value") == first_tuesday.isoformat(),
          f"the request starts on the season's first Tuesday {first_tuesday}")
    check(driver.find_element(By.ID, "r-until").get_attribute("value") == (season_from + timedelta(days=175)).isoformat(),
          "the request repeats until the season's end")
    wait(driver, lambda d: d.execute_script("return !!document.querySelector('#week table')"), "the week's free/busy table")
    run_axe(driver, "room")
    tab_to(driver, "e.id === 'r-activity'", "the activity choice")
    check(driver.find_element(By.ID, "r-activity").get_attribute("value") == "adults", "the activity is 'Voksne'")
    tab_to(driver, "e.id === 'r-send'", "the Send button")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: "Anmodningen er sendt" in d.find_element(By.ID, "request-result").text, "the request is sent")
    screenshots(driver, "room")
    logout(driver)
    # Another association asks for the same room on the first Tuesday: the desk must show the overlap.
    other = request_as("klubben", "klubbens-kodeord", {"room": room, "start": f"{first_tuesday}T19:30", "end": f"{first_tuesday}T20:30",
                                                       "activity": "adults"})
    check(other.get("status") == "requested", f"the second association's overlapping request is filed: {other}")

    login(driver, "clerk", "clerk-kodeord", "/desk")
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('[data-request-id]').length > 0"), "the desk lists the pending request")
    check(f"/room/{room}" in driver.execute_script("return document.getElementById('pending').innerHTML"), "the pending request links the room")
    check("Overlapper" in driver.find_element(By.ID, "pending").text and "Skakklubben" in driver.find_element(By.ID, "pending").text,
          "the desk shows the two requests' conflict")
    run_axe(driver, "desk")
    screenshots(driver, "desk")
    tab_to(driver, "e.classList.contains('approve') && e.closest('li').querySelector('h3').textContent.includes('Sebbersund Kor') "
                   f"&& e.closest('li').innerHTML.includes('/room/{room}')", "the approve button of the association's request")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: "Godkendt" in d.find_element(By.ID, "status").text, "the clerk's approval is confirmed")
    logout(driver)

    login(driver, "koret", "korets-kodeord", "/mine")
    wait(driver, lambda d: d.execute_script("return !!document.querySelector('#confirmed li')"), "my bookings list the confirmed booking")
    check(f"/room/{room}" in driver.execute_script("return document.getElementById('confirmed').innerHTML"),
          "the approved room appears under confirmed bookings")
    run_axe(driver, "mine")
    screenshots(driver, "mine")
    # Add to calendar: a private feed URL; then cancel the whole series (within the room's deadline).
    tab_to(driver, "e.id === 'calendar-link'", "the add-to-calendar button")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: d.find_element(By.ID, "calendar-url").text.startswith(ORIGIN + "/api/calendar/"), "the calendar feed URL")
    feed = urllib.request.urlopen(driver.find_element(By.ID, "calendar-url").text, timeout=30).read().decode()
    check(feed.startswith("BEGIN:VCALENDAR") and "VEVENT" in feed, "the association's feed lists its booking")
    tab_to(driver, "e.classList.contains('cancel') && e.dataset.series === 'true'", "the cancel button of the series")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: "annulleret" in d.find_element(By.ID, "status").text, "the cancellation is confirmed")
    check(f"/room/{room}" not in driver.execute_script("return document.getElementById('confirmed')?.innerHTML || ''"),
          "no confirmed booking of the room is left after cancelling the series")
    check("annulleret" in driver.find_element(By.ID, "h-cancelled").find_element(By.XPATH, "..").text, "the series is listed as cancelled")


def pages_without_login(driver):
    for page, path, ready in [
        ("find-en", FIND + "&lang=en", "document.querySelectorAll('#results [data-facility-id]').length > 0"),
        ("planner", "/planner", "document.querySelectorAll('#gaps li').length > 0 && !!document.querySelector('#map path')"),
        ("login", "/login", "true"),
    ]:
        driver.get(BASE + path)
        wait(driver, lambda d: d.execute_script(f"return {ready}"), f"{page} is ready")
        time.sleep(0.3)
        run_axe(driver, page)
        check(not foreign_requests(driver), f"{page}: no request outside the origin")
        screenshots(driver, page)
    driver.get(BASE + "/planner")
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('#gaps li').length > 0"), "planner gaps")
    legend = driver.find_element(By.ID, "planner").text
    check("ingen beboere" in legend and "Kilde: land/by-klassen fra" in legend, "the planner legend has 'ingen beboere' and the classification source")


def once(driver):
    """One date and time: the rooms free then, each with an 'as of' time."""
    driver.get(BASE + "/?q=Nibe&when=once&free_at=2027-03-02T19:00&for=2h")
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('#results .free').length > 0"), "rooms free on 2 March 19:00")
    text = driver.find_element(By.CSS_SELECTOR, "#results .free").text
    check("ledigt på tidspunktet" in text and "pr." in text, f"a once result says it is free then, with 'as of': {text!r}")


def without_leaflet(driver):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/vendor/*"]})
    driver.get(BASE + FIND)
    wait(driver, lambda d: d.execute_script("return !!document.querySelector('.map-missing')"), "without Leaflet the map box says so")
    count = driver.execute_script("return document.querySelectorAll('#results [data-facility-id]').length")
    check(count > 0, f"without Leaflet the list still shows the results ({count})")
    screenshots(driver, "find-no-leaflet")
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def main():
    os.makedirs(OUT, exist_ok=True)
    driver = browser()
    try:
        first_load(driver)
        run_axe(driver, "find")
        pages_without_login(driver)
        flow(driver)
        once(driver)
        without_leaflet(driver)
    except Exception as error:  # a crash of the script is a failure too, with its message
        failures.append(f"{type(error).__name__}: {error}")
        driver.save_screenshot(os.path.join(OUT, "failure.png"))
        print("ERROR at", driver.current_url, error, flush=True)
    finally:
        driver.quit()
    report["failures"] = failures
    with open(os.path.join(OUT, "report.json"), "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    print(json.dumps({k: report[k] for k in ("first_load", "filter_updates_ms")}, ensure_ascii=False)[:2000])
    print("screenshots:", OUT)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all browser checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
