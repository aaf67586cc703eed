/* mb-roadmap-canvas.c – a strategy's roadmap, drawn, with items to focus, move and lengthen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is mb-roadmap-render.c's, the same as the exported file's.
 * Each item also has a flat button over its title: it takes the focus, is
 * named for a screen reader ("Extern finansiering, Planned, October 2021,
 * overdue"), and moves the item with Left and Right (Shift: its end only).
 * A drag on a bar moves it; a drag on its right end lengthens it. Either is
 * one store call when it ends; Escape or a cancelled gesture leaves nothing.
 */

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mb-roadmap-canvas.h"
#include "mb-roadmap-render.h"

/* The roadmap's own units, as mb-roadmap-render.c lays them out. */
#define MARGIN       32.0
#define LABEL_WIDTH 320.0
#define GROUP_ROW    34.0
#define HANDLE        8.0

enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_LENGTHEN,
};

struct _MbRoadmapCanvas
{
  GtkWidget         parent_instance;

  /* Owned references */
  MbStore          *store;
  char             *strategy_id;
  MbRoadmap        *roadmap;
  GPtrArray        *buttons;        /* GtkButton per item, in drawing order */
  GPtrArray        *items;          /* borrowed MbRoadmapItem per button */
  GArray           *item_y;         /* double: each item's row */
  GArray           *statuses;       /* MbPlanStatus, or NULL for all */
  char             *contributes_to;

  MbRoadmapGrouping grouping;
  MbRoadmapLayout   layout;
  MbCanvasPalette   palette;
  double            zoom;

  /* Borrowed references */
  GtkGesture       *drag_gesture;

  /* A running drag */
  int               drag;
  guint             drag_item;
  double            drag_dx;
};

G_DEFINE_FINAL_TYPE (MbRoadmapCanvas, mb_roadmap_canvas, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (MbRoadmapCanvas *self);

/* Layout */

static void
relayout (MbRoadmapCanvas *self)
{
  if (self->roadmap == NULL)
    {
      memset (&self->layout, 0, sizeof self->layout);
      return;
    }
  mb_roadmap_layout (self->roadmap, &self->layout);
  self->layout.width += self->layout.line_width * (self->zoom - 1.0);
  self->layout.line_width *= self->zoom;
}

static void
mb_roadmap_canvas_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  MbRoadmapCanvas *self = MB_ROADMAP_CANVAS (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->layout.width
                                                          : self->layout.height;

  *minimum = *natural = (int) ceil (size);
}

static void
mb_roadmap_canvas_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  MbRoadmapCanvas *self = MB_ROADMAP_CANVAS (widget);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      double y = g_array_index (self->item_y, double, i);
      GtkAllocation a = { (int) MARGIN, (int) y, (int) LABEL_WIDTH,
                          (int) self->layout.row_height };

      gtk_widget_size_allocate (self->buttons->pdata[i], &a, -1);
    }
}

/* Drawing */

