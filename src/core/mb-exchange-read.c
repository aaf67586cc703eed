/* mb-exchange-read.c – the exchange's import, stages 1–3: reading and checking the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages are described in mb-exchange-private.h.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mb-exchange-private.h"
#include "mb-json-check.h"
#include "mb-json-reader.h"

G_DEFINE_QUARK (mb-exchange-error-quark, mb_exchange_error)

/* Reading */

char *
_mb_exchange_display_name (const char *path)
{
  if (g_str_equal (path, "-"))
    return g_strdup (_("standard input"));
  return g_filename_display_name (path);
}

static GBytes *
read_stream (int          fd,
             const char  *display,
             gsize        max_size,
             gsize        size_hint,
             GError     **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new ((guint) MIN (size_hint + 1, max_size));

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
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
mb_exchange_read_file (const char  *path,
                       gsize        max_size,
                       GError     **error)
{
  g_autofree char *display = _mb_exchange_display_name (path);
  gboolean is_stdin = g_str_equal (path, "-");
  GBytes *bytes = NULL;
  GStatBuf st;
  gboolean have_stat;
  int fd;

  fd = is_stdin ? STDIN_FILENO : g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                   "%s: %s", display, g_strerror (saved));
      return NULL;
    }

  have_stat = fstat (fd, &st) == 0;

  /* A regular file says its size: refuse it before reading a byte. */
  if (have_stat && S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID,
                 _("%s: the file is larger than the limit of %lu MiB"),
                 display, (unsigned long) (max_size / (1024 * 1024)));
  else if (have_stat && S_ISDIR (st.st_mode))
    g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                 _("%s: is a folder, not a file"), display);
  else if (have_stat && S_ISREG (st.st_mode) && st.st_size > 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GMappedFile) mapped = NULL;

      /* Mapped, not copied: the importer keeps spans of it, and the page
       * cache holds it anyway. */
      mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
      if (mapped == NULL)
        g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_IO,
                     "%s: %s", display, local_error->message);
      else if (g_mapped_file_get_length (mapped) > max_size)
        g_set_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID,
                     _("%s: the file is larger than the limit of %lu MiB"),
                     display, (unsigned long) (max_size / (1024 * 1024)));
      else
        bytes = g_mapped_file_get_bytes (mapped);
    }
  else
    bytes = read_stream (fd, display, max_size,
                         have_stat && S_ISREG (st.st_mode) ? (gsize) st.st_size : 65536, error);

  if (!is_stdin)
    close (fd);

  return bytes;
}

/* Stage 3: the shape of the file */

