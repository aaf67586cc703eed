/* mb-kolada-update.c – this year's values of a strategy's indicators, from Kolada's open API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kolada's data route answers per KPI for a list of municipalities (and
 * regions, by their county codes), a page at a time. The update asks for
 * every KPI the strategy's indicators reference, reads each page with the
 * strict parser the file import uses (mb-kolada.c), and only then compares
 * and writes: a fetch that fails halfway changes nothing.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mb-indicator-stats.h"
#include "mb-kolada.h"
#include "mb-kolada-update.h"
#include "mb-store-private.h"

#define KOLADA_PREFIX "kolada:"
/* Seconds without an answer before the fetch gives up. */
#define TIMEOUT_SECONDS 30
/* More pages than any KPI has: a server that keeps paging is broken. */
#define MAX_PAGES 1000

typedef struct
{
  char *id;
  char *title;
  char *kpi;
} Indicator;

struct _MbKoladaUpdate
{
  GObject      parent_instance;

  MbStore     *store;
  char        *strategy_id;
  char        *base_url;
  GStrv        territories;
  GPtrArray   *indicators;   /* of Indicator, by title */
  GPtrArray   *kpis;         /* distinct KPI ids, sorted */
  GHashTable  *pages;        /* KPI id → GPtrArray of MbKoladaData */
  GPtrArray   *changes;      /* of MbKoladaIndicatorChange */
  SoupSession *session;
  double       fraction;

  /* A running fetch */
  guint        kpi_index;
  guint        n_pages;
  char        *url;
};

G_DEFINE_FINAL_TYPE (MbKoladaUpdate, mb_kolada_update, G_TYPE_OBJECT)
G_DEFINE_QUARK (mb-kolada-update-error-quark, mb_kolada_update_error)

enum {
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
indicator_free (gpointer data)
{
  Indicator *indicator = data;

  g_free (indicator->id);
  g_free (indicator->title);
  g_free (indicator->kpi);
  g_free (indicator);
}

static void
change_free (gpointer data)
{
  MbKoladaIndicatorChange *change = data;

  g_free (change->indicator_id);
  g_free (change->title);
  g_free (change->kpi);
  g_free (change->note);
  g_free (change);
}

static void
set_fraction (MbKoladaUpdate *self,
              double          fraction)
{
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

/* Reading the library */

/* The strategy's indicators that reference Kolada: its own, and those
 * attached to its goals. */
static gboolean
read_indicators (MbKoladaUpdate  *self,
                 GError         **error)
{
  sqlite3 *db = mb_store_get_db (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) kpis = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  stmt = _mb_store_prepare (db,
                            "SELECT DISTINCT i.id, i.title, i.reference FROM indicators i"
                            " WHERE i.reference LIKE 'kolada:%' AND (i.strategy_id = ?1 OR"
                            "  EXISTS (SELECT 1 FROM node_indicators ni JOIN nodes n"
                            "          ON n.id = ni.node_id"
                            "          WHERE ni.indicator_id = i.id AND n.strategy_id = ?1))"
                            " ORDER BY i.title, i.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->strategy_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Indicator *indicator = g_new0 (Indicator, 1);
      const char *reference = (const char *) sqlite3_column_text (stmt, 2);

      indicator->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      indicator->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      indicator->kpi = g_strdup (reference + strlen (KOLADA_PREFIX));
      g_ptr_array_add (self->indicators, indicator);
      if (g_hash_table_add (kpis, indicator->kpi))
        g_ptr_array_add (self->kpis, g_strdup (indicator->kpi));
    }
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  g_ptr_array_sort (self->kpis, (GCompareFunc) g_strcmp0);
  return TRUE;
}

/* The territories the goals target, and those the indicators have values
 * for: what a region follows itself up on. "0000" (not split) is no
 * territory Kolada knows. */
static gboolean
read_territories (MbKoladaUpdate  *self,
                  GError         **error)
{
  sqlite3 *db = mb_store_get_db (self->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  stmt = _mb_store_prepare (db,
                            "SELECT t.territory_code FROM node_territories t"
                            " JOIN nodes n ON n.id = t.node_id WHERE n.strategy_id = ?1"
                            " UNION"
                            " SELECT m.territory_code FROM measurements m"
                            " JOIN indicators i ON i.id = m.indicator_id"
                            " WHERE i.reference LIKE 'kolada:%' AND m.territory_code <> '0000'"
                            " AND (i.strategy_id = ?1 OR EXISTS (SELECT 1 FROM node_indicators ni"
                            "  JOIN nodes n ON n.id = ni.node_id"
                            "  WHERE ni.indicator_id = i.id AND n.strategy_id = ?1))"
                            " ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->strategy_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (db, rc, error);
      return FALSE;
    }
  self->territories = g_strv_builder_end (builder);
  return TRUE;
}

MbKoladaUpdate *
mb_kolada_update_new (MbStore     *store,
                      const char  *strategy_id,
                      const char  *base_url,
                      GError     **error)
{
  g_autoptr(MbKoladaUpdate) self = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  self = g_object_new (MB_TYPE_KOLADA_UPDATE, NULL);
  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  if (base_url == NULL || *base_url == '\0')
    base_url = g_getenv ("MALBILD_KOLADA_URL");
  if (base_url == NULL || *base_url == '\0')
    base_url = MB_KOLADA_DEFAULT_URL;
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                    : g_strconcat (base_url, "/", NULL);

  title = _mb_store_query_text (mb_store_get_db (store),
                                "SELECT title FROM strategies WHERE id = ?", "s", strategy_id);
  if (title == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("There is no strategy with id “%s”"), strategy_id);
      return NULL;
    }
  if (!read_indicators (self, error) || !read_territories (self, error))
    return NULL;
  if (self->indicators->len == 0)
    {
      g_set_error (error, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NOTHING,
                   _("No indicator of “%s” refers to a Kolada KPI"), title);
      return NULL;
    }
  if (self->territories[0] == NULL)
    {
      g_set_error (error, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NO_TERRITORY,
                   _("“%s” names no territory to ask Kolada for: give its goals the"
                     " territories they target"), title);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
mb_kolada_update_get_base_url (MbKoladaUpdate *self)
{
  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), NULL);
  return self->base_url;
}

const char * const *
mb_kolada_update_get_territories (MbKoladaUpdate *self)
{
  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), NULL);
  return (const char * const *) self->territories;
}

