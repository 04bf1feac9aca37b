public import ArgumentParser
public import Overblik

// The library's value types that options parse directly (`--format json`, `--wheelchair yes`).
extension CoverageGrouping: ExpressibleByArgument {}
extension DemandSource: ExpressibleByArgument {}
extension DistanceDecay: ExpressibleByArgument {}
extension ExportLayer: ExpressibleByArgument {}
extension HoursAction: ExpressibleByArgument {}
extension ImportLayer: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension WheelchairRequirement: ExpressibleByArgument {}
