/* test-store-review.c – document hierarchy, review comments and review mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mb-review-copies-private.h"
#include "mb-exchange.h"
#include "mb-follow-up.h"
#include "mb-store-review.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  sqlite3 *db;
  char    *strategy;
  char    *goal;       /* a root node */
  char    *action;     /* under goal */
  char    *link;       /* action contributes to goal */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vision = NULL;
  g_autofree char *level = NULL;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "review.malbild");
  f->db = mb_store_get_db (f->store);
  f->strategy = mb_store_create_strategy (f->store, "RUS 2050", "rus", &error);
  g_assert_no_error (error);
  vision = mb_test_level (f->store, f->strategy, 0);
  level = mb_test_level (f->store, f->strategy, 1);
  f->goal = mb_store_create_node (f->store, f->strategy, NULL, vision, "Goda livsmiljöer", &error);
  g_assert_no_error (error);
  f->action = mb_store_create_node (f->store, f->strategy, f->goal, level, "Bostäder", &error);
  g_assert_no_error (error);
  f->link = mb_store_create_link (f->store, f->action, f->goal, "depends-on", &error);
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
  g_free (f->goal);
  g_free (f->action);
  g_free (f->link);
}

static char *
add_strategy (MbStore    *store,
              const char *title,
              const char *parent)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_strategy (store, title, NULL, &error);

  g_assert_no_error (error);
  if (parent != NULL)
    g_assert_true (mb_test_store_set_text (store, "strategies", id, "parent_id", parent, &error));
  g_assert_no_error (error);
  return id;
}

/* Document hierarchy */

