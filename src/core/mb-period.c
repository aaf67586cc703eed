/* mb-period.c – periods with their precision, and time plans as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time plans in a region's documents are written as words ("Pågår, klart
 * 2021", "Oktober 2021", "Sommaren 2021", "vt 2023"), not as dates. A period
 * keeps the precision it was written with, so that it can be shown again the
 * way it was meant, and compared and placed on a time line by its first and
 * last day.
 *
 * The Swedish and English words below are the parser's vocabulary and the
 * formatter's, not user interface text: a report is written in a language
 * of its own choosing, whatever the interface speaks, so they are tables
 * here rather than translatable strings.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-period.h"

G_DEFINE_QUARK (mb-period-error-quark, mb_period_error)

#define MIN_YEAR 1900
#define MAX_YEAR 2200

static const char * const month_names[2][12] = {
  [MB_PERIOD_LANGUAGE_ENGLISH] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  },
  [MB_PERIOD_LANGUAGE_SWEDISH] = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
  },
};

/* Further words for months, lower-case, as people abbreviate them. */
static const struct { const char *word; guint8 month; } month_words[] = {
  { "jan", 1 }, { "feb", 2 }, { "febr", 2 }, { "mar", 3 }, { "march", 3 }, { "apr", 4 },
  { "may", 5 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "sept", 9 },
  { "okt", 10 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
};

static const char * const season_keys[] = { NULL, "spring", "summer", "autumn" };
static const char * const season_names[2][4] = {
  [MB_PERIOD_LANGUAGE_ENGLISH] = { NULL, "spring", "summer", "autumn" },
  [MB_PERIOD_LANGUAGE_SWEDISH] = { NULL, "våren", "sommaren", "hösten" },
};
static const struct { const char *word; guint8 season; } season_words[] = {
  { "våren", 1 }, { "vår", 1 }, { "spring", 1 },
  { "sommaren", 2 }, { "sommar", 2 }, { "summer", 2 },
  { "hösten", 3 }, { "höst", 3 }, { "autumn", 3 }, { "fall", 3 },
};

static const struct { const char *word; guint8 half; } half_words[] = {
  { "vt", 1 }, { "vårtermin", 1 }, { "vårterminen", 1 }, { "h1", 1 },
  { "ht", 2 }, { "hösttermin", 2 }, { "höstterminen", 2 }, { "h2", 2 },
};

/* Ordinals as they stand before "kvartalet", "halvåret", "quarter", "half". */
static const struct { const char *word; guint8 n; } ordinal_words[] = {
  { "1", 1 }, { "1:a", 1 }, { "1:e", 1 }, { "första", 1 }, { "first", 1 }, { "1st", 1 },
  { "2", 2 }, { "2:a", 2 }, { "2:e", 2 }, { "andra", 2 }, { "second", 2 }, { "2nd", 2 },
  { "3", 3 }, { "3:e", 3 }, { "tredje", 3 }, { "third", 3 }, { "3rd", 3 },
  { "4", 4 }, { "4:e", 4 }, { "fjärde", 4 }, { "fourth", 4 }, { "4th", 4 },
};

static const char * const status_names[2][5] = {
  [MB_PERIOD_LANGUAGE_ENGLISH] = { NULL, "Planned", "Ongoing", "Done", "Paused" },
  [MB_PERIOD_LANGUAGE_SWEDISH] = { NULL, "Planerad", "Pågår", "Klar", "Pausad" },
};
static const struct { const char *word; MbPlanStatus status; gboolean needs_comma; } status_words[] = {
  { "pågår", MB_PLAN_STATUS_ONGOING, FALSE },
  { "pågående", MB_PLAN_STATUS_ONGOING, FALSE },
  { "ongoing", MB_PLAN_STATUS_ONGOING, FALSE },
  { "in progress", MB_PLAN_STATUS_ONGOING, FALSE },
  { "planerad", MB_PLAN_STATUS_PLANNED, FALSE },
  { "planerat", MB_PLAN_STATUS_PLANNED, FALSE },
  { "planned", MB_PLAN_STATUS_PLANNED, FALSE },
  { "pausad", MB_PLAN_STATUS_PAUSED, FALSE },
  { "pausat", MB_PLAN_STATUS_PAUSED, FALSE },
  { "vilande", MB_PLAN_STATUS_PAUSED, FALSE },
  { "paused", MB_PLAN_STATUS_PAUSED, FALSE },
  { "on hold", MB_PLAN_STATUS_PAUSED, FALSE },
  /* "Klart 2021" is an end, "Klar, 2021" a status and a period. */
  { "klar", MB_PLAN_STATUS_DONE, TRUE },
  { "klart", MB_PLAN_STATUS_DONE, TRUE },
  { "genomförd", MB_PLAN_STATUS_DONE, TRUE },
  { "genomfört", MB_PLAN_STATUS_DONE, TRUE },
  { "avslutad", MB_PLAN_STATUS_DONE, TRUE },
  { "done", MB_PLAN_STATUS_DONE, TRUE },
  { "completed", MB_PLAN_STATUS_DONE, TRUE },
  { "finished", MB_PLAN_STATUS_DONE, TRUE },
};

/* Words before a period that make it the plan's end, or its start. */
static const char * const end_words[] = {
  "klart", "klar", "färdigt", "färdig", "senast", "done by", "done", "completed by",
  "completed", "complete by", "finished by", "by", "until", "till och med", "t.o.m.",
};
static const char * const operation_words[] = {
  "i drift", "in operation", "operational",
};
static const char * const start_words[] = {
  "från och med", "fr.o.m.", "från", "from", "starting", "start",
};

static gboolean
parse_number (const char *s,
              gsize       len,
              guint       max_digits,
              guint      *value)
{
  guint v = 0;

  if (len == 0 || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (guint) (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

static gboolean
is_year_word (const char *word,
              guint      *year)
{
  return strlen (word) == 4 && parse_number (word, 4, 4, year);
}

static int
month_from_word (const char *word)
{
  g_autofree char *bare = g_strdup (word);
  gsize len = strlen (bare);

  if (len > 0 && bare[len - 1] == '.')
    bare[len - 1] = '\0';
  for (guint lang = 0; lang < 2; lang++)
    for (guint m = 0; m < 12; m++)
      if (g_ascii_strcasecmp (bare, month_names[lang][m]) == 0)
        return (int) m + 1;
  for (guint i = 0; i < G_N_ELEMENTS (month_words); i++)
    if (strcmp (bare, month_words[i].word) == 0)
      return month_words[i].month;
  return 0;
}

static int
ordinal_from_word (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (ordinal_words); i++)
    if (strcmp (word, ordinal_words[i].word) == 0)
      return ordinal_words[i].n;
  return 0;
}

static gboolean
day_exists (guint year,
            guint month,
            guint day)
{
  return day >= 1 && day <= 31 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                                                     (GDateYear) year);
}

static gboolean
set_period (MbPeriod           *period,
            MbPeriodPrecision   precision,
            guint               year,
            guint               part,
            guint               day,
            const char         *text,
            GError            **error)
{
  if (year < MIN_YEAR || year > MAX_YEAR)
    {
      g_set_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_RANGE,
                   _("“%s”: the year must lie between %d and %d"), text, MIN_YEAR, MAX_YEAR);
      return FALSE;
    }
  if (precision == MB_PERIOD_DAY && !day_exists (year, part, day))
    {
      g_set_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_RANGE,
                   _("“%s” is not a day of the calendar"), text);
      return FALSE;
    }
  period->precision = precision;
  period->year = (guint16) year;
  period->part = (guint8) part;
  period->day = (guint8) day;
  return TRUE;
}

