/* mb-indicator-stats.c – an indicator's measurements: reading, checking, recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures of the Indicators view (latest value, target, progress, trend)
 * are computed here from plain queries, once per refresh, so that a view can
 * sort and filter them without touching SQL.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-indicator-stats.h"
#include "mb-indicator-summary-private.h"
#include "mb-store-private.h"

G_DEFINE_QUARK (mb-measurement-error-quark, mb_measurement_error)

MbMeasurementRow *
mb_measurement_row_new (void)
{
  MbMeasurementRow *row = g_new0 (MbMeasurementRow, 1);

  row->value = NAN;
  return row;
}

void
mb_measurement_row_free (MbMeasurementRow *row)
{
  if (row == NULL)
    return;
  g_free (row->period);
  g_free (row->territory_code);
  g_free (row->gender);
  g_free (row->status);
  g_free (row->note);
  g_free (row->problem);
  g_free (row);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

double
mb_period_to_time (const char *period)
{
  gsize len;
  int year;

  if (period == NULL)
    return NAN;
  len = strlen (period);
  if (len < 4 || !all_digits (period, 4))
    return NAN;
  year = (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10
         + (period[3] - '0');
  if (year < 1900 || year > 2200)
    return NAN;

  if (len == 4)
    return year;
  if (len == 7 && period[4] == '-' && period[5] == 'Q' && period[6] >= '1' && period[6] <= '4')
    return year + ((period[6] - '1') * 3 + 1.5) / 12.0;
  if (len == 7 && period[4] == '-' && all_digits (period + 5, 2))
    {
      int month = (period[5] - '0') * 10 + (period[6] - '0');

      if (month >= 1 && month <= 12)
        return year + (month - 0.5) / 12.0;
    }
  return NAN;
}

gboolean
mb_measurement_check_period (const char  *period,
                             GError     **error)
{
  g_autofree char *shown = NULL;

  if (!isnan (mb_period_to_time (period)))
    return TRUE;

  shown = _mb_text_shown (period ? period : "");
  g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_PERIOD,
               _("“%s” is not a period: write a year (1900–2200) such as 2023, a quarter"
                 " such as 2023-Q2 or a month such as 2023-06"), shown);
  return FALSE;
}

gboolean
mb_territory_code_is_valid (const char *code)
{
  /* The counties' codes (SCB). */
  static const char counties[][3] = {
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14",
    "17", "18", "19", "20", "21", "22", "23", "24", "25",
  };
  const char *county;

  if (code == NULL || strlen (code) != 4 || !all_digits (code, 4))
    return FALSE;
  if (g_str_equal (code, MB_TERRITORY_NONE))
    return TRUE;
  county = code[0] == '0' && code[1] == '0' ? code + 2 : code;
  if (county == code && code[2] == '0' && code[3] == '0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (counties); i++)
    if (county[0] == counties[i][0] && county[1] == counties[i][1])
      return TRUE;
  return FALSE;
}

gboolean
mb_measurement_check_territory (const char  *code,
                                GError     **error)
{
  g_autofree char *shown = NULL;

  if (mb_territory_code_is_valid (code))
    return TRUE;

  shown = _mb_text_shown (code ? code : "");
  g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_TERRITORY,
               _("“%s” is not a territory code: write four digits such as 0023 (a region)"
                 " or 2380 (a municipality)"), shown);
  return FALSE;
}

const char *
mb_measurement_parse_gender (const char  *text,
                             GError     **error)
{
  static const struct { const char *word; const char *code; } words[] = {
    { "", "T" }, { "t", "T" }, { "total", "T" }, { "totalt", "T" }, { "alla", "T" },
    { "all", "T" }, { "båda", "T" }, { "both", "T" },
    { "k", "K" }, { "kvinnor", "K" }, { "kvinna", "K" }, { "women", "K" }, { "woman", "K" },
    { "f", "K" }, { "female", "K" },
    { "m", "M" }, { "män", "M" }, { "man", "M" }, { "men", "M" }, { "male", "M" },
  };
  g_autofree char *folded = NULL;

  folded = g_utf8_strdown (text ? text : "", -1);
  g_strstrip (folded);
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (folded, words[i].word) == 0)
      return words[i].code;

  g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_GENDER,
               _("“%s” is not a gender: write T (total), K (women) or M (men)"), text);
  return NULL;
}