static void
test_hierarchy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s3 = add_strategy (f->store, "Smart specialisering", f->strategy);
  g_autofree char *plan = add_strategy (f->store, "Handlingsplan besöksnäring", s3);
  g_autofree char *other = add_strategy (f->store, "Agenda", NULL);
  g_autofree char *part = add_strategy (f->store, "Del 1", f->strategy);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) tree = NULL;
  static const char * const order[] = {
    "RUS 2050", "Del 1", "Smart specialisering", "Handlingsplan besöksnäring", "Agenda",
  };
  static const guint depths[] = { 0, 1, 1, 2, 0 };

  /* New strategies are children; a part says so. */
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT parent_relation FROM"
                                                       " strategies WHERE id = ?", "s", s3)),
                   ==, "child");
  before = mb_test_dump (f->store);
  g_assert_true (mb_test_store_set_text (f->store, "strategies", part, "parent_relation", "part", &error));
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);
  g_assert_false (mb_test_store_set_text (f->store, "strategies", part, "parent_relation", "chapter", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Both strategies at the top get position order; siblings of equal
   * position go by title ("Del 1" before "Smart …"). */
  g_assert_true (mb_test_store_set_text (f->store, "strategies", part, "position", "1", &error));
  g_assert_true (mb_test_store_set_text (f->store, "strategies", s3, "position", "1", &error));
  g_assert_no_error (error);
  tree = mb_store_query_strategy_tree (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tree->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < tree->len; i++)
    {
      g_assert_cmpstr (mb_record_get_title (tree->pdata[i]), ==, order[i]);
      g_assert_cmpuint (mb_record_get_depth (tree->pdata[i]), ==, depths[i]);
      g_assert_cmpstr (mb_record_get_kind (tree->pdata[i]), ==, "strategies");
    }
  g_assert_cmpstr (mb_record_get_string (tree->pdata[1], "parent_relation"), ==, "part");

  /* No circle: not under itself, nor under its own descendant. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_false (mb_test_store_set_text (f->store, "strategies", f->strategy, "parent_id", plan, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "RUS 2050"));
  g_assert_nonnull (strstr (error->message, "Handlingsplan besöksnäring"));
  g_clear_error (&error);
  g_assert_false (mb_test_store_set_text (f->store, "strategies", s3, "parent_id", s3, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "Smart specialisering"));
  g_clear_error (&error);
  g_assert_false (mb_test_store_set_text (f->store, "strategies", s3, "parent_id",
                            "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  /* Moving a subtree elsewhere is fine, and so is the top. */
  g_assert_true (mb_test_store_set_text (f->store, "strategies", s3, "parent_id", other, &error));
  g_assert_true (mb_test_store_set_text (f->store, "strategies", f->strategy, "parent_id", plan, &error));
  g_assert_no_error (error);
  g_assert_true (mb_test_store_set_text (f->store, "strategies", f->strategy, "parent_id", "", &error));
  g_assert_no_error (error);
}

/* Review comments */

static void
test_comments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *on_node = NULL;
  g_autofree char *on_link = NULL;
  g_autofree char *other = NULL;
  g_autofree char *elsewhere = add_strategy (f->store, "Agenda", NULL);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  on_node = mb_store_add_comment (f->store, "nodes", f->goal, "Anna", "Hur mäts målet?", &error);
  g_assert_no_error (error);
  g_assert_nonnull (on_node);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Comment");
  mb_test_assert_undoable (f->store, before);
  on_link = mb_store_add_comment (f->store, "links", f->link, "Kommunen", "Svagt samband",
                                  &error);
  g_assert_no_error (error);
  other = mb_store_add_comment (f->store, "nodes", f->action, "Anna", "Vilka bostäder?", &error);
  g_assert_no_error (error);

  /* Only on a node or a link that exists, by someone, saying something. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_null (mb_store_add_comment (f->store, "strategies", f->strategy, "A", "B", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mb_store_add_comment (f->store, "nodes", f->link, "A", "B", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mb_store_add_comment (f->store, "links", NULL, "A", "B", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mb_store_add_comment (f->store, "nodes", f->goal, " \t", "B", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (mb_store_add_comment (f->store, "nodes", f->goal, "A", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  comments = mb_store_query_comments (f->store, f->link, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_id (comments->pdata[0]), ==, on_link);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "author"), ==, "Kommunen");
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "status"), ==, "open");
  g_clear_pointer (&comments, g_ptr_array_unref);

  /* Resolving is one step each way; resolved ones drop out of open_only. */
  g_assert_true (mb_store_set_comment_resolved (f->store, on_node, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Resolve Comment");
  mb_test_assert_undoable (f->store, before);
  g_assert_false (mb_store_set_comment_resolved (f->store, "no-such", TRUE, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  comments = mb_store_query_strategy_comments (f->store, f->strategy, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 3);
  g_assert_cmpstr (mb_record_get_id (comments->pdata[0]), ==, on_node);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "target_title"), ==,
                   "Goda livsmiljöer");
  g_assert_cmpstr (mb_record_get_string (comments->pdata[1], "target_title"), ==,
                   "Bostäder → Goda livsmiljöer");
  g_assert_cmpstr (mb_record_get_string (comments->pdata[1], "target_table"), ==, "links");
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = mb_store_query_strategy_comments (f->store, f->strategy, TRUE, &error);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (mb_record_get_id (comments->pdata[0]), ==, on_link);
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = mb_store_query_strategy_comments (f->store, elsewhere, FALSE, &error);
  g_assert_cmpuint (comments->len, ==, 0);
  g_clear_pointer (&comments, g_ptr_array_unref);

  g_assert_true (mb_store_set_comment_resolved (f->store, on_node, FALSE, &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Reopen Comment");

  /* The generic field editor and delete work on comments too. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_test_store_set_text (f->store, "review_comments", on_node, "body", "Hur följs det upp?",
                           &error));
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);
  g_assert_false (mb_test_store_set_text (f->store, "review_comments", on_node, "body", "  ", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (mb_test_store_set_text (f->store, "review_comments", on_node, "status", "done", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mb_test_store_set_text (f->store, "review_comments", on_node, "link_id", f->link, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Searchable by their text. */
  hits = mb_store_search (f->store, "följs", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->kind, ==, "review_comments");
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->id, ==, on_node);

  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete (f->store, "review_comments", on_link, &error));
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);

  /* They go with their node, and come back with it. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete (f->store, "nodes", f->action, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM review_comments", NULL),
                   ==, 1);
  mb_test_assert_undoable (f->store, before);
}

/* The goal's assessment in a round of @year; returns the assessment's id. */
static char *
assess_goal (Fixture *f,
             int      year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *round = mb_follow_up_create_round (f->store, f->strategy, year, &error);
  MbAssessmentEdit edit = { round, f->goal, MB_ASSESSMENT_AT_RISK, FALSE, 0, NULL,
                            "Långsamt", "Maria" };

  g_assert_no_error (error);
  g_assert_true (mb_follow_up_assess (f->store, &edit, &error));
  g_assert_no_error (error);
  return _mb_store_query_text (f->db, "SELECT id FROM assessments WHERE round_id = ?", "s",
                               round);
}

/* A reviewer's comment on a goal's assessment: one step, listed with the
 * strategy's, gone with its round and back with it. */
static void
test_assessment_comments (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *assessment = assess_goal (f, 2025);
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *comment = NULL;
  g_autoptr(GPtrArray) comments = NULL;

  comment = mb_store_add_comment (f->store, "assessments", assessment, "Anna",
                                  "Varför i fara?", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Comment");
  mb_test_assert_undoable (f->store, before);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT assessment_id FROM"
                                                       " review_comments WHERE id = ?", "s",
                                                       comment)), ==, assessment);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM review_comments"
                                               " WHERE node_id IS NULL AND link_id IS NULL",
                                        NULL), ==, 1);

  comments = mb_store_query_comments (f->store, assessment, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_id (comments->pdata[0]), ==, comment);
  g_clear_pointer (&comments, g_ptr_array_unref);
  /* Not the goal's own comment. */
  comments = mb_store_query_comments (f->store, f->goal, &error);
  g_assert_cmpuint (comments->len, ==, 0);
  g_clear_pointer (&comments, g_ptr_array_unref);

  comments = mb_store_query_strategy_comments (f->store, f->strategy, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "target_table"), ==, "assessments");
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "target_id"), ==, assessment);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "target_title"), ==,
                   "Goda livsmiljöer");
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "round_title"), ==,
                   "Follow-up 2025");
  g_clear_pointer (&comments, g_ptr_array_unref);

  /* Only an assessment that exists; and on one target, which SQL holds too. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_null (mb_store_add_comment (f->store, "assessments", f->goal, "A", "B", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mb_test_store_set_text (f->store, "review_comments", comment, "node_id", f->goal, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  /* It goes with the round's assessments, and comes back with them. */
  g_assert_true (mb_store_delete (f->store, "follow_up_rounds",
                                  mb_test_take (_mb_store_query_text (f->db, "SELECT round_id FROM"
                                                                      " assessments", NULL)),
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM review_comments", NULL),
                   ==, 0);
  mb_test_assert_undoable (f->store, before);
  mb_test_assert_sound (f->store);
}

