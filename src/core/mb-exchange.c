/* mb-exchange.c – the JSON exchange format: validate, import (merge), export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import runs in stages, each refusing the file before anything is written:
 *  1. a bounded read (the size limit holds before the file is read whole);
 *  2. mb_json_check(): strict RFC 8259, duplicate keys, finite numbers,
 *     64-bit integers, no NUL, bounded depth – json-glib 1.6 accepts those
 *     silently or crashes, so it only ever sees checked text;
 *  3. json-glib parses; the tree is checked against mb-exchange-fields.c
 *     (types, required and unknown fields, enumerations, ranges, formats,
 *     duplicate ids and unique keys within the file);
 *  4. inside the store's transaction: references against file + library,
 *     the merge plan (add / update / unchanged / conflict), and the
 *     contributes-to graph of the merged result; then the writes.
 * Any problem in any stage: the action returns FALSE and the store rolls
 * back, so the library stays as it was.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mb-exchange.h"
#include "mb-exchange-fields.h"
#include "mb-json-check.h"
#include "mb-json-writer.h"
#include "mb-store-private.h"

G_DEFINE_QUARK (mb-exchange-error-quark, mb_exchange_error)

typedef enum
{
  PLAN_ADD,
  PLAN_UPDATE,
  PLAN_UNCHANGED,
  PLAN_CONFLICT_KEEP,  /* the library's version stays */
  PLAN_CONFLICT_TAKE,  /* the file's version replaces it */
} Plan;

typedef struct
{
  const MbExchangeTable *table;
  JsonArray             *rows;  /* borrowed from the parser; NULL if absent */
  GHashTable            *ids;   /* id → row index + 1, for tables with an id */
  guint8                *plan;  /* per row */
} TableData;

typedef struct
{
  const char     *file_name;
  JsonParser     *parser;
  TableData      *tables;
  guint           n_tables;
  MbProblemList  *problems;
  MbImportFlags   flags;
  MbImportReport *report;
  sqlite3        *db;           /* NULL: the file is checked alone */
} Document;

/* Reading */

static char *
display_name (const char *path)
{
  if (g_str_equal (path, "-"))
    return g_strdup (_("standard input"));
  return g_filename_display_name (path);
}

GBytes *
mb_exchange_read_file (const char  *path,
                       gsize        max_size,
                       GError     **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  g_autofree char *display = display_name (path);
  gboolean is_stdin = g_str_equal (path, "-");
  GStatBuf st;
  int fd;

  fd = is_stdin ? STDIN_FILENO : g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                   "%s: %s", display, g_strerror (saved));
      return NULL;
    }

  /* A regular file says its size: refuse it before reading a byte. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID,
                   _("%s: the file is larger than the limit of %lu MiB"),
                   display, (unsigned long) (max_size / (1024 * 1024)));
      if (!is_stdin)
        close (fd);
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                   _("%s: is a folder, not a file"), display);
      close (fd);
      return NULL;
    }

  buffer = g_byte_array_sized_new (S_ISREG (st.st_mode) ? (guint) st.st_size + 1 : 65536);
  for (;;)
    {
      guint8 chunk[65536];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                       "%s: %s", display, g_strerror (saved));
          if (!is_stdin)
            close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      /* Pipes and growing files are bounded too. */
      if (buffer->len + (gsize) n > max_size)
        {
          g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID,
                       _("%s: the file is larger than the limit of %lu MiB"),
                       display, (unsigned long) (max_size / (1024 * 1024)));
          if (!is_stdin)
            close (fd);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }

  if (!is_stdin)
    close (fd);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* Values */

static char *
row_path (const TableData *td,
          guint            row)
{
  return g_strdup_printf ("$.%s[%u]", td->table->name, row);
}

static char *
field_path (const TableData       *td,
            guint                  row,
            const MbExchangeField *field)
{
  return g_strdup_printf ("$.%s[%u].%s", td->table->name, row, field->name);
}

static void
problem_at (Document              *doc,
            const TableData       *td,
            guint                  row,
            const MbExchangeField *field,
            char                  *message)
{
  char *path = field != NULL ? field_path (td, row, field) : row_path (td, row);

  mb_problem_list_add_literal (doc->problems, path, message);
}

