#ifndef OVERBLIK_CSQLITE_SHIM_H
#define OVERBLIK_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer: not importable into Swift.
static inline sqlite3_destructor_type overblik_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic: wrap the one call we need.
static inline int overblik_sqlite_enable_load_extension(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, on, (int *)0);
}

/// sqlite3_config is variadic: turns off SQLite's memory statistics, which take a global mutex on
/// every allocation. Must run before SQLite initialises (else SQLITE_MISUSE, harmless).
static inline int overblik_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#ifdef __linux__
#include <sys/types.h>
/// Declared here: glibc declares it only with _GNU_SOURCE.
extern int sync_file_range(int fd, __off64_t offset, __off64_t nbytes, unsigned int flags);
/// Starts writing back file `fd`'s dirty pages without waiting for them (SYNC_FILE_RANGE_WRITE).
static inline int overblik_start_writeback(int fd) { return sync_file_range(fd, 0, 0, 2); }
#else
static inline int overblik_start_writeback(int fd) { (void)fd; return 0; }
#endif
#endif
