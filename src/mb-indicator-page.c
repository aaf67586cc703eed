/* mb-indicator-page.c – one indicator's data: its chart and its values
 *
 * The page reads the indicator's figures, targets and measurements through
 * core (mb-indicator-stats.h) and writes each user action as one store call,
 * one undo step; it refreshes from the store's "changed" signal only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mb-csv-import-dialog.h"
#include "mb-ellipsis.h"
#include "mb-format.h"
#include "mb-indicator-page.h"
#include "mb-indicator-stats.h"
#include "mb-kolada.h"
#include "mb-measurement-csv.h"
#include "mb-reason-dialog.h"
#include "mb-store-editor-queries.h"
#include "mb-entity-item.h"
#include "mb-file-chooser.h"

/* The largest CSV or Kolada file an import reads: 64 MiB. */
#define MAX_IMPORT_SIZE (64 * 1024 * 1024)

struct _MbIndicatorPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkBox         *figures_box;
  MbChart        *chart;
  GtkFlowBox     *legend;
  GtkStack       *table_stack;
  GtkColumnView  *column_view;
  GtkListBox     *targets_list;
  GtkLabel       *targets_note;

  /* Owned references */
  MbStore        *store;
  MbSelection    *selection;
  MbCatalogue    *catalogue;
  char           *indicator_id;
  MbIndicatorSummary *summary;
  GListStore     *measurements;
  GArray         *targets;        /* MbSeriesPoint, by year */
  GPtrArray      *history;        /* MbTargetChange, newest first */
  gboolean        needs_reason;   /* the indicator's strategy is adopted */
};

G_DEFINE_FINAL_TYPE (MbIndicatorPage, mb_indicator_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  PROP_INDICATOR_ID,
  N_PROPS
};

enum {
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  COL_PERIOD,
  COL_TERRITORY,
  COL_GENDER,
  COL_VALUE,
  COL_STATUS,
  COL_NOTE,
  COL_ACTIONS,
} Column;

static void
show_toast (MbIndicatorPage *self,
            const char      *message)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message))
    g_warning ("%s", message);
}

/* Figures */

static GtkWidget *
figure_new (const char *caption,
            const char *value,
            const char *detail,
            GtkWidget  *extra)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "mb-figure");

  label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  mb_label_tooltip_when_cut (GTK_LABEL (label));
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);

  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);

  /* Wrapped, not cut: "Needs a baseline, a target and a value" says what
   * to do, and Swedish takes more room. */
  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, caption,
                                  -1);
  return box;
}

static void
rebuild_figures (MbIndicatorPage *self)
{
  MbIndicatorSummary *s = self->summary;
  GtkWidget *child;
  g_autofree char *latest = NULL;
  g_autofree char *latest_detail = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *baseline_detail = NULL;
  g_autofree char *target = NULL;
  g_autofree char *target_detail = NULL;
  g_autofree char *progress = NULL;
  GtkWidget *bar;
  double p;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))))
    gtk_box_remove (self->figures_box, child);
  if (s == NULL)
    return;

  latest = mb_format_number (mb_indicator_summary_get_latest_value (s));
  if (mb_indicator_summary_get_latest_period (s) != NULL)
    {
      g_autofree char *territory =
        mb_territory_display_name (self->catalogue,
                                   mb_indicator_summary_get_series_territory (s));

      latest_detail = g_strdup_printf ("%s · %s", mb_indicator_summary_get_latest_period (s),
                                       territory);
    }
  else
    latest_detail = g_strdup (_("No values yet"));
  gtk_box_append (self->figures_box, figure_new (_("Latest Value"), latest, latest_detail, NULL));

  baseline = mb_format_number (mb_indicator_summary_get_baseline_value (s));
  baseline_detail = mb_indicator_summary_get_baseline_year (s) > 0
    ? g_strdup_printf ("%d", mb_indicator_summary_get_baseline_year (s))
    : g_strdup (isnan (mb_indicator_summary_get_baseline_value (s)) ? _("Not set") : "");
  gtk_box_append (self->figures_box, figure_new (_("Baseline"), baseline, baseline_detail, NULL));

  target = mb_format_number (mb_indicator_summary_get_target_value (s));
  target_detail = mb_indicator_summary_get_target_year (s) > 0
    ? g_strdup_printf ("%d · %s", mb_indicator_summary_get_target_year (s),
                       mb_indicator_summary_get_lower_is_better (s) ? _("lower is better")
                                                                    : _("higher is better"))
    : g_strdup (_("Not set"));
  gtk_box_append (self->figures_box, figure_new (_("Target"), target, target_detail, NULL));

  p = mb_indicator_summary_get_progress (s);
  bar = gtk_level_bar_new_for_interval (0, 1);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 0.9999);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), isnan (p) ? 0 : CLAMP (p, 0, 1));
  gtk_widget_set_margin_top (bar, 4);
  gtk_widget_set_margin_bottom (bar, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress toward the target"), -1);
  progress = isnan (p) ? g_strdup (_("No data")) : mb_format_percent (p);
  gtk_box_append (self->figures_box,
                  figure_new (_("Progress"), progress,
                              isnan (p) ? _("Needs a baseline, a target and a value")
                                        : _("of the way from baseline to target"),
                              bar));
}

