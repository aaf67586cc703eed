/* mb-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MB_TYPE_APPLICATION (mb_application_get_type ())

G_DECLARE_FINAL_TYPE (MbApplication, mb_application, MB, APPLICATION, AdwApplication)

MbApplication *mb_application_new              (const char        *application_id,
                                                GApplicationFlags  flags);
const char    *mb_application_get_library_path (MbApplication     *self);
char          *mb_application_default_library_path (void);
/* The file given with --review, or NULL. */
const char    *mb_application_get_review_path  (MbApplication     *self);

G_END_DECLS
