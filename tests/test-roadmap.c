/* test-roadmap.c – a strategy's interventions on a time line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "mb-roadmap.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  char    *strategy;
  char    *priority_a;
  char    *priority_b;
  char    *extern_fin;   /* Extern finansiering: Oktober 2021, planned */
  char    *forum;        /* Deltagande i forum: Pågår, klart hösten 2021 */
  char    *broadband;    /* Bredband: 2021–2023, done */
  char    *open;         /* from 2022, ongoing, no end */
  char    *unplanned;    /* a status but no period */
} Fixture;

static char *
intervention (Fixture    *f,
              const char *parent,
              const char *title,
              const char *status,
              const char *start,
              const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = mb_test_level (f->store, f->strategy, 2);
  char *id = mb_store_create_node (f->store, f->strategy, parent, level, title, &error);

  g_assert_no_error (error);
  if (status)
    mb_test_set_text (f->store, "nodes", id, "status", status);
  if (start)
    mb_test_set_text (f->store, "nodes", id, "start_date", start);
  if (end)
    mb_test_set_text (f->store, "nodes", id, "end_date", end);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  g_auto(GValue) year = G_VALUE_INIT;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "lib.malbild");
  f->strategy = mb_store_create_strategy (f->store, "RUS del 2", "rus", &error);
  g_assert_no_error (error);
  g_value_init (&year, G_TYPE_INT64);
  g_value_set_int64 (&year, 2050);
  g_assert_true (mb_store_set_field (f->store, "strategies", f->strategy, "period_to", &year,
                                     &error));
  g_assert_no_error (error);
  level = mb_test_level (f->store, f->strategy, 1);
  f->priority_a = mb_store_create_node (f->store, f->strategy, NULL, level, "Styrning", &error);
  f->priority_b = mb_store_create_node (f->store, f->strategy, NULL, level, "Attraktivitet",
                                        &error);
  g_assert_no_error (error);

  f->extern_fin = intervention (f, f->priority_a, "Extern finansiering", "planned", NULL,
                                "2021-10");
  f->forum = intervention (f, f->priority_a, "Deltagande i forum", "ongoing", NULL,
                           "2021-autumn");
  f->broadband = intervention (f, f->priority_b, "Bredband", "done", "2021", "2023");
  f->open = intervention (f, f->priority_b, "Besöksnäring", "ongoing", "2022", NULL);
  f->unplanned = intervention (f, f->priority_b, "Utan tidsplan", "planned", NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->priority_a);
  g_free (f->priority_b);
  g_free (f->extern_fin);
  g_free (f->forum);
  g_free (f->broadband);
  g_free (f->open);
  g_free (f->unplanned);
}

static char *
date_text (const GDate *date)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static void
test_by_parent (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRoadmap) roadmap = NULL;
  MbRoadmapGroup *group;
  MbRoadmapItem *item;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_DECEMBER, 2021);
  roadmap = mb_roadmap_query (f->store, f->strategy, MB_ROADMAP_BY_PARENT, NULL, 0, NULL,
                              &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roadmap->n_items, ==, 4);
  g_assert_cmpuint (roadmap->n_unplanned, ==, 1);
  /* Hösten 2021 ended on 30 November; oktober 2021 before it. */
  g_assert_cmpuint (roadmap->n_overdue, ==, 2);
  g_assert_cmpstr (mb_test_take (date_text (&roadmap->first_day)), ==, "2021-01-01");
  g_assert_cmpstr (mb_test_take (date_text (&roadmap->last_day)), ==, "2050-12-31");

  g_assert_cmpuint (roadmap->groups->len, ==, 2);
  group = roadmap->groups->pdata[0];
  g_assert_cmpstr (group->title, ==, "Attraktivitet");
  g_assert_cmpuint (group->items->len, ==, 2);
  item = group->items->pdata[0];
  g_assert_cmpstr (item->title, ==, "Bredband");
  g_assert_false (item->overdue);   /* done */
  g_assert_cmpstr (mb_test_take (date_text (&item->last_day)), ==, "2023-12-31");
  item = group->items->pdata[1];
  g_assert_cmpstr (item->title, ==, "Besöksnäring");
  g_assert_true (item->open_end);
  g_assert_cmpstr (mb_test_take (date_text (&item->last_day)), ==, "2050-12-31");

  group = roadmap->groups->pdata[1];
  g_assert_cmpstr (group->title, ==, "Styrning");
  item = group->items->pdata[0];
  g_assert_cmpstr (item->title, ==, "Deltagande i forum");
  g_assert_cmpstr (mb_test_take (date_text (&item->first_day)), ==, "2021-09-01");
  g_assert_true (item->overdue);
  item = group->items->pdata[1];
  g_assert_cmpstr (item->title, ==, "Extern finansiering");
  g_assert_cmpstr (mb_test_take (date_text (&item->first_day)), ==, "2021-10-01");
  g_assert_cmpstr (mb_test_take (date_text (&item->last_day)), ==, "2021-10-31");
  g_assert_false (item->plan.in_operation);
}

