#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program installed beside the running executable (`overblik-server` beside `overblik`), run in
/// place of this process (git-style external subcommands): signals reach it directly and its exit
/// code is the command's.
public enum SiblingProgram {
    /// The folder of the running executable (`/proc/self/exe` resolved; else argv[0]'s folder).
    public static func ownFolder() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = n > 0 ? String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// Replaces this process with `name` from ``ownFolder()``, passing `arguments`.
    /// - Throws: ``OverblikError/io(_:)`` (exit 4) naming the missing file and how to build it.
    public static func replaceProcess(with name: String, arguments: [String]) throws -> Never {
        let path = ownFolder() + "/" + name
        guard access(path, X_OK) == 0 else {
            throw OverblikError.io("\(path) is missing or not executable: build it with `swift build --product \(name)` (or `make release` for the release build)")
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        execv(path, argv)
        let code = errno
        throw OverblikError.io("cannot run \(path): \(String(cString: strerror(code)))")
    }
}
