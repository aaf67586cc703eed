/* mb-exchange-export.c – the exchange's export: the library as an exchange file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "mb-exchange-private.h"

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
  g_autofree char *name = _mb_exchange_display_name (path);
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

