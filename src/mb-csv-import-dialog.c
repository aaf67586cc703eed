/* mb-csv-import-dialog.c – a preview of a CSV file before its values are recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog's frame is its template (mb-csv-import-dialog.ui); the rows of
 * the file, which only the file knows, are added to the template's grid.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-chart.h"
#include "mb-ellipsis.h"
#include "mb-csv-import-dialog.h"
#include "mb-format.h"
#include "mb-indicator-stats.h"

struct _MbCsvImportDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkLabel         *reading_label;
  GtkLabel         *columns_label;
  GtkGrid          *rows_grid;

  /* Owned references */
  MbStore          *store;
  MbCatalogue      *catalogue;
  MbMeasurementCsv *csv;
  GtkWidget        *toast_target;
  char             *indicator_id;
  char             *file_name;
};

G_DEFINE_FINAL_TYPE (MbCsvImportDialog, mb_csv_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  COLUMN_ROW,
  COLUMN_PERIOD,
  COLUMN_TERRITORY,
  COLUMN_GENDER,
  COLUMN_VALUE,
  COLUMN_STATUS,
  N_COLUMNS
};

static void
attach_label (MbCsvImportDialog *self,
              const char        *text,
              int                column,
              int                row,
              int                width,
              const char        *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_VALUE ? 1 : 0);
  if (width > 1)
    {
      /* A problem: a sentence across the row, wrapped. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      mb_label_tooltip_when_cut (GTK_LABEL (label));
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (self->rows_grid, label, column, row, width, 1);
}

/* A row problem reads as a sentence here, not after "Row 5: ". */
static char *
as_sentence (const char *problem)
{
  g_autofree char *first = g_utf8_strup (problem, g_utf8_next_char (problem) - problem);

  return g_strconcat (first, g_utf8_next_char (problem), NULL);
}

static void
mb_csv_import_dialog_show_rows (MbCsvImportDialog *self)
{
  GPtrArray *rows = mb_measurement_csv_get_rows (self->csv);
  int grid_row = 1;

  for (guint i = 0; i < rows->len && i < MB_CSV_IMPORT_PREVIEW_ROWS; i++, grid_row++)
    {
      MbMeasurementRow *row = rows->pdata[i];
      g_autofree char *line = g_strdup_printf ("%u", row->line);

      attach_label (self, line, COLUMN_ROW, grid_row, 1, row->problem ? "error" : "dim-label");
      if (row->problem != NULL)
        {
          g_autofree char *sentence = as_sentence (row->problem);

          attach_label (self, sentence, COLUMN_PERIOD, grid_row, N_COLUMNS - 1, "error");
        }
      else
        {
          g_autofree char *value = mb_format_number (row->value);
          g_autofree char *territory = mb_territory_display_name (self->catalogue,
                                                                  row->territory_code);

          attach_label (self, row->period, COLUMN_PERIOD, grid_row, 1, NULL);
          attach_label (self, territory, COLUMN_TERRITORY, grid_row, 1, NULL);
          attach_label (self, mb_gender_display_name (row->gender), COLUMN_GENDER, grid_row, 1,
                        NULL);
          attach_label (self, value, COLUMN_VALUE, grid_row, 1, "numeric");
          attach_label (self, row->status ? row->status : "", COLUMN_STATUS, grid_row, 1,
                        "dim-label");
        }
    }
  if (rows->len > MB_CSV_IMPORT_PREVIEW_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more rows"),
                                               rows->len - MB_CSV_IMPORT_PREVIEW_ROWS);

      attach_label (self, more, COLUMN_PERIOD, grid_row, N_COLUMNS - 1, "dim-label");
    }
}

/* "Read as Windows-1252, separator “;”, decimal comma." */
static char *
describe_reading (MbMeasurementCsv *csv)
{
  char separator = mb_measurement_csv_get_separator (csv);
  char mark = mb_measurement_csv_get_decimal_mark (csv);
  g_autofree char *fields = separator == '\t'
    ? g_strdup (_("tabs between fields"))
    : g_strdup_printf (_("separator “%c”"), separator);
  const char *numbers = mark == ',' ? _("decimal comma")
                      : mark == '.' ? _("decimal point") : _("whole numbers");

  /* TRANSLATORS: "Read as Windows-1252, separator “;”, decimal comma." */
  return g_strdup_printf (_("Read as %s, %s, %s."), mb_measurement_csv_get_encoding (csv),
                          fields, numbers);
}