/* A field's value in a row, as text (NULL if absent or null). */
static const char *
row_text (JsonObject *obj,
          const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_integral_double (double d)
{
  /* Outside ±2^63 a double does not fit gint64. */
  return isfinite (d) && d == floor (d) && d >= -9223372036854775808.0 &&
         d < 9223372036854775808.0;
}

/* The value a column gets from the file: given, or its default, or NULL. */
typedef struct
{
  int         sql_type;  /* SQLITE_NULL, SQLITE_TEXT, SQLITE_INTEGER, SQLITE_FLOAT */
  const char *text;
  gint64      integer;
  double      real;
} Value;

static Value
field_value (JsonObject            *obj,
             const MbExchangeField *field)
{
  JsonNode *node = json_object_get_member (obj, field->name);
  Value v = { SQLITE_NULL, NULL, 0, 0 };

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      const char *d = field->default_sql;

      if (d == NULL)
        return v;
      if (d[0] == '\'')
        {
          /* "'public'": the text between the quotes (defaults hold no quote). */
          g_autofree char *text = g_strndup (d + 1, strlen (d) - 2);

          v.sql_type = SQLITE_TEXT;
          v.text = g_intern_string (text);
        }
      else
        {
          v.sql_type = SQLITE_INTEGER;
          v.integer = g_ascii_strtoll (d, NULL, 10);
        }
      return v;
    }

  switch (field->type)
    {
    case MB_FIELD_TEXT:
      v.sql_type = SQLITE_TEXT;
      v.text = json_node_get_string (node);
      break;
    case MB_FIELD_INTEGER:
      v.sql_type = SQLITE_INTEGER;
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        v.integer = (gint64) json_node_get_double (node);
      else
        v.integer = json_node_get_int (node);
      break;
    case MB_FIELD_BOOLEAN:
      v.sql_type = SQLITE_INTEGER;
      v.integer = json_node_get_boolean (node) ? 1 : 0;
      break;
    case MB_FIELD_REAL:
      v.sql_type = SQLITE_FLOAT;
      v.real = json_node_get_double (node);  /* converts integers too */
      break;
    default:
      g_assert_not_reached ();
    }
  return v;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const Value  *v)
{
  switch (v->sql_type)
    {
    case SQLITE_TEXT:
      sqlite3_bind_text (stmt, index, v->text, -1, SQLITE_STATIC);
      break;
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (stmt, index, v->integer);
      break;
    case SQLITE_FLOAT:
      sqlite3_bind_double (stmt, index, v->real);
      break;
    default:
      sqlite3_bind_null (stmt, index);
      break;
    }
}

static gboolean
value_equals_column (const Value  *v,
                     sqlite3_stmt *stmt,
                     int           column)
{
  int type = sqlite3_column_type (stmt, column);

  if (v->sql_type == SQLITE_NULL || type == SQLITE_NULL)
    return v->sql_type == SQLITE_NULL && type == SQLITE_NULL;

  switch (v->sql_type)
    {
    case SQLITE_TEXT:
      return type == SQLITE_TEXT &&
             g_strcmp0 (v->text, (const char *) sqlite3_column_text (stmt, column)) == 0;
    case SQLITE_INTEGER:
      return type == SQLITE_INTEGER && sqlite3_column_int64 (stmt, column) == v->integer;
    case SQLITE_FLOAT:
      return (type == SQLITE_FLOAT || type == SQLITE_INTEGER) &&
             sqlite3_column_double (stmt, column) == v->real;
    default:
      return FALSE;
    }
}

/* Stage 3: the shape of the file */

