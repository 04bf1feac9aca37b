import Foundation

/// Words the web pages share (the live web app of `overblik serve` and the static `overblik map`):
/// the facility kinds' names in Danish and English, and the data sources every page names.
public enum PageWords {
    /// Each facility kind's canonical name with its Danish and English name, in the order a list shows them.
    public static let kinds: [(kind: String, danish: String, english: String)] = [
        ("village_hall", "Forsamlingshus", "Village hall"), ("school", "Skole", "School"), ("sports_hall", "Idrætshal", "Sports hall"),
        ("library", "Bibliotek", "Library"), ("culture_house", "Kulturhus", "Culture house"), ("clubhouse", "Klubhus", "Clubhouse"),
        ("activity_centre", "Aktivitetscenter", "Activity centre"), ("volunteer_house", "Frivillighus", "Volunteer house"),
        ("youth_club", "Ungdomsklub", "Youth club"), ("association_house", "Foreningshus", "Association house"), ("other", "Andet", "Other"),
    ]

    /// The data sources, in Danish (pages are Danish by default) and English.
    public static let dataAttribution = (
        danish: "kommunens lokaleregister og distrikter; bynavne og indbyggertal fra GeoNames (CC BY 4.0)",
        english: "the municipality's register of premises and districts; town names and populations from GeoNames (CC BY 4.0)")

    /// A local time `2026-12-07T17:05` as Danish text: `7.12.2026 kl. 17.05`.
    public static func danishTime(_ text: String) -> String {
        let parts = text.split(separator: "T")
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        guard date.count == 3 else { return text }
        let day = "\(date[2]).\(date[1]).\(date[0])"
        guard parts.count > 1 else { return day }
        return "\(day) kl. \(parts[1].prefix(5).replacingOccurrences(of: ":", with: "."))"
    }
}
