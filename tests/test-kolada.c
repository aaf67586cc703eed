/* test-kolada.c – importing Kolada API v3 data JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mb-indicator-stats.h"
#include "mb-kolada.h"
#include "mb-store-private.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  MbStore *store;
  char    *indicator;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  f->path = g_build_filename (f->dir, "t.malbild", NULL);
  f->store = mb_store_open (f->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->indicator = mb_store_create_indicator (f->store, NULL, "Invånare", "kolada:N01951", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->indicator);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
count_measurements (Fixture *f)
{
  return _mb_store_query_int (mb_store_get_db (f->store),
                              "SELECT count(*) FROM measurements", NULL);
}

static void
test_kolada_real_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "kolada-n01951-0023.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MbKoladaData) kolada = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbIndicatorSummary) summary = NULL;
  g_autofree char *women = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  kolada = mb_kolada_data_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_kolada_data_get_kpi (kolada), ==, "N01951");
  /* 2011–2024 totals, and women and men for 2020. */
  g_assert_cmpuint (mb_kolada_data_get_rows (kolada)->len, ==, 16);
  g_assert_false (mb_kolada_data_has_next_page (kolada));

  g_assert_true (mb_kolada_import (kolada, f->store, f->indicator, "N01951.json", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_measurements (f), ==, 16);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Import “N01951.json”");

  summary = mb_indicator_stats_get_summary (f->store, f->indicator, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_indicator_summary_get_latest_period (summary), ==, "2024");
  g_assert_cmpfloat (mb_indicator_summary_get_latest_value (summary), ==, 132839);
  women = _mb_store_query_text (mb_store_get_db (f->store),
                                "SELECT value FROM measurements WHERE gender = 'K'", NULL);
  g_assert_cmpstr (women, ==, "64591.0");

  /* One import is one undo step, and redo brings all of it back. */
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_cmpint (count_measurements (f), ==, 0);
  g_assert_true (mb_store_redo (f->store, &error));
  g_assert_cmpint (count_measurements (f), ==, 16);
}

static double
value_of (Fixture    *f,
          const char *period,
          const char *gender)
{
  g_autofree char *text = _mb_store_query_text (mb_store_get_db (f->store),
                                                "SELECT value FROM measurements"
                                                " WHERE period = ? AND gender = ?",
                                                "ss", period, gender);

  return text ? g_ascii_strtod (text, NULL) : NAN;
}

/* An import over values already there: the changed one is logged on its
 * own, the new ones as one set, the unchanged one not at all; undo gives
 * back exactly the library before, redo exactly the one after. */
static void
test_kolada_undo_redo (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "kolada-n01951-0023.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  g_autoptr(MbKoladaData) kolada = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = mb_store_get_db (f->store);
  gint64 log_before;
  gsize length;

  g_free (mb_store_record_measurement (f->store, f->indicator, "2020", "0023", "T", 100000,
                                       "preliminary", &error));
  g_free (mb_store_record_measurement (f->store, f->indicator, "2020", "0023", "K", 64591,
                                       NULL, &error));
  g_free (mb_store_record_measurement (f->store, f->indicator, "2030", "0023", "T", 140000,
                                       NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  kolada = mb_kolada_data_parse (contents, length, &error);
  g_assert_no_error (error);

  before = mb_test_dump (f->store);
  log_before = _mb_store_query_int (db, "SELECT max(seq) FROM mb_undo_log", NULL);
  g_assert_true (mb_kolada_import (kolada, f->store, f->indicator, "N01951.json", &error));
  g_assert_no_error (error);
  after = mb_test_dump (f->store);
  g_assert_cmpint (count_measurements (f), ==, 17);
  g_assert_cmpfloat (value_of (f, "2020", "T"), ==, 131155);
  g_assert_cmpfloat (value_of (f, "2030", "T"), ==, 140000);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log WHERE seq > ?",
                                        "I", log_before), ==, 2);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_inserted", NULL),
                   ==, 14);

  for (int round = 0; round < 2; round++)
    {
      g_assert_true (mb_store_undo (f->store, &error));
      g_assert_no_error (error);
      now = mb_test_dump (f->store);
      g_assert_cmpstr (now, ==, before);
      g_clear_pointer (&now, g_free);
      g_assert_cmpint (count_measurements (f), ==, 3);
      g_assert_cmpfloat (value_of (f, "2020", "T"), ==, 100000);
      g_assert_cmpstr (mb_store_get_redo_label (f->store), ==, "Import “N01951.json”");

      g_assert_true (mb_store_redo (f->store, &error));
      g_assert_no_error (error);
      now = mb_test_dump (f->store);
      g_assert_cmpstr (now, ==, after);
      g_clear_pointer (&now, g_free);
      g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Import “N01951.json”");
    }
}

static void
test_kolada_wrong_kpi (Fixture       *f,
                       gconstpointer  data)
{
  const char *json = "{\"values\": [{\"kpi\": \"N00914\", \"municipality\": \"0023\","
                     " \"period\": 2020, \"values\": [{\"gender\": \"T\", \"count\": 1,"
                     " \"status\": \"\", \"value\": 77.5}]}], \"count\": 1}";
  g_autoptr(MbKoladaData) kolada = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;

  kolada = mb_kolada_data_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_false (mb_kolada_import (kolada, f->store, f->indicator, "x.json", &error));
  g_assert_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_WRONG_KPI);
  g_assert_nonnull (strstr (error->message, "N00914"));
  g_assert_nonnull (strstr (error->message, "N01951"));
  g_clear_error (&error);

  other = mb_store_create_indicator (f->store, NULL, "Without reference", NULL, &error);
  g_assert_false (mb_kolada_import (kolada, f->store, other, "x.json", &error));
  g_assert_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_NO_REFERENCE);
  g_assert_cmpint (count_measurements (f), ==, 0);

  /* A retired KPI keeps working when the indicator references it. */
  g_clear_error (&error);
  {
    GValue v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "kolada:N00914");
    g_assert_true (mb_store_set_field (f->store, "indicators", other, "reference", &v, &error));
    g_value_unset (&v);
  }
  g_assert_true (mb_kolada_import (kolada, f->store, other, "x.json", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_measurements (f), ==, 1);
}

