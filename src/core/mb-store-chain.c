/* mb-store-chain.c – a node's chain up and down, from an in-memory index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas highlights a node's whole chain on every selection, and the
 * recursive SQL for it visits thousands of rows through B-tree lookups each
 * time. The index holds the contributes-to graph and the node tree as arrays
 * of integers (compressed adjacency lists), so a chain is a breadth-first
 * search over memory. The store keeps it current (mb-store-chain-cache.c):
 * built in a thread, and brought up to date by the store's own commits
 * from the rows their undo-log entries name.
 */

#include "config.h"

#include <string.h>

#include "mb-store-private.h"
#include "mb-store-undo-log.h"

/* No parent. */
#define NO_NODE G_MAXUINT

/* One relation as compressed adjacency: the neighbours of node i are
 * targets[starts[i]] … targets[starts[i + 1] - 1]. */
typedef struct
{
  guint *starts;
  guint *targets;
} Adjacency;

/* A node is a slot. A node deleted by an update keeps its slot, without
 * edges and out of by_id; a new one gets a slot at the end, where a fresh
 * build would put it too (the table's order). */
struct _MbChainIndex
{
  guint        n_nodes;    /* slots */
  guint        room;       /* of the per-slot arrays live and parents */
  GPtrArray   *ids;        /* slot → node id */
  GHashTable  *by_id;      /* node id (borrowed from ids) → slot + 1, live nodes */
  guint8      *live;       /* per slot */
  guint       *parents;    /* per slot, its parent's slot or NO_NODE */
  GArray      *links;      /* (from, to) slot pairs of the contributes-to links */
  Adjacency    up;         /* contributes to */
  Adjacency    down;       /* is contributed to by */
  Adjacency    parent;     /* at most one each */
  Adjacency    children;
  guint       *seen;       /* per slot, the query that last reached it */
  guint        query;
};

static void
adjacency_clear (Adjacency *adj)
{
  g_clear_pointer (&adj->starts, g_free);
  g_clear_pointer (&adj->targets, g_free);
}

/* Builds the adjacency of @n nodes from @pairs (from, to), by counting. */
static void
adjacency_build (Adjacency *adj,
                 guint      n,
                 GArray    *pairs,
                 gboolean   reverse)
{
  const guint *p = (const guint *) pairs->data;
  guint n_pairs = pairs->len / 2;
  g_autofree guint *fill = g_new0 (guint, n + 1);

  adj->starts = g_new0 (guint, n + 1);
  adj->targets = g_new (guint, MAX (n_pairs, 1));
  for (guint i = 0; i < n_pairs; i++)
    adj->starts[p[2 * i + (reverse ? 1 : 0)] + 1]++;
  for (guint i = 0; i < n; i++)
    adj->starts[i + 1] += adj->starts[i];
  memcpy (fill, adj->starts, (n + 1) * sizeof (guint));
  for (guint i = 0; i < n_pairs; i++)
    {
      guint from = p[2 * i + (reverse ? 1 : 0)], to = p[2 * i + (reverse ? 0 : 1)];

      adj->targets[fill[from]++] = to;
    }
}

static gboolean
lookup (MbChainIndex *self,
        const char   *id,
        guint        *slot)
{
  gpointer value = id ? g_hash_table_lookup (self->by_id, id) : NULL;

  if (value == NULL)
    return FALSE;
  *slot = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/* Ids are UUIDs: 36 characters, hashed a word at a time (g_str_hash goes
 * byte by byte, and was a quarter of the build). */
static guint
id_hash (gconstpointer key)
{
  const char *s = key;
  gsize len = strlen (s);
  guint64 h = 0xcbf29ce484222325ull ^ len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, s + i, sizeof word);
      h = (h ^ word) * 0x100000001b3ull;
      h ^= h >> 29;
    }
  for (; i < len; i++)
    h = (h ^ (guchar) s[i]) * 0x100000001b3ull;
  return (guint) (h ^ (h >> 32));
}

