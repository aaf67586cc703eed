/* mb-json-check.c – a strict RFC 8259 scanner run before anything reads a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mb-json-check.h"
#include "mb-json-writer.h"
#include "mb-json-lexer-private.h"

/* Hard ceiling, whatever the caller asks: frames are allocated up front. */
#define MAX_DEPTH_CEILING 4096
/* Keys longer than this are cut in paths and messages. */
#define MAX_KEY_SHOWN 64

typedef enum
{
  FRAME_OBJECT,
  FRAME_ARRAY,
} FrameKind;

typedef struct
{
  FrameKind   kind;
  guint64     index;   /* arrays: the current element */
  const char *key;     /* objects: the current key, owned by keys */
  GHashTable *keys;    /* objects: the keys seen so far; kept for reuse at this depth */
} Frame;

typedef enum
{
  EXPECT_VALUE,
  EXPECT_KEY,
  AFTER_VALUE,
} State;

typedef struct
{
  const guchar  *data;
  gsize          len;
  gsize          pos;
  Frame         *frames;
  guint          depth;
  guint          max_depth;
  MbProblemList *problems;
  GString       *key;       /* the key being decoded */
  gboolean       fatal;
} Scanner;

static gboolean
is_identifier (const char *key)
{
  if (!g_ascii_isalpha (key[0]) && key[0] != '_')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Appends @str as a JSON string literal (mb_json_append_string()), cut
 * after @max_chars characters with "…" before the closing quote. */
static void
append_quoted (GString    *out,
               const char *str,
               gsize       max_chars)
{
  const char *end = str;
  gsize n = 0;

  for (; *end && n < max_chars; end = g_utf8_next_char (end), n++)
    ;
  mb_json_append_string (out, str, end - str);
  if (*end)
    g_string_insert (out, (gssize) out->len - 1, "…");
}

char *
mb_json_path_append_key (const char *path,
                         const char *key)
{
  GString *out = g_string_new (path);

  if (is_identifier (key) && strlen (key) <= MAX_KEY_SHOWN)
    {
      g_string_append_c (out, '.');
      g_string_append (out, key);
    }
  else
    {
      g_string_append_c (out, '[');
      append_quoted (out, key, MAX_KEY_SHOWN);
      g_string_append_c (out, ']');
    }

  return g_string_free (out, FALSE);
}

static char *
scanner_path (Scanner *self)
{
  g_autofree char *path = g_strdup ("$");

  for (guint i = 0; i < self->depth; i++)
    {
      Frame *frame = &self->frames[i];
      char *next;

      if (frame->kind == FRAME_ARRAY)
        next = g_strdup_printf ("%s[%" G_GUINT64_FORMAT "]", path, frame->index);
      else if (frame->key != NULL)
        next = mb_json_path_append_key (path, frame->key);
      else
        continue;

      g_free (path);
      path = next;
    }

  return g_steal_pointer (&path);
}

static void
scanner_problem (Scanner    *self,
                 const char *message)
{
  mb_problem_list_add_literal (self->problems, scanner_path (self), g_strdup (message));
}

/* A syntax error: the scan cannot go on, so the message says where. */
static void
scanner_fatal (Scanner    *self,
               gsize       at,
               const char *reason)
{
  guint line = 1;
  gsize line_start = 0;
  g_autofree char *message = NULL;

  for (gsize i = 0; i < at && i < self->len; i++)
    if (self->data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }

  /* Plain C formats: xgettext cannot see through G_GSIZE_FORMAT. */
  message = g_strdup_printf (_("line %u, column %lu: %s"),
                             line, (unsigned long) (at - line_start + 1), reason);
  scanner_problem (self, message);
  self->fatal = TRUE;
}

static void
scanner_unexpected (Scanner    *self,
                    const char *expected)
{
  g_autofree char *reason = NULL;
  guchar c;

  if (self->pos >= self->len)
    {
      reason = g_strdup_printf (_("unexpected end of file, expected %s"), expected);
      scanner_fatal (self, self->pos, reason);
      return;
    }

  c = self->data[self->pos];
  if (c == '\'')
    reason = g_strdup (_("single quotes are not allowed; JSON strings use double quotes"));
  else if (c == '/')
    reason = g_strdup (_("comments are not allowed in JSON"));
  else if (self->pos == 0 && self->len >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    reason = g_strdup (_("a byte order mark (BOM) is not allowed"));
  else if ((c == ']' || c == '}') && g_str_equal (expected, _("a value")))
    reason = g_strdup_printf (_("expected a value, found “%c” (a comma too many?)"), c);
  else if (c > 0x20 && c < 0x7f)
    reason = g_strdup_printf (_("unexpected character “%c”, expected %s"), c, expected);
  else
    reason = g_strdup_printf (_("unexpected byte 0x%02X, expected %s"), c, expected);

  scanner_fatal (self, self->pos, reason);
}

static inline void
skip_whitespace (Scanner *self)
{
  self->pos = mb_json_lex_skip_whitespace (self->data, self->len, self->pos);
}

static gboolean
read_hex4 (Scanner  *self,
           gunichar *out)
{
  return mb_json_lex_read_hex4 (self->data, self->len, &self->pos, out);
}

/* At the opening quote. Keys are decoded into self->key; values are only
 * checked. */
static void
scan_string (Scanner  *self,
             gboolean  is_key)
{
  gsize start = self->pos;

  self->pos++;
  if (is_key)
    g_string_truncate (self->key, 0);

  for (;;)
    {
      guchar c;

      /* The common case: plain ASCII. */
      if (!is_key)
        while (self->pos < self->len &&
               (c = self->data[self->pos]) >= 0x20 && c < 0x80 && c != '"' && c != '\\')
          self->pos++;

      if (self->pos >= self->len)
        {
          scanner_fatal (self, start, _("unterminated string"));
          return;
        }

      c = self->data[self->pos];
      if (c == '"')
        {
          self->pos++;
          return;
        }
      else if (c == '\\')
        {
          guchar e;

          if (self->pos + 1 >= self->len)
            {
              scanner_fatal (self, start, _("unterminated string"));
              return;
            }
          e = self->data[self->pos + 1];
          self->pos += 2;
          switch (e)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              if (is_key)
                g_string_append_c (self->key, (char) mb_json_lex_simple_escape (e));
              break;
            case 'u':
              {
                gunichar cp;

                if (!read_hex4 (self, &cp))
                  {
                    scanner_fatal (self, self->pos - 2,
                                   _("“\\u” must be followed by four hexadecimal digits"));
                    return;
                  }
                if (cp == 0)
                  {
                    scanner_problem (self, _("NUL (\\u0000) is not allowed in a string"));
                    break;
                  }
                if (cp >= 0xD800 && cp <= 0xDBFF)
                  {
                    gunichar low = 0;

                    if (self->len - self->pos >= 6 && self->data[self->pos] == '\\' &&
                        self->data[self->pos + 1] == 'u')
                      {
                        self->pos += 2;
                        if (!read_hex4 (self, &low))
                          {
                            scanner_fatal (self, self->pos - 2,
                                           _("“\\u” must be followed by four hexadecimal digits"));
                            return;
                          }
                      }
                    if (low < 0xDC00 || low > 0xDFFF)
                      {
                        scanner_problem (self, _("unpaired UTF-16 surrogate in a string"));
                        break;
                      }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                  }
                else if (cp >= 0xDC00 && cp <= 0xDFFF)
                  {
                    scanner_problem (self, _("unpaired UTF-16 surrogate in a string"));
                    break;
                  }
                if (is_key)
                  g_string_append_unichar (self->key, cp);
              }
              break;
            default:
              {
                g_autofree char *reason = NULL;

                if (e >= 0x20 && e < 0x7f)
                  reason = g_strdup_printf (_("invalid escape “\\%c” in a string"), e);
                else
                  reason = g_strdup (_("invalid escape in a string"));
                scanner_fatal (self, self->pos - 2, reason);
                return;
              }
            }
        }
      else if (c < 0x20)
        {
          if (c == 0)
            scanner_problem (self, _("a NUL byte is not allowed in a string"));
          else
            {
              g_autofree char *reason =
                g_strdup_printf (_("control character U+%04X must be escaped in a string"), c);
              scanner_problem (self, reason);
            }
          self->pos++;
        }
      else if (c < 0x80)
        {
          if (is_key)
            g_string_append_c (self->key, (char) c);
          self->pos++;
        }
      else
        {
          gsize n = mb_json_lex_utf8_length (self->data + self->pos, self->len - self->pos);

          if (n == 0)
            {
              scanner_problem (self, _("invalid UTF-8 in a string"));
              /* One report per string is enough. */
              while (self->pos < self->len && self->data[self->pos] != '"' &&
                     self->data[self->pos] != '\\')
                self->pos++;
              continue;
            }
          if (is_key)
            g_string_append_len (self->key, (const char *) self->data + self->pos, n);
          self->pos += n;
        }
    }
}

static void
scan_number (Scanner *self)
{
  gsize start = self->pos;
  gboolean integral = TRUE;
  const guchar *d = self->data;

  if (d[self->pos] == '-')
    self->pos++;

  if (self->pos >= self->len || !g_ascii_isdigit (d[self->pos]))
    {
      scanner_fatal (self, start, _("a number needs a digit after “-”"));
      return;
    }

  if (d[self->pos] == '0')
    {
      self->pos++;
      if (self->pos < self->len && g_ascii_isdigit (d[self->pos]))
        {
          scanner_fatal (self, start, _("leading zeros are not allowed in a number"));
          return;
        }
    }
  else
    while (self->pos < self->len && g_ascii_isdigit (d[self->pos]))
      self->pos++;

  if (self->pos < self->len && d[self->pos] == '.')
    {
      integral = FALSE;
      self->pos++;
      if (self->pos >= self->len || !g_ascii_isdigit (d[self->pos]))
        {
          scanner_fatal (self, start, _("a number needs a digit after “.”"));
          return;
        }
      while (self->pos < self->len && g_ascii_isdigit (d[self->pos]))
        self->pos++;
    }

  if (self->pos < self->len && (d[self->pos] == 'e' || d[self->pos] == 'E'))
    {
      integral = FALSE;
      self->pos++;
      if (self->pos < self->len && (d[self->pos] == '+' || d[self->pos] == '-'))
        self->pos++;
      if (self->pos >= self->len || !g_ascii_isdigit (d[self->pos]))
        {
          scanner_fatal (self, start, _("a number needs a digit in its exponent"));
          return;
        }
      while (self->pos < self->len && g_ascii_isdigit (d[self->pos]))
        self->pos++;
    }

  if (integral)
    {
      gint64 value;

      /* json-glib would wrap 2^63 around to -2^63: refuse what does not fit. */
      if (!mb_json_lex_parse_integer (d + start, self->pos - start, &value))
        scanner_problem (self, _("integer out of range (beyond 64 bits)"));
    }
  else
    {
      /* json-glib would turn 1e400 into infinity. */
      if (!isfinite (mb_json_lex_parse_double (d + start, self->pos - start)))
        scanner_problem (self, _("number out of range (not finite)"));
    }
}

static void
scan_literal (Scanner *self)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (self->len - self->pos >= n && memcmp (self->data + self->pos, literals[i], n) == 0)
        {
          self->pos += n;
          /* "nullx", "true1": the literal must end there. */
          if (self->pos < self->len && g_ascii_isalnum (self->data[self->pos]))
            {
              self->pos -= n;
              break;
            }
          return;
        }
    }

  scanner_unexpected (self, _("a value"));
}

