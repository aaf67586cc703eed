/* test-report.c – the follow-up report built from the example library, and its HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The example library holds Region Jämtland Härjedalen's follow-up of 2021
 * (RUN/12/2022). Its report must hold what the library holds: the
 * registration number and date of the decision, every priority, every
 * assessment, the latest value of each indicator as written in Swedish, and
 * the year's activity counts. The expected figures are read from the library
 * here, not typed in, so the test says "the report shows the library".
 */

#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "mb-exchange.h"
#include "mb-follow-up.h"
#include "mb-format.h"
#include "mb-report.h"
#include "mb-report-chart.h"
#include "mb-report-write.h"
#include "mb-revision.h"
#include "test-store-util.h"

#define RUS_DEL_2 "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"

typedef struct
{
  char    *dir;
  MbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *root = g_getenv ("MALBILD_SOURCE_ROOT");
  g_autofree char *example = g_build_filename (root ? root : MB_SOURCE_DATADIR "/..",
                                               "data", "examples", "jamtland-harjedalen.json", NULL);
  g_autofree char *path = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (20);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  path = g_build_filename (f->dir, "library.malbild", NULL);
  f->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  report = mb_exchange_import_file (f->store, example, MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Every piece of text of the document, one per line, to search. */
static char *
doc_text (MbReportDoc *doc)
{
  GString *text = g_string_new (NULL);
  const char *fields[] = { doc->region, doc->title, doc->subtitle, doc->registration_number,
                           doc->date, doc->unit };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_string_append_printf (text, "%s\n", fields[i] ? fields[i] : "");
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->text)
        g_string_append_printf (text, "%s\n", block->text);
      for (guint j = 0; block->items && j < block->items->len; j++)
        g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (block->items, j));
      if (block->table)
        {
          g_string_append_printf (text, "%s\n", block->table->caption ? block->table->caption : "");
          for (guint r = 0; r < block->table->rows->len; r++)
            {
              char **row = g_ptr_array_index (block->table->rows, r);

              for (guint c = 0; row[c]; c++)
                g_string_append_printf (text, "%s\t", row[c]);
              g_string_append_c (text, '\n');
            }
        }
      if (block->chart)
        g_string_append_printf (text, "%s\n%s\n", block->chart->title, block->chart->description);
    }
  return g_string_free (text, FALSE);
}