double
mb_kolada_update_get_fraction (MbKoladaUpdate *self)
{
  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), 0);
  return self->fraction;
}

/* Comparing */

static gboolean
same_value (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

/* Whether @row would add a value (1), change one (2) or change nothing (0). */
static int
compare_row (sqlite3                *db,
             sqlite3_stmt           *lookup,
             const char             *indicator_id,
             const MbMeasurementRow *row)
{
  int result = 1;

  sqlite3_reset (lookup);
  sqlite3_bind_text (lookup, 1, indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (lookup, 2, row->period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (lookup, 3, row->territory_code ? row->territory_code : "0000", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (lookup, 4, row->gender ? row->gender : "T", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (lookup) == SQLITE_ROW)
    {
      double old = sqlite3_column_type (lookup, 0) == SQLITE_NULL
                     ? NAN : sqlite3_column_double (lookup, 0);
      const char *old_status = (const char *) sqlite3_column_text (lookup, 1);

      result = same_value (old, row->value) &&
               g_strcmp0 (old_status && *old_status ? old_status : NULL,
                          row->status && *row->status ? row->status : NULL) == 0 ? 0 : 2;
    }
  sqlite3_reset (lookup);
  return result;
}

/* The rows of @kpi that would change @indicator_id, into @out (borrowed
 * from the pages), counted into @change. */
static gboolean
collect_rows (MbKoladaUpdate          *self,
              const Indicator         *indicator,
              GPtrArray               *out,
              MbKoladaIndicatorChange *change,
              GError                 **error)
{
  sqlite3 *db = mb_store_get_db (self->store);
  GPtrArray *pages = g_hash_table_lookup (self->pages, indicator->kpi);
  g_autoptr(sqlite3_stmt) lookup = NULL;

  lookup = _mb_store_prepare (db, "SELECT value, status FROM measurements WHERE indicator_id = ?"
                                  " AND period = ? AND territory_code = ? AND gender = ?",
                              error);
  if (lookup == NULL)
    return FALSE;
  for (guint p = 0; pages != NULL && p < pages->len; p++)
    {
      GPtrArray *rows = mb_kolada_data_get_rows (pages->pdata[p]);

      for (guint i = 0; i < rows->len; i++)
        switch (compare_row (db, lookup, indicator->id, rows->pdata[i]))
          {
          case 1:
            change->n_new++;
            if (out != NULL)
              g_ptr_array_add (out, rows->pdata[i]);
            break;
          case 2:
            change->n_changed++;
            if (out != NULL)
              g_ptr_array_add (out, rows->pdata[i]);
            break;
          default:
            change->n_unchanged++;
            break;
          }
    }
  return TRUE;
}

static gboolean
compute_changes (MbKoladaUpdate  *self,
                 GError         **error)
{
  g_ptr_array_set_size (self->changes, 0);
  for (guint i = 0; i < self->indicators->len; i++)
    {
      const Indicator *indicator = self->indicators->pdata[i];
      MbKoladaIndicatorChange *change = g_new0 (MbKoladaIndicatorChange, 1);

      change->indicator_id = g_strdup (indicator->id);
      change->title = g_strdup (indicator->title);
      change->kpi = g_strdup (indicator->kpi);
      g_ptr_array_add (self->changes, change);
      if (!collect_rows (self, indicator, NULL, change, error))
        return FALSE;
      if (change->n_new + change->n_changed + change->n_unchanged == 0)
        change->note = g_strdup_printf (_("Kolada has no values of %s for these territories"),
                                        indicator->kpi);
    }
  return TRUE;
}

/* Fetching */

static char *
first_url (MbKoladaUpdate *self,
           const char     *kpi)
{
  g_autofree char *ids = g_strjoinv (",", self->territories);
  g_autofree char *escaped_kpi = g_uri_escape_string (kpi, NULL, FALSE);

  return g_strdup_printf ("%sdata/kpi/%s/municipality/%s", self->base_url, escaped_kpi, ids);
}

static void fetch_page (GTask *task);

static void
page_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MbKoladaUpdate *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  const char *kpi = self->kpis->pdata[self->kpi_index];
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(MbKoladaData) data = NULL;
  const char *next;
  guint status;
  gsize size;
  const char *text;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NETWORK,
                                 _("Kolada could not be reached at %s: %s"), self->url,
                                 error->message);
      return;
    }

  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_HTTP,
                               _("Kolada answered “%u %s” at %s"), status,
                               soup_message_get_reason_phrase (message), self->url);
      return;
    }

  text = g_bytes_get_data (body, &size);
  data = mb_kolada_data_parse (text != NULL ? text : "", size, &error);
  if (data == NULL && !g_error_matches (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_EMPTY))
    {
      g_task_return_new_error (task, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_ANSWER,
                               _("Kolada’s answer at %s cannot be read: %s"), self->url,
                               error->message);
      return;
    }
  if (data != NULL && g_strcmp0 (mb_kolada_data_get_kpi (data), kpi) != 0)
    {
      g_task_return_new_error (task, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_ANSWER,
                               _("Kolada answered with values of %s at %s, asked for %s"),
                               mb_kolada_data_get_kpi (data), self->url, kpi);
      return;
    }

  next = data != NULL ? mb_kolada_data_get_next_page (data) : NULL;
  if (data != NULL)
    {
      GPtrArray *pages = g_hash_table_lookup (self->pages, kpi);

      if (pages == NULL)
        {
          pages = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_kolada_data_free);
          g_hash_table_insert (self->pages, g_strdup (kpi), pages);
        }
      g_ptr_array_add (pages, g_steal_pointer (&data));
      data = NULL;
    }

  if (next != NULL)
    {
      g_autofree char *resolved = g_uri_resolve_relative (self->url, next,
                                                          G_URI_FLAGS_NONE, NULL);

      if (resolved == NULL || g_strcmp0 (resolved, self->url) == 0 ||
          ++self->n_pages >= MAX_PAGES)
        {
          g_task_return_new_error (task, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_ANSWER,
                                   _("Kolada’s answer at %s pages on without end"), self->url);
          return;
        }
      g_free (self->url);
      self->url = g_steal_pointer (&resolved);
    }
  else
    {
      self->kpi_index++;
      self->n_pages = 0;
      g_clear_pointer (&self->url, g_free);
    }

  set_fraction (self, (double) self->kpi_index / self->kpis->len);
  fetch_page (g_steal_pointer (&task));
}

