/* mb-exchange-merge.c – the exchange's import, stage 4: the merge, its checks, the writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages are described in mb-exchange-private.h; the public validate and
 * import calls are here.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mb-exchange-private.h"
#include "mb-json-check.h"

/* Stage 4: against the library */

static TableData *
document_table (Document   *doc,
                const char *name)
{
  guint index;

  if (mb_exchange_lookup_table (name, &index) == NULL)
    return NULL;
  return &doc->tables[index];
}

static sqlite3_stmt *
cached_statement (GHashTable *cache,
                  sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);

  if (stmt == NULL)
    {
      stmt = _mb_store_prepare (db, sql, NULL);
      if (stmt == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static gboolean
library_has (Document    *doc,
             GHashTable  *cache,
             const char  *table,
             const Value *id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (doc->db == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?", table);
  stmt = cached_statement (cache, doc->db, sql);
  if (stmt == NULL)
    return FALSE;
  bind_value (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Whether the merged result holds the file's version of @row. Before the
 * merge is planned, or without a library, the file is the whole result. */
static gboolean
plan_writes_file_version (Document  *doc,
                          TableData *td,
                          guint      row)
{
  if (td->plan == NULL)
    return doc->db == NULL;
  return td->plan[row] == PLAN_ADD || td->plan[row] == PLAN_UPDATE ||
         td->plan[row] == PLAN_CONFLICT_TAKE;
}

/* The strategy of the level or node @id: its strategy_id in the file, else
 * in the library (copied to @owned); FALSE if neither has it. */
static gboolean
strategy_of (Document    *doc,
             GHashTable  *cache,
             const char  *table,
             const Value *id,
             Value       *strategy,
             char       **owned)
{
  TableData *td = document_table (doc, table);
  guint row = lookup_id (doc, td, id->text, id->length);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* The merged result: the file's version where the merge writes it. */
  if (row != 0 && plan_writes_file_version (doc, td, row - 1))
    {
      *strategy = field_value (doc, td, row - 1, field_index (td, "strategy_id"));
      return strategy->sql_type == SQLITE_TEXT;
    }
  if (doc->db == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT strategy_id FROM \"%s\" WHERE id = ?", table);
  stmt = cached_statement (cache, doc->db, sql);
  if (stmt == NULL)
    return FALSE;
  bind_value (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_TEXT)
    return FALSE;
  *owned = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  strategy->sql_type = SQLITE_TEXT;
  strategy->text = *owned;
  strategy->length = strlen (*owned);
  return TRUE;
}

static void
check_node_strategies (Document   *doc,
                       GHashTable *cache,
                       TableData  *td,
                       guint       row)
{
  guint strategy_index = field_index (td, "strategy_id");
  guint level_index = field_index (td, "level_id");
  guint parent_index = field_index (td, "parent_id");
  Value node_strategy = field_value (doc, td, row, strategy_index);
  Value level = field_value (doc, td, row, level_index);
  Value parent = field_value (doc, td, row, parent_index);
  Value strategy;
  g_autofree char *owned = NULL;

  if (level.sql_type == SQLITE_TEXT &&
      strategy_of (doc, cache, "levels", &level, &strategy, &owned) &&
      !value_equal (&strategy, &node_strategy))
    problem_at (doc, td, row, &td->table->fields[level_index],
                g_strdup_printf (_("the level “%s” belongs to another strategy"),
                                 slot_cstr (doc, td, row, level_index)));
  g_clear_pointer (&owned, g_free);
  if (parent.sql_type == SQLITE_TEXT &&
      strategy_of (doc, cache, "nodes", &parent, &strategy, &owned) &&
      !value_equal (&strategy, &node_strategy))
    problem_at (doc, td, row, &td->table->fields[parent_index],
                g_strdup_printf (_("the parent “%s” belongs to another strategy"),
                                 slot_cstr (doc, td, row, parent_index)));
}

static void
check_references (Document   *doc,
                  GHashTable *cache)
{
  for (guint t = 0; t < doc->n_tables; t++)
    {
      TableData *td = &doc->tables[t];
      const MbExchangeTable *table = td->table;
      g_autofree TableData **targets = g_new0 (TableData *, table->n_fields);

      for (guint f = 0; f < table->n_fields; f++)
        if (table->fields[f].references != NULL)
          targets[f] = document_table (doc, table->fields[f].references);

      for (guint row = 0; row < td->n_rows; row++)
        {
          for (guint f = 0; f < table->n_fields; f++)
            {
              const MbExchangeField *field = &table->fields[f];
              Value id;

              if (targets[f] == NULL)
                continue;
              id = field_value (doc, td, row, f);
              if (id.sql_type != SQLITE_TEXT ||
                  lookup_id (doc, targets[f], id.text, id.length) != 0 ||
                  library_has (doc, cache, field->references, &id))
                continue;

              problem_at (doc, td, row, field,
                          doc->db != NULL
                            ? g_strdup_printf (_("“%s” is not the id of any entry of “%s” in the "
                                                 "file or the library"),
                                               slot_cstr (doc, td, row, f), field->references)
                            : g_strdup_printf (_("“%s” is not the id of any entry of “%s” in the "
                                                 "file"),
                                               slot_cstr (doc, td, row, f), field->references));
            }

        }
    }
}

/* Decides, per row, what the merge does, and counts it in the report. */
static gboolean
plan_merge (Document    *doc,
            GHashTable  *cache,
            GError     **error)
{
  for (guint t = 0; t < doc->n_tables; t++)
    {
      TableData *td = &doc->tables[t];
      const MbExchangeTable *table = td->table;
      guint n_rows = td->n_rows;
      MbImportCounts *counts = mb_import_report_counts_for (doc->report, table->name);
      g_autoptr(GString) sql = g_string_new ("SELECT ");
      sqlite3_stmt *stmt;
      guint modified_index = 0;

      /* Into an empty table (the common first import) every row is new:
       * no need to look each one up. PLAN_ADD is 0. */
      {
        g_autofree char *any = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM \"%s\")",
                                                table->name);

        td->library_empty = _mb_store_query_int (doc->db, any, NULL) == 0;
        if (n_rows == 0)
          continue;
        td->plan = g_new0 (guint8, n_rows);
        if (td->library_empty)
          {
            G_STATIC_ASSERT (PLAN_ADD == 0);
            counts->added += n_rows;
            continue;
          }
      }

      /* Tables with an id: the library's row, to compare. Relations: whether
       * the pair is there. */
      if (table->has_id)
        {
          for (guint f = 0; f < table->n_fields; f++)
            g_string_append_printf (sql, "%s\"%s\"", f ? ", " : "", table->fields[f].name);
          g_string_append_printf (sql, " FROM \"%s\" WHERE id = ?1", table->name);
          modified_index = field_index (td, "modified");
        }
      else
        {
          g_string_append_printf (sql, "1 FROM \"%s\" WHERE ", table->name);
          for (guint f = 0; f < table->n_fields; f++)
            g_string_append_printf (sql, "%s\"%s\" = ?%u", f ? " AND " : "",
                                    table->fields[f].name, f + 1);
        }

      stmt = cached_statement (cache, doc->db, sql->str);
      if (stmt == NULL)
        {
          _mb_store_set_sqlite_error (doc->db, sqlite3_errcode (doc->db), error);
          return FALSE;
        }

      for (guint row = 0; row < n_rows; row++)
        {
          gboolean same = TRUE;

          sqlite3_reset (stmt);
          if (table->has_id)
            {
              Value id = field_value (doc, td, row, 0);

              bind_value (stmt, 1, &id);
            }
          else
            for (guint f = 0; f < table->n_fields; f++)
              {
                Value v = field_value (doc, td, row, f);

                bind_value (stmt, (int) f + 1, &v);
              }

          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              td->plan[row] = PLAN_ADD;
              counts->added++;
              continue;
            }

          if (!table->has_id)
            {
              td->plan[row] = PLAN_UNCHANGED;
              counts->unchanged++;
              continue;
            }

          for (guint f = 0; f < table->n_fields && same; f++)
            {
              Value v = field_value (doc, td, row, f);

              same = value_equals_column (&v, stmt, (int) f);
            }

          if (same)
            {
              td->plan[row] = PLAN_UNCHANGED;
              counts->unchanged++;
            }
          else if (g_str_equal (table->name, "revisions"))
            {
              const char *library_modified =
                (const char *) sqlite3_column_text (stmt, (int) modified_index);
              g_autofree char *file_modified = slot_dup (doc, td, row, modified_index);
              g_autofree char *id = slot_dup (doc, td, row, 0);

              /* A revision is what it was when taken: an import never
               * changes one the library has, whichever side is newer. */
              td->plan[row] = PLAN_CONFLICT_KEEP;
              counts->conflicts++;
              mb_import_report_add_conflict (doc->report, table->name, id,
                                             library_modified, file_modified);
            }
          else
            {
              const char *library_modified =
                (const char *) sqlite3_column_text (stmt, (int) modified_index);
              g_autofree char *file_modified = slot_dup (doc, td, row, modified_index);

              /* Changed in the library after the file's version: both sides
               * changed it. */
              if (g_strcmp0 (library_modified, file_modified) > 0)
                {
                  gboolean take = (doc->flags & MB_IMPORT_PREFER_FILE) != 0;
                  g_autofree char *id = slot_dup (doc, td, row, 0);

                  td->plan[row] = take ? PLAN_CONFLICT_TAKE : PLAN_CONFLICT_KEEP;
                  counts->conflicts++;
                  mb_import_report_add_conflict (doc->report, table->name, id,
                                                 library_modified, file_modified);
                }
              else
                {
                  td->plan[row] = PLAN_UPDATE;
                  counts->changed++;
                }
            }
        }
    }

  return TRUE;
}


/* Nodes whose level or parent is @id (a level or a node the file moves to
 * @strategy), kept in the library's version by the merge, would end up in
 * another strategy than their level or parent: refused at the moved row. */
static void
check_left_behind (Document   *doc,
                   GHashTable *cache,
                   TableData  *td,
                   guint       row,
                   const char *column)
{
  TableData *nodes = document_table (doc, "nodes");
  guint strategy_index = field_index (td, "strategy_id");
  Value id = field_value (doc, td, row, 0);
  Value strategy = field_value (doc, td, row, strategy_index);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM nodes WHERE \"%s\" = ?1 "
                                          "AND strategy_id IS NOT ?2", column);
  sqlite3_stmt *stmt = cached_statement (cache, doc->db, sql);

  if (stmt == NULL)
    return;
  bind_value (stmt, 1, &id);
  bind_value (stmt, 2, &strategy);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *node = (const char *) sqlite3_column_text (stmt, 0);
      guint node_row = lookup_id (doc, nodes, node, strlen (node));

      /* A node the file writes too is checked as a row of the file. */
      if (node_row != 0 && plan_writes_file_version (doc, nodes, node_row - 1))
        continue;
      problem_at (doc, td, row, &td->table->fields[strategy_index],
                  g_str_equal (column, "level_id")
                    ? g_strdup_printf (_("the level cannot move to another strategy: the node "
                                         "“%s” of the library stays on it"), node)
                    : g_strdup_printf (_("the node cannot move to another strategy: its child "
                                         "“%s” in the library stays behind"), node));
      return;
    }
}

/* The rules of a strategy's tree on the merged result: a node's level and
 * parent belong to its strategy, for the file's rows and for the library's
 * rows that a moved level or node would leave behind. */
static void
check_strategy_trees (Document   *doc,
                      GHashTable *cache)
{
  TableData *levels = document_table (doc, "levels");
  TableData *nodes = document_table (doc, "nodes");

  for (guint row = 0; row < nodes->n_rows; row++)
    if (plan_writes_file_version (doc, nodes, row))
      check_node_strategies (doc, cache, nodes, row);

  if (doc->db == NULL)
    return;
  for (guint row = 0; row < levels->n_rows; row++)
    if (levels->plan[row] != PLAN_ADD && plan_writes_file_version (doc, levels, row))
      check_left_behind (doc, cache, levels, row, "level_id");
  for (guint row = 0; row < nodes->n_rows; row++)
    if (nodes->plan[row] != PLAN_ADD && plan_writes_file_version (doc, nodes, row))
      check_left_behind (doc, cache, nodes, row, "parent_id");
}

/* An id names one entry in all tables of the merged result: a new row's id
 * may not be the id of an entry of another table in the library. */
static void
check_library_ids (Document   *doc,
                   GHashTable *cache)
{
  for (guint t = 0; t < doc->n_tables; t++)
    {
      TableData *td = &doc->tables[t];
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt;

      if (!td->table->has_id || td->n_rows == 0)
        continue;
      for (guint u = 0; u < doc->n_tables; u++)
        if (u != t && doc->tables[u].table->has_id && !doc->tables[u].library_empty)
          g_string_append_printf (sql, "%sSELECT '%s' FROM \"%s\" WHERE id = ?1",
                                  sql->len ? " UNION ALL " : "",
                                  doc->tables[u].table->name, doc->tables[u].table->name);
      if (sql->len == 0)
        continue;
      g_string_append (sql, " LIMIT 1");

      for (guint row = 0; row < td->n_rows; row++)
        {
          Value id;

          if (td->plan[row] != PLAN_ADD)
            continue;
          stmt = cached_statement (cache, doc->db, sql->str);
          if (stmt == NULL)
            return;
          id = field_value (doc, td, row, 0);
          bind_value (stmt, 1, &id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            problem_at (doc, td, row, &td->table->fields[0],
                        g_strdup_printf (_("the id “%s” is already the id of an entry of "
                                           "“%s” in the library: an id names one entry in "
                                           "all tables"),
                                         slot_cstr (doc, td, row, 0),
                                         (const char *) sqlite3_column_text (stmt, 0)));
        }
    }
}

/* The unique keys of the merged result (registration numbers; a measurement
 * per indicator, period, territory and gender; a link per pair and kind):
 * a row the file writes may not take the key of a library entry that keeps
 * it. Keys among the file's own rows were checked as the file was read. */
static void
check_library_unique (Document   *doc,
                      GHashTable *cache)
{
  for (guint t = 0; t < doc->n_tables; t++)
    {
      TableData *td = &doc->tables[t];
      const MbExchangeTable *table = td->table;

      if (!table->has_id || td->n_rows == 0 || td->library_empty)
        continue;
      for (guint u = 0; u < G_N_ELEMENTS (table->unique) && table->unique[u]; u++)
        {
          g_autoptr(GString) sql = g_string_new (NULL);
          g_autofree char *names = g_strjoinv (", ", (char **) table->unique[u]);
          KeyColumns key;

          key_columns_init (&key, td, table->unique[u]);
          /* A key with the id in it is unique by the id alone. */
          if (g_strv_contains (table->unique[u], "id"))
            continue;
          g_string_append_printf (sql, "SELECT id FROM \"%s\" WHERE ", table->name);
          for (guint k = 0; k < key.n_columns; k++)
            g_string_append_printf (sql, "\"%s\" = ?%u AND ", table->unique[u][k], k + 1);
          g_string_append_printf (sql, "id <> ?%u", key.n_columns + 1);

          for (guint row = 0; row < td->n_rows; row++)
            {
              Value values[MAX_KEY_COLUMNS];
              Value id;
              guint hash;
              sqlite3_stmt *stmt;

              if (!plan_writes_file_version (doc, td, row) ||
                  !row_key (doc, td, row, &key, values, &hash))
                continue;
              stmt = cached_statement (cache, doc->db, sql->str);
              if (stmt == NULL)
                return;
              for (guint k = 0; k < key.n_columns; k++)
                bind_value (stmt, (int) k + 1, &values[k]);
              id = field_value (doc, td, row, 0);
              bind_value (stmt, (int) key.n_columns + 1, &id);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  const char *other = (const char *) sqlite3_column_text (stmt, 0);
                  guint other_row = lookup_id (doc, td, other, strlen (other));

                  /* The file gives that entry a version of its own. */
                  if (other_row != 0 && plan_writes_file_version (doc, td, other_row - 1))
                    continue;
                  problem_at (doc, td, row,
                              key.n_columns == 1 ? &table->fields[key.columns[0]] : NULL,
                              g_strdup_printf (_("the entry “%s” of the library has the same "
                                                 "%s"), other, names));
                  break;
                }
            }
        }
    }
}

/* A deferred foreign key that does not hold after the writes: never
 * expected after the checks above, but said with the file and the table
 * rather than SQLite's bare "FOREIGN KEY constraint failed" at the commit. */
static gboolean
check_foreign_keys_hold (Document *doc)
{
  int current = 0, highest = 0;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_db_status (doc->db, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0) !=
        SQLITE_OK || current == 0)
    return TRUE;

  stmt = _mb_store_prepare (doc->db, "PRAGMA foreign_key_check", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *path = mb_json_path_append_key ("$",
                                                       (const char *) sqlite3_column_text (stmt, 0));

      mb_problem_list_add (doc->problems, path,
                           _("a reference into “%s” does not hold in the merged library"),
                           (const char *) sqlite3_column_text (stmt, 2));
    }
  else
    mb_problem_list_add (doc->problems, "$", "%s",
                         _("a reference does not hold in the merged library"));
  return FALSE;
}


