/* test-levels-util.h – finding a strategy's levels by name, for the editors' suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-store-editor-queries.h"

/* The id of @strategy_id's level named @name (English), newly allocated. */
static inline char *
mb_test_find_level (MbStore    *store,
                    const char *strategy_id,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) levels = mb_store_editor_list_all (store, "levels", strategy_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(MbEntityItem) item = g_list_model_get_item (levels, i);

      if (g_str_equal (mb_entity_item_get_title (item), name))
        return g_strdup (mb_entity_item_get_id (item));
    }
  g_assert_not_reached ();
}
