/* mb-catalogue.h – the shipped reference catalogues, as read-only lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-catalogue-entry.h"

G_BEGIN_DECLS

#define MB_CATALOGUE_ERROR (mb_catalogue_error_quark ())

typedef enum
{
  MB_CATALOGUE_ERROR_NOT_FOUND,   /* a catalogue file is missing */
  MB_CATALOGUE_ERROR_PARSE,       /* not valid CSV or not valid UTF-8 */
  MB_CATALOGUE_ERROR_COLUMNS,     /* a required column is missing, or a row has too few or many */
  MB_CATALOGUE_ERROR_DUPLICATE,   /* an id occurs twice */
  MB_CATALOGUE_ERROR_REFERENCE,   /* a retired-list row names no catalogue */
} MbCatalogueError;

/* What a stored reference ("kolada:N00914") points to. */
typedef enum
{
  MB_REFERENCE_CURRENT,   /* an entry of a shipped catalogue */
  MB_REFERENCE_RETIRED,   /* known to be retired; see mb_catalogue_lookup_retired() */
  MB_REFERENCE_UNKNOWN,   /* a catalogue's namespace, but not among the shipped entries */
  MB_REFERENCE_EXTERNAL,  /* a namespace without a shipped catalogue ("scb:…") */
  MB_REFERENCE_INVALID,   /* not of the form "namespace:id" */
} MbReferenceState;

/* For mb_catalogue_search(): look in every catalogue. */
#define MB_CATALOGUE_ALL_KINDS (-1)

#define MB_TYPE_CATALOGUE (mb_catalogue_get_type ())

G_DECLARE_FINAL_TYPE (MbCatalogue, mb_catalogue, MB, CATALOGUE, GObject)

GQuark            mb_catalogue_error_quark           (void);

char             *mb_catalogue_find_data_dir         (void);

MbCatalogue      *mb_catalogue_new                   (void);
MbCatalogue      *mb_catalogue_new_default           (GError          **error);

gboolean          mb_catalogue_load_data             (MbCatalogue      *self,
                                                      MbCatalogueKind   kind,
                                                      const char       *data,
                                                      gsize             length,
                                                      const char       *source_name,
                                                      GError          **error);
gboolean          mb_catalogue_load_retired_data     (MbCatalogue      *self,
                                                      const char       *data,
                                                      gsize             length,
                                                      const char       *source_name,
                                                      GError          **error);
gboolean          mb_catalogue_load_dir              (MbCatalogue      *self,
                                                      const char       *catalogue_dir,
                                                      GError          **error);

MbCatalogueEntry *mb_catalogue_lookup                (MbCatalogue      *self,
                                                      const char       *reference);
/* The name of the territory of code @code ("2380" → "Östersund"; a region
 * as its county, "Jämtlands län"), or NULL if the catalogue lacks it. */
const char       *mb_catalogue_get_territory_name    (MbCatalogue      *self,
                                                      const char       *code);
MbCatalogueEntry *mb_catalogue_lookup_retired        (MbCatalogue      *self,
                                                      const char       *reference);
MbReferenceState  mb_catalogue_get_reference_state   (MbCatalogue      *self,
                                                      const char       *reference);

GListModel       *mb_catalogue_get_entries           (MbCatalogue      *self,
                                                      MbCatalogueKind   kind);
GListModel       *mb_catalogue_search                (MbCatalogue      *self,
                                                      int               kind,
                                                      const char       *query);

G_END_DECLS
