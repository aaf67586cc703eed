/* test-report-odt.c – the ODT writer: a valid package, real structure,
 * byte-identical twice, templates, and errors that leave nothing behind
 *
 *   test-report-odt [--tap]             the tests
 *   test-report-odt --write-sample OUT [TEMPLATE]
 *                                       writes the sample report, with a
 *                                       template's styles if given (for
 *                                       report-odt-libreoffice.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-utils.h>

#include "mb-report-chart-image.h"
#include "mb-report-write.h"
#include "test-locale-util.h"
#include "test-util.h"

#define NNBSP "\u202f"
/* 2025-06-01T00:00:00Z */
#define EPOCH "1748736000"
#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"

/* The sample: every kind of block, in Swedish. */
static MbReportDoc *
build_sample (void)
{
  MbReportDoc *doc = mb_report_doc_new (MB_REPORT_LANGUAGE_SWEDISH);
  MbReportTable *table;
  MbReportChart *chart;
  MbReportSeries *series;
  GPtrArray *items;
  const char *headers[] = { "Indikator", "Basår", "Senaste värde", "Mål 2030" };
  const gboolean numeric[] = { FALSE, TRUE, TRUE, TRUE };

  doc->region = g_strdup ("Region Jämtland Härjedalen");
  doc->title = g_strdup ("Uppföljning av RUS och S3 2025");
  doc->subtitle = g_strdup ("Regional utvecklingsstrategi 2030");
  doc->registration_number = g_strdup ("RUN/12/2022");
  doc->date = g_strdup ("2 juni 2025");
  doc->unit = g_strdup ("Regional utveckling");
  doc->contact = g_strdup ("Anna Andersson, anna.andersson@example.se");

  mb_report_doc_add_toc (doc);
  mb_report_doc_add_heading (doc, 1, "framework", "Det nya regionala ramverket");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY,
                               "Strategin antogs av regionfullmäktige <2022> & gäller "
                               "till 2030.\n\nDen följs upp varje år.\tMed tabb\n"
                               "och radbrytning.");
  mb_report_doc_add_heading (doc, 2, "goal-1", "Mål 1: Fler i arbete");
  mb_report_doc_add_status (doc, MB_ASSESSMENT_ON_TRACK, "✓ I fas");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY,
                               "Sysselsättningen har ökat  två år i rad.");
  table = mb_report_doc_add_table (doc, "Indikatorer för mål 1", 4, headers, numeric);
  mb_report_table_add_row (table, (const char *[]) {
    "Förvärvsarbetande invånare 20–64 år", "2019", "1" NNBSP "234,5", "1" NNBSP "400" });
  mb_report_table_add_row (table, (const char *[]) {
    "Andel med eftergymnasial utbildning", "2019", "37,5", "45" });
  table->row_headers = TRUE;
  chart = mb_report_doc_add_chart (doc, "Förvärvsarbetande 2019–2024",
                                   "Linjediagram: kvinnor från 610 till 640, män från 600 "
                                   "till 625, mål 700 år 2030.", "antal");
  series = mb_report_chart_add_series (chart, "Kvinnor");
  for (int year = 2019; year <= 2024; year++)
    mb_report_series_add_point (series, year, 610 + 6 * (year - 2019));
  series = mb_report_chart_add_series (chart, "Män");
  for (int year = 2019; year <= 2024; year++)
    mb_report_series_add_point (series, year, 600 + 5 * (year - 2019));
  mb_report_chart_add_target (chart, 2030, 700);
  mb_report_doc_add_heading (doc, 3, "goal-1-1", "Delmål 1.1: Kompetensförsörjning");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_NOTE, "Inga värden ännu.");
  mb_report_doc_add_heading (doc, 2, "goal-2", "Mål 2: Hållbar tillväxt");
  mb_report_doc_add_status (doc, MB_ASSESSMENT_AT_RISK, "! Risk");
  mb_report_doc_add_heading (doc, 1, "done", "Vad är genomfört");
  items = mb_report_doc_add_list (doc);
  g_ptr_array_add (items, g_strdup ("12 workshoppar med 240 deltagare"));
  g_ptr_array_add (items, g_strdup ("38 organisationer: 20 företag, 10 kommuner, 8 ideella"));
  return doc;
}

