/* mb-canvas-input.c – the canvas's pointer, touch and keyboard input
 *
 * Each gesture's callback is a thin shim over an _mb_canvas_drag_*() or
 * _mb_canvas_click() step (mb-canvas-private.h), so that tests drive the
 * same code a pointer does. Nothing here writes to the store during a
 * drag: the drop is one store call, and Escape leaves no trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "mb-canvas-private.h"
#include "mb-review.h"

/* The level whose row (or column) is nearest to a scene point. */
static guint
level_at (MbCanvas *self,
          double    x,
          double    y)
{
  guint best = 0;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < self->scene->cards->len; i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (self->scene, i);
      double d = self->scene->data->left_right ? fabs (mb_canvas_rect_center_x (&card->rect) - x)
                                               : fabs (mb_canvas_rect_center_y (&card->rect) - y);

      if (d < best_d)
        {
          best_d = d;
          best = card->row->level;
        }
    }
  return best;
}

static void
activate_stub (MbCanvas *self,
               int       stub)
{
  const MbCanvasStubRow *row = g_array_index (self->scene->stubs, MbCanvasStub, stub).row;
  g_autofree char *strategy = g_strdup (row->other_strategy_id);
  g_autofree char *node = g_strdup (row->other_node_id);

  /* The row belongs to the scene, which the strategy change replaces. */
  mb_selection_set_strategy (self->selection, strategy);
  mb_selection_select (self->selection, MB_KIND_NODE, node);
}

