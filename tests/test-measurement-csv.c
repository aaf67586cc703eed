/* test-measurement-csv.c – measurements from and to CSV, and the indicator figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mb-indicator-stats.h"
#include "mb-measurement-csv.h"
#include "mb-store-private.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  char    *indicator;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  path = g_build_filename (f->dir, "t.malbild", NULL);
  f->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->indicator = mb_store_create_indicator (f->store, NULL, "Eftergymnasial utbildning",
                                            "kolada:N01982", &error);
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
}

static gint64
count_measurements (Fixture *f)
{
  return _mb_store_query_int (mb_store_get_db (f->store),
                              "SELECT count(*) FROM measurements", NULL);
}

static double
value_of (Fixture    *f,
          const char *period,
          const char *territory,
          const char *gender)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autofree char *text = _mb_store_query_text (db, "SELECT value FROM measurements"
                                                    " WHERE period = ? AND territory_code = ?"
                                                    " AND gender = ?",
                                                "sss", period, territory, gender);

  return text ? g_ascii_strtod (text, NULL) : NAN;
}

static MbMeasurementCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  MbMeasurementCsv *csv = mb_measurement_csv_parse (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static MbMeasurementRow *
row_at (MbMeasurementCsv *csv,
        guint             i)
{
  return g_ptr_array_index (mb_measurement_csv_get_rows (csv), i);
}

static void
test_csv_excel_swedish (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "excel-sv.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  csv = mb_measurement_csv_parse (contents, length, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (mb_measurement_csv_get_separator (csv), ==, ';');
  g_assert_cmpint (mb_measurement_csv_get_decimal_mark (csv), ==, ',');
  g_assert_cmpuint (mb_measurement_csv_get_rows (csv)->len, ==, 8);
  /* "23" as Excel writes the code 0023 once it has taken it for a number. */
  g_assert_cmpstr (row_at (csv, 0)->territory_code, ==, "0023");
  g_assert_cmpstr (row_at (csv, 0)->period, ==, "2010");
  g_assert_cmpuint (row_at (csv, 0)->line, ==, 2);
  g_assert_cmpfloat_with_epsilon (row_at (csv, 0)->value, 33.58, 1e-9);
  g_assert_cmpstr (row_at (csv, 0)->note, ==, "Regionfakta");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 0);

  g_assert_true (mb_measurement_csv_import (csv, f->store, f->indicator, "excel-sv.csv",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_measurements (f), ==, 8);
  g_assert_cmpfloat_with_epsilon (value_of (f, "2019", "0023", "T"), 37.87, 1e-9);

  /* One import is one undo step. */
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Import “excel-sv.csv”");
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_measurements (f), ==, 0);
  g_assert_false (mb_store_can_undo (f->store) &&
                  g_str_has_prefix (mb_store_get_undo_label (f->store), "Import"));
}

/* An import that adds rows and changes older ones: one compact undo step
 * (a set for the new rows, an entry per changed row) that gives back exactly
 * the library before, and a redo that gives back exactly the one after. */
static void
test_csv_import_undo_redo (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "excel-sv.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = mb_store_get_db (f->store);
  gint64 log_before;
  gsize length;

  /* 2019 is in the file with 37,87; 2030 is not. */
  g_free (mb_store_record_measurement (f->store, f->indicator, "2019", "0023", NULL, 1.5,
                                       "prel", &error));
  kept = mb_store_record_measurement (f->store, f->indicator, "2030", "0023", NULL, 50,
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  csv = mb_measurement_csv_parse (contents, length, NULL, &error);
  g_assert_no_error (error);

  before = mb_test_dump (f->store);
  log_before = _mb_store_query_int (db, "SELECT max(seq) FROM mb_undo_log", NULL);
  g_assert_true (mb_measurement_csv_import (csv, f->store, f->indicator, "excel-sv.csv",
                                            &error));
  g_assert_no_error (error);
  after = mb_test_dump (f->store);
  g_assert_cmpint (count_measurements (f), ==, 9);
  g_assert_cmpfloat_with_epsilon (value_of (f, "2019", "0023", "T"), 37.87, 1e-9);
  g_assert_cmpfloat (value_of (f, "2030", "0023", "T"), ==, 50);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Import “excel-sv.csv”");

  /* Compact: the 7 new rows are one set, the changed 2019 one entry. */
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log WHERE seq > ?",
                                        "I", log_before), ==, 2);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM mb_undo_inserted", NULL),
                   ==, 7);

  for (int round = 0; round < 2; round++)
    {
      g_assert_true (mb_store_undo (f->store, &error));
      g_assert_no_error (error);
      now = mb_test_dump (f->store);
      g_assert_cmpstr (now, ==, before);
      g_clear_pointer (&now, g_free);
      g_assert_cmpint (count_measurements (f), ==, 2);
      g_assert_cmpfloat (value_of (f, "2019", "0023", "T"), ==, 1.5);
      g_assert_cmpstr (mb_store_get_redo_label (f->store), ==, "Import “excel-sv.csv”");
      g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Record Value");

      g_assert_true (mb_store_redo (f->store, &error));
      g_assert_no_error (error);
      now = mb_test_dump (f->store);
      g_assert_cmpstr (now, ==, after);
      g_clear_pointer (&now, g_free);
      g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Import “excel-sv.csv”");
    }
}

