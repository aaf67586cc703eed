/* mb-assessment.c – the follow-up's status scale, and the status the indicators suggest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-assessment.h"
#include "mb-indicator-stats.h"

/* A trend moves when its last value differs from the first of the last
 * three by more than this share of the distance from baseline to target. */
#define TREND_TOLERANCE 0.02
/* On track means at least the expected share of the way, less this. */
#define ON_TRACK_SLACK 0.1
/* A latest value older than this many years is said to be old. */
#define OLD_VALUE_YEARS 3.0

static const struct
{
  const char *key;
  const char *label;
  const char *symbol;
} statuses[MB_ASSESSMENT_N_STATUSES] = {
  [MB_ASSESSMENT_ON_TRACK] = { "on-track", N_("On track"), "\u2713" },
  [MB_ASSESSMENT_SOME_PROGRESS] = { "some-progress", N_("Some progress"), "\u2197" },
  [MB_ASSESSMENT_AT_RISK] = { "at-risk", N_("At risk"), "!" },
  [MB_ASSESSMENT_OFF_TRACK] = { "off-track", N_("Off track"), "\u2717" },
  [MB_ASSESSMENT_NOT_ASSESSABLE] = { "not-assessable", N_("Cannot be assessed"), "?" },
};

const char *
mb_assessment_status_to_string (MbAssessmentStatus status)
{
  g_return_val_if_fail (status < MB_ASSESSMENT_N_STATUSES, NULL);
  return statuses[status].key;
}

