import Foundation
import Testing
import TestSupport

/// The web app (issue 18) in a real Chromium: `Tests/Browser/web_app_test.py` (Selenium through Debian's
/// chromedriver, axe-core from axe-selenium-python, both in the project's .venv from Tools/setup.sh)
/// against the real server on a loopback port with the sample store. The script writes screenshots at
/// 1280x800 and 390x844 and report.json (page weight, axe results, filter timings) to
/// `.build/test-output/web-app/` (or `$OVERBLIK_TEST_OUTPUT/web-app`).
@Suite("The web app in a real browser")
struct WebAppBrowserTests {
    static let python = TestSupport.packageRoot.appendingPathComponent(".venv/bin/python").path
    static let script = TestSupport.packageRoot.appendingPathComponent("Tests/Browser/web_app_test.py").path

    /// Chromium, chromedriver and the venv's selenium and axe-selenium-python are all there.
    static let ready: Bool = {
        guard TestSupport.which("chromium") != nil, TestSupport.which("chromedriver") != nil,
              FileManager.default.isExecutableFile(atPath: python) else { return false }
        let probe = try? TestSupport.run(python, ["-c", "import selenium, axe_selenium_python"])
        return probe?.status == 0
    }()

    static var outputFolder: URL {
        let base = ProcessInfo.processInfo.environment["OVERBLIK_TEST_OUTPUT"].map { URL(fileURLWithPath: $0) }
            ?? TestSupport.packageRoot.appendingPathComponent(".build/test-output")
        return base.appendingPathComponent("web-app")
    }

    @Test("with the keyboard alone an association finds a step-free room for 25 near a village on Tuesday evenings and requests it, the clerk approves, and it shows in my bookings; axe finds nothing serious on any page and no request leaves the origin",
          .enabled(if: WebAppBrowserTests.ready,
                   "needs chromium and chromedriver (Debian) and selenium + axe-selenium-python in .venv (Tools/setup.sh --with-test-tools)"))
    func keyboardFlowAxeAndOrigin() async throws {
        let db = try ServerFixtures.sampleStore("web-app")
        let clerkToken = try ServerFixtures.token("clerk", db: db)
        let server = try RunningServer(database: db)
        defer { server.stop() }
        try? FileManager.default.removeItem(at: Self.outputFolder)
        let result = try TestSupport.run(Self.python, [Self.script], environment: [
            "OVERBLIK_BASE": server.base, "OVERBLIK_OUT": Self.outputFolder.path, "CLERK_TOKEN": clerkToken,
        ], currentDirectory: TestSupport.packageRoot)
        #expect(result.status == 0, "the browser checks failed:\n\(result.stdout)\n\(result.stderr.suffix(4000))")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.outputFolder.appendingPathComponent("report.json"))) as? [String: Any])
        let shots = report["screenshots"] as? [String] ?? []
        #expect(shots.contains { $0.hasSuffix("find-1280x800.png") } && shots.contains { $0.hasSuffix("find-390x844.png") })
        #expect(shots.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }
}
