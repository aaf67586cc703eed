/* mb-canvas-changes.c – a comparison of revisions on the canvas: marks, ghosts, legend
 *
 * While the window shows a comparison, each node and link it names is
 * marked in the change's colour with its sign and word (never colour
 * alone), removed nodes are drawn as ghosts where they were pinned, or at
 * the end of their level, removed links as faint dashed curves, and a
 * legend explains the marks. A node whose indicator's target changed is
 * marked changed too ("Target changed" on the card when that is all), and
 * its description says how. The marks are one render node, rebuilt with
 * the scene; a marked card's accessible description leads with the change,
 * and each ghost has an accessible child of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "mb-canvas-node.h"
#include "mb-canvas-private.h"
#include "mb-change-item.h"
#include "mb-store-editor-queries.h"

/* Room between a level's last card and the ghosts after it. */
#define GHOST_GAP 28.0

typedef struct
{
  MbRecord        *row;     /* borrowed from removed_nodes */
  graphene_rect_t  rect;
} MbCanvasGhost;

static int
lookup_kind (GHashTable *changes,
             const char *id)
{
  gpointer value;

  if (changes == NULL || id == NULL || !g_hash_table_lookup_extended (changes, id, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value) - 1;
}

static int
level_index (const MbCanvasScene *scene,
             const char          *level_id)
{
  for (guint i = 0; level_id != NULL && i < scene->data->level_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (scene->data->level_ids, i), level_id))
      return (int) i;
  return -1;
}

static const graphene_rect_t *
ghost_rect (MbCanvas   *self,
            const char *node_id)
{
  for (guint i = 0; self->ghosts != NULL && i < self->ghosts->len; i++)
    {
      MbCanvasGhost *ghost = &g_array_index (self->ghosts, MbCanvasGhost, i);

      if (g_strcmp0 (mb_record_get_id (ghost->row), node_id) == 0)
        return &ghost->rect;
    }
  return NULL;
}

/* Where a node is drawn: its card or its ghost. */
static const graphene_rect_t *
node_rect (MbCanvas   *self,
           const char *node_id)
{
  int card = mb_canvas_scene_lookup (self->scene, node_id);

  return card >= 0 ? &mb_canvas_scene_get_card (self->scene, card)->rect
                   : ghost_rect (self, node_id);
}

/* The next free place at the end of level @level: after its last card (or
 * ghost), along the level's row or column. */
static graphene_rect_t
end_of_level (MbCanvas *self,
              guint     level)
{
  const MbCanvasScene *scene = self->scene;
  gboolean left_right = scene->data->left_right;
  gboolean found = FALSE;
  double along = 0.0, across = 0.0;

  for (guint i = 0; i < scene->cards->len; i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (scene, i);
      const graphene_rect_t *r = &card->rect;
      double end = left_right ? r->origin.y + r->size.height : r->origin.x + r->size.width;

      if (card->row->level != level)
        continue;
      if (!found || end > along)
        along = end;
      across = left_right ? r->origin.x : r->origin.y;
      found = TRUE;
    }
  for (guint i = 0; found && i < self->ghosts->len; i++)
    {
      MbCanvasGhost *ghost = &g_array_index (self->ghosts, MbCanvasGhost, i);
      const graphene_rect_t *r = &ghost->rect;

      if ((left_right ? r->origin.x : r->origin.y) == across)
        along = MAX (along, left_right ? r->origin.y + r->size.height
                                       : r->origin.x + r->size.width);
    }
  if (!found)
    {
      /* A level with no cards left: a row (or column) after everything. */
      const graphene_rect_t *b = &self->plain_bounds;

      across = left_right ? b->origin.x + b->size.width : b->origin.y + b->size.height;
      along = (left_right ? b->origin.y : b->origin.x) + MB_CANVAS_LEVEL_LABEL_SIZE - GHOST_GAP;
      for (guint i = 0; i < self->ghosts->len; i++)
        {
          const graphene_rect_t *r = &g_array_index (self->ghosts, MbCanvasGhost, i).rect;

          if ((left_right ? r->origin.x : r->origin.y) == across)
            along = MAX (along, left_right ? r->origin.y + r->size.height
                                           : r->origin.x + r->size.width);
        }
    }
  return left_right
         ? GRAPHENE_RECT_INIT (across, along + GHOST_GAP, MB_CANVAS_CARD_WIDTH,
                               MB_CANVAS_CARD_HEIGHT)
         : GRAPHENE_RECT_INIT (along + GHOST_GAP, across, MB_CANVAS_CARD_WIDTH,
                               MB_CANVAS_CARD_HEIGHT);
}

