/* mb-report-write.c – writing a report's document in the format its file asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-report-write.h"

gboolean
mb_report_format_from_path (const char     *path,
                            MbReportFormat *format)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  if (g_str_has_suffix (lower, ".odt"))
    *format = MB_REPORT_FORMAT_ODT;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = MB_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    *format = MB_REPORT_FORMAT_HTML;
  else
    return FALSE;
  return TRUE;
}

gboolean
mb_report_write (MbReportDoc *doc,
                 const char  *path,
                 const char  *template_path,
                 GError     **error)
{
  MbReportFormat format;

  if (!mb_report_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: a report is written as .odt, .pdf or .html"), path);
      return FALSE;
    }

  switch (format)
    {
    case MB_REPORT_FORMAT_ODT:
      return mb_report_write_odt (doc, path, template_path, error);
    case MB_REPORT_FORMAT_PDF:
      return mb_report_write_pdf (doc, path, error);
    case MB_REPORT_FORMAT_HTML:
    default:
      return mb_report_write_html (doc, path, error);
    }
}
