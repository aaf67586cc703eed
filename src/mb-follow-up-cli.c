/* mb-follow-up-cli.c – the follow-up's command line: `--update-kolada --strategy S`
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
#include "core/mb-store-canvas-queries.h"
#include "mb-cli.h"
#include "mb-follow-up-cli.h"

const GOptionEntry mb_follow_up_cli_entries[] = {
  { "update-kolada", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Update the indicators of the strategy given by --strategy from Kolada (one step to "
       "undo) and exit"), NULL },
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

  if (!g_file_test (library_path, G_FILE_TEST_EXISTS))
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

int
mb_follow_up_cli_handle_options (GVariantDict *options,
                                 const char   *library_path)
{
  const char *strategy = NULL;

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
