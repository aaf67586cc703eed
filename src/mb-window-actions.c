/* mb-window-actions.c – the window's actions, dialogs and background jobs
 *
 * Every action is one store call (or one background job that is one store
 * action); its outcome is told with a toast, its failure with the store's
 * message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-canvas.h"
#include "mb-catalogue.h"
#include "mb-connect-dialog.h"
#include "mb-exchange.h"
#include "mb-level-source.h"
#include "mb-preferences-window.h"
#include "mb-record.h"
#include "mb-store-list-model.h"
#include "mb-window-private.h"
#include "core/mb-revision.h"
#include "mb-file-chooser.h"

/* A dialog that asks for a title (and maybe more) before creating something. */

typedef void (*TitleFunc) (MbWindow   *self,
                           const char *title,
                           GtkWidget  *extra);

typedef struct
{
  MbWindow  *self;
  GtkEntry  *entry;
  GtkWidget *extra;
  TitleFunc  func;
} TitleDialog;

static void
title_dialog_free (gpointer data)
{
  TitleDialog *td = data;

  g_clear_object (&td->self);
  g_free (td);
}

static void
title_entry_changed_cb (GtkEditable      *editable,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "create", text[0] != '\0');
}

static void
title_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TitleDialog      *td)
{
  g_autofree char *title = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (td->entry))));
  if (title[0] != '\0')
    td->func (td->self, title, td->extra);
}

static void
mb_window_ask_title (MbWindow   *self,
                     const char *heading,
                     const char *body,
                     const char *entry_label,
                     GtkWidget  *extra,
                     TitleFunc   func)
{
  AdwMessageDialog *dialog;
  TitleDialog *td;
  GtkWidget *box;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), entry_label);
  /* Enter is Create: the dialog's default, which also closes the dialog. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label, -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);
  adw_message_dialog_set_extra_child (dialog, box);

  td = g_new0 (TitleDialog, 1);
  td->self = g_object_ref (self);
  td->entry = GTK_ENTRY (entry);
  td->extra = extra;
  td->func = func;
  g_object_set_data_full (G_OBJECT (dialog), "mb-title-dialog", td, title_dialog_free);

  g_signal_connect (entry, "changed", G_CALLBACK (title_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (title_dialog_response_cb), td);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* After an action created @id of @kind: select it so the details panel
 * edits it, and show the view that lists it. */
static void
mb_window_reveal_new (MbWindow   *self,
                      const char *kind,
                      const char *id,
                      const char *view_name)
{
  mb_selection_select (self->selection, kind, id);
  if (view_name != NULL && adw_view_stack_get_child_by_name (self->view_stack, view_name))
    adw_view_stack_set_visible_child_name (self->view_stack, view_name);
}

static void
mb_window_report (MbWindow   *self,
                  const char *heading,
                  GError     *error)
{
  g_autofree char *message = NULL;

  /* Translators: the first %s is what failed ("Could not add the node"), the second why */
  message = g_strdup_printf (_("%s: %s"), heading, error->message);
  _mb_window_show_toast (self, message);
}

/* New strategy */

static void
new_strategy_cb (MbWindow   *self,
                 const char *title,
                 GtkWidget  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *direction = NULL;

  /* The preferred layout direction goes with the strategy: one action. */
  direction = g_settings_get_string (self->settings, "default-layout-direction");
  id = mb_level_source_create_strategy (MB_LEVEL_SOURCE (extra), title,
                                        g_strcmp0 (direction, "top-down") != 0 ? direction : NULL,
                                        &error);
  if (id == NULL)
    {
      mb_window_report (self, _("Could not create the strategy"), error);
      return;
    }

  mb_selection_set_strategy (self->selection, id);
  mb_selection_select (self->selection, MB_KIND_STRATEGY, id);
}

static void
new_strategy_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  mb_window_ask_title (self, _("New Strategy"),
                       _("Its levels can be renamed, added, removed and reordered in the "
                         "strategy’s details."),
                       _("Title"), mb_level_source_new (self->store), new_strategy_cb);
}

/* New project, funding call, organisation, indicator */

