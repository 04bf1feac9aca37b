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
            try Output.render(try global.openCreating().importSchoolHolidayList(csv: text, source: file), as: global.format)
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
            try Output.render(Overblik.publicHolidays(year: year, customary: customary), as: global.format)
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
            try Output.render(try global.open().schoolHolidayList(), as: global.format)
        }
    }
}