/* Moves the keyboard cursor, or the target of a link being made. */
void
_mb_canvas_move_cursor (MbCanvas    *self,
                        MbCanvasNav  nav)
{
  int from = self->keyboard_link ? self->link_target : _mb_canvas_cursor_card (self);
  int to;

  if (self->scene == NULL || from < 0)
    return;
  to = mb_canvas_scene_navigate (self->scene, from, nav);
  if (to < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (self->keyboard_link)
    {
      self->link_target = to;
      _mb_canvas_scroll_to_card (self, to);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    mb_canvas_focus_node (self, _mb_canvas_card_id (self, to));
}

static gboolean
in_minimap (MbCanvas *self,
            double    x,
            double    y)
{
  graphene_rect_t r;

  return _mb_canvas_minimap_rect (self, &r) &&
         graphene_rect_contains_point (&r, &GRAPHENE_POINT_INIT (x, y));
}

void
_mb_canvas_drag_begin (MbCanvas        *self,
                       double           x,
                       double           y,
                       GdkModifierType  state)
{
  graphene_point_t p = _mb_canvas_widget_to_scene (self, x, y);
  int card;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = 0;
  self->drag_dy = 0;
  self->drag_state = state;
  self->dragging = FALSE;
  self->pan_view_x = self->view_x;
  self->pan_view_y = self->view_y;
  g_array_set_size (self->drag_cards, 0);

  if (self->scene == NULL)
    {
      self->drag_mode = MB_CANVAS_DRAG_PAN;
      return;
    }

  if (in_minimap (self, x, y))
    {
      self->drag_mode = MB_CANVAS_DRAG_MINIMAP;
      return;
    }

  card = mb_canvas_scene_card_at (self->scene, p.x, p.y);
  if (card < 0 && self->hover >= 0 && mb_canvas_scene_handle_at (self->scene, self->hover,
                                                                  p.x, p.y))
    card = self->hover;

  if (card >= 0 && mb_review_store_is_editable (self->store) &&
      mb_canvas_scene_handle_at (self->scene, card, p.x, p.y))
    {
      self->drag_mode = MB_CANVAS_DRAG_LINK;
      self->link_source = card;
      self->link_target = -1;
    }
  else if (card >= 0 && mb_review_store_is_editable (self->store))
    {
      g_auto(GStrv) selected = mb_selection_dup_nodes (self->selection);

      self->drag_mode = MB_CANVAS_DRAG_MOVE;
      /* Dragging a selected card moves the whole selection. */
      if (mb_selection_contains_node (self->selection, _mb_canvas_card_id (self, card)))
        {
          for (guint i = 0; selected[i] != NULL; i++)
            {
              int c = mb_canvas_scene_lookup (self->scene, selected[i]);

              if (c >= 0)
                g_array_append_val (self->drag_cards, c);
            }
        }
      if (self->drag_cards->len == 0)
        g_array_append_val (self->drag_cards, card);
    }
  else if (card < 0 && (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    self->drag_mode = MB_CANVAS_DRAG_RUBBER;
  else if (card < 0)
    self->drag_mode = MB_CANVAS_DRAG_PAN;
  else
    self->drag_mode = MB_CANVAS_DRAG_NONE;
}

static void
minimap_jump (MbCanvas *self,
              double    x,
              double    y)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double scale, sx, sy;
  graphene_rect_t m;

  if (!_mb_canvas_minimap_rect (self, &m))
    return;
  scale = m.size.width / self->scene->bounds.size.width;
  sx = self->scene->bounds.origin.x + (x - m.origin.x) / scale;
  sy = self->scene->bounds.origin.y + (y - m.origin.y) / scale;
  _mb_canvas_set_view (self, self->zoom, sx - w / 2.0 / self->zoom, sy - h / 2.0 / self->zoom);
}

void
_mb_canvas_drag_update (MbCanvas *self,
                        double    offset_x,
                        double    offset_y)
{
  self->drag_dx = offset_x;
  self->drag_dy = offset_y;

  switch (self->drag_mode)
    {
    case MB_CANVAS_DRAG_PAN:
      _mb_canvas_set_view (self, self->zoom, self->pan_view_x - offset_x / self->zoom,
                self->pan_view_y - offset_y / self->zoom);
      break;

    case MB_CANVAS_DRAG_MINIMAP:
      minimap_jump (self, self->drag_x + offset_x, self->drag_y + offset_y);
      break;

    case MB_CANVAS_DRAG_MOVE:
      if (!self->dragging && hypot (offset_x, offset_y) >= MB_CANVAS_DRAG_THRESHOLD)
        {
          /* From now on the moved cards are drawn per frame, not from the
           * static node, which is rebuilt without them once. */
          self->dragging = TRUE;
          self->hidden = g_new0 (gboolean, self->scene->cards->len);
          for (guint i = 0; i < self->drag_cards->len; i++)
            self->hidden[g_array_index (self->drag_cards, guint, i)] = TRUE;
          _mb_canvas_build_static_node (self);
          _mb_canvas_update_chain (self);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case MB_CANVAS_DRAG_LINK:
      {
        graphene_point_t p = _mb_canvas_widget_to_scene (self, self->drag_x + offset_x,
                                              self->drag_y + offset_y);
        int target = mb_canvas_scene_card_at (self->scene, p.x, p.y);

        self->link_target = target != self->link_source ? target : -1;
        self->dragging = TRUE;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case MB_CANVAS_DRAG_RUBBER:
      self->dragging = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case MB_CANVAS_DRAG_NONE:
    default:
      break;
    }
}

static void
drag_reset (MbCanvas *self)
{
  gboolean rebuild = self->hidden != NULL;

  self->drag_mode = MB_CANVAS_DRAG_NONE;
  self->dragging = FALSE;
  g_array_set_size (self->drag_cards, 0);
  g_clear_pointer (&self->hidden, g_free);
  if (rebuild)
    {
      _mb_canvas_build_static_node (self);
      _mb_canvas_update_chain (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_mb_canvas_drag_end (MbCanvas *self)
{
  MbCanvasDragMode mode = self->drag_mode;

  if (mode == MB_CANVAS_DRAG_MOVE && self->dragging)
    {
      guint n = self->drag_cards->len;
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autofree double *xs = g_new (double, n);
      g_autofree double *ys = g_new (double, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n; i++)
        {
          const MbCanvasCard *card = mb_canvas_scene_get_card (
            self->scene, g_array_index (self->drag_cards, guint, i));

          g_ptr_array_add (keep, g_strdup (card->row->id));
          xs[i] = mb_canvas_rect_center_x (&card->rect) + self->drag_dx / self->zoom;
          ys[i] = mb_canvas_rect_center_y (&card->rect) + self->drag_dy / self->zoom;
        }
      for (guint i = 0; i < keep->len; i++)
        g_ptr_array_add (ids, keep->pdata[i]);
      g_ptr_array_add (ids, NULL);

      /* Drawn where it was dropped until the new layout arrives. */
      if (!mb_store_pin_nodes (self->store, (const char * const *) ids->pdata, xs, ys, &error))
        {
          _mb_canvas_show_error (self, error);
          drag_reset (self);
        }
      return;
    }

  if (mode == MB_CANVAS_DRAG_LINK && self->dragging && self->link_target >= 0)
    {
      int source = self->link_source, target = self->link_target;

      drag_reset (self);
      _mb_canvas_open_link_popover (self, source, target);
      return;
    }

  if (mode == MB_CANVAS_DRAG_RUBBER && self->dragging)
    {
      graphene_point_t a = _mb_canvas_widget_to_scene (self, self->drag_x, self->drag_y);
      graphene_point_t b = _mb_canvas_widget_to_scene (self, self->drag_x + self->drag_dx,
                                            self->drag_y + self->drag_dy);
      graphene_rect_t r = GRAPHENE_RECT_INIT (MIN (a.x, b.x), MIN (a.y, b.y),
                                              fabs (b.x - a.x), fabs (b.y - a.y));
      g_autoptr(GArray) cards = mb_canvas_scene_cards_in_rect (self->scene, &r);

      for (guint i = 0; i < cards->len; i++)
        mb_selection_add_node (self->selection,
                               _mb_canvas_card_id (self, g_array_index (cards, guint, i)));
    }

  if (mode == MB_CANVAS_DRAG_LINK)
    self->link_source = -1;
  drag_reset (self);
}

gboolean
_mb_canvas_cancel (MbCanvas *self)
{
  if (self->drag_mode != MB_CANVAS_DRAG_NONE)
    {
      /* Nothing was written during the drag: dropping it leaves no trace. */
      if (self->drag_mode == MB_CANVAS_DRAG_PAN)
        _mb_canvas_set_view (self, self->zoom, self->pan_view_x, self->pan_view_y);
      self->link_source = -1;
      self->link_target = -1;
      drag_reset (self);
      if (self->drag_gesture != NULL)
        gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
      return TRUE;
    }
  if (self->keyboard_link)
    {
      self->keyboard_link = FALSE;
      self->link_source = -1;
      self->link_target = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }
  return FALSE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MbCanvas       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (gesture));

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_MIDDLE)
    {
      _mb_canvas_drag_begin (self, x, y, 0);
      self->drag_mode = MB_CANVAS_DRAG_PAN;
      return;
    }
  _mb_canvas_drag_begin (self, x, y, state);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                MbCanvas       *self)
{
  _mb_canvas_drag_update (self, offset_x, offset_y);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             MbCanvas       *self)
{
  if (self->drag_mode == MB_CANVAS_DRAG_NONE)
    return;
  _mb_canvas_drag_update (self, offset_x, offset_y);
  _mb_canvas_drag_end (self);
}

void
_mb_canvas_click (MbCanvas        *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GdkModifierType  state)
{
  graphene_point_t p = _mb_canvas_widget_to_scene (self, x, y);
  int card, stub;

  if (self->scene == NULL)
    return;

  if (self->editing >= 0)
    _mb_canvas_finish_editing (self, TRUE);

  stub = mb_canvas_scene_stub_at (self->scene, p.x, p.y);
  if (stub >= 0 && n_press == 1)
    {
      activate_stub (self, stub);
      return;
    }

  card = mb_canvas_scene_card_at (self->scene, p.x, p.y);
  if (card < 0)
    {
      if (n_press == 2 && mb_review_store_is_editable (self->store))
        _mb_canvas_add_node (self, -1, level_at (self, p.x, p.y));
      else if (n_press == 2)
        mb_review_explain_refusal (GTK_WIDGET (self));
      else if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0)
        mb_selection_clear (self->selection);
      gtk_widget_grab_focus (GTK_WIDGET (self));
      return;
    }

  if (n_press == 2)
    {
      _mb_canvas_start_editing (self, card);
      return;
    }

  if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    {
      mb_selection_toggle_node (self->selection, _mb_canvas_card_id (self, card));
      _mb_canvas_set_cursor_id (self, _mb_canvas_card_id (self, card));
      gtk_widget_grab_focus (_mb_canvas_ensure_node_widget (self, card));
    }
  else if (!mb_selection_contains_node (self->selection, _mb_canvas_card_id (self, card)) ||
           mb_selection_get_n_nodes (self->selection) <= 1)
    mb_canvas_focus_node (self, _mb_canvas_card_id (self, card));
  else
    {
      /* A press on a card of a multi-selection keeps it, for dragging. */
      _mb_canvas_set_cursor_id (self, _mb_canvas_card_id (self, card));
      gtk_widget_grab_focus (_mb_canvas_ensure_node_widget (self, card));
    }
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  MbCanvas        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (gesture));

  if (in_minimap (self, x, y))
    {
      minimap_jump (self, x, y);
      return;
    }
  _mb_canvas_click (self, n_press, x, y, state);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MbCanvas                 *self)
{
  graphene_point_t p = _mb_canvas_widget_to_scene (self, x, y);
  int hover, stub;
  gboolean handle;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->scene == NULL)
    return;

  hover = mb_canvas_scene_card_at (self->scene, p.x, p.y);
  /* The handle sticks out of the card: keep the hover while on it. */
  if (hover < 0 && self->hover >= 0 &&
      mb_canvas_scene_handle_at (self->scene, self->hover, p.x, p.y))
    hover = self->hover;
  handle = hover >= 0 && mb_canvas_scene_handle_at (self->scene, hover, p.x, p.y);
  stub = mb_canvas_scene_stub_at (self->scene, p.x, p.y);

  if (hover != self->hover || handle != self->hover_handle || stub != self->hover_stub)
    {
      self->hover = hover;
      self->hover_handle = handle;
      self->hover_stub = stub;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       handle ? "crosshair" :
                                       stub >= 0 ? "pointer" :
                                       hover >= 0 ? "default" : "grab");
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          MbCanvas                 *self)
{
  if (self->hover >= 0 || self->hover_stub >= 0)
    {
      self->hover = -1;
      self->hover_stub = -1;
      self->hover_handle = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           MbCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
    GTK_EVENT_CONTROLLER (controller));
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
                ? MB_CANVAS_PAN_STEP : 1.0;

  if ((state & GDK_CONTROL_MASK) != 0)
    {
      _mb_canvas_zoom_at (self, self->zoom * pow (MB_CANVAS_ZOOM_STEP, -dy), self->pointer_x,
                          self->pointer_y);
      return TRUE;
    }
  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0.0)
    {
      dx = dy;
      dy = 0.0;
    }
  _mb_canvas_pan_by (self, dx * step, dy * step);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               MbCanvas         *self)
{
  self->gesture_zoom_start = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       MbCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  _mb_canvas_zoom_at (self, self->gesture_zoom_start * scale, x, y);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MbCanvas              *self)
{
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  MbCanvasNav nav;
  double dx = 0, dy = 0;

  if (self->editing >= 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (_mb_canvas_cancel (self))
        return TRUE;
      if (self->selection != NULL && mb_selection_get_n_nodes (self->selection) > 0)
        {
          mb_selection_clear (self->selection);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      nav = MB_CANVAS_NAV_UP;
      dy = -MB_CANVAS_PAN_STEP;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      nav = MB_CANVAS_NAV_DOWN;
      dy = MB_CANVAS_PAN_STEP;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      nav = MB_CANVAS_NAV_LEFT;
      dx = -MB_CANVAS_PAN_STEP;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      nav = MB_CANVAS_NAV_RIGHT;
      dx = MB_CANVAS_PAN_STEP;
      break;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      gtk_widget_activate_action (GTK_WIDGET (self), "canvas.activate-cursor", NULL);
      return TRUE;

    default:
      return FALSE;
    }

  /* Arrows pan with Ctrl, or when there is no node to move between. */
  if (ctrl || _mb_canvas_cursor_card (self) < 0)
    _mb_canvas_pan_by (self, dx, dy);
  else
    _mb_canvas_move_cursor (self, nav);
  return TRUE;
}

/* The whole title of the card at (x, y), with its status and time plan: a
 * card shows three lines of it at most. */
char *
_mb_canvas_dup_tooltip (MbCanvas *self,
                        double    x,
                        double    y,
                        int      *card)
{
  graphene_point_t p;
  const MbCanvasCard *c;
  g_autofree char *status = NULL;
  int index;

  if (self->scene == NULL)
    return NULL;
  p = _mb_canvas_widget_to_scene (self, x, y);
  index = mb_canvas_scene_card_at (self->scene, p.x, p.y);
  if (index < 0)
    return NULL;
  if (card != NULL)
    *card = index;
  c = mb_canvas_scene_get_card (self->scene, index);
  status = mb_canvas_render_status_text (c->row);
  return status != NULL ? g_strdup_printf ("%s\n%s", c->row->title, status)
                        : g_strdup (c->row->title);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  MbCanvas   *self)
{
  g_autofree char *text = NULL;
  graphene_rect_t r;
  int card = -1;

  if (keyboard || self->drag_mode != MB_CANVAS_DRAG_NONE)
    return FALSE;
  text = _mb_canvas_dup_tooltip (self, x, y, &card);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* Moving onto another card asks again. */
  r = _mb_canvas_rect_to_widget (self, &mb_canvas_scene_get_card (self->scene, card)->rect);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) r.origin.x, (int) r.origin.y,
                                                       (int) r.size.width, (int) r.size.height });
  return TRUE;
}

/* Setup */

void
_mb_canvas_init_input (MbCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
}