static MbReportDoc *
build (Fixture          *f,
       int               year,
       MbReportLanguage  language)
{
  MbReportOptions options = { .strategy_id = RUS_DEL_2, .year = year, .language = language };
  g_autoptr(GError) error = NULL;
  MbReportDoc *doc = mb_report_build (f->store, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("The report lacks “%s”", needle);
}

/* Rows of (text) from @sql. */
static GPtrArray *
query_texts (MbStore    *store,
             const char *sql)
{
  sqlite3 *db = mb_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = _mb_store_prepare (db, sql, NULL);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return texts;
}

static void
test_report_example_2021 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build (f, 2021, MB_REPORT_LANGUAGE_SWEDISH);
  g_autofree char *text = doc_text (doc);
  g_autoptr(GPtrArray) priorities = NULL;
  g_autoptr(GPtrArray) judgements = NULL;
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(MbActivitySummary) summary = NULL;
  g_autofree char *workshops = NULL;

  g_assert_cmpstr (doc->title, ==, "Uppföljningsrapport 2021");
  g_assert_cmpstr (doc->registration_number, ==, "RUN/12/2022");
  g_assert_cmpstr (doc->date, ==, "2022-03-15");
  g_assert_cmpstr (doc->lang_tag, ==, "sv-SE");
  g_assert_nonnull (doc->region);

  /* The framework: the documents and their registration numbers. */
  assert_contains (text, "RUN/515/2018");
  assert_contains (text, "RUN/516/2020");
  assert_contains (text, "RUN/430/2018");

  /* Every priority and the long-term goal, with their sections. */
  priorities = query_texts (f->store, "SELECT n.title FROM nodes n JOIN levels l ON l.id = n.level_id"
                                      " WHERE n.strategy_id = '" RUS_DEL_2 "'"
                                      " AND l.name IN ('Priority', 'Long-term goal')");
  g_assert_cmpuint (priorities->len, ==, 4);
  for (guint i = 0; i < priorities->len; i++)
    assert_contains (text, g_ptr_array_index (priorities, i));

  /* The latest value up to 2021 of each indicator of the strategy's goals
   * that has values, written as Swedish writes numbers, with its year. */
  latest = query_texts (f->store,
                        "SELECT printf('%.17g|%s', m.value, substr(m.period, 1, 4)) FROM measurements m"
                        " WHERE m.indicator_id IN (SELECT indicator_id FROM node_indicators ni"
                        "   JOIN nodes n ON n.id = ni.node_id WHERE n.strategy_id = '" RUS_DEL_2 "')"
                        " AND m.gender = 'T' AND m.value IS NOT NULL AND m.period < '2022'"
                        " AND m.period = (SELECT max(period) FROM measurements m2"
                        "   WHERE m2.indicator_id = m.indicator_id AND m2.value IS NOT NULL"
                        "   AND m2.period < '2022' AND m2.gender = 'T')"
                        " AND m.territory_code = (SELECT min(territory_code) FROM measurements m3"
                        "   WHERE m3.indicator_id = m.indicator_id AND m3.period = m.period AND m3.gender = 'T'"
                        "   AND m3.value IS NOT NULL)");
  g_assert_cmpuint (latest->len, >=, 5);
  for (guint i = 0; i < latest->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (latest, i), "|", 2);
      g_autofree char *number = mb_format_number_in (g_ascii_strtod (parts[0], NULL),
                                                     MB_PERIOD_LANGUAGE_SWEDISH);
      g_autofree char *shown = g_strdup_printf ("(%s)", parts[1]);

      assert_contains (text, number);
      assert_contains (text, shown);
    }

  /* The year's activities, counted as the report's sentence has them. */
  summary = mb_follow_up_summarise_activities (f->store, RUS_DEL_2, 2021, NULL);
  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->by_kind[MB_ACTIVITY_WORKSHOP], ==, 16);
  workshops = g_strdup_printf ("%u workshoppar", summary->by_kind[MB_ACTIVITY_WORKSHOP]);
  assert_contains (text, workshops);

  /* The sections of RUN/12/2022. */
  assert_contains (text, "Det regionala ramverket");
  assert_contains (text, "Vad är genomfört");
  assert_contains (text, "Detta händer framöver");
  assert_contains (text, "Bilagor");
  assert_contains (text, "kolada:N01951");
  /* The 2025 round's illustrative activity is not 2021's. */
  g_assert_null (strstr (text, "Handlingsplansverkstad"));
}

/* The 2025 round (illustrative): every assessment, its judgement, and its
 * status as a symbol and a word. */
static void
test_report_example_2025 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build (f, 2025, MB_REPORT_LANGUAGE_SWEDISH);
  g_autofree char *text = doc_text (doc);
  g_autoptr(GPtrArray) judgements = NULL;

  judgements = query_texts (f->store, "SELECT a.judgement FROM assessments a"
                                      " JOIN follow_up_rounds r ON r.id = a.round_id WHERE r.year = 2025");
  g_assert_cmpuint (judgements->len, ==, 3);
  for (guint i = 0; i < judgements->len; i++)
    assert_contains (text, g_ptr_array_index (judgements, i));
  assert_contains (text, "\u2713 I fas");
  assert_contains (text, "\u2197 Viss framgång");
  /* Goals without an assessment say so, with the indicators' suggestion. */
  assert_contains (text, "Inte bedömt för 2025");
  assert_contains (text, "Handlingsplansverkstad");
  /* What is illustrative is named in the annex. */
  assert_contains (text, "illustrativa");
}