/* A comment made on a copy of the strategy in another library comes home
 * by UUID and changes nothing else. */
static void
test_comments_exchange (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) other = mb_test_open (f->dir, "other.malbild");
  g_autoptr(GBytes) from_a = mb_exchange_export (f->store, &error);
  g_autoptr(GBytes) from_b = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (10);
  g_autoptr(MbImportReport) report = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *after = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  const MbImportCounts *counts;
  char *end;

  g_assert_no_error (error);
  report = mb_exchange_import_data (other, "a.json", g_bytes_get_data (from_a, NULL),
                                    g_bytes_get_size (from_a), MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, mb_import_report_free);

  comment = mb_store_add_comment (other, "links", f->link, "Granskare", "Belägg saknas", &error);
  g_assert_no_error (error);
  from_b = mb_exchange_export (other, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (from_b, NULL), g_bytes_get_size (from_b),
                                  "\"review_comments\": ["));

  report = mb_exchange_import_data (f->store, "b.json", g_bytes_get_data (from_b, NULL),
                                    g_bytes_get_size (from_b), MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  counts = mb_import_report_get_counts (report, "review_comments");
  g_assert_cmpuint (counts->added, ==, 1);
  g_assert_cmpuint (mb_import_report_get_totals (report).added, ==, 1);
  g_assert_cmpuint (mb_import_report_get_totals (report).changed, ==, 0);

  comments = mb_store_query_comments (f->store, f->link, &error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_id (comments->pdata[0]), ==, comment);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "body"), ==, "Belägg saknas");

  /* Everything before the comments' table is as it was. */
  after = mb_test_dump (f->store);
  end = strstr (before, "[review_comments]");
  g_assert_nonnull (end);
  g_assert_cmpint (strncmp (before, after, end - before), ==, 0);
  g_assert_cmpint (strlen (after), >, strlen (before));
}

