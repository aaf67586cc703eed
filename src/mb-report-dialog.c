/* mb-report-dialog.c – writing the follow-up report from the window
 *
 * The user chooses the year, format, language, the levels that get a
 * section and the sections; the outline shows the headings the report will
 * have. Writing asks where to save, then builds and writes the report on a
 * worker connection (mb_store_run_async) while the window stays responsive
 * and the user can cancel; the file is opened with the user's application
 * afterwards (GIO goes through the OpenURI portal under Flatpak).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-report.h"
#include "mb-file-chooser.h"
#include "mb-report-dialog.h"
#include "report/mb-report-write.h"

typedef struct
{
  MbReportSections  section;
  const char       *title;
  const char       *subtitle;
} SectionChoice;

static const SectionChoice section_choices[] = {
  { MB_REPORT_SECTION_FRAMEWORK, N_("The Regional Framework"),
    N_("The strategy documents with their registration numbers") },
  { MB_REPORT_SECTION_PRIORITIES, N_("Goals and Priorities"),
    N_("The long-term goal, the priorities and the strength areas") },
  { MB_REPORT_SECTION_GOALS, N_("Follow-up per Goal"),
    N_("Assessments, indicators, projects and funding calls") },
  { MB_REPORT_SECTION_DONE, N_("What Was Done"),
    N_("The year’s activities, counted and listed") },
  { MB_REPORT_SECTION_NEXT, N_("What Happens Next"),
    N_("Planned and ongoing interventions, and what is overdue") },
  { MB_REPORT_SECTION_ANNEX, N_("Annexes"),
    N_("Indicator definitions and sources, the data cut-off") },
};

static const char * const format_extensions[] = { "pdf", "odt", "html" };

struct _MbReportDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkButton       *cancel_button;
  GtkButton       *write_button;
  GtkSpinButton   *year_spin;
  AdwComboRow     *format_row;
  AdwComboRow     *language_row;
  AdwComboRow     *depth_row;
  AdwPreferencesGroup *sections_group;
  GtkListBox      *outline_list;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *done_page;
  AdwStatusPage   *error_page;

  /* Owned references */
  MbStore         *store;
  char            *strategy_id;
  char            *strategy_name;
  GtkSwitch       *section_switches[G_N_ELEMENTS (section_choices)];
  GCancellable    *outline_cancellable;
  GCancellable    *write_cancellable;
  GtkFileChooserNative *chooser;
  char            *written_path;
  guint            outline_source;
  guint            pulse_source;
};

G_DEFINE_FINAL_TYPE (MbReportDialog, mb_report_dialog, ADW_TYPE_WINDOW)

/* What the options say; the strategy id is the dialog's. */
static void
get_options (MbReportDialog  *self,
             MbReportOptions *options)
{
  options->strategy_id = self->strategy_id;
  options->year = gtk_spin_button_get_value_as_int (self->year_spin);
  options->language = adw_combo_row_get_selected (self->language_row) == 1
                      ? MB_REPORT_LANGUAGE_ENGLISH : MB_REPORT_LANGUAGE_SWEDISH;
  options->depth = adw_combo_row_get_selected (self->depth_row);
  options->sections = 0;
  for (guint i = 0; i < G_N_ELEMENTS (section_choices); i++)
    if (gtk_switch_get_active (self->section_switches[i]))
      options->sections |= section_choices[i].section;
  options->catalogue = NULL;
}

/* A job for the worker: the options, copied, and where to write. */
typedef struct
{
  MbReportOptions  options;
  char            *strategy_id;
  char            *path;      /* NULL: build only, for the outline */
} Job;

static void
job_free (Job *job)
{
  g_free (job->strategy_id);
  g_free (job->path);
  g_free (job);
}

static Job *
job_new (MbReportDialog *self,
         const char     *path)
{
  Job *job = g_new0 (Job, 1);

  get_options (self, &job->options);
  job->strategy_id = g_strdup (self->strategy_id);
  job->options.strategy_id = job->strategy_id;
  job->path = g_strdup (path);
  return job;
}