static void
set_syntax_error (GError     **error,
                  const char  *text)
{
  g_set_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_SYNTAX,
               _("“%s” is not a period: write a year (2021), a half-year (vt 2023, ht 2023),"
                 " a season (sommaren 2021), a quarter (Q3 2021), a month (oktober 2021)"
                 " or a day (2021-10-05)"), text);
}

/* The stored forms: "2021", "2023-H1", "2021-summer", "2021-Q3", "2021-10",
 * "2021-10-05" (lower-cased by the caller). */
static gboolean
parse_stored (const char  *s,
              const char  *text,
              MbPeriod    *period,
              gboolean    *matched,
              GError     **error)
{
  gsize len = strlen (s);
  guint year, a, b;

  *matched = FALSE;
  if (len < 4 || !parse_number (s, 4, 4, &year) || (len > 4 && s[4] != '-'))
    return FALSE;

  *matched = TRUE;
  if (len == 4)
    return set_period (period, MB_PERIOD_YEAR, year, 0, 0, text, error);
  if (len == 7 && s[5] == 'h' && (s[6] == '1' || s[6] == '2'))
    return set_period (period, MB_PERIOD_HALF, year, (guint) (s[6] - '0'), 0, text, error);
  if (len == 7 && s[5] == 'q' && s[6] >= '1' && s[6] <= '4')
    return set_period (period, MB_PERIOD_QUARTER, year, (guint) (s[6] - '0'), 0, text, error);
  for (guint i = 1; i < G_N_ELEMENTS (season_keys); i++)
    if (strcmp (s + 5, season_keys[i]) == 0)
      return set_period (period, MB_PERIOD_SEASON, year, i, 0, text, error);
  if (len == 7 && parse_number (s + 5, 2, 2, &a) && a >= 1 && a <= 12)
    return set_period (period, MB_PERIOD_MONTH, year, a, 0, text, error);
  if (len == 10 && s[7] == '-' && parse_number (s + 5, 2, 2, &a) && a >= 1 && a <= 12 &&
      parse_number (s + 8, 2, 2, &b))
    return set_period (period, MB_PERIOD_DAY, year, a, b, text, error);

  *matched = FALSE;
  return FALSE;
}

