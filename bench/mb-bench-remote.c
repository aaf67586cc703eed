/* mb-bench-remote.c – a shared library on PostgreSQL against a file (issue 17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   MB_TEST_PG_DURABLE=1 tests/with-postgresql mb-bench-remote [--runs N]
 *       [--small] [--only open,import,latency,editors] [--no-first-open]
 *       [--editors N] [--seconds S]
 *
 * Runs beside the server that tests/with-postgresql starts (a Unix socket;
 * with MB_TEST_PG_DURABLE=1 its durable defaults: fsync, synchronous
 * commit). Generates design.md's large library (bench/mb-generator.c, seed
 * 1), copies it to the server, and measures, each against SQLite in the
 * same run and interleaved with it, the median and the range of N runs:
 *
 *  open    opening the library and showing its largest strategy: the store,
 *          the sidebar's strategies, the outline's tree and levels, the
 *          canvas's data. For the shared library both with a replica that
 *          is up to date and on the first open, which copies everything.
 *          Budget: 1.5× the file.
 *  import  mb_exchange_import_file() of the library's JSON into an empty
 *          shared library and into an empty file. Budget: 3× the file.
 *  latency a change seen by a second store: from the first store's action
 *          returning to the "changed" of a store in another process (its
 *          own replica). Budget: under a second.
 *  editors twenty simulated editors (processes, each its own store and
 *          replica), each doing one action a second for a minute: a rename
 *          of a node of a small shared pool (so that conflicts happen) or an
 *          edit of one of its own nodes. Reports actions, conflicts, the
 *          95th percentile of the action time, failures (a server error
 *          other than a conflict: a deadlock left unresolved would be one),
 *          and checks from each editor's log that no update was lost: on
 *          every field, in the server's action order, each successful
 *          action started from the value the previous one wrote, and the
 *          last one's value is the field's final value.
 *
 * The exit status is 1 if the editors lost an update, failed or hung (the
 * test "remote-editors" runs a short "--only editors"). The other processes
 * are this program again, with --child.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "mb-exchange.h"
#include "mb-generator.h"
#include "mb-problem-list.h"
#include "mb-remote.h"
#include "mb-store-canvas-queries.h"
#include "mb-store-list-model.h"
#include "mb-store-private.h"
#include "mb-store-remote-private.h"
#include "mb-bench-util.h"
#include "test-pg-util.h"

#define NEW_ARRAY() g_array_new (FALSE, FALSE, sizeof (double))
#define CHILD_LIMIT_MS 120000
#define POOL_SIZE 10
#define OWN_NODES 2

static char *dir;

/* Processes */

/* Lines from a child's pipe. */
typedef struct
{
  int      fd;
  GString *buffer;
} LineReader;

/* The next line without its newline; NULL at the end or after @timeout_ms. */
static char *
read_line (LineReader *r,
           int         timeout_ms)
{
  gint64 limit = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      char *newline = memchr (r->buffer->str, '\n', r->buffer->len);
      struct pollfd p = { r->fd, POLLIN, 0 };
      char chunk[4096];
      gint64 left;
      ssize_t n;

      if (newline != NULL)
        {
          char *line = g_strndup (r->buffer->str, newline - r->buffer->str);

          g_string_erase (r->buffer, 0, newline - r->buffer->str + 1);
          return line;
        }
      left = (limit - g_get_monotonic_time ()) / 1000;
      if (left <= 0)
        return NULL;
      if (poll (&p, 1, (int) left) <= 0)
        continue;
      n = read (r->fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return NULL;
      g_string_append_len (r->buffer, chunk, n);
    }
}