static gboolean
scanner_push (Scanner   *self,
              FrameKind  kind)
{
  Frame *frame;

  if (self->depth >= self->max_depth)
    {
      g_autofree char *reason =
        g_strdup_printf (_("nesting deeper than %u levels"), self->max_depth);
      scanner_fatal (self, self->pos, reason);
      return FALSE;
    }

  frame = &self->frames[self->depth++];
  frame->kind = kind;
  frame->index = 0;
  frame->key = NULL;
  self->pos++;

  return TRUE;
}

static void
scanner_pop (Scanner *self)
{
  Frame *frame = &self->frames[--self->depth];

  frame->key = NULL;
  if (frame->keys != NULL)
    g_hash_table_remove_all (frame->keys);
  self->pos++;
}

static void
scanner_take_key (Scanner *self)
{
  Frame *frame = &self->frames[self->depth - 1];
  gpointer first = NULL;

  if (frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (frame->keys, self->key->str, &first, NULL))
    {
      g_autofree char *reason = NULL;
      g_autoptr(GString) shown = g_string_new (NULL);

      append_quoted (shown, self->key->str, MAX_KEY_SHOWN);
      reason = g_strdup_printf (_("duplicate key %s in an object"), shown->str);
      frame->key = first;
      scanner_problem (self, reason);
      return;
    }

  frame->key = g_strdup (self->key->str);
  g_hash_table_add (frame->keys, (gpointer) frame->key);
}

