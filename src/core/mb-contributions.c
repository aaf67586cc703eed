/* mb-contributions.c – what contributes to a goal, what it serves, and goal conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node's contributions are its chain in one direction (links and the tree,
 * across strategies) as the store's in-memory chain index finds it, and then
 * a handful of set-based queries over that set of ids, passed to SQLite as
 * one JSON object {id: distance} read with json_each(): a query per kind of
 * result, never one per node, and no temporary table, so that it also works
 * in a review store, where every write is refused.
 *
 * For a big chain in a library in a file, the nodes and what is linked to
 * them are read at the same time, the linked half in a thread on a
 * connection of its own (side_read_thread ()): the halves take about as
 * long, so on two processors the answer comes sooner. The two read
 * transactions see the same library unless another connection committed
 * in between, which the store connection's data version tells: then it is
 * all read again on the store's connection.
 *
 * Calls are those linked to the node or a node of the chain (call_nodes):
 * a call's own targeting is what says it serves a goal. A call that only
 * funded a project of the chain (project_calls) is not listed, as it may
 * target something else entirely.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mb-json-writer.h"
#include "mb-store-lock-private.h"
#include "mb-store-private.h"
#include "mb-store-review.h"

/* Nodes of the chain with their strategy's title, their level's name and
 * their distance; ?1 = the chain as {id: distance}, the node itself with
 * distance 0. Sorted afterwards (sort_nodes ()): a recursive query for the
 * tree order of every strategy involved took longer than all the rest. */
static const char nodes_sql[] =
  "SELECT n.*, s.title AS strategy_title, mb_level_name(l.name, l.name_sv) AS level_name,"
  "  chain.value AS distance"
  " FROM json_each (?1) chain JOIN nodes n ON n.id = chain.key"
  " JOIN strategies s ON s.id = n.strategy_id"
  " LEFT JOIN levels l ON l.id = n.level_id"
  " WHERE chain.value > 0";

/* Nodes by id (?1 = a JSON array of ids): the ancestors of the chain's
 * nodes that are not in it, for their tree order. */
static const char ancestors_sql[] =
  "SELECT n.id, n.parent_id, n.position FROM json_each (?1) j JOIN nodes n ON n.id = j.value";

static const char strategies_sql[] =
  "SELECT id, parent_id FROM strategies ORDER BY position, title, id";

/* The distinct projects linked to the node or the chain, each with
 * "funding", the sum of its own funding (NULL if none). */
static const char projects_sql[] =
  "SELECT p.*,"
  "  (SELECT sum (amount) FROM project_funding f WHERE f.project_id = p.id) AS funding"
  " FROM projects p WHERE p.id IN"
  "  (SELECT pn.project_id FROM json_each (?1) j"
  "    JOIN project_nodes pn ON pn.node_id = j.key)"
  " ORDER BY p.title, p.id";

static const char calls_sql[] =
  "SELECT c.* FROM funding_calls c WHERE c.id IN"
  "  (SELECT cn.call_id FROM json_each (?1) j JOIN call_nodes cn ON cn.node_id = j.key)"
  " ORDER BY c.title, c.id";

/* Each project once, however many nodes of the chain it is linked to. */
static const char funding_sql[] =
  "SELECT f.source, sum (f.amount) AS amount FROM project_funding f"
  " WHERE f.project_id IN"
  "  (SELECT pn.project_id FROM json_each (?1) j"
  "    JOIN project_nodes pn ON pn.node_id = j.key)"
  " GROUP BY f.source ORDER BY amount DESC, f.source";

static const char indicators_where[] =
  "i.id IN (SELECT ni.indicator_id FROM json_each (?1) j"
  "  JOIN node_indicators ni ON ni.node_id = j.key)";

static void
funding_sum_free (gpointer data)
{
  MbFundingSum *sum = data;

  g_free (sum->source);
  g_free (sum);
}

void
mb_contributions_free (MbContributions *self)
{
  if (self == NULL)
    return;

  g_free (self->node_id);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->calls, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->funding, g_ptr_array_unref);
  g_free (self);
}

/* The chain of @node_id in @direction as {id: distance}, the node itself
 * with distance 0. Inside an action the store has no index (it would not
 * see the uncommitted changes), so one is built for this query. */
