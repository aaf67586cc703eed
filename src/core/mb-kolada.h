/* mb-kolada.h – values from Kolada API v3 data JSON, as saved from the web
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-store.h"

G_BEGIN_DECLS

#define MB_KOLADA_ERROR (mb_kolada_error_quark ())

typedef enum
{
  MB_KOLADA_ERROR_INVALID,       /* not strict JSON, or not the shape of Kolada data */
  MB_KOLADA_ERROR_EMPTY,         /* no values */
  MB_KOLADA_ERROR_MIXED_KPIS,    /* values of more than one KPI */
  MB_KOLADA_ERROR_NO_REFERENCE,  /* the indicator references no Kolada KPI */
  MB_KOLADA_ERROR_WRONG_KPI,     /* the file's KPI is not the indicator's */
} MbKoladaError;

typedef struct _MbKoladaData MbKoladaData;

GQuark        mb_kolada_error_quark        (void);

/* Reads the response of /v3/data/kpi/{kpi}/municipality/{id} (and the other
 * data routes with municipalities): {"values": [{"kpi", "municipality",
 * "period", "values": [{"gender", "count", "status", "value"}]}], "count",
 * and paging URLs}. Strict: the JSON is checked by mb_json_check() first;
 * types, finite numbers, genders and periods are checked, and a period,
 * municipality and gender given twice is refused. A value of null is kept
 * as "no value" with its status. */
MbKoladaData *mb_kolada_data_parse         (const char    *data,
                                            gsize          length,
                                            GError       **error);
void          mb_kolada_data_free          (MbKoladaData  *self);

/* The KPI id all values belong to ("N01951"). */
const char   *mb_kolada_data_get_kpi       (MbKoladaData  *self);
/* The values as MbMeasurementRow, in file order. */
GPtrArray    *mb_kolada_data_get_rows      (MbKoladaData  *self);
/* Whether the file names a next page: it holds only part of the values. */
gboolean      mb_kolada_data_has_next_page (MbKoladaData  *self);
/* The URL of the next page, as the answer gives it, or NULL. */
const char   *mb_kolada_data_get_next_page (MbKoladaData  *self);

/* Records the values into @indicator_id as one undo step, "Import “@file_name”"
 * (a batch action: mb_indicator_stats_record_rows()), if the indicator's
 * reference is this KPI ("kolada:N01951"); refuses otherwise. */
gboolean      mb_kolada_import             (MbKoladaData  *self,
                                            MbStore       *store,
                                            const char    *indicator_id,
                                            const char    *file_name,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbKoladaData, mb_kolada_data_free)

G_END_DECLS
