/* mb-indicator-from-catalogue.h – a new indicator prefilled from a catalogue entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-catalogue-entry.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* Creates an indicator of @strategy_id (NULL = shared by the library) from a
 * Kolada KPI or an ERDF common indicator: its title, description, unit and
 * measure, source, whether it is split by gender and available per
 * municipality, and the reference ("kolada:N01951", "erdf:RCO 01"). When
 * @node_id is given it is attached to that node too; if the library has an
 * indicator of that reference already, that one is attached instead (refused
 * with MB_STORE_ERROR_DUPLICATE if it is attached already, or if there is no
 * node). One action, one undo step. Returns the indicator's id. */
char       *mb_store_create_indicator_from_catalogue (MbStore           *store,
                                                      MbCatalogueEntry  *entry,
                                                      const char        *strategy_id,
                                                      const char        *node_id,
                                                      GError           **error);

/* The unit an indicator of @entry is measured in: the catalogue's own, or
 * for a Kolada KPI the end of its title ("Invånare totalt, antal" → "antal",
 * "…, andel (%)" → "%"); NULL if none can be told. */
char       *mb_catalogue_entry_guess_unit            (MbCatalogueEntry  *entry);

G_END_DECLS
