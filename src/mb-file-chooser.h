/* mb-file-chooser.h – the app's file choosers, set up in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A native file chooser for @widget's window, with one filter named
 * @filter_name for the file name @suffixes (NULL-terminated, without the
 * dot) and, when saving, @current_name proposed. Show it with
 * gtk_native_dialog_show(); the caller owns it. */
GtkFileChooserNative *mb_file_chooser_new (GtkWidget            *widget,
                                           const char           *title,
                                           GtkFileChooserAction  action,
                                           const char           *accept_label,
                                           const char           *filter_name,
                                           const char * const   *suffixes,
                                           const char           *current_name);

/* A file name made of @text (a strategy's short name or title) and
 * @extension: "RUS del 2" → "RUS-del-2.png". Characters file systems or
 * shells stumble on become "-", runs of them one; letters such as "å" stay.
 * @fallback (already a file name stem) when nothing is left. */
char                 *mb_file_chooser_suggest_name (const char  *text,
                                                    const char  *extension,
                                                    const char  *fallback);

G_END_DECLS
