/* mb-measurement-csv.c – measurements from and to CSV, as Swedish Excel and others write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Swedish Excel saves "CSV UTF-8" with a byte order mark, ';' between fields
 * and a decimal comma; most other tools write ',' and a decimal point. The
 * separator is read off the header row. The decimal mark is decided for the
 * whole file from its values, because a single "1.234" could be a decimal or
 * a thousands-grouped integer: a value whose mark disagrees with the file's
 * is refused as ambiguous rather than guessed.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-csv.h"
#include "mb-indicator-stats.h"
#include "mb-measurement-csv.h"
#include "mb-measurement-item.h"

/* How many row problems an import refusal names before "and N more". */
#define MAX_NAMED_PROBLEMS 5

G_DEFINE_QUARK (mb-measurement-csv-error-quark, mb_measurement_csv_error)

typedef enum
{
  COL_PERIOD,
  COL_TERRITORY,
  COL_GENDER,
  COL_VALUE,
  COL_STATUS,
  COL_NOTE,
  N_COLS
} Column;

static const char * const column_names[N_COLS] = {
  "period", "territory", "gender", "value", "status", "note",
};

/* A territory can be named by several columns ("Kommunkod;Kommun"): the
 * one with the best rank is used. */
typedef enum
{
  RANK_NONE,
  RANK_CODES,    /* "Kommunkod": codes */
  RANK_ANY,      /* "Kommun": codes or names */
  RANK_NAMES,    /* "Kommunnamn": names */
  RANK_GUESSED,  /* "Kommun (namn)": no alias, but it begins like one */
} TerritoryRank;

/* Header names, folded (fold_key: lower case, no diacritics,
 * '_' and '-' as spaces), for each column. */
static const struct
{
  const char    *name;
  Column         column;
  TerritoryRank  rank;
} header_aliases[] = {
  { "period", COL_PERIOD }, { "ar", COL_PERIOD }, { "year", COL_PERIOD },
  { "tid", COL_PERIOD }, { "time", COL_PERIOD }, { "tidsperiod", COL_PERIOD },
  { "artal", COL_PERIOD },
  { "territory code", COL_TERRITORY, RANK_CODES }, { "omradeskod", COL_TERRITORY, RANK_CODES },
  { "kommunkod", COL_TERRITORY, RANK_CODES }, { "regionkod", COL_TERRITORY, RANK_CODES },
  { "lanskod", COL_TERRITORY, RANK_CODES }, { "kod", COL_TERRITORY, RANK_CODES },
  { "code", COL_TERRITORY, RANK_CODES }, { "municipality code", COL_TERRITORY, RANK_CODES },
  { "region code", COL_TERRITORY, RANK_CODES }, { "county code", COL_TERRITORY, RANK_CODES },
  { "kommun id", COL_TERRITORY, RANK_CODES }, { "kommunid", COL_TERRITORY, RANK_CODES },
  { "municipality id", COL_TERRITORY, RANK_CODES }, { "kolada id", COL_TERRITORY, RANK_CODES },
  { "territory", COL_TERRITORY, RANK_ANY }, { "omrade", COL_TERRITORY, RANK_ANY },
  { "kommun", COL_TERRITORY, RANK_ANY }, { "region", COL_TERRITORY, RANK_ANY },
  { "lan", COL_TERRITORY, RANK_ANY }, { "county", COL_TERRITORY, RANK_ANY },
  { "municipality", COL_TERRITORY, RANK_ANY }, { "geografi", COL_TERRITORY, RANK_ANY },
  { "geography", COL_TERRITORY, RANK_ANY },
  { "kommunnamn", COL_TERRITORY, RANK_NAMES }, { "kommun namn", COL_TERRITORY, RANK_NAMES },
  { "municipality name", COL_TERRITORY, RANK_NAMES },
  { "regionnamn", COL_TERRITORY, RANK_NAMES }, { "region name", COL_TERRITORY, RANK_NAMES },
  { "lansnamn", COL_TERRITORY, RANK_NAMES }, { "county name", COL_TERRITORY, RANK_NAMES },
  { "territory name", COL_TERRITORY, RANK_NAMES },
  { "omradesnamn", COL_TERRITORY, RANK_NAMES },
  { "gender", COL_GENDER }, { "kon", COL_GENDER }, { "sex", COL_GENDER },
  { "value", COL_VALUE }, { "varde", COL_VALUE },
  { "status", COL_STATUS },
  { "note", COL_NOTE }, { "notes", COL_NOTE }, { "anteckning", COL_NOTE },
  { "kommentar", COL_NOTE }, { "comment", COL_NOTE }, { "notering", COL_NOTE },
};

