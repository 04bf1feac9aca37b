// Module Overblik: see README.md, Architecture.
