/* mb-cli.c – the headless command line: --import, --export, --validate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mb-cli.h"
#include "mb-exchange.h"
#include "mb-remote.h"

static void
print_problems (MbProblemList *problems,
                const char    *file)
{
  g_autofree char *display = g_str_equal (file, "-") ? g_strdup (_("standard input"))
                                                     : g_filename_display_name (file);
  g_autofree char *text = mb_problem_list_format (problems, display);

  g_printerr ("%s", text);
}

/* An error is either the file's problems (printed from the list) or one
 * line of its own. */
static int
report_failure (GError        *error,
                MbProblemList *problems,
                const char    *file)
{
  if (mb_problem_list_get_count (problems) > 0)
    print_problems (problems, file);
  else
    g_printerr ("%s\n", error->message);
  return MB_CLI_EXIT_BAD_INPUT;
}

gboolean
mb_cli_library_exists (const char *library)
{
  /* A server's library is there or not: opening it says which. */
  return mb_remote_is_uri (library) || g_file_test (library, G_FILE_TEST_EXISTS);
}

static MbStore *
open_library (const char        *path,
              MbStoreOpenFlags   flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  MbStore *store;

  if (!(flags & MB_STORE_OPEN_READ_ONLY) && !mb_remote_is_uri (path) &&
      g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("%s: %s\n", dir, g_strerror (errno));
      return NULL;
    }

  store = mb_store_open (path, flags, &error);
  if (store == NULL)
    g_printerr ("%s\n", error->message);
  return store;
}

static int
run_validate (const char *file,
              const char *library_path,
              gboolean    database_given)
{
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (database_given)
    {
      /* Read-only: validating never changes the library. */
      store = open_library (library_path, MB_STORE_OPEN_READ_ONLY);
      if (store == NULL)
        return MB_CLI_EXIT_BAD_INPUT;
    }

  if (!mb_exchange_validate_file (store, file, problems, &error))
    return report_failure (error, problems, file);

  return MB_CLI_EXIT_OK;
}

/* Removes a library this command created, with its WAL files: a refused
 * import into a new path leaves nothing behind. */
