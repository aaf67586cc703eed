/* mb-sparkline.h – a word-sized line of an indicator's recent values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-indicator-summary.h"

G_BEGIN_DECLS

#define MB_TYPE_SPARKLINE (mb_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (MbSparkline, mb_sparkline, MB, SPARKLINE, GtkWidget)

GtkWidget *mb_sparkline_new        (void);
/* Copies @n_points points in time order; @lower_is_better colours the last
 * step by whether it went the good way. */
void       mb_sparkline_set_points (MbSparkline         *self,
                                    const MbSeriesPoint *points,
                                    guint                n_points,
                                    gboolean             lower_is_better);

G_END_DECLS