static char *test_dir = NULL;

static char *
test_path (const char *name)
{
  if (test_dir == NULL)
    test_dir = mb_test_make_dir ();
  return g_build_filename (test_dir, name, NULL);
}

static void
remove_test_dir (void)
{
  if (test_dir == NULL)
    return;
  mb_test_remove_dir (test_dir);
  g_clear_pointer (&test_dir, g_free);
}

static void
write_sample_with (const char *path,
                   const char *template)
{
  g_autoptr(MbReportDoc) doc = build_sample ();
  g_autoptr(GError) error = NULL;

  if (!mb_report_write_odt (doc, path, template, &error))
    g_error ("%s", error->message);
}

static void
write_sample (const char *path)
{
  write_sample_with (path, NULL);
}

/* Every member's path, in the zip's order ("META-INF/manifest.xml"). */
static void
list_members (GsfInfile  *dir,
              const char *prefix,
              GPtrArray  *paths)
{
  for (int i = 0; i < gsf_infile_num_children (dir); i++)
    {
      GsfInput *child = gsf_infile_child_by_index (dir, i);
      g_autofree char *path = g_strconcat (prefix, gsf_input_name (child), NULL);

      if (GSF_IS_INFILE (child) && gsf_infile_num_children (GSF_INFILE (child)) >= 0)
        {
          g_autofree char *folder = g_strconcat (path, "/", NULL);

          list_members (GSF_INFILE (child), folder, paths);
        }
      else
        g_ptr_array_add (paths, g_steal_pointer (&path));
      g_object_unref (child);
    }
}

static GsfInfile *
open_zip (const char *path)
{
  g_autoptr(GError) error = NULL;
  GsfInput *input = gsf_input_stdio_new (path, &error);
  GsfInfile *zip;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);
  g_object_unref (input);
  return zip;
}

static char *
read_member (GsfInfile  *zip,
             const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);
  GsfInput *input = gsf_infile_child_by_aname (zip, (const char **) names);
  gsf_off_t size;
  char *data;

  g_assert_nonnull (input);
  size = gsf_input_size (input);
  data = g_malloc0 (size + 1);
  g_assert_nonnull (gsf_input_read (input, size, (guint8 *) data));
  g_object_unref (input);
  return data;
}

typedef struct
{
  GPtrArray  *manifest_paths;
  GHashTable *elements;       /* element name → count */
} XmlSeen;

static void
seen_start (GMarkupParseContext  *context,
            const char           *name,
            const char          **attribute_names,
            const char          **attribute_values,
            gpointer              user_data,
            GError              **error)
{
  XmlSeen *seen = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen->elements, name));

  g_hash_table_insert (seen->elements, g_strdup (name), GUINT_TO_POINTER (count + 1));
  if (g_str_equal (name, "manifest:file-entry"))
    for (guint i = 0; attribute_names[i] != NULL; i++)
      if (g_str_equal (attribute_names[i], "manifest:full-path"))
        g_ptr_array_add (seen->manifest_paths, g_strdup (attribute_values[i]));
}

static const GMarkupParser seen_parser = { seen_start, NULL, NULL, NULL, NULL };

/* Parses @xml (failing the test if it is not well-formed); counts its
 * elements. */
static void
parse_xml (const char *xml,
           XmlSeen    *seen)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_markup_parse_context_new (&seen_parser, 0, seen, NULL);
  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static guint
count_elements (XmlSeen    *seen,
                const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (seen->elements, name));
}

static void
xml_seen_init (XmlSeen *seen)
{
  seen->manifest_paths = g_ptr_array_new_with_free_func (g_free);
  seen->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
xml_seen_clear (XmlSeen *seen)
{
  g_ptr_array_unref (seen->manifest_paths);
  g_hash_table_unref (seen->elements);
}

static gboolean
has_path (GPtrArray  *paths,
          const char *path)
{
  return g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL);
}

