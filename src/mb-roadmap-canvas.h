/* mb-roadmap-canvas.h – a strategy's roadmap, drawn, with items to focus, move and lengthen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/mb-roadmap.h"
#include "core/mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_ROADMAP_CANVAS (mb_roadmap_canvas_get_type ())

G_DECLARE_FINAL_TYPE (MbRoadmapCanvas, mb_roadmap_canvas, MB, ROADMAP_CANVAS, GtkWidget)

GtkWidget     *mb_roadmap_canvas_new            (void);

void           mb_roadmap_canvas_set_store      (MbRoadmapCanvas    *self,
                                                 MbStore            *store);
void           mb_roadmap_canvas_set_strategy   (MbRoadmapCanvas    *self,
                                                 const char         *strategy_id);
/* The node of the item that has the focus, or NULL. */
const char    *mb_roadmap_canvas_get_focused_node (MbRoadmapCanvas *self);
/* Puts the focus on @node_id's item; FALSE if it is not shown. */
gboolean       mb_roadmap_canvas_focus_node     (MbRoadmapCanvas    *self,
                                                 const char         *node_id);

/* What is shown: the grouping, the statuses (NULL = all), and the node the
 * items must contribute to (a strength area; NULL = any). */
void           mb_roadmap_canvas_set_filter     (MbRoadmapCanvas    *self,
                                                 MbRoadmapGrouping   grouping,
                                                 const MbPlanStatus *statuses,
                                                 guint               n_statuses,
                                                 const char         *contributes_to);
/* 1 shows years; larger shows months and weeks. */
void           mb_roadmap_canvas_set_zoom       (MbRoadmapCanvas    *self,
                                                 double              zoom);
double         mb_roadmap_canvas_get_zoom       (MbRoadmapCanvas    *self);
/* The roadmap shown, or NULL. */
const MbRoadmap *mb_roadmap_canvas_get_roadmap  (MbRoadmapCanvas    *self);

/* What a drag or a key press does to an item, as one store call: move it
 * by @days (both ends), or move its end by @days (@lengthen). The periods
 * keep their precision; a change that lands on the same periods does
 * nothing. For tests and for the gestures alike. */
gboolean       mb_roadmap_canvas_move_item      (MbRoadmapCanvas    *self,
                                                 const char         *node_id,
                                                 int                 days,
                                                 gboolean            lengthen,
                                                 GError            **error);
/* Moves by one step of the item's own precision (a month for "oktober
 * 2021"), as Left/Right on a focused item do. */
gboolean       mb_roadmap_canvas_step_item      (MbRoadmapCanvas    *self,
                                                 const char         *node_id,
                                                 int                 steps,
                                                 gboolean            lengthen,
                                                 GError            **error);

G_END_DECLS
