// Module Formats: see README.md, Architecture.
