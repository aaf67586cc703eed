/* mb-report.h – the follow-up report (uppföljningsrapport) built from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-catalogue.h"
#include "mb-report-doc.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* The parts of the report, in its order (RUN/12/2022's shape). */
typedef enum
{
  MB_REPORT_SECTION_FRAMEWORK  = 1 << 0,  /* the strategy documents in their hierarchy */
  MB_REPORT_SECTION_PRIORITIES = 1 << 1,  /* the long-term goal, priorities, strength areas */
  MB_REPORT_SECTION_GOALS      = 1 << 2,  /* assessment, indicators, projects per goal */
  MB_REPORT_SECTION_DONE       = 1 << 3,  /* what was done in the year */
  MB_REPORT_SECTION_NEXT       = 1 << 4,  /* what happens next: the roadmap */
  MB_REPORT_SECTION_ANNEX      = 1 << 5,  /* indicator definitions, cut-off, what is illustrative */
} MbReportSections;

#define MB_REPORT_SECTION_ALL (MB_REPORT_SECTION_FRAMEWORK | MB_REPORT_SECTION_PRIORITIES | \
                               MB_REPORT_SECTION_GOALS | MB_REPORT_SECTION_DONE | \
                               MB_REPORT_SECTION_NEXT | MB_REPORT_SECTION_ANNEX)

typedef struct
{
  const char       *strategy_id;
  int               year;         /* 1900–2200 */
  MbReportLanguage  language;
  MbReportSections  sections;     /* 0 = all */
  /* Goals of the first @depth levels of the strategy get their own section
   * (0 = every level). */
  guint             depth;
  /* Territory names for the tables by municipality; NULL: codes. */
  MbCatalogue      *catalogue;
} MbReportOptions;

/* Builds the report of the strategy's follow-up of @options->year. A year
 * without a follow-up round still gets its report, every goal marked as not
 * assessed. Checks @cancellable between goals. Errors: MB_STORE_ERROR_NOT_FOUND
 * for an unknown strategy, G_IO_ERROR_INVALID_ARGUMENT for a year outside
 * 1900–2200, G_IO_ERROR_CANCELLED. */
MbReportDoc *mb_report_build (MbStore               *store,
                              const MbReportOptions *options,
                              GCancellable          *cancellable,
                              GError               **error);

G_END_DECLS