/* Beginnings of a header that say it names territories ("Kommun (namn)"),
 * when no alias matches: taking such a column and refusing what it holds is
 * better than ignoring it and putting every value on the whole country. A
 * header that only mentions one ("Källa: Regionfakta") is not taken. */
static const char * const territory_words[] = {
  "kommun", "municipal", "territor", "region", "omrade", "geograf", "county",
};

/* Territory names as the catalogue knows them, folded. */
typedef struct
{
  gboolean    have_catalogue;
  GHashTable *by_name;  /* name in lower case → code */
  GHashTable *by_bare;  /* and without diacritics → code, or "" if two share it (Håbo, Habo) */
} Territories;

struct _MbMeasurementCsv
{
  char        separator;
  char        decimal_mark;
  const char *encoding;      /* static */
  GPtrArray  *rows;          /* of MbMeasurementRow */
  GStrv       ignored;
  GStrv       header_names;  /* the header row, trimmed */
  GArray     *column_roles;  /* of MbMeasurementColumn, one per header column */
  guint       n_problems;
};

typedef enum
{
  NUMBER_EMPTY,
  NUMBER_WHOLE,     /* no decimal mark */
  NUMBER_COMMA,     /* a decimal comma */
  NUMBER_POINT,     /* a decimal point */
  NUMBER_INVALID,
} NumberKind;

/* A value as read, before the file's decimal mark is known. */
typedef struct
{
  NumberKind  kind;
  char       *digits;       /* sign, digits, at most one '.', exponent: ready for strtod */
  gboolean    group_like;   /* "132.839": the mark could as well group thousands */
  char       *text;         /* as written */
} Number;

void
mb_measurement_csv_free (MbMeasurementCsv *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_strfreev (self->ignored);
  g_strfreev (self->header_names);
  g_clear_pointer (&self->column_roles, g_array_unref);
  g_free (self);
}

static gboolean
is_grouping_space (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

/* Classifies @text as a number. Grouping spaces ("132 000", as Excel shows
 * numbers formatted with a thousands separator) are dropped; grouping with
 * the other mark ("1.234,5", "1,234.5") is accepted when it is regular. */
static Number
classify_number (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  Number n = { NUMBER_INVALID, NULL, FALSE, NULL };
  const char *comma, *point;
  char *trimmed;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)  /* the minus sign some spreadsheets write */
        g_string_append_c (s, '-');
      else if (!is_grouping_space (c))
        g_string_append_unichar (s, c);
    }
  trimmed = s->str;

  if (*trimmed == '\0')
    {
      n.kind = NUMBER_EMPTY;
      return n;
    }

  comma = strchr (trimmed, ',');
  point = strchr (trimmed, '.');

  if (comma && point)
    {
      /* One mark groups thousands, the other (last, once) is the decimal mark. */
      char group = comma < point ? ',' : '.';
      char mark = group == ',' ? '.' : ',';
      const char *decimal = strrchr (trimmed, mark);
      g_autoptr(GString) out = g_string_new (NULL);
      guint run = 0;
      gboolean first_group = TRUE;

      if (strchr (decimal + 1, group) || strchr (trimmed, mark) != decimal)
        return n;
      for (const char *p = trimmed; p < decimal; p++)
        {
          if (*p == group)
            {
              if ((first_group && (run == 0 || run > 3)) || (!first_group && run != 3))
                return n;
              first_group = FALSE;
              run = 0;
              continue;
            }
          if (g_ascii_isdigit (*p))
            run++;
          g_string_append_c (out, *p);
        }
      if (run != 3)
        return n;
      g_string_append_c (out, '.');
      g_string_append (out, decimal + 1);
      n.kind = mark == ',' ? NUMBER_COMMA : NUMBER_POINT;
      n.digits = g_string_free (g_steal_pointer (&out), FALSE);
    }
  else if (comma || point)
    {
      const char *mark = comma ? comma : point;

      if (strchr (mark + 1, *mark))
        return n;
      n.kind = comma ? NUMBER_COMMA : NUMBER_POINT;
      n.digits = g_strdup (trimmed);
      n.digits[mark - trimmed] = '.';
      {
        const char *start = trimmed + (*trimmed == '-' || *trimmed == '+');
        gsize before = mark - start;

        n.group_like = before >= 1 && before <= 3 && *start != '0' &&
                       strlen (mark + 1) == 3 && g_ascii_isdigit (mark[1]) &&
                       g_ascii_isdigit (mark[2]) && g_ascii_isdigit (mark[3]);
      }
    }
  else
    {
      n.kind = NUMBER_WHOLE;
      n.digits = g_strdup (trimmed);
    }

  /* Only a plain decimal number: strtod alone would take "nan", "inf", hex. */
  {
    const char *p = n.digits;
    gboolean digits = FALSE;

    if (*p == '+' || *p == '-')
      p++;
    while (g_ascii_isdigit (*p))
      p++, digits = TRUE;
    if (*p == '.')
      for (p++; g_ascii_isdigit (*p); p++)
        digits = TRUE;
    if (digits && (*p == 'e' || *p == 'E'))
      {
        p++;
        if (*p == '+' || *p == '-')
          p++;
        if (!g_ascii_isdigit (*p))
          digits = FALSE;
        while (g_ascii_isdigit (*p))
          p++;
      }
    if (!digits || *p != '\0')
      {
        g_clear_pointer (&n.digits, g_free);
        n.kind = NUMBER_INVALID;
      }
  }

  return n;
}

