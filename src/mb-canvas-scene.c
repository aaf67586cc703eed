/* mb-canvas-scene.c – a strategy as cards and edges, placed: the canvas's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mb-canvas-scene.h"

/* Room around everything drawn, so that shadows and focus rings fit. */

/* The link handle's radius, and how far from it a press still hits it. */
#define HANDLE_HIT_RADIUS 9.0

MbCanvasEdgeKind
mb_canvas_edge_kind_from_string (const char *kind)
{
  if (g_strcmp0 (kind, "conflicts-with") == 0)
    return MB_CANVAS_EDGE_CONFLICTS;
  if (g_strcmp0 (kind, "depends-on") == 0)
    return MB_CANVAS_EDGE_DEPENDS;
  return MB_CANVAS_EDGE_CONTRIBUTES;
}

static MbLayoutEdgeKind
layout_kind (MbCanvasEdgeKind kind)
{
  switch (kind)
    {
    case MB_CANVAS_EDGE_CONFLICTS: return MB_LAYOUT_EDGE_CONFLICTS;
    case MB_CANVAS_EDGE_DEPENDS:   return MB_LAYOUT_EDGE_DEPENDS;
    case MB_CANVAS_EDGE_TREE:
    case MB_CANVAS_EDGE_CONTRIBUTES:
    default:                       return MB_LAYOUT_EDGE_CONTRIBUTES;
    }
}

/* Whether @node's parent is drawn as a tree edge: when it is in the same
 * strategy (always) and is not already joined to it by a link. */
static gboolean
has_tree_edge (const MbCanvasNodeRow *node)
{
  return node->parent_id != NULL;
}

MbLayoutGraph *
mb_canvas_scene_build_graph (const MbCanvasData *data)
{
  MbLayoutGraph *graph;
  g_autofree guint *rank_of_level = NULL;
  guint n_levels = 0;

  g_return_val_if_fail (data != NULL, NULL);

  /* Levels with no node take no row: a strategy that has only a vision and
   * its interventions should not show four empty bands between them. */
  for (guint i = 0; i < data->nodes->len; i++)
    {
      const MbCanvasNodeRow *node = g_ptr_array_index (data->nodes, i);

      n_levels = MAX (n_levels, node->level + 1);
    }
  rank_of_level = g_new0 (guint, n_levels + 1);
  for (guint i = 0; i < data->nodes->len; i++)
    {
      const MbCanvasNodeRow *node = g_ptr_array_index (data->nodes, i);

      rank_of_level[node->level] = 1;
    }
  for (guint level = 0, rank = 0; level < n_levels; level++)
    {
      gboolean used = rank_of_level[level] != 0;

      rank_of_level[level] = rank;
      if (used)
        rank++;
    }

  graph = mb_layout_graph_new (data->left_right ? MB_LAYOUT_DIRECTION_LEFT_RIGHT
                                                : MB_LAYOUT_DIRECTION_TOP_DOWN);
  /* Cross-strategy tabs hang below and above cards: keep room for them. */
  mb_layout_graph_set_spacing (graph, data->left_right ? 48.0 : 28.0,
                               data->left_right ? 72.0 : 64.0);

  for (guint i = 0; i < data->nodes->len; i++)
    {
      const MbCanvasNodeRow *node = g_ptr_array_index (data->nodes, i);
      guint n = mb_layout_graph_add_node (graph, node->id, MB_CANVAS_CARD_WIDTH,
                                          MB_CANVAS_CARD_HEIGHT,
                                          rank_of_level[node->level]);

      if (node->pinned)
        mb_layout_graph_pin_node (graph, n, node->x, node->y);
    }

  for (guint i = 0; i < data->links->len; i++)
    {
      const MbCanvasLinkRow *link = g_ptr_array_index (data->links, i);

      mb_layout_graph_add_edge (graph, link->from_id, link->to_id,
                                layout_kind (mb_canvas_edge_kind_from_string (link->kind)));
    }

  for (guint i = 0; i < data->nodes->len; i++)
    {
      const MbCanvasNodeRow *node = g_ptr_array_index (data->nodes, i);

      /* Parent first, so that dot draws the tree downward. */
      if (has_tree_edge (node))
        mb_layout_graph_add_edge (graph, node->parent_id, node->id, MB_LAYOUT_EDGE_CONTRIBUTES);
    }

  return graph;
}