static void
check_field (Document              *doc,
             TableData             *td,
             guint                  row,
             const MbExchangeField *field,
             JsonNode              *node)
{
  GType vtype;

  if (node == NULL)
    {
      if (mb_exchange_field_is_required (field))
        problem_at (doc, td, row, field, g_strdup (_("a required field is missing")));
      return;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->flags & MB_FIELD_NOT_NULL)
        problem_at (doc, td, row, field, g_strdup (_("must not be null")));
      return;
    }

  vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  switch (field->type)
    {
    case MB_FIELD_TEXT:
      if (vtype != G_TYPE_STRING)
        problem_at (doc, td, row, field, g_strdup (_("expected a string")));
      else
        {
          char *reason = mb_exchange_field_check_text (field, json_node_get_string (node));

          if (reason != NULL)
            problem_at (doc, td, row, field, reason);
        }
      return;

    case MB_FIELD_BOOLEAN:
      if (vtype != G_TYPE_BOOLEAN)
        problem_at (doc, td, row, field, g_strdup (_("expected true or false")));
      return;

    case MB_FIELD_INTEGER:
    case MB_FIELD_REAL:
      {
        double d;

        if (vtype == G_TYPE_INT64)
          d = (double) json_node_get_int (node);
        else if (vtype == G_TYPE_DOUBLE)
          d = json_node_get_double (node);
        else
          {
            problem_at (doc, td, row, field,
                        g_strdup (field->type == MB_FIELD_INTEGER ? _("expected an integer")
                                                                  : _("expected a number")));
            return;
          }

        if (field->type == MB_FIELD_INTEGER && vtype == G_TYPE_DOUBLE && !is_integral_double (d))
          {
            problem_at (doc, td, row, field, g_strdup (_("expected an integer")));
            return;
          }
        if (!isfinite (d))
          {
            problem_at (doc, td, row, field, g_strdup (_("the number is not finite")));
            return;
          }
        if (((field->flags & MB_FIELD_HAS_MIN) && d < field->minimum) ||
            ((field->flags & MB_FIELD_HAS_MAX) && d > field->maximum))
          {
            char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

            mb_json_format_double (lo, field->minimum);
            mb_json_format_double (hi, field->maximum);
            if ((field->flags & MB_FIELD_HAS_MIN) && (field->flags & MB_FIELD_HAS_MAX))
              problem_at (doc, td, row, field,
                          g_strdup_printf (_("must be between %s and %s"), lo, hi));
            else if (field->flags & MB_FIELD_HAS_MIN)
              problem_at (doc, td, row, field, g_strdup_printf (_("must be at least %s"), lo));
            else
              problem_at (doc, td, row, field, g_strdup_printf (_("must be at most %s"), hi));
          }
      }
      return;

    default:
      g_assert_not_reached ();
    }
}

/* A key identifying a group of columns' values ("\x1f"-joined), or NULL
 * when one of them is NULL (SQL NULLs never collide). */
static char *
group_key (JsonObject             *obj,
           const MbExchangeTable  *table,
           const char * const     *columns)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; columns[i]; i++)
    {
      const MbExchangeField *field = mb_exchange_table_lookup_field (table, columns[i], NULL);
      Value v = field_value (obj, field);

      if (v.sql_type == SQLITE_NULL)
        {
          g_string_free (key, TRUE);
          return NULL;
        }
      if (i > 0)
        g_string_append_c (key, '\x1f');
      if (v.sql_type == SQLITE_TEXT)
        g_string_append (key, v.text);
      else if (v.sql_type == SQLITE_INTEGER)
        g_string_append_printf (key, "%" G_GINT64_FORMAT, v.integer);
      else
        g_string_append_printf (key, "%a", v.real);
    }
  return g_string_free (key, FALSE);
}

static void
check_row_rules (Document  *doc,
                 TableData *td,
                 guint      row,
                 JsonObject *obj)
{
  const char *name = td->table->name;

  if (g_str_equal (name, "strategies"))
    {
      JsonNode *from = json_object_get_member (obj, "period_from");
      JsonNode *to = json_object_get_member (obj, "period_to");

      if (from != NULL && to != NULL && !JSON_NODE_HOLDS_NULL (from) &&
          !JSON_NODE_HOLDS_NULL (to) && JSON_NODE_HOLDS_VALUE (from) && JSON_NODE_HOLDS_VALUE (to) &&
          json_node_get_value_type (from) == G_TYPE_INT64 &&
          json_node_get_value_type (to) == G_TYPE_INT64 &&
          json_node_get_int (from) > json_node_get_int (to))
        problem_at (doc, td, row,
                    mb_exchange_table_lookup_field (td->table, "period_to", NULL),
                    g_strdup (_("the period ends before it begins")));
    }
  else if (g_str_equal (name, "nodes"))
    {
      JsonNode *x = json_object_get_member (obj, "x");
      JsonNode *y = json_object_get_member (obj, "y");
      gboolean has_x = x != NULL && !JSON_NODE_HOLDS_NULL (x);
      gboolean has_y = y != NULL && !JSON_NODE_HOLDS_NULL (y);

      if (has_x != has_y)
        problem_at (doc, td, row,
                    mb_exchange_table_lookup_field (td->table, has_x ? "y" : "x", NULL),
                    g_strdup (_("a pinned position needs both x and y")));
    }
  else if (g_str_equal (name, "links"))
    {
      const char *from = row_text (obj, "from_node_id");
      const char *to = row_text (obj, "to_node_id");

      if (from != NULL && g_strcmp0 (from, to) == 0)
        problem_at (doc, td, row,
                    mb_exchange_table_lookup_field (td->table, "to_node_id", NULL),
                    g_strdup (_("a link cannot point to its own node")));
    }
}

