// Module Analysis: see README.md, Architecture.