/* mimetype first, stored, with no extra field: its text at byte 38, where
 * file(1) and readers look. */
static void
test_odt_package (void)
{
  g_autofree char *path = test_path ("package.odt");
  g_autofree char *bytes = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *manifest = NULL;
  GsfInfile *zip;
  XmlSeen seen;
  gsize length;

  write_sample (path);
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 38 + strlen (ODT_MIMETYPE));
  g_assert_cmpmem (bytes, 4, "PK\003\004", 4);
  g_assert_cmpint (bytes[8] | bytes[9] << 8, ==, 0);             /* stored */
  g_assert_cmpint (bytes[26] | bytes[27] << 8, ==, 8);           /* name length */
  g_assert_cmpint (bytes[28] | bytes[29] << 8, ==, 0);           /* no extra field */
  g_assert_cmpmem (bytes + 30, 8, "mimetype", 8);
  g_assert_cmpmem (bytes + 38, strlen (ODT_MIMETYPE), ODT_MIMETYPE, strlen (ODT_MIMETYPE));

  zip = open_zip (path);
  list_members (zip, "", members);
  g_assert_cmpuint (members->len, >, 0);
  g_assert_cmpstr (g_ptr_array_index (members, 0), ==, "mimetype");
  for (const char **part = (const char *[]) { "content.xml", "styles.xml", "meta.xml",
                                               "META-INF/manifest.xml", NULL }; *part; part++)
    g_assert_true (has_path (members, *part));

  /* The manifest lists every member but itself and mimetype, and nothing
   * else. */
  xml_seen_init (&seen);
  manifest = read_member (zip, "META-INF/manifest.xml");
  parse_xml (manifest, &seen);
  g_assert_true (has_path (seen.manifest_paths, "/"));
  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);

      if (g_str_equal (member, "mimetype") || g_str_equal (member, "META-INF/manifest.xml"))
        continue;
      if (!has_path (seen.manifest_paths, member))
        g_error ("%s is in the zip but not in the manifest", member);
    }
  for (guint i = 0; i < seen.manifest_paths->len; i++)
    {
      const char *listed = g_ptr_array_index (seen.manifest_paths, i);

      if (!g_str_equal (listed, "/") && !has_path (members, listed))
        g_error ("%s is in the manifest but not in the zip", listed);
    }
  g_assert_true (has_path (members, "Pictures/chart-1.png"));
  xml_seen_clear (&seen);
  g_object_unref (zip);
}

/* The document's structure: what makes LibreOffice and Word see headings,
 * header rows, a table of contents, a figure with its text alternative. */
