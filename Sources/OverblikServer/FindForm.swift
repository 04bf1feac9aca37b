import Foundation
import Overblik

/// The find form's fields, as they stand in the address bar (a shared URL asks the same question):
/// `q` (place), `kind`, `capacity`, `step_free`, `toilets_wheelchair`, `hearing_loop`, `when`
/// (`any` | `once` | `weekly`), `free_at` + `for` (once), `day` + `start` + `end` + `from` + `to` +
/// `min_share` (weekly), and `lang`. ``nearParameters()`` turns them into the `/api/near` query;
/// `find.js` does the same mapping in the browser (keep the two in step).
struct FindForm {
    var values: [String: String]

    static let days: [(String, String, String)] = [("Mo", "mandag", "Monday"), ("Tu", "tirsdag", "Tuesday"), ("We", "onsdag", "Wednesday"),
                                                   ("Th", "torsdag", "Thursday"), ("Fr", "fredag", "Friday"), ("Sa", "lørdag", "Saturday"),
                                                   ("Su", "søndag", "Sunday")]

    func value(_ key: String) -> String? {
        guard let text = values[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// The `/api/near` parameters, or nil when no place is asked for.
    func nearParameters() -> [String: String]? {
        guard let place = value("q") else { return nil }
        var out = ["place": place, "limit": "20"]
        for key in ["kind", "capacity", "step_free", "toilets_wheelchair", "hearing_loop"] { out[key] = value(key) }
        switch value("when") {
        case "once":
            out["free_at"] = value("free_at")
            out["for"] = value("for") ?? "2h"
        case "weekly":
            if let day = value("day"), let start = value("start"), let end = value("end") { out["free_weekly"] = "\(day) \(start)-\(end)" }
            out["from"] = value("from")
            out["to"] = value("to")
            out["min_share"] = value("min_share")
        default: break
        }
        return out
    }

    func html(_ s: WebShell) -> String {
        func v(_ key: String) -> String { WebShell.escape(value(key) ?? "") }
        func checked(_ key: String) -> String { value(key) == "true" ? " checked" : "" }
        func selected(_ key: String, _ option: String) -> String { value(key) == option ? " selected" : "" }
        func check(_ key: String, _ da: String, _ en: String) -> String {
            "<div class=\"check\"><input type=\"checkbox\" id=\"f-\(key)\" name=\"\(key)\" value=\"true\"\(checked(key))><label for=\"f-\(key)\">\(s.t(da, en))</label></div>"
        }
        let when = value("when") ?? "any"
        func radio(_ value: String, _ da: String, _ en: String) -> String {
            "<div class=\"check\"><input type=\"radio\" id=\"when-\(value)\" name=\"when\" value=\"\(value)\"\(when == value ? " checked" : "")><label for=\"when-\(value)\">\(s.t(da, en))</label></div>"
        }
        let kinds = PageWords.kinds.map { "<option value=\"\($0.0)\"\(selected("kind", $0.0))>\(s.t($0.1, $0.2))</option>" }.joined()
        let days = FindForm.days.map { "<option value=\"\($0.0)\"\(selected("day", $0.0))>\(s.t($0.1, $0.2))</option>" }.joined()
        let durations = ["1h", "2h", "3h", "4h"].map { "<option value=\"\($0)\"\(selected("for", $0))>\($0.dropLast()) \(s.t("timer", "hours"))</option>" }.joined()
        let shares = [("1", "hver uge", "every week"), ("0.9", "mindst 90 % af ugerne", "at least 90 % of the weeks"),
                      ("0.75", "mindst 75 % af ugerne", "at least 75 % of the weeks")]
            .map { "<option value=\"\($0.0)\"\(selected("min_share", $0.0))>\(s.t($0.1, $0.2))</option>" }.joined()
        return """
        <form role="search" method="get" action="/" id="find" class="card" aria-label="\(s.t("Find et lokale nær et sted", "Find a room near a place"))">
        \(s.lang == "en" ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "")
        <div class="field place"><label for="q">\(s.t("Sted: by, landsby, postnummer eller distrikt", "Place: town, village, postcode or district"))</label>
        <input id="q" name="q" type="text" value="\(v("q"))" autocomplete="off" required role="combobox" aria-autocomplete="list"
         aria-expanded="false" aria-controls="q-suggestions" aria-describedby="q-hint">
        <ul id="q-suggestions" role="listbox" aria-label="\(s.t("Forslag", "Suggestions"))" hidden></ul>
        <p id="q-hint" class="hint">\(s.t("Skriv et par bogstaver og vælg et forslag med piletasterne.", "Type a few letters and pick a suggestion with the arrow keys."))</p></div>
        <div class="row two">
        <div class="field"><label for="f-kind">\(s.t("Type af sted", "Kind of place"))</label>
        <select id="f-kind" name="kind"><option value="">\(s.t("Alle", "All"))</option>\(kinds)</select></div>
        <div class="field"><label for="f-capacity">\(s.t("Deltagere", "Participants"))</label>
        <input id="f-capacity" name="capacity" type="number" min="1" max="10000" inputmode="numeric" value="\(v("capacity"))"></div>
        </div>
        <fieldset><legend>\(s.t("Tilgængelighed", "Accessibility"))</legend>
        \(check("step_free", "Niveaufri adgang", "Step-free access"))\(check("toilets_wheelchair", "Handicaptoilet", "Wheelchair toilet"))\(check("hearing_loop", "Teleslynge", "Hearing loop"))
        </fieldset>
        <div class="when">
        <fieldset><legend>\(s.t("Hvornår", "When"))</legend>
        \(radio("any", "Når som helst", "Any time"))\(radio("once", "Én gang", "Once"))\(radio("weekly", "Hver uge i en sæson", "Weekly over a season"))
        </fieldset>
        <div class="when-once row" data-when="once">
        <div class="field"><label for="f-free_at">\(s.t("Dato og tid", "Date and time"))</label>
        <input id="f-free_at" name="free_at" type="datetime-local" value="\(v("free_at"))"></div>
        <div class="field"><label for="f-for">\(s.t("Varighed", "Duration"))</label><select id="f-for" name="for">\(durations)</select></div>
        </div>
        <div class="when-weekly row" data-when="weekly">
        <div class="field"><label for="f-day">\(s.t("Ugedag", "Weekday"))</label><select id="f-day" name="day">\(days)</select></div>
        <div class="field"><label for="f-start">\(s.t("Fra kl.", "From"))</label><input id="f-start" name="start" type="time" value="\(v("start"))"></div>
        <div class="field"><label for="f-end">\(s.t("Til kl.", "To"))</label><input id="f-end" name="end" type="time" value="\(v("end"))"></div>
        <div class="field"><label for="f-from">\(s.t("Sæsonen starter", "Season starts"))</label><input id="f-from" name="from" type="date" value="\(v("from"))"></div>
        <div class="field"><label for="f-to">\(s.t("Sæsonen slutter", "Season ends"))</label><input id="f-to" name="to" type="date" value="\(v("to"))"></div>
        <div class="field"><label for="f-min_share">\(s.t("Ledigt", "Free"))</label><select id="f-min_share" name="min_share">\(shares)</select></div>
        </div>
        </div>
        <button type="submit">\(s.t("Søg", "Search"))</button>
        </form>
        """
    }
}
