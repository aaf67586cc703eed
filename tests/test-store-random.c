/* test-store-random.c – random sequences of operations, undone and redone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * N random operations (seeded by GTest: rerun one with --seed), some of
 * which fail by the rules and must leave no trace. Undoing every step gives
 * back the initial library exactly; redoing every step gives the final one.
 */

#include "config.h"

#include "test-store-util.h"

#define N_OPERATIONS 400

static char *
pick (MbStore    *store,
      const char *sql_count,
      const char *sql_pick)
{
  gint64 n = _mb_store_query_int (mb_store_get_db (store), sql_count, NULL);

  if (n == 0)
    return NULL;
  return _mb_store_query_text (mb_store_get_db (store), sql_pick, "i",
                               g_test_rand_int_range (0, (gint32) n));
}

#define PICK(table) \
  pick (store, "SELECT count(*) FROM " table, "SELECT id FROM " table " ORDER BY id LIMIT 1 OFFSET ?")

static gboolean
random_operation (MbStore  *store,
                  guint     serial,
                  GError  **error)
{
  g_autofree char *strategy = PICK ("strategies");
  g_autofree char *node = PICK ("nodes");
  g_autofree char *other = PICK ("nodes");
  g_autofree char *indicator = PICK ("indicators");
  g_autofree char *project = PICK ("projects");
  g_autofree char *org = PICK ("organisations");
  g_autofree char *title = g_strdup_printf ("Item %u", serial);
  g_autofree char *level = NULL;
  g_autofree char *result = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  const char *kinds[] = { "contributes-to", "conflicts-with", "depends-on" };
  const char *schemes[] = { "rus", "effect-chain", "logframe" };

  switch (g_test_rand_int_range (0, 16))
    {
    case 0:
      result = mb_store_create_strategy (store, title, schemes[g_test_rand_int_range (0, 3)],
                                         error);
      break;
    case 1: case 2: case 3:
      if (strategy == NULL)
        return FALSE;
      level = pick (store, "SELECT 3", "SELECT id FROM levels ORDER BY id LIMIT 1 OFFSET ?");
      /* Often a level of another strategy or a parent elsewhere: refused. */
      if (g_test_rand_bit ())
        {
          g_free (level);
          level = _mb_store_query_text (mb_store_get_db (store),
                                        "SELECT id FROM levels WHERE strategy_id = ?"
                                        " ORDER BY position LIMIT 1", "s", strategy);
        }
      result = mb_store_create_node (store, strategy, g_test_rand_bit () ? node : NULL, level,
                                     title, error);
      break;
    case 4: case 5:
      if (node == NULL || other == NULL)
        return FALSE;
      result = mb_store_create_link (store, node, other, kinds[g_test_rand_int_range (0, 3)],
                                     error);
      break;
    case 6:
      if (node == NULL)
        return FALSE;
      g_value_init (&v, G_TYPE_STRING);
      g_value_set_string (&v, g_test_rand_bit () ? title : "");
      return mb_store_set_field (store, "nodes", node, "title", &v, error);
    case 7:
      if (node == NULL)
        return FALSE;
      return mb_store_move_node (store, node, g_test_rand_bit () ? other : NULL,
                                 g_test_rand_int_range (-1, 4), error);
    case 8:
      if (node == NULL)
        return FALSE;
      return mb_store_delete (store, "nodes", node, error);
    case 9:
      result = mb_store_create_indicator (store, strategy, title, NULL, error);
      break;
    case 10:
      if (indicator == NULL)
        return FALSE;
      result = mb_store_record_measurement (store, indicator,
                                            g_test_rand_bit () ? "2023" : "2024", NULL,
                                            g_test_rand_bit () ? "T" : "K",
                                            g_test_rand_double_range (-1e6, 1e6), NULL, error);
      break;
    case 11:
      if (node == NULL || indicator == NULL)
        return FALSE;
      return mb_store_relate (store, MB_RELATION_NODE_INDICATOR, node, indicator, error);
    case 12:
      result = mb_store_create_project (store, title, g_test_rand_bit () ? title : NULL, error);
      break;
    case 13:
      if (project == NULL || org == NULL)
        return FALSE;
      return mb_store_relate (store, MB_RELATION_PROJECT_PARTNER, project, org, error);
    case 14:
      if (g_test_rand_bit ())
        result = mb_store_create_organisation (store, title, NULL, error);
      else if (strategy != NULL)
        return mb_store_delete (store, "strategies", strategy, error);
      break;
    case 15:
      if (strategy == NULL || node == NULL)
        return FALSE;
      {
        const char *ids[] = { node, other, NULL };
        if (g_strcmp0 (node, other) == 0)
          ids[1] = NULL;
        return mb_store_paste_nodes (store, strategy, NULL, ids, NULL, error);
      }
    default:
      g_assert_not_reached ();
    }
  return result != NULL;
}