gboolean
mb_assessment_status_from_string (const char         *text,
                                  MbAssessmentStatus *status)
{
  for (guint i = 0; i < MB_ASSESSMENT_N_STATUSES; i++)
    if (g_strcmp0 (text, statuses[i].key) == 0)
      {
        *status = (MbAssessmentStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mb_assessment_status_get_label (MbAssessmentStatus status)
{
  g_return_val_if_fail (status < MB_ASSESSMENT_N_STATUSES, NULL);
  return _(statuses[status].label);
}

const char *
mb_assessment_status_get_symbol (MbAssessmentStatus status)
{
  g_return_val_if_fail (status < MB_ASSESSMENT_N_STATUSES, NULL);
  return statuses[status].symbol;
}

void
mb_assessment_input_from_summary (MbAssessmentInput  *input,
                                  MbIndicatorSummary *summary)
{
  int baseline_year = mb_indicator_summary_get_baseline_year (summary);
  int target_year = mb_indicator_summary_get_target_year (summary);

  input->title = mb_indicator_summary_get_title (summary);
  input->lower_is_better = mb_indicator_summary_get_lower_is_better (summary);
  input->baseline = mb_indicator_summary_get_baseline_value (summary);
  input->baseline_time = baseline_year > 0 ? baseline_year : NAN;
  input->target = mb_indicator_summary_get_target_value (summary);
  input->target_time = target_year > 0 ? target_year : NAN;
  input->values = mb_indicator_summary_get_trend (summary, &input->n_values);
}

/* -1 worsening, 0 flat or unknown, 1 improving, over the last three values. */
static int
trend_direction (const MbAssessmentInput *input)
{
  const MbSeriesPoint *first, *last;
  double scale, moved;

  if (input->n_values < 2)
    return 0;
  first = &input->values[input->n_values >= 3 ? input->n_values - 3 : 0];
  last = &input->values[input->n_values - 1];
  scale = fabs (input->target - input->baseline);
  if (!(scale > 0))
    scale = fabs (input->baseline) > 0 ? fabs (input->baseline) : 1.0;
  moved = last->value - first->value;
  if (input->lower_is_better)
    moved = -moved;
  if (moved > TREND_TOLERANCE * scale)
    return 1;
  if (moved < -TREND_TOLERANCE * scale)
    return -1;
  return 0;
}

static const char *
trend_words (int trend)
{
  return trend > 0 ? _("improving") : trend < 0 ? _("worsening") : _("steady");
}

MbAssessmentStatus
mb_assessment_judge_indicator (const MbAssessmentInput *input,
                               char                   **reason)
{
  const MbSeriesPoint *latest;
  double progress, expected = NAN;
  MbAssessmentStatus status;
  int trend;

  g_return_val_if_fail (input != NULL, MB_ASSESSMENT_NOT_ASSESSABLE);

  if (input->n_values == 0)
    {
      if (reason)
        *reason = g_strdup_printf (_("%s: no values yet"), input->title);
      return MB_ASSESSMENT_NOT_ASSESSABLE;
    }
  if (isnan (input->baseline))
    {
      if (reason)
        *reason = g_strdup_printf (_("%s: no baseline"), input->title);
      return MB_ASSESSMENT_NOT_ASSESSABLE;
    }
  if (isnan (input->target))
    {
      if (reason)
        *reason = g_strdup_printf (_("%s: no target"), input->title);
      return MB_ASSESSMENT_NOT_ASSESSABLE;
    }

  latest = &input->values[input->n_values - 1];
  progress = mb_indicator_progress (input->lower_is_better, input->baseline, input->target,
                                    latest->value);
  trend = trend_direction (input);
  if (!isnan (input->baseline_time) && !isnan (input->target_time) &&
      input->target_time > input->baseline_time)
    expected = CLAMP ((floor (latest->time) - input->baseline_time) /
                      (input->target_time - input->baseline_time), 0.0, 1.0);

  if (progress >= 1.0)
    status = MB_ASSESSMENT_ON_TRACK;
  else if (!isnan (expected) && progress >= expected - ON_TRACK_SLACK && progress > 0 &&
           trend >= 0)
    status = MB_ASSESSMENT_ON_TRACK;
  else if (progress > 0)
    status = trend < 0 ? MB_ASSESSMENT_AT_RISK : MB_ASSESSMENT_SOME_PROGRESS;
  else
    status = trend > 0 ? MB_ASSESSMENT_AT_RISK : MB_ASSESSMENT_OFF_TRACK;

  if (reason)
    {
      int done = (int) lround (progress * 100.0);

      if (progress >= 1.0)
        *reason = g_strdup_printf (_("%s: the target is reached; the trend is %s"),
                                   input->title, trend_words (trend));
      else if (!isnan (expected))
        *reason = g_strdup_printf (_("%s: %d %% of the way from the baseline to the target,"
                                     " where %d %% was expected by %d; the trend is %s"),
                                   input->title, done, (int) lround (expected * 100.0),
                                   (int) floor (latest->time), trend_words (trend));
      else
        *reason = g_strdup_printf (_("%s: %d %% of the way from the baseline to the target;"
                                     " the trend is %s"),
                                   input->title, done, trend_words (trend));
    }
  return status;
}

static int
score (MbAssessmentStatus status)
{
  switch (status)
    {
    case MB_ASSESSMENT_ON_TRACK:
      return 3;
    case MB_ASSESSMENT_SOME_PROGRESS:
      return 2;
    case MB_ASSESSMENT_AT_RISK:
      return 1;
    case MB_ASSESSMENT_OFF_TRACK:
    case MB_ASSESSMENT_NOT_ASSESSABLE:
    default:
      return 0;
    }
}

MbAssessmentSuggestion *
mb_assessment_suggest (const MbAssessmentInput *inputs,
                       guint                    n_inputs,
                       double                   now)
{
  MbAssessmentSuggestion *suggestion = g_new0 (MbAssessmentSuggestion, 1);
  guint judged = 0;
  int total = 0;

  suggestion->reasons = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_inputs; i++)
    {
      char *reason = NULL;
      MbAssessmentStatus status = mb_assessment_judge_indicator (&inputs[i], &reason);

      g_ptr_array_add (suggestion->reasons, reason);
      if (status == MB_ASSESSMENT_NOT_ASSESSABLE)
        continue;
      judged++;
      total += score (status);
      if (!isnan (now) && now - floor (inputs[i].values[inputs[i].n_values - 1].time)
                            > OLD_VALUE_YEARS)
        g_ptr_array_add (suggestion->reasons,
                         g_strdup_printf (_("%s: the latest value is from %d"), inputs[i].title,
                                          (int) floor (inputs[i].values[inputs[i].n_values - 1]
                                                         .time)));
    }

  if (n_inputs == 0)
    {
      g_ptr_array_add (suggestion->reasons, g_strdup (_("No indicator measures this goal")));
      suggestion->status = MB_ASSESSMENT_NOT_ASSESSABLE;
    }
  else if (judged == 0 || judged * 2 < n_inputs)
    {
      g_ptr_array_add (suggestion->reasons,
                       g_strdup_printf (ngettext ("Only %u of %u indicator has the data to judge",
                                                  "Only %u of %u indicators have the data to"
                                                  " judge", n_inputs),
                                        judged, n_inputs));
      suggestion->status = MB_ASSESSMENT_NOT_ASSESSABLE;
    }
  else
    {
      /* The mean, rounded to the nearest score, a tie to the worse: the
       * smallest whole s with s >= mean - 1/2. */
      int s = (int) ceil ((double) (2 * total - (int) judged) / (2.0 * judged));

      suggestion->status = s >= 3 ? MB_ASSESSMENT_ON_TRACK
                         : s == 2 ? MB_ASSESSMENT_SOME_PROGRESS
                         : s == 1 ? MB_ASSESSMENT_AT_RISK
                                  : MB_ASSESSMENT_OFF_TRACK;
    }
  return suggestion;
}

void
mb_assessment_suggestion_free (MbAssessmentSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_ptr_array_unref (suggestion->reasons);
  g_free (suggestion);
}
