// Module Geometry: see README.md, Architecture.
