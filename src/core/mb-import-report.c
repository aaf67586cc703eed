/* mb-import-report.c – what an import added, changed, skipped and found in conflict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-exchange-fields.h"
#include "mb-import-report.h"

struct _MbImportReport
{
  MbImportCounts *counts;     /* one per exchanged table, in format order */
  GPtrArray      *conflicts;  /* of char *, NULL-terminated */
  gboolean        prefer_file;
};

MbImportReport *
mb_import_report_new (gboolean prefer_file)
{
  MbImportReport *self = g_new0 (MbImportReport, 1);
  guint n_tables;

  mb_exchange_get_tables (&n_tables);
  self->counts = g_new0 (MbImportCounts, n_tables);
  self->conflicts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->conflicts, NULL);
  self->prefer_file = prefer_file;

  return self;
}

void
mb_import_report_free (MbImportReport *self)
{
  if (self == NULL)
    return;

  g_free (self->counts);
  g_ptr_array_unref (self->conflicts);
  g_free (self);
}

MbImportCounts *
mb_import_report_counts_for (MbImportReport *self,
                             const char     *table)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  if (mb_exchange_lookup_table (table, &index) == NULL)
    return NULL;
  return &self->counts[index];
}

const MbImportCounts *
mb_import_report_get_counts (MbImportReport *self,
                             const char     *table)
{
  return mb_import_report_counts_for (self, table);
}

MbImportCounts
mb_import_report_get_totals (MbImportReport *self)
{
  MbImportCounts total = { 0, };
  guint n_tables;

  mb_exchange_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      total.added += self->counts[i].added;
      total.changed += self->counts[i].changed;
      total.unchanged += self->counts[i].unchanged;
      total.conflicts += self->counts[i].conflicts;
    }

  return total;
}

void
mb_import_report_add_conflict (MbImportReport *self,
                               const char     *table,
                               const char     *id,
                               const char     *library_modified,
                               const char     *file_modified)
{
  char *line;

  if (self->prefer_file)
    line = g_strdup_printf (_("%s %s: changed in the library (%s) after the file’s version (%s); "
                              "the file’s version was taken"),
                            table, id, library_modified, file_modified);
  else
    line = g_strdup_printf (_("%s %s: changed in the library (%s) after the file’s version (%s); "
                              "the library’s version was kept"),
                            table, id, library_modified, file_modified);

  g_ptr_array_insert (self->conflicts, self->conflicts->len - 1, line);
}

const char * const *
mb_import_report_get_conflicts (MbImportReport *self)
{
  return (const char * const *) self->conflicts->pdata;
}

char *
mb_import_report_format (MbImportReport *self)
{
  GString *out = g_string_new (NULL);
  MbImportCounts total = mb_import_report_get_totals (self);
  const MbExchangeTable *tables;
  guint n_tables;

  tables = mb_exchange_get_tables (&n_tables);

  g_string_append_printf (out, _("%u added, %u changed, %u unchanged, %u in conflict\n"),
                          total.added, total.changed, total.unchanged, total.conflicts);
  for (guint i = 0; i < n_tables; i++)
    {
      const MbImportCounts *c = &self->counts[i];

      if (c->added + c->changed + c->unchanged + c->conflicts == 0)
        continue;
      g_string_append_printf (out, _("  %s: %u added, %u changed, %u unchanged, %u in conflict\n"),
                              tables[i].name, c->added, c->changed, c->unchanged, c->conflicts);
    }
  for (guint i = 0; i + 1 < self->conflicts->len; i++)
    g_string_append_printf (out, _("  conflict: %s\n"), (char *) self->conflicts->pdata[i]);

  return g_string_free (out, FALSE);
}
