import ArgumentParser
import DataIO
import Foundation
import Geodesy

/// `migsim distances`: geodesic distances between the settlements of a file.
struct DistancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distances",
        abstract: "Write geodesic distances between settlements (all pairs or k nearest neighbours).",
        discussion: """
        Without --neighbours: one row per ordered pair of distinct settlements, columns \
        origin, destination, km. With --neighbours k: the k nearest settlements of each one, \
        columns origin, destination, rank, km (rank 1 = nearest).

        --metric sphere: great circle on a sphere of radius 6371.0088 km (haversine). \
        --metric wgs84: geodesic on the WGS84 ellipsoid by Karney's algorithm (agrees with \
        GeographicLib to well under a millimetre).
        """
    )

    @Argument(help: "Settlements CSV (id, name, lat, lon, population[, age columns]).")
    var settlements: String

    @Option(name: .long, help: "sphere or wgs84.")
    var metric: MetricArgument = .sphere

    @Option(name: .long, help: "Write only the k nearest neighbours of each settlement.")
    var neighbours: Int?

    @Option(name: .long, help: "Output CSV (default: standard output).")
    var output: String?

    func validate() throws {
        if let k = neighbours, k < 1 {
            throw ValidationError("--neighbours must be an integer ≥ 1, got \(k)")
        }
    }

    func run() throws {
        let (places, _) = try SettlementsFile.read(URL(fileURLWithPath: settlements))
        let lat = places.map(\.latitude), lon = places.map(\.longitude)
        let ids = places.map(\.id)
        var writer: CSVTableWriter
        if let k = neighbours {
            guard k < places.count else {
                throw ValidationError("--neighbours \(k) needs more than \(k) settlements; \(settlements) has \(places.count)")
            }
            let table = try NearestNeighbours.compute(latitudes: lat, longitudes: lon, k: k, metric: metric.geodesic)
            writer = CSVTableWriter(header: ["origin", "destination", "rank", "km"])
            for i in ids.indices {
                for (r, j) in table.indices[i].enumerated() {
                    writer.append([ids[i], ids[j], String(r + 1), CSVTableWriter.format(table.kilometres[i][r])])
                }
            }
        } else {
            let d = try DistanceTable.allPairs(latitudes: lat, longitudes: lon, metric: metric.geodesic)
            writer = CSVTableWriter(header: ["origin", "destination", "km"])
            for i in ids.indices {
                for j in ids.indices where j != i { writer.append([ids[i], ids[j], CSVTableWriter.format(d[i, j])]) }
            }
        }
        try Output.emit(writer, to: output)
    }
}

/// `--metric` values.
enum MetricArgument: String, ExpressibleByArgument, CaseIterable {
    case sphere, wgs84
    var geodesic: GeodesicMetric { self == .sphere ? .sphere : .wgs84 }
}
