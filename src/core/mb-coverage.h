/* mb-coverage.h – where a strategy's follow-up has gaps, per entity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-store.h"

G_BEGIN_DECLS

/* Gaps a strategist or grant officer should see where they look. */
typedef enum
{
  MB_COVERAGE_NONE                          = 0,
  MB_COVERAGE_GOAL_WITHOUT_INDICATOR        = 1 << 0,  /* a goal no indicator measures */
  MB_COVERAGE_INTERVENTION_WITHOUT_PROJECT  = 1 << 1,  /* an intervention no project carries */
  MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA = 1 << 2,  /* no value in the last two years */
  MB_COVERAGE_CALL_WITHOUT_PRIORITY         = 1 << 3,  /* a call linked to no node */
} MbCoverageHints;

/* How far back a measurement still counts as recent, in years. */
#define MB_COVERAGE_RECENT_YEARS 2

/* The hints for one entity (@table "nodes", "indicators" or "funding_calls";
 * other kinds have none), measured against @current_year (0 = this year).
 * An entity that does not exist has none. */
MbCoverageHints  mb_coverage_get_hints      (MbStore          *store,
                                             const char       *table,
                                             const char       *id,
                                             int               current_year);

/* Whether a level of this name (English or Swedish) is where interventions
 * sit: "Intervention", "Activity", "Insats", "Aktivitet". Other levels hold
 * goals, which indicators should measure. */
gboolean         mb_coverage_is_intervention_level (const char *name);

/* A short sentence for one hint (a single flag), translated. */
const char      *mb_coverage_hint_get_message (MbCoverageHints  hint);
/* What the user can do about it, translated. */
const char      *mb_coverage_hint_get_advice  (MbCoverageHints  hint);

G_END_DECLS
