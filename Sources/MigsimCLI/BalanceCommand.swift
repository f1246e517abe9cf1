import ArgumentParser
import DataIO
import Foundation
import FlowBalancing
import LinearAlgebra

/// `migsim balance`: RAS/IPF balancing of a flow matrix and the age-split estimator (SPEC §6).
public struct BalanceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Balance an origin–destination flow matrix to given margins, or split it by age group.",
        discussion: """
        METHODS
          ras        RAS / iterative proportional fitting: every free cell of
                     the flow matrix is scaled by a row factor and a column
                     factor until each region's departures (row sum) and
                     arrivals (column sum) match --margins. Marked cells
                     (--fixed, --fix-diagonal) keep their values exactly.
          net        Balancing to net migration (arrivals − departures per
                     region) from --margins: flows become x_ij·β_j/β_i;
                     moves inside a region never change.
          age-split  The two-step estimator of seed 001. Step 1: for every
                     pair of regions a small non-negative least-squares
                     problem (the pair's 2k states plus one aggregated rest
                     state; ageing shifts q[g,g+1] = q[g,g]/L_g) gives an
                     initial k·n × k·n matrix Q0. Step 2: RAS balances Q0 to
                     departures and arrivals by region and age group
                     (--age-margins), the block structure's zeros marked.
                     Cells the margins force to zero (e.g. every ageing
                     cell when each group's departures and arrivals have
                     equal totals) are found by a maximum flow and fixed
                     at zero first, so RAS converges geometrically.
        Iteration stops when the maximal relative margin error
        |sum − target| / target is at most --tolerance. The summary reports
        the sweeps, the final error and, for age-split, the relative error
        of every aggregated flow against the input and their flow-weighted
        mean (the paper's Table 4).

        INPUT FILES (CSV, UTF-8, header row, commas, quoted fields allowed)
          --flows        origin,destination[,period],migrants
                         (several rows for one pair are summed)
          --margins      ras: region,departures,arrivals
                         net: region,net
          --age-margins  region,age_group,departures,arrivals
                         (groups in order of first appearance, youngest first)
          --fixed        origin,destination   (cells to keep unchanged)
        Every input error names the file, line and column and says what was
        expected.

        OUTPUT (written atomically: temporary files renamed into place only
        when everything succeeded; nothing is written on error)
          --output       ras, net: origin,destination,migrants (all n×n cells)
                         age-split: origin,origin_age_group,destination,
                         destination_age_group,migrants (non-zero cells)
          --summary      text summary (otherwise printed to standard output)
          --statistics   directory for region_statistics.csv and
                         attraction_shares.csv, and for age-split also
                         age_group_ranks.csv and flow_errors.csv
                         (the paper's tables 2–7)
        """
    )

    public enum Method: String, ExpressibleByArgument, CaseIterable, Sendable {
        case ras, net, ageSplit = "age-split"
    }

    @Option(help: "Method: ras, net or age-split (see above).")
    public var method: Method = .ras
    @Option(help: ArgumentHelp("Flows CSV: origin,destination[,period],migrants.", valueName: "file"))
    public var flows: String
    @Option(help: ArgumentHelp("Margins CSV for ras (region,departures,arrivals) or net (region,net).", valueName: "file"))
    public var margins: String?
    @Option(help: ArgumentHelp("Age margins CSV for age-split: region,age_group,departures,arrivals.", valueName: "file"))
    public var ageMargins: String?
    @Option(help: ArgumentHelp("CSV of cells to keep unchanged: origin,destination.", valueName: "file"))
    public var fixed: String?
    @Flag(help: "Keep the diagonal (moves inside a region) unchanged in ras.")
    public var fixDiagonal = false
    @Option(help: ArgumentHelp("Use only flow rows whose period starts with this text (e.g. 2012 sums its quarters).", valueName: "prefix"))
    public var period: String?
    @Option(help: "Age-band widths in years of every group but the last, comma-separated (age-split).")
    public var bandWidths: String = "16,44"
    @Option(help: "Stop when the maximal relative margin error is at most this.")
    public var tolerance: Double = 1e-10
    @Option(help: "Give up after this many sweeps.")
    public var maxIterations: Int = 10_000
    @Option(help: ArgumentHelp("Where to write the balanced flows CSV.", valueName: "file"))
    public var output: String
    @Option(help: ArgumentHelp("Where to write the text summary (default: standard output).", valueName: "file"))
    public var summary: String?
    @Option(help: ArgumentHelp("Directory for the flow statistics tables.", valueName: "dir"))
    public var statistics: String?

    public init() {}

    public func validate() throws {
        guard tolerance.isFinite, tolerance > 0 else {
            throw ValidationError("--tolerance: expected a positive number, got \(tolerance)")
        }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations: expected a positive integer, got \(maxIterations)") }
        switch method {
        case .ras, .net:
            guard margins != nil else { throw ValidationError("--margins is required for --method \(method.rawValue)") }
        case .ageSplit:
            guard ageMargins != nil else { throw ValidationError("--age-margins is required for --method age-split") }
            _ = try parsedBandWidths()
        }
    }

    func parsedBandWidths() throws -> [Double] {
        let parts = bandWidths.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap(Double.init)
        guard values.count == parts.count, values.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw ValidationError("--band-widths: expected comma-separated positive numbers of years, got '\(bandWidths)'")
        }
        return values
    }

    public func run() throws {
        let options = BalancingOptions(tolerance: tolerance, maxIterations: maxIterations)
        let (names, matrix) = try BalanceCSV.streamFlowMatrix(flows, period: period)
        let n = names.count
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var files: [(path: String, content: OutputContent)] = []
        var report = "migsim balance — method \(method.rawValue), \(n) regions from \(flows)\n"

        switch method {
        case .ras, .net:
            let marginTable = try BalanceCSV.read(margins!)
            var mask = [Bool](repeating: false, count: n * n)
            if fixDiagonal { for r in 0..<n { mask[r * n + r] = true } }
            if let fixed {
                let table = try BalanceCSV.read(fixed)
                let o = try table.column("origin"), d = try table.column("destination")
                for row in table.rows {
                    let i = try table.region(row, o, index), j = try table.region(row, d, index)
                    mask[i * n + j] = true
                }
            }
            let result: BalancingResult
            if method == .ras {
                let dep = try BalanceCSV.regionValues(marginTable, "departures", index)
                let arr = try BalanceCSV.regionValues(marginTable, "arrivals", index)
                result = try BalanceCSV.explain(margins!) {
                    try RASBalancer.balance(matrix, rowTargets: dep, columnTargets: arr, fixed: mask, options: options)
                }
            } else {
                let net = try BalanceCSV.regionValues(marginTable, "net", index, allowNegative: true)
                result = try BalanceCSV.explain(margins!) {
                    try NetMigrationBalancer.balance(matrix, netTargets: net, fixed: mask, options: options)
                }
            }
            guard result.converged else {
                throw BalanceInputError("did not converge: maximal relative margin error \(result.maxRelativeError) after "
                                        + "\(result.iterations) sweeps (tolerance \(tolerance)); the margins may be "
                                        + "unreachable with this pattern of zero cells")
            }
            files.append((output, .stream { w in
                // origin,destination,migrants for all n² cells, row by row.
                let labels = CSVFieldBytes(names)
                w.write("origin,destination,migrants\n")
                result.values.withUnsafeBufferPointer { v in
                    for i in 0..<n {
                        for j in 0..<n {
                            labels.write(i, to: w); labels.write(j, to: w)
                            w.write(v[i * n + j]); w.write(byte: 10)
                        }
                    }
                }
            }))
            report += "sweeps: \(result.iterations)\nmaximal relative margin error: \(result.maxRelativeError)\n"
            report += "fixed cells: \(mask.filter { $0 }.count)\n"
            report += "cells the margins force to zero (fixed at zero before the sweeps): \(result.forcedZeroCells)\n"
            let balanced = Matrix(rows: n, columns: n, storage: result.values)
            if let dir = statistics {
                files.append((dir + "/region_statistics.csv", .text(FlowStatistics.regionTableCSV(
                    RegionFlowStatistics(flows: balanced, includeInternal: false), names: names))))
                files.append((dir + "/attraction_shares.csv", .text(FlowStatistics.attractionTableCSV(balanced, names: names))))
            }
        case .ageSplit:
            let table = try BalanceCSV.read(ageMargins!)
            let (groups, dep, arr) = try BalanceCSV.ageMargins(table, index)
            let widths = try parsedBandWidths()
            guard widths.count == groups.count - 1 else {
                throw ValidationError("--band-widths: \(ageMargins!) has \(groups.count) age groups, so \(groups.count - 1) "
                                      + "band widths are needed, got \(widths.count)")
            }
            let config = AgeSplitConfiguration(groups: groups.count, bandWidths: widths, balancing: options)
            let result = try BalanceCSV.explain(ageMargins!) {
                try AgeSplitEstimator.estimate(flows: matrix, departures: dep, arrivals: arr, configuration: config)
            }
            guard result.balancing.converged else {
                throw BalanceInputError("age-split RAS step did not converge: maximal relative margin error "
                                        + "\(result.balancing.maxRelativeError) after \(result.balancing.iterations) sweeps")
            }
            let k = groups.count
            files.append((output, .stream { w in
                // One row per non-zero cell of the k·n × k·n matrix: region and age group of both ends.
                let regions = CSVFieldBytes(names), ages = CSVFieldBytes(groups)
                w.write("origin,origin_age_group,destination,destination_age_group,migrants\n")
                for r in 0..<(n * k) {
                    for c in 0..<(n * k) where result.q[r, c] != 0 {
                        regions.write(r / k, to: w); ages.write(r % k, to: w)
                        regions.write(c / k, to: w); ages.write(c % k, to: w)
                        w.write(result.q[r, c]); w.write(byte: 10)
                    }
                }
            }))
            let perFlow = result.relativeErrors.storage.filter { $0.isFinite }
            report += "age groups: \(groups.joined(separator: ", ")); band widths: \(widths)\n"
            report += "RAS sweeps: \(result.balancing.iterations), maximal relative margin error: \(result.balancing.maxRelativeError)\n"
            report += "ageing and other cells the margins force to zero (fixed at zero before the sweeps): \(result.balancing.forcedZeroCells)\n"
            report += "weighted mean relative error of aggregated flows vs input: \(result.weightedMeanError * 100)%\n"
            report += "maximal per-flow relative error: \((perFlow.max() ?? 0) * 100)%\n"
            if let dir = statistics {
                let aggregated = result.aggregated
                files.append((dir + "/region_statistics.csv", .text(FlowStatistics.regionTableCSV(
                    RegionFlowStatistics(flows: aggregated, includeInternal: false), names: names))))
                files.append((dir + "/attraction_shares.csv", .text(FlowStatistics.attractionTableCSV(aggregated, names: names))))
                files.append((dir + "/age_group_ranks.csv", .text(FlowStatistics.groupRanksCSV(
                    result.q, groups: k, names: names, groupNames: groups))))
                files.append((dir + "/flow_errors.csv", .stream { w in
                    let labels = CSVFieldBytes(names)
                    w.write("origin,destination,input,estimate,relative_error_percent\n")
                    for a in 0..<n {
                        for b in 0..<n {
                            labels.write(a, to: w); labels.write(b, to: w)
                            w.write(matrix[a, b]); w.write(byte: 44); w.write(aggregated[a, b]); w.write(byte: 44)
                            w.write(result.relativeErrors[a, b] * 100); w.write(byte: 10)
                        }
                    }
                }))
            }
        }
        if let summary { files.append((summary, .text(report))) }
        try AtomicWriter.write(files)
        if summary == nil { try Output.standardOutput(report) }
    }
}

