/* test-period.c – periods with their precision, and time plans as people write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <locale.h>
#include <string.h>

#include "mb-assessment.h"
#include "mb-period.h"

typedef struct
{
  const char *text;
  const char *stored;
  const char *swedish;
  const char *english;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { "2021", "2021", "2021", "2021" },
  { "oktober 2021", "2021-10", "oktober 2021", "October 2021" },
  { "Oktober 2021", "2021-10", "oktober 2021", "October 2021" },
  { "okt. 2021", "2021-10", "oktober 2021", "October 2021" },
  { "October 2021", "2021-10", "oktober 2021", "October 2021" },
  { "2021-10", "2021-10", "oktober 2021", "October 2021" },
  { "5 oktober 2021", "2021-10-05", "5 oktober 2021", "5 October 2021" },
  { "October 5, 2021", "2021-10-05", "5 oktober 2021", "5 October 2021" },
  { "2021-10-05", "2021-10-05", "5 oktober 2021", "5 October 2021" },
  { "vt 2023", "2023-H1", "vt 2023", "H1 2023" },
  { "ht 2023", "2023-H2", "ht 2023", "H2 2023" },
  { "HT 2023", "2023-H2", "ht 2023", "H2 2023" },
  { "H1 2023", "2023-H1", "vt 2023", "H1 2023" },
  { "första halvåret 2023", "2023-H1", "vt 2023", "H1 2023" },
  { "second half of 2023", "2023-H2", "ht 2023", "H2 2023" },
  { "2023-H1", "2023-H1", "vt 2023", "H1 2023" },
  { "Sommaren 2021", "2021-summer", "sommaren 2021", "summer 2021" },
  { "höst 2021", "2021-autumn", "hösten 2021", "autumn 2021" },
  { "hösten 2021", "2021-autumn", "hösten 2021", "autumn 2021" },
  { "Spring 2024", "2024-spring", "våren 2024", "spring 2024" },
  { "fall 2024", "2024-autumn", "hösten 2024", "autumn 2024" },
  { "Q3 2021", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "kv. 3 2021", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "kv3 2021", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "3:e kvartalet 2021", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "tredje kvartalet 2021", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "third quarter of 2021", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "  2021-q3 ", "2021-Q3", "kvartal 3 2021", "Q3 2021" },
  { "mars\u00a02021.", "2021-03", "mars 2021", "March 2021" },
};

static void
test_period_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      const PeriodCase *c = &period_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *sv = NULL;
      g_autofree char *en = NULL;
      MbPeriod period, again;

      g_test_message ("%s", c->text);
      g_assert_true (mb_period_parse (c->text, &period, &error));
      g_assert_no_error (error);
      stored = mb_period_to_string (&period);
      sv = mb_period_format (&period, MB_PERIOD_LANGUAGE_SWEDISH);
      en = mb_period_format (&period, MB_PERIOD_LANGUAGE_ENGLISH);
      g_assert_cmpstr (stored, ==, c->stored);
      g_assert_cmpstr (sv, ==, c->swedish);
      g_assert_cmpstr (en, ==, c->english);

      /* What is shown and what is stored read back as the same period. */
      g_assert_true (mb_period_parse (sv, &again, NULL));
      g_assert_cmpint (mb_period_compare (&period, &again), ==, 0);
      g_assert_cmpint (again.precision, ==, period.precision);
      g_assert_true (mb_period_parse (en, &again, NULL));
      g_assert_cmpint (again.precision, ==, period.precision);
      g_assert_true (mb_period_parse (stored, &again, NULL));
      g_assert_cmpint (again.precision, ==, period.precision);
    }
}

static void
test_period_refuse (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", MB_PERIOD_ERROR_SYNTAX },
    { "soon", MB_PERIOD_ERROR_SYNTAX },
    { "2021garbage", MB_PERIOD_ERROR_SYNTAX },
    { "oktober", MB_PERIOD_ERROR_SYNTAX },
    { "13 2021", MB_PERIOD_ERROR_SYNTAX },
    { "2021-13", MB_PERIOD_ERROR_SYNTAX },
    { "Q5 2021", MB_PERIOD_ERROR_SYNTAX },
    { "tredje halvåret 2021", MB_PERIOD_ERROR_SYNTAX },
    { "vinter 2021", MB_PERIOD_ERROR_SYNTAX },
    { "1899", MB_PERIOD_ERROR_RANGE },
    { "oktober 2201", MB_PERIOD_ERROR_RANGE },
    { "2021-02-30", MB_PERIOD_ERROR_RANGE },
    { "31 april 2021", MB_PERIOD_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MbPeriod period = { 0 };

      g_test_message ("%s", cases[i].text);
      g_assert_false (mb_period_parse (cases[i].text, &period, &error));
      g_assert_error (error, MB_PERIOD_ERROR, cases[i].code);
      /* The message quotes what was written, so the user sees which. */
      g_assert_nonnull (strstr (error->message, cases[i].text));
      g_assert_cmpint (period.precision, ==, MB_PERIOD_NONE);
    }
}

