/* test-exchange.c – the JSON exchange format: schema, export, import, merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "mb-exchange.h"
#include "mb-revision.h"
#include "mb-exchange-fields.h"
#include "mb-json-writer.h"
#include "test-store-util.h"

#define ORG1 "0a000000-0000-4000-8000-000000000001"
#define STRAT1 "0b000000-0000-4000-8000-000000000001"
#define LEVEL1 "0c000000-0000-4000-8000-000000000001"
#define LEVEL2 "0c000000-0000-4000-8000-000000000002"
#define LEVEL3 "0c000000-0000-4000-8000-000000000003"
#define NODE1 "0d000000-0000-4000-8000-000000000001"
#define NODE2 "0d000000-0000-4000-8000-000000000002"
#define NODE3 "0d000000-0000-4000-8000-000000000003"

typedef struct
{
  char    *dir;
  char    *path;
  MbStore *store;
} Fixture;

static char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("MALBILD_SOURCE_ROOT"), relative, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  f->path = g_build_filename (f->dir, "library.malbild", NULL);
  f->store = mb_test_store_open (f->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* On PostgreSQL: another replica pulls all of it. */
  if (f->store != NULL)
    mb_test_assert_pulled (f->store);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
exec_sql_action (MbStore   *store,
                 sqlite3   *db,
                 gpointer   user_data,
                 GError   **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, user_data, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_FAILED, "%s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
run_sql (MbStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_store_run_action (store, "Test", exec_sql_action, (gpointer) sql, &error));
  g_assert_no_error (error);
}

static void
fill_library (MbStore *store)
{
  g_autofree char *path = source_path ("tests/exchange/full-library.sql");
  g_autofree char *sql = NULL;
  g_autofree char *revision = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &sql, NULL, NULL));
  run_sql (store, sql);
  /* A revision (format version 2), taken as the app takes it. */
  revision = mb_store_take_revision (store, "0b000000-0000-4000-8000-000000000001",
                                     "Antagen 2020", &error);
  g_assert_no_error (error);
}

static char *
export_text (MbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mb_exchange_export (store, &error);
  gsize len;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  return g_strndup (data, len);
}

static gint64
count_rows (MbStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return _mb_store_query_int (mb_store_get_db (store), sql, NULL);
}