static void
test_report_year_without_round (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build (f, 2019, MB_REPORT_LANGUAGE_SWEDISH);
  g_autofree char *text = doc_text (doc);

  assert_contains (text, "ingen uppföljningsomgång för 2019");
  assert_contains (text, "Inte bedömt för 2019");
  g_assert_null (strstr (text, "\u2713 I fas"));
  g_assert_null (doc->registration_number);
}

/* With a revision, the annex says what changed since it; without one, it
 * has no such section. */
static void
test_report_revision_changes (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbReportDoc) none = build (f, 2025, MB_REPORT_LANGUAGE_SWEDISH);
  g_autoptr(MbReportDoc) same = NULL;
  g_autoptr(MbReportDoc) doc = NULL;
  g_autoptr(MbReportDoc) english = NULL;
  g_autofree char *text = doc_text (none);
  g_autofree char *revision = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *old_title = NULL;
  g_autofree char *expected = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_null (strstr (text, "Ändringar sedan förra revideringen"));
  revision = mb_store_take_revision (f->store, RUS_DEL_2, "Antagen 2021", &error);
  g_assert_no_error (error);
  same = build (f, 2025, MB_REPORT_LANGUAGE_SWEDISH);
  g_free (text);
  text = doc_text (same);
  assert_contains (text, "Ändringar sedan förra revideringen");
  assert_contains (text, "Strategin är oförändrad sedan revideringen ”Antagen 2021”");

  goal = _mb_store_query_text (mb_store_get_db (f->store), "SELECT id FROM nodes WHERE"
                               " strategy_id = ? AND parent_id IS NOT NULL ORDER BY id LIMIT 1",
                               "s", RUS_DEL_2);
  old_title = _mb_store_query_text (mb_store_get_db (f->store), "SELECT title FROM nodes"
                                    " WHERE id = ?", "s", goal);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Ny titel");
  g_assert_true (mb_store_set_field (f->store, "nodes", goal, "title", &value, &error));
  g_assert_no_error (error);
  doc = build (f, 2025, MB_REPORT_LANGUAGE_SWEDISH);
  g_free (text);
  text = doc_text (doc);
  assert_contains (text, "har strategin ändrats på en punkt.");
  expected = g_strdup_printf ("Mål eller insats\tÄndrad\tNy titel\ttitel: %s → Ny titel\t",
                              old_title);
  assert_contains (text, expected);

  english = build (f, 2025, MB_REPORT_LANGUAGE_ENGLISH);
  g_free (text);
  text = doc_text (english);
  assert_contains (text, "Changes since the last revision");
  assert_contains (text, "Goal or intervention\tChanged\tNy titel");
}

/* The chart of the indicator @title in @doc. */
static MbReportChart *
find_chart (MbReportDoc *doc,
            const char  *title)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->chart != NULL && g_str_has_prefix (block->chart->title, title))
        return block->chart;
    }
  g_error ("The report has no chart of “%s”", title);
  return NULL;
}

/* @chart drawn on a white 480 × 300 image: its pixels, to compare. */
static GBytes *
draw_chart (const MbReportChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 300);
  cairo_t *cr = cairo_create (surface);
  GBytes *pixels;

  mb_report_chart_draw (cr, chart, MB_REPORT_LANGUAGE_SWEDISH, 480, 300);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * 300);
  cairo_surface_destroy (surface);
  return pixels;
}

/* An adopted strategy's target changed with a reason: the indicator's chart
 * in the report keeps the earlier value, says it in its text alternative and
 * draws it (faint, with a legend entry); a target never changed has none. */
