/* mb-contributions-page.h – "What contributes to this goal?" / "What does this serve?"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"
#include "core/mb-store-review.h"

G_BEGIN_DECLS

#define MB_TYPE_CONTRIBUTIONS_PAGE (mb_contributions_page_get_type ())

G_DECLARE_FINAL_TYPE (MbContributionsPage, mb_contributions_page, MB, CONTRIBUTIONS_PAGE,
                      GtkWidget)

GtkWidget               *mb_contributions_page_new           (MbStore                  *store);

/* Queries and shows the contributions of @node_id in @direction. */
void                     mb_contributions_page_show          (MbContributionsPage      *self,
                                                              const char               *node_id,
                                                              MbContributionsDirection  direction);
/* Puts the focus on the row that goes to @kind/@id (where the user went
 * from this page), else on the list. */
gboolean                 mb_contributions_page_focus_item    (MbContributionsPage      *self,
                                                              const char               *kind,
                                                              const char               *id);
const char              *mb_contributions_page_get_node_id   (MbContributionsPage      *self);
MbContributionsDirection mb_contributions_page_get_direction (MbContributionsPage      *self);
/* The result shown, or NULL. */
const MbContributions   *mb_contributions_page_get_result    (MbContributionsPage      *self);

/* Writes the result shown as CSV (or JSON if @json) to @path. */
gboolean                 mb_contributions_page_export        (MbContributionsPage      *self,
                                                              const char               *path,
                                                              gboolean                  json,
                                                              GError                  **error);

/* Formats an amount of money the way the page shows it ("1 500 000"). */

G_END_DECLS
