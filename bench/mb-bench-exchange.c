/* mb-bench-exchange.c – import and export of the large library, against json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mb-bench-exchange [RUNS] [SCALE]
 *
 * Generates design.md's large library (bench/mb-generator.c, seed 1), every
 * count times SCALE (default 1; 4 gives the "4× library"), then measures,
 * each phase in a child process of its own so that its peak RSS (getrusage)
 * is its own: the export, json-glib's bare parse (json_parser_load_from_data)
 * and bare generate (JsonGenerator, pretty) of the exported file, validation
 * alone, the import into an empty library, and the undo and the redo of
 * that import. The phases are interleaved within each run, so that a busy
 * moment of a shared machine falls on all of them alike. Prints the median and the range (fastest–slowest) of the
 * wall and CPU time of RUNS runs (default 3) and the highest peak RSS, with
 * the ratios to json-glib and to the file size that the budgets name. CPU
 * time is the fairer ratio on a machine shared with other work. With
 * MB_BENCH_KEEP=1 the generated library and its export are kept.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mb-exchange.h"
#include "mb-generator.h"
#include "mb-bench-util.h"

typedef enum
{
  PHASE_BASELINE,
  PHASE_EXPORT,
  PHASE_PARSE,
  PHASE_GENERATE,
  PHASE_VALIDATE,
  PHASE_IMPORT,
  PHASE_UNDO,
  PHASE_REDO,
  N_PHASES
} Phase;

static const char * const phase_names[] = {
  "baseline (open library)", "export", "json-glib parse", "json-glib generate",
  "validate", "import into empty", "undo of the import", "redo of the import",
};

typedef struct
{
  double wall;
  double cpu;
} Times;

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_start;

static const char *dir;
static const char *library;
static const char *json_path;

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("mb-bench-exchange: %s: %s\n", what, error ? error->message : "failed");
  _exit (1);
}

/* Runs in the child; the time of the work only, without process start-up. */
static Times
run_phase (Phase phase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GTimer) timer = NULL;
  gsize length = 0;
  const char *data = NULL;

  if (phase == PHASE_PARSE || phase == PHASE_GENERATE || phase == PHASE_VALIDATE)
    {
      bytes = mb_exchange_read_file (json_path, MB_EXCHANGE_MAX_FILE_SIZE, &error);
      if (bytes == NULL)
        die ("read", error);
      data = g_bytes_get_data (bytes, &length);
    }

  switch (phase)
    {
    case PHASE_BASELINE:
      timer = g_timer_new ();
      cpu_start = cpu_now ();
      store = mb_store_open (library, MB_STORE_OPEN_READ_ONLY, &error);
      if (store == NULL)
        die ("open", error);
      break;

    case PHASE_EXPORT:
      store = mb_store_open (library, MB_STORE_OPEN_READ_ONLY, &error);
      if (store == NULL)
        die ("open", error);
      timer = g_timer_new ();
      cpu_start = cpu_now ();
      if (!mb_exchange_export_file (store, json_path, &error))
        die ("export", error);
      break;

    case PHASE_PARSE:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();

        timer = g_timer_new ();
        cpu_start = cpu_now ();
        if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
          die ("parse", error);
      }
      break;

    case PHASE_GENERATE:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autofree char *text = NULL;

        if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
          die ("parse", error);
        g_clear_pointer (&bytes, g_bytes_unref);
        json_generator_set_root (generator, json_parser_get_root (parser));
        json_generator_set_pretty (generator, TRUE);
        timer = g_timer_new ();
        cpu_start = cpu_now ();
        text = json_generator_to_data (generator, NULL);
      }
      break;

    case PHASE_VALIDATE:
      {
        g_autoptr(MbProblemList) problems = mb_problem_list_new (20);

        timer = g_timer_new ();
        cpu_start = cpu_now ();
        if (!mb_exchange_validate_data (NULL, "large.json", data, length, problems, &error))
          die ("validate", error);
      }
      break;

    case PHASE_IMPORT:
    case PHASE_UNDO:
    case PHASE_REDO:
      {
        g_autofree char *empty = g_build_filename (dir, "empty.malbild", NULL);
        g_autofree char *wal = g_strconcat (empty, "-wal", NULL);
        g_autofree char *shm = g_strconcat (empty, "-shm", NULL);
        g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
        g_autoptr(MbImportReport) report = NULL;

        g_remove (empty);
        g_remove (wal);
        g_remove (shm);
        store = mb_store_open (empty, MB_STORE_OPEN_NONE, &error);
        if (store == NULL)
          die ("open", error);
        timer = g_timer_new ();
        cpu_start = cpu_now ();
        report = mb_exchange_import_file (store, json_path, MB_IMPORT_NONE, problems, &error);
        if (report == NULL)
          die ("import", error);
        if (phase == PHASE_IMPORT)
          break;
        if (phase == PHASE_REDO && !mb_store_undo (store, &error))
          die ("undo", error);
        g_timer_start (timer);
        cpu_start = cpu_now ();
        if (!(phase == PHASE_UNDO ? mb_store_undo : mb_store_redo) (store, &error))
          die (phase_names[phase], error);
      }
      break;

    case N_PHASES:
    default:
      g_assert_not_reached ();
    }

  {
    Times t = { g_timer_elapsed (timer, NULL), cpu_now () - cpu_start };

    return t;
  }
}