static char
detect_separator (const char *data,
                  gsize       length)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ';')
        semicolons++;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == '\t')
        tabs++;
    }

  if (semicolons > 0 && semicolons >= commas && semicolons >= tabs)
    return ';';
  if (tabs > commas)
    return '\t';
  return ',';
}

/* Lower case, '_' and '-' as spaces, spaces collapsed, and if @bare without
 * diacritics: "Kommun_Namn" and "kommunnamn" stay apart, "Län" and "LAN" meet. */
static char *
fold_text (const char *text,
           gboolean    bare_letters)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  for (const char *p = decomposed ? decomposed : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (bare_letters && (type == G_UNICODE_NON_SPACING_MARK ||
                           type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK))
        continue;
      if (c == '_' || c == '-' || g_unichar_isspace (c) || is_grouping_space (c))
        {
          space = bare->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (bare, ' ');
      space = FALSE;
      g_string_append_unichar (bare, c);
    }
  folded = g_utf8_casefold (bare->str, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static char *
fold_key (const char *text)
{
  return fold_text (text, TRUE);
}

static void
territories_add (Territories *t,
                 const char  *name,
                 const char  *code)
{
  char *bare = fold_text (name, TRUE);
  const char *other = g_hash_table_lookup (t->by_bare, bare);

  g_hash_table_insert (t->by_name, fold_text (name, FALSE), g_strdup (code));
  if (other != NULL && !g_str_equal (other, code))
    g_hash_table_insert (t->by_bare, bare, g_strdup (""));
  else
    g_hash_table_insert (t->by_bare, bare, g_strdup (code));
}

static void
territories_init (Territories *t,
                  MbCatalogue *catalogue)
{
  GListModel *entries = catalogue ? mb_catalogue_get_entries (catalogue,
                                                              MB_CATALOGUE_KIND_TERRITORY)
                                  : NULL;
  guint n = entries ? g_list_model_get_n_items (entries) : 0;

  t->have_catalogue = catalogue != NULL;
  t->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t->by_bare = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbCatalogueEntry) entry = g_list_model_get_item (entries, i);
      const char *code = mb_catalogue_entry_get_id (entry);
      const char *county = mb_catalogue_entry_get_field (entry, "county_name");

      territories_add (t, mb_catalogue_entry_get_title (entry), code);
      /* A region is also known by its county's name ("Jämtlands län"). */
      if (g_strcmp0 (mb_catalogue_entry_get_field (entry, "kolada_type"), "L") == 0 &&
          county != NULL)
        territories_add (t, county, code);
    }
}

static void
territories_clear (Territories *t)
{
  g_clear_pointer (&t->by_name, g_hash_table_unref);
  g_clear_pointer (&t->by_bare, g_hash_table_unref);
}

/* A name as written, or else without diacritics when that names one place. */
static const char *
territories_lookup (Territories *t,
                    const char  *name)
{
  g_autofree char *exact = fold_text (name, FALSE);
  g_autofree char *bare = NULL;
  const char *code = g_hash_table_lookup (t->by_name, exact);

  if (code != NULL)
    return code;
  bare = fold_text (name, TRUE);
  code = g_hash_table_lookup (t->by_bare, bare);
  return code != NULL && *code != '\0' ? code : NULL;
}

