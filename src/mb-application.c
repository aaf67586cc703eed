/* mb-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "malbild-resources.h"
#include "mb-application.h"
#include "mb-remote.h"
#include "mb-canvas-cli.h"
#include "mb-follow-up-cli.h"
#include "mb-cli.h"
#include "mb-store-review.h"
#include "mb-values-cli.h"
#include "mb-revision-cli.h"
#include "mb-renderer.h"
#include "mb-window.h"

struct _MbApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  char           *library_path;
  char           *review_path;   /* --review FILE */
};

G_DEFINE_FINAL_TYPE (MbApplication, mb_application, ADW_TYPE_APPLICATION)

enum {
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
};

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the library at PATH instead of the default"), N_("PATH") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import FILE.json into the library (all or nothing) and exit"), N_("FILE") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the whole library to FILE.json (- for standard output) and exit"), N_("FILE") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check FILE.json without importing it and exit"), N_("FILE") },
  { "prefer-file", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("On --import, take the file’s version of entries changed on both sides"), NULL },
  { "review", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open FILE (a .malbild library or a .json file) for review: read-only but for "
       "comments"), N_("FILE") },
  { NULL }
};

char *
mb_application_default_library_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "malbild", "library.malbild", NULL);
}

static gint
mb_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  MbApplication *self = MB_APPLICATION (application);
  const char *database = NULL;
  const char *review = NULL;
  int status;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("malbild %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  /* --init, --print-init-sql: a server's library, named by a URI that is
   * no path. */
  status = mb_cli_handle_remote_options (options);
  if (status >= 0)
    return status;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = NULL;

      if (database[0] == '\0')
        {
          g_printerr ("malbild: --database: %s\n", _("the path is empty"));
          return EXIT_USAGE;
        }

      /* Another library than the default one: a window of its own, not a
       * message to an instance that has another library open. */
      g_free (self->library_path);
      if (mb_remote_is_uri (database))
        self->library_path = g_strdup (database);  /* a shared library's URI */
      else
        {
          file = g_file_new_for_commandline_arg (database);
          self->library_path = g_file_get_path (file);
        }
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_lookup (options, "review", "^&ay", &review))
    {
      g_autoptr(GFile) file = NULL;

      if (review[0] == '\0')
        {
          g_printerr ("malbild: --review: %s\n", _("the file name is empty"));
          return EXIT_USAGE;
        }
      if (g_variant_dict_contains (options, "import") || g_variant_dict_contains (options, "export")
          || g_variant_dict_contains (options, "validate")
          || g_variant_dict_contains (options, "render"))
        {
          g_printerr ("malbild: %s\n",
                      _("--review cannot be combined with --import, --export, --validate or "
                        "--render"));
          return EXIT_USAGE;
        }
      if (!g_file_test (review, G_FILE_TEST_IS_REGULAR))
        {
          g_printerr (_("%s: no such file\n"), review);
          return EXIT_BAD_INPUT;
        }

      /* A window of its own on a private copy: never the running
       * instance's library. */
      file = g_file_new_for_commandline_arg (review);
      g_free (self->review_path);
      self->review_path = g_file_get_path (file);
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  /* --import-values: a CSV file's values for one indicator, headless. */
  status = mb_values_cli_handle_options (options, self->library_path);
  if (status >= 0)
    return status;

  /* --update-kolada: the follow-up's commands, headless too. */
  status = mb_follow_up_cli_handle_options (options, self->library_path);
  if (status >= 0)
    return status;

  /* --snapshot, --revisions, --compare: revisions, headless. */
  status = mb_revision_cli_handle_options (options, self->library_path);
  if (status >= 0)
    return status;

  /* --render: the canvas's drawing, headless like the commands below. */
  status = mb_canvas_cli_handle_options (options, self->library_path);
  if (status >= 0)
    return status;

  /* --import, --export, --validate: done here, before GTK is initialised
   * (in startup), so that they need no display. */
  return mb_cli_handle_options (options, self->library_path, database != NULL);
}

