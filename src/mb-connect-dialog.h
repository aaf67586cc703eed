/* mb-connect-dialog.h – connecting to a library shared on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-window.h"

G_BEGIN_DECLS

#define MB_TYPE_CONNECT_DIALOG (mb_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbConnectDialog, mb_connect_dialog, MB, CONNECT_DIALOG, AdwWindow)

/* A dialog over @window that opens a shared library in it, filled in with
 * the library last connected to. */
GtkWidget   *mb_connect_dialog_new          (MbWindow        *window);

/* Fills in the address and user of @uri (its password is never shown) and
 * says @problem (NULL: nothing) as a failed attempt would. */
void         mb_connect_dialog_set_uri      (MbConnectDialog *self,
                                             const char      *uri,
                                             const char      *problem);

/* What Connect does: TRUE if the library is open in the window (and the
 * dialog closed); else the dialog stays and says why. */
gboolean     mb_connect_dialog_connect      (MbConnectDialog *self);

/* What the dialog says went wrong, or NULL (for tests). */
const char  *mb_connect_dialog_get_problem  (MbConnectDialog *self);

/* The libpq URI for what the user typed: @address a postgresql:// URI, a
 * key=value string ("service=malbild"), or SERVER/DATABASE; @user and
 * @password (either NULL or empty for none) added to it. NULL with a
 * message the user can act on if @address is none of these. */
char        *mb_connect_build_uri           (const char      *address,
                                             const char      *user,
                                             const char      *password,
                                             GError         **error);

/* A shared library's name as people say it, from its address
 * (mb_store_get_remote_name()): "strategier on db.region.se", or the
 * address itself. */
char        *mb_connect_library_title       (const char      *remote_name);

/* After mb_window_open_library() failed on a shared library's @uri: the
 * dialog over @window, filled in, saying @error (and asking for the
 * password if the server wants one), to be presented. */
GtkWidget   *mb_connect_dialog_new_retry    (MbWindow        *window,
                                             const char      *uri,
                                             const GError    *error);

G_END_DECLS