/* The contributes-to graph of the merged result must stay acyclic. Kahn's
 * algorithm; what remains lies on or after a cycle, and walking back along
 * remaining edges finds one to name. */
static void
check_cycles (Document *doc)
{
  TableData *td = document_table (doc, "links");
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) file_edge_row = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) node_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) node_names = g_ptr_array_new ();
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) edge_ids = g_ptr_array_new ();
  g_autofree guint *indegree = NULL;
  g_autofree guint *out_start = NULL;
  g_autofree guint *out_edges = NULL;
  g_autofree guint *queue = NULL;
  g_autofree gboolean *done = NULL;
  guint n_nodes, n_edges, head = 0, tail = 0;
  GHashTableIter iter;
  gpointer key, value;

  /* id → "from\x1fto" of every contributes-to link of the merged result. */
  if (doc->db != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt =
        _mb_store_prepare (doc->db, "SELECT id, from_node_id, to_node_id FROM links "
                                    "WHERE kind = 'contributes-to'", NULL);

      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (edges, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup_printf ("%s\x1f%s", sqlite3_column_text (stmt, 1),
                                              sqlite3_column_text (stmt, 2)));
    }

  for (guint row = 0; row < td->n_rows; row++)
    {
      Value kind;
      char *id;

      if (!plan_writes_file_version (doc, td, row))
        continue;
      kind = field_value (doc, td, row, field_index (td, "kind"));
      id = slot_dup (doc, td, row, 0);
      if (value_is (&kind, "contributes-to"))
        {
          g_autofree char *from_node = slot_dup (doc, td, row, field_index (td, "from_node_id"));
          g_autofree char *to_node = slot_dup (doc, td, row, field_index (td, "to_node_id"));

          /* Replaced, key and all: file_edge_row borrows the key. */
          g_hash_table_replace (edges, id, g_strdup_printf ("%s\x1f%s", from_node, to_node));
          g_hash_table_insert (file_edge_row, id, GUINT_TO_POINTER (row + 1));
        }
      else
        {
          g_hash_table_remove (edges, id);
          g_free (id);
        }
    }

  /* Number the nodes and the edges. */
  g_hash_table_iter_init (&iter, edges);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char *sep = strchr (value, '\x1f');
      guint ends[2];

      *sep = '\0';
      for (guint e = 0; e < 2; e++)
        {
          const char *node = e == 0 ? (const char *) value : sep + 1;
          gpointer found;

          if (!g_hash_table_lookup_extended (node_index, node, NULL, &found))
            {
              found = GUINT_TO_POINTER (node_names->len);
              g_hash_table_insert (node_index, (gpointer) node, found);
              g_ptr_array_add (node_names, (gpointer) node);
            }
          ends[e] = GPOINTER_TO_UINT (found);
        }
      g_array_append_val (from, ends[0]);
      g_array_append_val (to, ends[1]);
      g_ptr_array_add (edge_ids, key);
    }

  n_nodes = node_names->len;
  n_edges = from->len;
  indegree = g_new0 (guint, n_nodes);
  out_start = g_new0 (guint, n_nodes + 1);
  out_edges = g_new0 (guint, MAX (n_edges, 1));
  queue = g_new0 (guint, MAX (n_nodes, 1));
  done = g_new0 (gboolean, MAX (n_nodes, 1));

  for (guint e = 0; e < n_edges; e++)
    {
      out_start[g_array_index (from, guint, e) + 1]++;
      indegree[g_array_index (to, guint, e)]++;
    }
  for (guint n = 0; n < n_nodes; n++)
    out_start[n + 1] += out_start[n];
  {
    g_autofree guint *fill = g_memdup2 (out_start, sizeof (guint) * (n_nodes + 1));

    for (guint e = 0; e < n_edges; e++)
      out_edges[fill[g_array_index (from, guint, e)]++] = e;
  }

  for (guint n = 0; n < n_nodes; n++)
    if (indegree[n] == 0)
      queue[tail++] = n;
  while (head < tail)
    {
      guint n = queue[head++];

      done[n] = TRUE;
      for (guint i = out_start[n]; i < out_start[n + 1]; i++)
        {
          guint target = g_array_index (to, guint, out_edges[i]);

          if (--indegree[target] == 0)
            queue[tail++] = target;
        }
    }

  if (tail == n_nodes)
    return;

  /* Walk backwards from a remaining node through remaining edges until a
   * node repeats: that is a cycle. Report the file's links on it. */
  {
    g_autofree guint *in_edge = g_new (guint, n_nodes);
    g_autofree guint *seen_at = g_new0 (guint, n_nodes);
    guint n = 0, step = 1;
    gboolean reported = FALSE;

    for (guint e = 0; e < n_edges; e++)
      {
        guint a = g_array_index (from, guint, e), b = g_array_index (to, guint, e);

        if (!done[a] && !done[b])
          in_edge[b] = e;
      }
    while (done[n])
      n++;
    while (seen_at[n] == 0)
      {
        seen_at[n] = step++;
        n = g_array_index (from, guint, in_edge[n]);
      }

    /* n is on the cycle; go round it once. */
    {
      guint start = n;

      do
        {
          guint e = in_edge[n];
          const char *link_id = edge_ids->pdata[e];
          guint row = GPOINTER_TO_UINT (g_hash_table_lookup (file_edge_row, link_id));

          if (row != 0)
            {
              problem_at (doc, td, row - 1, NULL,
                          g_strdup_printf (_("this contributes-to link closes a cycle "
                                             "(through node “%s”)"),
                                           (char *) node_names->pdata[n]));
              reported = TRUE;
            }
          n = g_array_index (from, guint, e);
        }
      while (n != start);
    }

    if (!reported)
      mb_problem_list_add (doc->problems, "$.links", "%s",
                           _("the contributes-to links form a cycle"));
  }
}

