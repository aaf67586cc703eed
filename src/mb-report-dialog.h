/* mb-report-dialog.h – writing the follow-up report from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_REPORT_DIALOG (mb_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbReportDialog, mb_report_dialog, MB, REPORT_DIALOG, AdwWindow)

/* For @strategy_id (@strategy_name proposes the file's name), the
 * follow-up of @year first. */
GtkWidget *mb_report_dialog_new      (GtkWindow      *parent,
                                      MbStore        *store,
                                      const char     *strategy_id,
                                      const char     *strategy_name,
                                      int             year);
/* Writes the report as the options say to @path, as the file chooser's
 * answer does (for tests). */
void       mb_report_dialog_write_to (MbReportDialog *self,
                                      const char     *path);

G_END_DECLS