/* Everything before the year, as words: "", "oktober", "5 oktober",
 * "october 5", "vt", "kv 3", "tredje kvartalet", "first half of", … */
static gboolean
parse_words (char       **words,
             guint        n,
             guint        year,
             const char  *text,
             MbPeriod    *period,
             GError     **error)
{
  int month, ord;
  guint day;

  /* "first half of 2023", "third quarter of 2021" */
  if (n > 0 && strcmp (words[n - 1], "of") == 0)
    n--;

  if (n == 0)
    return set_period (period, MB_PERIOD_YEAR, year, 0, 0, text, error);

  if (n == 1)
    {
      const char *w = words[0];

      if ((month = month_from_word (w)) > 0)
        return set_period (period, MB_PERIOD_MONTH, year, (guint) month, 0, text, error);
      for (guint i = 0; i < G_N_ELEMENTS (half_words); i++)
        if (strcmp (w, half_words[i].word) == 0)
          return set_period (period, MB_PERIOD_HALF, year, half_words[i].half, 0, text, error);
      for (guint i = 0; i < G_N_ELEMENTS (season_words); i++)
        if (strcmp (w, season_words[i].word) == 0)
          return set_period (period, MB_PERIOD_SEASON, year, season_words[i].season, 0, text,
                             error);
      /* "q3", "kv3", "kv.3" */
      if ((g_str_has_prefix (w, "q") && (ord = ordinal_from_word (w + 1)) > 0) ||
          (g_str_has_prefix (w, "kv.") && (ord = ordinal_from_word (w + 3)) > 0) ||
          (g_str_has_prefix (w, "kv") && (ord = ordinal_from_word (w + 2)) > 0))
        return set_period (period, MB_PERIOD_QUARTER, year, (guint) ord, 0, text, error);
      return FALSE;
    }

  if (n == 2)
    {
      /* "5 oktober", "october 5", "5. oktober" */
      g_autofree char *first = g_strdup (words[0]);
      gsize flen = strlen (first);

      if (flen > 1 && first[flen - 1] == '.')
        first[flen - 1] = '\0';
      if (parse_number (first, strlen (first), 2, &day) &&
          (month = month_from_word (words[1])) > 0)
        return set_period (period, MB_PERIOD_DAY, year, (guint) month, day, text, error);
      if ((month = month_from_word (words[0])) > 0 &&
          parse_number (words[1], strlen (words[1]), 2, &day))
        return set_period (period, MB_PERIOD_DAY, year, (guint) month, day, text, error);

      /* "kv 3", "kv. 3", "kvartal 3", "quarter 3", "q 3" */
      if ((strcmp (words[0], "kv") == 0 || strcmp (words[0], "kv.") == 0 ||
           strcmp (words[0], "kvartal") == 0 || strcmp (words[0], "quarter") == 0 ||
           strcmp (words[0], "q") == 0) &&
          (ord = ordinal_from_word (words[1])) > 0)
        return set_period (period, MB_PERIOD_QUARTER, year, (guint) ord, 0, text, error);
      /* "tredje kvartalet", "3:e kvartalet", "third quarter" */
      if ((strcmp (words[1], "kvartalet") == 0 || strcmp (words[1], "kvartal") == 0 ||
           strcmp (words[1], "quarter") == 0) &&
          (ord = ordinal_from_word (words[0])) > 0)
        return set_period (period, MB_PERIOD_QUARTER, year, (guint) ord, 0, text, error);
      /* "första halvåret", "second half", "halvår 2" */
      if ((strcmp (words[1], "halvåret") == 0 || strcmp (words[1], "halvår") == 0 ||
           strcmp (words[1], "half") == 0) &&
          (ord = ordinal_from_word (words[0])) > 0 && ord <= 2)
        return set_period (period, MB_PERIOD_HALF, year, (guint) ord, 0, text, error);
      if (strcmp (words[0], "halvår") == 0 && (ord = ordinal_from_word (words[1])) > 0 &&
          ord <= 2)
        return set_period (period, MB_PERIOD_HALF, year, (guint) ord, 0, text, error);
    }

  return FALSE;
}