static void
remove_new_library (MbStore   **store,
                    const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static int
run_import (const char    *file,
            const char    *library_path,
            MbImportFlags  flags)
{
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *display = NULL;
  gboolean is_new;

  /* Read the file before opening the library: a file that cannot be read
   * leaves the library untouched, not even created. */
  bytes = mb_exchange_read_file (file, MB_EXCHANGE_MAX_FILE_SIZE, &error);
  if (bytes == NULL)
    return report_failure (error, problems, file);

  is_new = !mb_cli_library_exists (library_path);
  store = open_library (library_path, MB_STORE_OPEN_NONE);
  if (store == NULL)
    return MB_CLI_EXIT_BAD_INPUT;

  display = g_str_equal (file, "-") ? g_strdup (_("standard input"))
                                    : g_filename_display_name (file);
  {
    gsize length;
    const char *data = g_bytes_get_data (bytes, &length);

    report = mb_exchange_import_data (store, display, data ? data : "", length, flags,
                                      problems, &error);
  }
  if (report == NULL)
    {
      if (is_new)
        remove_new_library (&store, library_path);
      return report_failure (error, problems, file);
    }

  summary = mb_import_report_format (report);
  g_print (_("Imported %s: %s"), display, summary);
  return MB_CLI_EXIT_OK;
}

/* Whether @path starts as every SQLite database does. */
static gboolean
is_sqlite_file (const char *path)
{
  static const char header[16] = "SQLite format 3";
  char start[sizeof header] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gboolean is_db;

  if (f == NULL)
    return FALSE;
  is_db = fread (start, 1, sizeof start, f) == sizeof start &&
          memcmp (start, header, sizeof header) == 0;
  fclose (f);
  return is_db;
}

/* An export must not replace the library it reads (through a symlink or a
 * hard link either), nor any other library or SQLite database. */
static gboolean
check_export_target (const char *file,
                     const char *library_path)
{
  GStatBuf target, library;

  if (g_str_equal (file, "-") || g_stat (file, &target) != 0)
    return TRUE;
  if (g_stat (library_path, &library) == 0 &&
      target.st_dev == library.st_dev && target.st_ino == library.st_ino)
    {
      g_printerr (_("%s: this is the library itself; export to another file\n"), file);
      return FALSE;
    }
  if (is_sqlite_file (file))
    {
      g_printerr (_("%s: this is a library or database, which an export does not "
                    "overwrite\n"), file);
      return FALSE;
    }
  return TRUE;
}

static int
run_export (const char *file,
            const char *library_path)
{
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!mb_cli_library_exists (library_path))
    {
      g_printerr (_("%s: no such library\n"), library_path);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (!check_export_target (file, library_path))
    return MB_CLI_EXIT_BAD_INPUT;

  store = open_library (library_path, MB_STORE_OPEN_NONE);
  if (store == NULL)
    return MB_CLI_EXIT_BAD_INPUT;

  if (!mb_exchange_export_file (store, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  return MB_CLI_EXIT_OK;
}

int
mb_cli_handle_options (GVariantDict *options,
                       const char   *library_path,
                       gboolean      database_given)
{
  const char *import_file = NULL;
  const char *export_file = NULL;
  const char *validate_file = NULL;
  gboolean prefer_file = g_variant_dict_contains (options, "prefer-file");
  guint n_commands = 0;

  n_commands += g_variant_dict_lookup (options, "import", "^&ay", &import_file) ? 1 : 0;
  n_commands += g_variant_dict_lookup (options, "export", "^&ay", &export_file) ? 1 : 0;
  n_commands += g_variant_dict_lookup (options, "validate", "^&ay", &validate_file) ? 1 : 0;

  if (n_commands == 0)
    {
      if (prefer_file)
        {
          g_printerr ("malbild: %s\n", _("--prefer-file goes with --import"));
          return MB_CLI_EXIT_USAGE;
        }
      return -1;
    }

  if (n_commands > 1)
    {
      g_printerr ("malbild: %s\n", _("--import, --export and --validate cannot be combined"));
      return MB_CLI_EXIT_USAGE;
    }

  if (prefer_file && import_file == NULL)
    {
      g_printerr ("malbild: %s\n", _("--prefer-file goes with --import"));
      return MB_CLI_EXIT_USAGE;
    }

  if ((import_file && !*import_file) || (export_file && !*export_file) ||
      (validate_file && !*validate_file))
    {
      g_printerr ("malbild: %s\n", _("the file name is empty"));
      return MB_CLI_EXIT_USAGE;
    }

  if (validate_file != NULL)
    return run_validate (validate_file, library_path, database_given);
  if (import_file != NULL)
    return run_import (import_file, library_path,
                       prefer_file ? MB_IMPORT_PREFER_FILE : MB_IMPORT_NONE);
  return run_export (export_file, library_path);
}

const GOptionEntry mb_cli_remote_entries[] = {
  { "init", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Create a shared library on the PostgreSQL server that --database names, with the "
       "roles malbild_editor and malbild_reviewer, and exit"), NULL },
  { "print-init-sql", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the SQL that --init runs, for a database administrator, and exit"), NULL },
  { "copy-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the whole library that --database names into DEST (a new library file, or a "
       "PostgreSQL database, which is made a library if it is none yet) and exit"), N_("DEST") },
  { NULL }
};

/* A library named on the command line: a server's URI as it is, a file by
 * its path. */
static char *
library_location (const char *name)
{
  g_autoptr(GFile) file = NULL;

  if (mb_remote_is_uri (name))
    return g_strdup (name);
  file = g_file_new_for_commandline_arg (name);
  return g_file_get_path (file);
}

static int
run_copy (const char *source_name,
          const char *destination_name)
{
  g_autofree char *source_location = library_location (source_name);
  g_autofree char *destination = library_location (destination_name);
  gboolean to_server = mb_remote_is_uri (destination);
  g_autoptr(MbStore) source = NULL;
  g_autoptr(MbStore) target = NULL;
  g_autoptr(GError) error = NULL;

  if (source_location == NULL || destination == NULL)
    {
      g_printerr ("malbild: %s\n", _("--database and --copy-to name libraries: a path or a"
                                     " postgresql:// URI"));
      return MB_CLI_EXIT_USAGE;
    }
  if (!to_server && g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("%s: already exists; a library is copied into a new file\n"), destination);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (!mb_remote_is_uri (source_location) &&
      !g_file_test (source_location, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("%s: no such library\n"), source_location);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  source = open_library (source_location, mb_remote_is_uri (source_location)
                                          ? MB_STORE_OPEN_NONE : MB_STORE_OPEN_READ_ONLY);
  if (source == NULL)
    return MB_CLI_EXIT_BAD_INPUT;
  /* A database that holds no library yet becomes one. */
  if (to_server && !mb_remote_init (destination, &error))
    {
      g_printerr ("%s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  target = open_library (destination, MB_STORE_OPEN_NONE);
  if (target == NULL)
    {
      if (!to_server)
        remove_new_library (&target, destination);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (!mb_store_copy_library (target, source, &error))
    {
      g_printerr ("%s\n", error->message);
      if (!to_server)
        remove_new_library (&target, destination);
      return MB_CLI_EXIT_BAD_INPUT;
    }
  if (!to_server)
    {
      /* A copy starts with no history of its own to undo. */
      g_autoptr(GError) clear_error = NULL;

      mb_store_clear_history (target, &clear_error);
    }
  return MB_CLI_EXIT_OK;
}

int
mb_cli_handle_remote_options (GVariantDict *options)
{
  gboolean init = g_variant_dict_contains (options, "init");
  gboolean print = g_variant_dict_contains (options, "print-init-sql");
  const char *database = NULL;
  const char *copy_to = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_lookup (options, "copy-to", "^&ay", &copy_to))
    {
      if (init || print || g_variant_dict_contains (options, "import") ||
          g_variant_dict_contains (options, "export") ||
          g_variant_dict_contains (options, "validate"))
        {
          g_printerr ("malbild: %s\n", _("--copy-to cannot be combined with other commands"));
          return MB_CLI_EXIT_USAGE;
        }
      if (!g_variant_dict_lookup (options, "database", "^&ay", &database) || !*database ||
          !*copy_to)
        {
          g_printerr ("malbild: %s\n", _("--copy-to DEST needs --database SOURCE"));
          return MB_CLI_EXIT_USAGE;
        }
      return run_copy (database, copy_to);
    }
  if (!init && !print)
    return -1;
  if (init && print)
    {
      g_printerr ("malbild: %s\n", _("--init and --print-init-sql cannot be combined"));
      return MB_CLI_EXIT_USAGE;
    }
  if (g_variant_dict_contains (options, "import") || g_variant_dict_contains (options, "export") ||
      g_variant_dict_contains (options, "validate"))
    {
      g_printerr ("malbild: %s\n", _("--init and --print-init-sql cannot be combined with "
                                     "--import, --export or --validate"));
      return MB_CLI_EXIT_USAGE;
    }

  if (print)
    {
      g_autofree char *sql = mb_remote_init_sql (&error);

      if (sql == NULL)
        {
          g_printerr ("malbild: %s\n", error->message);
          return MB_CLI_EXIT_BAD_INPUT;
        }
      g_print ("%s", sql);
      return MB_CLI_EXIT_OK;
    }

  if (!g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_printerr ("malbild: %s\n", _("--init needs --database postgresql://HOST/DATABASE"));
      return MB_CLI_EXIT_USAGE;
    }
  if (!mb_remote_is_uri (database))
    {
      g_printerr (_("%s: --init creates a library on a PostgreSQL server: give --database a "
                    "postgresql:// URI or a service=NAME\n"), database);
      return MB_CLI_EXIT_USAGE;
    }
  if (!mb_remote_init (database, &error))
    {
      g_printerr ("%s\n", error->message);
      return MB_CLI_EXIT_BAD_INPUT;
    }

  {
    g_autofree char *name = mb_remote_display_name (database);

    g_print (_("%s: the shared library is ready (schema version %d)\n"), name,
             MB_STORE_SCHEMA_VERSION);
  }
  return MB_CLI_EXIT_OK;
}

static void
usage_error_cb (GOptionContext  *context,
                GOptionGroup    *group,
                gpointer         user_data,
                GError         **error)
{
  g_printerr ("malbild: %s\n", (error && *error) ? (*error)->message : _("invalid command line"));
  /* Nothing is open yet: parsing comes before everything else. */
  exit (MB_CLI_EXIT_USAGE);
}

void
mb_cli_install_usage_hook (GApplication *application)
{
  GOptionGroup *group = g_option_group_new ("usage", "", "", NULL, NULL);

  g_option_group_set_error_hook (group, usage_error_cb);
  g_application_add_option_group (application, group);
}
