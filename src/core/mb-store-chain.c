/* mb-store-chain.c – a node's chain up and down, from an in-memory index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas highlights a node's whole chain on every selection, and the
 * recursive SQL for it visits thousands of rows through B-tree lookups each
 * time. The index holds the contributes-to graph and the node tree as arrays
 * of integers (compressed adjacency lists), so a chain is a breadth-first
 * search over memory. The store builds it on the first chain query and drops
 * it when a commit touched nodes or links (its own, or another process's).
 */

#include "config.h"

#include <string.h>

#include "mb-store-private.h"

/* One relation as compressed adjacency: the neighbours of node i are
 * targets[starts[i]] … targets[starts[i + 1] - 1]. */
typedef struct
{
  guint *starts;
  guint *targets;
} Adjacency;

struct _MbChainIndex
{
  guint        n_nodes;
  char       **ids;        /* index → node id */
  GHashTable  *by_id;      /* node id (borrowed from ids) → index + 1 */
  Adjacency    up;         /* contributes to */
  Adjacency    down;       /* is contributed to by */
  Adjacency    parent;     /* at most one each */
  Adjacency    children;
  guint       *seen;       /* per node, the query that last reached it */
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
        guint        *index)
{
  gpointer value = id ? g_hash_table_lookup (self->by_id, id) : NULL;

  if (value == NULL)
    return FALSE;
  *index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/* Reads (a, b) id pairs of @sql as index pairs; a row naming an unknown node
 * cannot happen under the foreign keys, and is skipped if it does. */
static gboolean
read_pairs (MbChainIndex  *self,
            sqlite3       *db,
            const char    *sql,
            GArray        *pairs,
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
        g_array_append_vals (pairs, pair, 2);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
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

MbChainIndex *
_mb_chain_index_build (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tree = g_array_new (FALSE, FALSE, sizeof (guint));
  MbChainIndex *self;
  int rc;

  /* One pass over the nodes; parents are resolved once all ids are known. */
  stmt = _mb_store_prepare (db, "SELECT id, parent_id FROM nodes", error);
  if (stmt == NULL)
    return NULL;
  self = g_new0 (MbChainIndex, 1);
  self->by_id = g_hash_table_new (id_hash, g_str_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      g_ptr_array_add (ids, id);
      g_ptr_array_add (parents, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_hash_table_insert (self->by_id, id, GUINT_TO_POINTER (ids->len));
    }
  self->n_nodes = ids->len;
  g_ptr_array_add (ids, NULL);
  self->ids = (char **) g_ptr_array_steal (ids, NULL);
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      _mb_chain_index_free (self);
      return NULL;
    }
  for (guint i = 0; i < parents->len; i++)
    {
      guint pair[2] = { i, 0 };

      if (lookup (self, parents->pdata[i], &pair[1]))
        g_array_append_vals (tree, pair, 2);
    }

  if (!read_pairs (self, db, "SELECT from_node_id, to_node_id FROM links"
                             " WHERE kind = 'contributes-to'", links, error))
    {
      _mb_chain_index_free (self);
      return NULL;
    }

  adjacency_build (&self->up, self->n_nodes, links, FALSE);
  adjacency_build (&self->down, self->n_nodes, links, TRUE);
  adjacency_build (&self->parent, self->n_nodes, tree, FALSE);
  adjacency_build (&self->children, self->n_nodes, tree, TRUE);
  self->seen = g_new0 (guint, MAX (self->n_nodes, 1));
  return self;
}

void
_mb_chain_index_free (MbChainIndex *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_strfreev);
  adjacency_clear (&self->up);
  adjacency_clear (&self->down);
  adjacency_clear (&self->parent);
  adjacency_clear (&self->children);
  g_clear_pointer (&self->seen, g_free);
  g_free (self);
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
    result[i - 1] = g_strdup (self->ids[queue[i]]);
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
        (*ids)[k] = self->ids[node];
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

  return self->n_nodes;
}
