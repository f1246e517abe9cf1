#ifndef MIGSIM_CFILESYSTEM_H
#define MIGSIM_CFILESYSTEM_H

/// Atomically exchanges two existing paths (files or folders) on the same file system:
/// renameat2(2) with RENAME_EXCHANGE (Linux ≥ 3.15, glibc ≥ 2.28). Returns 0, or −1 with errno set
/// (EINVAL or ENOSYS where the file system or kernel does not support the exchange).
int migsim_exchange_paths(const char *first, const char *second);

#endif
