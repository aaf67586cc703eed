/* mb-roadmap.h – a strategy's interventions on a time line (färdplan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-period.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* How the roadmap's rows are grouped. */
typedef enum
{
  MB_ROADMAP_BY_PARENT,        /* the priority (or other node) an item stands under */
  MB_ROADMAP_BY_CONTRIBUTION,  /* the goal or strength area it contributes to first */
  MB_ROADMAP_BY_ORGANISATION,  /* the responsible organisation */
} MbRoadmapGrouping;

typedef struct
{
  char        *node_id;
  char        *title;
  char        *code;
  char        *level_name;
  char        *responsible;
  MbTimePlan   plan;        /* the node's status and its start and end periods */
  gboolean     overdue;     /* mb_time_plan_is_overdue() on the roadmap's day */
  GDate        first_day;   /* where its bar starts and ends on the line */
  GDate        last_day;
  gboolean     open_end;    /* no end: the bar runs to the horizon */
} MbRoadmapItem;

typedef struct
{
  char      *id;          /* NULL for the group of items that have none */
  char      *title;
  GPtrArray *items;       /* of MbRoadmapItem, by start, then title */
} MbRoadmapGroup;

typedef struct
{
  char      *strategy_id;
  char      *strategy_title;
  GDate      today;
  GDate      first_day;   /* the line's start: the first item's, or the strategy's period */
  GDate      last_day;    /* the horizon: the end of the strategy's period, or the last item */
  GPtrArray *groups;      /* of MbRoadmapGroup, by title; the group without one last */
  guint      n_items;
  guint      n_overdue;
  guint      n_unplanned; /* nodes with a status but no period: not on the line */
} MbRoadmap;

/* The items of @strategy_id: its nodes with a time plan (a start or an end
 * period), grouped by @grouping, seen from @today (NULL: today). Items of a
 * status not in @statuses are left out (@statuses NULL: all); so are items
 * not contributing to @contributes_to when set (a strength area, by node
 * id, directly or through the chain). */
MbRoadmap   *mb_roadmap_query        (MbStore            *store,
                                      const char         *strategy_id,
                                      MbRoadmapGrouping   grouping,
                                      const MbPlanStatus *statuses,
                                      guint               n_statuses,
                                      const char         *contributes_to,
                                      const GDate        *today,
                                      GError            **error);
void         mb_roadmap_free         (MbRoadmap          *roadmap);

/* What a strategy's nodes contribute to (in any strategy): the choices of
 * the roadmap's "contributes to" filter, such as the S3 strength areas.
 * Pairs of id and title in a GStrv: id, title, id, title, …, by title. */
GStrv        mb_roadmap_list_targets (MbStore            *store,
                                      const char         *strategy_id,
                                      GError            **error);

/* Gives @node_id the periods @start and @end (precision NONE: none):
 * one action, one undo step ("Reschedule “Title”"). RANGE if the end lies
 * before the start. */
gboolean     mb_roadmap_reschedule   (MbStore            *store,
                                      const char         *node_id,
                                      const MbPeriod     *start,
                                      const MbPeriod     *end,
                                      GError            **error);

/* The plan of a node from its stored fields: its status ("planned",
 * "ongoing", "done", "paused" or NULL), its start and end periods in
 * their stored form (or NULL), and whether the end is when the work is in
 * operation. FALSE if a period is not one. */
gboolean     mb_time_plan_from_fields (const char        *status,
                                       const char        *start,
                                       const char        *end,
                                       gboolean           in_operation,
                                       MbTimePlan        *plan);
/* The node's status as stored, for a plan's status; NULL for none. */
const char  *mb_plan_status_to_string (MbPlanStatus       status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbRoadmap, mb_roadmap_free)

G_END_DECLS
