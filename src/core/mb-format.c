/* mb-format.c – numbers, amounts, percentages and dates as the UI shows them
 *
 * One rule per locale, for every view: the decimal mark is the locale's
 * (LC_NUMERIC: a comma in Swedish); thousands are grouped by a narrow
 * no-break space where the locale groups by a space (Swedish, as Språkrådet
 * writes numbers), by the locale's own separator otherwise, and by a comma
 * under the C locale, whose English the UI then speaks. A grouped number
 * never breaks across lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-format.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define NARROW_NBSP "\u202f"
#define MINUS_SIGN  "\u2212"

static char *format_number (double      value,
                            const char *decimal_mark,
                            const char *group_mark);

static void
locale_marks (const char **decimal_mark,
              const char **group_mark)
{
  struct lconv *lc = localeconv ();
  const char *point = lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
  const char *sep = lc && lc->thousands_sep ? lc->thousands_sep : "";

  *decimal_mark = point;
  if (g_str_equal (sep, " ") || g_str_equal (sep, "\u00a0") || g_str_equal (sep, "\u2009"))
    *group_mark = NARROW_NBSP;
  else if (*sep != '\0')
    *group_mark = sep;
  else
    *group_mark = g_str_equal (point, ",") ? NARROW_NBSP : ",";
}

/* @digits: ASCII "1234567.25" (no sign) → grouped, with the given marks. */
static void
append_localized (GString    *out,
                  const char *digits,
                  const char *decimal_mark,
                  const char *group_mark)
{
  const char *point = strchr (digits, '.');
  gsize n = point ? (gsize) (point - digits) : strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      /* Four-digit numbers grouped too: Språkrådet asks for it in tables,
       * where they stand next to longer ones. Years never come here. */
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, group_mark);
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL && point[1] != '\0')
    {
      g_string_append (out, decimal_mark);
      g_string_append (out, point + 1);
    }
}

/**
 * mb_format_number:
 * @value: a number
 *
 * @value as the UI shows it: whole numbers without decimals, others with up
 * to two (one from 1000, four below 1), trailing zeros dropped; "–" for NaN.
 *
 * Returns: (transfer full): the text
 */
char *
mb_format_number (double value)
{
  const char *decimal_mark;
  const char *group_mark;

  locale_marks (&decimal_mark, &group_mark);
  return format_number (value, decimal_mark, group_mark);
}

/**
 * mb_format_number_in:
 * @value: a number
 * @language: the language of a document, whatever the UI's
 *
 * @value as mb_format_number() writes it, with @language's marks: "1 234,5"
 * in Swedish, "1,234.5" in English.
 *
 * Returns: (transfer full): the text
 */
char *
mb_format_number_in (double           value,
                     MbPeriodLanguage language)
{
  if (language == MB_PERIOD_LANGUAGE_SWEDISH)
    return format_number (value, ",", NARROW_NBSP);
  return format_number (value, ".", ",");
}

static char *
format_number (double      value,
               const char *decimal_mark,
               const char *group_mark)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 8];
  int decimals;
  GString *out;

  if (!isfinite (value))
    return g_strdup ("–");
  if (fabs (value) >= 1e15)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));

  if (value == floor (value))
    decimals = 0;
  else if (fabs (value) >= 1000)
    decimals = 1;
  else if (fabs (value) >= 1)
    decimals = 2;
  else
    decimals = 4;

  g_snprintf (buffer, sizeof buffer, "%%.%df", decimals);
  {
    g_autofree char *format = g_strdup (buffer);

    g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));
  }
  if (strchr (buffer, '.') != NULL)
    {
      gsize len = strlen (buffer);

      while (len > 0 && buffer[len - 1] == '0')
        buffer[--len] = '\0';
      if (len > 0 && buffer[len - 1] == '.')
        buffer[--len] = '\0';
    }

  out = g_string_new (NULL);
  /* No "−0" for a value that rounds to zero. */
  if (value < 0 && strspn (buffer, "0.") != strlen (buffer))
    g_string_append (out, MINUS_SIGN);
  append_localized (out, buffer, decimal_mark, group_mark);
  return g_string_free (out, FALSE);
}

/**
 * mb_format_number_text:
 * @text: (nullable): a number as stored (ASCII, a decimal point)
 *
 * The stored text as the UI shows it: a number by mb_format_number(), any
 * other text unchanged.
 *
 * Returns: (transfer full): the text
 */
char *
mb_format_number_text (const char *text)
{
  char *end = NULL;
  double d;

  if (text == NULL)
    return g_strdup ("");
  d = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (d))
    return g_strdup (text);
  return mb_format_number (d);
}

/**
 * mb_format_amount:
 * @kronor: an amount in Swedish kronor
 *
 * Returns: (transfer full): the amount in whole kronor with its currency,
 *   "290 000 kr"; "–" for NaN
 */
char *
mb_format_amount (double kronor)
{
  g_autofree char *number = NULL;

  if (!isfinite (kronor))
    return g_strdup ("–");
  number = mb_format_number (round (kronor));
  /* Translators: an amount of money in Swedish kronor; keep the no-break space */
  return g_strdup_printf (_("%s kr"), number);
}

/**
 * mb_format_percent:
 * @fraction: 0.37 for 37 %
 *
 * Returns: (transfer full): a whole percentage, "37 %" in Swedish; "–" for NaN
 */
char *
mb_format_percent (double fraction)
{
  g_autofree char *number = NULL;

  if (!isfinite (fraction))
    return g_strdup ("–");
  number = mb_format_number (round (fraction * 100.0));
  /* Translators: a percentage; Swedish puts a no-break space before the sign */
  return g_strdup_printf (_("%s%%"), number);
}

/**
 * mb_format_date:
 * @iso_date: (nullable): a date as stored, "2024-08-12" (a longer ISO 8601
 *   time is cut to its date)
 *
 * Returns: (transfer full): the date as people of the UI's language write
 *   it, or @iso_date unchanged if it is not a date
 */
char *
mb_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  int y, m, d;
  char tail;

  if (iso_date == NULL)
    return g_strdup ("");
  if (sscanf (iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) < 3
      || strlen (iso_date) < 10 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso_date);

  utc = g_time_zone_new_utc ();
  date = g_date_time_new (utc, y, m, d, 0, 0, 0);
  if (date == NULL)
    return g_strdup (iso_date);
  /* Translators: a date in tables and details (g_date_time_format); Swedish
   * writes dates as 2024-08-12 */
  return g_date_time_format (date, C_("date format", "%-d %b %Y"));
}

/**
 * mb_format_date_time:
 * @iso_time: (nullable): a time as stored, "2026-11-22T18:43:30.123Z"
 *
 * Returns: (transfer full): the local date and time as people of the UI's
 *   language write them, or @iso_time unchanged if it is not a time
 */
char *
mb_format_date_time (const char *iso_time)
{
  g_autoptr(GDateTime) utc = iso_time ? g_date_time_new_from_iso8601 (iso_time, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (iso_time ? iso_time : "");
  /* Translators: a date and time, of a comment (g_date_time_format); Swedish
   * writes 2026-11-22 18:43 */
  return g_date_time_format (local, C_("date and time format", "%-d %b %Y %H:%M"));
}
