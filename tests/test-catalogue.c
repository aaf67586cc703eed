/* test-catalogue.c – the CSV reader and the shipped catalogues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "mb-catalogue.h"
#include "mb-csv.h"

/* Reads every record of @text; the fields of a record are joined by "|"
 * and records by "\n", the line each record started on in @lines. */
static char *
read_all (const char  *text,
          gsize        length,
          GString     *lines,
          GError     **error)
{
  g_autoptr(MbCsvReader) reader = mb_csv_reader_new (text, length);
  g_autoptr(GString) out = g_string_new (NULL);
  char **record;

  while ((record = mb_csv_reader_read_record (reader, error)) != NULL)
    {
      g_autofree char *joined = g_strjoinv ("|", record);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, joined);
      if (lines != NULL)
        g_string_append_printf (lines, "%u ", mb_csv_reader_get_line (reader));
      g_strfreev (record);
    }

  if (error != NULL && *error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_quoting (void)
{
  const char text[] =
    "\xEF\xBB\xBF" "id,title,note\r\n"
    "1,\"Invånare, totalt\",plain\r\n"
    "2,\"He said \"\"hej\"\"\",\"\"\r\n"
    "3,\"two\r\nlines\",\"a\nb\"\r\n"
    "\r\n"
    "4,,\n"
    "5,Åre,trailing\r"
    "6,\"\"\"\",last";
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = read_all (text, sizeof text - 1, lines, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (all, ==,
                   "id|title|note\n"
                   "1|Invånare, totalt|plain\n"
                   "2|He said \"hej\"|\n"
                   "3|two\r\nlines|a\nb\n"
                   "4||\n"
                   "5|Åre|trailing\n"
                   "6|\"|last");
  /* Record 3 spans lines 4–6, the blank line 7 is skipped, a lone CR ends
   * a line too. */
  g_assert_cmpstr (lines->str, ==, "1 2 3 4 8 9 10 ");
}

static void
test_csv_edges (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = read_all ("", 0, NULL, &error);
  g_autofree char *bom_only = NULL;
  g_autofree char *trailing_comma = NULL;
  g_autofree char *one = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");

  bom_only = read_all ("\xEF\xBB\xBF", 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bom_only, ==, "");

  /* A comma before the end of input ends an empty last field. */
  trailing_comma = read_all ("a,", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trailing_comma, ==, "a|");

  /* Length is honoured: the text after it is not read. */
  one = read_all ("x,y\nz", 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one, ==, "x|y");
}

typedef struct
{
  const char *text;
  gsize       length;  /* 0: strlen */
  int         code;
  const char *message;
} BadCsv;

static void
test_csv_errors (void)
{
  const BadCsv cases[] = {
    { "a,b\n\"open,c\n\nd", 0, MB_CSV_ERROR_UNTERMINATED_QUOTE,
      "Line 2: quoted field is not closed" },
    { "a,b\nc,d\"e\n", 0, MB_CSV_ERROR_STRAY_QUOTE, "Line 2: quote inside an unquoted field" },
    { "a\n\"x\"y,z\n", 0, MB_CSV_ERROR_STRAY_QUOTE,
      "Line 2: text after the closing quote of a field" },
    { "a\nb\n\xC3\x28\n", 0, MB_CSV_ERROR_INVALID_UTF8, "Line 3: invalid UTF-8" },
    { "a\r\n\xEF\xBB\n", 0, MB_CSV_ERROR_INVALID_UTF8, "Line 2: invalid UTF-8" },
    { "a,b\nc\0d\n", 8, MB_CSV_ERROR_NUL, "Line 2: NUL byte in text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      g_autoptr(MbCsvReader) reader = mb_csv_reader_new (cases[i].text, length);
      g_autoptr(GError) error = NULL;
      char **record;

      while ((record = mb_csv_reader_read_record (reader, &error)) != NULL)
        g_strfreev (record);

      g_assert_error (error, MB_CSV_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);

      /* After an error the reader stays at its end. */
      g_clear_error (&error);
      g_assert_null (mb_csv_reader_read_record (reader, &error));
      g_assert_no_error (error);
    }
}

static char *
source_data_dir (void)
{
  const char *root = g_getenv ("MALBILD_SOURCE_ROOT");

  return root ? g_build_filename (root, "data", NULL) : g_strdup (MB_SOURCE_DATADIR);
}

static MbCatalogue *
load_shipped (void)
{
  g_autofree char *data_dir = source_data_dir ();
  g_autoptr(GError) error = NULL;
  MbCatalogue *catalogue;

  g_setenv ("MALBILD_DATADIR", data_dir, TRUE);
  catalogue = mb_catalogue_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (catalogue);

  return catalogue;
}

/* The data rows of a shipped file, counted independently of the CSV
 * reader: none of the shipped files has a line break inside a field. */
static guint
count_data_lines (const char *file_name)
{
  g_autofree char *data_dir = source_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "catalogues", file_name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) != '\0')
        n++;
    }

  return n;
}

