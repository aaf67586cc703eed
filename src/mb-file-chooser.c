/* mb-file-chooser.c – the app's file choosers, set up in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-file-chooser.h"

GtkFileChooserNative *
mb_file_chooser_new (GtkWidget            *widget,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label,
                     const char           *filter_name,
                     const char * const   *suffixes,
                     const char           *current_name)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (filter_name != NULL && suffixes != NULL, NULL);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, NULL);
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);

  return chooser;
}
