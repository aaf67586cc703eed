/* mb-report-doc.c – a follow-up report as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "mb-report-doc.h"

static void
series_free (gpointer data)
{
  MbReportSeries *series = data;

  g_free (series->label);
  g_array_unref (series->years);
  g_array_unref (series->values);
  g_free (series);
}

static void
table_free (MbReportTable *table)
{
  g_free (table->caption);
  g_strfreev (table->headers);
  g_free (table->numeric);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
chart_free (MbReportChart *chart)
{
  g_free (chart->title);
  g_free (chart->description);
  g_free (chart->unit);
  g_array_unref (chart->target_years);
  g_array_unref (chart->target_values);
  g_array_unref (chart->earlier_years);
  g_array_unref (chart->earlier_values);
  g_ptr_array_unref (chart->series);
  g_free (chart);
}

static void
block_free (gpointer data)
{
  MbReportBlock *block = data;

  g_free (block->anchor);
  g_free (block->text);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_clear_pointer (&block->table, table_free);
  g_clear_pointer (&block->chart, chart_free);
  g_free (block);
}

MbReportDoc *
mb_report_doc_new (MbReportLanguage language)
{
  MbReportDoc *doc = g_new0 (MbReportDoc, 1);
  gboolean sv = language == MB_REPORT_LANGUAGE_SWEDISH;

  doc->language = language;
  doc->lang_tag = g_strdup (sv ? "sv-SE" : "en-GB");
  doc->toc_title = g_strdup (sv ? "Innehåll" : "Contents");
  doc->page_word = g_strdup (sv ? "Sida" : "Page");
  doc->of_word = g_strdup (sv ? "av" : "of");
  doc->generated = mb_report_get_generated_time ();
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  return doc;
}

void
mb_report_doc_free (MbReportDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->lang_tag);
  g_free (doc->region);
  g_free (doc->title);
  g_free (doc->subtitle);
  g_free (doc->registration_number);
  g_free (doc->date);
  g_free (doc->unit);
  g_free (doc->contact);
  g_free (doc->toc_title);
  g_free (doc->page_word);
  g_free (doc->of_word);
  g_free (doc->generated);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

static MbReportBlock *
add_block (MbReportDoc       *doc,
           MbReportBlockKind  kind)
{
  MbReportBlock *block = g_new0 (MbReportBlock, 1);

  block->kind = kind;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
mb_report_doc_add_toc (MbReportDoc *doc)
{
  add_block (doc, MB_REPORT_BLOCK_TOC);
}

const char *
mb_report_doc_add_heading (MbReportDoc *doc,
                           int          level,
                           const char  *anchor,
                           const char  *text)
{
  MbReportBlock *block;

  g_return_val_if_fail (level >= 1 && level <= 3, NULL);

  block = add_block (doc, MB_REPORT_BLOCK_HEADING);
  block->level = level;
  block->text = g_strdup (text);
  block->anchor = anchor != NULL ? g_strdup (anchor)
                                 : g_strdup_printf ("section-%u", doc->blocks->len);
  return block->anchor;
}

void
mb_report_doc_add_paragraph (MbReportDoc           *doc,
                             MbReportParagraphStyle style,
                             const char            *text)
{
  MbReportBlock *block = add_block (doc, MB_REPORT_BLOCK_PARAGRAPH);

  block->style = style;
  block->text = g_strdup (text);
}

void
mb_report_doc_add_status (MbReportDoc        *doc,
                          MbAssessmentStatus  status,
                          const char         *text)
{
  MbReportBlock *block = add_block (doc, MB_REPORT_BLOCK_PARAGRAPH);

  block->style = MB_REPORT_PARAGRAPH_STATUS;
  block->status = status;
  block->text = g_strdup (text);
}

GPtrArray *
mb_report_doc_add_list (MbReportDoc *doc)
{
  MbReportBlock *block = add_block (doc, MB_REPORT_BLOCK_LIST);

  block->items = g_ptr_array_new_with_free_func (g_free);
  return block->items;
}

MbReportTable *
mb_report_doc_add_table (MbReportDoc        *doc,
                         const char         *caption,
                         guint               n_columns,
                         const char * const *headers,
                         const gboolean     *numeric)
{
  MbReportBlock *block = add_block (doc, MB_REPORT_BLOCK_TABLE);
  MbReportTable *table = g_new0 (MbReportTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);

  table->caption = g_strdup (caption);
  table->n_columns = n_columns;
  table->headers = g_new0 (char *, n_columns + 1);
  table->numeric = g_new0 (gboolean, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      table->headers[i] = g_strdup (headers[i]);
      table->numeric[i] = numeric != NULL && numeric[i];
    }
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  block->table = table;
  return table;
}

void
mb_report_table_add_row (MbReportTable      *table,
                         const char * const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

MbReportChart *
mb_report_doc_add_chart (MbReportDoc *doc,
                         const char  *title,
                         const char  *description,
                         const char  *unit)
{
  MbReportBlock *block = add_block (doc, MB_REPORT_BLOCK_CHART);
  MbReportChart *chart = g_new0 (MbReportChart, 1);

  chart->title = g_strdup (title);
  chart->description = g_strdup (description);
  chart->unit = g_strdup (unit);
  chart->baseline = NAN;
  chart->target_years = g_array_new (FALSE, FALSE, sizeof (int));
  chart->target_values = g_array_new (FALSE, FALSE, sizeof (double));
  chart->earlier_years = g_array_new (FALSE, FALSE, sizeof (int));
  chart->earlier_values = g_array_new (FALSE, FALSE, sizeof (double));
  chart->series = g_ptr_array_new_with_free_func (series_free);
  block->chart = chart;
  return chart;
}

MbReportSeries *
mb_report_chart_add_series (MbReportChart *chart,
                            const char    *label)
{
  MbReportSeries *series = g_new0 (MbReportSeries, 1);

  series->label = g_strdup (label);
  series->years = g_array_new (FALSE, FALSE, sizeof (double));
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (chart->series, series);
  return series;
}

void
mb_report_series_add_point (MbReportSeries *series,
                            double          year,
                            double          value)
{
  g_array_append_val (series->years, year);
  g_array_append_val (series->values, value);
}

void
mb_report_chart_add_target (MbReportChart *chart,
                            int            year,
                            double         value)
{
  g_array_append_val (chart->target_years, year);
  g_array_append_val (chart->target_values, value);
}

void
mb_report_chart_add_earlier_target (MbReportChart *chart,
                                    int            year,
                                    double         value)
{
  /* A target changed twice back to a value it had is drawn once. */
  for (guint i = 0; i < chart->earlier_years->len; i++)
    if (g_array_index (chart->earlier_years, int, i) == year &&
        g_array_index (chart->earlier_values, double, i) == value)
      return;
  g_array_append_val (chart->earlier_years, year);
  g_array_append_val (chart->earlier_values, value);
}

GPtrArray *
mb_report_doc_list_headings (MbReportDoc *doc)
{
  GPtrArray *headings = g_ptr_array_new ();

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind == MB_REPORT_BLOCK_HEADING)
        g_ptr_array_add (headings, block);
    }
  return headings;
}

char *
mb_report_get_generated_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) time = NULL;

  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (epoch, &end, 10);

      if (end != NULL && *end == '\0')
        time = g_date_time_new_from_unix_utc (seconds);
    }
  if (time == NULL)
    time = g_date_time_new_now_utc ();
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}
