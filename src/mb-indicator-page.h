/* mb-indicator-page.h – one indicator's data: its chart and its values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-catalogue.h"
#include "mb-chart.h"
#include "mb-selection.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_INDICATOR_PAGE (mb_indicator_page_get_type ())

G_DECLARE_FINAL_TYPE (MbIndicatorPage, mb_indicator_page, MB, INDICATOR_PAGE, GtkWidget)

GtkWidget  *mb_indicator_page_new              (MbStore         *store,
                                                MbSelection     *selection);
/* The indicator shown ("indicator-id" property); NULL shows nothing. */
const char *mb_indicator_page_get_indicator_id (MbIndicatorPage *self);
void        mb_indicator_page_set_indicator_id (MbIndicatorPage *self,
                                                const char      *indicator_id);
void        mb_indicator_page_set_catalogue    (MbIndicatorPage *self,
                                                MbCatalogue     *catalogue);
MbChart    *mb_indicator_page_get_chart        (MbIndicatorPage *self);
/* The measurement table's model (MbMeasurementItem), for tests. */
GListModel *mb_indicator_page_get_measurements (MbIndicatorPage *self);

/* Imports a CSV or Kolada file into the indicator: CSV files get the preview
 * dialog, Kolada JSON is recorded at once; the result is shown as a toast. */
void        mb_indicator_page_import_file      (MbIndicatorPage *self,
                                                GFile           *file);

G_END_DECLS
