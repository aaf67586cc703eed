/* mb-report-write.h – writing a report's document as ODT, PDF or HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-report-doc.h"

G_BEGIN_DECLS

typedef enum
{
  MB_REPORT_FORMAT_ODT,
  MB_REPORT_FORMAT_PDF,
  MB_REPORT_FORMAT_HTML,
} MbReportFormat;

/* The format a file name asks for by its extension (case-insensitive):
 * FALSE for any other. */
gboolean mb_report_format_from_path (const char      *path,
                                     MbReportFormat  *format);

/* Each writer writes the whole file or nothing: it writes beside @path and
 * renames into place, so a failure leaves no half-written report. Errors
 * name the file. */

/* OpenDocument Text, with named styles a region can restyle. @template_path
 * (NULL: the built-in styles): an .odt whose styles.xml is used. */
gboolean mb_report_write_odt  (MbReportDoc    *doc,
                               const char     *path,
                               const char     *template_path,
                               GError        **error);
/* A4 tagged PDF: headings, paragraphs, tables, figures with their text
 * alternatives, links, page numbers, an outline. */
gboolean mb_report_write_pdf  (MbReportDoc    *doc,
                               const char     *path,
                               GError        **error);
/* The HTML text of the report, for the writer and for tests. */
char    *mb_report_to_html    (MbReportDoc    *doc,
                               GError        **error);
/* One self-contained HTML file: no scripts, charts as inline SVG. */
gboolean mb_report_write_html (MbReportDoc    *doc,
                               const char     *path,
                               GError        **error);

/* By the path's extension; G_IO_ERROR_INVALID_ARGUMENT for another. */
gboolean mb_report_write      (MbReportDoc    *doc,
                               const char     *path,
                               const char     *template_path,
                               GError        **error);

G_END_DECLS
