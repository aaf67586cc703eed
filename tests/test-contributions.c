/* test-contributions.c – what contributes to a goal, what it serves, goal conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture is two strategies: a RUS (vision → priorities A and B, goal A1
 * under A) and a municipal strategy under it whose goals contribute to the
 * RUS: M1 → priority A, M2 → goal A1; M3 contributes to nothing.
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "mb-exchange.h"
#include "mb-store-review.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  char    *rus;
  char    *muni;
  char    *vision;
  char    *prio_a;
  char    *prio_b;
  char    *goal_a1;
  char    *muni_root;
  char    *m1;
  char    *m2;
  char    *m3;
  char    *project_shared;   /* on goal A1 and M1: counted once */
  char    *project_m2;
  char    *project_m3;       /* outside the chain of priority A */
  char    *call_a1;
  char    *call_m3;
  char    *call_project;     /* only through project_calls: not listed */
  char    *indicator_shared; /* on goal A1 and M1: listed once */
  char    *indicator_prio;   /* on priority A itself */
  char    *indicator_m3;
  char    *conflict_cross;   /* M3 conflicts with priority B */
  char    *conflict_muni;    /* M1 conflicts with M3, both municipal */
} Fixture;

static char *
node (Fixture    *f,
      const char *strategy,
      const char *parent,
      int         level,
      const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level_id = mb_test_level (f->store, strategy, level);
  char *id = mb_store_create_node (f->store, strategy, parent, level_id, title, &error);

  g_assert_no_error (error);
  return id;
}

static char *
link_nodes (Fixture    *f,
            const char *from,
            const char *to,
            const char *kind)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_link (f->store, from, to, kind, &error);

  g_assert_no_error (error);
  return id;
}

static void
set_double (Fixture    *f,
            const char *table,
            const char *id,
            const char *column,
            double      number)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, number);
  g_assert_true (mb_store_set_field (f->store, table, id, column, &value, &error));
  g_assert_no_error (error);
}

static void
relate (Fixture    *f,
        MbRelation  relation,
        const char *a,
        const char *b)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_store_relate (f->store, relation, a, b, &error));
  g_assert_no_error (error);
}

static char *
project (Fixture    *f,
         const char *title,
         double      budget)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_project (f->store, title, NULL, &error);

  g_assert_no_error (error);
  set_double (f, "projects", id, "total_budget", budget);
  return id;
}

static void
fund (Fixture    *f,
      const char *project_id,
      const char *source,
      double      amount)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mb_store_set_project_funding (f->store, project_id, source, amount,
                                                      &error);

  g_assert_no_error (error);
}

static char *
call (Fixture    *f,
      const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_call (f->store, title, &error);

  g_assert_no_error (error);
  return id;
}

