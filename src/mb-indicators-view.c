/* mb-indicators-view.c – the library's indicators as a sortable table, and their pages
 *
 * The table is a GtkColumnView over the figures core computes
 * (mb_indicator_stats_list_summaries()), re-read on every store change that
 * touches indicators, targets or values; each column sorts, a search entry
 * and "only this strategy" filter. Activating a row selects the indicator in
 * the shared selection and opens its page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mb-chart.h"
#include "mb-column-fit.h"
#include "mb-ellipsis.h"
#include "mb-format.h"
#include "mb-indicator-stats.h"
#include "mb-indicators-view.h"
#include "mb-sparkline.h"

struct _MbIndicatorsView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkCheckButton     *strategy_check;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  AdwStatusPage      *empty_page;
  GtkColumnView      *column_view;
  MbIndicatorPage    *page;

  /* Owned references */
  MbStore            *store;
  MbSelection        *selection;
  MbCatalogue        *catalogue;
  GListStore         *summaries;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *row_selection;
  char               *search_folded;
  gboolean            catalogue_failed;
};

G_DEFINE_FINAL_TYPE (MbIndicatorsView, mb_indicators_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  PROP_CATALOGUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COL_TITLE,
  COL_UNIT,
  COL_REFERENCE,
  COL_BASELINE,
  COL_LATEST,
  COL_TARGET,
  COL_PROGRESS,
  COL_TREND,
} Column;

/* The columns' widths, in their order, and which give way where room is
 * short: the reference first, then the baseline, the unit, the trend. */
static const MbColumnFit fits[] = {
  [COL_TITLE] = { 0, 0 },
  [COL_UNIT] = { 70, 3 },
  [COL_REFERENCE] = { 140, 1 },
  [COL_BASELINE] = { 125, 2 },
  [COL_LATEST] = { 120, 0 },
  [COL_TARGET] = { 130, 0 },
  [COL_PROGRESS] = { 140, 0 },
  [COL_TREND] = { 80, 4 },
};

static MbCatalogue *
get_catalogue (MbIndicatorsView *self)
{
  if (self->catalogue == NULL && !self->catalogue_failed)
    {
      g_autoptr(GError) error = NULL;

      self->catalogue = mb_catalogue_new_default (&error);
      if (self->catalogue == NULL)
        {
          g_warning ("Cannot load the catalogues: %s", error->message);
          self->catalogue_failed = TRUE;
        }
      else
        mb_indicator_page_set_catalogue (self->page, self->catalogue);
    }
  return self->catalogue;
}

/* Reading */

static void
update_count (MbIndicatorsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->summaries));
  g_autofree char *text = NULL;

  if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators", all),
                            all);
  else
    text = g_strdup_printf (_("%u of %u"), shown, all);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");

  if (all > 0 && shown == 0)
    {
      g_autofree char *hint = NULL;

      if (self->search_folded != NULL && *self->search_folded != '\0')
        hint = g_strdup (_("No indicator matches the filter."));
      else
        hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "None serves this strategy: attach one to its"
                                             " goals, or clear “Only this strategy” to see the"
                                             " library’s %u indicator.",
                                             "None serves this strategy: attach one to its"
                                             " goals, or clear “Only this strategy” to see the"
                                             " library’s %u indicators.", all),
                                all);
      adw_status_page_set_title (self->empty_page, _("No Indicators Here"));
      adw_status_page_set_description (self->empty_page, hint);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Indicators"));
      adw_status_page_set_description (self->empty_page,
                                       _("Attach an indicator to a goal to follow it up here."));
    }
}

static void
reload (MbIndicatorsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->store != NULL)
    {
      list = mb_indicator_stats_list_summaries (self->store, NULL, &error);
      if (list == NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
    }
  n = list ? g_list_model_get_n_items (list) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));
  g_list_store_splice (self->summaries, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->summaries)),
                       items->pdata, items->len);
  update_count (self);
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbIndicatorsView   *self)
{
  if (mb_store_changes_include (tables, "indicators") ||
      mb_store_changes_include (tables, "measurements") ||
      mb_store_changes_include (tables, "indicator_targets") ||
      mb_store_changes_include (tables, "node_indicators") ||
      mb_store_changes_include (tables, "strategies"))
    reload (self);
}