static void
assert_days (const char *text,
             const char *first,
             const char *last)
{
  MbPeriod period;
  GDate date;
  char buf[16];

  g_assert_true (mb_period_parse (text, &period, NULL));
  g_assert_true (mb_period_get_first_day (&period, &date));
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  g_assert_cmpstr (buf, ==, first);
  g_assert_true (mb_period_get_last_day (&period, &date));
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  g_assert_cmpstr (buf, ==, last);
}

static void
test_period_days (void)
{
  MbPeriod none = { 0 };
  GDate date;

  assert_days ("2021", "2021-01-01", "2021-12-31");
  assert_days ("vt 2023", "2023-01-01", "2023-06-30");
  assert_days ("ht 2023", "2023-07-01", "2023-12-31");
  assert_days ("våren 2024", "2024-03-01", "2024-05-31");
  assert_days ("sommaren 2021", "2021-06-01", "2021-08-31");
  assert_days ("hösten 2021", "2021-09-01", "2021-11-30");
  assert_days ("Q1 2024", "2024-01-01", "2024-03-31");
  assert_days ("Q4 2024", "2024-10-01", "2024-12-31");
  assert_days ("februari 2024", "2024-02-01", "2024-02-29");
  assert_days ("februari 2023", "2023-02-01", "2023-02-28");
  assert_days ("2021-10-05", "2021-10-05", "2021-10-05");
  g_assert_false (mb_period_get_first_day (&none, &date));
  g_assert_false (mb_period_get_last_day (&none, &date));
}

static void
test_period_compare (void)
{
  MbPeriod a, b;

  g_assert_true (mb_period_parse ("2021", &a, NULL));
  g_assert_true (mb_period_parse ("januari 2021", &b, NULL));
  /* Same first day: the coarser, longer one first. */
  g_assert_cmpint (mb_period_compare (&a, &b), <, 0);
  g_assert_cmpint (mb_period_compare (&b, &a), >, 0);
  g_assert_true (mb_period_parse ("ht 2020", &a, NULL));
  g_assert_cmpint (mb_period_compare (&a, &b), <, 0);
}

static void
assert_shift (const char *text,
              int         steps,
              const char *expected)
{
  MbPeriod period;
  g_autofree char *stored = NULL;

  g_assert_true (mb_period_parse (text, &period, NULL));
  g_assert_true (mb_period_shift (&period, steps));
  stored = mb_period_to_string (&period);
  g_assert_cmpstr (stored, ==, expected);
}

static void
test_period_shift (void)
{
  MbPeriod period;
  GDate date;
  g_autofree char *stored = NULL;

  assert_shift ("oktober 2021", 1, "2021-11");
  assert_shift ("december 2021", 1, "2022-01");
  assert_shift ("januari 2022", -1, "2021-12");
  assert_shift ("Q4 2021", 2, "2022-Q2");
  assert_shift ("vt 2023", 1, "2023-H2");
  assert_shift ("ht 2023", -3, "2022-H1");
  assert_shift ("sommaren 2021", 2, "2023-summer");
  assert_shift ("2021", -5, "2016");
  assert_shift ("2021-12-31", 1, "2022-01-01");
  assert_shift ("2021-03-01", -1, "2021-02-28");
  g_assert_true (mb_period_parse ("2200", &period, NULL));
  g_assert_false (mb_period_shift (&period, 1));
  g_assert_cmpuint (period.year, ==, 2200);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, G_DATE_NOVEMBER, 2021);
  mb_period_from_date (&period, MB_PERIOD_MONTH, &date);
  stored = mb_period_to_string (&period);
  g_assert_cmpstr (stored, ==, "2021-11");
  g_clear_pointer (&stored, g_free);
  mb_period_from_date (&period, MB_PERIOD_SEASON, &date);
  stored = mb_period_to_string (&period);
  g_assert_cmpstr (stored, ==, "2021-autumn");
  g_clear_pointer (&stored, g_free);
  mb_period_from_date (&period, MB_PERIOD_QUARTER, &date);
  stored = mb_period_to_string (&period);
  g_assert_cmpstr (stored, ==, "2021-Q4");
}