/* An indicator from 10 (2020) toward 20 (2030) that stands at @latest. */
static char *
indicator (Fixture    *f,
           const char *title,
           double      latest)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_indicator (f->store, f->rus, title, NULL, &error);
  g_autofree char *target = NULL;
  g_autofree char *measurement = NULL;

  g_assert_no_error (error);
  set_double (f, "indicators", id, "baseline_value", 10);
  set_double (f, "indicators", id, "baseline_year", 2020);
  target = mb_store_set_target (f->store, id, 2030, 20, &error);
  g_assert_no_error (error);
  measurement = mb_store_record_measurement (f->store, id, "2024", NULL, NULL, latest, NULL,
                                             &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) parent = G_VALUE_INIT;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "contributions.malbild");

  f->rus = mb_store_create_strategy (f->store, "Regional strategy", "rus", &error);
  g_assert_no_error (error);
  f->muni = mb_store_create_strategy (f->store, "Municipal strategy", "rus", &error);
  g_assert_no_error (error);
  g_value_init (&parent, G_TYPE_STRING);
  g_value_set_string (&parent, f->rus);
  g_assert_true (mb_store_set_field (f->store, "strategies", f->muni, "parent_id", &parent,
                                     &error));
  g_assert_no_error (error);

  f->vision = node (f, f->rus, NULL, 0, "Vision");
  f->prio_a = node (f, f->rus, f->vision, 1, "Priority A");
  f->prio_b = node (f, f->rus, f->vision, 1, "Priority B");
  f->goal_a1 = node (f, f->rus, f->prio_a, 2, "Goal A1");
  f->muni_root = node (f, f->muni, NULL, 0, "Municipal vision");
  f->m1 = node (f, f->muni, f->muni_root, 1, "M1");
  f->m2 = node (f, f->muni, f->muni_root, 1, "M2");
  f->m3 = node (f, f->muni, f->muni_root, 1, "M3");

  g_free (link_nodes (f, f->m1, f->prio_a, "contributes-to"));
  g_free (link_nodes (f, f->m2, f->goal_a1, "contributes-to"));
  g_free (link_nodes (f, f->m3, f->prio_b, "depends-on"));
  f->conflict_cross = link_nodes (f, f->m3, f->prio_b, "conflicts-with");
  f->conflict_muni = link_nodes (f, f->m1, f->m3, "conflicts-with");

  f->project_shared = project (f, "Skills, \"lift\"", 1000);
  fund (f, f->project_shared, "ERDF", 400);
  fund (f, f->project_shared, "Municipality", 100);
  relate (f, MB_RELATION_PROJECT_NODE, f->project_shared, f->goal_a1);
  relate (f, MB_RELATION_PROJECT_NODE, f->project_shared, f->m1);
  f->project_m2 = project (f, "Broadband", 500);
  fund (f, f->project_m2, "ERDF", 200);
  fund (f, f->project_m2, "Region", 50);
  relate (f, MB_RELATION_PROJECT_NODE, f->project_m2, f->m2);
  f->project_m3 = project (f, "Roads", 9000);
  fund (f, f->project_m3, "ERDF", 9000);
  relate (f, MB_RELATION_PROJECT_NODE, f->project_m3, f->m3);

  f->call_a1 = call (f, "Call for goal A1");
  relate (f, MB_RELATION_CALL_NODE, f->call_a1, f->goal_a1);
  f->call_m3 = call (f, "Call for M3");
  relate (f, MB_RELATION_CALL_NODE, f->call_m3, f->m3);
  f->call_project = call (f, "Call of a project");
  relate (f, MB_RELATION_PROJECT_CALL, f->project_shared, f->call_project);

  f->indicator_shared = indicator (f, "Employment", 15);
  relate (f, MB_RELATION_NODE_INDICATOR, f->goal_a1, f->indicator_shared);
  relate (f, MB_RELATION_NODE_INDICATOR, f->m1, f->indicator_shared);
  f->indicator_prio = indicator (f, "Accessibility", 20);
  relate (f, MB_RELATION_NODE_INDICATOR, f->prio_a, f->indicator_prio);
  f->indicator_m3 = indicator (f, "Road traffic", 12);
  relate (f, MB_RELATION_NODE_INDICATOR, f->m3, f->indicator_m3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->rus);
  g_free (f->muni);
  g_free (f->vision);
  g_free (f->prio_a);
  g_free (f->prio_b);
  g_free (f->goal_a1);
  g_free (f->muni_root);
  g_free (f->m1);
  g_free (f->m2);
  g_free (f->m3);
  g_free (f->project_shared);
  g_free (f->project_m2);
  g_free (f->project_m3);
  g_free (f->call_a1);
  g_free (f->call_m3);
  g_free (f->call_project);
  g_free (f->indicator_shared);
  g_free (f->indicator_prio);
  g_free (f->indicator_m3);
  g_free (f->conflict_cross);
  g_free (f->conflict_muni);
}

static MbContributions *
query (Fixture                  *f,
       const char               *node_id,
       MbContributionsDirection  direction)
{
  g_autoptr(GError) error = NULL;
  MbContributions *result = mb_store_query_contributions (f->store, node_id, direction, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->node_id, ==, node_id);
  g_assert_cmpint (result->direction, ==, direction);
  return result;
}

/* "id:distance:strategy:level" of each node, in order. */
static char *
describe_nodes (MbContributions *result)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < result->nodes->len; i++)
    {
      MbRecord *record = result->nodes->pdata[i];

      g_assert_cmpstr (mb_record_get_kind (record), ==, "nodes");
      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT ":%s:%s", i ? " " : "",
                              mb_record_get_title (record),
                              mb_record_get_int (record, "distance"),
                              mb_record_get_string (record, "strategy_title"),
                              mb_record_get_string (record, "level_name"));
    }
  return g_string_free (out, FALSE);
}