/// An input problem of `migsim balance`, already phrased for the user (file:line:column: what was expected).
struct BalanceInputError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// The inputs of `migsim balance`, tokenized by DataIO's CSV reader (CSV.swift underneath: quoted
/// fields, doubled quotes, CRLF; errors located by file, line and column); this type adds the
/// balance command's own checks on regions and numbers.
struct BalanceCSV {
    struct Row { let line: Int; let fields: [String] }
    let path: String
    let header: [String]
    let rows: [Row]

    static func read(_ path: String) throws -> BalanceCSV {
        let table = try CSVTable.read(URL(fileURLWithPath: path))
        let rows = zip(table.lines, table.rows).map { Row(line: $0, fields: $1) }
        return BalanceCSV(path: path, header: table.header, rows: rows)
    }

    /// Index of a required header column.
    func column(_ name: String) throws -> Int {
        guard let k = header.firstIndex(of: name) else {
            throw BalanceInputError("\(path):1: missing column '\(name)'; the header is \(header.joined(separator: ","))")
        }
        return k
    }

    func number(_ row: Row, _ k: Int, allowNegative: Bool = false) throws -> Double {
        let text = row.fields[k].trimmingCharacters(in: .whitespaces)
        guard let v = Double(text), v.isFinite, allowNegative || v >= 0 else {
            throw Self.badNumber(path, line: row.line, column: k, header: header, text: text, allowNegative: allowNegative)
        }
        return v
    }