/* A node may not end up under itself, nor a strategy under itself: follow
 * parent_id in the merged result from each row the file writes. */
static void
check_parent_cycles (Document   *doc,
                     const char *table)
{
  TableData *td = document_table (doc, table);
  g_autoptr(GHashTable) parent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);  /* 1 walking, 2 done */
  guint n_rows = td->n_rows;
  guint parent_index = field_index (td, "parent_id");

  if (n_rows == 0)
    return;

  if (doc->db != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, parent_id FROM \"%s\" "
                                              "WHERE parent_id IS NOT NULL", table);
      g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (doc->db, sql, NULL);

      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (parent, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  for (guint row = 0; row < n_rows; row++)
    {
      char *p;

      if (!plan_writes_file_version (doc, td, row))
        continue;
      p = slot_dup (doc, td, row, parent_index);
      if (p != NULL)
        g_hash_table_insert (parent, slot_dup (doc, td, row, 0), p);
      else
        g_hash_table_remove (parent, slot_cstr (doc, td, row, 0));
    }

  for (guint row = 0; row < n_rows; row++)
    {
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      const char *id = NULL;
      gpointer key = NULL;

      if (!plan_writes_file_version (doc, td, row))
        continue;

      /* Walk up until the root, a node known to be fine, or this walk. */
      g_hash_table_lookup_extended (parent, slot_cstr (doc, td, row, 0), &key, NULL);
      id = key;
      while (id != NULL && g_hash_table_lookup (state, id) == NULL)
        {
          gpointer up_key = NULL;
          const char *up;

          g_hash_table_insert (state, (gpointer) id, GINT_TO_POINTER (1));
          g_ptr_array_add (path, (gpointer) id);
          up = g_hash_table_lookup (parent, id);
          if (up != NULL && g_hash_table_lookup_extended (parent, up, &up_key, NULL))
            id = up_key;
          else
            id = NULL;
        }

      if (id != NULL && GPOINTER_TO_INT (g_hash_table_lookup (state, id)) == 1)
        problem_at (doc, td, row, &td->table->fields[parent_index],
                    g_strdup_printf (_("the parents form a cycle (through “%s”)"), id));

      for (guint i = 0; i < path->len; i++)
        g_hash_table_insert (state, path->pdata[i], GINT_TO_POINTER (2));
    }
}

