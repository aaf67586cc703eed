/* mb-bench-gui.c – the app's window on the large library, as the user meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a -s '-screen 0 1280x1024x24' mb-bench-gui [--runs N] [--library PATH]
 *     [--only switch,select,pan,views,contributions]
 *
 * Generates design.md's "large" library with seed 1 (or copies PATH) and,
 * N times (default 5), in a new MbWindow of 1280 × 1024 each time:
 *  - "open": opens the library and shows its first strategy, to the first
 *    painted frame and to the frame with the strategy's layout; the peak
 *    resident memory meanwhile and the widgets in the window;
 *  - "switch": shows another strategy (the largest), then the first one
 *    again: blocked time, first frame, the first frame with the new
 *    strategy on the canvas ("useful") and with its final layout;
 *  - "select": selects nodes of the strategy on the canvas, one by one;
 *  - "views": shows Indicators, Projects, Funding calls, Follow-up and
 *    Roadmap, each for the first time in this window;
 *  - "contributions": "What contributes to this?" on the vision, to the
 *    first painted rows; resident memory before, while shown, and after
 *    going back.
 * Every time is from the action, run from the main loop, to the end of a
 * frame the frame clock paints ("after-paint"); "blocked" is the longest
 * stretch the main loop did not return to its poll meanwhile.
 * The first window's numbers are printed alone (the process's first
 * window: types, CSS and the disk cache are cold), then medians (min–max)
 * of the others.
 *
 * Then start-up, as separate processes, interleaved N times: this program
 * as the app (MbApplication on the example library, as main.c runs it) and
 * mb-bench-bare-window (a bare AdwApplicationWindow), each from its spawn to
 * the end of its first painted frame.
 *
 * With MB_BENCH_DUMP set, prints the window's widget tree after opening,
 * down to the subtrees of 100 widgets or more: where the widgets are.
 * With MB_BENCH_TRACE set, prints each measured stretch's start and end in
 * seconds of CLOCK_MONOTONIC, to cut a `perf record -k CLOCK_MONOTONIC`
 * profile by action.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "core/mb-core.h"
#include "mb-application.h"
#include "mb-bench-gui-util.h"
#include "mb-bench-util.h"
#include "mb-canvas-private.h"
#include "mb-contributions-page.h"
#include "mb-exchange.h"
#include "mb-generator.h"
#include "mb-layout.h"
#include "mb-selection.h"
#include "mb-store-private.h"
#include "mb-window.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))
#define TIMEOUT_MS 120000.0
#define N_SELECTS 8
#define N_PANS 8

static const char * const views[] = { "indicators", "projects", "calls", "follow-up", "roadmap" };

typedef struct
{
  MbApplication *app;
  const char    *library;
  GtkWidget     *window;
  MbCanvas      *canvas;
  GtkWidget     *page;     /* the contributions page */
  MbSelection   *selection;
  char          *strategy;     /* the strategy to show next */
  guint          scenes;       /* "scene-ready" since the action */
  const char    *arg;
  char         **only;         /* the parts to measure after the open, or NULL for all */
} Bench;

typedef struct
{
  GArray *open_frame, *open_layout, *open_blocked, *peak, *widgets, *mapped;
  GArray *switch_blocked, *switch_frame, *switch_useful, *switch_final;
  GArray *back_blocked, *back_frame, *back_useful, *back_final;
  GArray *select_blocked, *select_frame;
  GArray *pan_blocked, *pan_frame, *zoom_blocked, *zoom_frame;
  GArray *view_blocked[G_N_ELEMENTS (views)], *view_frame[G_N_ELEMENTS (views)];
  GArray *contrib_blocked, *contrib_frame, *contrib_growth, *contrib_kept, *contrib_rows;
  GArray *leave_frame;
} Results;

static void
scene_ready_cb (MbCanvas *canvas,
                Bench    *b)
{
  b->scenes++;
}

static gboolean
layout_shown (gpointer data)
{
  Bench *b = data;

  if (b->canvas == NULL)
    b->canvas = MB_CANVAS (mb_bench_find_widget (b->window, MB_TYPE_CANVAS));
  return b->canvas != NULL && mb_canvas_get_scene (b->canvas) != NULL
         && !mb_canvas_is_busy (b->canvas);
}

static gboolean
new_scene_shown (gpointer data)
{
  Bench *b = data;

  return b->scenes > 0;
}

static gboolean
final_scene_shown (gpointer data)
{
  Bench *b = data;

  return b->scenes > 0 && !mb_canvas_is_busy (b->canvas);
}