static void
mb_roadmap_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  MbRoadmapCanvas *self = MB_ROADMAP_CANVAS (widget);
  cairo_t *cr;

  /* The view's colour all the way down, below the last row too. */
  gtk_snapshot_append_color (snapshot,
                             &(GdkRGBA) { self->palette.background.r, self->palette.background.g,
                                          self->palette.background.b, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  if (self->roadmap == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->layout.width,
                                                                 self->layout.height));
  mb_roadmap_render (cr, self->roadmap, &self->layout, &self->palette);

  /* Where the dragged bar would go. */
  if (self->drag != DRAG_NONE)
    {
      const MbRoadmapItem *item = self->items->pdata[self->drag_item];
      double x0 = mb_roadmap_layout_date_x (&self->layout, self->roadmap, &item->first_day);
      double x1 = mb_roadmap_layout_date_x (&self->layout, self->roadmap, &item->last_day);
      double y = g_array_index (self->item_y, double, self->drag_item);

      if (self->drag == DRAG_MOVE)
        x0 += self->drag_dx;
      x1 = MAX (x0 + 6.0, x1 + self->drag_dx);
      cairo_set_source_rgba (cr, self->palette.accent.r, self->palette.accent.g,
                             self->palette.accent.b, 0.9);
      cairo_set_line_width (cr, 2.0);
      mb_canvas_render_rounded_rect (cr, x0, y + (self->layout.row_height - 14.0) / 2.0 - 3,
                                     x1 - x0, 20.0, 5.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_snapshot_child (widget, self->buttons->pdata[i], snapshot);
}

/* Items */

static char *
item_description (const MbRoadmapItem *item)
{
  MbTimePlan when = item->plan;
  g_autofree char *plan = NULL;
  g_autofree char *status = g_strdup (mb_roadmap_status_label (item->plan.status));

  /* The status is said once, as the drawing says it: not "Planned, Planned,
   * done by October 2021". */
  when.status = MB_PLAN_STATUS_NONE;
  plan = mb_time_plan_format (&when, mb_period_language_for_ui ());

  if (item->overdue)
    /* Translators: a roadmap item for a screen reader: title, status, time plan. */
    return g_strdup_printf (_("%s, %s, %s, overdue"), item->title, status, plan);
  return g_strdup_printf (_("%s, %s, %s"), item->title, status, plan);
}

static int
find_item (MbRoadmapCanvas *self,
           const char      *node_id)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (((MbRoadmapItem *) self->items->pdata[i])->node_id, node_id) == 0)
      return (int) i;
  return -1;
}

static void
show_error (MbRoadmapCanvas *self,
            GError          *error)
{
  GtkWidget *toplevel = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  /* The window shows refusals as toasts; without one, say it in the log. */
  if (toplevel != NULL &&
      gtk_widget_activate_action (toplevel, "win.show-toast", "s", error->message))
    return;
  g_message ("%s", error->message);
}

static gboolean
button_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       MbRoadmapCanvas       *self)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index;
  int steps;
  g_autoptr(GError) error = NULL;
  g_autofree char *node_id = NULL;

  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    steps = -1;
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    steps = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down)
    {
      if (!g_ptr_array_find (self->buttons, button, &index))
        return FALSE;
      index = keyval == GDK_KEY_Up ? (index > 0 ? index - 1 : 0)
                                   : MIN (index + 1, self->buttons->len - 1);
      gtk_widget_grab_focus (self->buttons->pdata[index]);
      return TRUE;
    }
  else
    return FALSE;

  if (!g_ptr_array_find (self->buttons, button, &index))
    return FALSE;
  node_id = g_strdup (((MbRoadmapItem *) self->items->pdata[index])->node_id);
  if (!mb_roadmap_canvas_step_item (self, node_id, steps, (state & GDK_SHIFT_MASK) != 0,
                                    &error))
    show_error (self, error);
  else
    {
      /* The reload made new buttons: keep the focus on the item. */
      int again = find_item (self, node_id);

      if (again >= 0)
        gtk_widget_grab_focus (self->buttons->pdata[again]);
    }
  return TRUE;
}

static void
button_clicked_cb (GtkButton       *button,
                   MbRoadmapCanvas *self)
{
  guint index;

  if (g_ptr_array_find (self->buttons, button, &index))
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0,
                   ((MbRoadmapItem *) self->items->pdata[index])->node_id);
}

