import Foundation
import Testing
@testable import DataIO

/// `Geocoder` on the WorldPop centroids of the data folder.
private func worldPop(_ country: String) throws -> Geocoder {
    try Geocoder.worldPop(DataFolder.forTests.file(Geocoder.worldPopFile), country: country)
}

@Test func foldingIgnoresCaseAccentsAndPunctuation() {
    #expect(Geocoder.fold("Gyeonggi-do") == "gyeonggido")
    #expect(Geocoder.fold("Île-de-France") == "iledefrance")
    #expect(Geocoder.fold("P'yongyang") == Geocoder.fold("Pyongyang"))
    #expect(Geocoder.levenshtein(Array("seoul"), Array("seol")) == 1)
}

@Test(.needsDataFolder) func everyKoreanRegionMatchesItsRegionsFileCentroid() throws {
    // korea/regions.csv was taken from the same WorldPop file: the coordinates agree exactly.
    let t = try CSVTable.read(DataFolder.forTests.file("korea/regions.csv"))
    let names = t.rows.map { $0[0] }
    let found = try worldPop("KOR").locate(names.map { $0.uppercased().replacingOccurrences(of: "-", with: " ") })
    #expect(found.count == 17)
    for row in t.rows {
        let hit = try #require(found[row[0].uppercased().replacingOccurrences(of: "-", with: " ")])
        #expect(hit.latitude == Double(row[1]) && hit.longitude == Double(row[2]))
    }
}

@Test(.needsDataFolder) func everyUSStateMatchesWithTheDCAlias() throws {
    let t = try CSVTable.read(DataFolder.forTests.file("us-states/population.csv"))
    let names = Array(Set(t.rows.map { $0[0] }).subtracting(["Puerto Rico"])).sorted()
    #expect(names.count == 51)
    let aliases = try Geocoder.aliases(temporaryFile("aliases.csv", "name,worldpop_name\nDistrict of Columbia,Maryland DC\nMaryland,Maryland DC\n"))
    let found = try worldPop("USA").locate(names, aliases: aliases)
    #expect(found.count == 51)
    #expect(found["Maryland"]!.latitude == found["District of Columbia"]!.latitude)
}

@Test(.needsDataFolder) func misspeltNamesAreListedTogetherWithTheClosestCandidates() throws {
    expectDataError(.unknownID, mentions: ["subnational_population_weighted_centroids_2020.csv", "'Seol' (closest: Seoul",
                                           "'Gyeongi-do' (closest: Gyeonggi-do", "alias"]) {
        try worldPop("KOR").locate(["Busan", "Seol", "Gyeongi-do"])
    }
    // An alias to a name WorldPop does not have names the alias file and line.
    let aliases = try Geocoder.aliases(temporaryFile("aliases.csv", "name,worldpop_name\nDC,Maryland D.C.\nX,Marylnd DC\n"))
    expectDataError(.unknownID, line: 3, mentions: ["aliases.csv", "Marylnd DC", "Maryland DC"]) {
        try worldPop("USA").locate(["X"], aliases: aliases)
    }
    expectDataError(.unknownID, mentions: ["ISO", "XYZ"]) { try worldPop("XYZ") }
}
