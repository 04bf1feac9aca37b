import Testing
@testable import Scheduling

/// Opening hours in words come from the compiled rules, so they say what the engine evaluates.
@Suite("Opening hours in words")
struct OpeningHoursWordsTests {
    @Test("each rule reads in Danish and in English", arguments: [
        ("Mo-Th 17:00-22:00; PH off", "mandag–torsdag kl. 17.00–22.00; helligdage: lukket",
         "Monday–Thursday 17:00–22:00; public holidays: closed"),
        ("Mo-Fr 08:00-21:00; Sa,Su 10:00-16:00; PH off",
         "mandag–fredag kl. 08.00–21.00; lørdag og søndag kl. 10.00–16.00; helligdage: lukket",
         "Monday–Friday 08:00–21:00; Saturday and Sunday 10:00–16:00; public holidays: closed"),
        ("Mo-Th 17:00-22:00; PH off; SH off; Jul off",
         "mandag–torsdag kl. 17.00–22.00; helligdage: lukket; skoleferier: lukket; juli: lukket",
         "Monday–Thursday 17:00–22:00; public holidays: closed; school holidays: closed; July: closed"),
        ("Fr 18:00-02:00", "fredag kl. 18.00–02.00 (næste dag)", "Friday 18:00–02:00 (next day)"),
        ("Mo,We,Fr 09:00-12:00,13:00-16:00", "mandag, onsdag og fredag kl. 09.00–12.00 og kl. 13.00–16.00",
         "Monday, Wednesday and Friday 09:00–12:00 and 13:00–16:00"),
        ("Dec 24-26 off", "24.–26. december: lukket", "December 24–26: closed"),
        ("Dec 20-Jan 05 off", "20. december–5. januar: lukket", "December 20–January 5: closed"),
        ("Th[1] 19:00-21:00; Fr[-1] 10:00-12:00", "1. torsdag i måneden kl. 19.00–21.00; sidste fredag i måneden kl. 10.00–12.00",
         "1st Thursday of the month 19:00–21:00; last Friday of the month 10:00–12:00"),
        ("SH Mo-Fr 10:00-14:00", "mandag–fredag i skoleferier kl. 10.00–14.00", "Monday–Friday in school holidays 10:00–14:00"),
        ("Mo 10:00-12:00, We 14:00-16:00", "mandag kl. 10.00–12.00; desuden onsdag kl. 14.00–16.00",
         "Monday 10:00–12:00; also Wednesday 14:00–16:00"),
        ("week 01-53/2 Tu 18:00-20:00", "uge 1–53, hver 2. uge tirsdag kl. 18.00–20.00", "week 1–53, every 2 weeks Tuesday 18:00–20:00"),
        ("Mo-Fr 08:00-16:00 \"efter aftale\"", "mandag–fredag kl. 08.00–16.00 (efter aftale)", "Monday–Friday 08:00–16:00 (efter aftale)"),
    ])
    func words(_ text: String, _ danish: String, _ english: String) throws {
        let hours = try OpeningHours(parsing: text)
        #expect(hours.words(.danish) == danish)
        #expect(hours.words(.english) == english)
    }
}