static void
test_odt_content (void)
{
  g_autofree char *path = test_path ("content.odt");
  g_autofree char *content = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *png = NULL;
  GsfInfile *zip;
  XmlSeen seen;

  write_sample (path);
  zip = open_zip (path);
  content = read_member (zip, "content.xml");
  styles = read_member (zip, "styles.xml");
  meta = read_member (zip, "meta.xml");
  png = read_member (zip, "Pictures/chart-1.png");
  g_object_unref (zip);

  xml_seen_init (&seen);
  parse_xml (content, &seen);
  parse_xml (styles, &seen);
  parse_xml (meta, &seen);
  g_assert_cmpuint (count_elements (&seen, "text:h"), ==, 5);
  g_assert_cmpuint (count_elements (&seen, "text:table-of-content"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "text:table-of-content-source"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "table:table"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "table:table-header-rows"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "table:table-column"), ==, 4);
  g_assert_cmpuint (count_elements (&seen, "draw:frame"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "svg:title"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "svg:desc"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "text:list-item"), ==, 2);
  /* The paragraph's blank line, tab and line break. */
  g_assert_cmpuint (count_elements (&seen, "text:tab"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "text:line-break"), ==, 1);
  g_assert_cmpuint (count_elements (&seen, "text:s"), >=, 1);
  xml_seen_clear (&seen);

  /* Headings with their outline level and named style. */
  g_assert_nonnull (strstr (content, "<text:h text:style-name=\"Heading_20_2\""
                                     " text:outline-level=\"2\"><text:bookmark"
                                     " text:name=\"goal-1\"/>Mål 1: Fler i arbete</text:h>"));
  g_assert_nonnull (strstr (content, "text:outline-level=\"3\"><text:bookmark"
                                     " text:name=\"goal-1-1\"/>Delmål 1.1"));
  /* The contents already filled with the headings, linked. */
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"Contents_20_2\">"
                                     "<text:a xlink:type=\"simple\" xlink:href=\"#goal-1\""));
  g_assert_nonnull (strstr (content, ">Innehåll</text:p></text:index-title>"));
  /* Escaped text; statuses and notes in their named styles. */
  g_assert_nonnull (strstr (content, "&lt;2022&gt; &amp; gäller"));
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"Status_20_On_20_track\">"
                                     "✓ I fas</text:p>"));
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"Status_20_At_20_risk\">"
                                     "! Risk</text:p>"));
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"Report_20_Note\">"
                                     "Inga värden ännu.</text:p>"));
  /* A number right-aligned, as written. */
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"P_Number\">1" NNBSP
                                     "234,5</text:p>"));
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"Caption\">"
                                     "Indikatorer för mål 1</text:p>"));
  g_assert_nonnull (strstr (content, "<svg:desc>Linjediagram: kvinnor"));
  g_assert_nonnull (strstr (content, "xlink:href=\"Pictures/chart-1.png\""));
  /* The title page and its page break, then the contents' page break. */
  g_assert_nonnull (strstr (content, "Region Jämtland Härjedalen</text:p>"));
  g_assert_nonnull (strstr (content, "style:master-page-name=\"First_20_Page\""));
  g_assert_nonnull (strstr (content, "fo:break-after=\"page\""));
  g_assert_nonnull (strstr (content, "<text:h text:style-name=\"Break_Heading_20_1\""));

  /* The named styles a region restyles, and the language. */
  for (const char **style = (const char *[]) {
         "Heading_20_1", "Heading_20_2", "Heading_20_3", "Table_20_Heading",
         "Table_20_Contents", "Figure", "Caption", "Report_20_Note",
         "Status_20_On_20_track", "Status_20_Some_20_progress", "Status_20_At_20_risk",
         "Status_20_Off_20_track", "Status_20_Not_20_assessable", "Contents_20_1", NULL };
       *style; style++)
    {
      g_autofree char *needle = g_strdup_printf ("style:name=\"%s\"", *style);

      if (strstr (styles, needle) == NULL)
        g_error ("styles.xml lacks %s", *style);
    }
  g_assert_nonnull (strstr (styles, "style:default-outline-level=\"1\""));
  g_assert_nonnull (strstr (styles, "fo:language=\"sv\" fo:country=\"SE\""));
  g_assert_nonnull (strstr (meta, "<dc:language>sv-SE</dc:language>"));
  g_assert_nonnull (strstr (meta, "<meta:generator>Målbild</meta:generator>"));
  g_assert_nonnull (strstr (meta, "<dc:title>Uppföljning av RUS och S3 2025</dc:title>"));

  g_assert_cmpmem (png, 4, "\211PNG", 4);
}

/* SOURCE_DATE_EPOCH: the same document gives the same bytes, the zip's
 * times included. */
static void
test_odt_reproducible (void)
{
  g_autofree char *first = test_path ("first.odt");
  g_autofree char *second = test_path ("second.odt");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_length, b_length;
  guint dos_date, dos_time;

  write_sample (first);
  write_sample (second);
  g_assert_true (g_file_get_contents (first, &a, &a_length, NULL));
  g_assert_true (g_file_get_contents (second, &b, &b_length, NULL));
  g_assert_cmpmem (a, a_length, b, b_length);

  /* 2025-06-01 00:00:00 in the first member's header. */
  dos_time = (guint8) a[10] | (guint8) a[11] << 8;
  dos_date = (guint8) a[12] | (guint8) a[13] << 8;
  g_assert_cmpuint (dos_time, ==, 0);
  g_assert_cmpuint (dos_date, ==, ((2025 - 1980) << 9) | (6 << 5) | 1);
}