static gboolean
rows_shown (gpointer data)
{
  Bench *b = data;

  return mb_bench_count_widgets (b->page, "mb-contributions-row") > 0;
}

static void
open_action (gpointer data)
{
  Bench *b = data;

  b->window = g_object_new (MB_TYPE_WINDOW, "application", b->app, NULL);
  gtk_window_set_default_size (GTK_WINDOW (b->window), 1280, 1024);
  if (!mb_window_open_library (MB_WINDOW (b->window), b->library))
    g_error ("could not open %s", b->library);
  gtk_window_present (GTK_WINDOW (b->window));
}

static void
switch_action (gpointer data)
{
  Bench *b = data;

  b->scenes = 0;
  mb_selection_set_strategy (b->selection, b->strategy);
}

static void
select_action (gpointer data)
{
  Bench *b = data;

  mb_selection_select (b->selection, MB_KIND_NODE, b->arg);
}

/* A press of an arrow key on the canvas. */
static void
pan_action (gpointer data)
{
  Bench *b = data;

  _mb_canvas_pan_by (b->canvas, MB_CANVAS_PAN_STEP, 0);
}

static void
zoom_action (gpointer data)
{
  Bench *b = data;

  gtk_widget_activate_action (GTK_WIDGET (b->canvas), b->arg, NULL);
}

