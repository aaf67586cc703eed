/* mb-follow-up-cli.c – the follow-up's command line: `--update-kolada --strategy S`
 * and `--report OUT --strategy S --year YYYY`
 *
 * Runs from handle_local_options, before GTK is initialised: no display is
 * needed. Errors are one line on stderr naming the library or the address
 * and the reason; exit 0, 1 for bad input or a failed fetch, 2 for usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-kolada-update.h"
#include "core/mb-report.h"
#include "report/mb-report-write.h"
#include "core/mb-store-canvas-queries.h"
#include "mb-cli.h"
#include "mb-follow-up-cli.h"

const GOptionEntry mb_follow_up_cli_entries[] = {
  { "update-kolada", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Update the indicators of the strategy given by --strategy from Kolada (one step to "
       "undo) and exit"), NULL },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the follow-up report of the strategy given by --strategy for --year to OUT "
       "(.odt, .pdf or .html) and exit"), N_("OUT") },
  { "year", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("The follow-up year of --report"), N_("YYYY") },
  { "language", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The language of --report: sv (the default) or en"), N_("sv|en") },
  { "template", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --report to .odt, take the styles of FILE.odt"), N_("FILE") },
  { "depth", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --report, give the goals of the first N levels a section each (0: every level)"),
    N_("N") },
  { NULL }
};

static void
print_changes (MbKoladaUpdate *update)
{
  GPtrArray *changes = mb_kolada_update_get_changes (update);

  for (guint i = 0; i < changes->len; i++)
    {
      const MbKoladaIndicatorChange *change = changes->pdata[i];

      if (change->note != NULL)
        g_print ("%s (%s): %s\n", change->title, change->kpi, change->note);
      else
        /* Translators: an indicator, its Kolada KPI, and what the update does to it. */
        g_print (_("%s (%s): %u new, %u changed, %u unchanged\n"), change->title, change->kpi,
                 change->n_new, change->n_changed, change->n_unchanged);
    }
}