static void
update_legend (MbCanvas *self)
{
  guint counts[MB_CHANGE_MOVED + 1] = { 0 };
  GtkWidget *row;
  GHashTableIter iter;
  gpointer value;

  gtk_widget_set_visible (self->legend, self->node_changes != NULL);
  if (self->node_changes == NULL)
    return;
  for (guint t = 0; t < 2; t++)
    {
      g_hash_table_iter_init (&iter, t == 0 ? self->node_changes : self->link_changes);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        counts[GPOINTER_TO_INT (value) - 1]++;
    }
  row = gtk_widget_get_next_sibling (gtk_widget_get_first_child (self->legend));
  for (MbChangeKind kind = MB_CHANGE_ADDED; row != NULL && kind <= MB_CHANGE_MOVED; kind++)
    {
      GtkWidget *count = gtk_widget_get_last_child (row);
      g_autofree char *text = g_strdup_printf ("%u", counts[kind]);
      /* Translators: a line of the canvas's legend, said: "Added: 2 nodes or links" */
      g_autofree char *said = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s: %u node or link",
                                                            "%s: %u nodes or links",
                                                            counts[kind]),
                                               mb_change_kind_label (kind), counts[kind]);

      gtk_label_set_text (GTK_LABEL (count), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, said,
                                      -1);
      row = gtk_widget_get_next_sibling (row);
    }
}

/* The ghosts' accessible children: named, described as removed, but not a
 * Tab stop (there is nothing to do with them). */
static void
sync_ghost_widgets (MbCanvas *self)
{
  guint n = self->ghosts != NULL ? self->ghosts->len : 0;

  g_ptr_array_set_size (self->ghost_widgets, 0);
  for (guint i = 0; i < n; i++)
    {
      MbCanvasGhost *ghost = &g_array_index (self->ghosts, MbCanvasGhost, i);
      GtkWidget *child = g_object_ref_sink (mb_canvas_node_new ());
      const char *level_id = mb_record_get_string (ghost->row, "level_id");
      int level = level_index (self->scene, level_id);

      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_child_visible (child, FALSE);
      gtk_widget_insert_before (child, GTK_WIDGET (self), self->toolbar);
      mb_canvas_node_update (MB_CANVAS_NODE (child), mb_record_get_id (ghost->row),
                             mb_record_get_title (ghost->row),
                             mb_record_get_string (ghost->row, "code"),
                             g_ptr_array_index (self->scene->data->level_names, level), NULL,
                             (guint) level, 0, 0, mb_change_kind_label (MB_CHANGE_REMOVED));
      g_ptr_array_add (self->ghost_widgets, child);
    }
}

void
_mb_canvas_place_changes (MbCanvas *self)
{
  const MbCanvasScene *scene = self->scene;

  g_array_set_size (self->ghosts, 0);
  if (scene != NULL && self->removed_nodes != NULL)
    for (guint i = 0; i < self->removed_nodes->len; i++)
      {
        MbRecord *row = g_ptr_array_index (self->removed_nodes, i);
        int level = level_index (scene, mb_record_get_string (row, "level_id"));
        double x = mb_record_get_double (row, "x"), y = mb_record_get_double (row, "y");
        MbCanvasGhost ghost = { row, GRAPHENE_RECT_INIT (0, 0, 0, 0) };

        /* Still a card (the comparison runs from now backwards), or its
         * level went too: nowhere to draw it. */
        if (mb_canvas_scene_lookup (scene, mb_record_get_id (row)) >= 0 || level < 0)
          continue;
        if (!isnan (x) && !isnan (y))
          ghost.rect = GRAPHENE_RECT_INIT (x - MB_CANVAS_CARD_WIDTH / 2.0,
                                           y - MB_CANVAS_CARD_HEIGHT / 2.0,
                                           MB_CANVAS_CARD_WIDTH, MB_CANVAS_CARD_HEIGHT);
        else
          ghost.rect = end_of_level (self, (guint) level);
        g_array_append_val (self->ghosts, ghost);
      }

  if (scene != NULL)
    {
      self->scene->bounds = self->plain_bounds;
      for (guint i = 0; i < self->ghosts->len; i++)
        {
          graphene_rect_t r = g_array_index (self->ghosts, MbCanvasGhost, i).rect;

          graphene_rect_inset (&r, -MB_CANVAS_SCENE_MARGIN, -MB_CANVAS_SCENE_MARGIN);
          graphene_rect_union (&self->scene->bounds, &r, &self->scene->bounds);
        }
    }
  sync_ghost_widgets (self);
  update_legend (self);
}