double
mb_indicator_progress (gboolean lower_is_better,
                       double   baseline,
                       double   target,
                       double   latest)
{
  double gap, moved;

  if (isnan (baseline) || isnan (target) || isnan (latest))
    return NAN;

  gap = target - baseline;
  moved = latest - baseline;
  if (lower_is_better)
    {
      gap = -gap;
      moved = -moved;
    }

  if (gap <= 0)
    return (lower_is_better ? latest <= target : latest >= target) ? 1.0 : 0.0;

  return moved / gap;
}

/* Reading */

typedef struct
{
  char   *territory;
  char   *gender;
  double  time;
  double  value;
  char   *period;
} Point;

static void
point_free (gpointer data)
{
  Point *p = data;

  g_free (p->territory);
  g_free (p->gender);
  g_free (p->period);
  g_free (p);
}

typedef struct
{
  int    year;
  double value;
} Target;

/* Picks the headline series of @points (all with a value, ordered by
 * period) and fills the summary's figures from it and @targets (ordered by
 * year). The choice is the store's (MB_STORE_LATEST_MEASUREMENT_SQL) and the
 * progress mb_indicator_progress(), so the canvas badges and this list agree. */
static void
summarise (MbIndicatorSummary *summary,
           GPtrArray          *points,
           GArray             *targets)
{
  Point *latest = NULL;
  gboolean have_total = FALSE;

  summary->n_measurements = points ? points->len : 0;

  for (guint i = 0; points && i < points->len; i++)
    if (strcmp (((Point *) points->pdata[i])->gender, "T") == 0)
      have_total = TRUE;

  /* The newest period's value, the lowest territory code on a tie. */
  for (guint i = 0; points && i < points->len; i++)
    {
      Point *p = points->pdata[i];

      if (have_total && strcmp (p->gender, "T") != 0)
        continue;
      if (latest == NULL || strcmp (p->period, latest->period) > 0 ||
          (strcmp (p->period, latest->period) == 0 &&
           (strcmp (p->territory, latest->territory) < 0 ||
            (strcmp (p->territory, latest->territory) == 0 &&
             strcmp (p->gender, latest->gender) < 0))))
        latest = p;
    }

  if (latest != NULL)
    {
      summary->series_territory = g_strdup (latest->territory);
      summary->series_gender = g_strdup (latest->gender);
      summary->latest_value = latest->value;
      summary->latest_period = g_strdup (latest->period);

      for (guint i = 0; i < points->len; i++)
        {
          Point *p = points->pdata[i];
          MbSeriesPoint sp;

          if (strcmp (p->territory, latest->territory) != 0 ||
              strcmp (p->gender, latest->gender) != 0)
            continue;
          sp.time = p->time;
          sp.value = p->value;
          g_array_append_val (summary->trend, sp);
        }
    }

  if (targets != NULL && targets->len > 0)
    {
      Target *last = &g_array_index (targets, Target, targets->len - 1);

      summary->target_year = last->year;
      summary->target_value = last->value;
    }

  summary->progress = mb_indicator_progress (summary->lower_is_better, summary->baseline_value,
                                             summary->target_value, summary->latest_value);
}

static MbIndicatorSummary *
summary_from_row (sqlite3_stmt *stmt)
{
  MbIndicatorSummary *summary = _mb_indicator_summary_new ();

  summary->id = _mb_column_dup (stmt, 0);
  summary->strategy_id = _mb_column_dup (stmt, 1);
  summary->title = _mb_column_dup (stmt, 2);
  summary->unit = _mb_column_dup (stmt, 3);
  summary->reference = _mb_column_dup (stmt, 4);
  summary->measure = _mb_column_dup (stmt, 5);
  summary->lower_is_better = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6),
                                        "decrease") == 0;
  summary->baseline_value = _mb_column_double (stmt, 7);
  summary->baseline_year = sqlite3_column_int (stmt, 8);
  return summary;
}