static guint
count_field (MbCatalogue     *catalogue,
             MbCatalogueKind  kind,
             const char      *column,
             const char      *value)
{
  GListModel *entries = mb_catalogue_get_entries (catalogue, kind);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(MbCatalogueEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (mb_catalogue_entry_get_field (entry, column), value) == 0)
        n++;
    }

  return n;
}

static void
test_shipped_counts (void)
{
  g_autoptr(MbCatalogue) catalogue = load_shipped ();
  guint n_kolada = g_list_model_get_n_items (
    mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_KOLADA));
  guint n_erdf = g_list_model_get_n_items (
    mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_ERDF));
  guint n_sdg = g_list_model_get_n_items (
    mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_SDG));
  guint n_territory = g_list_model_get_n_items (
    mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_TERRITORY));

  /* SOURCES.md: 94 KPIs of which N00914 is retired; 96 RCO + 65 RCR;
   * 17 goals; 2 regions with 8 + 15 municipalities. */
  g_assert_cmpuint (count_data_lines ("kolada_kpis.csv"), ==, 94);
  g_assert_cmpuint (n_kolada, ==, 94 - 1);
  g_assert_cmpuint (n_erdf, ==, count_data_lines ("erdf_common_indicators.csv"));
  g_assert_cmpuint (n_erdf, ==, 96 + 65);
  g_assert_cmpuint (count_field (catalogue, MB_CATALOGUE_KIND_ERDF, "indicator_type", "output"),
                    ==, 96);
  g_assert_cmpuint (count_field (catalogue, MB_CATALOGUE_KIND_ERDF, "indicator_type", "result"),
                    ==, 65);
  g_assert_cmpuint (n_sdg, ==, count_data_lines ("sdg_sv.csv"));
  g_assert_cmpuint (n_sdg, ==, 17);
  g_assert_cmpuint (n_territory, ==, count_data_lines ("municipalities.csv"));
  g_assert_cmpuint (count_field (catalogue, MB_CATALOGUE_KIND_TERRITORY, "county_code", "23"),
                    ==, 1 + 8);
  g_assert_cmpuint (count_field (catalogue, MB_CATALOGUE_KIND_TERRITORY, "county_code", "24"),
                    ==, 1 + 15);
  g_assert_cmpuint (count_field (catalogue, MB_CATALOGUE_KIND_TERRITORY, "kolada_type", "L"),
                    ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (
    mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_DIMENSION)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (
    mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_PERSPECTIVE)), ==,
    count_data_lines ("perspectives.csv"));

  /* The one quoted quote of the SDG file and the Kolada file survive. */
  for (guint i = 0; i < n_kolada; i++)
    {
      g_autoptr(MbCatalogueEntry) entry =
        g_list_model_get_item (mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_KOLADA), i);

      g_assert_true (g_str_has_prefix (mb_catalogue_entry_get_id (entry), "N")
                     || g_str_has_prefix (mb_catalogue_entry_get_id (entry), "U"));
      g_assert_nonnull (mb_catalogue_entry_get_title (entry));
      g_assert_false (mb_catalogue_entry_is_retired (entry));
    }
}

