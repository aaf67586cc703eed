/* mb-indicator-summary.c – an indicator with its headline figures, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "mb-indicator-summary-private.h"

G_DEFINE_FINAL_TYPE (MbIndicatorSummary, mb_indicator_summary, G_TYPE_OBJECT)

static void
mb_indicator_summary_finalize (GObject *object)
{
  MbIndicatorSummary *self = MB_INDICATOR_SUMMARY (object);

  g_free (self->id);
  g_free (self->strategy_id);
  g_free (self->title);
  g_free (self->unit);
  g_free (self->reference);
  g_free (self->measure);
  g_free (self->series_territory);
  g_free (self->series_gender);
  g_free (self->latest_period);
  g_array_unref (self->trend);
  g_ptr_array_unref (self->node_strategies);

  G_OBJECT_CLASS (mb_indicator_summary_parent_class)->finalize (object);
}

static void
mb_indicator_summary_class_init (MbIndicatorSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_indicator_summary_finalize;
}

static void
mb_indicator_summary_init (MbIndicatorSummary *self)
{
  self->baseline_value = NAN;
  self->latest_value = NAN;
  self->target_value = NAN;
  self->progress = NAN;
  self->trend = g_array_new (FALSE, FALSE, sizeof (MbSeriesPoint));
  self->node_strategies = g_ptr_array_new_with_free_func (g_free);
}

MbIndicatorSummary *
_mb_indicator_summary_new (void)
{
  return g_object_new (MB_TYPE_INDICATOR_SUMMARY, NULL);
}

#define GETTER(type, name, fallback) \
  type \
  mb_indicator_summary_get_##name (MbIndicatorSummary *self) \
  { \
    g_return_val_if_fail (MB_IS_INDICATOR_SUMMARY (self), fallback); \
    return self->name; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, strategy_id, NULL)
GETTER (const char *, title, NULL)
GETTER (const char *, unit, NULL)
GETTER (const char *, reference, NULL)
GETTER (const char *, measure, NULL)
GETTER (gboolean, lower_is_better, FALSE)
GETTER (double, baseline_value, NAN)
GETTER (int, baseline_year, 0)
GETTER (const char *, series_territory, NULL)
GETTER (const char *, series_gender, NULL)
GETTER (double, latest_value, NAN)
GETTER (const char *, latest_period, NULL)
GETTER (double, target_value, NAN)
GETTER (int, target_year, 0)
GETTER (double, progress, NAN)
GETTER (guint, n_measurements, 0)

#undef GETTER

gboolean
mb_indicator_summary_serves_strategy (MbIndicatorSummary *self,
                                      const char         *strategy_id)
{
  g_return_val_if_fail (MB_IS_INDICATOR_SUMMARY (self), FALSE);

  if (self->strategy_id == NULL || g_strcmp0 (self->strategy_id, strategy_id) == 0)
    return TRUE;
  for (guint i = 0; i < self->node_strategies->len; i++)
    if (g_strcmp0 (self->node_strategies->pdata[i], strategy_id) == 0)
      return TRUE;
  return FALSE;
}

const MbSeriesPoint *
mb_indicator_summary_get_trend (MbIndicatorSummary *self,
                                guint              *n_points)
{
  g_return_val_if_fail (MB_IS_INDICATOR_SUMMARY (self), NULL);

  if (n_points != NULL)
    *n_points = self->trend->len;
  return (const MbSeriesPoint *) (gpointer) self->trend->data;
}