/* Every chunk a revision of the file names is in the file or the library. */
static void
check_revision_chunks (Document   *doc,
                       GHashTable *cache)
{
  TableData *revisions = document_table (doc, "revisions");
  TableData *chunks = document_table (doc, "revision_chunks");
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint manifest = field_index (revisions, "manifest");
  sqlite3_stmt *stmt = doc->db != NULL
    ? cached_statement (cache, doc->db, "SELECT 1 FROM revision_chunks WHERE hash = ?") : NULL;

  if (revisions->n_rows == 0)
    return;
  for (guint row = 0; row < chunks->n_rows; row++)
    g_hash_table_add (in_file, slot_dup (doc, chunks, row, field_index (chunks, "hash")));

  for (guint row = 0; row < revisions->n_rows; row++)
    {
      g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = slot_dup (doc, revisions, row, manifest);
      g_autofree char *reason = text ? _mb_revision_check_manifest (text, hashes) : NULL;

      if (revisions->plan != NULL && revisions->plan[row] != PLAN_ADD)
        continue;
      for (guint i = 0; reason == NULL && i < hashes->len; i++)
        {
          const char *hash = g_ptr_array_index (hashes, i);
          gboolean found = g_hash_table_contains (in_file, hash);

          if (!found && stmt != NULL)
            {
              sqlite3_reset (stmt);
              sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
              found = sqlite3_step (stmt) == SQLITE_ROW;
            }
          if (!found)
            problem_at (doc, revisions, row, &revisions->table->fields[manifest],
                        g_strdup_printf (_("names the chunk %s, which is neither in the file"
                                           " nor in the library"), hash));
          if (!found)
            break;
        }
    }
}

