/* mb-kolada-update.h – this year's values of a strategy's indicators, from Kolada's open API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-store.h"

G_BEGIN_DECLS

/* The API's address when MALBILD_KOLADA_URL is not set. */
#define MB_KOLADA_DEFAULT_URL "https://api.kolada.se/v3/"

#define MB_KOLADA_UPDATE_ERROR (mb_kolada_update_error_quark ())

typedef enum
{
  MB_KOLADA_UPDATE_ERROR_NOTHING,     /* no indicator of the strategy references Kolada */
  MB_KOLADA_UPDATE_ERROR_NO_TERRITORY, /* the strategy names no territory to ask for */
  MB_KOLADA_UPDATE_ERROR_NETWORK,     /* no answer: offline, refused, timed out */
  MB_KOLADA_UPDATE_ERROR_HTTP,        /* an answer other than 200 OK */
  MB_KOLADA_UPDATE_ERROR_ANSWER,      /* an answer that is not Kolada's data */
} MbKoladaUpdateError;

/* What the update would do to one indicator. */
typedef struct
{
  char   *indicator_id;
  char   *title;
  char   *kpi;           /* "N01951" */
  guint   n_new;
  guint   n_changed;
  guint   n_unchanged;
  /* Why it gets nothing, or NULL: "Kolada has no values for N00914". */
  char   *note;
} MbKoladaIndicatorChange;

#define MB_TYPE_KOLADA_UPDATE (mb_kolada_update_get_type ())

G_DECLARE_FINAL_TYPE (MbKoladaUpdate, mb_kolada_update, MB, KOLADA_UPDATE, GObject)

GQuark          mb_kolada_update_error_quark      (void);

/* Plans an update of @strategy_id's indicators that reference a Kolada KPI
 * ("kolada:N01951"), for the territories the strategy's goals target and
 * those its indicators have values for. @base_url NULL: MALBILD_KOLADA_URL,
 * or MB_KOLADA_DEFAULT_URL. */
MbKoladaUpdate *mb_kolada_update_new              (MbStore               *store,
                                                   const char            *strategy_id,
                                                   const char            *base_url,
                                                   GError               **error);

const char     *mb_kolada_update_get_base_url     (MbKoladaUpdate        *self);
/* The territory codes asked for, sorted. */
const char * const *mb_kolada_update_get_territories (MbKoladaUpdate     *self);
/* How much of the fetch is done, 0–1 (notify::fraction). */
double          mb_kolada_update_get_fraction     (MbKoladaUpdate        *self);

/* Fetches every page of every KPI's values and compares them with the
 * library; nothing is written. A timeout, an offline machine, an error
 * status or a malformed answer fails the whole fetch with a message that
 * names the address. */
void            mb_kolada_update_fetch_async      (MbKoladaUpdate        *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean        mb_kolada_update_fetch_finish     (MbKoladaUpdate        *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
/* The same, running a main loop of its own until it is done (for the
 * command line). */
gboolean        mb_kolada_update_fetch            (MbKoladaUpdate        *self,
                                                   GCancellable          *cancellable,
                                                   GError               **error);

/* After a fetch: per indicator, what applying would change
 * (MbKoladaIndicatorChange, in title order), and the totals. */
GPtrArray      *mb_kolada_update_get_changes      (MbKoladaUpdate        *self);
guint           mb_kolada_update_get_n_new        (MbKoladaUpdate        *self);
guint           mb_kolada_update_get_n_changed    (MbKoladaUpdate        *self);

/* Writes the values that are new or changed, compared with the library as
 * it is now: one batch action, one undo step ("Update from Kolada"); no
 * step at all when nothing changes. */
gboolean        mb_kolada_update_apply            (MbKoladaUpdate        *self,
                                                   GError               **error);

G_END_DECLS
