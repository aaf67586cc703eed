/* test-store-chain.c – the chain index against the recursive SQL, and its freshness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test binary runs itself as another process:
 *   test-store-chain --add-link PATH FROM TO    adds a contributes-to link
 */

#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>

#include "test-store-util.h"

#define N_NODES 400
#define N_LINKS 900

static const char *self_path;

static int
child_add_link (const char *path,
                const char *from,
                const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_autofree char *id = store ? mb_store_create_link (store, from, to, NULL, &error) : NULL;

  if (id == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

typedef struct
{
  GPtrArray *strategies;
  GPtrArray *nodes;
} RandomLibrary;

/* Random trees in three strategies and random links of every kind, many
 * across strategies. Contributes-to links follow a random order of the nodes
 * (so they stay acyclic) that is not the tree's order, so that links and tree
 * together do form cycles. */
static gboolean
random_library_cb (MbStore   *store,
                   sqlite3   *db,
                   gpointer   user_data,
                   GError   **error)
{
  RandomLibrary *lib = user_data;
  g_autofree guint *order = g_new (guint, N_NODES);
  const char *kinds[] = { "contributes-to", "contributes-to", "conflicts-with", "depends-on" };
  const char *now = "2026-01-01T00:00:00.000Z";

  for (guint i = 0; i < N_NODES; i++)
    {
      const char *strategy = lib->strategies->pdata[g_test_rand_int_range (0, 3)];
      g_autofree char *level = _mb_store_query_text (db, "SELECT id FROM levels WHERE"
                                                     " strategy_id = ? ORDER BY position LIMIT 1",
                                                     "s", strategy);
      g_autofree char *parent = NULL;
      g_autofree char *title = g_strdup_printf ("N%u", i);
      char *id = mb_store_new_id ();

      if (i > 0 && g_test_rand_int_range (0, 5) > 0)
        parent = _mb_store_query_text (db, "SELECT id FROM nodes WHERE strategy_id = ?"
                                       " ORDER BY random () LIMIT 1", "s", strategy);
      g_ptr_array_add (lib->nodes, id);
      if (!_mb_store_exec (db, error, "INSERT INTO nodes (id, strategy_id, level_id, parent_id,"
                           " title, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           "sssssss", id, strategy, level, parent, title, now, now))
        return FALSE;
      order[i] = i;
    }
  for (guint i = N_NODES - 1; i > 0; i--)
    {
      guint j = g_test_rand_int_range (0, i + 1), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < N_LINKS; i++)
    {
      guint a = g_test_rand_int_range (0, N_NODES), b = g_test_rand_int_range (0, N_NODES);
      const char *kind = kinds[g_test_rand_int_range (0, G_N_ELEMENTS (kinds))];
      g_autofree char *id = mb_store_new_id ();

      if (a == b)
        continue;
      /* Contributes-to only from earlier to later in the random order. */
      if (g_str_equal (kind, "contributes-to") && order[a] > order[b])
        {
          guint t = a;
          a = b;
          b = t;
        }
      if (!_mb_store_exec (db, error, "INSERT OR IGNORE INTO links (id, from_node_id, to_node_id,"
                           " kind, created, modified) VALUES (?, ?, ?, ?, ?, ?)", "ssssss", id,
                           (char *) lib->nodes->pdata[a], (char *) lib->nodes->pdata[b], kind,
                           now, now))
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_joined (GStrv ids)
{
  g_autofree char **copy = g_memdup2 (ids, (g_strv_length (ids) + 1) * sizeof (char *));

  qsort (copy, g_strv_length (copy), sizeof (char *), compare_strings);
  for (guint i = 0; copy[i]; i++)
    g_assert_true (i == 0 || g_strcmp0 (copy[i - 1], copy[i]) < 0);  /* no duplicates */
  return g_strjoinv (" ", copy);
}

static void
assert_chain_equals_sql (MbStore    *store,
                         const char *node_id,
                         guint      *n_reached)
{
  for (int flags = MB_CHAIN_LINKS; flags <= MB_CHAIN_INCLUDE_TREE; flags++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) up = NULL;
      g_auto(GStrv) down = NULL;
      g_auto(GStrv) sql_up = NULL;
      g_auto(GStrv) sql_down = NULL;

      g_assert_true (mb_store_query_chain (store, node_id, flags, &up, &down, &error));
      g_assert_no_error (error);
      g_assert_true (_mb_store_query_chain_sql (store, node_id, flags, &sql_up, &sql_down,
                                                &error));
      g_assert_no_error (error);
      g_assert_cmpstr (mb_test_take (sorted_joined (up)), ==,
                       mb_test_take (sorted_joined (sql_up)));
      g_assert_cmpstr (mb_test_take (sorted_joined (down)), ==,
                       mb_test_take (sorted_joined (sql_down)));
      g_assert_false (g_strv_contains ((const char * const *) up, node_id));
      *n_reached += g_strv_length (up) + g_strv_length (down);
    }
}

static void
test_chain_index_equals_sql (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "chain.malbild");
  g_autoptr(GError) error = NULL;
  RandomLibrary lib = {
    g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free)
  };
  guint n_reached = 0;

  for (guint s = 0; s < 3; s++)
    g_ptr_array_add (lib.strategies, mb_store_create_strategy (store, "S", "rus", &error));
  g_assert_no_error (error);
  g_assert_true (mb_store_run_action (store, "Random", random_library_cb, &lib, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < lib.nodes->len; i++)
    assert_chain_equals_sql (store, lib.nodes->pdata[i], &n_reached);
  /* Not trivially empty: chains are long on average. */
  g_test_message ("%u chain members in all", n_reached);
  g_assert_cmpuint (n_reached, >, lib.nodes->len * 10);

  /* After edits (deletes cascade into links and subtrees), still equal. */
  for (guint i = 0; i < 10; i++)
    if (_mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM nodes WHERE id = ?",
                             "s", lib.nodes->pdata[i * 37]))
      g_assert_true (mb_store_delete (store, "nodes", lib.nodes->pdata[i * 37], &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM nodes",
                                        NULL), <, N_NODES);
  n_reached = 0;
  for (guint i = 0; i < lib.nodes->len; i++)
    if (_mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM nodes WHERE id = ?",
                             "s", lib.nodes->pdata[i]))
      assert_chain_equals_sql (store, lib.nodes->pdata[i], &n_reached);
    else
      {
        g_assert_false (mb_store_query_chain (store, lib.nodes->pdata[i], 0, NULL, NULL, &error));
        g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
        g_clear_error (&error);
      }

  g_ptr_array_unref (lib.strategies);
  g_ptr_array_unref (lib.nodes);
  mb_test_remove_dir (dir);
}

static guint
chain_up_length (MbStore    *store,
                 const char *node_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) up = NULL;

  g_assert_true (mb_store_query_chain (store, node_id, MB_CHAIN_LINKS, &up, NULL, &error));
  g_assert_no_error (error);
  return g_strv_length (up);
}

static char *
root_node (MbStore    *store,
           const char *strategy,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = mb_test_level (store, strategy, 0);
  char *id = mb_store_create_node (store, strategy, NULL, level, title, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_chain_index_follows_changes (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "fresh.malbild", NULL);
  g_autoptr(MbStore) store = mb_test_open (dir, "fresh.malbild");
  g_autoptr(MbStore) other = mb_test_open (dir, "fresh.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *s = mb_store_create_strategy (store, "S", "rus", &error);
  g_autofree char *a = root_node (store, s, "A");
  g_autofree char *b = root_node (store, s, "B");
  g_autofree char *c = root_node (store, s, "C");
  g_autofree char *d = root_node (store, s, "D");
  g_autofree char *link = NULL;
  const char *argv[] = { self_path, "--add-link", path, c, d, NULL };
  int status = 0;

  g_assert_cmpuint (chain_up_length (store, a), ==, 0);
  g_assert_nonnull (_mb_store_get_chain_index (store, NULL));

  /* Our own commit. */
  link = mb_store_create_link (store, a, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chain_up_length (store, a), ==, 1);

  /* Undo and redo are commits too. */
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpuint (chain_up_length (store, a), ==, 0);
  g_assert_true (mb_store_redo (store, &error));
  g_assert_cmpuint (chain_up_length (store, a), ==, 1);

  /* Another connection's commit. */
  g_free (mb_store_create_link (other, b, c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chain_up_length (store, a), ==, 2);

  /* Another process's commit. */
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_cmpuint (chain_up_length (store, a), ==, 3);

  /* A new node is found, a deleted one is not. */
  {
    g_autofree char *e = root_node (other, s, "E");
    g_auto(GStrv) up = NULL;

    g_assert_true (mb_store_query_chain (store, e, MB_CHAIN_INCLUDE_TREE, &up, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (up), ==, 0);
    g_assert_true (mb_store_delete (other, "nodes", e, &error));
    g_assert_false (mb_store_query_chain (store, e, 0, NULL, NULL, &error));
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A change that touches neither nodes nor links keeps the index. */
  {
    MbChainIndex *before = _mb_store_get_chain_index (store, NULL);

    g_free (mb_store_create_organisation (store, "Org", NULL, &error));
    g_assert_no_error (error);
    g_assert_true (_mb_store_get_chain_index (store, NULL) == before);
  }
  g_assert_cmpuint (chain_up_length (store, a), ==, 3);

  g_clear_object (&other);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* Inside an action the index cannot see uncommitted rows: the query falls
 * back to SQL, which does. */
static gboolean
link_and_query_cb (MbStore   *store,
                   sqlite3   *db,
                   gpointer   user_data,
                   GError   **error)
{
  const char * const *ids = user_data;
  g_autofree char *id = mb_store_new_id ();
  g_auto(GStrv) up = NULL;

  if (!_mb_store_exec (db, error, "INSERT INTO links (id, from_node_id, to_node_id, created,"
                       " modified) VALUES (?, ?, ?, 'x', 'x')", "sss", id, ids[0], ids[1]) ||
      !mb_store_query_chain (store, ids[0], MB_CHAIN_LINKS, &up, NULL, error))
    return FALSE;
  g_assert_null (_mb_store_get_chain_index (store, NULL));
  g_assert_cmpuint (g_strv_length (up), ==, 1);
  return TRUE;
}

static void
test_chain_inside_action (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "inside.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *s = mb_store_create_strategy (store, "S", "rus", &error);
  g_autofree char *a = root_node (store, s, "A");
  g_autofree char *b = root_node (store, s, "B");
  const char *ids[] = { a, b };

  g_assert_cmpuint (chain_up_length (store, a), ==, 0);
  g_assert_true (mb_store_run_action (store, "Link", link_and_query_cb, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chain_up_length (store, a), ==, 1);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--add-link"))
    return child_add_link (argv[2], argv[3], argv[4]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/chain/index-equals-sql", test_chain_index_equals_sql);
  g_test_add_func ("/store/chain/index-follows-changes", test_chain_index_follows_changes);
  g_test_add_func ("/store/chain/inside-action", test_chain_inside_action);

  return g_test_run ();
}
