/* mb-revision.c – revisions: named, immutable versions of a strategy, and
 * what changed between two of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A revision is the strategy's rows (its scope, below) as they were, stored
 * so that what did not change costs almost nothing. Each table's rows, in
 * key order, are written as text (a line per row, a tab between values) and
 * cut into chunks; a chunk ends after a row whose key hashes to a multiple
 * of 32, so the cuts depend on the keys alone and an added or removed row
 * changes only its own chunk, never those after it. Chunks are stored once
 * by their SHA-256 (revision_chunks); a revision is a manifest naming its
 * tables, their columns and their chunks' hashes. An unchanged revision
 * thus adds a manifest of a few kilobytes.
 *
 * Comparing two revisions (or one with now, built the same way in memory)
 * skips every chunk the two share: only rows in chunks that differ are read
 * and compared, by key and then column by column by name, so a revision
 * taken before a column was added compares with one taken after.
 *
 * The manifest, and the rows' text, are the library's own data: they are
 * read as outside input (a library travels), and refused with a clear
 * message when they do not parse.
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-exchange-fields.h"
#include "mb-json-writer.h"
#include "mb-revision.h"
#include "mb-store-private.h"

#define MANIFEST_MAGIC "malbild-revision 1"
#define CHUNK_MASK 31u

#define NODES "(SELECT id FROM nodes WHERE strategy_id = ?1)"
#define INDICATORS "(SELECT id FROM indicators WHERE strategy_id = ?1" \
                   " UNION SELECT indicator_id FROM node_indicators WHERE node_id IN " NODES ")"
#define ROUNDS "(SELECT id FROM follow_up_rounds WHERE strategy_id = ?1)"
#define ACTIVITIES "(SELECT id FROM activities WHERE strategy_id = ?1)"

/* What a revision holds of a strategy, in the exchange format's order of
 * tables: the plan and its follow-up, not the measurements (data with their
 * own history) nor the projects and calls (entities of their own, held by
 * their links to the strategy's nodes). */
typedef struct
{
  const char *table;
  const char *entity;   /* as the comparison names it */
  const char *where;    /* ?1 is the strategy */
  gboolean    log;      /* an audit trail: append-only, not compared */
} Scope;

static const Scope scopes[] = {
  { "strategies", "strategy", "id = ?1" },
  { "levels", "level", "strategy_id = ?1" },
  { "nodes", "node", "strategy_id = ?1" },
  { "links", "link", "from_node_id IN " NODES " OR to_node_id IN " NODES },
  { "node_tags", "tag", "node_id IN " NODES },
  { "node_territories", "territory", "node_id IN " NODES },
  { "indicators", "indicator", "id IN " INDICATORS },
  { "indicator_targets", "target", "indicator_id IN " INDICATORS },
  /* The targets' history: each of its rows records a change of a target,
   * which the comparison reports as the target's own; a restore adds to it
   * and never rewrites it. */
  { "target_history", "target-history", "indicator_id IN " INDICATORS, TRUE },
  { "node_indicators", "node-indicator", "node_id IN " NODES },
  { "project_nodes", "project", "node_id IN " NODES },
  { "call_nodes", "call", "node_id IN " NODES },
  { "follow_up_rounds", "round", "strategy_id = ?1" },
  { "assessments", "assessment", "round_id IN " ROUNDS },
  { "activities", "activity", "strategy_id = ?1" },
  { "activity_organisations", "activity-organisation", "activity_id IN " ACTIVITIES },
  { "activity_nodes", "activity-goal", "activity_id IN " ACTIVITIES },
  { "activity_projects", "activity-project", "activity_id IN " ACTIVITIES },
  { "activity_calls", "activity-call", "activity_id IN " ACTIVITIES },
};

/* Tables not held by a revision whose titles name a change: the lookup of
 * mb_store_compare_revisions() reads them. */
static const char * const title_tables[] = { "projects", "funding_calls", "organisations" };

gboolean
mb_revision_changes_touch_comparison (const char * const *tables)
{
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (!scopes[i].log && mb_store_changes_include (tables, scopes[i].table))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (title_tables); i++)
    if (mb_store_changes_include (tables, title_tables[i]))
      return TRUE;
  return FALSE;
}

/* Columns that say when or where, not what: not compared. */
static gboolean
is_ignored_column (const char *table,
                   const char *column)
{
  return g_str_equal (column, "created") || g_str_equal (column, "modified") ||
         (g_str_equal (table, "nodes") && (g_str_equal (column, "x") || g_str_equal (column, "y")));
}

static const Scope *
lookup_scope (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (g_str_equal (scopes[i].table, table))
      return &scopes[i];
  return NULL;
}

static gboolean
bind (sqlite3_stmt *stmt,
      const char   *types,
      ...)
{
  va_list args;
  gboolean ok;

  va_start (args, types);
  ok = _mb_store_bind (stmt, types, args);
  va_end (args);
  return ok;
}

/* A snapshot: the rows of a strategy's scope, chunked */

typedef struct
{
  char    hash[33];
  guint   n_rows;
  GBytes *data;      /* NULL until read from the library */
} Chunk;

typedef struct
{
  const Scope  *scope;
  GPtrArray    *columns;   /* char * */
  GArray       *is_key;    /* gboolean, per column */
  GArray       *chunks;    /* Chunk */
} TableSnap;

typedef struct
{
  GPtrArray *tables;       /* TableSnap, in scope order */
  gint64     n_rows;
} Snap;

static void
chunk_clear (gpointer data)
{
  Chunk *chunk = data;

  g_clear_pointer (&chunk->data, g_bytes_unref);
}

static void
table_snap_free (gpointer data)
{
  TableSnap *t = data;

  g_ptr_array_unref (t->columns);
  g_array_unref (t->is_key);
  g_array_unref (t->chunks);
  g_free (t);
}

static TableSnap *
table_snap_new (const Scope *scope)
{
  TableSnap *t = g_new0 (TableSnap, 1);

  t->scope = scope;
  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->is_key = g_array_new (FALSE, FALSE, sizeof (gboolean));
  t->chunks = g_array_new (FALSE, TRUE, sizeof (Chunk));
  g_array_set_clear_func (t->chunks, chunk_clear);
  return t;
}

static void
snap_free (Snap *snap)
{
  g_ptr_array_unref (snap->tables);
  g_free (snap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snap, snap_free)

static Snap *
snap_new (void)
{
  Snap *snap = g_new0 (Snap, 1);

  snap->tables = g_ptr_array_new_with_free_func (table_snap_free);
  return snap;
}

/* FNV-1a: a hash that is the same on every machine and in every run. */
static guint32
key_hash (const char *key,
          gsize       length)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) key[i];
      h *= 16777619u;
    }
  return h;
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    switch (text[i])
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, text[i]);
      }
}

/* A value as the revision writes it: "n" for NULL, "i" and the integer,
 * "r" and the shortest text that reads back as the same double, "t" and
 * the escaped text, "b" and hex for the odd BLOB. */
static void
append_value (GString      *out,
              sqlite3_stmt *stmt,
              int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      g_string_append_c (out, 'n');
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "i%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append_c (out, 'r');
        g_string_append (out, mb_json_format_double (buf, sqlite3_column_double (stmt, col)));
      }
      break;
    case SQLITE_BLOB:
      {
        const guchar *blob = sqlite3_column_blob (stmt, col);
        int n = sqlite3_column_bytes (stmt, col);

        g_string_append_c (out, 'b');
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", blob[i]);
      }
      break;
    default:
      g_string_append_c (out, 't');
      append_escaped (out, (const char *) sqlite3_column_text (stmt, col),
                      (gsize) sqlite3_column_bytes (stmt, col));
    }
}

static void
close_chunk (TableSnap *t,
             GString   *data,
             guint      n_rows)
{
  Chunk chunk = { { 0 }, n_rows, NULL };
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                      (const guchar *) data->str, data->len);

  /* 128 bits of SHA-256: no two chunks of any library will meet. */
  memcpy (chunk.hash, hex, 32);
  chunk.data = g_bytes_new (data->str, data->len);
  g_array_append_val (t->chunks, chunk);
  g_string_truncate (data, 0);
}

/* The strategy's rows as they are now. */
static Snap *
snap_read (sqlite3     *db,
           const char  *strategy_id,
           GError     **error)
{
  g_autoptr(Snap) snap = snap_new ();

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      const MbExchangeTable *table = mb_exchange_lookup_table (scopes[s].table, NULL);
      TableSnap *t = table_snap_new (&scopes[s]);
      g_autoptr(GString) sql = g_string_new ("SELECT ");
      g_autoptr(GString) order = g_string_new (NULL);
      g_autoptr(GString) data = g_string_new (NULL);
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      guint n_rows = 0;
      int rc;

      g_ptr_array_add (snap->tables, t);
      for (guint f = 0; f < table->n_fields; f++)
        {
          gboolean is_key = (table->fields[f].flags & MB_FIELD_PRIMARY_KEY) != 0;

          g_ptr_array_add (t->columns, g_strdup (table->fields[f].name));
          g_array_append_val (t->is_key, is_key);
          g_string_append_printf (sql, "%s\"%s\"", f ? ", " : "", table->fields[f].name);
          if (is_key)
            g_string_append_printf (order, "%s\"%s\"", order->len ? ", " : "",
                                    table->fields[f].name);
        }
      g_string_append_printf (sql, " FROM \"%s\" WHERE %s ORDER BY %s", scopes[s].table,
                              scopes[s].where, order->str);

      stmt = _mb_store_prepare (db, sql->str, error);
      if (stmt == NULL || !bind (stmt, "s", strategy_id))
        return NULL;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_string_truncate (key, 0);
          for (guint f = 0; f < table->n_fields; f++)
            {
              if (f > 0)
                g_string_append_c (data, '\t');
              append_value (data, stmt, (int) f);
              if (g_array_index (t->is_key, gboolean, f))
                {
                  if (key->len)
                    g_string_append_c (key, '/');
                  g_string_append (key, (const char *) sqlite3_column_text (stmt, (int) f));
                }
            }
          g_string_append_c (data, '\n');
          n_rows++;
          snap->n_rows++;
          if ((key_hash (key->str, key->len) & CHUNK_MASK) == 0)
            {
              close_chunk (t, data, n_rows);
              n_rows = 0;
            }
        }
      if (rc != SQLITE_DONE)
        {
          _mb_store_set_sqlite_error (db, rc, error);
          return NULL;
        }
      if (n_rows > 0)
        close_chunk (t, data, n_rows);
    }

  return g_steal_pointer (&snap);
}