typedef struct
{
  const char  *text;
  MbPlanStatus status;
  const char  *start;
  const char  *end;
  gboolean     in_operation;
  const char  *swedish;
  const char  *english;
} PlanCase;

/* The first five are the seeds' table "Utvecklad styrning", as written. */
static const PlanCase plan_cases[] = {
  { "Pågår, klart 2021", MB_PLAN_STATUS_ONGOING, NULL, "2021", FALSE,
    "Pågår, klart 2021", "Ongoing, done by 2021" },
  { "Oktober 2021", MB_PLAN_STATUS_NONE, NULL, "2021-10", FALSE,
    "Oktober 2021", "October 2021" },
  { "I drift 2022.", MB_PLAN_STATUS_NONE, NULL, "2022", TRUE,
    "I drift 2022", "In operation 2022" },
  { "Sommaren 2021", MB_PLAN_STATUS_NONE, NULL, "2021-summer", FALSE,
    "Sommaren 2021", "Summer 2021" },
  { "Pågår, klart höst\n2021", MB_PLAN_STATUS_ONGOING, NULL, "2021-autumn", FALSE,
    "Pågår, klart hösten 2021", "Ongoing, done by autumn 2021" },
  { "Mars 2021 – Oktober 2021", MB_PLAN_STATUS_NONE, "2021-03", "2021-10", FALSE,
    "Mars 2021 – oktober 2021", "March 2021 – October 2021" },
  { "2021-2023", MB_PLAN_STATUS_NONE, "2021", "2023", FALSE,
    "2021 – 2023", "2021 – 2023" },
  { "Planerad, vt 2024 - ht 2025", MB_PLAN_STATUS_PLANNED, "2024-H1", "2025-H2", FALSE,
    "Planerad, vt 2024 – ht 2025", "Planned, H1 2024 – H2 2025" },
  { "från 2022", MB_PLAN_STATUS_NONE, "2022", NULL, FALSE, "Från 2022", "From 2022" },
  { "Ongoing, done by autumn 2021", MB_PLAN_STATUS_ONGOING, NULL, "2021-autumn", FALSE,
    "Pågår, klart hösten 2021", "Ongoing, done by autumn 2021" },
  { "Klar, oktober 2021", MB_PLAN_STATUS_DONE, NULL, "2021-10", FALSE,
    "Klar, oktober 2021", "Done, October 2021" },
  { "Pausad", MB_PLAN_STATUS_PAUSED, NULL, NULL, FALSE, "Pausad", "Paused" },
  { "Planerad, i drift 2022", MB_PLAN_STATUS_PLANNED, NULL, "2022", TRUE,
    "Planerad, i drift 2022", "Planned, in operation 2022" },
  { "mars 2021 – i drift 2022", MB_PLAN_STATUS_NONE, "2021-03", "2022", TRUE,
    "Mars 2021 – i drift 2022", "March 2021 – in operation 2022" },
  { "", MB_PLAN_STATUS_NONE, NULL, NULL, FALSE, "", "" },
};

static void
test_plan_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      const PlanCase *c = &plan_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *sv = NULL;
      g_autofree char *en = NULL;
      MbTimePlan plan, again;

      g_test_message ("%s", c->text);
      g_assert_true (mb_time_plan_parse (c->text, &plan, &error));
      g_assert_no_error (error);
      g_assert_cmpint (plan.status, ==, c->status);
      start = mb_period_to_string (&plan.start);
      end = mb_period_to_string (&plan.end);
      g_assert_cmpstr (start, ==, c->start);
      g_assert_cmpstr (end, ==, c->end);
      g_assert_cmpint (plan.in_operation, ==, c->in_operation);

      sv = mb_time_plan_format (&plan, MB_PERIOD_LANGUAGE_SWEDISH);
      en = mb_time_plan_format (&plan, MB_PERIOD_LANGUAGE_ENGLISH);
      g_assert_cmpstr (sv, ==, c->swedish);
      g_assert_cmpstr (en, ==, c->english);

      /* What is shown reads back as the same plan, in both languages. */
      for (guint lang = 0; lang < 2; lang++)
        {
          g_assert_true (mb_time_plan_parse (lang ? sv : en, &again, NULL));
          g_assert_cmpint (again.status, ==, plan.status);
          g_assert_cmpint (again.in_operation, ==, plan.in_operation);
          g_assert_cmpint (mb_period_compare (&again.start, &plan.start), ==, 0);
          g_assert_cmpint (mb_period_compare (&again.end, &plan.end), ==, 0);
        }
    }
}

