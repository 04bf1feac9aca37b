import Foundation

/// Limits failed logins per account name and per peer address: after `attempts` failures within
/// `window` seconds, further logins are refused (429 with Retry-After) until the oldest failure ages
/// out. A success clears the name's record. Held in memory: each server process limits on its own.
final class LoginThrottle: Sendable {
    private let attempts: Int
    private let window: Double
    private let failures = Locked([String: [Double]]())

    init(attempts: Int, windowSeconds: Int) {
        self.attempts = attempts
        window = Double(windowSeconds)
    }

    private func keys(name: String, address: String) -> [String] { ["name:" + name.lowercased(), "addr:" + address] }

    /// Seconds to wait before another attempt is allowed, or nil when one is allowed now.
    func retryAfter(name: String, address: String, now: Double = Date().timeIntervalSince1970) -> Int? {
        failures.withLock { table in
            var wait: Double?
            for key in keys(name: name, address: address) {
                let recent = (table[key] ?? []).filter { now - $0 < window }
                table[key] = recent
                // The per-address limit is looser: several people may share one address.
                let limit = key.hasPrefix("addr:") ? attempts * 4 : attempts
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait ?? 0, window - (now - oldest))
                }
            }
            return wait.map { max(1, Int($0.rounded(.up))) }
        }
    }

    func recordFailure(name: String, address: String, now: Double = Date().timeIntervalSince1970) {
        failures.withLock { table in
            for key in keys(name: name, address: address) { table[key, default: []].append(now) }
            if table.count > 100_000 { table = table.filter { !$0.value.isEmpty && now - $0.value.last! < window } }
        }
    }

    func recordSuccess(name: String) {
        failures.withLock { $0["name:" + name.lowercased()] = nil }
    }
}