/* Targets and their history */

/* The local date of a change, from the store's UTC date-time. */
static char *
change_date (const char *changed)
{
  g_autoptr(GDateTime) utc = changed ? g_date_time_new_from_iso8601 (changed, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strndup (changed ? changed : "", 10);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* "Was 80 until 2023-04-12: Revised after the mid-term review". */
static char *
change_text (MbTargetChange *change)
{
  g_autofree char *date = change_date (change->changed);
  g_autofree char *value = mb_format_number (change->value);

  if (change->removed)
    return g_strdup_printf (_("Removed %s, was %s: %s"), date, value, change->reason);
  if (isnan (change->value))
    return g_strdup_printf (_("Added %s: %s"), date, change->reason);
  return g_strdup_printf (_("Was %s until %s: %s"), value, date, change->reason);
}

static GtkWidget *
target_button (const char *icon,
               const char *label,
               const char *action,
               int         year)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", year);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* One row per year that has a target or had one: the present value with
 * buttons to change and remove it, and under it, muted, each earlier value
 * with its date and reason, newest first. */
static void
rebuild_targets (MbIndicatorPage *self)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_list))))
    gtk_list_box_remove (self->targets_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->targets_note), self->needs_reason);

  for (guint i = 0; self->targets && i < self->targets->len; i++)
    {
      int year = (int) g_array_index (self->targets, MbSeriesPoint, i).time;

      g_array_append_val (years, year);
    }
  for (guint i = 0; self->history && i < self->history->len; i++)
    {
      MbTargetChange *change = self->history->pdata[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < years->len && !seen; j++)
        seen = g_array_index (years, int, j) == change->year;
      if (!seen)
        g_array_append_val (years, change->year);
    }
  g_array_sort (years, compare_ints);

  if (years->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No targets set"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->targets_list, row);
      return;
    }

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) earlier = g_string_new (NULL);
      g_autoptr(GString) name = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf ("%d", year);
      double value = NAN;
      GtkWidget *label;

      for (guint j = 0; self->targets && j < self->targets->len; j++)
        if ((int) g_array_index (self->targets, MbSeriesPoint, j).time == year)
          value = g_array_index (self->targets, MbSeriesPoint, j).value;
      for (guint j = 0; self->history && j < self->history->len; j++)
        {
          MbTargetChange *change = self->history->pdata[j];
          g_autofree char *text = NULL;

          if (change->year != year)
            continue;
          text = change_text (change);
          g_string_append_printf (earlier, "%s%s", earlier->len ? "\n" : "", text);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (earlier->len > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (earlier->str, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        }

      if (isnan (value))
        {
          label = gtk_label_new (C_("target", "Removed"));
          gtk_widget_add_css_class (label, "dim-label");
          g_string_printf (name, _("Target %d, removed"), year);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        }
      else
        {
          g_autofree char *text = mb_format_number (value);
          g_autofree char *change_label = g_strdup_printf (_("Change Target %d"), year);
          g_autofree char *remove_label = g_strdup_printf (_("Remove Target %d"), year);
          GtkWidget *edit = target_button ("document-edit-symbolic", change_label,
                                           "indicator.edit-target", year);

          label = gtk_label_new (text);
          gtk_widget_add_css_class (label, "numeric");
          gtk_widget_add_css_class (label, "heading");
          g_string_printf (name, _("Target %d: %s"), year, text);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     target_button ("user-trash-symbolic", remove_label,
                                                    "indicator.remove-target", year));
          /* Enter on the row changes the target. */
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
          label = NULL;
        }
      if (label != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, earlier->str,
                                      -1);
      gtk_list_box_append (self->targets_list, row);
    }
}

/* Legend */

static void
legend_toggled_cb (GtkToggleButton *button,
                   MbIndicatorPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "series"));

  mb_chart_set_series_visible (self->chart, index, gtk_toggle_button_get_active (button));
}

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        earlier)
{
  GdkRGBA color;

  mb_chart_get_palette_color (GTK_WIDGET (area), MB_CHART_COLOR_TARGET, &color);
  mb_chart_draw_target_swatch (cr, width, height, &color, GPOINTER_TO_INT (earlier));
}

/* A legend entry of the target lines: not a series, nothing to toggle. */
static void
append_target_legend (MbIndicatorPage *self,
                      const char      *text,
                      gboolean         earlier)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb,
                                  GINT_TO_POINTER (earlier), NULL);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "mb-legend-key");
  gtk_widget_set_margin_start (box, 2);
  gtk_flow_box_append (self->legend, box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
rebuild_legend (MbIndicatorPage *self)
{
  guint n = mb_chart_get_n_series (self->chart);
  gboolean earlier = mb_chart_get_n_earlier_targets (self->chart) > 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))))
    gtk_flow_box_remove (self->legend, child);

  gtk_widget_set_visible (GTK_WIDGET (self->legend), n > 1 || earlier);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_label_new ("●");
      GtkWidget *label = gtk_label_new (mb_chart_get_series_label (self->chart, i));
      g_autofree char *css = NULL;
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      GdkRGBA color;
      g_autofree char *color_text = NULL;

      mb_chart_get_series_color (self->chart, i, &color);
      color_text = gdk_rgba_to_string (&color);
      css = g_strdup_printf ("label { color: %s; }", color_text);
      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider (gtk_widget_get_style_context (swatch),
                                      GTK_STYLE_PROVIDER (provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    mb_chart_get_series_visible (self->chart, i));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "mb-legend-item");
      gtk_widget_set_tooltip_text (button, _("Show or hide this series"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mb_chart_get_series_label (self->chart, i), -1);
      g_object_set_data (G_OBJECT (button), "series", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (legend_toggled_cb), self);
      gtk_flow_box_append (self->legend, button);
    }
  /* The faint lines would otherwise be told from the present ones by their
   * strength alone. */
  if (earlier)
    {
      append_target_legend (self, _("Target"), FALSE);
      append_target_legend (self, _("Earlier target"), TRUE);
    }
}