static void
test_csv_plain_and_quoted (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  csv = parse ("Value,Period,Territory,Gender,Note,Extra\n"
               "\"12.5\",2023,2380,K,\"Preliminär, enligt SCB\",x\n"
               "13.25,2024-Q2,0023,män,\"sa \"\"hej\"\"\",y\r\n"
               "\n"
               "-4,2024,,,,\n");
  g_assert_cmpint (mb_measurement_csv_get_separator (csv), ==, ',');
  g_assert_cmpint (mb_measurement_csv_get_decimal_mark (csv), ==, '.');
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 0);
  g_assert_cmpstr (mb_measurement_csv_get_ignored_columns (csv)[0], ==, "Extra");
  g_assert_cmpstr (row_at (csv, 0)->note, ==, "Preliminär, enligt SCB");
  g_assert_cmpstr (row_at (csv, 0)->gender, ==, "K");
  g_assert_cmpstr (row_at (csv, 1)->gender, ==, "M");
  g_assert_cmpstr (row_at (csv, 1)->note, ==, "sa \"hej\"");
  g_assert_cmpstr (row_at (csv, 1)->period, ==, "2024-Q2");
  g_assert_cmpstr (row_at (csv, 2)->territory_code, ==, MB_TERRITORY_NONE);
  g_assert_cmpstr (row_at (csv, 2)->gender, ==, "T");
  g_assert_cmpuint (row_at (csv, 2)->line, ==, 5);
  g_assert_cmpfloat (row_at (csv, 2)->value, ==, -4);

  g_assert_true (mb_measurement_csv_import (csv, f->store, f->indicator, "plain.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value_of (f, "2024-Q2", "0023", "M"), ==, 13.25);
}

static void
test_csv_numbers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) csv = NULL;

  /* Grouped thousands (spaces, no-break spaces, the other mark) and an
   * empty value (no value) are read; the file's mark is the comma. */
  csv = parse ("period;value\n"
               "2020;132 000\n"
               "2021;132\xC2\xA0" "054,5\n"
               "2022;1.234,5\n"
               "2023;\n"
               "2024;1,5E+03\n"
               "2025;\xE2\x88\x92" "2,5\n");
  g_assert_cmpint (mb_measurement_csv_get_decimal_mark (csv), ==, ',');
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 0);
  g_assert_cmpfloat (row_at (csv, 0)->value, ==, 132000);
  g_assert_cmpfloat (row_at (csv, 1)->value, ==, 132054.5);
  g_assert_cmpfloat (row_at (csv, 2)->value, ==, 1234.5);
  g_assert_true (isnan (row_at (csv, 3)->value));
  g_assert_cmpfloat (row_at (csv, 4)->value, ==, 1500);
  g_assert_cmpfloat (row_at (csv, 5)->value, ==, -2.5);
}

static void
test_csv_bad_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_nonnull (mb_test_take (mb_store_record_measurement (f->store, f->indicator, "2000",
                                                               "0023", "T", 1, NULL, &error)));
  g_assert_no_error (error);
  before = count_measurements (f);

  csv = parse ("\xEF\xBB\xBF" "år;område;kön;värde\n"
               "2020;0023;T;12,5\n"          /* 2: fine */
               "2021;0023;T;1.234\n"         /* 3: a point in a comma file */
               "20x1;0023;T;3\n"             /* 4: no period */
               "2022;Atlantis;T;3\n"         /* 5: no territory */
               "2022;0023;X;3\n"             /* 6: no gender */
               "2022;0023;T;tre\n"           /* 7: no number */
               "2023;0023;T;1e400\n"         /* 8: not finite */
               "2024;0023;T;nan\n"           /* 9: not a number */
               "2024;0023;T;4,5;extra\n"     /* 10: too many fields */
               "2025;0023;T;2,25\n");        /* 11: fine */
  g_assert_cmpuint (mb_measurement_csv_get_rows (csv)->len, ==, 10);
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 8);
  g_assert_null (row_at (csv, 0)->problem);
  g_assert_nonnull (strstr (row_at (csv, 1)->problem, "thousands"));
  g_assert_cmpuint (row_at (csv, 1)->line, ==, 3);
  g_assert_nonnull (strstr (row_at (csv, 2)->problem, "20x1"));
  g_assert_nonnull (strstr (row_at (csv, 3)->problem, "Atlantis"));
  g_assert_nonnull (strstr (row_at (csv, 4)->problem, "gender"));
  g_assert_nonnull (strstr (row_at (csv, 5)->problem, "tre"));
  g_assert_nonnull (strstr (row_at (csv, 6)->problem, "too large"));
  g_assert_nonnull (row_at (csv, 7)->problem);
  g_assert_nonnull (strstr (row_at (csv, 8)->problem, "5 fields"));
  g_assert_null (row_at (csv, 9)->problem);

  g_assert_false (mb_measurement_csv_import (csv, f->store, f->indicator, "bad.csv", &error));
  g_assert_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_INVALID_ROWS);
  g_assert_nonnull (strstr (error->message, "8 rows"));
  g_assert_nonnull (strstr (error->message, "Row 3:"));
  g_assert_nonnull (strstr (error->message, "And 3 more"));
  /* Nothing written, and no undo step for it. */
  g_assert_cmpint (count_measurements (f), ==, before);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Record Value");
}

