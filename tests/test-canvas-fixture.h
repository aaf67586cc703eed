/* test-canvas-fixture.h – a small, realistic strategy for the canvas's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "core/mb-store.h"
#include "core/mb-store-canvas-queries.h"
#include "test-util.h"

typedef struct
{
  char *rus;            /* the strategy */
  char *ltp;            /* a second strategy, linked to the first */
  char *levels[6];      /* the RUS scheme's levels */
  char *vision;
  char *goal;
  char *priority[3];
  char *area[4];        /* strength areas under priority 3 */
  char *action[5];
  char *broadband;      /* an intervention */
  char *wind;           /* an intervention in conflict with reindeer herding */
  char *reindeer;
  char *transit;        /* the LTP's node linked to priority 1 */
} MbCanvasFixture;

static inline void
mb_canvas_fixture_clear (MbCanvasFixture *f)
{
  g_free (f->rus);
  g_free (f->ltp);
  for (guint i = 0; i < G_N_ELEMENTS (f->levels); i++)
    g_free (f->levels[i]);
  g_free (f->vision);
  g_free (f->goal);
  for (guint i = 0; i < G_N_ELEMENTS (f->priority); i++)
    g_free (f->priority[i]);
  for (guint i = 0; i < G_N_ELEMENTS (f->area); i++)
    g_free (f->area[i]);
  for (guint i = 0; i < G_N_ELEMENTS (f->action); i++)
    g_free (f->action[i]);
  g_free (f->broadband);
  g_free (f->wind);
  g_free (f->reindeer);
  g_free (f->transit);
}

static inline char *
mb_canvas_fixture_node (MbStore    *store,
                        const char *strategy,
                        const char *parent,
                        const char *level,
                        const char *code,
                        const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_node (store, strategy, parent, level, title, &error);

  g_assert_no_error (error);
  if (code != NULL)
    mb_test_set_text (store, "nodes", id, "code", code);
  return id;
}

static inline void
mb_canvas_fixture_link (MbStore    *store,
                        const char *from,
                        const char *to,
                        const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mb_store_create_link (store, from, to, kind, &error);

  g_assert_no_error (error);
}

static inline void
mb_canvas_fixture_relate (MbStore    *store,
                          MbRelation  relation,
                          const char *a,
                          const char *b)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mb_store_relate (store, relation, a, b, &error));
  g_assert_no_error (error);
}

static inline char *
mb_canvas_fixture_indicator (MbStore    *store,
                             const char *strategy,
                             const char *node,
                             const char *title,
                             double      baseline,
                             int         baseline_year,
                             double      target,
                             int         target_year,
                             double      latest,
                             const char *latest_period)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_indicator (store, strategy, title, NULL, &error);
  g_autofree char *b = g_strdup_printf ("%g", baseline);
  g_autofree char *by = g_strdup_printf ("%d", baseline_year);

  g_assert_no_error (error);
  mb_test_set_text (store, "indicators", id, "baseline_value", b);
  mb_test_set_text (store, "indicators", id, "baseline_year", by);
  if (target_year > 0)
    g_free (mb_store_set_target (store, id, target_year, target, &error));
  g_assert_no_error (error);
  if (latest_period != NULL)
    g_free (mb_store_record_measurement (store, id, latest_period, "0023", "T", latest, NULL,
                                         &error));
  g_assert_no_error (error);
  mb_canvas_fixture_relate (store, MB_RELATION_NODE_INDICATOR, node, id);
  return id;
}

static inline void
mb_canvas_fixture_levels (MbStore    *store,
                          const char *strategy,
                          char      **levels,
                          guint       n_levels)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCanvasData) data = mb_store_canvas_load (store, strategy, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (data->level_ids->len, >=, n_levels);
  for (guint i = 0; i < n_levels; i++)
    levels[i] = g_strdup (g_ptr_array_index (data->level_ids, i));
}

/* Region Jämtland Härjedalen's RUS, in short, with a transport plan linked
 * to it: levels, a tree, all three link kinds, a cross-strategy link,
 * indicators on track, behind and without data, projects, calls and SDGs. */