/* Reading */

static void
reload (MbIndicatorPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GArray) earlier = g_array_new (FALSE, FALSE, sizeof (MbSeriesPoint));
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *subtitle = NULL;
  const char *reference, *unit;
  guint n;

  g_clear_object (&self->summary);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->needs_reason = FALSE;
  if (self->store != NULL && self->indicator_id != NULL)
    {
      self->summary = mb_indicator_stats_get_summary (self->store, self->indicator_id, &error);
      if (self->summary != NULL)
        {
          items = mb_indicator_stats_list_measurements (self->store, self->indicator_id, &error);
          if (error == NULL)
            self->targets = mb_indicator_stats_list_targets (self->store, self->indicator_id,
                                                             &error);
          if (error == NULL)
            self->history = mb_store_query_target_history (self->store, self->indicator_id,
                                                           &error);
          self->needs_reason = mb_store_target_needs_reason (self->store, self->indicator_id);
        }
      if (error != NULL && !g_error_matches (error, MB_MEASUREMENT_ERROR,
                                             MB_MEASUREMENT_ERROR_NOT_FOUND))
        show_toast (self, error->message);
    }

  n = items ? g_list_model_get_n_items (items) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy, g_list_model_get_item (items, i));
  g_list_store_splice (self->measurements, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->measurements)),
                       copy->pdata, copy->len);
  gtk_stack_set_visible_child_name (self->table_stack, n > 0 ? "table" : "empty");

  if (self->summary == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      mb_chart_set_reference (self->chart, NAN, 0, NULL);
      mb_chart_set_earlier_targets (self->chart, NULL);
      mb_chart_set_measurements (self->chart, NULL, NULL);
      rebuild_figures (self);
      rebuild_targets (self);
      return;
    }

  gtk_label_set_text (self->title_label, mb_indicator_summary_get_title (self->summary));
  reference = mb_indicator_summary_get_reference (self->summary);
  unit = mb_indicator_summary_get_unit (self->summary);
  if (reference && unit)
    subtitle = g_strdup_printf ("%s · %s", reference, unit);
  else
    subtitle = g_strdup (reference ? reference : unit ? unit : "");
  gtk_label_set_text (self->subtitle_label, subtitle);

  mb_chart_set_unit (self->chart, unit);
  mb_chart_set_focus_territory (self->chart,
                                mb_indicator_summary_get_series_territory (self->summary));
  mb_chart_set_reference (self->chart, mb_indicator_summary_get_baseline_value (self->summary),
                          mb_indicator_summary_get_baseline_year (self->summary),
                          self->targets);
  for (guint i = 0; self->history && i < self->history->len; i++)
    {
      MbTargetChange *change = self->history->pdata[i];
      MbSeriesPoint p = { .time = change->year, .value = change->value };

      /* A change that added a target had no earlier value to draw. */
      if (!isnan (change->value))
        g_array_append_val (earlier, p);
    }
  mb_chart_set_earlier_targets (self->chart, earlier);
  /* Last: it emits "series-changed", which rebuilds the legend. */
  mb_chart_set_measurements (self->chart, G_LIST_MODEL (self->measurements), self->catalogue);
  rebuild_figures (self);
  rebuild_targets (self);
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbIndicatorPage    *self)
{
  if (mb_store_changes_include (tables, "measurements") ||
      mb_store_changes_include (tables, "indicators") ||
      mb_store_changes_include (tables, "indicator_targets") ||
      mb_store_changes_include (tables, "target_history") ||
      /* Adopting a strategy, or attaching the indicator to an adopted
       * one's goal, makes its targets need reasons. */
      mb_store_changes_include (tables, "strategies") ||
      mb_store_changes_include (tables, "node_indicators"))
    reload (self);
}