static void
test_csv_ambiguous_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) csv = NULL;

  csv = parse ("period,value\n2020,\"1,5\"\n2021,2.5\n2022,3\n");
  g_assert_cmpint (mb_measurement_csv_get_decimal_mark (csv), ==, 0);
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 2);
  g_assert_nonnull (strstr (row_at (csv, 0)->problem, "equally"));
  g_assert_null (row_at (csv, 2)->problem);
}

static void
test_csv_thousands_or_decimal (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) alone = NULL;
  g_autoptr(MbMeasurementCsv) told = NULL;
  g_autoptr(MbMeasurementCsv) zero = NULL;

  /* "132.839" alone could be 132839 with a grouping point: refused. */
  alone = parse ("år;värde\n2023;132.839\n2024;132 900\n");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (alone), ==, 1);
  g_assert_nonnull (strstr (row_at (alone, 0)->problem, "132.839"));
  g_assert_null (row_at (alone, 1)->problem);

  /* Another value settles the mark. */
  told = parse ("år;värde\n2023;132.839\n2024;1.5\n");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (told), ==, 0);
  g_assert_cmpfloat (row_at (told, 0)->value, ==, 132.839);

  /* Grouping never starts with 0. */
  zero = parse ("år;värde\n2023;0,125\n");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (zero), ==, 0);
  g_assert_cmpint (mb_measurement_csv_get_decimal_mark (zero), ==, ',');
}

static void
test_csv_file_errors (Fixture       *f,
                      gconstpointer  data)
{
  /* length 0: up to the NUL */
  static const struct { const char *text; int code; gsize length; } cases[] = {
    { "", MB_MEASUREMENT_CSV_ERROR_EMPTY },
    { "\xEF\xBB\xBF", MB_MEASUREMENT_CSV_ERROR_EMPTY },
    { "period;value\n", MB_MEASUREMENT_CSV_ERROR_EMPTY },
    { "2020;5\n2021;6\n", MB_MEASUREMENT_CSV_ERROR_HEADER },
    { "period;territory\n2020;0023\n", MB_MEASUREMENT_CSV_ERROR_HEADER },
    { "år;period;värde\n2020;2020;5\n", MB_MEASUREMENT_CSV_ERROR_HEADER },
    { "period;value\n2020;\"5\n", MB_MEASUREMENT_CSV_ERROR_SYNTAX },
    /* 0x81 is no character in Windows-1252 either. */
    { "period;value\n2020;\x81\n", MB_MEASUREMENT_CSV_ERROR_SYNTAX },
    { "period;value\n2020;\x00\n", MB_MEASUREMENT_CSV_ERROR_SYNTAX, 20 },
    /* A UTF-8 byte order mark says UTF-8: no guess at Windows-1252. */
    { "\xEF\xBB\xBFperiod;value\n2020;\xE5\n", MB_MEASUREMENT_CSV_ERROR_SYNTAX },
    /* UTF-16 cut in the middle of a character. */
    { "\xFF\xFEp\x00;", MB_MEASUREMENT_CSV_ERROR_SYNTAX, 5 },
    { "kommun;region;år;värde\n2380;x;2020;1\n", MB_MEASUREMENT_CSV_ERROR_HEADER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MbMeasurementCsv) csv = NULL;

      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);

      csv = mb_measurement_csv_parse (cases[i].text, length, NULL, &error);
      g_assert_null (csv);
      g_assert_error (error, MB_MEASUREMENT_CSV_ERROR, cases[i].code);
    }
}

static void
test_csv_territory_names (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new_default (&error);
  g_autoptr(MbMeasurementCsv) csv = NULL;
  const char *text = "år;kommun;värde\n2020;Östersund;1\n2020;Jämtlands län;2\n2020;Sverige;3\n";

  g_assert_no_error (error);
  csv = mb_measurement_csv_parse (text, strlen (text), catalogue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 0);
  g_assert_cmpstr (row_at (csv, 0)->territory_code, ==, "2380");
  g_assert_cmpstr (row_at (csv, 1)->territory_code, ==, "0023");
  g_assert_cmpstr (row_at (csv, 2)->territory_code, ==, "0000");
}