static char *
describe_titles (GPtrArray *records)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", mb_record_get_title (records->pdata[i]));
  return g_string_free (out, FALSE);
}

static void
test_down (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MbContributions) result = query (f, f->prio_a, MB_CONTRIBUTIONS_DOWN);
  g_autofree char *nodes = describe_nodes (result);
  g_autofree char *projects = describe_titles (result->projects);
  g_autofree char *calls = describe_titles (result->calls);
  MbIndicatorStatus *status;

  /* Goal A1 below it, M1 linked to it, M2 linked to goal A1; grouped by
   * strategy (the RUS first, as the municipal one is under it), tree order. */
  g_assert_cmpstr (nodes, ==,
                   "Goal A1:1:Regional strategy:Priority"
                   " M1:1:Municipal strategy:Long-term goal"
                   " M2:2:Municipal strategy:Long-term goal");
  g_assert_cmpstr (mb_record_get_string (result->nodes->pdata[0], "strategy_id"), ==, f->rus);

  /* The shared project once; the one on M3 not at all. */
  g_assert_cmpstr (projects, ==, "Broadband|Skills, \"lift\"");
  g_assert_cmpfloat (mb_record_get_double (result->projects->pdata[1], "funding"), ==, 500);
  g_assert_cmpstr (calls, ==, "Call for goal A1");

  /* Each indicator once, the node's own included, by title. */
  g_assert_cmpuint (result->indicators->len, ==, 2);
  status = result->indicators->pdata[0];
  g_assert_cmpstr (status->indicator_id, ==, f->indicator_prio);
  g_assert_cmpfloat (status->progress, ==, 1.0);
  status = result->indicators->pdata[1];
  g_assert_cmpstr (status->indicator_id, ==, f->indicator_shared);
  g_assert_cmpfloat (status->latest, ==, 15);
  g_assert_cmpfloat (status->progress, ==, 0.5);

  g_assert_cmpfloat (result->budget_total, ==, 1500);
  g_assert_cmpfloat (result->funding_total, ==, 750);
}

static void
test_funding_matches_sql (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MbContributions) result = query (f, f->prio_a, MB_CONTRIBUTIONS_DOWN);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = mb_store_get_db (f->store);
  double sum = 0;
  guint i = 0;

  /* The chain by recursive SQL, the projects linked to it, their funding. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "WITH RECURSIVE c (id) AS (SELECT ?1"
    "  UNION SELECT l.from_node_id FROM links l JOIN c ON l.to_node_id = c.id"
    "   WHERE l.kind = 'contributes-to'"
    "  UNION SELECT n.id FROM nodes n JOIN c ON n.parent_id = c.id),"
    " p (id) AS (SELECT DISTINCT project_id FROM project_nodes WHERE node_id IN c)"
    " SELECT source, sum (amount) FROM project_funding WHERE project_id IN p"
    " GROUP BY source ORDER BY 2 DESC, 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, f->prio_a, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MbFundingSum *got;

      g_assert_cmpuint (i, <, result->funding->len);
      got = result->funding->pdata[i++];
      g_assert_cmpstr (got->source, ==, (const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpfloat (got->amount, ==, sqlite3_column_double (stmt, 1));
      sum += got->amount;
    }
  g_assert_cmpuint (i, ==, result->funding->len);
  g_assert_cmpuint (i, ==, 3);
  g_assert_cmpstr (((MbFundingSum *) result->funding->pdata[0])->source, ==, "ERDF");
  g_assert_cmpfloat (((MbFundingSum *) result->funding->pdata[0])->amount, ==, 600);
  g_assert_cmpfloat (result->funding_total, ==, sum);
  g_assert_cmpfloat (result->budget_total, ==,
                     _mb_store_query_int (db, "SELECT sum (total_budget) FROM projects"
                                          " WHERE id IN (?, ?)", "ss",
                                          f->project_shared, f->project_m2));
}

static void
test_up (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(MbContributions) result = query (f, f->m2, MB_CONTRIBUTIONS_UP);
  g_autofree char *nodes = describe_nodes (result);
  g_autofree char *projects = describe_titles (result->projects);

  /* Goal A1 by its link, then up the RUS tree to the vision; its own
   * strategy's root by the tree. */
  g_assert_cmpstr (nodes, ==,
                   "Vision:3:Regional strategy:Vision"
                   " Priority A:2:Regional strategy:Long-term goal"
                   " Goal A1:1:Regional strategy:Priority"
                   " Municipal vision:1:Municipal strategy:Vision");
  g_assert_cmpstr (projects, ==, "Broadband|Skills, \"lift\"");
  g_assert_cmpfloat (result->budget_total, ==, 1500);

  /* The vision serves nothing. */
  g_clear_pointer (&result, mb_contributions_free);
  result = query (f, f->vision, MB_CONTRIBUTIONS_UP);
  g_assert_cmpuint (result->nodes->len, ==, 0);
  g_assert_cmpuint (result->projects->len, ==, 0);
  g_assert_cmpuint (result->funding->len, ==, 0);
  g_assert_cmpfloat (result->budget_total, ==, 0);
}