static char *
chain_json (MbStore                   *store,
            const char                *node_id,
            MbContributionsDirection   direction,
            guint                     *n_chain,
            GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree const char **ids = NULL;
  g_autofree guint *distances = NULL;
  MbChainIndex *index;
  MbChainIndex *own = NULL;
  guint n_ids = 0;

  index = _mb_store_get_chain_index (store, &local_error);
  if (index == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      index = own = _mb_chain_index_build (mb_store_get_db (store), error);
      if (index == NULL)
        return NULL;
    }
  if (!_mb_chain_index_query_distances (index, node_id, MB_CHAIN_INCLUDE_TREE,
                                        direction == MB_CONTRIBUTIONS_UP, &ids, &distances,
                                        &n_ids))
    {
      g_clear_pointer (&own, _mb_chain_index_free);
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no node with id “%s”"), node_id);
      return NULL;
    }

  /* Compact, as each query parses it again. */
  out = g_string_sized_new (48 * (n_ids + 1));
  g_string_append_c (out, '{');
  mb_json_append_string (out, node_id, -1);
  g_string_append (out, ":0");
  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append_c (out, ',');
      mb_json_append_string (out, ids[i], -1);
      g_string_append_printf (out, ":%u", distances[i]);
    }
  g_string_append_c (out, '}');
  *n_chain = n_ids;
  /* The ids are the index's. */
  g_clear_pointer (&own, _mb_chain_index_free);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GPtrArray *
query_funding (sqlite3     *db,
               const char  *chain,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, funding_sql, error);
  g_autoptr(GPtrArray) funding = g_ptr_array_new_with_free_func (funding_sum_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, chain, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbFundingSum *sum = g_new0 (MbFundingSum, 1);

      sum->source = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sum->amount = sqlite3_column_double (stmt, 1);
      g_ptr_array_add (funding, sum);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&funding);
}

/* Order */

/* A node or a strategy, for ranking in depth-first order. The strings are
 * borrowed from a record, or owned when @owned. */
typedef struct
{
  const char *id;
  const char *parent_id;
  gint64      position;
  guint       rank;
  gboolean    owned;
  GPtrArray  *children;  /* borrowed items, or NULL */
} TreeItem;

static void
tree_item_free (gpointer data)
{
  TreeItem *item = data;

  if (item->owned)
    {
      g_free ((char *) item->id);
      g_free ((char *) item->parent_id);
    }
  g_clear_pointer (&item->children, g_ptr_array_unref);
  g_free (item);
}

static int
compare_siblings (gconstpointer a,
                  gconstpointer b)
{
  const TreeItem *x = *(TreeItem * const *) a, *y = *(TreeItem * const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return strcmp (x->id, y->id);
}

/* Numbers the items of @items (found by id in @by_id) depth-first from the
 * roots (items whose parent is not among them), children in the order of
 * @sort (NULL = as listed). Items that no root reaches (a cycle) come last,
 * as listed. */
static void
rank_depth_first (GPtrArray        *items,
                  GHashTable       *by_id,
                  GCompareFunc      sort)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint rank = 0;

  for (guint i = 0; i < items->len; i++)
    ((TreeItem *) items->pdata[i])->rank = G_MAXUINT;
  for (guint i = 0; i < items->len; i++)
    {
      TreeItem *item = items->pdata[i];
      TreeItem *parent = item->parent_id ? g_hash_table_lookup (by_id, item->parent_id) : NULL;

      if (parent == NULL)
        g_ptr_array_add (roots, item);
      else
        {
          if (parent->children == NULL)
            parent->children = g_ptr_array_new ();
          g_ptr_array_add (parent->children, item);
        }
    }
  if (sort != NULL)
    {
      g_ptr_array_sort (roots, sort);
      for (guint i = 0; i < items->len; i++)
        {
          TreeItem *item = items->pdata[i];

          if (item->children != NULL)
            g_ptr_array_sort (item->children, sort);
        }
    }

  /* Pushed in reverse, so that the first child is visited first. */
  for (guint i = roots->len; i > 0; i--)
    g_ptr_array_add (stack, roots->pdata[i - 1]);
  while (stack->len > 0)
    {
      TreeItem *item = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      item->rank = rank++;
      for (guint i = item->children ? item->children->len : 0; i > 0; i--)
        g_ptr_array_add (stack, item->children->pdata[i - 1]);
    }
  for (guint i = 0; i < items->len; i++)
    {
      TreeItem *item = items->pdata[i];

      if (item->rank == G_MAXUINT)
        item->rank = rank++;
    }
}

