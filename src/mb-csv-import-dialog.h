/* mb-csv-import-dialog.h – a preview of a CSV file before its values are recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-catalogue.h"
#include "mb-measurement-csv.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* How many rows the preview lists; the rest are counted. */
#define MB_CSV_IMPORT_PREVIEW_ROWS 200

#define MB_TYPE_CSV_IMPORT_DIALOG (mb_csv_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbCsvImportDialog, mb_csv_import_dialog, MB, CSV_IMPORT_DIALOG,
                      AdwMessageDialog)

/* Shows the rows of @csv as read (and each problem with its row number), how
 * the file was read (encoding, separator, decimal mark) and which column
 * became what; on "Import" records all rows as one undo step and says so in
 * a toast through @toast_target's "win.show-toast". Import is not offered
 * while any row has a problem. Territories are named from @catalogue (may be
 * NULL). Takes ownership of @csv. */
MbCsvImportDialog *mb_csv_import_dialog_new     (GtkWidget        *toast_target,
                                                 MbStore          *store,
                                                 MbCatalogue      *catalogue,
                                                 const char       *indicator_id,
                                                 const char       *indicator_title,
                                                 MbMeasurementCsv *csv,
                                                 const char       *file_name);

/* mb_csv_import_dialog_new() on @parent's window, presented. */
GtkWidget         *mb_csv_import_dialog_present (GtkWidget        *parent,
                                                 MbStore          *store,
                                                 MbCatalogue      *catalogue,
                                                 const char       *indicator_id,
                                                 const char       *indicator_title,
                                                 MbMeasurementCsv *csv,
                                                 const char       *file_name);

G_END_DECLS
