/* mb-canvas-accessible.c – the cards as the accessibility tree and the
 * keyboard focus see them
 *
 * Each card gets an MbCanvasNode child (mb-canvas-node.c) when it first
 * comes into view, a batch per idle so that frames keep coming; the
 * children of cards off screen are not mapped. All cards are one Tab stop,
 * then the toolbar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-canvas-node.h"
#include "mb-canvas-private.h"

static void
node_clicked_cb (MbCanvas  *self,
                 GtkWidget *node)
{
  const char *id = mb_canvas_node_get_node_id (MB_CANVAS_NODE (node));

  /* Activated by keyboard (Enter, Space) or through AT-SPI: the first
   * activation selects the node, the next edits its title. */
  if (g_strcmp0 (_mb_canvas_primary_node (self), id) == 0)
    _mb_canvas_start_editing (self, mb_canvas_scene_lookup (self->scene, id));
  else
    mb_canvas_focus_node (self, id);
}

static void
node_focus_cb (GtkEventControllerFocus *controller,
               MbCanvas                *self)
{
  GtkWidget *node = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  _mb_canvas_set_cursor_id (self, mb_canvas_node_get_node_id (MB_CANVAS_NODE (node)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_node_widget (MbCanvas *self,
                    guint     card)
{
  const MbCanvasCard *c = mb_canvas_scene_get_card (self->scene, card);
  const char *level_name = NULL;
  g_autofree char *status = mb_canvas_render_status_text (c->row);
  g_autofree char *change = _mb_canvas_card_change (self, card);

  if (c->row->level < self->scene->data->level_names->len)
    level_name = g_ptr_array_index (self->scene->data->level_names, c->row->level);
  mb_canvas_node_update (g_ptr_array_index (self->node_widgets, card), c->row->id, c->row->title,
                         c->row->code, level_name, status, c->row->level, c->n_links_in,
                         c->n_links_out, change);
}

/* The accessible child of @card, made when first needed: making 2,000
 * widgets at once would stall the main loop for a second. */
GtkWidget *
_mb_canvas_ensure_node_widget (MbCanvas *self,
                               guint     card)
{
  GtkWidget *child = g_ptr_array_index (self->node_widgets, card);
  GtkEventController *focus;

  if (child != NULL)
    return child;

  child = g_object_ref_sink (mb_canvas_node_new ());
  g_signal_connect_object (child, "clicked", G_CALLBACK (node_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (node_focus_cb), self, 0);
  gtk_widget_add_controller (child, focus);
  gtk_widget_set_child_visible (child, FALSE);
  /* Before the toolbar, so that Tab order is cards, then tools. */
  gtk_widget_insert_before (child, GTK_WIDGET (self), self->toolbar);
  self->node_widgets->pdata[card] = child;
  update_node_widget (self, card);
  return child;
}

void
_mb_canvas_sync_node_widgets (MbCanvas *self)
{
  guint n = mb_canvas_scene_get_n_cards (self->scene);

  /* The children follow the cards by index; those that exist are renamed
   * (cheap when nothing changed), the rest come when in view. */
  g_ptr_array_set_size (self->node_widgets, n);
  for (guint i = 0; i < n; i++)
    if (g_ptr_array_index (self->node_widgets, i) != NULL)
      update_node_widget (self, i);
}

/* Makes the accessible children of cards in view that have none, a batch
 * at a time so that frames keep coming. */
static gboolean
more_children_cb (gpointer user_data)
{
  MbCanvas *self = user_data;
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t view = GRAPHENE_RECT_INIT (-64, -64, w + 128, h + 128);
  guint made = 0;

  for (guint i = 0; i < self->node_widgets->len; i++)
    {
      graphene_rect_t r;

      if (g_ptr_array_index (self->node_widgets, i) != NULL)
        continue;
      r = _mb_canvas_rect_to_widget (self, &mb_canvas_scene_get_card (self->scene, i)->rect);
      if (!graphene_rect_intersection (&r, &view, NULL))
        continue;
      if (made++ == MB_CANVAS_CHILDREN_PER_ALLOCATION)
        break;
      _mb_canvas_ensure_node_widget (self, i);
    }

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (made > MB_CANVAS_CHILDREN_PER_ALLOCATION)
    return G_SOURCE_CONTINUE;
  self->children_idle = 0;
  return G_SOURCE_REMOVE;
}

gboolean
_mb_canvas_focus (GtkWidget        *widget,
                  GtkDirectionType  direction)
{
  MbCanvas *self = MB_CANVAS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  /* GTK keeps the last focus child after the focus left (to another page,
   * say): coming back is entering, not moving on from it. */
  GtkWidget *focus_child = focus != NULL && gtk_widget_is_ancestor (focus, widget)
                           ? gtk_widget_get_focus_child (widget) : NULL;
  int cursor = _mb_canvas_cursor_card (self);
  GtkWidget *cursor_widget = cursor >= 0 ? _mb_canvas_ensure_node_widget (self, cursor) : NULL;

  /* A card has the focus but the cursor is elsewhere: a go-to (from the
   * comparison, whose rows take no focus from a click, the outline, a
   * search) selected another node while the focus stayed on the canvas.
   * The window's focus into the canvas then goes to that node's card, not
   * on from the old one to the toolbar. */
  if (direction == GTK_DIR_TAB_FORWARD && cursor_widget != NULL && focus_child != NULL &&
      focus_child != cursor_widget && g_ptr_array_find (self->node_widgets, focus_child, NULL))
    focus_child = NULL;
  /* One Tab stop for all the cards (arrows move between them), then the
   * toolbar: a strategy of 2,000 nodes is not 2,000 Tab presses. */
  if (focus_child == self->toolbar)
    {
      if (gtk_widget_child_focus (self->toolbar, direction))
        return TRUE;
      if (direction == GTK_DIR_TAB_BACKWARD && cursor_widget != NULL)
        {
          gtk_widget_set_child_visible (cursor_widget, TRUE);
          return gtk_widget_grab_focus (cursor_widget);
        }
      return FALSE;
    }

  if (focus_child != NULL && focus_child != self->entry)
    {
      if (direction == GTK_DIR_TAB_FORWARD)
        return gtk_widget_child_focus (self->toolbar, direction);
      if (direction == GTK_DIR_TAB_BACKWARD)
        return FALSE;
      /* Arrows are the key controller's. */
      return TRUE;
    }

  if (focus_child == self->entry)
    return gtk_widget_child_focus (self->entry, direction);

  if (gtk_widget_is_focus (widget))
    return direction == GTK_DIR_TAB_FORWARD
           ? gtk_widget_child_focus (self->toolbar, direction) : FALSE;

  if (direction == GTK_DIR_TAB_BACKWARD && gtk_widget_child_focus (self->toolbar, direction))
    return TRUE;
  if (cursor_widget != NULL)
    {
      _mb_canvas_scroll_to_card (self, cursor);
      gtk_widget_set_child_visible (cursor_widget, TRUE);
      return gtk_widget_grab_focus (cursor_widget);
    }
  return gtk_widget_grab_focus (widget);
}

GtkWidget *
mb_canvas_get_node_widget (MbCanvas   *self,
                           const char *node_id)
{
  int card;

  g_return_val_if_fail (MB_IS_CANVAS (self), NULL);

  card = mb_canvas_scene_lookup (self->scene, node_id);
  if (card < 0 || (guint) card >= self->node_widgets->len)
    return NULL;
  return _mb_canvas_ensure_node_widget (self, card);
}

/* Places the children of the cards in view (and of the focused one):
 * those off screen are not mapped, which keeps 2,000 cards cheap. */
void
_mb_canvas_allocate_node_widgets (MbCanvas *self,
                                  int       width,
                                  int       height)
{
  graphene_rect_t view = GRAPHENE_RECT_INIT (-64, -64, width + 128, height + 128);
  int cursor = _mb_canvas_cursor_card (self);
  gboolean more = FALSE;

  for (guint i = 0; i < self->node_widgets->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->node_widgets, i);
      graphene_rect_t r = _mb_canvas_rect_to_widget (self,
                                                     &mb_canvas_scene_get_card (self->scene,
                                                                                i)->rect);
      gboolean visible = graphene_rect_intersection (&r, &view, NULL) || (int) i == cursor;

      /* Made outside the allocation (adding a child queues a resize). */
      if (child == NULL)
        {
          more |= visible;
          continue;
        }
      gtk_widget_set_child_visible (child, visible);
      if (visible)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { (int) r.origin.x, (int) r.origin.y,
                                                     MAX ((int) r.size.width, 1),
                                                     MAX ((int) r.size.height, 1) },
                                  -1);
    }

  /* Children still to make for cards in view: in the next allocation, so
   * that frames keep coming meanwhile. */
  if (more && self->children_idle == 0)
    self->children_idle = g_idle_add_full (G_PRIORITY_LOW, more_children_cb, self, NULL);
}