/* A mark's label on a card: "+ Added". */
static char *
mark_label (MbChangeKind kind)
{
  return g_strdup_printf ("%s %s", mb_change_kind_symbol (kind), mb_change_kind_label (kind));
}

/* The two ends of a removed link between the cards or ghosts of its nodes. */
static gboolean
removed_link_ends (MbCanvas         *self,
                   MbRecord         *link,
                   graphene_point_t *a,
                   graphene_point_t *b)
{
  const graphene_rect_t *from = node_rect (self, mb_record_get_string (link, "from_node_id"));
  const graphene_rect_t *to = node_rect (self, mb_record_get_string (link, "to_node_id"));

  if (from == NULL || to == NULL)
    return FALSE;
  if (self->scene->data->left_right)
    {
      gboolean forward = mb_canvas_rect_center_x (to) >= mb_canvas_rect_center_x (from);

      *a = GRAPHENE_POINT_INIT (forward ? from->origin.x + from->size.width : from->origin.x,
                                mb_canvas_rect_center_y (from));
      *b = GRAPHENE_POINT_INIT (forward ? to->origin.x : to->origin.x + to->size.width,
                                mb_canvas_rect_center_y (to));
    }
  else
    {
      gboolean down = mb_canvas_rect_center_y (to) >= mb_canvas_rect_center_y (from);

      *a = GRAPHENE_POINT_INIT (mb_canvas_rect_center_x (from),
                                down ? from->origin.y + from->size.height : from->origin.y);
      *b = GRAPHENE_POINT_INIT (mb_canvas_rect_center_x (to),
                                down ? to->origin.y : to->origin.y + to->size.height);
    }
  return TRUE;
}

/* Whether @node_id is marked for its indicators' targets alone. */
static gboolean
only_target_changed (MbCanvas   *self,
                     const char *node_id)
{
  return self->target_only != NULL && g_hash_table_contains (self->target_only, node_id);
}

