/* mb-entity-item.h – one entity as a list row shows it, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MB_TYPE_ENTITY_ITEM (mb_entity_item_get_type ())

G_DECLARE_FINAL_TYPE (MbEntityItem, mb_entity_item, MB, ENTITY_ITEM, GObject)

/* @kind is the table the item comes from ("nodes", "project_funding", "node_tags"); @id its
 * id there (for a tag or territory, the tag or code itself). @subtitle may be NULL. */
MbEntityItem *mb_entity_item_new            (const char   *kind,
                                             const char   *id,
                                             const char   *title,
                                             const char   *subtitle);

const char   *mb_entity_item_get_kind       (MbEntityItem *self);
const char   *mb_entity_item_get_id         (MbEntityItem *self);
const char   *mb_entity_item_get_title      (MbEntityItem *self);
const char   *mb_entity_item_get_subtitle   (MbEntityItem *self);
/* Title and subtitle folded for matching (see mb_catalogue_fold_for_search ()). */
const char   *mb_entity_item_get_search_key (MbEntityItem *self);

G_END_DECLS