/* Review mode */

/* Each typed write of the store, with valid arguments. */
static void
assert_every_write_refused (Fixture *f,
                            MbStore *review)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = mb_test_level (review, f->strategy, 1);
  g_autofree char *indicator = _mb_store_query_text (mb_store_get_db (review),
                                                     "SELECT id FROM indicators", NULL);
  g_autofree char *project = _mb_store_query_text (mb_store_get_db (review),
                                                   "SELECT id FROM projects", NULL);
  g_autofree char *call = _mb_store_query_text (mb_store_get_db (review),
                                                "SELECT id FROM funding_calls", NULL);
  g_autofree char *org = _mb_store_query_text (mb_store_get_db (review),
                                               "SELECT id FROM organisations", NULL);
  const char *nodes[] = { f->action, NULL };
  g_auto(GStrv) pasted = NULL;
  g_autofree char *before = mb_test_dump (review);
  gboolean results[30];
  guint n = 0;

#define REFUSED(call) G_STMT_START { \
    results[n++] = (call) ? TRUE : FALSE; \
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY); \
    g_assert_nonnull (strstr (error->message, "review")); \
    g_clear_error (&error); \
  } G_STMT_END

  REFUSED (mb_test_take (mb_store_create_strategy (review, "Ny", "rus", &error)));
  REFUSED (mb_test_take (mb_store_create_level (review, f->strategy, 9, "Level", NULL, &error)));
  REFUSED (mb_test_take (mb_store_create_node (review, f->strategy, f->goal, level, "Ny",
                                               &error)));
  REFUSED (mb_test_take (mb_store_create_link (review, f->goal, f->action, "conflicts-with",
                                               &error)));
  REFUSED (mb_test_take (mb_store_create_indicator (review, f->strategy, "Ny", NULL, &error)));
  REFUSED (mb_test_take (mb_store_set_target (review, indicator, 2030, 5, &error)));
  REFUSED (mb_test_take (mb_store_record_measurement (review, indicator, "2024", NULL, NULL, 3,
                                                      NULL, &error)));
  REFUSED (mb_test_take (mb_store_create_project (review, "Ny", NULL, &error)));
  REFUSED (mb_test_take (mb_store_set_project_funding (review, project, "ERUF", 10, &error)));
  REFUSED (mb_test_take (mb_store_add_project_indicator_value (review, project, indicator,
                                                               "planned", 2025, 1, &error)));
  REFUSED (mb_test_take (mb_store_create_call (review, "Ny", &error)));
  REFUSED (mb_test_take (mb_store_create_organisation (review, "Ny", NULL, &error)));
  REFUSED (mb_store_delete (review, "nodes", f->action, &error));
  REFUSED (mb_store_delete (review, "strategies", f->strategy, &error));
  REFUSED (mb_test_store_set_text (review, "nodes", f->goal, "title", "Nytt", &error));
  REFUSED (mb_test_store_set_text (review, "strategies", f->strategy, "parent_relation", "part", &error));
  REFUSED (mb_store_move_node (review, f->action, NULL, 0, &error));
  REFUSED (mb_store_pin_node (review, f->goal, TRUE, 10, 20, &error));
  REFUSED (mb_store_relate (review, MB_RELATION_NODE_TAG, f->goal, "sdg:7", &error));
  REFUSED (mb_store_relate (review, MB_RELATION_NODE_INDICATOR, f->action, indicator, &error));
  REFUSED (mb_store_relate (review, MB_RELATION_PROJECT_NODE, project, f->action, &error));
  REFUSED (mb_store_relate (review, MB_RELATION_CALL_NODE, call, f->action, &error));
  REFUSED (mb_store_relate (review, MB_RELATION_PROJECT_PARTNER, project, org, &error));
  REFUSED (mb_store_unrelate (review, MB_RELATION_NODE_TERRITORY, f->goal, "2380", &error));
  REFUSED (mb_store_paste_nodes (review, f->strategy, NULL, nodes, &pasted, &error));

#undef REFUSED

  for (guint i = 0; i < n; i++)
    g_assert_false (results[i]);
  g_assert_cmpstr (mb_test_take (mb_test_dump (review)), ==, before);
}