void
_mb_canvas_build_changes_node (MbCanvas *self)
{
  const MbCanvasScene *scene = self->scene;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gsk_render_node_unref);
  const char *removed = mb_change_kind_symbol (MB_CHANGE_REMOVED);
  cairo_t *cr;

  g_clear_pointer (&self->changes_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (scene == NULL || self->node_changes == NULL)
    return;

  for (guint i = 0; i < scene->edges->len; i++)
    {
      const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, i);
      int kind = lookup_kind (self->link_changes, edge->link_id);
      graphene_rect_t bounds = edge->bounds;

      if (kind < 0 || edge->points == NULL)
        continue;
      graphene_rect_inset (&bounds, -24.0, -24.0);
      g_ptr_array_add (children, _mb_canvas_record (&bounds, &cr));
      mb_canvas_render_edge_change (cr, scene, i, kind, mb_change_kind_symbol (kind),
                                    &self->palette);
      cairo_destroy (cr);
    }

  for (guint i = 0; self->removed_links != NULL && i < self->removed_links->len; i++)
    {
      MbRecord *link = g_ptr_array_index (self->removed_links, i);
      graphene_point_t a, b;
      graphene_rect_t bounds;

      if (!removed_link_ends (self, link, &a, &b))
        continue;
      bounds = GRAPHENE_RECT_INIT (MIN (a.x, b.x) - 48, MIN (a.y, b.y) - 48,
                                   fabs (b.x - a.x) + 96, fabs (b.y - a.y) + 96);
      g_ptr_array_add (children, _mb_canvas_record (&bounds, &cr));
      mb_canvas_render_removed_link (cr, scene, a.x, a.y, b.x, b.y, removed, &self->palette);
      cairo_destroy (cr);
    }

  for (guint i = 0; i < self->ghosts->len; i++)
    {
      MbCanvasGhost *ghost = &g_array_index (self->ghosts, MbCanvasGhost, i);
      g_autofree char *label = mark_label (MB_CHANGE_REMOVED);
      graphene_rect_t bounds = ghost->rect;

      graphene_rect_inset (&bounds, -6.0, -6.0);
      g_ptr_array_add (children, _mb_canvas_record (&bounds, &cr));
      mb_canvas_render_ghost (cr, &ghost->rect, mb_record_get_string (ghost->row, "code"),
                              mb_record_get_title (ghost->row), &self->palette);
      mb_canvas_render_change_mark (cr, &ghost->rect, MB_CHANGE_REMOVED, label, &self->palette);
      cairo_destroy (cr);
    }

  for (guint i = 0; i < scene->cards->len; i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (scene, i);
      int kind = lookup_kind (self->node_changes, card->row->id);
      g_autofree char *label = NULL;
      graphene_rect_t bounds = card->rect;

      if (kind < 0)
        continue;
      /* Nothing of its own changed: say what did. */
      if (kind == MB_CHANGE_CHANGED && only_target_changed (self, card->row->id))
        label = g_strdup_printf ("%s %s", mb_change_kind_symbol (kind), _("Target changed"));
      else
        label = mark_label (kind);
      graphene_rect_inset (&bounds, -6.0, -6.0);
      g_ptr_array_add (children, _mb_canvas_record (&bounds, &cr));
      mb_canvas_render_change_mark (cr, &card->rect, kind, label, &self->palette);
      cairo_destroy (cr);
    }

  if (children->len > 0)
    self->changes_node = gsk_container_node_new ((GskRenderNode **) children->pdata,
                                                 children->len);
}

void
_mb_canvas_snapshot_changes (MbCanvas    *self,
                             GtkSnapshot *snapshot)
{
  if (self->changes_node != NULL)
    gtk_snapshot_append_node (snapshot, self->changes_node);
}

