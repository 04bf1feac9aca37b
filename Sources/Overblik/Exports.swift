// The value types the facade's API shows, re-exported on purpose: a program that imports Overblik
// names them without importing the lower modules (coordinates, distances, kinds, filters, times).
// Everything else of the lower modules stays behind the facade.
@_exported public import struct GeoTypes.Coordinate
@_exported public import struct GeoTypes.Distance
@_exported public import enum Facilities.FacilityKind
@_exported public import enum Facilities.OwnerClass
@_exported public import enum Facilities.WheelchairRequirement
@_exported public import struct Analysis.FacilityFilter
@_exported public import struct Analysis.Reach
@_exported public import enum Analysis.DistanceDecay
@_exported public import struct Analysis.AllocationSeason
@_exported public import struct Scheduling.LocalDate
@_exported public import struct Scheduling.LocalDateTime
@_exported public import struct Scheduling.ScheduleDuration
@_exported public import struct Scheduling.WeeklySlot
@_exported public import struct Store.StoredClosure