static void
check_table (Document  *doc,
             TableData *td)
{
  const MbExchangeTable *table = td->table;
  guint n_rows = json_array_get_length (td->rows);
  g_autoptr(GHashTable) keys = NULL;
  GHashTable *unique[G_N_ELEMENTS (table->unique)] = { NULL, };
  g_autofree const char **pk = g_new0 (const char *, table->n_fields + 1);
  guint n_pk = 0;

  for (guint f = 0; f < table->n_fields; f++)
    if (table->fields[f].flags & MB_FIELD_PRIMARY_KEY)
      pk[n_pk++] = table->fields[f].name;

  if (table->has_id)
    td->ids = g_hash_table_new (g_str_hash, g_str_equal);
  else
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint u = 0; u < G_N_ELEMENTS (table->unique) && table->unique[u]; u++)
    unique[u] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint row = 0; row < n_rows; row++)
    {
      JsonNode *node = json_array_get_element (td->rows, row);
      JsonObject *obj;
      guint before = mb_problem_list_get_count (doc->problems);
      guint known = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          problem_at (doc, td, row, NULL, g_strdup (_("expected an object")));
          continue;
        }
      obj = json_node_get_object (node);

      for (guint f = 0; f < table->n_fields; f++)
        {
          JsonNode *member = json_object_get_member (obj, table->fields[f].name);

          if (member != NULL)
            known++;
          check_field (doc, td, row, &table->fields[f], member);
        }

      if (known < json_object_get_size (obj))
        {
          g_autoptr(GList) members = json_object_get_members (obj);

          for (GList *l = members; l; l = l->next)
            if (mb_exchange_table_lookup_field (table, l->data, NULL) == NULL)
              {
                g_autofree char *base = row_path (td, row);

                mb_problem_list_add_literal (doc->problems,
                                             mb_json_path_append_key (base, l->data),
                                             g_strdup (_("unknown field")));
              }
        }

      if (mb_problem_list_get_count (doc->problems) != before)
        continue;

      check_row_rules (doc, td, row, obj);

      if (table->has_id)
        {
          const char *id = row_text (obj, "id");
          gpointer first = g_hash_table_lookup (td->ids, id);

          if (first != NULL)
            problem_at (doc, td, row, &table->fields[0],
                        g_strdup_printf (_("the id “%s” is used twice (also at $.%s[%u])"),
                                         id, table->name, GPOINTER_TO_UINT (first) - 1));
          else
            g_hash_table_insert (td->ids, (gpointer) id, GUINT_TO_POINTER (row + 1));
        }
      else
        {
          char *key = group_key (obj, table, pk);

          if (!g_hash_table_add (keys, key))
            problem_at (doc, td, row, NULL, g_strdup (_("the same entry appears twice")));
        }

      for (guint u = 0; u < G_N_ELEMENTS (table->unique) && table->unique[u]; u++)
        {
          char *key = group_key (obj, table, table->unique[u]);

          if (key != NULL && !g_hash_table_add (unique[u], key))
            {
              g_autofree char *names = g_strjoinv (", ", (char **) table->unique[u]);

              problem_at (doc, td, row, NULL,
                          g_strdup_printf (_("another entry has the same %s"), names));
            }
        }
    }

  for (guint u = 0; u < G_N_ELEMENTS (unique); u++)
    g_clear_pointer (&unique[u], g_hash_table_unref);
}

