/* test-exchange-merge.c – the import checks the merged result, as validation does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over the hostile set, the examples (the fuzzer's seed corpus) and the
 * crafted merge cases in tests/exchange/merge, each file meets a library
 * seeded from tests/hostile/seed.json:
 *  - validating it against the library says what importing it does (the
 *    same first problem, or both accept it);
 *  - after an accepted import, the library's export imports into an empty
 *    library, whose export is byte for byte the same.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mb-exchange.h"
#include "test-store-util.h"

static char *
export_text (MbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mb_exchange_export (store, &error);
  gsize length;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

static void
import_text (MbStore    *store,
             const char *name,
             const char *text,
             gsize       length)
{
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = mb_exchange_import_data (store, name, text, length, MB_IMPORT_NONE, problems, &error);
  if (report == NULL)
    g_error ("%s was refused: %s", name, error->message);
}

/* Returns whether @path was accepted. */
static gboolean
check_file (const char *path)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "hostile", "seed.json", NULL);
  g_autofree char *seed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbProblemList) checked = mb_problem_list_new (20);
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) validate_error = NULL;
  g_autoptr(GError) import_error = NULL;
  gsize seed_length, length;
  gboolean valid;

  g_assert_true (g_file_get_contents (seed_path, &seed, &seed_length, NULL));
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));

  store = mb_test_open (dir, "library.malbild");
  import_text (store, "seed.json", seed, seed_length);

  valid = mb_exchange_validate_data (store, name, text, length, checked, &validate_error);
  report = mb_exchange_import_data (store, name, text, length, MB_IMPORT_NONE, problems,
                                    &import_error);

  if (valid != (report != NULL))
    g_error ("%s: validation says %s, the import %s", name,
             valid ? "valid" : validate_error->message,
             report != NULL ? "accepts it" : import_error->message);

  if (report == NULL)
    {
      const MbProblem *a = mb_problem_list_get (checked, 0);
      const MbProblem *b = mb_problem_list_get (problems, 0);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpstr (a->path, ==, b->path);
      g_assert_cmpstr (a->message, ==, b->message);
      g_assert_cmpstr (validate_error->message, ==, import_error->message);
    }
  else
    {
      g_autofree char *first = export_text (store);
      g_autoptr(MbStore) empty = mb_test_open (dir, "empty.malbild");
      g_autofree char *second = NULL;
      g_autoptr(MbProblemList) revalidated = mb_problem_list_new (20);

      /* The export is valid on its own, and restores the library. */
      if (!mb_exchange_validate_data (NULL, "export.json", first, strlen (first), revalidated,
                                      NULL))
        g_error ("%s: the export after it is not valid: %s: %s", name,
                 mb_problem_list_get (revalidated, 0)->path,
                 mb_problem_list_get (revalidated, 0)->message);
      import_text (empty, "export.json", first, strlen (first));
      second = export_text (empty);
      g_assert_cmpstr (second, ==, first);
    }

  g_clear_object (&store);
  mb_test_remove_dir (dir);
  return report != NULL;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
check_dir (const char *dir,
           guint      *accepted)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);

      if (check_file (path))
        (*accepted)++;
    }
  return names->len;
}

static void
test_merge_hostile (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "hostile", NULL);
  guint accepted = 0;

  g_assert_cmpuint (check_dir (dir, &accepted), >, 40);
  /* Only the seed itself (merged into itself) passes. */
  g_assert_cmpuint (accepted, ==, 1);
}

static void
test_merge_examples (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MALBILD_SOURCE_ROOT"), "data",
                                           "examples", NULL);
  guint accepted = 0, n;

  n = check_dir (dir, &accepted);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (accepted, ==, n);
}

static void
test_merge_crafted (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "exchange", "merge", NULL);
  guint accepted = 0, n;

  n = check_dir (dir, &accepted);
  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpuint (accepted, ==, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exchange-merge/hostile", test_merge_hostile);
  g_test_add_func ("/exchange-merge/examples", test_merge_examples);
  g_test_add_func ("/exchange-merge/crafted", test_merge_crafted);

  return g_test_run ();
}
