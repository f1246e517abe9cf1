import Foundation

/// Numbers distinct names 0, 1, 2, … in order of first appearance, looked up by their UTF-8 bytes,
/// so that a file of millions of rows naming a few thousand places makes one `String` per distinct
/// spelling, not one per row.
///
/// Two spellings are the same name exactly when Swift's `String ==` says so (canonical equivalence,
/// as a `[String: Int]` index would decide): a new byte sequence is looked up as a `String` once and,
/// if equal to a known name, kept as another spelling of it. Byte lookups use an open-addressing
/// table with FNV-1a hashes, h = (h ⊕ b)·1099511628211 over the bytes, at load ≤ ½.
public struct NameIndex {
    /// The names, in order of first appearance.
    public private(set) var names: [String] = []
    private var byName: [String: Int] = [:]
    /// Every distinct spelling: its bytes in `arena` [start, start + length), its hash and name index.
    private var arena: [UInt8] = []
    private var spellingStart: [Int] = [], spellingLength: [Int] = [], spellingHash: [UInt64] = [], spellingName: [Int] = []
    /// Spelling number + 1 per slot, 0 for an empty slot; the count is a power of two.
    private var slots: [Int32] = [Int32](repeating: 0, count: 1024)

    public init() {}

    public var count: Int { names.count }

    /// The index of the name spelled by `bytes` (UTF-8), adding it when new.
    public mutating func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 14_695_981_039_346_656_037
        for b in bytes { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 {
            let k = Int(slots[s]) - 1
            if spellingHash[k] == h && spellingLength[k] == bytes.count && equal(k, bytes) { return spellingName[k] }
            s = (s + 1) & mask
        }
        let name = String(decoding: bytes, as: UTF8.self)
        let index: Int
        if let known = byName[name] {
            index = known
        } else {
            index = names.count
            names.append(name)
            byName[name] = index
        }
        spellingStart.append(arena.count); spellingLength.append(bytes.count)
        spellingHash.append(h); spellingName.append(index)
        arena.append(contentsOf: bytes)
        slots[s] = Int32(spellingHash.count)
        if 2 * spellingHash.count > slots.count { grow() }
        return index
    }

    /// The index of a name given as a `String` (the same rules), adding it when new.
    public mutating func index(of name: String) -> Int {
        var name = name
        return name.withUTF8 { index(of: $0) }
    }

    private func equal(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = bytes.baseAddress else { return true }   // both empty (lengths are equal)
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + spellingStart[k], b, bytes.count) == 0 }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: 2 * slots.count)
        let mask = bigger.count - 1
        for k in spellingHash.indices {
            var s = Int(truncatingIfNeeded: spellingHash[k]) & mask
            while bigger[s] != 0 { s = (s + 1) & mask }
            bigger[s] = Int32(k + 1)
        }
        slots = bigger
    }
}