/* Stages 1–3. */
static gboolean
document_load (Document    *doc,
               const char  *data,
               gsize        length)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *obj;
  JsonNode *format, *version;
  guint n_tables;

  if (length > MB_EXCHANGE_MAX_FILE_SIZE)
    {
      mb_problem_list_add (doc->problems, NULL,
                           _("the file is larger than the limit of %lu MiB"),
                           (unsigned long) (MB_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }

  if (!mb_json_check (data, length, MB_EXCHANGE_MAX_DEPTH, doc->problems))
    return FALSE;

  doc->parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (doc->parser, data, (gssize) length, &error))
    {
      /* The pre-scan should have caught it; say what json-glib says. */
      mb_problem_list_add (doc->problems, "$", "%s", error->message);
      return FALSE;
    }

  root = json_parser_get_root (doc->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      mb_problem_list_add (doc->problems, "$", "%s",
                           _("not a Målbild exchange file: expected an object"));
      return FALSE;
    }
  obj = json_node_get_object (root);

  format = json_object_get_member (obj, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (format), MB_EXCHANGE_FORMAT_NAME))
    {
      mb_problem_list_add (doc->problems, "$.format", "%s",
                           _("not a Målbild exchange file: \"format\" must be \"malbild\""));
      return FALSE;
    }

  version = json_object_get_member (obj, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      mb_problem_list_add (doc->problems, "$.version", "%s",
                           _("\"version\" must be an integer"));
      return FALSE;
    }
  if (json_node_get_int (version) != MB_EXCHANGE_FORMAT_VERSION)
    {
      mb_problem_list_add (doc->problems, "$.version",
                           _("version %lld is not supported "
                             "(this Målbild reads version %d)"),
                           (long long) json_node_get_int (version), MB_EXCHANGE_FORMAT_VERSION);
      return FALSE;
    }

  {
    const MbExchangeTable *tables = mb_exchange_get_tables (&n_tables);

    doc->tables = g_new0 (TableData, n_tables);
    doc->n_tables = n_tables;
    for (guint i = 0; i < n_tables; i++)
      doc->tables[i].table = &tables[i];
  }

  {
    g_autoptr(GList) members = json_object_get_members (obj);

    for (GList *l = members; l; l = l->next)
      {
        const char *key = l->data;
        JsonNode *node = json_object_get_member (obj, key);
        guint index;

        if (g_str_equal (key, "format") || g_str_equal (key, "version"))
          continue;
        if (mb_exchange_lookup_table (key, &index) == NULL)
          {
            mb_problem_list_add_literal (doc->problems, mb_json_path_append_key ("$", key),
                                         g_strdup (_("unknown key (not a table of the format)")));
            continue;
          }
        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            mb_problem_list_add_literal (doc->problems, mb_json_path_append_key ("$", key),
                                         g_strdup (_("expected an array")));
            continue;
          }
        doc->tables[index].rows = json_node_get_array (node);
      }
  }

  for (guint i = 0; i < doc->n_tables; i++)
    if (doc->tables[i].rows != NULL)
      check_table (doc, &doc->tables[i]);

  return mb_problem_list_get_count (doc->problems) == 0;
}

static void
document_clear (Document *doc)
{
  for (guint i = 0; i < doc->n_tables; i++)
    {
      g_clear_pointer (&doc->tables[i].ids, g_hash_table_unref);
      g_clear_pointer (&doc->tables[i].plan, g_free);
    }
  g_clear_pointer (&doc->tables, g_free);
  g_clear_object (&doc->parser);
}

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

