/* mb-indicator-stats.h – an indicator's measurements: reading, checking, recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-indicator-summary.h"
#include "mb-measurement-item.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* The territory of a value that is not split by territory (Sweden). */
#define MB_TERRITORY_NONE "0000"

#define MB_MEASUREMENT_ERROR (mb_measurement_error_quark ())

typedef enum
{
  MB_MEASUREMENT_ERROR_PERIOD,      /* not "2023", "2023-Q2" or "2023-06" */
  MB_MEASUREMENT_ERROR_TERRITORY,   /* not a four-digit territory code */
  MB_MEASUREMENT_ERROR_GENDER,      /* not T, K or M (or a word for them) */
  MB_MEASUREMENT_ERROR_VALUE,       /* not a finite number */
  MB_MEASUREMENT_ERROR_DUPLICATE,   /* a value for that period, territory and gender exists */
  MB_MEASUREMENT_ERROR_NOT_FOUND,   /* no such indicator or measurement */
} MbMeasurementError;

/* One value to record, as read from a file or a form. @line is where it came
 * from (0 = not from a file); @problem, when set, says why it cannot be
 * recorded and the other fields may be incomplete. */
typedef struct
{
  guint   line;
  char   *period;
  char   *territory_code;  /* NULL = MB_TERRITORY_NONE */
  char   *gender;          /* NULL = "T" */
  double  value;           /* NAN = no value */
  char   *status;
  char   *note;
  char   *problem;
} MbMeasurementRow;

GQuark            mb_measurement_error_quark          (void);

MbMeasurementRow *mb_measurement_row_new              (void);
void              mb_measurement_row_free             (MbMeasurementRow   *row);

/* "2023" → 2023.0, "2023-Q2" → 2023.375, "2023-06" → 2023.458…: the middle
 * of the period on a time axis in years. NAN if @period is not valid. */
double            mb_period_to_time                   (const char         *period);
gboolean          mb_measurement_check_period         (const char         *period,
                                                       GError            **error);
/* Whether @code is Sweden ("0000"), a region ("00" and a county's two
 * digits, "0023") or a municipality (a county's and two more, "2380"). The
 * form is checked, not a list of today's municipalities. */
gboolean          mb_territory_code_is_valid          (const char         *code);
gboolean          mb_measurement_check_territory      (const char         *code,
                                                       GError            **error);
/* "T", "K", "M", and the words people write for them in English and Swedish
 * ("total", "kvinnor", "män", …), case-insensitively; empty = "T". Returns
 * the one-letter code, or NULL with @error set. */
const char       *mb_measurement_parse_gender         (const char         *text,
                                                       GError            **error);

/* The progress rule, the one every view uses (canvas badges, the store's
 * mb_store_query_node_indicators(), the Indicators view and the indicator
 * page): how far @latest has come from @baseline toward @target (the last
 * target), respecting the direction: 0 = still at the baseline, 1 = the
 * target is reached, above 1 = beyond it, below 0 = moved away from it. A
 * target that lies on the wrong side of the baseline (or on it) gives 1 if
 * @latest meets it and 0 if not. NAN when any of the three is NAN: no
 * baseline, no target or no value means no progress. */
double            mb_indicator_progress               (gboolean            lower_is_better,
                                                       double              baseline,
                                                       double              target,
                                                       double              latest);

/* The indicators of @strategy_id (NULL = every indicator of the library),
 * ordered by title, as MbIndicatorSummary items. As in the store's
 * mb_store_query_node_indicators(): the latest value is the newest period's
 * total (gender T; K or M only when there is no total), the lowest territory
 * code if several (then K before M); the target is the last one; progress is
 * mb_indicator_progress() from the baseline to that target. The trend is the
 * series of the latest value's territory and gender. */
GListModel       *mb_indicator_stats_list_summaries   (MbStore            *store,
                                                       const char         *strategy_id,
                                                       GError            **error);
MbIndicatorSummary *mb_indicator_stats_get_summary    (MbStore            *store,
                                                       const char         *indicator_id,
                                                       GError            **error);

/* The targets of @indicator_id by year, as MbSeriesPoint (time = the year). */
GArray           *mb_indicator_stats_list_targets     (MbStore            *store,
                                                       const char         *indicator_id,
                                                       GError            **error);

/* The measurements of @indicator_id as MbMeasurementItem items, ordered by
 * territory, gender and period. */
GListModel       *mb_indicator_stats_list_measurements (MbStore           *store,
                                                       const char         *indicator_id,
                                                       GError            **error);

/* Records every row of @rows (MbMeasurementRow; none may have a problem) for
 * @indicator_id as one batch action labelled @label (the imports' way in): an
 * upsert by period × territory × gender. All or nothing; one undo step that
 * deletes the new rows and gives the changed ones their old values back. */
gboolean          mb_indicator_stats_record_rows      (MbStore            *store,
                                                       const char         *indicator_id,
                                                       GPtrArray          *rows,
                                                       const char         *label,
                                                       GError            **error);

/* Values for one indicator, for mb_indicator_stats_record_many(). */
typedef struct
{
  const char *indicator_id;
  GPtrArray  *rows;   /* of MbMeasurementRow */
} MbIndicatorRows;

/* Records the values of several indicators as one batch action labelled
 * @label, as mb_indicator_stats_record_rows() does for one. */
gboolean          mb_indicator_stats_record_many      (MbStore            *store,
                                                       const MbIndicatorRows *sets,
                                                       guint               n_sets,
                                                       const char         *label,
                                                       GError            **error);

/* Adds a measurement (@measurement_id NULL; an upsert like the store's
 * mb_store_record_measurement(), but with the note) or replaces one: one
 * action, one undo step. An edit that would land on another existing
 * measurement's period, territory and gender is refused. */
gboolean          mb_indicator_stats_save_measurement (MbStore            *store,
                                                       const char         *indicator_id,
                                                       const char         *measurement_id,
                                                       const MbMeasurementRow *row,
                                                       GError            **error);

/* The id of the indicator that @text names, for scripts: its id, else its
 * external reference ("kolada:N01951"), else its exact title, each when one
 * indicator has it. NULL with MB_MEASUREMENT_ERROR_NOT_FOUND otherwise. */
char             *mb_indicator_stats_find_indicator   (MbStore            *store,
                                                       const char         *text,
                                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbMeasurementRow, mb_measurement_row_free)

G_END_DECLS
