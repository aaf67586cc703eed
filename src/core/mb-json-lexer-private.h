/* mb-json-lexer-private.h – the JSON lexing shared by the checker and the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mb-json-check.c validates a text strictly and mb-json-reader.c then pulls
 * values out of the same bytes; both decode whitespace, escapes and numbers
 * through these helpers, so the two cannot disagree on what a token means.
 * Every helper is bounded by the length it is given.
 */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

static inline gsize
mb_json_lex_skip_whitespace (const guchar *data,
                             gsize         length,
                             gsize         pos)
{
  while (pos < length)
    {
      guchar c = data[pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      pos++;
    }
  return pos;
}

static inline int
mb_json_lex_hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hexadecimal digits at @pos (after "\u"); advances @pos past them. */
static inline gboolean
mb_json_lex_read_hex4 (const guchar *data,
                       gsize         length,
                       gsize        *pos,
                       gunichar     *out)
{
  gunichar v = 0;

  if (*pos > length || length - *pos < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int h = mb_json_lex_hex_value (data[*pos + i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  *pos += 4;
  *out = v;
  return TRUE;
}

/* The character a one-letter escape ("\n", "\"", …) stands for. */
static inline guchar
mb_json_lex_simple_escape (guchar e)
{
  switch (e)
    {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return e;
    }
}

/* The length of the valid UTF-8 sequence at @p (no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0. */
static inline gsize
mb_json_lex_utf8_length (const guchar *p,
                         gsize         avail)
{
  guchar c = p[0];
  gsize n;
  gunichar cp;

  if (c < 0x80)
    return 1;
  else if (c >= 0xC2 && c <= 0xDF)
    {
      n = 2;
      cp = c & 0x1F;
    }
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      cp = c & 0x0F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      cp = c & 0x07;
    }
  else
    return 0;

  if (avail < n)
    return 0;
  for (gsize i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (p[i] & 0x3F);
    }

  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;

  return n;
}

/* The value of the integer literal @text (@n bytes, an optional "-" and
 * digits). Returns FALSE when it does not fit 64 bits. */
static inline gboolean
mb_json_lex_parse_integer (const guchar *text,
                           gsize         n,
                           gint64       *out)
{
  gboolean negative = n > 0 && text[0] == '-';
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 value = 0;

  for (gsize i = negative ? 1 : 0; i < n; i++)
    {
      guint digit = (guint) (text[i] - '0');

      if (digit > 9 || value > (limit - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  /* -2^63 has no positive counterpart: negate in unsigned arithmetic. */
  *out = negative ? (gint64) (0 - value) : (gint64) value;
  return TRUE;
}

/* The double the number literal @text (@n bytes) reads as; may be infinite. */
static inline double
mb_json_lex_parse_double (const guchar *text,
                          gsize         n)
{
  char small[64];
  char *copy = small;
  double value;

  /* The literal is not NUL-terminated where it stands. */
  if (n >= sizeof small)
    copy = g_malloc (n + 1);
  memcpy (copy, text, n);
  copy[n] = '\0';
  value = g_ascii_strtod (copy, NULL);
  if (copy != small)
    g_free (copy);
  return value;
}

G_END_DECLS