/* "Östersund", "Östersunds kommun", "ÖSTERSUND", "Ostersund" → 2380. */
static const char *
territories_find_name (Territories *t,
                       const char  *text)
{
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autofree char *folded = fold_text (name, FALSE);
  const char *code = territories_lookup (t, name);
  gsize len = strlen (name);

  if (code == NULL && g_str_has_suffix (folded, " kommun") && len > strlen (" kommun"))
    {
      name[len - strlen (" kommun")] = '\0';
      g_strchomp (name);
      len = strlen (name);
      code = territories_lookup (t, name);
      /* The genitive: "Östersunds kommun". */
      if (code == NULL && len > 1 && (name[len - 1] == 's' || name[len - 1] == 'S'))
        {
          name[len - 1] = '\0';
          code = territories_lookup (t, name);
        }
    }
  return code;
}

/* A cell as a problem quotes it: a long one cut, so that the message stays
 * one readable line. */
static char *
quote_cell (const char *text)
{
  const glong max_chars = 40;
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, max_chars);
  return g_strconcat (start, "…", NULL);
}

/* A territory as written: a code (zeros restored), a code and a name
 * ("2380 Östersund", as SCB writes them), a name, or "Sverige". */
static char *
parse_territory (Territories  *t,
                 const char   *text,
                 char        **problem)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gsize len = strlen (trimmed);
  gsize n_digits = 0;

  if (len == 0)
    return g_strdup (MB_TERRITORY_NONE);

  while (g_ascii_isdigit (trimmed[n_digits]))
    n_digits++;
  if (n_digits > 0 && n_digits <= 4 && (trimmed[n_digits] == '\0' ||
                                        (n_digits >= 2 && trimmed[n_digits] == ' ')))
    {
      g_autofree char *code = NULL;

      trimmed[n_digits] = '\0';
      code = g_strdup_printf ("%04d", atoi (trimmed));
      if (mb_territory_code_is_valid (code))
        return g_steal_pointer (&code);
      *problem = g_strdup_printf (_("“%s” is not the code of Sweden, a region or a"
                                    " municipality"), trimmed);  /* at most 4 digits */
      return NULL;
    }

  if (n_digits == 0)
    {
      g_autofree char *folded = fold_key (trimmed);
      const char *code;

      if (g_str_equal (folded, "sverige") || g_str_equal (folded, "riket") ||
          g_str_equal (folded, "hela riket") || g_str_equal (folded, "sweden") ||
          g_str_equal (folded, "hela landet"))
        return g_strdup (MB_TERRITORY_NONE);
      if ((code = territories_find_name (t, trimmed)) != NULL)
        return g_strdup (code);
    }

  {
    g_autofree char *quoted = quote_cell (trimmed);

    if (t->have_catalogue)
      *problem = g_strdup_printf (_("“%s” is not a region or municipality Målbild knows by"
                                    " name: write its code, such as 0023 or 2380"), quoted);
    else
      *problem = g_strdup_printf (_("“%s” is not a territory: write a code such as 0023 or"
                                    " 2380"), quoted);
  }
  return NULL;
}

/* Converts the file to UTF-8 when it is not: UTF-16 with a byte order mark,
 * or else Windows-1252 (Excel's "CSV (semikolonavgränsad)" on Swedish
 * Windows). A file that is valid UTF-8 is UTF-8: Windows-1252 text with a
 * letter beyond ASCII is practically never valid UTF-8, and such a file
 * without one reads the same either way. Sets *@converted to NULL when
 * @data is used as it is. */
static gboolean
decode_text (MbMeasurementCsv  *self,
             const char        *data,
             gsize              length,
             char             **converted,
             gsize             *converted_length,
             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  gsize bytes_read = 0;

  *converted = NULL;
  self->encoding = "UTF-8";

  if (length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE) &&
      (guchar) data[1] == ((guchar) data[0] ^ 0x01))
    {
      const char *from = (guchar) data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";

      self->encoding = "UTF-16";
      *converted = g_convert (data + 2, length - 2, "UTF-8", from, NULL, converted_length,
                              &local_error);
      if (*converted == NULL)
        {
          g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_SYNTAX,
                       _("The file begins as UTF-16 but is not valid UTF-16"));
          return FALSE;
        }
      return TRUE;
    }

  /* With a UTF-8 byte order mark, or valid: UTF-8 (the reader names the line
   * of a bad byte or a NUL). */
  if ((length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0) ||
      g_utf8_validate_len (data, length, &end) || *end == '\0')
    return TRUE;

  *converted = g_convert (data, length, "UTF-8", "WINDOWS-1252", &bytes_read, converted_length,
                          &local_error);
  if (*converted == NULL)
    {
      guint line = 1;

      for (gsize i = 0; i < bytes_read && i < length; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= length || data[i + 1] != '\n')))
          line++;
      g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_SYNTAX,
                   _("Line %u: the text is neither UTF-8 nor Windows-1252"), line);
      return FALSE;
    }
  self->encoding = "Windows-1252";
  return TRUE;
}