const char *
mb_roadmap_canvas_get_focused_node (MbRoadmapCanvas *self)
{
  g_return_val_if_fail (MB_IS_ROADMAP_CANVAS (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    if (gtk_widget_has_focus (self->buttons->pdata[i]))
      return ((MbRoadmapItem *) self->items->pdata[i])->node_id;
  return NULL;
}

gboolean
mb_roadmap_canvas_focus_node (MbRoadmapCanvas *self,
                              const char      *node_id)
{
  int index;

  g_return_val_if_fail (MB_IS_ROADMAP_CANVAS (self), FALSE);

  index = find_item (self, node_id);
  return index >= 0 && gtk_widget_grab_focus (self->buttons->pdata[index]);
}

static void
clear_items (MbRoadmapCanvas *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_unparent (self->buttons->pdata[i]);
  g_ptr_array_set_size (self->buttons, 0);
  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->item_y, 0);
}

static void
build_items (MbRoadmapCanvas *self)
{
  double y = self->layout.header_height;

  clear_items (self);
  if (self->roadmap == NULL)
    return;

  for (guint g = 0; g < self->roadmap->groups->len; g++)
    {
      const MbRoadmapGroup *group = self->roadmap->groups->pdata[g];

      y += GROUP_ROW;
      for (guint i = 0; i < group->items->len; i++, y += self->layout.row_height)
        {
          MbRoadmapItem *item = group->items->pdata[i];
          g_autofree char *description = item_description (item);
          GtkWidget *button = gtk_button_new ();
          GtkEventController *keys = gtk_event_controller_key_new ();

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_add_css_class (button, "roadmap-item");
          gtk_widget_set_tooltip_text (button, description);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _("Left and Right move it; with Shift, its end"),
                                          -1);
          g_signal_connect (keys, "key-pressed", G_CALLBACK (button_key_pressed_cb), self);
          g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
          gtk_widget_add_controller (button, keys);
          gtk_widget_set_parent (button, GTK_WIDGET (self));
          g_ptr_array_add (self->buttons, button);
          g_ptr_array_add (self->items, item);
          g_array_append_val (self->item_y, y);
        }
    }
}