static void
test_vision_down (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MbContributions) result = query (f, f->vision, MB_CONTRIBUTIONS_DOWN);
  g_autofree char *nodes = describe_nodes (result);
  g_autofree char *projects = describe_titles (result->projects);

  /* M3 is below neither priority A nor, by contributes-to, B. */
  g_assert_cmpstr (nodes, ==,
                   "Priority A:1:Regional strategy:Long-term goal"
                   " Goal A1:2:Regional strategy:Priority"
                   " Priority B:1:Regional strategy:Long-term goal"
                   " M1:2:Municipal strategy:Long-term goal"
                   " M2:3:Municipal strategy:Long-term goal");
  g_assert_cmpstr (projects, ==, "Broadband|Skills, \"lift\"");
}

/* Inside an action the store has no chain index; the result is the same. */
typedef struct
{
  Fixture *f;
  char    *nodes;
} InsideAction;

static gboolean
inside_action_cb (MbStore   *store,
                  sqlite3   *db,
                  gpointer   user_data,
                  GError   **error)
{
  InsideAction *inside = user_data;
  g_autoptr(MbContributions) result = NULL;

  result = mb_store_query_contributions (store, inside->f->prio_a, MB_CONTRIBUTIONS_DOWN, error);
  if (result == NULL)
    return FALSE;
  inside->nodes = describe_nodes (result);
  return TRUE;
}

