/* mb-follow-up.c – the yearly follow-up: rounds, assessments and what was done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mb-follow-up.h"
#include "mb-store-private.h"

static const struct
{
  const char *key;
  const char *label;
  /* The report's words, singular and plural, English then Swedish. */
  const char *words[2][2];
} activity_kinds[MB_ACTIVITY_N_KINDS] = {
  [MB_ACTIVITY_WORKSHOP] = { "workshop", N_("Workshop"),
    { { "workshop", "workshops" }, { "workshop", "workshoppar" } } },
  [MB_ACTIVITY_MEETING] = { "meeting", N_("Meeting"),
    { { "meeting", "meetings" }, { "möte", "möten" } } },
  [MB_ACTIVITY_PRE_STUDY] = { "pre-study", N_("Pre-study"),
    { { "pre-study", "pre-studies" }, { "förstudie", "förstudier" } } },
  [MB_ACTIVITY_PEER_REVIEW] = { "peer-review", N_("Peer review"),
    { { "peer review", "peer reviews" },
      { "kollegial granskning", "kollegiala granskningar" } } },
  [MB_ACTIVITY_CALL_PUBLISHED] = { "call-published", N_("Call published"),
    { { "published call", "published calls" }, { "utlysning", "utlysningar" } } },
  [MB_ACTIVITY_MUNICIPAL_DIALOGUE] = { "municipal-dialogue", N_("Dialogue with a municipality"),
    { { "dialogue with a municipality", "dialogues with municipalities" },
      { "kommundialog", "kommundialoger" } } },
  [MB_ACTIVITY_NETWORK] = { "network", N_("Network"),
    { { "network meeting", "network meetings" }, { "nätverksträff", "nätverksträffar" } } },
  [MB_ACTIVITY_DECISION] = { "decision", N_("Decision"),
    { { "decision", "decisions" }, { "beslut", "beslut" } } },
  [MB_ACTIVITY_OTHER] = { "other", N_("Other"),
    { { "other activity", "other activities" }, { "annan aktivitet", "andra aktiviteter" } } },
};

static const char * const sector_keys[MB_N_SECTORS] = {
  "public", "business", "academia", "civil-society",
};

const char *
mb_activity_kind_to_string (MbActivityKind kind)
{
  g_return_val_if_fail (kind < MB_ACTIVITY_N_KINDS, NULL);
  return activity_kinds[kind].key;
}

