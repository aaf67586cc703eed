/* mb-roadmap-view.h – the Roadmap view: a strategy's time plans, filtered and zoomed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/mb-store.h"
#include "mb-roadmap-canvas.h"
#include "mb-selection.h"

G_BEGIN_DECLS

#define MB_TYPE_ROADMAP_VIEW (mb_roadmap_view_get_type ())

G_DECLARE_FINAL_TYPE (MbRoadmapView, mb_roadmap_view, MB, ROADMAP_VIEW, GtkWidget)

GtkWidget       *mb_roadmap_view_new          (void);
/* A view of @selection's strategy, which it follows; activating an item
 * selects its node (the details panel shows it). */
GtkWidget       *mb_roadmap_view_new_for_selection (MbStore     *store,
                                                    MbSelection *selection);
void             mb_roadmap_view_set_store    (MbRoadmapView *self,
                                               MbStore       *store);
void             mb_roadmap_view_set_strategy (MbRoadmapView *self,
                                               const char    *strategy_id);
MbRoadmapCanvas *mb_roadmap_view_get_canvas   (MbRoadmapView *self);

G_END_DECLS