static MbMeasurementCsv *
parse_with_catalogue (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new_default (&error);
  MbMeasurementCsv *csv;

  g_assert_no_error (error);
  csv = mb_measurement_csv_parse (text, strlen (text), catalogue, &error);
  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

/* What Excel's "CSV (semikolonavgränsad)" writes on Swedish Windows:
 * Windows-1252, ';', a decimal comma, municipalities by name. */
static void
test_csv_windows_1252 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "excel-sv-1252.csv",
                                                 NULL);
  g_autofree char *contents = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *columns = NULL;
  g_autoptr(MbCatalogue) catalogue = NULL;
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(MbMeasurementCsv) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_false (g_utf8_validate_len (contents, length, NULL));
  catalogue = mb_catalogue_new_default (&error);
  g_assert_no_error (error);
  csv = mb_measurement_csv_parse (contents, length, catalogue, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (mb_measurement_csv_get_encoding (csv), ==, "Windows-1252");
  g_assert_cmpint (mb_measurement_csv_get_separator (csv), ==, ';');
  g_assert_cmpint (mb_measurement_csv_get_decimal_mark (csv), ==, ',');
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 0);
  g_assert_cmpuint (mb_measurement_csv_get_rows (csv)->len, ==, 6);
  g_assert_cmpstr (mb_measurement_csv_get_column_name (csv, 0), ==, "År");
  g_assert_cmpstr (mb_measurement_csv_get_column_name (csv, 2), ==, "Kön");
  columns = mb_measurement_csv_describe_columns (csv);
  g_assert_cmpstr (columns, ==, "År → period, Kommunnamn → territory, Kön → gender,"
                                " Värde → value, Källa → ignored");
  g_assert_cmpstr (row_at (csv, 0)->territory_code, ==, "2380");
  g_assert_cmpstr (row_at (csv, 0)->gender, ==, "K");
  g_assert_cmpfloat (row_at (csv, 0)->value, ==, 12.5);
  g_assert_cmpstr (row_at (csv, 1)->territory_code, ==, "2321");
  g_assert_cmpstr (row_at (csv, 1)->gender, ==, "M");
  g_assert_cmpstr (row_at (csv, 2)->territory_code, ==, "2361");
  g_assert_cmpfloat (row_at (csv, 5)->value, ==, 4.125);
  g_assert_cmpuint (row_at (csv, 5)->line, ==, 7);

  g_assert_true (mb_measurement_csv_import (csv, f->store, f->indicator, "excel-sv-1252.csv",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_measurements (f), ==, 6);
  g_assert_cmpfloat (value_of (f, "2023", "2380", "K"), ==, 13.5);
  g_assert_cmpfloat (value_of (f, "2022", "2321", "M"), ==, 7.25);
  g_assert_cmpfloat (value_of (f, "2023", "2361", "T"), ==, 4.125);

  /* The same text in UTF-8 reads the same, and says so. */
  utf8 = g_convert (contents, length, "UTF-8", "WINDOWS-1252", NULL, &length, &error);
  g_assert_no_error (error);
  again = mb_measurement_csv_parse (utf8, length, catalogue, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_measurement_csv_get_encoding (again), ==, "UTF-8");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (again), ==, 0);
  g_assert_cmpstr (row_at (again, 2)->territory_code, ==, "2361");
}

/* Excel's "Unicode text": UTF-16 with a byte order mark, tabs between fields. */
static void
test_csv_utf16 (Fixture       *f,
                gconstpointer  data)
{
  const char *text = "År\tVärde\r\n2020\t1,5\r\n";
  g_autofree char *utf16 = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  bytes = g_malloc (length + 2);
  memcpy (bytes, "\xFF\xFE", 2);
  memcpy (bytes + 2, utf16, length);
  csv = mb_measurement_csv_parse (bytes, length + 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_measurement_csv_get_encoding (csv), ==, "UTF-16");
  g_assert_cmpint (mb_measurement_csv_get_separator (csv), ==, '\t');
  g_assert_cmpfloat (row_at (csv, 0)->value, ==, 1.5);
}

/* Two rows for one (period, territory, gender) would collapse into the last
 * one while the preview counts both: refused, naming both lines. */