static void
reload (MbRoadmapCanvas *self)
{
  g_autoptr(GError) error = NULL;

  clear_items (self);
  g_clear_pointer (&self->roadmap, mb_roadmap_free);
  if (self->store != NULL && self->strategy_id != NULL)
    {
      self->roadmap = mb_roadmap_query (self->store, self->strategy_id, self->grouping,
                                        self->statuses
                                          ? (MbPlanStatus *) (void *) self->statuses->data : NULL,
                                        self->statuses ? self->statuses->len : 0,
                                        self->contributes_to, NULL, &error);
      if (self->roadmap == NULL)
        g_message ("Roadmap: %s", error->message);
    }
  relayout (self);
  build_items (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbRoadmapCanvas    *self)
{
  static const char * const watched[] = {
    "nodes", "strategies", "links", "levels", "organisations",
  };

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    if (mb_store_changes_include (tables, watched[i]))
      {
        reload (self);
        return;
      }
}

/* Moving */

static void
shifted_period (const MbPeriod *period,
                const GDate    *from,
                int             days,
                MbPeriod       *out)
{
  GDate date = *from;

  if (period->precision == MB_PERIOD_NONE)
    {
      *out = *period;
      return;
    }
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  mb_period_from_date (out, period->precision, &date);
}

static gboolean
apply (MbRoadmapCanvas     *self,
       const MbRoadmapItem *item,
       const MbPeriod      *start,
       const MbPeriod      *end,
       GError             **error)
{
  if (mb_period_compare (start, &item->plan.start) == 0 &&
      start->precision == item->plan.start.precision &&
      mb_period_compare (end, &item->plan.end) == 0 &&
      end->precision == item->plan.end.precision)
    return TRUE;
  return mb_roadmap_reschedule (self->store, item->node_id, start, end, error);
}

gboolean
mb_roadmap_canvas_move_item (MbRoadmapCanvas  *self,
                             const char       *node_id,
                             int               days,
                             gboolean          lengthen,
                             GError          **error)
{
  const MbRoadmapItem *item;
  MbPeriod start, end;
  GDate first, last;
  int index;

  g_return_val_if_fail (MB_IS_ROADMAP_CANVAS (self), FALSE);

  if ((index = find_item (self, node_id)) < 0)
    return TRUE;
  item = self->items->pdata[index];
  start = item->plan.start;
  end = item->plan.end;
  if (item->plan.start.precision != MB_PERIOD_NONE)
    mb_period_get_first_day (&item->plan.start, &first);
  /* A moved end goes where its first day lands; a lengthened one where its
   * last day lands, so that a lengthened "2021" reaches the year the
   * pointer is in. */
  if (item->plan.end.precision != MB_PERIOD_NONE)
    {
      if (lengthen)
        mb_period_get_last_day (&item->plan.end, &last);
      else
        mb_period_get_first_day (&item->plan.end, &last);
    }

  if (!lengthen)
    shifted_period (&item->plan.start, &first, days, &start);
  if (item->plan.end.precision != MB_PERIOD_NONE)
    shifted_period (&item->plan.end, &last, days, &end);
  else if (lengthen)
    return TRUE;   /* an open end has nothing to drag */
  return apply (self, item, &start, &end, error);
}

gboolean
mb_roadmap_canvas_step_item (MbRoadmapCanvas  *self,
                             const char       *node_id,
                             int               steps,
                             gboolean          lengthen,
                             GError          **error)
{
  const MbRoadmapItem *item;
  MbPeriod start, end;
  int index;

  g_return_val_if_fail (MB_IS_ROADMAP_CANVAS (self), FALSE);

  if ((index = find_item (self, node_id)) < 0)
    return TRUE;
  item = self->items->pdata[index];
  start = item->plan.start;
  end = item->plan.end;
  if ((!lengthen && start.precision != MB_PERIOD_NONE && !mb_period_shift (&start, steps)) ||
      (end.precision != MB_PERIOD_NONE && !mb_period_shift (&end, steps)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The time plan would leave the years 1900 to 2200"));
      return FALSE;
    }
  return apply (self, item, &start, &end, error);
}

/* Gestures */

static int
item_at (MbRoadmapCanvas *self,
         double           x,
         double           y,
         gboolean        *at_end)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const MbRoadmapItem *item = self->items->pdata[i];
      double row = g_array_index (self->item_y, double, i);
      double x0, x1;

      if (y < row || y >= row + self->layout.row_height)
        continue;
      x0 = mb_roadmap_layout_date_x (&self->layout, self->roadmap, &item->first_day);
      x1 = MAX (x0 + 6.0, mb_roadmap_layout_date_x (&self->layout, self->roadmap,
                                                    &item->last_day));
      if (x < x0 - HANDLE / 2 || x > x1 + HANDLE)
        return -1;
      *at_end = !item->open_end && x >= x1 - HANDLE;
      return (int) i;
    }
  return -1;
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               MbRoadmapCanvas *self)
{
  gboolean at_end = FALSE;
  int index = self->store && !mb_store_is_read_only (self->store) ? item_at (self, x, y, &at_end)
                                                                   : -1;

  if (index < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag = at_end ? DRAG_LENGTHEN : DRAG_MOVE;
  self->drag_item = (guint) index;
  self->drag_dx = 0;
  gtk_widget_grab_focus (self->buttons->pdata[index]);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                MbRoadmapCanvas *self)
{
  if (self->drag == DRAG_NONE)
    return;
  self->drag_dx = dx;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             MbRoadmapCanvas *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *node_id = NULL;
  gboolean lengthen = self->drag == DRAG_LENGTHEN;
  int days;

  if (self->drag == DRAG_NONE)
    return;
  node_id = g_strdup (((MbRoadmapItem *) self->items->pdata[self->drag_item])->node_id);
  days = (int) lround (dx / self->layout.line_width * self->layout.days);
  self->drag = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (days != 0 && !mb_roadmap_canvas_move_item (self, node_id, days, lengthen, &error))
    show_error (self, error);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                MbRoadmapCanvas  *self)
{
  self->drag = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
canvas_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       MbRoadmapCanvas       *self)
{
  /* Escape lets a drag go, leaving no trace. */
  if (keyval == GDK_KEY_Escape && self->drag != DRAG_NONE)
    {
      self->drag = DRAG_NONE;
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }
  return FALSE;
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 MbRoadmapCanvas *self)
{
  mb_canvas_palette_init (&self->palette, adw_style_manager_get_dark (manager));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
mb_roadmap_canvas_new (void)
{
  return g_object_new (MB_TYPE_ROADMAP_CANVAS, NULL);
}

void
mb_roadmap_canvas_set_store (MbRoadmapCanvas *self,
                             MbStore         *store)
{
  g_return_if_fail (MB_IS_ROADMAP_CANVAS (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  reload (self);
}

void
mb_roadmap_canvas_set_strategy (MbRoadmapCanvas *self,
                                const char      *strategy_id)
{
  g_return_if_fail (MB_IS_ROADMAP_CANVAS (self));

  if (g_strcmp0 (self->strategy_id, strategy_id) == 0)
    return;
  g_free (self->strategy_id);
  self->strategy_id = g_strdup (strategy_id);
  reload (self);
}

void
mb_roadmap_canvas_set_filter (MbRoadmapCanvas    *self,
                              MbRoadmapGrouping   grouping,
                              const MbPlanStatus *statuses,
                              guint               n_statuses,
                              const char         *contributes_to)
{
  g_return_if_fail (MB_IS_ROADMAP_CANVAS (self));

  self->grouping = grouping;
  g_clear_pointer (&self->statuses, g_array_unref);
  if (statuses != NULL)
    {
      self->statuses = g_array_new (FALSE, FALSE, sizeof (MbPlanStatus));
      g_array_append_vals (self->statuses, statuses, n_statuses);
    }
  g_free (self->contributes_to);
  self->contributes_to = g_strdup (contributes_to);
  reload (self);
}

void
mb_roadmap_canvas_set_zoom (MbRoadmapCanvas *self,
                            double           zoom)
{
  g_return_if_fail (MB_IS_ROADMAP_CANVAS (self));

  zoom = CLAMP (zoom, 1.0, 16.0);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  relayout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

double
mb_roadmap_canvas_get_zoom (MbRoadmapCanvas *self)
{
  g_return_val_if_fail (MB_IS_ROADMAP_CANVAS (self), 1.0);
  return self->zoom;
}

const MbRoadmap *
mb_roadmap_canvas_get_roadmap (MbRoadmapCanvas *self)
{
  g_return_val_if_fail (MB_IS_ROADMAP_CANVAS (self), NULL);
  return self->roadmap;
}

/* GObject */

static void
mb_roadmap_canvas_dispose (GObject *object)
{
  MbRoadmapCanvas *self = MB_ROADMAP_CANVAS (object);

  clear_items (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->roadmap, mb_roadmap_free);

  G_OBJECT_CLASS (mb_roadmap_canvas_parent_class)->dispose (object);
}

static void
mb_roadmap_canvas_finalize (GObject *object)
{
  MbRoadmapCanvas *self = MB_ROADMAP_CANVAS (object);

  g_ptr_array_unref (self->buttons);
  g_ptr_array_unref (self->items);
  g_array_unref (self->item_y);
  g_clear_pointer (&self->statuses, g_array_unref);
  g_free (self->strategy_id);
  g_free (self->contributes_to);

  G_OBJECT_CLASS (mb_roadmap_canvas_parent_class)->finalize (object);
}

static void
mb_roadmap_canvas_class_init (MbRoadmapCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_roadmap_canvas_dispose;
  object_class->finalize = mb_roadmap_canvas_finalize;
  widget_class->measure = mb_roadmap_canvas_measure;
  widget_class->size_allocate = mb_roadmap_canvas_size_allocate;
  widget_class->snapshot = mb_roadmap_canvas_snapshot;

  /* An item was activated (Enter, Space, a click on its title): its node. */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "roadmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mb_roadmap_canvas_init (MbRoadmapCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->buttons = g_ptr_array_new ();
  self->items = g_ptr_array_new ();
  self->item_y = g_array_new (FALSE, FALSE, sizeof (double));
  self->zoom = 1.0;
  self->grouping = MB_ROADMAP_BY_PARENT;
  mb_canvas_palette_init (&self->palette, adw_style_manager_get_dark (manager));
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self, 0);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  self->drag_gesture = drag;
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (canvas_key_pressed_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Roadmap"), -1);
}
