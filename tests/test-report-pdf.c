/* test-report-pdf.c – the report as a tagged PDF, read back by poppler; its
 * charts as inline SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "mb-report-chart.h"
#include "mb-report-write.h"
#include "test-util.h"

#define NNBSP "\u202f"
#define N_TABLE_ROWS 80

static const char * const status_texts[MB_ASSESSMENT_N_STATUSES] = {
  "✓ I fas",
  "↗ Viss framgång",
  "! Risk för att målet inte nås",
  "✗ Inte i fas",
  "? Kan inte bedömas",
};

static const char * const lorem =
  "Regionen har under året arbetat vidare med strategins prioriteringar. Arbetet har skett "
  "tillsammans med kommunerna, näringslivet och civilsamhället, och uppföljningen visar både "
  "framsteg och områden där mer behöver göras. Den här texten är lång nog att fylla flera "
  "rader, så att sidbrytningar och radbrytningar prövas på riktigt.";

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = mb_test_make_dir ();
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  /* To look at the pages: MALBILD_TEST_KEEP=1, then pdftoppm -png -r 60. */
  if (g_getenv ("MALBILD_TEST_KEEP") != NULL)
    {
      g_test_message ("kept %s", fx->dir);
      g_free (fx->dir);
      return;
    }
  mb_test_remove_dir (fx->dir);
  g_free (fx->dir);
}

static MbReportChart *
add_chart (MbReportDoc *doc,
           const char  *title,
           double       scale,
           guint        n_series)
{
  MbReportChart *chart = mb_report_doc_add_chart (doc, title,
                                                  "Andelen har ökat sedan 2019 men når inte "
                                                  "målet för 2030.", "procent");

  chart->baseline = 0.15 * scale;
  chart->baseline_year = 2019;
  mb_report_chart_add_target (chart, 2030, 0.45 * scale);
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *label = g_strdup_printf ("Kommun %c, %s", 'A' + s / 2,
                                                s % 2 == 0 ? "kvinnor" : "män");
      MbReportSeries *series = mb_report_chart_add_series (chart, label);

      for (int year = 2019; year <= 2025; year++)
        mb_report_series_add_point (series, year,
                                    scale * (0.12 + 0.03 * (year - 2019) + 0.02 * s +
                                             0.01 * ((year + s) % 3)));
    }
  return chart;
}