static char *
snap_to_manifest (Snap *snap)
{
  GString *out = g_string_new (MANIFEST_MAGIC "\n");

  for (guint i = 0; i < snap->tables->len; i++)
    {
      TableSnap *t = g_ptr_array_index (snap->tables, i);

      g_string_append_printf (out, "T %s", t->scope->table);
      for (guint c = 0; c < t->columns->len; c++)
        g_string_append_printf (out, " %s%s", g_array_index (t->is_key, gboolean, c) ? "*" : "",
                                (const char *) g_ptr_array_index (t->columns, c));
      g_string_append_c (out, '\n');
      for (guint c = 0; c < t->chunks->len; c++)
        {
          Chunk *chunk = &g_array_index (t->chunks, Chunk, c);

          g_string_append_printf (out, "C %s %u\n", chunk->hash, chunk->n_rows);
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_name (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_hash (const char *text)
{
  if (strlen (text) != 32)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* The snapshot @manifest names, or NULL with the line that is wrong. */
static Snap *
parse_manifest (const char *manifest,
                guint      *bad_line)
{
  g_autoptr(Snap) snap = snap_new ();
  g_auto(GStrv) lines = g_strsplit (manifest, "\n", -1);
  TableSnap *t = NULL;
  guint n = 0;

  if (lines[0] == NULL || !g_str_equal (lines[0], MANIFEST_MAGIC))
    goto bad;

  for (n = 1; lines[n] != NULL; n++)
    {
      g_auto(GStrv) parts = NULL;

      if (lines[n][0] == '\0' && lines[n + 1] == NULL)
        break;
      parts = g_strsplit (lines[n], " ", -1);
      if (g_str_equal (parts[0], "T") && parts[1] != NULL)
        {
          const Scope *scope = lookup_scope (parts[1]);

          /* A table this build does not know, or twice: not the store's. */
          if (scope == NULL)
            goto bad;
          for (guint i = 0; i < snap->tables->len; i++)
            if (((TableSnap *) g_ptr_array_index (snap->tables, i))->scope == scope)
              goto bad;
          t = table_snap_new (scope);
          g_ptr_array_add (snap->tables, t);
          for (guint c = 2; parts[c] != NULL; c++)
            {
              gboolean is_key = parts[c][0] == '*';
              const char *name = parts[c] + (is_key ? 1 : 0);

              if (!is_name (name))
                goto bad;
              g_ptr_array_add (t->columns, g_strdup (name));
              g_array_append_val (t->is_key, is_key);
            }
          if (t->columns->len == 0)
            goto bad;
        }
      else if (g_str_equal (parts[0], "C") && t != NULL && parts[1] != NULL &&
               parts[2] != NULL && parts[3] == NULL && is_hash (parts[1]))
        {
          Chunk chunk = { { 0 }, 0, NULL };
          guint64 rows;

          if (!g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXUINT, &rows, NULL))
            goto bad;
          memcpy (chunk.hash, parts[1], 32);
          chunk.n_rows = (guint) rows;
          snap->n_rows += (gint64) rows;
          g_array_append_val (t->chunks, chunk);
        }
      else
        goto bad;
    }
  return g_steal_pointer (&snap);

bad:
  *bad_line = n + 1;
  return NULL;
}

static Snap *
snap_from_manifest (const char  *revision_name,
                    const char  *manifest,
                    GError     **error)
{
  guint line = 0;
  Snap *snap = parse_manifest (manifest, &line);

  if (snap == NULL)
    g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                 _("The revision “%s” is damaged (its manifest, line %u): it cannot be read"),
                 revision_name, line);
  return snap;
}

char *
_mb_revision_check_manifest (const char *manifest,
                             GPtrArray  *hashes)
{
  guint line = 0;
  g_autoptr(Snap) snap = parse_manifest (manifest, &line);

  if (snap == NULL)
    return g_strdup_printf (_("not a revision's manifest (line %u cannot be read)"), line);
  for (guint i = 0; hashes != NULL && i < snap->tables->len; i++)
    {
      TableSnap *t = g_ptr_array_index (snap->tables, i);

      for (guint c = 0; c < t->chunks->len; c++)
        g_ptr_array_add (hashes, g_strndup (g_array_index (t->chunks, Chunk, c).hash, 32));
    }
  return NULL;
}

/* Revisions in the library */

void
mb_revision_free (MbRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->id);
  g_free (revision->strategy_id);
  g_free (revision->name);
  g_free (revision->taken);
  g_free (revision);
}

#define REVISION_COLUMNS "id, strategy_id, name, taken, automatic, n_rows"

static MbRevision *
revision_from_row (sqlite3_stmt *stmt)
{
  MbRevision *revision = g_new0 (MbRevision, 1);

  revision->id = _mb_column_dup (stmt, 0);
  revision->strategy_id = _mb_column_dup (stmt, 1);
  revision->name = _mb_column_dup (stmt, 2);
  revision->taken = _mb_column_dup (stmt, 3);
  revision->automatic = sqlite3_column_int (stmt, 4) != 0;
  revision->n_rows = sqlite3_column_int64 (stmt, 5);
  return revision;
}

static gboolean
require_strategy (sqlite3     *db,
                  const char  *strategy_id,
                  GError     **error)
{
  if (strategy_id != NULL &&
      _mb_store_query_int (db, "SELECT count(*) FROM strategies WHERE id = ?", "s",
                           strategy_id) > 0)
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
               _("There is no strategy with id “%s”"), strategy_id ? strategy_id : "");
  return FALSE;
}

static gboolean
check_name (sqlite3     *db,
            const char  *strategy_id,
            const char  *name,
            const char  *revision_id,
            GError     **error)
{
  if (_mb_text_is_blank (name))
    {
      g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED,
                           _("A revision needs a name"));
      return FALSE;
    }
  if (_mb_store_query_int (db, "SELECT count(*) FROM revisions WHERE strategy_id = ?"
                               " AND name = ? AND id IS NOT ?",
                           "sss", strategy_id, name, revision_id) > 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("The strategy has a revision named “%s” already"), name);
      return FALSE;
    }
  return TRUE;
}

/* Takes the revision inside the running action. */
static gboolean
take_revision (sqlite3     *db,
               const char  *strategy_id,
               const char  *name,
               gboolean     automatic,
               char       **id_out,
               GError     **error)
{
  g_autoptr(Snap) snap = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *now = _mb_store_now ();
  g_autofree char *id = mb_store_new_id ();

  snap = snap_read (db, strategy_id, error);
  if (snap == NULL)
    return FALSE;

  /* A chunk another revision stored already is not stored again, and its
   * row is not logged for undo: undo removes only what this one added. */
  insert = _mb_store_prepare (db, "INSERT OR IGNORE INTO revision_chunks (hash, data)"
                                  " VALUES (?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < snap->tables->len; i++)
    {
      TableSnap *t = g_ptr_array_index (snap->tables, i);

      for (guint c = 0; c < t->chunks->len; c++)
        {
          Chunk *chunk = &g_array_index (t->chunks, Chunk, c);
          gsize size;
          gconstpointer bytes = g_bytes_get_data (chunk->data, &size);
          int rc;

          /* Text, as the exchange carries it: the same value either way. */
          sqlite3_bind_text (insert, 1, chunk->hash, 32, SQLITE_STATIC);
          sqlite3_bind_text64 (insert, 2, bytes, size, SQLITE_STATIC, SQLITE_UTF8);
          rc = sqlite3_step (insert);
          sqlite3_reset (insert);
          if (rc != SQLITE_DONE)
            {
              _mb_store_set_sqlite_error (db, rc, error);
              return FALSE;
            }
        }
    }

  manifest = snap_to_manifest (snap);
  if (!_mb_store_exec (db, error,
                       "INSERT INTO revisions (id, strategy_id, name, taken, automatic, n_rows,"
                       " manifest, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4, ?4)",
                       "ssssiIs", id, strategy_id, name, now, automatic ? 1 : 0, snap->n_rows,
                       manifest))
    return FALSE;
  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);
  return TRUE;
}

typedef struct
{
  const char *strategy_id;
  const char *name;
  char       *id;
} TakeRevision;

