// A VFS shim that gathers SQLite's page writes to the main database file into larger writes.
//
// SQLite writes every page with its own pwrite: when a large transaction's page cache spills, and
// at the commit. A bulk import appends pages, so most of those writes continue the one before, and
// on Linux a 4 KiB write into a new file costs several times the CPU per byte of a 64 KiB one
// (page-cache folio, delayed allocation, LRU). While a connection turns it on (file control
// OVERBLIK_FCNTL_COALESCE_WRITES, only for a rollback-journal transaction on the main file), whole
// page writes go into a window keyed by offset (a rewrite replaces the held page, a read of a held
// page is answered from it). The window is written in offset order, each run of consecutive pages
// in one call, when it is full and before anything that could observe the file: a read it cannot
// answer, a size query, a truncate, a sync, a lock change, a memory map fetch, a file control other
// than a few that read nothing, the close. The commit's xSync therefore writes the window before it
// syncs, and durability is unchanged. A failed write is reported to the operation that triggered
// it (an error, so SQLite rolls back; the pages it held were new or are restored from the journal).
//
// Every other file (journals, the log, temporary files) and every file while the gathering is off
// passes straight through to the default VFS. Written for Overblik; names and structure follow
// SQLite's documented VFS interface (sqlite3_vfs, sqlite3_io_methods).

#include "write_coalescing.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct CoalescingFile {
    sqlite3_file base;
    sqlite3_file *real;
    // The window: `count` pages of `pageSize` bytes, page `i` at `pages + i * pageSize`, to be
    // written at file offset `offsets[i]`; `table` finds a page's slot by its offset (open
    // addressing, slot + 1, 0 for empty). `low` and `high` bound the window's offsets.
    unsigned char *pages;
    sqlite3_int64 *offsets;
    int *table;
    struct Pending { sqlite3_int64 offset; int slot; } *sorted;
    unsigned char *run;
    int pageSize, slots, count, tableMask;
    sqlite3_int64 low, high;
    /// Bytes of window asked for (OVERBLIK_FCNTL_COALESCE_WRITES); 0: off.
    int wanted;
} CoalescingFile;

/// The longest run written in one call: SQLite's unix VFS writes at most 128 KiB - 1 bytes a call
/// (it masks the length).
#define MAX_RUN 0x1ffff

static sqlite3_vfs coalescingVFS;
static sqlite3_io_methods coalescingMethods;

static unsigned hashOffset(const CoalescingFile *p, sqlite3_int64 offset) {
    return (unsigned)((sqlite3_uint64)(offset / p->pageSize) * 2654435761u);
}

/// The slot holding the page at `offset`, or -1.
static int lookup(const CoalescingFile *p, sqlite3_int64 offset) {
    for (unsigned h = hashOffset(p, offset) & p->tableMask;; h = (h + 1) & p->tableMask) {
        int entry = p->table[h];
        if (entry == 0) return -1;
        if (p->offsets[entry - 1] == offset) return entry - 1;
    }
}

static int byOffset(const void *a, const void *b) {
    sqlite3_int64 x = ((const struct Pending *)a)->offset, y = ((const struct Pending *)b)->offset;
    return x < y ? -1 : x > y;
}

/// Writes the window's pages in offset order, each run of consecutive pages in one call, and
/// empties it. On a failed write the rest is dropped and the error returned (SQLite then rolls back).
static int flushWindow(CoalescingFile *p) {
    if (p->count == 0) return SQLITE_OK;
    int n = p->count, ps = p->pageSize, rc = SQLITE_OK;
    for (int i = 0; i < n; i++) p->sorted[i] = (struct Pending){p->offsets[i], i};
    qsort(p->sorted, (size_t)n, sizeof(p->sorted[0]), byOffset);
    for (int i = 0; i < n && rc == SQLITE_OK;) {
        int j = i + 1;
        while (j < n && p->sorted[j].offset == p->sorted[j - 1].offset + ps && (j - i + 1) * ps <= MAX_RUN) j++;
        // Pages that came in offset order lie in consecutive slots: written from where they are.
        int inPlace = 1;
        for (int k = i + 1; k < j && inPlace; k++) inPlace = p->sorted[k].slot == p->sorted[k - 1].slot + 1;
        if (inPlace) {
            rc = p->real->pMethods->xWrite(p->real, p->pages + (size_t)p->sorted[i].slot * ps, (j - i) * ps, p->sorted[i].offset);
        } else {
            for (int k = i; k < j; k++) memcpy(p->run + (size_t)(k - i) * ps, p->pages + (size_t)p->sorted[k].slot * ps, (size_t)ps);
            rc = p->real->pMethods->xWrite(p->real, p->run, (j - i) * ps, p->sorted[i].offset);
        }
        i = j;
    }
    p->count = 0;
    memset(p->table, 0, sizeof(int) * (size_t)(p->tableMask + 1));
    return rc;
}