/* The description in C is the SQL schema, column for column. */
static void
test_exchange_fields_match_schema (Fixture       *f,
                                   gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(sqlite3_stmt) tables_stmt = NULL;
  const MbExchangeTable *tables;
  guint n_tables, n_seen = 0;

  tables = mb_exchange_get_tables (&n_tables);

  /* Every entity table of the library is described, in the format's order. */
  for (guint i = 0; mb_store_entity_tables[i]; i++)
    {
      g_assert_cmpuint (i, <, n_tables);
      g_assert_cmpstr (tables[i].name, ==, mb_store_entity_tables[i]);
    }

  tables_stmt = _mb_store_prepare (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'mb\\_%' ESCAPE '\\' "
                                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", NULL);
  while (sqlite3_step (tables_stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables_stmt, 0);
      const MbExchangeTable *table = mb_exchange_lookup_table (name, NULL);
      g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info(%s)", name);
      g_autofree char *fk_sql = g_strdup_printf ("PRAGMA foreign_key_list(%s)", name);
      g_autoptr(sqlite3_stmt) info = _mb_store_prepare (db, info_sql, NULL);
      g_autoptr(sqlite3_stmt) fks = _mb_store_prepare (db, fk_sql, NULL);
      guint column = 0;

      if (table == NULL)
        g_error ("table %s of the library is not described in mb-exchange-fields.c", name);
      n_seen++;

      while (sqlite3_step (info) == SQLITE_ROW)
        {
          const char *col = (const char *) sqlite3_column_text (info, 1);
          const char *type = (const char *) sqlite3_column_text (info, 2);
          gboolean notnull = sqlite3_column_int (info, 3) != 0;
          const char *dflt = (const char *) sqlite3_column_text (info, 4);
          gboolean pk = sqlite3_column_int (info, 5) != 0;
          const MbExchangeField *field;
          static const char * const sql_types[] = { "TEXT", "INTEGER", "REAL", "INTEGER" };

          if (column >= table->n_fields)
            g_error ("column %s.%s is not described in mb-exchange-fields.c", name, col);
          field = &table->fields[column++];
          g_assert_cmpstr (field->name, ==, col);
          g_assert_cmpstr (sql_types[field->type], ==, type);
          g_assert_cmpint ((field->flags & MB_FIELD_NOT_NULL) != 0, ==, notnull);
          g_assert_cmpint ((field->flags & MB_FIELD_PRIMARY_KEY) != 0, ==, pk);
          g_assert_cmpstr (field->default_sql, ==, dflt);
          g_assert_true (!pk || !table->has_id || g_str_equal (col, "id"));
        }
      g_assert_cmpuint (column, ==, table->n_fields);

      /* Each single reference to an "id" is described, and nothing more. */
      {
        guint n_refs = 0, n_described = 0;

        while (sqlite3_step (fks) == SQLITE_ROW)
          {
            const char *target = (const char *) sqlite3_column_text (fks, 2);
            const char *from = (const char *) sqlite3_column_text (fks, 3);
            const char *to = (const char *) sqlite3_column_text (fks, 4);
            const MbExchangeField *field = mb_exchange_table_lookup_field (table, from, NULL);

            if (g_strcmp0 (to, "id") != 0)
              continue;
            n_refs++;
            g_assert_nonnull (field);
            if (g_strcmp0 (field->references, target) != 0)
              g_error ("%s.%s references %s, described as %s", name, from, target,
                       field->references);
          }
        for (guint i = 0; i < table->n_fields; i++)
          if (table->fields[i].references != NULL)
            n_described++;
        g_assert_cmpuint (n_refs, ==, n_described);
      }
    }

  g_assert_cmpuint (n_seen, ==, n_tables);
}

/* data/malbild-exchange.schema.json is generated from the description. */
static void
test_exchange_schema_file (void)
{
  g_autofree char *path = source_path ("data/malbild-exchange.schema.json");
  g_autofree char *expected = mb_exchange_build_json_schema ();
  g_autofree char *actual = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (g_getenv ("MB_UPDATE_SCHEMA") != NULL)
    g_assert_true (g_file_set_contents (path, expected, -1, NULL));

  g_assert_true (g_file_get_contents (path, &actual, NULL, NULL));
  if (g_strcmp0 (actual, expected) != 0)
    g_error ("%s is out of date: run this test with MB_UPDATE_SCHEMA=1", path);

  g_assert_true (json_parser_load_from_data (parser, actual, -1, &error));
  g_assert_no_error (error);
}

static void
test_exchange_format_double (void)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  static const struct { double value; const char *text; } cases[] = {
    { 0, "0" }, { -0.0, "0" }, { 1, "1" }, { 5000000, "5000000" }, { 0.1, "0.1" },
    { 0.30000000000000004, "0.30000000000000004" }, { 1e20, "1e+20" }, { -2.5e-7, "-2.5e-07" },
    { 123456789.125, "123456789.125" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 5e-324, "4.9406564584124654e-324" }, { 3.3, "3.3" }, { 84.9, "84.9" },
    { 1e15 + 0.5, "1000000000000000.5" }, { 2.2250738585072014e-308, "2.2250738585072014e-308" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      mb_json_format_double (buf, cases[i].value);
      if (cases[i].value != 5e-324)
        g_assert_cmpstr (buf, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (buf, NULL), ==, cases[i].value);
    }

  /* The shortest form that reads back exactly, as a plain search over every
   * precision finds it, for values of every length and magnitude. */
  for (guint i = 0; i < 20000; i++)
    {
      char expected[G_ASCII_DTOSTR_BUF_SIZE];
      double value = g_test_rand_double_range (-1e6, 1e6) *
                     pow (10, g_test_rand_int_range (-30, 30));

      if (i % 2 == 0)  /* as typed: a few significant digits */
        {
          char typed[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *format = g_strdup_printf ("%%.%dg", g_test_rand_int_range (1, 16));

          value = g_ascii_strtod (g_ascii_formatd (typed, sizeof typed, format, value), NULL);
        }
      if (value == floor (value) && fabs (value) < 1e15)
        continue;  /* written as an integer */
      for (int precision = 1; precision <= 17; precision++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

          g_ascii_formatd (expected, sizeof expected, format, value);
          if (g_ascii_strtod (expected, NULL) == value)
            break;
        }
      g_assert_cmpstr (mb_json_format_double (buf, value), ==, expected);
    }
}

static void
test_exchange_export_round_trip (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.malbild", NULL);
  g_autoptr(MbStore) other = NULL;
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(GError) error = NULL;
  const MbExchangeTable *tables;
  guint n_tables;

  fill_library (f->store);
  first = export_text (f->store);
  again = export_text (f->store);
  g_assert_cmpstr (first, ==, again);

  /* The header first, one key per line, numbers in their shortest form. */
  g_assert_true (g_str_has_prefix (first, "{\n  \"format\": \"malbild\",\n  \"version\": 2,\n"
                                          "  \"organisations\": [\n    {\n      \"id\": "));
  g_assert_nonnull (strstr (first, "\"x\": 1e+20,\n"));
  g_assert_nonnull (strstr (first, "\"value\": 0.30000000000000004,\n"));
  g_assert_nonnull (strstr (first, "\"budget\": 5000000,\n"));
  g_assert_nonnull (strstr (first, "\"by_gender\": true,\n"));
  g_assert_nonnull (strstr (first, "tab\\there, bell \\u0007 and 🙂"));
  /* A NULL column is left out. */
  g_assert_null (strstr (first, "null"));

  /* Every table has rows (so the schema check below sees every table). */
  tables = mb_exchange_get_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    g_assert_cmpint (count_rows (f->store, tables[t].name), >, 0);

  /* Into an empty library and out again: the same bytes. */
  other = mb_test_store_open (other_path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  report = mb_exchange_import_data (other, "first.json", first, strlen (first), MB_IMPORT_NONE,
                                    problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (mb_import_report_get_totals (report).added, >, 30);
  g_assert_cmpuint (mb_import_report_get_totals (report).changed, ==, 0);
  g_assert_cmpstr (mb_store_get_undo_label (other), ==, "Import “first.json”");

  g_free (again);
  again = export_text (other);
  g_assert_cmpstr (first, ==, again);

  /* The earlier targets travel whole: values, the added one without, the
   * reasons and dates (issue 16). */
  g_assert_nonnull (strstr (first, "\"target_history\": [\n    {\n      \"id\": "
                                   "\"1e000000-0000-4000-8000-000000000001\",\n"));
  {
    g_autoptr(GPtrArray) history =
      mb_store_query_target_history (other, "0f000000-0000-4000-8000-000000000001", &error);
    MbTargetChange *change;

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 3);
    change = history->pdata[0];
    g_assert_true (change->removed);
    g_assert_cmpint (change->year, ==, 2025);
    g_assert_cmpfloat (change->value, ==, 50);
    g_assert_cmpstr (change->reason, ==, "Delmålet utgår");
    change = history->pdata[1];
    g_assert_false (change->removed);
    g_assert_cmpfloat (change->value, ==, 55.5);
    g_assert_cmpstr (change->changed, ==, "2026-03-01T09:30:00.000Z");
    change = history->pdata[2];
    g_assert_true (isnan (change->value));
    g_assert_cmpstr (change->reason, ==, "Delmål tillagt");
  }

  /* Importing the same again changes nothing. */
  g_clear_pointer (&report, mb_import_report_free);
  report = mb_exchange_import_data (other, "first.json", first, strlen (first), MB_IMPORT_NONE,
                                    problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_import_report_get_totals (report).added, ==, 0);
  g_assert_cmpuint (mb_import_report_get_totals (report).unchanged, >, 30);

  /* The whole import is one undo step. */
  g_assert_true (mb_store_undo (other, &error));
  g_assert_no_error (error);
  for (guint t = 0; t < n_tables; t++)
    g_assert_cmpint (count_rows (other, tables[t].name), ==, 0);
}

static gboolean
run_ajv (const char  *json_path,
         char       **out_stderr)
{
  g_autofree char *ajv = source_path ("node_modules/.bin/ajv");
  g_autofree char *schema = source_path ("data/malbild-exchange.schema.json");
  const char *argv[] = { ajv, "validate", "--spec=draft2020", "--strict=true", "-c",
                         "ajv-formats", "-s", schema, "-d", json_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  /* Its "valid" on stdout must not mix with the TAP output. */
  g_assert_true (g_spawn_sync (g_getenv ("MALBILD_SOURCE_ROOT"), (char **) argv, NULL,
                               G_SPAWN_DEFAULT, NULL, NULL, &out, out_stderr, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* The export of a library with every table filled is valid by the JSON
 * Schema, checked by a real validator, and the schema is strict. */
static void
test_exchange_export_ajv (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *ajv = source_path ("node_modules/.bin/ajv");
  g_autofree char *json_path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (ajv, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("node_modules/.bin/ajv is missing: run `npm ci` in the source tree");
      return;
    }

  fill_library (f->store);
  g_assert_true (mb_exchange_export_file (f->store, json_path, &error));
  g_assert_no_error (error);
  if (!run_ajv (json_path, &err))
    g_error ("ajv refused the export: %s", err);
  g_clear_pointer (&err, g_free);

  /* An unknown field, a wrong enum value: refused by the schema too. */
  text = export_text (f->store);
  bad = g_strdup (text);
  memcpy (strstr (bad, "\"sector\""), "\"sectox\"", 8);
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  g_assert_false (run_ajv (bad_path, &err));
  g_clear_pointer (&err, g_free);
  g_free (bad);

  bad = g_strdup (text);
  memcpy (strstr (bad, "\"status\": \"adopted\""), "\"status\": \"adoptex\"", 19);
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  g_assert_false (run_ajv (bad_path, &err));
}

/* The shipped examples pass the app's checks and the JSON Schema (that
 * they import and export to their own bytes is tests/test-examples.c). */
static void
test_exchange_examples (void)
{
  g_autofree char *dir_path = source_path ("data/examples");
  g_autofree char *ajv = source_path ("node_modules/.bin/ajv");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
      g_autoptr(GError) error = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      n++;
      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      if (!mb_exchange_validate_data (NULL, name, text, len, problems, &error))
        g_error ("%s", error->message);

      if (g_file_test (ajv, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_autofree char *err = NULL;

          if (!run_ajv (path, &err))
            g_error ("ajv refused %s: %s", name, err);
        }
    }

  g_assert_cmpuint (n, >, 0);
  if (!g_file_test (ajv, G_FILE_TEST_IS_EXECUTABLE))
    g_test_skip ("checked by the app only: node_modules/.bin/ajv is missing (run `npm ci`)");
}

/* A stream has no size to look at: the limit holds while it is read. */
static void
test_exchange_read_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mb_exchange_read_file ("/dev/zero", 1024 * 1024, &error);

  g_assert_null (bytes);
  g_assert_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "larger than the limit of 1 MiB"));
  /* What the app exports, it imports: the limit is far above 256 MiB. */
  g_assert_cmpuint (MB_EXCHANGE_MAX_FILE_SIZE, >=, (gsize) 4 * 1024 * 1024 * 1024 - 1);
}

/* A file that the importer refuses, with the path and reason of the
 * first problem; the library must be byte-for-byte as it was. */
typedef struct
{
  const char *body;     /* the members after "format" and "version" */
  const char *path;
  const char *reason;
} BadCase;

static void
test_exchange_import_refuses (Fixture       *f,
                              gconstpointer  data)
{
  static const BadCase cases[] = {
    { "\"nodes\": {}", "$.nodes", "expected an array" },
    { "\"gadgets\": []", "$.gadgets", "unknown key" },
    { "\"organisations\": [1]", "$.organisations[0]", "expected an object" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"X\","
      " \"created\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].modified", "required field is missing" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"X\","
      " \"colour\": \"red\", \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].colour", "unknown field" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": 7,"
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].name", "expected a string" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"  \","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].name", "must not be empty" },
    { "\"organisations\": [{\"id\": \"0A000000-0000-4000-8000-0000000000AA\", \"name\": \"X\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].id", "UUID" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"X\","
      " \"sector\": \"pirates\", \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].sector", "is not one of" },
    /* A value is shown on one line, and short. */
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"X\","
      " \"sector\": \"line\\nbreak and then a very long tail of text that goes on\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].sector", "“line\\u000abreak and then a very long tail of …” is not one of" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"X\","
      " \"created\": \"2026-02-30T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[0].created", "UTC time" },
    { "\"organisations\": [{\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"X\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"},"
      " {\"id\": \"0a000000-0000-4000-8000-0000000000aa\", \"name\": \"Y\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.organisations[1].id", "used twice" },
    { "\"links\": [{\"id\": \"0e000000-0000-4000-8000-0000000000aa\","
      " \"from_node_id\": \"" NODE1 "\", \"to_node_id\": \"" NODE2 "\", \"confidence\": 101,"
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.links[0].confidence", "between 0 and 100" },
    { "\"links\": [{\"id\": \"0e000000-0000-4000-8000-0000000000aa\","
      " \"from_node_id\": \"" NODE1 "\", \"to_node_id\": \"" NODE2 "\", \"confidence\": 50.5,"
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.links[0].confidence", "expected an integer" },
    { "\"links\": [{\"id\": \"0e000000-0000-4000-8000-0000000000aa\","
      " \"from_node_id\": \"" NODE1 "\", \"to_node_id\": \"" NODE1 "\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.links[0].to_node_id", "its own node" },
    /* Dangling: neither in the file nor in the library. */
    { "\"links\": [{\"id\": \"0e000000-0000-4000-8000-0000000000aa\","
      " \"from_node_id\": \"" NODE1 "\", \"to_node_id\": \"0d000000-0000-4000-8000-0000000000ff\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.links[0].to_node_id", "is not the id of any entry of “nodes”" },
    /* NODE2 → NODE1 is in the library; NODE1 → NODE2 closes the cycle. */
    { "\"links\": [{\"id\": \"0e000000-0000-4000-8000-0000000000aa\","
      " \"from_node_id\": \"" NODE1 "\", \"to_node_id\": \"" NODE2 "\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.links[0]", "closes a cycle" },
    /* A level of another strategy. */
    { "\"nodes\": [{\"id\": \"0d000000-0000-4000-8000-0000000000aa\", \"strategy_id\": \"" STRAT1 "\","
      " \"level_id\": \"" LEVEL3 "\", \"title\": \"T\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.nodes[0].level_id", "belongs to another strategy" },
    /* A parent in another strategy. */
    { "\"nodes\": [{\"id\": \"0d000000-0000-4000-8000-0000000000aa\", \"strategy_id\": \"" STRAT1 "\","
      " \"level_id\": \"" LEVEL1 "\", \"parent_id\": \"" NODE3 "\", \"title\": \"T\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.nodes[0].parent_id", "belongs to another strategy" },
    /* NODE2 is under NODE1 in the library; putting NODE1 under NODE2 (a
     * newer version from the file) would make a loop. */
    { "\"nodes\": [{\"id\": \"" NODE1 "\", \"strategy_id\": \"" STRAT1 "\","
      " \"level_id\": \"" LEVEL1 "\", \"parent_id\": \"" NODE2 "\", \"title\": \"T\","
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2027-01-01T00:00:00Z\"}]",
      "$.nodes[0].parent_id", "parents form a cycle" },
    { "\"nodes\": [{\"id\": \"0d000000-0000-4000-8000-0000000000aa\", \"strategy_id\": \"" STRAT1 "\","
      " \"level_id\": \"" LEVEL1 "\", \"title\": \"T\", \"x\": 1,"
      " \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.nodes[0].y", "both x and y" },
    { "\"node_tags\": [{\"node_id\": \"" NODE1 "\", \"tag\": \"sdg\"}]",
      "$.node_tags[0].tag", "tag" },
    { "\"node_tags\": [{\"node_id\": \"" NODE1 "\", \"tag\": \"a:b\"},"
      " {\"node_id\": \"" NODE1 "\", \"tag\": \"a:b\"}]",
      "$.node_tags[1]", "appears twice" },
    { "\"indicators\": [{\"id\": \"0f000000-0000-4000-8000-0000000000aa\", \"title\": \"I\","
      " \"by_gender\": 1, \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.indicators[0].by_gender", "true or false" },
    { "\"strategies\": [{\"id\": \"0b000000-0000-4000-8000-0000000000aa\", \"title\": \"S\","
      " \"period_from\": 2030, \"period_to\": 2020, \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.strategies[0].period_to", "ends before it begins" },
    /* The registration number is taken by another strategy of the library:
     * refused before anything is written, with the field. */
    { "\"strategies\": [{\"id\": \"0b000000-0000-4000-8000-0000000000aa\", \"title\": \"S\","
      " \"registration_number\": \"RUN/123/2019\", \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.strategies[0].registration_number", "has the same registration_number" },
    /* An earlier target says why it changed, and how. */
    { "\"target_history\": [{\"id\": \"1e000000-0000-4000-8000-0000000000aa\","
      " \"indicator_id\": \"0f000000-0000-4000-8000-000000000001\", \"year\": 2030,"
      " \"value\": 1, \"reason\": \" \", \"changed\": \"2026-01-01T00:00:00Z\","
      " \"kind\": \"changed\", \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.target_history[0].reason", "must not be empty" },
    { "\"target_history\": [{\"id\": \"1e000000-0000-4000-8000-0000000000aa\","
      " \"indicator_id\": \"0f000000-0000-4000-8000-000000000001\", \"year\": 2030,"
      " \"reason\": \"R\", \"changed\": \"2026-01-01T00:00:00Z\","
      " \"kind\": \"edited\", \"created\": \"2026-01-01T00:00:00Z\","
      " \"modified\": \"2026-01-01T00:00:00Z\"}]",
      "$.target_history[0].kind", "is not one of" },
  };
  g_autofree char *before_export = NULL;
  g_autofree char *before_label = NULL;
  g_autofree char *before_sum = NULL;

  fill_library (f->store);
  /* Let the WAL settle into the file, so that its bytes can be compared. */
  g_clear_object (&f->store);
  f->store = mb_test_store_open (f->path, MB_STORE_OPEN_NONE, NULL);
  before_export = export_text (f->store);
  before_label = g_strdup (mb_store_get_undo_label (f->store));
  /* The file's bytes; a shared library's rows are checked after each case. */
  if (!mb_test_on_postgresql ())
    before_sum = mb_test_checksum (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"malbild\", \"version\": 1, %s}",
                                               cases[i].body);
      g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
      g_autoptr(MbImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      const MbProblem *first;

      report = mb_exchange_import_data (f->store, "bad.json", text, strlen (text),
                                        MB_IMPORT_NONE, problems, &error);
      if (report != NULL)
        g_error ("case %u accepted: %s", i, cases[i].body);
      g_assert_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID);
      g_assert_cmpuint (mb_problem_list_get_count (problems), >=, 1);
      first = mb_problem_list_get (problems, 0);
      if (g_strcmp0 (first->path, cases[i].path) != 0 || strstr (first->message, cases[i].reason) == NULL)
        g_error ("case %u: got %s: %s; expected %s: …%s…", i, first->path, first->message,
                 cases[i].path, cases[i].reason);
      g_assert_true (g_str_has_prefix (error->message, "bad.json: "));
      g_assert_null (strchr (error->message, '\n'));

      after = export_text (f->store);
      g_assert_cmpstr (after, ==, before_export);
      g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, before_label);
      mb_test_assert_server_holds (f->store);
    }

  g_clear_object (&f->store);
  if (before_sum != NULL)
    g_assert_cmpstr (mb_test_take (mb_test_checksum (f->path)), ==, before_sum);
}

/* @text is refused, its first problem at @path saying @reason; nothing
 * is written. */
static void
expect_refused (MbStore    *store,
                const char *text,
                const char *path,
                const char *reason)
{
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const MbProblem *first;

  report = mb_exchange_import_data (store, "bad.json", text, strlen (text), MB_IMPORT_NONE,
                                    problems, &error);
  g_assert_null (report);
  g_assert_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID);
  first = mb_problem_list_get (problems, 0);
  if (g_strcmp0 (first->path, path) != 0 || strstr (first->message, reason) == NULL)
    g_error ("got %s: %s; expected %s: …%s…", first->path, first->message, path, reason);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM revisions", NULL), ==, 0);
}

/* Revisions travel (version 2): the file's chunks are checked against
 * their hashes, a manifest names only chunks there are, a version 1 file
 * has none, and an import never changes a revision the library has. */
static void
test_exchange_revisions (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.malbild", NULL);
  g_autoptr(MbStore) other = NULL;
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autofree char *text = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *bad = NULL;
  const char *strategy = "0b000000-0000-4000-8000-000000000001";
  char *p;

  fill_library (f->store);
  text = export_text (f->store);
  other = mb_test_store_open (other_path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  /* A chunk whose data is not what its hash says. */
  bad = g_strdup (text);
  p = strstr (bad, "\"revision_chunks\"");
  p = strstr (p, "\"data\": \"") + strlen ("\"data\": \"");
  *p = *p == 'i' ? 't' : 'i';
  expect_refused (other, bad, "$.revision_chunks[0].data", "not what its hash says");

  /* A manifest naming a chunk the file does not have. */
  g_free (bad);
  bad = g_strdup (text);
  p = strstr (bad, "\"revision_chunks\": [");
  p[strlen ("\"revision_chunks\": [")] = ']';
  memset (p + strlen ("\"revision_chunks\": [") + 1, ' ',
          strrchr (bad, ']') - (p + strlen ("\"revision_chunks\": [") + 1) + 1);
  expect_refused (other, bad, "$.revisions[0].manifest", "neither in the file nor in the library");

  /* A damaged manifest. */
  g_free (bad);
  bad = g_strdup (text);
  p = strstr (bad, "malbild-revision 1");
  memcpy (p, "malbild-revision 9", strlen ("malbild-revision 9"));
  expect_refused (other, bad, "$.revisions[0].manifest", "not a revision's manifest");

  /* Revisions in a version 1 file. */
  g_free (bad);
  bad = g_strdup (text);
  p = strstr (bad, "\"version\": 2");
  p[strlen ("\"version\": ")] = '1';
  expect_refused (other, bad, "$.revisions[0].id", "version 2");

  /* Whole: the revision arrives and compares as at home. */
  report = mb_exchange_import_data (other, "first.json", text, strlen (text), MB_IMPORT_NONE,
                                    problems, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, mb_import_report_free);
  list = mb_store_list_revisions (other, strategy, &error);
  g_assert_cmpuint (list->len, ==, 1);
  changes = mb_store_compare_revisions (other, strategy,
                                        ((MbRevision *) g_ptr_array_index (list, 0))->id, NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Renamed in the file, later than the library: the library keeps its own,
   * whatever the flags, and says so. */
  renamed = g_strdup (text);
  p = strstr (renamed, "\"Antagen 2020\"");
  memcpy (p, "\"Antagen 2099\"", strlen ("\"Antagen 2099\""));
  p = strstr (renamed, "\"revisions\"");
  p = strstr (p, "\"modified\": \"") + strlen ("\"modified\": \"");
  memcpy (p, "2199", 4);
  report = mb_exchange_import_data (other, "renamed.json", renamed, strlen (renamed),
                                    MB_IMPORT_PREFER_FILE, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_import_report_get_totals (report).conflicts, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mb_store_list_revisions (other, strategy, &error);
  g_assert_cmpstr (((MbRevision *) g_ptr_array_index (list, 0))->name, ==, "Antagen 2020");
}

static void
test_exchange_import_format (void)
{
  static const struct { const char *text; const char *path; const char *reason; } files[] = {
    { "[]", "$", "expected an object" },
    { "{\"version\": 1}", "$.format", "\"format\" must be \"malbild\"" },
    { "{\"format\": \"other\", \"version\": 1}", "$.format", "must be \"malbild\"" },
    { "{\"format\": \"malbild\"}", "$.version", "must be an integer" },
    { "{\"format\": \"malbild\", \"version\": 3}", "$.version", "version 3 is not supported" },
    { "{\"format\": \"malbild\", \"version\": 0}", "$.version", "version 0 is not supported" },
    { "{\"format\": \"malbild\", \"version\": 1, \"nodes\": [], \"nodes\": []}", "$.nodes",
      "duplicate key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
      g_autoptr(GError) error = NULL;
      const MbProblem *first;

      g_assert_false (mb_exchange_validate_data (NULL, "f.json", files[i].text,
                                                 strlen (files[i].text), problems, &error));
      g_assert_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID);
      first = mb_problem_list_get (problems, 0);
      g_assert_cmpstr (first->path, ==, files[i].path);
      if (strstr (first->message, files[i].reason) == NULL)
        g_error ("file %u: %s", i, first->message);
    }

  /* A file alone must be self-contained; with a library it may refer into it. */
  {
    const char *text = "{\"format\": \"malbild\", \"version\": 1, \"node_tags\": "
                       "[{\"node_id\": \"" NODE1 "\", \"tag\": \"sdg:1\"}]}";
    g_autoptr(MbProblemList) problems = mb_problem_list_new (20);

    g_assert_false (mb_exchange_validate_data (NULL, "f.json", text, strlen (text), problems,
                                               NULL));
    g_assert_cmpstr (mb_problem_list_get (problems, 0)->path, ==, "$.node_tags[0].node_id");
  }
}

/* A file written before comments on assessments and ends in operation
 * (schema 7) has neither field: it imports, its ends are not in operation,
 * and its comments keep their targets. A comment on an assessment and an
 * end in operation come back from an export as they went in. */
static void
test_exchange_import_older_file (Fixture       *f,
                                 gconstpointer  data)
{
  static const char *older =
    "{\"format\": \"malbild\", \"version\": 1,"
    " \"strategies\": [{\"id\": \"0b000000-0000-4000-8000-000000000001\", \"title\": \"RUS\","
    "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}],"
    " \"levels\": [{\"id\": \"0c000000-0000-4000-8000-000000000001\","
    "  \"strategy_id\": \"0b000000-0000-4000-8000-000000000001\", \"position\": 0, \"name\": \"Mål\","
    "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}],"
    " \"nodes\": [{\"id\": \"0d000000-0000-4000-8000-000000000001\","
    "  \"strategy_id\": \"0b000000-0000-4000-8000-000000000001\","
    "  \"level_id\": \"0c000000-0000-4000-8000-000000000001\", \"title\": \"Regional plan\","
    "  \"end_date\": \"2022\","
    "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}],"
    " \"review_comments\": [{\"id\": \"1a000000-0000-4000-8000-000000000001\","
    "  \"node_id\": \"0d000000-0000-4000-8000-000000000001\", \"author\": \"A\", \"body\": \"B\","
    "  \"created\": \"2026-01-01T00:00:00Z\", \"modified\": \"2026-01-01T00:00:00Z\"}]}";
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbImportReport) report = NULL;
  g_autofree char *exported = NULL;
  sqlite3 *db = mb_store_get_db (f->store);

  g_assert_true (mb_exchange_validate_data (NULL, "older.json", older, strlen (older), problems,
                                            &error));
  g_assert_no_error (error);
  report = mb_exchange_import_data (f->store, "older.json", older, strlen (older),
                                    MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT in_operation FROM nodes", NULL), ==, 0);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM review_comments"
                                            " WHERE node_id IS NOT NULL AND assessment_id IS NULL",
                                        NULL), ==, 1);

  /* "I drift 2022" goes out and comes back. */
  g_assert_true (mb_store_set_node_end (f->store, "0d000000-0000-4000-8000-000000000001", "2022",
                                        TRUE, &error));
  g_assert_no_error (error);
  exported = export_text (f->store);
  g_assert_nonnull (strstr (exported, "\"end_date\": \"2022\""));
  g_assert_nonnull (strstr (exported, "\"in_operation\": true"));
  g_assert_true (mb_store_set_node_end (f->store, "0d000000-0000-4000-8000-000000000001", "2022",
                                        FALSE, &error));
  g_clear_pointer (&report, mb_import_report_free);
  report = mb_exchange_import_data (f->store, "new.json", exported, strlen (exported),
                                    MB_IMPORT_PREFER_FILE, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT in_operation FROM nodes", NULL), ==, 1);
}

/* Collects every problem, keeps the first 20. */
static void
test_exchange_import_many_problems (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"malbild\", \"version\": 1, "
                                          "\"organisations\": [");
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autofree char *report = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "%s{\"name\": 1}", i ? "," : "");
  g_string_append (text, "]}");

  g_assert_false (mb_exchange_validate_data (NULL, "f.json", text->str, text->len, problems,
                                             NULL));
  /* Per row: id, created, modified missing, and name of the wrong type. */
  g_assert_cmpuint (mb_problem_list_get_count (problems), ==, 120);
  report = mb_problem_list_format (problems, "f.json");
  g_assert_true (g_str_has_prefix (report, "f.json: $.organisations[0].id: a required field is missing\n"));
  g_assert_true (g_str_has_suffix (report, "f.json: and 100 more problems\n"));
}

static void
replace_once (char       **text,
              const char  *from,
              const char  *to)
{
  char *at = strstr (*text, from);
  char *result;

  g_assert_nonnull (at);
  result = g_strdup_printf ("%.*s%s%s", (int) (at - *text), *text, to, at + strlen (from));
  g_free (*text);
  *text = result;
}

static void
test_exchange_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *file = NULL;
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const MbImportCounts *nodes;
  const MbImportCounts *orgs;
  sqlite3 *db = mb_store_get_db (f->store);

  fill_library (f->store);
  file = export_text (f->store);

  /* In the file: a node changed later than the library's version, an
   * organisation changed, a new tag. */
  replace_once (&file, "\"title\": \"Attraktiva livsmiljöer\"", "\"title\": \"Livsmiljöer\"");
  replace_once (&file, "\"name\": \"Mittuniversitetet\",\n      \"sector\": \"academia\",\n"
                       "      \"created\": \"2026-01-01T10:00:00.000Z\",\n"
                       "      \"modified\": \"2026-01-01T10:00:00.000Z\"",
                "\"name\": \"Mid Sweden University\",\n      \"sector\": \"academia\",\n"
                "      \"created\": \"2026-01-01T10:00:00.000Z\",\n"
                "      \"modified\": \"2026-02-01T10:00:00.000Z\"");
  replace_once (&file, "\"tag\": \"sdg:7\"", "\"tag\": \"sdg:7\"\n    },\n    {\n"
                "      \"node_id\": \"" NODE1 "\",\n      \"tag\": \"sdg:9\"");

  /* In the library, after the file's version: node 2 edited too (a conflict). */
  run_sql (f->store, "UPDATE nodes SET title = 'Goda livsmiljöer', "
                     "modified = '2026-03-01T00:00:00.000Z' WHERE id = '" NODE2 "'");

  report = mb_exchange_import_data (f->store, "m.json", file, strlen (file), MB_IMPORT_NONE,
                                    problems, &error);
  g_assert_no_error (error);
  nodes = mb_import_report_get_counts (report, "nodes");
  g_assert_cmpuint (nodes->conflicts, ==, 1);
  g_assert_cmpuint (nodes->unchanged, ==, 2);
  orgs = mb_import_report_get_counts (report, "organisations");
  g_assert_cmpuint (orgs->changed, ==, 1);
  g_assert_cmpuint (orgs->unchanged, ==, 1);
  g_assert_cmpuint (mb_import_report_get_counts (report, "node_tags")->added, ==, 1);
  g_assert_cmpuint (mb_import_report_get_counts (report, "node_tags")->unchanged, ==, 2);
  g_assert_nonnull (strstr (mb_import_report_get_conflicts (report)[0], NODE2));
  g_assert_null (mb_import_report_get_conflicts (report)[1]);
  g_assert_nonnull (strstr (mb_test_take (mb_import_report_format (report)),
                            "nodes: 0 added, 0 changed, 2 unchanged, 1 in conflict"));

  /* The library kept its version of the conflict, took the rest. */
  title = _mb_store_query_text (db, "SELECT title FROM nodes WHERE id = ?", "s", NODE2);
  g_assert_cmpstr (title, ==, "Goda livsmiljöer");
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT name FROM organisations "
                                                        "WHERE sector = 'academia'", NULL)),
                   ==, "Mid Sweden University");

  /* One undo step takes the whole merge back. */
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT name FROM organisations "
                                                        "WHERE sector = 'academia'", NULL)),
                   ==, "Mittuniversitetet");
  g_assert_cmpint (count_rows (f->store, "node_tags"), ==, 2);

  /* --prefer-file: the file's version wins the conflict. */
  g_clear_pointer (&report, mb_import_report_free);
  report = mb_exchange_import_data (f->store, "m.json", file, strlen (file),
                                    MB_IMPORT_PREFER_FILE, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mb_import_report_get_counts (report, "nodes")->conflicts, ==, 1);
  g_clear_pointer (&title, g_free);
  title = _mb_store_query_text (db, "SELECT title FROM nodes WHERE id = ?", "s", NODE2);
  g_assert_cmpstr (title, ==, "Livsmiljöer");
}

