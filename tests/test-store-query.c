/* test-store-query.c – tree, chain, linked items and full-text search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "mb-indicator-stats.h"
#include "mb-store-canvas-queries.h"
#include "test-store-util.h"

static char *
node (MbStore    *store,
      const char *strategy,
      const char *parent,
      int         level,
      const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level_id = mb_test_level (store, strategy, level);
  char *id = mb_store_create_node (store, strategy, parent, level_id, title, &error);

  g_assert_no_error (error);
  return id;
}

static char *
titles_of (GPtrArray *records)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (s, "%s%u:%s", i ? " " : "", mb_record_get_depth (records->pdata[i]),
                            mb_record_get_title (records->pdata[i]));
  return g_string_free (s, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_titles (MbStore *store,
               GStrv    ids)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint i = 0; ids[i]; i++)
    g_ptr_array_add (titles, _mb_store_query_text (mb_store_get_db (store),
                                                   "SELECT title FROM nodes WHERE id = ?",
                                                   "s", ids[i]));
  g_ptr_array_sort (titles, compare_strings);
  for (guint i = 0; i < titles->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", (char *) titles->pdata[i]);
  return g_string_free (s, FALSE);
}

static void
test_query_tree_and_chain (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "q.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = mb_store_create_strategy (store, "S1", "rus", &error);
  g_autofree char *s2 = mb_store_create_strategy (store, "S2", "effect-chain", &error);
  g_autofree char *v = node (store, s1, NULL, 0, "V");
  g_autofree char *a = node (store, s1, v, 1, "A");
  g_autofree char *b = node (store, s1, v, 1, "B");
  g_autofree char *a1 = node (store, s1, a, 2, "A1");
  g_autofree char *w = node (store, s1, NULL, 0, "W");
  g_autofree char *x = node (store, s2, NULL, 0, "X");
  g_autofree char *y = node (store, s2, NULL, 0, "Y");
  g_autoptr(GPtrArray) tree = NULL;
  g_auto(GStrv) up = NULL;
  g_auto(GStrv) down = NULL;

  g_assert_true (mb_store_move_node (store, b, v, 0, &error));
  tree = mb_store_query_tree (store, s1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (titles_of (tree)), ==, "0:V 1:B 1:A 2:A1 0:W");
  g_assert_cmpstr (mb_record_get_kind (tree->pdata[0]), ==, "nodes");
  g_assert_cmpstr (mb_record_get_string (tree->pdata[1], "parent_id"), ==, v);

  /* Y → X → A1 → B (across strategies); W conflicts with A1 (not a chain). */
  g_free (mb_store_create_link (store, y, x, NULL, &error));
  g_free (mb_store_create_link (store, x, a1, NULL, &error));
  g_free (mb_store_create_link (store, a1, b, NULL, &error));
  g_free (mb_store_create_link (store, w, a1, "conflicts-with", &error));
  g_assert_no_error (error);

  g_assert_true (mb_store_query_chain (store, x, MB_CHAIN_LINKS, &up, &down, &error));
  g_assert_cmpstr (mb_test_take (sorted_titles (store, up)), ==, "A1 B");
  g_assert_cmpstr (mb_test_take (sorted_titles (store, down)), ==, "Y");
  g_clear_pointer (&up, g_strfreev);
  g_clear_pointer (&down, g_strfreev);

  g_assert_true (mb_store_query_chain (store, a1, MB_CHAIN_INCLUDE_TREE, &up, &down, &error));
  g_assert_cmpstr (mb_test_take (sorted_titles (store, up)), ==, "A B V");
  g_assert_cmpstr (mb_test_take (sorted_titles (store, down)), ==, "X Y");
  g_clear_pointer (&up, g_strfreev);
  g_clear_pointer (&down, g_strfreev);

  g_assert_false (mb_store_query_chain (store, "nope", 0, &up, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  mb_test_remove_dir (dir);
}

static void
test_query_node_links (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "q.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *s = mb_store_create_strategy (store, "S", "rus", &error);
  g_autofree char *n = node (store, s, NULL, 0, "Goal");
  g_autofree char *up = mb_store_create_indicator (store, s, "Jobs", "kolada:N00001", &error);
  g_autofree char *downward = mb_store_create_indicator (store, s, "Emissions", NULL, &error);
  g_autofree char *bare = mb_store_create_indicator (store, s, "Bare", NULL, &error);
  g_autofree char *equal = mb_store_create_indicator (store, s, "Equal", NULL, &error);
  g_autofree char *no_base = mb_store_create_indicator (store, s, "No baseline", NULL, &error);
  g_autofree char *women = mb_store_create_indicator (store, s, "Women", NULL, &error);
  g_autoptr(MbCanvasData) canvas = NULL;
  MbCanvasNodeRow *row = NULL;
  g_autofree char *p = mb_store_create_project (store, "Project", NULL, &error);
  g_autofree char *c = mb_store_create_call (store, "Call", &error);
  g_autoptr(GPtrArray) status = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  MbIndicatorStatus *st;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "100");
  g_assert_true (mb_store_set_field (store, "indicators", up, "baseline_value", &v, &error));
  g_assert_true (mb_store_set_field (store, "indicators", downward, "baseline_value", &v, &error));
  g_value_set_string (&v, "decrease");
  g_assert_true (mb_store_set_field (store, "indicators", downward, "direction", &v, &error));
  g_value_set_string (&v, "2020");
  g_assert_true (mb_store_set_field (store, "indicators", up, "baseline_year", &v, &error));
  g_assert_true (mb_store_set_field (store, "indicators", women, "baseline_year", &v, &error));
  g_free (mb_store_set_target (store, up, 2024, 150, &error));
  g_free (mb_store_set_target (store, up, 2030, 200, &error));
  g_free (mb_store_set_target (store, downward, 2030, 50, &error));
  g_free (mb_store_record_measurement (store, up, "2022", NULL, NULL, 120, NULL, &error));
  g_free (mb_store_record_measurement (store, up, "2023", NULL, NULL, 150, NULL, &error));
  g_free (mb_store_record_measurement (store, up, "2024", NULL, "K", 999, NULL, &error));
  g_free (mb_store_record_measurement (store, downward, "2023", NULL, NULL, 75, NULL, &error));
  /* Baseline on the target: met or not, never a division by zero. */
  g_value_set_string (&v, "100");
  g_assert_true (mb_store_set_field (store, "indicators", equal, "baseline_value", &v, &error));
  g_free (mb_store_set_target (store, equal, 2030, 100, &error));
  g_free (mb_store_record_measurement (store, equal, "2023", NULL, NULL, 99, NULL, &error));
  /* No baseline: no progress, though there is a value and a target. */
  g_free (mb_store_set_target (store, no_base, 2030, 200, &error));
  g_free (mb_store_record_measurement (store, no_base, "2023", NULL, NULL, 150, NULL, &error));
  /* No total: the women's value of the newest period, 10 → 15 of 20. */
  g_value_set_string (&v, "10");
  g_assert_true (mb_store_set_field (store, "indicators", women, "baseline_value", &v, &error));
  g_free (mb_store_set_target (store, women, 2030, 20, &error));
  g_free (mb_store_record_measurement (store, women, "2022", NULL, "K", 19, NULL, &error));
  g_free (mb_store_record_measurement (store, women, "2023", NULL, "M", 11, NULL, &error));
  g_free (mb_store_record_measurement (store, women, "2023", NULL, "K", 15, NULL, &error));
  g_assert_no_error (error);
  for (const char **i = (const char *[]) { up, downward, bare, equal, no_base, women, NULL };
       *i; i++)
    g_assert_true (mb_store_relate (store, MB_RELATION_NODE_INDICATOR, n, *i, &error));
  g_assert_true (mb_store_relate (store, MB_RELATION_PROJECT_NODE, p, n, &error));
  g_assert_true (mb_store_relate (store, MB_RELATION_CALL_NODE, c, n, &error));

  status = mb_store_query_node_indicators (store, n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->len, ==, 6);
  st = status->pdata[0];      /* Bare */
  g_assert_cmpstr (st->title, ==, "Bare");
  g_assert_true (isnan (st->latest) && isnan (st->progress));
  st = status->pdata[1];      /* Emissions: 100 → 75 of the way to 50 */
  g_assert_true (st->decrease);
  g_assert_cmpfloat_with_epsilon (st->progress, 0.5, 1e-9);
  st = status->pdata[2];      /* Equal: 99 does not meet 100 */
  g_assert_cmpstr (st->title, ==, "Equal");
  g_assert_cmpfloat (st->progress, ==, 0.0);
  st = status->pdata[3];      /* Jobs: 100 → 150 of the way to 200 (2030) */
  g_assert_cmpstr (st->reference, ==, "kolada:N00001");
  g_assert_cmpstr (st->latest_period, ==, "2023");
  g_assert_cmpfloat (st->latest, ==, 150);
  g_assert_cmpint (st->target_year, ==, 2030);
  g_assert_cmpfloat_with_epsilon (st->progress, 0.5, 1e-9);
  st = status->pdata[4];      /* No baseline */
  g_assert_cmpfloat (st->latest, ==, 150);
  g_assert_cmpfloat (st->target, ==, 200);
  g_assert_true (isnan (st->baseline) && isnan (st->progress));
  st = status->pdata[5];      /* Women: 10 → 15 of 20 */
  g_assert_cmpstr (st->latest_period, ==, "2023");
  g_assert_cmpfloat (st->latest, ==, 15);
  g_assert_cmpfloat_with_epsilon (st->progress, 0.5, 1e-9);

  /* The Indicators view and the indicator page (summaries) say the same. */
  for (guint i = 0; i < status->len; i++)
    {
      g_autoptr(MbIndicatorSummary) summary = NULL;

      st = status->pdata[i];
      summary = mb_indicator_stats_get_summary (store, st->indicator_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mb_indicator_summary_get_latest_period (summary), ==, st->latest_period);
      g_assert_cmpfloat (isnan (mb_indicator_summary_get_latest_value (summary)), ==,
                         isnan (st->latest));
      if (!isnan (st->latest))
        g_assert_cmpfloat (mb_indicator_summary_get_latest_value (summary), ==, st->latest);
      g_assert_cmpfloat (isnan (mb_indicator_summary_get_progress (summary)), ==,
                         isnan (st->progress));
      if (!isnan (st->progress))
        g_assert_cmpfloat (mb_indicator_summary_get_progress (summary), ==, st->progress);
    }

  /* The canvas badges: Jobs and Women half way in 3 of 10 years, on track;
   * Emissions half way with no baseline year to count from, and Equal,
   * behind; Bare and No baseline without data. */
  canvas = mb_store_canvas_load (store, s, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < canvas->nodes->len; i++)
    if (g_strcmp0 (((MbCanvasNodeRow *) canvas->nodes->pdata[i])->id, n) == 0)
      row = canvas->nodes->pdata[i];
  g_assert_nonnull (row);
  g_assert_cmpuint (row->indicators.on_track, ==, 2);
  g_assert_cmpuint (row->indicators.behind, ==, 2);
  g_assert_cmpuint (row->indicators.no_data, ==, 2);

  projects = mb_store_query_node_projects (store, n, &error);
  calls = mb_store_query_node_calls (store, n, &error);
  g_assert_cmpuint (projects->len, ==, 1);
  g_assert_cmpstr (mb_record_get_id (projects->pdata[0]), ==, p);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (mb_record_get_kind (calls->pdata[0]), ==, "funding_calls");
  mb_test_remove_dir (dir);
}

