/* mb-indicators-view.h – the library's indicators as a sortable table, and their pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-catalogue.h"
#include "mb-indicator-page.h"
#include "mb-selection.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_INDICATORS_VIEW (mb_indicators_view_get_type ())

G_DECLARE_FINAL_TYPE (MbIndicatorsView, mb_indicators_view, MB, INDICATORS_VIEW, GtkWidget)

/* Properties "store", "selection" and "catalogue" (NULL = the shipped
 * catalogues, loaded when first needed). */
GtkWidget        *mb_indicators_view_new             (MbStore          *store,
                                                      MbSelection      *selection);
void              mb_indicators_view_set_catalogue   (MbIndicatorsView *self,
                                                      MbCatalogue      *catalogue);

/* Shows the indicator's page, as activating its row does. */
void              mb_indicators_view_open_indicator  (MbIndicatorsView *self,
                                                      const char       *indicator_id);
/* Back to the table. */
void              mb_indicators_view_show_list       (MbIndicatorsView *self);

/* For tests: the table's columns, its rows (MbIndicatorSummary, as shown:
 * filtered and sorted) and the page. */
GtkColumnView    *mb_indicators_view_get_column_view (MbIndicatorsView *self);
GListModel       *mb_indicators_view_get_rows        (MbIndicatorsView *self);
MbIndicatorPage  *mb_indicators_view_get_page        (MbIndicatorsView *self);
GtkEditable      *mb_indicators_view_get_search_entry (MbIndicatorsView *self);

G_END_DECLS
