/* mb-measurement-item.c – one recorded value of an indicator, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "mb-indicator-stats.h"
#include "mb-measurement-item.h"

struct _MbMeasurementItem
{
  GObject  parent_instance;

  char    *id;
  char    *indicator_id;
  char    *period;
  char    *territory_code;
  char    *gender;
  double   value;
  char    *status;
  char    *note;
  double   time;
};

G_DEFINE_FINAL_TYPE (MbMeasurementItem, mb_measurement_item, G_TYPE_OBJECT)

static void
mb_measurement_item_finalize (GObject *object)
{
  MbMeasurementItem *self = MB_MEASUREMENT_ITEM (object);

  g_free (self->id);
  g_free (self->indicator_id);
  g_free (self->period);
  g_free (self->territory_code);
  g_free (self->gender);
  g_free (self->status);
  g_free (self->note);

  G_OBJECT_CLASS (mb_measurement_item_parent_class)->finalize (object);
}

static void
mb_measurement_item_class_init (MbMeasurementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_measurement_item_finalize;
}

static void
mb_measurement_item_init (MbMeasurementItem *self)
{
  self->value = NAN;
}

MbMeasurementItem *
mb_measurement_item_new (const char *id,
                         const char *indicator_id,
                         const char *period,
                         const char *territory_code,
                         const char *gender,
                         double      value,
                         const char *status,
                         const char *note)
{
  MbMeasurementItem *self = g_object_new (MB_TYPE_MEASUREMENT_ITEM, NULL);

  self->id = g_strdup (id);
  self->indicator_id = g_strdup (indicator_id);
  self->period = g_strdup (period);
  self->territory_code = g_strdup (territory_code ? territory_code : MB_TERRITORY_NONE);
  self->gender = g_strdup (gender ? gender : "T");
  self->value = value;
  self->status = g_strdup (status);
  self->note = g_strdup (note);
  self->time = mb_period_to_time (period);

  return self;
}

const char *
mb_measurement_item_get_id (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->id;
}

const char *
mb_measurement_item_get_indicator_id (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->indicator_id;
}

const char *
mb_measurement_item_get_period (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->period;
}

const char *
mb_measurement_item_get_territory_code (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->territory_code;
}

const char *
mb_measurement_item_get_gender (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->gender;
}

double
mb_measurement_item_get_value (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NAN);
  return self->value;
}

gboolean
mb_measurement_item_has_value (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), FALSE);
  return !isnan (self->value);
}

const char *
mb_measurement_item_get_status (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->status;
}

const char *
mb_measurement_item_get_note (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NULL);
  return self->note;
}

double
mb_measurement_item_get_time (MbMeasurementItem *self)
{
  g_return_val_if_fail (MB_IS_MEASUREMENT_ITEM (self), NAN);
  return self->time;
}