static void
test_shipped_lookup (void)
{
  g_autoptr(MbCatalogue) catalogue = load_shipped ();
  MbCatalogueEntry *entry;

  entry = mb_catalogue_lookup (catalogue, "kolada:N01951");
  g_assert_nonnull (entry);
  g_assert_cmpint (mb_catalogue_entry_get_kind (entry), ==, MB_CATALOGUE_KIND_KOLADA);
  g_assert_cmpstr (mb_catalogue_entry_get_id (entry), ==, "N01951");
  g_assert_cmpstr (mb_catalogue_entry_get_reference (entry), ==, "kolada:N01951");
  g_assert_cmpstr (mb_catalogue_entry_get_title (entry), ==, "Invånare totalt, antal");
  g_assert_true (g_str_has_prefix (mb_catalogue_entry_get_description (entry), "Antal invånare"));
  g_assert_cmpstr (mb_catalogue_entry_get_field (entry, "is_divided_by_gender"), ==, "1");
  g_assert_cmpstr (mb_catalogue_entry_get_field (entry, "theme"), ==, "befolkning");
  g_assert_null (mb_catalogue_entry_get_field (entry, "no-such-column"));
  g_assert_true (mb_catalogue_lookup (catalogue, "Kolada:n01951") == entry);
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "kolada:N01951"), ==,
                   MB_REFERENCE_CURRENT);

  /* ERDF codes with and without their space. */
  entry = mb_catalogue_lookup (catalogue, "erdf:RCO 01");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_id (entry), ==, "RCO 01");
  g_assert_cmpstr (mb_catalogue_entry_get_title_en (entry), ==,
                   "Enterprises supported (of which: micro, small, medium, large)");
  g_assert_cmpstr (mb_catalogue_entry_get_unit (entry), ==, "enterprises");
  g_assert_true (mb_catalogue_lookup (catalogue, "erdf:RCO01") == entry);
  g_assert_true (mb_catalogue_lookup (catalogue, "erdf:rco 01") == entry);
  entry = mb_catalogue_lookup (catalogue, "erdf:RCR 29");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_field (entry, "indicator_type"), ==, "result");

  /* SDGs in Swedish and English; the statement contains a comma. */
  entry = mb_catalogue_lookup (catalogue, "sdg:7");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_title (entry), ==, "Hållbar energi för alla");
  g_assert_cmpstr (mb_catalogue_entry_get_title_en (entry), ==, "Affordable and clean energy");
  entry = mb_catalogue_lookup (catalogue, "sdg:2");
  g_assert_cmpstr (mb_catalogue_entry_get_description (entry), ==,
                   "Avskaffa hunger, uppnå tryggad livsmedelsförsörjning och förbättrad "
                   "nutrition samt främja ett hållbart jordbruk");
  g_assert_null (mb_catalogue_lookup (catalogue, "sdg:18"));
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "sdg:18"), ==,
                   MB_REFERENCE_UNKNOWN);

  /* Territories by bare code, as node_territories and measurements hold them. */
  entry = mb_catalogue_lookup (catalogue, "2380");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_title (entry), ==, "Östersund");
  g_assert_true (mb_catalogue_lookup (catalogue, "territory:2380") == entry);
  entry = mb_catalogue_lookup (catalogue, "0023");
  g_assert_cmpstr (mb_catalogue_entry_get_title (entry), ==, "Region Jämtland Härjedalen");
  g_assert_cmpstr (mb_catalogue_entry_get_field (entry, "erdf_programme_2021_2027"), ==,
                   "Mellersta Norrland");
  g_assert_null (mb_catalogue_lookup (catalogue, "0180"));

  /* The tag vocabulary of sustainability dimensions and perspectives. */
  entry = mb_catalogue_lookup (catalogue, "dimension:environmental");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_title (entry), ==, "Miljömässig hållbarhet");
  g_assert_cmpstr (mb_catalogue_entry_get_title_en (entry), ==, "Environmental sustainability");
  entry = mb_catalogue_lookup (catalogue, "perspective:sami");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_id (entry), ==, "sami");
  g_assert_cmpstr (mb_catalogue_entry_get_reference (entry), ==, "perspective:sami");
  g_assert_null (mb_catalogue_lookup (catalogue, "dimension:cultural"));

  /* Not in the shipped subset, no catalogue, or not a reference. */
  g_assert_null (mb_catalogue_lookup (catalogue, "kolada:N99999"));
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "kolada:N99999"), ==,
                   MB_REFERENCE_UNKNOWN);
  g_assert_null (mb_catalogue_lookup (catalogue, "scb:BE0101N1"));
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "scb:BE0101N1"), ==,
                   MB_REFERENCE_EXTERNAL);
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "N01951"), ==,
                   MB_REFERENCE_INVALID);
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "kolada:"), ==,
                   MB_REFERENCE_INVALID);
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "kolada:  "), ==,
                   MB_REFERENCE_INVALID);
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, ":N01951"), ==,
                   MB_REFERENCE_INVALID);
  g_assert_null (mb_catalogue_lookup (catalogue, ""));
}