static void
view_action (gpointer data)
{
  Bench *b = data;
  AdwViewStack *stack = ADW_VIEW_STACK (mb_bench_find_widget (b->window, ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, b->arg);
}

static void
contributions_action (gpointer data)
{
  Bench *b = data;

  gtk_widget_activate_action (b->window, "win.show-contributions", "(ss)", b->arg, "down");
}

static void
back_action (gpointer data)
{
  Bench *b = data;

  gtk_widget_activate_action (b->window, "win.go-back", NULL);
}

static char **
query_ids (MbStore    *store,
           const char *sql,
           const char *param)
{
  sqlite3 *db = mb_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static void
add (GArray *array,
     double  value)
{
  g_array_append_val (array, value);
}

static guint
count_mapped (GtkWidget *root)
{
  guint n = gtk_widget_get_mapped (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_mapped (child);
  return n;
}

static void
dump (GtkWidget *w,
      int        depth)
{
  guint n = mb_bench_count_widgets (w, NULL);

  if (n < 100)
    return;
  g_print ("%*s%s %s: %u (%s)\n", depth * 2, "", G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w), n,
           gtk_widget_get_mapped (w) ? "mapped" : "unmapped");
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    dump (c, depth + 1);
}

static gboolean
wanted (Bench      *b,
        const char *part)
{
  return b->only == NULL || g_strv_contains ((const char * const *) b->only, part);
}

static void
one_window (Bench      *b,
            const char *largest,
            const char *vision,
            Results    *r,
            gboolean    keep)
{
  g_autofree char *first = NULL;
  g_auto(GStrv) nodes = NULL;
  MbStore *store;
  MbBenchTimes t;
  double peak, before, after, left;
  guint n_widgets, n_mapped, n_rows;

  /* Open: the window, its library and the first strategy, laid out. */
  mb_bench_gui_settle ();
  mb_bench_reset_peak_rss ();
  b->canvas = NULL;
  b->scenes = 0;
  mb_bench_gui_measure (&b->window, open_action, NULL, layout_shown, b, TIMEOUT_MS, &t);
  peak = mb_bench_peak_rss_mb ();
  b->selection = mb_window_get_selection (MB_WINDOW (b->window));
  store = mb_window_get_store (MB_WINDOW (b->window));
  g_signal_connect (b->canvas, "scene-ready", G_CALLBACK (scene_ready_cb), b);
  n_widgets = mb_bench_count_widgets (b->window, NULL);
  n_mapped = count_mapped (b->window);
  first = g_strdup (mb_selection_get_strategy (b->selection));
  if (g_getenv ("MB_BENCH_DUMP"))
    dump (b->window, 0);
  if (!keep)
    g_print ("renderer %s; GTK %u.%u.%u; libadwaita %u.%u.%u\n",
             G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (b->window))),
             gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
             adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
  g_print ("%s: open %.0f ms to the first frame (%.0f blocked), %.0f ms to the layout (%.0f "
           "blocked); peak RSS %.0f MB; %u widgets, %u mapped\n",
           keep ? "window" : "first window", t.first_frame, t.blocked_first, t.done_frame,
           t.blocked, peak, n_widgets, n_mapped);
  if (keep)
    {
      add (r->open_frame, t.first_frame);
      add (r->open_blocked, t.blocked);
      add (r->open_layout, t.done_frame);
      add (r->peak, peak);
      add (r->widgets, n_widgets);
      add (r->mapped, n_mapped);
    }

  /* Switch to the largest strategy (another if it is the first), and back. */
  g_free (b->strategy);
  b->strategy = g_strdup (largest);
  if (g_strcmp0 (first, largest) == 0)
    {
      g_auto(GStrv) others = query_ids (store, "SELECT id FROM strategies WHERE id <> ?1 "
                                               "ORDER BY id LIMIT 1", first);
      g_free (b->strategy);
      b->strategy = g_strdup (others[0]);
    }
  for (int back = 0; back < 2 && wanted (b, "switch"); back++)
    {
      mb_bench_gui_settle ();
      mb_bench_gui_measure (&b->window, switch_action, new_scene_shown, final_scene_shown, b,
                            TIMEOUT_MS, &t);
      g_print ("  %s: %.0f ms blocked, %.0f ms to the first frame, %.0f ms to the strategy "
               "on screen, %.0f ms to its final layout\n",
               back ? "switch back" : "switch to the largest strategy", t.blocked,
               t.first_frame, t.useful_frame, t.done_frame);
      if (keep)
        {
          add (back ? r->back_blocked : r->switch_blocked, t.blocked);
          add (back ? r->back_frame : r->switch_frame, t.first_frame);
          add (back ? r->back_useful : r->switch_useful, t.useful_frame);
          add (back ? r->back_final : r->switch_final, t.done_frame);
        }
      g_free (b->strategy);
      b->strategy = g_strdup (first);
    }

  /* Select nodes of the strategy shown, one after another. */
  nodes = query_ids (store, "SELECT id FROM nodes WHERE strategy_id = ?1 ORDER BY id LIMIT 8",
                     first);
  for (guint i = 0; nodes[i] != NULL && i < N_SELECTS && wanted (b, "select"); i++)
    {
      b->arg = nodes[i];
      mb_bench_gui_measure (&b->window, select_action, NULL, NULL, b, TIMEOUT_MS, &t);
      if (keep)
        {
          add (r->select_blocked, t.blocked);
          add (r->select_frame, t.done_frame);
        }
      if (i == 0)
        g_print ("  select: %.0f ms blocked, %.0f ms to the frame (first of %d)\n", t.blocked,
                 t.done_frame, N_SELECTS);
    }

  /* The view moved with the last node still selected: a pan by the arrow
   * keys' step, a zoom step in and out. */
  for (guint i = 0; i < N_PANS && wanted (b, "pan"); i++)
    {
      mb_bench_gui_measure (&b->window, pan_action, NULL, NULL, b, TIMEOUT_MS, &t);
      if (keep)
        {
          add (r->pan_blocked, t.blocked);
          add (r->pan_frame, t.done_frame);
        }
    }
  for (guint i = 0; i < 4 && wanted (b, "pan"); i++)
    {
      b->arg = i % 2 == 0 ? "canvas.zoom-in" : "canvas.zoom-out";
      mb_bench_gui_measure (&b->window, zoom_action, NULL, NULL, b, TIMEOUT_MS, &t);
      if (keep)
        {
          add (r->zoom_blocked, t.blocked);
          add (r->zoom_frame, t.done_frame);
        }
    }

  /* Every view, shown for the first time. */
  for (guint i = 0; i < G_N_ELEMENTS (views) && wanted (b, "views"); i++)
    {
      b->arg = views[i];
      mb_bench_gui_settle ();
      mb_bench_gui_measure (&b->window, view_action, NULL, NULL, b, TIMEOUT_MS, &t);
      g_print ("  view %s: %.0f ms blocked, %.0f ms to the frame\n", views[i], t.blocked,
               t.done_frame);
      if (keep)
        {
          add (r->view_blocked[i], t.blocked);
          add (r->view_frame[i], t.done_frame);
        }
    }
  b->arg = "canvas";
  mb_bench_gui_measure (&b->window, view_action, NULL, NULL, b, TIMEOUT_MS, &t);

  /* "What contributes to this?" on the vision, and back. */
  if (!wanted (b, "contributions"))
    goto done;
  mb_bench_gui_settle ();
  b->page = mb_bench_find_widget (b->window, MB_TYPE_CONTRIBUTIONS_PAGE);
  b->arg = vision;
  before = mb_bench_rss_mb ();
  mb_bench_gui_measure (&b->window, contributions_action, NULL, rows_shown, b, TIMEOUT_MS, &t);
  after = mb_bench_rss_mb ();
  n_rows = mb_bench_count_widgets (b->page, "mb-contributions-row");
  {
    MbBenchTimes leave;

    mb_bench_gui_measure (&b->window, back_action, NULL, NULL, b, TIMEOUT_MS, &leave);
    mb_bench_gui_settle ();
    left = mb_bench_rss_mb ();
    g_print ("  contributions of the vision: %.0f ms blocked, %.0f ms to the first rows "
             "(%u row widgets); RSS %.0f → %.0f → %.0f MB after going back (%.0f ms)\n",
             t.blocked, t.done_frame, n_rows, before, after, left, leave.done_frame);
    if (keep)
      {
        add (r->contrib_blocked, t.blocked);
        add (r->contrib_frame, t.done_frame);
        add (r->contrib_growth, after - before);
        add (r->contrib_kept, left - before);
        add (r->contrib_rows, n_rows);
        add (r->leave_frame, leave.done_frame);
      }
  }

done:
  g_signal_handlers_disconnect_by_data (b->canvas, b);
  gtk_window_destroy (GTK_WINDOW (b->window));
  b->window = NULL;
  b->canvas = NULL;
  b->page = NULL;
  mb_bench_gui_settle ();
}

/* Start-up */

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  mb_bench_quit_at_first_frame (GTK_WIDGET (window), G_APPLICATION (app));
}