gboolean
mb_json_check (const char    *data,
               gsize          length,
               guint          max_depth,
               MbProblemList *problems)
{
  Scanner scanner = { 0, };
  Scanner *self = &scanner;
  State state = EXPECT_VALUE;
  guint count_before;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  count_before = mb_problem_list_get_count (problems);

  self->data = (const guchar *) data;
  self->len = length;
  self->max_depth = CLAMP (max_depth, 1, MAX_DEPTH_CEILING);
  self->frames = g_new0 (Frame, self->max_depth);
  self->problems = problems;
  self->key = g_string_new (NULL);

  skip_whitespace (self);
  if (self->pos >= self->len)
    {
      mb_problem_list_add (problems, NULL, "%s",
                           length == 0 ? _("the file is empty")
                                       : _("the file holds only white space"));
      self->fatal = TRUE;
    }

  while (!self->fatal)
    {
      skip_whitespace (self);

      if (state == EXPECT_VALUE)
        {
          guchar c;

          if (self->pos >= self->len)
            {
              scanner_unexpected (self, _("a value"));
              break;
            }

          c = self->data[self->pos];
          if (c == '{')
            {
              if (!scanner_push (self, FRAME_OBJECT))
                break;
              skip_whitespace (self);
              if (self->pos < self->len && self->data[self->pos] == '}')
                {
                  scanner_pop (self);
                  state = AFTER_VALUE;
                }
              else
                state = EXPECT_KEY;
            }
          else if (c == '[')
            {
              if (!scanner_push (self, FRAME_ARRAY))
                break;
              skip_whitespace (self);
              if (self->pos < self->len && self->data[self->pos] == ']')
                {
                  scanner_pop (self);
                  state = AFTER_VALUE;
                }
            }
          else if (c == '"')
            {
              scan_string (self, FALSE);
              state = AFTER_VALUE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              scan_number (self);
              state = AFTER_VALUE;
            }
          else
            {
              scan_literal (self);
              state = AFTER_VALUE;
            }
        }
      else if (state == EXPECT_KEY)
        {
          if (self->pos >= self->len || self->data[self->pos] != '"')
            {
              if (self->pos < self->len && self->data[self->pos] == '}')
                scanner_fatal (self, self->pos, _("expected a key, found “}” (a comma too many?)"));
              else
                scanner_unexpected (self, _("a key in double quotes"));
              break;
            }
          scan_string (self, TRUE);
          if (self->fatal)
            break;
          scanner_take_key (self);
          skip_whitespace (self);
          if (self->pos >= self->len || self->data[self->pos] != ':')
            {
              scanner_unexpected (self, _("“:” after the key"));
              break;
            }
          self->pos++;
          state = EXPECT_VALUE;
        }
      else /* AFTER_VALUE */
        {
          Frame *frame;
          guchar c;

          if (self->depth == 0)
            {
              if (self->pos < self->len)
                scanner_fatal (self, self->pos, _("trailing content after the JSON value"));
              break;
            }

          frame = &self->frames[self->depth - 1];
          if (self->pos >= self->len)
            {
              scanner_unexpected (self, frame->kind == FRAME_ARRAY ? _("“,” or “]”")
                                                                   : _("“,” or “}”"));
              break;
            }

          c = self->data[self->pos];
          if (c == ',')
            {
              self->pos++;
              if (frame->kind == FRAME_ARRAY)
                {
                  frame->index++;
                  state = EXPECT_VALUE;
                }
              else
                {
                  frame->key = NULL;
                  state = EXPECT_KEY;
                }
            }
          else if ((frame->kind == FRAME_ARRAY && c == ']') ||
                   (frame->kind == FRAME_OBJECT && c == '}'))
            scanner_pop (self);
          else
            scanner_unexpected (self, frame->kind == FRAME_ARRAY ? _("“,” or “]”")
                                                                 : _("“,” or “}”"));
        }
    }

  for (guint i = 0; i < self->max_depth; i++)
    g_clear_pointer (&self->frames[i].keys, g_hash_table_unref);
  g_free (self->frames);
  g_string_free (self->key, TRUE);

  return mb_problem_list_get_count (problems) == count_before;
}
