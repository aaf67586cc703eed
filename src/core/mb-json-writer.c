/* mb-json-writer.c – deterministic, pretty JSON text, one key per line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "mb-json-writer.h"

#define MAX_DEPTH 64

struct _MbJsonWriter
{
  GString  *out;
  guint     depth;
  gboolean  has_items[MAX_DEPTH];  /* the container at each depth has members */
  gboolean  after_key;             /* the next value follows a key on its line */
};

MbJsonWriter *
mb_json_writer_new (GString *out)
{
  MbJsonWriter *self = g_new0 (MbJsonWriter, 1);

  self->out = out;
  return self;
}

void
mb_json_writer_free (MbJsonWriter *self)
{
  g_free (self);
}

static void
newline_indent (MbJsonWriter *self,
                guint         depth)
{
  /* A new line and two spaces per level, in one append. */
#define SPACES_32 "                                "
  static const char spaces[] = "\n" SPACES_32 SPACES_32 SPACES_32 SPACES_32;
#undef SPACES_32

  G_STATIC_ASSERT (sizeof spaces - 2 == 2 * MAX_DEPTH);
  g_string_append_len (self->out, spaces, 1 + 2 * depth);
}

/* Before any value: a comma and a new line inside an array. */
static void
before_value (MbJsonWriter *self)
{
  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (self->depth > 0)
    {
      if (self->has_items[self->depth - 1])
        g_string_append_c (self->out, ',');
      self->has_items[self->depth - 1] = TRUE;
      newline_indent (self, self->depth);
    }
}

static void
begin (MbJsonWriter *self,
       char          open)
{
  before_value (self);
  g_string_append_c (self->out, open);
  g_return_if_fail (self->depth < MAX_DEPTH);
  self->has_items[self->depth++] = FALSE;
}

static void
end (MbJsonWriter *self,
     char          close)
{
  g_return_if_fail (self->depth > 0);
  if (self->has_items[--self->depth])
    newline_indent (self, self->depth);
  g_string_append_c (self->out, close);
  if (self->depth == 0)
    g_string_append_c (self->out, '\n');
}

void
mb_json_writer_begin_object (MbJsonWriter *self)
{
  begin (self, '{');
}

void
mb_json_writer_end_object (MbJsonWriter *self)
{
  end (self, '}');
}

void
mb_json_writer_begin_array (MbJsonWriter *self)
{
  begin (self, '[');
}

void
mb_json_writer_end_array (MbJsonWriter *self)
{
  end (self, ']');
}

void
mb_json_append_string (GString    *out,
                       const char *value,
                       gssize      length)
{
  static const char hex[] = "0123456789abcdef";
  const char *end = value + (length < 0 ? (gssize) strlen (value) : length);
  const char *run = value;

  g_string_append_c (out, '"');
  for (const char *p = value; p < end; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char u[7];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
          u[4] = hex[c >> 4]; u[5] = hex[c & 0xF]; u[6] = '\0';
          escape = u;
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

void
mb_json_writer_key (MbJsonWriter *self,
                    const char   *key)
{
  before_value (self);
  mb_json_append_string (self->out, key, -1);
  g_string_append (self->out, ": ");
  self->after_key = TRUE;
}

void
mb_json_writer_string (MbJsonWriter *self,
                       const char   *value,
                       gssize        length)
{
  before_value (self);
  mb_json_append_string (self->out, value, length);
}

void
mb_json_writer_int (MbJsonWriter *self,
                    gint64        value)
{
  before_value (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

const char *
mb_json_format_double (char   *buf,
                       double  value)
{
  static const char * const formats[] = {
    "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g", "%.8g", "%.9g",
    "%.10g", "%.11g", "%.12g", "%.13g", "%.14g", "%.15g", "%.16g", "%.17g",
  };
  guint lo = 0, hi = G_N_ELEMENTS (formats) - 1;

  g_return_val_if_fail (isfinite (value), NULL);

  /* Whole numbers as integers ("5000000", not "5e+06"), while they are
   * exact; beyond that the exponent form is shorter and as exact. */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_snprintf (buf, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT, (gint64) value);
      return buf;
    }

  /* Most values have at most 15 significant digits, and then "%.15g" (whose
   * trailing zeros %g drops) is already the shortest form that reads back
   * exactly: a normal value lies within a unit in the 17th digit of its
   * decimal, far from any rounding boundary of the 15th. */
  if (fabs (value) >= DBL_MIN)  /* subnormals have fewer digits of precision */
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);
      if (g_ascii_strtod (buf, NULL) == value)
        return buf;
      lo = 15;
    }

  /* A precision that reads back exactly stays exact at any higher
   * precision, so the shortest one can be found by bisection. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, formats[mid], value);
      if (g_ascii_strtod (buf, NULL) == value)
        hi = mid;
      else
        lo = mid + 1;
    }
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, formats[lo], value);

  return buf;
}

void
mb_json_writer_double (MbJsonWriter *self,
                       double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  before_value (self);
  g_string_append (self->out, mb_json_format_double (buf, value));
}

void
mb_json_writer_boolean (MbJsonWriter *self,
                        gboolean      value)
{
  before_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
mb_json_writer_null (MbJsonWriter *self)
{
  before_value (self);
  g_string_append (self->out, "null");
}