static void
new_project_cb (MbWindow   *self,
                const char *title,
                GtkWidget  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mb_store_create_project (self->store, title, NULL, &error);

  if (id == NULL)
    mb_window_report (self, _("Could not add the project"), error);
  else
    mb_window_reveal_new (self, MB_KIND_PROJECT, id, "projects");
}

static void
new_call_cb (MbWindow   *self,
             const char *title,
             GtkWidget  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mb_store_create_call (self->store, title, &error);

  if (id == NULL)
    mb_window_report (self, _("Could not add the funding call"), error);
  else
    mb_window_reveal_new (self, MB_KIND_CALL, id, "calls");
}

static void
new_organisation_cb (MbWindow   *self,
                     const char *name,
                     GtkWidget  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mb_store_create_organisation (self->store, name, NULL, &error);

  if (id == NULL)
    mb_window_report (self, _("Could not add the organisation"), error);
  else
    mb_window_reveal_new (self, MB_KIND_ORGANISATION, id, NULL);
}

static void
new_indicator_cb (MbWindow   *self,
                  const char *title,
                  GtkWidget  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = mb_store_create_indicator (self->store, mb_selection_get_strategy (self->selection),
                                  title, NULL, &error);
  if (id == NULL)
    mb_window_report (self, _("Could not add the indicator"), error);
  else
    mb_window_reveal_new (self, MB_KIND_INDICATOR, id, "indicators");
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  if (g_str_equal (action_name, "win.new-project"))
    mb_window_ask_title (self, _("New Project"), NULL, _("Title"), NULL, new_project_cb);
  else if (g_str_equal (action_name, "win.new-call"))
    mb_window_ask_title (self, _("New Funding Call"), NULL, _("Title"), NULL, new_call_cb);
  else if (g_str_equal (action_name, "win.new-organisation"))
    mb_window_ask_title (self, _("New Organisation"), NULL, _("Name"), NULL,
                         new_organisation_cb);
  else if (g_str_equal (action_name, "win.new-indicator"))
    mb_window_ask_title (self, _("New Indicator"), NULL, _("Title"), NULL, new_indicator_cb);
}

/* New node: under the selected node, at the level below it, or a root at
 * the first level; the dialog lets the user pick another level. */

static void
new_node_cb (MbWindow   *self,
             const char *title,
             GtkWidget  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GListModel *levels = g_object_get_data (G_OBJECT (extra), "mb-levels");
  const char *parent_id = g_object_get_data (G_OBJECT (extra), "mb-parent");
  g_autoptr(MbRecord) level = NULL;

  level = g_list_model_get_item (levels, gtk_drop_down_get_selected (GTK_DROP_DOWN (extra)));
  if (level == NULL)
    return;

  id = mb_store_create_node (self->store, mb_selection_get_strategy (self->selection),
                             parent_id, mb_record_get_id (level), title, &error);
  if (id == NULL)
    mb_window_report (self, _("Could not add the node"), error);
  else
    mb_window_reveal_new (self, MB_KIND_NODE, id, "canvas");
}

static void
new_node_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  const char *strategy_id = mb_selection_get_strategy (self->selection);
  g_autoptr(GListModel) levels = NULL;
  g_autoptr(MbRecord) parent = NULL;
  g_autoptr(GtkExpression) expression = NULL;
  g_autofree char *body = NULL;
  GtkWidget *drop_down;
  guint n_levels;
  guint chosen = 0;

  if (strategy_id == NULL)
    return;

  levels = mb_store_list_levels (self->store, strategy_id);
  n_levels = g_list_model_get_n_items (levels);
  if (n_levels == 0)
    {
      _mb_window_show_toast (self, _("The strategy has no levels to add a node to"));
      return;
    }

  if (g_strcmp0 (mb_selection_get_kind (self->selection), MB_KIND_NODE) == 0)
    parent = mb_store_get_record (self->store, MB_KIND_NODE, mb_selection_get_id (self->selection),
                                  NULL);
  if (parent != NULL && g_strcmp0 (mb_record_get_string (parent, "strategy_id"), strategy_id) != 0)
    g_clear_object (&parent);

  if (parent != NULL)
    {
      for (guint i = 0; i < n_levels; i++)
        {
          g_autoptr(MbRecord) level = g_list_model_get_item (levels, i);

          if (g_strcmp0 (mb_record_get_id (level), mb_record_get_string (parent, "level_id")) == 0)
            chosen = MIN (i + 1, n_levels - 1);
        }
      body = g_strdup_printf (_("The new node goes under “%s”."), mb_record_get_title (parent));
    }

  expression = gtk_property_expression_new (MB_TYPE_RECORD, NULL, "title");
  drop_down = gtk_drop_down_new (g_object_ref (levels), g_steal_pointer (&expression));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), chosen);
  gtk_widget_set_tooltip_text (drop_down, _("Level"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Level"), -1);
  g_object_set_data_full (G_OBJECT (drop_down), "mb-levels", g_object_ref (levels),
                          g_object_unref);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (drop_down), "mb-parent",
                            g_strdup (mb_record_get_id (parent)), g_free);

  mb_window_ask_title (self, _("New Node"), body, _("Title"), drop_down, new_node_cb);
}

