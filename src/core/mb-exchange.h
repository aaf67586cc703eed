/* mb-exchange.h – the JSON exchange format: validate, import (merge), export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-import-report.h"
#include "mb-problem-list.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_EXCHANGE_ERROR (mb_exchange_error_quark ())

typedef enum
{
  MB_EXCHANGE_ERROR_INVALID,  /* the file has problems, listed in the MbProblemList */
  MB_EXCHANGE_ERROR_IO,       /* the file could not be read or written */
  MB_EXCHANGE_ERROR_EXPORT,   /* the library holds a value the format cannot carry */
} MbExchangeError;

/* Larger files are refused before they are read. The importer keeps a
 * text as a 32-bit offset into the file (mb-exchange-private.h), which sets
 * the bound: 4 GiB, a library some twelve times design.md's large one. A
 * regular file is mapped, not copied, so the import's memory stays under
 * 3× the file (README, "Performance"); standard input is read into memory. */
#define MB_EXCHANGE_MAX_FILE_SIZE ((gsize) G_MAXUINT32)
#define MB_EXCHANGE_MAX_DEPTH 64

typedef enum
{
  MB_IMPORT_NONE        = 0,
  /* In a conflict (changed in the library since the file's version and
   * different), take the file's version instead of keeping the library's. */
  MB_IMPORT_PREFER_FILE = 1 << 0,
} MbImportFlags;

GQuark          mb_exchange_error_quark   (void);

/* Reads at most @max_size bytes of @path ("-" = standard input), refusing a
 * larger file before reading it whole. */
GBytes         *mb_exchange_read_file     (const char     *path,
                                           gsize           max_size,
                                           GError        **error);

/* Checks a file without writing anything: the JSON itself, the format, and
 * its references, which must resolve within the file or, if @store is not
 * NULL, within the file and that library. @problems receives every problem;
 * @error says MB_EXCHANGE_ERROR_INVALID with the first one. */
gboolean        mb_exchange_validate_data (MbStore        *store,
                                           const char     *file_name,
                                           const char     *data,
                                           gsize           length,
                                           MbProblemList  *problems,
                                           GError        **error);
gboolean        mb_exchange_validate_file (MbStore        *store,
                                           const char     *path,
                                           MbProblemList  *problems,
                                           GError        **error);

/* Merges the file into the library by UUID, as one action and one undo step
 * ("Import “file.json”"): new entities are added, changed ones updated,
 * unchanged ones skipped. An entity whose library version is newer
 * ("modified") than the file's and differs is a conflict: the library keeps
 * its version unless @flags has MB_IMPORT_PREFER_FILE. Nothing is deleted.
 * All or nothing: a file with any problem changes nothing. */
MbImportReport *mb_exchange_import_data   (MbStore        *store,
                                           const char     *file_name,
                                           const char     *data,
                                           gsize           length,
                                           MbImportFlags   flags,
                                           MbProblemList  *problems,
                                           GError        **error);
MbImportReport *mb_exchange_import_file   (MbStore        *store,
                                           const char     *path,
                                           MbImportFlags   flags,
                                           MbProblemList  *problems,
                                           GError        **error);

/* The whole library in the exchange format: deterministic, pretty-printed,
 * tables in format order, rows by primary key, keys in column order. */
GBytes         *mb_exchange_export        (MbStore        *store,
                                           GError        **error);
/* Writes the export atomically: a failed export leaves no half file.
 * @path "-" writes to standard output. */
gboolean        mb_exchange_export_file   (MbStore        *store,
                                           const char     *path,
                                           GError        **error);

G_END_DECLS
