/* mb-catalogue-entry.h – one entry of a shipped reference catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The catalogues Målbild ships; the prefix of a reference names one. */
typedef enum
{
  MB_CATALOGUE_KIND_KOLADA,     /* "kolada:N01951" – Kolada KPIs */
  MB_CATALOGUE_KIND_ERDF,       /* "erdf:RCO 01" – ERDF common indicators 2021–2027 */
  MB_CATALOGUE_KIND_SDG,        /* "sdg:7" – the 17 global goals */
  MB_CATALOGUE_KIND_TERRITORY,  /* "territory:2380" or "2380" – regions and municipalities */
  MB_CATALOGUE_KIND_DIMENSION,  /* "dimension:social" – the three sustainability dimensions */
  MB_CATALOGUE_KIND_PERSPECTIVE, /* "perspective:sami" – horizontal perspectives */
  MB_CATALOGUE_N_KINDS
} MbCatalogueKind;

#define MB_TYPE_CATALOGUE_ENTRY (mb_catalogue_entry_get_type ())

G_DECLARE_FINAL_TYPE (MbCatalogueEntry, mb_catalogue_entry, MB, CATALOGUE_ENTRY, GObject)

const char       *mb_catalogue_kind_get_prefix        (MbCatalogueKind   kind);
gboolean          mb_catalogue_kind_from_prefix       (const char       *prefix,
                                                       MbCatalogueKind  *kind);

MbCatalogueEntry *mb_catalogue_entry_new              (MbCatalogueKind   kind,
                                                       const char       *id,
                                                       GHashTable       *fields);
MbCatalogueEntry *mb_catalogue_entry_new_retired      (MbCatalogueKind   kind,
                                                       const char       *id,
                                                       GHashTable       *fields,
                                                       const char       *successor);

MbCatalogueKind   mb_catalogue_entry_get_kind         (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_id           (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_reference    (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_title        (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_title_en     (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_description  (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_unit         (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_field        (MbCatalogueEntry *self,
                                                       const char       *column);
GHashTable       *mb_catalogue_entry_get_fields       (MbCatalogueEntry *self);
gboolean          mb_catalogue_entry_is_retired       (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_successor    (MbCatalogueEntry *self);
const char       *mb_catalogue_entry_get_search_key   (MbCatalogueEntry *self);

char             *mb_catalogue_fold_for_search        (const char       *text);

G_END_DECLS