static GListModel *
list_summaries (MbStore     *store,
                const char  *where,
                const char  *arg,
                GError     **error)
{
  sqlite3 *db = mb_store_get_db (store);
  g_autoptr(GListStore) result = g_list_store_new (MB_TYPE_INDICATOR_SUMMARY);
  g_autoptr(GHashTable) points = NULL;
  g_autoptr(GHashTable) targets = NULL;
  g_autoptr(GHashTable) node_strategies = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);
  targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_array_unref);
  node_strategies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);

  sql = g_strdup_printf ("SELECT m.indicator_id, m.territory_code, m.gender, m.period, m.value"
                         " FROM measurements m JOIN indicators i ON i.id = m.indicator_id"
                         " WHERE m.value IS NOT NULL %s ORDER BY m.period", where);
  if (!(stmt = _mb_store_prepare (db, sql, error)))
    return NULL;
  if (arg)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *indicator = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *array = g_hash_table_lookup (points, indicator);
      Point *p = g_new0 (Point, 1);

      p->territory = _mb_column_dup (stmt, 1);
      p->gender = _mb_column_dup (stmt, 2);
      p->period = _mb_column_dup (stmt, 3);
      p->time = mb_period_to_time (p->period);
      p->value = sqlite3_column_double (stmt, 4);
      if (array == NULL)
        {
          array = g_ptr_array_new_with_free_func (point_free);
          g_hash_table_insert (points, g_strdup (indicator), array);
        }
      g_ptr_array_add (array, p);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT t.indicator_id, t.year, t.value FROM indicator_targets t"
                         " JOIN indicators i ON i.id = t.indicator_id WHERE 1 %s"
                         " ORDER BY t.year", where);
  if (!(stmt = _mb_store_prepare (db, sql, error)))
    return NULL;
  if (arg)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *indicator = (const char *) sqlite3_column_text (stmt, 0);
      GArray *array = g_hash_table_lookup (targets, indicator);
      Target t = { sqlite3_column_int (stmt, 1), sqlite3_column_double (stmt, 2) };

      if (array == NULL)
        {
          array = g_array_new (FALSE, FALSE, sizeof (Target));
          g_hash_table_insert (targets, g_strdup (indicator), array);
        }
      g_array_append_val (array, t);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT DISTINCT ni.indicator_id, n.strategy_id FROM node_indicators ni"
                         " JOIN nodes n ON n.id = ni.node_id"
                         " JOIN indicators i ON i.id = ni.indicator_id WHERE 1 %s", where);
  if (!(stmt = _mb_store_prepare (db, sql, error)))
    return NULL;
  if (arg)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *indicator = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *array = g_hash_table_lookup (node_strategies, indicator);

      if (array == NULL)
        {
          array = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (node_strategies, g_strdup (indicator), array);
        }
      g_ptr_array_add (array, _mb_column_dup (stmt, 1));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT i.id, i.strategy_id, i.title, i.unit, i.reference, i.measure,"
                         " i.direction, i.baseline_value, i.baseline_year FROM indicators i"
                         " WHERE 1 %s ORDER BY i.title COLLATE NOCASE, i.id", where);
  if (!(stmt = _mb_store_prepare (db, sql, error)))
    return NULL;
  if (arg)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(MbIndicatorSummary) summary = summary_from_row (stmt);
      GPtrArray *array = g_hash_table_lookup (points, summary->id);

      GPtrArray *strategies = g_hash_table_lookup (node_strategies, summary->id);

      for (guint i = 0; strategies && i < strategies->len; i++)
        g_ptr_array_add (summary->node_strategies, g_strdup (strategies->pdata[i]));
      summarise (summary, array, g_hash_table_lookup (targets, summary->id));
      g_list_store_append (result, summary);
    }

  return G_LIST_MODEL (g_steal_pointer (&result));
}