static void freeWindow(CoalescingFile *p) {
    free(p->pages); free(p->offsets); free(p->table); free(p->sorted); free(p->run);
    p->pages = NULL; p->offsets = NULL; p->table = NULL; p->sorted = NULL; p->run = NULL;
    p->slots = 0; p->count = 0; p->pageSize = 0;
}

/// Sets up a window of `bytes` for pages of `pageSize` bytes (after the window is flushed).
static int allocateWindow(CoalescingFile *p, int bytes, int pageSize) {
    int slots = bytes / pageSize;
    if (slots < 2) return SQLITE_OK;
    int tableSize = 1;
    while (tableSize < 2 * slots) tableSize <<= 1;
    p->pages = malloc((size_t)slots * pageSize);
    p->offsets = malloc(sizeof(sqlite3_int64) * (size_t)slots);
    p->table = calloc((size_t)tableSize, sizeof(int));
    p->sorted = malloc(sizeof(p->sorted[0]) * (size_t)slots);
    p->run = malloc(MAX_RUN);
    if (!p->pages || !p->offsets || !p->table || !p->sorted || !p->run) { freeWindow(p); return SQLITE_NOMEM; }
    p->slots = slots;
    p->tableMask = tableSize - 1;
    p->pageSize = pageSize;
    p->count = 0;
    return SQLITE_OK;
}

static int xClose(sqlite3_file *f) {
    CoalescingFile *p = (CoalescingFile *)f;
    int flushed = flushWindow(p);
    freeWindow(p);
    int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
    return flushed != SQLITE_OK ? flushed : rc;
}

static int xRead(sqlite3_file *f, void *out, int amount, sqlite3_int64 offset) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (p->count > 0 && offset < p->high && offset + amount > p->low) {
        if (amount == p->pageSize && offset % p->pageSize == 0) {
            // A whole page: from the window if it is there; else it overlaps none of the window's pages.
            int slot = lookup(p, offset);
            if (slot >= 0) {
                memcpy(out, p->pages + (size_t)slot * p->pageSize, (size_t)amount);
                return SQLITE_OK;
            }
        } else {
            int rc = flushWindow(p);
            if (rc != SQLITE_OK) return rc;
        }
    }
    return p->real->pMethods->xRead(p->real, out, amount, offset);
}

static int xWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (p->wanted > 0 && p->slots == 0 && amount >= 512 && (amount & (amount - 1)) == 0 && offset % amount == 0) {
        // The first page written since the gathering was turned on gives the page size.
        if (allocateWindow(p, p->wanted, amount) != SQLITE_OK) p->wanted = 0;
    }
    if (p->slots > 0 && amount == p->pageSize && offset % p->pageSize == 0) {
        int slot = lookup(p, offset);
        if (slot < 0) {
            if (p->count == p->slots) {
                int rc = flushWindow(p);
                if (rc != SQLITE_OK) return rc;
            }
            if (p->count == 0) { p->low = offset; p->high = offset + amount; }
            if (offset < p->low) p->low = offset;
            if (offset + amount > p->high) p->high = offset + amount;
            slot = p->count++;
            p->offsets[slot] = offset;
            unsigned h = hashOffset(p, offset) & p->tableMask;
            while (p->table[h] != 0) h = (h + 1) & p->tableMask;
            p->table[h] = slot + 1;
        }
        memcpy(p->pages + (size_t)slot * p->pageSize, data, (size_t)amount);
        return SQLITE_OK;
    }
    // Not a whole page of the window's size: everything gathered goes first, in order.
    int rc = flushWindow(p);
    if (rc != SQLITE_OK) return rc;
    return p->real->pMethods->xWrite(p->real, data, amount, offset);
}

#define FLUSH_THEN(call) \
    CoalescingFile *p = (CoalescingFile *)f; \
    int flushed = flushWindow(p); \
    if (flushed != SQLITE_OK) return flushed; \
    return call;

static int xTruncate(sqlite3_file *f, sqlite3_int64 size) { FLUSH_THEN(p->real->pMethods->xTruncate(p->real, size)) }
static int xSync(sqlite3_file *f, int flags) { FLUSH_THEN(p->real->pMethods->xSync(p->real, flags)) }
static int xFileSize(sqlite3_file *f, sqlite3_int64 *size) { FLUSH_THEN(p->real->pMethods->xFileSize(p->real, size)) }
static int xLock(sqlite3_file *f, int level) { FLUSH_THEN(p->real->pMethods->xLock(p->real, level)) }
static int xUnlock(sqlite3_file *f, int level) { FLUSH_THEN(p->real->pMethods->xUnlock(p->real, level)) }