/* A document by hand with every kind of block and enough to fill pages. */
static MbReportDoc *
build_document (void)
{
  MbReportDoc *doc = mb_report_doc_new (MB_REPORT_LANGUAGE_SWEDISH);
  static const char * const headers[] = {
    "Kommunnamn", "Befolkning", "Andel (%)", "Kommentar", "Period", "Diarienummer"
  };
  static const gboolean numeric[] = { FALSE, TRUE, TRUE, FALSE, FALSE, FALSE };
  MbReportTable *table;
  GPtrArray *items;

  doc->region = g_strdup ("Region Jämtland Härjedalen");
  doc->title = g_strdup ("Uppföljning av RUS och S3 2025");
  doc->subtitle = g_strdup ("Regional utvecklingsstrategi 2020–2030");
  doc->registration_number = g_strdup ("RUN/12/2022");
  doc->date = g_strdup ("2026-03-15");
  doc->unit = g_strdup ("Avdelningen för regional utveckling");
  doc->contact = g_strdup ("Anna Andersson, anna.andersson@example.se");
  g_free (doc->generated);
  doc->generated = g_strdup ("2026-03-15T08:30:00Z");

  mb_report_doc_add_toc (doc);

  mb_report_doc_add_heading (doc, 1, "intro", "Inledning");
  for (int i = 0; i < 3; i++)
    mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, lorem);
  mb_report_doc_add_heading (doc, 2, "framework", "Det regionala ramverket");
  items = mb_report_doc_add_list (doc);
  g_ptr_array_add (items, g_strdup ("Regional utvecklingsstrategi, RUN/12/2022, antagen 2022-06-14"));
  g_ptr_array_add (items, g_strdup ("Smart specialisering (S3), antagen 2022-06-14"));
  g_ptr_array_add (items, g_strdup ("Regional transportplan 2022–2033, en punkt som är så lång att "
                                    "den bryts över två rader i listan"));

  mb_report_doc_add_heading (doc, 1, "goal-1", "Mål 1: Hållbar tillväxt");
  mb_report_doc_add_heading (doc, 2, "goal-1-status", "Bedömning");
  for (guint s = 0; s < MB_ASSESSMENT_N_STATUSES; s++)
    mb_report_doc_add_status (doc, s, status_texts[s]);
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_NOTE, "Inga värden ännu för 2025.");
  mb_report_doc_add_heading (doc, 3, "goal-1-chart", "Andel med eftergymnasial utbildning");
  add_chart (doc, "Eftergymnasial utbildning, andel", 1, 4);
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, lorem);

  mb_report_doc_add_heading (doc, 2, "goal-1-table", "Befolkning per kommun");
  table = mb_report_doc_add_table (doc, "Befolkning och andel per kommun 2025",
                                   G_N_ELEMENTS (headers), headers, numeric);
  table->row_headers = TRUE;
  for (guint r = 0; r < N_TABLE_ROWS; r++)
    {
      g_autofree char *name = g_strdup_printf ("Ort %02u", r + 1);
      g_autofree char *population = r == 0 ? g_strdup ("1" NNBSP "234,5")
                                           : g_strdup_printf ("%u" NNBSP "%03u", 10 + r, r * 7);
      g_autofree char *share = g_strdup_printf ("%u,%u", 20 + r % 50, r % 10);
      const char *comment = r % 9 == 0 ? "Ny mätmetod från 2024, jämför med försiktighet" : "";
      const char *cells[] = { name, population, share, comment, "2021–2050", "RUN/430/2018" };

      mb_report_table_add_row (table, cells);
    }

  mb_report_doc_add_heading (doc, 1, "goal-2", "Mål 2: Attraktiva livsmiljöer");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, lorem);
  mb_report_doc_add_heading (doc, 2, "goal-2-chart", "Nöjd region-index");
  add_chart (doc, "Nöjd region-index", 100, 2);
  for (int i = 0; i < 4; i++)
    mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, lorem);
  /* One long paragraph, to run over a page. */
  mb_report_doc_add_heading (doc, 2, "goal-2-done", "Vad är genomfört");
  {
    g_autoptr(GString) long_text = g_string_new ("Långt stycke. ");

    for (int i = 0; i < 6; i++)
      g_string_append_printf (long_text, "%s ", lorem);
    g_string_append (long_text, "Slut på det långa stycket.");
    mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, long_text->str);
  }

  mb_report_doc_add_heading (doc, 1, "annex", "Bilaga: Indikatorer och källor");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY,
                               "Värdena kommer från Kolada (N01951, N00914) och ERDF (RCR 29).");
  return doc;
}

/* Running poppler */

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo) is not installed");
      return FALSE;
    }
  return TRUE;
}

/* Runs a poppler tool; its output, with nothing on stderr (poppler's
 * complaints about a broken file go there). */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  return out;
}

static char *
write_document (Fixture     *fx,
                MbReportDoc *doc,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_true (mb_report_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The pages' text, as poppler reads it (-layout keeps a contents line on
 * one line). */
static char **
read_pages (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run (argv);

  return g_strsplit (text, "\f", -1);
}

/* Named destination → page, from pdfinfo -dests. */
static GHashTable *
read_destinations (const char *path)
{
  const char *argv[] = { "pdfinfo", "-dests", path, NULL };
  g_autofree char *text = run (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GHashTable *dests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GRegex) regex = g_regex_new ("^\\s*(\\d+)\\s+\\[.*\\]\\s+\"(.*)\"$", 0, 0, NULL);

      if (g_regex_match (regex, lines[i], 0, &match))
        {
          g_autofree char *page = g_match_info_fetch (match, 1);

          g_hash_table_insert (dests, g_match_info_fetch (match, 2),
                               GINT_TO_POINTER (atoi (page)));
        }
    }
  return dests;
}

