import Foundation
import Testing
import TestSupport

/// schemathesis (PyPI, in the project's .venv from Tools/setup.sh) generates requests from
/// /openapi.json and checks the answers: no 5xx, and every status, content type and body as documented.
@Suite("overblik serve: the OpenAPI contract under schemathesis")
struct ContractTests {
    static let schemathesis = TestSupport.packageRoot.appendingPathComponent(".venv/bin/schemathesis").path
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: schemathesis) }

    /// Every operation as an association, and the clerk's operations (and the analyses) as a clerk.
    @Test("schemathesis finds no 5xx and no response that violates the document",
          .enabled(if: ContractTests.installed, "schemathesis is not installed in .venv (Tools/setup.sh --with-test-tools installs it)"),
          arguments: [("koret", nil), ("clerk", "^/api/(rooms|allocation|audit|requests|coverage|gaps)")])
    func schemathesisRun(account: String, paths: String?) async throws {
        let db = try ServerFixtures.sampleStore("serve-contract")
        let token = try ServerFixtures.token(account, db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        let reports = try TestSupport.temporaryDirectory("schemathesis")
        let arguments = [
            "run", "\(server.base)/openapi.json",
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--phases", "examples,coverage,fuzzing", "-n", "10", "--seed", "17", "--max-time", "60",
            "-H", "Authorization: Bearer \(token)", "--no-color", "--report-dir", reports.path,
        ] + (paths.map { ["--include-path-regex", $0] } ?? [])
        let result = try await Task.detached {
            try TestSupport.run(Self.schemathesis, arguments, environment: ["SCHEMATHESIS_HOOKS": ""], currentDirectory: reports)
        }.value
        #expect(result.status == 0, "\(result.stdout.suffix(4000))\n\(result.stderr.suffix(2000))")
        #expect(result.stdout.contains("generated"))
    }
}