static void
test_shipped_retired (void)
{
  g_autoptr(MbCatalogue) catalogue = load_shipped ();
  MbCatalogueEntry *retired;
  MbCatalogueEntry *successor;
  g_autoptr(GListModel) found = NULL;

  /* N00914 is in kolada_kpis.csv (from the 2024 dump) and on the retired
   * list: it no longer resolves, but what is known of it is kept. */
  g_assert_null (mb_catalogue_lookup (catalogue, "kolada:N00914"));
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "kolada:N00914"), ==,
                   MB_REFERENCE_RETIRED);
  retired = mb_catalogue_lookup_retired (catalogue, "kolada:N00914");
  g_assert_nonnull (retired);
  g_assert_true (mb_catalogue_entry_is_retired (retired));
  g_assert_cmpstr (mb_catalogue_entry_get_title (retired), ==,
                   "Förvärvsarbetande invånare 20-64 år, andel (%)");
  g_assert_cmpstr (mb_catalogue_entry_get_field (retired, "source_snapshot"), ==,
                   "2024-03-21 (not in 2026 snapshot)");
  g_assert_cmpstr (mb_catalogue_entry_get_field (retired, "last_seen"), ==, "2024-03-21");
  g_assert_cmpstr (mb_catalogue_entry_get_successor (retired), ==, "kolada:N02267");

  successor = mb_catalogue_lookup (catalogue, mb_catalogue_entry_get_successor (retired));
  g_assert_nonnull (successor);
  g_assert_cmpstr (mb_catalogue_entry_get_title (successor), ==,
                   "Sysselsättningsgrad 20-64 år, andel (%)");

  /* Retired without a successor and without a row in the catalogue. */
  retired = mb_catalogue_lookup_retired (catalogue, "kolada:U85427");
  g_assert_nonnull (retired);
  g_assert_null (mb_catalogue_entry_get_successor (retired));
  g_assert_null (mb_catalogue_entry_get_title (retired));
  g_assert_cmpstr (mb_catalogue_entry_get_reference (retired), ==, "kolada:U85427");
  g_assert_cmpint (mb_catalogue_get_reference_state (catalogue, "kolada:u60423"), ==,
                   MB_REFERENCE_RETIRED);

  g_assert_null (mb_catalogue_lookup_retired (catalogue, "kolada:N01951"));

  /* A picker never offers a retired entry. */
  found = mb_catalogue_search (catalogue, MB_CATALOGUE_KIND_KOLADA, "N00914");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
}