static void
edge_clear (gpointer data)
{
  MbCanvasEdge *edge = data;

  g_clear_pointer (&edge->points, g_free);
}

static void
card_clear (gpointer data)
{
  MbCanvasCard *card = data;

  g_clear_pointer (&card->edges_in, g_array_unref);
  g_clear_pointer (&card->edges_out, g_array_unref);
}

static double
stub_width (const MbCanvasStubRow *stub,
            guint                  count)
{
  /* An estimate of the label's width at the tab's text size (render.c
   * ellipsizes to the rect), so that the scene needs no font. */
  double chars = g_utf8_strlen (stub->other_strategy_name, -1) + (count > 1 ? 5 : 0);

  return CLAMP (26.0 + 7.0 * chars, 48.0, MB_CANVAS_CARD_WIDTH - 20.0);
}

static void
place_stubs (MbCanvasScene *scene)
{
  g_autofree double *next_in = g_new0 (double, scene->cards->len);
  g_autofree double *next_out = g_new0 (double, scene->cards->len);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Group first: many links to one strategy are one tab with a count. */
  for (guint i = 0; i < scene->data->stubs->len; i++)
    {
      const MbCanvasStubRow *row = g_ptr_array_index (scene->data->stubs, i);
      int card = mb_canvas_scene_lookup (scene, row->node_id);
      g_autofree char *key = NULL;
      gpointer index;
      MbCanvasStub stub = { row, 0, 1, };

      if (card < 0)
        continue;
      key = g_strdup_printf ("%d %d %s", card, row->outgoing, row->other_strategy_id);
      if (g_hash_table_lookup_extended (groups, key, NULL, &index))
        {
          g_array_index (scene->stubs, MbCanvasStub, GPOINTER_TO_UINT (index)).count++;
          continue;
        }
      stub.card = (guint) card;
      g_hash_table_insert (groups, g_steal_pointer (&key), GUINT_TO_POINTER (scene->stubs->len));
      g_array_append_val (scene->stubs, stub);
    }

  for (guint i = 0; i < scene->stubs->len; i++)
    {
      MbCanvasStub *stub = &g_array_index (scene->stubs, MbCanvasStub, i);
      const MbCanvasCard *c = mb_canvas_scene_get_card (scene, stub->card);
      double width = stub_width (stub->row, stub->count);
      double *next = stub->row->outgoing ? &next_out[stub->card] : &next_in[stub->card];

      /* Outgoing tabs hang below the card, incoming ones sit on top of it,
       * side by side from the card's left. */
      stub->rect = GRAPHENE_RECT_INIT (c->rect.origin.x + 10.0 + *next,
                                       stub->row->outgoing
                                       ? c->rect.origin.y + c->rect.size.height - 1.0
                                       : c->rect.origin.y - MB_CANVAS_STUB_HEIGHT + 1.0,
                                       width, MB_CANVAS_STUB_HEIGHT);
      *next += width + 4.0;
    }
}