static void
fetch_page (GTask *task)
{
  MbKoladaUpdate *self = g_task_get_source_object (task);
  SoupMessage *message;
  g_autoptr(GError) error = NULL;

  if (self->kpi_index >= self->kpis->len)
    {
      if (!compute_changes (self, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (self->url == NULL)
    self->url = first_url (self, self->kpis->pdata[self->kpi_index]);
  message = soup_message_new (SOUP_METHOD_GET, self->url);
  if (message == NULL)
    {
      g_task_return_new_error (task, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NETWORK,
                               _("“%s” is not an address Kolada can be asked at"), self->url);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), page_read_cb, task);
}

void
mb_kolada_update_fetch_async (MbKoladaUpdate      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MB_IS_KOLADA_UPDATE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mb_kolada_update_fetch_async);

  g_hash_table_remove_all (self->pages);
  g_ptr_array_set_size (self->changes, 0);
  self->kpi_index = 0;
  self->n_pages = 0;
  g_clear_pointer (&self->url, g_free);
  set_fraction (self, 0);
  if (self->session == NULL)
    {
      g_autofree char *agent = g_strdup_printf ("Malbild/%s ", PACKAGE_VERSION);

      self->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                     "user-agent", agent, NULL);
    }
  fetch_page (task);
}

gboolean
mb_kolada_update_fetch_finish (MbKoladaUpdate  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} SyncFetch;

