/* mb-exchange.c – the JSON exchange format: validate, import (merge), export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import runs in stages, each refusing the file before anything is written:
 *  1. a bounded read (the size limit holds before the file is read whole;
 *     a regular file is mapped, not copied);
 *  2. mb_json_check(): strict RFC 8259, duplicate keys, finite numbers,
 *     64-bit integers, no NUL, bounded depth;
 *  3. a pull reader (mb-json-reader.c) reads the checked text straight into
 *     compact rows – per table, a kind byte and an 8-byte slot per field,
 *     texts left where they are in the file – checked against
 *     mb-exchange-fields.c as they come (types, required and unknown fields,
 *     enumerations, ranges, formats, duplicate ids and unique keys within
 *     the file). No tree: json-glib's would take 7× the file's size;
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

#include "mb-exchange.h"
#include "mb-exchange-fields.h"
#include "mb-json-check.h"
#include "mb-json-reader.h"
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

/* What a field of a row holds in the file. */
typedef enum
{
  SLOT_ABSENT,
  SLOT_NULL,
  SLOT_FALSE,
  SLOT_TRUE,
  SLOT_INTEGER,
  SLOT_DOUBLE,
  SLOT_TEXT,          /* bytes of the file */
  SLOT_DECODED_TEXT,  /* bytes of Document.decoded: the string had escapes */
  SLOT_OTHER,         /* an object or an array */
} SlotKind;

/* The value of a field of a row, in 8 bytes (its SlotKind apart). Texts are
 * not copied: they stay where they are in the file. */
typedef union
{
  gint64 integer;
  double real;
  struct
  {
    guint32 offset;
    guint32 length;
  } text;
} Slot;

G_STATIC_ASSERT (MB_EXCHANGE_MAX_FILE_SIZE <= G_MAXUINT32);

/* Rows by the values of some of their columns: open addressing, linear
 * probing, no allocation per row. */
typedef struct
{
  guint32 row;   /* row + 1; 0 is a free entry */
  guint32 hash;  /* of the row's key */
} RowIndexEntry;

typedef struct
{
  RowIndexEntry *entries;
  guint          mask;
  guint          count;
} RowIndex;

typedef struct
{
  const MbExchangeTable *table;
  gboolean               present;     /* the file has the table's array */
  gsize                  offset;      /* where the array begins in the file */
  guint                  n_elements;  /* the array's length */
  /* The rows whose fields passed the checks, in file order: all of them
   * when the file passes, and only then do the later stages run. */
  guint                  n_rows;
  guint                  capacity;
  guint8                *kinds;       /* n_rows × n_fields SlotKinds */
  Slot                  *slots;       /* n_rows × n_fields */
  guint32               *file_rows;   /* a row's index in the file's array */
  RowIndex               ids;         /* id → row, for tables with an id */
  guint8                *plan;        /* per row */
  gboolean               library_empty; /* the library's table has no row */
} TableData;

typedef struct
{
  const char     *file_name;
  const guchar   *data;
  gsize           length;
  GByteArray     *decoded;      /* the strings that had escapes */
  GString        *scratch;      /* a text as a C string, for checks */
  TableData      *tables;
  guint           n_tables;
  MbProblemList  *problems;
  MbImportFlags   flags;
  MbImportReport *report;
  sqlite3        *db;           /* NULL: the file is checked alone */
} Document;

/* A column's value as SQL sees it. */
typedef struct
{
  int         sql_type;  /* SQLITE_NULL, SQLITE_TEXT, SQLITE_INTEGER, SQLITE_FLOAT */
  const char *text;      /* @length bytes, not NUL-terminated if in the file */
  gsize       length;
  gint64      integer;
  double      real;
} Value;

/* Reading */

static char *
display_name (const char *path)
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
  g_autofree char *display = display_name (path);
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

/* Paths and problems */

static char *
row_path (const TableData *td,
          guint            row)
{
  return g_strdup_printf ("$.%s[%u]", td->table->name,
                          td->file_rows != NULL && row < td->capacity ? td->file_rows[row] : row);
}