gboolean
mb_activity_kind_from_string (const char     *text,
                              MbActivityKind *kind)
{
  for (guint i = 0; i < MB_ACTIVITY_N_KINDS; i++)
    if (g_strcmp0 (text, activity_kinds[i].key) == 0)
      {
        *kind = (MbActivityKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
mb_activity_kind_get_label (MbActivityKind kind)
{
  g_return_val_if_fail (kind < MB_ACTIVITY_N_KINDS, NULL);
  return _(activity_kinds[kind].label);
}

const char *
mb_sector_to_string (MbSector sector)
{
  g_return_val_if_fail (sector < MB_N_SECTORS, NULL);
  return sector_keys[sector];
}

gboolean
mb_sector_from_string (const char *text,
                       MbSector   *sector)
{
  for (guint i = 0; i < MB_N_SECTORS; i++)
    if (g_strcmp0 (text, sector_keys[i]) == 0)
      {
        *sector = (MbSector) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
require_row (sqlite3     *db,
             const char  *sql,
             const char  *id,
             const char  *what,
             GError     **error)
{
  if (id != NULL && _mb_store_query_int (db, sql, "s", id) > 0)
    return TRUE;
  g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
               _("There is no %s with id “%s”"), what, id ? id : "");
  return FALSE;
}


/* Rounds */

typedef struct
{
  const char *strategy_id;
  int         year;
  char       *id;
} CreateRound;

static gboolean
create_round_cb (MbStore   *store,
                 sqlite3   *db,
                 gpointer   data,
                 GError   **error)
{
  CreateRound *op = data;
  g_autofree char *now = _mb_store_now ();
  g_autofree char *id = mb_store_new_id ();
  g_autofree char *title = NULL;

  if (!require_row (db, "SELECT count(*) FROM strategies WHERE id = ?", op->strategy_id,
                    _("strategy"), error))
    return FALSE;
  if (op->year < 1900 || op->year > 2200)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                   _("A follow-up year must lie between 1900 and 2200, not %d"), op->year);
      return FALSE;
    }
  if (_mb_store_query_int (db, "SELECT count(*) FROM follow_up_rounds"
                               " WHERE strategy_id = ? AND year = ?",
                           "si", op->strategy_id, op->year) > 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("The strategy has a follow-up round for %d already"), op->year);
      return FALSE;
    }

  title = g_strdup_printf (_("Follow-up %d"), op->year);
  if (!_mb_store_exec (db, error,
                       "INSERT INTO follow_up_rounds (id, strategy_id, year, title, created,"
                       " modified) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                       "ssiss", id, op->strategy_id, op->year, title, now))
    return FALSE;
  op->id = g_steal_pointer (&id);
  return TRUE;
}

char *
mb_follow_up_create_round (MbStore     *store,
                           const char  *strategy_id,
                           int          year,
                           GError     **error)
{
  CreateRound op = { strategy_id, year, NULL };

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  if (!mb_store_run_action (store, _("Start Follow-up Round"), create_round_cb, &op, error))
    return NULL;
  return op.id;
}

char *
mb_follow_up_find_round (MbStore     *store,
                         const char  *strategy_id,
                         int          year,
                         GError     **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  return _mb_store_query_text (mb_store_get_db (store),
                               "SELECT id FROM follow_up_rounds WHERE strategy_id = ? AND year = ?",
                               "si", strategy_id, year);
}

/* Assessments */

static gboolean
assess_cb (MbStore   *store,
           sqlite3   *db,
           gpointer   data,
           GError   **error)
{
  const MbAssessmentEdit *edit = data;
  g_autofree char *now = _mb_store_now ();
  g_autofree char *new_id = mb_store_new_id ();
  g_autofree char *today = g_strndup (now, 10);

  if (!require_row (db, "SELECT count(*) FROM follow_up_rounds WHERE id = ?", edit->round_id,
                    _("follow-up round"), error) ||
      !require_row (db, "SELECT count(*) FROM nodes WHERE id = ?", edit->node_id, _("goal"),
                    error))
    return FALSE;
  if (_mb_store_query_int (db, "SELECT count(*) FROM nodes n JOIN follow_up_rounds r"
                               " ON r.strategy_id = n.strategy_id WHERE n.id = ? AND r.id = ?",
                           "ss", edit->node_id, edit->round_id) == 0)
    {
      g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                           _("The goal belongs to another strategy than the follow-up round"));
      return FALSE;
    }
  if (edit->has_suggestion && edit->status != edit->suggested && _mb_text_is_blank (edit->override_reason))
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED,
                   _("Say why the goal is “%s” rather than the suggested “%s”"),
                   mb_assessment_status_get_label (edit->status),
                   mb_assessment_status_get_label (edit->suggested));
      return FALSE;
    }

  return _mb_store_exec (db, error,
                         "INSERT INTO assessments (id, round_id, node_id, status, suggested_status,"
                         " override_reason, judgement, assessed_by, assessed_on, created, modified)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
                         " ON CONFLICT (round_id, node_id) DO UPDATE SET"
                         "  status = excluded.status, suggested_status = excluded.suggested_status,"
                         "  override_reason = excluded.override_reason,"
                         "  judgement = excluded.judgement, assessed_by = excluded.assessed_by,"
                         "  assessed_on = excluded.assessed_on, modified = excluded.modified",
                         "ssssssssss", new_id, edit->round_id, edit->node_id,
                         mb_assessment_status_to_string (edit->status),
                         edit->has_suggestion ? mb_assessment_status_to_string (edit->suggested)
                                              : NULL,
                         edit->has_suggestion && edit->status == edit->suggested
                           ? NULL : (_mb_text_is_blank (edit->override_reason) ? NULL
                                                                      : edit->override_reason),
                         _mb_text_is_blank (edit->judgement) ? NULL : edit->judgement,
                         _mb_text_is_blank (edit->assessed_by) ? NULL : edit->assessed_by,
                         today, now);
}

gboolean
mb_follow_up_assess (MbStore                *store,
                     const MbAssessmentEdit *edit,
                     GError                **error)
{
  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (edit->status < MB_ASSESSMENT_N_STATUSES, FALSE);

  return mb_store_run_action (store, _("Assess Goal"), assess_cb, (gpointer) edit, error);
}

/* Activities */

typedef struct
{
  const MbActivityEdit *edit;
  char                 *id;
} CreateActivity;

