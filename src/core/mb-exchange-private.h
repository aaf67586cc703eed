/* mb-exchange-private.h – the importer's rows and stages, shared by its files
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
 *     the file, ids across tables). No tree: json-glib's would take 7× the
 *     file's size;
 *  4. check_document(), the same for a validation against a library and for
 *     an import, inside the store's transaction for the latter: references
 *     against file + library, the merge plan (add / update / unchanged /
 *     conflict), and the rules on the merged result (ids across tables,
 *     unique keys, strategy trees, the contributes-to graph and parents
 *     without cycles); then the writes.
 * Any problem in any stage: the action returns FALSE and the store rolls
 * back, so the library stays as it was.
 *
 * The files, by stage: mb-exchange-read.c (stages 1–3, reading and
 * checking the file), mb-exchange-merge.c (stage 4 and the writes, and the
 * public validate and import calls), mb-exchange-export.c (export). This
 * header holds the rows of a read file and their inline accessors: values,
 * keys and the index of rows by key.
 */

#pragma once

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mb-exchange.h"
#include "mb-exchange-fields.h"
#include "mb-json-writer.h"
#include "mb-store-private.h"

G_BEGIN_DECLS

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
  int             version;      /* the file's format version */
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

/* "standard input" for "-", else the path for display. */
char            *_mb_exchange_display_name (const char *path);

/* Paths and problems */

static inline char *
row_path (const TableData *td,
          guint            row)
{
  return g_strdup_printf ("$.%s[%u]", td->table->name,
                          td->file_rows != NULL && row < td->capacity ? td->file_rows[row] : row);
}

static inline char *
field_path (const TableData       *td,
            guint                  row,
            const MbExchangeField *field)
{
  return g_strdup_printf ("$.%s[%u].%s", td->table->name,
                          td->file_rows != NULL && row < td->capacity ? td->file_rows[row] : row,
                          field->name);
}

static inline void
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

static inline guint
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
static inline const char *
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
static inline char *
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

static inline gboolean
is_integral_double (double d)
{
  /* Outside ±2^63 a double does not fit gint64. */
  return isfinite (d) && d == floor (d) && d >= -9223372036854775808.0 &&
         d < 9223372036854775808.0;
}

/* A column's default ("'public'", "0"), or NULL. */
static inline Value
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

static inline gboolean
value_is (const Value *v,
          const char  *text)
{
  return v->sql_type == SQLITE_TEXT && text_equal (v->text, v->length, text, strlen (text));
}

static inline void
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

static inline gboolean
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

static inline void
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
static inline gboolean
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

static inline void
row_index_clear (RowIndex *index)
{
  g_clear_pointer (&index->entries, g_free);
  index->mask = 0;
  index->count = 0;
}

/* The row (+ 1) whose @key columns hold @values, or 0. */
static inline guint
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
static inline void
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
static inline guint
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


/* Stages 1–3 (mb-exchange-read.c): FALSE with @doc's problems set if the
 * file is not a valid exchange file on its own. */
gboolean         _mb_exchange_document_load  (Document    *doc,
                                              const char  *data,
                                              gsize        length);
void             _mb_exchange_document_clear (Document    *doc);

G_END_DECLS