static GHashTable *
items_by_id (GPtrArray *items)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (by_id, (char *) ((TreeItem *) items->pdata[i])->id, items->pdata[i]);
  return by_id;
}

/* TreeItems from the rows (id, parent_id[, position]) of @sql, whose ?1
 * is @arg if not NULL. */
static GPtrArray *
read_tree_items (sqlite3     *db,
                 const char  *sql,
                 const char  *arg,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (tree_item_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TreeItem *item = g_new0 (TreeItem, 1);

      item->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      item->parent_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->owned = TRUE;
      if (sqlite3_column_count (stmt) > 2)
        item->position = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

typedef struct
{
  guint     strategy;
  guint     node;
  MbRecord *record;
} SortKey;

static guint
rank_of (GHashTable *by_id,
         const char *id)
{
  TreeItem *item = id ? g_hash_table_lookup (by_id, id) : NULL;

  return item ? item->rank : G_MAXUINT;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->strategy != y->strategy)
    return x->strategy < y->strategy ? -1 : 1;
  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  return strcmp (mb_record_get_id (x->record), mb_record_get_id (y->record));
}

/* Adds the parents of @items[@from…] that are not in @by_id to @missing. */
static void
collect_missing_parents (GPtrArray  *items,
                         guint       from,
                         GHashTable *by_id,
                         GHashTable *missing)
{
  for (guint i = from; i < items->len; i++)
    {
      TreeItem *item = items->pdata[i];

      if (item->parent_id != NULL && !g_hash_table_contains (by_id, item->parent_id))
        g_hash_table_add (missing, (char *) item->parent_id);
    }
}

/* Sorts @nodes by strategy, in the order of the strategy tree (depth-first,
 * siblings by position and title), and each strategy's nodes in tree order
 * (depth-first, siblings by position). The order of a subset of a tree
 * needs only the subset and its ancestors: those not in @nodes are read a
 * generation at a time. */
static gboolean
sort_nodes (GPtrArray   *nodes,
            sqlite3     *db,
            GError     **error)
{
  g_autoptr(GPtrArray) strategy_items = NULL;
  g_autoptr(GPtrArray) node_items = g_ptr_array_new_with_free_func (tree_item_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) strategies = NULL;
  g_autofree SortKey *keys = NULL;
  guint from = 0;

  if (nodes->len < 2)
    return TRUE;
  strategy_items = read_tree_items (db, strategies_sql, NULL, error);
  if (strategy_items == NULL)
    return FALSE;

  for (guint i = 0; i < nodes->len; i++)
    {
      TreeItem *item = g_new0 (TreeItem, 1);

      item->id = mb_record_get_id (nodes->pdata[i]);
      item->parent_id = mb_record_get_string (nodes->pdata[i], "parent_id");
      item->position = mb_record_get_int (nodes->pdata[i], "position");
      g_ptr_array_add (node_items, item);
      g_hash_table_insert (by_id, (char *) item->id, item);
    }
  while (from < node_items->len)
    {
      g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) read = NULL;
      g_autoptr(GString) json = NULL;
      g_autoptr(MbJsonWriter) writer = NULL;
      GHashTableIter iter;
      gpointer id;

      collect_missing_parents (node_items, from, by_id, missing);
      from = node_items->len;
      if (g_hash_table_size (missing) == 0)
        break;
      json = g_string_new (NULL);
      writer = mb_json_writer_new (json);
      mb_json_writer_begin_array (writer);
      g_hash_table_iter_init (&iter, missing);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        mb_json_writer_string (writer, id, -1);
      mb_json_writer_end_array (writer);
      read = read_tree_items (db, ancestors_sql, json->str, error);
      if (read == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (node_items, g_steal_pointer (&read));
      for (guint i = from; i < node_items->len; i++)
        g_hash_table_insert (by_id, (char *) ((TreeItem *) node_items->pdata[i])->id,
                             node_items->pdata[i]);
    }

  strategies = items_by_id (strategy_items);
  rank_depth_first (strategy_items, strategies, NULL);
  rank_depth_first (node_items, by_id, compare_siblings);
  keys = g_new (SortKey, nodes->len);
  for (guint i = 0; i < nodes->len; i++)
    {
      keys[i].record = nodes->pdata[i];
      keys[i].strategy = rank_of (strategies, mb_record_get_string (keys[i].record,
                                                                    "strategy_id"));
      keys[i].node = ((TreeItem *) node_items->pdata[i])->rank;
    }
  qsort (keys, nodes->len, sizeof (SortKey), compare_keys);
  for (guint i = 0; i < nodes->len; i++)
    nodes->pdata[i] = keys[i].record;
  return TRUE;
}

/* What is linked to the chain: its projects, calls, indicators and funding. */
typedef struct
{
  GPtrArray *projects;
  GPtrArray *calls;
  GPtrArray *indicators;
  GPtrArray *funding;
} Linked;

static void
linked_clear (Linked *linked)
{
  g_clear_pointer (&linked->projects, g_ptr_array_unref);
  g_clear_pointer (&linked->calls, g_ptr_array_unref);
  g_clear_pointer (&linked->indicators, g_ptr_array_unref);
  g_clear_pointer (&linked->funding, g_ptr_array_unref);
}

static gboolean
read_linked (sqlite3     *db,
             const char  *chain,
             Linked      *linked,
             GError     **error)
{
  return (linked->projects = _mb_store_query_records (db, error, "projects", projects_sql,
                                                      "s", chain)) != NULL
         && (linked->calls = _mb_store_query_records (db, error, "funding_calls", calls_sql,
                                                      "s", chain)) != NULL
         && (linked->indicators = _mb_store_query_indicator_statuses (db, error,
                                                                      indicators_where,
                                                                      "s", chain)) != NULL
         && (linked->funding = query_funding (db, chain, error)) != NULL;
}

/* A chain shorter than this is read on the store's connection alone: a
 * connection of its own would take longer to open than the half it saves. */
static guint side_read_min = 500;
/* Side reads whose result was taken, for tests. */
static guint n_side_reads;

/* The hold of _mb_contributions_hold_side_reads(), for tests. */
static GMutex side_mutex;
static GCond side_cond;
static gboolean side_hold;
static gboolean side_held;

typedef struct
{
  char         *path;
  MbStoreFiles  files;
  const char   *chain;   /* the caller's, who waits for the thread */
  Linked        linked;
  GError       *error;
  gboolean      done;    /* under side_mutex */
} SideRead;

static void
side_read_thread (gpointer data,
                  gpointer user_data)
{
  SideRead *side = data;
  sqlite3 *db = _mb_store_open_reader (side->path, &side->files, NULL, &side->error);

  if (db != NULL && _mb_store_exec (db, &side->error, "BEGIN", NULL))
    {
      if (read_linked (db, side->chain, &side->linked, &side->error))
        {
          g_mutex_lock (&side_mutex);
          side_held = side_hold;
          g_cond_broadcast (&side_cond);
          while (side_hold)
            g_cond_wait (&side_cond, &side_mutex);
          side_held = FALSE;
          g_mutex_unlock (&side_mutex);
        }
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  sqlite3_close (db);

  g_mutex_lock (&side_mutex);
  side->done = TRUE;
  g_cond_broadcast (&side_cond);
  g_mutex_unlock (&side_mutex);
}

/* One thread, kept: what it allocates comes from the same arena of the C
 * library's every time, which a new thread's first use would keep more of. */
static gboolean
side_read_start (SideRead  *side,
                 GError   **error)
{
  static gsize once;
  static GThreadPool *pool;

  if (g_once_init_enter (&once))
    {
      pool = g_thread_pool_new (side_read_thread, NULL, 1, TRUE, NULL);
      g_once_init_leave (&once, 1);
    }
  if (pool == NULL)
    {
      g_set_error_literal (error, G_THREAD_ERROR, G_THREAD_ERROR_AGAIN,
                           "No thread could be started");
      return FALSE;
    }
  return g_thread_pool_push (pool, side, error);
}

static void
side_read_wait (SideRead *side)
{
  g_mutex_lock (&side_mutex);
  while (!side->done)
    g_cond_wait (&side_cond, &side_mutex);
  g_mutex_unlock (&side_mutex);
}

static void
side_read_free (SideRead *side)
{
  g_free (side->path);
  linked_clear (&side->linked);
  g_clear_error (&side->error);
  g_free (side);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SideRead, side_read_free)

/* Reads @result's nodes, in @chain, and what is linked to them, in one
 * read transaction of @db's (or in the action's it is in); with @side, if
 * not NULL, the linked half in its thread at the same time. */
static gboolean
fill (MbContributions  *result,
      sqlite3          *db,
      const char       *chain,
      SideRead         *side,
      GError          **error)
{
  g_autoptr(GError) side_error = NULL;
  gboolean side_running = FALSE;
  Linked linked = { NULL };
  gboolean own_transaction = sqlite3_get_autocommit (db);
  gint64 data_version = 0;
  gboolean ok;

  /* Read outside a transaction, where it is brought up to date. */
  if (side != NULL)
    data_version = _mb_store_query_int (db, "PRAGMA data_version", NULL);
  if (own_transaction && !_mb_store_exec (db, error, "BEGIN", NULL))
    return FALSE;
  if (side != NULL && !(side_running = side_read_start (side, &side_error)))
    {
      g_debug ("Contributions read on the store's connection alone: %s", side_error->message);
      side = NULL;
    }

  result->nodes = _mb_store_query_records (db, error, "nodes", nodes_sql, "s", chain);
  ok = result->nodes != NULL && sort_nodes (result->nodes, db, error);
  if (side_running)
    side_read_wait (side);
  else if (ok)
    ok = read_linked (db, chain, &linked, error);
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (ok && side != NULL)
    {
      /* Both read the same library, unless another connection committed
       * since the first version was read. */
      if (side->error != NULL
          || _mb_store_query_int (db, "PRAGMA data_version", NULL) != data_version)
        {
          g_debug ("Contributions read again on the store's connection: %s",
                   side->error != NULL ? side->error->message : "the library changed");
          g_clear_pointer (&result->nodes, g_ptr_array_unref);
          return fill (result, db, chain, NULL, error);
        }
      linked = side->linked;
      side->linked = (Linked) { NULL };
      n_side_reads++;
    }
  if (!ok)
    {
      linked_clear (&linked);
      return FALSE;
    }

  result->projects = linked.projects;
  result->calls = linked.calls;
  result->indicators = linked.indicators;
  result->funding = linked.funding;
  for (guint i = 0; i < result->projects->len; i++)
    {
      double budget = mb_record_get_double (result->projects->pdata[i], "total_budget");

      if (!isnan (budget))
        result->budget_total += budget;
    }
  for (guint i = 0; i < result->funding->len; i++)
    result->funding_total += ((MbFundingSum *) result->funding->pdata[i])->amount;
  return TRUE;
}

MbContributions *
mb_store_query_contributions (MbStore                   *self,
                              const char                *node_id,
                              MbContributionsDirection   direction,
                              GError                   **error)
{
  g_autoptr(MbContributions) result = NULL;
  g_autofree char *chain = NULL;
  guint n_chain = 0;
  g_autoptr(SideRead) side = NULL;
  MbStoreFiles files;
  const char *path;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (node_id != NULL, NULL);
  g_return_val_if_fail (direction == MB_CONTRIBUTIONS_DOWN || direction == MB_CONTRIBUTIONS_UP,
                        NULL);

  chain = chain_json (self, node_id, direction, &n_chain, error);
  if (chain == NULL)
    return NULL;

  result = g_new0 (MbContributions, 1);
  result->node_id = g_strdup (node_id);
  result->direction = direction;

  /* Inside an action, nothing but the store's connection sees its changes. */
  db = mb_store_get_db (self);
  if (n_chain >= side_read_min && sqlite3_get_autocommit (db)
      && (path = _mb_store_get_reader_file (self, &files)) != NULL)
    {
      side = g_new0 (SideRead, 1);
      side->path = g_strdup (path);
      side->files = files;
      side->chain = chain;
    }
  ok = fill (result, db, chain, side, error);
  if (!ok)
    return NULL;
  return g_steal_pointer (&result);
}

guint
_mb_contributions_set_side_read_min (guint n_chain)
{
  guint old = side_read_min;

  side_read_min = n_chain;
  return old;
}

guint
_mb_contributions_n_side_reads (void)
{
  return n_side_reads;
}

void
_mb_contributions_hold_side_reads (gboolean hold)
{
  g_mutex_lock (&side_mutex);
  side_hold = hold;
  g_cond_broadcast (&side_cond);
  g_mutex_unlock (&side_mutex);
}

void
_mb_contributions_wait_side_read_held (void)
{
  g_mutex_lock (&side_mutex);
  while (!side_held)
    g_cond_wait (&side_cond, &side_mutex);
  g_mutex_unlock (&side_mutex);
}

/* Exports */

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value) && isfinite (value))
    g_string_append (out, mb_json_format_double (buf, value));
}

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its
 * quotes doubled. */