/* Lower-cases, trims, folds runs of white space (a no-break space too) to
 * one space and drops a final full stop. */
static char *
normalize (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

gboolean
mb_period_parse (const char  *text,
                 MbPeriod    *period,
                 GError     **error)
{
  g_autofree char *s = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) local_error = NULL;
  MbPeriod result = { 0 };
  gboolean matched;
  guint n, year;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  s = normalize (text);
  if (parse_stored (s, text, &result, &matched, &local_error))
    {
      *period = result;
      return TRUE;
    }
  if (matched)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* "October 5, 2021": a comma only separates. */
  g_strdelimit (s, ",", ' ');
  words = g_strsplit (s, " ", -1);
  n = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        char *w = words[i];

        words[i] = NULL;
        words[n++] = w;
      }
    else
      g_free (g_steal_pointer (&words[i]));
  words[n] = NULL;

  if (n == 0 || !is_year_word (words[n - 1], &year) ||
      !parse_words (words, n - 1, year, text, &result, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_syntax_error (error, text);
      return FALSE;
    }

  *period = result;
  return TRUE;
}

char *
mb_period_to_string (const MbPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->precision)
    {
    case MB_PERIOD_YEAR:
      return g_strdup_printf ("%04u", period->year);
    case MB_PERIOD_HALF:
      return g_strdup_printf ("%04u-H%u", period->year, period->part);
    case MB_PERIOD_SEASON:
      return g_strdup_printf ("%04u-%s", period->year, season_keys[period->part]);
    case MB_PERIOD_QUARTER:
      return g_strdup_printf ("%04u-Q%u", period->year, period->part);
    case MB_PERIOD_MONTH:
      return g_strdup_printf ("%04u-%02u", period->year, period->part);
    case MB_PERIOD_DAY:
      return g_strdup_printf ("%04u-%02u-%02u", period->year, period->part, period->day);
    case MB_PERIOD_NONE:
    default:
      return NULL;
    }
}

