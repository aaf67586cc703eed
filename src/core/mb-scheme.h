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

G_END_DECLS