static void
test_report_earlier_target (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbReportDoc) before = NULL;
  g_autoptr(MbReportDoc) after = NULL;
  g_autoptr(GBytes) with_earlier = NULL;
  g_autoptr(GBytes) without_earlier = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *title = NULL;
  g_autofree char *target = NULL;
  MbReportChart *chart;

  /* An indicator of the strategy with values, so that the report draws it. */
  indicator = _mb_store_query_text (mb_store_get_db (f->store),
                                    "SELECT i.id FROM indicators i WHERE i.strategy_id = ?"
                                    " AND EXISTS (SELECT 1 FROM measurements m"
                                    " WHERE m.indicator_id = i.id AND m.value IS NOT NULL)"
                                    " ORDER BY i.id LIMIT 1", "s", RUS_DEL_2);
  g_assert_nonnull (indicator);
  title = _mb_store_query_text (mb_store_get_db (f->store),
                                "SELECT title FROM indicators WHERE id = ?", "s", indicator);
  g_assert_true (mb_store_target_needs_reason (f->store, indicator));
  target = mb_store_set_target_with_reason (f->store, indicator, 2030, 40, "Antagen", &error);
  g_assert_no_error (error);

  before = build (f, 2025, MB_REPORT_LANGUAGE_SWEDISH);
  chart = find_chart (before, title);
  g_assert_cmpuint (chart->target_years->len, ==, 1);
  /* Added, not changed: nothing earlier to draw. */
  g_assert_cmpuint (chart->earlier_years->len, ==, 0);
  g_assert_null (strstr (chart->description, "Tidigare mål"));

  g_free (target);
  target = mb_store_set_target_with_reason (f->store, indicator, 2030, 45,
                                            "Höjt efter halvtidsöversynen", &error);
  g_assert_no_error (error);
  after = build (f, 2025, MB_REPORT_LANGUAGE_SWEDISH);
  chart = find_chart (after, title);
  g_assert_cmpuint (chart->target_years->len, ==, 1);
  g_assert_cmpint (g_array_index (chart->target_years, int, 0), ==, 2030);
  g_assert_cmpfloat (g_array_index (chart->target_values, double, 0), ==, 45);
  g_assert_cmpuint (chart->earlier_years->len, ==, 1);
  g_assert_cmpint (g_array_index (chart->earlier_years, int, 0), ==, 2030);
  g_assert_cmpfloat (g_array_index (chart->earlier_values, double, 0), ==, 40);
  assert_contains (chart->description, "Tidigare mål 2030: 40.");

  /* The drawing has it: without the earlier target the pixels differ. */
  with_earlier = draw_chart (chart);
  g_array_set_size (chart->earlier_years, 0);
  g_array_set_size (chart->earlier_values, 0);
  without_earlier = draw_chart (chart);
  g_assert_false (g_bytes_equal (with_earlier, without_earlier));
}

static void
test_report_english (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build (f, 2021, MB_REPORT_LANGUAGE_ENGLISH);
  g_autofree char *text = doc_text (doc);

  g_assert_cmpstr (doc->title, ==, "Follow-up report 2021");
  g_assert_cmpstr (doc->date, ==, "15 March 2022");
  g_assert_cmpstr (doc->lang_tag, ==, "en-GB");
  g_assert_null (strstr (text, "Vad är genomfört"));
  g_assert_null (strstr (text, "Inte bedömt"));
  assert_contains (text, "16 workshops");
  assert_contains (text, "What happens next");
}

