import CLinearAlgebra

/// Keeps glibc's allocator from handing megabyte-sized blocks back to the kernel between uses.
///
/// A training step allocates and frees dozens of tensors of a few MB each (at n = 3,100 and 97
/// collocation points, one N×n tensor is 2.4 MB). By default glibc serves blocks above its mmap
/// threshold with fresh `mmap`s and returns the top of the heap above 128 KiB with `brk`, so every
/// step pays the kernel to zero those pages again: measured on `migsim-bench fit-scale 3100 40 4`
/// (2026-12-04), half of a step's CPU time was system time in page faults. Raising the mmap threshold
/// to 32 MiB (glibc's maximum) and the trim threshold to 1 GiB keeps freed blocks in the heap for the
/// next step. The same run with large thresholds set through glibc's environment variables
/// (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`) went from 0.104 to 0.052 s per step (system
/// time over the run 2.27 → 0.06 s). Memory use peaks where it would have anyway.
///
/// Process-wide by nature (`mallopt`): the executables call it once at start, before any work.
public enum AllocatorTuning {
    public static func keepLargeBlocks() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }
}
