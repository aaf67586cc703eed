/* mb-report-chart.h – a report's chart drawn with cairo, for every format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "mb-report-doc.h"

G_BEGIN_DECLS

/* Draws @chart into the @width × @height rectangle at the origin of @cr, in
 * cairo units (points in a PDF). No GTK: the same drawing for PDF, ODT and
 * HTML. */
void mb_report_chart_draw (cairo_t             *cr,
                           const MbReportChart *chart,
                           double               width,
                           double               height);

G_END_DECLS
