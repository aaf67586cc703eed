/* mb-indicator-summary-private.h – how core fills an MbIndicatorSummary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-indicator-summary.h"

G_BEGIN_DECLS

struct _MbIndicatorSummary
{
  GObject  parent_instance;

  char    *id;
  char    *strategy_id;
  char    *title;
  char    *unit;
  char    *reference;
  char    *measure;
  gboolean lower_is_better;
  double   baseline_value;
  int      baseline_year;
  char    *series_territory;
  char    *series_gender;
  double   latest_value;
  char    *latest_period;
  double   target_value;
  int      target_year;
  double   progress;
  GArray  *trend;            /* of MbSeriesPoint */
  GPtrArray *node_strategies; /* strategies of the nodes it is attached to */
  guint    n_measurements;
};

MbIndicatorSummary *_mb_indicator_summary_new (void);

G_END_DECLS
