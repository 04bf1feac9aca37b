import ArgumentParser
import Foundation
import Overblik

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The holiday calendar: Danish public holidays, and the municipality's school holidays.",
        discussion: """
        Examples:
          overblik calendar holidays --year 2027
          overblik calendar holidays --year 2026 --customary --format json
          overblik calendar import Data/calendars/aalborg-school-holidays.csv
          overblik calendar school
        """,
        subcommands: [ImportSchoolHolidays.self, Holidays.self, School.self])

    struct ImportSchoolHolidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Store a school-holiday calendar (CSV from,to,name; '#' comments) for SH in opening hours.",
            discussion: """
            Replaces the calendar stored before. An invalid file is refused with its line (exit 2) and the
            store is unchanged.

            Examples:
              overblik calendar import Data/calendars/aalborg-school-holidays.csv
              overblik --db out/demo.sqlite calendar import skoleferier.csv --format json
            """)

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.require([.table, .json], command: "calendar import")
            let text = try TextFile.read(file)
            let calendar = try global.openCreating().importSchoolHolidays(csv: text, source: file)
            let periods = calendar.periods.map { Period(from: $0.from.description, to: $0.to.description, name: $0.name) }
            if global.format == .json {
                try Output.json(["imported": periods])
            } else {
                Output.line("stored \(periods.count) school holiday periods from \(file)"
                            + (periods.isEmpty ? "" : " (\(periods.first!.from) .. \(periods.last!.to))"))
            }
            Output.flush()
        }
    }

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays",
            abstract: "Danish public holidays of a year (PH); --customary adds Grundlovsdag, Juleaften, Nytårsaften.",
            discussion: """
            Store bededag is not a public holiday from 2024.

            Examples:
              overblik calendar holidays --year 2027
              overblik calendar holidays --year 2026 --customary --format csv
            """)

        @Option(help: "The year.") var year: Int
        @Flag(help: "Include the customary closing days.") var customary = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1900...2200).contains(year) else { throw ValidationError("--year must lie in 1900...2200") }
        }

        func run() throws {
            try global.require([.table, .json, .csv], command: "calendar holidays")
            let days = DanishHolidays.holidays(year: year, includingCustomaryClosingDays: customary)
            switch global.format {
            case .json:
                try Output.json(days.map { Day(date: $0.date.description, weekday: $0.date.weekday.osmName, name: $0.name, customary: $0.isCustomary) })
            case .csv:
                Output.write(CSVText.row(["date", "weekday", "name", "customary"]))
                for d in days { Output.write(CSVText.row([d.date.description, d.date.weekday.osmName, d.name, String(d.isCustomary)])) }
            default:
                var t = TextTable(["date", "day", "name"])
                for d in days { t.add([d.date.description, d.date.weekday.osmName, d.name + (d.isCustomary ? " (customary)" : "")]) }
                Output.write(t.render())
            }
            Output.flush()
        }
    }

    struct School: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "school",
            abstract: "The school holidays SH refers to (stored, else the bundled Aalborg calendar).",
            discussion: """
            Examples:
              overblik calendar school
              overblik calendar school --format json
            """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.require([.table, .json, .csv], command: "calendar school")
            let periods = try global.open().holidayCalendar().schoolHolidays.periods
                .map { Period(from: $0.from.description, to: $0.to.description, name: $0.name) }
            switch global.format {
            case .json: try Output.json(periods)
            case .csv:
                Output.write(CSVText.row(["from", "to", "name"]))
                for p in periods { Output.write(CSVText.row([p.from, p.to, p.name])) }
            default:
                var t = TextTable(["from", "to", "name"])
                for p in periods { t.add([p.from, p.to, p.name]) }
                Output.write(t.render())
            }
            Output.flush()
        }
    }

    struct Period: Encodable {
        var from: String
        var to: String
        var name: String
    }

    struct Day: Encodable {
        var date: String
        var weekday: String
        var name: String
        var customary: Bool
    }
}