static gboolean
take_revision_cb (MbStore   *store,
                  sqlite3   *db,
                  gpointer   data,
                  GError   **error)
{
  TakeRevision *op = data;
  g_autofree char *name = op->name ? g_strstrip (g_strdup (op->name)) : NULL;

  return require_strategy (db, op->strategy_id, error) &&
         check_name (db, op->strategy_id, name, NULL, error) &&
         take_revision (db, op->strategy_id, name, FALSE, &op->id, error);
}

gboolean
_mb_revision_take_on_adoption (sqlite3     *db,
                               const char  *strategy_id,
                               GError     **error)
{
  g_autofree char *number = _mb_store_query_text (db, "SELECT registration_number FROM strategies"
                                                      " WHERE id = ?", "s", strategy_id);
  g_autofree char *adopted = _mb_store_query_text (db, "SELECT adopted_on FROM strategies"
                                                       " WHERE id = ?", "s", strategy_id);
  g_autofree char *now = _mb_store_now ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  /* Named as the decision is: "RS 2021/1234, 2021-06-15". */
  if (adopted == NULL)
    adopted = g_strndup (now, 10);
  if (!_mb_text_is_blank (number))
    base = g_strdup_printf ("%s, %s", g_strstrip (number), adopted);
  else
    base = g_strdup_printf (_("Adopted %s"), adopted);
  name = g_strdup (base);
  for (int n = 2; _mb_store_query_int (db, "SELECT count(*) FROM revisions WHERE strategy_id = ?"
                                           " AND name = ?", "ss", strategy_id, name) > 0; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%d)", base, n);
    }
  return take_revision (db, strategy_id, name, TRUE, NULL, error);
}

char *
mb_store_take_revision (MbStore     *store,
                        const char  *strategy_id,
                        const char  *name,
                        GError     **error)
{
  TakeRevision op = { strategy_id, name, NULL };

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  if (!mb_store_run_action (store, _("Take Revision"), take_revision_cb, &op, error))
    return NULL;
  return op.id;
}

GPtrArray *
mb_store_list_revisions (MbStore     *store,
                         const char  *strategy_id,
                         GError     **error)
{
  sqlite3 *db;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_revision_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  db = mb_store_get_db (store);
  if (!require_strategy (db, strategy_id, error))
    return NULL;
  stmt = _mb_store_prepare (db, "SELECT " REVISION_COLUMNS " FROM revisions"
                                " WHERE strategy_id = ? ORDER BY taken, name", error);
  if (stmt == NULL || !bind (stmt, "s", strategy_id))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, revision_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The revision @stmt reads, or an error: SQLite's, or @missing (taken)
 * when there is none. */
static MbRevision *
step_revision (sqlite3       *db,
               sqlite3_stmt  *stmt,
               char          *missing,
               GError       **error)
{
  g_autofree char *message = missing;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return revision_from_row (stmt);
  if (rc != SQLITE_DONE)
    _mb_store_set_sqlite_error (db, rc, error);
  else
    g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND, message);
  return NULL;
}

MbRevision *
mb_store_find_revision (MbStore     *store,
                        const char  *strategy_id,
                        const char  *name_or_id,
                        GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  db = mb_store_get_db (store);
  if (!require_strategy (db, strategy_id, error))
    return NULL;
  /* By id first: a revision may be named like another's id. */
  stmt = _mb_store_prepare (db, "SELECT " REVISION_COLUMNS " FROM revisions"
                                " WHERE strategy_id = ?1 AND (id = ?2 OR name = ?2)"
                                " ORDER BY id = ?2 DESC LIMIT 1", error);
  if (stmt == NULL || !bind (stmt, "ss", strategy_id, name_or_id ? name_or_id : ""))
    return NULL;
  return step_revision (db, stmt,
                        g_strdup_printf (_("The strategy has no revision “%s”"),
                                         name_or_id ? name_or_id : ""),
                        error);
}

MbRevision *
mb_store_get_revision (MbStore     *store,
                       const char  *revision_id,
                       GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  db = mb_store_get_db (store);
  stmt = _mb_store_prepare (db, "SELECT " REVISION_COLUMNS " FROM revisions WHERE id = ?", error);
  if (stmt == NULL || !bind (stmt, "s", revision_id ? revision_id : ""))
    return NULL;
  return step_revision (db, stmt,
                        g_strdup_printf (_("There is no revision with id “%s”"),
                                         revision_id ? revision_id : ""),
                        error);
}

typedef struct
{
  const char *id;
  const char *name;
} EditRevision;

static gboolean
rename_revision_cb (MbStore   *store,
                    sqlite3   *db,
                    gpointer   data,
                    GError   **error)
{
  EditRevision *op = data;
  g_autofree char *strategy_id = NULL;
  g_autofree char *name = op->name ? g_strstrip (g_strdup (op->name)) : NULL;
  g_autofree char *now = _mb_store_now ();

  strategy_id = _mb_store_query_text (db, "SELECT strategy_id FROM revisions WHERE id = ?",
                                      "s", op->id);
  if (strategy_id == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no revision with id “%s”"), op->id ? op->id : "");
      return FALSE;
    }
  return check_name (db, strategy_id, name, op->id, error) &&
         _mb_store_exec (db, error, "UPDATE revisions SET name = ?, modified = ? WHERE id = ?",
                         "sss", name, now, op->id);
}

gboolean
mb_store_rename_revision (MbStore     *store,
                          const char  *revision_id,
                          const char  *name,
                          GError     **error)
{
  EditRevision op = { revision_id, name };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);

  return mb_store_run_action (store, _("Rename Revision"), rename_revision_cb, &op, error);
}

/* The hashes the manifests of every revision but @except name. */
static GHashTable *
referenced_chunks (sqlite3     *db,
                   const char  *except,
                   GError     **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _mb_store_prepare (db, "SELECT manifest FROM revisions WHERE id IS NOT ?", error);
  if (stmt == NULL || !bind (stmt, "s", except))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *p = (const char *) sqlite3_column_text (stmt, 0);

      /* Only the "C HASH N" lines matter here; a damaged manifest keeps
       * whatever it seems to name, which errs on the side of keeping. */
      while (p != NULL && *p)
        {
          if (p[0] == 'C' && p[1] == ' ' && strlen (p) >= 34)
            g_hash_table_add (set, g_strndup (p + 2, 32));
          p = strchr (p, '\n');
          if (p != NULL)
            p++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

static gboolean
delete_revision_cb (MbStore   *store,
                    sqlite3   *db,
                    gpointer   data,
                    GError   **error)
{
  EditRevision *op = data;
  g_autofree char *manifest = NULL;
  g_autofree char *name = NULL;
  g_autoptr(Snap) snap = NULL;
  g_autoptr(GHashTable) keep = NULL;

  manifest = _mb_store_query_text (db, "SELECT manifest FROM revisions WHERE id = ?", "s", op->id);
  name = _mb_store_query_text (db, "SELECT name FROM revisions WHERE id = ?", "s", op->id);
  if (manifest == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no revision with id “%s”"), op->id ? op->id : "");
      return FALSE;
    }
  if (!_mb_store_exec (db, error, "DELETE FROM revisions WHERE id = ?", "s", op->id))
    return FALSE;

  /* Its chunks that no other revision shares go too (logged, so that undo
   * brings them back with the revision). A damaged manifest frees nothing. */
  snap = snap_from_manifest (name, manifest, NULL);
  if (snap == NULL)
    return TRUE;
  keep = referenced_chunks (db, op->id, error);
  if (keep == NULL)
    return FALSE;
  for (guint i = 0; i < snap->tables->len; i++)
    {
      TableSnap *t = g_ptr_array_index (snap->tables, i);

      for (guint c = 0; c < t->chunks->len; c++)
        {
          Chunk *chunk = &g_array_index (t->chunks, Chunk, c);

          if (!g_hash_table_contains (keep, chunk->hash) &&
              !_mb_store_exec (db, error, "DELETE FROM revision_chunks WHERE hash = ?", "s",
                               chunk->hash))
            return FALSE;
          g_hash_table_add (keep, g_strdup (chunk->hash));
        }
    }
  return TRUE;
}

gboolean
mb_store_delete_revision (MbStore     *store,
                          const char  *revision_id,
                          GError     **error)
{
  EditRevision op = { revision_id, NULL };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);

  return mb_store_run_action (store, _("Delete Revision"), delete_revision_cb, &op, error);
}

gint64
mb_store_get_revision_own_size (MbStore     *store,
                                const char  *revision_id,
                                GError     **error)
{
  sqlite3 *db;
  g_autofree char *manifest = NULL;
  g_autofree char *name = NULL;
  g_autoptr(Snap) snap = NULL;
  g_autoptr(GHashTable) others = NULL;
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 size;

  g_return_val_if_fail (MB_IS_STORE (store), -1);

  db = mb_store_get_db (store);
  manifest = _mb_store_query_text (db, "SELECT manifest FROM revisions WHERE id = ?", "s",
                                   revision_id);
  name = _mb_store_query_text (db, "SELECT name FROM revisions WHERE id = ?", "s", revision_id);
  if (manifest == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no revision with id “%s”"), revision_id ? revision_id : "");
      return -1;
    }
  snap = snap_from_manifest (name, manifest, error);
  others = snap ? referenced_chunks (db, revision_id, error) : NULL;
  if (others == NULL)
    return -1;

  /* The manifest and the row, and each chunk it alone holds. */
  size = (gint64) strlen (manifest) + 200;
  for (guint i = 0; i < snap->tables->len; i++)
    {
      TableSnap *t = g_ptr_array_index (snap->tables, i);

      for (guint c = 0; c < t->chunks->len; c++)
        {
          Chunk *chunk = &g_array_index (t->chunks, Chunk, c);

          if (g_hash_table_contains (others, chunk->hash) ||
              !g_hash_table_add (counted, chunk->hash))
            continue;
          size += 32 + _mb_store_query_int (db, "SELECT length(data) FROM revision_chunks"
                                                " WHERE hash = ?", "s", chunk->hash);
        }
    }
  return size;
}

/* Comparing */

typedef struct
{
  char  *key;
  GStrv  values;   /* per column of its table's snap, encoded */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->key);
  g_strfreev (row->values);
  g_free (row);
}

