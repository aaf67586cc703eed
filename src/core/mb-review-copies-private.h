/* mb-review-copies-private.h – where review working copies live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The private folder all review copies of this user live in. */
char        *_mb_review_copies_base_dir     (void);
/* A new 0700 folder for one copy, named after this process, removed at
 * exit if still there. */
char        *_mb_review_copies_make_dir     (GError     **error);
/* Creates the empty copy file @path, 0600, before SQLite opens it. */
gboolean     _mb_review_copies_create_file  (const char  *path,
                                             GError     **error);
void         _mb_review_copies_remove_dir   (const char  *dir);

G_END_DECLS
