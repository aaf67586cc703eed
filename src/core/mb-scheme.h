/* mb-scheme.h – built-in level schemes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A strategy carries its own ordered list of levels; these templates are
 * what a new strategy is made from. */
typedef struct
{
  const char *name;     /* English */
  const char *name_sv;  /* Swedish */
} MbSchemeLevel;

typedef struct
{
  const char          *key;      /* "rus", "effect-chain", "logframe" */
  const char          *name;     /* English */
  const char          *name_sv;  /* Swedish */
  const MbSchemeLevel *levels;
  guint                n_levels;
} MbScheme;

const MbScheme *mb_scheme_lookup    (const char *key);
const MbScheme *mb_scheme_get_all   (guint      *n_schemes);

/* Whether a level still has the names a built-in scheme gave it (a level
 * renamed by its region has only its own name, and @name_sv NULL). */
gboolean        mb_scheme_level_is_builtin   (const char *name,
                                              const char *name_sv);
/* What the UI shows for a level: a built-in level's name in the UI's
 * language, a region's own exactly as typed (a level with both names, from
 * an exchange file, by the UI's language). */
const char     *mb_scheme_level_display_name (const char *name,
                                              const char *name_sv);

G_END_DECLS
