/* mb-canvas-private.h – the canvas's gesture steps, for its tests and benchmark
 *
 * The gestures' callbacks call exactly these, so that a test drives the same
 * code a pointer does, in widget coordinates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-canvas.h"

G_BEGIN_DECLS

void     _mb_canvas_drag_begin       (MbCanvas        *self,
                                      double           x,
                                      double           y,
                                      GdkModifierType  state);
void     _mb_canvas_drag_update      (MbCanvas        *self,
                                      double           offset_x,
                                      double           offset_y);
void     _mb_canvas_drag_end         (MbCanvas        *self);
/* Escape: drops the drag and whatever it would have written. */
gboolean _mb_canvas_cancel           (MbCanvas        *self);
void     _mb_canvas_click            (MbCanvas        *self,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      GdkModifierType  state);

/* Scene coordinates to the widget's, at the current zoom and scroll. */
graphene_point_t _mb_canvas_scene_to_widget (MbCanvas *self,
                                             double    x,
                                             double    y);

/* Shows @scene (taken) as when a layout arrives: for the benchmark. */
void     _mb_canvas_set_scene        (MbCanvas        *self,
                                      MbCanvasScene   *scene);

/* The title entry while a title is being edited, else NULL. */
GtkWidget *_mb_canvas_get_title_entry (MbCanvas       *self);
/* The link-kind popover while it is open, else NULL. */
GtkWidget *_mb_canvas_get_link_popover (MbCanvas      *self);

G_END_DECLS
