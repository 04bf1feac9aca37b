public import Analysis
import Foundation
import GeoTypes
import Routing

extension Overblik {
    /// Each point's nearest qualifying facility by road (index into the catalogue's facilities) and
    /// the cost in both units; nil for a point more than 1 km from the network or reaching none.
    ///
    /// One multi-source Dijkstra from every qualifying facility over the reverse arcs (people travel
    /// to the facility) labels each node; each point then takes the labels of its segment's ends
    /// (the points are snapped while the labelling runs, in spatial order on every core, with the
    /// same answers as one core).
    func roadNearest(_ road: RoadQuestion, points: [Coordinate], qualifying: [Bool], catalog: Catalog) throws -> [RoadHit?] {
        let state = try roads.state(road.mode, store: backend)
        let facilities = catalog.engine.facilities
        let snaps: [RoadSnap?] = facilities.indices.map { qualifying[$0] ? state.snap(facilities[$0].location) : nil }
        let sources = RoadTargets(snaps: snaps, network: state.network)
        return state.snapper.nearestSources(points, router: state.router, sources: sources, metric: road.metric).hits
    }
}

extension RoadQuestion {
    /// The reaches of a coverage question by road: every `within` text (`10min`, `5km`) and every
    /// rural/urban pair, all in one metric, as thresholds in that metric's unit (metres or seconds).
    /// - Throws: ``OverblikError/badInput(_:)`` for an unreadable text or mixed metrics.
    public static func reaches(by mode: String, within: [String], ruralWithin: [String] = [], urbanWithin: [String] = [])
        throws -> (RoadQuestion, [Reach]) {
        var questions: [RoadQuestion] = [], reaches: [Reach] = []
        for text in within.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
            let q = try RoadQuestion(by: mode, within: text)
            questions.append(q)
            reaches.append(Reach(.within(metres: q.reach), label: text))
        }
        guard ruralWithin.count == urbanWithin.count else {
            throw OverblikError.badInput("--rural-within and --urban-within come in pairs (\(ruralWithin.count) vs \(urbanWithin.count))")
        }
        for (r, u) in zip(ruralWithin, urbanWithin) {
            let qr = try RoadQuestion(by: mode, within: r), qu = try RoadQuestion(by: mode, within: u)
            questions += [qr, qu]
            reaches.append(Reach(.byClass(ruralMetres: qr.reach, urbanMetres: qu.reach), label: "rural:\(r),urban:\(u)"))
        }
        guard let first = questions.first else {
            throw OverblikError.badInput("--by \(mode): give a reach with --within (10min, 5km) or --rural-within/--urban-within")
        }
        guard questions.allSatisfy({ $0.metric == first.metric }) else {
            throw OverblikError.badInput("--within: by road all reaches are distances or all are times, not both")
        }
        return (first, reaches)
    }
}