void
_mb_canvas_allocate_changes (MbCanvas *self,
                             int       width,
                             int       height)
{
  graphene_rect_t view = GRAPHENE_RECT_INIT (-64, -64, width + 128, height + 128);

  if (gtk_widget_get_visible (self->legend))
    {
      graphene_rect_t minimap;
      int w, h, x = (int) MB_CANVAS_MINIMAP_MARGIN;

      /* At the bottom left, beside the overview map: the details (or the
       * comparison) lie over the right of the canvas in a narrow window. */
      if (_mb_canvas_minimap_rect (self, &minimap))
        x = (int) (minimap.origin.x + minimap.size.width + 6 + MB_CANVAS_MINIMAP_MARGIN);
      gtk_widget_measure (self->legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      gtk_widget_measure (self->legend, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
      gtk_widget_size_allocate (self->legend,
                                &(GtkAllocation) { x, height - h - (int) MB_CANVAS_MINIMAP_MARGIN,
                                                   w, h }, -1);
    }

  for (guint i = 0; i < self->ghost_widgets->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (self->ghost_widgets, i);
      graphene_rect_t r = _mb_canvas_rect_to_widget (self,
                                                     &g_array_index (self->ghosts, MbCanvasGhost,
                                                                     i).rect);
      gboolean visible = graphene_rect_intersection (&r, &view, NULL);

      gtk_widget_set_child_visible (child, visible);
      if (visible)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { (int) r.origin.x, (int) r.origin.y,
                                                     MAX ((int) r.size.width, 1),
                                                     MAX ((int) r.size.height, 1) }, -1);
    }
}

char *
_mb_canvas_card_change (MbCanvas *self,
                        guint     card)
{
  const char *id = _mb_canvas_card_id (self, (int) card);
  int kind = lookup_kind (self->node_changes, id);
  const char *notes = self->target_notes ? g_hash_table_lookup (self->target_notes, id) : NULL;

  if (kind < 0)
    return NULL;
  if (notes != NULL)
    return g_strdup_printf (_("%s, %s"), mb_change_kind_label (kind), notes);
  return g_strdup (mb_change_kind_label (kind));
}

static void
unparent_ghost (gpointer widget)
{
  gtk_widget_unparent (widget);
  g_object_unref (widget);
}

void
_mb_canvas_init_changes (MbCanvas *self)
{
  GtkWidget *heading = gtk_label_new (_("Changes"));

  self->ghosts = g_array_new (FALSE, TRUE, sizeof (MbCanvasGhost));
  self->ghost_widgets = g_ptr_array_new_with_free_func (unparent_ghost);

  /* The legend: the sign, the word and the colour of each change, and how
   * many nodes and links have it. */
  self->legend = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->legend, "mb-canvas-legend");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Legend of the Comparison"), -1);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->legend), heading);
  for (MbChangeKind kind = MB_CHANGE_ADDED; kind <= MB_CHANGE_MOVED; kind++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *symbol = gtk_label_new (mb_change_kind_symbol (kind));
      GtkWidget *word = gtk_label_new (mb_change_kind_label (kind));
      GtkWidget *count = gtk_label_new ("0");

      gtk_widget_add_css_class (symbol, "mb-change-symbol");
      gtk_widget_add_css_class (symbol, mb_change_kind_css_class (kind));
      gtk_label_set_xalign (GTK_LABEL (word), 0);
      gtk_widget_set_hexpand (word, TRUE);
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_add_css_class (count, "dim-label");
      gtk_box_append (GTK_BOX (row), symbol);
      gtk_box_append (GTK_BOX (row), word);
      gtk_box_append (GTK_BOX (row), count);
      gtk_box_append (GTK_BOX (self->legend), row);
    }
  gtk_widget_set_can_target (self->legend, FALSE);
  gtk_widget_set_visible (self->legend, FALSE);
  gtk_widget_set_parent (self->legend, GTK_WIDGET (self));
}

void
_mb_canvas_dispose_changes (MbCanvas *self)
{
  g_clear_pointer (&self->ghost_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->legend, gtk_widget_unparent);
  g_clear_pointer (&self->ghosts, g_array_unref);
  g_clear_pointer (&self->node_changes, g_hash_table_unref);
  g_clear_pointer (&self->link_changes, g_hash_table_unref);
  g_clear_pointer (&self->target_notes, g_hash_table_unref);
  g_clear_pointer (&self->target_only, g_hash_table_unref);
  g_clear_pointer (&self->removed_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->removed_links, g_ptr_array_unref);
  g_clear_pointer (&self->changes_node, gsk_render_node_unref);
}

/* The old rows of the removed @entity ("nodes", "links") that @ids name. */
static GPtrArray *
removed_rows (MbCanvas    *self,
              const char  *from_id,
              const char  *table,
              GHashTable  *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *removed = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_hash_table_size (ids) == 0)
    return removed;
  rows = mb_store_list_revision_records (self->store, self->strategy_id, from_id, table, &error);
  if (rows == NULL)
    {
      _mb_canvas_show_error (self, error);
      return removed;
    }
  for (guint i = 0; i < rows->len; i++)
    if (g_hash_table_contains (ids, mb_record_get_id (g_ptr_array_index (rows, i))))
      g_ptr_array_add (removed, g_object_ref (g_ptr_array_index (rows, i)));
  return removed;
}

/* Marks the nodes that measure their progress with the indicator of the
 * target @change names: changed (if nothing else is), and described with
 * what happened to the target. */