static void
test_inside_action (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbContributions) result = query (f, f->prio_a, MB_CONTRIBUTIONS_DOWN);
  g_autofree char *outside = describe_nodes (result);
  InsideAction inside = { f, NULL };

  g_assert_true (mb_store_run_action (f->store, "Look", inside_action_cb, &inside, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (inside.nodes, ==, outside);
  g_free (inside.nodes);
}

static void
test_unknown_node (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MbContributions *result;

  result = mb_store_query_contributions (f->store, "no-such-node", MB_CONTRIBUTIONS_DOWN, &error);
  g_assert_null (result);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  result = mb_store_query_contributions (f->store, f->project_m2, MB_CONTRIBUTIONS_UP, &error);
  g_assert_null (result);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rus = mb_store_query_conflicts (f->store, f->rus, &error);
  g_autoptr(GPtrArray) muni = NULL;
  g_autoptr(GPtrArray) none = NULL;
  MbRecord *link;

  /* The RUS sees the municipal conflict with its priority (the "to" end). */
  g_assert_no_error (error);
  g_assert_cmpuint (rus->len, ==, 1);
  link = rus->pdata[0];
  g_assert_cmpstr (mb_record_get_kind (link), ==, "links");
  g_assert_cmpstr (mb_record_get_id (link), ==, f->conflict_cross);
  g_assert_cmpstr (mb_record_get_string (link, "kind"), ==, "conflicts-with");
  g_assert_cmpstr (mb_record_get_string (link, "from_title"), ==, "M3");
  g_assert_cmpstr (mb_record_get_string (link, "to_title"), ==, "Priority B");
  g_assert_cmpstr (mb_record_get_string (link, "from_strategy_title"), ==, "Municipal strategy");
  g_assert_cmpstr (mb_record_get_string (link, "to_strategy_title"), ==, "Regional strategy");

  /* The municipality sees both: its own and the one toward the RUS. */
  muni = mb_store_query_conflicts (f->store, f->muni, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (muni->len, ==, 2);
  g_assert_cmpstr (mb_record_get_id (muni->pdata[0]), ==, f->conflict_muni);
  g_assert_cmpstr (mb_record_get_string (muni->pdata[0], "to_title"), ==, "M3");
  g_assert_cmpstr (mb_record_get_id (muni->pdata[1]), ==, f->conflict_cross);

  none = mb_store_query_conflicts (f->store, "no-such-strategy", &error);
  g_assert_null (none);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(MbContributions) result = query (f, f->goal_a1, MB_CONTRIBUTIONS_DOWN);
  g_autofree char *csv = mb_contributions_to_csv (result);
  g_autofree char *again = mb_contributions_to_csv (result);
  g_autofree char *expected = g_strdup_printf (
    "kind,id,title,strategy,level,distance,budget,funding,progress\r\n"
    "node,%s,M2,Municipal strategy,Long-term goal,1,,,\r\n"
    "project,%s,Broadband,,,,500,250,\r\n"
    "project,%s,\"Skills, \"\"lift\"\"\",,,,1000,500,\r\n"
    "call,%s,Call for goal A1,,,,,,\r\n"
    "indicator,%s,Employment,,,,,,0.5\r\n"
    "funding,,ERDF,,,,,600,\r\n"
    "funding,,Municipality,,,,,100,\r\n"
    "funding,,Region,,,,,50,\r\n"
    "total,,,,,,1500,750,\r\n",
    f->m2, f->project_m2, f->project_shared, f->call_a1, f->indicator_shared);

  g_assert_cmpstr (csv, ==, expected);
  g_assert_cmpstr (again, ==, csv);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MbContributions) result = query (f, f->m2, MB_CONTRIBUTIONS_DOWN);
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;

  /* Nothing contributes to M2; its own project still counts. */
  g_assert_cmpuint (result->nodes->len, ==, 0);
  json = mb_contributions_to_json (result);
  expected = g_strdup_printf (
    "{\n"
    "  \"node\": \"%s\",\n"
    "  \"direction\": \"down\",\n"
    "  \"nodes\": [],\n"
    "  \"projects\": [\n"
    "    {\n"
    "      \"id\": \"%s\",\n"
    "      \"title\": \"Broadband\",\n"
    "      \"registration_number\": null,\n"
    "      \"status\": \"planned\",\n"
    "      \"total_budget\": 500,\n"
    "      \"funding\": 250\n"
    "    }\n"
    "  ],\n"
    "  \"calls\": [],\n"
    "  \"indicators\": [],\n"
    "  \"funding\": [\n"
    "    {\n"
    "      \"source\": \"ERDF\",\n"
    "      \"amount\": 200\n"
    "    },\n"
    "    {\n"
    "      \"source\": \"Region\",\n"
    "      \"amount\": 50\n"
    "    }\n"
    "  ],\n"
    "  \"budget_total\": 500,\n"
    "  \"funding_total\": 250\n"
    "}\n", f->m2, f->project_m2);
  g_assert_cmpstr (json, ==, expected);

  /* A fuller one is valid JSON with every node and indicator in it. */
  {
    g_autoptr(MbContributions) down = query (f, f->prio_a, MB_CONTRIBUTIONS_UP);
    g_autofree char *text = mb_contributions_to_json (down);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root;

    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "direction"), ==, "up");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "nodes")), ==,
                      1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "indicators")),
                      ==, 1);
  }
}

/* A review store refuses every write: the query writes nothing, and gives
 * the same as on the library itself. */
static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbContributions) original = query (f, f->prio_a, MB_CONTRIBUTIONS_DOWN);
  g_autoptr(MbContributions) reviewed = NULL;
  g_autoptr(MbStore) review = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *original_csv = mb_contributions_to_csv (original);
  g_autofree char *reviewed_csv = NULL;

  review = mb_store_open (mb_store_get_path (f->store), MB_STORE_OPEN_REVIEW, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_review (review));
  reviewed = mb_store_query_contributions (review, f->prio_a, MB_CONTRIBUTIONS_DOWN, &error);
  g_assert_no_error (error);
  reviewed_csv = mb_contributions_to_csv (reviewed);
  g_assert_cmpstr (reviewed_csv, ==, original_csv);
  conflicts = mb_store_query_conflicts (review, f->rus, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
}