static gboolean
relate_all (sqlite3             *db,
            const char          *activity_id,
            const char          *table,
            const char          *column,
            const char          *target_table,
            const char          *what,
            const char * const  *ids,
            GError             **error)
{
  g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?",
                                             target_table);
  g_autofree char *insert = g_strdup_printf ("INSERT OR IGNORE INTO %s (activity_id, %s)"
                                             " VALUES (?, ?)", table, column);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (!require_row (db, exists, ids[i], what, error) ||
        !_mb_store_exec (db, error, insert, "ss", activity_id, ids[i]))
      return FALSE;
  return TRUE;
}

static gboolean
create_activity_cb (MbStore   *store,
                    sqlite3   *db,
                    gpointer   data,
                    GError   **error)
{
  CreateActivity *op = data;
  const MbActivityEdit *e = op->edit;
  g_autofree char *now = _mb_store_now ();
  g_autofree char *id = mb_store_new_id ();
  g_autofree char *start = mb_period_to_string (&e->start);
  g_autofree char *end = mb_period_to_string (&e->end);

  if (!require_row (db, "SELECT count(*) FROM strategies WHERE id = ?", e->strategy_id,
                    _("strategy"), error))
    return FALSE;
  if (_mb_text_is_blank (e->title))
    {
      g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED,
                           _("An activity needs a title"));
      return FALSE;
    }
  if (start != NULL && end != NULL && mb_period_compare (&e->start, &e->end) > 0)
    {
      GDate first, last;

      mb_period_get_first_day (&e->start, &first);
      mb_period_get_last_day (&e->end, &last);
      if (g_date_compare (&first, &last) > 0)
        {
          g_set_error_literal (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE,
                               _("The activity ends before it starts"));
          return FALSE;
        }
    }

  if (!_mb_store_exec (db, error,
                       "INSERT INTO activities (id, strategy_id, kind, title, description,"
                       " start_period, end_period, registration_number, participants, reference,"
                       " created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, -1), ?10,"
                       " ?11, ?11)",
                       "ssssssssiss", id, e->strategy_id, mb_activity_kind_to_string (e->kind),
                       e->title, _mb_text_is_blank (e->description) ? NULL : e->description, start, end,
                       _mb_text_is_blank (e->registration_number) ? NULL : e->registration_number,
                       MAX (e->participants, -1),
                       _mb_text_is_blank (e->reference) ? NULL : e->reference, now))
    return FALSE;

  if (!relate_all (db, id, "activity_organisations", "organisation_id", "organisations",
                   _("organisation"), e->organisation_ids, error) ||
      !relate_all (db, id, "activity_nodes", "node_id", "nodes", _("goal"), e->node_ids,
                   error) ||
      !relate_all (db, id, "activity_projects", "project_id", "projects", _("project"),
                   e->project_ids, error) ||
      !relate_all (db, id, "activity_calls", "call_id", "funding_calls", _("funding call"),
                   e->call_ids, error))
    return FALSE;

  op->id = g_steal_pointer (&id);
  return TRUE;
}

char *
mb_follow_up_create_activity (MbStore              *store,
                              const MbActivityEdit *edit,
                              GError              **error)
{
  CreateActivity op = { edit, NULL };

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (edit != NULL && edit->kind < MB_ACTIVITY_N_KINDS, NULL);

  if (!mb_store_run_action (store, _("Add Activity"), create_activity_cb, &op, error))
    return NULL;
  return op.id;
}

/* Summaries */

/* An activity lies in @year when its period overlaps it: the stored forms
 * begin with the year, so the first four characters compare. */
#define IN_YEAR \
  " a.strategy_id = ?1 AND" \
  " substr(coalesce(a.start_period, a.end_period), 1, 4) <= printf('%04d', ?2) AND" \
  " substr(coalesce(a.end_period, a.start_period), 1, 4) >= printf('%04d', ?2)"

static void
node_count_free (gpointer data)
{
  MbActivityNodeCount *c = data;

  g_free (c->node_id);
  g_free (c->title);
  g_free (c);
}

