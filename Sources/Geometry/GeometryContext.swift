import CGEOS

/// A GEOS context (`GEOSContextHandle_t`): the handle every GEOS call runs in.
///
/// Not Sendable: GEOS contexts must not be shared between threads. Make one per thread or task and
/// keep it for many operations (creating one per call is a hidden cost). The context captures the
/// last GEOS error and notice messages, which failed operations attach to their ``GeometryError``.
///
/// ```swift
/// let context = try GeometryContext()
/// let square = try Geometry(polygon: polygon, context: context)
/// ```
public final class GeometryContext {
    /// Receives GEOS messages through the C callback; owned by the context.
    final class MessageBox {
        var lastError: String?
        var lastNotice: String?
    }

    let handle: GEOSContextHandle_t
    private let messages: MessageBox

    /// Creates a GEOS context with error and notice handlers installed.
    /// - Throws: ``GeometryError/contextCreationFailed`` when GEOS cannot allocate one.
    public init() throws(GeometryError) {
        guard let handle = GEOS_init_r() else { throw .contextCreationFailed }
        self.handle = handle
        self.messages = MessageBox()
        let userData = Unmanaged.passUnretained(messages).toOpaque()
        // The callbacks must not throw or capture: they only store the text in the box.
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let userData else { return }
            let box = Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue()
            box.lastError = message.map { String(cString: $0) } ?? ""
        }, userData)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userData in
            guard let userData else { return }
            let box = Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue()
            box.lastNotice = message.map { String(cString: $0) } ?? ""
        }, userData)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The last error message GEOS reported in this context, if any.
    public var lastErrorMessage: String? { messages.lastError }

    /// The last notice GEOS reported in this context, if any.
    public var lastNotice: String? { messages.lastNotice }

    /// The GEOS library version string, e.g. "3.11.1-CAPI-1.17.1".
    public static var geosVersion: String { String(cString: GEOSversion()) }

    // MARK: - Checking results (the one place C results are interpreted)

    /// Clears the captured error so a later failure does not report a stale message.
    @inline(__always)
    func begin() { messages.lastError = nil }

    /// The error for a failed `operation`, carrying (and clearing) GEOS's last message.
    func failure(_ operation: String) -> GeometryError {
        let message = messages.lastError ?? ""
        messages.lastError = nil
        return .geos(operation: operation, message: message)
    }

    /// A pointer result: nil is a failure.
    func check<T>(_ result: T?, _ operation: @autoclosure () -> String) throws(GeometryError) -> T {
        guard let result else { throw failure(operation()) }
        return result
    }

    /// A predicate result: 1 true, 0 false, 2 (or anything else) an exception.
    func checkPredicate(_ result: CChar, _ operation: @autoclosure () -> String) throws(GeometryError) -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw failure(operation())
        }
    }

    /// A count result (-1 is a failure).
    func checkCount(_ result: Int32, _ operation: @autoclosure () -> String) throws(GeometryError) -> Int32 {
        guard result >= 0 else { throw failure(operation()) }
        return result
    }

    /// A status result: 0 is a failure.
    func checkStatus(_ result: Int32, _ operation: @autoclosure () -> String) throws(GeometryError) {
        guard result != 0 else { throw failure(operation()) }
    }
}