/* Undo and redo */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_str_equal (action_name, "win.undo"))
    ok = mb_store_undo (self->store, &error);
  else
    ok = mb_store_redo (self->store, &error);

  /* Colleagues changed what the step would change back: the message says
   * who, and is too long, and too important, for a toast. */
  if (!ok && g_error_matches (error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT))
    _mb_window_show_error (self, g_str_equal (action_name, "win.undo") ? _("Could Not Undo")
                                                                       : _("Could Not Redo"),
                           error);
  else if (!ok)
    mb_window_report (self, g_str_equal (action_name, "win.undo") ? _("Could not undo")
                                                                 : _("Could not redo"),
                      error);
}

/* Import */

typedef struct
{
  MbWindow      *window;
  char          *path;
  char          *display_name;
  gboolean       select_first_strategy;
  char          *problems;   /* set by the worker when the file is refused */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_object_unref (job->window);
  g_free (job->path);
  g_free (job->display_name);
  g_free (job->problems);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

/* In a worker thread, on the worker's own connection; the store announces
 * what it imported when it is done. */
static gpointer
import_work (MbStore       *worker,
             gpointer       user_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportJob *job = user_data;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  MbImportReport *report;

  report = mb_exchange_import_file (worker, job->path, MB_IMPORT_NONE, problems, error);
  if (report == NULL && mb_problem_list_get_count (problems) > 0)
    job->problems = mb_problem_list_format (problems, job->display_name);
  return report;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportJob) job = user_data;
  MbWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbImportReport) report = NULL;
  g_autofree char *message = NULL;
  MbImportCounts totals;

  _mb_window_job_finished (self);

  report = mb_store_run_finish (MB_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), job->display_name);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                           job->problems ? job->problems
                                                                         : error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  totals = mb_import_report_get_totals (report);
  if (totals.conflicts > 0)
    /* Translators: "Imported 120 items; 3 conflicts kept as in the library" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %u item; %u conflicts kept as in the library",
                                            "Imported %u items; %u conflicts kept as in the library",
                                            totals.added + totals.changed),
                               totals.added + totals.changed, totals.conflicts);
  else if (totals.added + totals.changed == 0)
    message = g_strdup_printf (_("“%s” holds nothing new"), job->display_name);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u item",
                                            "Imported %u items", totals.added + totals.changed),
                               totals.added + totals.changed);
  _mb_window_show_toast (self, message);

  if (job->select_first_strategy && mb_selection_get_strategy (self->selection) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-first-strategy", NULL);
}

void
_mb_window_import_path (MbWindow   *self,
                        const char *path,
                        gboolean    select_first_strategy)
{
  ImportJob *job;

  g_return_if_fail (self->store != NULL);

  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (self);
  job->path = g_strdup (path);
  job->display_name = g_filename_display_basename (path);
  job->select_first_strategy = select_first_strategy;

  _mb_window_job_started (self);
  mb_store_run_async (self->store, import_work, job, (GDestroyNotify) mb_import_report_free,
                      self->cancellable, import_done_cb, job);
}

static const char * const json_suffixes[] = { "json", NULL };

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      mb_window_import (self, file);
    }

  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = mb_file_chooser_new (widget, _("Import"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                 _("Målbild Exchange Files (JSON)"), json_suffixes, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  g_autofree char *data_dir = mb_catalogue_find_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "examples", "jamtland-harjedalen.json",
                                            NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf (_("The example “%s” is missing"), path);

      _mb_window_show_toast (self, message);
      return;
    }

  _mb_window_import_path (self, path, TRUE);
}

/* Export */

