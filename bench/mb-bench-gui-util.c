/* mb-bench-gui-util.c – frames, blocked time and memory, for the benchmarks with a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mb-bench-gui-util.h"
#include "mb-bench-util.h"

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

void
mb_bench_gui_init (void)
{
  g_return_if_fail (real_poll == NULL);

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
}

typedef struct
{
  GtkWidget      **window;
  MbBenchAction    action;
  MbBenchCondition useful;
  MbBenchCondition done;
  gpointer         data;
  GdkFrameClock   *clock;
  gulong           handler;
  gulong           phase_handlers[3];
  double           phase_start;
  double           started;
  MbBenchTimes     times;
  gboolean         armed;
  gboolean         first_seen;
  gboolean         useful_seen;
  gboolean         finished;
} Measure;

static gboolean
finish_cb (gpointer data)
{
  Measure *m = data;

  m->times.blocked = max_busy;
  measuring = FALSE;
  m->finished = TRUE;
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Measure       *m)
{
  double now = mb_bench_now_ms () - m->started;

  if (!m->armed)
    return;
  if (!m->first_seen)
    {
      m->first_seen = TRUE;
      m->times.first_frame = now;
      m->times.blocked_first = MAX (max_busy, mb_bench_now_ms () - last_return);
    }
  if (!m->useful_seen && (m->useful == NULL || m->useful (m->data)))
    {
      m->useful_seen = TRUE;
      m->times.useful_frame = now;
    }
  if (m->done != NULL && !m->done (m->data))
    return;
  m->times.done_frame = now;
  m->armed = FALSE;
  /* Once the loop is back at its poll: the stretch with the paint is counted. */
  g_idle_add_full (G_PRIORITY_LOW, finish_cb, m, NULL);
}

static void
phase_start_cb (GdkFrameClock *clock,
                Measure       *m)
{
  m->phase_start = mb_bench_now_ms ();
}

static void
layout_end_cb (GdkFrameClock *clock,
               Measure       *m)
{
  double now = mb_bench_now_ms ();

  if (m->armed)
    m->times.layout += now - m->phase_start;
  m->phase_start = now;
}

static void
paint_end_cb (GdkFrameClock *clock,
              Measure       *m)
{
  if (m->armed)
    m->times.paint += mb_bench_now_ms () - m->phase_start;
}

