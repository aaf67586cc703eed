/* mb-report-chart-image.h – a report's chart as a PNG file's bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-report-doc.h"

G_BEGIN_DECLS

/* @width × @height in points, drawn at @scale pixels per point on white
 * (2: sharp on screen and fair in print). NULL and @error set if cairo
 * fails; the error names the chart. */
GBytes *mb_report_chart_render_png (const MbReportChart  *chart,
                                    MbReportLanguage      language,
                                    double                width,
                                    double                height,
                                    double                scale,
                                    GError              **error);
G_END_DECLS
