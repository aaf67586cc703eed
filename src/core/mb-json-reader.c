/* mb-json-reader.c – a pull reader over a JSON text that mb_json_check() passed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer reads large files through this instead of a tree: a tree of
 * json-glib nodes takes several times the file's size, while the reader
 * hands out strings as spans of the input and decodes only those with
 * escapes. The text has been checked before, so the reader only has to be
 * safe, not strict: it tolerates what it would never see, and stops at what
 * it cannot read.
 */

#include "config.h"

#include <string.h>

#include "mb-json-lexer-private.h"
#include "mb-json-reader.h"

void
mb_json_reader_init (MbJsonReader *self,
                     const char   *data,
                     gsize         length,
                     GByteArray   *decoded)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (decoded != NULL);

  self->data = (const guchar *) data;
  self->length = length;
  self->pos = 0;
  self->decoded = decoded;
  self->failed = FALSE;
}

gboolean
mb_json_reader_failed (MbJsonReader *self)
{
  return self->failed;
}

static inline void
skip_whitespace (MbJsonReader *self)
{
  self->pos = mb_json_lex_skip_whitespace (self->data, self->length, self->pos);
}

static inline gboolean
is_number_byte (guchar c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* The end of the number at @pos, and whether it is an integer literal. */
static gsize
number_end (MbJsonReader *self,
            gboolean     *integral)
{
  gsize end = self->pos;

  *integral = TRUE;
  while (end < self->length && is_number_byte (self->data[end]))
    {
      guchar c = self->data[end];

      if (c == '.' || c == 'e' || c == 'E')
        *integral = FALSE;
      end++;
    }
  return end;
}

MbJsonKind
mb_json_reader_peek (MbJsonReader *self)
{
  guchar c;

  if (self->failed)
    return MB_JSON_NONE;
  skip_whitespace (self);
  if (self->pos >= self->length)
    return MB_JSON_NONE;

  c = self->data[self->pos];
  switch (c)
    {
    case '{':
      return MB_JSON_OBJECT;
    case '[':
      return MB_JSON_ARRAY;
    case '"':
      return MB_JSON_STRING;
    case 't':
      return MB_JSON_TRUE;
    case 'f':
      return MB_JSON_FALSE;
    case 'n':
      return MB_JSON_NULL;
    default:
      if (c == '-' || g_ascii_isdigit (c))
        {
          gboolean integral;

          number_end (self, &integral);
          return integral ? MB_JSON_INTEGER : MB_JSON_DOUBLE;
        }
      return MB_JSON_NONE;
    }
}

gboolean
mb_json_reader_enter (MbJsonReader *self)
{
  MbJsonKind kind = mb_json_reader_peek (self);

  if (kind != MB_JSON_OBJECT && kind != MB_JSON_ARRAY)
    {
      self->failed = TRUE;
      return FALSE;
    }
  self->pos++;
  return TRUE;
}

gboolean
mb_json_reader_next (MbJsonReader *self)
{
  guchar c;

  if (self->failed)
    return FALSE;
  skip_whitespace (self);
  if (self->pos < self->length && self->data[self->pos] == ',')
    {
      self->pos++;
      skip_whitespace (self);
    }
  if (self->pos >= self->length)
    {
      self->failed = TRUE;
      return FALSE;
    }

  c = self->data[self->pos];
  if (c == '}' || c == ']')
    {
      self->pos++;
      return FALSE;
    }
  return TRUE;
}

/* Appends the UTF-8 of @cp; what a checked text cannot hold (NUL, a lone
 * surrogate) becomes U+FFFD. */
static void
append_unichar (GByteArray *out,
                gunichar    cp)
{
  char utf8[6];
  int n;

  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  n = g_unichar_to_utf8 (cp, utf8);
  g_byte_array_append (out, (const guint8 *) utf8, (guint) n);
}

/* Decodes the rest of a string with escapes from @pos (at a backslash) into
 * self->decoded; self->pos ends after the closing quote. */
static gboolean
decode_escaped (MbJsonReader *self,
                gsize         pos)
{
  const guchar *d = self->data;

  while (pos < self->length)
    {
      gsize run = pos;
      guchar e;

      while (run < self->length && d[run] != '"' && d[run] != '\\')
        run++;
      g_byte_array_append (self->decoded, d + pos, (guint) (run - pos));
      pos = run;
      if (pos >= self->length)
        break;
      if (d[pos] == '"')
        {
          self->pos = pos + 1;
          return TRUE;
        }

      /* A backslash. */
      if (pos + 1 >= self->length)
        break;
      e = d[pos + 1];
      pos += 2;
      if (e == 'u')
        {
          gunichar cp, low;

          if (!mb_json_lex_read_hex4 (d, self->length, &pos, &cp))
            break;
          if (cp >= 0xD800 && cp <= 0xDBFF && self->length - pos >= 6 && d[pos] == '\\' &&
              d[pos + 1] == 'u')
            {
              gsize after = pos + 2;

              if (mb_json_lex_read_hex4 (d, self->length, &after, &low) &&
                  low >= 0xDC00 && low <= 0xDFFF)
                {
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                  pos = after;
                }
            }
          append_unichar (self->decoded, cp);
        }
      else
        {
          guint8 c = mb_json_lex_simple_escape (e);

          g_byte_array_append (self->decoded, &c, 1);
        }
    }

  self->failed = TRUE;
  return FALSE;
}

gboolean
mb_json_reader_read_string (MbJsonReader *self,
                            MbJsonString *out)
{
  const guchar *d = self->data;
  gsize start, pos;

  if (mb_json_reader_peek (self) != MB_JSON_STRING)
    {
      self->failed = TRUE;
      return FALSE;
    }

  start = pos = self->pos + 1;
  while (pos < self->length && d[pos] != '"' && d[pos] != '\\')
    pos++;
  if (pos >= self->length)
    {
      self->failed = TRUE;
      return FALSE;
    }

  if (d[pos] == '"')
    {
      out->offset = start;
      out->length = pos - start;
      out->decoded = FALSE;
      self->pos = pos + 1;
      return TRUE;
    }

  out->offset = self->decoded->len;
  out->decoded = TRUE;
  g_byte_array_append (self->decoded, d + start, (guint) (pos - start));
  if (!decode_escaped (self, pos))
    {
      g_byte_array_set_size (self->decoded, (guint) out->offset);
      return FALSE;
    }
  out->length = self->decoded->len - out->offset;
  g_byte_array_append (self->decoded, (const guint8 *) "", 1);
  return TRUE;
}

gboolean
mb_json_reader_read_key (MbJsonReader *self,
                         MbJsonString *key)
{
  if (!mb_json_reader_read_string (self, key))
    return FALSE;
  skip_whitespace (self);
  if (self->pos >= self->length || self->data[self->pos] != ':')
    {
      self->failed = TRUE;
      return FALSE;
    }
  self->pos++;
  return TRUE;
}

MbJsonKind
mb_json_reader_read_number (MbJsonReader *self,
                            gint64       *integer,
                            double       *real)
{
  MbJsonKind kind = mb_json_reader_peek (self);
  gboolean integral;
  gsize end;

  if (kind != MB_JSON_INTEGER && kind != MB_JSON_DOUBLE)
    {
      self->failed = TRUE;
      return MB_JSON_NONE;
    }

  end = number_end (self, &integral);
  *integer = 0;
  *real = 0;
  if (!integral || !mb_json_lex_parse_integer (self->data + self->pos, end - self->pos, integer))
    {
      /* An integer beyond 64 bits only reaches here unchecked. */
      *real = mb_json_lex_parse_double (self->data + self->pos, end - self->pos);
      kind = MB_JSON_DOUBLE;
    }
  self->pos = end;
  return kind;
}

MbJsonKind
mb_json_reader_read_literal (MbJsonReader *self)
{
  static const struct
  {
    const char *text;
    gsize       length;
    MbJsonKind  kind;
  } literals[] = {
    { "true", 4, MB_JSON_TRUE },
    { "false", 5, MB_JSON_FALSE },
    { "null", 4, MB_JSON_NULL },
  };

  mb_json_reader_peek (self);
  for (guint i = 0; i < G_N_ELEMENTS (literals) && !self->failed; i++)
    if (self->length - self->pos >= literals[i].length &&
        memcmp (self->data + self->pos, literals[i].text, literals[i].length) == 0)
      {
        self->pos += literals[i].length;
        return literals[i].kind;
      }

  self->failed = TRUE;
  return MB_JSON_NONE;
}

/* From just after an opening quote to just after the closing one. */
static inline gsize
skip_string_body (const guchar *d,
                  gsize         length,
                  gsize         pos)
{
  while (pos < length)
    {
      const guchar *quote = memchr (d + pos, '"', length - pos);
      gsize at, backslashes = 0;

      if (quote == NULL)
        return length + 1;
      at = (gsize) (quote - d);
      /* An escaped quote has an odd number of backslashes before it. */
      while (at - backslashes > pos && d[at - backslashes - 1] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return at + 1;
      pos = at + 1;
    }
  return length + 1;
}

guint64
mb_json_reader_skip (MbJsonReader *self)
{
  const guchar *d = self->data;
  MbJsonKind kind = mb_json_reader_peek (self);
  guint64 depth = 0, commas = 0;
  gboolean any = FALSE;
  gsize pos;

  switch (kind)
    {
    case MB_JSON_NONE:
      self->failed = TRUE;
      return 0;
    case MB_JSON_STRING:
      pos = skip_string_body (d, self->length, self->pos + 1);
      if (pos > self->length)
        self->failed = TRUE;
      else
        self->pos = pos;
      return 0;
    case MB_JSON_INTEGER:
    case MB_JSON_DOUBLE:
      {
        gint64 i;
        double r;

        mb_json_reader_read_number (self, &i, &r);
      }
      return 0;
    case MB_JSON_NULL:
    case MB_JSON_TRUE:
    case MB_JSON_FALSE:
      mb_json_reader_read_literal (self);
      return 0;
    case MB_JSON_OBJECT:
    case MB_JSON_ARRAY:
    default:
      break;
    }

  /* A container: count brackets outside strings, and the commas of its own
   * level for the number of elements. */
  for (pos = self->pos; pos < self->length; pos++)
    {
      guchar c = d[pos];

      switch (c)
        {
        case '"':
          any = any || depth == 1;
          pos = skip_string_body (d, self->length, pos + 1) - 1;
          break;
        case '{':
        case '[':
          any = any || depth == 1;
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            {
              self->pos = pos + 1;
              return kind == MB_JSON_ARRAY && any ? commas + 1 : 0;
            }
          break;
        case ',':
          if (depth == 1)
            commas++;
          break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;
        default:
          any = any || depth == 1;
          break;
        }
    }

  self->failed = TRUE;
  return 0;
}

gsize
mb_json_reader_tell (MbJsonReader *self)
{
  skip_whitespace (self);
  return self->pos;
}

void
mb_json_reader_seek (MbJsonReader *self,
                     gsize         pos)
{
  self->pos = MIN (pos, self->length);
}

const char *
mb_json_reader_string_data (MbJsonReader       *self,
                            const MbJsonString *string)
{
  if (string->decoded)
    return (const char *) self->decoded->data + string->offset;
  return (const char *) self->data + string->offset;
}
