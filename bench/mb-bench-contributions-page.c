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

#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "core/mb-core.h"
#include "mb-bench-util.h"
#include "mb-contributions-page.h"
#include "mb-generator.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))
#define N_SCROLLS 20

/* The main loop's busy stretches, seen from its poll. */
static GPollFunc real_poll;
static gboolean  measuring;
static double    last_return;
static double    max_busy;

static int
timed_poll (GPollFD *fds,
            guint    nfds,
            int      timeout)
{
  double now = mb_bench_now_ms ();
  int rc;

  if (measuring)
    max_busy = MAX (max_busy, now - last_return);
  rc = real_poll (fds, nfds, timeout);
  last_return = mb_bench_now_ms ();
  return rc;
}

typedef struct
{
  GtkWidget   *window;
  GtkWidget   *stack;
  GtkWidget   *page;
  GtkWidget   *elsewhere;
  const char  *vision;
  void       (*action) (gpointer data);
  gpointer     data;
  double       started;
  double       painted;
  gboolean     armed;
  gboolean     done;
} Bench;

static gboolean
finish_cb (gpointer data)
{
  Bench *b = data;

  measuring = FALSE;
  b->done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  if (!b->armed)
    return;
  b->painted = mb_bench_now_ms ();
  b->armed = FALSE;
  /* Once the loop is back at its poll: the stretch with the paint is counted. */
  g_idle_add_full (G_PRIORITY_LOW, finish_cb, b, NULL);
}

static gboolean
action_cb (gpointer data)
{
  Bench *b = data;

  b->started = mb_bench_now_ms ();
  last_return = b->started;
  max_busy = 0;
  measuring = TRUE;
  b->action (b->data);
  gtk_widget_queue_draw (b->window);
  b->armed = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs @action from the main loop; the time to its painted frame and the
 * longest blocked stretch until then. */
static void
measure (Bench   *b,
         void   (*action) (gpointer data),
         gpointer data,
         double  *to_frame,
         double  *blocked)
{
  b->action = action;
  b->data = data;
  b->done = FALSE;
  g_idle_add (action_cb, b);
  while (!b->done)
    g_main_context_iteration (NULL, TRUE);
  *to_frame = b->painted - b->started;
  *blocked = max_busy;
}

static void
settle (void)
{
  for (int i = 0; i < 10; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
}

static double
rss_mb (void)
{
  g_autofree char *text = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL)
      || sscanf (text, "%lu %lu", &size, &resident) != 2)
    return NAN;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static guint
count_rows (GtkWidget *root)
{
  guint n = gtk_widget_has_css_class (root, "mb-contributions-row") ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static GtkWidget *
find_list (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

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

static void
print_row (const char *what,
           GArray     *values,
           const char *unit)
{
  double lo = G_MAXDOUBLE;

  for (guint i = 0; i < values->len; i++)
    lo = MIN (lo, g_array_index (values, double, i));
  g_print ("%-44s %9.1f  (%.1f–%.1f) %s\n", what, mb_bench_median (values), lo,
           mb_bench_max (values), unit);
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
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

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
  g_signal_connect (gtk_widget_get_frame_clock (b.window), "after-paint",
                    G_CALLBACK (after_paint_cb), &b);
  settle ();
  renderer = gtk_native_get_renderer (GTK_NATIVE (b.window));
  g_print ("renderer %s; GTK %u.%u.%u; libadwaita %u.%u.%u\n", G_OBJECT_TYPE_NAME (renderer),
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());

  for (int run = 0; run <= runs; run++)
    {
      double to_frame, blocked, before, after, left, scroll_max = 0, scroll_block = 0;
      guint n_rows, n_left, n_nodes;
      GtkAdjustment *adjustment;
      g_autoptr(GArray) scrolls = NEW_ARRAY ();

      settle ();
      before = rss_mb ();
      measure (&b, open_action, &b, &to_frame, &blocked);
      after = rss_mb ();
      n_rows = count_rows (b.page);
      n_nodes = mb_contributions_page_get_result (MB_CONTRIBUTIONS_PAGE (b.page))->nodes->len;

      adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_list (b.page)));
      for (int i = 0; i < N_SCROLLS; i++)
        {
          double f, bl;

          measure (&b, scroll_action, adjustment, &f, &bl);
          g_array_append_val (scrolls, f);
          scroll_max = MAX (scroll_max, f);
          scroll_block = MAX (scroll_block, bl);
        }

      {
        double f, bl;

        measure (&b, leave_action, &b, &f, &bl);
        settle ();
        left = rss_mb ();
        n_left = count_rows (b.page);
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
  print_row ("open: action to painted frame", open_frame, "ms");
  print_row ("open: main thread blocked", open_blocked, "ms");
  print_row ("scroll a page: slowest frame of 20", scroll_frame, "ms");
  print_row ("scroll a page: longest block of 20", scroll_blocked, "ms");
  print_row ("leave: action to painted frame", leave_frame, "ms");
  print_row ("RSS growth, page shown", growth, "MB");
  print_row ("RSS kept after leaving", kept, "MB");
  print_row ("row widgets while shown", rows, "");

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