/* Stage 4, the same for a validation against a library and for an import:
 * references, the merge plan, and the rules on the merged result. */
static gboolean
check_document (Document    *doc,
                GHashTable  *cache,
                GError     **error)
{
  check_references (doc, cache);
  if (mb_problem_list_get_count (doc->problems) > 0)
    return FALSE;

  if (doc->db != NULL)
    {
      if (!plan_merge (doc, cache, error))
        return FALSE;
      check_library_ids (doc, cache);
      check_library_unique (doc, cache);
    }
  check_revision_chunks (doc, cache);
  check_strategy_trees (doc, cache);
  if (mb_problem_list_get_count (doc->problems) > 0)
    return FALSE;

  check_cycles (doc);
  check_parent_cycles (doc, "nodes");
  check_parent_cycles (doc, "strategies");
  return mb_problem_list_get_count (doc->problems) == 0;
}

/* Writing */

static gboolean
apply_table (Document   *doc,
             TableData  *td,
             GError    **error)
{
  const MbExchangeTable *table = td->table;
  guint n_rows = td->n_rows;
  g_autoptr(GString) insert_sql = g_string_new (NULL);
  g_autoptr(GString) update_sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;

  if (n_rows == 0)
    return TRUE;

  g_string_append_printf (insert_sql, "INSERT INTO \"%s\" (", table->name);
  for (guint f = 0; f < table->n_fields; f++)
    g_string_append_printf (insert_sql, "%s\"%s\"", f ? ", " : "", table->fields[f].name);
  g_string_append (insert_sql, ") VALUES (");
  for (guint f = 0; f < table->n_fields; f++)
    g_string_append_printf (insert_sql, "%s?%u", f ? ", " : "", f + 1);
  g_string_append (insert_sql, ")");

  insert = _mb_store_prepare (doc->db, insert_sql->str, error);
  if (insert == NULL)
    return FALSE;

  if (table->has_id)
    {
      /* fields[0] is the id: ?1 in the WHERE. */
      g_string_append_printf (update_sql, "UPDATE \"%s\" SET ", table->name);
      for (guint f = 1; f < table->n_fields; f++)
        g_string_append_printf (update_sql, "%s\"%s\" = ?%u", f > 1 ? ", " : "",
                                table->fields[f].name, f + 1);
      g_string_append (update_sql, " WHERE id = ?1");
      update = _mb_store_prepare (doc->db, update_sql->str, error);
      if (update == NULL)
        return FALSE;
    }

  for (guint row = 0; row < n_rows; row++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (td->plan[row] == PLAN_ADD)
        stmt = insert;
      else if (td->plan[row] == PLAN_UPDATE || td->plan[row] == PLAN_CONFLICT_TAKE)
        stmt = update;
      else
        continue;

      sqlite3_reset (stmt);
      for (guint f = 0; f < table->n_fields; f++)
        {
          Value v = field_value (doc, td, row, f);

          bind_value (stmt, (int) f + 1, &v);
        }

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *path = row_path (td, row);

          _mb_store_set_sqlite_error (doc->db, rc, &local_error);
          mb_problem_list_add (doc->problems, path, "%s", local_error->message);
          g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID,
                       "%s: %s: %s", doc->file_name, path, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static void
set_invalid_error (Document  *doc,
                   GError   **error)
{
  const MbProblem *first = mb_problem_list_get (doc->problems, 0);
  guint count = mb_problem_list_get_count (doc->problems);

  g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID,
               "%s: %s%s%s%s", doc->file_name,
               first->path ? first->path : "", first->path ? ": " : "", first->message,
               count > 1 ? _(" (and more problems)") : "");
}

static void
statement_cache_free (gpointer data)
{
  sqlite3_finalize (data);
}

static GHashTable *
statement_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_cache_free);
}