static void
place_level_labels (MbCanvasScene *scene)
{
  guint n_levels = scene->data->level_names->len;
  g_autofree double *sum = g_new0 (double, n_levels);
  g_autofree guint *count = g_new0 (guint, n_levels);
  double first = G_MAXDOUBLE;
  gboolean left_right = scene->data->left_right;

  for (guint i = 0; i < scene->cards->len; i++)
    {
      const MbCanvasCard *card = &g_array_index (scene->cards, MbCanvasCard, i);
      guint level = MIN (card->row->level, n_levels - 1);

      if (left_right)
        {
          sum[level] += mb_canvas_rect_center_x (&card->rect);
          first = MIN (first, card->rect.origin.y);
        }
      else
        {
          sum[level] += mb_canvas_rect_center_y (&card->rect);
          first = MIN (first, card->rect.origin.x);
        }
      count[level]++;
    }

  for (guint level = 0; level < n_levels; level++)
    {
      MbCanvasLevelLabel label = { g_ptr_array_index (scene->data->level_names, level), };
      double center;

      if (count[level] == 0)
        continue;
      center = sum[level] / count[level];
      if (left_right)
        label.rect = GRAPHENE_RECT_INIT (center - MB_CANVAS_CARD_WIDTH / 2.0,
                                         first - 20.0 - MB_CANVAS_STUB_HEIGHT - 22.0,
                                         MB_CANVAS_CARD_WIDTH, 22.0);
      else
        label.rect = GRAPHENE_RECT_INIT (first - MB_CANVAS_LEVEL_LABEL_SIZE, center - 20.0,
                                         MB_CANVAS_LEVEL_LABEL_SIZE - 20.0, 40.0);
      g_array_append_val (scene->labels, label);
    }
}

MbCanvasScene *
mb_canvas_scene_new (MbCanvasData   *data,
                     MbLayoutResult *result)
{
  MbCanvasScene *scene;
  gboolean empty = TRUE;
  guint n_links;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (mb_layout_result_get_n_nodes (result) == data->nodes->len, NULL);

  scene = g_new0 (MbCanvasScene, 1);
  scene->data = data;
  scene->cards = g_array_sized_new (FALSE, TRUE, sizeof (MbCanvasCard), data->nodes->len);
  g_array_set_clear_func (scene->cards, card_clear);
  scene->edges = g_array_new (FALSE, TRUE, sizeof (MbCanvasEdge));
  g_array_set_clear_func (scene->edges, edge_clear);
  scene->stubs = g_array_new (FALSE, TRUE, sizeof (MbCanvasStub));
  scene->labels = g_array_new (FALSE, TRUE, sizeof (MbCanvasLevelLabel));
  scene->index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < data->nodes->len; i++)
    {
      const MbCanvasNodeRow *row = g_ptr_array_index (data->nodes, i);
      MbLayoutRect r = mb_layout_result_get_node_rect (result, i);
      MbCanvasCard card = { row, };

      card.rect = GRAPHENE_RECT_INIT (r.x, r.y, r.width, r.height);
      card.edges_in = g_array_new (FALSE, FALSE, sizeof (guint));
      card.edges_out = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (scene->cards, card);
      g_hash_table_insert (scene->index, row->id, GUINT_TO_POINTER (i + 1));
      mb_canvas_rect_union (&scene->bounds, &empty, &card.rect);
    }

  n_links = data->links->len;
  for (guint i = 0; i < mb_layout_result_get_n_edges (result); i++)
    {
      MbCanvasEdge edge = { MB_CANVAS_EDGE_TREE, };

      if (i < n_links)
        {
          const MbCanvasLinkRow *link = g_ptr_array_index (data->links, i);

          edge.kind = mb_canvas_edge_kind_from_string (link->kind);
          edge.link_id = link->id;
        }
      g_array_append_val (scene->edges, edge);
    }

  /* Tree edges were added after the links, in node order, for each node
   * with a parent (see mb_canvas_scene_build_graph()). */
  {
    guint e = n_links;

    for (guint i = 0; i < data->nodes->len; i++)
      {
        const MbCanvasNodeRow *row = g_ptr_array_index (data->nodes, i);
        MbCanvasEdge *edge;

        if (!has_tree_edge (row))
          continue;
        g_return_val_if_fail (e < scene->edges->len, scene);
        edge = &g_array_index (scene->edges, MbCanvasEdge, e);
        /* Parent → child in the layout; the chain goes child → parent. */
        edge->from = (guint) mb_canvas_scene_lookup (scene, row->id);
        edge->to = (guint) mb_canvas_scene_lookup (scene, row->parent_id);
        e++;
      }
  }

  for (guint i = 0; i < scene->edges->len; i++)
    {
      MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, i);
      const MbLayoutPoint *points;
      guint n_points;
      gboolean bounds_empty = TRUE;

      if (i < n_links)
        {
          const MbCanvasLinkRow *link = g_ptr_array_index (data->links, i);

          edge->from = (guint) mb_canvas_scene_lookup (scene, link->from_id);
          edge->to = (guint) mb_canvas_scene_lookup (scene, link->to_id);
        }

      g_array_append_val (g_array_index (scene->cards, MbCanvasCard, edge->from).edges_out, i);
      g_array_append_val (g_array_index (scene->cards, MbCanvasCard, edge->to).edges_in, i);
      if (edge->kind != MB_CANVAS_EDGE_TREE)
        {
          g_array_index (scene->cards, MbCanvasCard, edge->from).n_links_out++;
          g_array_index (scene->cards, MbCanvasCard, edge->to).n_links_in++;
        }

      points = mb_layout_result_get_edge_spline (result, i, &n_points);
      if (points == NULL || n_points < 4)
        continue;
      edge->points = g_memdup2 (points, sizeof (MbLayoutPoint) * n_points);
      edge->n_points = n_points;
      edge->has_tip = mb_layout_result_get_edge_arrow (result, i, &edge->tip);

      for (guint p = 0; p < n_points; p++)
        {
          graphene_rect_t r = GRAPHENE_RECT_INIT (points[p].x, points[p].y, 0, 0);

          mb_canvas_rect_union (&edge->bounds, &bounds_empty, &r);
        }
      if (edge->has_tip)
        {
          graphene_rect_t r = GRAPHENE_RECT_INIT (edge->tip.x, edge->tip.y, 0, 0);

          mb_canvas_rect_union (&edge->bounds, &bounds_empty, &r);
        }
      /* Room for the arrowhead's wings and the conflict mark. */
      graphene_rect_inset (&edge->bounds, -12.0, -12.0);
      mb_canvas_rect_union (&scene->bounds, &empty, &edge->bounds);
    }

  place_stubs (scene);
  for (guint i = 0; i < scene->stubs->len; i++)
    mb_canvas_rect_union (&scene->bounds, &empty,
                          &g_array_index (scene->stubs, MbCanvasStub, i).rect);

  place_level_labels (scene);
  for (guint i = 0; i < scene->labels->len; i++)
    mb_canvas_rect_union (&scene->bounds, &empty,
                          &g_array_index (scene->labels, MbCanvasLevelLabel, i).rect);

  if (empty)
    scene->bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  graphene_rect_inset (&scene->bounds, -MB_CANVAS_SCENE_MARGIN, -MB_CANVAS_SCENE_MARGIN);

  return scene;
}