/* The table */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);

  if (column == COL_ACTIONS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Value"));
      gtk_widget_set_tooltip_text (delete, _("Delete Value"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Edit Value"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Delete Value"), -1);
      /* The target first: the row's id replaces it when the cell is bound. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", "");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "s", "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "indicator.edit-value");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "indicator.delete-value");
      gtk_box_append (GTK_BOX (box), edit);
      gtk_box_append (GTK_BOX (box), delete);
      gtk_widget_set_halign (box, GTK_ALIGN_END);
      gtk_list_item_set_child (list_item, box);
    }
  else
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), column == COL_VALUE ? 1 : 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      mb_label_tooltip_when_cut (GTK_LABEL (label));
      if (column == COL_VALUE)
        gtk_widget_add_css_class (label, "numeric");
      if (column == COL_STATUS || column == COL_NOTE)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_list_item_set_child (list_item, label);
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  MbMeasurementItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  MbIndicatorPage *self = g_object_get_data (G_OBJECT (factory), "page");
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_PERIOD:
      text = g_strdup (mb_measurement_item_get_period (item));
      break;
    case COL_TERRITORY:
      text = mb_territory_display_name (self->catalogue,
                                        mb_measurement_item_get_territory_code (item));
      break;
    case COL_GENDER:
      text = g_strdup (mb_gender_display_name (mb_measurement_item_get_gender (item)));
      break;
    case COL_VALUE:
      text = mb_format_number (mb_measurement_item_get_value (item));
      break;
    case COL_STATUS:
      text = g_strdup (mb_measurement_item_get_status (item));
      break;
    case COL_NOTE:
      text = g_strdup (mb_measurement_item_get_note (item));
      break;
    case COL_ACTIONS:
    default:
      for (GtkWidget *b = gtk_widget_get_first_child (child); b;
           b = gtk_widget_get_next_sibling (b))
        gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s",
                                          mb_measurement_item_get_id (item));
      return;
    }

  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
  if (column == COL_TERRITORY)
    gtk_widget_set_tooltip_text (child, mb_measurement_item_get_territory_code (item));
  if (column == COL_NOTE)
    gtk_widget_set_tooltip_text (child, text);
}

static void
add_column (MbIndicatorPage *self,
            Column           column,
            const char      *title,
            gboolean         expand,
            int              fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, column != COL_ACTIONS);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (self->column_view, col);
  g_object_unref (col);
}

static MbMeasurementItem *
find_measurement (MbIndicatorPage *self,
                  const char      *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->measurements));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbMeasurementItem) item = g_list_model_get_item (G_LIST_MODEL (self->measurements),
                                                                 i);

      if (g_strcmp0 (mb_measurement_item_get_id (item), id) == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
row_activated_cb (GtkColumnView   *view,
                  guint            position,
                  MbIndicatorPage *self)
{
  g_autoptr(MbMeasurementItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->measurements), position);
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "indicator.edit-value", "s",
                                mb_measurement_item_get_id (item));
}

/* The value dialog */

typedef struct
{
  MbIndicatorPage *page;
  char            *measurement_id;
  GtkEntry        *period;
  GtkDropDown     *territory;
  GStrv            territory_codes;
  GtkDropDown     *gender;
  GtkEntry        *value;
  GtkEntry        *status;
  GtkEntry        *note;
} ValueDialog;

static void
value_dialog_free (gpointer  data,
                   GClosure *closure)
{
  ValueDialog *d = data;

  g_object_unref (d->page);
  g_free (d->measurement_id);
  g_strfreev (d->territory_codes);
  g_free (d);
}

/* Reads a number as people type it: a decimal comma or point, spaces
 * between thousands. Empty = no value. */
static gboolean
parse_typed_number (const char *text,
                    double     *value)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char *end;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',')
        g_string_append_c (s, '.');
      else if (c == 0x2212)
        g_string_append_c (s, '-');
      else if (!g_unichar_isspace (c) && c != 0x00A0 && c != 0x202F)
        g_string_append_unichar (s, c);
    }
  if (s->len == 0)
    {
      *value = NAN;
      return TRUE;
    }
  if (!g_ascii_isdigit (s->str[0]) && s->str[0] != '-' && s->str[0] != '.')
    return FALSE;
  *value = g_ascii_strtod (s->str, &end);
  return *end == '\0' && isfinite (*value);
}

static void
value_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          ValueDialog      *d)
{
  g_autoptr(MbMeasurementRow) row = mb_measurement_row_new ();
  g_autoptr(GError) error = NULL;
  MbIndicatorPage *self = d->page;
  static const char * const genders[] = { "T", "K", "M" };
  guint territory = gtk_drop_down_get_selected (d->territory);
  guint gender = gtk_drop_down_get_selected (d->gender);

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL || self->indicator_id == NULL)
    return;

  row->period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->period))));
  row->territory_code = g_strdup (territory < g_strv_length (d->territory_codes)
                                  ? d->territory_codes[territory] : MB_TERRITORY_NONE);
  row->gender = g_strdup (genders[MIN (gender, 2)]);
  row->status = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->status))));
  row->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->note))));
  if (!parse_typed_number (gtk_editable_get_text (GTK_EDITABLE (d->value)), &row->value))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a number"),
                         gtk_editable_get_text (GTK_EDITABLE (d->value)));

      show_toast (self, message);
      return;
    }

  if (!mb_indicator_stats_save_measurement (self->store, self->indicator_id, d->measurement_id,
                                            row, &error))
    show_toast (self, error->message);
}