static void
check_field (Document  *doc,
             TableData *td,
             guint      row,
             guint      f)
{
  const MbExchangeField *field = &td->table->fields[f];
  guint8 kind = slot_kind (td, row, f);
  const Slot *slot = slot_at (td, row, f);

  if (kind == SLOT_ABSENT)
    {
      if (mb_exchange_field_is_required (field))
        problem_at (doc, td, row, field, g_strdup (_("a required field is missing")));
      return;
    }

  if (kind == SLOT_NULL)
    {
      if (field->flags & MB_FIELD_NOT_NULL)
        problem_at (doc, td, row, field, g_strdup (_("must not be null")));
      return;
    }

  switch (field->type)
    {
    case MB_FIELD_TEXT:
      if (!slot_is_text (kind))
        problem_at (doc, td, row, field, g_strdup (_("expected a string")));
      else if (field->enum_values != NULL || field->format != MB_FIELD_FORMAT_NONE)
        {
          char *reason = mb_exchange_field_check_text (field, slot_cstr (doc, td, row, f));

          if (reason != NULL)
            problem_at (doc, td, row, field, reason);
        }
      return;

    case MB_FIELD_BOOLEAN:
      if (kind != SLOT_TRUE && kind != SLOT_FALSE)
        problem_at (doc, td, row, field, g_strdup (_("expected true or false")));
      return;

    case MB_FIELD_INTEGER:
    case MB_FIELD_REAL:
      {
        double d;

        if (kind == SLOT_INTEGER)
          d = (double) slot->integer;
        else if (kind == SLOT_DOUBLE)
          d = slot->real;
        else
          {
            problem_at (doc, td, row, field,
                        g_strdup (field->type == MB_FIELD_INTEGER ? _("expected an integer")
                                                                  : _("expected a number")));
            return;
          }

        if (field->type == MB_FIELD_INTEGER && kind == SLOT_DOUBLE && !is_integral_double (d))
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

static void
check_row_rules (Document  *doc,
                 TableData *td,
                 guint      row)
{
  const char *name = td->table->name;

  if (g_str_equal (name, "strategies"))
    {
      guint from = field_index (td, "period_from");
      guint to = field_index (td, "period_to");

      if (slot_kind (td, row, from) == SLOT_INTEGER && slot_kind (td, row, to) == SLOT_INTEGER &&
          slot_at (td, row, from)->integer > slot_at (td, row, to)->integer)
        problem_at (doc, td, row, &td->table->fields[to],
                    g_strdup (_("the period ends before it begins")));
    }
  else if (g_str_equal (name, "nodes"))
    {
      guint x = field_index (td, "x");
      guint y = field_index (td, "y");
      gboolean has_x = !slot_is_null (slot_kind (td, row, x));
      gboolean has_y = !slot_is_null (slot_kind (td, row, y));

      if (has_x != has_y)
        problem_at (doc, td, row, &td->table->fields[has_x ? y : x],
                    g_strdup (_("a pinned position needs both x and y")));
    }
  else if (g_str_equal (name, "assessments"))
    {
      guint status = field_index (td, "status");
      guint suggested = field_index (td, "suggested_status");
      guint reason = field_index (td, "override_reason");
      gsize status_length, suggested_length, reason_length;
      const char *given = slot_text (doc, td, row, status, &status_length);
      const char *suggestion = slot_text (doc, td, row, suggested, &suggested_length);
      const char *why = slot_text (doc, td, row, reason, &reason_length);
      gsize spaces = 0;

      /* As the schema's CHECK: length(trim(override_reason)) > 0. */
      while (why != NULL && spaces < reason_length && why[spaces] == ' ')
        spaces++;
      if (given != NULL && suggestion != NULL &&
          !text_equal (given, status_length, suggestion, suggested_length) &&
          (why == NULL || spaces == reason_length))
        problem_at (doc, td, row, &td->table->fields[reason],
                    g_strdup (_("a status other than the suggested one needs a reason")));
    }
  else if (g_str_equal (name, "review_comments"))
    {
      static const char * const targets[] = { "node_id", "link_id", "assessment_id" };
      guint node = field_index (td, "node_id");
      guint n_targets = 0;

      for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
        n_targets += !slot_is_null (slot_kind (td, row, field_index (td, targets[i])));
      if (n_targets > 1)
        problem_at (doc, td, row, &td->table->fields[node],
                    g_strdup (_("a comment is on one node, link or assessment, not on several")));
      else if (n_targets == 0)
        problem_at (doc, td, row, &td->table->fields[node],
                    g_strdup (_("a comment needs a node_id, a link_id or an assessment_id")));
    }
  else if (g_str_equal (name, "revision_chunks"))
    {
      guint data = field_index (td, "data");
      gsize hash_length, data_length;
      const char *hash = slot_text (doc, td, row, field_index (td, "hash"), &hash_length);
      const char *text = slot_text (doc, td, row, data, &data_length);
      g_autofree char *sum = NULL;

      /* Chunks are shared by their hash: one whose hash is not its own
       * would change every revision that names it. */
      if (hash != NULL && text != NULL)
        sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, data_length);
      if (sum != NULL && (hash_length != 32 || strncmp (sum, hash, 32) != 0))
        problem_at (doc, td, row, &td->table->fields[data],
                    g_strdup (_("the data is not what its hash says")));
    }
  else if (g_str_equal (name, "revisions"))
    {
      guint manifest = field_index (td, "manifest");
      gsize length;
      const char *text = slot_text (doc, td, row, manifest, &length);
      g_autofree char *copy = text ? g_strndup (text, length) : NULL;
      g_autofree char *reason = copy ? _mb_revision_check_manifest (copy, NULL) : NULL;

      if (doc->version < 2)
        problem_at (doc, td, row, &td->table->fields[0],
                    g_strdup (_("revisions come with format version 2")));
      else if (reason != NULL)
        problem_at (doc, td, row, &td->table->fields[manifest], g_steal_pointer (&reason));
    }
  else if (g_str_equal (name, "links"))
    {
      guint to_index = field_index (td, "to_node_id");
      gsize from_length, to_length;
      const char *from = slot_text (doc, td, row, field_index (td, "from_node_id"), &from_length);
      const char *to = slot_text (doc, td, row, to_index, &to_length);

      if (from != NULL && to != NULL && text_equal (from, from_length, to, to_length))
        problem_at (doc, td, row, &td->table->fields[to_index],
                    g_strdup (_("a link cannot point to its own node")));
    }
}

/* The field named by @key (@length bytes) of @table, or -1; @hint is the
 * field after the last one found, where files written by export have it. */
static int
find_field (const MbExchangeTable *table,
            const char            *key,
            gsize                  length,
            guint                 *hint)
{
  for (guint i = 0; i < table->n_fields; i++)
    {
      guint f = (*hint + i) % table->n_fields;
      const char *name = table->fields[f].name;

      if (strlen (name) == length && memcmp (name, key, length) == 0)
        {
          *hint = (f + 1) % table->n_fields;
          return (int) f;
        }
    }
  return -1;
}

/* Reads the value at the reader into a slot. */
static void
read_slot (Document     *doc,
           MbJsonReader *reader,
           guint8       *kind,
           Slot         *slot)
{
  MbJsonString string;

  switch (mb_json_reader_peek (reader))
    {
    case MB_JSON_STRING:
      if (mb_json_reader_read_string (reader, &string))
        {
          *kind = string.decoded ? SLOT_DECODED_TEXT : SLOT_TEXT;
          slot->text.offset = (guint32) string.offset;
          slot->text.length = (guint32) string.length;
        }
      break;
    case MB_JSON_INTEGER:
    case MB_JSON_DOUBLE:
      {
        gint64 integer;
        double real;

        if (mb_json_reader_read_number (reader, &integer, &real) == MB_JSON_INTEGER)
          {
            *kind = SLOT_INTEGER;
            slot->integer = integer;
          }
        else
          {
            *kind = SLOT_DOUBLE;
            slot->real = real;
          }
      }
      break;
    case MB_JSON_TRUE:
    case MB_JSON_FALSE:
    case MB_JSON_NULL:
      {
        MbJsonKind literal = mb_json_reader_read_literal (reader);

        if (literal == MB_JSON_TRUE)
          *kind = SLOT_TRUE;
        else if (literal == MB_JSON_FALSE)
          *kind = SLOT_FALSE;
        else if (literal == MB_JSON_NULL)
          *kind = SLOT_NULL;
      }
      break;
    case MB_JSON_OBJECT:
    case MB_JSON_ARRAY:
      mb_json_reader_skip (reader);
      *kind = SLOT_OTHER;
      break;
    case MB_JSON_NONE:
    default:
      mb_json_reader_skip (reader);  /* marks the reader failed */
      break;
    }
}

/* Room for one more row. Rows whose fields have a problem are not kept, so
 * the rows take space in proportion to the valid text that made them, not to
 * the number of elements a hostile file can pack into its bytes. */
static void
table_reserve_row (TableData *td)
{
  guint n_fields = td->table->n_fields;

  if (td->n_rows == td->capacity)
    {
      td->capacity = td->capacity == 0 ? MIN (MAX (td->n_elements, 1), 1024)
                                       : MIN (td->capacity * 2, MAX (td->n_elements, 1));
      td->kinds = g_renew (guint8, td->kinds, (gsize) td->capacity * n_fields);
      td->slots = g_renew (Slot, td->slots, (gsize) td->capacity * n_fields);
      td->file_rows = g_renew (guint32, td->file_rows, td->capacity);
    }
  memset (td->kinds + (gsize) td->n_rows * n_fields, SLOT_ABSENT, n_fields);
}

/* Reads a table's array into rows, checking each against the fields
 * (types, required and unknown fields, enumerations, ranges, formats,
 * duplicate ids and keys within the file). */
static void
read_table (Document     *doc,
            MbJsonReader *reader,
            TableData    *td)
{
  const MbExchangeTable *table = td->table;
  guint n_fields = table->n_fields;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  RowIndex keys = { NULL, 0, 0 };
  RowIndex unique[G_N_ELEMENTS (table->unique)] = { { NULL, 0, 0 }, };
  KeyColumns unique_key[G_N_ELEMENTS (table->unique)];
  KeyColumns pk = { { 0 }, 0 };
  guint hint = 0;

  for (guint f = 0; f < n_fields && pk.n_columns < MAX_KEY_COLUMNS; f++)
    if (table->fields[f].flags & MB_FIELD_PRIMARY_KEY)
      pk.columns[pk.n_columns++] = f;
  for (guint u = 0; u < G_N_ELEMENTS (table->unique) && table->unique[u]; u++)
    key_columns_init (&unique_key[u], td, table->unique[u]);

  mb_json_reader_seek (reader, td->offset);
  if (!mb_json_reader_enter (reader))
    return;

  for (guint element = 0; mb_json_reader_next (reader); element++)
    {
      guint row = td->n_rows;
      guint before = mb_problem_list_get_count (doc->problems);
      guint8 *kinds;
      Slot *slots;

      if (element >= td->n_elements)
        {
          /* The count and the array disagree: not a checked text. */
          reader->failed = TRUE;
          break;
        }

      table_reserve_row (td);
      td->file_rows[row] = element;
      kinds = td->kinds + (gsize) row * n_fields;
      slots = td->slots + (gsize) row * n_fields;

      if (mb_json_reader_peek (reader) != MB_JSON_OBJECT)
        {
          problem_at (doc, td, row, NULL, g_strdup (_("expected an object")));
          mb_json_reader_skip (reader);
          continue;
        }

      mb_json_reader_enter (reader);
      while (mb_json_reader_next (reader))
        {
          MbJsonString key;
          const char *name;
          int f;

          if (!mb_json_reader_read_key (reader, &key))
            break;
          name = mb_json_reader_string_data (reader, &key);
          f = find_field (table, name, key.length, &hint);
          if (f < 0)
            {
              g_ptr_array_add (unknown, g_strndup (name, key.length));
              mb_json_reader_skip (reader);
              continue;
            }
          read_slot (doc, reader, &kinds[f], &slots[f]);
        }

      for (guint f = 0; f < n_fields; f++)
        check_field (doc, td, row, f);

      for (guint i = 0; i < unknown->len; i++)
        {
          g_autofree char *base = row_path (td, row);

          mb_problem_list_add_literal (doc->problems,
                                       mb_json_path_append_key (base, unknown->pdata[i]),
                                       g_strdup (_("unknown field")));
        }
      g_ptr_array_set_size (unknown, 0);

      if (mb_problem_list_get_count (doc->problems) != before)
        continue;

      check_row_rules (doc, td, row);

      if (table->has_id)
        {
          Value id[1];
          guint hash, first;

          row_key (doc, td, row, &id_key, id, &hash);
          first = row_index_lookup (&td->ids, doc, td, &id_key, id, hash);
          if (first != 0)
            {
              g_autofree char *text = g_strndup (id[0].text, id[0].length);

              problem_at (doc, td, row, &table->fields[0],
                          g_strdup_printf (_("the id “%s” is used twice (also at $.%s[%u])"),
                                           text, table->name, td->file_rows[first - 1]));
            }
          else
            row_index_add (&td->ids, row, hash);
        }
      else
        {
          Value values[MAX_KEY_COLUMNS];
          guint hash;

          /* The primary key's columns are required: never NULL here. */
          if (row_key (doc, td, row, &pk, values, &hash))
            {
              if (row_index_lookup (&keys, doc, td, &pk, values, hash) != 0)
                problem_at (doc, td, row, NULL, g_strdup (_("the same entry appears twice")));
              else
                row_index_add (&keys, row, hash);
            }
        }

      for (guint u = 0; u < G_N_ELEMENTS (table->unique) && table->unique[u]; u++)
        {
          Value values[MAX_KEY_COLUMNS];
          guint hash;

          if (!row_key (doc, td, row, &unique_key[u], values, &hash))
            continue;
          if (row_index_lookup (&unique[u], doc, td, &unique_key[u], values, hash) != 0)
            {
              g_autofree char *names = g_strjoinv (", ", (char **) table->unique[u]);

              problem_at (doc, td, row, NULL,
                          g_strdup_printf (_("another entry has the same %s"), names));
            }
          else
            row_index_add (&unique[u], row, hash);
        }

      /* Kept once its fields are fine (the indexes above refer to it); a
       * problem anywhere stops the import before the later stages. */
      td->n_rows++;
    }

  row_index_clear (&keys);
  for (guint u = 0; u < G_N_ELEMENTS (unique); u++)
    row_index_clear (&unique[u]);
}

/* A UUID names one entity: no two tables of the file share one. The later
 * table's row is the one refused, naming where the id was seen first. */
static void
check_ids_across_tables (Document *doc)
{
  for (guint t = 1; t < doc->n_tables; t++)
    {
      TableData *td = &doc->tables[t];

      if (!td->table->has_id || td->n_rows == 0)
        continue;
      for (guint row = 0; row < td->n_rows; row++)
        {
          Value id[1];
          guint hash;

          row_key (doc, td, row, &id_key, id, &hash);
          for (guint u = 0; u < t; u++)
            {
              TableData *other = &doc->tables[u];
              guint found;

              if (!other->table->has_id || other->n_rows == 0)
                continue;
              found = row_index_lookup (&other->ids, doc, other, &id_key, id, hash);
              if (found != 0)
                {
                  g_autofree char *text = g_strndup (id[0].text, id[0].length);

                  problem_at (doc, td, row, &td->table->fields[0],
                              g_strdup_printf (_("the id “%s” is already the id of $.%s[%u]: "
                                                 "an id names one entry in all tables"),
                                               text, other->table->name,
                                               other->file_rows[found - 1]));
                  break;
                }
            }
        }
    }
}

/* A member of the root object: where its value is. */
typedef struct
{
  char       *key;
  MbJsonKind  kind;
  gsize       offset;
  guint64     n_elements;
} RootMember;

static void
root_member_clear (gpointer data)
{
  RootMember *member = data;

  g_free (member->key);
}

/* Stages 1–3. */
gboolean
_mb_exchange_document_load (Document    *doc,
               const char  *data,
               gsize        length)
{
  g_autoptr(GArray) members = NULL;
  MbJsonReader reader;
  gboolean format_ok = FALSE;
  MbJsonKind version_kind = MB_JSON_NONE;
  gint64 version = 0;

  if (length > MB_EXCHANGE_MAX_FILE_SIZE)
    {
      mb_problem_list_add (doc->problems, NULL,
                           _("the file is larger than the limit of %lu MiB"),
                           (unsigned long) (MB_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }

  if (!mb_json_check (data, length, MB_EXCHANGE_MAX_DEPTH, doc->problems))
    return FALSE;

  doc->data = (const guchar *) data;
  doc->length = length;
  doc->decoded = g_byte_array_new ();
  doc->scratch = g_string_new (NULL);
  mb_json_reader_init (&reader, data, length, doc->decoded);

  if (mb_json_reader_peek (&reader) != MB_JSON_OBJECT)
    {
      mb_problem_list_add (doc->problems, "$", "%s",
                           _("not a Målbild exchange file: expected an object"));
      return FALSE;
    }

  /* The root's members: the format and version first, whatever their
   * place; the tables are read later, in the format's order. */
  members = g_array_new (FALSE, TRUE, sizeof (RootMember));
  g_array_set_clear_func (members, root_member_clear);
  mb_json_reader_enter (&reader);
  while (mb_json_reader_next (&reader))
    {
      RootMember member = { NULL, MB_JSON_NONE, 0, 0 };
      MbJsonString key;

      if (!mb_json_reader_read_key (&reader, &key))
        break;
      member.key = g_strndup (mb_json_reader_string_data (&reader, &key), key.length);
      member.kind = mb_json_reader_peek (&reader);
      member.offset = mb_json_reader_tell (&reader);

      if (g_str_equal (member.key, "format") && member.kind == MB_JSON_STRING)
        {
          MbJsonString value;

          format_ok = mb_json_reader_read_string (&reader, &value) &&
                      text_equal (mb_json_reader_string_data (&reader, &value), value.length,
                                  MB_EXCHANGE_FORMAT_NAME, strlen (MB_EXCHANGE_FORMAT_NAME));
        }
      else if (g_str_equal (member.key, "version") && member.kind == MB_JSON_INTEGER)
        {
          double real;

          version_kind = mb_json_reader_read_number (&reader, &version, &real);
        }
      else
        member.n_elements = mb_json_reader_skip (&reader);

      g_array_append_val (members, member);
    }

  if (!format_ok)
    {
      mb_problem_list_add (doc->problems, "$.format", "%s",
                           _("not a Målbild exchange file: \"format\" must be \"malbild\""));
      return FALSE;
    }
  if (version_kind != MB_JSON_INTEGER)
    {
      mb_problem_list_add (doc->problems, "$.version", "%s",
                           _("\"version\" must be an integer"));
      return FALSE;
    }
  if (version < MB_EXCHANGE_FORMAT_OLDEST_VERSION || version > MB_EXCHANGE_FORMAT_VERSION)
    {
      mb_problem_list_add (doc->problems, "$.version",
                           _("version %lld is not supported "
                             "(this Målbild reads versions %d to %d)"),
                           (long long) version, MB_EXCHANGE_FORMAT_OLDEST_VERSION,
                           MB_EXCHANGE_FORMAT_VERSION);
      return FALSE;
    }
  doc->version = (int) version;

  {
    const MbExchangeTable *tables = mb_exchange_get_tables (&doc->n_tables);

    doc->tables = g_new0 (TableData, doc->n_tables);
    for (guint i = 0; i < doc->n_tables; i++)
      doc->tables[i].table = &tables[i];
  }

  for (guint m = 0; m < members->len; m++)
    {
      RootMember *member = &g_array_index (members, RootMember, m);
      TableData *td;
      guint index;

      if (g_str_equal (member->key, "format") || g_str_equal (member->key, "version"))
        continue;
      if (mb_exchange_lookup_table (member->key, &index) == NULL)
        {
          mb_problem_list_add_literal (doc->problems, mb_json_path_append_key ("$", member->key),
                                       g_strdup (_("unknown key (not a table of the format)")));
          continue;
        }
      if (member->kind != MB_JSON_ARRAY)
        {
          mb_problem_list_add_literal (doc->problems, mb_json_path_append_key ("$", member->key),
                                       g_strdup (_("expected an array")));
          continue;
        }
      td = &doc->tables[index];
      td->present = TRUE;
      td->offset = member->offset;
      td->n_elements = (guint) MIN (member->n_elements, G_MAXUINT32 - 1);
    }

  for (guint i = 0; i < doc->n_tables; i++)
    if (doc->tables[i].present)
      read_table (doc, &reader, &doc->tables[i]);
  if (mb_problem_list_get_count (doc->problems) == 0)
    check_ids_across_tables (doc);

  if (mb_json_reader_failed (&reader))
    {
      /* mb_json_check() passed what the reader cannot read: never expected. */
      mb_problem_list_add (doc->problems, "$", "%s",
                           _("the file could not be read after it was checked"));
      return FALSE;
    }

  return mb_problem_list_get_count (doc->problems) == 0;
}

void
_mb_exchange_document_clear (Document *doc)
{
  for (guint i = 0; i < doc->n_tables; i++)
    {
      TableData *td = &doc->tables[i];

      row_index_clear (&td->ids);
      g_clear_pointer (&td->kinds, g_free);
      g_clear_pointer (&td->slots, g_free);
      g_clear_pointer (&td->file_rows, g_free);
      g_clear_pointer (&td->plan, g_free);
    }
  g_clear_pointer (&doc->tables, g_free);
  if (doc->decoded != NULL)
    g_clear_pointer (&doc->decoded, g_byte_array_unref);
  if (doc->scratch != NULL)
    g_string_free (g_steal_pointer (&doc->scratch), TRUE);
}

