/* mb-canvas-node.h – a card of the canvas, as the accessibility tree sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MB_TYPE_CANVAS_NODE (mb_canvas_node_get_type ())

G_DECLARE_FINAL_TYPE (MbCanvasNode, mb_canvas_node, MB, CANVAS_NODE, GtkButton)

GtkWidget   *mb_canvas_node_new           (void);

const char  *mb_canvas_node_get_node_id   (MbCanvasNode *self);
/* Names the card for screen readers: its title, and a description such as
 * "Priority 1.1, 3 links in, 2 out", led by @change ("Added"), if given,
 * while a comparison is shown. */
void         mb_canvas_node_update        (MbCanvasNode *self,
                                           const char   *node_id,
                                           const char   *title,
                                           const char   *code,
                                           const char   *level_name,
                                           const char   *status,
                                           guint         level,
                                           guint         n_links_in,
                                           guint         n_links_out,
                                           const char   *change);

G_END_DECLS
