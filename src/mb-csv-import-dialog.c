/* mb-csv-import-dialog.c – a preview of a CSV file before its values are recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mb-chart.h"
#include "mb-csv-import-dialog.h"
#include "mb-indicator-stats.h"

typedef struct
{
  MbStore          *store;
  char             *indicator_id;
  MbMeasurementCsv *csv;
  char             *file_name;
  GtkWidget        *parent;
} ImportJob;

static void
import_job_free (gpointer  data,
                 GClosure *closure)
{
  ImportJob *job = data;

  g_object_unref (job->store);
  g_free (job->indicator_id);
  mb_measurement_csv_free (job->csv);
  g_free (job->file_name);
  g_object_unref (job->parent);
  g_free (job);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             ImportJob        *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "import") != 0)
    return;

  if (!mb_measurement_csv_import (job->csv, job->store, job->indicator_id, job->file_name,
                                  &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %u value from “%s”",
                                            "Imported %u values from “%s”",
                                            mb_measurement_csv_get_rows (job->csv)->len),
                               mb_measurement_csv_get_rows (job->csv)->len, job->file_name);
  gtk_widget_activate_action (job->parent, "win.show-toast", "s", message);
}

static void
attach_label (GtkGrid    *grid,
              const char *text,
              int         column,
              int         row,
              int         width,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 4 ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), width > 1 ? 60 : 24);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (width > 1)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
    }
  gtk_grid_attach (grid, label, column, row, width, 1);
}

GtkWidget *
mb_csv_import_dialog_present (GtkWidget        *parent,
                              MbStore          *store,
                              MbCatalogue      *catalogue,
                              const char       *indicator_id,
                              const char       *indicator_title,
                              MbMeasurementCsv *csv,
                              const char       *file_name)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  GPtrArray *rows = mb_measurement_csv_get_rows (csv);
  guint n_problems = mb_measurement_csv_get_n_problems (csv);
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *dialect = NULL;
  GtkWidget *dialog, *scrolled, *grid, *box;
  const char *headers[] = { _("Row"), _("Period"), _("Territory"), _("Gender"), _("Value"),
                            _("Status") };
  char mark = mb_measurement_csv_get_decimal_mark (csv);
  int grid_row = 1;

  job->store = g_object_ref (store);
  job->indicator_id = g_strdup (indicator_id);
  job->csv = csv;
  job->file_name = g_strdup (file_name);
  job->parent = g_object_ref (parent);

  heading = g_strdup_printf (_("Import “%s”"), file_name);
  dialect = g_strdup_printf (_("Separator “%c”, %s."),
                             mb_measurement_csv_get_separator (csv) == '\t'
                               ? ' ' : mb_measurement_csv_get_separator (csv),
                             mark == ',' ? _("decimal comma")
                             : mark == '.' ? _("decimal point") : _("whole numbers"));
  if (n_problems == 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u value for “%s”. %s Importing is one step to undo.",
                                         "%u values for “%s”. %s Importing is one step to undo.",
                                         rows->len),
                            rows->len, indicator_title ? indicator_title : "", dialect);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u rows cannot be read, so nothing can be"
                                         " imported. Correct the row marked below and try again.",
                                         "%u of %u rows cannot be read, so nothing can be"
                                         " imported. Correct the rows marked below and try"
                                         " again.",
                                         n_problems),
                            n_problems, rows->len);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    attach_label (GTK_GRID (grid), headers[c], c, 0, 1, "heading");

  for (guint i = 0; i < rows->len && i < MB_CSV_IMPORT_PREVIEW_ROWS; i++)
    {
      MbMeasurementRow *row = rows->pdata[i];
      g_autofree char *line = g_strdup_printf ("%u", row->line);

      attach_label (GTK_GRID (grid), line, 0, grid_row, 1,
                    row->problem ? "error" : "dim-label");
      if (row->problem != NULL)
        {
          /* The reason reads as a sentence here, not after "Row 5: ". */
          g_autofree char *first = g_utf8_strup (row->problem,
                                                 g_utf8_next_char (row->problem) - row->problem);
          g_autofree char *sentence = g_strconcat (first, g_utf8_next_char (row->problem), NULL);

          attach_label (GTK_GRID (grid), sentence, 1, grid_row, 5, "error");
        }
      else
        {
          g_autofree char *value = mb_format_value (row->value);
          g_autofree char *territory = mb_territory_display_name (catalogue,
                                                                  row->territory_code);

          attach_label (GTK_GRID (grid), row->period, 1, grid_row, 1, NULL);
          attach_label (GTK_GRID (grid), territory, 2, grid_row, 1, NULL);
          attach_label (GTK_GRID (grid), mb_gender_display_name (row->gender), 3, grid_row, 1,
                        NULL);
          attach_label (GTK_GRID (grid), value, 4, grid_row, 1, "numeric");
          attach_label (GTK_GRID (grid), row->status ? row->status : "", 5, grid_row, 1,
                        "dim-label");
        }
      grid_row++;
    }
  if (rows->len > MB_CSV_IMPORT_PREVIEW_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more rows"),
                                               rows->len - MB_CSV_IMPORT_PREVIEW_ROWS);

      attach_label (GTK_GRID (grid), more, 1, grid_row, 5, "dim-label");
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rows of the file"), -1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), scrolled);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import",
                                           n_problems == 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           n_problems == 0 ? "import" : "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), job,
                         import_job_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