static gboolean
load_chunk (sqlite3     *db,
            Chunk       *chunk,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (chunk->data != NULL)
    return TRUE;
  stmt = _mb_store_prepare (db, "SELECT data FROM revision_chunks WHERE hash = ?", error);
  if (stmt == NULL || !bind (stmt, "s", chunk->hash))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("A part of the revision is missing from the library (chunk %s)"),
                   chunk->hash);
      return FALSE;
    }
  chunk->data = g_bytes_new (sqlite3_column_text (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  return TRUE;
}

static char *
unescape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        default: g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* Reads a chunk's rows into @rows (key → Row), or in their order into
 * @ordered (which then owns them). */
static gboolean
read_rows (TableSnap   *t,
           Chunk       *chunk,
           GHashTable  *rows,
           GPtrArray   *ordered,
           GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (chunk->data, &size);
  g_autofree char *text = g_strndup (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint l = 0; lines[l] != NULL; l++)
    {
      Row *row;
      GString *key;

      if (lines[l][0] == '\0' && lines[l + 1] == NULL)
        break;
      row = g_new0 (Row, 1);
      row->values = g_strsplit (lines[l], "\t", -1);
      if (g_strv_length (row->values) != t->columns->len)
        {
          row_free (row);
          goto bad;
        }
      key = g_string_new (NULL);
      for (guint c = 0; c < t->columns->len; c++)
        {
          const char *v = row->values[c];

          if (strchr ("nirtb", v[0]) == NULL || v[0] == '\0')
            {
              g_string_free (key, TRUE);
              row_free (row);
              goto bad;
            }
          if (g_array_index (t->is_key, gboolean, c))
            {
              g_autofree char *plain = unescape (v + 1);

              if (key->len)
                g_string_append_c (key, '/');
              g_string_append (key, plain);
            }
        }
      row->key = g_string_free (key, FALSE);
      if (rows != NULL)
        g_hash_table_replace (rows, row->key, row);
      else
        g_ptr_array_add (ordered, row);
      n++;
    }
  if (n == chunk->n_rows)
    return TRUE;

bad:
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
               _("A part of the revision is damaged (%s, chunk %s)"), t->scope->table, chunk->hash);
  return FALSE;
}

static TableSnap *
snap_lookup_table (Snap        *snap,
                   const Scope *scope)
{
  for (guint i = 0; i < snap->tables->len; i++)
    {
      TableSnap *t = g_ptr_array_index (snap->tables, i);

      if (t->scope == scope)
        return t;
    }
  return NULL;
}

/* The rows of @t that are not in a chunk of @other's table. */
static GHashTable *
rows_not_shared (sqlite3     *db,
                 TableSnap   *t,
                 TableSnap   *other,
                 GError     **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  g_autoptr(GHashTable) shared = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; other != NULL && c < other->chunks->len; c++)
    g_hash_table_add (shared, g_array_index (other->chunks, Chunk, c).hash);
  for (guint c = 0; t != NULL && c < t->chunks->len; c++)
    {
      Chunk *chunk = &g_array_index (t->chunks, Chunk, c);

      if (g_hash_table_contains (shared, chunk->hash))
        continue;
      if (!load_chunk (db, chunk, error) || !read_rows (t, chunk, rows, NULL, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

static int
column_index (TableSnap  *t,
              const char *name)
{
  for (guint c = 0; t != NULL && c < t->columns->len; c++)
    if (g_str_equal (g_ptr_array_index (t->columns, c), name))
      return (int) c;
  return -1;
}

/* A row's value of @column, unescaped; NULL for none. */
static char *
row_text (TableSnap  *t,
          Row        *row,
          const char *column)
{
  int c = column_index (t, column);

  if (row == NULL || c < 0 || row->values[c][0] != 't')
    return NULL;
  return unescape (row->values[c] + 1);
}

void
mb_change_free (MbChange *change)
{
  if (change == NULL)
    return;
  g_free (change->id);
  g_free (change->title);
  g_clear_pointer (&change->fields, g_array_unref);
  g_free (change);
}

static void
field_change_clear (gpointer data)
{
  MbFieldChange *f = data;

  g_free (f->old_value);
  g_free (f->new_value);
}

const char *
mb_change_kind_to_string (MbChangeKind kind)
{
  static const char * const names[] = { "added", "removed", "changed", "moved" };

  g_return_val_if_fail (kind <= MB_CHANGE_MOVED, NULL);
  return names[kind];
}

typedef struct
{
  sqlite3      *db;
  GHashTable   *titles;      /* id → title, of rows read from either side */
  sqlite3_stmt *lookup;
} Titles;

static const char *
title_of (Titles     *titles,
          const char *id)
{
  const char *title;
  char *found;

  if (id == NULL)
    return "";
  title = g_hash_table_lookup (titles->titles, id);
  if (title != NULL)
    return title;

  sqlite3_reset (titles->lookup);
  sqlite3_bind_text (titles->lookup, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (titles->lookup) == SQLITE_ROW
            ? _mb_column_dup (titles->lookup, 0) : NULL;
  if (found == NULL)
    found = g_strdup (id);
  g_hash_table_insert (titles->titles, g_strdup (id), found);
  return found;
}

static void
remember_titles (Titles     *titles,
                 TableSnap  *t,
                 GHashTable *rows)
{
  const char *column = g_str_equal (t->scope->table, "levels") ? "name" : "title";
  int c = column_index (t, column);
  GHashTableIter iter;
  Row *row;

  if (c < 0 || column_index (t, "id") != 0)
    return;
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (row->values[c][0] == 't')
      g_hash_table_replace (titles->titles, unescape (row->values[0] + 1),
                            unescape (row->values[c] + 1));
}

static char *
change_title (Titles    *titles,
              TableSnap *t,
              Row       *row)
{
  const char *table = t->scope->table;
  g_autofree char *own = row_text (t, row, g_str_equal (table, "levels") ? "name" : "title");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (own != NULL)
    return g_steal_pointer (&own);
  if (g_str_equal (table, "links"))
    {
      a = row_text (t, row, "from_node_id");
      b = row_text (t, row, "to_node_id");
      return g_strdup_printf ("%s → %s", title_of (titles, a), title_of (titles, b));
    }
  if (g_str_equal (table, "indicator_targets"))
    {
      int year = column_index (t, "year");

      a = row_text (t, row, "indicator_id");
      return g_strdup_printf ("%s, %s", title_of (titles, a),
                              year >= 0 ? row->values[year] + 1 : "");
    }
  if (g_str_equal (table, "assessments"))
    {
      a = row_text (t, row, "node_id");
      b = row_text (t, row, "round_id");
      return g_strdup_printf ("%s (%s)", title_of (titles, a), title_of (titles, b));
    }

  /* A relation: the titles of what it relates, the key's order. */
  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint c = 0; c < t->columns->len; c++)
      {
        g_autofree char *v = NULL;
        const char *name = g_ptr_array_index (t->columns, c);

        if (!g_array_index (t->is_key, gboolean, c))
          continue;
        v = row_text (t, row, name);
        if (out->len)
          g_string_append (out, " – ");
        g_string_append (out, g_str_has_suffix (name, "_id") ? title_of (titles, v) : (v ? v : ""));
      }
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

static char
field_type_of (const char *table,
               const char *column)
{
  const MbExchangeTable *t = mb_exchange_lookup_table (table, NULL);
  const MbExchangeField *f = t ? mb_exchange_table_lookup_field (t, column, NULL) : NULL;

  if (f == NULL)
    return 's';
  switch (f->type)
    {
    case MB_FIELD_BOOLEAN: return 'b';
    case MB_FIELD_INTEGER:
    case MB_FIELD_REAL: return 'n';
    case MB_FIELD_TEXT:
    default: return 's';
    }
}

static char *
decode_value (const char *encoded,
              char        type)
{
  if (encoded == NULL || encoded[0] == 'n')
    return NULL;
  if (type == 'b' && encoded[0] == 'i')
    return g_strdup (g_ascii_strtoll (encoded + 1, NULL, 10) != 0 ? "true" : "false");
  if (encoded[0] == 't')
    return unescape (encoded + 1);
  return g_strdup (encoded + 1);
}

static MbChange *
change_new (TableSnap    *t,
            Row          *row,
            MbChangeKind  kind,
            Titles       *titles)
{
  MbChange *change = g_new0 (MbChange, 1);

  change->entity = t->scope->entity;
  change->id = g_strdup (row->key);
  change->kind = kind;
  change->title = change_title (titles, t, row);
  return change;
}

static MbChange *
compare_rows (TableSnap *ta,
              Row       *a,
              TableSnap *tb,
              Row       *b,
              Titles    *titles)
{
  const char *table = tb->scope->table;
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (MbFieldChange));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean moved = FALSE;
  MbChange *change;

  g_array_set_clear_func (fields, field_change_clear);
  for (guint c = 0; c < tb->columns->len; c++)
    g_ptr_array_add (names, g_ptr_array_index (tb->columns, c));
  for (guint c = 0; c < ta->columns->len; c++)
    if (column_index (tb, g_ptr_array_index (ta->columns, c)) < 0)
      g_ptr_array_add (names, g_ptr_array_index (ta->columns, c));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int ca = column_index (ta, name), cb = column_index (tb, name);
      const char *va = ca >= 0 ? a->values[ca] : "n";
      const char *vb = cb >= 0 ? b->values[cb] : "n";
      MbFieldChange f = { 0 };

      if (g_str_equal (va, vb) || is_ignored_column (table, name))
        continue;
      f.name = g_intern_string (name);
      f.type = field_type_of (table, name);
      f.old_value = decode_value (va, f.type);
      f.new_value = decode_value (vb, f.type);
      g_array_append_val (fields, f);
      moved |= g_str_equal (table, "nodes") &&
               (g_str_equal (name, "parent_id") || g_str_equal (name, "level_id"));
    }
  if (fields->len == 0)
    return NULL;

  change = change_new (tb, b, moved ? MB_CHANGE_MOVED : MB_CHANGE_CHANGED, titles);
  change->fields = g_steal_pointer (&fields);
  return change;
}

static int
compare_changes_by_id (gconstpointer a,
                       gconstpointer b)
{
  const MbChange *ca = *(MbChange * const *) a;
  const MbChange *cb = *(MbChange * const *) b;

  return strcmp (ca->id, cb->id);
}

static Snap *
snap_of_revision (sqlite3     *db,
                  const char  *strategy_id,
                  const char  *revision_id,
                  GError     **error)
{
  g_autofree char *manifest = NULL;
  g_autofree char *name = NULL;

  if (revision_id == NULL)
    return snap_read (db, strategy_id, error);

  manifest = _mb_store_query_text (db, "SELECT manifest FROM revisions WHERE id = ?"
                                       " AND strategy_id = ?", "ss", revision_id, strategy_id);
  name = _mb_store_query_text (db, "SELECT name FROM revisions WHERE id = ?", "s", revision_id);
  if (manifest == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("The strategy has no revision “%s”"), revision_id);
      return NULL;
    }
  return snap_from_manifest (name, manifest, error);
}

static GPtrArray *
compare (sqlite3     *db,
         const char  *strategy_id,
         const char  *from_id,
         const char  *to_id,
         GError     **error)
{
  g_autoptr(Snap) from = NULL;
  g_autoptr(Snap) to = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_change_free);
  g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) title_map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) lookup = NULL;
  Titles titles = { db, title_map, NULL };

  if (!require_strategy (db, strategy_id, error) ||
      (from = snap_of_revision (db, strategy_id, from_id, error)) == NULL ||
      (to = snap_of_revision (db, strategy_id, to_id, error)) == NULL)
    return NULL;

  lookup = _mb_store_prepare (db,
                              "SELECT title FROM nodes WHERE id = ?1"
                              " UNION ALL SELECT title FROM indicators WHERE id = ?1"
                              " UNION ALL SELECT name FROM levels WHERE id = ?1"
                              " UNION ALL SELECT title FROM follow_up_rounds WHERE id = ?1"
                              " UNION ALL SELECT title FROM activities WHERE id = ?1"
                              " UNION ALL SELECT title FROM projects WHERE id = ?1"
                              " UNION ALL SELECT title FROM funding_calls WHERE id = ?1"
                              " UNION ALL SELECT name FROM organisations WHERE id = ?1"
                              " UNION ALL SELECT title FROM strategies WHERE id = ?1 LIMIT 1",
                              error);
  if (lookup == NULL)
    return NULL;
  titles.lookup = lookup;

  /* First every table's rows that differ, so that titles are known (a
   * removed link names its removed nodes), then the changes. */
  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      TableSnap *ta = snap_lookup_table (from, &scopes[s]);
      TableSnap *tb = snap_lookup_table (to, &scopes[s]);
      GHashTable *ra, *rb;

      /* A log's rows are not compared: each is there because of a change
       * of another table's row, reported as that row's. */
      if (scopes[s].log)
        ta = tb = NULL;
      ra = rows_not_shared (db, ta, tb, error);
      if (ra == NULL)
        return NULL;
      g_ptr_array_add (sides, ra);
      rb = rows_not_shared (db, tb, ta, error);
      if (rb == NULL)
        return NULL;
      g_ptr_array_add (sides, rb);
      if (ta != NULL)
        remember_titles (&titles, ta, ra);
      if (tb != NULL)
        remember_titles (&titles, tb, rb);
    }

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      TableSnap *ta = snap_lookup_table (from, &scopes[s]);
      TableSnap *tb = snap_lookup_table (to, &scopes[s]);
      GHashTable *ra = g_ptr_array_index (sides, 2 * s);
      GHashTable *rb = g_ptr_array_index (sides, 2 * s + 1);
      g_autoptr(GPtrArray) these = g_ptr_array_new ();
      GHashTableIter iter;
      Row *row;

      g_hash_table_iter_init (&iter, ra);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        {
          Row *other = g_hash_table_lookup (rb, row->key);
          MbChange *change;

          if (other == NULL)
            change = change_new (ta, row, MB_CHANGE_REMOVED, &titles);
          else
            change = compare_rows (ta, row, tb, other, &titles);
          if (change != NULL)
            g_ptr_array_add (these, change);
        }
      g_hash_table_iter_init (&iter, rb);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        if (!g_hash_table_contains (ra, row->key))
          g_ptr_array_add (these, change_new (tb, row, MB_CHANGE_ADDED, &titles));

      g_ptr_array_sort (these, compare_changes_by_id);
      for (guint i = 0; i < these->len; i++)
        g_ptr_array_add (changes, g_ptr_array_index (these, i));
    }

  return g_steal_pointer (&changes);
}