/* Filtering */

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  MbIndicatorsView *self = user_data;
  MbIndicatorSummary *s = item;

  if (gtk_check_button_get_active (self->strategy_check) && self->selection != NULL &&
      mb_selection_get_strategy (self->selection) != NULL &&
      !mb_indicator_summary_serves_strategy (s, mb_selection_get_strategy (self->selection)))
    return FALSE;

  if (self->search_folded == NULL || *self->search_folded == '\0')
    return TRUE;
  return contains_folded (mb_indicator_summary_get_title (s), self->search_folded) ||
         contains_folded (mb_indicator_summary_get_reference (s), self->search_folded) ||
         contains_folded (mb_indicator_summary_get_unit (s), self->search_folded);
}

static void
refilter (MbIndicatorsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   MbIndicatorsView *self)
{
  g_free (self->search_folded);
  self->search_folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  refilter (self);
}

/* Sorting: a missing number sorts after every number, either way round. */

static int
compare_numbers (double a,
                 double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  MbIndicatorSummary *sa = (MbIndicatorSummary *) a;
  MbIndicatorSummary *sb = (MbIndicatorSummary *) b;
  int c = 0;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COL_TITLE:
      c = g_utf8_collate (mb_indicator_summary_get_title (sa), mb_indicator_summary_get_title (sb));
      break;
    case COL_UNIT:
      c = g_strcmp0 (mb_indicator_summary_get_unit (sa), mb_indicator_summary_get_unit (sb));
      break;
    case COL_REFERENCE:
      c = g_strcmp0 (mb_indicator_summary_get_reference (sa),
                     mb_indicator_summary_get_reference (sb));
      break;
    case COL_BASELINE:
      c = compare_numbers (mb_indicator_summary_get_baseline_value (sa),
                           mb_indicator_summary_get_baseline_value (sb));
      break;
    case COL_LATEST:
      c = compare_numbers (mb_indicator_summary_get_latest_value (sa),
                           mb_indicator_summary_get_latest_value (sb));
      break;
    case COL_TARGET:
      c = compare_numbers (mb_indicator_summary_get_target_value (sa),
                           mb_indicator_summary_get_target_value (sb));
      break;
    case COL_PROGRESS:
      c = compare_numbers (mb_indicator_summary_get_progress (sa),
                           mb_indicator_summary_get_progress (sb));
      break;
    case COL_TREND:
    default:
      c = compare_numbers (mb_indicator_summary_get_n_measurements (sa),
                           mb_indicator_summary_get_n_measurements (sb));
      break;
    }
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Cells */

