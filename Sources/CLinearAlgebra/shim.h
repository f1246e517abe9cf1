// System BLAS and LAPACKE headers (Debian: libopenblas-dev, liblapacke-dev), and glibc's
// allocator controls (mallopt, for AllocatorTuning).
#include <cblas.h>
#include <lapacke.h>
#if defined(__linux__)
#include <malloc.h>
#endif
