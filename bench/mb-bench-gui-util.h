/* mb-bench-gui-util.h – frames, blocked time and memory, for the benchmarks with a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Call once after gtk_init(): from then on the main loop's poll is timed,
 * so that a measurement knows the longest stretch the main thread did not
 * return to it ("blocked"). */
void     mb_bench_gui_init          (void);
/* Prints "first-frame MS" (mb_bench_now_ms()) once @window's first frame is
 * painted, then quits @app: what the start-up benchmark reads from the
 * processes it starts. */
void     mb_bench_quit_at_first_frame (GtkWidget    *window,
                                       GApplication *app);

typedef void     (*MbBenchAction)    (gpointer data);
typedef gboolean (*MbBenchCondition) (gpointer data);

typedef struct
{
  double first_frame;    /* the end of the first frame painted after the action */
  double useful_frame;   /* ... of the first for which @useful was true */
  double done_frame;     /* ... of the first for which @done was true */
  double blocked_first;  /* the longest busy stretch until the first frame */
  double blocked;        /* ... until the done frame */
  double action;         /* the action's own call */
  double layout;         /* the frames' layout phases until the done frame, summed */
  double paint;          /* ... and their paint phases (snapshot and render) */
} MbBenchTimes;

/* Runs @action from the main loop (an idle, as an event handler would) and
 * waits for the end of the next frame @window's frame clock paints
 * ("after-paint") for which @done (if given) is true, noting on the way the
 * first frame and the first for which @useful (if given) is true. The times
 * are from the action, in ms; "blocked" is the longest stretch the main loop
 * was busy (the stretch with a paint included). @window is read after the
 * action, so that the action may create it. Returns FALSE if @timeout_ms
 * passed first (the times not reached are then the timeout). */
gboolean mb_bench_gui_measure       (GtkWidget      **window,
                                     MbBenchAction    action,
                                     MbBenchCondition useful,
                                     MbBenchCondition done,
                                     gpointer         data,
                                     double           timeout_ms,
                                     MbBenchTimes    *times);

/* Runs the main loop until nothing is pending for a while (200 ms). */
void     mb_bench_gui_settle        (void);
/* Runs the main loop until @done is true or @timeout_ms has passed. */
gboolean mb_bench_gui_wait          (MbBenchCondition done,
                                     gpointer         data,
                                     double           timeout_ms);

/* The process's resident memory now and its peak since the last reset
 * (/proc/self/statm, VmHWM in /proc/self/status), in MiB. */
double   mb_bench_rss_mb            (void);
double   mb_bench_peak_rss_mb       (void);
void     mb_bench_reset_peak_rss    (void);

/* The widgets in @root's tree (@root included) with the CSS class
 * @css_class, or all of them if it is NULL; and the first of type @type. */
guint      mb_bench_count_widgets   (GtkWidget  *root,
                                     const char *css_class);
GtkWidget *mb_bench_find_widget     (GtkWidget  *root,
                                     GType       type);

/* "what   median  (min–max) unit" for @values (sorted). */
void     mb_bench_print_range       (const char *what,
                                     GArray     *values,
                                     const char *unit);

G_END_DECLS
