/* mb-indicator-from-catalogue.c – a new indicator prefilled from a catalogue entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Picking "Invånare totalt, antal" in the picker is one user action, so it is
 * one transaction and one undo step: the indicator with all it can take from
 * the catalogue, and its attachment to the goal it was picked for.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mb-indicator-from-catalogue.h"
#include "mb-store-private.h"

typedef struct
{
  MbCatalogueEntry *entry;
  const char       *strategy_id;
  const char       *node_id;
  char             *id;
} FromCatalogue;

char *
mb_catalogue_entry_guess_unit (MbCatalogueEntry *entry)
{
  const char *unit = mb_catalogue_entry_get_unit (entry);
  const char *title = mb_catalogue_entry_get_title (entry);
  const char *comma;

  if (unit != NULL)
    return g_strdup (unit);
  if (mb_catalogue_entry_get_kind (entry) != MB_CATALOGUE_KIND_KOLADA || title == NULL)
    return NULL;

  /* Kolada names a KPI "what, unit": the part after the last comma. */
  comma = strrchr (title, ',');
  if (comma == NULL || strlen (comma + 1) > 24)
    return NULL;
  unit = comma + 1;
  while (*unit == ' ')
    unit++;
  if (strstr (unit, "(%)") || g_str_equal (unit, "procent") || g_str_equal (unit, "%"))
    return g_strdup ("%");
  return *unit ? g_strdup (unit) : NULL;
}

/* Attaches the library's indicator @id (taken) to the node, or refuses if
 * there is nothing to do. */
static gboolean
attach_existing (sqlite3        *db,
                 FromCatalogue  *op,
                 char           *id,
                 GError        **error)
{
  g_autofree char *title = _mb_store_query_text (db, "SELECT title FROM indicators WHERE id = ?",
                                                 "s", id);

  op->id = id;
  if (op->node_id == NULL)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("The library already has “%s”"), title);
      return FALSE;
    }
  if (_mb_store_query_int (db, "SELECT count(*) FROM node_indicators"
                           " WHERE node_id = ? AND indicator_id = ?", "ss",
                           op->node_id, id) > 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE,
                   _("“%s” is attached to this goal already"), title);
      return FALSE;
    }
  return _mb_store_exec (db, error,
                         "INSERT INTO node_indicators (node_id, indicator_id) VALUES (?, ?)",
                         "ss", op->node_id, id);
}

static gboolean
create_cb (MbStore   *store,
           sqlite3   *db,
           gpointer   user_data,
           GError   **error)
{
  FromCatalogue *op = user_data;
  MbCatalogueEntry *entry = op->entry;
  MbCatalogueKind kind = mb_catalogue_entry_get_kind (entry);
  g_autofree char *now = _mb_store_now ();
  g_autofree char *unit = mb_catalogue_entry_guess_unit (entry);
  const char *title = mb_catalogue_entry_get_title (entry);
  const char *source = NULL;
  const char *municipality_type = NULL;
  gboolean by_gender = FALSE;
  gboolean by_municipality = FALSE;
  const char *measure = "number";
  g_autofree char *existing = NULL;

  if (op->strategy_id != NULL &&
      _mb_store_query_int (db, "SELECT count(*) FROM strategies WHERE id = ?", "s",
                           op->strategy_id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("The strategy no longer exists"));
      return FALSE;
    }

  if (kind == MB_CATALOGUE_KIND_KOLADA)
    {
      source = "Kolada";
      by_gender = g_strcmp0 (mb_catalogue_entry_get_field (entry, "is_divided_by_gender"),
                             "1") == 0;
      /* "K" municipalities, "L" regions, "A" both. */
      municipality_type = mb_catalogue_entry_get_field (entry, "municipality_type");
      by_municipality = municipality_type != NULL && strpbrk (municipality_type, "KA") != NULL;
    }
  else if (kind == MB_CATALOGUE_KIND_ERDF)
    source = _("ERDF common indicators 2021–2027");
  else
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID,
                   _("“%s” is not an indicator"), mb_catalogue_entry_get_reference (entry));
      return FALSE;
    }
  if (g_strcmp0 (unit, "%") == 0)
    measure = "percent";

  if (op->node_id != NULL &&
      _mb_store_query_int (db, "SELECT count(*) FROM nodes WHERE id = ?", "s",
                           op->node_id) == 0)
    {
      g_set_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND,
                   _("The goal no longer exists"));
      return FALSE;
    }

  /* The library has it already: that one is attached, so that the values,
   * baseline and targets of a KPI stay in one place rather than in a second
   * "Invånare totalt, antal". The strategy's own first, then a shared one. */
  existing = _mb_store_query_text (db, "SELECT id FROM indicators WHERE reference = ?"
                                   " ORDER BY strategy_id IS ? DESC, strategy_id IS NULL DESC,"
                                   " created, id LIMIT 1", "ss",
                                   mb_catalogue_entry_get_reference (entry), op->strategy_id);
  if (existing != NULL)
    return attach_existing (db, op, g_steal_pointer (&existing), error);

  op->id = mb_store_new_id ();
  if (!_mb_store_exec (db, error,
                       "INSERT INTO indicators (id, strategy_id, title, description, unit,"
                       " measure, source, by_gender, by_municipality, reference, created, modified)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       "sssssssiisss", op->id, op->strategy_id,
                       title ? title : mb_catalogue_entry_get_reference (entry),
                       mb_catalogue_entry_get_description (entry), unit, measure, source,
                       by_gender, by_municipality, mb_catalogue_entry_get_reference (entry),
                       now, now))
    return FALSE;

  if (op->node_id != NULL)
    return _mb_store_exec (db, error,
                           "INSERT INTO node_indicators (node_id, indicator_id) VALUES (?, ?)",
                           "ss", op->node_id, op->id);
  return TRUE;
}

char *
mb_store_create_indicator_from_catalogue (MbStore           *store,
                                          MbCatalogueEntry  *entry,
                                          const char        *strategy_id,
                                          const char        *node_id,
                                          GError           **error)
{
  FromCatalogue op = { entry, strategy_id, node_id, NULL };
  g_autofree char *label = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (entry), NULL);

  if (node_id != NULL)
    label = g_strdup_printf (_("Attach “%s”"), mb_catalogue_entry_get_reference (entry));
  else
    label = g_strdup_printf (_("Add “%s”"), mb_catalogue_entry_get_reference (entry));
  if (!mb_store_run_action (store, label, create_cb, &op, error))
    {
      g_free (op.id);
      return NULL;
    }
  return op.id;
}