char *
mb_period_format (const MbPeriod   *period,
                  MbPeriodLanguage  language)
{
  gboolean sv = language == MB_PERIOD_LANGUAGE_SWEDISH;

  g_return_val_if_fail (period != NULL, NULL);

  switch (period->precision)
    {
    case MB_PERIOD_YEAR:
      return g_strdup_printf ("%u", period->year);
    case MB_PERIOD_HALF:
      if (sv)
        return g_strdup_printf ("%s %u", period->part == 1 ? "vt" : "ht", period->year);
      return g_strdup_printf ("H%u %u", period->part, period->year);
    case MB_PERIOD_SEASON:
      return g_strdup_printf ("%s %u", season_names[language][period->part], period->year);
    case MB_PERIOD_QUARTER:
      if (sv)
        return g_strdup_printf ("kvartal %u %u", period->part, period->year);
      return g_strdup_printf ("Q%u %u", period->part, period->year);
    case MB_PERIOD_MONTH:
      return g_strdup_printf ("%s %u", month_names[language][period->part - 1], period->year);
    case MB_PERIOD_DAY:
      return g_strdup_printf ("%u %s %u", period->day, month_names[language][period->part - 1],
                              period->year);
    case MB_PERIOD_NONE:
    default:
      return g_strdup ("");
    }
}

/* The period's first and last month, and for a day its day. */
static void
month_range (const MbPeriod *period,
             guint          *first,
             guint          *last)
{
  switch (period->precision)
    {
    case MB_PERIOD_HALF:
      *first = period->part == 1 ? 1 : 7;
      *last = *first + 5;
      return;
    case MB_PERIOD_SEASON:
      *first = 3 * period->part;
      *last = *first + 2;
      return;
    case MB_PERIOD_QUARTER:
      *first = 3 * (period->part - 1u) + 1;
      *last = *first + 2;
      return;
    case MB_PERIOD_MONTH:
    case MB_PERIOD_DAY:
      *first = *last = period->part;
      return;
    case MB_PERIOD_YEAR:
    case MB_PERIOD_NONE:
    default:
      *first = 1;
      *last = 12;
      return;
    }
}

gboolean
mb_period_get_first_day (const MbPeriod *period,
                         GDate          *date)
{
  guint first, last;

  g_return_val_if_fail (period != NULL && date != NULL, FALSE);
  if (period->precision == MB_PERIOD_NONE)
    return FALSE;
  month_range (period, &first, &last);
  g_date_clear (date, 1);
  g_date_set_dmy (date, period->precision == MB_PERIOD_DAY ? period->day : 1,
                  (GDateMonth) first, period->year);
  return TRUE;
}

gboolean
mb_period_get_last_day (const MbPeriod *period,
                        GDate          *date)
{
  guint first, last;

  g_return_val_if_fail (period != NULL && date != NULL, FALSE);
  if (period->precision == MB_PERIOD_NONE)
    return FALSE;
  month_range (period, &first, &last);
  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  period->precision == MB_PERIOD_DAY
                    ? period->day
                    : g_date_get_days_in_month ((GDateMonth) last, period->year),
                  (GDateMonth) last, period->year);
  return TRUE;
}