GListModel *
mb_indicator_stats_list_summaries (MbStore     *store,
                                   const char  *strategy_id,
                                   GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  if (strategy_id != NULL)
    return list_summaries (store, "AND i.strategy_id = ?1", strategy_id, error);
  return list_summaries (store, "", NULL, error);
}

GListModel *
_mb_indicator_stats_list_node_summaries (MbStore     *store,
                                         const char  *strategy_id,
                                         GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  return list_summaries (store, "AND i.id IN (SELECT ni.indicator_id FROM node_indicators ni"
                                " JOIN nodes n ON n.id = ni.node_id WHERE n.strategy_id = ?1)",
                         strategy_id, error);
}

MbIndicatorSummary *
mb_indicator_stats_get_summary (MbStore     *store,
                                const char  *indicator_id,
                                GError     **error)
{
  g_autoptr(GListModel) list = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  list = list_summaries (store, "AND i.id = ?1", indicator_id, error);
  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_NOT_FOUND,
                   _("The indicator no longer exists"));
      return NULL;
    }
  return g_list_model_get_item (list, 0);
}

GArray *
mb_indicator_stats_list_targets (MbStore     *store,
                                 const char  *indicator_id,
                                 GError     **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (MbSeriesPoint));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  db = mb_store_get_db (store);
  stmt = _mb_store_prepare (db, "SELECT year, value FROM indicator_targets"
                                " WHERE indicator_id = ? ORDER BY year", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbSeriesPoint p = { sqlite3_column_int (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (result, p);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

GListModel *
mb_indicator_stats_list_measurements (MbStore     *store,
                                      const char  *indicator_id,
                                      GError     **error)
{
  g_autoptr(GListStore) result = g_list_store_new (MB_TYPE_MEASUREMENT_ITEM);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  db = mb_store_get_db (store);
  stmt = _mb_store_prepare (db,
                            "SELECT id, period, territory_code, gender, value, status, note"
                            " FROM measurements WHERE indicator_id = ?"
                            " ORDER BY territory_code, gender, period", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MbMeasurementItem) item = NULL;

      item = mb_measurement_item_new ((const char *) sqlite3_column_text (stmt, 0),
                                      indicator_id,
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      _mb_column_double (stmt, 4),
                                      (const char *) sqlite3_column_text (stmt, 5),
                                      (const char *) sqlite3_column_text (stmt, 6));
      g_list_store_append (result, item);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&result));
}

/* Writing */

static gboolean
check_row (const MbMeasurementRow  *row,
           GError                 **error)
{
  if (row->problem != NULL)
    {
      if (row->line > 0)
        g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_VALUE,
                     _("Row %u: %s"), row->line, row->problem);
      else
        g_set_error_literal (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_VALUE,
                             row->problem);
      return FALSE;
    }
  if (!mb_measurement_check_period (row->period, error))
    return FALSE;
  if (row->territory_code && !mb_measurement_check_territory (row->territory_code, error))
    return FALSE;
  if (row->gender && !mb_measurement_parse_gender (row->gender, error))
    return FALSE;
  if (isinf (row->value))
    {
      g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_VALUE,
                   _("A value must be a finite number"));
      return FALSE;
    }
  return TRUE;
}

static const char *
or_null_if_empty (const char *s)
{
  return s && *s ? s : NULL;
}

static sqlite3_stmt *
prepare_upsert (sqlite3  *db,
                GError  **error)
{
  return _mb_store_prepare (db,
                            "INSERT INTO measurements (id, indicator_id, period, territory_code,"
                            " gender, value, status, note, created, modified)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (indicator_id, period, territory_code, gender) DO UPDATE"
                            " SET value = excluded.value, status = excluded.status,"
                            " note = excluded.note, modified = excluded.modified"
                            " WHERE value IS NOT excluded.value OR status IS NOT excluded.status"
                            " OR note IS NOT excluded.note", error);
}

