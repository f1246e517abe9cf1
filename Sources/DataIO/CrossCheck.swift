import MigrationModel

/// Checks that data files refer only to settlements of the settlements file.
public enum CrossCheck {
    /// Every id of a balance table must be a settlement id.
    public static func requireKnownIDs(_ table: BalanceTable, settlements: [Settlement]) throws(DataError) {
        let known = Set(settlements.map(\.id))
        for id in table.ids where !known.contains(id) {
            throw DataError(.unknownID, file: table.file, line: table.firstLine[id], column: .init(name: "id", index: 1),
                            found: id, expected: "an id of the settlements file")
        }
    }

    /// Every origin and destination of a flow table must be a settlement id.
    public static func requireKnownIDs(_ table: FlowTable, settlements: [Settlement]) throws(DataError) {
        let known = Set(settlements.map(\.id))
        for f in table.flows {
            for (name, id) in [("origin", f.origin), ("destination", f.destination)] where !known.contains(id) {
                throw DataError(.unknownID, file: table.file, line: f.line, column: .init(name: name, index: name == "origin" ? table.originColumn : table.destinationColumn),
                                found: id, expected: "an id of the settlements file")
            }
        }
    }
}
