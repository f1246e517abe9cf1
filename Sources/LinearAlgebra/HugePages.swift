#if canImport(Glibc)
import Glibc
#endif

/// Transparent huge pages for large fresh buffers: on Linux, madvise(MADV_HUGEPAGE) asks the kernel
/// to back the buffer's whole 2 MiB-aligned stretches with 2 MiB pages, so that writing a 72 MB
/// result costs ~36 page faults instead of ~18,000 (NumPy asks the same for its large arrays).
/// Only advice: without huge pages (another system, THP off) nothing changes but the speed.
public enum HugePages {
    /// Advises huge pages for the 2 MiB-aligned part of `buffer`, when it spans at least 8 MiB.
    public static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard buffer.count >= 4 * huge, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// An array of `count` values that `fill` initializes, every one of them; its storage is advised first.
    public static func array<T>(count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            fill(buffer)
            initialized = count
        }
    }
}
