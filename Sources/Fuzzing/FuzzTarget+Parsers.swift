import Formats
import GeoJSON
import Scheduling

extension FuzzTarget {
    /// The opening_hours parser, and on what parses, the evaluator: 21 days of intervals (sorted,
    /// disjoint, inside the window, agreeing with `isOpen` at sampled minutes) and `nextChange`.
    public static func openingHours(seeds: [String], maxBytes: Int = 256) -> FuzzTarget {
        let dictionary = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "-", ",", ";", " ", "||", ":", "00", "24", "26", "59",
                          "08:00-20:00", "22:00-02:00", "24/7", "off", "closed", "open", "unknown", "PH", "SH", "week",
                          "/", "01-53", "Jan", "Dec", "Jul", "2026", "1900", "9999", "[1]", "[-1]", "[", "]", "\"", "+",
                          "sunrise", "Mo-Su", "Dec 24-26", "Dec 20-Jan 05", "99999999999999999999", "\u{00E6}", "\t"]
        let calendar = HolidayCalendar.danish
        return FuzzTarget(name: "opening-hours", seeds: seeds.map { Array($0.utf8) },
                          mutator: Mutator(dictionary: dictionary, maxBytes: maxBytes)) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let hours: OpeningHours
            do {
                hours = try OpeningHours(parsing: text)
            } catch let error as OpeningHoursError {
                return rejection("opening_hours: " + error.expected, error.description)
            } catch {
                return .violation("untyped error: \(error)")
            }
            // nextChange may search ten years ahead: exercised on one input in eight (chosen by length).
            return evaluate(hours, calendar: calendar, nextChange: bytes.count % 8 == 0)
        }
    }

    /// Invariants of an evaluated opening_hours value over two weeks from 2026-03-23 (DST on the 29th).
    static func evaluate(_ hours: OpeningHours, calendar: HolidayCalendar, nextChange: Bool) -> FuzzOutcome {
        let from = LocalDateTime(localMinutes: (try? LocalDate(year: 2026, month: 3, day: 23))!.dayNumber * 1440)
        let to = from.adding(minutes: 14 * 1440)
        let list = hours.intervals(from: from, to: to, calendar: calendar)
        var previousEnd = from
        for (i, interval) in list.enumerated() {
            if interval.start < from || interval.end > to {
                return .violation("interval \(interval) outside the window \(from)..\(to)")
            }
            if i > 0 && interval.start <= previousEnd {
                return .violation("intervals not sorted and merged at \(interval) (previous end \(previousEnd))")
            }
            previousEnd = interval.end
        }
        // isOpen must agree with the interval list at sampled minutes (every 397 minutes: all times of day
        // over the fortnight), and at every interval edge.
        var minute = from.localMinutes
        while minute < to.localMinutes {
            let t = LocalDateTime(localMinutes: minute)
            let inList = list.contains { $0.start <= t && t < $0.end }
            if hours.isOpen(at: t, calendar: calendar) != inList {
                return .violation("isOpen(\(t)) = \(!inList) but the intervals say \(inList)")
            }
            minute += 397
        }
        for interval in list.prefix(16) {
            let end = interval.end
            if !hours.isOpen(at: interval.start, calendar: calendar) || (end < to && hours.isOpen(at: end, calendar: calendar)) {
                return .violation("isOpen disagrees with the edges of \(interval)")
            }
        }
        if nextChange, let change = hours.nextChange(after: from, calendar: calendar), change <= from {
            return .violation("nextChange(after: \(from)) = \(change), not after it")
        }
        return .accepted(signature: "hours:\(min(list.count, 8))")
    }

    /// The CSV reader: header, then every record with exactly as many fields as the header.
    public static func csv(seeds: [[UInt8]], maxBytes: Int = 4_096) -> FuzzTarget {
        let dictionary = ["\"", "\"\"", ",", ";", "\n", "\r\n", "\r", "\u{FEFF}", "id,name,kind,lon,lat", "\"a,b\"",
                          "\"x\ny\"", "\u{00F8}", "\u{1B}", "\0", "\"\"\"", ";;;;", ",,,,"]
        return FuzzTarget(name: "csv", seeds: seeds, mutator: Mutator(dictionary: dictionary, maxBytes: maxBytes)) { bytes in
            do {
                let reader = try CSVReader(bytes: bytes, options: CSVOptions(maxColumns: 1_000, maxFieldBytes: 4_096))
                var records = 0
                var lastLine = 0
                while let record = try reader.next() {
                    if record.fields.count != reader.header.count {
                        return .violation("record at line \(record.line) has \(record.fields.count) fields, header \(reader.header.count)")
                    }
                    if record.line <= lastLine { return .violation("record lines not increasing: \(lastLine) then \(record.line)") }
                    lastLine = record.line
                    records += 1
                }
                return .accepted(signature: "csv:\(min(reader.header.count, 8)):\(min(records, 4))")
            } catch let error as CSVError {
                return rejection("csv: " + signature(of: error.kind), error.description)
            } catch {
                return .violation("untyped error: \(error)")
            }
        }
    }

    /// The streaming GeoJSON reader over a whole input.
    public static func geoJSON(seeds: [[UInt8]], maxBytes: Int = 4_096) -> FuzzTarget {
        let dictionary = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "1e308", "-0",
                          "1e999", "-", "0.5", "\"type\"", "\"Feature\"", "\"FeatureCollection\"", "\"features\"",
                          "\"geometry\"", "\"Point\"", "\"Polygon\"", "\"MultiPolygon\"", "\"coordinates\"",
                          "\"properties\"", "\"id\"", "\"crs\"", "[9.9,57.0]", "[[[9,57],[10,57],[10,58],[9,57]]]",
                          "[[[[", "{\"a\":", "\u{00E5}"]
        return FuzzTarget(name: "geojson", seeds: seeds, mutator: Mutator(dictionary: dictionary, maxBytes: maxBytes)) { bytes in
            do {
                let reader = GeoJSONReader(bytes: bytes, limits: GeoJSONLimits(maxDepth: 64))
                var count = 0
                while try reader.next() != nil { count += 1 }
                return .accepted(signature: "geojson:\(min(count, 4))")
            } catch let error as GeoJSONError {
                return rejection("geojson: " + signature(of: error.kind), error.description)
            } catch {
                return .violation("untyped error: \(error)")
            }
        }
    }
}
