/* mb-store-editor-queries.h – what the details panel and the pickers read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-entity-item.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* The lists a details panel shows beside an entity's own fields. Items are
 * MbEntityItem: linked entities carry their own table and id, so a row can
 * jump there; rows of the dependent tables ("project_funding",
 * "indicator_targets", "project_indicator_values") carry their row id, and
 * tags and territories the tag or code itself. */
typedef enum
{
  MB_RELATED_NODE_INDICATORS,    /* indicators attached to a node */
  MB_RELATED_NODE_PROJECTS,
  MB_RELATED_NODE_CALLS,
  MB_RELATED_NODE_TAGS,          /* "node_tags": title is the tag ("sdg:7") */
  MB_RELATED_NODE_TERRITORIES,   /* "node_territories": title is the code */
  MB_RELATED_PROJECT_NODES,
  MB_RELATED_PROJECT_CALLS,
  MB_RELATED_PROJECT_PARTNERS,   /* organisations */
  MB_RELATED_PROJECT_FUNDING,    /* "project_funding": title source, subtitle amount */
  MB_RELATED_PROJECT_VALUES,     /* "project_indicator_values": title the indicator */
  MB_RELATED_CALL_NODES,
  MB_RELATED_CALL_PROJECTS,
  MB_RELATED_INDICATOR_NODES,
  MB_RELATED_INDICATOR_TARGETS,  /* "indicator_targets": title the year, subtitle value */
  MB_RELATED_NODE_LINKS,         /* "links" from or to a node: title the node at the other
                                  * end, subtitle "out:KIND" or "in:KIND" */
} MbRelated;

/* A list of MbEntityItem. */
GListModel *mb_store_editor_list_related  (MbStore     *store,
                                           MbRelated    related,
                                           const char  *id,
                                           GError     **error);

/* Every entity of @table (one of "strategies", "levels", "nodes",
 * "indicators", "projects", "funding_calls", "organisations"), ordered for a
 * picker. @strategy_id narrows levels and nodes to a strategy, and indicators
 * to that strategy's and the library's shared ones (strategy_id NULL);
 * NULL lists all. */
GListModel *mb_store_editor_list_all      (MbStore     *store,
                                           const char  *table,
                                           const char  *strategy_id,
                                           GError     **error);

G_END_DECLS
