import LinearAlgebra

/// The (origin, destination, migrants) cells of a flows file in file order, kept in blocks of
/// 65,536 so that appending millions never copies what is stored (16 bytes a cell), and summed
/// into the n×n matrix M_ij = Σ migrants of the cells (i, j), adding in file order.
struct FlowCells {
    private struct Cell { var origin: Int32; var destination: Int32; var value: Double }
    private static let blockSize = 1 << 16
    private var blocks: [[Cell]] = []

    mutating func append(origin: Int, destination: Int, value: Double) {
        if blocks.isEmpty || blocks[blocks.count - 1].count == Self.blockSize {
            blocks.append([])
            blocks[blocks.count - 1].reserveCapacity(Self.blockSize)
        }
        blocks[blocks.count - 1].append(Cell(origin: Int32(origin), destination: Int32(destination), value: value))
    }

    /// The n×n matrix of summed cells (every index < n); its storage on huge pages where the system has them.
    func summed(n: Int) -> Matrix {
        var matrix = Matrix(rows: n, columns: n, storage: HugePages.array(count: n * n) { $0.initialize(repeating: 0) })
        matrix.storage.withUnsafeMutableBufferPointer { x in
            for block in blocks {
                for c in block { x[Int(c.origin) * n + Int(c.destination)] += c.value }
            }
        }
        return matrix
    }
}
