/* mb-report-html.c – a report as one self-contained, accessible HTML file
 *
 * Semantic headings, tables with <th scope>, charts as inline SVG with
 * their titles and descriptions, one small style sheet, no scripts and
 * nothing fetched: the file can be published as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mb-report-chart.h"
#include "mb-report-write.h"

#define CHART_WIDTH  640.0
#define CHART_HEIGHT 300.0

static const char style_sheet[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:48rem;margin:2rem auto;"
  "padding:0 1rem;line-height:1.5;color:#1e1e1e;background:#fff}"
  "h1,h2,h3{line-height:1.25}h1{font-size:1.7rem;margin-top:2.5rem}"
  "h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}"
  "header.title{margin-bottom:3rem}header.title p{margin:.2rem 0}"
  ".title-main{font-size:2rem;font-weight:bold;margin:1rem 0}"
  "table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.9rem}"
  "caption{text-align:left;font-weight:bold;padding:.3rem 0}"
  "th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}"
  "thead th{border-bottom:2px solid #555}td.num,th.num{text-align:right;white-space:nowrap}"
  ".status{font-weight:bold;font-size:1.05rem}"
  ".status-on-track{color:#1c6b2a}.status-some-progress{color:#5c5c00}"
  ".status-at-risk{color:#8f4a00}.status-off-track{color:#a51d2d}"
  ".status-not-assessable{color:#555}"
  ".note{font-style:italic;color:#555}figure{margin:1.5rem 0}"
  "figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#333}"
  "nav ol{padding-left:1.2rem}nav li{margin:.15rem 0}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* A paragraph's line breaks kept as <br>. */
static void
append_text (GString    *out,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br/>");
      append_escaped (out, lines[i]);
    }
}

static void
append_toc (GString     *out,
            MbReportDoc *doc,
            guint        from)
{
  int open = 0;

  g_string_append (out, "<nav aria-labelledby=\"toc\">\n<h2 id=\"toc\">");
  append_escaped (out, doc->toc_title);
  g_string_append (out, "</h2>\n");
  for (guint i = from; i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind != MB_REPORT_BLOCK_HEADING)
        continue;
      /* Nested lists, one per level. */
      if (block->level > open)
        {
          for (; open < block->level; open++)
            g_string_append (out, "<ol>");
        }
      else
        {
          g_string_append (out, "</li>");
          for (; open > block->level; open--)
            g_string_append (out, "</ol></li>");
        }
      g_string_append_printf (out, "\n<li><a href=\"#%s\">", block->anchor);
      append_escaped (out, block->text);
      g_string_append (out, "</a>");
    }
  if (open > 0)
    g_string_append (out, "</li>");
  for (; open > 0; open--)
    g_string_append (out, open > 1 ? "</ol></li>" : "</ol>");
  g_string_append (out, "\n</nav>\n");
}