/* A template of our making: mimetype, a styles.xml with its own Heading 1
 * and an English default style, a logo its header shows. */
static void
make_template (const char *path,
               const char *mimetype,
               const char *styles)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  GsfOutput *member;
  GsfOutfile *pictures;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  member = gsf_outfile_new_child_full (zip, "mimetype", FALSE,
                                       "compression-level", GSF_ZIP_STORED, NULL);
  gsf_output_puts (member, mimetype);
  gsf_output_close (member);
  g_object_unref (member);
  if (styles != NULL)
    {
      member = gsf_outfile_new_child (zip, "styles.xml", FALSE);
      gsf_output_puts (member, styles);
      gsf_output_close (member);
      g_object_unref (member);
    }
  pictures = GSF_OUTFILE (gsf_outfile_new_child (zip, "Pictures", TRUE));
  member = gsf_outfile_new_child (pictures, "logo.png", FALSE);
  gsf_output_puts (member, "\211PNG not really");
  gsf_output_close (member);
  g_object_unref (member);
  gsf_output_close (GSF_OUTPUT (pictures));
  g_object_unref (pictures);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  gsf_output_close (sink);
  g_object_unref (sink);
}

static const char template_styles[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-styles"
  " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
  " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
  " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
  " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
  " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
  " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
  " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
  " office:version=\"1.3\">\n"
  "<!-- a region's look -->\n"
  "<office:font-face-decls>"
  "<style:font-face style:name=\"Region Serif\" svg:font-family=\"'Region Serif'\""
  " style:font-family-generic=\"roman\"><svg:font-face-src><svg:font-face-uri"
  " xlink:href=\"Fonts/region.ttf\"/></svg:font-face-src></style:font-face>"
  "</office:font-face-decls>\n"
  "<office:styles>"
  "<style:default-style style:family=\"paragraph\">"
  "<style:text-properties style:font-name=\"Region Serif\" fo:language=\"en\""
  " fo:country=\"US\"/></style:default-style>"
  "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\""
  " style:family=\"paragraph\" style:default-outline-level=\"1\">"
  "<style:text-properties fo:color=\"#123456\" fo:font-size=\"20pt\"/></style:style>"
  "<style:style style:name=\"Empty\" style:family=\"paragraph\"></style:style>"
  "</office:styles>"
  "<office:master-styles><style:master-page style:name=\"Standard\">"
  "<style:header><text:p><draw:frame><draw:image xlink:href=\"Pictures/logo.png\"/>"
  "</draw:frame>R &amp; D</text:p></style:header></style:master-page></office:master-styles>"
  "</office:document-styles>\n";

static void
test_odt_template (void)
{
  g_autofree char *template = test_path ("region.ott");
  g_autofree char *path = test_path ("with-template.odt");
  g_autoptr(MbReportDoc) doc = build_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *styles = NULL;
  g_autofree char *content = NULL;
  g_autofree char *manifest = NULL;
  GsfInfile *zip;
  XmlSeen seen;

  make_template (template, ODT_MIMETYPE "-template", template_styles);
  g_assert_true (mb_report_write_odt (doc, path, template, &error));
  g_assert_no_error (error);

  zip = open_zip (path);
  list_members (zip, "", members);
  styles = read_member (zip, "styles.xml");
  content = read_member (zip, "content.xml");
  manifest = read_member (zip, "META-INF/manifest.xml");
  g_object_unref (zip);

  xml_seen_init (&seen);
  parse_xml (styles, &seen);
  parse_xml (content, &seen);
  xml_seen_clear (&seen);

  /* The template's own Heading 1 and fonts, kept as they were. */
  g_assert_nonnull (strstr (styles, "<style:style style:name=\"Heading_20_1\""
                                    " style:display-name=\"Heading 1\""
                                    " style:family=\"paragraph\""
                                    " style:default-outline-level=\"1\">"
                                    "<style:text-properties fo:color=\"#123456\""));
  g_assert_nonnull (strstr (styles, "<!-- a region's look -->"));
  g_assert_nonnull (strstr (styles, "R &amp; D"));
  g_assert_nonnull (strstr (styles, "<style:style style:name=\"Empty\""
                                    " style:family=\"paragraph\"/>"));
  g_assert_nonnull (strstr (content, "<style:font-face style:name=\"Region Serif\""));
  g_assert_null (strstr (styles, "Fonts/region.ttf"));
  g_assert_null (strstr (styles, "Liberation Sans"));
  g_assert_nonnull (strstr (styles, "office:version=\"1.3\""));
  g_assert_nonnull (strstr (content, "office:version=\"1.3\""));
  /* Heading 1 once: the template's, not ours added beside it. */
  g_assert_null (strstr (strstr (styles, "style:name=\"Heading_20_1\"") + 1,
                         "style:name=\"Heading_20_1\""));
  /* What it lacks is added; its language is the report's. */
  g_assert_nonnull (strstr (styles, "style:name=\"Status_20_On_20_track\""));
  g_assert_nonnull (strstr (styles, "style:name=\"Heading_20_2\""));
  g_assert_nonnull (strstr (styles, "fo:language=\"sv\" fo:country=\"SE\""));
  g_assert_null (strstr (styles, "fo:country=\"US\""));
  /* No "First Page" master in the template: none asked for. */
  g_assert_null (strstr (content, "First_20_Page"));
  /* Its logo comes along, listed. */
  g_assert_true (has_path (members, "Pictures/logo.png"));
  g_assert_nonnull (strstr (manifest, "manifest:full-path=\"Pictures/logo.png\""));
}

static void
assert_fails_cleanly (const char *template,
                      const char *expected)
{
  g_autofree char *path = test_path ("bad-template.odt");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(MbReportDoc) doc = build_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  /* An earlier report there stays as it was. */
  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_assert_false (mb_report_write_odt (doc, path, template, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (strstr (error->message, template) == NULL)
    g_error ("the error does not name %s: %s", template, error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("the error does not say “%s”: %s", expected, error->message);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "earlier");
  g_unlink (path);

  /* No temporary file left. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".gsf-save-"));
}

static void
test_odt_bad_template (void)
{
  g_autofree char *missing = test_path ("no-such-template.odt");
  g_autofree char *text = test_path ("text.odt");
  g_autofree char *spreadsheet = test_path ("sheet.ods");
  g_autofree char *no_styles = test_path ("no-styles.odt");
  g_autofree char *bad_xml = test_path ("bad-xml.odt");
  g_autofree char *not_styles = test_path ("not-styles.odt");
  g_autofree char *truncated = NULL;

  assert_fails_cleanly (missing, "cannot read the template");

  g_assert_true (g_file_set_contents (text, "Just some text, not a zip.\n", -1, NULL));
  assert_fails_cleanly (text, "not an OpenDocument file");

  make_template (spreadsheet, "application/vnd.oasis.opendocument.spreadsheet",
                 template_styles);
  assert_fails_cleanly (spreadsheet, "not a text document");

  make_template (no_styles, ODT_MIMETYPE, NULL);
  assert_fails_cleanly (no_styles, "has no styles.xml");

  truncated = g_strndup (template_styles, sizeof template_styles / 2);
  make_template (bad_xml, ODT_MIMETYPE, truncated);
  assert_fails_cleanly (bad_xml, "styles.xml cannot be read");

  make_template (not_styles, ODT_MIMETYPE, "<html><body/></html>");
  assert_fails_cleanly (not_styles, "is not OpenDocument styles");
}

static void
test_odt_missing_directory (void)
{
  g_autofree char *dir = test_path ("no-such-directory");
  g_autofree char *path = g_build_filename (dir, "report.odt", NULL);
  g_autoptr(MbReportDoc) doc = build_sample ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mb_report_write_odt (doc, path, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* Text that is not XML's: control characters dropped, invalid UTF-8
 * mended, and the file still parses. */
static void
test_odt_hostile_text (void)
{
  g_autofree char *path = test_path ("hostile.odt");
  g_autoptr(MbReportDoc) doc = mb_report_doc_new (MB_REPORT_LANGUAGE_ENGLISH);
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *styles = NULL;
  GsfInfile *zip;
  XmlSeen seen;

  doc->title = g_strdup ("A \001title\033 with ]]> and \"quotes\"");
  mb_report_doc_add_toc (doc);
  mb_report_doc_add_heading (doc, 1, "a\"b<c", "Heading \x01 \xff\xfe bad");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, "\r\n\r\n  lead\r\nx\ry\x7f");
  mb_report_doc_add_paragraph (doc, MB_REPORT_PARAGRAPH_BODY, "");
  mb_report_doc_add_table (doc, NULL, 1, (const char *[]) { "" }, NULL);
  mb_report_doc_add_chart (doc, NULL, NULL, NULL);
  g_assert_true (mb_report_write_odt (doc, path, NULL, &error));
  g_assert_no_error (error);

  zip = open_zip (path);
  content = read_member (zip, "content.xml");
  styles = read_member (zip, "styles.xml");
  g_object_unref (zip);
  xml_seen_init (&seen);
  parse_xml (content, &seen);
  parse_xml (styles, &seen);
  xml_seen_clear (&seen);
  g_assert_null (strstr (content, "&#x"));
  g_assert_nonnull (strstr (content, "<text:p text:style-name=\"Text_20_body\">"
                                     "<text:s text:c=\"2\"/>lead<text:line-break/>"
                                     "x<text:line-break/>y</text:p>"));
  g_assert_nonnull (strstr (styles, "fo:language=\"en\" fo:country=\"GB\""));
}

/* Every length as ODF writes it, with a decimal point, whatever the
 * locale's numbers are: "17.00cm", never "17,00cm". */
static void
test_odt_swedish_locale (void)
{
  g_autofree char *path = test_path ("swedish-locale.odt");
  g_autofree char *locale_dir = NULL;
  g_autofree char *content = NULL;
  g_autofree char *styles = NULL;
  const char *found;
  GsfInfile *zip;

  found = mb_test_set_swedish_locale (LC_ALL, &locale_dir);
  if (found == NULL)
    {
      g_test_skip ("no Swedish locale is installed or can be compiled");
      return;
    }
  g_test_message ("LC_ALL=%s", found);
  write_sample (path);
  setlocale (LC_ALL, "C.UTF-8");
  mb_test_remove_dir (locale_dir);

  zip = open_zip (path);
  content = read_member (zip, "content.xml");
  styles = read_member (zip, "styles.xml");
  g_object_unref (zip);
  g_assert_false (g_regex_match_simple ("=\"[0-9]+,[0-9]+(cm|pt|%|\\*)\"", content, 0, 0));
  g_assert_false (g_regex_match_simple ("=\"[0-9]+,[0-9]+(cm|pt|%|\\*)\"", styles, 0, 0));
  g_assert_true (g_regex_match_simple ("style:column-width=\"[0-9]+\\.[0-9]+cm\"", content, 0, 0));
}

/* The columns share the table's width; none is narrower than its header's
 * longest word; a table of few short columns is narrower than the page. */
static void
test_odt_column_widths (void)
{
  g_autofree char *path = test_path ("columns.odt");
  g_autoptr(MbReportDoc) doc = mb_report_doc_new (MB_REPORT_LANGUAGE_SWEDISH);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *content = NULL;
  const char *wide[] = { "Indikator", "Källa", "Utgångsläge", "Senaste värde",
                         "Förändring sedan föregående år", "Trend", "Mål", "Måluppfyllelse" };
  const gboolean numeric[] = { FALSE, FALSE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE };
  MbReportTable *table;
  double table1 = 0, sum1 = 0, table2 = 0, sum2 = 0;
  GsfInfile *zip;

  doc->title = g_strdup ("Kolumner");
  table = mb_report_doc_add_table (doc, NULL, 8, wide, numeric);
  mb_report_table_add_row (table, (const char *[]) {
    "Förvärvsarbetande invånare 20–64 år, andel (%)",
    "SCB:s registerbaserade arbetsmarknadsstatistik (RAMS)", "–", "82 (2017)", "+1,2", "↗",
    "–", "–" });
  table = mb_report_doc_add_table (doc, NULL, 2, (const char *[]) { "Område", "Totalt" }, NULL);
  mb_report_table_add_row (table, (const char *[]) { "Jämtlands län", "374" });
  g_assert_true (mb_report_write_odt (doc, path, NULL, &error));
  g_assert_no_error (error);
  zip = open_zip (path);
  content = read_member (zip, "content.xml");
  g_object_unref (zip);

  regex = g_regex_new ("style:name=\"Table([12])(\\.C([0-9]))?\"[^>]*>"
                       "<style:table[a-z-]*properties style:(column-)?width=\"([0-9.]+)cm\"",
                       0, 0, NULL);
  g_regex_match (regex, content, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *which = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 3);
      g_autofree char *number = g_match_info_fetch (match, 5);
      double width = g_ascii_strtod (number, NULL);
      gboolean first = g_str_equal (which, "1");

      if (column[0] == '\0')
        *(first ? &table1 : &table2) = width;
      else
        {
          *(first ? &sum1 : &sum2) += width;
          /* About "Mål" in 9 pt bold, with the padding. */
          g_assert_cmpfloat (width, >=, 0.85);
        }
      g_match_info_next (match, NULL);
    }
  g_assert_cmpfloat (table1, ==, 17.0);
  g_assert_cmpfloat_with_epsilon (sum1, table1, 0.01);
  g_assert_cmpfloat (table2, <, 17.0);
  g_assert_cmpfloat_with_epsilon (sum2, table2, 0.01);
  g_assert_nonnull (strstr (content, "table:align=\"left\""));
}

static void
test_chart_images (void)
{
  g_autoptr(MbReportDoc) doc = build_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  MbReportChart *chart = NULL;
  gsize length;
  const char *data;

  for (guint i = 0; i < doc->blocks->len && chart == NULL; i++)
    chart = ((MbReportBlock *) g_ptr_array_index (doc->blocks, i))->chart;
  g_assert_nonnull (chart);

  png = mb_report_chart_render_png (chart, MB_REPORT_LANGUAGE_SWEDISH, 200, 100, 2, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (png, &length);
  g_assert_cmpmem (data, 4, "\211PNG", 4);
  /* 400 × 400 pixels: the PNG's IHDR. */
  g_assert_cmpuint ((guint8) data[16] << 24 | (guint8) data[17] << 16
                    | (guint8) data[18] << 8 | (guint8) data[19], ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything reads the time. */
  g_setenv ("SOURCE_DATE_EPOCH", EPOCH, TRUE);
  gsf_init ();

  if ((argc == 3 || argc == 4) && g_str_equal (argv[1], "--write-sample"))
    {
      write_sample_with (argv[2], argc == 4 ? argv[3] : NULL);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/odt/package", test_odt_package);
  g_test_add_func ("/report/odt/content", test_odt_content);
  g_test_add_func ("/report/odt/reproducible", test_odt_reproducible);
  g_test_add_func ("/report/odt/template", test_odt_template);
  g_test_add_func ("/report/odt/bad-template", test_odt_bad_template);
  g_test_add_func ("/report/odt/missing-directory", test_odt_missing_directory);
  g_test_add_func ("/report/odt/hostile-text", test_odt_hostile_text);
  g_test_add_func ("/report/odt/swedish-locale", test_odt_swedish_locale);
  g_test_add_func ("/report/odt/column-widths", test_odt_column_widths);
  g_test_add_func ("/report/chart/images", test_chart_images);
  status = g_test_run ();
  remove_test_dir ();
  return status;
}