static int xCheckReservedLock(sqlite3_file *f, int *out) {
    CoalescingFile *p = (CoalescingFile *)f;
    return p->real->pMethods->xCheckReservedLock(p->real, out);
}

// File controls that neither read the file nor depend on what it holds: the size hint comes with
// every spilled page that grows the file, so flushing on it would undo the gathering.
static int observesNothing(int op) {
    switch (op) {
    case SQLITE_FCNTL_SIZE_HINT: case SQLITE_FCNTL_BUSYHANDLER: case SQLITE_FCNTL_HAS_MOVED:
    case SQLITE_FCNTL_PDB: case SQLITE_FCNTL_LOCKSTATE: case SQLITE_FCNTL_SYNC_OMITTED:
    case SQLITE_FCNTL_VFSNAME: case SQLITE_FCNTL_VFS_POINTER: case SQLITE_FCNTL_FILE_POINTER:
        return 1;
    default:
        return 0;
    }
}

static int xFileControl(sqlite3_file *f, int op, void *arg) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (op == OVERBLIK_FCNTL_COALESCE_WRITES) {
        // `*(int *)arg` bytes of window for pages of the size of the next write: set up at that
        // write (the file's page size is SQLite's to know); 0 turns the gathering off.
        int rc = flushWindow(p);
        freeWindow(p);
        p->wanted = *(int *)arg > 0 ? *(int *)arg : 0;
        return rc;
    }
    if (!observesNothing(op)) {
        int flushed = flushWindow(p);
        if (flushed != SQLITE_OK) return flushed;
    }
    return p->real->pMethods->xFileControl(p->real, op, arg);
}

static int xSectorSize(sqlite3_file *f) {
    CoalescingFile *p = (CoalescingFile *)f;
    return p->real->pMethods->xSectorSize(p->real);
}

static int xDeviceCharacteristics(sqlite3_file *f) {
    CoalescingFile *p = (CoalescingFile *)f;
    return p->real->pMethods->xDeviceCharacteristics(p->real);
}

// Shared memory (version 2) and memory-mapped pages (version 3), where the real file has them:
// the methods table says version 3 for every file, so a call the real file cannot serve fails the
// way SQLite expects of a file without it.
#define HAS(version, method) (p->real->pMethods->iVersion >= (version) && p->real->pMethods->method)

static int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (!HAS(2, xShmMap)) return SQLITE_IOERR_SHMMAP;
    int flushed = flushWindow(p);
    if (flushed != SQLITE_OK) return flushed;
    return p->real->pMethods->xShmMap(p->real, region, size, extend, out);
}

static int xShmLock(sqlite3_file *f, int offset, int n, int flags) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (!HAS(2, xShmLock)) return SQLITE_IOERR_SHMLOCK;
    int flushed = flushWindow(p);
    if (flushed != SQLITE_OK) return flushed;
    return p->real->pMethods->xShmLock(p->real, offset, n, flags);
}

static void xShmBarrier(sqlite3_file *f) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (HAS(2, xShmBarrier)) p->real->pMethods->xShmBarrier(p->real);
}

static int xShmUnmap(sqlite3_file *f, int deleteFlag) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (!HAS(2, xShmUnmap)) return SQLITE_OK;
    int flushed = flushWindow(p);
    if (flushed != SQLITE_OK) return flushed;
    return p->real->pMethods->xShmUnmap(p->real, deleteFlag);
}

static int xFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out) {
    CoalescingFile *p = (CoalescingFile *)f;
    *out = NULL;
    if (!HAS(3, xFetch)) return SQLITE_OK;
    int flushed = flushWindow(p);
    if (flushed != SQLITE_OK) return flushed;
    return p->real->pMethods->xFetch(p->real, offset, amount, out);
}

static int xUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *pointer) {
    CoalescingFile *p = (CoalescingFile *)f;
    if (!HAS(3, xUnfetch)) return SQLITE_OK;
    return p->real->pMethods->xUnfetch(p->real, offset, pointer);
}

static int xOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags) {
    sqlite3_vfs *real = (sqlite3_vfs *)vfs->pAppData;
    CoalescingFile *p = (CoalescingFile *)f;
    memset(p, 0, sizeof(*p));
    p->real = (sqlite3_file *)&p[1];
    int rc = real->xOpen(real, name, p->real, flags, outFlags);
    // SQLite calls xClose only when pMethods is set: set it whenever the real file needs closing.
    if (p->real->pMethods) p->base.pMethods = &coalescingMethods;
    return rc;
}