static gboolean
run_with (sqlite3       *db,
          sqlite3_stmt  *stmt,
          GError       **error,
          const char    *types,
          ...)
{
  va_list args;
  gboolean ok;
  int rc;

  sqlite3_reset (stmt);
  va_start (args, types);
  ok = _mb_store_bind (stmt, types, args);
  va_end (args);
  if (!ok)
    {
      _mb_store_set_sqlite_error (db, SQLITE_MISUSE, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* @upsert from prepare_upsert(), reused for every row of a file: preparing
 * the statement anew cost as much as running it. */
static gboolean
upsert_row (sqlite3                 *db,
            sqlite3_stmt            *upsert,
            const char              *indicator_id,
            const MbMeasurementRow  *row,
            const char              *now,
            GError                 **error)
{
  g_autofree char *id = mb_store_new_id ();
  const char *gender = row->gender ? mb_measurement_parse_gender (row->gender, NULL) : "T";

  return run_with (db, upsert, error, "sssssdssss", id, indicator_id, row->period,
                   row->territory_code ? row->territory_code : MB_TERRITORY_NONE,
                   gender, row->value, or_null_if_empty (row->status),
                   or_null_if_empty (row->note), now, now);
}

static gboolean
indicator_exists (sqlite3     *db,
                  const char  *indicator_id,
                  GError     **error)
{
  if (_mb_store_query_int (db, "SELECT count(*) FROM indicators WHERE id = ?", "s",
                           indicator_id) > 0)
    return TRUE;
  g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_NOT_FOUND,
               _("The indicator no longer exists"));
  return FALSE;
}

typedef struct
{
  const MbIndicatorRows *sets;
  guint                  n_sets;
} RecordRows;

static gboolean
record_rows_cb (MbStore   *store,
                sqlite3   *db,
                gpointer   user_data,
                GError   **error)
{
  RecordRows *job = user_data;
  g_autofree char *now = _mb_store_now ();
  g_autoptr(sqlite3_stmt) upsert = NULL;

  if (!(upsert = prepare_upsert (db, error)))
    return FALSE;
  for (guint s = 0; s < job->n_sets; s++)
    {
      const MbIndicatorRows *set = &job->sets[s];

      if (!indicator_exists (db, set->indicator_id, error))
        return FALSE;
      for (guint i = 0; i < set->rows->len; i++)
        {
          const MbMeasurementRow *row = set->rows->pdata[i];

          if (!upsert_row (db, upsert, set->indicator_id, row, now, error))
            {
              if (row->line > 0)
                g_prefix_error (error, _("Row %u: "), row->line);
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
mb_indicator_stats_record_many (MbStore               *store,
                                const MbIndicatorRows *sets,
                                guint                  n_sets,
                                const char            *label,
                                GError               **error)
{
  RecordRows job = { sets, n_sets };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (sets != NULL || n_sets == 0, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  /* Check everything first, so that a bad row is named before any write. */
  for (guint s = 0; s < n_sets; s++)
    {
      g_return_val_if_fail (sets[s].indicator_id != NULL && sets[s].rows != NULL, FALSE);
      for (guint i = 0; i < sets[s].rows->len; i++)
        {
          const MbMeasurementRow *row = sets[s].rows->pdata[i];

          if (!check_row (row, error))
            {
              if (row->line > 0 && row->problem == NULL)
                g_prefix_error (error, _("Row %u: "), row->line);
              return FALSE;
            }
        }
    }

  /* A batch: a file of thousands of values is one log entry for its new rows
   * rather than one each; the values it changes are logged as usual. */
  return mb_store_run_batch_action (store, label, record_rows_cb, &job, error);
}

gboolean
mb_indicator_stats_record_rows (MbStore     *store,
                                const char  *indicator_id,
                                GPtrArray   *rows,
                                const char  *label,
                                GError     **error)
{
  MbIndicatorRows set = { indicator_id, rows };

  g_return_val_if_fail (indicator_id != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  return mb_indicator_stats_record_many (store, &set, 1, label, error);
}

typedef struct
{
  const char             *indicator_id;
  const char             *measurement_id;
  const MbMeasurementRow *row;
} SaveMeasurement;

static gboolean
save_measurement_cb (MbStore   *store,
                     sqlite3   *db,
                     gpointer   user_data,
                     GError   **error)
{
  SaveMeasurement *job = user_data;
  const MbMeasurementRow *row = job->row;
  const char *territory = row->territory_code ? row->territory_code : MB_TERRITORY_NONE;
  const char *gender = row->gender ? mb_measurement_parse_gender (row->gender, NULL) : "T";
  g_autofree char *now = _mb_store_now ();

  if (!indicator_exists (db, job->indicator_id, error))
    return FALSE;
  if (job->measurement_id == NULL)
    {
      g_autoptr(sqlite3_stmt) upsert = prepare_upsert (db, error);

      return upsert != NULL && upsert_row (db, upsert, job->indicator_id, row, now, error);
    }

  if (_mb_store_query_int (db, "SELECT count(*) FROM measurements WHERE id = ?"
                           " AND indicator_id = ?", "ss",
                           job->measurement_id, job->indicator_id) == 0)
    {
      g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_NOT_FOUND,
                   _("The value no longer exists"));
      return FALSE;
    }
  if (_mb_store_query_int (db, "SELECT count(*) FROM measurements WHERE indicator_id = ?"
                           " AND period = ? AND territory_code = ? AND gender = ? AND id <> ?",
                           "sssss", job->indicator_id, row->period, territory, gender,
                           job->measurement_id) > 0)
    {
      g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_DUPLICATE,
                   _("There is already a value for %s, territory %s, gender %s"),
                   row->period, territory, gender);
      return FALSE;
    }

  return _mb_store_exec (db, error,
                         "UPDATE measurements SET period = ?, territory_code = ?, gender = ?,"
                         " value = ?, status = ?, note = ?, modified = ? WHERE id = ?",
                         "sssdssss", row->period, territory, gender, row->value,
                         or_null_if_empty (row->status), or_null_if_empty (row->note), now,
                         job->measurement_id);
}

gboolean
mb_indicator_stats_save_measurement (MbStore                 *store,
                                     const char              *indicator_id,
                                     const char              *measurement_id,
                                     const MbMeasurementRow  *row,
                                     GError                 **error)
{
  SaveMeasurement job = { indicator_id, measurement_id, row };

  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (indicator_id != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  if (!check_row (row, error))
    return FALSE;

  return mb_store_run_action (store, measurement_id ? _("Edit Value") : _("Add Value"),
                              save_measurement_cb, &job, error);
}

char *
mb_indicator_stats_find_indicator (MbStore     *store,
                                   const char  *text,
                                   GError     **error)
{
  static const struct
  {
    const char *column;
    const char *count_sql;
    const char *id_sql;
  } ways[] = {
    { "id", "SELECT count(*) FROM indicators WHERE id = ?",
      "SELECT id FROM indicators WHERE id = ?" },
    { "reference", "SELECT count(*) FROM indicators WHERE reference = ?",
      "SELECT id FROM indicators WHERE reference = ?" },
    { "title", "SELECT count(*) FROM indicators WHERE title = ?",
      "SELECT id FROM indicators WHERE title = ?" },
  };
  sqlite3 *db;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  db = mb_store_get_db (store);
  for (gsize i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      gint64 n = _mb_store_query_int (db, ways[i].count_sql, "s", text);

      if (n == 1)
        return _mb_store_query_text (db, ways[i].id_sql, "s", text);
      if (n > 1)
        {
          g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_NOT_FOUND,
                       g_str_equal (ways[i].column, "reference")
                         ? _("%u indicators have the reference “%s”: name one by its id")
                         : _("%u indicators have the title “%s”: name one by its id"),
                       (guint) n, text);
          return NULL;
        }
    }

  g_set_error (error, MB_MEASUREMENT_ERROR, MB_MEASUREMENT_ERROR_NOT_FOUND,
               _("There is no indicator with the id, reference or title “%s”"), text);
  return NULL;
}
