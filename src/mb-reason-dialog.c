/* mb-reason-dialog.c – asking why an adopted strategy's target changes
 *
 * Once a strategy is adopted, its targets are a decision: the store takes a
 * change only with a reason (mb_store_set_target_with_reason(),
 * mb_store_remove_target()). These dialogs ask for it, for the indicator
 * page and the details panel alike. Cancel leaves everything as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-reason-dialog.h"

GtkWidget *
mb_dialog_grid_row (GtkGrid    *grid,
                    int         row,
                    const char *label_text,
                    GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return field;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  const char *response = g_object_get_data (G_OBJECT (entry), "mb-response");

  adw_message_dialog_set_response_enabled (dialog, response,
                                           !is_blank (gtk_editable_get_text (entry)));
}

GtkEntry *
mb_reason_entry_attach (AdwMessageDialog *dialog,
                        GtkGrid          *grid,
                        int               row,
                        const char       *response)
{
  GtkWidget *entry = mb_dialog_grid_row (grid, row, _("_Reason"), gtk_entry_new ());

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  _("For example: revised after the mid-term review"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_object_set_data_full (G_OBJECT (entry), "mb-response", g_strdup (response), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  return GTK_ENTRY (entry);
}

AdwMessageDialog *
mb_reason_dialog_new (GtkWidget   *parent,
                      const char  *heading,
                      const char  *body,
                      const char  *confirm_label,
                      gboolean     destructive,
                      GtkEntry   **entry)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  *entry = mb_reason_entry_attach (ADW_MESSAGE_DIALOG (dialog), GTK_GRID (grid), 0, "confirm");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  return ADW_MESSAGE_DIALOG (dialog);
}
