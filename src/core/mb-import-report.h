/* mb-import-report.h – what an import added, changed, skipped and found in conflict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint added;
  guint changed;    /* updated to the file's version */
  guint unchanged;  /* already the same in the library */
  guint conflicts;  /* changed on both sides; resolved by the stated rule */
} MbImportCounts;

typedef struct _MbImportReport MbImportReport;

MbImportReport       *mb_import_report_new           (gboolean        prefer_file);
void                  mb_import_report_free          (MbImportReport *self);

/* Counts of one table (zeros for a table the file did not touch). */
const MbImportCounts *mb_import_report_get_counts    (MbImportReport *self,
                                                      const char     *table);
MbImportCounts        mb_import_report_get_totals    (MbImportReport *self);
/* One line per conflict: "nodes 1f0c…: the library's version (modified
 * 2026-…) was kept". */
const char * const   *mb_import_report_get_conflicts (MbImportReport *self);
/* A short summary, one line per table with changes, then the conflicts. */
char                 *mb_import_report_format        (MbImportReport *self);

/* For the importer. */
MbImportCounts       *mb_import_report_counts_for    (MbImportReport *self,
                                                      const char     *table);
void                  mb_import_report_add_conflict  (MbImportReport *self,
                                                      const char     *table,
                                                      const char     *id,
                                                      const char     *library_modified,
                                                      const char     *file_modified);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbImportReport, mb_import_report_free)

G_END_DECLS