/* Writes a whole line to @fd (a child's stdout, or its stdin). */
static void
say (int         fd,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (int         fd,
     const char *format,
     ...)
{
  va_list args;
  g_autofree char *line = NULL;
  gsize done = 0, len;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);
  while (done < len)
    {
      ssize_t n = write (fd, line + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      done += n;
    }
}

typedef struct
{
  GPid       pid;
  int        in;
  LineReader out;
} Child;

/* This program again with --child @args, its replicas under @cache. */
static void
spawn_child (Child              *child,
             const char         *cache,
             const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_CACHE_HOME", cache, TRUE);

  g_ptr_array_add (argv, g_file_read_link ("/proc/self/exe", NULL));
  g_ptr_array_add (argv, g_strdup ("--child"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, env, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &child->pid, &child->in, &child->out.fd, NULL,
                                 &error))
    g_error ("Could not start a second process: %s", error->message);
  child->out.buffer = g_string_new (NULL);
}

/* Closes the child's stdin (which ends a child that waits on it) and
 * waits for it; FALSE if it did not end within @timeout_ms (it is then
 * killed) or ended with a failure. */
static gboolean
finish_child (Child *child,
              int    timeout_ms)
{
  gint64 limit = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  int status = 0;
  pid_t done = 0;

  if (child->in >= 0)
    close (child->in);
  child->in = -1;
  while ((done = waitpid (child->pid, &status, WNOHANG)) == 0 &&
         g_get_monotonic_time () < limit)
    {
      g_autofree char *line = read_line (&child->out, 100);  /* drains its output */
    }
  if (done == 0)
    {
      kill (child->pid, SIGKILL);
      waitpid (child->pid, &status, 0);
    }
  close (child->out.fd);
  g_string_free (child->out.buffer, TRUE);
  return done != 0 && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Libraries */

static void
remove_file_and_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* The replicas, logs and caches of the run. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A new empty shared library on the server; its database's name. */
static char *
new_shared_library (void)
{
  g_autofree char *name = mb_test_pg_new_database ();
  g_autofree char *uri = mb_test_pg_uri (name, "malbild_test");
  g_autoptr(GError) error = NULL;

  if (!mb_remote_init (uri, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&name);
}

static void
drop_shared_library (const char *name)
{
  g_autoptr(PGconn) admin = mb_test_pg_connect ("postgres", "malbild_test");
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  g_autofree char *uri = mb_test_pg_uri (name, "malbild_test");
  g_autofree char *replica = _mb_store_remote_replica_path (uri);

  mb_test_pg_exec (admin, sql);
  remove_file_and_wal (replica);
}

static MbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MbStore *store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static gboolean
set_text (MbStore     *store,
          const char  *id,
          const char  *column,
          const char  *text,
          GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return mb_store_set_field (store, "nodes", id, column, &value, error);
}

/* Statistics */

static double
percentile (GArray *values,
            double  p)
{
  guint at;

  if (values->len == 0)
    return 0;
  g_array_sort (values, mb_bench_compare_doubles);
  at = (guint) MAX (0.0, MIN ((double) values->len - 1, p * values->len - 1 + 0.999999));
  return g_array_index (values, double, at);
}

static void
print_times (const char *what,
             GArray     *times)
{
  g_array_sort (times, mb_bench_compare_doubles);
  g_print ("  %-52s %9.1f   %9.1f – %-9.1f\n", what, mb_bench_median (times),
           g_array_index (times, double, 0), mb_bench_max (times));
}

/* The ratio of the medians, and the range of the runs' own ratios. */
static void
print_ratio (const char *what,
             GArray     *a,
             GArray     *b,
             GArray     *per_run,
             double      budget)
{
  double ratio = mb_bench_median (a) / mb_bench_median (b);

  g_array_sort (per_run, mb_bench_compare_doubles);
  g_print ("  %-52s %8.2f×   %8.2f× – %.2f×   budget %.1f×: %s\n", what, ratio,
           g_array_index (per_run, double, 0), mb_bench_max (per_run), budget,
           ratio <= budget ? "met" : "MISSED");
}

/* (a) Open and show a strategy */

/* What the window reads to show @strategy: the sidebar's strategies, the
 * outline's tree and levels, and the canvas's data. */
static void
show_strategy (MbStore    *store,
               const char *strategy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) strategies = mb_store_list_strategies (store);
  g_autoptr(GListModel) levels = mb_store_list_levels (store, strategy);
  g_autoptr(GPtrArray) tree = mb_store_query_tree (store, strategy, &error);
  g_autoptr(MbCanvasData) canvas = NULL;

  if (tree == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (strategies); i++)
    g_object_unref (g_list_model_get_item (strategies, i));
  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    g_object_unref (g_list_model_get_item (levels, i));
  canvas = mb_store_canvas_load (store, strategy, &error);
  if (canvas == NULL)
    g_error ("%s", error->message);
}

static double
time_open_show (const char *path,
                const char *strategy)
{
  double t0 = mb_bench_now_ms ();
  g_autoptr(MbStore) store = open_store (path);

  show_strategy (store, strategy);
  return mb_bench_now_ms () - t0;
}

static void
bench_open (const char *file,
            const char *uri,
            const char *strategy,
            int         runs,
            gboolean    first_open)
{
  g_autofree char *replica = _mb_store_remote_replica_path (uri);
  g_autoptr(GArray) local = NEW_ARRAY ();
  g_autoptr(GArray) shared = NEW_ARRAY ();
  g_autoptr(GArray) first = NEW_ARRAY ();
  g_autoptr(GArray) ratio = NEW_ARRAY ();
  g_autoptr(GArray) ratio_first = NEW_ARRAY ();

  /* Once each before measuring: the files in the page cache. */
  time_open_show (file, strategy);
  time_open_show (uri, strategy);
  for (int i = 0; i < runs; i++)
    {
      double a, b, c = 0;

      if (first_open)
        {
          remove_file_and_wal (replica);
          c = time_open_show (uri, strategy);
        }
      a = time_open_show (file, strategy);
      b = time_open_show (uri, strategy);
      g_array_append_val (local, a);
      g_array_append_val (shared, b);
      b /= a;
      g_array_append_val (ratio, b);
      if (first_open)
        {
          g_array_append_val (first, c);
          c /= a;
          g_array_append_val (ratio_first, c);
        }
    }
  g_print ("\n(a) Open the library and show its largest strategy (%d runs)\n", runs);
  g_print ("  %-52s %9s   %-21s\n", "", "median ms", "range ms");
  print_times ("file", local);
  print_times ("shared, replica up to date", shared);
  if (first_open)
    print_times ("shared, first open (copies everything)", first);
  print_ratio ("shared up to date / file", shared, local, ratio, 1.5);
  if (first_open)
    print_ratio ("shared first open / file", first, local, ratio_first, 1.5);
}

/* (b) Import */

static double
time_import (const char *path,
             const char *json)
{
  g_autoptr(MbStore) store = open_store (path);
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = mb_bench_now_ms ();

  report = mb_exchange_import_file (store, json, MB_IMPORT_NONE, problems, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  return mb_bench_now_ms () - t0;
}

static void
bench_import (const char *json,
              int         runs)
{
  g_autofree char *file = g_build_filename (dir, "import.malbild", NULL);
  g_autoptr(GArray) local = NEW_ARRAY ();
  g_autoptr(GArray) shared = NEW_ARRAY ();
  g_autoptr(GArray) ratio = NEW_ARRAY ();

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *name = new_shared_library ();
      g_autofree char *uri = mb_test_pg_uri (name, "malbild_test");
      double a, b;

      remove_file_and_wal (file);
      a = time_import (file, json);
      b = time_import (uri, json);
      g_array_append_val (local, a);
      g_array_append_val (shared, b);
      b /= a;
      g_array_append_val (ratio, b);
      drop_shared_library (name);
      remove_file_and_wal (file);
    }
  g_print ("\n(b) Import the library's JSON into an empty library (%d runs)\n", runs);
  g_print ("  %-52s %9s   %-21s\n", "", "median ms", "range ms");
  print_times ("file", local);
  print_times ("shared", shared);
  print_ratio ("shared / file", shared, local, ratio, 3.0);
}

/* (c) A change seen by a second store */

/* The second store: says "ready", then "seen TITLE TIME" (monotonic µs)
 * at each "changed" that brings a new title of @node; ends with its stdin. */
typedef struct
{
  MbStore    *store;
  const char *node;
  char       *last;
  GMainLoop  *loop;
} Watcher;

static void
watcher_changed_cb (MbStore            *store,
                    const char * const *tables,
                    Watcher            *w)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *title = _mb_store_query_text (mb_store_get_db (store),
                                                 "SELECT title FROM nodes WHERE id = ?", "s",
                                                 w->node);

  if (title == NULL || g_strcmp0 (title, w->last) == 0)
    return;
  say (STDOUT_FILENO, "seen\t%s\t%" G_GINT64_FORMAT "\n", title, now);
  g_free (w->last);
  w->last = g_steal_pointer (&title);
}

static gboolean
stdin_cb (int           fd,
          GIOCondition  condition,
          gpointer      data)
{
  char buffer[256];
  ssize_t n = read (fd, buffer, sizeof buffer);

  if (n > 0 || (n < 0 && errno == EINTR))
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
child_watcher (const char *uri,
               const char *node)
{
  g_autoptr(MbStore) store = open_store (uri);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watcher w = { store, node, NULL, loop };

  w.last = _mb_store_query_text (mb_store_get_db (store), "SELECT title FROM nodes WHERE id = ?",
                                 "s", node);
  g_signal_connect (store, "changed", G_CALLBACK (watcher_changed_cb), &w);
  g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, loop);
  say (STDOUT_FILENO, "ready\n");
  g_main_loop_run (loop);
  g_free (w.last);
  return 0;
}

static void
bench_latency (const char *uri,
               const char *node,
               int         changes)
{
  g_autofree char *cache = g_build_filename (dir, "cache-second", NULL);
  const char *args[] = { "watch", uri, node, NULL };
  g_autoptr(MbStore) store = open_store (uri);
  g_autoptr(GArray) from_return = NEW_ARRAY ();
  g_autoptr(GArray) from_start = NEW_ARRAY ();
  g_autoptr(GArray) action = NEW_ARRAY ();
  g_autofree char *ready = NULL;
  guint lost = 0;
  Child child;

  spawn_child (&child, cache, args);
  ready = read_line (&child.out, CHILD_LIMIT_MS);
  if (g_strcmp0 (ready, "ready") != 0)
    g_error ("The second store did not open the library");

  for (int k = 1; k <= changes; k++)
    {
      g_autofree char *title = g_strdup_printf ("Latency %d", k);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time (), done;
      gboolean seen = FALSE;
      double ms;

      if (!set_text (store, node, "title", title, &error))
        g_error ("%s", error->message);
      done = g_get_monotonic_time ();
      ms = (done - start) / 1000.0;
      g_array_append_val (action, ms);
      while (!seen)
        {
          g_autofree char *line = read_line (&child.out, 10000);
          g_auto(GStrv) parts = line ? g_strsplit (line, "\t", 3) : NULL;

          if (line == NULL)
            break;
          if (g_strv_length (parts) == 3 && g_str_equal (parts[1], title))
            {
              gint64 at = g_ascii_strtoll (parts[2], NULL, 10);

              ms = (at - done) / 1000.0;
              g_array_append_val (from_return, ms);
              ms = (at - start) / 1000.0;
              g_array_append_val (from_start, ms);
              seen = TRUE;
            }
        }
      if (!seen)
        lost++;
      /* A person's pace, not a burst: the second store is idle when the
       * change comes, as a window is. */
      g_usleep (200 * 1000);
    }
  finish_child (&child, CHILD_LIMIT_MS);

  g_print ("\n(c) A change seen by a second store in another process (%d changes)\n", changes);
  g_print ("  %-52s %9s   %-21s\n", "", "median ms", "range ms");
  print_times ("the action (a rename), in the first store", action);
  if (from_return->len > 0)
    {
      print_times ("from the action's return to the second's \"changed\"", from_return);
      print_times ("from the action's start to the second's \"changed\"", from_start);
    }
  g_print ("  changes not seen within 10 s: %u; budget < 1000 ms: %s\n", lost,
           lost == 0 && from_return->len > 0 && mb_bench_max (from_return) < 1000
             ? "met (every change)" : "MISSED");
}

/* (d) Twenty editors */

/* What the editors work on: a pool of nodes they all rename, and each
 * one's own nodes, whose descriptions only that one edits. */
typedef struct
{
  GPtrArray  *pool;       /* node ids */
  GPtrArray  *own;        /* per editor: GPtrArray of node ids */
  GHashTable *initial;    /* "id\tcolumn" → value ("\\N": none) */
} Workload;

static void
workload_clear (Workload *w)
{
  g_clear_pointer (&w->pool, g_ptr_array_unref);
  g_clear_pointer (&w->own, g_ptr_array_unref);
  g_clear_pointer (&w->initial, g_hash_table_unref);
}

static void
workload_write (Workload   *w,
                const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < w->pool->len; i++)
    g_string_append_printf (out, "pool\t%s\n", (char *) w->pool->pdata[i]);
  for (guint e = 0; e < w->own->len; e++)
    {
      GPtrArray *mine = w->own->pdata[e];

      for (guint i = 0; i < mine->len; i++)
        g_string_append_printf (out, "own\t%u\t%s\n", e, (char *) mine->pdata[i]);
    }
  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
}