static void
test_plan_refuse (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "Pågår, klart snart", MB_PERIOD_ERROR_SYNTAX },
    { "när det passar", MB_PERIOD_ERROR_SYNTAX },
    { "oktober 2021 – mars 2021", MB_PERIOD_ERROR_ORDER },
    { "2023-2021", MB_PERIOD_ERROR_ORDER },
    { "klart 2300", MB_PERIOD_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MbTimePlan plan;

      g_test_message ("%s", cases[i].text);
      g_assert_false (mb_time_plan_parse (cases[i].text, &plan, &error));
      g_assert_error (error, MB_PERIOD_ERROR, cases[i].code);
    }
}

/* The End field: a period, or the period from which the work is in
 * operation, and back as written in the UI's language. */
static void
test_plan_end (void)
{
  static const struct {
    const char *text;
    const char *end;
    gboolean    in_operation;
    const char *swedish;
    const char *english;
  } cases[] = {
    { "I drift 2022", "2022", TRUE, "I drift 2022", "In operation 2022" },
    { "  in operation  ht 2023. ", "2023-H2", TRUE, "I drift ht 2023", "In operation H2 2023" },
    { "Operational October 2021", "2021-10", TRUE, "I drift oktober 2021",
      "In operation October 2021" },
    { "oktober 2021", "2021-10", FALSE, "Oktober 2021", "October 2021" },
    { "2021-10-05", "2021-10-05", FALSE, "5 oktober 2021", "5 October 2021" },
    { "", NULL, FALSE, "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *sv = NULL;
      g_autofree char *en = NULL;
      MbPeriod end, again;
      gboolean operation = !cases[i].in_operation, operation_again;

      g_test_message ("%s", cases[i].text);
      g_assert_true (mb_time_plan_parse_end (cases[i].text, &end, &operation, &error));
      g_assert_no_error (error);
      stored = mb_period_to_string (&end);
      g_assert_cmpstr (stored, ==, cases[i].end);
      g_assert_cmpint (operation, ==, cases[i].in_operation);
      sv = mb_time_plan_format_end (&end, operation, MB_PERIOD_LANGUAGE_SWEDISH);
      en = mb_time_plan_format_end (&end, operation, MB_PERIOD_LANGUAGE_ENGLISH);
      g_assert_cmpstr (sv, ==, cases[i].swedish);
      g_assert_cmpstr (en, ==, cases[i].english);
      for (guint lang = 0; lang < 2; lang++)
        {
          g_assert_true (mb_time_plan_parse_end (lang ? sv : en, &again, &operation_again, NULL));
          g_assert_cmpint (mb_period_compare (&again, &end), ==, 0);
          g_assert_cmpint (operation_again, ==, operation);
        }
    }

  {
    g_autoptr(GError) error = NULL;
    MbPeriod end;
    gboolean operation;

    /* What it expected, in the message; a year out of range says so. */
    g_assert_false (mb_time_plan_parse_end ("i drift snart", &end, &operation, &error));
    g_assert_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "I drift 2022"));
    g_clear_error (&error);
    g_assert_false (mb_time_plan_parse_end ("Pågår, klart 2021", &end, &operation, &error));
    g_assert_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_SYNTAX);
    g_clear_error (&error);
    g_assert_false (mb_time_plan_parse_end ("I drift 2300", &end, &operation, &error));
    g_assert_error (error, MB_PERIOD_ERROR, MB_PERIOD_ERROR_RANGE);
  }
}

