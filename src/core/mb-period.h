/* mb-period.h – periods with their precision, and time plans as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MB_PERIOD_ERROR (mb_period_error_quark ())

typedef enum
{
  MB_PERIOD_ERROR_SYNTAX,   /* not a period or time plan in any form we read */
  MB_PERIOD_ERROR_RANGE,    /* a year outside 1900–2200, a day that does not exist, … */
  MB_PERIOD_ERROR_ORDER,    /* a range that ends before it starts */
} MbPeriodError;

/* How exact a period is, from the coarsest to the finest. */
typedef enum
{
  MB_PERIOD_NONE = 0,  /* no period: an open end */
  MB_PERIOD_YEAR,      /* 2021 */
  MB_PERIOD_HALF,      /* vt/ht 2023: part 1 = January–June, 2 = July–December */
  MB_PERIOD_SEASON,    /* part 1 = spring (March–May), 2 = summer (June–August),
                        * 3 = autumn (September–November) */
  MB_PERIOD_QUARTER,   /* part 1–4 */
  MB_PERIOD_MONTH,     /* part 1–12 */
  MB_PERIOD_DAY,       /* part = month, day = day of month */
} MbPeriodPrecision;

typedef struct
{
  MbPeriodPrecision precision;
  guint16           year;
  guint8            part;
  guint8            day;
} MbPeriod;

/* What a time plan says of the work's state, as written before its dates
 * ("Pågår, klart 2021"). NONE: the plan says nothing of it. */
typedef enum
{
  MB_PLAN_STATUS_NONE = 0,
  MB_PLAN_STATUS_PLANNED,
  MB_PLAN_STATUS_ONGOING,
  MB_PLAN_STATUS_DONE,
  MB_PLAN_STATUS_PAUSED,
} MbPlanStatus;

/* A time plan: a status, and a start and an end that may each be open
 * (precision NONE). @in_operation: the end is when the work is in operation
 * ("I drift 2022") rather than finished ("klart 2022"). */
typedef struct
{
  MbPlanStatus status;
  MbPeriod     start;
  MbPeriod     end;
  gboolean     in_operation;
} MbTimePlan;

/* The languages periods are read and written in. */
typedef enum
{
  MB_PERIOD_LANGUAGE_ENGLISH,
  MB_PERIOD_LANGUAGE_SWEDISH,
} MbPeriodLanguage;

GQuark           mb_period_error_quark       (void);

/* Reads one period as people write it, in Swedish or English, or in its
 * stored form: "2021", "oktober 2021", "okt. 2021", "October 2021",
 * "2021-10", "5 oktober 2021", "2021-10-05", "vt 2023", "ht 2023",
 * "H1 2023", "första halvåret 2023", "Q3 2021", "kv. 3 2021",
 * "3:e kvartalet 2021", "sommaren 2021", "höst 2021", "autumn 2021".
 * Case, surrounding space and a final full stop do not matter. */
gboolean         mb_period_parse             (const char        *text,
                                              MbPeriod          *period,
                                              GError           **error);
/* The stored form: "2021", "2023-H1", "2021-summer", "2021-Q3", "2021-10",
 * "2021-10-05". A day is an ISO 8601 date, so dates stored before periods
 * had a precision read unchanged. NULL for MB_PERIOD_NONE. */
char            *mb_period_to_string         (const MbPeriod    *period);
/* The period as people write it in @language: "oktober 2021", "vt 2023",
 * "sommaren 2021", "kvartal 3 2021", "5 oktober 2021"; "October 2021",
 * "H1 2023", "summer 2021", "Q3 2021", "5 October 2021". */
char            *mb_period_format            (const MbPeriod    *period,
                                              MbPeriodLanguage   language);
/* The first and the last day of @period. FALSE for MB_PERIOD_NONE. */
gboolean         mb_period_get_first_day     (const MbPeriod    *period,
                                              GDate             *date);
gboolean         mb_period_get_last_day      (const MbPeriod    *period,
                                              GDate             *date);
/* Moves @period by @steps of its own precision (years, half-years,
 * seasons a year at a time, quarters, months, days); FALSE, with @period
 * unchanged, if that leaves the years 1900–2200. */
gboolean         mb_period_shift             (MbPeriod          *period,
                                              int                steps);
/* The period of @precision that holds @date. */
void             mb_period_from_date         (MbPeriod          *period,
                                              MbPeriodPrecision  precision,
                                              const GDate       *date);

/* Orders by first day, then by last day (the coarser period first). */
int              mb_period_compare           (const MbPeriod    *a,
                                              const MbPeriod    *b);

/* Reads a time plan: "Pågår, klart 2021", "Oktober 2021", "I drift 2022",
 * "Sommaren 2021", "Pågår, klart höst 2021", "Mars 2021 – oktober 2021",
 * "från 2022", "Planerad, vt 2024–ht 2025", "Ongoing, done by 2021",
 * "2021–2023". A plan of one period only is an end (when it is to be done).
 * An empty text is an empty plan. On failure the error says what was
 * expected. */
gboolean         mb_time_plan_parse          (const char        *text,
                                              MbTimePlan        *plan,
                                              GError           **error);
/* The plan as people write it in @language, e.g. "Pågår, klart hösten 2021"
 * or "Ongoing, done autumn 2021"; "" for an empty plan. */
char            *mb_time_plan_format         (const MbTimePlan  *plan,
                                              MbPeriodLanguage   language);
/* Reads the end of a plan as the End field takes it: a period, or the
 * period from which the work is in operation ("I drift 2022", "In
 * operation 2022"). An empty text is an open end. On failure the error says
 * what was expected. */
gboolean         mb_time_plan_parse_end      (const char        *text,
                                              MbPeriod          *end,
                                              gboolean          *in_operation,
                                              GError           **error);
/* The end as mb_time_plan_parse_end() reads it back, in @language:
 * "I drift 2022", "In operation 2022", "Oktober 2021"; "" for an open end. */
char            *mb_time_plan_format_end     (const MbPeriod    *end,
                                              gboolean           in_operation,
                                              MbPeriodLanguage   language);
/* Whether the plan's end has passed by @today without the work being done:
 * the last day of the end period is before @today and the status is not
 * done. A plan with an open end is never overdue. */
gboolean         mb_time_plan_is_overdue     (const MbTimePlan  *plan,
                                              const GDate       *today);

/* The language of the user interface: Swedish when the first of the
 * process's language names is Swedish, English otherwise. */
MbPeriodLanguage mb_period_language_for_ui   (void);

G_END_DECLS
