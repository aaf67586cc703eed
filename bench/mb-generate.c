/* mb-generate.c – write a generated library: mb-generate [--small] [--seed N] OUT.malbild
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "mb-generator.h"
#include "mb-store-private.h"

/* --smoke DIR: generate the small library there and check it opens whole. */
static int
smoke (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "smoke.malbild", NULL);
  g_autofree char *again = g_build_filename (dir, "smoke-again.malbild", NULL);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbStore) store2 = NULL;
  g_autofree char *check = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *ids_again = NULL;
  sqlite3 *db;

  g_remove (path);
  g_remove (again);
  if (!mb_generate_library (path, &mb_generate_small, 7, &error) ||
      !mb_generate_library (again, &mb_generate_small, 7, &error) ||
      !(store = mb_store_open (path, MB_STORE_OPEN_NONE, &error)) ||
      !(store2 = mb_store_open (again, MB_STORE_OPEN_NONE, &error)))
    {
      g_printerr ("mb-generate: %s\n", error->message);
      return 1;
    }
  db = mb_store_get_db (store);
  check = _mb_store_query_text (db, "PRAGMA integrity_check", NULL);
  ids = _mb_store_query_text (db, "SELECT group_concat(id) FROM (SELECT id FROM links ORDER BY id)",
                              NULL);
  ids_again = _mb_store_query_text (mb_store_get_db (store2), "SELECT group_concat(id) FROM"
                                    " (SELECT id FROM links ORDER BY id)", NULL);
  if (_mb_store_query_int (db, "SELECT count(*) FROM nodes", NULL) != mb_generate_small.nodes ||
      _mb_store_query_int (db, "SELECT count(*) FROM links", NULL) != mb_generate_small.links ||
      _mb_store_query_int (db, "SELECT count(*) FROM measurements", NULL) !=
        mb_generate_small.measurements ||
      g_strcmp0 (check, "ok") != 0 || mb_store_can_undo (store))
    {
      g_printerr ("mb-generate: the small library is not as asked\n");
      return 1;
    }
  /* Seeded: the same rows, ids included. */
  if (g_strcmp0 (ids, ids_again) != 0)
    {
      g_printerr ("mb-generate: the same seed gave different libraries\n");
      return 1;
    }
  g_print ("ok\n");
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean small = FALSE;
  g_autofree char *smoke_dir = NULL;
  int seed = 1;
  GOptionEntry entries[] = {
    { "small", 0, 0, G_OPTION_ARG_NONE, &small, "Generate the small library", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "N" },
    { "smoke", 0, 0, G_OPTION_ARG_FILENAME, &smoke_dir, "Self-test in DIR", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT.malbild");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-generate: %s\n", error->message);
      return 2;
    }
  if (smoke_dir != NULL)
    return smoke (smoke_dir);
  if (argc != 2)
    {
      g_printerr ("usage: mb-generate [--small] [--seed N] OUT.malbild\n");
      return 2;
    }
  if (!mb_generate_library (argv[1], small ? &mb_generate_small : &mb_generate_large,
                            (guint32) seed, &error))
    {
      g_printerr ("mb-generate: %s\n", error->message);
      return 1;
    }
  return 0;
}