static int xDelete(sqlite3_vfs *v, const char *n, int s) { sqlite3_vfs *r = v->pAppData; return r->xDelete(r, n, s); }
static int xAccess(sqlite3_vfs *v, const char *n, int f, int *o) { sqlite3_vfs *r = v->pAppData; return r->xAccess(r, n, f, o); }
static int xFullPathname(sqlite3_vfs *v, const char *n, int l, char *o) { sqlite3_vfs *r = v->pAppData; return r->xFullPathname(r, n, l, o); }
static void *xDlOpen(sqlite3_vfs *v, const char *n) { sqlite3_vfs *r = v->pAppData; return r->xDlOpen(r, n); }
static void xDlError(sqlite3_vfs *v, int l, char *o) { sqlite3_vfs *r = v->pAppData; r->xDlError(r, l, o); }
static void (*xDlSym(sqlite3_vfs *v, void *h, const char *s))(void) { sqlite3_vfs *r = v->pAppData; return r->xDlSym(r, h, s); }
static void xDlClose(sqlite3_vfs *v, void *h) { sqlite3_vfs *r = v->pAppData; r->xDlClose(r, h); }
static int xRandomness(sqlite3_vfs *v, int n, char *o) { sqlite3_vfs *r = v->pAppData; return r->xRandomness(r, n, o); }
static int xSleep(sqlite3_vfs *v, int us) { sqlite3_vfs *r = v->pAppData; return r->xSleep(r, us); }
static int xCurrentTime(sqlite3_vfs *v, double *o) { sqlite3_vfs *r = v->pAppData; return r->xCurrentTime(r, o); }
static int xGetLastError(sqlite3_vfs *v, int n, char *o) { sqlite3_vfs *r = v->pAppData; return r->xGetLastError(r, n, o); }
static int xCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *o) { sqlite3_vfs *r = v->pAppData; return r->xCurrentTimeInt64(r, o); }
static int xSetSystemCall(sqlite3_vfs *v, const char *n, sqlite3_syscall_ptr p) { sqlite3_vfs *r = v->pAppData; return r->xSetSystemCall(r, n, p); }
static sqlite3_syscall_ptr xGetSystemCall(sqlite3_vfs *v, const char *n) { sqlite3_vfs *r = v->pAppData; return r->xGetSystemCall(r, n); }
static const char *xNextSystemCall(sqlite3_vfs *v, const char *n) { sqlite3_vfs *r = v->pAppData; return r->xNextSystemCall(r, n); }

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int registered = SQLITE_ERROR;

static void registerOnce(void) {
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (!real || real->iVersion < 3) { registered = SQLITE_ERROR; return; }
    coalescingMethods = (sqlite3_io_methods){
        .iVersion = 3, .xClose = xClose, .xRead = xRead, .xWrite = xWrite, .xTruncate = xTruncate,
        .xSync = xSync, .xFileSize = xFileSize, .xLock = xLock, .xUnlock = xUnlock,
        .xCheckReservedLock = xCheckReservedLock, .xFileControl = xFileControl, .xSectorSize = xSectorSize,
        .xDeviceCharacteristics = xDeviceCharacteristics, .xShmMap = xShmMap, .xShmLock = xShmLock,
        .xShmBarrier = xShmBarrier, .xShmUnmap = xShmUnmap, .xFetch = xFetch, .xUnfetch = xUnfetch,
    };
    coalescingVFS = (sqlite3_vfs){
        .iVersion = real->iVersion, .szOsFile = (int)sizeof(CoalescingFile) + real->szOsFile,
        .mxPathname = real->mxPathname, .zName = OVERBLIK_COALESCING_VFS, .pAppData = real,
        .xOpen = xOpen, .xDelete = xDelete, .xAccess = xAccess, .xFullPathname = xFullPathname,
        .xDlOpen = xDlOpen, .xDlError = xDlError, .xDlSym = xDlSym, .xDlClose = xDlClose,
        .xRandomness = xRandomness, .xSleep = xSleep, .xCurrentTime = xCurrentTime,
        .xGetLastError = xGetLastError, .xCurrentTimeInt64 = xCurrentTimeInt64,
        .xSetSystemCall = xSetSystemCall, .xGetSystemCall = xGetSystemCall, .xNextSystemCall = xNextSystemCall,
    };
    registered = sqlite3_vfs_register(&coalescingVFS, 0);
}

int overblik_write_coalescing_register(void) {
    pthread_once(&once, registerOnce);
    return registered;
}