static int
find_page (char       **pages,
           const char  *text,
           int          from)
{
  for (int i = from; pages[i] != NULL; i++)
    if (strstr (pages[i], text) != NULL)
      return i + 1;
  return 0;
}

/* Occurrences of @needle in the file's bytes, which hold compressed
 * streams: no search that stops at a NUL. */
static guint
count_bytes (const char *data,
             gsize       length,
             const char *needle)
{
  gsize n = strlen (needle);
  guint found = 0;

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      found++;
  return found;
}

/* Tests */

static void
test_pdf_text (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build_document ();
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GHashTable) dests = NULL;
  guint n_pages;

  if (!have_poppler ())
    return;

  path = write_document (fx, doc, "report.pdf");
  pages = read_pages (path);
  n_pages = g_strv_length (pages) - 1;   /* a form feed ends the last page too */
  g_test_message ("%u pages", n_pages);
  g_assert_cmpuint (n_pages, >=, 4);

  /* The title page. */
  g_assert_nonnull (strstr (pages[0], "Region Jämtland Härjedalen"));
  g_assert_nonnull (strstr (pages[0], "Uppföljning av RUS och S3"));
  g_assert_nonnull (strstr (pages[0], "RUN/12/2022"));
  g_assert_nonnull (strstr (pages[0], "anna.andersson@example.se"));

  /* Every heading is on the page its destination and the contents say. */
  headings = mb_report_doc_list_headings (doc);
  dests = read_destinations (path);
  for (guint i = 0; i < headings->len; i++)
    {
      MbReportBlock *heading = headings->pdata[i];
      int page = GPOINTER_TO_INT (g_hash_table_lookup (dests, heading->anchor));
      g_autofree char *escaped = g_regex_escape_string (heading->text, -1);
      g_autofree char *pattern = g_strdup_printf ("(?m)^\\s*%s[ .]+%d\\s*$", escaped, page);
      g_autoptr(GRegex) toc_line = g_regex_new (pattern, 0, 0, NULL);

      g_test_message ("%s: page %d", heading->text, page);
      g_assert_cmpint (page, >, 2);
      g_assert_nonnull (strstr (pages[page - 1], heading->text));
      g_assert_true (g_regex_match (toc_line, pages[1], 0, NULL));
    }
  g_assert_nonnull (strstr (pages[1], "Innehåll"));

  /* Page headers and footers. */
  for (guint i = 1; i < n_pages; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Sida %u av %u", i + 1, n_pages);

      g_assert_nonnull (strstr (pages[i], footer));
      g_assert_nonnull (strstr (pages[i], "Uppföljning av RUS och S3 2025"));
    }
  g_assert_null (strstr (pages[0], "Sida 1"));

  /* Numbers as the document wrote them (the font draws the narrow no-break
   * space with its space's glyph, which poppler reads as a space), every
   * status word, the note. */
  g_assert_true (find_page (pages, "1" NNBSP "234,5", 0) > 0 ||
                 find_page (pages, "1 234,5", 0) > 0);
  for (guint s = 0; s < MB_ASSESSMENT_N_STATUSES; s++)
    g_assert_cmpint (find_page (pages, status_texts[s], 0), >, 0);
  g_assert_cmpint (find_page (pages, "Inga värden ännu för 2025.", 0), >, 0);
  g_assert_cmpint (find_page (pages, "Smart specialisering (S3)", 0), >, 0);

  /* The charts: Swedish figures on the axis, labelled reference lines, the
   * captions and legends. */
  g_assert_cmpint (find_page (pages, "Utgångsvärde 2019: 0,15", 0), >, 0);
  g_assert_cmpint (find_page (pages, "Mål 2030: 0,45", 0), >, 0);
  g_assert_cmpint (find_page (pages, "Mål 2030: 45", 0), >, 0);
  g_assert_cmpint (find_page (pages, "0,3", 0), >, 0);
  g_assert_cmpint (find_page (pages, "Eftergymnasial utbildning, andel", 0), >, 0);
  g_assert_cmpint (find_page (pages, "Kommun B, män", 0), >, 0);
}

