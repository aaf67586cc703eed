/* mb-store-lock-private.h – SQLite's file locks as open-file-description locks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <glib.h>

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

G_END_DECLS
