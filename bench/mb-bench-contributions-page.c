/* mb-bench-contributions-page.c – the contributions page of the vision, as the user meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a -s '-screen 0 1280x1024x24' mb-bench-contributions-page [--runs N] [--library PATH]
 *
 * Generates design.md's "large" library with seed 1 (or uses PATH, which
 * must exist), picks the vision (the root with the most goals down) and, in
 * a 1280 × 1024 window holding the contributions page and another page of a
 * stack, N times (default 5):
 *  - "open": shows the page for the vision ("What contributes to this?"),
 *    from the action to the end of the next painted frame (the frame
 *    clock's "after-paint"), and the longest stretch the main thread did not
 *    return to its poll in that time ("blocked");
 *  - "scroll": twenty pages down, each from the scroll to its painted frame;
 *  - "leave": shows the other page, to its painted frame;
 *  - the process's resident memory (/proc/self/statm) before opening, after
 *    the frame, and after leaving, and the row widgets alive at each point.
 * The first run is the first query of the store (it builds the chain index);
 * it is printed alone, then medians and ranges of the others.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "core/mb-core.h"
#include "mb-bench-gui-util.h"
#include "mb-bench-util.h"
#include "mb-contributions-page.h"
#include "mb-generator.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))
#define N_SCROLLS 20

typedef struct
{
  GtkWidget   *window;
  GtkWidget   *stack;
  GtkWidget   *page;
  GtkWidget   *elsewhere;
  const char  *vision;
} Bench;

static void
open_action (gpointer data)
{
  Bench *b = data;

  mb_contributions_page_show (MB_CONTRIBUTIONS_PAGE (b->page), b->vision, MB_CONTRIBUTIONS_DOWN);
  gtk_stack_set_visible_child (GTK_STACK (b->stack), b->page);
}

static void
leave_action (gpointer data)
{
  Bench *b = data;

  gtk_stack_set_visible_child (GTK_STACK (b->stack), b->elsewhere);
}

static void
scroll_action (gpointer data)
{
  GtkAdjustment *adjustment = data;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                        + gtk_adjustment_get_page_size (adjustment));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  int runs = 5;
  g_autofree char *library = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs after the first (default 5)", "N" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, "Use this library", "PATH" },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *vision = NULL;
  Bench b = { 0 };
  GArray *open_frame = NEW_ARRAY (), *open_blocked = NEW_ARRAY ();
  GArray *scroll_frame = NEW_ARRAY (), *scroll_blocked = NEW_ARRAY ();
  GArray *leave_frame = NEW_ARRAY ();
  GArray *growth = NEW_ARRAY (), *kept = NEW_ARRAY (), *rows = NEW_ARRAY ();
  GskRenderer *renderer;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (library == NULL)
    {
      double t0 = mb_bench_now_ms ();

      dir = g_dir_make_tmp ("malbild-bench-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      library = g_build_filename (dir, "large.malbild", NULL);
      if (!mb_generate_library (library, &mb_generate_large, 1, &error))
        g_error ("%s", error->message);
      g_print ("generated the large library (seed 1) in %.1f s\n",
               (mb_bench_now_ms () - t0) / 1000.0);
    }

  gtk_init ();
  adw_init ();
  mb_bench_gui_init ();

  store = mb_store_open (library, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  vision = mb_generate_pick_vision (store);
  b.vision = vision;

  b.window = gtk_window_new ();
  b.stack = gtk_stack_new ();
  b.elsewhere = gtk_label_new ("Elsewhere");
  b.page = mb_contributions_page_new (store);
  gtk_stack_add_named (GTK_STACK (b.stack), b.elsewhere, "elsewhere");
  gtk_stack_add_named (GTK_STACK (b.stack), b.page, "contributions");
  gtk_window_set_child (GTK_WINDOW (b.window), b.stack);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1280, 1024);
  gtk_window_present (GTK_WINDOW (b.window));
  while (!gtk_widget_get_mapped (b.window))
    g_main_context_iteration (NULL, TRUE);
  mb_bench_gui_settle ();
  renderer = gtk_native_get_renderer (GTK_NATIVE (b.window));
  g_print ("renderer %s; GTK %u.%u.%u; libadwaita %u.%u.%u\n", G_OBJECT_TYPE_NAME (renderer),
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());

  for (int run = 0; run <= runs; run++)
    {
      MbBenchTimes t;
      double to_frame, blocked, before, after, left, scroll_max = 0, scroll_block = 0;
      guint n_rows, n_left, n_nodes;
      GtkAdjustment *adjustment;
      g_autoptr(GArray) scrolls = NEW_ARRAY ();

      mb_bench_gui_settle ();
      before = mb_bench_rss_mb ();
      mb_bench_gui_measure (&b.window, open_action, NULL, NULL, &b, 60000, &t);
      to_frame = t.done_frame;
      blocked = t.blocked;
      after = mb_bench_rss_mb ();
      n_rows = mb_bench_count_widgets (b.page, "mb-contributions-row");
      n_nodes = mb_contributions_page_get_result (MB_CONTRIBUTIONS_PAGE (b.page))->nodes->len;

      adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (mb_bench_find_widget (b.page, GTK_TYPE_LIST_VIEW)));
      for (int i = 0; i < N_SCROLLS; i++)
        {
          double f, bl;

          mb_bench_gui_measure (&b.window, scroll_action, NULL, NULL, adjustment, 60000, &t);
          f = t.done_frame;
          bl = t.blocked;
          g_array_append_val (scrolls, f);
          scroll_max = MAX (scroll_max, f);
          scroll_block = MAX (scroll_block, bl);
        }

      {
        double f;

        mb_bench_gui_measure (&b.window, leave_action, NULL, NULL, &b, 60000, &t);
        f = t.done_frame;
        mb_bench_gui_settle ();
        left = mb_bench_rss_mb ();
        n_left = mb_bench_count_widgets (b.page, "mb-contributions-row");
        g_print ("%s: open %.1f ms to the frame, %.1f ms blocked; %u result nodes, %u row "
                 "widgets; scroll median %.1f, max %.1f ms, max %.1f blocked; leave %.1f ms; "
                 "RSS %.1f → %.1f → %.1f MB after leaving (%u row widgets)\n",
                 run == 0 ? "first (cold)" : "run", to_frame, blocked,
                 n_nodes, n_rows, mb_bench_median (scrolls), scroll_max, scroll_block, f,
                 before, after, left, n_left);
        if (run == 0)
          continue;
        g_array_append_val (open_frame, to_frame);
        g_array_append_val (open_blocked, blocked);
        g_array_append_val (scroll_frame, scroll_max);
        g_array_append_val (scroll_blocked, scroll_block);
        g_array_append_val (leave_frame, f);
        after -= before;
        left -= before;
        g_array_append_val (growth, after);
        g_array_append_val (kept, left);
        {
          double r = n_rows;

          g_array_append_val (rows, r);
        }
      }
    }

  g_print ("\n%d runs after the first: median (min–max)\n", runs);
  mb_bench_print_range ("open: action to painted frame", open_frame, "ms");
  mb_bench_print_range ("open: main thread blocked", open_blocked, "ms");
  mb_bench_print_range ("scroll a page: slowest frame of 20", scroll_frame, "ms");
  mb_bench_print_range ("scroll a page: longest block of 20", scroll_blocked, "ms");
  mb_bench_print_range ("leave: action to painted frame", leave_frame, "ms");
  mb_bench_print_range ("RSS growth, page shown", growth, "MB");
  mb_bench_print_range ("RSS kept after leaving", kept, "MB");
  mb_bench_print_range ("row widgets while shown", rows, "");

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (library, "-wal", NULL);
      g_autofree char *shm = g_strconcat (library, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (library);
      g_rmdir (dir);
    }
  return 0;
}