static int
run_update_kolada (const char *library_path,
                   const char *strategy)
{
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbKoladaUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy_id = NULL;
  guint n_new, n_changed;

  if (!mb_cli_library_exists (library_path))
    {
      g_printerr ("malbild: %s: %s\n", library_path, _("there is no library here"));
      return MB_CLI_EXIT_BAD_INPUT;
    }

  store = mb_store_open (library_path, MB_STORE_OPEN_NONE, &error);
  if (store == NULL ||
      (strategy_id = mb_store_canvas_find_strategy (store, strategy, &error)) == NULL ||
      (update = mb_kolada_update_new (store, strategy_id, NULL, &error)) == NULL)
    {
      g_printerr ("malbild: %s: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  if (!mb_kolada_update_fetch (update, NULL, &error))
    {
      g_printerr ("malbild: %s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  print_changes (update);
  n_new = mb_kolada_update_get_n_new (update);
  n_changed = mb_kolada_update_get_n_changed (update);
  if (n_new + n_changed == 0)
    {
      g_print ("%s\n", _("Every value is up to date; nothing was changed"));
      return MB_CLI_EXIT_OK;
    }
  if (!mb_kolada_update_apply (update, &error))
    {
      g_printerr ("malbild: %s: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  g_print (_("Added %u and changed %u values from Kolada\n"), n_new, n_changed);
  return MB_CLI_EXIT_OK;
}

static int
run_report (const char            *library_path,
            const char            *out,
            const char            *strategy,
            const char            *template_path,
            MbReportOptions       *report_options)
{
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbReportDoc) doc = NULL;
  g_autoptr(MbCatalogue) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy_id = NULL;

  if (!mb_cli_library_exists (library_path))
    {
      g_printerr ("malbild: %s: %s\n", library_path, _("there is no library here"));
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (template_path != NULL && !g_file_test (template_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("malbild: %s: %s\n", template_path, _("there is no template here"));
      return MB_CLI_EXIT_BAD_INPUT;
    }

  store = mb_store_open (library_path, MB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      (strategy_id = mb_store_canvas_find_strategy (store, strategy, &error)) == NULL)
    {
      g_printerr ("malbild: %s: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  /* Territory names for the tables by municipality; codes without it. */
  catalogue = mb_catalogue_new_default (NULL);
  report_options->strategy_id = strategy_id;
  report_options->catalogue = catalogue;
  doc = mb_report_build (store, report_options, NULL, &error);
  if (doc == NULL)
    {
      g_printerr ("malbild: %s: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (!mb_report_write (doc, out, template_path, &error))
    {
      g_printerr ("malbild: %s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  return MB_CLI_EXIT_OK;
}

static int
handle_report (GVariantDict *options,
               const char   *library_path)
{
  MbReportOptions report_options = { 0 };
  const char *out = NULL, *strategy = NULL, *language = NULL, *template_path = NULL;
  MbReportFormat format;
  int year = 0, depth = 0;

  g_variant_dict_lookup (options, "report", "^&ay", &out);
  g_variant_dict_lookup (options, "strategy", "&s", &strategy);
  g_variant_dict_lookup (options, "language", "&s", &language);
  g_variant_dict_lookup (options, "template", "^&ay", &template_path);
  g_variant_dict_lookup (options, "depth", "i", &depth);

  if (strategy == NULL || *strategy == '\0' || !g_variant_dict_lookup (options, "year", "i", &year))
    {
      g_printerr ("malbild: %s\n", _("--report needs --strategy and --year"));
      return MB_CLI_EXIT_USAGE;
    }
  if (g_variant_dict_contains (options, "render") || g_variant_dict_contains (options, "import") ||
      g_variant_dict_contains (options, "export") || g_variant_dict_contains (options, "validate") ||
      g_variant_dict_contains (options, "update-kolada"))
    {
      g_printerr ("malbild: %s\n",
                  _("--report cannot be combined with --render, --import, --export, --validate or "
                    "--update-kolada"));
      return MB_CLI_EXIT_USAGE;
    }
  if (!mb_report_format_from_path (out, &format))
    {
      g_printerr ("malbild: %s: %s\n", out, _("a report is written as .odt, .pdf or .html"));
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (year < 1900 || year > 2200)
    {
      /* Translators: %d is the year given on the command line */
      g_printerr ("malbild: --year %d: %s\n", year, _("a year between 1900 and 2200"));
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (depth < 0)
    {
      g_printerr ("malbild: --depth %d: %s\n", depth, _("a number of levels, 0 or more"));
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (language == NULL || g_ascii_strcasecmp (language, "sv") == 0)
    report_options.language = MB_REPORT_LANGUAGE_SWEDISH;
  else if (g_ascii_strcasecmp (language, "en") == 0)
    report_options.language = MB_REPORT_LANGUAGE_ENGLISH;
  else
    {
      g_printerr ("malbild: --language %s: %s\n", language, _("the report is written in sv or en"));
      return MB_CLI_EXIT_USAGE;
    }
  if (template_path != NULL && format != MB_REPORT_FORMAT_ODT)
    {
      g_printerr ("malbild: %s\n", _("--template is for reports written as .odt"));
      return MB_CLI_EXIT_USAGE;
    }

  report_options.year = year;
  report_options.depth = depth;
  return run_report (library_path, out, strategy, template_path, &report_options);
}

int
mb_follow_up_cli_handle_options (GVariantDict *options,
                                 const char   *library_path)
{
  const char *strategy = NULL;

  if (g_variant_dict_contains (options, "report"))
    return handle_report (options, library_path);
  if (!g_variant_dict_contains (options, "update-kolada"))
    return -1;

  g_variant_dict_lookup (options, "strategy", "&s", &strategy);
  if (strategy == NULL || *strategy == '\0')
    {
      g_printerr ("malbild: %s\n", _("--update-kolada needs --strategy"));
      return MB_CLI_EXIT_USAGE;
    }
  if (g_variant_dict_contains (options, "render") || g_variant_dict_contains (options, "import") ||
      g_variant_dict_contains (options, "export") || g_variant_dict_contains (options, "validate"))
    {
      g_printerr ("malbild: %s\n",
                  _("--update-kolada cannot be combined with --render, --import, --export or "
                    "--validate"));
      return MB_CLI_EXIT_USAGE;
    }
  return run_update_kolada (library_path, strategy);
}