static char *
search_summary (MbStore    *store,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = mb_store_search (store, text, 0, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      MbSearchHit *hit = hits->pdata[i];
      g_string_append_printf (s, "%s%s:%s", i ? " " : "", hit->kind, hit->title);
    }
  return g_string_free (s, FALSE);
}

static void
test_query_search (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "q.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *s = mb_store_create_strategy (store, "Hållbar energi", "rus", &error);
  g_autofree char *n = node (store, s, NULL, 0, "Förnybar energi i hela länet");
  g_autofree char *n2 = node (store, s, NULL, 0, "Digitala lösningar");
  g_autofree char *ind = mb_store_create_indicator (store, s, "Invånare", "kolada:N01951", &error);
  g_autofree char *p = mb_store_create_project (store, "Skogslyftet", "2020-01234", &error);
  g_autofree char *org = mb_store_create_organisation (store, "Östersunds kommun", NULL, &error);
  g_autofree char *call = mb_store_create_call (store, "Circular economy", &error);
  g_auto(GValue) v = G_VALUE_INIT;
  g_autoptr(GPtrArray) hits = NULL;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "1.2");
  g_assert_true (mb_store_set_field (store, "nodes", n2, "code", &v, &error));
  g_value_set_string (&v, "Energy from wind and forest");
  g_assert_true (mb_store_set_field (store, "nodes", n2, "description", &v, &error));

  /* Title hits rank above description hits; every kind is found. */
  g_assert_cmpstr (mb_test_take (search_summary (store, "energi")), ==,
                   "strategies:Hållbar energi nodes:Förnybar energi i hela länet");
  g_assert_cmpstr (mb_test_take (search_summary (store, "forest")), ==,
                   "nodes:Digitala lösningar");
  g_assert_cmpstr (mb_test_take (search_summary (store, "N01951")), ==, "indicators:Invånare");
  g_assert_cmpstr (mb_test_take (search_summary (store, "kolada:N01951")), ==,
                   "indicators:Invånare");
  g_assert_cmpstr (mb_test_take (search_summary (store, "2020-01234")), ==,
                   "projects:Skogslyftet");
  g_assert_cmpstr (mb_test_take (search_summary (store, "öster")), ==,
                   "organisations:Östersunds kommun");
  g_assert_cmpstr (mb_test_take (search_summary (store, "circ eco")), ==,
                   "funding_calls:Circular economy");
  g_assert_cmpstr (mb_test_take (search_summary (store, "1.2")), ==, "nodes:Digitala lösningar");
  /* FTS syntax in the input is taken literally. */
  g_assert_cmpstr (mb_test_take (search_summary (store, "\"energi OR NOT (")), ==, "");
  g_assert_cmpstr (mb_test_take (search_summary (store, "   ")), ==, "");

  hits = mb_store_search (store, "energi", 1, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((MbSearchHit *) hits->pdata[0])->id, ==, s);

  /* The index follows edits, deletes and their undo. */
  g_value_set_string (&v, "Vindkraft");
  g_assert_true (mb_store_set_field (store, "nodes", n, "title", &v, &error));
  g_assert_cmpstr (mb_test_take (search_summary (store, "förnybar")), ==, "");
  g_assert_cmpstr (mb_test_take (search_summary (store, "vindkraft")), ==, "nodes:Vindkraft");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpstr (mb_test_take (search_summary (store, "förnybar")), ==,
                   "nodes:Förnybar energi i hela länet");
  g_assert_true (mb_store_delete (store, "projects", p, &error));
  g_assert_cmpstr (mb_test_take (search_summary (store, "skogslyftet")), ==, "");
  g_assert_true (mb_store_undo (store, &error));
  g_assert_cmpstr (mb_test_take (search_summary (store, "skogslyftet")), ==,
                   "projects:Skogslyftet");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM mb_search_ids", NULL), ==, 7);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM mb_search", NULL), ==, 7);
  mb_test_remove_dir (dir);
}

static void
test_query_record (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "q.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *p = mb_store_create_project (store, "Skogslyftet", "R-1", &error);
  g_autoptr(MbRecord) record = mb_store_get_record (store, "projects", p, &error);
  g_autoptr(MbRecord) again = mb_store_get_record (store, "projects", p, &error);
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (mb_record_get_title (record), ==, "Skogslyftet");
  g_assert_cmpstr (mb_record_get_subtitle (record), ==, "R-1");
  g_assert_cmpstr (mb_record_get_string (record, "status"), ==, "planned");
  g_assert_true (mb_record_is_null (record, "total_budget"));
  g_assert_true (isnan (mb_record_get_double (record, "total_budget")));
  g_assert_false (mb_record_has_column (record, "nope"));
  g_assert_true (mb_record_equal (record, again));
  g_object_get (record, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Skogslyftet");

  g_assert_null (mb_store_get_record (store, "projects", "nope", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mb_store_get_record (store, "sqlite_master", p, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/query/tree-and-chain", test_query_tree_and_chain);
  g_test_add_func ("/store/query/node-links", test_query_node_links);
  g_test_add_func ("/store/query/search", test_query_search);
  g_test_add_func ("/store/query/record", test_query_record);

  return g_test_run ();
}
