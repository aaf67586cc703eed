/* mb-details-panel.h – the editor of the selected item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-catalogue.h"
#include "mb-selection.h"
#include "mb-store.h"

G_BEGIN_DECLS

#define MB_TYPE_DETAILS_PANEL (mb_details_panel_get_type ())

G_DECLARE_FINAL_TYPE (MbDetailsPanel, mb_details_panel, MB, DETAILS_PANEL, GtkWidget)

GtkWidget      *mb_details_panel_new            (MbStore        *store,
                                                 MbSelection    *selection);

MbStore        *mb_details_panel_get_store      (MbDetailsPanel *self);
void            mb_details_panel_set_store      (MbDetailsPanel *self,
                                                 MbStore        *store);
MbSelection    *mb_details_panel_get_selection  (MbDetailsPanel *self);
void            mb_details_panel_set_selection  (MbDetailsPanel *self,
                                                 MbSelection    *selection);

/* The shipped catalogues the pickers offer; loaded on first use if unset. */
MbCatalogue    *mb_details_panel_get_catalogue  (MbDetailsPanel *self);
void            mb_details_panel_set_catalogue  (MbDetailsPanel *self,
                                                 MbCatalogue    *catalogue);

/* The editor shown now (for tests): its form, or NULL when nothing is
 * selected. */
GtkWidget      *mb_details_panel_get_form       (MbDetailsPanel *self);
/* The picker the last "Add…" opened, while it is open (for tests). */
GtkWindow      *mb_details_panel_get_picker     (MbDetailsPanel *self);

/* For mb-editors.c: remembers the picker it opened. */
void            _mb_details_panel_track_picker  (MbDetailsPanel *self,
                                                 GtkWindow      *picker);

G_END_DECLS
