// Open MPI for Swift (seed 002 §5.2: the asynchronous parallel index method on a cluster).
// MPI's handles (MPI_COMM_WORLD, MPI_DOUBLE, MPI_ANY_SOURCE, …) are macros Swift cannot import, so
// the few calls migsim needs are wrapped here as inline functions of plain C types, all on
// MPI_COMM_WORLD. Each returns MPI's error code (MPI_SUCCESS = 0) unless stated otherwise.
#ifndef MIGSIM_CMPI_SHIM_H
#define MIGSIM_CMPI_SHIM_H
#include <mpi.h>
#include <stdlib.h>

/// MPI_Init_thread with MPI_THREAD_SERIALIZED (migsim identify calls MPI from its worker thread, one
/// thread at a time) unless MPI is already initialized; MPI_ERR_OTHER if that level is not provided.
static inline int migsim_mpi_init(void) {
    int flag = 0, provided = 0;
    MPI_Initialized(&flag);
    if (flag) return MPI_SUCCESS;
    int rc = MPI_Init_thread(NULL, NULL, MPI_THREAD_SERIALIZED, &provided);
    if (rc == MPI_SUCCESS && provided < MPI_THREAD_SERIALIZED) return MPI_ERR_OTHER;
    return rc;
}

/// MPI_Finalize unless already finalized or never initialized.
static inline int migsim_mpi_finalize(void) {
    int initialized = 0, finalized = 0;
    MPI_Initialized(&initialized);
    MPI_Finalized(&finalized);
    if (!initialized || finalized) return MPI_SUCCESS;
    return MPI_Finalize();
}

static inline int migsim_mpi_rank(void) { int r = -1; MPI_Comm_rank(MPI_COMM_WORLD, &r); return r; }
static inline int migsim_mpi_size(void) { int s = 0; MPI_Comm_size(MPI_COMM_WORLD, &s); return s; }
static inline int migsim_mpi_barrier(void) { return MPI_Barrier(MPI_COMM_WORLD); }
static inline int migsim_mpi_any_source(void) { return MPI_ANY_SOURCE; }

/// Non-blocking send of `count` doubles to `dest`; the request is returned through `request`.
/// The buffer must stay alive until the request completes.
static inline int migsim_mpi_isend_doubles(const double *buffer, int count, int dest, int tag, MPI_Request *request) {
    return MPI_Isend(buffer, count, MPI_DOUBLE, dest, tag, MPI_COMM_WORLD, request);
}

/// Non-blocking probe for a message of `tag` from `source` (or migsim_mpi_any_source()); sets
/// *found, and when found the message's source and its count of doubles.
static inline int migsim_mpi_iprobe_doubles(int source, int tag, int *found, int *source_out, int *count_out) {
    MPI_Status status;
    int rc = MPI_Iprobe(source, tag, MPI_COMM_WORLD, found, &status);
    if (rc == MPI_SUCCESS && *found) {
        *source_out = status.MPI_SOURCE;
        rc = MPI_Get_count(&status, MPI_DOUBLE, count_out);
    }
    return rc;
}

/// Blocking probe: waits for a message of `tag` from `source`; returns its count of doubles.
static inline int migsim_mpi_probe_doubles(int source, int tag, int *count_out) {
    MPI_Status status;
    int rc = MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
    if (rc == MPI_SUCCESS) rc = MPI_Get_count(&status, MPI_DOUBLE, count_out);
    return rc;
}

/// Blocking receive of `count` doubles from `source` with `tag`.
static inline int migsim_mpi_recv_doubles(double *buffer, int count, int source, int tag) {
    return MPI_Recv(buffer, count, MPI_DOUBLE, source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

/// Sets *done to 1 when the request has completed (and frees it).
static inline int migsim_mpi_test(MPI_Request *request, int *done) {
    return MPI_Test(request, done, MPI_STATUS_IGNORE);
}

static inline int migsim_mpi_wait(MPI_Request *request) { return MPI_Wait(request, MPI_STATUS_IGNORE); }

/// Every rank sends `send[d]` to rank d and receives rank s's value in `receive[s]`.
static inline int migsim_mpi_alltoall_ints(const int *send, int *receive) {
    return MPI_Alltoall(send, 1, MPI_INT, receive, 1, MPI_INT, MPI_COMM_WORLD);
}

static inline int migsim_mpi_allreduce_sum_long(long value, long *result) {
    return MPI_Allreduce(&value, result, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
}

static inline int migsim_mpi_allreduce_max_int(int value, int *result) {
    return MPI_Allreduce(&value, result, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
}

/// Broadcast of `count` doubles from `root`.
static inline int migsim_mpi_bcast_doubles(double *buffer, int count, int root) {
    return MPI_Bcast(buffer, count, MPI_DOUBLE, root, MPI_COMM_WORLD);
}

#endif