static void
open_value_dialog (MbIndicatorPage   *self,
                   MbMeasurementItem *item)
{
  ValueDialog *d = g_new0 (ValueDialog, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  const char *current = item ? mb_measurement_item_get_territory_code (item) : NULL;
  guint selected = 0, n_codes = 0;
  GtkWidget *dialog, *grid;
  GListModel *entries;

  d->page = g_object_ref (self);
  d->measurement_id = item ? g_strdup (mb_measurement_item_get_id (item)) : NULL;

  /* Territories: Sweden, the catalogue's regions and municipalities, and a
   * code the catalogue does not know if the value has one. */
  if (current == NULL && self->summary != NULL)
    current = mb_indicator_summary_get_series_territory (self->summary);
  gtk_string_list_append (names, _("Sweden"));
  g_strv_builder_add (codes, MB_TERRITORY_NONE);
  n_codes = 1;
  entries = self->catalogue ? mb_catalogue_get_entries (self->catalogue,
                                                        MB_CATALOGUE_KIND_TERRITORY) : NULL;
  for (guint i = 0; entries && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(MbCatalogueEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *name = mb_territory_display_name (self->catalogue,
                                                         mb_catalogue_entry_get_id (entry));
      g_autofree char *label = g_strdup_printf ("%s (%s)", name,
                                                mb_catalogue_entry_get_id (entry));

      if (g_strcmp0 (current, mb_catalogue_entry_get_id (entry)) == 0)
        selected = n_codes;
      gtk_string_list_append (names, label);
      g_strv_builder_add (codes, mb_catalogue_entry_get_id (entry));
      n_codes++;
    }
  if (current != NULL && !g_str_equal (current, MB_TERRITORY_NONE) && selected == 0)
    {
      selected = n_codes;
      gtk_string_list_append (names, current);
      g_strv_builder_add (codes, current);
    }
  d->territory_codes = g_strv_builder_end (codes);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  d->period = GTK_ENTRY (mb_dialog_grid_row (GTK_GRID (grid), 0, _("_Period"), gtk_entry_new ()));
  gtk_entry_set_placeholder_text (d->period, _("2024, 2024-Q2 or 2024-06"));
  d->territory = GTK_DROP_DOWN (mb_dialog_grid_row (GTK_GRID (grid), 1, _("_Territory"),
                                            gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)),
                                                               NULL)));
  gtk_drop_down_set_selected (d->territory, selected);
  d->gender = GTK_DROP_DOWN (mb_dialog_grid_row (GTK_GRID (grid), 2, _("_Gender"),
                                         gtk_drop_down_new_from_strings ((const char *[]) {
                                           _("Total"), _("Women"), _("Men"), NULL })));
  d->value = GTK_ENTRY (mb_dialog_grid_row (GTK_GRID (grid), 3, _("_Value"), gtk_entry_new ()));
  gtk_entry_set_input_purpose (d->value, GTK_INPUT_PURPOSE_NUMBER);
  d->status = GTK_ENTRY (mb_dialog_grid_row (GTK_GRID (grid), 4, _("_Status"), gtk_entry_new ()));
  gtk_entry_set_placeholder_text (d->status, _("For example preliminary"));
  d->note = GTK_ENTRY (mb_dialog_grid_row (GTK_GRID (grid), 5, _("_Note"), gtk_entry_new ()));
  gtk_entry_set_activates_default (d->value, TRUE);
  gtk_entry_set_activates_default (d->period, TRUE);

  if (item != NULL)
    {
      g_autofree char *value = NULL;
      const char *gender = mb_measurement_item_get_gender (item);

      if (mb_measurement_item_has_value (item))
        value = g_strdup_printf ("%.15g", mb_measurement_item_get_value (item));
      gtk_editable_set_text (GTK_EDITABLE (d->period), mb_measurement_item_get_period (item));
      gtk_editable_set_text (GTK_EDITABLE (d->value), value ? value : "");
      gtk_editable_set_text (GTK_EDITABLE (d->status),
                             mb_measurement_item_get_status (item)
                               ? mb_measurement_item_get_status (item) : "");
      gtk_editable_set_text (GTK_EDITABLE (d->note),
                             mb_measurement_item_get_note (item)
                               ? mb_measurement_item_get_note (item) : "");
      gtk_drop_down_set_selected (d->gender, g_str_equal (gender, "K") ? 1
                                             : g_str_equal (gender, "M") ? 2 : 0);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now) - 1);

      gtk_editable_set_text (GTK_EDITABLE (d->period), year);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   item ? _("Edit Value") : _("Add Value"),
                                   self->summary ? mb_indicator_summary_get_title (self->summary)
                                                 : NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", item ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (value_dialog_response_cb), d,
                         value_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (item ? d->value : d->period));
}

/* The target dialogs */

typedef struct
{
  MbIndicatorPage *page;
  int              year;          /* 0: a new target, its year in the dialog */
  char            *target_id;     /* removal */
  GtkEntry        *year_entry;
  GtkEntry        *value;
  GtkEntry        *reason;        /* NULL: the strategy is not adopted */
} TargetDialog;

static void
target_dialog_free (gpointer  data,
                    GClosure *closure)
{
  TargetDialog *d = data;

  g_object_unref (d->page);
  g_free (d->target_id);
  g_free (d);
}