void
mb_canvas_scene_free (MbCanvasScene *scene)
{
  if (scene == NULL)
    return;

  g_clear_pointer (&scene->index, g_hash_table_unref);
  g_clear_pointer (&scene->cards, g_array_unref);
  g_clear_pointer (&scene->edges, g_array_unref);
  g_clear_pointer (&scene->stubs, g_array_unref);
  g_clear_pointer (&scene->labels, g_array_unref);
  g_clear_pointer (&scene->data, mb_canvas_data_free);
  g_free (scene);
}

MbCanvasScene *
mb_canvas_scene_load (MbStore     *store,
                      const char  *strategy_id,
                      GError     **error)
{
  g_autoptr(MbCanvasData) data = NULL;
  g_autoptr(MbLayoutGraph) graph = NULL;
  g_autoptr(MbLayoutResult) result = NULL;

  data = mb_store_canvas_load (store, strategy_id, error);
  if (data == NULL)
    return NULL;
  graph = mb_canvas_scene_build_graph (data);
  result = mb_layout_run (graph, error);
  if (result == NULL)
    return NULL;
  return mb_canvas_scene_new (g_steal_pointer (&data), result);
}

guint
mb_canvas_scene_get_n_cards (const MbCanvasScene *scene)
{
  return scene != NULL ? scene->cards->len : 0;
}