GPtrArray *
mb_store_compare_revisions (MbStore     *store,
                            const char  *strategy_id,
                            const char  *from_id,
                            const char  *to_id,
                            GError     **error)
{
  sqlite3 *db;
  GPtrArray *changes;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  /* One read transaction: "now" and the revisions as of one moment. */
  db = mb_store_get_db (store);
  if (!_mb_store_exec (db, error, "SAVEPOINT mb_compare", NULL))
    return NULL;
  changes = compare (db, strategy_id, from_id, to_id, error);
  sqlite3_exec (db, "RELEASE mb_compare", NULL, NULL, NULL);
  return changes;
}

/* Export and restore */

/* Every row of @t, in key order. */
static GPtrArray *
all_rows (sqlite3     *db,
          TableSnap   *t,
          GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);

  for (guint c = 0; t != NULL && c < t->chunks->len; c++)
    {
      Chunk *chunk = &g_array_index (t->chunks, Chunk, c);

      if (!load_chunk (db, chunk, error) || !read_rows (t, chunk, NULL, rows, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
write_field (MbJsonWriter          *w,
             const MbExchangeField *field,
             const char            *encoded)
{
  g_autofree char *text = NULL;

  if (encoded[0] == 'n' || encoded[0] == 'b')
    return;
  mb_json_writer_key (w, field->name);
  switch (field->type)
    {
    case MB_FIELD_BOOLEAN:
      mb_json_writer_boolean (w, g_ascii_strtoll (encoded + 1, NULL, 10) != 0);
      break;
    case MB_FIELD_INTEGER:
      mb_json_writer_int (w, g_ascii_strtoll (encoded + 1, NULL, 10));
      break;
    case MB_FIELD_REAL:
      mb_json_writer_double (w, g_ascii_strtod (encoded + 1, NULL));
      break;
    case MB_FIELD_TEXT:
    default:
      text = encoded[0] == 't' ? unescape (encoded + 1) : g_strdup (encoded + 1);
      mb_json_writer_string (w, text, -1);
    }
}

GBytes *
mb_store_export_revision (MbStore     *store,
                          const char  *strategy_id,
                          const char  *revision_id,
                          GError     **error)
{
  sqlite3 *db;
  g_autoptr(Snap) snap = NULL;
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  g_autoptr(MbJsonWriter) w = mb_json_writer_new (out);
  gboolean ok = TRUE;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  db = mb_store_get_db (store);
  if (!_mb_store_exec (db, error, "SAVEPOINT mb_export_revision", NULL))
    return NULL;
  ok = require_strategy (db, strategy_id, error) &&
       (snap = snap_of_revision (db, strategy_id, revision_id, error)) != NULL;

  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "format");
  mb_json_writer_string (w, MB_EXCHANGE_FORMAT_NAME, -1);
  mb_json_writer_key (w, "version");
  mb_json_writer_int (w, MB_EXCHANGE_FORMAT_VERSION);
  for (guint s = 0; ok && s < G_N_ELEMENTS (scopes); s++)
    {
      const MbExchangeTable *table = mb_exchange_lookup_table (scopes[s].table, NULL);
      TableSnap *t = snap_lookup_table (snap, &scopes[s]);
      g_autoptr(GPtrArray) rows = all_rows (db, t, error);
      g_autofree int *columns = NULL;

      if (rows == NULL)
        {
          ok = FALSE;
          break;
        }
      /* The format's fields, from whichever columns the revision has. */
      columns = g_new (int, table->n_fields);
      for (guint f = 0; f < table->n_fields; f++)
        columns[f] = column_index (t, table->fields[f].name);

      mb_json_writer_key (w, table->name);
      mb_json_writer_begin_array (w);
      for (guint r = 0; r < rows->len; r++)
        {
          Row *row = g_ptr_array_index (rows, r);

          mb_json_writer_begin_object (w);
          for (guint f = 0; f < table->n_fields; f++)
            if (columns[f] >= 0)
              write_field (w, &table->fields[f], row->values[columns[f]]);
          mb_json_writer_end_object (w);
        }
      mb_json_writer_end_array (w);
    }
  mb_json_writer_end_object (w);
  sqlite3_exec (db, "RELEASE mb_export_revision", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Binds a row's encoded value. */
static void
bind_encoded (sqlite3_stmt *stmt,
              int           index,
              const char   *encoded)
{
  switch (encoded[0])
    {
    case 'i':
      sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (encoded + 1, NULL, 10));
      break;
    case 'r':
      sqlite3_bind_double (stmt, index, g_ascii_strtod (encoded + 1, NULL));
      break;
    case 't':
      sqlite3_bind_text (stmt, index, unescape (encoded + 1), -1, g_free);
      break;
    case 'b':
      {
        gsize n = strlen (encoded + 1) / 2;
        guint8 *blob = g_malloc (n + 1);

        for (gsize i = 0; i < n; i++)
          blob[i] = (guint8) (g_ascii_xdigit_value (encoded[1 + 2 * i]) * 16 +
                              g_ascii_xdigit_value (encoded[2 + 2 * i]));
        sqlite3_bind_blob64 (stmt, index, blob, n, g_free);
      }
      break;
    default:
      sqlite3_bind_null (stmt, index);
    }
}

static gboolean
step_once (sqlite3      *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  _mb_store_set_sqlite_error (db, rc, error);
  return FALSE;
}

/* The columns of @t that the table has now, by index into the revision's. */
static GArray *
live_columns (sqlite3   *db,
              TableSnap *t)
{
  g_autoptr(GPtrArray) pks = NULL;
  g_autoptr(GPtrArray) now = _mb_store_table_columns (db, t->scope->table, &pks);
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; c < t->columns->len; c++)
    for (guint n = 0; n < now->len; n++)
      if (g_str_equal (g_ptr_array_index (now, n), g_ptr_array_index (t->columns, c)))
        {
          g_array_append_val (columns, c);
          break;
        }
  return columns;
}

typedef enum
{
  RESTORE_CHANGED,   /* rows on both sides get their values back */
  RESTORE_ADDED,     /* rows added since go */
  RESTORE_REMOVED,   /* rows removed since come back */
} RestorePass;

static gboolean
restore_table (sqlite3     *db,
               TableSnap   *was,
               GHashTable  *was_rows,
               GHashTable  *now_rows,
               RestorePass  pass,
               GError     **error)
{
  g_autoptr(GArray) columns = live_columns (db, was);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *table = was->scope->table;
  GHashTableIter iter;
  Row *row;
  int n_keys = 0;

  for (guint c = 0; c < was->columns->len; c++)
    if (g_array_index (was->is_key, gboolean, c))
      {
        g_string_append_printf (where, "%s\"%s\" = ?%d", n_keys ? " AND " : "",
                                (const char *) g_ptr_array_index (was->columns, c), n_keys + 1);
        n_keys++;
      }

  if (pass == RESTORE_ADDED)
    {
      /* Rows added since: by key, their table's key columns as the
       * revision has them (keys do not change between versions). */
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE %s", table, where->str);

      stmt = _mb_store_prepare (db, sql, error);
      if (stmt == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, now_rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        {
          int k = 1;

          if (g_hash_table_contains (was_rows, row->key))
            continue;
          for (guint c = 0; c < was->columns->len; c++)
            if (g_array_index (was->is_key, gboolean, c))
              bind_encoded (stmt, k++, row->values[c]);
          if (!step_once (db, stmt, error))
            return FALSE;
        }
      return TRUE;
    }

  /* Rows removed or changed since: put back whole, every column the table
   * still has. An upsert keeps the row's identity: no cascade fires. */
  for (guint i = 0; i < columns->len; i++)
    {
      guint c = g_array_index (columns, guint, i);
      const char *name = g_ptr_array_index (was->columns, c);

      g_string_append_printf (insert, "%s\"%s\"", i ? ", " : "", name);
      g_string_append_printf (values, "%s?%u", i ? ", " : "", i + 1);
      if (!g_array_index (was->is_key, gboolean, c))
        g_string_append_printf (update, "%s\"%s\" = excluded.\"%s\"", update->len ? ", " : "",
                                name, name);
    }
  {
    g_autofree char *key_list = NULL;
    g_autoptr(GString) keys_sql = g_string_new (NULL);
    g_autofree char *sql = NULL;

    for (guint c = 0; c < was->columns->len; c++)
      if (g_array_index (was->is_key, gboolean, c))
        g_string_append_printf (keys_sql, "%s\"%s\"", keys_sql->len ? ", " : "",
                                (const char *) g_ptr_array_index (was->columns, c));
    /* A log's row is never rewritten, only brought back. */
    if (was->scope->log)
      g_string_truncate (update, 0);
    sql = g_strdup_printf ("INSERT INTO \"%s\" (%s) VALUES (%s) ON CONFLICT (%s) DO %s%s", table,
                           insert->str, values->str, keys_sql->str,
                           update->len ? "UPDATE SET " : "NOTHING", update->str);
    stmt = _mb_store_prepare (db, sql, error);
    if (stmt == NULL)
      return FALSE;
  }
  g_hash_table_iter_init (&iter, was_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      if (g_hash_table_contains (now_rows, row->key) != (pass == RESTORE_CHANGED))
        continue;
      for (guint i = 0; i < columns->len; i++)
        bind_encoded (stmt, (int) i + 1, row->values[g_array_index (columns, guint, i)]);
      if (!step_once (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *revision_id;
  gboolean    as_it_was;   /* the targets' history too, no entries of its own */
} Restore;

/* A target a restore may change, by indicator and year (its row's id may
 * differ: one removed and another added at the same year since). */
typedef struct
{
  char     *indicator_id;
  int       year;
  double    before;       /* NAN: none */
  gboolean  adopted;      /* before the restore */
} TargetBefore;

static void
target_before_free (gpointer data)
{
  TargetBefore *t = data;

  g_free (t->indicator_id);
  g_free (t);
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  const TargetBefore *ta = a;
  const TargetBefore *tb = b;
  int by_indicator = strcmp (ta->indicator_id, tb->indicator_id);

  return by_indicator != 0 ? by_indicator : ta->year - tb->year;
}

/* The value of @indicator_id's target for @year, NAN for none. */
static double
target_value (sqlite3_stmt *stmt,
              const char   *indicator_id,
              int           year)
{
  double value = NAN;

  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return value;
}

/* Adds to @targets (indicator and year → TargetBefore) the targets of
 * @rows, with their values before the restore. */
static void
note_targets (sqlite3      *db,
              sqlite3_stmt *value,
              TableSnap    *t,
              GHashTable   *rows,
              GHashTable   *targets)
{
  int indicator = column_index (t, "indicator_id");
  int year = column_index (t, "year");
  GHashTableIter iter;
  Row *row;

  if (indicator < 0 || year < 0)
    return;
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      TargetBefore *target;
      g_autofree char *key = NULL;

      if (row->values[indicator][0] != 't' || row->values[year][0] != 'i')
        continue;
      target = g_new0 (TargetBefore, 1);
      target->indicator_id = unescape (row->values[indicator] + 1);
      target->year = (int) g_ascii_strtoll (row->values[year] + 1, NULL, 10);
      key = g_strdup_printf ("%s/%d", target->indicator_id, target->year);
      if (g_hash_table_contains (targets, key))
        {
          target_before_free (target);
          continue;
        }
      target->before = target_value (value, target->indicator_id, target->year);
      target->adopted = _mb_store_target_is_adopted (db, target->indicator_id);
      g_hash_table_insert (targets, g_steal_pointer (&key), target);
    }
}

/* After the restore: an entry in the targets' history for each target of
 * an adopted strategy (before or after) that the restore changed, added or
 * removed, as mb_store_set_target_with_reason() and
 * mb_store_remove_target() write them. Targets of an indicator the restore
 * removed went with it, their history too. */
static gboolean
record_restored_targets (sqlite3      *db,
                         sqlite3_stmt *value,
                         GHashTable   *targets,
                         const char   *revision_name,
                         GError      **error)
{
  g_autofree char *reason = g_strdup_printf (_("Restored revision “%s”"), revision_name);
  /* In the same order every time: the entries' rowids order them. */
  g_autoptr(GList) sorted = g_list_sort (g_hash_table_get_values (targets), compare_targets);

  for (GList *l = sorted; l != NULL; l = l->next)
    {
      TargetBefore *t = l->data;
      double after;

      if (_mb_store_query_int (db, "SELECT count(*) FROM indicators WHERE id = ?", "s",
                               t->indicator_id) == 0)
        continue;
      after = target_value (value, t->indicator_id, t->year);
      if ((isnan (after) && isnan (t->before)) || after == t->before)
        continue;
      if (!t->adopted && !_mb_store_target_is_adopted (db, t->indicator_id))
        continue;
      if (!_mb_store_record_target_change (db, t->indicator_id, t->year, t->before,
                                           isnan (after) ? "removed" : "changed", reason, error))
        return FALSE;
    }
  return TRUE;
}

/* Of the rows added since (@now_rows not in @was_rows) of @t: another
 * strategy's indicator the revision did not hold is detached by the
 * restore (its node_indicators row), not deleted, nor are its targets and
 * their history: they are taken out of @now_rows, the indicator into
 * @foreign. */
static void
keep_foreign_indicators (TableSnap   *t,
                         GHashTable  *was_rows,
                         GHashTable  *now_rows,
                         const char  *strategy_id,
                         GHashTable  *foreign)
{
  gboolean is_indicator = g_str_equal (t->scope->table, "indicators");
  int owner = column_index (t, is_indicator ? "strategy_id" : "indicator_id");
  GHashTableIter iter;
  Row *row;

  if (owner < 0)
    return;
  g_hash_table_iter_init (&iter, now_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      g_autofree char *value = NULL;

      if (g_hash_table_contains (was_rows, row->key) || row->values[owner][0] != 't')
        continue;
      value = unescape (row->values[owner] + 1);
      if (is_indicator && !g_str_equal (value, strategy_id))
        {
          g_hash_table_add (foreign, g_strdup (row->key));
          g_hash_table_iter_remove (&iter);
        }
      else if (!is_indicator && g_hash_table_contains (foreign, value))
        g_hash_table_iter_remove (&iter);
    }
}

static gboolean
restore_cb (MbStore   *store,
            sqlite3   *db,
            gpointer   data,
            GError   **error)
{
  Restore *op = data;
  const char *revision_id = op->revision_id;
  g_autofree char *strategy_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *taken = NULL;
  g_autoptr(Snap) was = NULL;
  g_autoptr(Snap) now = NULL;
  g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         target_before_free);
  g_autoptr(GHashTable) foreign = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) value = NULL;
  gboolean history_known = FALSE;

  strategy_id = _mb_store_query_text (db, "SELECT strategy_id FROM revisions WHERE id = ?", "s",
                                      revision_id);
  if (strategy_id == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no revision with id “%s”"), revision_id ? revision_id : "");
      return FALSE;
    }
  name = _mb_store_query_text (db, "SELECT name FROM revisions WHERE id = ?", "s", revision_id);
  taken = _mb_store_query_text (db, "SELECT taken FROM revisions WHERE id = ?", "s", revision_id);
  if ((was = snap_of_revision (db, strategy_id, revision_id, error)) == NULL ||
      (now = snap_read (db, strategy_id, error)) == NULL ||
      (value = _mb_store_prepare (db, "SELECT value FROM indicator_targets"
                                      " WHERE indicator_id = ? AND year = ?", error)) == NULL)
    return FALSE;

  /* References hold at the commit: a node comes back before its parent. */
  if (!_mb_store_exec (db, error, "PRAGMA defer_foreign_keys = ON", NULL))
    return FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      TableSnap *tw = snap_lookup_table (was, &scopes[s]);
      TableSnap *tn = snap_lookup_table (now, &scopes[s]);
      GHashTable *rw = rows_not_shared (db, tw, tn, error);
      GHashTable *rn = rw ? rows_not_shared (db, tn, tw, error) : NULL;

      if (rn == NULL)
        {
          g_clear_pointer (&rw, g_hash_table_unref);
          return FALSE;
        }
      g_ptr_array_add (sides, rw);
      g_ptr_array_add (sides, rn);
      /* A table the revision did not know stays as it is. */
      if (tw == NULL)
        {
          g_hash_table_remove_all (rn);
          g_hash_table_remove_all (rw);
          continue;
        }
      if (g_str_equal (scopes[s].table, "indicators") ||
          g_str_equal (scopes[s].table, "indicator_targets") ||
          g_str_equal (scopes[s].table, "target_history"))
        keep_foreign_indicators (tw, rw, rn, strategy_id, foreign);
      if (g_str_equal (scopes[s].table, "target_history"))
        history_known = TRUE;
      if (g_str_equal (scopes[s].table, "indicator_targets") && !op->as_it_was)
        {
          note_targets (db, value, tw, rw, targets);
          note_targets (db, value, tn, rn, targets);
        }
    }

  /* Changed rows first: a node moved onto a level added since leaves it
   * before the level goes (no cascade takes it along). Then what was added
   * goes, children before parents, which frees the unique values (a
   * target's year) that what comes back, last, takes again. A log (the
   * targets' history) only gets back rows it lost (with an indicator
   * removed since), unless the restore is to show it as it was. */
  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      TableSnap *tw = snap_lookup_table (was, &scopes[s]);

      if (tw != NULL && (op->as_it_was || !scopes[s].log) &&
          !restore_table (db, tw, g_ptr_array_index (sides, 2 * s),
                          g_ptr_array_index (sides, 2 * s + 1), RESTORE_CHANGED, error))
        return FALSE;
    }
  for (guint s = G_N_ELEMENTS (scopes); s-- > 0;)
    {
      TableSnap *tw = snap_lookup_table (was, &scopes[s]);

      if (tw != NULL && (op->as_it_was || !scopes[s].log) &&
          !restore_table (db, tw, g_ptr_array_index (sides, 2 * s),
                          g_ptr_array_index (sides, 2 * s + 1), RESTORE_ADDED, error))
        return FALSE;
    }
  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      TableSnap *tw = snap_lookup_table (was, &scopes[s]);

      if (tw != NULL &&
          !restore_table (db, tw, g_ptr_array_index (sides, 2 * s),
                          g_ptr_array_index (sides, 2 * s + 1), RESTORE_REMOVED, error))
        return FALSE;
    }

  if (!op->as_it_was)
    return record_restored_targets (db, value, targets, name, error);

  /* A revision taken before revisions held the history: as it was is what
   * had been written by then (the history only grows). */
  if (!history_known &&
      !_mb_store_exec (db, error, "DELETE FROM target_history WHERE changed > ?2"
                                  " AND indicator_id IN " INDICATORS, "ss", strategy_id, taken))
    return FALSE;
  return TRUE;
}

