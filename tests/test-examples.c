/* test-examples.c – the shipped example libraries through the app's exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/examples/ is written by build-examples.py, not by the app. These
 * tests hold the two to one format: each example imports into an empty
 * library without a problem, exports back to the very same bytes, and both
 * examples merge into one library without a conflict (they share the
 * organisation and the call they have in common by id).
 */

#include "config.h"

#include "mb-exchange.h"
#include "test-store-util.h"

static const char *example_names[] = { "jamtland-harjedalen.json", "effect-chain.json" };

static char *
example_path (const char *name)
{
  const char *root = g_getenv ("MALBILD_SOURCE_ROOT");

  if (root != NULL)
    return g_build_filename (root, "data", "examples", name, NULL);
  return g_build_filename (MB_SOURCE_DATADIR, "examples", name, NULL);
}

static MbImportReport *
import_example (MbStore    *store,
                const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(GError) error = NULL;
  MbImportReport *report;

  report = mb_exchange_import_file (store, path, MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static void
test_examples_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (example_names); i++)
    {
      g_autofree char *dir = mb_test_make_dir ();
      g_autofree char *library = g_build_filename (dir, "library.malbild", NULL);
      g_autofree char *path = example_path (example_names[i]);
      g_autofree char *contents = NULL;
      g_autoptr(MbStore) store = NULL;
      g_autoptr(MbImportReport) report = NULL;
      g_autoptr(GBytes) exported = NULL;
      g_autoptr(GError) error = NULL;
      MbImportCounts totals;
      gsize length = 0;

      store = mb_store_open (library, MB_STORE_OPEN_NONE, &error);
      g_assert_no_error (error);

      report = import_example (store, example_names[i]);
      totals = mb_import_report_get_totals (report);
      g_assert_cmpuint (totals.added, >, 0);
      g_assert_cmpuint (totals.changed, ==, 0);
      g_assert_cmpuint (totals.conflicts, ==, 0);

      exported = mb_exchange_export (store, &error);
      g_assert_no_error (error);
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);

      /* Byte for byte: the generator writes what the exporter writes. */
      g_assert_cmpmem (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                       contents, length);

      g_clear_object (&store);
      mb_test_remove_dir (dir);
    }
}

static void
test_examples_merge (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *library = g_build_filename (dir, "library.malbild", NULL);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbImportReport) first = NULL;
  g_autoptr(MbImportReport) second = NULL;
  g_autoptr(MbImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  MbImportCounts totals;

  store = mb_store_open (library, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  first = import_example (store, "jamtland-harjedalen.json");
  second = import_example (store, "effect-chain.json");

  /* Region Jämtland Härjedalen and the call for innovation clusters are
   * the same rows in both files. */
  totals = mb_import_report_get_totals (second);
  g_assert_cmpuint (totals.unchanged, ==, 2);
  g_assert_cmpuint (totals.changed, ==, 0);
  g_assert_cmpuint (totals.conflicts, ==, 0);
  g_assert_cmpuint (mb_import_report_get_counts (second, "organisations")->unchanged, ==, 1);
  g_assert_cmpuint (mb_import_report_get_counts (second, "funding_calls")->unchanged, ==, 1);

  /* Importing an example again changes nothing. */
  again = import_example (store, "jamtland-harjedalen.json");
  totals = mb_import_report_get_totals (again);
  g_assert_cmpuint (totals.added, ==, 0);
  g_assert_cmpuint (totals.changed, ==, 0);
  g_assert_cmpuint (totals.conflicts, ==, 0);

  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/examples/round-trip", test_examples_round_trip);
  g_test_add_func ("/examples/merge", test_examples_merge);

  return g_test_run ();
}
