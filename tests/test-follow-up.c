/* test-follow-up.c – rounds, assessments and what was done, in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "mb-follow-up.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  char    *strategy;
  char    *other_strategy;
  char    *goal;
  char    *priority;
  char    *foreign_goal;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level0 = NULL;
  g_autofree char *level1 = NULL;
  g_autofree char *other_level = NULL;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "lib.malbild");
  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  g_assert_no_error (error);
  f->other_strategy = mb_store_create_strategy (f->store, "S3", "effect-chain", &error);
  g_assert_no_error (error);
  level0 = mb_test_level (f->store, f->strategy, 0);
  level1 = mb_test_level (f->store, f->strategy, 1);
  other_level = mb_test_level (f->store, f->other_strategy, 0);
  f->goal = mb_store_create_node (f->store, f->strategy, NULL, level0, "Hållbar region", &error);
  g_assert_no_error (error);
  f->priority = mb_store_create_node (f->store, f->strategy, f->goal, level1, "Kompetens",
                                      &error);
  g_assert_no_error (error);
  f->foreign_goal = mb_store_create_node (f->store, f->other_strategy, NULL, other_level,
                                          "Behov", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->other_strategy);
  g_free (f->goal);
  g_free (f->priority);
  g_free (f->foreign_goal);
}

static gint64
count (MbStore    *store,
       const char *sql)
{
  return _mb_store_query_int (mb_store_get_db (store), sql, NULL);
}

static void
test_round (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *round = NULL;
  g_autofree char *again = NULL;
  g_autofree char *found = NULL;
  MbTestChanges changes = { 0 };

  mb_test_changes_watch (&changes, f->store);
  round = mb_follow_up_create_round (f->store, f->strategy, 2025, &error);
  g_assert_no_error (error);
  g_assert_nonnull (round);
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_true (mb_store_changes_include ((const char * const *) changes.last_tables,
                                           "follow_up_rounds"));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Start Follow-up Round");
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (mb_store_get_db (f->store),
                                                       "SELECT title FROM follow_up_rounds",
                                                       NULL)), ==, "Follow-up 2025");
  found = mb_follow_up_find_round (f->store, f->strategy, 2025, &error);
  g_assert_cmpstr (found, ==, round);
  g_assert_null (mb_test_take (mb_follow_up_find_round (f->store, f->strategy, 2024, NULL)));

  again = mb_follow_up_create_round (f->store, f->strategy, 2025, &error);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_null (mb_follow_up_create_round (f->store, f->strategy, 1899, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (mb_follow_up_create_round (f->store, "no-such-id", 2025, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes.n_changed, ==, 1);

  /* Another strategy may have a round of the same year. */
  g_free (mb_follow_up_create_round (f->store, f->other_strategy, 2025, &error));
  g_assert_no_error (error);
  g_assert_true (mb_store_undo (f->store, &error));

  mb_test_assert_undoable (f->store, before);
  mb_test_changes_clear (&changes);
}

