/* test-coverage.c – coverage hints and the rest of the editors' core, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "mb-catalogue.h"
#include "mb-coverage.h"
#include "mb-indicator-from-catalogue.h"
#include "mb-record.h"
#include "mb-store-editor-queries.h"
#include "test-levels-util.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  char    *strategy;
  char    *goal_level;          /* "Priority" */
  char    *intervention_level;  /* "Intervention" */
} Fixture;

static char *
item_id (GListModel *model,
         guint       position)
{
  g_autoptr(MbEntityItem) item = g_list_model_get_item (model, position);

  return g_strdup (mb_entity_item_get_id (item));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = mb_test_make_dir ();
  path = g_build_filename (f->dir, "coverage.malbild", NULL);
  f->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  g_assert_no_error (error);

  f->goal_level = mb_test_find_level (f->store, f->strategy, "Priority");
  f->intervention_level = mb_test_find_level (f->store, f->strategy, "Intervention");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->goal_level);
  g_free (f->intervention_level);
}

static void
test_coverage_levels (void)
{
  g_assert_true (mb_coverage_is_intervention_level ("Intervention"));
  g_assert_true (mb_coverage_is_intervention_level ("Insats"));
  g_assert_true (mb_coverage_is_intervention_level (" aktivitet "));
  g_assert_true (mb_coverage_is_intervention_level ("Activity"));
  g_assert_false (mb_coverage_is_intervention_level ("Action area"));
  g_assert_false (mb_coverage_is_intervention_level ("Insatsområde"));
  g_assert_false (mb_coverage_is_intervention_level ("Priority"));
  g_assert_false (mb_coverage_is_intervention_level (NULL));
}

static void
test_coverage_goal_without_indicator (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *goal = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level,
                                                "Attractive labour market", &error);
  g_autofree char *indicator = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "nodes", goal, 2026), ==,
                   MB_COVERAGE_GOAL_WITHOUT_INDICATOR);
  g_assert_cmpstr (mb_coverage_hint_get_message (MB_COVERAGE_GOAL_WITHOUT_INDICATOR), ==,
                   "No indicator measures this goal");

  indicator = mb_store_create_indicator (f->store, f->strategy, "Employment rate", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, goal, indicator, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "nodes", goal, 2026), ==, MB_COVERAGE_NONE);

  /* A project on a goal does not measure it. */
  g_assert_true (mb_store_unrelate (f->store, MB_RELATION_NODE_INDICATOR, goal, indicator,
                                    &error));
  g_assert_cmpint (mb_coverage_get_hints (f->store, "nodes", goal, 2026), ==,
                   MB_COVERAGE_GOAL_WITHOUT_INDICATOR);
}

static void
test_coverage_intervention_without_project (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *node = mb_store_create_node (f->store, f->strategy, NULL,
                                                f->intervention_level, "Broadband for all",
                                                &error);
  g_autofree char *project = NULL;

  g_assert_no_error (error);
  /* An intervention is not asked for an indicator, but for a project. */
  g_assert_cmpint (mb_coverage_get_hints (f->store, "nodes", node, 2026), ==,
                   MB_COVERAGE_INTERVENTION_WITHOUT_PROJECT);

  project = mb_store_create_project (f->store, "Fibre Jämtland", "20201234", &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, project, node, &error));
  g_assert_cmpint (mb_coverage_get_hints (f->store, "nodes", node, 2026), ==, MB_COVERAGE_NONE);
}

static void
test_coverage_indicator_recent_data (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = mb_store_create_indicator (f->store, f->strategy, "Inhabitants",
                                                          "kolada:N01951", &error);
  g_autofree char *m = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "indicators", indicator, 2026), ==,
                   MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA);

  m = mb_store_record_measurement (f->store, indicator, "2023", "0023", "T", 131000, NULL,
                                   &error);
  g_assert_no_error (error);
  g_clear_pointer (&m, g_free);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "indicators", indicator, 2026), ==,
                   MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA);
  /* Two years back still counts. */
  g_assert_cmpint (mb_coverage_get_hints (f->store, "indicators", indicator, 2025), ==,
                   MB_COVERAGE_NONE);

  /* A recent period recorded without a value is a gap, not data. */
  m = mb_store_record_measurement (f->store, indicator, "2025-Q2", "0023", "T", NAN, "missing",
                                   &error);
  g_assert_no_error (error);
  g_clear_pointer (&m, g_free);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "indicators", indicator, 2026), ==,
                   MB_COVERAGE_INDICATOR_WITHOUT_RECENT_DATA);

  m = mb_store_record_measurement (f->store, indicator, "2025-Q3", "0023", "T", 131500, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "indicators", indicator, 2026), ==,
                   MB_COVERAGE_NONE);
}

