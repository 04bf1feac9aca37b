#ifndef OVERBLIK_WRITE_COALESCING_H
#define OVERBLIK_WRITE_COALESCING_H

/// The name of the VFS that `overblik_write_coalescing_register` registers: SQLite's default VFS
/// with the main database file's page writes gathered into larger writes while a connection asks
/// for it (see write_coalescing.c).
#define OVERBLIK_COALESCING_VFS "overblik-coalescing"

/// The file-control opcode that turns the gathering on (`*(int *)arg` > 0: a buffer of that many
/// bytes) or off (0: the gathered pages are written first; the result is that write's).
#define OVERBLIK_FCNTL_COALESCE_WRITES 0x4F424C01

/// Registers the VFS once (thread-safe; later calls return the first result). Returns an SQLite
/// result code.
int overblik_write_coalescing_register(void);

#endif