static void
workload_read (Workload   *w,
               const char *path,
               guint       editor)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  w->pool = g_ptr_array_new_with_free_func (g_free);
  w->own = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (f) == 2 && g_str_equal (f[0], "pool"))
        g_ptr_array_add (w->pool, g_strdup (f[1]));
      else if (g_strv_length (f) == 3 && g_str_equal (f[0], "own") &&
               g_ascii_strtoull (f[1], NULL, 10) == editor)
        g_ptr_array_add (w->own, g_strdup (f[2]));
    }
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the store follow its colleagues until @at (monotonic µs). */
static void
run_until (gint64 at)
{
  gint64 now = g_get_monotonic_time ();
  gboolean done = FALSE;

  if (at > now)
    {
      g_timeout_add (MAX (1, (at - now) / 1000), flag_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static char *
escape_value (const char *value)
{
  return g_strdup (value ? value : "\\N");
}

/* One editor: says "ready", waits for "go START" on stdin, then does one
 * action a second, at a random moment of each, for @seconds; writes a log
 * line per action to @log_path:
 *   ok        REV ID COLUMN BASE VALUE MS   (REV: the server's action id)
 *   conflict  ID COLUMN MS
 *   error     CODE MESSAGE MS */
static int
child_editor (const char *uri,
              guint       editor,
              int         seconds,
              const char *workload_path,
              const char *log_path)
{
  g_autoptr(MbStore) store = open_store (uri);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + editor);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *go = NULL;
  g_auto(GStrv) parts = NULL;
  LineReader in = { STDIN_FILENO, g_string_new (NULL) };
  Workload w = { 0 };
  sqlite3 *db = mb_store_get_db (store);
  gint64 start;

  workload_read (&w, workload_path, editor);
  say (STDOUT_FILENO, "ready\n");
  go = read_line (&in, CHILD_LIMIT_MS);
  g_string_free (in.buffer, TRUE);
  parts = go ? g_strsplit (go, "\t", 2) : NULL;
  if (parts == NULL || g_strv_length (parts) != 2 || !g_str_equal (parts[0], "go"))
    return 1;
  start = g_ascii_strtoll (parts[1], NULL, 10);

  for (int i = 0; i < seconds; i++)
    {
      gboolean rename = g_rand_boolean (rand);
      GPtrArray *set = rename ? w.pool : w.own;
      const char *id = set->pdata[g_rand_int_range (rand, 0, set->len)];
      const char *column = rename ? "title" : "description";
      g_autofree char *value = g_strdup_printf ("e%02u-%d", editor, i);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM nodes WHERE id = ?", column);
      g_autofree char *base = NULL;
      g_autoptr(GError) action_error = NULL;
      gint64 t0;
      double ms;

      run_until (start + (gint64) i * G_USEC_PER_SEC + g_rand_int_range (rand, 0, G_USEC_PER_SEC));
      base = _mb_store_query_text (db, sql, "s", id);
      t0 = g_get_monotonic_time ();
      if (set_text (store, id, column, value, &action_error))
        {
          g_autofree char *b = escape_value (base);
          gint64 rev;

          ms = (g_get_monotonic_time () - t0) / 1000.0;
          /* The push records the row's action in the replica, at once. */
          rev = _mb_store_query_int (db, "SELECT rev FROM mb_remote_rows WHERE tbl = 'nodes'"
                                         " AND key = ?", "s", id);
          g_string_append_printf (log, "ok\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%.3f\n", rev, id,
                                  column, b, value, ms);
        }
      else if (g_error_matches (action_error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT))
        {
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_string_append_printf (log, "conflict\t%s\t%s\t%.3f\n", id, column, ms);
        }
      else
        {
          g_autofree char *message = g_strdup (action_error->message);

          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_strdelimit (message, "\t\n", ' ');
          g_string_append_printf (log, "error\t%d\t%s\t%.3f\n", action_error->code, message, ms);
        }
    }

  if (!g_file_set_contents (log_path, log->str, log->len, &error))
    g_error ("%s", error->message);
  workload_clear (&w);
  return 0;
}

typedef struct
{
  gint64  rev;
  guint   editor;
  char   *base;
  char   *value;
} Write;

static void
write_free (Write *write)
{
  g_free (write->base);
  g_free (write->value);
  g_free (write);
}

static int
compare_writes (gconstpointer a,
                gconstpointer b)
{
  const Write *x = *(Write * const *) a, *y = *(Write * const *) b;

  return x->rev < y->rev ? -1 : x->rev > y->rev;
}

static void
make_editor_roles (guint n)
{
  g_autoptr(PGconn) admin = mb_test_pg_connect ("postgres", "malbild_test");

  for (guint e = 0; e < n; e++)
    {
      g_autofree char *sql = g_strdup_printf ("DO $$ BEGIN CREATE ROLE editor%02u LOGIN IN ROLE "
                                              MB_REMOTE_EDITOR_ROLE "; EXCEPTION WHEN"
                                              " duplicate_object THEN NULL; END $$", e);

      mb_test_pg_exec (admin, sql);
    }
}

static void
make_workload (Workload   *w,
               const char *uri,
               guint       editors)
{
  g_autoptr(MbStore) store = open_store (uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = mb_store_create_strategy (store, "Editors", "rus", &error);
  g_autofree char *level = NULL;

  if (strategy == NULL)
    g_error ("%s", error->message);
  level = _mb_store_query_text (mb_store_get_db (store), "SELECT id FROM levels"
                                " WHERE strategy_id = ? AND position = 0", "s", strategy);
  w->pool = g_ptr_array_new_with_free_func (g_free);
  w->own = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  w->initial = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < POOL_SIZE + editors * OWN_NODES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Node %u", i);
      char *id = mb_store_create_node (store, strategy, NULL, level, title, &error);

      if (id == NULL)
        g_error ("%s", error->message);
      g_hash_table_insert (w->initial, g_strconcat (id, "\ttitle", NULL), g_strdup (title));
      g_hash_table_insert (w->initial, g_strconcat (id, "\tdescription", NULL),
                           g_strdup ("\\N"));
      if (i < POOL_SIZE)
        g_ptr_array_add (w->pool, id);
      else
        {
          guint e = (i - POOL_SIZE) / OWN_NODES;

          if (w->own->len <= e)
            g_ptr_array_add (w->own, g_ptr_array_new_with_free_func (g_free));
          g_ptr_array_add (w->own->pdata[e], id);
        }
    }
}

/* Reads the editors' logs and checks them against the server: the number
 * of lost updates (0 if none). */
static guint
check_editors (const char *database,
               const char *log_dir,
               guint       editors,
               Workload   *w,
               GArray     *times,
               guint      *n_ok,
               guint      *n_conflicts,
               guint      *n_errors)
{
  g_autoptr(PGconn) conn = mb_test_pg_connect (database, "malbild_test");
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) authors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  g_autoptr(PGresult) actions = PQexec (conn, "SELECT id, author FROM malbild.mb_actions");
  GHashTableIter iter;
  gpointer key, value;
  guint lost = 0;

  for (int r = 0; r < PQntuples (actions); r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (actions, r, 0), NULL, 10);

      g_hash_table_insert (authors, g_memdup2 (&id, sizeof id), g_strdup (PQgetvalue (actions, r, 1)));
    }

  for (guint e = 0; e < editors; e++)
    {
      g_autofree char *path = g_strdup_printf ("%s/editor%02u.log", log_dir, e);
      g_autofree char *role = g_strdup_printf ("editor%02u", e);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;  /* counted as a failed editor by its exit status */
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
          guint n = g_strv_length (f);
          double ms;

          if (n == 0)
            continue;
          ms = g_ascii_strtod (f[n - 1], NULL);
          g_array_append_val (times, ms);
          if (g_str_equal (f[0], "ok") && n == 7)
            {
              Write *write = g_new0 (Write, 1);
              g_autofree char *field = g_strconcat (f[2], "\t", f[3], NULL);
              GPtrArray *list = g_hash_table_lookup (fields, field);
              const char *author;

              write->rev = g_ascii_strtoll (f[1], NULL, 10);
              write->editor = e;
              write->base = g_strdup (f[4]);
              write->value = g_strdup (f[5]);
              author = g_hash_table_lookup (authors, &write->rev);
              if (g_strcmp0 (author, role) != 0)
                {
                  g_print ("  LOST: %s's action %" G_GINT64_FORMAT " is not on the server as"
                           " theirs (%s)\n", role, write->rev, author ? author : "no such action");
                  lost++;
                }
              if (list == NULL)
                {
                  list = g_ptr_array_new_with_free_func ((GDestroyNotify) write_free);
                  g_hash_table_insert (fields, g_strdup (field), list);
                }
              g_ptr_array_add (list, write);
              (*n_ok)++;
            }
          else if (g_str_equal (f[0], "conflict"))
            (*n_conflicts)++;
          else
            {
              g_print ("  FAILED: %s: %s\n", role, lines[i]);
              (*n_errors)++;
            }
        }
    }

  /* Each field's successful writes, in the server's order: each started
   * from what the one before wrote, and the last one's value stands. */
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;
      g_auto(GStrv) f = g_strsplit (key, "\t", 2);
      const char *previous = g_hash_table_lookup (w->initial, key);
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (%s, '\\N') FROM malbild.nodes"
                                              " WHERE id = '%s'", f[1], f[0]);
      g_autofree char *final = mb_test_pg_query_text (conn, sql);

      g_ptr_array_sort (list, compare_writes);
      for (guint i = 0; i < list->len; i++)
        {
          Write *write = list->pdata[i];

          if (i > 0 && write->rev == ((Write *) list->pdata[i - 1])->rev)
            {
              g_print ("  LOST: two writes of %s claim action %" G_GINT64_FORMAT "\n", (char *) key,
                       write->rev);
              lost++;
            }
          if (g_strcmp0 (write->base, previous) != 0)
            {
              g_print ("  LOST: editor%02u's action %" G_GINT64_FORMAT " wrote %s of %s over “%s”"
                       " without having seen it (it started from “%s”)\n", write->editor,
                       write->rev, f[1], f[0], previous, write->base);
              lost++;
            }
          previous = write->value;
        }
      if (g_strcmp0 (final, previous) != 0)
        {
          g_print ("  LOST: %s of %s is “%s” on the server; the last successful action wrote"
                   " “%s”\n", f[1], f[0], final, previous);
          lost++;
        }
    }
  return lost;
}

