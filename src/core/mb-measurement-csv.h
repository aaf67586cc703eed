/* mb-measurement-csv.h – measurements from and to CSV, as Swedish Excel and others write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-catalogue.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_MEASUREMENT_CSV_ERROR (mb_measurement_csv_error_quark ())

typedef enum
{
  MB_MEASUREMENT_CSV_ERROR_SYNTAX,        /* neither UTF-8 nor Windows-1252, a NUL byte,
                                           * an unclosed quote */
  MB_MEASUREMENT_CSV_ERROR_EMPTY,         /* no header, or no row below it */
  MB_MEASUREMENT_CSV_ERROR_HEADER,        /* a required column is missing or named twice */
  MB_MEASUREMENT_CSV_ERROR_INVALID_ROWS,  /* some rows cannot be recorded (import refused) */
} MbMeasurementCsvError;

/* What an export writes. */
typedef enum
{
  MB_CSV_DIALECT_EXCEL_SWEDISH,  /* UTF-8 with BOM, ';', decimal comma, CRLF */
  MB_CSV_DIALECT_PLAIN,          /* UTF-8, ',', decimal point, CRLF (RFC 4180) */
} MbCsvDialect;

/* What a column of the file became. */
typedef enum
{
  MB_MEASUREMENT_COLUMN_IGNORED,          /* not recognised */
  MB_MEASUREMENT_COLUMN_PERIOD,
  MB_MEASUREMENT_COLUMN_TERRITORY,
  MB_MEASUREMENT_COLUMN_GENDER,
  MB_MEASUREMENT_COLUMN_VALUE,
  MB_MEASUREMENT_COLUMN_STATUS,
  MB_MEASUREMENT_COLUMN_NOTE,
  MB_MEASUREMENT_COLUMN_SPARE_TERRITORY,  /* names territories too, but another column is used */
} MbMeasurementColumn;

typedef struct _MbMeasurementCsv MbMeasurementCsv;

GQuark            mb_measurement_csv_error_quark      (void);

/* Reads a whole file: UTF-8 (with or without a byte order mark), UTF-16 with
 * a byte order mark, or else Windows-1252, as Excel's "CSV (semikolonavgränsad)"
 * writes it on Swedish Windows. The first row names the columns, in English
 * or Swedish, in any case, with or without diacritics and in any order:
 * period (år), territory (område, kommun, kommunnamn, kommunkod, region, län,
 * municipality, …), gender (kön), value (värde), status, note (anteckning,
 * kommentar); period and value are required, other columns are ignored. When
 * several columns name the territory, a code column is used before a name
 * column. The separator (';' or ',') is taken from the header row and the
 * decimal mark (comma or point) from the values of the whole file.
 * Territories may be written as codes (leading zeros that Excel dropped are
 * restored: 23 → 0023; a code must be one of a Swedish county, region or
 * municipality) or, with @catalogue, as the names it knows, in any case and
 * with or without diacritics. Problems of single rows (a value that cannot be
 * read, a territory that cannot be placed, a second row for the same period,
 * territory and gender) do not fail the parse: see mb_measurement_csv_get_rows(). */
MbMeasurementCsv *mb_measurement_csv_parse            (const char        *data,
                                                       gsize              length,
                                                       MbCatalogue       *catalogue,
                                                       GError           **error);
void              mb_measurement_csv_free             (MbMeasurementCsv  *self);

char              mb_measurement_csv_get_separator    (MbMeasurementCsv  *self);
/* ',' or '.', or 0 when the file has only whole numbers. */
char              mb_measurement_csv_get_decimal_mark (MbMeasurementCsv  *self);
/* The data rows in file order (MbMeasurementRow, each with its line number;
 * a row that cannot be recorded has its problem set). */
GPtrArray        *mb_measurement_csv_get_rows         (MbMeasurementCsv  *self);
guint             mb_measurement_csv_get_n_problems   (MbMeasurementCsv  *self);
/* Header names that were not recognised and so are ignored. */
const char * const *mb_measurement_csv_get_ignored_columns (MbMeasurementCsv *self);
/* "UTF-8", "UTF-16" or "Windows-1252": how the file was read. */
const char       *mb_measurement_csv_get_encoding     (MbMeasurementCsv  *self);
/* The header row's columns, in file order, and what each became. */
guint             mb_measurement_csv_get_n_columns    (MbMeasurementCsv  *self);
const char       *mb_measurement_csv_get_column_name  (MbMeasurementCsv  *self,
                                                       guint              column);
MbMeasurementColumn mb_measurement_csv_get_column_role (MbMeasurementCsv *self,
                                                       guint              column);
/* One line for a preview: "År → period, Kommunnamn → territory, Källa → ignored". */
char             *mb_measurement_csv_describe_columns (MbMeasurementCsv  *self);

/* Records every row for @indicator_id as one undo step, "Import “@file_name”"
 * (a batch action: mb_indicator_stats_record_rows()).
 * Refuses (MB_MEASUREMENT_CSV_ERROR_INVALID_ROWS, naming the rows) and writes
 * nothing if any row has a problem. */
gboolean          mb_measurement_csv_import           (MbMeasurementCsv  *self,
                                                       MbStore           *store,
                                                       const char        *indicator_id,
                                                       const char        *file_name,
                                                       GError           **error);

/* Writes @measurements (MbMeasurementItem) as CSV with an English header;
 * territories as codes. Returns the bytes; @length gets their number. */
char             *mb_measurement_csv_export           (GListModel        *measurements,
                                                       MbCsvDialect       dialect,
                                                       gsize             *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbMeasurementCsv, mb_measurement_csv_free)

G_END_DECLS