static void
test_report_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  MbReportOptions options = { .strategy_id = "no-such-strategy", .year = 2021 };
  g_autoptr(GError) error = NULL;

  g_assert_null (mb_report_build (f->store, &options, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  options.strategy_id = RUS_DEL_2;
  options.year = 1899;
  g_assert_null (mb_report_build (f->store, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.year = 2201;
  g_assert_null (mb_report_build (f->store, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_report_cancel (Fixture       *f,
                    gconstpointer  data)
{
  MbReportOptions options = { .strategy_id = RUS_DEL_2, .year = 2021 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (mb_report_build (f->store, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The HTML parses as XML (it is written so), every table has a header row
 * of <th scope="col">, every chart is an inline SVG with a title. */
typedef struct
{
  guint n_tables;
  guint n_tables_with_header;
  guint n_th;
  guint n_th_scoped;
  guint n_svg;
  guint n_svg_titles;
  guint n_scripts;
  gboolean in_table_head;
  gboolean in_svg;
} HtmlCheck;

static void
html_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  HtmlCheck *check = user_data;

  if (g_str_equal (element, "table"))
    check->n_tables++;
  else if (g_str_equal (element, "thead"))
    {
      check->n_tables_with_header++;
      check->in_table_head = TRUE;
    }
  else if (g_str_equal (element, "th"))
    {
      check->n_th++;
      for (guint i = 0; names[i]; i++)
        if (g_str_equal (names[i], "scope") &&
            (g_str_equal (values[i], "col") || g_str_equal (values[i], "row")))
          check->n_th_scoped++;
    }
  else if (g_str_equal (element, "svg"))
    {
      check->n_svg++;
      check->in_svg = TRUE;
    }
  else if (g_str_equal (element, "title") && check->in_svg)
    check->n_svg_titles++;
  else if (g_str_equal (element, "script"))
    check->n_scripts++;
}

static void
html_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  HtmlCheck *check = user_data;

  if (g_str_equal (element, "thead"))
    check->in_table_head = FALSE;
  else if (g_str_equal (element, "svg"))
    check->in_svg = FALSE;
}

static void
test_report_html (Fixture       *f,
                  gconstpointer  data)
{
  static const GMarkupParser parser = { html_start, html_end, NULL, NULL, NULL };
  g_autoptr(MbReportDoc) doc = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.html", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.html", NULL);
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sum1 = NULL;
  g_autofree char *sum2 = NULL;
  HtmlCheck check = { 0 };
  const char *body;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  doc = build (f, 2021, MB_REPORT_LANGUAGE_SWEDISH);
  text = doc_text (doc);
  g_assert_true (mb_report_write_html (doc, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"sv-SE\">"));
  assert_contains (html, "2023-11-14T22:13:20Z");
  body = strstr (html, "<html");
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, body, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));

  g_assert_cmpuint (check.n_tables, >, 5);
  g_assert_cmpuint (check.n_tables_with_header, ==, check.n_tables);
  g_assert_cmpuint (check.n_th_scoped, ==, check.n_th);
  g_assert_cmpuint (check.n_svg, >, 0);
  g_assert_cmpuint (check.n_svg_titles, ==, check.n_svg);
  g_assert_cmpuint (check.n_scripts, ==, 0);
  assert_contains (html, "RUN/12/2022");
  assert_contains (html, "16 workshoppar");

  /* The same library and year give the same bytes. */
  g_clear_pointer (&doc, mb_report_doc_free);
  doc = build (f, 2021, MB_REPORT_LANGUAGE_SWEDISH);
  g_assert_true (mb_report_write_html (doc, again, &error));
  sum1 = mb_test_checksum (path);
  sum2 = mb_test_checksum (again);
  g_assert_cmpstr (sum1, ==, sum2);
  g_unlink (again);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

static void
test_report_write_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build (f, 2021, MB_REPORT_LANGUAGE_SWEDISH);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "report.html", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "report.docx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mb_report_write (doc, missing, NULL, &error));
  g_assert_nonnull (error);
  assert_contains (error->message, missing);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (mb_report_write (doc, wrong, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, wrong);
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/example-2021", test_report_example_2021);
  ADD ("/report/example-2025", test_report_example_2025);
  ADD ("/report/year-without-round", test_report_year_without_round);
  ADD ("/report/english", test_report_english);
  ADD ("/report/revision-changes", test_report_revision_changes);
  ADD ("/report/earlier-target", test_report_earlier_target);
  ADD ("/report/bad-input", test_report_bad_input);
  ADD ("/report/cancel", test_report_cancel);
  ADD ("/report/html", test_report_html);
  ADD ("/report/write-errors", test_report_write_errors);
#undef ADD

  return g_test_run ();
}
