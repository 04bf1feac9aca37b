// Module SpatialIndex: see README.md, Architecture.