static void
mb_csv_import_dialog_fill (MbCsvImportDialog *self,
                           const char        *indicator_title)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  guint n_rows = mb_measurement_csv_get_rows (self->csv)->len;
  guint n_problems = mb_measurement_csv_get_n_problems (self->csv);
  g_autofree char *heading = g_strdup_printf (_("Import “%s”"), self->file_name);
  g_autofree char *body = NULL;
  g_autofree char *reading = describe_reading (self->csv);
  g_autofree char *described = mb_measurement_csv_describe_columns (self->csv);
  g_autoptr(GString) mapping = g_string_new (described);
  g_autofree char *columns = NULL;

  /* A line break between two columns, not inside "Status → status". */
  g_string_replace (mapping, " → ", "\xC2\xA0→\xC2\xA0", 0);
  columns = g_strdup_printf (_("Columns: %s"), mapping->str);

  if (n_problems == 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u value for “%s”. Importing is one step to undo.",
                                         "%u values for “%s”. Importing is one step to undo.",
                                         n_rows),
                            n_rows, indicator_title ? indicator_title : "");
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u rows cannot be read, so nothing can be"
                                         " imported. Correct the row marked below and try again.",
                                         "%u of %u rows cannot be read, so nothing can be"
                                         " imported. Correct the rows marked below and try"
                                         " again.",
                                         n_problems),
                            n_problems, n_rows);

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  gtk_label_set_text (self->reading_label, reading);
  gtk_label_set_text (self->columns_label, columns);
  adw_message_dialog_set_response_enabled (dialog, "import", n_problems == 0);
  adw_message_dialog_set_default_response (dialog, n_problems == 0 ? "import" : "cancel");
  mb_csv_import_dialog_show_rows (self);
}

static void
mb_csv_import_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  MbCsvImportDialog *self = MB_CSV_IMPORT_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_rows;

  if (g_strcmp0 (response, "import") != 0)
    return;

  n_rows = mb_measurement_csv_get_rows (self->csv)->len;
  if (!mb_measurement_csv_import (self->csv, self->store, self->indicator_id, self->file_name,
                                  &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %u value from “%s”",
                                            "Imported %u values from “%s”",
                                            n_rows),
                               n_rows, self->file_name);
  gtk_widget_activate_action (self->toast_target, "win.show-toast", "s", message);
}

static void
mb_csv_import_dialog_finalize (GObject *object)
{
  MbCsvImportDialog *self = MB_CSV_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->catalogue);
  g_clear_pointer (&self->csv, mb_measurement_csv_free);
  g_clear_object (&self->toast_target);
  g_free (self->indicator_id);
  g_free (self->file_name);

  G_OBJECT_CLASS (mb_csv_import_dialog_parent_class)->finalize (object);
}

static void
mb_csv_import_dialog_class_init (MbCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->finalize = mb_csv_import_dialog_finalize;
  dialog_class->response = mb_csv_import_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/"
                                               "mb-csv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MbCsvImportDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, MbCsvImportDialog, columns_label);
  gtk_widget_class_bind_template_child (widget_class, MbCsvImportDialog, rows_grid);
}

static void
mb_csv_import_dialog_init (MbCsvImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MbCsvImportDialog *
mb_csv_import_dialog_new (GtkWidget        *toast_target,
                          MbStore          *store,
                          MbCatalogue      *catalogue,
                          const char       *indicator_id,
                          const char       *indicator_title,
                          MbMeasurementCsv *csv,
                          const char       *file_name)
{
  MbCsvImportDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (toast_target), NULL);
  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  root = gtk_widget_get_root (toast_target);
  self = g_object_new (MB_TYPE_CSV_IMPORT_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->catalogue = catalogue ? g_object_ref (catalogue) : NULL;
  self->csv = csv;
  self->toast_target = g_object_ref (toast_target);
  self->indicator_id = g_strdup (indicator_id);
  self->file_name = g_strdup (file_name ? file_name : "");
  mb_csv_import_dialog_fill (self, indicator_title);
  return self;
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
  MbCsvImportDialog *self = mb_csv_import_dialog_new (parent, store, catalogue, indicator_id,
                                                      indicator_title, csv, file_name);

  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