/* The chain's nodes on the store's connection and what is linked to them
 * on a thread's, at the same time, give what the store's connection alone
 * reads. */
static void
test_side_read_same (Fixture       *f,
                     gconstpointer  data)
{
  const char *ids[] = { f->vision, f->prio_a, f->goal_a1, f->muni_root, f->m3 };
  guint min = _mb_contributions_set_side_read_min (G_MAXUINT);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (int direction = MB_CONTRIBUTIONS_DOWN; direction <= MB_CONTRIBUTIONS_UP; direction++)
      {
        g_autoptr(MbContributions) alone = NULL;
        g_autoptr(MbContributions) both = NULL;
        g_autofree char *alone_csv = NULL;
        g_autofree char *both_csv = NULL;
        g_autofree char *alone_json = NULL;
        g_autofree char *both_json = NULL;
        guint n_side_reads = _mb_contributions_n_side_reads ();

        _mb_contributions_set_side_read_min (G_MAXUINT);
        alone = query (f, ids[i], direction);
        g_assert_cmpuint (_mb_contributions_n_side_reads (), ==, n_side_reads);
        _mb_contributions_set_side_read_min (0);
        both = query (f, ids[i], direction);
        g_assert_cmpuint (_mb_contributions_n_side_reads (), ==, n_side_reads + 1);

        alone_csv = mb_contributions_to_csv (alone);
        both_csv = mb_contributions_to_csv (both);
        g_assert_cmpstr (both_csv, ==, alone_csv);
        alone_json = mb_contributions_to_json (alone);
        both_json = mb_contributions_to_json (both);
        g_assert_cmpstr (both_json, ==, alone_json);
        g_assert_cmpuint (both->indicators->len, ==, alone->indicators->len);
        g_assert_cmpfloat (both->budget_total, ==, alone->budget_total);
        g_assert_cmpfloat (both->funding_total, ==, alone->funding_total);
      }
  _mb_contributions_set_side_read_min (min);
}

typedef struct
{
  const char *path;
  const char *project_id;
} CommitElsewhere;