typedef struct
{
  char *library_path;
  char *path;
  char *display_name;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->library_path);
  g_free (job->path);
  g_free (job->display_name);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;

  store = mb_store_open (job->library_path, MB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !mb_exchange_export_file (store, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MbWindow *self = MB_WINDOW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  _mb_window_job_finished (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export to “%s”"),
                                                  job->display_name);

      _mb_window_show_error (self, heading, error);
      return;
    }

  message = g_strdup_printf (_("Exported the library to “%s”"), job->display_name);
  _mb_window_show_toast (self, message);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = NULL;
      ExportJob *job;

      job = g_new0 (ExportJob, 1);
      job->library_path = g_strdup (mb_store_get_path (self->store));
      job->path = g_file_get_path (file);
      job->display_name = g_file_get_basename (file);

      if (job->path == NULL)
        {
          export_job_free (job);
          _mb_window_show_toast (self, _("Only local files can be written"));
        }
      else
        {
          task = g_task_new (self, self->cancellable, export_done_cb, NULL);
          g_task_set_task_data (task, job, export_job_free);
          _mb_window_job_started (self);
          g_task_run_in_thread (task, export_thread);
        }
    }

  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = mb_file_chooser_new (widget, _("Export"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                 _("Målbild Exchange Files (JSON)"), json_suffixes,
                                 _("library.json"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export image: the canvas draws the strategy on screen to SVG, PNG or PDF,
 * by the file's extension. */

static void
export_image_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          MbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->canvas != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          _mb_window_show_toast (self, _("Only local files can be written"));
        }
      else if (!mb_canvas_render_to_file (MB_CANVAS (self->canvas), path, &error))
        {
          g_autofree char *heading = g_strdup_printf (_("Could Not Export to “%s”"), name);

          _mb_window_show_error (self, heading, error);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Exported the chart to “%s”"), name);

          _mb_window_show_toast (self, message);
        }
    }

  g_object_unref (chooser);
}

static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  static const char * const suffixes[] = { "svg", "png", "pdf", NULL };
  MbWindow *self = MB_WINDOW (widget);
  const char *strategy_id = mb_selection_get_strategy (self->selection);
  g_autoptr(MbRecord) strategy = NULL;
  const char *name = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  /* Named after the strategy: "RUS-del-2.svg". */
  if (strategy_id != NULL)
    strategy = mb_store_get_record (self->store, MB_KIND_STRATEGY, strategy_id, NULL);
  if (strategy != NULL)
    name = mb_record_get_string (strategy, "short_name");
  if (strategy != NULL && (name == NULL || *name == '\0'))
    name = mb_record_get_title (strategy);
  /* Translators: the file name of an exported chart when the strategy has no name */
  file_name = mb_file_chooser_suggest_name (name, "svg", _("strategy"));
  chooser = mb_file_chooser_new (widget, _("Export Image"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("Images (SVG, PNG, PDF)"), suffixes,
                                 file_name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_image_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Another library */

static void
open_library_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          MbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        mb_window_open_library (self, path);
    }
  else if (mb_window_get_store (self) == NULL)
    {
      /* Nothing to show without a library. */
      gtk_window_destroy (GTK_WINDOW (self));
    }

  g_object_unref (chooser);
}

