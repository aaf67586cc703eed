/* mb-canvas-node.c – a card of the canvas, as the accessibility tree sees it
 *
 * GTK 4.8 has no API for accessible objects that are not widgets, so each
 * card has a child widget that draws nothing (the canvas draws the cards)
 * and takes no pointer input (the canvas hit-tests), but can hold the
 * keyboard focus, has a name and a role, and can be activated through
 * AT-SPI like a button: as GNOME Calendar's week grid places its events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-canvas-node.h"

struct _MbCanvasNode
{
  GtkButton  parent_instance;

  char      *node_id;
  char      *label;
  char      *description;
  guint      level;
};

G_DEFINE_FINAL_TYPE (MbCanvasNode, mb_canvas_node, GTK_TYPE_BUTTON)

static void
mb_canvas_node_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  /* The canvas draws the card, its focus and its selection. */
}

static void
mb_canvas_node_finalize (GObject *object)
{
  MbCanvasNode *self = MB_CANVAS_NODE (object);

  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (mb_canvas_node_parent_class)->finalize (object);
}

static void
mb_canvas_node_class_init (MbCanvasNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mb_canvas_node_finalize;
  widget_class->snapshot = mb_canvas_node_snapshot;

  /* Not "button": no theme style applies, so it adds nothing to draw. */
  gtk_widget_class_set_css_name (widget_class, "mbcanvasnode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
mb_canvas_node_init (MbCanvasNode *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
}

GtkWidget *
mb_canvas_node_new (void)
{
  return g_object_new (MB_TYPE_CANVAS_NODE, NULL);
}

const char *
mb_canvas_node_get_node_id (MbCanvasNode *self)
{
  g_return_val_if_fail (MB_IS_CANVAS_NODE (self), NULL);

  return self->node_id;
}

void
mb_canvas_node_update (MbCanvasNode *self,
                       const char   *node_id,
                       const char   *title,
                       const char   *code,
                       const char   *level_name,
                       const char   *status,
                       guint         level,
                       guint         n_links_in,
                       guint         n_links_out,
                       const char   *change)
{
  g_autofree char *links = NULL;
  g_autofree char *description = NULL;
  g_autofree char *plain = NULL;

  g_return_if_fail (MB_IS_CANVAS_NODE (self));

  if (g_strcmp0 (self->node_id, node_id) != 0)
    {
      g_free (self->node_id);
      self->node_id = g_strdup (node_id);
    }

  /* Translators: how many links end at a node and start from it */
  links = g_strdup_printf (_("%u links in, %u out"), n_links_in, n_links_out);
  if (code != NULL && code[0] != '\0')
    /* Translators: "Priority 1.1, 3 links in, 2 out" */
    plain = g_strdup_printf (_("%s %s, %s"), level_name ? level_name : "", code, links);
  else
    plain = g_strdup_printf (_("%s, %s"), level_name ? level_name : "", links);
  /* Its status and time plan, as the card's chip says them. */
  if (status != NULL)
    description = g_strdup_printf (_("%s, %s"), plain, status);
  else
    description = g_steal_pointer (&plain);
  /* What a comparison says of it comes first: it is why the card is marked. */
  if (change != NULL)
    {
      g_autofree char *described = g_steal_pointer (&description);

      description = g_strdup_printf (_("%s, %s"), change, described);
    }

  /* After a relayout most cards are as they were: say nothing new. */
  if (g_strcmp0 (self->label, title) == 0 && g_strcmp0 (self->description, description) == 0 &&
      self->level == level)
    return;
  g_free (self->label);
  self->label = g_strdup (title);
  g_free (self->description);
  self->description = g_strdup (description);
  self->level = level;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) level + 1,
                                  -1);
}
