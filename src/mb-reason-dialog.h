/* mb-reason-dialog.h – asking why an adopted strategy's target changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds a "Reason" row to @grid at @row and keeps @dialog's @response
 * disabled while the entry holds nothing but blanks. Returns the entry. */
GtkEntry         *mb_reason_entry_attach (AdwMessageDialog *dialog,
                                          GtkGrid          *grid,
                                          int               row,
                                          const char       *response);

/* A dialog with Cancel and @confirm_label (response "confirm", destructive
 * or suggested) whose only field is the reason, in @entry. Not presented. */
AdwMessageDialog *mb_reason_dialog_new   (GtkWidget        *parent,
                                          const char       *heading,
                                          const char       *body,
                                          const char       *confirm_label,
                                          gboolean          destructive,
                                          GtkEntry        **entry);

/* A label and a field in two columns of @grid, the label naming the field
 * for screen readers. Returns @field. */
GtkWidget        *mb_dialog_grid_row     (GtkGrid          *grid,
                                          int               row,
                                          const char       *label_text,
                                          GtkWidget        *field);

G_END_DECLS