gboolean
mb_store_restore_revision (MbStore     *store,
                           const char  *revision_id,
                           GError     **error)
{
  Restore op = { revision_id, FALSE };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);

  return mb_store_run_action (store, _("Restore Revision"), restore_cb, &op, error);
}

gboolean
_mb_revision_restore_as_it_was (MbStore     *store,
                                const char  *revision_id,
                                GError     **error)
{
  Restore op = { revision_id, TRUE };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);

  return mb_store_run_action (store, _("Restore Revision"), restore_cb, &op, error);
}

typedef struct
{
  const char *revision_id;
  char       *id;
} RestoreAsNew;

static gboolean
restore_as_new_cb (MbStore   *store,
                   sqlite3   *db,
                   gpointer   data,
                   GError   **error)
{
  RestoreAsNew *op = data;
  g_autofree char *strategy_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *now = _mb_store_now ();
  g_autoptr(Snap) was = NULL;
  /* old id → new id, of every row copied */
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  strategy_id = _mb_store_query_text (db, "SELECT strategy_id FROM revisions WHERE id = ?", "s",
                                      op->revision_id);
  name = _mb_store_query_text (db, "SELECT name FROM revisions WHERE id = ?", "s",
                               op->revision_id);
  if (strategy_id == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no revision with id “%s”"),
                   op->revision_id ? op->revision_id : "");
      return FALSE;
    }
  if ((was = snap_of_revision (db, strategy_id, op->revision_id, error)) == NULL ||
      !_mb_store_exec (db, error, "PRAGMA defer_foreign_keys = ON", NULL))
    return FALSE;

  /* Every row's new id first: a node may come before its parent. */
  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      TableSnap *t = snap_lookup_table (was, &scopes[s]);
      g_autoptr(GPtrArray) rows = t ? all_rows (db, t, error) : NULL;
      int id = column_index (t, "id");
      int owner = g_str_equal (scopes[s].table, "indicators") ? column_index (t, "strategy_id") : -1;

      if (t != NULL && rows == NULL)
        return FALSE;
      for (guint r = 0; id >= 0 && r < rows->len; r++)
        {
          Row *row = g_ptr_array_index (rows, r);

          /* Another strategy's indicator stays its own: attached, not
           * copied, and so are its targets. */
          if (owner >= 0 && row->values[owner][0] == 't')
            {
              g_autofree char *own = unescape (row->values[owner] + 1);

              if (!g_str_equal (own, strategy_id))
                continue;
            }
          if (row->values[id][0] == 't')
            g_hash_table_insert (ids, unescape (row->values[id] + 1), mb_store_new_id ());
        }
    }

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      const MbExchangeTable *table = mb_exchange_lookup_table (scopes[s].table, NULL);
      TableSnap *t = snap_lookup_table (was, &scopes[s]);
      g_autoptr(GPtrArray) rows = t ? all_rows (db, t, error) : NULL;
      g_autoptr(GArray) columns = NULL;
      g_autoptr(GString) sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int id_column;

      if (t == NULL)
        continue;
      if (rows == NULL)
        return FALSE;
      columns = live_columns (db, t);
      sql = g_string_new (NULL);
      g_string_append_printf (sql, "INSERT INTO \"%s\" (", scopes[s].table);
      for (guint i = 0; i < columns->len; i++)
        g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "",
                                (const char *) g_ptr_array_index (t->columns,
                                                                  g_array_index (columns, guint, i)));
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; i < columns->len; i++)
        g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 1);
      g_string_append (sql, ")");
      stmt = _mb_store_prepare (db, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      id_column = column_index (t, "id");

      for (guint r = 0; r < rows->len; r++)
        {
          Row *row = g_ptr_array_index (rows, r);
          g_autofree char *old_id = id_column >= 0 && row->values[id_column][0] == 't'
                                      ? unescape (row->values[id_column] + 1) : NULL;
          gboolean skip = old_id != NULL && !g_hash_table_contains (ids, old_id);

          if (skip)
            continue;

          for (guint i = 0; i < columns->len && !skip; i++)
            {
              guint c = g_array_index (columns, guint, i);
              const char *column = g_ptr_array_index (t->columns, c);
              const MbExchangeField *field = mb_exchange_table_lookup_field (table, column, NULL);
              const char *v = row->values[c];
              g_autofree char *text = v[0] == 't' ? unescape (v + 1) : NULL;
              int index = (int) i + 1;

              if (text != NULL && g_str_equal (column, "id"))
                sqlite3_bind_text (stmt, index, g_hash_table_lookup (ids, text), -1,
                                   SQLITE_TRANSIENT);
              else if (text != NULL && field != NULL && field->references != NULL)
                {
                  const char *mapped = g_hash_table_lookup (ids, text);

                  /* A target of an indicator not copied, and its history:
                   * not copied. */
                  if (mapped == NULL && (g_str_equal (scopes[s].table, "indicator_targets") ||
                                         g_str_equal (scopes[s].table, "target_history")))
                    skip = TRUE;
                  sqlite3_bind_text (stmt, index, mapped ? mapped : text, -1, SQLITE_TRANSIENT);
                }
              else if (g_str_equal (scopes[s].table, "strategies") &&
                       g_str_equal (column, "title"))
                {
                  g_autofree char *title = g_strdup_printf ("%s (%s)", text ? text : "", name);

                  sqlite3_bind_text (stmt, index, title, -1, SQLITE_TRANSIENT);
                }
              else if (g_str_equal (scopes[s].table, "strategies") &&
                       (g_str_equal (column, "registration_number") ||
                        g_str_equal (column, "adopted_on")))
                sqlite3_bind_null (stmt, index);
              else if (g_str_equal (scopes[s].table, "strategies") &&
                       g_str_equal (column, "status"))
                sqlite3_bind_text (stmt, index, "draft", -1, SQLITE_STATIC);
              else if (g_str_equal (column, "created") || g_str_equal (column, "modified"))
                sqlite3_bind_text (stmt, index, now, -1, SQLITE_TRANSIENT);
              else
                bind_encoded (stmt, index, v);
            }
          if (skip)
            {
              sqlite3_reset (stmt);
              sqlite3_clear_bindings (stmt);
              continue;
            }
          if (!step_once (db, stmt, error))
            return FALSE;
        }
    }

  op->id = g_strdup (g_hash_table_lookup (ids, strategy_id));
  return op->id != NULL;
}