static void
sync_fetch_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SyncFetch *sync = user_data;

  sync->result = g_object_ref (result);
  g_main_loop_quit (sync->loop);
}

gboolean
mb_kolada_update_fetch (MbKoladaUpdate  *self,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  SyncFetch sync = { loop, NULL };
  gboolean ok;

  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), FALSE);

  /* A session belongs to the context it was made in: make it here. */
  g_clear_object (&self->session);
  g_main_context_push_thread_default (context);
  mb_kolada_update_fetch_async (self, cancellable, sync_fetch_cb, &sync);
  g_main_loop_run (loop);
  ok = mb_kolada_update_fetch_finish (self, sync.result, error);
  g_clear_object (&sync.result);
  g_clear_object (&self->session);
  g_main_context_pop_thread_default (context);
  return ok;
}

GPtrArray *
mb_kolada_update_get_changes (MbKoladaUpdate *self)
{
  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), NULL);
  return self->changes;
}

guint
mb_kolada_update_get_n_new (MbKoladaUpdate *self)
{
  guint n = 0;

  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), 0);
  for (guint i = 0; i < self->changes->len; i++)
    n += ((MbKoladaIndicatorChange *) self->changes->pdata[i])->n_new;
  return n;
}

guint
mb_kolada_update_get_n_changed (MbKoladaUpdate *self)
{
  guint n = 0;

  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), 0);
  for (guint i = 0; i < self->changes->len; i++)
    n += ((MbKoladaIndicatorChange *) self->changes->pdata[i])->n_changed;
  return n;
}

gboolean
mb_kolada_update_apply (MbKoladaUpdate  *self,
                        GError         **error)
{
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (MbIndicatorRows));
  g_autoptr(GPtrArray) arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gboolean any = FALSE;

  g_return_val_if_fail (MB_IS_KOLADA_UPDATE (self), FALSE);

  /* Against the library as it is now, not as it was at the fetch: what
   * someone changed meanwhile is compared again. */
  for (guint i = 0; i < self->indicators->len; i++)
    {
      const Indicator *indicator = self->indicators->pdata[i];
      MbKoladaIndicatorChange counts = { 0 };
      GPtrArray *rows = g_ptr_array_new ();
      MbIndicatorRows set = { indicator->id, rows };

      g_ptr_array_add (arrays, rows);
      if (!collect_rows (self, indicator, rows, &counts, error))
        return FALSE;
      if (rows->len == 0)
        continue;
      g_array_append_val (sets, set);
      any = TRUE;
    }
  if (!any)
    return TRUE;

  return mb_indicator_stats_record_many (self->store, (MbIndicatorRows *) (void *) sets->data,
                                         sets->len, _("Update from Kolada"), error);
}

/* GObject */

static void
mb_kolada_update_finalize (GObject *object)
{
  MbKoladaUpdate *self = MB_KOLADA_UPDATE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_free (self->strategy_id);
  g_free (self->base_url);
  g_free (self->url);
  g_strfreev (self->territories);
  g_ptr_array_unref (self->indicators);
  g_ptr_array_unref (self->kpis);
  g_hash_table_unref (self->pages);
  g_ptr_array_unref (self->changes);

  G_OBJECT_CLASS (mb_kolada_update_parent_class)->finalize (object);
}

static void
mb_kolada_update_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MbKoladaUpdate *self = MB_KOLADA_UPDATE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_kolada_update_class_init (MbKoladaUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_kolada_update_finalize;
  object_class->get_property = mb_kolada_update_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_kolada_update_init (MbKoladaUpdate *self)
{
  self->indicators = g_ptr_array_new_with_free_func (indicator_free);
  self->kpis = g_ptr_array_new_with_free_func (g_free);
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->changes = g_ptr_array_new_with_free_func (change_free);
}