static void
test_assess (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *round = mb_follow_up_create_round (f->store, f->strategy, 2025, &error);
  g_autofree char *before = NULL;
  MbAssessmentEdit edit = {
    .round_id = round, .node_id = f->goal, .status = MB_ASSESSMENT_SOME_PROGRESS,
    .has_suggestion = TRUE, .suggested = MB_ASSESSMENT_SOME_PROGRESS,
    .judgement = "Befolkningen ökar, men långsamt.", .assessed_by = "Maria",
  };

  g_assert_no_error (error);
  before = mb_test_dump (f->store);

  /* Confirming the suggestion needs no reason. */
  g_assert_true (mb_follow_up_assess (f->store, &edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Assess Goal");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM assessments WHERE status ="
                                    " 'some-progress' AND suggested_status = 'some-progress'"
                                    " AND override_reason IS NULL AND assessed_on IS NOT NULL"),
                   ==, 1);
  mb_test_assert_undoable (f->store, before);

  /* Overriding it does, and a reason of blanks is no reason. */
  edit.status = MB_ASSESSMENT_AT_RISK;
  edit.override_reason = " \t\u00a0";
  g_assert_false (mb_follow_up_assess (f->store, &edit, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "At risk"));
  g_assert_nonnull (strstr (error->message, "Some progress"));
  g_clear_error (&error);

  before = (g_free (before), mb_test_dump (f->store));
  edit.override_reason = "Pandemins efterverkningar syns inte än";
  g_assert_true (mb_follow_up_assess (f->store, &edit, &error));
  g_assert_no_error (error);
  /* One assessment per goal and round: the second replaced the first. */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM assessments"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM assessments WHERE status = 'at-risk'"
                                    " AND suggested_status = 'some-progress'"
                                    " AND override_reason IS NOT NULL"), ==, 1);
  mb_test_assert_undoable (f->store, before);

  /* Without a suggestion, any status stands alone. */
  edit.node_id = f->priority;
  edit.has_suggestion = FALSE;
  edit.override_reason = NULL;
  edit.status = MB_ASSESSMENT_NOT_ASSESSABLE;
  g_assert_true (mb_follow_up_assess (f->store, &edit, &error));
  g_assert_no_error (error);

  /* A goal of another strategy is not the round's to assess. */
  edit.node_id = f->foreign_goal;
  g_assert_false (mb_follow_up_assess (f->store, &edit, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Deleting the goal takes its assessments with it. */
  g_assert_true (mb_store_delete (f->store, "nodes", f->priority, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM assessments"), ==, 1);
}

static void
test_activities (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbActivitySummary) summary = NULL;
  g_autofree char *region = mb_store_create_organisation (f->store, "Region", "public", &error);
  g_autofree char *municipality = mb_store_create_organisation (f->store, "Östersund",
                                                                "public", NULL);
  g_autofree char *university = mb_store_create_organisation (f->store, "Mittuniversitetet",
                                                              "academia", NULL);
  g_autofree char *firm = mb_store_create_organisation (f->store, "WSP", "business", NULL);
  g_autofree char *before = NULL;
  g_autofree char *workshop = NULL;
  g_autofree char *sv = NULL;
  g_autofree char *en = NULL;
  const char *orgs1[] = { region, municipality, university, NULL };
  const char *orgs2[] = { region, firm, NULL };
  const char *nodes[] = { f->priority, f->foreign_goal, NULL };
  MbActivityEdit edit = {
    .strategy_id = f->strategy, .kind = MB_ACTIVITY_WORKSHOP, .title = "Workshop energi",
    .participants = 24, .organisation_ids = orgs1, .node_ids = nodes,
  };
  MbActivityEdit bad;

  g_assert_no_error (error);
  g_assert_true (mb_period_parse ("oktober 2021", &edit.start, NULL));
  before = mb_test_dump (f->store);
  workshop = mb_follow_up_create_activity (f->store, &edit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (workshop);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Activity");
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM activity_organisations"), ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM activity_nodes"), ==, 2);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (mb_store_get_db (f->store),
                                                       "SELECT start_period || '/' ||"
                                                       " participants FROM activities", NULL)),
                   ==, "2021-10/24");
  mb_test_assert_undoable (f->store, before);

  /* Another workshop, and a pre-study over two years with uncounted
   * participants; one in another year does not count. */
  edit.title = "Workshop kompetens";
  edit.participants = 16;
  edit.organisation_ids = orgs2;
  edit.node_ids = (const char *[]) { f->priority, NULL };
  g_assert_true (mb_period_parse ("2021-11-05", &edit.start, NULL));
  g_free (mb_follow_up_create_activity (f->store, &edit, &error));
  g_assert_no_error (error);
  edit.kind = MB_ACTIVITY_PRE_STUDY;
  edit.title = "Förstudie kluster";
  edit.participants = -1;
  edit.node_ids = NULL;
  g_assert_true (mb_period_parse ("ht 2020", &edit.start, NULL));
  g_assert_true (mb_period_parse ("vt 2021", &edit.end, NULL));
  g_free (mb_follow_up_create_activity (f->store, &edit, &error));
  g_assert_no_error (error);
  edit.kind = MB_ACTIVITY_MEETING;
  edit.title = "Möte 2022";
  edit.end = (MbPeriod) { 0 };
  g_assert_true (mb_period_parse ("2022", &edit.start, NULL));
  g_free (mb_follow_up_create_activity (f->store, &edit, &error));
  g_assert_no_error (error);

  summary = mb_follow_up_summarise_activities (f->store, f->strategy, 2021, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_activities, ==, 3);
  g_assert_cmpuint (summary->by_kind[MB_ACTIVITY_WORKSHOP], ==, 2);
  g_assert_cmpuint (summary->by_kind[MB_ACTIVITY_PRE_STUDY], ==, 1);
  g_assert_cmpuint (summary->by_kind[MB_ACTIVITY_MEETING], ==, 0);
  g_assert_cmpuint (summary->participants, ==, 40);
  g_assert_cmpuint (summary->n_unknown_participants, ==, 1);
  g_assert_cmpuint (summary->n_organisations, ==, 4);
  g_assert_cmpuint (summary->by_sector[MB_SECTOR_PUBLIC], ==, 2);
  g_assert_cmpuint (summary->by_sector[MB_SECTOR_ACADEMIA], ==, 1);
  g_assert_cmpuint (summary->by_sector[MB_SECTOR_BUSINESS], ==, 1);
  g_assert_cmpuint (summary->n_sectors, ==, 3);
  g_assert_cmpuint (summary->per_node->len, ==, 2);
  g_assert_cmpstr (((MbActivityNodeCount *) summary->per_node->pdata[0])->title, ==,
                   "Kompetens");
  g_assert_cmpuint (((MbActivityNodeCount *) summary->per_node->pdata[0])->n_activities, ==, 2);

  sv = mb_activity_summary_to_sentence (summary, MB_PERIOD_LANGUAGE_SWEDISH);
  en = mb_activity_summary_to_sentence (summary, MB_PERIOD_LANGUAGE_ENGLISH);
  g_assert_cmpstr (sv, ==, "Två workshoppar och en förstudie, med 40 deltagare från fyra"
                           " organisationer i tre sektorer.");
  g_assert_cmpstr (en, ==, "Two workshops and one pre-study, with 40 participants from four"
                           " organisations in three sectors.");

  /* Refusals leave nothing behind. */
  before = (g_free (before), mb_test_dump (f->store));
  bad = edit;
  bad.title = " ";
  g_assert_null (mb_follow_up_create_activity (f->store, &bad, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  bad = edit;
  bad.organisation_ids = (const char *[]) { region, "no-such-organisation", NULL };
  g_assert_null (mb_follow_up_create_activity (f->store, &bad, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bad = edit;
  g_assert_true (mb_period_parse ("2023", &bad.start, NULL));
  g_assert_true (mb_period_parse ("2022", &bad.end, NULL));
  g_assert_null (mb_follow_up_create_activity (f->store, &bad, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);
}

/* A library of the version before the follow-up gains its tables, and keeps
 * what it had. */
static void
test_migration (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *round = NULL;
  const char *strategy = "0b000000-0000-4000-8000-000000000001";

  mb_test_make_old_library (path, MB_STORE_SCHEMA_VERSION - 1,
                            "INSERT INTO strategies (id, title, created, modified) VALUES"
                            " ('0b000000-0000-4000-8000-000000000001', 'Gammal',"
                            " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  round = mb_follow_up_create_round (store, strategy, 2021, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM follow_up_rounds"), ==, 0);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/follow-up/round", Fixture, NULL, fixture_set_up, test_round, fixture_tear_down);
  g_test_add ("/follow-up/assess", Fixture, NULL, fixture_set_up, test_assess,
              fixture_tear_down);
  g_test_add ("/follow-up/activities", Fixture, NULL, fixture_set_up, test_activities,
              fixture_tear_down);
  g_test_add_func ("/follow-up/migration", test_migration);

  return g_test_run ();
}
