import Store
extension Overblik {
    /// An output file (or `-` for standard output) that can never be this store or one of its
    /// -wal, -shm and -journal files, written to a temporary file and renamed into place by
    /// ``OutputFile/commit()``.
    /// - Throws: ``OutputFileError`` when `path` is the store or cannot be created.
    public func outputFile(path: String) throws(OutputFileError) -> OutputFile {
        try OutputFile(path: path, protecting: sqlite.map { [$0.path] } ?? [])
    }
}