static gboolean
action_cb (gpointer data)
{
  Measure *m = data;

  m->started = mb_bench_now_ms ();
  last_return = m->started;
  max_busy = 0;
  measuring = TRUE;
  m->action (m->data);
  m->times.action = mb_bench_now_ms () - m->started;
  /* A frame even if the action changed nothing on screen. */
  gtk_widget_queue_draw (*m->window);
  m->clock = g_object_ref (gtk_widget_get_frame_clock (*m->window));
  m->handler = g_signal_connect (m->clock, "after-paint", G_CALLBACK (after_paint_cb), m);
  /* Where a frame's time goes: GDK's handlers of a phase are connected
   * before these, which run after all of them. */
  m->phase_handlers[0] = g_signal_connect_after (m->clock, "update",
                                                 G_CALLBACK (phase_start_cb), m);
  m->phase_handlers[1] = g_signal_connect_after (m->clock, "layout",
                                                 G_CALLBACK (layout_end_cb), m);
  m->phase_handlers[2] = g_signal_connect_after (m->clock, "paint",
                                                 G_CALLBACK (paint_end_cb), m);
  m->armed = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
condition_met (MbBenchCondition condition,
               gboolean         seen,
               gpointer         data)
{
  return condition != NULL && !seen && condition (data);
}

gboolean
mb_bench_gui_measure (GtkWidget      **window,
                      MbBenchAction    action,
                      MbBenchCondition useful,
                      MbBenchCondition done,
                      gpointer         data,
                      double           timeout_ms,
                      MbBenchTimes    *times)
{
  Measure m = { window, action, useful, done, data };
  double deadline;

  g_return_val_if_fail (real_poll != NULL, FALSE);

  g_idle_add (action_cb, &m);
  while (!m.armed)
    g_main_context_iteration (NULL, TRUE);
  deadline = m.started + timeout_ms;
  while (!m.finished && mb_bench_now_ms () < deadline)
    {
      /* A condition met without anything left to paint still needs a frame. */
      if (m.armed && !g_main_context_pending (NULL)
          && (condition_met (useful, m.useful_seen, data)
              || condition_met (done, FALSE, data)))
        gtk_widget_queue_draw (*window);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (m.clock, m.handler);
  for (guint i = 0; i < G_N_ELEMENTS (m.phase_handlers); i++)
    g_signal_handler_disconnect (m.clock, m.phase_handlers[i]);
  g_clear_object (&m.clock);
  if (!m.finished)
    {
      double now = mb_bench_now_ms () - m.started;

      /* The idle may still be queued: let it find nothing. */
      g_idle_remove_by_data (&m);
      measuring = FALSE;
      m.times.blocked = max_busy;
      if (!m.first_seen)
        m.times.first_frame = m.times.blocked_first = now;
      if (!m.useful_seen)
        m.times.useful_frame = now;
      m.times.done_frame = now;
    }
  if (useful == NULL)
    m.times.useful_frame = m.times.first_frame;
  /* For profiles: the stretch measured, on CLOCK_MONOTONIC as `perf record -k
   * CLOCK_MONOTONIC` stamps its samples, to cut them by action. */
  if (g_getenv ("MB_BENCH_TRACE") != NULL)
    g_printerr ("measured %.6f %.6f: action %.1f ms, layout %.1f ms, paint %.1f ms, "
                "blocked %.1f ms, done %.1f ms\n", m.started / 1000.0,
                (m.started + m.times.done_frame) / 1000.0, m.times.action, m.times.layout,
                m.times.paint, m.times.blocked, m.times.done_frame);
  *times = m.times;
  return m.finished;
}

void
mb_bench_gui_settle (void)
{
  for (int i = 0; i < 10; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
mb_bench_gui_wait (MbBenchCondition done,
                   gpointer         data,
                   double           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint) timeout_ms, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

double
mb_bench_rss_mb (void)
{
  g_autofree char *text = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL)
      || sscanf (text, "%lu %lu", &size, &resident) != 2)
    return NAN;
  return resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

double
mb_bench_peak_rss_mb (void)
{
  g_autofree char *text = NULL;
  const char *line;
  unsigned long kib;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL)
      || (line = strstr (text, "VmHWM:")) == NULL
      || sscanf (line, "VmHWM: %lu", &kib) != 1)
    return NAN;
  return kib / 1024.0;
}

void
mb_bench_reset_peak_rss (void)
{
  /* "5" resets the peak resident size to the current one (Linux 4.0). */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

guint
mb_bench_count_widgets (GtkWidget  *root,
                        const char *css_class)
{
  guint n = css_class == NULL || gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += mb_bench_count_widgets (child, css_class);
  return n;
}

GtkWidget *
mb_bench_find_widget (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mb_bench_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
mb_bench_print_range (const char *what,
                      GArray     *values,
                      const char *unit)
{
  double lo = G_MAXDOUBLE;

  if (values->len == 0)
    return;
  for (guint i = 0; i < values->len; i++)
    lo = MIN (lo, g_array_index (values, double, i));
  g_print ("%-48s %9.1f  (%.1f–%.1f) %s\n", what, mb_bench_median (values), lo,
           mb_bench_max (values), unit);
}

static void
first_frame_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_print ("first-frame %.3f\n", mb_bench_now_ms ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, app);
  g_application_quit (app);
}

static void
realized_cb (GtkWidget    *window,
             GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_cb), app);
}

void
mb_bench_quit_at_first_frame (GtkWidget    *window,
                              GApplication *app)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (realized_cb), app);
}