/* Things for every kind of write to aim at. */
static void
add_attachable (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = mb_store_create_indicator (f->store, f->strategy, "Andel", NULL,
                                                          &error);
  g_autofree char *project = mb_store_create_project (f->store, "Projekt", NULL, &error);
  g_autofree char *call = mb_store_create_call (f->store, "Utlysning", &error);
  g_autofree char *org = mb_store_create_organisation (f->store, "Kommun", NULL, &error);

  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, f->goal, "2380", &error));
  g_assert_no_error (error);
}

static void
test_review_mode (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (mb_store_get_path (f->store));
  g_autofree char *checksum = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *before = NULL;
  g_autoptr(MbStore) review = NULL;
  g_autoptr(MbStore) second = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (10);
  g_autofree char *assessment = NULL;
  g_autofree char *on_assessment = NULL;

  if (mb_test_skip_unless_file ("a review copy (working copy) of a library file,"
                                " its bytes unchanged"))
    return;

  add_attachable (f);
  assessment = assess_goal (f, 2025);
  g_clear_object (&f->store);
  checksum = mb_test_checksum (path);

  review = mb_store_open (path, MB_STORE_OPEN_REVIEW, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_review (review));
  g_assert_false (mb_store_is_read_only (review));
  g_assert_cmpstr (mb_store_get_review_source (review), ==, path);
  g_assert_cmpstr (mb_store_get_path (review), !=, path);
  /* The library's own history is not the reviewer's to undo. */
  g_assert_false (mb_store_can_undo (review));
  g_assert_false (mb_store_undo (review, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  assert_every_write_refused (f, review);
  g_assert_false (mb_store_can_undo (review));

  /* Comments are the exception, with their undo. */
  before = mb_test_dump (review);
  comment = mb_store_add_comment (review, "nodes", f->goal, "Granskare", "Otydligt mål", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (review), ==, "Add Comment");
  mb_test_assert_undoable (review, before);
  g_assert_true (mb_store_set_comment_resolved (review, comment, TRUE, &error));
  g_assert_true (mb_test_store_set_text (review, "review_comments", comment, "body", "Otydligt", &error));
  for (guint i = 0; i < 3; i++)
    g_assert_true (mb_store_undo (review, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (review)), ==, before);
  g_assert_false (mb_store_undo (review, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);
  g_assert_true (mb_store_redo (review, &error));
  g_assert_true (mb_store_redo (review, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_redo_label (review), ==, "Change Body");
  comments = mb_store_query_comments (review, f->goal, &error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "status"), ==, "resolved");

  /* On an assessment as on a node, which stays as it was. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (review);
  on_assessment = mb_store_add_comment (review, "assessments", assessment, "Granskare",
                                        "Vilka siffror visar det?", &error);
  g_assert_no_error (error);
  mb_test_assert_undoable (review, before);
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = mb_store_query_comments (review, assessment, &error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_id (comments->pdata[0]), ==, on_assessment);

  /* The export carries the comments; the original never sees them. */
  exported = mb_exchange_export (review, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                                  "Otydligt mål"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                                  "Vilka siffror visar det?"));

  /* Another connection to the working copy (an import in a thread) is held
   * to the same rules; a read-only one can export it. */
  second = mb_store_open (mb_store_get_path (review), MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_review (second));
  g_assert_null (mb_store_create_strategy (second, "Ny", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (mb_exchange_import_data (second, "x.json", g_bytes_get_data (exported, NULL),
                                          g_bytes_get_size (exported), MB_IMPORT_PREFER_FILE,
                                          problems, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&second);
  second = mb_store_open (mb_store_get_path (review), MB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_pointer (&exported, g_bytes_unref);
  exported = mb_exchange_export (second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported),
                                  "Otydligt mål"));
  g_clear_object (&second);

  work_dir = g_path_get_dirname (mb_store_get_path (review));
  g_assert_true (g_file_test (work_dir, G_FILE_TEST_IS_DIR));
  g_clear_object (&review);
  g_assert_false (g_file_test (work_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (mb_test_take (mb_test_checksum (path)), ==, checksum);

  f->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM review_comments", NULL), ==, 0);
}

#define V7_LIBRARY \
  "INSERT INTO organisations (id, name, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-00000000000a', 'Mittuniversitetet', 'x', 'x');" \
  "INSERT INTO strategies (id, title, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000001', 'RUS', 'x', 'x');" \
  "INSERT INTO levels (id, strategy_id, position, name, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 0," \
  "  'Mål', 'x', 'x');" \
  "INSERT INTO nodes (id, strategy_id, level_id, title, end_date, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001'," \
  "  '00000000-0000-4000-8000-000000000002', 'Mål ett', '2022', 'x', 'x')," \
  " ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001'," \
  "  '00000000-0000-4000-8000-000000000002', 'Mål två', NULL, 'x', 'x');" \
  "INSERT INTO links (id, from_node_id, to_node_id, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004'," \
  "  '00000000-0000-4000-8000-000000000003', 'x', 'x');" \
  "INSERT INTO follow_up_rounds (id, strategy_id, year, title, decision_number, created," \
  "  modified) VALUES ('00000000-0000-4000-8000-000000000006'," \
  "  '00000000-0000-4000-8000-000000000001', 2021, 'Uppföljning 2021', 'RUN/12/2022', 'x', 'x');" \
  "INSERT INTO assessments (id, round_id, node_id, status, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000007', '00000000-0000-4000-8000-000000000006'," \
  "  '00000000-0000-4000-8000-000000000003', 'on-track', 'x', 'x');" \
  "INSERT INTO activities (id, strategy_id, kind, title, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000001'," \
  "  'workshop', 'Workshop om kompetens', 'x', 'x');" \
  "INSERT INTO activity_organisations VALUES ('00000000-0000-4000-8000-000000000008'," \
  "  '00000000-0000-4000-8000-00000000000a');" \
  "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)" \
  " SELECT 0, 'Add', min(seq), max(seq), 'x' FROM mb_undo_log;" \
  "INSERT INTO review_comments (id, node_id, link_id, author, body, created, modified) VALUES" \
  " ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000003', NULL," \
  "  'Anna', 'Hur mäts målet?', 'x', 'x')," \
  " ('00000000-0000-4000-8000-000000000012', NULL, '00000000-0000-4000-8000-000000000005'," \
  "  'Kommunen', 'Svagt samband', 'x', 'x');" \
  "INSERT INTO mb_undo_steps (stack, label, first_seq, last_seq, created)" \
  " SELECT 0, 'Add Comments', (SELECT last_seq + 1 FROM mb_undo_steps), max(seq), 'x'" \
  " FROM mb_undo_log;"

/* A library of version 7 keeps its comments, its history and its search,
 * and takes comments on assessments and ends in operation from then on. */
static void
test_migrate_from_7 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "v7.malbild", NULL);
  g_autofree char *comment = NULL;
  g_autofree char *before = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *assessment = "00000000-0000-4000-8000-000000000007";
  sqlite3 *db;

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  mb_test_make_old_library (path, 7, V7_LIBRARY);
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  db = mb_store_get_db (store);
  g_assert_cmpint (_mb_store_query_int (db, "PRAGMA user_version", NULL), ==,
                   MB_STORE_SCHEMA_VERSION);
  mb_test_assert_sound (store);

  /* The comments as they were, on their node and link. */
  comments = mb_store_query_comments (store, "00000000-0000-4000-8000-000000000005", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (mb_record_get_string (comments->pdata[0], "body"), ==, "Svagt samband");
  g_assert_true (mb_record_is_null (comments->pdata[0], "assessment_id"));
  g_clear_pointer (&comments, g_ptr_array_unref);
  hits = mb_store_search (store, "samband", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->kind, ==, "review_comments");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Ends were done, not in operation. */
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE in_operation = 0",
                                        NULL), ==, 2);

  /* The activity is found by the organisation that took part, the round by
   * its decision. */
  hits = mb_store_search (store, "Mittuniversitetet", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->kind, !=,
                   ((MbSearchHit *) hits->pdata[1])->kind);
  g_assert_true (g_str_equal (((MbSearchHit *) hits->pdata[0])->kind, "activities") ||
                 g_str_equal (((MbSearchHit *) hits->pdata[1])->kind, "activities"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = mb_store_search (store, "RUN/12/2022", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->kind, ==, "follow_up_rounds");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The history from before the upgrade still undoes exactly. */
  before = mb_test_dump (store);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_redo_label (store), ==, "Add Comments");
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM review_comments", NULL), ==, 0);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM nodes", NULL), ==, 0);
  g_assert_true (mb_store_redo (store, &error));
  g_assert_true (mb_store_redo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (store)), ==, before);

  /* New: a comment on the assessment, and an end in operation, each undone. */
  comment = mb_store_add_comment (store, "assessments", assessment, "Anna", "Belagt?", &error);
  g_assert_no_error (error);
  mb_test_assert_undoable (store, before);
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (store);
  g_assert_true (mb_store_set_node_end (store, "00000000-0000-4000-8000-000000000003", "2022",
                                        TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Change End");
  g_assert_cmpint (_mb_store_query_int (db, "SELECT in_operation FROM nodes WHERE id = ?", "s",
                                        "00000000-0000-4000-8000-000000000003"), ==, 1);
  mb_test_assert_undoable (store, before);
  mb_test_assert_sound (store);
}

/* A node's end in operation ("I drift 2022"): one step; an open end is
 * never in operation; only the stored form of a period. */
static void
test_node_end (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  const char *in_operation = "SELECT in_operation FROM nodes WHERE id = ?";

  g_assert_true (mb_store_set_node_end (f->store, f->action, "2022", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, in_operation, "s", f->action), ==, 1);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT end_date FROM nodes"
                                                       " WHERE id = ?", "s", f->action)),
                   ==, "2022");
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_set_node_end (f->store, f->action, "2022", TRUE, &error));

  /* Clearing the end by the field editor clears it too, in the same step. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_set_field (f->store, "nodes", f->action, "end_date", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, in_operation, "s", f->action), ==, 0);
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_set_node_end (f->store, f->action, NULL, TRUE, &error));
  g_assert_cmpint (_mb_store_query_int (f->db, in_operation, "s", f->action), ==, 0);

  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_false (mb_store_set_node_end (f->store, f->action, "i drift 2022", TRUE, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mb_store_set_node_end (f->store, "no-such", "2022", TRUE, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);
}

/* Only what a review needs: neither a file that is not a library nor one
 * from a newer Målbild is copied. */