static void
test_retired_after_load (void)
{
  const char kpis[] =
    "id,title\n"
    "N1,\"Old, renamed\"\n"
    "N2,New\n";
  const char retired[] =
    "reference,successor,note\n"
    "kolada:n1,kolada:N2,renumbered\n";
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new ();
  g_autoptr(GError) error = NULL;
  MbCatalogueEntry *entry;
  GListModel *entries;

  mb_catalogue_load_data (catalogue, MB_CATALOGUE_KIND_KOLADA, kpis, strlen (kpis), "k.csv",
                          &error);
  g_assert_no_error (error);
  entries = mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_KOLADA);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  g_assert_nonnull (mb_catalogue_lookup (catalogue, "kolada:N1"));

  /* A catalogue update retires N1: indicators that point to it must now
   * see it as retired, with its title kept and its successor named. */
  mb_catalogue_load_retired_data (catalogue, retired, strlen (retired), "r.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  g_assert_null (mb_catalogue_lookup (catalogue, "kolada:N1"));
  entry = mb_catalogue_lookup_retired (catalogue, "kolada:N1");
  g_assert_nonnull (entry);
  g_assert_cmpstr (mb_catalogue_entry_get_id (entry), ==, "N1");
  g_assert_cmpstr (mb_catalogue_entry_get_title (entry), ==, "Old, renamed");
  g_assert_cmpstr (mb_catalogue_entry_get_field (entry, "note"), ==, "renumbered");
  g_assert_cmpstr (mb_catalogue_entry_get_successor (entry), ==, "kolada:N2");
}

static guint
count_matches (MbCatalogue *catalogue,
               int          kind,
               const char  *query,
               const char  *first_id)
{
  g_autoptr(GListModel) found = mb_catalogue_search (catalogue, kind, query);
  guint n = g_list_model_get_n_items (found);

  if (first_id != NULL)
    {
      g_autoptr(MbCatalogueEntry) first = NULL;

      g_assert_cmpuint (n, >, 0);
      first = g_list_model_get_item (found, 0);
      g_assert_cmpstr (mb_catalogue_entry_get_id (first), ==, first_id);
    }

  return n;
}

static void
test_shipped_search (void)
{
  g_autoptr(MbCatalogue) catalogue = load_shipped ();
  const int territory = MB_CATALOGUE_KIND_TERRITORY;
  const int kolada = MB_CATALOGUE_KIND_KOLADA;

  /* Å, Ä and Ö match in either case, composed or decomposed… */
  g_assert_cmpuint (count_matches (catalogue, territory, "östersund", "2380"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, territory, "ÖSTERSUND", "2380"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, territory, "åre", "2321"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, territory, "ÅRE", "2321"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, territory, "A\xCC\x8Are", "2321"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, territory, "jämtland", "0023"), ==, 1);
  /* …but are letters of their own, as in Swedish. */
  g_assert_cmpuint (count_matches (catalogue, territory, "are", NULL), ==, 0);
  g_assert_cmpuint (count_matches (catalogue, territory, "jamtland", NULL), ==, 0);
  /* Åre, Åsele, Malå, Umeå, Skellefteå. */
  g_assert_cmpuint (count_matches (catalogue, territory, "å ", NULL), ==, 5);

  /* Ids rank first, then titles that start with the query. */
  g_assert_cmpuint (count_matches (catalogue, kolada, "n01951", "N01951"), >=, 1);
  g_assert_cmpuint (count_matches (catalogue, kolada, "N0195", "N01951"), >=, 2);
  g_assert_cmpuint (count_matches (catalogue, kolada, "invånare totalt", "N01951"), >=, 1);
  g_assert_cmpuint (count_matches (catalogue, kolada, "INVÅNARE   totalt", "N01951"), >=, 1);
  g_assert_cmpuint (count_matches (catalogue, kolada, "sysselsättningsgrad 20-64", "N02267"),
                    >=, 1);

  /* English titles are searched too, and all catalogues at once. */
  g_assert_cmpuint (count_matches (catalogue, MB_CATALOGUE_KIND_SDG, "clean energy", "7"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, MB_CATALOGUE_ALL_KINDS, "rcr 29", "RCR 29"),
                    ==, 1);
  g_assert_cmpuint (count_matches (catalogue, MB_CATALOGUE_ALL_KINDS, "energi", NULL), >=, 2);

  /* An empty query offers the whole catalogue, in file order. */
  g_assert_cmpuint (count_matches (catalogue, kolada, "", "N01951"), ==, 93);
  g_assert_cmpuint (count_matches (catalogue, MB_CATALOGUE_ALL_KINDS, "  ", "N01951"), ==,
                    93 + 161 + 17 + 25 + 3 + 5);
  g_assert_cmpuint (count_matches (catalogue, MB_CATALOGUE_KIND_PERSPECTIVE, "JÄMSTÄLLDHET",
                                   "gender-equality"), ==, 1);
  g_assert_cmpuint (count_matches (catalogue, kolada, "no such words", NULL), ==, 0);
}

