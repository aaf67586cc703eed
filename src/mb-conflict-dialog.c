/* mb-conflict-dialog.c – a colleague changed the field meanwhile: whose value stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a shared library two people may change one field from the same value.
 * The store refuses the second change whole (MB_STORE_ERROR_CONFLICT) and
 * shows the first; this asks the second person, who sees both values side
 * by side, which one stays. Keeping theirs is the default and what Escape
 * does: nothing of a colleague's work goes without a deliberate choice.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-conflict-dialog.h"

char *
mb_format_change_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a moment this year, as strftime(3) writes it: "7 December 10:42" */
    return g_date_time_format (local, _("%-d %B %H:%M"));
  /* Translators: a moment of another year, as strftime(3) writes it: "7 December 2025 10:42" */
  return g_date_time_format (local, _("%-d %B %Y %H:%M"));
}

static GtkWidget *
value_row (const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Values are the user's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               value != NULL && value[0] != '\0' ? value : _("(empty)"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "property");
  return row;
}

GtkWidget *
mb_conflict_dialog_new (GtkWindow  *parent,
                        const char *field,
                        const char *author,
                        GDateTime  *when,
                        const char *theirs,
                        const char *mine)
{
  g_autofree char *time = when ? mb_format_change_time (when) : NULL;
  g_autofree char *theirs_title = NULL;
  g_autofree char *body = NULL;
  const char *who = author ? author : _("A colleague");
  GtkWidget *dialog;
  GtkWidget *list;

  g_return_val_if_fail (field != NULL, NULL);

  if (time != NULL)
    /* Translators: %1$s is a user name, %2$s a field ("Title"), %3$s a moment ("7 December 10:42") */
    body = g_strdup_printf (_("%1$s changed “%2$s” at %3$s, after you had begun. "
                              "Your change was not saved. Which value should stay?"),
                            who, field, time);
  else
    /* Translators: %1$s is a user name, %2$s a field ("Title") */
    body = g_strdup_printf (_("%1$s changed “%2$s” after you had begun. "
                              "Your change was not saved. Which value should stay?"),
                            who, field);
  dialog = adw_message_dialog_new (parent, _("Changed Meanwhile"), body);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Translators: the title of a colleague's value; %s is their user name */
  theirs_title = g_strdup_printf (_("%s’s Value"), who);
  gtk_list_box_append (GTK_LIST_BOX (list), value_row (theirs_title, theirs));
  gtk_list_box_append (GTK_LIST_BOX (list), value_row (_("Your Value"), mine));
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Both values"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    MB_CONFLICT_THEIRS, _("_Keep Theirs"),
                                    MB_CONFLICT_MINE, _("_Use Mine"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), MB_CONFLICT_THEIRS);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), MB_CONFLICT_THEIRS);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), MB_CONFLICT_MINE,
                                              ADW_RESPONSE_DESTRUCTIVE);
  return dialog;
}