static gpointer
build_work (MbStore       *worker,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = user_data;
  g_autoptr(MbCatalogue) catalogue = NULL;
  g_autoptr(MbReportDoc) doc = NULL;

  /* Territory names for the tables by municipality (codes without). */
  if (job->path != NULL)
    catalogue = mb_catalogue_new_default (NULL);
  job->options.catalogue = catalogue;
  doc = mb_report_build (worker, &job->options, cancellable, error);
  job->options.catalogue = NULL;
  if (doc == NULL)
    return NULL;
  if (job->path != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !mb_report_write (doc, job->path, NULL, error))
        return NULL;
    }
  return g_steal_pointer (&doc);
}

/* The outline */

static void
show_outline (MbReportDialog *self,
              MbReportDoc    *doc)
{
  g_autoptr(GPtrArray) headings = mb_report_doc_list_headings (doc);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list))) != NULL)
    gtk_list_box_remove (self->outline_list, child);

  for (guint i = 0; i < headings->len && shown < 200; i++)
    {
      MbReportBlock *heading = g_ptr_array_index (headings, i);
      GtkWidget *row;

      if (heading->level > 2)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading->text);
      /* Sections stand out; what is under them is indented. */
      if (heading->level == 1)
        gtk_widget_add_css_class (row, "heading");
      else
        gtk_widget_set_margin_start (row, 24);
      gtk_list_box_append (self->outline_list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Choose at least one section"));
      gtk_list_box_append (self->outline_list, row);
    }
}

static void
outline_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MbReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbReportDoc) doc = mb_store_run_finish (MB_STORE (source), result, &error);

  if (doc != NULL)
    show_outline (self, doc);
}

static gboolean
update_outline_now (gpointer user_data)
{
  MbReportDialog *self = user_data;

  self->outline_source = 0;
  g_cancellable_cancel (self->outline_cancellable);
  g_clear_object (&self->outline_cancellable);
  self->outline_cancellable = g_cancellable_new ();
  mb_store_run_async (self->store, build_work, job_new (self, NULL), (GDestroyNotify) job_free,
                      self->outline_cancellable, outline_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* After a short pause, so that typing a year builds the outline once. */
static void
queue_outline (MbReportDialog *self)
{
  MbReportOptions options;

  get_options (self, &options);
  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), options.sections != 0);
  if (self->outline_source == 0)
    self->outline_source = g_timeout_add (150, update_outline_now, self);
}

/* Writing */

static gboolean
pulse_cb (gpointer user_data)
{
  MbReportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (MbReportDialog *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
show_error (MbReportDialog *self,
            const char     *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->write_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

static void
launch_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MbReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = NULL;

      /* Written all the same: say where, and why it did not open. */
      text = g_strdup_printf (_("Saved as %s. It could not be opened: %s"),
                              self->written_path, error->message);
      adw_status_page_set_description (self->done_page, text);
    }
}

static void
open_report (MbReportDialog *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->written_path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GAppLaunchContext) context = NULL;

  /* Tests look at the file, not at another application. */
  if (g_getenv ("MALBILD_NO_LAUNCH") != NULL)
    return;
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
                                    gtk_widget_get_display (GTK_WIDGET (self))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_cb, g_object_ref (self));
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MbReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbReportDoc) doc = mb_store_run_finish (MB_STORE (source), result, &error);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  stop_pulse (self);
  g_clear_object (&self->write_cancellable);
  if (doc == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_stack_set_visible_child_name (self->stack, "options");
          gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), TRUE);
          return;
        }
      show_error (self, error->message);
      return;
    }

  name = g_path_get_basename (self->written_path);
  /* Translators: the report's file name */
  text = g_strdup_printf (_("Saved as %s"), name);
  adw_status_page_set_description (self->done_page, text);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->write_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  open_report (self);
}

void
mb_report_dialog_write_to (MbReportDialog *self,
                           const char     *path)
{
  g_return_if_fail (MB_IS_REPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  g_free (self->written_path);
  self->written_path = g_strdup (path);
  g_clear_object (&self->write_cancellable);
  self->write_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "writing");
  if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
  mb_store_run_async (self->store, build_work, job_new (self, path), (GDestroyNotify) job_free,
                      self->write_cancellable, write_cb, g_object_ref (self));
}