/* SIGKILL in the middle of an import leaves all of the file or none. */
static void
test_exchange_import_killed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(MbStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_nodes = 20000;
  int ready[2];
  pid_t child;
  int status;
  gint64 count;
  char c;

  run_sql (f->store, "INSERT INTO strategies (id, title, created, modified) VALUES "
                     "('" STRAT1 "', 'S', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                     "INSERT INTO levels (id, strategy_id, position, name, created, modified) "
                     "VALUES ('" LEVEL1 "', '" STRAT1 "', 0, 'L', '2026-01-01T00:00:00Z', "
                     "'2026-01-01T00:00:00Z')");
  g_clear_object (&f->store);

  g_string_append (text, "{\"format\": \"malbild\", \"version\": 1, \"nodes\": [");
  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (text, "%s{\"id\": \"0d000000-0000-4000-8000-%012u\", "
                            "\"strategy_id\": \"" STRAT1 "\", \"level_id\": \"" LEVEL1 "\", "
                            "\"title\": \"Node %u\", \"created\": \"2026-01-01T00:00:00Z\", "
                            "\"modified\": \"2026-01-01T00:00:00Z\"}", i ? "," : "", i, i);
  g_string_append (text, "]}");

  g_assert_cmpint (pipe (ready), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      g_autoptr(MbStore) store = mb_test_store_open (f->path, MB_STORE_OPEN_NONE, NULL);
      g_autoptr(MbProblemList) problems = mb_problem_list_new (20);

      close (ready[0]);
      if (write (ready[1], "r", 1) != 1)
        _exit (3);
      for (;;)
        {
          MbImportReport *report = mb_exchange_import_data (store, "big.json", text->str,
                                                            text->len, MB_IMPORT_NONE,
                                                            problems, NULL);
          /* Keep importing: undo, import again, until killed. */
          if (report == NULL || !mb_store_undo (store, NULL))
            _exit (2);
          mb_import_report_free (report);
        }
    }

  close (ready[1]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);
  /* Some time into the work; where exactly does not matter, both outcomes
   * are checked. */
  g_usleep (G_USEC_PER_SEC / 2 + g_random_int_range (0, G_USEC_PER_SEC / 2));
  kill (child, SIGKILL);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFSIGNALED (status));

  reopened = mb_test_store_open (f->path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (mb_store_get_db (reopened),
                                                        "PRAGMA integrity_check", NULL)),
                   ==, "ok");
  count = count_rows (reopened, "nodes");
  g_test_message ("nodes after the kill: %" G_GINT64_FORMAT, count);
  g_assert_true (count == 0 || count == n_nodes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/exchange/fields-match-schema", test_exchange_fields_match_schema);
  g_test_add_func ("/exchange/read-limit", test_exchange_read_limit);
  g_test_add_func ("/exchange/schema-file", test_exchange_schema_file);
  g_test_add_func ("/exchange/format-double", test_exchange_format_double);
  ADD ("/exchange/export/round-trip", test_exchange_export_round_trip);
  ADD ("/exchange/export/ajv", test_exchange_export_ajv);
  g_test_add_func ("/exchange/examples", test_exchange_examples);
  ADD ("/exchange/import/refuses", test_exchange_import_refuses);
  ADD ("/exchange/import/revisions", test_exchange_revisions);
  g_test_add_func ("/exchange/import/format", test_exchange_import_format);
  ADD ("/exchange/import/older-file", test_exchange_import_older_file);
  g_test_add_func ("/exchange/import/many-problems", test_exchange_import_many_problems);
  ADD ("/exchange/import/merge", test_exchange_merge);
  ADD ("/exchange/import/killed", test_exchange_import_killed);

  return g_test_run ();
}
