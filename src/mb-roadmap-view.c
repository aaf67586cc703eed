/* mb-roadmap-view.c – the Roadmap view: a strategy's time plans, filtered and zoomed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/mb-roadmap.h"
#include "mb-ellipsis.h"
#include "mb-file-chooser.h"
#include "mb-roadmap-render.h"
#include "mb-roadmap-view.h"

/* Zoom steps: years, then quarters, then months. */
static const double zoom_steps[] = { 1.0, 2.0, 4.0, 8.0 };

struct _MbRoadmapView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkDropDown     *grouping_dropdown;
  GtkDropDown     *target_dropdown;
  GtkCheckButton  *planned_toggle;
  GtkCheckButton  *ongoing_toggle;
  GtkCheckButton  *done_toggle;
  GtkCheckButton  *paused_toggle;
  GtkCheckButton  *none_toggle;
  GtkWidget       *zoom_out_button;
  GtkWidget       *zoom_in_button;
  GtkWidget       *export_button;
  MbRoadmapCanvas *canvas;

  /* Owned references */
  MbStore         *store;
  MbSelection     *selection;
  char            *strategy_id;
  GStrv            targets;     /* id, title, id, title, … */
  guint            zoom_step;
};

G_DEFINE_FINAL_TYPE (MbRoadmapView, mb_roadmap_view, GTK_TYPE_WIDGET)

static void
apply_filter (MbRoadmapView *self)
{
  struct { GtkCheckButton *toggle; MbPlanStatus status; } toggles[] = {
    { self->planned_toggle, MB_PLAN_STATUS_PLANNED },
    { self->ongoing_toggle, MB_PLAN_STATUS_ONGOING },
    { self->done_toggle, MB_PLAN_STATUS_DONE },
    { self->paused_toggle, MB_PLAN_STATUS_PAUSED },
    { self->none_toggle, MB_PLAN_STATUS_NONE },
  };
  MbPlanStatus statuses[G_N_ELEMENTS (toggles)];
  guint n = 0, target = gtk_drop_down_get_selected (self->target_dropdown);
  const char *target_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    if (gtk_check_button_get_active (toggles[i].toggle))
      statuses[n++] = toggles[i].status;
  /* The first choice is "everything". */
  if (target != GTK_INVALID_LIST_POSITION && target > 0 && self->targets != NULL &&
      (target - 1) * 2 < g_strv_length (self->targets))
    target_id = self->targets[(target - 1) * 2];

  mb_roadmap_canvas_set_filter (self->canvas,
                                (MbRoadmapGrouping) gtk_drop_down_get_selected (
                                  self->grouping_dropdown),
                                statuses, n, target_id);
}

static void
filter_changed_cb (MbRoadmapView *self)
{
  apply_filter (self);
}

static void
load_targets (MbRoadmapView *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->targets, g_strfreev);
  gtk_string_list_append (model, _("Contributing to anything"));
  if (self->store != NULL && self->strategy_id != NULL)
    {
      self->targets = mb_roadmap_list_targets (self->store, self->strategy_id, &error);
      for (guint i = 0; self->targets != NULL && self->targets[i] != NULL; i += 2)
        gtk_string_list_append (model, self->targets[i + 1]);
    }
  g_signal_handlers_block_by_func (self->target_dropdown, filter_changed_cb, self);
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->target_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->target_dropdown, filter_changed_cb, self);
}

static void
update_zoom_buttons (MbRoadmapView *self)
{
  gtk_widget_set_sensitive (self->zoom_out_button, self->zoom_step > 0);
  gtk_widget_set_sensitive (self->zoom_in_button,
                            self->zoom_step + 1 < G_N_ELEMENTS (zoom_steps));
}

static void
zoom (MbRoadmapView *self,
      int            delta)
{
  int step = CLAMP ((int) self->zoom_step + delta, 0, (int) G_N_ELEMENTS (zoom_steps) - 1);

  self->zoom_step = (guint) step;
  mb_roadmap_canvas_set_zoom (self->canvas, zoom_steps[step]);
  update_zoom_buttons (self);
}

static void
zoom_in_clicked_cb (MbRoadmapView *self)
{
  zoom (self, 1);
}