static void
open_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  static const char * const suffixes[] = { "malbild", NULL };
  MbWindow *self = MB_WINDOW (widget);
  GtkFileChooserNative *chooser;

  /* A save chooser, so that a new library can be named as well as an
   * existing one chosen. */
  chooser = mb_file_chooser_new (widget, _("Choose a Library"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Open"), _("Målbild Libraries"), suffixes,
                                 _("library.malbild"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_library_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A library shared on PostgreSQL */

static void
connect_shared_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (mb_connect_dialog_new (MB_WINDOW (widget))));
}

/* Open for review: a library or an exchange file, never written. */

static void
open_review_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         MbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        _mb_window_show_toast (self, _("Only local files can be opened for review"));
      else
        mb_window_open_review (self, path);
    }

  g_object_unref (chooser);
}

static void
open_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  static const char * const suffixes[] = { "malbild", "json", NULL };
  MbWindow *self = MB_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = mb_file_chooser_new (widget, _("Open for Review"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"), _("Målbild Libraries and Exchange Files"), suffixes,
                                 NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_review_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Revisions: open one read-only, restore one */

static void
open_revision_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  mb_window_open_revision (MB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
restore_revision_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              MbWindow         *self)
{
  const char *revision_id = g_object_get_data (G_OBJECT (dialog), "mb-revision-id");
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;

  if (self->store == NULL)
    return;
  if (g_str_equal (response, "restore"))
    {
      if (mb_store_restore_revision (self->store, revision_id, &error))
        _mb_window_show_toast (self, _("Strategy restored; Undo takes it back"));
      else
        _mb_window_show_error (self, _("Could Not Restore the Revision"), error);
    }
  else if (g_str_equal (response, "new"))
    {
      copy = mb_store_restore_revision_as_new (self->store, revision_id, &error);
      if (copy == NULL)
        _mb_window_show_error (self, _("Could Not Restore the Revision"), error);
      else
        _mb_window_go_to (self, "strategies", copy);
    }
}

/* Into the strategy, or as a new one: the dialog asks which. */
static void
restore_revision_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  const char *revision_id = g_variant_get_string (parameter, NULL);
  g_autoptr(MbRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;
  revision = mb_store_get_revision (self->store, revision_id, &error);
  if (revision == NULL)
    {
      _mb_window_show_error (self, _("Could Not Restore the Revision"), error);
      return;
    }

  heading = g_strdup_printf (_("Restore “%s”?"), revision->name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), heading,
    _("The strategy can go back to how it was in this revision: what was added since is "
      "removed, what was removed comes back, changed fields get their earlier values. Undo "
      "takes it back. Or the revision can become a new strategy beside this one.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "new", _("As _New Strategy"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mb-revision-id", g_strdup (revision_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_revision_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A revision in the exchange format: one strategy, small enough to write
 * at once. */
static void
export_revision_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             MbWindow        *self)
{
  const char *revision_id = g_object_get_data (G_OBJECT (chooser), "mb-revision-id");
  g_autoptr(GFile) file = NULL;
  g_autoptr(MbRevision) revision = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL)
    {
      g_object_unref (chooser);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  g_object_unref (chooser);
  if (path == NULL)
    {
      _mb_window_show_toast (self, _("Only local files can be written"));
      return;
    }
  revision = mb_store_get_revision (self->store, revision_id, &error);
  if (revision != NULL)
    bytes = mb_store_export_revision (self->store, revision->strategy_id, revision_id, &error);
  if (bytes == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL),
                                 (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      _mb_window_show_error (self, _("Could Not Export the Revision"), error);
      return;
    }
  _mb_window_show_toast (self, _("Revision exported"));
}

static void
export_revision_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  const char *revision_id = g_variant_get_string (parameter, NULL);
  g_autoptr(MbRevision) revision = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL ||
      (revision = mb_store_get_revision (self->store, revision_id, NULL)) == NULL)
    return;
  /* The revision's name, made a file name. */
  name = g_strconcat (g_strdelimit (g_strdup (revision->name), "/\\:*?\"<>|", '-'), ".json", NULL);
  chooser = mb_file_chooser_new (widget, _("Export Revision"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("Målbild Exchange Files (JSON)"), json_suffixes,
                                 name);
  g_object_set_data_full (G_OBJECT (chooser), "mb-revision-id", g_strdup (revision_id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_revision_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Preferences, search, navigation */

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *prefs = GTK_WINDOW (mb_preferences_window_new (GTK_WINDOW (widget)));

  gtk_window_present (prefs);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
select_first_strategy_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  g_autoptr(MbRecord) first = NULL;

  if (self->strategies != NULL)
    first = g_list_model_get_item (self->strategies, 0);
  if (first != NULL)
    mb_selection_set_strategy (self->selection, mb_record_get_id (first));
}

/* Opens the details panel on the selected item (activating a row). */
static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->details_button)))
    gtk_toggle_button_set_active (self->details_button, TRUE);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);

  if (g_str_equal (action_name, "win.go-back"))
    _mb_window_go_back (self);
  else
    _mb_window_go_forward (self);
}