static char *
value_with_year (double      value,
                 const char *when)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup ("–");
  number = mb_format_number (value);
  return when && *when ? g_strdup_printf ("%s (%s)", number, when) : g_steal_pointer (&number);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);

  if (column == COL_PROGRESS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_set_size_request (bar, 72, -1);
      /* One colour until the target is reached, not the default traffic light. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 0.9999);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_width_chars (GTK_LABEL (label), 7);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (list_item, box);
    }
  else if (column == COL_TREND)
    gtk_list_item_set_child (list_item, mb_sparkline_new ());
  else
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label),
                            column == COL_BASELINE || column == COL_LATEST ||
                            column == COL_TARGET ? 1 : 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (column == COL_BASELINE || column == COL_LATEST || column == COL_TARGET)
        {
          gtk_widget_add_css_class (label, "numeric");
          mb_label_tooltip_when_cut (GTK_LABEL (label));
        }
      if (column == COL_UNIT)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_list_item_set_child (list_item, label);
    }
}

static void
bind_reference (MbIndicatorsView   *self,
                GtkLabel           *label,
                MbIndicatorSummary *s)
{
  const char *reference = mb_indicator_summary_get_reference (s);
  MbCatalogue *catalogue = get_catalogue (self);
  MbCatalogueEntry *entry = NULL;
  g_autofree char *tooltip = NULL;
  gboolean retired = FALSE;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  if (reference == NULL)
    {
      gtk_label_set_text (label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
      return;
    }

  if (catalogue != NULL)
    {
      switch (mb_catalogue_get_reference_state (catalogue, reference))
        {
        case MB_REFERENCE_CURRENT:
          entry = mb_catalogue_lookup (catalogue, reference);
          break;
        case MB_REFERENCE_RETIRED:
          entry = mb_catalogue_lookup_retired (catalogue, reference);
          retired = TRUE;
          break;
        case MB_REFERENCE_UNKNOWN:
        case MB_REFERENCE_EXTERNAL:
        case MB_REFERENCE_INVALID:
        default:
          break;
        }
    }

  if (retired)
    {
      g_autofree char *text = g_strdup_printf (_("%s (retired)"), reference);
      const char *successor = entry ? mb_catalogue_entry_get_successor (entry) : NULL;

      gtk_label_set_text (label, text);
      gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
      if (successor != NULL)
        tooltip = g_strdup_printf (_("%s\nRetired; the nearest current one is %s"),
                                   entry && mb_catalogue_entry_get_title (entry)
                                     ? mb_catalogue_entry_get_title (entry) : reference,
                                   successor);
      else
        tooltip = g_strdup_printf (_("%s\nRetired by its publisher"),
                                   entry && mb_catalogue_entry_get_title (entry)
                                     ? mb_catalogue_entry_get_title (entry) : reference);
    }
  else
    {
      gtk_label_set_text (label, reference);
      if (entry != NULL)
        tooltip = g_strdup (mb_catalogue_entry_get_title (entry));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  MbIndicatorSummary *s = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  MbIndicatorsView *self = g_object_get_data (G_OBJECT (factory), "view");
  g_autofree char *text = NULL;
  g_autofree char *year = NULL;

  switch (column)
    {
    case COL_TITLE:
      gtk_label_set_text (GTK_LABEL (child), mb_indicator_summary_get_title (s));
      gtk_widget_set_tooltip_text (child, mb_indicator_summary_get_title (s));
      return;
    case COL_UNIT:
      gtk_label_set_text (GTK_LABEL (child), mb_indicator_summary_get_unit (s)
                                               ? mb_indicator_summary_get_unit (s) : "");
      gtk_widget_set_tooltip_text (child, mb_indicator_summary_get_unit (s));
      return;
    case COL_REFERENCE:
      bind_reference (self, GTK_LABEL (child), s);
      return;
    case COL_BASELINE:
      if (mb_indicator_summary_get_baseline_year (s) > 0)
        year = g_strdup_printf ("%d", mb_indicator_summary_get_baseline_year (s));
      text = value_with_year (mb_indicator_summary_get_baseline_value (s), year);
      break;
    case COL_LATEST:
      text = value_with_year (mb_indicator_summary_get_latest_value (s),
                              mb_indicator_summary_get_latest_period (s));
      break;
    case COL_TARGET:
      if (mb_indicator_summary_get_target_year (s) > 0)
        year = g_strdup_printf ("%d", mb_indicator_summary_get_target_year (s));
      text = value_with_year (mb_indicator_summary_get_target_value (s), year);
      break;
    case COL_PROGRESS:
      {
        GtkWidget *bar = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (bar);
        double p = mb_indicator_summary_get_progress (s);

        gtk_widget_set_visible (bar, !isnan (p));
        gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), isnan (p) ? 0 : CLAMP (p, 0, 1));
        text = isnan (p) ? g_strdup (_("no data")) : mb_format_percent (p);
        gtk_label_set_text (GTK_LABEL (label), text);
        if (isnan (p))
          gtk_widget_add_css_class (label, "dim-label");
        else
          gtk_widget_remove_css_class (label, "dim-label");
        /* What "no data" lacks, where the column has no room to say it. */
        gtk_widget_set_tooltip_text (child, isnan (p) ? _("Needs a baseline, a target and a value")
                                                      : NULL);
        gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        text, -1);
      }
      return;
    case COL_TREND:
    default:
      {
        guint n;
        const MbSeriesPoint *points = mb_indicator_summary_get_trend (s, &n);

        mb_sparkline_set_points (MB_SPARKLINE (child), points, n,
                                 mb_indicator_summary_get_lower_is_better (s));
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Trend"), -1);
      }
      return;
    }

  gtk_label_set_text (GTK_LABEL (child), text);
}

