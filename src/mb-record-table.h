/* mb-record-table.h – the library's projects or funding calls as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-selection.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_RECORD_TABLE (mb_record_table_get_type ())

G_DECLARE_FINAL_TYPE (MbRecordTable, mb_record_table, MB, RECORD_TABLE, GtkBox)

/* @kind: MB_KIND_PROJECT or MB_KIND_CALL. */
GtkWidget   *mb_record_table_new           (const char    *kind,
                                            MbStore       *store,
                                            MbSelection   *selection);
const char  *mb_record_table_get_kind      (MbRecordTable *self);
/* The rows shown (after the filter), as MbRecord, in the shown order. */
GListModel  *mb_record_table_get_rows      (MbRecordTable *self);
void         mb_record_table_set_filter    (MbRecordTable *self,
                                            const char    *text);
/* Puts the focus on the selected row; FALSE if there is none. */
gboolean     mb_record_table_focus_selected (MbRecordTable *self);

G_END_DECLS
