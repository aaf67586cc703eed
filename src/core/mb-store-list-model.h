/* mb-store-list-model.h – a live list of records from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_STORE_LIST_MODEL (mb_store_list_model_get_type ())
G_DECLARE_FINAL_TYPE (MbStoreListModel, mb_store_list_model, MB, STORE_LIST_MODEL, GObject)

/* GListModels of MbRecord that re-read themselves after every committed
 * change to the tables they show, emitting items-changed for the rows that
 * differ (so selections and scroll positions survive unrelated edits). */
GListModel  *mb_store_list_strategies    (MbStore    *store);
GListModel  *mb_store_list_levels        (MbStore    *store,
                                          const char *strategy_id);
/* In tree order; each record has its "depth". */
GListModel  *mb_store_list_nodes         (MbStore    *store,
                                          const char *strategy_id);
/* @strategy_id NULL: every indicator of the library. */
GListModel  *mb_store_list_indicators    (MbStore    *store,
                                          const char *strategy_id);
GListModel  *mb_store_list_projects      (MbStore    *store);
GListModel  *mb_store_list_calls         (MbStore    *store);
GListModel  *mb_store_list_organisations (MbStore    *store);

/* Re-reads now (the models do this by themselves on "changed"). */
void         mb_store_list_model_refresh (MbStoreListModel *self);

G_END_DECLS