static void
test_review_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.malbild", NULL);
  g_autofree char *path = g_strdup (mb_store_get_path (f->store));
  g_autofree char *checksum = NULL;
  MbStore *review;
  sqlite3 *db;

  if (mb_test_skip_unless_file ("review copies refused for files that are no library"))
    return;

  g_assert_true (g_file_set_contents (text, "Not a library at all, just some text.\n", -1, NULL));
  review = mb_store_open (text, MB_STORE_OPEN_REVIEW, &error);
  g_assert_null (review);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_A_LIBRARY);
  g_clear_error (&error);

  review = mb_store_open (missing, MB_STORE_OPEN_REVIEW, &error);
  g_assert_null (review);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_IO);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A library from a newer Målbild, untouched. */
  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  checksum = mb_test_checksum (path);
  review = mb_store_open (path, MB_STORE_OPEN_REVIEW, &error);
  g_assert_null (review);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpstr (mb_test_take (mb_test_checksum (path)), ==, checksum);
}

/* An older library is brought up to date in the working copy only. */
static void
test_review_old_library (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "v2.malbild", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(MbStore) review = NULL;

  if (mb_test_skip_unless_file ("a review copy of a library file of an old schema"))
    return;

  mb_test_make_old_library (path, 2,
    "INSERT INTO strategies (id, title, created, modified) VALUES"
    " ('00000000-0000-4000-8000-000000000001', 'RUS', '2026-01-01T00:00:00.000Z',"
    "  '2026-01-01T00:00:00.000Z');"
    "INSERT INTO levels (id, strategy_id, position, name, created, modified) VALUES"
    " ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 0,"
    "  'Vision', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');"
    "INSERT INTO nodes (id, strategy_id, level_id, title, created, modified) VALUES"
    " ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001',"
    "  '00000000-0000-4000-8000-000000000002', 'Vision', '2026-01-01T00:00:00.000Z',"
    "  '2026-01-01T00:00:00.000Z');");
  checksum = mb_test_checksum (path);

  review = mb_store_open (path, MB_STORE_OPEN_REVIEW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (review), "PRAGMA user_version", NULL),
                   ==, MB_STORE_SCHEMA_VERSION);
  comment = mb_store_add_comment (review, "nodes", "00000000-0000-4000-8000-000000000003",
                                  "Granskare", "Vems vision?", &error);
  g_assert_no_error (error);
  g_clear_object (&review);
  g_assert_cmpstr (mb_test_take (mb_test_checksum (path)), ==, checksum);
}