static void
mark_target_change (MbCanvas       *self,
                    const MbChange *change,
                    const char     *from_id)
{
  g_autoptr(MbRecord) target = mb_change_find_target (self->store, self->strategy_id, from_id,
                                                      change->id);
  g_autoptr(GListModel) nodes = NULL;
  g_autofree char *note = NULL;

  if (target == NULL)
    return;
  nodes = mb_store_editor_list_related (self->store, MB_RELATED_INDICATOR_NODES,
                                        mb_record_get_string (target, "indicator_id"), NULL);
  if (nodes == NULL || g_list_model_get_n_items (nodes) == 0)
    return;
  note = mb_change_describe_target (change, target);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(MbEntityItem) node = g_list_model_get_item (nodes, i);
      const char *id = mb_entity_item_get_id (node);
      const char *before = g_hash_table_lookup (self->target_notes, id);

      if (!g_hash_table_contains (self->node_changes, id))
        {
          g_hash_table_insert (self->node_changes, g_strdup (id),
                               GINT_TO_POINTER (MB_CHANGE_CHANGED + 1));
          g_hash_table_add (self->target_only, g_strdup (id));
        }
      g_hash_table_insert (self->target_notes, g_strdup (id),
                           before ? g_strdup_printf (_("%s, %s"), before, note)
                                  : g_strdup (note));
    }
}

/* Public API */

void
mb_canvas_show_changes (MbCanvas   *self,
                        GPtrArray  *changes,
                        const char *from_id)
{
  g_autoptr(GHashTable) gone_nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) gone_links = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (MB_IS_CANVAS (self));

  g_clear_pointer (&self->node_changes, g_hash_table_unref);
  g_clear_pointer (&self->link_changes, g_hash_table_unref);
  g_clear_pointer (&self->target_notes, g_hash_table_unref);
  g_clear_pointer (&self->target_only, g_hash_table_unref);
  g_clear_pointer (&self->removed_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->removed_links, g_ptr_array_unref);

  if (changes != NULL)
    {
      self->node_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->link_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->target_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->target_only = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < changes->len; i++)
        {
          const MbChange *change = g_ptr_array_index (changes, i);
          gboolean node = g_str_equal (change->entity, "node");

          if (!node && !g_str_equal (change->entity, "link"))
            continue;
          g_hash_table_insert (node ? self->node_changes : self->link_changes,
                               g_strdup (change->id), GINT_TO_POINTER (change->kind + 1));
          if (change->kind == MB_CHANGE_REMOVED)
            g_hash_table_add (node ? gone_nodes : gone_links, change->id);
        }
      /* After the nodes' own changes: a target's mark gives way to them. */
      for (guint i = 0; i < changes->len; i++)
        {
          const MbChange *change = g_ptr_array_index (changes, i);

          if (g_str_equal (change->entity, "target"))
            mark_target_change (self, change, from_id);
        }
      self->removed_nodes = removed_rows (self, from_id, "nodes", gone_nodes);
      self->removed_links = removed_rows (self, from_id, "links", gone_links);
    }

  _mb_canvas_place_changes (self);
  /* The bands behind the levels and the overview reach the ghosts. */
  _mb_canvas_rebuild_nodes (self);
  _mb_canvas_sync_node_widgets (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

int
mb_canvas_get_change (MbCanvas   *self,
                      const char *id)
{
  int kind;

  g_return_val_if_fail (MB_IS_CANVAS (self), -1);

  kind = lookup_kind (self->node_changes, id);
  if (kind < 0)
    kind = lookup_kind (self->link_changes, id);
  return kind;
}

GtkWidget *
mb_canvas_get_ghost_widget (MbCanvas   *self,
                            const char *node_id)
{
  g_return_val_if_fail (MB_IS_CANVAS (self), NULL);

  for (guint i = 0; self->ghosts != NULL && i < self->ghosts->len; i++)
    if (g_strcmp0 (mb_record_get_id (g_array_index (self->ghosts, MbCanvasGhost, i).row),
                   node_id) == 0)
      return g_ptr_array_index (self->ghost_widgets, i);
  return NULL;
}

gboolean
mb_canvas_reveal_ghost (MbCanvas   *self,
                        const char *node_id)
{
  const graphene_rect_t *rect;

  g_return_val_if_fail (MB_IS_CANVAS (self), FALSE);

  rect = ghost_rect (self, node_id);
  if (rect == NULL)
    return FALSE;
  _mb_canvas_scroll_to_rect (self, rect);
  return TRUE;
}