static void
test_kolada_refused (Fixture       *f,
                     gconstpointer  data)
{
#define ENTRY(inner) "{\"values\": [{\"kpi\": \"N01951\", \"municipality\": \"0023\"," \
                     " \"period\": 2020, \"values\": [" inner "]}]}"
  static const struct { const char *json; const char *where; } cases[] = {
    { "", "$" },
    { "[]", "$" },
    { "{\"values\": {}}", "$.values" },
    { "{\"values\": []}", NULL },
    { "{\"values\": [], \"count\": \"1\"}", "$.count" },
    { "{\"values\": [], \"next_page\": 5}", "$.next_page" },
    { "{\"values\": [1]}", "$.values[0]" },
    { ENTRY ("{\"gender\": \"T\", \"value\": 1e400}"), NULL },
    { ENTRY ("{\"gender\": \"T\", \"value\": \"132000\"}"), "value" },
    { ENTRY ("{\"gender\": \"X\", \"value\": 1}"), "gender" },
    { ENTRY ("{\"gender\": \"T\"}"), "value" },
    { ENTRY ("{\"gender\": \"T\", \"count\": -1, \"value\": 1}"), "count" },
    { ENTRY ("{\"gender\": \"T\", \"count\": 1.5, \"value\": 1}"), "count" },
    { ENTRY ("{\"gender\": \"T\", \"status\": 3, \"value\": 1}"), "status" },
    { ENTRY ("{\"gender\": \"T\", \"value\": 1}, {\"gender\": \"T\", \"value\": 2}"),
      "second value" },
    { ENTRY ("{\"gender\": \"T\", \"value\": 1, \"value\": 2}"), NULL },
    { "{\"values\": [{\"kpi\": \"N01951\", \"municipality\": 23, \"period\": 2020,"
      " \"values\": []}]}", "municipality" },
    { "{\"values\": [{\"kpi\": \"N01951\", \"municipality\": \"0023\", \"period\": \"2020\","
      " \"values\": []}]}", "period" },
    { "{\"values\": [{\"kpi\": \"N01951\", \"municipality\": \"0023\", \"period\": 1800,"
      " \"values\": []}]}", "period" },
    { "{\"values\": [{\"kpi\": \"N01951\", \"ou\": \"V15E0023\", \"period\": 2020,"
      " \"values\": []}]}", "organisational" },
    { "{\"values\": [{\"kpi\": \"N01951\", \"municipality\": \"0023\", \"period\": 2020,"
      " \"values\": []}, {\"kpi\": \"N01963\", \"municipality\": \"0023\", \"period\": 2020,"
      " \"values\": []}]}", "N01963" },
    { "{\"values\": []} trailing", NULL },
    { "{\"values\": [\"\\u0000\"]}", NULL },
  };
#undef ENTRY

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MbKoladaData) kolada = NULL;

      kolada = mb_kolada_data_parse (cases[i].json, strlen (cases[i].json), &error);
      if (kolada != NULL)
        g_error ("case %" G_GSIZE_FORMAT " was accepted: %s", i, cases[i].json);
      g_assert_true (error->domain == MB_KOLADA_ERROR);
      if (cases[i].where && !strstr (error->message, cases[i].where))
        g_error ("case %" G_GSIZE_FORMAT ": “%s” does not name “%s”", i, error->message,
                 cases[i].where);
    }
  g_assert_cmpint (count_measurements (f), ==, 0);
}

static void
test_kolada_null_value_and_paging (Fixture       *f,
                                   gconstpointer  data)
{
  const char *json = "{\"count\": 1, \"next_page\": \"https://api.kolada.se/v3/data/kpi/"
                     "N01951/municipality/0023?page=2\", \"previous_page\": null,"
                     " \"values\": [{\"kpi\": \"N01951\", \"municipality\": \"2380\","
                     " \"period\": 2025, \"values\": [{\"gender\": \"T\", \"count\": 0,"
                     " \"status\": \"Saknas\", \"value\": null}]}]}";
  g_autoptr(MbKoladaData) kolada = NULL;
  g_autoptr(GError) error = NULL;
  MbMeasurementRow *row;

  kolada = mb_kolada_data_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_true (mb_kolada_data_has_next_page (kolada));
  row = g_ptr_array_index (mb_kolada_data_get_rows (kolada), 0);
  g_assert_true (isnan (row->value));
  g_assert_cmpstr (row->status, ==, "Saknas");
  g_assert_cmpstr (row->territory_code, ==, "2380");
  g_assert_true (mb_kolada_import (kolada, f->store, f->indicator, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM measurements WHERE value IS NULL"
                                        " AND status = 'Saknas'", NULL), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kolada/real-file", test_kolada_real_file);
  ADD ("/kolada/undo-redo", test_kolada_undo_redo);
  ADD ("/kolada/wrong-kpi", test_kolada_wrong_kpi);
  ADD ("/kolada/refused", test_kolada_refused);
  ADD ("/kolada/null-value-and-paging", test_kolada_null_value_and_paging);

  return g_test_run ();
}