/* Stage 4 and the writes, inside the store's transaction. */
static gboolean
import_action (MbStore   *store,
               sqlite3   *db,
               gpointer   user_data,
               GError   **error)
{
  Document *doc = user_data;
  g_autoptr(GHashTable) cache = statement_cache_new ();

  doc->db = db;

  if (!check_document (doc, cache, error))
    {
      if (error == NULL || *error == NULL)
        set_invalid_error (doc, error);
      return FALSE;
    }

  /* Rows may refer to rows later in the file (a node to its parent): the
   * references were checked above, and SQLite checks them again at commit. */
  if (!_mb_store_exec (db, error, "PRAGMA defer_foreign_keys = ON", NULL))
    return FALSE;

  /* A large import in one transaction outgrows SQLite's default page cache
   * (2 MiB): it would spill pages to the WAL and read them back all along. */
  {
    gint64 cache_size = _mb_store_query_int (db, "PRAGMA cache_size", NULL);
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                                                cache_size);
    gboolean ok = TRUE;

    sqlite3_exec (db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
    for (guint t = 0; t < doc->n_tables && ok; t++)
      ok = apply_table (doc, &doc->tables[t], error);
    sqlite3_exec (db, restore, NULL, NULL, NULL);
    if (ok && !check_foreign_keys_hold (doc))
      {
        set_invalid_error (doc, error);
        ok = FALSE;
      }

    return ok;
  }
}