static void
test_csv_duplicate_keys (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  csv = parse_with_catalogue ("år;kommun;kön;värde\n"
                              "2020;2380;T;1\n"           /* 2 */
                              "2020;2380;T;2\n"           /* 3: as line 2 */
                              "2020;2380;K;3\n"           /* 4: another gender */
                              "2021;Östersund;T;4\n"      /* 5 */
                              "2021;2380;totalt;5\n"      /* 6: as line 5, written otherwise */
                              "2021;;T;6\n"               /* 7: the whole country */
                              "2021;Sverige;T;7\n");      /* 8: as line 7 */
  g_assert_cmpuint (mb_measurement_csv_get_rows (csv)->len, ==, 7);
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 3);
  g_assert_null (row_at (csv, 0)->problem);
  g_assert_cmpstr (row_at (csv, 1)->problem, ==,
                   "a second value for 2020, territory 2380, gender T; the first is on line 2");
  g_assert_null (row_at (csv, 2)->problem);
  g_assert_null (row_at (csv, 3)->problem);
  g_assert_cmpstr (row_at (csv, 4)->problem, ==,
                   "a second value for 2021, territory 2380, gender T; the first is on line 5");
  g_assert_cmpstr (row_at (csv, 6)->problem, ==,
                   "a second value for 2021, territory 0000, gender T; the first is on line 7");

  g_assert_false (mb_measurement_csv_import (csv, f->store, f->indicator, "dup.csv", &error));
  g_assert_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_INVALID_ROWS);
  g_assert_nonnull (strstr (error->message, "Row 3: a second value"));
  g_assert_nonnull (strstr (error->message, "Row 6:"));
  g_assert_cmpint (count_measurements (f), ==, 0);
  g_assert_false (g_str_has_prefix (mb_store_get_undo_label (f->store), "Import"));
}

/* "År;Kommunnamn;Värde": every value on its municipality, none on the
 * whole country; names in any case, with or without diacritics, with
 * "kommun"; codes as Excel leaves them; what cannot be placed is refused. */
static void
test_csv_municipality_names (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MbMeasurementCsv) names = NULL;
  g_autoptr(MbMeasurementCsv) codes = NULL;
  g_autoptr(MbMeasurementCsv) bad = NULL;
  g_autoptr(GError) error = NULL;

  names = parse_with_catalogue ("År;Kommunnamn;Värde\n"
                                "2022;Östersund;1\n2022;ÅRE;2\n2022;härjedalen;3\n"
                                "2023;Ostersund;4\n2023;Åre kommun;5\n"
                                "2023;Härjedalens kommun;6\n"
                                "2023;Jämtlands län;7\n2023;Region Västerbotten;8\n"
                                "2023;Skelleftea;9\n");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (names), ==, 0);
  g_assert_cmpint (mb_measurement_csv_get_column_role (names, 1), ==,
                   MB_MEASUREMENT_COLUMN_TERRITORY);
  {
    static const char * const expected[] = { "2380", "2321", "2361", "2380", "2321", "2361",
                                             "0023", "0024", "2482" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (row_at (names, i)->territory_code, ==, expected[i]);
  }
  g_assert_true (mb_measurement_csv_import (names, f->store, f->indicator, "namn.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_measurements (f), ==, 9);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM measurements"
                                        " WHERE territory_code = '0000'", NULL), ==, 0);
  g_assert_cmpfloat (value_of (f, "2023", "2361", "T"), ==, 6);

  /* Codes: Excel drops the zeros of 0023; SCB writes "2380 Östersund". */
  codes = parse_with_catalogue ("Kommunkod;År;Värde\n2380;2022;1\n23;2022;2\n"
                                "2321 Åre;2022;3\n0180;2022;4\n");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (codes), ==, 0);
  g_assert_cmpstr (row_at (codes, 1)->territory_code, ==, "0023");
  g_assert_cmpstr (row_at (codes, 2)->territory_code, ==, "2321");
  /* Stockholm: not in the shipped catalogue, but a municipality's code. */
  g_assert_cmpstr (row_at (codes, 3)->territory_code, ==, "0180");

  bad = parse_with_catalogue ("år;kommunnamn;värde\n2022;Atlantis;1\n2022;9999;2\n"
                              "2022;2300;3\n2022;Östersund;4\n2022;0002;5\n");
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (bad), ==, 4);
  g_assert_nonnull (strstr (row_at (bad, 0)->problem, "“Atlantis”"));
  g_assert_nonnull (strstr (row_at (bad, 1)->problem, "“9999”"));
  g_assert_nonnull (strstr (row_at (bad, 2)->problem, "“2300”"));
  g_assert_null (row_at (bad, 3)->problem);
  g_assert_nonnull (strstr (row_at (bad, 4)->problem, "“0002”"));
  g_assert_false (mb_measurement_csv_import (bad, f->store, f->indicator, "bad.csv", &error));
  g_assert_nonnull (strstr (error->message, "Row 2: “Atlantis”"));
  g_assert_cmpint (count_measurements (f), ==, 9);
}

/* A problem quotes a long cell cut, so that its message stays one line. */
static void
test_csv_long_cell (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("år;kommun;värde\n2020;");
  g_autoptr(MbMeasurementCsv) csv = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append (text, "å");
  g_string_append (text, ";1\n");
  csv = parse_with_catalogue (text->str);
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 1);
  g_assert_cmpuint (g_utf8_strlen (row_at (csv, 0)->problem, -1), <, 160);
  g_assert_nonnull (strstr (row_at (csv, 0)->problem, "ååå…”"));
}