static MbChainIndex *
index_new (void)
{
  MbChainIndex *self = g_new0 (MbChainIndex, 1);

  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->by_id = g_hash_table_new (id_hash, g_str_equal);
  self->links = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

/* A new live slot for @id, with no parent. */
static guint
add_node (MbChainIndex *self,
          const char   *id)
{
  guint slot = self->ids->len;
  char *copy = g_strdup (id);

  g_ptr_array_add (self->ids, copy);
  g_hash_table_insert (self->by_id, copy, GUINT_TO_POINTER (slot + 1));
  self->n_nodes = self->ids->len;
  if (self->n_nodes > self->room)
    {
      self->room = MAX (self->room * 2, 64);
      self->live = g_renew (guint8, self->live, self->room);
      self->parents = g_renew (guint, self->parents, self->room);
    }
  self->live[slot] = TRUE;
  self->parents[slot] = NO_NODE;
  return slot;
}

/* The adjacencies and the marks, from the parents and the links: after a
 * build, and again after each update. Edges of removed nodes are left out. */
static void
index_link (MbChainIndex *self)
{
  guint n = self->n_nodes;
  g_autoptr(GArray) tree = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    if (self->live[i] && self->parents[i] != NO_NODE && self->live[self->parents[i]])
      {
        guint pair[2] = { i, self->parents[i] };

        g_array_append_vals (tree, pair, 2);
      }
  adjacency_clear (&self->up);
  adjacency_clear (&self->down);
  adjacency_clear (&self->parent);
  adjacency_clear (&self->children);
  adjacency_build (&self->up, n, self->links, FALSE);
  adjacency_build (&self->down, n, self->links, TRUE);
  adjacency_build (&self->parent, n, tree, FALSE);
  adjacency_build (&self->children, n, tree, TRUE);
  g_free (self->seen);
  self->seen = g_new0 (guint, MAX (n, 1));
  self->query = 0;
}

/* Reads the (from, to) pairs of @sql into self->links. A row naming an
 * unknown node cannot happen under the foreign keys, and is skipped if it
 * does. */
static gboolean
read_links (MbChainIndex  *self,
            sqlite3       *db,
            const char    *sql,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint pair[2];

      if (lookup (self, (const char *) sqlite3_column_text (stmt, 0), &pair[0]) &&
          lookup (self, (const char *) sqlite3_column_text (stmt, 1), &pair[1]))
        g_array_append_vals (self->links, pair, 2);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

MbChainIndex *
_mb_chain_index_build (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);
  MbChainIndex *self;
  int rc;

  /* One pass over the nodes; parents are resolved once all ids are known. */
  stmt = _mb_store_prepare (db, "SELECT id, parent_id FROM nodes", error);
  if (stmt == NULL)
    return NULL;
  self = index_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      add_node (self, (const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (parents, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      _mb_chain_index_free (self);
      return NULL;
    }
  for (guint i = 0; i < parents->len; i++)
    if (!lookup (self, parents->pdata[i], &self->parents[i]))
      self->parents[i] = NO_NODE;

  if (!read_links (self, db, "SELECT from_node_id, to_node_id FROM links"
                             " WHERE kind = 'contributes-to'", error))
    {
      _mb_chain_index_free (self);
      return NULL;
    }
  index_link (self);
  return self;
}

void
_mb_chain_index_free (MbChainIndex *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->live, g_free);
  g_clear_pointer (&self->parents, g_free);
  adjacency_clear (&self->up);
  adjacency_clear (&self->down);
  adjacency_clear (&self->parent);
  adjacency_clear (&self->children);
  g_clear_pointer (&self->seen, g_free);
  g_free (self);
}

/* Updates */

/* What a commit's log entries name, read again as the commit left it, and
 * the statements that read it. */
typedef struct
{
  GHashTable   *nodes;      /* node id → its parent's id ("" for none), or NULL: gone */
  GHashTable   *froms;      /* node id → GPtrArray of the ids its links contribute to */
  sqlite3_stmt *node;
  sqlite3_stmt *from;
  sqlite3_stmt *link;
} Changes;

static void
changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->nodes, g_hash_table_unref);
  g_clear_pointer (&changes->froms, g_hash_table_unref);
  g_clear_pointer (&changes->node, sqlite3_finalize);
  g_clear_pointer (&changes->from, sqlite3_finalize);
  g_clear_pointer (&changes->link, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Changes, changes_clear)

/* Steps @stmt, bound to @id, to its first row; FALSE with @error set on an
 * error, else *@row says whether there is one. */
static gboolean
step_first (sqlite3       *db,
            sqlite3_stmt  *stmt,
            const char    *id,
            gboolean      *row,
            GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  *row = rc == SQLITE_ROW;
  return TRUE;
}

/* @id's row as it is now, into changes->nodes. */
static gboolean
read_node (Changes     *changes,
           sqlite3     *db,
           const char  *id,
           GError     **error)
{
  gboolean row;

  if (id == NULL || g_hash_table_contains (changes->nodes, id))
    return TRUE;
  if (!step_first (db, changes->node, id, &row, error))
    return FALSE;
  g_hash_table_insert (changes->nodes, g_strdup (id),
                       row ? g_strdup ((const char *) sqlite3_column_text (changes->node, 0))
                           : NULL);
  return TRUE;
}

/* The contributes-to links from @id as they are now, into changes->froms. */
static gboolean
read_from (Changes     *changes,
           sqlite3     *db,
           const char  *id,
           GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  gboolean row;
  int rc;

  if (id == NULL || g_hash_table_contains (changes->froms, id))
    return TRUE;
  if (!step_first (db, changes->from, id, &row, error))
    return FALSE;
  targets = g_ptr_array_new_with_free_func (g_free);
  for (rc = row ? SQLITE_ROW : SQLITE_DONE; rc == SQLITE_ROW; rc = sqlite3_step (changes->from))
    g_ptr_array_add (targets, g_strdup ((const char *) sqlite3_column_text (changes->from, 0)));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  g_hash_table_insert (changes->froms, g_strdup (id), g_steal_pointer (&targets));
  return TRUE;
}

/* Reads what entries @first..@last changed of nodes and links. An entry is
 * one row's change: its key (the id it has now) and, for an update or a
 * deletion, its old values. Each node named (by its id then and now) is
 * read again, and for each link, the nodes it left from then and leaves
 * from now: their contributes-to links are read whole. FALSE without
 * @error when the entries cannot tell: a batch's set of new rows. */
static gboolean
read_changes (Changes     *changes,
              sqlite3     *db,
              gint64       first,
              gint64       last,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mb_store_prepare (db, "SELECT tbl = 'nodes', op, json_extract (key, '$.id'),"
                                "  json_extract (vals, '$.id'),"
                                "  json_extract (vals, '$.from_node_id')"
                                " FROM mb_undo_log WHERE seq BETWEEN ? AND ?"
                                "  AND tbl IN ('nodes', 'links')", error);
  if (stmt == NULL ||
      !(changes->node = _mb_store_prepare (db, "SELECT coalesce (parent_id, '') FROM nodes"
                                               " WHERE id = ?", error)) ||
      !(changes->from = _mb_store_prepare (db, "SELECT to_node_id FROM links"
                                               " WHERE from_node_id = ?"
                                               "  AND kind = 'contributes-to'", error)) ||
      !(changes->link = _mb_store_prepare (db, "SELECT from_node_id FROM links WHERE id = ?",
                                           error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean node = sqlite3_column_int (stmt, 0);
      const char *op = (const char *) sqlite3_column_text (stmt, 1);
      const char *key_id = (const char *) sqlite3_column_text (stmt, 2);
      const char *old_id = (const char *) sqlite3_column_text (stmt, 3);
      const char *old_from = (const char *) sqlite3_column_text (stmt, 4);
      gboolean row;

      if (g_strcmp0 (op, MB_UNDO_OP_DELETE) != 0 && g_strcmp0 (op, MB_UNDO_OP_UPDATE) != 0 &&
          g_strcmp0 (op, MB_UNDO_OP_INSERT) != 0)
        return FALSE;
      if (node)
        {
          if (!read_node (changes, db, key_id, error) || !read_node (changes, db, old_id, error))
            return FALSE;
          continue;
        }
      if (!read_from (changes, db, old_from, error))
        return FALSE;
      if (key_id == NULL)
        continue;
      if (!step_first (db, changes->link, key_id, &row, error) ||
          (row && !read_from (changes, db, (const char *) sqlite3_column_text (changes->link, 0),
                              error)))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Puts @changes into the index: nodes first, so that parents and links
 * find the new ones. */
static void
apply_changes (MbChainIndex *self,
               Changes      *changes)
{
  g_autofree guint8 *from_changed = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint slot, k = 0;

  g_hash_table_iter_init (&iter, changes->nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean known = lookup (self, key, &slot);

      if (value != NULL && !known)
        add_node (self, key);
      else if (value == NULL && known)
        {
          g_hash_table_remove (self->by_id, key);
          self->live[slot] = FALSE;
          self->parents[slot] = NO_NODE;
        }
    }
  g_hash_table_iter_init (&iter, changes->nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL && lookup (self, key, &slot) &&
        !lookup (self, value, &self->parents[slot]))
      self->parents[slot] = NO_NODE;

  /* The links of a node read again replace all it had; links of removed
   * nodes go. */
  from_changed = g_new0 (guint8, MAX (self->n_nodes, 1));
  g_hash_table_iter_init (&iter, changes->froms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (lookup (self, key, &slot))
      from_changed[slot] = TRUE;
  for (guint i = 0; i + 1 < self->links->len; i += 2)
    {
      guint from = g_array_index (self->links, guint, i);
      guint to = g_array_index (self->links, guint, i + 1);

      if (!from_changed[from] && self->live[from] && self->live[to])
        {
          g_array_index (self->links, guint, k++) = from;
          g_array_index (self->links, guint, k++) = to;
        }
    }
  g_array_set_size (self->links, k);
  g_hash_table_iter_init (&iter, changes->froms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *targets = value;
      guint pair[2];

      if (!lookup (self, key, &pair[0]))
        continue;
      for (guint i = 0; i < targets->len; i++)
        if (lookup (self, targets->pdata[i], &pair[1]))
          g_array_append_vals (self->links, pair, 2);
    }

  index_link (self);
}

gboolean
_mb_chain_index_update (MbChainIndex  *self,
                        sqlite3       *db,
                        gint64         first,
                        gint64         last,
                        GError       **error)
{
  g_auto(Changes) changes = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref),
    NULL, NULL, NULL,
  };

  g_return_val_if_fail (self != NULL, FALSE);

  /* Everything is read before the index is touched. */
  if (!read_changes (&changes, db, first, last, error))
    return FALSE;
  apply_changes (self, &changes);
  return TRUE;
}

/* Breadth-first from @start along @links (and @tree if not NULL), in the
 * order the recursive SQL visits: a node's links, then its tree neighbours.
 * Fills @queue (room for every node) with the nodes reached, @start first,
 * and returns how many; marks them in self->seen with self->query; and if
 * @hops is not NULL (room for every node), sets the hops from @start of
 * each node reached. */
static guint
bfs (MbChainIndex    *self,
     guint            start,
     const Adjacency *links,
     const Adjacency *tree,
     guint           *queue,
     guint           *hops)
{
  guint head = 0, tail = 0;

  /* A fresh mark per walk; on wrap-around, forget all marks. */
  if (++self->query == 0)
    {
      memset (self->seen, 0, self->n_nodes * sizeof (guint));
      self->query = 1;
    }
  self->seen[start] = self->query;
  if (hops)
    hops[start] = 0;
  queue[tail++] = start;
  while (head < tail)
    {
      guint node = queue[head++];

      for (int pass = 0; pass < 2; pass++)
        {
          const Adjacency *adj = pass == 0 ? links : tree;

          if (adj == NULL)
            continue;
          for (guint k = adj->starts[node]; k < adj->starts[node + 1]; k++)
            {
              guint next = adj->targets[k];

              if (self->seen[next] != self->query)
                {
                  self->seen[next] = self->query;
                  if (hops)
                    hops[next] = hops[node] + 1;
                  queue[tail++] = next;
                }
            }
        }
    }
  return tail;
}

static GStrv
walk (MbChainIndex    *self,
      guint            start,
      const Adjacency *links,
      const Adjacency *tree)
{
  g_autofree guint *queue = g_new (guint, self->n_nodes);
  guint n = bfs (self, start, links, tree, queue, NULL);
  char **result = g_new (char *, n);

  /* The queue's first entry is the start itself, which is not its own chain. */
  for (guint i = 1; i < n; i++)
    result[i - 1] = g_strdup (self->ids->pdata[queue[i]]);
  result[n - 1] = NULL;
  return result;
}

gboolean
_mb_chain_index_query (MbChainIndex  *self,
                       const char    *node_id,
                       MbChainFlags   flags,
                       GStrv         *up,
                       GStrv         *down)
{
  gboolean tree = (flags & MB_CHAIN_INCLUDE_TREE) != 0;
  guint start;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!lookup (self, node_id, &start))
    return FALSE;
  if (up)
    *up = walk (self, start, &self->up, tree ? &self->parent : NULL);
  if (down)
    *down = walk (self, start, &self->down, tree ? &self->children : NULL);
  return TRUE;
}

gboolean
_mb_chain_index_query_distances (MbChainIndex  *self,
                                 const char    *node_id,
                                 MbChainFlags   flags,
                                 gboolean       up,
                                 const char  ***ids,
                                 guint        **distances,
                                 guint         *n_ids)
{
  gboolean tree = (flags & MB_CHAIN_INCLUDE_TREE) != 0;
  g_autofree guint *queue = NULL;
  g_autofree guint *hops = NULL;
  guint start, n, k = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ids != NULL && distances != NULL && n_ids != NULL, FALSE);

  if (!lookup (self, node_id, &start))
    return FALSE;
  queue = g_new (guint, self->n_nodes);
  hops = g_new (guint, self->n_nodes);
  if (up)
    n = bfs (self, start, &self->up, tree ? &self->parent : NULL, queue, hops);
  else
    n = bfs (self, start, &self->down, tree ? &self->children : NULL, queue, hops);

  /* In the index's order, which is the table's: a scan of the marks. */
  *ids = g_new (const char *, MAX (n - 1, 1));
  *distances = g_new (guint, MAX (n - 1, 1));
  for (guint node = 0; node < self->n_nodes && k < n - 1; node++)
    if (self->seen[node] == self->query && node != start)
      {
        (*ids)[k] = self->ids->pdata[node];
        (*distances)[k] = hops[node];
        k++;
      }
  *n_ids = k;
  return TRUE;
}

guint
_mb_chain_index_get_n_nodes (MbChainIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->by_id);
}
