/* mb-generator.h – a seeded generator of Målbild libraries for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <glib.h>

#include "mb-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint strategies;
  guint nodes;           /* in all */
  guint links;           /* contributes-to links are acyclic */
  guint indicators;
  guint measurements;    /* in all; spread over periods, territories and genders */
  guint projects;
} MbGenerateSize;

/* design.md's "large" library, and a tiny one for the smoke test. */
extern const MbGenerateSize mb_generate_large;
extern const MbGenerateSize mb_generate_small;

/* Inserts a whole library's rows into @db (which has the schema), with
 * prepared statements, inside the caller's transaction. The same @seed gives
 * the same rows, ids included. */
gboolean mb_generate_rows    (sqlite3               *db,
                              const MbGenerateSize  *size,
                              guint32                seed,
                              GError               **error);

/* Writes a new library file at @path (which must not exist) through the
 * store, as one action, then forgets that action's undo step. */
gboolean mb_generate_library (const char            *path,
                              const MbGenerateSize  *size,
                              guint32                seed,
                              GError               **error);

/* A library to measure, in a new temporary folder (*@dir, for
 * mb_generate_remove_dir()): a copy of @copy_from, or else the generated
 * large (or @small) library with seed 1. Returns its path; exits with the
 * error if it cannot be made. */
char    *mb_generate_bench_library (const char      *copy_from,
                                    gboolean         small,
                                    char           **dir);
/* Removes the files of @dir and @dir. */
void     mb_generate_remove_dir  (const char       *dir);

/* The largest strategy of @store: the one with the most nodes. */
char    *mb_generate_pick_largest_strategy (MbStore *store);

/* The vision: the root node of @store with the most nodes below it and
 * linked into it, transitively (the generated strategies have one root each). */
char    *mb_generate_pick_vision (MbStore          *store);

G_END_DECLS
