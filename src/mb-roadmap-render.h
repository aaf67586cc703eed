/* mb-roadmap-render.h – drawing a roadmap (färdplan) with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "core/mb-roadmap.h"
#include "mb-canvas-render.h"

G_BEGIN_DECLS

/* Where things are on a drawn roadmap, in its own units: the time line's
 * left edge and scale, and each item's row. */
typedef struct
{
  double width;
  double height;
  double line_x;         /* x of the roadmap's first day */
  double line_width;
  double days;           /* days from the first to the last day */
  double header_height;  /* the title, the legend and the years above the rows */
  double row_height;
  double heading_width;  /* where the title wraps */
  int    heading_lines;  /* the title's lines, at most three */
} MbRoadmapLayout;

void     mb_roadmap_layout          (const MbRoadmap       *roadmap,
                                     MbRoadmapLayout       *layout);
/* The x of @date on the line. */
double   mb_roadmap_layout_date_x   (const MbRoadmapLayout *layout,
                                     const MbRoadmap       *roadmap,
                                     const GDate           *date);

/* Draws the whole roadmap at (0, 0) in the canvas's conventions: a status
 * with its symbol and its word as well as its colour, the plan as people
 * write it, overdue items named, a line for today, a legend. */
void     mb_roadmap_render          (cairo_t               *cr,
                                     const MbRoadmap       *roadmap,
                                     const MbRoadmapLayout *layout,
                                     const MbCanvasPalette *palette);

/* The symbol and the word of a plan's status ("✓", "Done"). */
const char *mb_roadmap_status_symbol (MbPlanStatus          status);
const char *mb_roadmap_status_label  (MbPlanStatus          status);

/* Writes @roadmap to an .svg, .pdf or .png file. */
gboolean mb_roadmap_render_write    (const MbRoadmap       *roadmap,
                                     const char            *path,
                                     gboolean               dark,
                                     GError               **error);

/* `--render OUT --strategy S --roadmap`: the strategy's roadmap by
 * priority, from today, to an .svg, .pdf or .png file. */
gboolean mb_roadmap_render_to_file  (MbStore               *store,
                                     const char            *strategy_id,
                                     const char            *path,
                                     gboolean               dark,
                                     GError               **error);

G_END_DECLS
