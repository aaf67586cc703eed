/* mb-assessment.h – the follow-up's status scale, and the status the indicators suggest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-indicator-summary.h"

G_BEGIN_DECLS

/* The fixed scale a goal is assessed on in a follow-up round, from the best
 * to "cannot be assessed". */
typedef enum
{
  MB_ASSESSMENT_ON_TRACK,
  MB_ASSESSMENT_SOME_PROGRESS,
  MB_ASSESSMENT_AT_RISK,
  MB_ASSESSMENT_OFF_TRACK,
  MB_ASSESSMENT_NOT_ASSESSABLE,
} MbAssessmentStatus;

#define MB_ASSESSMENT_N_STATUSES (MB_ASSESSMENT_NOT_ASSESSABLE + 1)

/* The stored form ("on-track", "some-progress", "at-risk", "off-track",
 * "not-assessable"), and back; FALSE for anything else. */
const char  *mb_assessment_status_to_string (MbAssessmentStatus  status);
gboolean     mb_assessment_status_from_string (const char       *text,
                                             MbAssessmentStatus *status);
/* The word in the interface's language ("On track", "Some progress", …). */
const char  *mb_assessment_status_get_label (MbAssessmentStatus  status);
/* A symbol that tells the statuses apart without colour: ✓ ↗ ! ✗ ? */
const char  *mb_assessment_status_get_symbol (MbAssessmentStatus status);

/* What the rule needs of one indicator. Times are years on a time axis
 * (mb_period_to_time()); NAN where there is nothing. @values is the headline
 * series in time order. */
typedef struct
{
  const char          *title;
  gboolean             lower_is_better;
  double               baseline;
  double               baseline_time;
  double               target;
  double               target_time;
  const MbSeriesPoint *values;
  guint                n_values;
} MbAssessmentInput;

/* A suggestion: the status, and why, one sentence per indicator. */
typedef struct
{
  MbAssessmentStatus  status;
  GPtrArray          *reasons;   /* of char * */
} MbAssessmentSuggestion;

void         mb_assessment_input_from_summary (MbAssessmentInput  *input,
                                               MbIndicatorSummary *summary);

/* The rule, the one place it is written (the follow-up view, the canvas
 * badges and the report use it): per indicator, how far the latest value
 * has come from the baseline toward the target (mb_indicator_progress(),
 * respecting the direction), against how far it should have come by the
 * latest value's time if it moved evenly from the baseline's time to the
 * target's, and the trend of the last three values:
 *  - the target reached, or at least the expected share less a tenth of the
 *    way, and not worsening: on track;
 *  - some way toward the target: some progress, or at risk when the trend
 *    worsens;
 *  - no way or backwards: off track, or at risk when the trend improves.
 * An indicator without a baseline, a target or a value cannot be judged.
 * The goal's status is the mean of its judged indicators (on track 3 …
 * off track 0, rounded to the nearest, ties to the worse); when fewer than
 * half of the indicators can be judged, or none, it cannot be assessed.
 * @now is the year the data is looked at from, for saying a value is old. */
MbAssessmentSuggestion *mb_assessment_suggest    (const MbAssessmentInput *inputs,
                                                  guint                    n_inputs,
                                                  double                   now);
MbAssessmentStatus      mb_assessment_judge_indicator (const MbAssessmentInput *input,
                                                       char                   **reason);
void                    mb_assessment_suggestion_free (MbAssessmentSuggestion  *suggestion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbAssessmentSuggestion, mb_assessment_suggestion_free)

G_END_DECLS
