import Foundation
import Hummingbird

/// Prometheus counters of the service, written as text exposition format 0.0.4 at `/metrics`:
/// requests by route, method and status, a latency histogram by route, bookings and requests made.
final class ServerMetrics: Sendable {
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private struct State {
        var requests: [String: Int] = [:]
        var latency: [String: Histogram] = [:]
        var events: [String: Int] = [:]
    }

    private let state = Locked(State())

    /// Records one finished request.
    func record(route: String, method: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests["route=\"\(route)\",method=\"\(method)\",status=\"\(status)\"", default: 0] += 1
            var h = s.latency[route] ?? Histogram()
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { h.counts[i] += 1 }
            h.sum += seconds
            h.count += 1
            s.latency[route] = h
        }
    }

    /// Counts a booking event (`booked`, `requested`, `cancelled`, `approved`, `rejected`, `conflict`).
    func count(event: String, by amount: Int = 1) {
        state.withLock { $0.events[event, default: 0] += amount }
    }

    /// The exposition text.
    func text() -> String {
        state.withLock { s in
            var out = "# HELP overblik_http_requests_total HTTP requests answered.\n# TYPE overblik_http_requests_total counter\n"
            for (labels, n) in s.requests.sorted(by: { $0.key < $1.key }) { out += "overblik_http_requests_total{\(labels)} \(n)\n" }
            out += "# HELP overblik_http_request_duration_seconds Time to answer a request.\n"
            out += "# TYPE overblik_http_request_duration_seconds histogram\n"
            for (route, h) in s.latency.sorted(by: { $0.key < $1.key }) {
                for (i, bound) in Self.buckets.enumerated() {
                    out += "overblik_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(h.counts[i])\n"
                }
                out += "overblik_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(h.count)\n"
                out += "overblik_http_request_duration_seconds_sum{route=\"\(route)\"} \(h.sum)\n"
                out += "overblik_http_request_duration_seconds_count{route=\"\(route)\"} \(h.count)\n"
            }
            out += "# HELP overblik_bookings_total Booking actions by outcome.\n# TYPE overblik_bookings_total counter\n"
            for event in ["booked", "requested", "cancelled", "approved", "rejected", "conflict"] {
                out += "overblik_bookings_total{event=\"\(event)\"} \(s.events[event] ?? 0)\n"
            }
            return out
        }
    }
}

/// Times every request and records it under its route pattern (not the raw path, to bound the labels).
struct MetricsRecorder: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                       status: response.status.code, seconds: seconds)
        return response
    }
}