char *
mb_store_restore_revision_as_new (MbStore     *store,
                                  const char  *revision_id,
                                  GError     **error)
{
  RestoreAsNew op = { revision_id, NULL };

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  if (!mb_store_run_action (store, _("Restore Revision as New Strategy"), restore_as_new_cb, &op,
                            error))
    {
      g_free (op.id);
      return NULL;
    }
  return op.id;
}

/* A revision's rows of one table */

GPtrArray *
mb_store_list_revision_records (MbStore     *store,
                                const char  *strategy_id,
                                const char  *revision_id,
                                const char  *table,
                                GError     **error)
{
  sqlite3 *db;
  const Scope *scope;
  g_autoptr(Snap) snap = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  TableSnap *t;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  scope = lookup_scope (table);
  if (scope == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("A revision holds no table “%s”"), table);
      return NULL;
    }
  db = mb_store_get_db (store);
  if (!require_strategy (db, strategy_id, error) ||
      (snap = snap_of_revision (db, strategy_id, revision_id, error)) == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func (g_object_unref);
  t = snap_lookup_table (snap, scope);
  if (t == NULL)
    return g_steal_pointer (&records);
  rows = all_rows (db, t, error);
  if (rows == NULL)
    return NULL;

  /* The rows become records through a statement that selects them back
   * under their columns' names: one way to make a record, the store's. */
  sql = g_string_new ("SELECT ");
  for (guint c = 0; c < t->columns->len; c++)
    g_string_append_printf (sql, "%s?%u AS \"%s\"", c ? ", " : "", c + 1,
                            (const char *) g_ptr_array_index (t->columns, c));
  stmt = _mb_store_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      int rc;

      for (guint c = 0; c < t->columns->len; c++)
        bind_encoded (stmt, (int) c + 1, row->values[c]);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _mb_store_set_sqlite_error (db, rc, error);
          return NULL;
        }
      g_ptr_array_add (records, _mb_record_new_from_stmt (table, stmt));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return g_steal_pointer (&records);
}