/* Forks, runs @phase, returns its times; its peak RSS (KiB) to @max_rss. */
static Times
measure (Phase  phase,
         long  *max_rss)
{
  int fds[2];
  pid_t pid;
  struct rusage usage;
  int status;
  Times seconds = { 0, 0 };

  if (pipe (fds) != 0)
    die ("pipe", NULL);
  pid = fork ();
  if (pid == 0)
    {
      Times t = run_phase (phase);

      if (write (fds[1], &t, sizeof t) != sizeof t)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  if (read (fds[0], &seconds, sizeof seconds) != sizeof seconds)
    die (phase_names[phase], NULL);
  close (fds[0]);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    die (phase_names[phase], NULL);
  *max_rss = usage.ru_maxrss;
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *lib_path = NULL;
  g_autofree char *json = NULL;
  double median[N_PHASES];
  double median_cpu[N_PHASES];
  double range[N_PHASES][2];
  double range_cpu[N_PHASES][2];
  long rss[N_PHASES];
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 3;
  guint scale = argc > 2 ? (guint) atoi (argv[2]) : 1;
  MbGenerateSize size = mb_generate_large;
  GStatBuf st;
  double size_mib;

  setlocale (LC_ALL, "");
  runs = MAX (runs, 1);
  scale = MAX (scale, 1);
  size.strategies *= scale;
  size.nodes *= scale;
  size.links *= scale;
  size.indicators *= scale;
  size.measurements *= scale;
  size.projects *= scale;
  tmp = g_dir_make_tmp ("mb-bench-exchange-XXXXXX", &error);
  if (tmp == NULL)
    die ("tmp", error);
  dir = tmp;
  lib_path = g_build_filename (tmp, "large.malbild", NULL);
  json = g_build_filename (tmp, "large.json", NULL);
  library = lib_path;
  json_path = json;

  g_print ("Generating the large library × %u (seed 1)…\n", scale);
  if (!mb_generate_library (lib_path, &size, 1, &error))
    die ("generate", error);

  {
    g_autofree double *times = g_new0 (double, (gsize) N_PHASES * runs);
    g_autofree double *cpus = g_new0 (double, (gsize) N_PHASES * runs);

    for (guint r = 0; r < runs; r++)
      for (Phase p = 0; p < N_PHASES; p++)
        {
          long phase_rss = 0;
          Times t = measure (p, &phase_rss);

          times[p * runs + r] = t.wall;
          cpus[p * runs + r] = t.cpu;
          rss[p] = MAX (r == 0 ? 0 : rss[p], phase_rss);
        }
    for (Phase p = 0; p < N_PHASES; p++)
      {
        double *pt = times + p * runs, *pc = cpus + p * runs;

        qsort (pt, runs, sizeof (double), mb_bench_compare_doubles);
        qsort (pc, runs, sizeof (double), mb_bench_compare_doubles);
        median[p] = pt[runs / 2];
        median_cpu[p] = pc[runs / 2];
        range[p][0] = pt[0];
        range[p][1] = pt[runs - 1];
        range_cpu[p][0] = pc[0];
        range_cpu[p][1] = pc[runs - 1];
      }
  }

  g_stat (json, &st);
  size_mib = st.st_size / (1024.0 * 1024.0);

  g_print ("\nLarge library × %u as JSON: %.1f MiB; median (fastest–slowest) of %u runs\n\n",
           scale, size_mib, runs);
  g_print ("%-26s %22s %22s %14s\n", "phase", "wall (s)", "CPU (s)", "peak RSS (MiB)");
  for (Phase p = 0; p < N_PHASES; p++)
    g_print ("%-26s %6.3f (%6.3f–%6.3f) %6.3f (%6.3f–%6.3f) %14.1f\n", phase_names[p],
             median[p], range[p][0], range[p][1], median_cpu[p], range_cpu[p][0],
             range_cpu[p][1], rss[p] / 1024.0);

  g_print ("\nratios (wall, CPU):\n");
  g_print ("export / json-glib generate:  %.2f×  %.2f×\n",
           median[PHASE_EXPORT] / median[PHASE_GENERATE],
           median_cpu[PHASE_EXPORT] / median_cpu[PHASE_GENERATE]);
  g_print ("import / json-glib parse:     %.2f×  %.2f×\n",
           median[PHASE_IMPORT] / median[PHASE_PARSE],
           median_cpu[PHASE_IMPORT] / median_cpu[PHASE_PARSE]);
  g_print ("redo / undo of the import:    %.2f×  %.2f×\n",
           median[PHASE_REDO] / median[PHASE_UNDO],
           median_cpu[PHASE_REDO] / median_cpu[PHASE_UNDO]);
  g_print ("validate / json-glib parse:   %.2f×  %.2f×\n",
           median[PHASE_VALIDATE] / median[PHASE_PARSE],
           median_cpu[PHASE_VALIDATE] / median_cpu[PHASE_PARSE]);
  g_print ("import peak RSS / file size:  %.2f× (%.2f× above the baseline)\n",
           rss[PHASE_IMPORT] / 1024.0 / size_mib,
           (rss[PHASE_IMPORT] - rss[PHASE_BASELINE]) / 1024.0 / size_mib);
  g_print ("export peak RSS / file size:  %.2f×\n", rss[PHASE_EXPORT] / 1024.0 / size_mib);
  g_print ("json-glib parse RSS / size:   %.2f×\n", rss[PHASE_PARSE] / 1024.0 / size_mib);

  /* MB_BENCH_KEEP=1 keeps the library and its export, e.g. to measure the
   * command line's import of them with /usr/bin/time -v. */
  if (g_strcmp0 (g_getenv ("MB_BENCH_KEEP"), "1") == 0)
    {
      g_print ("\nkept: %s\n", tmp);
      return 0;
    }

  {
    g_autoptr(GDir) d = g_dir_open (tmp, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (tmp, name, NULL);
        g_remove (p);
      }
    g_rmdir (tmp);
  }

  return 0;
}
