/* mb-canvas-cli.c – `--render OUT --strategy ID-OR-TITLE`, headless
 *
 * Runs from handle_local_options, before GTK is initialised: the drawing is
 * cairo and pango only, so no display is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-store-canvas-queries.h"
#include "mb-canvas-cli.h"
#include "mb-canvas-render.h"
#include "mb-cli.h"
#include "mb-roadmap-render.h"

const GOptionEntry mb_canvas_cli_entries[] = {
  { "render", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw the strategy given by --strategy to OUT (.svg, .png or .pdf) and exit"),
    N_("OUT") },
  { "strategy", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The strategy to draw, by id, registration number, short name or title"),
    N_("ID-OR-TITLE") },
  { "dark", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --render, draw in the dark style"), NULL },
  { "roadmap", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --render, draw the strategy’s roadmap (its time plans) instead of its chart"),
    NULL },
  { NULL }
};

int
mb_canvas_cli_handle_options (GVariantDict *options,
                              const char   *library_path)
{
  const char *out = NULL;
  const char *strategy = NULL;
  gboolean dark = g_variant_dict_contains (options, "dark");
  gboolean roadmap = g_variant_dict_contains (options, "roadmap");
  g_autofree char *lower = NULL;
  g_autofree char *strategy_id = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_dict_lookup (options, "render", "^&ay", &out);
  g_variant_dict_lookup (options, "strategy", "&s", &strategy);

  if (out == NULL && strategy == NULL)
    {
      if (dark || roadmap)
        {
          g_printerr ("malbild: %s\n", _("--dark and --roadmap go with --render"));
          return MB_CLI_EXIT_USAGE;
        }
      return -1;
    }
  if (out == NULL || strategy == NULL)
    {
      g_printerr ("malbild: %s\n", _("--render and --strategy go together"));
      return MB_CLI_EXIT_USAGE;
    }
  if (*out == '\0' || *strategy == '\0')
    {
      g_printerr ("malbild: %s\n", _("--render and --strategy need a value"));
      return MB_CLI_EXIT_USAGE;
    }

  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".png") &&
      !g_str_has_suffix (lower, ".pdf"))
    {
      g_printerr ("malbild: %s: %s\n", out, _("the file name must end in .svg, .png or .pdf"));
      return MB_CLI_EXIT_USAGE;
    }

  if (!mb_cli_library_exists (library_path))
    {
      g_printerr ("malbild: %s: %s\n", library_path, _("there is no library here"));
      return MB_CLI_EXIT_BAD_INPUT;
    }

  store = mb_store_open (library_path, MB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      (strategy_id = mb_store_canvas_find_strategy (store, strategy, &error)) == NULL ||
      !(roadmap ? mb_roadmap_render_to_file (store, strategy_id, out, dark, &error)
                : mb_canvas_render_strategy_to_file (store, strategy_id, out, dark, &error)))
    {
      g_printerr ("malbild: %s: %s\n", out, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  return MB_CLI_EXIT_OK;
}