    /// "file:line:column: name is 'text'; expected a finite[, non-negative] number" (`column` 0-based).
    static func badNumber(_ path: String, line: Int, column k: Int, header: [String], text: String,
                          allowNegative: Bool) -> BalanceInputError {
        BalanceInputError("\(path):\(line):\(k + 1): \(header[k]) is '\(text)'; expected a finite"
                          + (allowNegative ? "" : ", non-negative") + " number")
    }

    static func emptyRegion(_ path: String, line: Int, column k: Int, header: [String]) -> BalanceInputError {
        BalanceInputError("\(path):\(line):\(k + 1): empty \(header[k]); expected a region name")
    }

    static func tooFewRegions(_ path: String, period: String?, found: Int) -> BalanceInputError {
        BalanceInputError("\(path): expected flows between at least 2 regions"
                          + (period.map { " in period '\($0)'" } ?? "") + ", found \(found)")
    }

    func region(_ row: Row, _ k: Int, _ index: [String: Int]) throws -> Int {
        let name = row.fields[k].trimmingCharacters(in: .whitespaces)
        guard let i = index[name] else {
            throw BalanceInputError("\(path):\(row.line):\(k + 1): region '\(name)' does not occur in the flows file")
        }
        return i
    }

    /// Regions in order of first appearance and the summed flow matrix, from a table read whole
    /// (`streamFlowMatrix` gives the same from the file without holding its rows).
    static func flowMatrix(_ t: BalanceCSV, period: String?) throws -> ([String], Matrix) {
        let o = try t.column("origin"), d = try t.column("destination"), m = try t.column("migrants")
        let p = period == nil ? nil : try t.column("period")
        var names: [String] = [], index: [String: Int] = [:], triples: [(Int, Int, Double)] = []
        func id(_ s: String) -> Int {
            if let i = index[s] { return i }
            index[s] = names.count; names.append(s); return names.count - 1
        }
        for row in t.rows {
            if let p, let period, !row.fields[p].trimmingCharacters(in: .whitespaces).hasPrefix(period) { continue }
            for k in [o, d] where row.fields[k].trimmingCharacters(in: .whitespaces).isEmpty {
                throw emptyRegion(t.path, line: row.line, column: k, header: t.header)
            }
            let v = try t.number(row, m)
            triples.append((id(row.fields[o].trimmingCharacters(in: .whitespaces)),
                            id(row.fields[d].trimmingCharacters(in: .whitespaces)), v))
        }
        guard names.count >= 2 else { throw tooFewRegions(t.path, period: period, found: names.count) }
        var matrix = Matrix(rows: names.count, columns: names.count)
        for (i, j, v) in triples { matrix[i, j] += v }
        return (names, matrix)
    }

