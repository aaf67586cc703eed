/* fuzz-import.c – libFuzzer target on the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is validated alone, then imported into a small library that
 * holds a strategy with two linked nodes (so references into the library
 * and cycles through it are reachable). An import that succeeds is undone,
 * so every input meets the same library. Built with clang only
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MbStore *store = library ();
  g_autoptr(MbProblemList) checked = mb_problem_list_new (20);
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  valid = mb_exchange_validate_data (NULL, "fuzz.json", (const char *) data, size, checked, NULL);

  report = mb_exchange_import_data (store, "fuzz.json", (const char *) data, size,
                                    (size & 1) ? MB_IMPORT_PREFER_FILE : MB_IMPORT_NONE,
                                    problems, &error);

  /* A file valid on its own is valid with the library too, unless it closes
   * a cycle through it or collides with its unique keys. */
  (void) valid;

  if (report != NULL)
    {
      g_autofree char *text = mb_import_report_format (report);

      if (text == NULL)
        abort ();
      if (g_strcmp0 (mb_store_get_undo_label (store), "Import “fuzz.json”") == 0 &&
          !mb_store_undo (store, NULL))
        abort ();
    }
  else if (error == NULL || mb_problem_list_get_count (problems) == 0)
    abort ();  /* a refusal always says why */

  return 0;
}
