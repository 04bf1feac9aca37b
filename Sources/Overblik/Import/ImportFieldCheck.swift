/// Checks, on a file's first record, that the fields an import needs are there, so that a file
/// without a `name` column gives one message listing the fields it has and the option to use,
/// instead of one identical problem per record.
enum ImportFieldCheck {
    /// A needed field: the names accepted by default, or the one the user gave, and its option.
    struct Need {
        var defaults: [String]
        var given: String?
        var option: String
    }

    static func needs(_ layer: ImportLayer, _ options: ImportOptions) -> [Need] {
        var needs: [Need] = []
        switch layer {
        case .facilities:
            needs.append(Need(defaults: ["id", "@id", "osm_id", "osm_way_id", "fid"], given: options.idField, option: "--id-field"))
            if options.nameFrom == nil { needs.append(Need(defaults: ["name", "navn"], given: options.nameField, option: "--name-field")) }
        case .districts:
            needs.append(Need(defaults: ["code", "kode", "id"], given: options.codeField, option: "--code-field"))
            needs.append(Need(defaults: ["name", "navn"], given: options.nameField, option: "--name-field"))
        case .settlements:
            needs.append(Need(defaults: ["id", "geonameid", "@id", "fid"], given: options.idField, option: "--id-field"))
            needs.append(Need(defaults: ["name", "navn"], given: options.nameField, option: "--name-field"))
        case .rooms, .population, .network, .urbanAreas:
            break
        }
        let optional: [(String?, String)] = [(options.kindField, "--kind-field"), (options.ownerField, "--owner-field"),
                                             (options.ruralField, "--rural-field"), (options.dissolveBy, "--dissolve-by")]
        for (given, option) in optional {
            if let given { needs.append(Need(defaults: [], given: given, option: option)) }
        }
        return needs
    }

    /// The problems with `record`'s fields (empty when all needed fields exist).
    static func problems(_ record: ImportRecord, layer: ImportLayer, options: ImportOptions) -> [ImportProblem] {
        let have = record.fields.keys.sorted()
        let list = have.isEmpty ? "no fields at all" : "it has: " + have.joined(separator: ", ")
        var out: [ImportProblem] = []
        for need in needs(layer, options) {
            if let given = need.given {
                if !record.has(ImportRecord.normalise(given)) {
                    out.append(ImportProblem(RecordPosition(file: record.position.file), field: given,
                                             expected: "no field '\(given)' (\(need.option)) in this file; \(list)"))
                }
            } else if !need.defaults.contains(where: record.has) {
                out.append(ImportProblem(RecordPosition(file: record.position.file), field: need.defaults[0],
                                         expected: "no field \(need.defaults.map { "'\($0)'" }.joined(separator: " or ")) in this file; \(list); choose one with \(need.option) FIELD"))
            }
        }
        return out
    }
}
