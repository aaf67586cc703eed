/* mb-kolada-update-dialog.h – this year's values from Kolada: fetch, preview, apply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_KOLADA_UPDATE_DIALOG (mb_kolada_update_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbKoladaUpdateDialog, mb_kolada_update_dialog, MB, KOLADA_UPDATE_DIALOG,
                      AdwWindow)

GtkWidget   *mb_kolada_update_dialog_new   (GtkWindow            *parent,
                                            MbStore              *store,
                                            const char           *strategy_id);
/* Starts fetching (with a progress bar; closing the dialog cancels it). */
void         mb_kolada_update_dialog_start (MbKoladaUpdateDialog *self);
/* "fetching", "error" or "preview". */
const char  *mb_kolada_update_dialog_get_state (MbKoladaUpdateDialog *self);
/* Applies the previewed changes as the Apply button does: one undo step. */
gboolean     mb_kolada_update_dialog_apply (MbKoladaUpdateDialog *self);

G_END_DECLS
