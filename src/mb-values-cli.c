/* mb-values-cli.c – `--import-values FILE.csv --indicator ID-OR-REFERENCE`, headless
 *
 * The window's CSV import for scripts: the same parse (mb_measurement_csv_parse),
 * the same refusals, the same single undo step. Runs from
 * handle_local_options, before GTK is initialised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-catalogue.h"
#include "core/mb-exchange.h"
#include "core/mb-indicator-stats.h"
#include "core/mb-measurement-csv.h"
#include "mb-cli.h"
#include "mb-values-cli.h"

/* Larger measurement files are refused before they are read. */
#define MAX_CSV_SIZE ((gsize) 64 * 1024 * 1024)

const GOptionEntry mb_values_cli_entries[] = {
  { "import-values", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Record the values of FILE.csv for the indicator given by --indicator (one undo step) "
       "and exit"),
    N_("FILE") },
  { "indicator", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The indicator of --import-values, by id, reference (kolada:N01951) or title"),
    N_("ID-OR-REFERENCE") },
  { NULL }
};

/* "FILE: line 4: a second value for …; and 2 more rows cannot be read" */
static void
print_row_problems (MbMeasurementCsv *csv,
                    const char       *display)
{
  GPtrArray *rows = mb_measurement_csv_get_rows (csv);
  guint n_problems = mb_measurement_csv_get_n_problems (csv);

  for (guint i = 0; i < rows->len; i++)
    {
      MbMeasurementRow *row = rows->pdata[i];

      if (row->problem == NULL)
        continue;
      g_printerr (_("%s: line %u: %s"), display, row->line, row->problem);
      if (n_problems > 1)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "; and %u more row cannot be read",
                                 "; and %u more rows cannot be read", n_problems - 1),
                    n_problems - 1);
      g_printerr ("\n");
      return;
    }
}

static int
run_import_values (const char *file,
                   const char *indicator,
                   const char *library_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MbCatalogue) catalogue = NULL;
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *display = NULL;
  g_autofree char *base = NULL;
  g_autofree char *indicator_id = NULL;
  g_autofree char *title = NULL;
  const char *encoding;
  guint n_rows;

  display = g_str_equal (file, "-") ? g_strdup (_("standard input"))
                                    : g_filename_display_name (file);
  base = g_str_equal (file, "-") ? g_strdup (display) : g_filename_display_basename (file);

  /* The file first: one that cannot be read leaves the library untouched. */
  bytes = mb_exchange_read_file (file, MAX_CSV_SIZE, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  /* Names of municipalities need the catalogue; codes do without it. */
  catalogue = mb_catalogue_new_default (NULL);
  {
    gsize length;
    const char *data = g_bytes_get_data (bytes, &length);

    csv = mb_measurement_csv_parse (data ? data : "", length, catalogue, &error);
  }
  if (csv == NULL)
    {
      if (g_error_matches (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_HEADER))
        g_printerr (_("%s: line %u: %s"), display, 1, error->message);
      else
        g_printerr ("%s: %s", display, error->message);
      g_printerr ("\n");
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (mb_measurement_csv_get_n_problems (csv) > 0)
    {
      print_row_problems (csv, display);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  if (!g_file_test (library_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("%s: %s\n", library_path, _("there is no library here"));
      return MB_CLI_EXIT_BAD_INPUT;
    }
  store = mb_store_open (library_path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  indicator_id = mb_indicator_stats_find_indicator (store, indicator, &error);
  if (indicator_id == NULL)
    {
      g_printerr ("%s: --indicator: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  if (!mb_measurement_csv_import (csv, store, indicator_id, base, &error))
    {
      g_printerr ("%s: %s\n", display, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  {
    g_autoptr(MbIndicatorSummary) summary = mb_indicator_stats_get_summary (store, indicator_id,
                                                                           NULL);

    title = g_strdup (summary ? mb_indicator_summary_get_title (summary) : indicator);
  }
  n_rows = mb_measurement_csv_get_rows (csv)->len;
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u value for “%s” from %s",
                        "Imported %u values for “%s” from %s", n_rows),
           n_rows, title, display);
  encoding = mb_measurement_csv_get_encoding (csv);
  if (!g_str_equal (encoding, "UTF-8"))
    g_print (_(" (read as %s)"), encoding);
  g_print ("\n");
  return MB_CLI_EXIT_OK;
}

int
mb_values_cli_handle_options (GVariantDict *options,
                              const char   *library_path)
{
  const char *file = NULL;
  const char *indicator = NULL;

  g_variant_dict_lookup (options, "import-values", "^&ay", &file);
  g_variant_dict_lookup (options, "indicator", "&s", &indicator);

  if (file == NULL && indicator == NULL)
    return -1;
  if (file == NULL || indicator == NULL)
    {
      g_printerr ("malbild: %s\n", _("--import-values and --indicator go together"));
      return MB_CLI_EXIT_USAGE;
    }
  if (*file == '\0' || *indicator == '\0')
    {
      g_printerr ("malbild: %s\n", _("--import-values and --indicator need a value"));
      return MB_CLI_EXIT_USAGE;
    }
  if (g_variant_dict_contains (options, "import") || g_variant_dict_contains (options, "export")
      || g_variant_dict_contains (options, "validate")
      || g_variant_dict_contains (options, "render"))
    {
      g_printerr ("malbild: %s\n", _("--import-values cannot be combined with --import, --export,"
                                     " --validate or --render"));
      return MB_CLI_EXIT_USAGE;
    }

  return run_import_values (file, indicator, library_path);
}