static char *
take_field (char       **fields,
            guint        n_fields,
            const int   *map,
            Column       column)
{
  int index = map[column];

  if (index < 0 || (guint) index >= n_fields)
    return NULL;
  return g_strstrip (g_strdup (fields[index]));
}

/* Which column gives what, from the header row; the territory from the best
 * ranked of the columns that name it. */
static gboolean
map_columns (MbMeasurementCsv  *self,
             char             **header,
             int               *map,
             GError           **error)
{
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();
  guint n_header = g_strv_length (header);
  g_autofree TerritoryRank *ranks = g_new0 (TerritoryRank, n_header);
  TerritoryRank best = RANK_NONE;

  for (guint c = 0; c < N_COLS; c++)
    map[c] = -1;
  self->header_names = g_strdupv (header);
  for (guint i = 0; i < n_header; i++)
    g_strstrip (self->header_names[i]);
  self->column_roles = g_array_sized_new (FALSE, TRUE, sizeof (MbMeasurementColumn), n_header);
  g_array_set_size (self->column_roles, n_header);

  for (guint i = 0; i < n_header; i++)
    {
      g_autofree char *name = fold_key (header[i]);
      gboolean known = FALSE;

      for (gsize a = 0; a < G_N_ELEMENTS (header_aliases) && !known; a++)
        {
          Column column = header_aliases[a].column;

          if (!g_str_equal (name, header_aliases[a].name))
            continue;
          known = TRUE;
          if (column == COL_TERRITORY)
            {
              ranks[i] = header_aliases[a].rank;
              continue;
            }
          if (map[column] >= 0)
            {
              g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_HEADER,
                           _("Columns “%s” and “%s” both give the %s"),
                           header[map[column]], header[i], column_names[column]);
              return FALSE;
            }
          map[column] = i;
          g_array_index (self->column_roles, MbMeasurementColumn, i) = column + 1;
        }
      for (gsize w = 0; w < G_N_ELEMENTS (territory_words) && !known; w++)
        if (g_str_has_prefix (name, territory_words[w]))
          {
            ranks[i] = RANK_GUESSED;
            known = TRUE;
          }
      if (!known && *name != '\0')
        g_strv_builder_add (ignored, header[i]);
      if (ranks[i] != RANK_NONE && (best == RANK_NONE || ranks[i] < best))
        best = ranks[i];
    }
  self->ignored = g_strv_builder_end (ignored);

  for (guint i = 0; i < n_header && best != RANK_NONE; i++)
    {
      if (ranks[i] == RANK_NONE)
        continue;
      if (ranks[i] == best && map[COL_TERRITORY] >= 0)
        {
          g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_HEADER,
                       _("Columns “%s” and “%s” both give the %s"),
                       header[map[COL_TERRITORY]], header[i], column_names[COL_TERRITORY]);
          return FALSE;
        }
      if (ranks[i] == best)
        map[COL_TERRITORY] = i;
      g_array_index (self->column_roles, MbMeasurementColumn, i) =
        ranks[i] == best ? MB_MEASUREMENT_COLUMN_TERRITORY : MB_MEASUREMENT_COLUMN_SPARE_TERRITORY;
    }

  if (map[COL_PERIOD] < 0 || map[COL_VALUE] < 0)
    {
      g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_HEADER,
                   _("The first row must name the columns, at least “period” and “value”"
                     " (or “år” and “värde”): period;territory;gender;value;status;note"));
      return FALSE;
    }
  return TRUE;
}