static void
add_column (MbIndicatorsView *self,
            Column            column,
            const char       *title,
            gboolean          expand,
            int               fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_object_set_data (G_OBJECT (factory), "view", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, GINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (self->column_view, col);
}

/* Navigation */

void
mb_indicators_view_open_indicator (MbIndicatorsView *self,
                                   const char       *indicator_id)
{
  g_return_if_fail (MB_IS_INDICATORS_VIEW (self));
  g_return_if_fail (indicator_id != NULL);

  get_catalogue (self);
  mb_indicator_page_set_indicator_id (self->page, indicator_id);
  gtk_stack_set_visible_child_name (self->stack, "page");
  if (self->selection != NULL &&
      (g_strcmp0 (mb_selection_get_kind (self->selection), MB_KIND_INDICATOR) != 0 ||
       g_strcmp0 (mb_selection_get_id (self->selection), indicator_id) != 0))
    mb_selection_select (self->selection, MB_KIND_INDICATOR, indicator_id);
}

void
mb_indicators_view_show_list (MbIndicatorsView *self)
{
  g_return_if_fail (MB_IS_INDICATORS_VIEW (self));

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
activate_cb (GtkColumnView    *view,
             guint             position,
             MbIndicatorsView *self)
{
  g_autoptr(MbIndicatorSummary) s = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (s != NULL)
    mb_indicators_view_open_indicator (self, mb_indicator_summary_get_id (s));
}

static void
page_back_cb (MbIndicatorPage  *page,
              MbIndicatorsView *self)
{
  mb_indicators_view_show_list (self);
}

static void
selection_changed_cb (MbSelection      *selection,
                      MbIndicatorsView *self)
{
  /* An indicator chosen elsewhere (search, details panel) opens here too. */
  if (g_strcmp0 (mb_selection_get_kind (selection), MB_KIND_INDICATOR) == 0 &&
      mb_selection_get_id (selection) != NULL &&
      g_strcmp0 (mb_selection_get_id (selection),
                 mb_indicator_page_get_indicator_id (self->page)) != 0)
    mb_indicators_view_open_indicator (self, mb_selection_get_id (selection));
}

static void
strategy_changed_cb (MbIndicatorsView *self)
{
  refilter (self);
}

/* GObject */

static void
set_store (MbIndicatorsView *self,
           MbStore          *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_object_set (self->page, "store", store, NULL);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
set_selection (MbIndicatorsView *self,
               MbSelection      *selection)
{
  if (self->selection == selection)
    return;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    {
      g_signal_connect (selection, "changed", G_CALLBACK (selection_changed_cb), self);
      g_signal_connect_swapped (selection, "notify::strategy", G_CALLBACK (strategy_changed_cb),
                                self);
    }
  g_object_set (self->page, "selection", selection, NULL);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static void
mb_indicators_view_dispose (GObject *object)
{
  MbIndicatorsView *self = MB_INDICATORS_VIEW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_INDICATORS_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->summaries);

  G_OBJECT_CLASS (mb_indicators_view_parent_class)->dispose (object);
}

static void
mb_indicators_view_finalize (GObject *object)
{
  MbIndicatorsView *self = MB_INDICATORS_VIEW (object);

  g_free (self->search_folded);

  G_OBJECT_CLASS (mb_indicators_view_parent_class)->finalize (object);
}

static void
mb_indicators_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MbIndicatorsView *self = MB_INDICATORS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_CATALOGUE:
      g_value_set_object (value, self->catalogue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_indicators_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MbIndicatorsView *self = MB_INDICATORS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      set_selection (self, g_value_get_object (value));
      break;
    case PROP_CATALOGUE:
      mb_indicators_view_set_catalogue (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_indicators_view_class_init (MbIndicatorsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_indicators_view_dispose;
  object_class->finalize = mb_indicators_view_finalize;
  object_class->get_property = mb_indicators_view_get_property;
  object_class->set_property = mb_indicators_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, MB_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CATALOGUE] =
    g_param_spec_object ("catalogue", NULL, NULL, MB_TYPE_CATALOGUE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MB_TYPE_INDICATOR_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-indicators-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, stack);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, strategy_check);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MbIndicatorsView, page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "indicatorsview");
}

static void
mb_indicators_view_init (MbIndicatorsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->summaries = g_list_store_new (MB_TYPE_INDICATOR_SUMMARY);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->summaries)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), NULL);
  self->row_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->row_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->row_selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->row_selection));

  add_column (self, COL_TITLE, _("Indicator"), TRUE, -1);
  add_column (self, COL_UNIT, _("Unit"), FALSE, fits[COL_UNIT].width);
  add_column (self, COL_REFERENCE, _("Reference"), FALSE, fits[COL_REFERENCE].width);
  add_column (self, COL_BASELINE, _("Baseline"), FALSE, fits[COL_BASELINE].width);
  add_column (self, COL_LATEST, _("Latest"), FALSE, fits[COL_LATEST].width);
  add_column (self, COL_TARGET, _("Target"), FALSE, fits[COL_TARGET].width);
  add_column (self, COL_PROGRESS, _("Progress"), FALSE, fits[COL_PROGRESS].width);
  add_column (self, COL_TREND, _("Trend"), FALSE, fits[COL_TREND].width);
  mb_column_fit_attach (self->column_view,
                        GTK_SCROLLED_WINDOW (gtk_widget_get_parent (
                                               GTK_WIDGET (self->column_view))),
                        fits, G_N_ELEMENTS (fits), MB_COLUMN_FIT_TITLE_WIDTH);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));

  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->strategy_check, "toggled", G_CALLBACK (refilter), self);
  g_signal_connect (self->page, "back", G_CALLBACK (page_back_cb), self);
  update_count (self);
}

