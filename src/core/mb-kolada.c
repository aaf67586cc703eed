/* mb-kolada.c – values from Kolada API v3 data JSON, as saved from the web
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved response is outside input: it goes through the strict scanner
 * before json-glib sees it (json-glib 1.6 accepts 1e400, duplicate keys and
 * trailing garbage), and then every field is checked for its type, since a
 * value recorded under the wrong period or gender would mislead silently.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mb-indicator-stats.h"
#include "mb-json-check.h"
#include "mb-kolada.h"
#include "mb-store-private.h"

#define KOLADA_PREFIX "kolada:"

static const char * const paging_keys[] = {
  "next_page", "previous_page", "next_url", "previous_url",
};

G_DEFINE_QUARK (mb-kolada-error-quark, mb_kolada_error)

struct _MbKoladaData
{
  char      *kpi;
  GPtrArray *rows;
  gboolean   has_next_page;
  char      *next_page;
};

void
mb_kolada_data_free (MbKoladaData *self)
{
  if (self == NULL)
    return;
  g_free (self->kpi);
  g_free (self->next_page);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *reason)
{
  g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_INVALID, "%s: %s", path, reason);
  return FALSE;
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A JSON member that must be a string (or, if @nullable, null or absent). */
static gboolean
get_string (JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *where = mb_json_path_append_key (path, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, where, _("missing; expected a string"));
      return TRUE;
    }
  if (!is_type (node, G_TYPE_STRING))
    return invalid (error, where, _("expected a string"));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
parse_inner_value (JsonNode     *node,
                   const char   *path,
                   const char   *period,
                   const char   *municipality,
                   GHashTable   *seen,
                   GPtrArray    *rows,
                   GError      **error)
{
  g_autoptr(MbMeasurementRow) row = mb_measurement_row_new ();
  g_autofree char *key = NULL;
  JsonObject *object;
  JsonNode *value, *count;
  const char *gender, *status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("expected an object {gender, count, status, value}"));
  object = json_node_get_object (node);

  if (!get_string (object, path, "gender", TRUE, &gender, error) ||
      !get_string (object, path, "status", FALSE, &status, error))
    return FALSE;
  if (!g_str_equal (gender, "T") && !g_str_equal (gender, "K") && !g_str_equal (gender, "M"))
    {
      g_autofree char *where = mb_json_path_append_key (path, "gender");

      return invalid (error, where, _("expected “T”, “K” or “M”"));
    }

  count = json_object_get_member (object, "count");
  if (count != NULL && !JSON_NODE_HOLDS_NULL (count) &&
      (!is_type (count, G_TYPE_INT64) || json_node_get_int (count) < 0))
    {
      g_autofree char *where = mb_json_path_append_key (path, "count");

      return invalid (error, where, _("expected a whole number of at least 0"));
    }

  value = json_object_get_member (object, "value");
  if (value == NULL)
    {
      g_autofree char *where = mb_json_path_append_key (path, "value");

      return invalid (error, where, _("missing; expected a number or null"));
    }
  if (is_type (value, G_TYPE_INT64))
    row->value = (double) json_node_get_int (value);
  else if (is_type (value, G_TYPE_DOUBLE))
    row->value = json_node_get_double (value);
  else if (!JSON_NODE_HOLDS_NULL (value))
    {
      g_autofree char *where = mb_json_path_append_key (path, "value");

      return invalid (error, where, _("expected a number or null"));
    }
  if (isinf (row->value))
    {
      g_autofree char *where = mb_json_path_append_key (path, "value");

      return invalid (error, where, _("not a finite number"));
    }

  key = g_strdup_printf ("%s/%s/%s", period, municipality, gender);
  if (!g_hash_table_add (seen, g_strdup (key)))
    {
      g_autofree char *message = g_strdup_printf (_("a second value for %s, municipality %s,"
                                                    " gender %s"),
                                                  period, municipality, gender);

      return invalid (error, path, message);
    }

  row->period = g_strdup (period);
  row->territory_code = g_strdup (municipality);
  row->gender = g_strdup (gender);
  row->status = status && *status ? g_strdup (status) : NULL;
  g_ptr_array_add (rows, g_steal_pointer (&row));
  return TRUE;
}

