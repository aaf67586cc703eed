/* mb-picker.h – a searchable dialog to pick an entity or a catalogue entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-catalogue.h"
#include "mb-entity-item.h"

G_BEGIN_DECLS

/* The kind of the items that stand for catalogue entries; their id is the
 * reference ("kolada:N01951"). */
#define MB_PICKER_KIND_CATALOGUE "catalogue"

#define MB_TYPE_PICKER (mb_picker_get_type ())

G_DECLARE_FINAL_TYPE (MbPicker, mb_picker, MB, PICKER, AdwWindow)

/* A modal dialog over @parent titled @title ("Attach Indicator"). It emits
 * "picked" (MbEntityItem *) and closes when an item is activated. */
MbPicker    *mb_picker_new              (GtkWindow    *parent,
                                         const char   *title);

/* Adds a tab of items (MbEntityItem), named @title ("In This Strategy",
 * "Kolada"); with one source there are no tabs. */
void         mb_picker_add_source       (MbPicker     *self,
                                         const char   *name,
                                         const char   *title,
                                         GListModel   *items);

/* The items of a catalogue, for mb_picker_add_source(): title in the
 * catalogue's language, subtitle the code (and the English title, if any). */
GListModel  *mb_picker_catalogue_items  (MbCatalogue  *catalogue,
                                         MbCatalogueKind kind);

/* For tests and keyboard users alike: search, and pick by position in the
 * visible tab's filtered list. */
void         mb_picker_set_search       (MbPicker     *self,
                                         const char   *text);
void         mb_picker_set_visible_source (MbPicker   *self,
                                         const char   *name);
guint        mb_picker_get_n_visible    (MbPicker     *self);
void         mb_picker_pick             (MbPicker     *self,
                                         guint         position);

G_END_DECLS