static void
test_random_undo_redo (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "random.malbild");
  g_autofree char *initial = NULL;
  g_autofree char *final = NULL;
  g_autofree char *now = NULL;
  guint n_steps = 0, n_refused = 0;
  sqlite3 *db = mb_store_get_db (store);

  g_free (mb_store_create_organisation (store, "Seed org", NULL, NULL));
  initial = mb_test_dump (store);
  g_assert_true (mb_store_undo (store, NULL));
  g_assert_true (mb_store_redo (store, NULL));

  for (guint i = 0; i < N_OPERATIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *before = mb_test_dump (store);

      if (random_operation (store, i, &error))
        n_steps++;
      else if (error != NULL)
        {
          /* A refused operation leaves no trace. */
          g_autofree char *after = mb_test_dump (store);

          g_assert_true (error->domain == MB_STORE_ERROR);
          g_assert_cmpstr (after, ==, before);
          n_refused++;
        }
    }
  g_test_message ("%u steps, %u refused", n_steps, n_refused);
  g_assert_cmpuint (n_steps, >, N_OPERATIONS / 4);
  g_assert_cmpuint (n_refused, >, 0);
  final = mb_test_dump (store);
  mb_test_assert_pulled (store);
  /* A successful no-op (a move to where it is) records no step. */
  n_steps = (guint) _mb_store_query_int (db, "SELECT count(*) - 1 FROM mb_undo_steps"
                                             " WHERE stack = 0", NULL);

  /* Across a reopen, to prove the history is in the file. */
  g_clear_object (&store);
  store = mb_test_open (dir, "random.malbild");
  db = mb_store_get_db (store);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GError) error = NULL;

      mb_store_undo (store, &error);
      g_assert_no_error (error);
    }
  now = mb_test_dump (store);
  g_assert_cmpstr (now, ==, initial);
  g_clear_pointer (&now, g_free);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GError) error = NULL;

      mb_store_redo (store, &error);
      g_assert_no_error (error);
    }
  g_assert_false (mb_store_can_redo (store));
  now = mb_test_dump (store);
  g_assert_cmpstr (now, ==, final);

  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "PRAGMA integrity_check", NULL)),
                   ==, "ok");
  g_assert_null (mb_test_take (_mb_store_query_text (db, "PRAGMA foreign_key_check", NULL)));
  /* The search index matches the entities it covers. */
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_search_ids", NULL), ==,
                   _mb_store_query_int (db, "SELECT (SELECT count(*) FROM strategies)"
                                            " + (SELECT count(*) FROM nodes)"
                                            " + (SELECT count(*) FROM indicators)"
                                            " + (SELECT count(*) FROM funding_calls)"
                                            " + (SELECT count(*) FROM projects)"
                                            " + (SELECT count(*) FROM organisations)", NULL));
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_search", NULL), ==,
                   _mb_store_query_int (db, "SELECT count(*) FROM mb_search_ids", NULL));
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/random/undo-redo", test_random_undo_redo);

  return g_test_run ();
}