static inline void
mb_canvas_fixture_build (MbStore         *store,
                         MbCanvasFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ind1 = NULL, *ind2 = NULL, *ind3 = NULL, *ind4 = NULL;
  g_autofree char *project1 = NULL, *project2 = NULL, *call = NULL;
  char *ltp_levels[6] = { NULL, };
  char **l = f->levels;

  memset (f, 0, sizeof *f);
  f->rus = mb_store_create_strategy (store, "Jämtlands län 2050 – regional utvecklingsstrategi",
                                     "rus", &error);
  g_assert_no_error (error);
  mb_test_set_text (store, "strategies", f->rus, "short_name", "RUS");
  mb_canvas_fixture_levels (store, f->rus, f->levels, 6);

  f->vision = mb_canvas_fixture_node (store, f->rus, NULL, l[0], "2050",
                                      "En nytänkande och hållbar region att leva, verka och "
                                      "utvecklas i");
  f->goal = mb_canvas_fixture_node (store, f->rus, f->vision, l[1], "1",
                                    "Utvecklingskraft med stärkt lokal och regional "
                                    "konkurrenskraft för en hållbar utveckling i alla delar "
                                    "av länet");
  f->priority[0] = mb_canvas_fixture_node (store, f->rus, f->goal, l[2], "1.1",
                                           "Förutsättningar för utvecklingskraft i hela länet");
  f->priority[1] = mb_canvas_fixture_node (store, f->rus, f->goal, l[2], "1.2",
                                           "Synliggöra och adressera målkonflikter");
  f->priority[2] = mb_canvas_fixture_node (store, f->rus, f->goal, l[2], "1.3",
                                           "Styrkeområdena i smart specialisering");
  f->area[0] = mb_canvas_fixture_node (store, f->rus, f->priority[2], l[3], "S1",
                                       "Jord, skog och vatten");
  f->area[1] = mb_canvas_fixture_node (store, f->rus, f->priority[2], l[3], "S2",
                                       "Hållbar energi");
  f->area[2] = mb_canvas_fixture_node (store, f->rus, f->priority[2], l[3], "S3",
                                       "Upplevelser");
  f->area[3] = mb_canvas_fixture_node (store, f->rus, f->priority[2], l[3], "S4",
                                       "Digitala lösningar");
  f->action[0] = mb_canvas_fixture_node (store, f->rus, f->area[0], l[4], "S1.1",
                                         "Hållbart skogsbruk och förädling av skogsråvara");
  f->action[1] = mb_canvas_fixture_node (store, f->rus, f->area[1], l[4], "S2.1",
                                         "Förnybar energiproduktion");
  f->action[2] = mb_canvas_fixture_node (store, f->rus, f->area[1], l[4], "S2.2",
                                         "Energieffektivisering i näringslivet");
  f->action[3] = mb_canvas_fixture_node (store, f->rus, f->area[2], l[4], "S3.1",
                                         "Året-runt-turism");
  f->action[4] = mb_canvas_fixture_node (store, f->rus, f->area[3], l[4], "S4.1",
                                         "Digital infrastruktur i hela länet");
  f->broadband = mb_canvas_fixture_node (store, f->rus, f->action[4], l[5], "S4.1.1",
                                         "Bredbandsutbyggnad på landsbygden");
  f->wind = mb_canvas_fixture_node (store, f->rus, f->action[1], l[5], "S2.1.1",
                                    "Vindkraftsetableringar i inlandet");
  f->reindeer = mb_canvas_fixture_node (store, f->rus, f->action[0], l[5], "S1.1.1",
                                        "Stärkt samisk näring och rennäring");

  mb_canvas_fixture_link (store, f->broadband, f->priority[0], "contributes-to");
  mb_canvas_fixture_link (store, f->wind, f->priority[1], "contributes-to");
  mb_canvas_fixture_link (store, f->wind, f->reindeer, "conflicts-with");
  mb_canvas_fixture_link (store, f->action[3], f->action[4], "depends-on");

  ind1 = mb_canvas_fixture_indicator (store, f->rus, f->goal, "Invånare totalt, antal",
                                      130000, 2019, 135000, 2030, 131900, "2023");
  ind2 = mb_canvas_fixture_indicator (store, f->rus, f->action[4],
                                      "Hushåll med tillgång till 1 Gbit/s, andel", 70, 2019,
                                      98, 2025, 80, "2023");
  ind3 = mb_canvas_fixture_indicator (store, f->rus, f->action[4],
                                      "Företag med tillgång till 1 Gbit/s, andel", 60, 2019,
                                      90, 2025, NAN, NULL);
  ind4 = mb_canvas_fixture_indicator (store, f->rus, f->goal, "Bruttoregionprodukt per invånare",
                                      400, 2019, 460, 2030, 430, "2023");

  project1 = mb_store_create_project (store, "Fiber till byarna", "RUN/100/2023", &error);
  g_assert_no_error (error);
  project2 = mb_store_create_project (store, "Energismart företag", "RUN/101/2023", &error);
  g_assert_no_error (error);
  call = mb_store_create_call (store, "Cirkulär ekonomi i Övre Norrland", &error);
  g_assert_no_error (error);
  mb_canvas_fixture_relate (store, MB_RELATION_PROJECT_NODE, project1, f->broadband);
  mb_canvas_fixture_relate (store, MB_RELATION_PROJECT_NODE, project1, f->action[4]);
  mb_canvas_fixture_relate (store, MB_RELATION_PROJECT_NODE, project2, f->action[2]);
  mb_canvas_fixture_relate (store, MB_RELATION_CALL_NODE, call, f->action[2]);
  mb_canvas_fixture_relate (store, MB_RELATION_NODE_TAG, f->action[1], "sdg:7");
  mb_canvas_fixture_relate (store, MB_RELATION_NODE_TAG, f->action[1], "sdg:13");
  mb_canvas_fixture_relate (store, MB_RELATION_NODE_TAG, f->action[4], "sdg:9");
  mb_canvas_fixture_relate (store, MB_RELATION_NODE_TAG, f->goal, "sdg:8");
  mb_canvas_fixture_relate (store, MB_RELATION_NODE_TAG, f->reindeer, "sdg:15");

  f->ltp = mb_store_create_strategy (store, "Länstransportplan 2022–2033", "rus", &error);
  g_assert_no_error (error);
  mb_test_set_text (store, "strategies", f->ltp, "short_name", "LTP");
  mb_canvas_fixture_levels (store, f->ltp, ltp_levels, 3);
  f->transit = mb_canvas_fixture_node (store, f->ltp, NULL, ltp_levels[2], "T1",
                                       "Kollektivtrafik i hela länet");
  mb_canvas_fixture_link (store, f->transit, f->priority[0], "contributes-to");
  for (guint i = 0; i < G_N_ELEMENTS (ltp_levels); i++)
    g_free (ltp_levels[i]);
}