/* The long table starts a page with its header row wherever it runs on. */
static void
test_pdf_table_header_repeats (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build_document ();
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  guint spanned = 0;

  if (!have_poppler ())
    return;

  path = write_document (fx, doc, "table.pdf");
  pages = read_pages (path);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autoptr(GRegex) row = g_regex_new ("Ort \\d\\d", 0, 0, NULL);

      if (!g_regex_match (row, pages[i], 0, NULL))
        continue;
      spanned++;
      g_assert_nonnull (strstr (pages[i], "Kommunnamn"));
      g_assert_nonnull (strstr (pages[i], "Befolkning"));
      g_assert_nonnull (strstr (pages[i], "Diarienummer"));
    }
  g_assert_cmpuint (spanned, >=, 2);
  /* Short words whole: never broken at their dash or slash. */
  {
    g_autofree char *text = g_strjoinv ("", pages);
    g_autoptr(GRegex) period = g_regex_new ("Ort \\d\\d .*2021–2050 +RUN/430/2018", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint whole = 0;

    for (g_regex_match (period, text, 0, &match); g_match_info_matches (match);
         g_match_info_next (match, NULL))
      whole++;
    g_assert_cmpuint (whole, ==, N_TABLE_ROWS);
  }
  /* Every row, each whole on one page. */
  for (guint r = 1; r <= N_TABLE_ROWS; r++)
    {
      g_autofree char *name = g_strdup_printf ("Ort %02u", r);

      g_assert_cmpint (find_page (pages, name, 0), >, 0);
    }
}

/* Tagged, A4, titled, in Swedish, with its structure and the figures'
 * text alternatives. */