static void
test_coverage_call_without_priority (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *call = mb_store_create_call (f->store, "Circular economy 2024", &error);
  g_autofree char *goal = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level,
                                                "Sustainable growth", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "funding_calls", call, 2026), ==,
                   MB_COVERAGE_CALL_WITHOUT_PRIORITY);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_CALL_NODE, call, goal, &error));
  g_assert_cmpint (mb_coverage_get_hints (f->store, "funding_calls", call, 2026), ==,
                   MB_COVERAGE_NONE);

  /* Other kinds and missing entities have no hints. */
  g_assert_cmpint (mb_coverage_get_hints (f->store, "funding_calls", "nope", 2026), ==,
                   MB_COVERAGE_NONE);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "projects", call, 2026), ==,
                   MB_COVERAGE_NONE);
  g_assert_cmpint (mb_coverage_get_hints (f->store, "nodes", "nope", 2026), ==,
                   MB_COVERAGE_NONE);
}

static void
test_queries_related (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *goal = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level,
                                                "Goal", &error);
  g_autofree char *project = mb_store_create_project (f->store, "Project", "P-1", &error);
  g_autofree char *call = mb_store_create_call (f->store, "Call", &error);
  g_autofree char *org = mb_store_create_organisation (f->store, "Mittuniversitetet",
                                                       "academia", &error);
  g_autofree char *funding = NULL;
  g_autofree char *target = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(MbEntityItem) item = NULL;

  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, project, goal, NULL));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_CALL, project, call, NULL));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_PARTNER, project, org, NULL));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, goal, "sdg:10", NULL));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, goal, "sdg:9", NULL));
  funding = mb_store_set_project_funding (f->store, project, "ERDF", 1500000, &error);
  g_assert_no_error (error);

  /* Both sides see the link. */
  list = mb_store_editor_list_related (f->store, MB_RELATED_NODE_PROJECTS, goal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  item = g_list_model_get_item (list, 0);
  g_assert_cmpstr (mb_entity_item_get_kind (item), ==, "projects");
  g_assert_cmpstr (mb_entity_item_get_id (item), ==, project);
  g_assert_cmpstr (mb_entity_item_get_subtitle (item), ==, "P-1");
  g_clear_object (&item);
  g_clear_object (&list);

  list = mb_store_editor_list_related (f->store, MB_RELATED_PROJECT_NODES, project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  first = item_id (list, 0);
  g_assert_cmpstr (first, ==, goal);
  g_clear_object (&list);

  list = mb_store_editor_list_related (f->store, MB_RELATED_CALL_PROJECTS, call, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  list = mb_store_editor_list_related (f->store, MB_RELATED_PROJECT_PARTNERS, project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  item = g_list_model_get_item (list, 0);
  g_assert_cmpstr (mb_entity_item_get_title (item), ==, "Mittuniversitetet");
  g_clear_object (&item);
  g_clear_object (&list);

  /* Tags in goal order, not text order. */
  list = mb_store_editor_list_related (f->store, MB_RELATED_NODE_TAGS, goal, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_pointer (&first, g_free);
  first = item_id (list, 0);
  g_assert_cmpstr (first, ==, "sdg:9");
  g_clear_object (&list);

  list = mb_store_editor_list_related (f->store, MB_RELATED_PROJECT_FUNDING, project, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  item = g_list_model_get_item (list, 0);
  g_assert_cmpstr (mb_entity_item_get_id (item), ==, funding);
  g_assert_cmpstr (mb_entity_item_get_title (item), ==, "ERDF");
  g_assert_cmpfloat (g_ascii_strtod (mb_entity_item_get_subtitle (item), NULL), ==, 1500000);
  g_clear_object (&item);
  g_clear_object (&list);

  target = mb_store_set_target (f->store, mb_test_take (mb_store_create_indicator (f->store,
                                f->strategy, "Jobs", NULL, NULL)), 2029, 75, &error);
  g_assert_no_error (error);
  list = mb_store_editor_list_all (f->store, "indicators", f->strategy, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  list = mb_store_editor_list_all (f->store, "nodes", f->strategy, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  g_assert_null (mb_store_editor_list_all (f->store, "measurements", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

static void
test_indicator_from_catalogue (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new_default (&error);
  g_autofree char *goal = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level,
                                                "Growing population", &error);
  g_autofree char *indicator = NULL;
  g_autofree char *unit = NULL;
  g_autoptr(MbRecord) row = NULL;
  g_autoptr(GListModel) attached = NULL;
  MbCatalogueEntry *kpi, *rco, *sdg;

  g_assert_no_error (error);
  kpi = mb_catalogue_lookup (catalogue, "kolada:N01951");
  rco = mb_catalogue_lookup (catalogue, "erdf:RCO 01");
  sdg = mb_catalogue_lookup (catalogue, "sdg:7");
  g_assert_nonnull (kpi);
  g_assert_nonnull (rco);
  g_assert_nonnull (sdg);

  unit = mb_catalogue_entry_guess_unit (kpi);
  g_assert_cmpstr (unit, ==, "antal");
  g_clear_pointer (&unit, g_free);
  unit = mb_catalogue_entry_guess_unit (rco);
  g_assert_cmpstr (unit, ==, "enterprises");

  indicator = mb_store_create_indicator_from_catalogue (f->store, kpi, f->strategy, goal, &error);
  g_assert_no_error (error);
  row = mb_store_get_record (f->store, "indicators", indicator, &error);
  g_assert_cmpstr (mb_record_get_string (row, "reference"), ==, "kolada:N01951");
  g_assert_cmpstr (mb_record_get_string (row, "title"), ==, "Invånare totalt, antal");
  g_assert_cmpstr (mb_record_get_string (row, "unit"), ==, "antal");
  g_assert_cmpstr (mb_record_get_string (row, "source"), ==, "Kolada");
  g_assert_cmpstr (mb_record_get_string (row, "by_gender"), ==, "1");
  g_assert_cmpstr (mb_record_get_string (row, "strategy_id"), ==, f->strategy);
  attached = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, goal, &error);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 1);
  g_clear_object (&attached);

  /* Created and attached in one step: one undo removes both. */
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Attach “kolada:N01951”");
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_null (mb_store_get_record (f->store, "indicators", indicator, NULL));
  attached = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, goal, &error);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 0);

  /* A goal is not an indicator; nothing is written. */
  g_clear_pointer (&indicator, g_free);
  indicator = mb_store_create_indicator_from_catalogue (f->store, sdg, f->strategy, goal, &error);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_assert_null (indicator);
  g_clear_error (&error);
  indicator = mb_store_create_indicator_from_catalogue (f->store, rco, f->strategy, "nope",
                                                        &error);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_object (&attached);
  attached = mb_store_editor_list_all (f->store, "indicators", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 0);
}

/* Attaching a KPI the library has already attaches that indicator: no second
 * "Invånare totalt, antal", in this strategy or another. */
static void
test_indicator_from_catalogue_reuses (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new_default (&error);
  g_autofree char *first_goal = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level,
                                                      "Growing population", &error);
  g_autofree char *second_goal = mb_store_create_node (f->store, f->strategy, NULL,
                                                       f->goal_level, "Attractive region",
                                                       &error);
  g_autofree char *other_strategy = mb_store_create_strategy (f->store, "Kommun", "rus", &error);
  g_autofree char *other_level = mb_test_find_level (f->store, other_strategy, "Priority");
  g_autofree char *other_goal = mb_store_create_node (f->store, other_strategy, NULL,
                                                      other_level, "Fler invånare", &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GListModel) attached = NULL;
  g_autoptr(MbRecord) row = NULL;
  MbCatalogueEntry *kpi;

  g_assert_no_error (error);
  kpi = mb_catalogue_lookup (catalogue, "kolada:N01951");
  g_assert_nonnull (kpi);

  first = mb_store_create_indicator_from_catalogue (f->store, kpi, f->strategy, first_goal,
                                                    &error);
  g_assert_no_error (error);
  second = mb_store_create_indicator_from_catalogue (f->store, kpi, f->strategy, second_goal,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);
  third = mb_store_create_indicator_from_catalogue (f->store, kpi, other_strategy, other_goal,
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, first);

  indicators = mb_store_editor_list_all (f->store, "indicators", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, 1);
  attached = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, second_goal,
                                           &error);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 1);
  g_clear_object (&attached);

  /* Attached already: refused, nothing written, no undo step. */
  again = mb_store_create_indicator_from_catalogue (f->store, kpi, f->strategy, first_goal,
                                                    &error);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_assert_null (again);
  g_clear_error (&error);

  /* One undo takes back only the last attachment; the indicator stays. */
  g_assert_true (mb_store_undo (f->store, &error));
  row = mb_store_get_record (f->store, "indicators", first, NULL);
  g_assert_nonnull (row);
  attached = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, other_goal,
                                           &error);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 0);
  g_clear_object (&attached);
  attached = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, second_goal,
                                           &error);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coverage/intervention-levels", test_coverage_levels);
  g_test_add ("/coverage/goal-without-indicator", Fixture, NULL,
              fixture_set_up, test_coverage_goal_without_indicator, fixture_tear_down);
  g_test_add ("/coverage/intervention-without-project", Fixture, NULL,
              fixture_set_up, test_coverage_intervention_without_project, fixture_tear_down);
  g_test_add ("/coverage/indicator-recent-data", Fixture, NULL,
              fixture_set_up, test_coverage_indicator_recent_data, fixture_tear_down);
  g_test_add ("/coverage/call-without-priority", Fixture, NULL,
              fixture_set_up, test_coverage_call_without_priority, fixture_tear_down);
  g_test_add ("/editor-queries/related", Fixture, NULL,
              fixture_set_up, test_queries_related, fixture_tear_down);

  g_test_add ("/indicator-from-catalogue/kolada-and-erdf", Fixture, NULL,
              fixture_set_up, test_indicator_from_catalogue, fixture_tear_down);
  g_test_add ("/indicator-from-catalogue/reuses-library-indicator", Fixture, NULL,
              fixture_set_up, test_indicator_from_catalogue_reuses, fixture_tear_down);

  return g_test_run ();
}