static gboolean
bench_editors (guint editors,
               int   seconds)
{
  g_autofree char *database = new_shared_library ();
  g_autofree char *log_dir = g_build_filename (dir, "editors", NULL);
  g_autofree char *workload_path = g_build_filename (log_dir, "workload", NULL);
  g_autofree char *deadlocks_sql = g_strdup_printf ("SELECT deadlocks FROM pg_stat_database"
                                                    " WHERE datname = '%s'", database);
  g_autofree char *seconds_text = g_strdup_printf ("%d", seconds);
  g_autofree char *deadlocks = NULL;
  g_autoptr(GArray) times = NEW_ARRAY ();
  g_autoptr(PGconn) admin = NULL;
  g_autofree Child *children = g_new0 (Child, editors);
  Workload w = { 0 };
  guint n_ok = 0, n_conflicts = 0, n_errors = 0, failed = 0, lost;
  gint64 start;

  g_mkdir_with_parents (log_dir, 0700);
  make_editor_roles (editors);
  {
    g_autofree char *uri = mb_test_pg_uri (database, "malbild_test");

    make_workload (&w, uri, editors);
  }
  workload_write (&w, workload_path);

  for (guint e = 0; e < editors; e++)
    {
      g_autofree char *role = g_strdup_printf ("editor%02u", e);
      g_autofree char *uri = mb_test_pg_uri (database, role);
      g_autofree char *cache = g_strdup_printf ("%s/cache-%s", log_dir, role);
      g_autofree char *index = g_strdup_printf ("%u", e);
      g_autofree char *log = g_strdup_printf ("%s/%s.log", log_dir, role);
      const char *args[] = { "edit", uri, index, seconds_text, workload_path, log, NULL };

      spawn_child (&children[e], cache, args);
    }
  for (guint e = 0; e < editors; e++)
    {
      g_autofree char *ready = read_line (&children[e].out, CHILD_LIMIT_MS);

      if (g_strcmp0 (ready, "ready") != 0)
        g_error ("Editor %u did not open the library", e);
    }
  start = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  for (guint e = 0; e < editors; e++)
    say (children[e].in, "go\t%" G_GINT64_FORMAT "\n", start);
  for (guint e = 0; e < editors; e++)
    if (!finish_child (&children[e], (seconds + 1) * 1000 + CHILD_LIMIT_MS))
      {
        g_print ("  FAILED: editor%02u did not finish (hung, or ended with an error)\n", e);
        failed++;
      }

  lost = check_editors (database, log_dir, editors, &w, times, &n_ok, &n_conflicts, &n_errors);
  admin = mb_test_pg_connect ("postgres", "malbild_test");
  deadlocks = mb_test_pg_query_text (admin, deadlocks_sql);

  g_print ("\n(d) %u editors, one action a second each for %d s, on a pool of %d shared nodes"
           " and %d of their own each\n", editors, seconds, POOL_SIZE, OWN_NODES);
  g_print ("  actions: %u (%u done, %u conflicts reported, %u failed)\n", times->len, n_ok,
           n_conflicts, n_errors);
  if (times->len > 0)
    g_print ("  action time: median %.1f ms, 95th percentile %.1f ms, slowest %.1f ms\n",
             mb_bench_median (times), percentile (times, 0.95), mb_bench_max (times));
  g_print ("  deadlocks the server detected (and resolved): %s\n", deadlocks ? deadlocks : "?");
  g_print ("  editors that hung or failed: %u; actions failed with a server error: %u\n", failed,
           n_errors);
  g_print ("  lost updates: %u\n", lost);
  workload_clear (&w);
  return lost == 0 && failed == 0 && n_errors == 0 && times->len > 0;
}

