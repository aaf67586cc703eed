/* mb-bench-canvas.c – the canvas with a 2,000-node strategy: layout and frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a seeded strategy through the store's API in a temporary library
 * (by default 2,000 nodes on the six RUS levels, a tree plus about one link
 * per two nodes of all three kinds), then reports medians of:
 *   - reading the strategy from the store (mb_store_canvas_load),
 *   - laying it out in the worker (mb_layout_run_async → callback),
 *   - building the scene and the widget's cached render nodes and children,
 *   - the widget's snapshot per frame: idle, with a hover, during a drag of
 *     20 selected cards, and with the selection's chain highlighted,
 *   - rasterising a 1280×800 frame with the renderer in use.
 * Budgets (issue 5): layout < 1.5 s in a worker, snapshot < 16 ms, hover and
 * drag at display rate.
 *
 *   xvfb-run -a mb-bench-canvas [--nodes N] [--runs N] [--seed N]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "core/mb-store-canvas-queries.h"
#include "mb-canvas-private.h"
#include "mb-canvas.h"
#include "mb-bench-util.h"

static const double level_share[] = { 0.0005, 0.004, 0.02, 0.09, 0.3, 0.5855 };
#define N_LEVELS G_N_ELEMENTS (level_share)

static char *
generate (MbStore *store,
          guint32  seed,
          guint    n_nodes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCanvasData) data = NULL;
  GPtrArray *by_level[N_LEVELS] = { NULL, };
  char *strategy = mb_store_create_strategy (store, "Benchmark strategy", "rus", &error);
  guint placed = 0, n_links = 0;

  g_assert_no_error (error);
  data = mb_store_canvas_load (store, strategy, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < N_LEVELS; r++)
    {
      guint count = MAX (1, (guint) (level_share[r] * n_nodes + 0.5));

      if (r == N_LEVELS - 1)
        count = n_nodes - placed;
      by_level[r] = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < count; k++)
        {
          const char *parent = r == 0 ? NULL
                               : g_ptr_array_index (by_level[r - 1],
                                                    g_rand_int_range (rand, 0,
                                                                      by_level[r - 1]->len));
          g_autofree char *title = g_strdup_printf ("Node %u on level %u, with a title that "
                                                    "wraps", placed, r);
          char *id = mb_store_create_node (store, strategy, parent,
                                           g_ptr_array_index (data->level_ids, r), title,
                                           &error);

          g_assert_no_error (error);
          g_ptr_array_add (by_level[r], id);
          placed++;
        }
    }

  /* Links up the levels (contributes, so acyclic), some conflicts within a
   * level, some dependencies. */
  while (n_links < n_nodes / 2)
    {
      guint from_level = g_rand_int_range (rand, 3, N_LEVELS);
      guint to_level = g_rand_int_range (rand, 1, from_level);
      int dice = g_rand_int_range (rand, 0, 10);
      const char *kind = dice < 7 ? "contributes-to" : dice < 9 ? "depends-on" : "conflicts-with";
      const char *from = g_ptr_array_index (by_level[from_level],
                                            g_rand_int_range (rand, 0,
                                                              by_level[from_level]->len));
      const char *to = g_ptr_array_index (by_level[to_level],
                                          g_rand_int_range (rand, 0, by_level[to_level]->len));
      char *link = mb_store_create_link (store, from, to, kind, NULL);

      if (link != NULL)
        n_links++;
      g_free (link);
    }

  for (guint r = 0; r < N_LEVELS; r++)
    g_ptr_array_unref (by_level[r]);
  return strategy;
}

typedef struct
{
  gint64          start;
  double          elapsed;
  MbLayoutResult *result;
  gboolean        done;
} LayoutRun;

static void
layout_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LayoutRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->result = mb_layout_run_finish (result, &error);
  g_assert_no_error (error);
  run->elapsed = (g_get_monotonic_time () - run->start) / 1000.0;
  run->done = TRUE;
}