static const char *
reason_text (TargetDialog *d)
{
  return d->reason ? gtk_editable_get_text (GTK_EDITABLE (d->reason)) : NULL;
}

static void
target_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TargetDialog     *d)
{
  MbIndicatorPage *self = d->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  int year = d->year;
  double value;

  if (g_strcmp0 (response, "confirm") != 0 || self->store == NULL || self->indicator_id == NULL)
    return;

  if (d->target_id != NULL)
    {
      if (!mb_store_remove_target (self->store, d->target_id, reason_text (d), &error))
        show_toast (self, error->message);
      return;
    }

  if (d->year_entry != NULL)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (d->year_entry));
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      gint64 parsed;

      if (!g_ascii_string_to_signed (trimmed, 10, 1, 9999, &parsed, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a year"), text);

          show_toast (self, message);
          return;
        }
      year = (int) parsed;
    }
  if (!parse_typed_number (gtk_editable_get_text (GTK_EDITABLE (d->value)), &value) ||
      isnan (value))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a number"),
                         gtk_editable_get_text (GTK_EDITABLE (d->value)));

      show_toast (self, message);
      return;
    }
  id = mb_store_set_target_with_reason (self->store, self->indicator_id, year, value,
                                        reason_text (d), &error);
  if (id == NULL)
    show_toast (self, error->message);
}

static const char *
indicator_title (MbIndicatorPage *self)
{
  return self->summary ? mb_indicator_summary_get_title (self->summary) : NULL;
}

/* Adds a target (@year 0) or changes the one of @year. */
static void
open_target_dialog (MbIndicatorPage *self,
                    int              year,
                    double           value)
{
  TargetDialog *d = g_new0 (TargetDialog, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = year ? g_strdup_printf (_("Change Target %d"), year)
                                  : g_strdup (_("Add Target"));
  g_autofree char *body = NULL;
  GtkWidget *dialog, *grid;
  int row = 0;

  d->page = g_object_ref (self);
  d->year = year;
  body = self->needs_reason
    ? g_strdup_printf (_("“%s” measures an adopted strategy: the earlier target is kept with "
                         "the reason you give."), indicator_title (self))
    : g_strdup (indicator_title (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", year ? _("_Change") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  if (year == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = g_strdup_printf ("%d", g_date_time_get_year (now) + 5);

      d->year_entry = GTK_ENTRY (mb_dialog_grid_row (GTK_GRID (grid), row++, _("_Year"),
                                                     gtk_entry_new ()));
      gtk_editable_set_text (GTK_EDITABLE (d->year_entry), text);
      gtk_entry_set_input_purpose (d->year_entry, GTK_INPUT_PURPOSE_DIGITS);
      gtk_entry_set_activates_default (d->year_entry, TRUE);
    }
  d->value = GTK_ENTRY (mb_dialog_grid_row (GTK_GRID (grid), row++, _("_Target value"),
                                            gtk_entry_new ()));
  gtk_entry_set_input_purpose (d->value, GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (d->value, TRUE);
  if (!isnan (value))
    {
      g_autofree char *text = g_strdup_printf ("%.15g", value);

      gtk_editable_set_text (GTK_EDITABLE (d->value), text);
    }
  if (self->needs_reason)
    d->reason = mb_reason_entry_attach (ADW_MESSAGE_DIALOG (dialog), GTK_GRID (grid), row++,
                                        "confirm");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);

  g_signal_connect_data (dialog, "response", G_CALLBACK (target_dialog_response_cb), d,
                         target_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (year ? d->value : d->year_entry));
}

/* The id of the target of @year, and its value. */
static char *
find_target (MbIndicatorPage *self,
             int              year,
             double          *value)
{
  g_autoptr(GListModel) targets = NULL;
  g_autofree char *title = g_strdup_printf ("%d", year);

  targets = mb_store_editor_list_related (self->store, MB_RELATED_INDICATOR_TARGETS,
                                          self->indicator_id, NULL);
  for (guint i = 0; self->targets && i < self->targets->len; i++)
    if ((int) g_array_index (self->targets, MbSeriesPoint, i).time == year)
      *value = g_array_index (self->targets, MbSeriesPoint, i).value;
  for (guint i = 0; targets && i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(MbEntityItem) item = g_list_model_get_item (targets, i);

      if (g_strcmp0 (mb_entity_item_get_title (item), title) == 0)
        return g_strdup (mb_entity_item_get_id (item));
    }
  return NULL;
}

static void
add_target_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (widget);

  if (self->store != NULL && self->summary != NULL)
    open_target_dialog (self, 0, NAN);
}

static void
edit_target_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (widget);
  int year = g_variant_get_int32 (parameter);
  g_autofree char *id = NULL;
  double value = NAN;

  if (self->store == NULL || self->summary == NULL)
    return;
  id = find_target (self, year, &value);
  if (id != NULL)
    open_target_dialog (self, year, value);
}

