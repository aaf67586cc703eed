/* mb-canvas.h – a strategy's goal structure and effect chain, drawn and edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"
#include "mb-canvas-scene.h"
#include "mb-selection.h"

G_BEGIN_DECLS

/* The private clipboard format of copied nodes: their ids, one a line. */
#define MB_CANVAS_NODES_MIME_TYPE "application/x-malbild-nodes"

#define MB_TYPE_CANVAS (mb_canvas_get_type ())

G_DECLARE_FINAL_TYPE (MbCanvas, mb_canvas, MB, CANVAS, GtkWidget)

GtkWidget           *mb_canvas_new             (MbStore      *store,
                                                MbSelection  *selection);

MbStore             *mb_canvas_get_store       (MbCanvas     *self);
MbSelection         *mb_canvas_get_selection   (MbCanvas     *self);

/* The scene on screen (NULL before the first layout), and whether a newer
 * one is being laid out; "scene-ready" is emitted when one arrives. */
const MbCanvasScene *mb_canvas_get_scene       (MbCanvas     *self);
gboolean             mb_canvas_is_busy         (MbCanvas     *self);

/* Zoom: 1.0 = 100 %. The "zoom" property notifies. */
double               mb_canvas_get_zoom        (MbCanvas     *self);
void                 mb_canvas_set_zoom        (MbCanvas     *self,
                                                double        zoom);
void                 mb_canvas_zoom_to_fit     (MbCanvas     *self);

/* The accessible child of a node's card, or NULL. */
GtkWidget           *mb_canvas_get_node_widget (MbCanvas     *self,
                                                const char   *node_id);

/* Moves the keyboard cursor (and focus and selection) to a node. */
gboolean             mb_canvas_focus_node      (MbCanvas     *self,
                                                const char   *node_id);

/* Marks what @changes (MbChange, from mb_store_compare_revisions()) say of
 * the strategy's nodes and links, draws its removed nodes as ghosts where
 * revision @from_id (NULL: now) had them, and shows a legend, until it is
 * called with NULL. */
void                 mb_canvas_show_changes    (MbCanvas     *self,
                                                GPtrArray    *changes,
                                                const char   *from_id);
/* The change marked on a node, ghost or link @id, or -1. */
int                  mb_canvas_get_change      (MbCanvas     *self,
                                                const char   *id);
/* Scrolls to a removed node's ghost; FALSE if it has none. */
gboolean             mb_canvas_reveal_ghost    (MbCanvas     *self,
                                                const char   *node_id);
/* The accessible child of a removed node's ghost, or NULL. */
GtkWidget           *mb_canvas_get_ghost_widget (MbCanvas    *self,
                                                 const char  *node_id);

/* How many pixels at the canvas's right a panel lies over: what the canvas
 * scrolls to show (a node the user goes to) stays clear of them. */
void                 mb_canvas_set_covered_end (MbCanvas     *self,
                                                int           pixels);

/* Writes the strategy on screen as SVG, PNG or PDF (by @path's extension),
 * in the current style: "Export image…". */
gboolean             mb_canvas_render_to_file  (MbCanvas     *self,
                                                const char   *path,
                                                GError      **error);

G_END_DECLS
