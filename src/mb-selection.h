/* mb-selection.h – what the user has selected, shared by every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The table an id belongs to, as named in the store's schema. */
#define MB_KIND_STRATEGY     "strategies"
#define MB_KIND_NODE         "nodes"
#define MB_KIND_LINK         "links"
#define MB_KIND_INDICATOR    "indicators"
#define MB_KIND_PROJECT      "projects"
#define MB_KIND_CALL         "funding_calls"
#define MB_KIND_ORGANISATION "organisations"
#define MB_KIND_ROUND        "follow_up_rounds"
#define MB_KIND_ASSESSMENT   "assessments"
#define MB_KIND_ACTIVITY     "activities"

#define MB_TYPE_SELECTION (mb_selection_get_type ())

G_DECLARE_FINAL_TYPE (MbSelection, mb_selection, MB, SELECTION, GObject)

MbSelection  *mb_selection_new             (void);

/* The strategy the views show ("strategy" property). */
const char   *mb_selection_get_strategy    (MbSelection  *self);
void          mb_selection_set_strategy    (MbSelection  *self,
                                            const char   *strategy_id);

/* The item the details panel shows: the last one selected, of any kind
 * ("kind" and "id" properties). */
const char   *mb_selection_get_kind        (MbSelection  *self);
const char   *mb_selection_get_id          (MbSelection  *self);

/* Selecting one item replaces the selection. */
void          mb_selection_select          (MbSelection  *self,
                                            const char   *kind,
                                            const char   *id);
/* Ctrl/Shift-click and rubber band: add or toggle nodes. */
void          mb_selection_add_node        (MbSelection  *self,
                                            const char   *node_id);
void          mb_selection_toggle_node     (MbSelection  *self,
                                            const char   *node_id);
void          mb_selection_select_nodes    (MbSelection  *self,
                                            const char * const *node_ids);
void          mb_selection_clear           (MbSelection  *self);

gboolean      mb_selection_contains_node   (MbSelection  *self,
                                            const char   *node_id);
guint         mb_selection_get_n_nodes     (MbSelection  *self);
/* The selected nodes in the order they were selected. */
char        **mb_selection_dup_nodes       (MbSelection  *self);

G_END_DECLS
