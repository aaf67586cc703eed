/* mb-kolada-update-dialog.c – this year's values from Kolada: fetch, preview, apply
 *
 * Fetches asynchronously with a progress bar; Cancel (or closing) cancels
 * the fetch and writes nothing. The preview lists what applying would do to
 * each indicator; Apply is one mb_kolada_update_apply(): one undo step. Any
 * error is shown in the dialog, and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-kolada-update.h"
#include "mb-kolada-update-dialog.h"

struct _MbKoladaUpdateDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *apply_button;
  GtkStack       *stack;
  GtkLabel       *fetching_label;
  GtkProgressBar *progress_bar;
  AdwStatusPage  *error_page;
  GtkLabel       *preview_label;
  GtkListBox     *change_list;

  /* Owned references */
  MbStore        *store;
  char           *strategy_id;
  MbKoladaUpdate *update;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (MbKoladaUpdateDialog, mb_kolada_update_dialog, ADW_TYPE_WINDOW)

static void
show_error (MbKoladaUpdateDialog *self,
            const char           *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
}

static void
fraction_cb (MbKoladaUpdateDialog *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, mb_kolada_update_get_fraction (self->update));
}

static void
show_preview (MbKoladaUpdateDialog *self)
{
  GPtrArray *changes = mb_kolada_update_get_changes (self->update);
  guint n_new = mb_kolada_update_get_n_new (self->update);
  guint n_changed = mb_kolada_update_get_n_changed (self->update);
  g_autofree char *summary = NULL;

  if (n_new + n_changed == 0)
    summary = g_strdup (_("The library already holds every value Kolada has for these "
                          "indicators: there is nothing to apply."));
  else
    /* Translators: %u new values and %u changed ones; the second part follows. */
    summary = g_strdup_printf (_("Applying adds %u new values and changes %u, as one step that "
                                 "can be undone."), n_new, n_changed);
  gtk_label_set_text (self->preview_label, summary);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      MbKoladaIndicatorChange *c = g_ptr_array_index (changes, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *counts = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: a KPI id, then how many of its values are new, changed, unchanged. */
      counts = g_strdup_printf (_("%s · %u new, %u changed, %u unchanged"), c->kpi, c->n_new,
                                c->n_changed, c->n_unchanged);
      subtitle = c->note ? g_strdup_printf ("%s\n%s", counts, c->note) : g_strdup (counts);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (c->note)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Note"), -1);
          gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      gtk_list_box_append (self->change_list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), n_new + n_changed > 0);
  if (n_new + n_changed > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->apply_button));
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MbKoladaUpdateDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mb_kolada_update_fetch_finish (MB_KOLADA_UPDATE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  show_preview (self);
}

static void
apply_clicked_cb (MbKoladaUpdateDialog *self)
{
  mb_kolada_update_dialog_apply (self);
}

static gboolean
mb_kolada_update_dialog_close_request (GtkWindow *window)
{
  MbKoladaUpdateDialog *self = MB_KOLADA_UPDATE_DIALOG (window);

  /* Cancel: the fetch stops and nothing is written. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (mb_kolada_update_dialog_parent_class)->close_request (window);
}

static void
mb_kolada_update_dialog_dispose (GObject *object)
{
  MbKoladaUpdateDialog *self = MB_KOLADA_UPDATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->update != NULL)
    g_signal_handlers_disconnect_by_data (self->update, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_KOLADA_UPDATE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->update);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->strategy_id, g_free);
  G_OBJECT_CLASS (mb_kolada_update_dialog_parent_class)->dispose (object);
}

static void
mb_kolada_update_dialog_class_init (MbKoladaUpdateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mb_kolada_update_dialog_dispose;
  window_class->close_request = mb_kolada_update_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/"
                                               "mb-kolada-update-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, fetching_label);
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MbKoladaUpdateDialog, change_list);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
}

static void
mb_kolada_update_dialog_init (MbKoladaUpdateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
mb_kolada_update_dialog_new (GtkWindow  *parent,
                             MbStore    *store,
                             const char *strategy_id)
{
  MbKoladaUpdateDialog *self = g_object_new (MB_TYPE_KOLADA_UPDATE_DIALOG,
                                             "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  return GTK_WIDGET (self);
}

void
mb_kolada_update_dialog_start (MbKoladaUpdateDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *asking = NULL;

  g_return_if_fail (MB_IS_KOLADA_UPDATE_DIALOG (self));
  g_return_if_fail (self->update == NULL);

  self->update = mb_kolada_update_new (self->store, self->strategy_id, NULL, &error);
  if (self->update == NULL)
    {
      show_error (self, error->message);
      return;
    }
  /* Translators: %s is the address of Kolada's API. */
  asking = g_strdup_printf (_("Asking Kolada (%s)…"), mb_kolada_update_get_base_url (self->update));
  gtk_label_set_text (self->fetching_label, asking);
  gtk_stack_set_visible_child_name (self->stack, "fetching");
  g_signal_connect_swapped (self->update, "notify::fraction", G_CALLBACK (fraction_cb), self);
  mb_kolada_update_fetch_async (self->update, self->cancellable, fetch_cb, g_object_ref (self));
}

const char *
mb_kolada_update_dialog_get_state (MbKoladaUpdateDialog *self)
{
  g_return_val_if_fail (MB_IS_KOLADA_UPDATE_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
mb_kolada_update_dialog_apply (MbKoladaUpdateDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MB_IS_KOLADA_UPDATE_DIALOG (self), FALSE);

  if (self->update == NULL || g_strcmp0 (mb_kolada_update_dialog_get_state (self), "preview") != 0)
    return FALSE;
  if (!mb_kolada_update_apply (self->update, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