MbActivitySummary *
mb_follow_up_summarise_activities (MbStore     *store,
                                   const char  *strategy_id,
                                   int          year,
                                   GError     **error)
{
  g_autoptr(MbActivitySummary) summary = g_new0 (MbActivitySummary, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  db = mb_store_get_db (store);
  summary->year = year;
  summary->per_node = g_ptr_array_new_with_free_func (node_count_free);

  stmt = _mb_store_prepare (db, "SELECT a.kind, count(*), sum(a.participants),"
                                " sum(a.participants IS NULL) FROM activities a WHERE" IN_YEAR
                                " GROUP BY a.kind", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbActivityKind kind;
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      if (!mb_activity_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        kind = MB_ACTIVITY_OTHER;
      summary->by_kind[kind] += n;
      summary->n_activities += n;
      summary->participants += (guint) sqlite3_column_int64 (stmt, 2);
      summary->n_unknown_participants += (guint) sqlite3_column_int64 (stmt, 3);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  stmt = _mb_store_prepare (db, "SELECT o.sector, count(DISTINCT o.id) FROM activities a"
                                " JOIN activity_organisations ao ON ao.activity_id = a.id"
                                " JOIN organisations o ON o.id = ao.organisation_id"
                                " WHERE" IN_YEAR " GROUP BY o.sector", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbSector sector;
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      if (!mb_sector_from_string ((const char *) sqlite3_column_text (stmt, 0), &sector))
        continue;
      summary->by_sector[sector] = n;
      summary->n_organisations += n;
      summary->n_sectors += n > 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  stmt = _mb_store_prepare (db, "SELECT n.id, n.title, count(*) AS c FROM activities a"
                                " JOIN activity_nodes an ON an.activity_id = a.id"
                                " JOIN nodes n ON n.id = an.node_id"
                                " WHERE" IN_YEAR " GROUP BY n.id ORDER BY c DESC, n.title, n.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, strategy_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MbActivityNodeCount *c = g_new0 (MbActivityNodeCount, 1);

      c->node_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c->n_activities = (guint) sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (summary->per_node, c);
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&summary);
}

/* Counts of one to twelve in words, as running text writes them. */
static void
append_count (GString          *out,
              guint             n,
              MbPeriodLanguage  language)
{
  static const char * const words[2][13] = {
    [MB_PERIOD_LANGUAGE_ENGLISH] = { "no", "one", "two", "three", "four", "five", "six",
                                     "seven", "eight", "nine", "ten", "eleven", "twelve" },
    [MB_PERIOD_LANGUAGE_SWEDISH] = { "inga", "en", "två", "tre", "fyra", "fem", "sex", "sju",
                                     "åtta", "nio", "tio", "elva", "tolv" },
  };

  if (n < G_N_ELEMENTS (words[0]))
    g_string_append (out, words[language][n]);
  else
    g_string_append_printf (out, "%u", n);
}

static void
append_counted (GString          *out,
                guint             n,
                const char       *singular,
                const char       *plural,
                MbPeriodLanguage  language)
{
  append_count (out, n, language);
  g_string_append_printf (out, " %s", n == 1 ? singular : plural);
}

const char *
mb_activity_kind_get_word (MbActivityKind    kind,
                           MbPeriodLanguage  language,
                           gboolean          plural)
{
  g_return_val_if_fail (kind < MB_ACTIVITY_N_KINDS, NULL);
  return activity_kinds[kind].words[language][plural ? 1 : 0];
}

char *
mb_activity_summary_to_sentence (const MbActivitySummary *summary,
                                 MbPeriodLanguage         language)
{
  gboolean sv = language == MB_PERIOD_LANGUAGE_SWEDISH;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->n_activities == 0)
    return g_string_free (out, FALSE);

  for (guint k = 0; k < MB_ACTIVITY_N_KINDS; k++)
    if (summary->by_kind[k] > 0)
      {
        GString *part = g_string_new (NULL);

        append_counted (part, summary->by_kind[k], activity_kinds[k].words[language][0],
                        activity_kinds[k].words[language][1], language);
        g_ptr_array_add (parts, g_string_free (part, FALSE));
      }
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == parts->len ? (sv ? " och " : " and ") : ", ");
      g_string_append (out, parts->pdata[i]);
    }

  if (summary->participants > 0 || summary->n_organisations > 0)
    {
      g_string_append (out, sv ? ", med " : ", with ");
      if (summary->participants > 0)
        append_counted (out, summary->participants, sv ? "deltagare" : "participant",
                        sv ? "deltagare" : "participants", language);
      if (summary->n_organisations > 0)
        {
          if (summary->participants > 0)
            g_string_append (out, sv ? " från " : " from ");
          append_counted (out, summary->n_organisations, sv ? "organisation" : "organisation",
                          sv ? "organisationer" : "organisations", language);
          g_string_append (out, sv ? " i " : " in ");
          append_counted (out, summary->n_sectors, sv ? "sektor" : "sector",
                          sv ? "sektorer" : "sectors", language);
        }
    }
  g_string_append_c (out, '.');

  /* A sentence begins with a capital. */
  if (g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

void
mb_activity_summary_free (MbActivitySummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->per_node, g_ptr_array_unref);
  g_free (summary);
}
