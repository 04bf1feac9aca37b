// Module Scheduling: see README.md, Architecture.