/* "I drift 2022" on the line reads as written, in each grouping. */
static void
test_in_operation (Fixture       *f,
                   gconstpointer  data)
{
  static const MbRoadmapGrouping groupings[] = {
    MB_ROADMAP_BY_PARENT, MB_ROADMAP_BY_CONTRIBUTION, MB_ROADMAP_BY_ORGANISATION,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = intervention (f, f->priority_a, "Länstransportplan", "planned", NULL,
                                        NULL);

  g_assert_true (mb_store_set_node_end (f->store, plan, "2022", TRUE, &error));
  g_assert_no_error (error);
  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      g_autoptr(MbRoadmap) roadmap = mb_roadmap_query (f->store, f->strategy, groupings[g], NULL,
                                                       0, NULL, NULL, &error);
      guint found = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < roadmap->groups->len; i++)
        {
          MbRoadmapGroup *group = roadmap->groups->pdata[i];

          for (guint j = 0; j < group->items->len; j++)
            {
              MbRoadmapItem *item = group->items->pdata[j];
              MbTimePlan when = item->plan;
              g_autofree char *shown = NULL;

              g_assert_cmpint (item->plan.in_operation, ==, g_str_equal (item->node_id, plan));
              if (!item->plan.in_operation)
                continue;
              when.status = MB_PLAN_STATUS_NONE;
              shown = mb_time_plan_format (&when, MB_PERIOD_LANGUAGE_SWEDISH);
              g_assert_cmpstr (shown, ==, "I drift 2022");
              found++;
            }
        }
      g_assert_cmpuint (found, ==, 1);
    }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRoadmap) ongoing = NULL;
  g_autoptr(MbRoadmap) serving = NULL;
  g_autoptr(MbRoadmap) by_org = NULL;
  g_autofree char *link = NULL;
  const MbPlanStatus wanted[] = { MB_PLAN_STATUS_ONGOING };

  ongoing = mb_roadmap_query (f->store, f->strategy, MB_ROADMAP_BY_PARENT, wanted, 1, NULL,
                              NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ongoing->n_items, ==, 2);

  /* What contributes to the broadband intervention: only itself here. */
  link = mb_store_create_link (f->store, f->extern_fin, f->broadband, "contributes-to", &error);
  g_assert_no_error (error);
  serving = mb_roadmap_query (f->store, f->strategy, MB_ROADMAP_BY_CONTRIBUTION, NULL, 0,
                              f->broadband, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (serving->n_items, ==, 2);
  g_assert_cmpstr (((MbRoadmapGroup *) serving->groups->pdata[0])->title, ==, "Bredband");

  by_org = mb_roadmap_query (f->store, f->strategy, MB_ROADMAP_BY_ORGANISATION, NULL, 0, NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_org->groups->len, ==, 1);
  g_assert_cmpstr (((MbRoadmapGroup *) by_org->groups->pdata[0])->title, ==,
                   "No responsible organisation");

  g_assert_null (mb_roadmap_query (f->store, "no-such", MB_ROADMAP_BY_PARENT, NULL, 0, NULL,
                                   NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  MbPeriod start = { 0 }, end;
  MbTestChanges changes = { 0 };

  /* "Oktober 2021" dragged a month on. */
  g_assert_true (mb_period_parse ("november 2021", &end, NULL));
  mb_test_changes_watch (&changes, f->store);
  g_assert_true (mb_roadmap_reschedule (f->store, f->extern_fin, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Reschedule “Extern finansiering”");
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (mb_store_get_db (f->store),
                                                       "SELECT end_date FROM nodes WHERE id = ?",
                                                       "s", f->extern_fin)), ==, "2021-11");
  mb_test_assert_undoable (f->store, before);

  /* An end before the start is refused, and changes nothing. */
  g_assert_true (mb_period_parse ("2024", &start, NULL));
  g_assert_false (mb_roadmap_reschedule (f->store, f->broadband, &start, &end, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_assert_cmpuint (changes.n_changed, ==, 3);
  mb_test_changes_clear (&changes);
}

static void
test_plan_fields (void)
{
  MbTimePlan plan;
  g_autofree char *shown = NULL;

  g_assert_true (mb_time_plan_from_fields ("ongoing", NULL, "2021-autumn", FALSE, &plan));
  g_assert_cmpint (plan.status, ==, MB_PLAN_STATUS_ONGOING);
  g_assert_cmpint (plan.end.precision, ==, MB_PERIOD_SEASON);
  g_assert_false (plan.in_operation);
  g_assert_true (mb_time_plan_from_fields (NULL, "2021-10-05", NULL, FALSE, &plan));
  g_assert_cmpint (plan.status, ==, MB_PLAN_STATUS_NONE);
  g_assert_cmpint (plan.start.precision, ==, MB_PERIOD_DAY);
  /* "I drift 2022" as stored reads back as written. */
  g_assert_true (mb_time_plan_from_fields (NULL, NULL, "2022", TRUE, &plan));
  g_assert_true (plan.in_operation);
  shown = mb_time_plan_format (&plan, MB_PERIOD_LANGUAGE_SWEDISH);
  g_assert_cmpstr (shown, ==, "I drift 2022");
  /* An open end is not in operation. */
  g_assert_true (mb_time_plan_from_fields (NULL, "2021", NULL, TRUE, &plan));
  g_assert_false (plan.in_operation);
  /* Only the stored form is a stored period. */
  g_assert_false (mb_time_plan_from_fields (NULL, "oktober 2021", NULL, FALSE, &plan));
  g_assert_false (mb_time_plan_from_fields (NULL, NULL, "2021-q3", FALSE, &plan));
  g_assert_cmpstr (mb_plan_status_to_string (MB_PLAN_STATUS_PAUSED), ==, "paused");
  g_assert_null (mb_plan_status_to_string (MB_PLAN_STATUS_NONE));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roadmap/by-parent", Fixture, NULL, fixture_set_up, test_by_parent,
              fixture_tear_down);
  g_test_add ("/roadmap/filters", Fixture, NULL, fixture_set_up, test_filters,
              fixture_tear_down);
  g_test_add ("/roadmap/reschedule", Fixture, NULL, fixture_set_up, test_reschedule,
              fixture_tear_down);
  g_test_add ("/roadmap/in-operation", Fixture, NULL, fixture_set_up, test_in_operation,
              fixture_tear_down);
  g_test_add_func ("/roadmap/plan-fields", test_plan_fields);

  return g_test_run ();
}