/* (kind, id): shows an entity where it lives, as a search hit does. */
static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(ss)", &kind, &id);
  _mb_window_go_to (self, kind, id);
}

/* (node id, "down" or "up") */
static void
show_contributions_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MbWindow *self = MB_WINDOW (widget);
  g_autofree char *node_id = NULL;
  g_autofree char *direction = NULL;

  g_variant_get (parameter, "(ss)", &node_id, &direction);
  _mb_window_show_contributions (self, node_id, direction);
}

static void
compare_revisions_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autofree char *strategy_id = NULL;
  g_autofree char *from_id = NULL;

  g_variant_get (parameter, "(ss)", &strategy_id, &from_id);
  _mb_window_compare_revisions (MB_WINDOW (widget), strategy_id, from_id);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _mb_window_show_toast (MB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
_mb_window_update_actions (MbWindow *self)
{
  gboolean writable = _mb_window_is_writable (self);
  gboolean has_strategy = writable && mb_selection_get_strategy (self->selection) != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.new-strategy", writable);
  gtk_widget_action_set_enabled (widget, "win.open-example", writable);
  gtk_widget_action_set_enabled (widget, "win.import", writable);
  gtk_widget_action_set_enabled (widget, "win.export", self->store != NULL);
  /* Review mode can still draw what it shows. */
  gtk_widget_action_set_enabled (widget, "win.export-image",
                                 self->store != NULL && self->canvas != NULL
                                 && mb_selection_get_strategy (self->selection) != NULL);
  gtk_widget_action_set_enabled (widget, "win.new-node", has_strategy);
  gtk_widget_action_set_enabled (widget, "win.new-indicator", has_strategy);
  gtk_widget_action_set_enabled (widget, "win.new-project", writable);
  gtk_widget_action_set_enabled (widget, "win.new-call", writable);
  gtk_widget_action_set_enabled (widget, "win.new-organisation", writable);
  gtk_widget_action_set_enabled (widget, "win.search", self->store != NULL);
  /* Every entry of its menu is off in review mode: so is the button. */
  gtk_widget_set_sensitive (self->add_button, writable);
}

void
_mb_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.new-strategy", NULL, new_strategy_action);
  gtk_widget_class_install_action (widget_class, "win.new-node", NULL, new_node_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.new-call", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.new-organisation", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.new-indicator", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-image", NULL, export_image_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-library", NULL, open_library_action);
  gtk_widget_class_install_action (widget_class, "win.open-review", NULL, open_review_action);
  gtk_widget_class_install_action (widget_class, "win.connect-shared", NULL,
                                   connect_shared_action);
  gtk_widget_class_install_action (widget_class, "win.open-revision", "s", open_revision_action);
  gtk_widget_class_install_action (widget_class, "win.restore-revision", "s",
                                   restore_revision_action);
  gtk_widget_class_install_action (widget_class, "win.export-revision", "s",
                                   export_revision_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-to", "(ss)", go_to_action);
  gtk_widget_class_install_action (widget_class, "win.show-contributions", "(ss)",
                                   show_contributions_action);
  gtk_widget_class_install_action (widget_class, "win.compare-revisions", "(ss)",
                                   compare_revisions_action);
  gtk_widget_class_install_action (widget_class, "win.select-first-strategy", NULL,
                                   select_first_strategy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-node", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-strategy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-strategy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  /* Like a browser (the outline moves nodes with Alt+Shift+arrows). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.go-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.go-forward", NULL);
}