gboolean
mb_period_shift (MbPeriod *period,
                 int       steps)
{
  MbPeriod moved = *period;
  int year = period->year, index;

  g_return_val_if_fail (period != NULL, FALSE);

  switch (period->precision)
    {
    case MB_PERIOD_YEAR:
    case MB_PERIOD_SEASON:
      year += steps;
      break;
    case MB_PERIOD_HALF:
    case MB_PERIOD_QUARTER:
    case MB_PERIOD_MONTH:
      {
        int per_year = period->precision == MB_PERIOD_HALF ? 2
                     : period->precision == MB_PERIOD_QUARTER ? 4 : 12;

        index = year * per_year + (period->part - 1) + steps;
        year = index / per_year;
        moved.part = (guint8) (index % per_year + 1);
      }
      break;
    case MB_PERIOD_DAY:
      {
        GDate date;

        mb_period_get_first_day (period, &date);
        if (steps >= 0)
          g_date_add_days (&date, (guint) steps);
        else
          g_date_subtract_days (&date, (guint) -steps);
        year = g_date_get_year (&date);
        moved.part = (guint8) g_date_get_month (&date);
        moved.day = (guint8) g_date_get_day (&date);
      }
      break;
    case MB_PERIOD_NONE:
    default:
      return steps == 0;
    }
  if (year < MIN_YEAR || year > MAX_YEAR)
    return FALSE;
  moved.year = (guint16) year;
  *period = moved;
  return TRUE;
}

void
mb_period_from_date (MbPeriod          *period,
                     MbPeriodPrecision  precision,
                     const GDate       *date)
{
  guint month = g_date_get_month (date);

  period->precision = precision;
  period->year = (guint16) g_date_get_year (date);
  period->day = 0;
  switch (precision)
    {
    case MB_PERIOD_HALF:
      period->part = month <= 6 ? 1 : 2;
      break;
    case MB_PERIOD_SEASON:
      /* Winter has no season of its own here: December goes to autumn,
       * January and February to spring. */
      period->part = (guint8) CLAMP ((month) / 3, 1, 3);
      break;
    case MB_PERIOD_QUARTER:
      period->part = (guint8) ((month - 1) / 3 + 1);
      break;
    case MB_PERIOD_MONTH:
      period->part = (guint8) month;
      break;
    case MB_PERIOD_DAY:
      period->part = (guint8) month;
      period->day = (guint8) g_date_get_day (date);
      break;
    case MB_PERIOD_YEAR:
    case MB_PERIOD_NONE:
    default:
      period->part = 0;
      break;
    }
}

int
mb_period_compare (const MbPeriod *a,
                   const MbPeriod *b)
{
  GDate a1, b1, a2, b2;
  int c;

  if (a->precision == MB_PERIOD_NONE || b->precision == MB_PERIOD_NONE)
    return (a->precision != MB_PERIOD_NONE) - (b->precision != MB_PERIOD_NONE);
  mb_period_get_first_day (a, &a1);
  mb_period_get_first_day (b, &b1);
  if ((c = g_date_compare (&a1, &b1)) != 0)
    return c;
  mb_period_get_last_day (a, &a2);
  mb_period_get_last_day (b, &b2);
  return -g_date_compare (&a2, &b2);
}

/* Time plans */

/* If @s starts with one of @words followed by a space (or, when
 * @whole_allowed, the end), returns what follows it. */
static const char *
skip_word (const char         *s,
           const char * const *words,
           gsize               n_words,
           gboolean            whole_allowed)
{
  for (gsize i = 0; i < n_words; i++)
    {
      gsize len = strlen (words[i]);

      if (strncmp (s, words[i], len) != 0)
        continue;
      if (s[len] == ' ')
        return s + len + 1;
      if (s[len] == '\0' && whole_allowed)
        return s + len;
    }
  return NULL;
}

static void
set_plan_syntax_error (GError     **error,
                       const char  *text)
{
  g_set_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_SYNTAX,
               _("“%s” is not a time plan: write a period such as “oktober 2021” or"
                 " “vt 2023”, a range such as “mars 2021 – oktober 2021”, or a status and"
                 " an end such as “Pågår, klart 2021”"), text);
}

/* Splits "A – B", "A — B", "A - B", "A till B", "A to B", "2021-2023" into
 * its two ends; FALSE if @s is no range. */
