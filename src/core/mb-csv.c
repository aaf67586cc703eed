/* mb-csv.c – an RFC 4180 CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fields are separated by commas and records by CRLF, LF or a lone CR. A
 * field may be quoted; inside quotes a doubled quote stands for one, and
 * commas and line breaks are data. A UTF-8 byte order mark at the start is
 * skipped, blank lines between records are skipped, and the whole input must
 * be valid UTF-8 without NUL bytes. Anything else is refused with the line
 * where it happened, since catalogues are shipped data and a silent
 * misreading would show users a wrong title.
 */

#include "config.h"

#include <string.h>

#include "mb-csv.h"

struct _MbCsvReader
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;         /* line of the next byte at pos, 1-based */
  guint       record_line;  /* line where the last record started */
  char        separator;    /* ',' unless set otherwise */
  guint       checked : 1;
  guint       failed : 1;
};

G_DEFINE_QUARK (mb-csv-error-quark, mb_csv_error)

static guint
count_lines (const char *data,
             gsize       upto)
{
  guint line = 1;

  for (gsize i = 0; i < upto; i++)
    {
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= upto || data[i + 1] != '\n')))
        line++;
    }

  return line;
}

static gboolean
check_encoding (MbCsvReader  *self,
                GError      **error)
{
  const char *end = NULL;

  if (g_utf8_validate_len (self->data, self->length, &end))
    return TRUE;

  if (*end == '\0')
    g_set_error (error, MB_CSV_ERROR, MB_CSV_ERROR_NUL,
                 "Line %u: NUL byte in text", count_lines (self->data, end - self->data));
  else
    g_set_error (error, MB_CSV_ERROR, MB_CSV_ERROR_INVALID_UTF8,
                 "Line %u: invalid UTF-8", count_lines (self->data, end - self->data));

  return FALSE;
}

/* Consumes a line break at pos, if there is one. */
static gboolean
eat_line_break (MbCsvReader *self)
{
  if (self->pos >= self->length)
    return FALSE;

  if (self->data[self->pos] == '\r')
    {
      self->pos++;
      if (self->pos < self->length && self->data[self->pos] == '\n')
        self->pos++;
      self->line++;
      return TRUE;
    }

  if (self->data[self->pos] == '\n')
    {
      self->pos++;
      self->line++;
      return TRUE;
    }

  return FALSE;
}

static char *
read_quoted_field (MbCsvReader  *self,
                   GError      **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  guint open_line = self->line;

  self->pos++;  /* the opening quote */

  while (self->pos < self->length)
    {
      char c = self->data[self->pos];

      if (c == '"')
        {
          if (self->pos + 1 < self->length && self->data[self->pos + 1] == '"')
            {
              g_string_append_c (field, '"');
              self->pos += 2;
              continue;
            }

          self->pos++;  /* the closing quote */
          if (self->pos < self->length
              && self->data[self->pos] != self->separator
              && self->data[self->pos] != '\r'
              && self->data[self->pos] != '\n')
            {
              g_set_error (error, MB_CSV_ERROR, MB_CSV_ERROR_STRAY_QUOTE,
                           "Line %u: text after the closing quote of a field", self->line);
              return NULL;
            }
          return g_string_free (g_steal_pointer (&field), FALSE);
        }

      if (c == '\n' || (c == '\r' && (self->pos + 1 >= self->length
                                      || self->data[self->pos + 1] != '\n')))
        self->line++;

      g_string_append_c (field, c);
      self->pos++;
    }

  g_set_error (error, MB_CSV_ERROR, MB_CSV_ERROR_UNTERMINATED_QUOTE,
               "Line %u: quoted field is not closed", open_line);
  return NULL;
}

static char *
read_plain_field (MbCsvReader  *self,
                  GError      **error)
{
  gsize start = self->pos;

  while (self->pos < self->length)
    {
      char c = self->data[self->pos];

      if (c == self->separator || c == '\r' || c == '\n')
        break;
      if (c == '"')
        {
          g_set_error (error, MB_CSV_ERROR, MB_CSV_ERROR_STRAY_QUOTE,
                       "Line %u: quote inside an unquoted field", self->line);
          return NULL;
        }
      self->pos++;
    }

  return g_strndup (self->data + start, self->pos - start);
}

/**
 * mb_csv_reader_new:
 * @data: the text; it must stay alive as long as the reader
 * @length: its length in bytes
 *
 * Returns: (transfer full): a reader positioned at the first record
 */
MbCsvReader *
mb_csv_reader_new (const char *data,
                   gsize       length)
{
  MbCsvReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_new0 (MbCsvReader, 1);
  self->data = data ? data : "";
  self->length = length;
  self->line = 1;
  self->separator = ',';

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;

  return self;
}

/**
 * mb_csv_reader_set_separator:
 * @reader: a reader, before its first record is read
 * @separator: the field separator, such as ';' (Swedish Excel) or '\t'
 */
void
mb_csv_reader_set_separator (MbCsvReader *reader,
                             char         separator)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (separator != '"' && separator != '\r' && separator != '\n');

  reader->separator = separator;
}

void
mb_csv_reader_free (MbCsvReader *reader)
{
  g_free (reader);
}

/**
 * mb_csv_reader_read_record:
 * @reader: a reader
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the fields of the next record, or
 *   %NULL at the end of the input (without @error set) or on an error; after
 *   an error every further call returns %NULL.
 */
char **
mb_csv_reader_read_record (MbCsvReader  *reader,
                           GError      **error)
{
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (reader->failed)
    return NULL;

  if (!reader->checked)
    {
      reader->checked = TRUE;
      if (!check_encoding (reader, error))
        {
          reader->failed = TRUE;
          return NULL;
        }
    }

  while (eat_line_break (reader))
    ;

  if (reader->pos >= reader->length)
    return NULL;

  reader->record_line = reader->line;
  fields = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      char *field;

      if (reader->data[reader->pos] == '"')
        field = read_quoted_field (reader, error);
      else
        field = read_plain_field (reader, error);

      if (field == NULL)
        {
          reader->failed = TRUE;
          return NULL;
        }
      g_ptr_array_add (fields, field);

      if (reader->pos < reader->length && reader->data[reader->pos] == reader->separator)
        {
          reader->pos++;
          /* A comma at the very end still ends an (empty) last field. */
          if (reader->pos >= reader->length)
            {
              g_ptr_array_add (fields, g_strdup (""));
              break;
            }
          continue;
        }

      eat_line_break (reader);
      break;
    }

  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/**
 * mb_csv_reader_get_line:
 * @reader: a reader
 *
 * Returns: the 1-based line where the record last returned started
 */
guint
mb_csv_reader_get_line (MbCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}
