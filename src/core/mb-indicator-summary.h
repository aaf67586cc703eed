/* mb-indicator-summary.h – an indicator with its headline figures, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One point of a series: the period on a time axis in years, and its value. */
typedef struct
{
  double time;
  double value;
} MbSeriesPoint;

#define MB_TYPE_INDICATOR_SUMMARY (mb_indicator_summary_get_type ())

G_DECLARE_FINAL_TYPE (MbIndicatorSummary, mb_indicator_summary, MB, INDICATOR_SUMMARY, GObject)

const char    *mb_indicator_summary_get_id               (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_strategy_id      (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_title            (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_unit             (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_reference        (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_measure          (MbIndicatorSummary *self);
gboolean       mb_indicator_summary_get_lower_is_better  (MbIndicatorSummary *self);

/* Whether the indicator serves @strategy_id: it is that strategy's, or the
 * library's shared one (no strategy), or attached to one of its nodes. */
gboolean       mb_indicator_summary_serves_strategy     (MbIndicatorSummary *self,
                                                          const char         *strategy_id);

/* NAN and 0 when not set. */
double         mb_indicator_summary_get_baseline_value   (MbIndicatorSummary *self);
int            mb_indicator_summary_get_baseline_year    (MbIndicatorSummary *self);

/* The headline series: the territory and gender whose values the list shows
 * (see mb_indicator_stats_list_summaries()). */
const char    *mb_indicator_summary_get_series_territory (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_series_gender    (MbIndicatorSummary *self);
/* The latest value of the headline series: NAN and NULL when there is none. */
double         mb_indicator_summary_get_latest_value     (MbIndicatorSummary *self);
const char    *mb_indicator_summary_get_latest_period    (MbIndicatorSummary *self);

/* The target the latest value is measured against: NAN and 0 if none. */
double         mb_indicator_summary_get_target_value     (MbIndicatorSummary *self);
int            mb_indicator_summary_get_target_year      (MbIndicatorSummary *self);

/* See mb_indicator_progress(); NAN = no data. */
double         mb_indicator_summary_get_progress         (MbIndicatorSummary *self);

/* The headline series in time order, for a sparkline. */
const MbSeriesPoint *mb_indicator_summary_get_trend      (MbIndicatorSummary *self,
                                                          guint              *n_points);
guint          mb_indicator_summary_get_n_measurements   (MbIndicatorSummary *self);

G_END_DECLS