static void
remove_target_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (widget);
  int year = g_variant_get_int32 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *shown = NULL;
  AdwMessageDialog *dialog;
  TargetDialog *d;
  double value = NAN;

  if (self->store == NULL || self->summary == NULL ||
      (id = find_target (self, year, &value)) == NULL)
    return;

  /* A draft's target goes at once: undo brings it back. */
  if (!self->needs_reason)
    {
      if (!mb_store_remove_target (self->store, id, NULL, &error))
        show_toast (self, error->message);
      return;
    }

  shown = mb_format_number (value);
  heading = g_strdup_printf (_("Remove Target %d?"), year);
  body = g_strdup_printf (_("The strategy is adopted: the target %s stays visible as an earlier "
                            "target, with the reason you give."), shown);
  d = g_new0 (TargetDialog, 1);
  d->page = g_object_ref (self);
  d->year = year;
  d->target_id = g_steal_pointer (&id);
  dialog = mb_reason_dialog_new (widget, heading, body, _("_Remove"), TRUE, &d->reason);
  g_signal_connect_data (dialog, "response", G_CALLBACK (target_dialog_response_cb), d,
                         target_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (d->reason));
}

/* Actions */

static void
add_value_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_value_dialog (MB_INDICATOR_PAGE (widget), NULL);
}

static void
edit_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (widget);
  g_autoptr(MbMeasurementItem) item = find_measurement (self,
                                                        g_variant_get_string (parameter, NULL));

  if (item != NULL)
    open_value_dialog (self, item);
}

static void
delete_value_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!mb_store_delete (self->store, "measurements", g_variant_get_string (parameter, NULL),
                        &error))
    show_toast (self, error->message);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

void
mb_indicator_page_import_file (MbIndicatorPage *self,
                               GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_if_fail (MB_IS_INDICATOR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->indicator_id == NULL)
    return;

  name = g_file_get_basename (file);
  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    /* Values of one indicator are far below this; a bigger file is a mistake. */
    if (info != NULL && g_file_info_get_size (info) > MAX_IMPORT_SIZE)
      {
        g_autofree char *failed = g_strdup_printf (_("“%s” is too large to hold the values of"
                                                     " one indicator"), name);

        show_toast (self, failed);
        return;
      }
  }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }

  if (g_str_has_suffix (name, ".json") || (length > 0 && contents[0] == '{'))
    {
      g_autoptr(MbKoladaData) data = mb_kolada_data_parse (contents, length, &error);
      g_autofree char *message = NULL;

      if (data == NULL || !mb_kolada_import (data, self->store, self->indicator_id, name, &error))
        {
          g_autofree char *failed = g_strdup_printf (_("“%s” was not imported: %s"), name,
                                                     error->message);

          show_toast (self, failed);
          return;
        }
      message = mb_kolada_data_has_next_page (data)
        ? g_strdup_printf (_("Imported %u values from “%s”; Kolada has more on a next page"),
                           mb_kolada_data_get_rows (data)->len, name)
        : g_strdup_printf (_("Imported %u values from “%s”"),
                           mb_kolada_data_get_rows (data)->len, name);
      show_toast (self, message);
      return;
    }

  {
    g_autoptr(MbMeasurementCsv) csv = mb_measurement_csv_parse (contents, length,
                                                                self->catalogue, &error);

    if (csv == NULL)
      {
        g_autofree char *failed = g_strdup_printf (_("“%s” was not imported: %s"), name,
                                                   error->message);

        show_toast (self, failed);
        return;
      }
    mb_csv_import_dialog_present (GTK_WIDGET (self), self->store, self->catalogue,
                                  self->indicator_id,
                                  self->summary ? mb_indicator_summary_get_title (self->summary)
                                                : NULL,
                                  g_steal_pointer (&csv), name);
  }
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MbIndicatorPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        mb_indicator_page_import_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_import (MbIndicatorPage *self,
               gboolean         kolada)
{
  static const char * const json_suffixes[] = { "json", NULL };
  static const char * const csv_suffixes[] = { "csv", "txt", NULL };
  GtkFileChooserNative *chooser;

  chooser = mb_file_chooser_new (GTK_WIDGET (self),
                                 kolada ? _("Import Kolada Data") : _("Import CSV File"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                 kolada ? _("Kolada data (JSON)") : _("CSV files"),
                                 kolada ? json_suffixes : csv_suffixes, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_import (MB_INDICATOR_PAGE (widget), FALSE);
}

static void
import_kolada_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_import (MB_INDICATOR_PAGE (widget), TRUE);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MbIndicatorPage *self)
{
  MbCsvDialect dialect = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "dialect"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length = 0;

      data = mb_measurement_csv_export (G_LIST_MODEL (self->measurements), dialect, &length);
      if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                    NULL, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported the values to “%s”"), name);

          show_toast (self, message);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  static const char * const suffixes[] = { "csv", NULL };
  MbIndicatorPage *self = MB_INDICATOR_PAGE (widget);
  gboolean excel = g_strcmp0 (g_variant_get_string (parameter, NULL), "excel") == 0;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%s.csv", self->summary ? mb_indicator_summary_get_title (self->summary)
                                                  : _("values"));
  g_strdelimit (name, "/\\:", '-');
  chooser = mb_file_chooser_new (widget, _("Export Values"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("CSV files"), suffixes, name);
  g_object_set_data (G_OBJECT (chooser), "dialect",
                     GINT_TO_POINTER (excel ? MB_CSV_DIALECT_EXCEL_SWEDISH : MB_CSV_DIALECT_PLAIN));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
mb_indicator_page_dispose (GObject *object)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_INDICATOR_PAGE);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->summary);
  g_clear_object (&self->measurements);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (mb_indicator_page_parent_class)->dispose (object);
}