static void
append_text (GString    *out,
             const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

/* One line: kind,id,title,strategy,level,distance,budget,funding,progress. */
static void
append_row (GString    *out,
            const char *kind,
            const char *id,
            const char *title,
            const char *strategy,
            const char *level,
            gint64      distance,
            double      budget,
            double      funding,
            double      progress)
{
  append_text (out, kind);
  g_string_append_c (out, ',');
  append_text (out, id);
  g_string_append_c (out, ',');
  append_text (out, title);
  g_string_append_c (out, ',');
  append_text (out, strategy);
  g_string_append_c (out, ',');
  append_text (out, level);
  g_string_append_c (out, ',');
  if (distance > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, distance);
  g_string_append_c (out, ',');
  append_number (out, budget);
  g_string_append_c (out, ',');
  append_number (out, funding);
  g_string_append_c (out, ',');
  append_number (out, progress);
  g_string_append (out, "\r\n");
}

char *
mb_contributions_to_csv (const MbContributions *self)
{
  g_autoptr(GString) out = g_string_new ("kind,id,title,strategy,level,distance,budget,"
                                         "funding,progress\r\n");

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      MbRecord *node = self->nodes->pdata[i];

      append_row (out, "node", mb_record_get_id (node), mb_record_get_title (node),
                  mb_record_get_string (node, "strategy_title"),
                  mb_record_get_string (node, "level_name"),
                  mb_record_get_int (node, "distance"), NAN, NAN, NAN);
    }
  for (guint i = 0; i < self->projects->len; i++)
    {
      MbRecord *project = self->projects->pdata[i];

      append_row (out, "project", mb_record_get_id (project), mb_record_get_title (project),
                  NULL, NULL, 0, mb_record_get_double (project, "total_budget"),
                  mb_record_get_double (project, "funding"), NAN);
    }
  for (guint i = 0; i < self->calls->len; i++)
    {
      MbRecord *call = self->calls->pdata[i];

      append_row (out, "call", mb_record_get_id (call), mb_record_get_title (call),
                  NULL, NULL, 0, mb_record_get_double (call, "budget"), NAN, NAN);
    }
  for (guint i = 0; i < self->indicators->len; i++)
    {
      MbIndicatorStatus *status = self->indicators->pdata[i];

      append_row (out, "indicator", status->indicator_id, status->title, NULL, NULL, 0,
                  NAN, NAN, status->progress);
    }
  for (guint i = 0; i < self->funding->len; i++)
    {
      MbFundingSum *sum = self->funding->pdata[i];

      append_row (out, "funding", NULL, sum->source, NULL, NULL, 0, NAN, sum->amount, NAN);
    }
  append_row (out, "total", NULL, NULL, NULL, NULL, 0, self->budget_total, self->funding_total,
              NAN);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
write_text (MbJsonWriter *writer,
            const char   *key,
            const char   *value)
{
  mb_json_writer_key (writer, key);
  if (value != NULL)
    mb_json_writer_string (writer, value, -1);
  else
    mb_json_writer_null (writer);
}

static void
write_number (MbJsonWriter *writer,
              const char   *key,
              double        value)
{
  mb_json_writer_key (writer, key);
  if (!isnan (value) && isfinite (value))
    mb_json_writer_double (writer, value);
  else
    mb_json_writer_null (writer);
}

static void
write_year (MbJsonWriter *writer,
            const char   *key,
            int           year)
{
  mb_json_writer_key (writer, key);
  if (year != 0)
    mb_json_writer_int (writer, year);
  else
    mb_json_writer_null (writer);
}

char *
mb_contributions_to_json (const MbContributions *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(MbJsonWriter) writer = mb_json_writer_new (out);

  g_return_val_if_fail (self != NULL, NULL);

  mb_json_writer_begin_object (writer);
  write_text (writer, "node", self->node_id);
  write_text (writer, "direction", self->direction == MB_CONTRIBUTIONS_UP ? "up" : "down");

  mb_json_writer_key (writer, "nodes");
  mb_json_writer_begin_array (writer);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      MbRecord *node = self->nodes->pdata[i];

      mb_json_writer_begin_object (writer);
      write_text (writer, "id", mb_record_get_id (node));
      write_text (writer, "title", mb_record_get_title (node));
      write_text (writer, "code", mb_record_get_string (node, "code"));
      write_text (writer, "strategy_id", mb_record_get_string (node, "strategy_id"));
      write_text (writer, "strategy", mb_record_get_string (node, "strategy_title"));
      write_text (writer, "level", mb_record_get_string (node, "level_name"));
      mb_json_writer_key (writer, "distance");
      mb_json_writer_int (writer, mb_record_get_int (node, "distance"));
      mb_json_writer_end_object (writer);
    }
  mb_json_writer_end_array (writer);

  mb_json_writer_key (writer, "projects");
  mb_json_writer_begin_array (writer);
  for (guint i = 0; i < self->projects->len; i++)
    {
      MbRecord *project = self->projects->pdata[i];

      mb_json_writer_begin_object (writer);
      write_text (writer, "id", mb_record_get_id (project));
      write_text (writer, "title", mb_record_get_title (project));
      write_text (writer, "registration_number",
                  mb_record_get_string (project, "registration_number"));
      write_text (writer, "status", mb_record_get_string (project, "status"));
      write_number (writer, "total_budget", mb_record_get_double (project, "total_budget"));
      write_number (writer, "funding", mb_record_get_double (project, "funding"));
      mb_json_writer_end_object (writer);
    }
  mb_json_writer_end_array (writer);

  mb_json_writer_key (writer, "calls");
  mb_json_writer_begin_array (writer);
  for (guint i = 0; i < self->calls->len; i++)
    {
      MbRecord *call = self->calls->pdata[i];

      mb_json_writer_begin_object (writer);
      write_text (writer, "id", mb_record_get_id (call));
      write_text (writer, "title", mb_record_get_title (call));
      write_text (writer, "funder", mb_record_get_string (call, "funder"));
      write_text (writer, "status", mb_record_get_string (call, "status"));
      write_number (writer, "budget", mb_record_get_double (call, "budget"));
      mb_json_writer_end_object (writer);
    }
  mb_json_writer_end_array (writer);

  mb_json_writer_key (writer, "indicators");
  mb_json_writer_begin_array (writer);
  for (guint i = 0; i < self->indicators->len; i++)
    {
      MbIndicatorStatus *status = self->indicators->pdata[i];

      mb_json_writer_begin_object (writer);
      write_text (writer, "id", status->indicator_id);
      write_text (writer, "title", status->title);
      write_text (writer, "unit", status->unit);
      write_text (writer, "reference", status->reference);
      write_number (writer, "baseline", status->baseline);
      write_year (writer, "baseline_year", status->baseline_year);
      write_number (writer, "latest", status->latest);
      write_text (writer, "latest_period", status->latest_period);
      write_number (writer, "target", status->target);
      write_year (writer, "target_year", status->target_year);
      write_number (writer, "progress", status->progress);
      mb_json_writer_end_object (writer);
    }
  mb_json_writer_end_array (writer);

  mb_json_writer_key (writer, "funding");
  mb_json_writer_begin_array (writer);
  for (guint i = 0; i < self->funding->len; i++)
    {
      MbFundingSum *sum = self->funding->pdata[i];

      mb_json_writer_begin_object (writer);
      write_text (writer, "source", sum->source);
      write_number (writer, "amount", sum->amount);
      mb_json_writer_end_object (writer);
    }
  mb_json_writer_end_array (writer);

  write_number (writer, "budget_total", self->budget_total);
  write_number (writer, "funding_total", self->funding_total);
  mb_json_writer_end_object (writer);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Goal conflicts */

GPtrArray *
mb_store_query_conflicts (MbStore     *self,
                          const char  *strategy_id,
                          GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (MB_IS_STORE (self), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  db = mb_store_get_db (self);
  if (_mb_store_query_int (db, "SELECT count(*) FROM strategies WHERE id = ?",
                           "s", strategy_id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no strategy with id “%s”"), strategy_id);
      return NULL;
    }
  return _mb_store_query_records (db, error, "links",
    "SELECT l.*, a.title AS from_title, b.title AS to_title,"
    "  sa.title AS from_strategy_title, sb.title AS to_strategy_title"
    " FROM links l"
    " JOIN nodes a ON a.id = l.from_node_id JOIN strategies sa ON sa.id = a.strategy_id"
    " JOIN nodes b ON b.id = l.to_node_id JOIN strategies sb ON sb.id = b.strategy_id"
    " WHERE l.kind = 'conflicts-with' AND (a.strategy_id = ?1 OR b.strategy_id = ?1)"
    " ORDER BY a.title, b.title, l.id", "s", strategy_id);
}