static void
zoom_out_clicked_cb (MbRoadmapView *self)
{
  zoom (self, -1);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MbRoadmapView   *self)
{
  const MbRoadmap *roadmap = mb_roadmap_canvas_get_roadmap (self->canvas);

  if (response == GTK_RESPONSE_ACCEPT && roadmap != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

      if (path != NULL && !mb_roadmap_render_write (roadmap, path, dark, &error))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (MbRoadmapView *self)
{
  static const char * const suffixes[] = { "svg", "png", "pdf", NULL };
  GtkFileChooserNative *chooser;

  chooser = mb_file_chooser_new (GTK_WIDGET (self), _("Export Roadmap"),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                 _("Images (SVG, PNG, PDF)"), suffixes,
                                 /* Translators: the default file name of an exported roadmap */
                                 _("roadmap.svg"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWidget *
mb_roadmap_view_new (void)
{
  return g_object_new (MB_TYPE_ROADMAP_VIEW, NULL);
}

void
mb_roadmap_view_set_store (MbRoadmapView *self,
                           MbStore       *store)
{
  g_return_if_fail (MB_IS_ROADMAP_VIEW (self));

  g_set_object (&self->store, store);
  mb_roadmap_canvas_set_store (self->canvas, store);
  load_targets (self);
}

void
mb_roadmap_view_set_strategy (MbRoadmapView *self,
                              const char    *strategy_id)
{
  g_return_if_fail (MB_IS_ROADMAP_VIEW (self));

  if (g_strcmp0 (self->strategy_id, strategy_id) == 0)
    return;
  g_free (self->strategy_id);
  self->strategy_id = g_strdup (strategy_id);
  load_targets (self);
  mb_roadmap_canvas_set_strategy (self->canvas, strategy_id);
  apply_filter (self);
}

static void
selection_strategy_cb (MbSelection   *selection,
                       GParamSpec    *pspec,
                       MbRoadmapView *self)
{
  mb_roadmap_view_set_strategy (self, mb_selection_get_strategy (selection));
}

static void
item_activated_cb (MbRoadmapCanvas *canvas,
                   const char      *node_id,
                   MbRoadmapView   *self)
{
  if (self->selection != NULL)
    mb_selection_select (self->selection, "nodes", node_id);
}

GtkWidget *
mb_roadmap_view_new_for_selection (MbStore     *store,
                                   MbSelection *selection)
{
  MbRoadmapView *self = g_object_new (MB_TYPE_ROADMAP_VIEW, NULL);

  g_set_object (&self->selection, selection);
  g_signal_connect_object (selection, "notify::strategy", G_CALLBACK (selection_strategy_cb),
                           self, 0);
  mb_roadmap_view_set_store (self, store);
  mb_roadmap_view_set_strategy (self, mb_selection_get_strategy (selection));
  return GTK_WIDGET (self);
}

MbRoadmapCanvas *
mb_roadmap_view_get_canvas (MbRoadmapView *self)
{
  g_return_val_if_fail (MB_IS_ROADMAP_VIEW (self), NULL);
  return self->canvas;
}

static void
mb_roadmap_view_dispose (GObject *object)
{
  MbRoadmapView *self = MB_ROADMAP_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_ROADMAP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (mb_roadmap_view_parent_class)->dispose (object);
}

static void
mb_roadmap_view_finalize (GObject *object)
{
  MbRoadmapView *self = MB_ROADMAP_VIEW (object);

  g_free (self->strategy_id);
  g_strfreev (self->targets);

  G_OBJECT_CLASS (mb_roadmap_view_parent_class)->finalize (object);
}

static void
mb_roadmap_view_class_init (MbRoadmapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_roadmap_view_dispose;
  object_class->finalize = mb_roadmap_view_finalize;

  g_type_ensure (MB_TYPE_ROADMAP_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-roadmap-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, grouping_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, planned_toggle);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, ongoing_toggle);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, done_toggle);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, paused_toggle);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, none_toggle);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, export_button);
  gtk_widget_class_bind_template_child (widget_class, MbRoadmapView, canvas);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mb_roadmap_view_init (MbRoadmapView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Goals' titles run long: the view, and the details beside it, must
   * not grow with the one chosen. */
  mb_drop_down_ellipsize (self->target_dropdown, 28);

  g_signal_connect_swapped (self->grouping_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->planned_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->ongoing_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->done_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->paused_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->none_toggle, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->zoom_in_button, "clicked", G_CALLBACK (zoom_in_clicked_cb),
                            self);
  g_signal_connect_swapped (self->zoom_out_button, "clicked", G_CALLBACK (zoom_out_clicked_cb),
                            self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb),
                            self);
  g_signal_connect_object (self->canvas, "item-activated", G_CALLBACK (item_activated_cb), self,
                           0);
  update_zoom_buttons (self);
  load_targets (self);
}
