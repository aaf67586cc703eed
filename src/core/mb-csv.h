/* mb-csv.h – an RFC 4180 CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MB_CSV_ERROR (mb_csv_error_quark ())

typedef enum
{
  MB_CSV_ERROR_INVALID_UTF8,
  MB_CSV_ERROR_NUL,
  MB_CSV_ERROR_UNTERMINATED_QUOTE,
  MB_CSV_ERROR_STRAY_QUOTE,
} MbCsvError;

typedef struct _MbCsvReader MbCsvReader;

GQuark       mb_csv_error_quark         (void);

MbCsvReader *mb_csv_reader_new          (const char  *data,
                                         gsize        length);
void         mb_csv_reader_set_separator (MbCsvReader *reader,
                                          char         separator);
void         mb_csv_reader_free         (MbCsvReader *reader);
char       **mb_csv_reader_read_record  (MbCsvReader *reader,
                                         GError     **error);
guint        mb_csv_reader_get_line     (MbCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbCsvReader, mb_csv_reader_free)

G_END_DECLS
