import Testing
import Geometry

@Suite("Polygon validation")
struct PolygonValidationTests {
    static let square = xy([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)])

    struct RingCase: CustomTestStringConvertible, Sendable {
        var name: String
        var exterior: [PlanarXY]
        var holes: [[PlanarXY]] = []
        var expected: [PolygonProblem]
        var testDescription: String { name }
    }

    static let ringCases: [RingCase] = [
        RingCase(name: "an unclosed exterior ring", exterior: xy([(0, 0), (10, 0), (10, 10), (0, 10)]),
                 expected: [PolygonProblem(.unclosedRing, ring: 0, vertex: 3, x: 0, y: 10)]),
        RingCase(name: "a ring of three vertices", exterior: xy([(0, 0), (10, 0), (0, 0)]),
                 expected: [PolygonProblem(.tooFewPoints(count: 3), ring: 0, vertex: 2)]),
        RingCase(name: "a NaN in a hole", exterior: square,
                 holes: [xy([(2, 2), (.nan, 2), (4, 4), (2, 2)])],
                 expected: [PolygonProblem(.nonFinite, ring: 1, vertex: 1)]),
        RingCase(name: "an unclosed hole and a short exterior together",
                 exterior: xy([(0, 0), (10, 0), (0, 0)]), holes: [xy([(2, 2), (4, 2), (4, 4), (2, 4)])],
                 expected: [PolygonProblem(.tooFewPoints(count: 3), ring: 0, vertex: 2),
                            PolygonProblem(.unclosedRing, ring: 1, vertex: 3, x: 2, y: 4)]),
    ]

    @Test("The validating initialiser reports every ring problem with its ring and vertex", arguments: ringCases)
    func initialiserReportsRingProblems(_ c: RingCase) {
        #expect(throws: InvalidPolygonError(problems: c.expected)) {
            _ = try Polygon(exterior: c.exterior, holes: c.holes)
        }
    }

    @Test("A square with a hole inside is valid for both Swift and GEOS")
    func validPolygonHasNoProblems() throws {
        let polygon = try Polygon(exterior: Self.square, holes: [xy([(2, 2), (2, 4), (4, 4), (4, 2), (2, 2)])])
        #expect(polygon.problems().isEmpty)
        let context = try GeometryContext()
        #expect(context.problems(of: polygon).isEmpty)
        #expect(polygon.area == 96)
    }

    @Test("A bow tie is a self-intersection located at its two crossing segments")
    func bowTieSelfIntersection() throws {
        let bowTie = try Polygon(exterior: xy([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]))
        let problems = bowTie.problems()
        #expect(problems == [PolygonProblem(.selfIntersection(otherRing: 0, otherVertex: 2), ring: 0, vertex: 0, x: 5, y: 5)])
        let context = try GeometryContext()
        #expect(context.problems(of: bowTie) == problems, "GEOS finds the same spot, so it adds nothing")
    }

    @Test("Every problem is reported: a duplicate vertex, a hole outside and a hole crossing the shell")
    func manyProblemsAtOnce() throws {
        let polygon = try Polygon(
            exterior: xy([(0, 0), (10, 0), (10, 0), (10, 10), (0, 10), (0, 0)]),
            holes: [xy([(20, 20), (22, 20), (22, 22), (20, 20)]),
                    xy([(8, 4), (12, 4), (12, 6), (8, 6), (8, 4)])])
        let kinds = polygon.problems().map { "\($0.kind) r\($0.ring) v\($0.vertex)" }
        #expect(kinds == [
            "duplicateConsecutivePoint r0 v2",
            "selfIntersection(otherRing: 2, otherVertex: 0) r0 v2",
            "selfIntersection(otherRing: 2, otherVertex: 2) r0 v2",
            "holeOutsideShell r1 v0",
            "holeOutsideShell r2 v1",
        ])
    }

    @Test("Nested holes are found by GEOS and mapped to the inner hole's ring")
    func nestedHolesComeFromGEOS() throws {
        let polygon = try Polygon(exterior: Self.square, holes: [
            xy([(1, 1), (1, 9), (9, 9), (9, 1), (1, 1)]),
            xy([(3, 3), (3, 5), (5, 5), (5, 3), (3, 3)]),
        ])
        #expect(polygon.problems().isEmpty, "no Swift-side rule catches nesting")
        let problems = try GeometryContext().problems(of: polygon)
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        guard case let .geos(reason) = problem.kind else { Issue.record("expected a GEOS problem, got \(problem)"); return }
        #expect(reason.contains("nested"), "reason: \(reason)")
        #expect(problem.ring == 2)
    }

    @Test("validate throws invalidPolygon carrying the problems")
    func validateThrows() throws {
        let bowTie = try Polygon(exterior: xy([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]))
        let context = try GeometryContext()
        #expect(throws: GeometryError.invalidPolygon(InvalidPolygonError(problems: bowTie.problems()))) {
            try context.validate(bowTie)
        }
    }

    @Test("Overlapping parts of a MultiPolygon are reported by GEOS with the part index")
    func overlappingParts() throws {
        let a = try Polygon(exterior: Self.square)
        let b = try Polygon(exterior: xy([(20, 20), (30, 20), (30, 30), (20, 30), (20, 20)]))
        let c = try Polygon(exterior: xy([(5, 5), (15, 5), (15, 15), (5, 15), (5, 5)]))
        let context = try GeometryContext()
        try context.validate(MultiPolygon([a, b]))
        let problems = context.problems(of: MultiPolygon([a, b, c]))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect([0, 2].contains(problem.polygon), "\(problem)")
        guard case let .geos(reason) = problem.kind else { Issue.record("expected a GEOS problem"); return }
        #expect(reason.contains("Self-intersection"), "\(reason)")
    }
}
