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

/* Shows the rows of @csv as read (and each problem with its row number), and
 * on "Import" records all of them as one undo step. Import is not offered
 * while any row has a problem. Territories are named from @catalogue (may be
 * NULL). Takes ownership of @csv. Returns the dialog. */
GtkWidget *mb_csv_import_dialog_present (GtkWidget        *parent,
                                         MbStore          *store,
                                         MbCatalogue      *catalogue,
                                         const char       *indicator_id,
                                         const char       *indicator_title,
                                         MbMeasurementCsv *csv,
                                         const char       *file_name);

G_END_DECLS