static char *
field_path (const TableData       *td,
            guint                  row,
            const MbExchangeField *field)
{
  return g_strdup_printf ("$.%s[%u].%s", td->table->name,
                          td->file_rows != NULL && row < td->capacity ? td->file_rows[row] : row,
                          field->name);
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

/* Values */

static inline guint8
slot_kind (const TableData *td,
           guint            row,
           guint            f)
{
  return td->kinds[(gsize) row * td->table->n_fields + f];
}

static inline const Slot *
slot_at (const TableData *td,
         guint            row,
         guint            f)
{
  return &td->slots[(gsize) row * td->table->n_fields + f];
}

static inline gboolean
slot_is_text (guint8 kind)
{
  return kind == SLOT_TEXT || kind == SLOT_DECODED_TEXT;
}

static inline gboolean
slot_is_null (guint8 kind)
{
  return kind == SLOT_ABSENT || kind == SLOT_NULL;
}

static guint
field_index (const TableData *td,
             const char      *name)
{
  guint index = 0;

  if (mb_exchange_table_lookup_field (td->table, name, &index) == NULL)
    g_assert_not_reached ();
  return index;
}

/* A text field's bytes (@length of them), or NULL when it holds no text. */
static inline const char *
slot_text (const Document  *doc,
           const TableData *td,
           guint            row,
           guint            f,
           gsize           *length)
{
  guint8 kind = slot_kind (td, row, f);
  const Slot *slot = slot_at (td, row, f);

  *length = 0;
  if (kind == SLOT_TEXT)
    {
      *length = slot->text.length;
      return (const char *) doc->data + slot->text.offset;
    }
  if (kind == SLOT_DECODED_TEXT)
    {
      *length = slot->text.length;
      return (const char *) doc->decoded->data + slot->text.offset;
    }
  return NULL;
}

/* The same as a C string, valid until the next call; NULL if no text. */
static const char *
slot_cstr (Document        *doc,
           const TableData *td,
           guint            row,
           guint            f)
{
  gsize length;
  const char *text = slot_text (doc, td, row, f, &length);

  if (text == NULL || slot_kind (td, row, f) == SLOT_DECODED_TEXT)
    return text;  /* decoded texts end in a NUL */
  g_string_truncate (doc->scratch, 0);
  g_string_append_len (doc->scratch, text, (gssize) length);
  return doc->scratch->str;
}

/* The same, newly allocated. */
static char *
slot_dup (const Document  *doc,
          const TableData *td,
          guint            row,
          guint            f)
{
  gsize length;
  const char *text = slot_text (doc, td, row, f, &length);

  return text != NULL ? g_strndup (text, length) : NULL;
}

static inline gboolean
text_equal (const char *a,
            gsize       a_length,
            const char *b,
            gsize       b_length)
{
  return a_length == b_length && memcmp (a, b, a_length) == 0;
}

static gboolean
is_integral_double (double d)
{
  /* Outside ±2^63 a double does not fit gint64. */
  return isfinite (d) && d == floor (d) && d >= -9223372036854775808.0 &&
         d < 9223372036854775808.0;
}

/* A column's default ("'public'", "0"), or NULL. */
static Value
default_value (const MbExchangeField *field)
{
  const char *d = field->default_sql;
  Value v = { SQLITE_NULL, NULL, 0, 0, 0 };

  if (d == NULL)
    return v;
  if (d[0] == '\'')
    {
      /* The text between the quotes (defaults hold no quote). */
      v.sql_type = SQLITE_TEXT;
      v.text = d + 1;
      v.length = strlen (d) - 2;
    }
  else
    {
      v.sql_type = SQLITE_INTEGER;
      v.integer = g_ascii_strtoll (d, NULL, 10);
    }
  return v;
}

/* The value a column gets from the file: given, or its default, or NULL. */
static inline Value
field_value (const Document  *doc,
             const TableData *td,
             guint            row,
             guint            f)
{
  const MbExchangeField *field = &td->table->fields[f];
  const Slot *slot = slot_at (td, row, f);
  Value v = { SQLITE_NULL, NULL, 0, 0, 0 };

  switch (slot_kind (td, row, f))
    {
    case SLOT_TEXT:
    case SLOT_DECODED_TEXT:
      v.sql_type = SQLITE_TEXT;
      v.text = slot_text (doc, td, row, f, &v.length);
      break;
    case SLOT_FALSE:
    case SLOT_TRUE:
      v.sql_type = SQLITE_INTEGER;
      v.integer = slot_kind (td, row, f) == SLOT_TRUE ? 1 : 0;
      break;
    case SLOT_INTEGER:
      if (field->type == MB_FIELD_REAL)
        {
          v.sql_type = SQLITE_FLOAT;
          v.real = (double) slot->integer;
        }
      else
        {
          v.sql_type = SQLITE_INTEGER;
          v.integer = slot->integer;
        }
      break;
    case SLOT_DOUBLE:
      if (field->type == MB_FIELD_REAL)
        {
          v.sql_type = SQLITE_FLOAT;
          v.real = slot->real;
        }
      else
        {
          v.sql_type = SQLITE_INTEGER;
          v.integer = (gint64) slot->real;
        }
      break;
    case SLOT_ABSENT:
    case SLOT_NULL:
      return default_value (field);
    case SLOT_OTHER:
    default:
      break;
    }
  return v;
}

static gboolean
value_is (const Value *v,
          const char  *text)
{
  return v->sql_type == SQLITE_TEXT && text_equal (v->text, v->length, text, strlen (text));
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const Value  *v)
{
  switch (v->sql_type)
    {
    case SQLITE_TEXT:
      sqlite3_bind_text (stmt, index, v->text, (int) v->length, SQLITE_STATIC);
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
      if (type != SQLITE_TEXT)
        return FALSE;
      {
        const char *text = (const char *) sqlite3_column_text (stmt, column);

        return text_equal (v->text, v->length, text, (gsize) sqlite3_column_bytes (stmt, column));
      }
    case SQLITE_INTEGER:
      return type == SQLITE_INTEGER && sqlite3_column_int64 (stmt, column) == v->integer;
    case SQLITE_FLOAT:
      return (type == SQLITE_FLOAT || type == SQLITE_INTEGER) &&
             sqlite3_column_double (stmt, column) == v->real;
    default:
      return FALSE;
    }
}

/* Keys: a group of columns' values */

static inline guint
hash_value (const Value *v)
{
  guint h = (guint) v->sql_type;

  switch (v->sql_type)
    {
    case SQLITE_TEXT:
      {
        /* Eight bytes at a time: ids are 36. */
        const char *p = v->text;
        gsize n = v->length;
        guint64 x = 0x9e3779b97f4a7c15u ^ n, w = 0;

        for (; n >= 8; p += 8, n -= 8)
          {
            memcpy (&w, p, 8);
            x = (x ^ w) * 0xff51afd7ed558ccdu;
            x ^= x >> 32;
          }
        w = 0;
        memcpy (&w, p, n);
        x = (x ^ w) * 0xc4ceb9fe1a85ec53u;
        return h ^ (guint) (x ^ (x >> 32));
      }
    case SQLITE_INTEGER:
      return h ^ (guint) ((guint64) v->integer ^ ((guint64) v->integer >> 32)) * 2654435761u;
    case SQLITE_FLOAT:
      {
        guint64 bits;

        memcpy (&bits, &v->real, sizeof bits);
        return h ^ (guint) (bits ^ (bits >> 32)) * 2654435761u;
      }
    default:
      return h;
    }
}

/* Mixes all bits into the low ones, which pick the index's entry
 * (MurmurHash3's finaliser). */
static inline guint
finish_hash (guint h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* Values as keys: -0.0 and 0.0 are different keys, as their texts are. */
static inline gboolean
value_equal (const Value *a,
             const Value *b)
{
  if (a->sql_type != b->sql_type)
    return FALSE;
  switch (a->sql_type)
    {
    case SQLITE_TEXT:
      return text_equal (a->text, a->length, b->text, b->length);
    case SQLITE_INTEGER:
      return a->integer == b->integer;
    case SQLITE_FLOAT:
      return memcmp (&a->real, &b->real, sizeof a->real) == 0;
    default:
      return TRUE;
    }
}

#define MAX_KEY_COLUMNS 8

typedef struct
{
  guint columns[MAX_KEY_COLUMNS];
  guint n_columns;
} KeyColumns;

static void
key_columns_init (KeyColumns            *key,
                  const TableData       *td,
                  const char * const    *names)
{
  key->n_columns = 0;
  for (guint i = 0; names[i] && key->n_columns < MAX_KEY_COLUMNS; i++)
    key->columns[key->n_columns++] = field_index (td, names[i]);
}

/* The values of @key's columns in @row and their hash; FALSE when one of
 * them is NULL (SQL NULLs never collide). */
static gboolean
row_key (const Document   *doc,
         const TableData  *td,
         guint             row,
         const KeyColumns *key,
         Value            *values,
         guint            *hash)
{
  *hash = 0;
  for (guint i = 0; i < key->n_columns; i++)
    {
      values[i] = field_value (doc, td, row, key->columns[i]);
      if (values[i].sql_type == SQLITE_NULL)
        return FALSE;
      *hash = *hash * 31 + hash_value (&values[i]);
    }
  *hash = finish_hash (*hash);
  return TRUE;
}

static inline gboolean
row_has_key (const Document   *doc,
             const TableData  *td,
             guint             row,
             const KeyColumns *key,
             const Value      *values)
{
  for (guint i = 0; i < key->n_columns; i++)
    {
      Value v = field_value (doc, td, row, key->columns[i]);

      if (!value_equal (&v, &values[i]))
        return FALSE;
    }
  return TRUE;
}

static void
row_index_clear (RowIndex *index)
{
  g_clear_pointer (&index->entries, g_free);
  index->mask = 0;
  index->count = 0;
}

/* The row (+ 1) whose @key columns hold @values, or 0. */
static guint
row_index_lookup (const RowIndex   *index,
                  const Document   *doc,
                  const TableData  *td,
                  const KeyColumns *key,
                  const Value      *values,
                  guint             hash)
{
  if (index->entries == NULL)
    return 0;
  for (guint i = hash & index->mask;; i = (i + 1) & index->mask)
    {
      const RowIndexEntry *entry = &index->entries[i];

      if (entry->row == 0)
        return 0;
      /* The hash first: another row's values lie elsewhere in the file, and
       * reading them costs a cache miss. */
      if (entry->hash == hash && row_has_key (doc, td, entry->row - 1, key, values))
        return entry->row;
    }
}

/* Adds @row, whose key is known not to be in @index yet. */
static void
row_index_add (RowIndex *index,
               guint     row,
               guint     hash)
{
  guint i;

  /* At most half full. */
  if (index->entries == NULL || (index->count + 1) * 2 > index->mask + 1)
    {
      g_autofree RowIndexEntry *old = index->entries;
      guint old_size = old != NULL ? index->mask + 1 : 0;
      guint size = MAX (old_size * 2, 64);

      index->entries = g_new0 (RowIndexEntry, size);
      index->mask = size - 1;
      for (guint j = 0; j < old_size; j++)
        if (old[j].row != 0)
          {
            for (i = old[j].hash & index->mask; index->entries[i].row != 0;
                 i = (i + 1) & index->mask)
              ;
            index->entries[i] = old[j];
          }
    }

  for (i = hash & index->mask; index->entries[i].row != 0; i = (i + 1) & index->mask)
    ;
  index->entries[i].row = row + 1;
  index->entries[i].hash = hash;
  index->count++;
}

static const KeyColumns id_key = { { 0 }, 1 };

/* The row (+ 1) of @td with the id @id (@length bytes) in the file, or 0. */
static guint
lookup_id (const Document  *doc,
           const TableData *td,
           const char      *id,
           gsize            length)
{
  Value v = { SQLITE_TEXT, id, length, 0, 0 };

  if (id == NULL || !td->table->has_id)
    return 0;
  return row_index_lookup (&td->ids, doc, td, &id_key, &v, finish_hash (hash_value (&v)));
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
  else if (g_str_equal (name, "review_comments"))
    {
      guint node = field_index (td, "node_id");
      gboolean has_node = !slot_is_null (slot_kind (td, row, node));
      gboolean has_link = !slot_is_null (slot_kind (td, row, field_index (td, "link_id")));

      if (has_node && has_link)
        problem_at (doc, td, row, &td->table->fields[node],
                    g_strdup (_("a comment is on a node or on a link, not on both")));
      else if (!has_node && !has_link)
        problem_at (doc, td, row, &td->table->fields[node],
                    g_strdup (_("a comment needs a node_id or a link_id")));
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
static gboolean
document_load (Document    *doc,
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
  if (version != MB_EXCHANGE_FORMAT_VERSION)
    {
      mb_problem_list_add (doc->problems, "$.version",
                           _("version %lld is not supported "
                             "(this Målbild reads version %d)"),
                           (long long) version, MB_EXCHANGE_FORMAT_VERSION);
      return FALSE;
    }

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

static void
document_clear (Document *doc)
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

  ok = document_load (&doc, data, length);
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