/* Output */

static void
write_value (MbJsonWriter *w,
             const char   *value,
             char          type)
{
  if (value == NULL)
    mb_json_writer_null (w);
  else if (type == 'b')
    mb_json_writer_boolean (w, g_str_equal (value, "true"));
  else if (type == 'n')
    {
      double d = g_ascii_strtod (value, NULL);

      if (isfinite (d))
        mb_json_writer_double (w, d);
      else
        mb_json_writer_null (w);
    }
  else
    mb_json_writer_string (w, value, -1);
}

char *
mb_changes_to_json (GPtrArray  *changes,
                    const char *strategy_id,
                    const char *from,
                    const char *to)
{
  GString *out = g_string_new (NULL);
  g_autoptr(MbJsonWriter) w = mb_json_writer_new (out);

  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "strategy");
  mb_json_writer_string (w, strategy_id, -1);
  mb_json_writer_key (w, "from");
  mb_json_writer_string (w, from, -1);
  mb_json_writer_key (w, "to");
  mb_json_writer_string (w, to, -1);
  mb_json_writer_key (w, "changes");
  mb_json_writer_begin_array (w);
  for (guint i = 0; i < changes->len; i++)
    {
      MbChange *change = g_ptr_array_index (changes, i);

      mb_json_writer_begin_object (w);
      mb_json_writer_key (w, "entity");
      mb_json_writer_string (w, change->entity, -1);
      mb_json_writer_key (w, "id");
      mb_json_writer_string (w, change->id, -1);
      mb_json_writer_key (w, "change");
      mb_json_writer_string (w, mb_change_kind_to_string (change->kind), -1);
      mb_json_writer_key (w, "title");
      mb_json_writer_string (w, change->title, -1);
      mb_json_writer_key (w, "fields");
      mb_json_writer_begin_object (w);
      for (guint f = 0; change->fields != NULL && f < change->fields->len; f++)
        {
          MbFieldChange *field = &g_array_index (change->fields, MbFieldChange, f);

          mb_json_writer_key (w, field->name);
          mb_json_writer_begin_object (w);
          mb_json_writer_key (w, "old");
          write_value (w, field->old_value, field->type);
          mb_json_writer_key (w, "new");
          write_value (w, field->new_value, field->type);
          mb_json_writer_end_object (w);
        }
      mb_json_writer_end_object (w);
      mb_json_writer_end_object (w);
    }
  mb_json_writer_end_array (w);
  mb_json_writer_end_object (w);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_row (GString    *out,
                MbChange   *change,
                const char *field,
                const char *old_value,
                const char *new_value)
{
  const char *values[] = {
    change->entity, change->id, mb_change_kind_to_string (change->kind), change->title,
    field, old_value, new_value,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, values[i]);
    }
  g_string_append (out, "\r\n");
}

char *
mb_changes_to_csv (GPtrArray *changes)
{
  GString *out = g_string_new ("entity,id,change,title,field,old,new\r\n");

  for (guint i = 0; i < changes->len; i++)
    {
      MbChange *change = g_ptr_array_index (changes, i);

      if (change->fields == NULL || change->fields->len == 0)
        append_csv_row (out, change, NULL, NULL, NULL);
      for (guint f = 0; change->fields != NULL && f < change->fields->len; f++)
        {
          MbFieldChange *field = &g_array_index (change->fields, MbFieldChange, f);

          append_csv_row (out, change, field->name, field->old_value, field->new_value);
        }
    }
  return g_string_free (out, FALSE);
}

char *
mb_changes_to_text (GPtrArray *changes)
{
  GString *out = g_string_new (NULL);

  if (changes->len == 0)
    g_string_append_printf (out, "%s\n", _("No changes"));
  for (guint i = 0; i < changes->len; i++)
    {
      MbChange *change = g_ptr_array_index (changes, i);

      g_string_append_printf (out, "%s %s “%s” (%s)\n", change->entity,
                              mb_change_kind_to_string (change->kind), change->title, change->id);
      for (guint f = 0; change->fields != NULL && f < change->fields->len; f++)
        {
          MbFieldChange *field = &g_array_index (change->fields, MbFieldChange, f);

          g_string_append_printf (out, "  %s: %s → %s\n", field->name,
                                  field->old_value ? field->old_value : "–",
                                  field->new_value ? field->new_value : "–");
        }
    }
  return g_string_free (out, FALSE);
}