static guint
count_review_dirs (void)
{
  g_autofree char *base = _mb_review_copies_base_dir ();
  g_autoptr(GDir) dir = g_dir_open (base, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "review-"))
      n++;
  return n;
}

static void
test_review_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_build_filename (f->dir, "rus.json", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *dump = mb_test_dump (f->store);
  g_autofree char *comment = NULL;
  g_autoptr(MbStore) review = NULL;
  g_autoptr(GString) bad = NULL;
  g_autofree char *needle = NULL;
  guint n_dirs = count_review_dirs ();

  g_assert_true (mb_exchange_export_file (f->store, json, &error));
  g_assert_no_error (error);

  review = mb_store_open_review_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_review (review));
  g_assert_cmpstr (mb_store_get_review_source (review), ==, json);
  g_assert_cmpstr (mb_test_take (mb_test_dump (review)), ==, dump);
  g_assert_false (mb_store_can_undo (review));
  g_assert_false (mb_store_delete (review, "nodes", f->goal, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  comment = mb_store_add_comment (review, "links", f->link, "Granskare", "Ok", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_review_dirs (), ==, n_dirs + 1);
  g_clear_object (&review);
  g_assert_cmpuint (count_review_dirs (), ==, n_dirs);

  /* A link to a node that is nowhere: the exchange's own error, and no
   * working copy left behind. */
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  bad = g_string_new (text);
  needle = g_strdup_printf ("\"to_node_id\": \"%s\"", f->goal);
  g_assert_cmpuint (g_string_replace (bad, needle,
                                      "\"to_node_id\": \"00000000-0000-4000-8000-00000000dead\"",
                                      0), ==, 1);
  g_assert_true (g_file_set_contents (broken, bad->str, -1, NULL));
  review = mb_store_open_review_json (broken, &error);
  g_assert_null (review);
  g_assert_error (error, MB_EXCHANGE_ERROR, MB_EXCHANGE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_review_dirs (), ==, n_dirs);
}

int
main (int   argc,
      char *argv[])
{
  const char *base = g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp";
  g_autofree char *tmp = g_build_filename (base, "malbild-test-review-XXXXXX", NULL);
  int status;

  /* A temporary directory of its own (before GLib reads TMPDIR), so that
   * working copies can be counted. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-review/hierarchy", Fixture, NULL, fixture_set_up, test_hierarchy,
              fixture_tear_down);
  g_test_add ("/store-review/comments", Fixture, NULL, fixture_set_up, test_comments,
              fixture_tear_down);
  g_test_add ("/store-review/assessment-comments", Fixture, NULL, fixture_set_up,
              test_assessment_comments, fixture_tear_down);
  g_test_add ("/store-review/migrate-from-7", Fixture, NULL, fixture_set_up,
              test_migrate_from_7, fixture_tear_down);
  g_test_add ("/store-review/node-end", Fixture, NULL, fixture_set_up, test_node_end,
              fixture_tear_down);
  g_test_add ("/store-review/comments-exchange", Fixture, NULL, fixture_set_up,
              test_comments_exchange, fixture_tear_down);
  g_test_add ("/store-review/review-mode", Fixture, NULL, fixture_set_up, test_review_mode,
              fixture_tear_down);
  g_test_add ("/store-review/review-refuses", Fixture, NULL, fixture_set_up,
              test_review_refuses, fixture_tear_down);
  g_test_add ("/store-review/review-old-library", Fixture, NULL, fixture_set_up,
              test_review_old_library, fixture_tear_down);
  g_test_add ("/store-review/review-json", Fixture, NULL, fixture_set_up, test_review_json,
              fixture_tear_down);

  status = g_test_run ();
  mb_test_remove_dir (tmp);
  return status;
}