static gboolean
split_range (const char  *s,
             char       **from,
             char       **to)
{
  static const char * const separators[] = {
    "\u2013", "\u2014", " - ", " till ", " to ", " until ", " tills ",
  };
  guint y1, y2;

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *at = strstr (s, separators[i]);

      if (at != NULL)
        {
          *from = g_strstrip (g_strndup (s, (gsize) (at - s)));
          *to = g_strstrip (g_strdup (at + strlen (separators[i])));
          return TRUE;
        }
    }
  /* "2021-2023": years, unlike the stored month "2021-10". */
  if (strlen (s) == 9 && s[4] == '-' && parse_number (s, 4, 4, &y1) &&
      parse_number (s + 5, 4, 4, &y2))
    {
      *from = g_strndup (s, 4);
      *to = g_strdup (s + 5);
      return TRUE;
    }
  return FALSE;
}

gboolean
mb_time_plan_parse (const char  *text,
                    MbTimePlan  *plan,
                    GError     **error)
{
  g_autofree char *s = NULL;
  g_autoptr(GError) local_error = NULL;
  MbTimePlan result = { 0 };
  const char *rest;
  const char *after;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  s = normalize (text);
  rest = s;

  /* A status first: "Pågår, …", "Pågår klart 2021", "Klar, 2021", "Pågår". */
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    {
      gsize len = strlen (status_words[i].word);

      if (strncmp (rest, status_words[i].word, len) != 0)
        continue;
      if (rest[len] == '\0' || rest[len] == ',' ||
          (rest[len] == ' ' && !status_words[i].needs_comma))
        {
          result.status = status_words[i].status;
          rest += len;
          if (*rest == ',')
            rest++;
          while (*rest == ' ')
            rest++;
          break;
        }
    }

  if (*rest == '\0')
    {
      *plan = result;
      return TRUE;
    }

  if ((after = skip_word (rest, operation_words, G_N_ELEMENTS (operation_words), FALSE)))
    {
      result.in_operation = TRUE;
      if (!mb_period_parse (after, &result.end, &local_error))
        goto fail;
    }
  else if ((after = skip_word (rest, end_words, G_N_ELEMENTS (end_words), FALSE)))
    {
      if (!mb_period_parse (after, &result.end, &local_error))
        goto fail;
    }
  else if ((after = skip_word (rest, start_words, G_N_ELEMENTS (start_words), FALSE)))
    {
      if (!mb_period_parse (after, &result.start, &local_error))
        goto fail;
    }
  else
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (split_range (rest, &from, &to))
        {
          const char *to_period = to;

          /* "mars 2021 – i drift 2022" */
          if ((after = skip_word (to, operation_words, G_N_ELEMENTS (operation_words), FALSE)))
            {
              result.in_operation = TRUE;
              to_period = after;
            }
          if (!mb_period_parse (from, &result.start, &local_error) ||
              !mb_period_parse (to_period, &result.end, &local_error))
            goto fail;
          if (mb_period_compare (&result.start, &result.end) > 0)
            {
              GDate a, b;

              mb_period_get_first_day (&result.start, &a);
              mb_period_get_last_day (&result.end, &b);
              if (g_date_compare (&a, &b) > 0)
                {
                  g_set_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_ORDER,
                               _("“%s” ends before it starts"), text);
                  return FALSE;
                }
            }
        }
      else if (!mb_period_parse (rest, &result.end, &local_error))
        goto fail;
    }

  *plan = result;
  return TRUE;

fail:
  if (local_error != NULL && local_error->code == MB_PERIOD_ERROR_RANGE)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_plan_syntax_error (error, text);
  return FALSE;
}