static void
chooser_response_cb (MbReportDialog *self,
                     int             response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("The report can only be saved to a local folder"));
      return;
    }
  mb_report_dialog_write_to (self, path);
}

static void
write_clicked_cb (MbReportDialog *self)
{
  guint format = adw_combo_row_get_selected (self->format_row);
  const char *extension = format_extensions[MIN (format, G_N_ELEMENTS (format_extensions) - 1)];
  const char *suffixes[] = { extension, NULL };
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  /* Translators: a report's file name: the strategy's short name and the year */
  stem = g_strdup_printf (_("%s follow-up %d"), self->strategy_name,
                          gtk_spin_button_get_value_as_int (self->year_spin));
  name = mb_file_chooser_suggest_name (stem, extension, "report");
  g_clear_object (&self->chooser);
  self->chooser = mb_file_chooser_new (GTK_WIDGET (self), _("Write Report"),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Write"),
                                       format == 0 ? _("PDF documents")
                                       : format == 1 ? _("OpenDocument text")
                                       : _("Web pages"),
                                       suffixes, name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_clicked_cb (MbReportDialog *self)
{
  /* While writing: stop, and come back to the options. */
  if (self->write_cancellable != NULL)
    {
      g_cancellable_cancel (self->write_cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_clicked_cb (MbReportDialog *self)
{
  open_report (self);
}

static void
back_clicked_cb (MbReportDialog *self)
{
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_widget_set_visible (GTK_WIDGET (self->write_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), TRUE);
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
}

static gboolean
mb_report_dialog_close_request (GtkWindow *window)
{
  MbReportDialog *self = MB_REPORT_DIALOG (window);

  /* Closing stops the writing: the writer leaves no half-written file. */
  g_cancellable_cancel (self->write_cancellable);
  g_cancellable_cancel (self->outline_cancellable);
  return GTK_WINDOW_CLASS (mb_report_dialog_parent_class)->close_request (window);
}

static void
mb_report_dialog_dispose (GObject *object)
{
  MbReportDialog *self = MB_REPORT_DIALOG (object);

  g_clear_handle_id (&self->outline_source, g_source_remove);
  stop_pulse (self);
  g_cancellable_cancel (self->outline_cancellable);
  g_cancellable_cancel (self->write_cancellable);
  g_clear_object (&self->outline_cancellable);
  g_clear_object (&self->write_cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_pointer (&self->strategy_id, g_free);
  g_clear_pointer (&self->strategy_name, g_free);
  g_clear_pointer (&self->written_path, g_free);
  G_OBJECT_CLASS (mb_report_dialog_parent_class)->dispose (object);
}

static void
mb_report_dialog_class_init (MbReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mb_report_dialog_dispose;
  window_class->close_request = mb_report_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, write_button);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, depth_row);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, outline_list);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, MbReportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, write_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static void
mb_report_dialog_init (MbReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (section_choices); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(section_choices[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(section_choices[i].subtitle));
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      /* The row names its switch to assistive technologies. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->sections_group, row);
      self->section_switches[i] = GTK_SWITCH (toggle);
      g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (queue_outline), self);
    }
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (queue_outline), self);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (queue_outline), self);
  g_signal_connect_swapped (self->depth_row, "notify::selected", G_CALLBACK (queue_outline), self);
}

GtkWidget *
mb_report_dialog_new (GtkWindow  *parent,
                      MbStore    *store,
                      const char *strategy_id,
                      const char *strategy_name,
                      int         year)
{
  MbReportDialog *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  self = g_object_new (MB_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  self->strategy_name = g_strdup (strategy_name ? strategy_name : "");
  /* Swedish by default, whatever the UI's language: the report is the
   * region's document to the committee. */
  gtk_spin_button_set_value (self->year_spin, year);
  queue_outline (self);
  return GTK_WIDGET (self);
}
