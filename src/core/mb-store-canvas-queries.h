/* mb-store-canvas-queries.h – what the canvas reads of a strategy, in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-store.h"

G_BEGIN_DECLS

/* How a node's indicators stand, one count each. */
typedef struct
{
  guint on_track;  /* the latest value has come as far as the time elapsed asks */
  guint behind;    /* it has not */
  guint no_data;   /* no value, no target, or no baseline to measure from */
} MbCanvasIndicatorCounts;

typedef struct
{
  char                    *id;
  char                    *title;
  char                    *code;       /* nullable */
  char                    *parent_id;  /* nullable */
  guint                    level;      /* index of its level in the scheme's order */
  gboolean                 pinned;
  double                   x;          /* the pinned centre, when pinned */
  double                   y;
  MbCanvasIndicatorCounts  indicators;
  guint                    n_projects;
  guint                    n_calls;
  GStrv                    sdgs;       /* the SDG numbers of its "sdg:N" tags, ascending */
  gboolean                 assessed;   /* in the strategy's latest follow-up round */
  guint                    assessment; /* then its MbAssessmentStatus */
  char                    *status;     /* nullable: "planned", "ongoing", "done", "paused" */
  char                    *start_date; /* nullable: its time plan, YYYY-MM-DD */
  char                    *end_date;   /* nullable */
  gboolean                 in_operation; /* the end is when it is in operation */
} MbCanvasNodeRow;

/* A link between two nodes of the strategy. */
typedef struct
{
  char *id;
  char *from_id;
  char *to_id;
  char *kind;   /* "contributes-to", "conflicts-with", "depends-on" */
} MbCanvasLinkRow;

/* A link between a node of the strategy and a node of another strategy. */
typedef struct
{
  char     *link_id;
  char     *node_id;             /* the node in this strategy */
  char     *other_node_id;
  char     *other_node_title;
  char     *other_strategy_id;
  char     *other_strategy_name; /* its short name, else its title */
  char     *kind;
  gboolean  outgoing;            /* the link goes from this strategy's node */
} MbCanvasStubRow;

typedef struct
{
  char      *strategy_id;
  char      *title;
  char      *short_name;   /* nullable */
  gboolean   left_right;   /* layout_direction = 'left-right' */
  GPtrArray *level_ids;    /* char *, in scheme order */
  GPtrArray *level_names;  /* char *, in the same order */
  GPtrArray *nodes;        /* MbCanvasNodeRow *, in tree order */
  GPtrArray *links;        /* MbCanvasLinkRow * */
  GPtrArray *stubs;        /* MbCanvasStubRow * */
} MbCanvasData;

/* Everything the canvas draws of @strategy_id. */
MbCanvasData *mb_store_canvas_load           (MbStore            *store,
                                              const char         *strategy_id,
                                              GError            **error);
void          mb_canvas_data_free            (MbCanvasData       *data);

/* The strategy whose id, registration number, short name or title (in that
 * order of preference, titles case-insensitively) is @id_or_title. */
char         *mb_store_canvas_find_strategy  (MbStore            *store,
                                              const char         *id_or_title,
                                              GError            **error);

/* The strategy a node belongs to (NULL with @error if there is no such node). */
char         *mb_store_canvas_node_strategy  (MbStore            *store,
                                              const char         *node_id,
                                              GError            **error);

/* The canvas's last layout of a strategy, kept in the library as a cache
 * (mb_layout_result_to_bytes()) for the graph whose hash is @shape. */
GBytes       *mb_store_canvas_lookup_layout  (MbStore            *store,
                                              const char         *strategy_id,
                                              const char         *shape);
gboolean      mb_store_canvas_keep_layout    (MbStore            *store,
                                              const char         *strategy_id,
                                              const char         *shape,
                                              GBytes             *layout,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbCanvasData, mb_canvas_data_free)

G_END_DECLS
