/* mb-bench-measurements.c – importing a big file of measurements, and its undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   mb-bench-measurements [--runs N] [--territories T]
 *
 * Builds a CSV of T territories (default 290, Sweden's municipalities) × 35
 * years (1990–2024) × 3 genders, the size of a Kolada download for one KPI
 * over every municipality, and times on a fresh library: the import (one
 * batch action), its undo and redo, and a second import of the same rows
 * with other values, which updates every one of them. Medians of N runs
 * (default 5) of wall-clock time and of the process's CPU time, which the
 * machine's other work disturbs less; also the undo-log entries each import
 * leaves, the measure of how compact its undo step is.
 */

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "mb-core.h"
#include "mb-measurement-csv.h"
#include "mb-store-private.h"
#include "mb-bench-util.h"

/* A timed step: wall and CPU milliseconds into @times[0] and @times[1]. */
typedef struct
{
  double wall;
  double cpu;
} Clock;

static Clock
clock_start (void)
{
  return (Clock) { mb_bench_now_ms (), mb_bench_cpu_ms () };
}

static void
clock_stop (Clock   start,
            GArray *times[2])
{
  double wall = mb_bench_now_ms () - start.wall, cpu = mb_bench_cpu_ms () - start.cpu;

  g_array_append_val (times[0], wall);
  g_array_append_val (times[1], cpu);
}

static void
times_init (GArray *times[2])
{
  times[0] = g_array_new (FALSE, FALSE, sizeof (double));
  times[1] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
times_clear (GArray *times[2])
{
  g_array_unref (times[0]);
  g_array_unref (times[1]);
}

static void
print_times (const char *what,
             GArray     *times[2])
{
  g_print ("  %-24s %9.1f ms wall %9.1f ms CPU", what, mb_bench_median (times[0]), mb_bench_median (times[1]));
}

/* Swedish Excel's CSV: a byte-order mark, ';' and decimal commas. */
static char *
make_csv (guint territories,
          guint variant)
{
  static const char * const genders[] = { "T", "K", "M" };
  GString *csv = g_string_new ("\xEF\xBB\xBF" "år;kommun;kön;värde\n");

  for (guint t = 0; t < territories; t++)
    for (guint year = 1990; year <= 2024; year++)
      for (guint g = 0; g < G_N_ELEMENTS (genders); g++)
        g_string_append_printf (csv, "%u;%04u;%s;%u,%u\n", year, 1000 + t, genders[g],
                                (t * 7 + year + g) % 1000 + variant, (year + g) % 10);
  return g_string_free (csv, FALSE);
}

static MbMeasurementCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  MbMeasurementCsv *csv = mb_measurement_csv_parse (text, strlen (text), NULL, &error);

  if (csv == NULL)
    g_error ("%s", error->message);
  if (mb_measurement_csv_get_n_problems (csv) > 0)
    g_error ("The generated file has problems");
  return csv;
}

static gint64
log_entries (MbStore *store)
{
  return _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM mb_undo_log", NULL);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 5, territories = 290;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs (default 5)", "N" },
    { "territories", 0, 0, G_OPTION_ARG_INT, &territories, "Territories (default 290)", "T" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("– time a big measurement import");
  g_autoptr(GError) error = NULL;
  GArray *import_ms[2], *undo_ms[2], *redo_ms[2], *update_ms[2];
  g_autoptr(MbMeasurementCsv) first = NULL;
  g_autoptr(MbMeasurementCsv) second = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  gint64 import_entries = 0, update_entries = 0;
  guint rows;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || territories < 1 ||
      territories > 8999)
    {
      g_printerr ("%s\n", error ? error->message : "Bad --runs or --territories");
      return 2;
    }

  times_init (import_ms);
  times_init (undo_ms);
  times_init (redo_ms);
  times_init (update_ms);
  first_text = make_csv (territories, 0);
  second_text = make_csv (territories, 1);
  first = parse (first_text);
  second = parse (second_text);
  rows = mb_measurement_csv_get_rows (first)->len;

  for (int run = 0; run < runs; run++)
    {
      g_autofree char *dir = g_dir_make_tmp ("mb-bench-measurements-XXXXXX", &error);
      g_autofree char *path = NULL;
      g_autofree char *wal = NULL;
      g_autofree char *shm = NULL;
      g_autoptr(MbStore) store = NULL;
      g_autofree char *indicator = NULL;
      gint64 entries_before;
      Clock start;

      if (dir == NULL)
        g_error ("%s", error->message);
      path = g_build_filename (dir, "bench.malbild", NULL);
      store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
      if (store == NULL)
        g_error ("%s", error->message);
      indicator = mb_store_create_indicator (store, NULL, "Bench", "kolada:N01951", &error);
      if (indicator == NULL)
        g_error ("%s", error->message);

      entries_before = log_entries (store);
      start = clock_start ();
      if (!mb_measurement_csv_import (first, store, indicator, "first.csv", &error))
        g_error ("%s", error->message);
      clock_stop (start, import_ms);
      import_entries = log_entries (store) - entries_before;

      start = clock_start ();
      if (!mb_store_undo (store, &error))
        g_error ("%s", error->message);
      clock_stop (start, undo_ms);

      start = clock_start ();
      if (!mb_store_redo (store, &error))
        g_error ("%s", error->message);
      clock_stop (start, redo_ms);

      entries_before = log_entries (store);
      start = clock_start ();
      if (!mb_measurement_csv_import (second, store, indicator, "second.csv", &error))
        g_error ("%s", error->message);
      clock_stop (start, update_ms);
      update_entries = log_entries (store) - entries_before;

      g_clear_object (&store);
      wal = g_strconcat (path, "-wal", NULL);
      shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }

  g_print ("Measurement import, %u rows (%d territories x 35 years x 3 genders),"
           " median of %d runs:\n", rows, territories, runs);
  print_times ("import (new rows)", import_ms);
  g_print ("   %" G_GINT64_FORMAT " undo-log entries\n", import_entries);
  print_times ("undo of the import", undo_ms);
  g_print ("\n");
  print_times ("redo of the import", redo_ms);
  g_print ("\n");
  print_times ("import (all updates)", update_ms);
  g_print ("   %" G_GINT64_FORMAT " undo-log entries\n", update_entries);

  times_clear (import_ms);
  times_clear (undo_ms);
  times_clear (redo_ms);
  times_clear (update_ms);
  return 0;
}