static double
time_one_snapshot (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  gint64 start = g_get_monotonic_time ();
  double ms;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_clear_pointer (&node, gsk_render_node_unref);
  return ms;
}

static double
time_snapshot (GtkWidget *widget,
               guint      runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs * 4; i++)
    {
      double ms = time_one_snapshot (widget);

      g_array_append_val (times, ms);
    }
  return mb_bench_median (times);
}

static double
time_render (GtkWidget *widget,
             GtkWidget *window,
             guint      runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  for (guint i = 0; i < runs; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      gint64 start;
      double ms;

      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      start = g_get_monotonic_time ();
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  return mb_bench_median (times);
}

static void
wait_for_scene (MbCanvas *canvas)
{
  while (mb_canvas_get_scene (canvas) == NULL || mb_canvas_is_busy (canvas))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  int n_nodes = 2000, runs = 5, seed = 1;
  GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Nodes in the strategy", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generator", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *strategy = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbSelection) selection = NULL;
  g_autoptr(GArray) t_load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_scene = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_widget = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MbCanvasData) data = NULL;
  GtkWidget *window, *canvas;
  const MbCanvasScene *scene;
  gint64 start;
  double ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("mb-bench-canvas-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.malbild", NULL);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  strategy = generate (store, (guint32) seed, (guint) n_nodes);
  g_print ("Generated a strategy of %d nodes through the store in %.0f ms\n", n_nodes,
           (g_get_monotonic_time () - start) / 1000.0);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(MbLayoutGraph) graph = NULL;
      LayoutRun run = { 0, };
      MbCanvasScene *s;

      g_clear_pointer (&data, mb_canvas_data_free);
      start = g_get_monotonic_time ();
      data = mb_store_canvas_load (store, strategy, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (t_load, ms);

      graph = mb_canvas_scene_build_graph (data);
      run.start = g_get_monotonic_time ();
      mb_layout_run_async (graph, NULL, layout_done_cb, &run);
      while (!run.done)
        g_main_context_iteration (NULL, TRUE);
      g_array_append_val (t_layout, run.elapsed);

      start = g_get_monotonic_time ();
      s = mb_canvas_scene_new (g_steal_pointer (&data), run.result);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (t_scene, ms);
      mb_canvas_scene_free (s);
      mb_layout_result_unref (run.result);
    }

  g_print ("\n%-52s %10s\n", "median of runs", "ms");
  g_print ("%-52s %10.1f\n", "read the strategy (store → MbCanvasData)", mb_bench_median (t_load));
  g_print ("%-52s %10.1f\n", "layout in the worker (dot, async)", mb_bench_median (t_layout));
  g_print ("%-52s %10.1f\n", "scene from the layout", mb_bench_median (t_scene));

  /* The widget, in a window of 1280×800. */
  selection = mb_selection_new ();
  canvas = mb_canvas_new (store, selection);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  mb_selection_set_strategy (selection, strategy);
  wait_for_scene (MB_CANVAS (canvas));

  for (int i = 0; i < runs; i++)
    {
      /* What the main thread does when a layout arrives: the scene, the
       * cached render nodes and the accessible children. */
      g_autoptr(MbLayoutGraph) graph = NULL;
      g_autoptr(MbLayoutResult) result = NULL;

      data = mb_store_canvas_load (store, strategy, &error);
      graph = mb_canvas_scene_build_graph (data);
      result = mb_layout_run (graph, &error);
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      _mb_canvas_set_scene (MB_CANVAS (canvas), mb_canvas_scene_new (g_steal_pointer (&data),
                                                                      result));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (t_widget, ms);
    }
  g_print ("%-52s %10.1f\n", "widget: scene + render nodes + 2,000 children", mb_bench_median (t_widget));

  scene = mb_canvas_get_scene (MB_CANVAS (canvas));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_print ("%-52s %10.2f\n", "snapshot, fitted (all cards in view), idle",
           time_snapshot (canvas, runs));

  start = g_get_monotonic_time ();
  mb_canvas_set_zoom (MB_CANVAS (canvas), 1.0);
  gtk_test_widget_wait_for_draw (window);
  g_print ("%-52s %10.2f\n", "first frame at 100 % (records cards, rasterises)",
           (g_get_monotonic_time () - start) / 1000.0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_print ("%-52s %10.2f\n", "snapshot at 100 %, idle", time_snapshot (canvas, runs));

  {
    /* Panning by small steps: the edges are recorded with a margin, so most
     * steps only move the cached node. */
    g_autoptr(GArray) pan = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < 40; i++)
      {
        start = g_get_monotonic_time ();
        _mb_canvas_drag_begin (MB_CANVAS (canvas), 5, 5, 0);
        _mb_canvas_drag_update (MB_CANVAS (canvas), -24, -8);
        _mb_canvas_drag_end (MB_CANVAS (canvas));
        gtk_test_widget_wait_for_draw (window);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (pan, ms);
      }
    g_print ("%-52s %10.2f\n", "a pan step at 100 %, frame drawn (median of 40)", mb_bench_median (pan));
  }

  {
    /* Hover over the card in the middle of the view. */
    int card = mb_canvas_scene_card_at (scene, mb_canvas_rect_center_x (&scene->bounds),
                                        mb_canvas_rect_center_y (&scene->bounds));
    g_auto(GStrv) nodes = NULL;
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();
    graphene_point_t p;

    card = MAX (card, 0);
    g_ptr_array_add (ids, (gpointer) mb_canvas_scene_get_card (scene, card)->row->id);
    for (guint i = 1; i < 20 && i < scene->cards->len; i++)
      g_ptr_array_add (ids, (gpointer) mb_canvas_scene_get_card (scene, scene->cards->len - 1
                                                                 - i * 7)->row->id);
    g_ptr_array_add (ids, NULL);

    start = g_get_monotonic_time ();
    mb_canvas_focus_node (MB_CANVAS (canvas),
                          mb_canvas_scene_get_card (scene, MAX (card, 0))->row->id);
    g_print ("%-52s %10.2f\n", "select a node (chain query + selection layer)",
             (g_get_monotonic_time () - start) / 1000.0);
    g_print ("%-52s %10.2f\n", "first snapshot after selecting",
             time_one_snapshot (canvas));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_print ("%-52s %10.2f\n", "snapshot with a node selected (chain highlighted)",
             time_snapshot (canvas, runs));

    mb_selection_select_nodes (selection, (const char * const *) ids->pdata);
    p = _mb_canvas_scene_to_widget (MB_CANVAS (canvas),
                                    mb_canvas_rect_center_x (&mb_canvas_scene_get_card (
                                      scene, card)->rect),
                                    mb_canvas_rect_center_y (&mb_canvas_scene_get_card (
                                      scene, card)->rect));
    start = g_get_monotonic_time ();
    _mb_canvas_drag_begin (MB_CANVAS (canvas), p.x, p.y, 0);
    _mb_canvas_drag_update (MB_CANVAS (canvas), 10, 10);
    g_print ("%-52s %10.2f\n", "drag start of 20 cards (static node rebuilt once)",
             (g_get_monotonic_time () - start) / 1000.0);
    _mb_canvas_drag_update (MB_CANVAS (canvas), 40, 25);
    g_print ("%-52s %10.2f\n", "snapshot during the drag of 20 cards",
             time_snapshot (canvas, runs));
    g_print ("%-52s %10.2f\n", "rasterise a 1280×800 frame during the drag",
             time_render (canvas, window, runs));
    _mb_canvas_cancel (MB_CANVAS (canvas));
  }

  g_print ("%-52s %10.2f\n", "rasterise a 1280×800 frame at 100 %",
           time_render (canvas, window, runs));
  g_print ("\nRenderer: %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