/* Public API */

gboolean
mb_exchange_validate_data (MbStore        *store,
                           const char     *file_name,
                           const char     *data,
                           gsize           length,
                           MbProblemList  *problems,
                           GError        **error)
{
  Document doc = { 0, };
  gboolean ok;

  g_return_val_if_fail (store == NULL || MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  doc.file_name = file_name;
  doc.problems = problems;
  doc.report = mb_import_report_new (FALSE);

  ok = _mb_exchange_document_load (&doc, data, length);
  if (ok)
    {
      g_autoptr(GHashTable) cache = statement_cache_new ();

      g_autoptr(GError) local_error = NULL;

      /* The checks of an import (check_document()), without the writes. */
      doc.db = store != NULL ? mb_store_get_db (store) : NULL;
      if (!check_document (&doc, cache, &local_error) && local_error != NULL)
        mb_problem_list_add (problems, NULL, "%s", local_error->message);
      g_clear_pointer (&cache, g_hash_table_unref);
      ok = mb_problem_list_get_count (problems) == 0;
    }

  if (!ok)
    set_invalid_error (&doc, error);

  mb_import_report_free (doc.report);
  _mb_exchange_document_clear (&doc);
  return ok;
}

/* The file's bytes ("" if it is empty) and its name for messages; NULL
 * with @error set if it cannot be read. */
static const char *
read_named (const char  *path,
            GBytes     **bytes,
            char       **name,
            gsize       *length,
            GError     **error)
{
  const char *data;

  *bytes = mb_exchange_read_file (path, MB_EXCHANGE_MAX_FILE_SIZE, error);
  if (*bytes == NULL)
    return NULL;
  *name = _mb_exchange_display_name (path);
  data = g_bytes_get_data (*bytes, length);
  return data != NULL ? data : "";
}

gboolean
mb_exchange_validate_file (MbStore        *store,
                           const char     *path,
                           MbProblemList  *problems,
                           GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  gsize length;
  const char *data = read_named (path, &bytes, &name, &length, error);

  if (data == NULL)
    return FALSE;
  return mb_exchange_validate_data (store, name, data, length, problems, error);
}

MbImportReport *
mb_exchange_import_data (MbStore        *store,
                         const char     *file_name,
                         const char     *data,
                         gsize           length,
                         MbImportFlags   flags,
                         MbProblemList  *problems,
                         GError        **error)
{
  Document doc = { 0, };
  g_autofree char *label = NULL;
  g_autofree char *base = NULL;
  MbImportReport *report = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  doc.file_name = file_name;
  doc.problems = problems;
  doc.flags = flags;
  doc.report = mb_import_report_new ((flags & MB_IMPORT_PREFER_FILE) != 0);

  if (!_mb_exchange_document_load (&doc, data, length))
    set_invalid_error (&doc, error);
  else
    {
      base = g_path_get_basename (file_name);
      label = g_strdup_printf (_("Import “%s”"), base);
      if (mb_store_run_batch_action (store, label, import_action, &doc, error))
        report = g_steal_pointer (&doc.report);
    }

  mb_import_report_free (doc.report);
  _mb_exchange_document_clear (&doc);
  return report;
}

MbImportReport *
mb_exchange_import_file (MbStore        *store,
                         const char     *path,
                         MbImportFlags   flags,
                         MbProblemList  *problems,
                         GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  gsize length;
  const char *data = read_named (path, &bytes, &name, &length, error);

  if (data == NULL)
    return NULL;
  return mb_exchange_import_data (store, name, data, length, flags, problems, error);
}

