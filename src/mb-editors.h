/* mb-editors.h – the editors of the details panel, one per kind of entity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-details-panel.h"

G_BEGIN_DECLS

/* Builds the editor of the entity @kind (a table: "nodes", "projects", …)
 * @id: its coverage hints, its form, and the sections that list and link
 * what hangs on it. NULL for a kind without an editor. */
GtkWidget   *mb_editors_build       (MbDetailsPanel      *panel,
                                     const char          *kind,
                                     const char          *id);
/* Brings hints and sections up to date after a change of @tables. */
void         mb_editors_refresh     (GtkWidget           *editor,
                                     const char * const  *tables);
GtkWidget   *mb_editors_get_form    (GtkWidget           *editor);

/* What the panel's header calls an entity of @kind ("Project"), translated. */
const char  *mb_editors_kind_label  (const char          *kind);

G_END_DECLS