static void
mb_indicator_page_finalize (GObject *object)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (object);

  g_free (self->indicator_id);

  G_OBJECT_CLASS (mb_indicator_page_parent_class)->finalize (object);
}

static void
set_store (MbIndicatorPage *self,
           MbStore         *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
mb_indicator_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_INDICATOR_ID:
      g_value_set_string (value, self->indicator_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_indicator_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MbIndicatorPage *self = MB_INDICATOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      if (g_set_object (&self->selection, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_INDICATOR_ID:
      mb_indicator_page_set_indicator_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_indicator_page_class_init (MbIndicatorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_indicator_page_dispose;
  object_class->finalize = mb_indicator_page_finalize;
  object_class->get_property = mb_indicator_page_get_property;
  object_class->set_property = mb_indicator_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, MB_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INDICATOR_ID] =
    g_param_spec_string ("indicator-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbIndicatorPage::back:
   *
   * The user asked to go back to the list of indicators.
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MB_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-indicator-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, box);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, chart);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, legend);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, table_stack);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, targets_list);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorPage, targets_note);

  gtk_widget_class_install_action (widget_class, "indicator.add-value", NULL, add_value_action);
  gtk_widget_class_install_action (widget_class, "indicator.edit-value", "s", edit_value_action);
  gtk_widget_class_install_action (widget_class, "indicator.delete-value", "s",
                                   delete_value_action);
  gtk_widget_class_install_action (widget_class, "indicator.add-target", NULL,
                                   add_target_action);
  gtk_widget_class_install_action (widget_class, "indicator.edit-target", "i",
                                   edit_target_action);
  gtk_widget_class_install_action (widget_class, "indicator.remove-target", "i",
                                   remove_target_action);
  gtk_widget_class_install_action (widget_class, "indicator.import-csv", NULL,
                                   import_csv_action);
  gtk_widget_class_install_action (widget_class, "indicator.import-kolada", NULL,
                                   import_kolada_action);
  gtk_widget_class_install_action (widget_class, "indicator.export-csv", "s",
                                   export_csv_action);
  gtk_widget_class_install_action (widget_class, "indicator.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "indicator.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "indicator.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "indicator.add-value", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "indicatorpage");
}

static void
mb_indicator_page_init (MbIndicatorPage *self)
{
  GtkSelectionModel *model;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->measurements = g_list_store_new (MB_TYPE_MEASUREMENT_ITEM);
  model = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (
                                 G_LIST_MODEL (self->measurements))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (model), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (model), TRUE);
  gtk_column_view_set_model (self->column_view, model);
  g_object_unref (model);

  add_column (self, COL_PERIOD, _("Period"), FALSE, 90);
  add_column (self, COL_TERRITORY, _("Territory"), TRUE, -1);
  add_column (self, COL_GENDER, _("Gender"), FALSE, 90);
  add_column (self, COL_VALUE, _("Value"), FALSE, 120);
  add_column (self, COL_STATUS, _("Status"), FALSE, 110);
  add_column (self, COL_NOTE, _("Note"), TRUE, -1);
  add_column (self, COL_ACTIONS, NULL, FALSE, 96);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activated_cb), self);

  g_signal_connect_swapped (self->chart, "series-changed", G_CALLBACK (rebuild_legend), self);
}

GtkWidget *
mb_indicator_page_new (MbStore     *store,
                       MbSelection *selection)
{
  return g_object_new (MB_TYPE_INDICATOR_PAGE, "store", store, "selection", selection, NULL);
}

const char *
mb_indicator_page_get_indicator_id (MbIndicatorPage *self)
{
  g_return_val_if_fail (MB_IS_INDICATOR_PAGE (self), NULL);
  return self->indicator_id;
}

void
mb_indicator_page_set_indicator_id (MbIndicatorPage *self,
                                    const char      *indicator_id)
{
  g_return_if_fail (MB_IS_INDICATOR_PAGE (self));

  if (g_strcmp0 (self->indicator_id, indicator_id) == 0)
    return;
  g_free (self->indicator_id);
  self->indicator_id = g_strdup (indicator_id);
  /* A new indicator starts with every series shown. */
  mb_chart_set_measurements (self->chart, NULL, NULL);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR_ID]);
}

void
mb_indicator_page_set_catalogue (MbIndicatorPage *self,
                                 MbCatalogue     *catalogue)
{
  g_return_if_fail (MB_IS_INDICATOR_PAGE (self));

  if (g_set_object (&self->catalogue, catalogue))
    reload (self);
}

MbChart *
mb_indicator_page_get_chart (MbIndicatorPage *self)
{
  g_return_val_if_fail (MB_IS_INDICATOR_PAGE (self), NULL);
  return self->chart;
}

GListModel *
mb_indicator_page_get_measurements (MbIndicatorPage *self)
{
  g_return_val_if_fail (MB_IS_INDICATOR_PAGE (self), NULL);
  return G_LIST_MODEL (self->measurements);
}