gboolean
mb_time_plan_parse_end (const char  *text,
                        MbPeriod    *end,
                        gboolean    *in_operation,
                        GError     **error)
{
  g_autofree char *s = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *after;
  MbPeriod period = { 0 };
  gboolean operation = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (end != NULL && in_operation != NULL, FALSE);

  s = normalize (text);
  after = s;
  if (*s != '\0' &&
      (after = skip_word (s, operation_words, G_N_ELEMENTS (operation_words), FALSE)) != NULL)
    operation = TRUE;
  else
    after = s;

  if (*after != '\0' && !mb_period_parse (after, &period, &local_error))
    {
      if (local_error->code == MB_PERIOD_ERROR_RANGE)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_SYNTAX,
                     _("“%s” is not an end: write a period such as “oktober 2021” or"
                       " “vt 2023”, or when the work is in operation, such as"
                       " “I drift 2022”"), text);
      return FALSE;
    }
  *end = period;
  *in_operation = operation && period.precision != MB_PERIOD_NONE;
  return TRUE;
}

char *
mb_time_plan_format_end (const MbPeriod   *end,
                         gboolean          in_operation,
                         MbPeriodLanguage  language)
{
  MbTimePlan plan = { 0 };

  g_return_val_if_fail (end != NULL, NULL);

  plan.end = *end;
  plan.in_operation = in_operation;
  return mb_time_plan_format (&plan, language);
}

static void
capitalize_first (GString *s)
{
  gunichar c;
  char buf[6];
  int n;

  if (s->len == 0)
    return;
  c = g_utf8_get_char (s->str);
  n = g_unichar_to_utf8 (g_unichar_totitle (c), buf);
  g_string_erase (s, 0, g_utf8_next_char (s->str) - s->str);
  g_string_insert_len (s, 0, buf, n);
}

char *
mb_time_plan_format (const MbTimePlan *plan,
                     MbPeriodLanguage  language)
{
  gboolean sv = language == MB_PERIOD_LANGUAGE_SWEDISH;
  gboolean has_start, has_end;
  GString *out = g_string_new (NULL);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  has_start = plan->start.precision != MB_PERIOD_NONE;
  has_end = plan->end.precision != MB_PERIOD_NONE;
  start = mb_period_format (&plan->start, language);
  end = mb_period_format (&plan->end, language);

  if (plan->status != MB_PLAN_STATUS_NONE)
    {
      g_string_append (out, status_names[language][plan->status]);
      if (has_start || has_end)
        g_string_append (out, ", ");
    }

  if (has_start && has_end && plan->in_operation)
    g_string_append_printf (out, "%s \u2013 %s %s", start, sv ? "i drift" : "in operation", end);
  else if (has_start && has_end)
    g_string_append_printf (out, "%s \u2013 %s", start, end);
  else if (has_start)
    g_string_append_printf (out, "%s %s", sv ? "från" : "from", start);
  else if (has_end && plan->in_operation)
    g_string_append_printf (out, "%s %s", sv ? "i drift" : "in operation", end);
  else if (has_end && plan->status != MB_PLAN_STATUS_NONE &&
           plan->status != MB_PLAN_STATUS_DONE)
    g_string_append_printf (out, "%s %s", sv ? "klart" : "done by", end);
  else if (has_end)
    g_string_append (out, end);

  capitalize_first (out);
  return g_string_free (out, FALSE);
}

gboolean
mb_time_plan_is_overdue (const MbTimePlan *plan,
                         const GDate      *today)
{
  GDate last;

  g_return_val_if_fail (plan != NULL && today != NULL, FALSE);

  if (plan->status == MB_PLAN_STATUS_DONE ||
      !mb_period_get_last_day (&plan->end, &last))
    return FALSE;
  return g_date_compare (&last, today) < 0;
}

MbPeriodLanguage
mb_period_language_for_ui (void)
{
  const char * const *names = g_get_language_names ();

  /* The first name is the most specific one the user asked for. */
  if (names[0] != NULL && (g_str_has_prefix (names[0], "sv_") ||
                           strcmp (names[0], "sv") == 0))
    return MB_PERIOD_LANGUAGE_SWEDISH;
  return MB_PERIOD_LANGUAGE_ENGLISH;
}
