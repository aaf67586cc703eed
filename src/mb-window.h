/* mb-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-application.h"
#include "mb-selection.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_WINDOW (mb_window_get_type ())

G_DECLARE_FINAL_TYPE (MbWindow, mb_window, MB, WINDOW, AdwApplicationWindow)

MbWindow    *mb_window_new           (MbApplication *application);

/* Opens the library at @path in this window. On failure a dialog says why
 * and offers another file; FALSE is returned. */
gboolean     mb_window_open_library  (MbWindow      *self,
                                      const char    *path);
/* Opens @path (a .malbild library or a .json exchange file) for review:
 * a private copy in which only comments can be added; the file is never
 * written. On failure a dialog says why; FALSE is returned. */
gboolean     mb_window_open_review   (MbWindow      *self,
                                      const char    *path);
/* Shows this window's library as it was at revision @revision_id (of the
 * strategy named @title), read-only: a private copy, left with "Leave
 * Review". On failure a toast says why; FALSE is returned. */
gboolean     mb_window_open_revision (MbWindow      *self,
                                      const char    *revision_id);
/* Imports a JSON file into the library in the background. */
void         mb_window_import        (MbWindow      *self,
                                      GFile         *file);

MbStore     *mb_window_get_store     (MbWindow      *self);
/* Shows @store's library (one just opened, such as a shared one) as
 * mb_window_open_library() would. */
void         mb_window_open_store    (MbWindow      *self,
                                      MbStore       *store);
MbSelection *mb_window_get_selection (MbWindow      *self);

G_END_DECLS
