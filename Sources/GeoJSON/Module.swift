// Module GeoJSON: see README.md, Architecture.