/* Which column became what, as the preview shows it. */
static void
test_csv_column_report (Fixture       *f,
                        gconstpointer  data)
{
  static const struct
  {
    const char *text;
    const char *report;
  } cases[] = {
    { "Kommunkod;Kommun;År;Värde;Källa\n2380;Östersund;2022;1;SCB\n",
      "Kommunkod → territory, Kommun → ignored, the territory is read from another column,"
      " År → period, Värde → value, Källa → ignored" },
    { "Kommun (namn);TID;VARDE;KON;Kommentar;;\n2380;2022;1;T;x;;\n",
      "Kommun (namn) → territory, TID → period, VARDE → value, KON → gender,"
      " Kommentar → note" },
    { "Municipality name,Year,Value,Status\n2380,2022,1,final\n",
      "Municipality name → territory, Year → period, Value → value, Status → status" },
    { "period;region_code;lan;value\n2020;0023;x;1\n",
      "period → period, region_code → territory,"
      " lan → ignored, the territory is read from another column, value → value" },
    /* Only a header that begins like a territory's is taken for one. */
    { "Year;Value;Källa: Regionfakta;Municipality (name)\n2020;1;SCB;Östersund\n",
      "Year → period, Value → value, Källa: Regionfakta → ignored,"
      " Municipality (name) → territory" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MbMeasurementCsv) csv = parse_with_catalogue (cases[i].text);
      g_autofree char *report = mb_measurement_csv_describe_columns (csv);

      g_assert_cmpstr (report, ==, cases[i].report);
      g_assert_cmpuint (mb_measurement_csv_get_n_problems (csv), ==, 0);
      g_assert_cmpstr (row_at (csv, 0)->territory_code, ==, i == 3 ? "0023" : "2380");
      g_assert_cmpuint (row_at (csv, 0)->line, ==, 2);
    }
}

static void
test_csv_export_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *excel = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(MbMeasurementRow) row = mb_measurement_row_new ();
  g_autoptr(MbMeasurementCsv) back = NULL;
  gsize length;

  row->period = g_strdup ("2023");
  row->territory_code = g_strdup ("2380");
  row->gender = g_strdup ("K");
  row->value = 0.1;
  row->status = g_strdup ("preliminary");
  row->note = g_strdup ("Källa: SCB; \"prel\"");
  g_assert_true (mb_indicator_stats_save_measurement (f->store, f->indicator, NULL, row,
                                                      &error));
  g_assert_no_error (error);
  g_assert_nonnull (mb_test_take (mb_store_record_measurement (f->store, f->indicator, "2024",
                                                               "0023", "T", 132839, NULL,
                                                               &error)));

  list = mb_indicator_stats_list_measurements (f->store, f->indicator, &error);
  g_assert_no_error (error);
  excel = mb_measurement_csv_export (list, MB_CSV_DIALECT_EXCEL_SWEDISH, &length);
  g_assert_cmpstr (excel, ==,
                   "\xEF\xBB\xBF" "period;territory;gender;value;status;note\r\n"
                   "2024;0023;T;132839;;\r\n"
                   "2023;2380;K;0,1;preliminary;\"Källa: SCB; \"\"prel\"\"\"\r\n");
  plain = mb_measurement_csv_export (list, MB_CSV_DIALECT_PLAIN, NULL);
  g_assert_cmpstr (plain, ==,
                   "period,territory,gender,value,status,note\r\n"
                   "2024,0023,T,132839,,\r\n"
                   "2023,2380,K,0.1,preliminary,\"Källa: SCB; \"\"prel\"\"\"\r\n");

  /* What is exported reads back the same. */
  back = mb_measurement_csv_parse (excel, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_measurement_csv_get_n_problems (back), ==, 0);
  g_assert_cmpfloat (row_at (back, 1)->value, ==, 0.1);
  g_assert_cmpstr (row_at (back, 1)->note, ==, "Källa: SCB; \"prel\"");
}

static void
test_progress (void)
{
  /* Higher is better: 100 → 200, now 150: half way. */
  g_assert_cmpfloat (mb_indicator_progress (FALSE, 100, 200, 150), ==, 0.5);
  g_assert_cmpfloat (mb_indicator_progress (FALSE, 100, 200, 250), ==, 1.5);
  g_assert_cmpfloat (mb_indicator_progress (FALSE, 100, 200, 50), ==, -0.5);
  /* Lower is better: emissions 10 → 4, now 7: half way. */
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 4, 7), ==, 0.5);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 4, 12), <, 0);
  /* A target on the wrong side of the baseline: met or not. */
  g_assert_cmpfloat (mb_indicator_progress (FALSE, 100, 90, 95), ==, 1);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 100, 100, 101), ==, 0);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 100, 100, 100), ==, 1);
  g_assert_cmpfloat (mb_indicator_progress (FALSE, 100, 100, 99), ==, 0);
  g_assert_cmpfloat (mb_indicator_progress (FALSE, 100, 100, 100), ==, 1);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 20, 15), ==, 1);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 20, 25), ==, 0);
  /* Lower is better, beyond the target and back at the baseline. */
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 4, 1), ==, 1.5);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 4, 10), ==, 0);
  g_assert_cmpfloat (mb_indicator_progress (TRUE, 10, 4, 13), ==, -0.5);
  g_assert_true (isnan (mb_indicator_progress (FALSE, NAN, 200, 150)));
  g_assert_true (isnan (mb_indicator_progress (FALSE, 100, NAN, 150)));
  g_assert_true (isnan (mb_indicator_progress (FALSE, 100, 200, NAN)));
  g_assert_true (isnan (mb_indicator_progress (TRUE, NAN, 4, 7)));
  g_assert_true (isnan (mb_indicator_progress (TRUE, 10, NAN, 7)));
  g_assert_true (isnan (mb_indicator_progress (TRUE, 10, 4, NAN)));
}

