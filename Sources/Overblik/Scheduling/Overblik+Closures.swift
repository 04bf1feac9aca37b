import Facilities
import Foundation
public import Scheduling
public import Store

extension Overblik {
    /// Closes a facility (every room) or one room for a local time window (renovation, an
    /// election, a private event). Free time and bookings leave the window out from then on.
    /// - Parameters:
    ///   - facilityID: the facility to close as a whole, or nil.
    ///   - roomID: the one room to close, or nil (exactly one of the two).
    ///   - from: start, local time; `to`: end (exclusive), after `from`.
    /// - Throws: ``OverblikError/badInput(_:)`` for neither/both ids or an empty window;
    ///   ``OverblikError/notFound(what:suggestions:)`` for an unknown facility or room.
    ///   - recording: runs inside the write's transaction with the stored closure (the service's audit line).
    @discardableResult
    public func addClosure(facilityID: String?, roomID: String?, from: LocalDateTime, to: LocalDateTime,
                           reason: String?, recording: (StoredClosure) throws -> Void = { _ in }) throws -> StoredClosure {
        guard (facilityID == nil) != (roomID == nil) else {
            throw OverblikError.badInput("a closure is of one facility (--facility) or one room (--room), not \(facilityID == nil ? "neither" : "both")")
        }
        guard from < to else { throw OverblikError.badInput("the closure must end after it starts (\(from) - \(to))") }
        if let facilityID, try backend.facility(id: facilityID) == nil {
            throw OverblikError.notFound(what: "facility '\(facilityID)'", suggestions: [])
        }
        if let roomID, try backend.room(id: roomID) == nil, try backend.facility(id: roomID) == nil {
            throw OverblikError.notFound(what: "room '\(roomID)'", suggestions: [])
        }
        var closure = StoredClosure(facilityID: facilityID, roomID: roomID, startLocal: from.description,
                                    endLocal: to.description, reason: reason)
        closure = try backend.write {
            closure.id = try backend.insert(closure: closure)
            try recording(closure)
            return closure
        }
        return closure
    }

    /// Every closure, or those of one facility and its rooms, by start.
    public func closures(facilityID: String? = nil) throws -> [StoredClosure] {
        try backend.allClosures(facilityID: facilityID)
    }

    /// Removes a closure.
    /// - Throws: ``OverblikError/notFound(what:suggestions:)`` when there is no closure with that id.
    /// - Parameter recording: runs inside the write's transaction after the delete (the service's audit line).
    public func removeClosure(id: Int64, recording: () throws -> Void = {}) throws {
        guard try backend.write({
            guard try backend.deleteClosure(id: id) else { return false }
            try recording()
            return true
        }) else {
            throw OverblikError.notFound(what: "closure \(id)", suggestions: [])
        }
    }
}