static void
test_plan_overdue (void)
{
  MbTimePlan plan;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 12, 2021);

  g_assert_true (mb_time_plan_parse ("Pågår, klart höst 2021", &plan, NULL));
  g_assert_true (mb_time_plan_is_overdue (&plan, &today));      /* ended 30 November */
  g_assert_true (mb_time_plan_parse ("Pågår, klart 2021", &plan, NULL));
  g_assert_false (mb_time_plan_is_overdue (&plan, &today));     /* ends 31 December */
  g_assert_true (mb_time_plan_parse ("Klar, oktober 2021", &plan, NULL));
  g_assert_false (mb_time_plan_is_overdue (&plan, &today));     /* done */
  g_assert_true (mb_time_plan_parse ("från 2020", &plan, NULL));
  g_assert_false (mb_time_plan_is_overdue (&plan, &today));     /* open end */
  g_assert_true (mb_time_plan_parse ("2021-11-30", &plan, NULL));
  g_assert_true (mb_time_plan_is_overdue (&plan, &today));
}

/* The suggestion rule */

static MbAssessmentInput
input (const char          *title,
       gboolean             lower_is_better,
       double               baseline,
       double               baseline_time,
       double               target,
       double               target_time,
       const MbSeriesPoint *values,
       guint                n_values)
{
  MbAssessmentInput in = { title, lower_is_better, baseline, baseline_time, target,
                           target_time, values, n_values };
  return in;
}

static void
test_rule_indicator (void)
{
  /* From 100 (2020) toward 200 (2030). */
  static const MbSeriesPoint on_track[] = { { 2021, 108 }, { 2022, 119 }, { 2023, 131 } };
  static const MbSeriesPoint slow[] = { { 2021, 102 }, { 2022, 104 }, { 2023, 106 } };
  static const MbSeriesPoint slipping[] = { { 2021, 140 }, { 2022, 125 }, { 2023, 112 } };
  static const MbSeriesPoint behind[] = { { 2021, 99 }, { 2022, 97 }, { 2023, 95 } };
  static const MbSeriesPoint recovering[] = { { 2021, 80 }, { 2022, 88 }, { 2023, 96 } };
  static const MbSeriesPoint reached[] = { { 2023, 205 } };
  /* Lower is better: from 10 % unemployment (2020) toward 5 % (2030). */
  static const MbSeriesPoint falling[] = { { 2021, 9.5 }, { 2022, 9.0 }, { 2023, 8.4 } };
  static const MbSeriesPoint rising[] = { { 2021, 10.5 }, { 2022, 11 }, { 2023, 12 } };
  g_autofree char *reason = NULL;
  MbAssessmentInput in;

  in = input ("A", FALSE, 100, 2020, 200, 2030, on_track, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, &reason), ==, MB_ASSESSMENT_ON_TRACK);
  g_assert_nonnull (strstr (reason, "31 %"));
  g_assert_nonnull (strstr (reason, "30 %"));
  g_clear_pointer (&reason, g_free);

  in = input ("B", FALSE, 100, 2020, 200, 2030, slow, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_SOME_PROGRESS);
  in = input ("C", FALSE, 100, 2020, 200, 2030, slipping, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_AT_RISK);
  in = input ("D", FALSE, 100, 2020, 200, 2030, behind, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_OFF_TRACK);
  in = input ("E", FALSE, 100, 2020, 200, 2030, recovering, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_AT_RISK);
  in = input ("F", FALSE, 100, 2020, 200, 2030, reached, 1);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_ON_TRACK);
  in = input ("G", TRUE, 10, 2020, 5, 2030, falling, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_ON_TRACK);
  in = input ("H", TRUE, 10, 2020, 5, 2030, rising, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, NULL), ==, MB_ASSESSMENT_OFF_TRACK);

  /* Missing data, each with its reason. */
  in = input ("I", FALSE, NAN, NAN, 200, 2030, slow, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, &reason), ==,
                   MB_ASSESSMENT_NOT_ASSESSABLE);
  g_assert_cmpstr (reason, ==, "I: no baseline");
  g_clear_pointer (&reason, g_free);
  in = input ("J", FALSE, 100, 2020, NAN, NAN, slow, 3);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, &reason), ==,
                   MB_ASSESSMENT_NOT_ASSESSABLE);
  g_assert_cmpstr (reason, ==, "J: no target");
  g_clear_pointer (&reason, g_free);
  in = input ("K", FALSE, 100, 2020, 200, 2030, NULL, 0);
  g_assert_cmpint (mb_assessment_judge_indicator (&in, &reason), ==,
                   MB_ASSESSMENT_NOT_ASSESSABLE);
  g_assert_cmpstr (reason, ==, "K: no values yet");
}

