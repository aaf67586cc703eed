/* fuzz-import.c – libFuzzer target on the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is validated alone and against a small library that holds a
 * strategy with two linked nodes (so references into the library and
 * cycles through it are reachable), then imported into it: validation
 * against the library must say what the import does. After an import that
 * succeeds, the library's export must import into an empty library whose
 * export is the same bytes; then the import is undone, so every input meets
 * the same library. Built with clang only
 * (-fsanitize=fuzzer,address,undefined); tests/fuzz/run-fuzz.sh builds and
 * runs it for a bounded time.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "mb-exchange.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char seed[] =
  "{\"format\": \"malbild\", \"version\": 1,"
  " \"strategies\": [{\"id\": \"0b000000-0000-4000-8000-000000000001\", \"title\": \"S\","
  "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}],"
  " \"levels\": [{\"id\": \"0c000000-0000-4000-8000-000000000001\","
  "  \"strategy_id\": \"0b000000-0000-4000-8000-000000000001\", \"position\": 0, \"name\": \"L\","
  "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}],"
  " \"nodes\": [{\"id\": \"0d000000-0000-4000-8000-000000000001\","
  "  \"strategy_id\": \"0b000000-0000-4000-8000-000000000001\","
  "  \"level_id\": \"0c000000-0000-4000-8000-000000000001\", \"title\": \"A\","
  "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"},"
  "  {\"id\": \"0d000000-0000-4000-8000-000000000002\","
  "  \"strategy_id\": \"0b000000-0000-4000-8000-000000000001\","
  "  \"level_id\": \"0c000000-0000-4000-8000-000000000001\", \"title\": \"B\","
  "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}],"
  " \"links\": [{\"id\": \"0e000000-0000-4000-8000-000000000001\","
  "  \"from_node_id\": \"0d000000-0000-4000-8000-000000000002\","
  "  \"to_node_id\": \"0d000000-0000-4000-8000-000000000001\","
  "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]}";

static MbStore *
library (void)
{
  static MbStore *store = NULL;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("malbild-fuzz-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "fuzz.malbild", NULL);
      g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
      MbImportReport *report;

      store = mb_store_open (path, MB_STORE_OPEN_NONE, NULL);
      if (store == NULL)
        abort ();
      report = mb_exchange_import_data (store, "seed.json", seed, sizeof seed - 1,
                                        MB_IMPORT_NONE, problems, NULL);
      if (report == NULL)
        abort ();
      mb_import_report_free (report);
    }

  return store;
}

/* What the import accepted, the export restores: export → import into an
 * empty library → export gives the same bytes. */
static void
check_round_trip (MbStore *store)
{
  g_autofree char *dir = g_dir_make_tmp ("malbild-fuzz-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.malbild", NULL);
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(GBytes) first = mb_exchange_export (store, NULL);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(MbImportReport) report = NULL;
  MbStore *empty;
  gsize length;
  const char *text;

  if (first == NULL)
    abort ();
  empty = mb_store_open (path, MB_STORE_OPEN_NONE, NULL);
  if (empty == NULL)
    abort ();
  text = g_bytes_get_data (first, &length);
  report = mb_exchange_import_data (empty, "export.json", text, length, MB_IMPORT_NONE,
                                    problems, NULL);
  if (report == NULL)
    abort ();
  second = mb_exchange_export (empty, NULL);
  if (second == NULL || !g_bytes_equal (first, second))
    abort ();
  g_object_unref (empty);

  for (const char *suffix = ""; suffix != NULL;
       suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MbStore *store = library ();
  g_autoptr(MbProblemList) checked = mb_problem_list_new (20);
  g_autoptr(MbProblemList) against_library = mb_problem_list_new (20);
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  (void) mb_exchange_validate_data (NULL, "fuzz.json", (const char *) data, size, checked, NULL);
  valid = mb_exchange_validate_data (store, "fuzz.json", (const char *) data, size,
                                     against_library, NULL);

  report = mb_exchange_import_data (store, "fuzz.json", (const char *) data, size,
                                    (size & 1) ? MB_IMPORT_PREFER_FILE : MB_IMPORT_NONE,
                                    problems, &error);

  /* One code path: what validation says, the import does. */
  if (valid != (report != NULL))
    abort ();

  if (report != NULL)
    {
      g_autofree char *text = mb_import_report_format (report);

      if (text == NULL)
        abort ();
      check_round_trip (store);
      if (g_strcmp0 (mb_store_get_undo_label (store), "Import “fuzz.json”") == 0 &&
          !mb_store_undo (store, NULL))
        abort ();
    }
  else if (error == NULL || mb_problem_list_get_count (problems) == 0)
    abort ();  /* a refusal always says why */

  return 0;
}