/* Another process's commit, made while a side read is held after it read. */
static gpointer
commit_elsewhere_thread (gpointer data)
{
  CommitElsewhere *commit = data;
  sqlite3 *db = NULL;
  char *sql;

  _mb_contributions_wait_side_read_held ();
  g_assert_cmpint (sqlite3_open (commit->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  sql = sqlite3_mprintf ("UPDATE projects SET total_budget = 1234 WHERE id = %Q",
                         commit->project_id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  sqlite3_close (db);
  _mb_contributions_hold_side_reads (FALSE);
  return NULL;
}

/* A commit of another connection between the thread's read and the
 * store's: the two halves may have seen two libraries, so it is all read
 * again, and the answer is the library after the commit, whole. */
static void
test_side_read_changed (Fixture       *f,
                        gconstpointer  data)
{
  CommitElsewhere commit = { mb_store_get_path (f->store), f->project_shared };
  g_autoptr(MbContributions) before = query (f, f->vision, MB_CONTRIBUTIONS_DOWN);
  g_autoptr(MbContributions) during = NULL;
  g_autoptr(MbContributions) after = NULL;
  g_autofree char *during_csv = NULL;
  g_autofree char *after_csv = NULL;
  guint min = _mb_contributions_set_side_read_min (0);
  guint n_side_reads = _mb_contributions_n_side_reads ();
  GThread *thread;

  _mb_contributions_hold_side_reads (TRUE);
  thread = g_thread_new ("commit-elsewhere", commit_elsewhere_thread, &commit);
  during = query (f, f->vision, MB_CONTRIBUTIONS_DOWN);
  g_thread_join (thread);
  g_assert_cmpuint (_mb_contributions_n_side_reads (), ==, n_side_reads);

  _mb_contributions_set_side_read_min (G_MAXUINT);
  after = query (f, f->vision, MB_CONTRIBUTIONS_DOWN);
  _mb_contributions_set_side_read_min (min);
  g_assert_cmpfloat (before->budget_total, !=, after->budget_total);
  g_assert_cmpfloat (during->budget_total, ==, after->budget_total);
  during_csv = mb_contributions_to_csv (during);
  after_csv = mb_contributions_to_csv (after);
  g_assert_cmpstr (during_csv, ==, after_csv);
}

static double
query_double (sqlite3    *db,
              const char *sql,
              const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The shipped example: the illustrative municipal strategy under the RUS
 * contributes to priority 3 through the strength area Upplevelser and the
 * broadband intervention; its visitors project serves two nodes of that
 * chain and counts once. */
static void
test_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "example.malbild");
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(MbContributions) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *example = g_build_filename (g_getenv ("MALBILD_SOURCE_ROOT"), "data",
                                               "examples", "jamtland-harjedalen.json", NULL);
  g_autofree char *p3 = NULL;
  g_autofree char *muni = NULL;
  g_autofree char *visitors = NULL;
  sqlite3 *db;
  guint n_visitors = 0, n_project = 0;
  double eruf = NAN;
  const char *funding_sql =
    "WITH RECURSIVE c (id) AS (SELECT ?1"
    "  UNION SELECT l.from_node_id FROM links l JOIN c ON l.to_node_id = c.id"
    "   WHERE l.kind = 'contributes-to'"
    "  UNION SELECT n.id FROM nodes n JOIN c ON n.parent_id = c.id)"
    " SELECT sum (amount) FROM project_funding WHERE source = 'ERUF' AND project_id IN"
    "  (SELECT project_id FROM project_nodes WHERE node_id IN c)";

  report = mb_exchange_import_file (store, example, MB_IMPORT_NONE, problems, &error);
  g_assert_no_error (error);
  db = mb_store_get_db (store);
  p3 = _mb_store_query_text (db, "SELECT id FROM nodes WHERE code = '3' AND title LIKE"
                             " 'Utveckling av styrkeområdena%'", NULL);
  muni = _mb_store_query_text (db, "SELECT id FROM strategies WHERE title LIKE"
                               " 'Östersunds kommun%'", NULL);
  visitors = _mb_store_query_text (db, "SELECT id FROM nodes WHERE title ="
                                   " 'Fler besökare året runt'", NULL);
  g_assert_nonnull (p3);
  g_assert_nonnull (muni);
  g_assert_nonnull (visitors);

  result = mb_store_query_contributions (store, p3, MB_CONTRIBUTIONS_DOWN, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->nodes->len; i++)
    if (g_str_equal (mb_record_get_id (result->nodes->pdata[i]), visitors))
      {
        n_visitors++;
        g_assert_cmpint (mb_record_get_int (result->nodes->pdata[i], "distance"), ==, 2);
      }
  g_assert_cmpuint (n_visitors, ==, 1);
  for (guint i = 0; i < result->projects->len; i++)
    if (g_str_has_prefix (mb_record_get_title (result->projects->pdata[i]), "Året runt"))
      n_project++;
  g_assert_cmpuint (n_project, ==, 1);
  for (guint i = 0; i < result->funding->len; i++)
    if (g_str_equal (((MbFundingSum *) result->funding->pdata[i])->source, "ERUF"))
      eruf = ((MbFundingSum *) result->funding->pdata[i])->amount;
  g_assert_cmpfloat (eruf, ==, query_double (db, funding_sql, p3));
  g_assert_cmpfloat (eruf, ==, 2600000);
  g_assert_cmpfloat (result->budget_total, ==, 6500000);

  /* Both conflicts of the municipal strategy; the RUS part 2 sees one. */
  conflicts = mb_store_query_conflicts (store, muni, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);

  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int    argc,
      char  *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/contributions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("down", test_down);
  ADD ("funding-matches-sql", test_funding_matches_sql);
  ADD ("up", test_up);
  ADD ("vision-down", test_vision_down);
  ADD ("inside-action", test_inside_action);
  ADD ("unknown-node", test_unknown_node);
  ADD ("conflicts", test_conflicts);
  ADD ("csv", test_csv);
  ADD ("json", test_json);
  ADD ("review", test_review);
  ADD ("side-read/same", test_side_read_same);
  ADD ("side-read/changed", test_side_read_changed);

#undef ADD

  g_test_add_func ("/contributions/example", test_example);

  return g_test_run ();
}
