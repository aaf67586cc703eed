/* mb-report-doc.h – a follow-up report as a document: what the writers write
 *
 * The report is built once (mb-report.c, from the library) into this plain
 * tree of blocks, and each format (ODT, PDF, HTML) writes the same tree. No
 * writer reads the library, so every format shows the same numbers, and a
 * writer can be tested on a document built by hand.
 *
 * All text is UTF-8, already formatted in the document's language (numbers
 * with decimal commas in Swedish, "–" for a missing value).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-assessment.h"

G_BEGIN_DECLS

typedef enum
{
  MB_REPORT_BLOCK_TOC,        /* the table of contents, of the headings after it */
  MB_REPORT_BLOCK_HEADING,
  MB_REPORT_BLOCK_PARAGRAPH,
  MB_REPORT_BLOCK_LIST,
  MB_REPORT_BLOCK_TABLE,
  MB_REPORT_BLOCK_CHART,
} MbReportBlockKind;

typedef enum
{
  MB_REPORT_PARAGRAPH_BODY,
  MB_REPORT_PARAGRAPH_STATUS,  /* an assessment's status: its symbol and word */
  MB_REPORT_PARAGRAPH_NOTE,    /* a remark on the data: "No values yet." */
} MbReportParagraphStyle;

typedef struct
{
  char      *label;            /* "Östersund, women" */
  GArray    *years;            /* double */
  GArray    *values;           /* double */
} MbReportSeries;

typedef struct
{
  char      *caption;          /* shown above the table; may be NULL */
  guint      n_columns;
  char     **headers;          /* n_columns column headers */
  gboolean  *numeric;          /* n_columns: right-aligned figures */
  gboolean   row_headers;      /* the first cell of each row heads it */
  GPtrArray *rows;             /* of char ** (n_columns cells, NULL-terminated) */
} MbReportTable;

typedef struct
{
  char      *title;
  char      *description;      /* the text alternative */
  char      *unit;             /* may be NULL */
  gboolean   decreasing;       /* lower is better */
  double     baseline;         /* NAN: none */
  int        baseline_year;
  GArray    *target_years;     /* int */
  GArray    *target_values;    /* double */
  /* Values the targets had before an adopted strategy's change: drawn
   * faint, with a legend entry, only when there are any. */
  GArray    *earlier_years;    /* int */
  GArray    *earlier_values;   /* double */
  GPtrArray *series;           /* of MbReportSeries */
} MbReportChart;

typedef struct
{
  MbReportBlockKind kind;
  /* HEADING: 1–3; the anchor is unique in the document ("goal-3", "annex"). */
  int                    level;
  char                  *anchor;
  /* HEADING, PARAGRAPH: the text. */
  char                  *text;
  /* PARAGRAPH */
  MbReportParagraphStyle style;
  MbAssessmentStatus     status;  /* STATUS paragraphs */
  /* LIST: of char *. */
  GPtrArray             *items;
  MbReportTable         *table;
  MbReportChart         *chart;
} MbReportBlock;

typedef enum
{
  MB_REPORT_LANGUAGE_SWEDISH,
  MB_REPORT_LANGUAGE_ENGLISH,
} MbReportLanguage;

typedef struct
{
  MbReportLanguage language;
  char      *lang_tag;            /* "sv-SE", "en-GB" */

  /* The title page. Any may be NULL but the title. */
  char      *region;              /* "Region Jämtland Härjedalen" */
  char      *title;               /* "Uppföljning av RUS och S3 2025" */
  char      *subtitle;            /* the strategy's title */
  char      *registration_number; /* "RUN/12/2022" */
  char      *date;                /* the report's date as people write it */
  char      *unit;                /* the responsible unit */
  char      *contact;
  char      *toc_title;           /* "Innehåll", "Contents" */
  /* "Page %d of %d" style labels for the PDF's footer: "Sida", "av". */
  char      *page_word;
  char      *of_word;

  /* The date stamped in the file's metadata (ISO 8601, UTC), from
   * SOURCE_DATE_EPOCH when set, so equal libraries give equal files. */
  char      *generated;

  GPtrArray *blocks;              /* of MbReportBlock */
} MbReportDoc;

MbReportDoc   *mb_report_doc_new            (MbReportLanguage     language);
void           mb_report_doc_free           (MbReportDoc         *doc);

void           mb_report_doc_add_toc        (MbReportDoc         *doc);
/* Returns the heading's anchor (owned by the document). With @anchor NULL
 * one is made from the heading's place: "section-7". */
const char    *mb_report_doc_add_heading    (MbReportDoc         *doc,
                                             int                  level,
                                             const char          *anchor,
                                             const char          *text);
void           mb_report_doc_add_paragraph  (MbReportDoc         *doc,
                                             MbReportParagraphStyle style,
                                             const char          *text);
/* "✓ On track" style paragraph; @text is the symbol and the word. */
void           mb_report_doc_add_status     (MbReportDoc         *doc,
                                             MbAssessmentStatus   status,
                                             const char          *text);
/* Takes a list of items; returns it to append to (char *, freed with it). */
GPtrArray     *mb_report_doc_add_list       (MbReportDoc         *doc);
/* @headers: @n_columns strings. @numeric: @n_columns flags, or NULL. */
MbReportTable *mb_report_doc_add_table      (MbReportDoc         *doc,
                                             const char          *caption,
                                             guint                n_columns,
                                             const char * const  *headers,
                                             const gboolean      *numeric);
/* @cells: n_columns strings (NULL counts as ""). */
void           mb_report_table_add_row      (MbReportTable       *table,
                                             const char * const  *cells);
MbReportChart *mb_report_doc_add_chart      (MbReportDoc         *doc,
                                             const char          *title,
                                             const char          *description,
                                             const char          *unit);
MbReportSeries *mb_report_chart_add_series  (MbReportChart       *chart,
                                             const char          *label);
void           mb_report_series_add_point   (MbReportSeries      *series,
                                             double               year,
                                             double               value);
void           mb_report_chart_add_target   (MbReportChart       *chart,
                                             int                  year,
                                             double               value);
void           mb_report_chart_add_earlier_target (MbReportChart *chart,
                                             int                  year,
                                             double               value);

/* The headings of the document in order (MbReportBlock *, not owned), for
 * tables of contents and outlines. */
GPtrArray     *mb_report_doc_list_headings  (MbReportDoc         *doc);

/* SOURCE_DATE_EPOCH as an ISO 8601 UTC time, or now. */
char          *mb_report_get_generated_time (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbReportDoc, mb_report_doc_free)

G_END_DECLS