static void
test_pdf_tagged (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build_document ();
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *structure = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const char *info_argv[] = { "pdfinfo", NULL, NULL };
  const char *struct_argv[] = { "pdfinfo", "-struct", NULL, NULL };
  static const char * const elements[] = {
    "Document", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "Caption", "Figure", "TOC", "TOCI", "Link",
  };

  if (!have_poppler ())
    return;

  path = write_document (fx, doc, "tagged.pdf");
  info_argv[1] = path;
  info = run (info_argv);
  g_test_message ("%s", info);
  g_assert_nonnull (strstr (info, "Tagged:          yes"));
  g_assert_nonnull (strstr (info, "Page size:       595.28 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (info, "Title:           Uppföljning av RUS och S3 2025"));
  g_assert_nonnull (strstr (info, "Author:          Region Jämtland Härjedalen"));
  g_assert_nonnull (strstr (info, "Creator:         Målbild"));
  /* The document's time, not the clock's. */
  g_assert_nonnull (strstr (info, "2026"));
  g_assert_nonnull (strstr (info, " 08:30:00 "));

  struct_argv[2] = path;
  structure = run (struct_argv);
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("(?m)^\\s*%s( |$)", elements[i]);

      if (!g_regex_match_simple (pattern, structure, 0, 0))
        g_error ("no %s element in the structure:\n%s", elements[i], structure);
    }

  /* What cairo cannot write, added after it: the catalog's language and
   * the figures' alternatives (UTF-16BE hex strings). */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (count_bytes (contents, length, "/Lang <FEFF00730076002D00530045>"), ==,
                    1);   /* sv-SE */
  g_assert_cmpuint (count_bytes (contents, length, "/DisplayDocTitle true"), ==, 1);
  {
    g_autofree gunichar2 *utf16 = g_utf8_to_utf16 ("Andelen har ökat", -1, NULL, NULL, NULL);
    g_autoptr(GString) hex = g_string_new ("/Alt <FEFF");

    for (guint i = 0; utf16[i] != 0; i++)
      g_string_append_printf (hex, "%04X", utf16[i]);
    g_assert_cmpuint (count_bytes (contents, length, hex->str), ==, 2);
  }
}

/* Equal documents give equal files. */
static void
test_pdf_reproducible (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build_document ();
  g_autofree char *one = write_document (fx, doc, "one.pdf");
  g_autofree char *two = write_document (fx, doc, "two.pdf");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length, b_length;

  g_assert_true (g_file_get_contents (one, &a, &a_length, NULL));
  g_assert_true (g_file_get_contents (two, &b, &b_length, NULL));
  g_assert_cmpmem (a, a_length, b, b_length);
}

/* A file in a folder that is not there: an error that names it, and
 * nothing left behind. */
static void
test_pdf_missing_folder (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = build_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fx->dir, "missing", NULL);
  g_autofree char *path = g_build_filename (missing, "report.pdf", NULL);
  g_autoptr(GDir) dir = NULL;

  g_assert_false (mb_report_write_pdf (doc, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fx->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

/* A document with only a title, and one in English. */
static void
test_pdf_small (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(MbReportDoc) doc = mb_report_doc_new (MB_REPORT_LANGUAGE_ENGLISH);
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  MbReportChart *chart;

  if (!have_poppler ())
    return;

  doc->title = g_strdup ("Follow-up 2025");
  path = write_document (fx, doc, "title.pdf");
  pages = read_pages (path);
  g_assert_cmpuint (g_strv_length (pages) - 1, ==, 1);
  g_assert_nonnull (strstr (pages[0], "Follow-up 2025"));
  g_strfreev (g_steal_pointer (&pages));

  mb_report_doc_add_heading (doc, 1, NULL, "Results");
  chart = mb_report_doc_add_chart (doc, "Residents", "Residents by year.", NULL);
  mb_report_series_add_point (mb_report_chart_add_series (chart, "Östersund"), 2024, 1234.5);
  mb_report_chart_add_target (chart, 2030, 2500);
  mb_report_doc_add_chart (doc, "Nothing yet", "No values.", NULL);
  path = (g_free (path), write_document (fx, doc, "english.pdf"));
  pages = read_pages (path);
  g_assert_cmpuint (g_strv_length (pages) - 1, ==, 2);
  g_assert_nonnull (strstr (pages[1], "Page 2 of 2"));
  g_assert_nonnull (strstr (pages[1], "Target 2030: 2,500"));
  g_assert_nonnull (strstr (pages[1], "No values to show"));
}

/* The charts' SVG */

typedef struct
{
  GString *path;      /* the open elements, "/svg/title" */
  GString *title;
  GString *desc;
  guint    n_elements;
  char    *first_child;
} SvgReading;

static void
svg_start (GMarkupParseContext  *context,
           const char           *name,
           const char          **attribute_names,
           const char          **attribute_values,
           gpointer              user_data,
           GError              **error)
{
  SvgReading *reading = user_data;

  if (reading->n_elements++ == 1)
    reading->first_child = g_strdup (name);
  g_string_append_printf (reading->path, "/%s", name);
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *name,
         gpointer              user_data,
         GError              **error)
{
  SvgReading *reading = user_data;
  const char *slash = strrchr (reading->path->str, '/');

  g_string_truncate (reading->path, slash - reading->path->str);
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgReading *reading = user_data;

  if (g_str_equal (reading->path->str, "/svg/title"))
    g_string_append_len (reading->title, text, length);
  else if (g_str_equal (reading->path->str, "/svg/desc"))
    g_string_append_len (reading->desc, text, length);
}

static void
test_chart_svg (void)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr(MbReportDoc) doc = mb_report_doc_new (MB_REPORT_LANGUAGE_SWEDISH);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *other = NULL;
  SvgReading reading = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL), 0, NULL };
  MbReportChart *chart;

  chart = add_chart (doc, "Andel < 5 år & \"äldre\"", 1, 3);
  g_free (chart->description);
  chart->description = g_strdup ("Stiger från 0,15 <2019> till 0,3 & mer");
  svg = mb_report_chart_to_svg (chart, doc->language, 470, 240, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (svg);
  g_assert_true (g_str_has_prefix (svg, "<svg"));
  g_assert_null (strstr (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "&lt;"));

  context = g_markup_parse_context_new (&parser, 0, &reading, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (reading.first_child, ==, "title");
  g_assert_cmpstr (reading.title->str, ==, "Andel < 5 år & \"äldre\"");
  g_assert_cmpstr (reading.desc->str, ==, "Stiger från 0,15 <2019> till 0,3 & mer");

  /* Two charts in one page do not share ids. */
  other = mb_report_chart_to_svg (add_chart (doc, "Annat", 100, 1), doc->language, 470, 240, NULL,
                                  &error);
  g_assert_no_error (error);
  {
    const char *id = strstr (svg, " id=\"");
    const char *other_id = strstr (other, " id=\"");
    g_autofree char *first = NULL;

    g_assert_nonnull (id);
    g_assert_nonnull (other_id);
    first = g_strndup (id, strchr (id + 5, '"') - id);
    g_assert_true (g_str_has_prefix (first, " id=\"chart-"));
    g_assert_null (strstr (other, first));
  }

  g_string_free (reading.path, TRUE);
  g_string_free (reading.title, TRUE);
  g_string_free (reading.desc, TRUE);
  g_free (reading.first_child);
}

/* The scales the app's chart shares. */
static void
test_chart_scales (void)
{
  MbReportChartRange range;

  g_assert_cmpfloat (mb_report_nice_step (100, 4), ==, 50);
  g_assert_cmpfloat (mb_report_nice_step (7, 4), ==, 2);
  g_assert_cmpfloat_with_epsilon (mb_report_nice_step (0.33, 4), 0.1, 1e-12);
  g_assert_cmpfloat (mb_report_nice_step (0, 4), ==, 1);

  mb_report_chart_range_init (&range);
  mb_report_chart_range_add (&range, 2019, 12);
  mb_report_chart_range_add (&range, NAN, 3);
  mb_report_chart_range_add (&range, 2030, 31);
  mb_report_chart_range_finish (&range);
  g_assert_cmpfloat_with_epsilon (range.t_min, 2018.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (range.t_max, 2030.3, 1e-9);
  g_assert_cmpfloat (range.v_min, ==, 0);
  g_assert_cmpfloat (range.v_max, ==, 40);

  g_assert_cmpfloat (range.v_step, ==, 10);

  /* The step the ends were rounded to, not a coarser one worked out again
   * from the rounded span (3.3–5.2: 0.5, so 3–5.5, not 1). */
  mb_report_chart_range_init (&range);
  mb_report_chart_range_add (&range, 2020, 5.2);
  mb_report_chart_range_add (&range, 2024, 3.3);
  mb_report_chart_range_finish (&range);
  g_assert_cmpfloat (range.v_min, ==, 3);
  g_assert_cmpfloat (range.v_max, ==, 5.5);
  g_assert_cmpfloat (range.v_step, ==, 0.5);

  /* One value: room around it. */
  mb_report_chart_range_init (&range);
  mb_report_chart_range_add (&range, 2024, 50);
  mb_report_chart_range_finish (&range);
  g_assert_cmpfloat (range.v_min, ==, 45);
  g_assert_cmpfloat (range.v_max, ==, 55);
  g_assert_cmpfloat_with_epsilon (range.t_max - range.t_min, 1.6, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/pdf/text", Fixture, NULL, fixture_set_up, test_pdf_text,
              fixture_tear_down);
  g_test_add ("/report/pdf/table-header-repeats", Fixture, NULL, fixture_set_up,
              test_pdf_table_header_repeats, fixture_tear_down);
  g_test_add ("/report/pdf/tagged", Fixture, NULL, fixture_set_up, test_pdf_tagged,
              fixture_tear_down);
  g_test_add ("/report/pdf/reproducible", Fixture, NULL, fixture_set_up, test_pdf_reproducible,
              fixture_tear_down);
  g_test_add ("/report/pdf/missing-folder", Fixture, NULL, fixture_set_up,
              test_pdf_missing_folder, fixture_tear_down);
  g_test_add ("/report/pdf/small", Fixture, NULL, fixture_set_up, test_pdf_small,
              fixture_tear_down);
  g_test_add_func ("/report/chart/svg", test_chart_svg);
  g_test_add_func ("/report/chart/scales", test_chart_scales);

  return g_test_run ();
}
