/* mb-revision-cli.c – revisions on the command line: `--snapshot NAME`,
 * `--revisions` and `--compare FROM [--to TO] [--format json|csv|text]`,
 * each with `--strategy S`
 *
 * A contract that scripts depend on (design.md): results on standard output,
 * one line on standard error for a refusal, exit 1 for bad input (an unknown
 * strategy or revision) and 2 for usage. Runs from handle_local_options,
 * before GTK is initialised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-revision.h"
#include "core/mb-store-canvas-queries.h"
#include "mb-cli.h"
#include "mb-revision-cli.h"

const GOptionEntry mb_revision_cli_entries[] = {
  { "snapshot", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Take a revision named NAME of the strategy given by --strategy and exit"), N_("NAME") },
  { "revisions", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the revisions of the strategy given by --strategy: name, date, id") , NULL },
  { "compare", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print what changed in the strategy given by --strategy since revision FROM "
       "(a name, an id or “now”)"), N_("FROM") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --compare, the revision to compare with (default: now)"), N_("TO") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --compare, print json, csv or text (the default)"), N_("json|csv|text") },
  { NULL }
};

/* NULL for "now", else the revision's id. */
static gboolean
resolve (MbStore     *store,
         const char  *strategy_id,
         const char  *name,
         char       **id,
         GError     **error)
{
  g_autoptr(MbRevision) revision = NULL;

  if (g_str_equal (name, "now"))
    {
      *id = NULL;
      return TRUE;
    }
  revision = mb_store_find_revision (store, strategy_id, name, error);
  if (revision == NULL)
    return FALSE;
  *id = g_strdup (revision->id);
  return TRUE;
}

static int
run (const char *library_path,
     const char *strategy,
     const char *snapshot,
     const char *from,
     const char *to,
     const char *format)
{
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy_id = NULL;
  g_autofree char *from_id = NULL;
  g_autofree char *to_id = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *out = NULL;

  if (!g_file_test (library_path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("malbild: %s: %s\n", library_path, _("there is no library here"));
      return MB_CLI_EXIT_BAD_INPUT;
    }
  store = mb_store_open (library_path,
                         snapshot != NULL ? MB_STORE_OPEN_NONE : MB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      (strategy_id = mb_store_canvas_find_strategy (store, strategy, &error)) == NULL)
    {
      g_printerr ("malbild: %s: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  if (snapshot != NULL)
    {
      g_autofree char *id = mb_store_take_revision (store, strategy_id, snapshot, &error);

      if (id == NULL)
        {
          g_printerr ("malbild: %s: %s\n", library_path, error->message);
          return MB_CLI_EXIT_BAD_INPUT;
        }
      g_print ("%s\n", id);
      return MB_CLI_EXIT_OK;
    }

  if (from == NULL)
    {
      list = mb_store_list_revisions (store, strategy_id, &error);
      if (list == NULL)
        {
          g_printerr ("malbild: %s: %s\n", library_path, error->message);
          return MB_CLI_EXIT_BAD_INPUT;
        }
      for (guint i = 0; i < list->len; i++)
        {
          MbRevision *r = g_ptr_array_index (list, i);

          /* Tabs, so that a name with spaces stays one field. */
          g_print ("%s\t%.10s\t%s\n", r->name, r->taken, r->id);
        }
      return MB_CLI_EXIT_OK;
    }

  if (!resolve (store, strategy_id, from, &from_id, &error) ||
      !resolve (store, strategy_id, to, &to_id, &error) ||
      (changes = mb_store_compare_revisions (store, strategy_id, from_id, to_id, &error)) == NULL)
    {
      g_printerr ("malbild: %s: %s\n", library_path, error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (g_str_equal (format, "json"))
    out = mb_changes_to_json (changes, strategy_id, from, to);
  else if (g_str_equal (format, "csv"))
    out = mb_changes_to_csv (changes);
  else
    out = mb_changes_to_text (changes);
  g_print ("%s", out);
  return MB_CLI_EXIT_OK;
}

int
mb_revision_cli_handle_options (GVariantDict *options,
                                const char   *library_path)
{
  const char *strategy = NULL, *snapshot = NULL, *from = NULL, *to = NULL, *format = NULL;
  gboolean list = g_variant_dict_contains (options, "revisions");
  const char *option;

  g_variant_dict_lookup (options, "snapshot", "&s", &snapshot);
  g_variant_dict_lookup (options, "compare", "&s", &from);
  g_variant_dict_lookup (options, "to", "&s", &to);
  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, "strategy", "&s", &strategy);

  if (snapshot == NULL && from == NULL && !list)
    {
      if (to != NULL || format != NULL)
        {
          g_printerr ("malbild: %s\n", _("--to and --format go with --compare"));
          return MB_CLI_EXIT_USAGE;
        }
      return -1;
    }

  option = snapshot != NULL ? "--snapshot" : from != NULL ? "--compare" : "--revisions";
  if ((snapshot != NULL) + (from != NULL) + (list != FALSE) > 1)
    {
      g_printerr ("malbild: %s\n", _("--snapshot, --revisions and --compare go one at a time"));
      return MB_CLI_EXIT_USAGE;
    }
  if (strategy == NULL || *strategy == '\0')
    {
      g_printerr ("malbild: %s %s\n", option, _("needs --strategy"));
      return MB_CLI_EXIT_USAGE;
    }
  if (from == NULL && (to != NULL || format != NULL))
    {
      g_printerr ("malbild: %s\n", _("--to and --format go with --compare"));
      return MB_CLI_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "text"))
    {
      g_printerr ("malbild: --format %s: %s\n", format, _("the formats are json, csv and text"));
      return MB_CLI_EXIT_USAGE;
    }
  if (g_variant_dict_contains (options, "render") || g_variant_dict_contains (options, "import") ||
      g_variant_dict_contains (options, "export") || g_variant_dict_contains (options, "validate") ||
      g_variant_dict_contains (options, "report"))
    {
      g_printerr ("malbild: %s %s\n", option,
                  _("cannot be combined with --render, --import, --export, --validate or --report"));
      return MB_CLI_EXIT_USAGE;
    }
  return run (library_path, strategy, snapshot, from, to ? to : "now", format ? format : "text");
}
