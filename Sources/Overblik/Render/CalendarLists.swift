import Foundation
import Scheduling

/// Danish public holidays of a year (PH), ready to render as a table, CSV or JSON.
public struct HolidayList: RenderableOutcome {
    struct Day: Encodable {
        var date: String
        var weekday: String
        var name: String
        var customary: Bool
    }
    let days: [Day]

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(days)
        case .csv:
            sink.write(CSVText.row(["date", "weekday", "name", "customary"]))
            for d in days { sink.write(CSVText.row([d.date, d.weekday, d.name, String(d.customary)])) }
        case .table:
            var t = TextTable(["date", "day", "name"])
            for d in days { t.add([d.date, d.weekday, d.name + (d.customary ? " (customary)" : "")]) }
            sink.write(t.render())
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "calendar holidays")
        }
    }
}

/// School-holiday periods (SH), ready to render as a table, CSV or JSON.
public struct SchoolHolidayList: RenderableOutcome {
    public struct Period: Encodable, Sendable {
        public var from: String
        public var to: String
        public var name: String
    }
    public let periods: [Period]

    init(_ calendar: SchoolHolidayCalendar) {
        periods = calendar.periods.map { Period(from: $0.from.description, to: $0.to.description, name: $0.name) }
    }

    public func render(_ format: OutputFormat, to sink: OutcomeSink) throws {
        switch format {
        case .json: try sink.json(periods)
        case .csv:
            sink.write(CSVText.row(["from", "to", "name"]))
            for p in periods { sink.write(CSVText.row([p.from, p.to, p.name])) }
        case .table:
            var t = TextTable(["from", "to", "name"])
            for p in periods { t.add([p.from, p.to, p.name]) }
            sink.write(t.render())
        case .geojson, .ics: throw OutputFormat.unsupported(format, by: "calendar school")
        }
    }
}

extension Overblik {
    /// The Danish public holidays of `year`; with `customary`, also Grundlovsdag, Juleaften and Nytårsaften.
    public static func publicHolidays(year: Int, customary: Bool) -> HolidayList {
        HolidayList(days: DanishHolidays.holidays(year: year, includingCustomaryClosingDays: customary).map {
            HolidayList.Day(date: $0.date.description, weekday: $0.date.weekday.osmName, name: $0.name, customary: $0.isCustomary)
        })
    }

    /// The school holidays SH refers to (stored, else none).
    public func schoolHolidayList() throws -> SchoolHolidayList { SchoolHolidayList(try holidayCalendar().schoolHolidays) }

    /// Stores a school-holiday calendar (see ``importSchoolHolidays(csv:source:)``) and lists its periods.
    public func importSchoolHolidayList(csv: String, source: String) throws -> SchoolHolidayImport {
        SchoolHolidayImport(periods: SchoolHolidayList(try importSchoolHolidays(csv: csv, source: source)).periods, source: source)
    }
}