const MbCanvasCard *
mb_canvas_scene_get_card (const MbCanvasScene *scene,
                          guint                card)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (card < scene->cards->len, NULL);

  return &g_array_index (scene->cards, MbCanvasCard, card);
}

int
mb_canvas_scene_lookup (const MbCanvasScene *scene,
                        const char          *node_id)
{
  if (scene == NULL || node_id == NULL)
    return -1;
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (scene->index, node_id)) - 1;
}

int
mb_canvas_scene_card_at (const MbCanvasScene *scene,
                         double               x,
                         double               y)
{
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);

  if (scene == NULL)
    return -1;

  /* Last drawn is on top. A linear scan costs a few microseconds at 2,000
   * cards, well below a frame. */
  for (guint i = scene->cards->len; i > 0; i--)
    if (graphene_rect_contains_point (&g_array_index (scene->cards, MbCanvasCard, i - 1).rect,
                                      &p))
      return (int) i - 1;
  return -1;
}

int
mb_canvas_scene_stub_at (const MbCanvasScene *scene,
                         double               x,
                         double               y)
{
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);

  if (scene == NULL)
    return -1;

  for (guint i = 0; i < scene->stubs->len; i++)
    if (graphene_rect_contains_point (&g_array_index (scene->stubs, MbCanvasStub, i).rect, &p))
      return (int) i;
  return -1;
}

graphene_point_t
mb_canvas_scene_get_handle (const MbCanvasScene *scene,
                            guint                card)
{
  const MbCanvasCard *c = mb_canvas_scene_get_card (scene, card);

  /* The edge toward the next level: links are drawn from there. */
  if (scene->data->left_right)
    return GRAPHENE_POINT_INIT (c->rect.origin.x + c->rect.size.width,
                                mb_canvas_rect_center_y (&c->rect));
  return GRAPHENE_POINT_INIT (mb_canvas_rect_center_x (&c->rect),
                              c->rect.origin.y + c->rect.size.height);
}

gboolean
mb_canvas_scene_handle_at (const MbCanvasScene *scene,
                           guint                card,
                           double               x,
                           double               y)
{
  graphene_point_t handle = mb_canvas_scene_get_handle (scene, card);

  return hypot (x - handle.x, y - handle.y) <= HANDLE_HIT_RADIUS;
}

GArray *
mb_canvas_scene_cards_in_rect (const MbCanvasScene   *scene,
                               const graphene_rect_t *rect)
{
  GArray *cards = g_array_new (FALSE, FALSE, sizeof (guint));

  if (scene == NULL)
    return cards;

  for (guint i = 0; i < scene->cards->len; i++)
    if (graphene_rect_intersection (&g_array_index (scene->cards, MbCanvasCard, i).rect, rect,
                                    NULL))
      g_array_append_val (cards, i);
  return cards;
}

void
mb_canvas_scene_mark_chain (const MbCanvasScene *scene,
                            guint                card,
                            const char * const  *up,
                            const char * const  *down,
                            gboolean            *cards,
                            gboolean            *edges)
{
  const MbCanvasCard *c;

  g_return_if_fail (scene != NULL && card < scene->cards->len);

  cards[card] = TRUE;
  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *ids = pass == 0 ? up : down;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          int other = mb_canvas_scene_lookup (scene, ids[i]);

          /* Nodes of other strategies are in the chain too, but not here. */
          if (other >= 0)
            cards[other] = TRUE;
        }
    }

  for (guint e = 0; e < scene->edges->len; e++)
    {
      const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, e);

      if (edge->kind != MB_CANVAS_EDGE_CONFLICTS && cards[edge->from] && cards[edge->to])
        edges[e] = TRUE;
    }

  /* The node's own conflicts, and who is on their other side. */
  c = mb_canvas_scene_get_card (scene, card);
  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *list = pass == 0 ? c->edges_in : c->edges_out;

      for (guint i = 0; i < list->len; i++)
        {
          guint e = g_array_index (list, guint, i);
          const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge, e);

          if (edge->kind != MB_CANVAS_EDGE_CONFLICTS)
            continue;
          edges[e] = TRUE;
          cards[edge->from] = TRUE;
          cards[edge->to] = TRUE;
        }
    }
}