MbMeasurementCsv *
mb_measurement_csv_parse (const char   *data,
                          gsize         length,
                          MbCatalogue  *catalogue,
                          GError      **error)
{
  g_autoptr(MbMeasurementCsv) self = NULL;
  g_autoptr(MbCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) numbers = g_array_new (FALSE, TRUE, sizeof (Number));
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) header = NULL;
  g_autofree char *converted = NULL;
  Territories territories = { FALSE, NULL };
  char **fields;
  int map[N_COLS];
  guint n_header, n_comma = 0, n_point = 0;
  const char *text = data;
  gsize text_length = length;
  const char *body;
  gsize body_length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_new0 (MbMeasurementCsv, 1);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_measurement_row_free);

  if (!decode_text (self, data ? data : "", length, &converted, &text_length, error))
    return NULL;
  if (converted != NULL)
    text = converted;
  else
    text_length = length;

  body = text;
  body_length = text_length;
  if (body_length >= 3 && memcmp (body, "\xEF\xBB\xBF", 3) == 0)
    body += 3, body_length -= 3;
  self->separator = detect_separator (body, body_length);

  reader = mb_csv_reader_new (text, text_length);
  mb_csv_reader_set_separator (reader, self->separator);

  header = mb_csv_reader_read_record (reader, &local_error);
  if (header == NULL)
    {
      if (local_error != NULL)
        g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_SYNTAX,
                     "%s", local_error->message);
      else
        g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_EMPTY,
                     _("The file is empty"));
      return NULL;
    }

  if (!map_columns (self, header, map, error))
    return NULL;
  n_header = g_strv_length (header);

  territories_init (&territories, catalogue);
  while ((fields = mb_csv_reader_read_record (reader, &local_error)) != NULL)
    {
      g_auto(GStrv) owned = fields;
      g_autoptr(MbMeasurementRow) row = mb_measurement_row_new ();
      g_autofree char *value_text = NULL;
      g_autofree char *territory_text = NULL;
      g_autofree char *gender_text = NULL;
      g_autoptr(GError) field_error = NULL;
      guint n_fields = g_strv_length (fields);
      Number number = { NUMBER_EMPTY, NULL, FALSE, NULL };
      gboolean blank = TRUE;

      for (guint i = 0; i < n_fields; i++)
        if (*g_strstrip (fields[i]) != '\0')
          blank = FALSE;
      if (blank)
        continue;  /* a row of empty cells, as Excel leaves below the data */

      row->line = mb_csv_reader_get_line (reader);
      row->period = take_field (fields, n_fields, map, COL_PERIOD);
      territory_text = take_field (fields, n_fields, map, COL_TERRITORY);
      gender_text = take_field (fields, n_fields, map, COL_GENDER);
      value_text = take_field (fields, n_fields, map, COL_VALUE);
      row->status = take_field (fields, n_fields, map, COL_STATUS);
      row->note = take_field (fields, n_fields, map, COL_NOTE);

      if (n_fields > n_header)
        row->problem = g_strdup_printf (_("%u fields where the header has %u; is a decimal"
                                          " comma not quoted?"), n_fields, n_header);
      else if (!mb_measurement_check_period (row->period, &field_error))
        row->problem = g_strdup (field_error->message);
      else if (!(row->territory_code = parse_territory (&territories,
                                                        territory_text ? territory_text : "",
                                                        &row->problem)))
        ;
      else if (!(row->gender = g_strdup (mb_measurement_parse_gender (gender_text,
                                                                      &field_error))))
        row->problem = g_strdup (field_error->message);
      else
        {
          /* Two values for one place would collapse into the last one: refused,
           * naming both lines, as the Kolada importer does. */
          char *key = g_strdup_printf ("%s/%s/%s", row->period, row->territory_code,
                                       row->gender);
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (keys, key));

          if (first != 0)
            {
              row->problem = g_strdup_printf (_("a second value for %s, territory %s, gender %s;"
                                                " the first is on line %u"),
                                              row->period, row->territory_code, row->gender,
                                              first);
              g_free (key);
            }
          else
            g_hash_table_insert (keys, key, GUINT_TO_POINTER (row->line));
        }

      if (row->problem == NULL)
        {
          number = classify_number (value_text ? value_text : "");
          number.text = g_strdup (value_text);
          if (number.kind == NUMBER_INVALID)
            {
              g_autofree char *quoted = quote_cell (value_text);

              row->problem = g_strdup_printf (_("“%s” is not a number"), quoted);
            }
          else if (number.kind == NUMBER_COMMA && !number.group_like)
            n_comma++;
          else if (number.kind == NUMBER_POINT && !number.group_like)
            n_point++;
        }

      g_array_append_val (numbers, number);
      g_ptr_array_add (self->rows, g_steal_pointer (&row));
    }
  territories_clear (&territories);
  if (local_error != NULL)
    {
      g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_SYNTAX,
                   "%s", local_error->message);
      for (guint i = 0; i < numbers->len; i++)
        {
          g_free (g_array_index (numbers, Number, i).digits);
          g_free (g_array_index (numbers, Number, i).text);
        }
      return NULL;
    }

  /* The file's decimal mark: the one most of its values use, counting only
   * values where the mark cannot be a thousands separator. */
  if (n_comma > n_point)
    self->decimal_mark = ',';
  else if (n_point > n_comma)
    self->decimal_mark = '.';
  else
    self->decimal_mark = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      MbMeasurementRow *row = self->rows->pdata[i];
      Number *number = &g_array_index (numbers, Number, i);

      if (row->problem == NULL && (number->kind == NUMBER_COMMA ||
                                   number->kind == NUMBER_POINT))
        {
          char mark = number->kind == NUMBER_COMMA ? ',' : '.';

          if (self->decimal_mark == 0 && n_comma == 0 && n_point == 0)
            row->problem = g_strdup_printf (_("is “%s” a decimal number or a whole one with"
                                              " a thousands separator? No other value in the"
                                              " file tells; write it without the separator"),
                                            number->text);
          else if (self->decimal_mark == 0)
            row->problem = g_strdup_printf (_("the file uses decimal commas and points equally"
                                              " often, so “%c” in this value is ambiguous"),
                                            mark);
          else if (mark != self->decimal_mark)
            row->problem = g_strdup_printf (_("the value has a decimal %s but the file writes"
                                              " decimals with a %s: is it a decimal or a"
                                              " thousands separator?"),
                                            mark == ',' ? _("comma") : _("point"),
                                            mark == ',' ? _("point") : _("comma"));
        }

      if (row->problem == NULL && number->digits != NULL)
        {
          double value = g_ascii_strtod (number->digits, NULL);

          if (!isfinite (value))
            {
              g_autofree char *quoted = quote_cell (number->digits);

              row->problem = g_strdup_printf (_("the value %s is too large"), quoted);
            }
          else
            row->value = value;
        }

      if (row->problem != NULL)
        self->n_problems++;
      g_free (number->digits);
      g_free (number->text);
    }

  if (self->rows->len == 0)
    {
      g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_EMPTY,
                   _("The file has no values below its header"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

char
mb_measurement_csv_get_separator (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->separator;
}

char
mb_measurement_csv_get_decimal_mark (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->decimal_mark;
}

GPtrArray *
mb_measurement_csv_get_rows (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->rows;
}

guint
mb_measurement_csv_get_n_problems (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_problems;
}

const char * const *
mb_measurement_csv_get_ignored_columns (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->ignored;
}

const char *
mb_measurement_csv_get_encoding (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

guint
mb_measurement_csv_get_n_columns (MbMeasurementCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->column_roles->len;
}

const char *
mb_measurement_csv_get_column_name (MbMeasurementCsv *self,
                                    guint             column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->column_roles->len, NULL);
  return self->header_names[column];
}

MbMeasurementColumn
mb_measurement_csv_get_column_role (MbMeasurementCsv *self,
                                    guint             column)
{
  g_return_val_if_fail (self != NULL, MB_MEASUREMENT_COLUMN_IGNORED);
  g_return_val_if_fail (column < self->column_roles->len, MB_MEASUREMENT_COLUMN_IGNORED);
  return g_array_index (self->column_roles, MbMeasurementColumn, column);
}

char *
mb_measurement_csv_describe_columns (MbMeasurementCsv *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->column_roles->len; i++)
    {
      MbMeasurementColumn role = g_array_index (self->column_roles, MbMeasurementColumn, i);
      const char *what;

      switch (role)
        {
        case MB_MEASUREMENT_COLUMN_PERIOD: what = C_("column of a file", "period"); break;
        case MB_MEASUREMENT_COLUMN_TERRITORY: what = C_("column of a file", "territory"); break;
        case MB_MEASUREMENT_COLUMN_GENDER: what = C_("column of a file", "gender"); break;
        case MB_MEASUREMENT_COLUMN_VALUE: what = C_("column of a file", "value"); break;
        case MB_MEASUREMENT_COLUMN_STATUS: what = C_("column of a file", "status"); break;
        case MB_MEASUREMENT_COLUMN_NOTE: what = C_("column of a file", "note"); break;
        case MB_MEASUREMENT_COLUMN_SPARE_TERRITORY:
          what = C_("column of a file", "ignored, the territory is read from another column");
          break;
        case MB_MEASUREMENT_COLUMN_IGNORED:
        default:
          what = C_("column of a file", "ignored");
          break;
        }
      if (*self->header_names[i] == '\0' && role == MB_MEASUREMENT_COLUMN_IGNORED)
        continue;  /* an unnamed column, as Excel leaves after the data */
      if (text->len > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a column of a CSV file and what it is read as */
      g_string_append_printf (text, _("%s → %s"), self->header_names[i], what);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
mb_measurement_csv_import (MbMeasurementCsv  *self,
                           MbStore           *store,
                           const char        *indicator_id,
                           const char        *file_name,
                           GError           **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (indicator_id != NULL, FALSE);

  if (self->n_problems > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);
      guint named = 0;

      g_string_printf (message,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Nothing was imported: %u row cannot be read.",
                                    "Nothing was imported: %u rows cannot be read.",
                                    self->n_problems),
                       self->n_problems);
      for (guint i = 0; i < self->rows->len && named < MAX_NAMED_PROBLEMS; i++)
        {
          MbMeasurementRow *row = self->rows->pdata[i];

          if (row->problem == NULL)
            continue;
          g_string_append_c (message, ' ');
          g_string_append_printf (message, _("Row %u: %s."), row->line, row->problem);
          named++;
        }
      if (self->n_problems > named)
        g_string_append_printf (message, _(" And %u more."), self->n_problems - named);

      g_set_error_literal (error, MB_MEASUREMENT_CSV_ERROR,
                           MB_MEASUREMENT_CSV_ERROR_INVALID_ROWS, message->str);
      return FALSE;
    }

  label = g_strdup_printf (_("Import “%s”"), file_name ? file_name : _("CSV file"));
  return mb_indicator_stats_record_rows (store, indicator_id, self->rows, label, error);
}

/* Export */

static void
append_number (GString *out,
               double   value,
               char     decimal_mark)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize start = out->len;

  if (isnan (value))
    return;

  if (value == floor (value) && fabs (value) < 1e15)
    g_ascii_formatd (buf, sizeof buf, "%.0f", value);
  else
    {
      /* The shortest form that reads back as the same double, without the
       * noise digits of %.17g. */
      for (int precision = 1; precision <= 17; precision++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
    }

  g_string_append (out, buf);
  if (decimal_mark != '.')
    for (gsize i = start; i < out->len; i++)
      if (out->str[i] == '.')
        out->str[i] = decimal_mark;
}

static void
append_text (GString    *out,
             const char *text,
             char        separator)
{
  if (text == NULL)
    return;

  if (strchr (text, separator) || strchr (text, '"') || strchr (text, '\n') ||
      strchr (text, '\r') || g_ascii_isspace (text[0]) ||
      (*text && g_ascii_isspace (text[strlen (text) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

char *
mb_measurement_csv_export (GListModel   *measurements,
                           MbCsvDialect  dialect,
                           gsize        *length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char sep = dialect == MB_CSV_DIALECT_EXCEL_SWEDISH ? ';' : ',';
  char mark = dialect == MB_CSV_DIALECT_EXCEL_SWEDISH ? ',' : '.';
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (measurements), NULL);

  if (dialect == MB_CSV_DIALECT_EXCEL_SWEDISH)
    g_string_append (out, "\xEF\xBB\xBF");
  for (guint c = 0; c < N_COLS; c++)
    {
      if (c > 0)
        g_string_append_c (out, sep);
      g_string_append (out, column_names[c]);
    }
  g_string_append (out, "\r\n");

  n = g_list_model_get_n_items (measurements);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbMeasurementItem) item = g_list_model_get_item (measurements, i);

      append_text (out, mb_measurement_item_get_period (item), sep);
      g_string_append_c (out, sep);
      append_text (out, mb_measurement_item_get_territory_code (item), sep);
      g_string_append_c (out, sep);
      append_text (out, mb_measurement_item_get_gender (item), sep);
      g_string_append_c (out, sep);
      append_number (out, mb_measurement_item_get_value (item), mark);
      g_string_append_c (out, sep);
      append_text (out, mb_measurement_item_get_status (item), sep);
      g_string_append_c (out, sep);
      append_text (out, mb_measurement_item_get_note (item), sep);
      g_string_append (out, "\r\n");
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
