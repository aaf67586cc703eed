/* mb-store-lock-private.h – SQLite's file locks as open-file-description locks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "mb-store.h"

G_BEGIN_DECLS

/* Whether SQLite locks through Linux open-file-description locks, which a
 * stray close () elsewhere in the process cannot drop (mb-store-lock.c says
 * why and how). They are set up before main (); this only reports it. */
gboolean     _mb_store_lock_ensure       (void);

/* The identity (device and inode) of the library's files as the store opened
 * them, to notice them deleted or replaced under it. */
typedef struct
{
  dev_t    dev;
  ino_t    ino;
  gboolean known;
} MbFileId;

typedef struct
{
  MbFileId library;
  MbFileId wal;
  MbFileId shm;
} MbStoreFiles;

/* Records what @path, @path-wal and @path-shm are now (those that exist). */
void         _mb_store_files_record      (MbStoreFiles      *files,
                                          const char        *path);
/* Fails with MB_STORE_ERROR_LIBRARY_GONE if one of the recorded files was
 * deleted or replaced since; records the WAL and -shm if they were not yet.
 * Sets *@wal_lost if it was the WAL that went. */
gboolean     _mb_store_files_check       (MbStoreFiles      *files,
                                          const char        *path,
                                          gboolean          *wal_lost,
                                          GError           **error);

/* A read-only connection of its own to the library at @path, for a thread
 * (a connection is not shared between threads; in WAL mode a reader holds
 * up nobody), if @path is still the file of @files (a copy of the store's:
 * checking records the journal if it was not yet known). It gives up
 * waiting for another process's lock, and stops within a thousand
 * instructions, once @cancellable is cancelled. */
sqlite3     *_mb_store_open_reader       (const char        *path,
                                          MbStoreFiles      *files,
                                          GCancellable      *cancellable,
                                          GError           **error);

/* The file of @self's library a thread may read with _mb_store_open_reader(),
 * with its files as the store opened them in @files; NULL for a library
 * another connection cannot share (in memory, or not in WAL mode, where a
 * reader would hold up the writer). */
const char  *_mb_store_get_reader_file   (MbStore           *self,
                                          MbStoreFiles      *files);

G_END_DECLS