typedef struct
{
  const char *text;
  int         code;
  const char *message;
} BadCatalogue;

static void
test_catalogue_errors (void)
{
  const BadCatalogue cases[] = {
    { "", MB_CATALOGUE_ERROR_COLUMNS, "t.csv: empty file, no header" },
    { "code,title\nN1,x\n", MB_CATALOGUE_ERROR_COLUMNS, "t.csv: no column “id” in the header" },
    { "id,title,id\nN1,x,y\n", MB_CATALOGUE_ERROR_COLUMNS, "t.csv: column “id” occurs twice" },
    { "id,title\nN1,x\nN2\n", MB_CATALOGUE_ERROR_COLUMNS,
      "t.csv: Line 3: the header has 2 fields, this row 1" },
    { "id,title\nN1,x\nN1,y\n", MB_CATALOGUE_ERROR_DUPLICATE, "t.csv: Line 3: “N1” occurs twice" },
    { "id,title\n ,x\n", MB_CATALOGUE_ERROR_COLUMNS, "t.csv: Line 2: empty “id”" },
    { "id,title\nN1,\"x\n", MB_CATALOGUE_ERROR_PARSE,
      "t.csv: Line 2: quoted field is not closed" },
    { "id,title\nN1,\xFF\n", MB_CATALOGUE_ERROR_PARSE, "t.csv: Line 2: invalid UTF-8" },
  };
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new ();
  g_autoptr(GError) error = NULL;
  const char bad_retired[] = "reference,successor\nN00914,\n";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (mb_catalogue_load_data (catalogue, MB_CATALOGUE_KIND_KOLADA,
                                              cases[i].text, strlen (cases[i].text), "t.csv",
                                              &error));
      g_assert_error (error, MB_CATALOGUE_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
      /* A rejected file adds nothing. */
      g_assert_cmpuint (g_list_model_get_n_items (
        mb_catalogue_get_entries (catalogue, MB_CATALOGUE_KIND_KOLADA)), ==, 0);
      g_assert_null (mb_catalogue_lookup (catalogue, "kolada:N1"));
    }

  g_assert_false (mb_catalogue_load_retired_data (catalogue, bad_retired, strlen (bad_retired),
                                                  "r.csv", &error));
  g_assert_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_REFERENCE);
  g_assert_cmpstr (error->message, ==,
                   "r.csv: Line 2: “N00914” does not name an entry of a catalogue");
  g_clear_error (&error);

  g_assert_false (mb_catalogue_load_dir (catalogue, "/nonexistent/malbild", &error));
  g_assert_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_NOT_FOUND);
}