static double
along (const MbCanvasScene *scene,
       const MbCanvasCard  *card)
{
  return scene->data->left_right ? mb_canvas_rect_center_x (&card->rect)
                                 : mb_canvas_rect_center_y (&card->rect);
}

static double
across (const MbCanvasScene *scene,
        const MbCanvasCard  *card)
{
  return scene->data->left_right ? mb_canvas_rect_center_y (&card->rect)
                                 : mb_canvas_rect_center_x (&card->rect);
}

int
mb_canvas_scene_navigate (const MbCanvasScene *scene,
                          guint                card,
                          MbCanvasNav          nav)
{
  const MbCanvasCard *from;
  gboolean across_levels, forward;
  int best = -1;
  double best_score = G_MAXDOUBLE;

  g_return_val_if_fail (scene != NULL, -1);
  g_return_val_if_fail (card < scene->cards->len, -1);

  from = mb_canvas_scene_get_card (scene, card);
  if (scene->data->left_right)
    {
      across_levels = nav == MB_CANVAS_NAV_LEFT || nav == MB_CANVAS_NAV_RIGHT;
      forward = nav == MB_CANVAS_NAV_RIGHT || nav == MB_CANVAS_NAV_DOWN;
    }
  else
    {
      across_levels = nav == MB_CANVAS_NAV_UP || nav == MB_CANVAS_NAV_DOWN;
      forward = nav == MB_CANVAS_NAV_DOWN || nav == MB_CANVAS_NAV_RIGHT;
    }

  if (across_levels)
    {
      /* Along a link or tree edge first: the nearest linked card that lies
       * in that direction. */
      for (guint pass = 0; pass < 2; pass++)
        {
          GArray *list = pass == 0 ? from->edges_in : from->edges_out;

          for (guint i = 0; i < list->len; i++)
            {
              const MbCanvasEdge *edge = &g_array_index (scene->edges, MbCanvasEdge,
                                                         g_array_index (list, guint, i));
              guint other = edge->from == card ? edge->to : edge->from;
              const MbCanvasCard *o = mb_canvas_scene_get_card (scene, other);
              double d = along (scene, o) - along (scene, from);
              double score;

              if ((forward && d <= 0.5) || (!forward && d >= -0.5))
                continue;
              score = fabs (d) + 0.5 * fabs (across (scene, o) - across (scene, from));
              if (score < best_score)
                {
                  best_score = score;
                  best = (int) other;
                }
            }
        }
      if (best >= 0)
        return best;

      /* Unlinked: the nearest card of the next level in that direction. */
      for (guint i = 0; i < scene->cards->len; i++)
        {
          const MbCanvasCard *o = mb_canvas_scene_get_card (scene, i);
          int dl = (int) o->row->level - (int) from->row->level;
          double score;

          if (i == card || (forward && dl <= 0) || (!forward && dl >= 0))
            continue;
          score = abs (dl) * 1.0e6 + fabs (across (scene, o) - across (scene, from));
          if (score < best_score)
            {
              best_score = score;
              best = (int) i;
            }
        }
      return best;
    }

  /* Within the level: the next card along the row (or column). */
  for (guint i = 0; i < scene->cards->len; i++)
    {
      const MbCanvasCard *o = mb_canvas_scene_get_card (scene, i);
      double d;

      if (i == card || o->row->level != from->row->level)
        continue;
      d = across (scene, o) - across (scene, from);
      if ((forward && d <= 0.0) || (!forward && d >= 0.0))
        {
          /* Cards stacked on one spot: order them by index. */
          if (d != 0.0 || (forward ? i < card : i > card))
            continue;
        }
      if (fabs (d) < best_score)
        {
          best_score = fabs (d);
          best = (int) i;
        }
    }
  return best;
}