static void
test_rule_goal (void)
{
  static const MbSeriesPoint on_track[] = { { 2021, 108 }, { 2022, 119 }, { 2023, 131 } };
  static const MbSeriesPoint slow[] = { { 2021, 102 }, { 2022, 104 }, { 2023, 106 } };
  static const MbSeriesPoint behind[] = { { 2021, 99 }, { 2022, 97 }, { 2023, 95 } };
  static const MbSeriesPoint old[] = { { 2016, 150 } };
  g_autoptr(MbAssessmentSuggestion) s = NULL;
  MbAssessmentInput in[3];

  s = mb_assessment_suggest (NULL, 0, 2024);
  g_assert_cmpint (s->status, ==, MB_ASSESSMENT_NOT_ASSESSABLE);
  g_assert_cmpuint (s->reasons->len, ==, 1);
  g_clear_pointer (&s, mb_assessment_suggestion_free);

  /* On track (3) and off track (0): 1.5, a tie, goes to the worse: at risk. */
  in[0] = input ("A", FALSE, 100, 2020, 200, 2030, on_track, 3);
  in[1] = input ("B", FALSE, 100, 2020, 200, 2030, behind, 3);
  s = mb_assessment_suggest (in, 2, 2024);
  g_assert_cmpint (s->status, ==, MB_ASSESSMENT_AT_RISK);
  g_assert_cmpuint (s->reasons->len, ==, 2);
  g_clear_pointer (&s, mb_assessment_suggestion_free);

  /* On track, some progress, some progress: 7/3 → some progress. */
  in[1] = input ("B", FALSE, 100, 2020, 200, 2030, slow, 3);
  in[2] = input ("C", FALSE, 100, 2020, 200, 2030, slow, 3);
  s = mb_assessment_suggest (in, 3, 2024);
  g_assert_cmpint (s->status, ==, MB_ASSESSMENT_SOME_PROGRESS);
  g_clear_pointer (&s, mb_assessment_suggestion_free);

  /* Two of three without data: cannot be assessed, and it says why. */
  in[1] = input ("B", FALSE, NAN, NAN, 200, 2030, slow, 3);
  in[2] = input ("C", FALSE, 100, 2020, 200, 2030, NULL, 0);
  s = mb_assessment_suggest (in, 3, 2024);
  g_assert_cmpint (s->status, ==, MB_ASSESSMENT_NOT_ASSESSABLE);
  g_assert_cmpstr (s->reasons->pdata[s->reasons->len - 1], ==,
                   "Only 1 of 3 indicators have the data to judge");
  g_clear_pointer (&s, mb_assessment_suggestion_free);

  /* An old latest value is said to be old. */
  in[0] = input ("D", FALSE, 100, 2010, 200, 2030, old, 1);
  s = mb_assessment_suggest (in, 1, 2024);
  g_assert_cmpint (s->status, ==, MB_ASSESSMENT_ON_TRACK);
  g_assert_cmpstr (s->reasons->pdata[1], ==, "D: the latest value is from 2016");
}

static void
test_status_names (void)
{
  for (guint i = 0; i < MB_ASSESSMENT_N_STATUSES; i++)
    {
      MbAssessmentStatus back;

      g_assert_true (mb_assessment_status_from_string (mb_assessment_status_to_string (i),
                                                       &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (mb_assessment_status_get_label (i));
      g_assert_nonnull (mb_assessment_status_get_symbol (i));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (mb_assessment_status_get_symbol (i), !=,
                         mb_assessment_status_get_symbol (j));
    }
  g_assert_false (mb_assessment_status_from_string ("great", &(MbAssessmentStatus) { 0 }));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/parse", test_period_parse);
  g_test_add_func ("/period/refuse", test_period_refuse);
  g_test_add_func ("/period/days", test_period_days);
  g_test_add_func ("/period/compare", test_period_compare);
  g_test_add_func ("/period/shift", test_period_shift);
  g_test_add_func ("/time-plan/parse", test_plan_parse);
  g_test_add_func ("/time-plan/refuse", test_plan_refuse);
  g_test_add_func ("/time-plan/end", test_plan_end);
  g_test_add_func ("/time-plan/overdue", test_plan_overdue);
  g_test_add_func ("/assessment/indicator", test_rule_indicator);
  g_test_add_func ("/assessment/goal", test_rule_goal);
  g_test_add_func ("/assessment/status-names", test_status_names);

  return g_test_run ();
}