/* Main */

static void
print_setting (PGconn     *conn,
               const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT current_setting ('%s')", name);
  g_autofree char *value = mb_test_pg_query_text (conn, sql);

  g_print (" %s=%s", name, value);
}

static void
print_machine (void)
{
  g_autoptr(PGconn) conn = mb_test_pg_connect ("postgres", "malbild_test");
  g_autofree char *version = mb_test_pg_query_text (conn, "SHOW server_version");
  g_autofree char *load = NULL;

  g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
  g_print ("Machine: %u CPUs, load %s", g_get_num_processors (),
           load ? g_strstrip (load) : "?");
  g_print ("\nServer: PostgreSQL %s over a Unix socket;", version);
  print_setting (conn, "fsync");
  print_setting (conn, "synchronous_commit");
  print_setting (conn, "full_page_writes");
  print_setting (conn, "shared_buffers");
  g_print ("\n");
}

static int
child_main (int    argc,
            char **argv)
{
  if (argc == 5 && g_str_equal (argv[2], "watch"))
    return child_watcher (argv[3], argv[4]);
  if (argc == 8 && g_str_equal (argv[2], "edit"))
    return child_editor (argv[3], g_ascii_strtoull (argv[4], NULL, 10), atoi (argv[5]), argv[6],
                         argv[7]);
  g_printerr ("mb-bench-remote: a child with unknown arguments\n");
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  int runs = 5;
  int editors = 20;
  int seconds = 60;
  gboolean small = FALSE;
  gboolean no_first_open = FALSE;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (default 5)", "N" },
    { "small", 0, 0, G_OPTION_ARG_NONE, &small, "Use the small library", NULL },
    { "no-first-open", 0, 0, G_OPTION_ARG_NONE, &no_first_open,
      "Open only replicas that are up to date", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only these: open,import,latency,editors",
      "LIST" },
    { "editors", 0, 0, G_OPTION_ARG_INT, &editors, "Simulated editors (default 20)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Their minute, in seconds (default 60)",
      "S" },
    { NULL }
  };
  g_auto(GStrv) parts = NULL;
  g_autofree char *cache = NULL;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  if (argc > 2 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mb-bench-remote: %s\n", error->message);
      return 2;
    }
  if (g_getenv ("MB_TEST_PG_HOST") == NULL)
    {
      g_printerr ("mb-bench-remote: run it beside a server:"
                  " MB_TEST_PG_DURABLE=1 tests/with-postgresql %s\n", argv[0]);
      return 2;
    }
  parts = g_strsplit (only ? only : "open,import,latency,editors", ",", -1);
  runs = MAX (runs, 1);

  dir = g_dir_make_tmp ("mb-bench-remote-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  /* Replicas go here, not into the user's cache. */
  cache = g_build_filename (dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  print_machine ();

  if (g_strv_contains ((const char * const *) parts, "open") ||
      g_strv_contains ((const char * const *) parts, "import") ||
      g_strv_contains ((const char * const *) parts, "latency"))
    {
      const MbGenerateSize *size = small ? &mb_generate_small : &mb_generate_large;
      g_autofree char *lib_dir = NULL;
      g_autofree char *file = mb_generate_bench_library (NULL, small, &lib_dir);
      g_autofree char *json = g_build_filename (dir, "library.json", NULL);
      g_autofree char *database = new_shared_library ();
      g_autofree char *uri = mb_test_pg_uri (database, "malbild_test");
      g_autofree char *strategy = NULL;
      g_autofree char *node = NULL;
      double t0;

      g_print ("Library: %u strategies, %u nodes, %u links, %u indicators, %u measurements, "
               "%u projects\n", size->strategies, size->nodes, size->links, size->indicators,
               size->measurements, size->projects);
      {
        g_autoptr(MbStore) source = open_store (file);
        g_autoptr(MbStore) shared = open_store (uri);

        strategy = mb_generate_pick_largest_strategy (source);
        node = _mb_store_query_text (mb_store_get_db (source), "SELECT id FROM nodes"
                                     " WHERE strategy_id = ? ORDER BY id LIMIT 1", "s", strategy);
        if (!mb_exchange_export_file (source, json, &error))
          g_error ("%s", error->message);
        t0 = mb_bench_now_ms ();
        if (!mb_store_copy_library (shared, source, &error))
          g_error ("%s", error->message);
        g_print ("Copied to the server (mb_store_copy_library, one run): %.0f ms\n",
                 mb_bench_now_ms () - t0);
      }

      if (g_strv_contains ((const char * const *) parts, "open"))
        bench_open (file, uri, strategy, runs, !no_first_open);
      if (g_strv_contains ((const char * const *) parts, "import"))
        bench_import (json, runs);
      if (g_strv_contains ((const char * const *) parts, "latency"))
        bench_latency (uri, node, 10 * runs);

      drop_shared_library (database);
      mb_generate_remove_dir (lib_dir);
      g_remove (json);
    }

  if (g_strv_contains ((const char * const *) parts, "editors"))
    ok = bench_editors (MAX (editors, 1), MAX (seconds, 1));

  {
    g_autofree char *load = NULL;

    g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
    g_print ("\nLoad at the end: %s\n", load ? g_strstrip (load) : "?");
  }
  remove_tree (dir);
  return ok ? 0 : 1;
}
