/* mb-measurement-item.h – one recorded value of an indicator, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MB_TYPE_MEASUREMENT_ITEM (mb_measurement_item_get_type ())

G_DECLARE_FINAL_TYPE (MbMeasurementItem, mb_measurement_item, MB, MEASUREMENT_ITEM, GObject)

/* @value NAN = no value (a gap with a status such as Kolada's "missing"). */
MbMeasurementItem *mb_measurement_item_new                (const char        *id,
                                                           const char        *indicator_id,
                                                           const char        *period,
                                                           const char        *territory_code,
                                                           const char        *gender,
                                                           double             value,
                                                           const char        *status,
                                                           const char        *note);

const char        *mb_measurement_item_get_id             (MbMeasurementItem *self);
const char        *mb_measurement_item_get_indicator_id   (MbMeasurementItem *self);
const char        *mb_measurement_item_get_period         (MbMeasurementItem *self);
const char        *mb_measurement_item_get_territory_code (MbMeasurementItem *self);
const char        *mb_measurement_item_get_gender         (MbMeasurementItem *self);
double             mb_measurement_item_get_value          (MbMeasurementItem *self);
gboolean           mb_measurement_item_has_value          (MbMeasurementItem *self);
const char        *mb_measurement_item_get_status         (MbMeasurementItem *self);
const char        *mb_measurement_item_get_note           (MbMeasurementItem *self);
/* The period as a point on a time axis in years ("2023-Q2" → 2023.375). */
double             mb_measurement_item_get_time           (MbMeasurementItem *self);

G_END_DECLS