GtkWidget *
mb_indicators_view_new (MbStore     *store,
                        MbSelection *selection)
{
  MbIndicatorsView *self = g_object_new (MB_TYPE_INDICATORS_VIEW, "store", store,
                                         "selection", selection, NULL);

  /* Built when first shown, it may be shown for an indicator chosen before
   * it existed (the details panel, search): open it as if just chosen. */
  if (selection != NULL)
    selection_changed_cb (selection, self);
  return GTK_WIDGET (self);
}

void
mb_indicators_view_set_catalogue (MbIndicatorsView *self,
                                  MbCatalogue      *catalogue)
{
  g_return_if_fail (MB_IS_INDICATORS_VIEW (self));

  if (!g_set_object (&self->catalogue, catalogue))
    return;
  mb_indicator_page_set_catalogue (self->page, catalogue);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE]);
}

GtkColumnView *
mb_indicators_view_get_column_view (MbIndicatorsView *self)
{
  g_return_val_if_fail (MB_IS_INDICATORS_VIEW (self), NULL);
  return self->column_view;
}

GListModel *
mb_indicators_view_get_rows (MbIndicatorsView *self)
{
  g_return_val_if_fail (MB_IS_INDICATORS_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

MbIndicatorPage *
mb_indicators_view_get_page (MbIndicatorsView *self)
{
  g_return_val_if_fail (MB_IS_INDICATORS_VIEW (self), NULL);
  return self->page;
}

GtkEditable *
mb_indicators_view_get_search_entry (MbIndicatorsView *self)
{
  g_return_val_if_fail (MB_IS_INDICATORS_VIEW (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}