/* As main.c, on @library, until the first frame is painted. */
static int
start_child (const char *library)
{
  g_autoptr(MbApplication) app = NULL;
  char *argv[] = { (char *) "malbild", (char *) "--database", (char *) library, NULL };

  setlocale (LC_ALL, "");
  mb_layout_isolate_thread_locale ();
  app = mb_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), 3, argv);
}

static double
spawn_first_frame (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;
  double start = mb_bench_now_ms (), painted;
  int status;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (line == NULL || sscanf (line, "first-frame %lf", &painted) != 1)
    g_error ("%s painted no frame (status %d): %s", argv[0], status, out);
  return painted - start;
}

static void
start_up (const char *self_path,
          int         runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mb-bench-start-XXXXXX", &error);
  g_autofree char *library = g_build_filename (dir, "example.malbild", NULL);
  g_autofree char *example = g_build_filename (MB_SOURCE_ROOT, "data", "examples",
                                               "jamtland-harjedalen.json", NULL);
  g_autofree char *self_dir = g_path_get_dirname (self_path);
  g_autofree char *bare = g_build_filename (self_dir, "mb-bench-bare-window", NULL);
  char *app_argv[] = { (char *) self_path, (char *) "--start-child", library, NULL };
  char *bare_argv[] = { bare, NULL };
  g_autoptr(GArray) app_ms = NEW_ARRAY ();
  g_autoptr(GArray) bare_ms = NEW_ARRAY ();
  g_autoptr(GArray) ratio = NEW_ARRAY ();

  {
    g_autoptr(MbStore) store = mb_store_open (library, MB_STORE_OPEN_NONE, &error);
    g_autoptr(MbImportReport) report = NULL;
    g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);

    if (store == NULL
        || (report = mb_exchange_import_file (store, example, MB_IMPORT_NONE, problems,
                                              &error)) == NULL)
      g_error ("%s", error->message);
  }

  /* One of each first, not counted: the disk cache. */
  spawn_first_frame (app_argv);
  spawn_first_frame (bare_argv);
  for (int i = 0; i < runs; i++)
    {
      double a = spawn_first_frame (app_argv);
      double b = spawn_first_frame (bare_argv);

      add (app_ms, a);
      add (bare_ms, b);
      add (ratio, a / b);
      g_print ("start to first frame: app %.0f ms, bare window %.0f ms (%.2f×)\n", a, b, a / b);
    }
  g_print ("\n");
  mb_bench_print_range ("start to first frame, app on the example", app_ms, "ms");
  mb_bench_print_range ("start to first frame, bare AdwApplicationWindow", bare_ms, "ms");
  mb_bench_print_range ("app / bare, per pair", ratio, "×");
  mb_generate_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  int runs = 5;
  g_autofree char *library = NULL;
  g_autofree char *start_library = NULL;
  gboolean no_start = FALSE, only_start = FALSE;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Windows after the first (default 5)", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Use a copy of this library", "PATH" },
    { "no-start", 0, 0, G_OPTION_ARG_NONE, &no_start, "Leave out start-up", NULL },
    { "only-start", 0, 0, G_OPTION_ARG_NONE, &only_start, "Measure start-up alone", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "After the open, measure only these (switch, select, pan, views, contributions)", "A,B" },
    { "start-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &start_library, NULL, NULL },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *largest = NULL;
  g_autofree char *vision = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  Bench b = { 0 };
  Results r;

  /* The build tree's schema, and no settings of the user's. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", MB_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (start_library != NULL)
    return start_child (start_library);

  if (!only_start)
    {
      double t0 = mb_bench_now_ms ();

      path = mb_generate_bench_library (library, FALSE, &dir);
      g_print ("%s the library in %.1f s\n", library ? "copied" : "generated (seed 1)",
               (mb_bench_now_ms () - t0) / 1000.0);
    }

  {
    g_autoptr(MbStore) store = NULL;

    if (path != NULL)
      {
        store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
        if (store == NULL)
          g_error ("%s", error->message);
        largest = mb_generate_pick_largest_strategy (store);
        vision = mb_generate_pick_vision (store);
      }
  }

  b.app = mb_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (b.app), NULL, &error))
    g_error ("%s", error->message);
  mb_bench_gui_init ();
  b.library = path;
  if (only != NULL)
    b.only = g_strsplit (only, ",", -1);

  if (!only_start)
    {
      r = (Results) {
        NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (),
        NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (),
        NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (),
        NEW_ARRAY (), NEW_ARRAY (),
        NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (), NEW_ARRAY (),
      };
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          r.view_blocked[i] = NEW_ARRAY ();
          r.view_frame[i] = NEW_ARRAY ();
        }
      r.contrib_blocked = NEW_ARRAY ();
      r.contrib_frame = NEW_ARRAY ();
      r.contrib_growth = NEW_ARRAY ();
      r.contrib_kept = NEW_ARRAY ();
      r.contrib_rows = NEW_ARRAY ();
      r.leave_frame = NEW_ARRAY ();

      for (int run = 0; run <= runs; run++)
        one_window (&b, largest, vision, &r, run > 0);

      g_print ("\n%d windows after the first: median (min–max)\n", runs);
      mb_bench_print_range ("open: first frame", r.open_frame, "ms");
      mb_bench_print_range ("open: main thread blocked", r.open_blocked, "ms");
      mb_bench_print_range ("open: strategy laid out, painted", r.open_layout, "ms");
      mb_bench_print_range ("open: peak RSS", r.peak, "MB");
      mb_bench_print_range ("open: widgets in the window", r.widgets, "");
      mb_bench_print_range ("open: widgets mapped", r.mapped, "");
      mb_bench_print_range ("switch: blocked", r.switch_blocked, "ms");
      mb_bench_print_range ("switch: first frame", r.switch_frame, "ms");
      mb_bench_print_range ("switch: new strategy on screen", r.switch_useful, "ms");
      mb_bench_print_range ("switch: its final layout", r.switch_final, "ms");
      mb_bench_print_range ("switch back: blocked", r.back_blocked, "ms");
      mb_bench_print_range ("switch back: first frame", r.back_frame, "ms");
      mb_bench_print_range ("switch back: strategy on screen", r.back_useful, "ms");
      mb_bench_print_range ("switch back: its final layout", r.back_final, "ms");
      mb_bench_print_range ("select a node: blocked", r.select_blocked, "ms");
      mb_bench_print_range ("select a node: to the frame", r.select_frame, "ms");
      mb_bench_print_range ("pan, a key's step: blocked", r.pan_blocked, "ms");
      mb_bench_print_range ("pan, a key's step: to the frame", r.pan_frame, "ms");
      mb_bench_print_range ("zoom step: blocked", r.zoom_blocked, "ms");
      mb_bench_print_range ("zoom step: to the frame", r.zoom_frame, "ms");
      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        {
          g_autofree char *what = g_strdup_printf ("view %s first shown: blocked", views[i]);
          g_autofree char *what2 = g_strdup_printf ("view %s first shown: frame", views[i]);

          mb_bench_print_range (what, r.view_blocked[i], "ms");
          mb_bench_print_range (what2, r.view_frame[i], "ms");
        }
      mb_bench_print_range ("contributions of the vision: blocked", r.contrib_blocked, "ms");
      mb_bench_print_range ("contributions of the vision: first rows", r.contrib_frame, "ms");
      mb_bench_print_range ("contributions: RSS growth while shown", r.contrib_growth, "MB");
      mb_bench_print_range ("contributions: RSS kept after going back", r.contrib_kept, "MB");
      mb_bench_print_range ("contributions: row widgets", r.contrib_rows, "");
      mb_bench_print_range ("contributions: going back, to the frame", r.leave_frame, "ms");
      g_print ("\n");
    }

  if (!no_start)
    start_up (self_path, runs);

  g_clear_object (&b.app);
  g_free (b.strategy);
  g_strfreev (b.only);
  if (dir != NULL)
    mb_generate_remove_dir (dir);
  return 0;
}
