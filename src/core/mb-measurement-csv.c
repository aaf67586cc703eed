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

/* Header names, folded to lower case, for each column. */
static const struct
{
  const char *name;
  Column      column;
} header_aliases[] = {
  { "period", COL_PERIOD }, { "år", COL_PERIOD }, { "year", COL_PERIOD },
  { "tid", COL_PERIOD }, { "time", COL_PERIOD }, { "tidsperiod", COL_PERIOD },
  { "territory", COL_TERRITORY }, { "territory_code", COL_TERRITORY },
  { "territory code", COL_TERRITORY }, { "område", COL_TERRITORY },
  { "områdeskod", COL_TERRITORY }, { "kommun", COL_TERRITORY }, { "kommunkod", COL_TERRITORY },
  { "region", COL_TERRITORY }, { "regionkod", COL_TERRITORY }, { "kod", COL_TERRITORY },
  { "municipality", COL_TERRITORY }, { "geografi", COL_TERRITORY },
  { "gender", COL_GENDER }, { "kön", COL_GENDER }, { "sex", COL_GENDER },
  { "value", COL_VALUE }, { "värde", COL_VALUE },
  { "status", COL_STATUS },
  { "note", COL_NOTE }, { "notes", COL_NOTE }, { "anteckning", COL_NOTE },
  { "kommentar", COL_NOTE }, { "comment", COL_NOTE }, { "notering", COL_NOTE },
};

struct _MbMeasurementCsv
{
  char       separator;
  char       decimal_mark;
  GPtrArray *rows;          /* of MbMeasurementRow */
  GStrv      ignored;
  guint      n_problems;
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

static char *
fold_header (const char *name)
{
  g_autofree char *down = g_utf8_strdown (name, -1);

  g_strstrip (down);
  return g_steal_pointer (&down);
}

/* A territory as written: a code (zeros restored), a name, or "Sverige". */
static char *
parse_territory (const char   *text,
                 MbCatalogue  *catalogue,
                 char        **problem)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gsize len = strlen (trimmed);
  gboolean digits = len > 0;

  if (len == 0)
    return g_strdup (MB_TERRITORY_NONE);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (trimmed[i]))
      digits = FALSE;
  if (digits && len <= 4)
    return g_strdup_printf ("%04d", atoi (trimmed));

  if (!digits)
    {
      g_autofree char *folded = g_utf8_casefold (trimmed, -1);

      if (g_str_equal (folded, "sverige") || g_str_equal (folded, "riket") ||
          g_str_equal (folded, "sweden"))
        return g_strdup (MB_TERRITORY_NONE);

      if (catalogue != NULL)
        {
          GListModel *entries = mb_catalogue_get_entries (catalogue,
                                                          MB_CATALOGUE_KIND_TERRITORY);
          guint n = entries ? g_list_model_get_n_items (entries) : 0;

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(MbCatalogueEntry) entry = g_list_model_get_item (entries, i);
              g_autofree char *name = NULL;
              const char *county = mb_catalogue_entry_get_field (entry, "county_name");
              gboolean is_region = g_strcmp0 (mb_catalogue_entry_get_field (entry,
                                                                            "kolada_type"),
                                              "L") == 0;

              name = g_utf8_casefold (mb_catalogue_entry_get_title (entry), -1);
              if (g_str_equal (name, folded))
                return g_strdup (mb_catalogue_entry_get_id (entry));
              /* A region is also known by its county's name ("Jämtlands län"). */
              if (is_region && county != NULL)
                {
                  g_autofree char *county_folded = g_utf8_casefold (county, -1);

                  if (g_str_equal (county_folded, folded))
                    return g_strdup (mb_catalogue_entry_get_id (entry));
                }
            }
        }
    }

  *problem = g_strdup_printf (_("“%s” is not a territory: write a code such as 0023 or 2380%s"),
                              trimmed, catalogue ? _(" or a municipality’s name") : "");
  return NULL;
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

MbMeasurementCsv *
mb_measurement_csv_parse (const char   *data,
                          gsize         length,
                          MbCatalogue  *catalogue,
                          GError      **error)
{
  g_autoptr(MbMeasurementCsv) self = NULL;
  g_autoptr(MbCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();
  g_autoptr(GArray) numbers = g_array_new (FALSE, TRUE, sizeof (Number));
  g_auto(GStrv) header = NULL;
  char **fields;
  int map[N_COLS];
  guint n_header, n_comma = 0, n_point = 0;
  const char *body = data;
  gsize body_length = length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_new0 (MbMeasurementCsv, 1);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_measurement_row_free);

  if (body_length >= 3 && memcmp (body, "\xEF\xBB\xBF", 3) == 0)
    body += 3, body_length -= 3;
  self->separator = detect_separator (body, body_length);

  reader = mb_csv_reader_new (data, length);
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

  for (guint c = 0; c < N_COLS; c++)
    map[c] = -1;
  n_header = g_strv_length (header);
  for (guint i = 0; i < n_header; i++)
    {
      g_autofree char *name = fold_header (header[i]);
      gboolean known = FALSE;

      for (gsize a = 0; a < G_N_ELEMENTS (header_aliases); a++)
        {
          Column column = header_aliases[a].column;

          if (!g_str_equal (name, header_aliases[a].name))
            continue;
          known = TRUE;
          if (map[column] >= 0)
            {
              g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_HEADER,
                           _("Columns “%s” and “%s” both give the %s"),
                           header[map[column]], header[i], column_names[column]);
              return NULL;
            }
          map[column] = i;
        }
      if (!known && *name != '\0')
        g_strv_builder_add (ignored, header[i]);
    }
  self->ignored = g_strv_builder_end (ignored);

  if (map[COL_PERIOD] < 0 || map[COL_VALUE] < 0)
    {
      g_set_error (error, MB_MEASUREMENT_CSV_ERROR, MB_MEASUREMENT_CSV_ERROR_HEADER,
                   _("The first row must name the columns, at least “period” and “value”"
                     " (or “år” and “värde”): period;territory;gender;value;status;note"));
      return NULL;
    }

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
      else if (!(row->territory_code = parse_territory (territory_text ? territory_text : "",
                                                        catalogue, &row->problem)))
        ;
      else if (!(row->gender = g_strdup (mb_measurement_parse_gender (gender_text,
                                                                      &field_error))))
        row->problem = g_strdup (field_error->message);
      else
        {
          number = classify_number (value_text ? value_text : "");
          number.text = g_strdup (value_text);
          if (number.kind == NUMBER_INVALID)
            row->problem = g_strdup_printf (_("“%s” is not a number"), value_text);
          else if (number.kind == NUMBER_COMMA && !number.group_like)
            n_comma++;
          else if (number.kind == NUMBER_POINT && !number.group_like)
            n_point++;
        }

      g_array_append_val (numbers, number);
      g_ptr_array_add (self->rows, g_steal_pointer (&row));
    }
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
            row->problem = g_strdup_printf (_("the value %s is too large"), number->digits);
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
