/* mb-file-chooser.c – the app's file choosers, set up in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

char *
mb_file_chooser_suggest_name (const char *text,
                              const char *extension,
                              const char *fallback)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *name = g_string_new (NULL);
  gboolean dash = FALSE;

  g_return_val_if_fail (extension != NULL && fallback != NULL, NULL);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || (c != 0 && strchr ("()+,_", (int) c) != NULL) ||
          (c == '.' && name->len > 0))
        {
          if (dash && name->len > 0)
            g_string_append_c (name, '-');
          dash = FALSE;
          g_string_append_unichar (name, c);
        }
      else
        dash = TRUE;
      /* Room for the extension within the usual 255 bytes. */
      if (name->len > 120)
        break;
    }
  while (name->len > 0 && name->str[name->len - 1] == '.')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, fallback);
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (name, FALSE);
}
