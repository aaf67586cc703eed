/* mb-level-source.h – where a new strategy's levels come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-core.h"

G_BEGIN_DECLS

#define MB_TYPE_LEVEL_SOURCE (mb_level_source_get_type ())
G_DECLARE_FINAL_TYPE (MbLevelSource, mb_level_source, MB, LEVEL_SOURCE, GtkBox)

/* A choice of a built-in scheme, another strategy of @store's levels, or an
 * empty scheme to fill in, with the chosen levels shown below it. */
GtkWidget   *mb_level_source_new         (MbStore       *store);

/* The choices in order, as shown (for tests): "scheme:rus", "copy:ID", "empty". */
const char * const *mb_level_source_get_keys (MbLevelSource *self);
void         mb_level_source_select      (MbLevelSource *self,
                                          const char    *key);

/* Creates a strategy titled @title with the chosen levels and the chart's
 * @layout_direction (NULL: top-down): one store call. */
char        *mb_level_source_create_strategy (MbLevelSource *self,
                                          const char    *title,
                                          const char    *layout_direction,
                                          GError       **error);

G_END_DECLS
