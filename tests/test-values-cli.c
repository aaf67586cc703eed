/* test-values-cli.c – `malbild --import-values FILE.csv --indicator ID-OR-REFERENCE`
 *
 * Runs the built binary without a display, as a script would, and checks the
 * contract (exit 0 with one line on stdout, 1 for bad input and 2 for usage,
 * with one line on stderr) and the library afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "mb-indicator-stats.h"
#include "test-store-util.h"

typedef struct
{
  char *dir;
  char *library;
  char *indicator;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;

  f->dir = mb_test_make_dir ();
  f->library = g_build_filename (f->dir, "lib.malbild", NULL);
  store = mb_store_open (f->library, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->indicator = mb_store_create_indicator (store, NULL, "Invånare totalt", "kolada:N01951",
                                            &error);
  g_assert_no_error (error);
  /* Two indicators share a title: that title names neither. */
  g_free (mb_store_create_indicator (store, NULL, "Andel", NULL, &error));
  g_free (mb_store_create_indicator (store, NULL, "Andel", NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->out);
  g_free (f->err);
  g_free (f->indicator);
  g_free (f->library);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Runs malbild with @args (NULL-terminated) and no display; returns its exit status. */
static int
run (Fixture *f,
     ...)
{
  g_autofree char *exe = g_build_filename (g_getenv ("MALBILD_BUILD_ROOT"), "src", "malbild",
                                           NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list ap;
  const char *arg;

  g_ptr_array_add (argv, exe);
  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &f->out, &f->err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static gboolean
is_one_line (const char *text)
{
  const char *newline = strchr (text, '\n');

  return newline != NULL && newline[1] == '\0' && newline > text;
}

static gint64
count_values (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = mb_store_open (f->library, MB_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return _mb_store_query_int (mb_store_get_db (store), "SELECT count(*) FROM measurements",
                              NULL);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The Windows-1252 file of Swedish Excel, by reference: one line out, one
 * undo step in the library, which gives back the library before. */
static void
test_import_by_reference (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "excel-sv-1252.csv",
                                                NULL);
  g_autofree char *expected = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", csv,
                        "--indicator", "kolada:N01951", NULL), ==, 0);
  expected = g_strdup_printf ("Imported 6 values for “Invånare totalt” from %s"
                              " (read as Windows-1252)\n", csv);
  g_assert_cmpstr (f->out, ==, expected);
  g_assert_cmpstr (f->err, ==, "");

  store = mb_store_open (f->library, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  db = mb_store_get_db (store);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM measurements WHERE"
                                            " indicator_id = ?", "s", f->indicator), ==, 6);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT value FROM measurements"
                                                           " WHERE period = '2023' AND"
                                                           " territory_code = '2361'"
                                                           " AND gender = 'T'", NULL)),
                   ==, "4.125");
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Import “excel-sv-1252.csv”");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM measurements", NULL), ==, 0);
  g_assert_cmpstr (mb_store_get_undo_label (store), !=, "Import “excel-sv-1252.csv”");
}

/* By id and by exact title too. */
static void
test_import_by_id_and_title (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *a = write_file (f, "a.csv", "år;kommunkod;värde\n2020;2380;1\n");
  g_autofree char *b = write_file (f, "b.csv", "år;kommunkod;värde\n2021;2380;2\n");

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", a,
                        "--indicator", f->indicator, NULL), ==, 0);
  g_assert_true (is_one_line (f->out));
  g_assert_cmpint (run (f, "--database", f->library, "--import-values", b,
                        "--indicator", "Invånare totalt", NULL), ==, 0);
  g_assert_true (is_one_line (f->out));
  g_assert_null (strstr (f->out, "read as"));
  g_assert_cmpint (count_values (f), ==, 2);
}

/* Bad input: 1, one line on stderr naming the file, the line and the
 * problem, nothing on stdout, nothing written. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dup = write_file (f, "dup.csv", "År;Kommunnamn;Värde\n2022;Åre;1\n"
                                                   "2022;Östersund;2\n2022;ÅRE;3\n"
                                                   "2022;Atlantis;4\n");
  g_autofree char *names = write_file (f, "names.csv", "År;Kommunnamn;Värde\n2022;Åre;1\n"
                                                       "2022;Atlantis;2\n");
  g_autofree char *header = write_file (f, "header.csv", "Kommun;Antal\n2380;5\n");
  g_autofree char *good = write_file (f, "good.csv", "år;värde\n2020;1\n");
  g_autofree char *missing = g_build_filename (f->dir, "missing.malbild", NULL);

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", dup,
                        "--indicator", "kolada:N01951", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));
  g_assert_true (g_str_has_prefix (f->err, dup));
  g_assert_nonnull (strstr (f->err, ": line 4: a second value for 2022, territory 2321,"
                                    " gender T; the first is on line 2"));
  g_assert_nonnull (strstr (f->err, "and 1 more row"));
  g_assert_cmpstr (f->out, ==, "");

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", names,
                        "--indicator", "kolada:N01951", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));
  g_assert_nonnull (strstr (f->err, "names.csv: line 3: “Atlantis”"));

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", header,
                        "--indicator", "kolada:N01951", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));
  g_assert_nonnull (strstr (f->err, "header.csv: line 1: "));

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", "nothing.csv",
                        "--indicator", "kolada:N01951", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));

  /* The indicator: unknown, or a title two share. */
  g_assert_cmpint (run (f, "--database", f->library, "--import-values", good,
                        "--indicator", "kolada:N99999", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));
  g_assert_nonnull (strstr (f->err, "“kolada:N99999”"));
  g_assert_cmpint (run (f, "--database", f->library, "--import-values", good,
                        "--indicator", "Andel", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));
  g_assert_nonnull (strstr (f->err, "2 indicators have the title “Andel”"));

  /* No library: refused, and none created. */
  g_assert_cmpint (run (f, "--database", missing, "--import-values", good,
                        "--indicator", "kolada:N01951", NULL), ==, 1);
  g_assert_true (is_one_line (f->err));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (count_values (f), ==, 0);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *good = write_file (f, "good.csv", "år;värde\n2020;1\n");
  g_autofree char *out = g_build_filename (f->dir, "x.json", NULL);

  g_assert_cmpint (run (f, "--database", f->library, "--import-values", good, NULL), ==, 2);
  g_assert_true (is_one_line (f->err));
  g_assert_nonnull (strstr (f->err, "--indicator"));
  g_assert_cmpint (run (f, "--database", f->library, "--indicator", "kolada:N01951", NULL), ==,
                   2);
  g_assert_true (is_one_line (f->err));
  g_assert_cmpint (run (f, "--database", f->library, "--import-values", "",
                        "--indicator", "kolada:N01951", NULL), ==, 2);
  g_assert_cmpint (run (f, "--database", f->library, "--import-values", good,
                        "--indicator", "kolada:N01951", "--export", out, NULL), ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (f, "--database", f->library, "--import-values", NULL), ==, 2);
  g_assert_cmpint (count_values (f), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/values-cli/import-by-reference", test_import_by_reference);
  ADD ("/values-cli/import-by-id-and-title", test_import_by_id_and_title);
  ADD ("/values-cli/bad-input", test_bad_input);
  ADD ("/values-cli/usage", test_usage);

  return g_test_run ();
}