/* The row of @table with @id in the file, or NULL. */
static JsonObject *
document_lookup (Document   *doc,
                 const char *table,
                 const char *id)
{
  TableData *td = document_table (doc, table);
  guint row;

  if (td->ids == NULL || id == NULL)
    return NULL;
  row = GPOINTER_TO_UINT (g_hash_table_lookup (td->ids, id));
  if (row == 0)
    return NULL;
  return json_array_get_object_element (td->rows, row - 1);
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
library_has (Document   *doc,
             GHashTable *cache,
             const char *table,
             const char *id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (doc->db == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?", table);
  stmt = cached_statement (cache, doc->db, sql);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The strategy of a level or node, in the file, else in the library. */
static char *
strategy_of (Document   *doc,
             GHashTable *cache,
             const char *table,
             const char *id)
{
  JsonObject *row = document_lookup (doc, table, id);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (row != NULL)
    return g_strdup (row_text (row, "strategy_id"));
  if (doc->db == NULL)
    return NULL;
  sql = g_strdup_printf ("SELECT strategy_id FROM \"%s\" WHERE id = ?", table);
  stmt = cached_statement (cache, doc->db, sql);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
check_references (Document   *doc,
                  GHashTable *cache)
{
  for (guint t = 0; t < doc->n_tables; t++)
    {
      TableData *td = &doc->tables[t];
      guint n_rows = td->rows ? json_array_get_length (td->rows) : 0;

      for (guint row = 0; row < n_rows; row++)
        {
          JsonObject *obj = json_array_get_object_element (td->rows, row);

          for (guint f = 0; f < td->table->n_fields; f++)
            {
              const MbExchangeField *field = &td->table->fields[f];
              const char *id;

              if (field->references == NULL)
                continue;
              id = row_text (obj, field->name);
              if (id == NULL || document_lookup (doc, field->references, id) != NULL ||
                  library_has (doc, cache, field->references, id))
                continue;

              problem_at (doc, td, row, field,
                          doc->db != NULL
                            ? g_strdup_printf (_("“%s” is not the id of any entry of “%s” in the "
                                                 "file or the library"), id, field->references)
                            : g_strdup_printf (_("“%s” is not the id of any entry of “%s” in the "
                                                 "file"), id, field->references));
            }

          if (g_str_equal (td->table->name, "nodes"))
            {
              const char *level_id = row_text (obj, "level_id");
              const char *parent_id = row_text (obj, "parent_id");
              g_autofree char *level_strategy = strategy_of (doc, cache, "levels", level_id);
              g_autofree char *parent_strategy =
                parent_id ? strategy_of (doc, cache, "nodes", parent_id) : NULL;

              if (level_strategy != NULL &&
                  g_strcmp0 (level_strategy, row_text (obj, "strategy_id")) != 0)
                problem_at (doc, td, row,
                            mb_exchange_table_lookup_field (td->table, "level_id", NULL),
                            g_strdup_printf (_("the level “%s” belongs to another strategy"),
                                             level_id));
              if (parent_strategy != NULL &&
                  g_strcmp0 (parent_strategy, row_text (obj, "strategy_id")) != 0)
                problem_at (doc, td, row,
                            mb_exchange_table_lookup_field (td->table, "parent_id", NULL),
                            g_strdup_printf (_("the parent “%s” belongs to another strategy"),
                                             parent_id));
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
      guint n_rows = td->rows ? json_array_get_length (td->rows) : 0;
      MbImportCounts *counts = mb_import_report_counts_for (doc->report, table->name);
      g_autoptr(GString) sql = g_string_new ("SELECT ");
      sqlite3_stmt *stmt;
      guint modified_index = 0;

      if (n_rows == 0)
        continue;
      td->plan = g_new0 (guint8, n_rows);

      /* Into an empty table (the common first import) every row is new:
       * no need to look each one up. PLAN_ADD is 0. */
      {
        g_autofree char *any = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM \"%s\")",
                                                table->name);

        if (_mb_store_query_int (doc->db, any, NULL) == 0)
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
          mb_exchange_table_lookup_field (table, "modified", &modified_index);
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
          JsonObject *obj = json_array_get_object_element (td->rows, row);
          gboolean same = TRUE;

          sqlite3_reset (stmt);
          if (table->has_id)
            sqlite3_bind_text (stmt, 1, row_text (obj, "id"), -1, SQLITE_STATIC);
          else
            for (guint f = 0; f < table->n_fields; f++)
              {
                Value v = field_value (obj, &table->fields[f]);

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
              Value v = field_value (obj, &table->fields[f]);

              same = value_equals_column (&v, stmt, (int) f);
            }

          if (same)
            {
              td->plan[row] = PLAN_UNCHANGED;
              counts->unchanged++;
            }
          else
            {
              const char *library_modified =
                (const char *) sqlite3_column_text (stmt, (int) modified_index);
              const char *file_modified = row_text (obj, "modified");

              /* Changed in the library after the file's version: both sides
               * changed it. */
              if (g_strcmp0 (library_modified, file_modified) > 0)
                {
                  gboolean take = (doc->flags & MB_IMPORT_PREFER_FILE) != 0;

                  td->plan[row] = take ? PLAN_CONFLICT_TAKE : PLAN_CONFLICT_KEEP;
                  counts->conflicts++;
                  mb_import_report_add_conflict (doc->report, table->name, row_text (obj, "id"),
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

  for (guint row = 0; td->rows != NULL && row < json_array_get_length (td->rows); row++)
    {
      JsonObject *obj = json_array_get_object_element (td->rows, row);
      Value kind = field_value (obj, mb_exchange_table_lookup_field (td->table, "kind", NULL));
      const char *id = row_text (obj, "id");

      if (!plan_writes_file_version (doc, td, row))
        continue;
      if (g_str_equal (kind.text, "contributes-to"))
        {
          g_hash_table_insert (edges, g_strdup (id),
                               g_strdup_printf ("%s\x1f%s", row_text (obj, "from_node_id"),
                                                row_text (obj, "to_node_id")));
          g_hash_table_insert (file_edge_row, (gpointer) id, GUINT_TO_POINTER (row + 1));
        }
      else
        g_hash_table_remove (edges, id);
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
  guint n_rows = td->rows ? json_array_get_length (td->rows) : 0;

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
      JsonObject *obj = json_array_get_object_element (td->rows, row);
      const char *p = row_text (obj, "parent_id");

      if (!plan_writes_file_version (doc, td, row))
        continue;
      if (p != NULL)
        g_hash_table_insert (parent, g_strdup (row_text (obj, "id")), g_strdup (p));
      else
        g_hash_table_remove (parent, row_text (obj, "id"));
    }

  for (guint row = 0; row < n_rows; row++)
    {
      JsonObject *obj = json_array_get_object_element (td->rows, row);
      g_autoptr(GPtrArray) path = g_ptr_array_new ();
      const char *id = NULL;
      gpointer key = NULL;

      if (!plan_writes_file_version (doc, td, row))
        continue;

      /* Walk up until the root, a node known to be fine, or this walk. */
      g_hash_table_lookup_extended (parent, row_text (obj, "id"), &key, NULL);
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
        problem_at (doc, td, row, mb_exchange_table_lookup_field (td->table, "parent_id", NULL),
                    g_strdup_printf (_("the parents form a cycle (through “%s”)"), id));

      for (guint i = 0; i < path->len; i++)
        g_hash_table_insert (state, path->pdata[i], GINT_TO_POINTER (2));
    }
}

/* Writing */

static gboolean
apply_table (Document   *doc,
             TableData  *td,
             GError    **error)
{
  const MbExchangeTable *table = td->table;
  guint n_rows = td->rows ? json_array_get_length (td->rows) : 0;
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
      JsonObject *obj;
      sqlite3_stmt *stmt;
      int rc;

      if (td->plan[row] == PLAN_ADD)
        stmt = insert;
      else if (td->plan[row] == PLAN_UPDATE || td->plan[row] == PLAN_CONFLICT_TAKE)
        stmt = update;
      else
        continue;

      obj = json_array_get_object_element (td->rows, row);
      sqlite3_reset (stmt);
      for (guint f = 0; f < table->n_fields; f++)
        {
          Value v = field_value (obj, &table->fields[f]);

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

  check_references (doc, cache);
  if (mb_problem_list_get_count (doc->problems) > 0)
    {
      set_invalid_error (doc, error);
      return FALSE;
    }

  if (!plan_merge (doc, cache, error))
    return FALSE;

  check_cycles (doc);
  check_parent_cycles (doc, "nodes");
  check_parent_cycles (doc, "strategies");
  if (mb_problem_list_get_count (doc->problems) > 0)
    {
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

  ok = document_load (&doc, data, length);
  if (ok)
    {
      g_autoptr(GHashTable) cache = statement_cache_new ();

      doc.db = store != NULL ? mb_store_get_db (store) : NULL;
      check_references (&doc, cache);
      if (mb_problem_list_get_count (problems) == 0 && doc.db != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          if (!plan_merge (&doc, cache, &local_error))
            mb_problem_list_add (problems, NULL, "%s", local_error->message);
        }
      if (mb_problem_list_get_count (problems) == 0)
        {
          check_cycles (&doc);
          check_parent_cycles (&doc, "nodes");
          check_parent_cycles (&doc, "strategies");
        }
      g_clear_pointer (&cache, g_hash_table_unref);
      ok = mb_problem_list_get_count (problems) == 0;
    }

  if (!ok)
    set_invalid_error (&doc, error);

  mb_import_report_free (doc.report);
  document_clear (&doc);
  return ok;
}

gboolean
mb_exchange_validate_file (MbStore        *store,
                           const char     *path,
                           MbProblemList  *problems,
                           GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = display_name (path);
  gsize length;
  const char *data;

  bytes = mb_exchange_read_file (path, MB_EXCHANGE_MAX_FILE_SIZE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);

  return mb_exchange_validate_data (store, name, data ? data : "", length, problems, error);
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

  if (!document_load (&doc, data, length))
    set_invalid_error (&doc, error);
  else
    {
      base = g_path_get_basename (file_name);
      label = g_strdup_printf (_("Import “%s”"), base);
      if (mb_store_run_batch_action (store, label, import_action, &doc, error))
        report = g_steal_pointer (&doc.report);
    }

  mb_import_report_free (doc.report);
  document_clear (&doc);
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
  g_autofree char *name = display_name (path);
  gsize length;
  const char *data;

  bytes = mb_exchange_read_file (path, MB_EXCHANGE_MAX_FILE_SIZE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);

  return mb_exchange_import_data (store, name, data ? data : "", length, flags, problems, error);
}

/* Export */

static gboolean
export_table (sqlite3               *db,
              const MbExchangeTable *table,
              MbJsonWriter          *w,
              GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint f = 0; f < table->n_fields; f++)
    {
      g_string_append_printf (sql, "%s\"%s\"", f ? ", " : "", table->fields[f].name);
      if (table->fields[f].flags & MB_FIELD_PRIMARY_KEY)
        g_string_append_printf (order, "%s\"%s\"", order->len ? ", " : "", table->fields[f].name);
    }
  g_string_append_printf (sql, " FROM \"%s\" ORDER BY %s", table->name, order->str);

  stmt = _mb_store_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  mb_json_writer_key (w, table->name);
  mb_json_writer_begin_array (w);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      mb_json_writer_begin_object (w);
      for (guint f = 0; f < table->n_fields; f++)
        {
          const MbExchangeField *field = &table->fields[f];
          int type = sqlite3_column_type (stmt, (int) f);
          const char *problem = NULL;

          if (type == SQLITE_NULL)
            continue;

          switch (field->type)
            {
            case MB_FIELD_TEXT:
              {
                const char *text = (const char *) sqlite3_column_text (stmt, (int) f);
                int n = sqlite3_column_bytes (stmt, (int) f);

                if (memchr (text, '\0', (gsize) n) != NULL || !g_utf8_validate_len (text, n, NULL))
                  problem = _("text that is not valid UTF-8");
                else
                  {
                    mb_json_writer_key (w, field->name);
                    mb_json_writer_string (w, text, n);
                  }
              }
              break;
            case MB_FIELD_INTEGER:
            case MB_FIELD_BOOLEAN:
              if (type != SQLITE_INTEGER)
                problem = _("a value that is not an integer");
              else
                {
                  gint64 v = sqlite3_column_int64 (stmt, (int) f);

                  mb_json_writer_key (w, field->name);
                  if (field->type == MB_FIELD_BOOLEAN)
                    mb_json_writer_boolean (w, v != 0);
                  else
                    mb_json_writer_int (w, v);
                }
              break;
            case MB_FIELD_REAL:
              {
                double v = sqlite3_column_double (stmt, (int) f);

                if ((type != SQLITE_FLOAT && type != SQLITE_INTEGER) || !isfinite (v))
                  problem = _("a number that is not finite");
                else
                  {
                    mb_json_writer_key (w, field->name);
                    mb_json_writer_double (w, v);
                  }
              }
              break;
            default:
              g_assert_not_reached ();
            }

          if (problem != NULL)
            {
              g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_EXPORT,
                           _("%s %s, %s: holds %s, which the format cannot carry"),
                           table->name,
                           table->has_id ? (const char *) sqlite3_column_text (stmt, 0) : "",
                           field->name, problem);
              return FALSE;
            }
        }
      mb_json_writer_end_object (w);
    }

  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }

  mb_json_writer_end_array (w);
  return TRUE;
}

GBytes *
mb_exchange_export (MbStore  *store,
                    GError  **error)
{
  sqlite3 *db;
  g_autoptr(GString) out = NULL;
  g_autoptr(MbJsonWriter) w = NULL;
  const MbExchangeTable *tables;
  guint n_tables;
  gboolean ok = TRUE;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  db = mb_store_get_db (store);
  out = g_string_sized_new (1 << 20);
  w = mb_json_writer_new (out);
  tables = mb_exchange_get_tables (&n_tables);

  /* One read transaction: a consistent snapshot even if another process
   * writes meanwhile. */
  if (!_mb_store_exec (db, error, "BEGIN", NULL))
    return NULL;

  mb_json_writer_begin_object (w);
  mb_json_writer_key (w, "format");
  mb_json_writer_string (w, MB_EXCHANGE_FORMAT_NAME, -1);
  mb_json_writer_key (w, "version");
  mb_json_writer_int (w, MB_EXCHANGE_FORMAT_VERSION);
  for (guint t = 0; t < n_tables && ok; t++)
    ok = export_table (db, &tables[t], w, error);
  mb_json_writer_end_object (w);

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

gboolean
mb_exchange_export_file (MbStore     *store,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = display_name (path);
  gsize length;
  const char *data;

  bytes = mb_exchange_export (store, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);

  if (g_str_equal (path, "-"))
    {
      gsize written = 0;

      while (written < length)
        {
          gssize n = write (STDOUT_FILENO, data + written, length - written);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              int saved = errno;

              g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                           "%s: %s", name, g_strerror (saved));
              return FALSE;
            }
          written += (gsize) n;
        }
      return TRUE;
    }

  /* A temporary file renamed over the target: all or nothing. */
  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                   "%s: %s", name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
