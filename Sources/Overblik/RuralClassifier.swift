public import Facilities

/// The rural rule of DESIGN.md for districts: a district is rural when no settlement of
/// ``RuralRule/defaultThreshold`` or more inhabitants lies in it, unless the district layer says otherwise.
public enum RuralClassifier {
    /// District code → rural.
    public static func classify(districts: [District], settlements: [Settlement],
                                threshold: Double = RuralRule.defaultThreshold) -> [String: Bool] {
        var hasTown = Set<String>()
        for s in settlements where s.population >= threshold {
            if let code = s.districtCode { hasTown.insert(code) }
        }
        var result: [String: Bool] = [:]
        for d in districts {
            result[d.code] = d.rural ?? !hasTown.contains(d.code)
        }
        return result
    }
}
