/* test-store-chain.c – the chain index against the recursive SQL, and its freshness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test binary runs itself as another process:
 *   test-store-chain --add-link PATH FROM TO    adds a contributes-to link
 *
 * The store builds its index in a thread (mb-store-chain-cache.c); tests
 * that are about that thread hold its builds at a point of their choosing
 * (_mb_chain_cache_hold_builds()) and run the main loop until they are
 * back, never for a time.
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

/* Builds in threads */

static void
wait_for_builds (void)
{
  mb_test_wait_until (_mb_chain_cache_n_builds () == 0);
}

/* Opens @path, and runs the main loop until the store's first build has
 * begun: it waits for the opening to be over. */
static MbStore *
open_building (const char *path)
{
  g_autoptr(GError) error = NULL;
  MbStore *store = mb_test_store_open (path, MB_STORE_OPEN_NONE, &error);
  guint before = _mb_chain_cache_n_builds ();

  g_assert_no_error (error);
  g_assert_null (_mb_store_peek_chain_index (store));
  mb_test_wait_until (_mb_chain_cache_n_builds () > before);
  return store;
}

/* A small library at @path: A → B (linked), C alone, and A's child A1. */
typedef struct
{
  char *path;
  char *a, *b, *c, *a1;
} Abc;

static void
abc_clear (Abc *abc)
{
  g_clear_pointer (&abc->a, g_free);
  g_clear_pointer (&abc->b, g_free);
  g_clear_pointer (&abc->c, g_free);
  g_clear_pointer (&abc->a1, g_free);
  g_clear_pointer (&abc->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Abc, abc_clear)

static void
abc_make (Abc        *abc,
          const char *dir)
{
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  g_autofree char *level = NULL;

  abc->path = g_build_filename (dir, "abc.malbild", NULL);
  store = mb_test_store_open (abc->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  s = mb_store_create_strategy (store, "S", "rus", &error);
  abc->a = root_node (store, s, "A");
  abc->b = root_node (store, s, "B");
  abc->c = root_node (store, s, "C");
  level = mb_test_level (store, s, 1);
  abc->a1 = mb_store_create_node (store, s, abc->a, level, "A1", &error);
  g_assert_no_error (error);
  g_free (mb_store_create_link (store, abc->a, abc->b, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  wait_for_builds ();
}

/* The ids of @node_id's chain up (links only) in @index, sorted. */
static char *
index_up (MbChainIndex *index,
          const char   *node_id)
{
  g_auto(GStrv) up = NULL;

  g_assert_true (_mb_chain_index_query (index, node_id, MB_CHAIN_LINKS, &up, NULL));
  return sorted_joined (up);
}

static char *
sorted_pair (const char *x,
             const char *y)
{
  const char *ids[] = { x, y, NULL };

  return sorted_joined ((GStrv) ids);
}

/* Once the store is open, a build begins in a thread; the main loop
 * brings it in, and no query waited for it. */
static void
test_chain_built_in_thread (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_auto(Abc) abc = { 0 };
  g_autoptr(MbStore) store = NULL;
  guint n_reached = 0;

  abc_make (&abc, dir);
  store = mb_test_open (dir, "abc.malbild");
  g_assert_null (_mb_store_peek_chain_index (store));
  g_assert_cmpuint (_mb_chain_cache_n_builds (), ==, 0);
  mb_test_wait_until (_mb_store_peek_chain_index (store) != NULL);
  g_assert_cmpstr (mb_test_take (index_up (_mb_store_peek_chain_index (store), abc.a)), ==,
                   abc.b);
  assert_chain_equals_sql (store, abc.a1, &n_reached);
  g_assert_cmpuint (n_reached, >, 0);

  g_clear_object (&store);
  wait_for_builds ();
  mb_test_remove_dir (dir);
}

/* A query that comes before the build is back gets the same answer:
 * from the build under way, or from one of its own. */
static void
test_chain_query_during_build (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_auto(Abc) abc = { 0 };
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) up = NULL;

  abc_make (&abc, dir);
  store = open_building (abc.path);
  g_assert_true (mb_store_query_chain (store, abc.a1, MB_CHAIN_INCLUDE_TREE, &up, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (sorted_joined (up)), ==,
                   mb_test_take (sorted_pair (abc.a, abc.b)));
  g_assert_nonnull (_mb_store_peek_chain_index (store));

  /* What comes back later is not taken over the index in use. */
  {
    MbChainIndex *index = _mb_store_peek_chain_index (store);

    wait_for_builds ();
    g_assert_true (_mb_store_peek_chain_index (store) == index);
  }
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* A build that read the library before a commit of the store's own is
 * cancelled, and thrown away when it comes back all the same; the one
 * started after the commit is taken. */
static void
test_chain_build_raced_by_own_commit (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_auto(Abc) abc = { 0 };
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MbChainIndex *index;

  abc_make (&abc, dir);
  _mb_chain_cache_hold_builds (0);
  store = open_building (abc.path);
  _mb_chain_cache_wait_held (1);   /* the first build read A → B */

  g_free (mb_store_create_link (store, abc.a, abc.c, NULL, &error));
  g_assert_no_error (error);
  _mb_chain_cache_wait_held (2);   /* the second one read A → B, C */

  /* The first comes back, with what it read: not taken. */
  mb_test_wait_until (_mb_chain_cache_n_builds () == 1);
  index = _mb_store_peek_chain_index (store);
  if (index != NULL)
    g_assert_cmpstr (mb_test_take (index_up (index, abc.a)), ==,
                     mb_test_take (sorted_pair (abc.b, abc.c)));
  g_assert_null (index);

  /* The second is. */
  _mb_chain_cache_hold_builds (G_MAXUINT);
  wait_for_builds ();
  index = _mb_store_peek_chain_index (store);
  g_assert_nonnull (index);
  g_assert_cmpstr (mb_test_take (index_up (index, abc.a)), ==,
                   mb_test_take (sorted_pair (abc.b, abc.c)));
  g_assert_cmpuint (chain_up_length (store, abc.a), ==, 2);

  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* A build that read the library before another connection committed is
 * not believed once the store sees that commit. */
static void
test_chain_build_raced_by_other_commit (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_auto(Abc) abc = { 0 };
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbStore) other = NULL;
  g_autoptr(GError) error = NULL;

  abc_make (&abc, dir);
  _mb_chain_cache_hold_builds (0);
  store = open_building (abc.path);
  _mb_chain_cache_wait_held (1);

  /* Another connection, which has built nothing yet. */
  other = mb_test_store_open (abc.path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_free (mb_store_create_link (other, abc.b, abc.c, NULL, &error));
  g_assert_no_error (error);

  _mb_chain_cache_hold_builds (G_MAXUINT);
  wait_for_builds ();
  g_assert_cmpuint (chain_up_length (store, abc.a), ==, 2);
  g_assert_cmpstr (mb_test_take (index_up (_mb_store_peek_chain_index (store), abc.a)), ==,
                   mb_test_take (sorted_pair (abc.b, abc.c)));

  g_clear_object (&other);
  g_clear_object (&store);
  wait_for_builds ();
  mb_test_remove_dir (dir);
}

/* Finalizing the store while its builds run: they are cancelled, and when
 * they come back they find the store gone (AddressSanitizer's run would
 * see a use after free, or a leak). */
static void
test_chain_finalize_during_build (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *wal = NULL;
  g_auto(Abc) abc = { 0 };
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  abc_make (&abc, dir);
  wal = g_strconcat (abc.path, "-wal", NULL);
  _mb_chain_cache_hold_builds (0);
  store = open_building (abc.path);
  _mb_chain_cache_wait_held (1);
  /* A commit starts a second build; the first one is let go of. */
  g_free (mb_store_create_link (store, abc.b, abc.c, NULL, &error));
  g_assert_no_error (error);
  _mb_chain_cache_wait_held (2);
  g_assert_cmpuint (_mb_chain_cache_n_builds (), ==, 2);

  /* The held build is cancelled, and the finalization waits for its thread
   * to close its connection; its result comes back later. */
  g_clear_object (&store);
  g_assert_cmpuint (_mb_chain_cache_n_builds (), ==, 2);
  wait_for_builds ();
  _mb_chain_cache_hold_builds (G_MAXUINT);

  /* The store's connection was the last: it took the WAL into the file. */
  if (!mb_test_on_postgresql ())
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = mb_test_store_open (abc.path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chain_up_length (store, abc.a), ==, 2);
  g_clear_object (&store);
  wait_for_builds ();
  mb_test_remove_dir (dir);
}

/* @column of a row of @table, at random. */
static char *
random_row (MbStore    *store,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY random () LIMIT 1",
                                          column, table);

  return _mb_store_query_text (mb_store_get_db (store), sql, NULL);
}

/* Edits of every kind, each followed by the index in place (no build)
 * unless it is a batch or another connection's, and every answer the
 * SQL's. */
static void
test_chain_index_follows_edits (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "edits.malbild");
  g_autoptr(MbStore) other = NULL;
  g_autoptr(GError) error = NULL;
  RandomLibrary lib = {
    g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free)
  };
  guint n_in_place = 0, n_reached = 0;

  for (guint s = 0; s < 3; s++)
    g_ptr_array_add (lib.strategies, mb_store_create_strategy (store, "S", "rus", &error));
  g_assert_no_error (error);
  g_assert_true (mb_store_run_action (store, "Random", random_library_cb, &lib, &error));
  g_assert_no_error (error);
  g_assert_nonnull (_mb_store_get_chain_index (store, &error));
  other = mb_test_open (dir, "edits.malbild");

  for (guint round = 0; round < 60; round++)
    {
      MbChainIndex *before = _mb_store_get_chain_index (store, &error);
      g_autofree char *node = random_row (store, "nodes", "id");
      g_autofree char *node2 = random_row (store, "nodes", "id");
      g_autofree char *link = random_row (store, "links", "id");
      g_autofree char *strategy = random_row (store, "nodes", "strategy_id");
      g_autoptr(GError) edit_error = NULL;
      int kind = g_test_rand_int_range (0, 12);
      gboolean batch = FALSE;
      GValue value = G_VALUE_INIT;

      g_assert_nonnull (before);
      switch (kind)
        {
        case 0:
          g_free (mb_store_create_link (store, node, node2, NULL, &edit_error));
          break;
        case 1:
          mb_store_delete (store, "links", link, &edit_error);
          break;
        case 2:
          {
            g_autofree char *level = mb_test_level (store, strategy, 0);
            g_autofree char *parent = _mb_store_query_text (mb_store_get_db (store),
                                                            "SELECT id FROM nodes WHERE"
                                                            " strategy_id = ? LIMIT 1",
                                                            "s", strategy);

            g_free (mb_store_create_node (store, strategy, parent, level, "New", &edit_error));
          }
          break;
        case 3:
          mb_store_delete (store, "nodes", node, &edit_error);
          break;
        case 4:
          mb_store_move_node (store, node, NULL, -1, &edit_error);
          break;
        case 5:
          mb_store_pin_node (store, node, TRUE, 10.0 * round, 20.0, &edit_error);
          break;
        case 6:
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, "Renamed");
          mb_store_set_field (store, "nodes", node, "title", &value, &edit_error);
          g_value_unset (&value);
          break;
        case 7:
          /* A link that changes kind leaves the graph, or enters it. */
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, g_test_rand_bit () ? "depends-on" : "contributes-to");
          mb_store_set_field (store, "links", link, "kind", &value, &edit_error);
          g_value_unset (&value);
          break;
        case 8:
          /* Not the library itself, which would leave nothing to edit. */
          if (g_strcmp0 (mb_store_get_undo_label (store), "Random") != 0)
            mb_store_undo (store, &edit_error);
          break;
        case 9:
          mb_store_redo (store, &edit_error);
          break;
        case 10:
          {
            const char *ids[] = { node, NULL };

            batch = TRUE;
            mb_store_paste_nodes (store, strategy, NULL, ids, NULL, &edit_error);
          }
          break;
        case 11:
          /* Another connection's commit: built anew. */
          batch = TRUE;
          g_free (mb_store_create_link (other, node, node2, NULL, &edit_error));
          break;
        default:
          g_assert_not_reached ();
        }
      /* Refusals (a cycle, nothing to redo) change nothing. */
      if (edit_error != NULL)
        g_test_message ("edit %d refused: %s", kind, edit_error->message);
      else if (!batch && kind != 8 && kind != 9)
        {
          /* Undo and redo of a paste are batches too; others are followed. */
          g_assert_true (_mb_store_peek_chain_index (store) == before);
          n_in_place++;
        }

      for (guint i = 0; i < 20; i++)
        {
          g_autofree char *id = random_row (store, "nodes", "id");

          assert_chain_equals_sql (store, id, &n_reached);
        }
    }
  g_test_message ("%u edits followed in place, %u chain members checked", n_in_place, n_reached);
  g_assert_cmpuint (n_in_place, >, 10);

  /* And every node, at the end. */
  {
    g_autoptr(GPtrArray) nodes = _mb_store_query_records (mb_store_get_db (store), &error,
                                                          "nodes", "SELECT id FROM nodes", NULL);

    for (guint i = 0; i < nodes->len; i++)
      assert_chain_equals_sql (store, mb_record_get_id (nodes->pdata[i]), &n_reached);
  }

  g_ptr_array_unref (lib.strategies);
  g_ptr_array_unref (lib.nodes);
  g_clear_object (&other);
  g_clear_object (&store);
  wait_for_builds ();
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
  g_test_add_func ("/store/chain/built-in-thread", test_chain_built_in_thread);
  g_test_add_func ("/store/chain/query-during-build", test_chain_query_during_build);
  g_test_add_func ("/store/chain/build-raced-by-own-commit",
                   test_chain_build_raced_by_own_commit);
  g_test_add_func ("/store/chain/build-raced-by-other-commit",
                   test_chain_build_raced_by_other_commit);
  g_test_add_func ("/store/chain/finalize-during-build", test_chain_finalize_during_build);
  g_test_add_func ("/store/chain/index-follows-edits", test_chain_index_follows_edits);

  return g_test_run ();
}