static void
test_periods (void)
{
  g_assert_cmpfloat (mb_period_to_time ("2023"), ==, 2023);
  g_assert_cmpfloat (mb_period_to_time ("2023-Q1"), ==, 2023.125);
  g_assert_cmpfloat_with_epsilon (mb_period_to_time ("2023-06"), 2023 + 5.5 / 12, 1e-9);
  g_assert_true (isnan (mb_period_to_time ("2023-13")));
  g_assert_true (isnan (mb_period_to_time ("2023-Q5")));
  g_assert_true (isnan (mb_period_to_time ("1899")));
  g_assert_true (isnan (mb_period_to_time ("202")));
  g_assert_true (isnan (mb_period_to_time ("20234")));
  g_assert_cmpstr (mb_measurement_parse_gender ("Kvinnor", NULL), ==, "K");
  g_assert_cmpstr (mb_measurement_parse_gender (" MÄN ", NULL), ==, "M");
  g_assert_cmpstr (mb_measurement_parse_gender ("", NULL), ==, "T");
  g_assert_null (mb_measurement_parse_gender ("x", NULL));
}

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(MbIndicatorSummary) summary = NULL;
  g_autofree char *emissions = NULL;
  const MbSeriesPoint *trend;
  guint n;
  GValue v = G_VALUE_INIT;

  /* The newest period's total, the lowest territory code on a tie; K and M
   * are not the headline when there is a total. */
  static const struct { const char *period, *territory, *gender; double value; } rows[] = {
    { "2019", "0023", "T", 30 }, { "2020", "0023", "T", 32 }, { "2022", "0023", "T", 35 },
    { "2021", "2380", "T", 40 }, { "2022", "2380", "T", 41 },
    { "2021", "0023", "K", 38 }, { "2022", "0023", "K", 39 }, { "2023", "0023", "K", 40 },
    { "2023", "0023", "M", 30 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      mb_test_take (mb_store_record_measurement (f->store, f->indicator, rows[i].period,
                                                 rows[i].territory, rows[i].gender,
                                                 rows[i].value, NULL, &error));
      g_assert_no_error (error);
    }
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 30);
  g_assert_true (mb_store_set_field (f->store, "indicators", f->indicator, "baseline_value", &v,
                                     &error));
  g_assert_no_error (error);
  mb_test_take (mb_store_set_target (f->store, f->indicator, 2020, 31, &error));
  mb_test_take (mb_store_set_target (f->store, f->indicator, 2030, 40, &error));
  mb_test_take (mb_store_set_target (f->store, f->indicator, 2040, 50, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GArray) targets = mb_indicator_stats_list_targets (f->store, f->indicator, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (targets->len, ==, 3);
    g_assert_cmpfloat (g_array_index (targets, MbSeriesPoint, 1).time, ==, 2030);
    g_assert_cmpfloat (g_array_index (targets, MbSeriesPoint, 1).value, ==, 40);
  }

  emissions = mb_store_create_indicator (f->store, NULL, "Utsläpp", NULL, &error);
  g_assert_no_error (error);
  g_value_unset (&v);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "decrease");
  g_assert_true (mb_store_set_field (f->store, "indicators", emissions, "direction", &v,
                                     &error));
  g_value_unset (&v);
  mb_test_take (mb_store_record_measurement (f->store, emissions, "2010", NULL, NULL, 10, NULL,
                                             &error));
  mb_test_take (mb_store_record_measurement (f->store, emissions, "2020", NULL, NULL, 7, NULL,
                                             &error));
  mb_test_take (mb_store_set_target (f->store, emissions, 2030, 4, &error));
  g_assert_no_error (error);

  list = mb_indicator_stats_list_summaries (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  summary = g_list_model_get_item (list, 0);
  g_assert_cmpstr (mb_indicator_summary_get_title (summary), ==, "Eftergymnasial utbildning");
  g_assert_cmpstr (mb_indicator_summary_get_series_territory (summary), ==, "0023");
  g_assert_cmpstr (mb_indicator_summary_get_series_gender (summary), ==, "T");
  g_assert_cmpfloat (mb_indicator_summary_get_latest_value (summary), ==, 35);
  g_assert_cmpstr (mb_indicator_summary_get_latest_period (summary), ==, "2022");
  g_assert_cmpint (mb_indicator_summary_get_target_year (summary), ==, 2040);
  g_assert_cmpfloat (mb_indicator_summary_get_progress (summary), ==, 0.25);
  g_assert_cmpuint (mb_indicator_summary_get_n_measurements (summary), ==, 9);
  trend = mb_indicator_summary_get_trend (summary, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (trend[0].time, ==, 2019);
  g_assert_cmpfloat (trend[2].value, ==, 35);
  g_clear_object (&summary);

  /* Lower is better, without a baseline: no progress. */
  summary = g_list_model_get_item (list, 1);
  g_assert_true (mb_indicator_summary_get_lower_is_better (summary));
  g_assert_cmpstr (mb_indicator_summary_get_series_territory (summary), ==, "0000");
  g_assert_true (isnan (mb_indicator_summary_get_progress (summary)));
  g_clear_object (&summary);

  /* With its baseline: 10 → 4, at 7 is half way. */
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 10);
  g_assert_true (mb_store_set_field (f->store, "indicators", emissions, "baseline_value", &v,
                                     &error));
  g_assert_no_error (error);

  summary = mb_indicator_stats_get_summary (f->store, emissions, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (mb_indicator_summary_get_latest_value (summary), ==, 7);
  g_assert_cmpfloat (mb_indicator_summary_get_progress (summary), ==, 0.5);
}

static void
test_save_measurement (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbMeasurementRow) row = mb_measurement_row_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(MbMeasurementItem) item = NULL;
  g_autofree char *first_id = NULL;

  row->period = g_strdup ("2022");
  row->value = 5;
  row->note = g_strdup ("first");
  g_assert_true (mb_indicator_stats_save_measurement (f->store, f->indicator, NULL, row,
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Value");
  g_free (row->period);
  row->period = g_strdup ("2023");
  g_assert_true (mb_indicator_stats_save_measurement (f->store, f->indicator, NULL, row,
                                                      &error));

  list = mb_indicator_stats_list_measurements (f->store, f->indicator, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  item = g_list_model_get_item (list, 0);
  first_id = g_strdup (mb_measurement_item_get_id (item));
  g_assert_cmpstr (mb_measurement_item_get_note (item), ==, "first");

  /* Editing onto the other one's period is refused; a real edit is one step. */
  g_assert_false (mb_indicator_stats_save_measurement (f->store, f->indicator, first_id, row,
                                                       &error));
  g_assert_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_free (row->period);
  row->period = g_strdup ("2021");
  row->value = 6.5;
  row->gender = g_strdup ("K");
  g_assert_true (mb_indicator_stats_save_measurement (f->store, f->indicator, first_id, row,
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Edit Value");
  g_assert_cmpfloat (value_of (f, "2021", "0000", "K"), ==, 6.5);
  g_assert_true (isnan (value_of (f, "2022", "0000", "T")));
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_cmpfloat (value_of (f, "2022", "0000", "T"), ==, 5);

  /* Bad input names the field. */
  g_free (row->period);
  row->period = g_strdup ("next year");
  g_assert_false (mb_indicator_stats_save_measurement (f->store, f->indicator, NULL, row,
                                                       &error));
  g_assert_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_PERIOD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/measurement-csv/excel-swedish", test_csv_excel_swedish);
  ADD ("/measurement-csv/import-undo-redo", test_csv_import_undo_redo);
  ADD ("/measurement-csv/plain-and-quoted", test_csv_plain_and_quoted);
  ADD ("/measurement-csv/numbers", test_csv_numbers);
  ADD ("/measurement-csv/bad-rows", test_csv_bad_rows);
  ADD ("/measurement-csv/ambiguous-file", test_csv_ambiguous_file);
  ADD ("/measurement-csv/thousands-or-decimal", test_csv_thousands_or_decimal);
  ADD ("/measurement-csv/file-errors", test_csv_file_errors);
  ADD ("/measurement-csv/territory-names", test_csv_territory_names);
  ADD ("/measurement-csv/windows-1252", test_csv_windows_1252);
  ADD ("/measurement-csv/utf-16", test_csv_utf16);
  ADD ("/measurement-csv/duplicate-keys", test_csv_duplicate_keys);
  ADD ("/measurement-csv/municipality-names", test_csv_municipality_names);
  ADD ("/measurement-csv/column-report", test_csv_column_report);
  ADD ("/measurement-csv/long-cell", test_csv_long_cell);
  ADD ("/measurement-csv/export-round-trip", test_csv_export_round_trip);
  ADD ("/indicator-stats/summaries", test_summaries);
  ADD ("/indicator-stats/save-measurement", test_save_measurement);
  g_test_add_func ("/indicator-stats/progress", test_progress);
  g_test_add_func ("/indicator-stats/periods", test_periods);

  return g_test_run ();
}