static void
mb_application_ensure_library_dir (MbApplication *self)
{
  g_autofree char *dir = g_path_get_dirname (self->library_path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Could not create %s: %s", dir, g_strerror (errno));
}

static void
mb_application_activate (GApplication *app)
{
  MbApplication *self = MB_APPLICATION (app);
  GtkWindow *window;

  g_assert (MB_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      if (self->review_path == NULL)
        mb_application_ensure_library_dir (self);
      window = GTK_WINDOW (mb_window_new (self));
    }

  gtk_window_present (window);
}

static void
mb_application_open (GApplication  *app,
                     GFile        **files,
                     gint           n_files,
                     const char    *hint)
{
  MbApplication *self = MB_APPLICATION (app);
  GtkWindow *window;
  gboolean other_library = FALSE;

  /* A .malbild file is a library to open instead of the current one; any
   * other file (.json) is imported into the library. */
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *basename = g_file_get_basename (files[i]);
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL && g_str_has_suffix (basename, ".malbild"))
        {
          g_free (self->library_path);
          self->library_path = g_steal_pointer (&path);
          other_library = TRUE;
        }
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL && other_library)
    mb_window_open_library (MB_WINDOW (window), self->library_path);
  mb_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *basename = g_file_get_basename (files[i]);

      if (!g_str_has_suffix (basename, ".malbild") && mb_window_get_store (MB_WINDOW (window)))
        mb_window_import (MB_WINDOW (window), files[i]);
    }
}

static void
mb_application_finalize (GObject *object)
{
  MbApplication *self = (MbApplication *)object;

  g_clear_pointer (&self->library_path, g_free);
  g_clear_pointer (&self->review_path, g_free);

  G_OBJECT_CLASS (mb_application_parent_class)->finalize (object);
}

static void
mb_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Målbild developers", NULL };
  MbApplication *self = user_data;
  GtkWindow *window = NULL;

  g_assert (MB_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Målbild"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Målbild developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/malbild/malbild",
                         "issue-url", "https://github.com/malbild/malbild/issues",
                         "developers", developers,
                         /* Translators: credit yourself here, one name per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Målbild developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Plan and follow up regional development strategies: "
                                       "goal structures, effect chains, indicators, projects "
                                       "and funding calls."),
                         NULL);
}

static void
mb_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  MbApplication *self = user_data;

  g_assert (MB_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", mb_application_quit_action },
  { "about", mb_application_about_action },
};

static void
mb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<primary>q", NULL };
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (mb_application_parent_class)->startup (app);

  /* Before the first window is realized: GTK picks its renderer then. */
  mb_renderer_choose_for_display (gdk_display_get_default ());

  /* Review copies of earlier runs that crashed or were killed. */
  mb_review_copies_clean_stale ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  gtk_css_provider_load_from_resource (css, "/io/github/malbild/Malbild/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
mb_application_class_init (MbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mb_application_finalize;

  malbild_register_resource ();

  app_class->handle_local_options = mb_application_handle_local_options;
  app_class->startup = mb_application_startup;
  app_class->activate = mb_application_activate;
  app_class->open = mb_application_open;
}

static void
mb_application_init (MbApplication *self)
{
  self->library_path = mb_application_default_library_path ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), mb_canvas_cli_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), mb_values_cli_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), mb_follow_up_cli_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), mb_revision_cli_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), mb_cli_remote_entries);
  /* Usage errors exit with 2 (design.md), not GApplication's 1. */
  mb_cli_install_usage_hook (G_APPLICATION (self));
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan and follow up regional development strategies."));
}

MbApplication *
mb_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (MB_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/malbild/Malbild",
                       NULL);
}

const char *
mb_application_get_library_path (MbApplication *self)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), NULL);

  return self->library_path;
}

const char *
mb_application_get_review_path (MbApplication *self)
{
  g_return_val_if_fail (MB_IS_APPLICATION (self), NULL);

  return self->review_path;
}