/* Calls @check on the string @member of every element of @table. */
static guint
for_each_member (JsonObject  *root,
                 const char  *table,
                 const char  *member,
                 MbCatalogue *catalogue,
                 void       (*check) (MbCatalogue *, const char *))
{
  JsonArray *rows = json_object_get_array_member (root, table);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (json_object_has_member (row, member))
        {
          check (catalogue, json_object_get_string_member (row, member));
          n++;
        }
    }

  return n;
}

static void
check_indicator_reference (MbCatalogue *catalogue,
                           const char  *reference)
{
  MbReferenceState state = mb_catalogue_get_reference_state (catalogue, reference);

  /* kolada:N02904 is a real KPI that Målbild does not ship. */
  if (g_str_equal (reference, "kolada:N02904"))
    g_assert_cmpint (state, ==, MB_REFERENCE_UNKNOWN);
  else if (state == MB_REFERENCE_RETIRED)
    g_assert_nonnull (mb_catalogue_lookup_retired (catalogue, reference));
  else if (state != MB_REFERENCE_EXTERNAL)
    g_assert_nonnull (mb_catalogue_lookup (catalogue, reference));
}

static void
check_current (MbCatalogue *catalogue,
               const char  *reference)
{
  if (mb_catalogue_lookup (catalogue, reference) == NULL)
    g_error ("%s does not resolve", reference);
}

static void
test_examples_resolve (void)
{
  const char *names[] = { "jamtland-harjedalen.json", "effect-chain.json" };
  g_autoptr(MbCatalogue) catalogue = load_shipped ();
  g_autofree char *data_dir = source_data_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, "examples", names[i], NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *root;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));

      g_assert_cmpuint (for_each_member (root, "indicators", "reference", catalogue,
                                         check_indicator_reference), >, 0);
      g_assert_cmpuint (for_each_member (root, "node_tags", "tag", catalogue, check_current),
                        >, 0);
      g_assert_cmpuint (for_each_member (root, "node_territories", "territory_code", catalogue,
                                         check_current), >, 0);
      g_assert_cmpuint (for_each_member (root, "measurements", "territory_code", catalogue,
                                         check_current), >, 0);
    }

  /* The main example shows a retired KPI on purpose. */
  g_assert_nonnull (mb_catalogue_lookup_retired (catalogue, "kolada:N00914"));
}

static void
test_data_dir (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *installed = g_build_filename (PKGDATADIR, "catalogues", NULL);

  g_setenv ("MALBILD_DATADIR", "/somewhere/else", TRUE);
  from_env = mb_catalogue_find_data_dir ();
  g_assert_cmpstr (from_env, ==, "/somewhere/else");

  g_unsetenv ("MALBILD_DATADIR");
  fallback = mb_catalogue_find_data_dir ();
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    g_assert_cmpstr (fallback, ==, PKGDATADIR);
  else
    g_assert_cmpstr (fallback, ==, MB_SOURCE_DATADIR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/csv/quoting", test_csv_quoting);
  g_test_add_func ("/catalogue/csv/edges", test_csv_edges);
  g_test_add_func ("/catalogue/csv/errors", test_csv_errors);
  g_test_add_func ("/catalogue/shipped/counts", test_shipped_counts);
  g_test_add_func ("/catalogue/shipped/lookup", test_shipped_lookup);
  g_test_add_func ("/catalogue/shipped/retired", test_shipped_retired);
  g_test_add_func ("/catalogue/shipped/search", test_shipped_search);
  g_test_add_func ("/catalogue/retired-after-load", test_retired_after_load);
  g_test_add_func ("/catalogue/errors", test_catalogue_errors);
  g_test_add_func ("/catalogue/data-dir", test_data_dir);
  g_test_add_func ("/catalogue/examples-resolve", test_examples_resolve);

  return g_test_run ();
}