static gboolean
parse_entry (MbKoladaData  *self,
             JsonNode      *node,
             const char    *path,
             GHashTable    *seen,
             GError       **error)
{
  g_autofree char *period = NULL;
  g_autofree char *values_path = NULL;
  JsonObject *object;
  JsonNode *period_node;
  JsonArray *values;
  const char *kpi, *municipality;
  gint64 year;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("expected an object {kpi, municipality, period, values}"));
  object = json_node_get_object (node);

  if (json_object_has_member (object, "ou"))
    return invalid (error, path, _("values of organisational units cannot be imported;"
                                   " save the municipality data instead"));
  if (!get_string (object, path, "kpi", TRUE, &kpi, error) ||
      !get_string (object, path, "municipality", TRUE, &municipality, error))
    return FALSE;

  if (self->kpi == NULL)
    self->kpi = g_strdup (kpi);
  else if (!g_str_equal (self->kpi, kpi))
    {
      g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_MIXED_KPIS,
                   _("%s: the file holds values of both %s and %s; save one KPI per file"),
                   path, self->kpi, kpi);
      return FALSE;
    }

  if (!mb_measurement_check_territory (municipality, NULL))
    {
      g_autofree char *where = mb_json_path_append_key (path, "municipality");

      return invalid (error, where, _("expected a four-digit code such as “0023”"));
    }

  period_node = json_object_get_member (object, "period");
  if (!is_type (period_node, G_TYPE_INT64) ||
      (year = json_node_get_int (period_node)) < 1900 || year > 2200)
    {
      g_autofree char *where = mb_json_path_append_key (path, "period");

      return invalid (error, where, _("expected a year between 1900 and 2200"));
    }
  period = g_strdup_printf ("%04d", (int) year);

  values_path = mb_json_path_append_key (path, "values");
  if (!json_object_has_member (object, "values") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "values")))
    return invalid (error, values_path, _("expected an array"));
  values = json_object_get_array_member (object, "values");

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", values_path, i);

      if (!parse_inner_value (json_array_get_element (values, i), item_path, period,
                              municipality, seen, self->rows, error))
        return FALSE;
    }
  return TRUE;
}

MbKoladaData *
mb_kolada_data_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MbKoladaData) self = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root;
  JsonNode *node;
  JsonArray *values;
  const char *next;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!mb_json_check (data, length, MB_JSON_CHECK_DEFAULT_MAX_DEPTH, problems))
    {
      const MbProblem *first = mb_problem_list_get (problems, 0);

      g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_INVALID, "%s: %s",
                   first && first->path ? first->path : "$",
                   first ? first->message : _("not valid JSON"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_INVALID, "$: %s",
                   local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "$", _("expected an object with “values”, as Kolada’s data API returns"));
      return NULL;
    }
  root = json_node_get_object (node);

  self = g_new0 (MbKoladaData, 1);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mb_measurement_row_free);

  if (!json_object_has_member (root, "values") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "values")))
    {
      invalid (error, "$.values", _("expected an array, as Kolada’s data API returns"));
      return NULL;
    }
  node = json_object_get_member (root, "count");
  if (node != NULL && !is_type (node, G_TYPE_INT64))
    {
      invalid (error, "$.count", _("expected a whole number"));
      return NULL;
    }
  /* Paging: v3 names them next_page/previous_page; accept the URL names too. */
  for (gsize i = 0; i < G_N_ELEMENTS (paging_keys); i++)
    {
      if (!get_string (root, "$", paging_keys[i], FALSE, &next, error))
        return NULL;
      if (next != NULL && *next != '\0' && g_str_has_prefix (paging_keys[i], "next"))
        {
          self->has_next_page = TRUE;
          if (self->next_page == NULL)
            self->next_page = g_strdup (next);
        }
    }

  values = json_object_get_array_member (root, "values");
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.values[%u]", i);

      if (!parse_entry (self, json_array_get_element (values, i), path, seen, error))
        return NULL;
    }

  if (self->rows->len == 0)
    {
      g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_EMPTY,
                   _("The file holds no values"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
mb_kolada_data_get_kpi (MbKoladaData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kpi;
}

GPtrArray *
mb_kolada_data_get_rows (MbKoladaData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->rows;
}

const char *
mb_kolada_data_get_next_page (MbKoladaData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->next_page;
}

gboolean
mb_kolada_data_has_next_page (MbKoladaData *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_next_page;
}

gboolean
mb_kolada_import (MbKoladaData  *self,
                  MbStore       *store,
                  const char    *indicator_id,
                  const char    *file_name,
                  GError       **error)
{
  g_autofree char *reference = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MB_IS_STORE (store), FALSE);
  g_return_val_if_fail (indicator_id != NULL, FALSE);

  reference = _mb_store_query_text (mb_store_get_db (store),
                                    "SELECT reference FROM indicators WHERE id = ?", "s",
                                    indicator_id);
  if (reference == NULL || !g_str_has_prefix (reference, KOLADA_PREFIX))
    {
      g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_NO_REFERENCE,
                   _("The indicator references no Kolada KPI; set its reference to"
                     " “kolada:%s” first to import this file"), self->kpi);
      return FALSE;
    }
  if (!g_str_equal (reference + strlen (KOLADA_PREFIX), self->kpi))
    {
      g_set_error (error, MB_KOLADA_ERROR, MB_KOLADA_ERROR_WRONG_KPI,
                   _("The file holds values of Kolada KPI %s, but the indicator references %s"),
                   self->kpi, reference + strlen (KOLADA_PREFIX));
      return FALSE;
    }

  label = g_strdup_printf (_("Import “%s”"), file_name ? file_name : self->kpi);
  return mb_indicator_stats_record_rows (store, indicator_id, self->rows, label, error);
}