static void
append_table (GString       *out,
              MbReportTable *table)
{
  g_string_append (out, "<table>\n");
  if (table->caption != NULL)
    {
      g_string_append (out, "<caption>");
      append_escaped (out, table->caption);
      g_string_append (out, "</caption>\n");
    }
  g_string_append (out, "<thead><tr>");
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append_printf (out, "<th scope=\"col\"%s>",
                              table->numeric[c] ? " class=\"num\"" : "");
      append_escaped (out, table->headers[c]);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      g_string_append (out, "<tr>");
      for (guint c = 0; c < table->n_columns; c++)
        {
          gboolean head = c == 0 && table->row_headers;

          g_string_append_printf (out, "<%s%s%s>", head ? "th" : "td",
                                  head ? " scope=\"row\"" : "",
                                  table->numeric[c] ? " class=\"num\"" : "");
          append_escaped (out, row[c]);
          g_string_append_printf (out, "</%s>", head ? "th" : "td");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static gboolean
append_chart (GString        *out,
              MbReportDoc    *doc,
              MbReportChart  *chart,
              guint           index,
              GError        **error)
{
  g_autofree char *svg = NULL;
  g_autofree char *id = g_strdup_printf ("chart-%u", index);

  /* Its ids are its own: several charts stand in one page. */
  svg = mb_report_chart_to_svg (chart, doc->language, CHART_WIDTH, CHART_HEIGHT, id, error);
  if (svg == NULL)
    return FALSE;
  g_string_append_printf (out, "<figure aria-labelledby=\"%s-caption\">\n", id);
  g_string_append (out, svg);
  g_string_append_printf (out, "\n<figcaption id=\"%s-caption\">", id);
  append_escaped (out, chart->title);
  g_string_append (out, "</figcaption>\n</figure>\n");
  return TRUE;
}

static void
append_title_page (GString     *out,
                   MbReportDoc *doc)
{
  const char *lines[] = { doc->unit, doc->contact, doc->date, doc->registration_number };

  g_string_append (out, "<header class=\"title\">\n");
  if (doc->region != NULL)
    {
      g_string_append (out, "<p>");
      append_escaped (out, doc->region);
      g_string_append (out, "</p>\n");
    }
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i] != NULL && *lines[i] != '\0')
      {
        g_string_append (out, "<p>");
        append_escaped (out, lines[i]);
        g_string_append (out, "</p>\n");
      }
  /* The document's one h1 is the report's title; sections are h2 below. */
  g_string_append (out, "<h1 class=\"title-main\">");
  append_escaped (out, doc->title);
  g_string_append (out, "</h1>\n");
  if (doc->subtitle != NULL)
    {
      g_string_append (out, "<p>");
      append_escaped (out, doc->subtitle);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</header>\n");
}

char *
mb_report_to_html (MbReportDoc  *doc,
                   GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_charts = 0;

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                               "<meta charset=\"utf-8\"/>\n"
                               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                               "<meta name=\"generator\" content=\"Målbild\"/>\n"
                               "<meta name=\"dcterms.created\" content=\"%s\"/>\n<title>",
                          doc->lang_tag, doc->generated);
  append_escaped (out, doc->title);
  if (doc->subtitle != NULL)
    {
      g_string_append (out, " – ");
      append_escaped (out, doc->subtitle);
    }
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style_sheet);
  append_title_page (out, doc);
  g_string_append (out, "<main>\n");

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case MB_REPORT_BLOCK_TOC:
          append_toc (out, doc, i + 1);
          break;

        case MB_REPORT_BLOCK_HEADING:
          /* Levels one down: the title is the h1. */
          g_string_append_printf (out, "<h%d id=\"%s\">", block->level + 1, block->anchor);
          append_escaped (out, block->text);
          g_string_append_printf (out, "</h%d>\n", block->level + 1);
          break;

        case MB_REPORT_BLOCK_PARAGRAPH:
          if (block->style == MB_REPORT_PARAGRAPH_STATUS)
            g_string_append_printf (out, "<p class=\"status status-%s\">",
                                    mb_assessment_status_to_string (block->status));
          else if (block->style == MB_REPORT_PARAGRAPH_NOTE)
            g_string_append (out, "<p class=\"note\">");
          else
            g_string_append (out, "<p>");
          append_text (out, block->text);
          g_string_append (out, "</p>\n");
          break;

        case MB_REPORT_BLOCK_LIST:
          g_string_append (out, "<ul>\n");
          for (guint j = 0; j < block->items->len; j++)
            {
              g_string_append (out, "<li>");
              append_escaped (out, g_ptr_array_index (block->items, j));
              g_string_append (out, "</li>\n");
            }
          g_string_append (out, "</ul>\n");
          break;

        case MB_REPORT_BLOCK_TABLE:
          append_table (out, block->table);
          break;

        case MB_REPORT_BLOCK_CHART:
          if (!append_chart (out, doc, block->chart, ++n_charts, error))
            return NULL;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (out, "</main>\n</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
mb_report_write_html (MbReportDoc  *doc,
                      const char   *path,
                      GError      **error)
{
  g_autofree char *html = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;

  html = mb_report_to_html (doc, error);
  if (html == NULL)
    return FALSE;
  /* g_file_replace_contents writes beside and renames: all or nothing. */
  if (!g_file_replace_contents (file, html, strlen (html), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