    /// One value per region from a column of a margins file; every region exactly once.
    static func regionValues(_ t: BalanceCSV, _ name: String, _ index: [String: Int], allowNegative: Bool = false) throws -> [Double] {
        let r = try t.column("region"), c = try t.column(name)
        var values = [Double?](repeating: nil, count: index.count)
        for row in t.rows {
            let i = try t.region(row, r, index)
            guard values[i] == nil else { throw BalanceInputError("\(t.path):\(row.line):\(r + 1): region '\(row.fields[r])' appears twice") }
            values[i] = try t.number(row, c, allowNegative: allowNegative)
        }
        if let missing = index.first(where: { values[$0.value] == nil }) {
            throw BalanceInputError("\(t.path): no row for region '\(missing.key)' of the flows file")
        }
        return values.map { $0! }
    }

    /// Age groups (in order of first appearance) and the n×k departures and arrivals.
    static func ageMargins(_ t: BalanceCSV, _ index: [String: Int]) throws -> ([String], Matrix, Matrix) {
        let r = try t.column("region"), g = try t.column("age_group")
        let dc = try t.column("departures"), ac = try t.column("arrivals")
        var groups: [String] = []
        for row in t.rows where !groups.contains(row.fields[g]) { groups.append(row.fields[g]) }
        guard groups.count >= 1 else { throw BalanceInputError("\(t.path): no age-group rows") }
        var dep = Matrix(rows: index.count, columns: groups.count, repeating: .nan), arr = dep
        for row in t.rows {
            let i = try t.region(row, r, index), k = groups.firstIndex(of: row.fields[g])!
            guard dep[i, k].isNaN else {
                throw BalanceInputError("\(t.path):\(row.line):\(g + 1): region '\(row.fields[r])', group '\(row.fields[g])' appears twice")
            }
            dep[i, k] = try t.number(row, dc)
            arr[i, k] = try t.number(row, ac)
        }
        for (name, i) in index { for k in groups.indices where dep[i, k].isNaN {
            throw BalanceInputError("\(t.path): no row for region '\(name)', age group '\(groups[k])'")
        } }
        return (groups, dep, arr)
    }

    /// Runs a balancer and prefixes its infeasibility errors with the margins file they concern.
    static func explain<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as BalancingError {
            throw BalanceInputError("\(file): \(e.description)")
        }
    }

    static func field(_ s: String) -> String { CSVTableWriter.quote(s) }
}
