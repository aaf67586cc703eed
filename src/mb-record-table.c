/* mb-record-table.c – the library's projects or funding calls as a table
 *
 * A GtkColumnView over the store's live list of records: sortable by each
 * column, filtered by a search entry, rows added and deleted through the
 * store. Selecting a row selects the item in the shared MbSelection, so the
 * details panel edits it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mb-column-fit.h"
#include "mb-ellipsis.h"
#include "mb-format.h"
#include "mb-list-focus.h"
#include "mb-record.h"
#include "mb-record-table.h"
#include "mb-store-editor-queries.h"
#include "mb-store-list-model.h"

struct _MbRecordTable
{
  GtkBox              parent_instance;

  /* Template widgets (built in code) */
  GtkSearchEntry     *filter_entry;
  GtkColumnView      *column_view;
  GtkStack           *stack;
  GtkWidget          *delete_button;

  /* Owned references */
  char               *kind;
  MbStore            *store;
  MbSelection        *selection;
  GListModel         *records;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *row_selection;

  guint               syncing;
  /* Goals cells on screen (label → MbRecord), recounted when links change. */
  GHashTable         *goal_cells;
};

G_DEFINE_FINAL_TYPE (MbRecordTable, mb_record_table, GTK_TYPE_BOX)

typedef enum
{
  COLUMN_TEXT,
  COLUMN_STATUS,
  COLUMN_DATE,
  COLUMN_MONEY,
  COLUMN_GOALS,   /* how many goals and interventions the item serves */
} ColumnType;

typedef struct _ColumnSpec
{
  const char *column;
  const char *title;
  ColumnType  type;
  int         width;  /* fixed width in pixels; 0 = takes the room left */
  guint       drop;   /* where room is short, 1 goes first, then 2…; 0 stays */
} ColumnSpec;

static const ColumnSpec project_columns[] = {
  { "title", N_("Title"), COLUMN_TEXT, 0, 0 },
  { "registration_number", N_("Registration No."), COLUMN_TEXT, 130, 3 },
  { "status", N_("Status"), COLUMN_STATUS, 95, 0 },
  { "start_date", N_("Start"), COLUMN_DATE, 95, 1 },
  { "end_date", N_("End"), COLUMN_DATE, 95, 2 },
  { "total_budget", N_("Budget"), COLUMN_MONEY, 120, 0 },
  { NULL, N_("Goals"), COLUMN_GOALS, 70, 4 },
};

static const ColumnSpec call_columns[] = {
  { "title", N_("Title"), COLUMN_TEXT, 0, 0 },
  { "call_number", N_("Call No."), COLUMN_TEXT, 110, 3 },
  { "funder", N_("Funder"), COLUMN_TEXT, 140, 5 },
  { "status", N_("Status"), COLUMN_STATUS, 90, 0 },
  { "opens_on", N_("Opens"), COLUMN_DATE, 95, 1 },
  { "closes_on", N_("Closes"), COLUMN_DATE, 95, 2 },
  { "budget", N_("Budget"), COLUMN_MONEY, 120, 0 },
  { NULL, N_("Goals"), COLUMN_GOALS, 70, 4 },
};

static const char *
status_label (const char *status)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "planned", N_("Planned") },
    { "applied", N_("Applied") },
    { "granted", N_("Granted") },
    { "ongoing", N_("Ongoing") },
    { "completed", N_("Completed") },
    { "rejected", N_("Rejected") },
    { "cancelled", N_("Cancelled") },
    { "open", N_("Open") },
    { "closed", N_("Closed") },
  };

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].value, status))
      return _(labels[i].label);

  return status;
}

static char *
format_cell (MbRecord         *record,
             const ColumnSpec *spec)
{
  switch (spec->type)
    {
    case COLUMN_STATUS:
      return g_strdup (status_label (mb_record_get_string (record, spec->column)));
    case COLUMN_MONEY:
      {
        double value = mb_record_get_double (record, spec->column);

        return isnan (value) ? NULL : mb_format_amount (value);
      }
    case COLUMN_DATE:
      {
        const char *date = mb_record_get_string (record, spec->column);

        return date ? mb_format_date (date) : NULL;
      }
    case COLUMN_GOALS:
      return NULL;
    case COLUMN_TEXT:
    default:
      return g_strdup (mb_record_get_string (record, spec->column));
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label),
                        spec->type == COLUMN_MONEY || spec->type == COLUMN_GOALS ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  mb_label_tooltip_when_cut (GTK_LABEL (label));
  if (spec->type == COLUMN_MONEY || spec->type == COLUMN_DATE || spec->type == COLUMN_GOALS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  mb_list_focus_mark (label, list_item);
}

/* The goals an item serves: read for the rows on screen only, since the
 * records of the list do not carry it. */
static char *
format_goals (MbRecordTable *self,
              MbRecord      *record)
{
  g_autoptr(GListModel) nodes = NULL;

  nodes = mb_store_editor_list_related (self->store,
                                        g_str_equal (self->kind, MB_KIND_PROJECT)
                                        ? MB_RELATED_PROJECT_NODES : MB_RELATED_CALL_NODES,
                                        mb_record_get_id (record), NULL);
  return nodes ? g_strdup_printf ("%u", g_list_model_get_n_items (nodes)) : NULL;
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnSpec         *spec)
{
  MbRecord *record = gtk_list_item_get_item (list_item);
  MbRecordTable *self = g_object_get_data (G_OBJECT (factory), "mb-table");
  g_autofree char *text = spec->type == COLUMN_GOALS ? format_goals (self, record)
                                                     : format_cell (record, spec);

  if (spec->type == COLUMN_GOALS)
    g_hash_table_insert (self->goal_cells, gtk_list_item_get_child (list_item),
                         g_object_ref (record));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text ? text : "");
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const ColumnSpec         *spec)
{
  MbRecordTable *self = g_object_get_data (G_OBJECT (factory), "mb-table");

  if (spec->type == COLUMN_GOALS)
    g_hash_table_remove (self->goal_cells, gtk_list_item_get_child (list_item));
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbRecordTable      *self)
{
  GHashTableIter iter;
  gpointer label, record;

  if (!mb_store_changes_include (tables, "project_nodes")
      && !mb_store_changes_include (tables, "call_nodes"))
    return;

  g_hash_table_iter_init (&iter, self->goal_cells);
  while (g_hash_table_iter_next (&iter, &label, &record))
    {
      g_autofree char *text = format_goals (self, record);

      gtk_label_set_label (GTK_LABEL (label), text ? text : "");
    }
}

/* Sort keys, through closures that read a column of the record. */

static char *
record_sort_string (MbRecord         *record,
                    const ColumnSpec *spec)
{
  return g_strdup (mb_record_get_string (record, spec->column));
}

static double
record_sort_number (MbRecord         *record,
                    const ColumnSpec *spec)
{
  double value = mb_record_get_double (record, spec->column);

  /* Rows without an amount sort before every amount. */
  return isnan (value) ? -1.0 : value;
}

static char *
record_filter_text (MbRecord *record)
{
  const char *status = mb_record_get_string (record, "status");

  return g_strjoin (" ",
                    mb_record_get_title (record) ?: "",
                    mb_record_get_subtitle (record) ?: "",
                    mb_record_get_string (record, "funder") ?: "",
                    status ?: "",
                    status_label (status) ?: "",
                    NULL);
}

static void
mb_record_table_add_column (MbRecordTable    *self,
                            const ColumnSpec *spec)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkExpression *expression;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "mb-table", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) spec);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) spec);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), (gpointer) spec);
  column = gtk_column_view_column_new (_(spec->title), g_object_ref (factory));
  gtk_column_view_column_set_expand (column, spec->width == 0);
  if (spec->width > 0)
    gtk_column_view_column_set_fixed_width (column, spec->width);

  /* Counted per visible row; sorting by it would count every row. */
  if (spec->type == COLUMN_GOALS)
    {
      gtk_column_view_append_column (self->column_view, column);
      return;
    }
  gtk_column_view_column_set_resizable (column, TRUE);

  if (spec->type == COLUMN_MONEY)
    {
      expression = gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL,
                                                G_CALLBACK (record_sort_number),
                                                (gpointer) spec, NULL);
      sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
    }
  else
    {
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                G_CALLBACK (record_sort_string),
                                                (gpointer) spec, NULL);
      sorter = GTK_SORTER (gtk_string_sorter_new (expression));
    }
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);

  gtk_column_view_append_column (self->column_view, column);
}

/* Selection */

static MbRecord *
mb_record_table_get_selected (MbRecordTable *self)
{
  return gtk_single_selection_get_selected_item (self->row_selection);
}

static void
row_selected_cb (GtkSingleSelection *selection,
                 GParamSpec         *pspec,
                 MbRecordTable      *self)
{
  MbRecord *record = mb_record_table_get_selected (self);

  gtk_widget_set_sensitive (self->delete_button, record != NULL);

  if (self->syncing > 0 || record == NULL)
    return;

  mb_selection_select (self->selection, self->kind, mb_record_get_id (record));
}

static void
row_activate_cb (GtkColumnView *view,
                 guint          position,
                 MbRecordTable *self)
{
  g_autoptr(MbRecord) record = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (record != NULL)
    {
      mb_selection_select (self->selection, self->kind, mb_record_get_id (record));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
    }
}

/* The shared selection moved to one of our items elsewhere (search, a link
 * in the details panel): select its row. */
static void
selection_changed_cb (MbSelection   *selection,
                      MbRecordTable *self)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);
  guint found = GTK_INVALID_LIST_POSITION;

  if (g_strcmp0 (mb_selection_get_kind (selection), self->kind) == 0)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MbRecord) record = g_list_model_get_item (model, i);

          if (g_strcmp0 (mb_record_get_id (record), mb_selection_get_id (selection)) == 0)
            {
              found = i;
              break;
            }
        }
    }

  if (found == gtk_single_selection_get_selected (self->row_selection))
    return;

  self->syncing++;
  gtk_single_selection_set_selected (self->row_selection, found);
  self->syncing--;
  if (found != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u",
                                found);
}

gboolean
mb_record_table_focus_selected (MbRecordTable *self)
{
  guint position;

  g_return_val_if_fail (MB_IS_RECORD_TABLE (self), FALSE);

  position = gtk_single_selection_get_selected (self->row_selection);
  return position != GTK_INVALID_LIST_POSITION
         && mb_list_focus_position (GTK_WIDGET (self->column_view), position);
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  MbRecordTable *self)
{
  gboolean empty = g_list_model_get_n_items (self->records) == 0;
  gboolean none_match = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty"
                                                       : none_match ? "no-match" : "table");
}

static void
filter_changed_cb (GtkSearchEntry *entry,
                   MbRecordTable  *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
delete_clicked_cb (GtkButton     *button,
                   MbRecordTable *self)
{
  g_autoptr(GError) error = NULL;
  MbRecord *record = mb_record_table_get_selected (self);
  g_autofree char *id = NULL;

  if (record == NULL)
    return;

  id = g_strdup (mb_record_get_id (record));
  if (!mb_store_delete (self->store, self->kind, id, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
  else if (g_strcmp0 (mb_selection_get_id (self->selection), id) == 0)
    mb_selection_clear (self->selection);
}

static gboolean
delete_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  delete_clicked_cb (NULL, MB_RECORD_TABLE (user_data));
  return TRUE;
}

static GtkWidget *
status_page_new (const char *icon,
                 const char *title,
                 const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  return page;
}

static void
mb_record_table_build (MbRecordTable *self)
{
  gboolean projects = g_str_equal (self->kind, MB_KIND_PROJECT);
  const ColumnSpec *columns = projects ? project_columns : call_columns;
  guint n_columns = projects ? G_N_ELEMENTS (project_columns) : G_N_ELEMENTS (call_columns);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_button;
  GtkWidget *scrolled;
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;
  GtkExpression *filter_expression;
  MbColumnFit fits[MAX (G_N_ELEMENTS (project_columns), G_N_ELEMENTS (call_columns))];

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  self->filter_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->filter_entry), TRUE);
  g_object_set (self->filter_entry, "placeholder-text",
                projects ? _("Filter projects") : _("Filter funding calls"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  projects ? _("Filter projects") : _("Filter funding calls"),
                                  -1);
  g_signal_connect (self->filter_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->filter_entry));

  add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button),
                                  projects ? "win.new-project" : "win.new-call");
  gtk_widget_set_tooltip_text (add_button, projects ? _("New Project") : _("New Funding Call"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  projects ? _("New Project") : _("New Funding Call"), -1);
  gtk_box_append (GTK_BOX (bar), add_button);

  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_sensitive (self->delete_button, FALSE);
  gtk_widget_set_tooltip_text (self->delete_button,
                               projects ? _("Delete Project") : _("Delete Funding Call"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  projects ? _("Delete Project") : _("Delete Funding Call"), -1);
  g_signal_connect (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->delete_button);
  gtk_box_append (GTK_BOX (self), bar);

  /* live records → filter → sort (by the clicked column) → selection */
  self->records = g_str_equal (self->kind, MB_KIND_PROJECT) ? mb_store_list_projects (self->store)
                                                            : mb_store_list_calls (self->store);
  filter_expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                   G_CALLBACK (record_filter_text), NULL, NULL);
  self->filter = gtk_string_filter_new (filter_expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (g_object_ref (self->records),
                                              g_object_ref (GTK_FILTER (self->filter)));

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  projects ? _("Projects") : _("Funding Calls"), -1);
  for (guint i = 0; i < n_columns; i++)
    {
      mb_record_table_add_column (self, &columns[i]);
      fits[i].width = columns[i].width;
      fits[i].drop = columns[i].drop;
    }

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->row_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->row_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->row_selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->row_selection));
  g_signal_connect (self->row_selection, "notify::selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activate_cb), self);

  shortcuts = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_callback_action_new (delete_key_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  mb_column_fit_attach (self->column_view, GTK_SCROLLED_WINDOW (scrolled), fits, n_columns,
                        MB_COLUMN_FIT_TITLE_WIDTH);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "table");
  gtk_stack_add_named (self->stack,
                       projects
                       ? status_page_new ("folder-symbolic", _("No Projects"),
                                          _("Add the projects that carry the strategy, with "
                                            "their budgets and the goals they serve."))
                       : status_page_new ("mail-send-symbolic", _("No Funding Calls"),
                                          _("Add the calls that fund the strategy's "
                                            "priorities.")),
                       "empty");
  gtk_stack_add_named (self->stack,
                       status_page_new ("system-search-symbolic", _("No Matches"),
                                        _("Nothing matches the filter.")),
                       "no-match");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  g_signal_connect_object (self->records, "items-changed", G_CALLBACK (items_changed_cb), self,
                           0);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (items_changed_cb), self,
                           0);
  items_changed_cb (NULL, 0, 0, 0, self);

  g_signal_connect_object (self->selection, "changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_AFTER);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
}

static void
mb_record_table_dispose (GObject *object)
{
  MbRecordTable *self = (MbRecordTable *)object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->records);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->goal_cells, g_hash_table_unref);

  G_OBJECT_CLASS (mb_record_table_parent_class)->dispose (object);
}

static void
mb_record_table_finalize (GObject *object)
{
  MbRecordTable *self = (MbRecordTable *)object;

  g_free (self->kind);

  G_OBJECT_CLASS (mb_record_table_parent_class)->finalize (object);
}

static void
mb_record_table_class_init (MbRecordTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_record_table_dispose;
  object_class->finalize = mb_record_table_finalize;
}

static void
mb_record_table_init (MbRecordTable *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->goal_cells = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

GtkWidget *
mb_record_table_new (const char  *kind,
                     MbStore     *store,
                     MbSelection *selection)
{
  MbRecordTable *self;

  g_return_val_if_fail (g_strcmp0 (kind, MB_KIND_PROJECT) == 0
                        || g_strcmp0 (kind, MB_KIND_CALL) == 0, NULL);
  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (MB_IS_SELECTION (selection), NULL);

  self = g_object_new (MB_TYPE_RECORD_TABLE, NULL);
  self->kind = g_strdup (kind);
  self->store = g_object_ref (store);
  self->selection = g_object_ref (selection);
  mb_record_table_build (self);

  return GTK_WIDGET (self);
}

const char *
mb_record_table_get_kind (MbRecordTable *self)
{
  g_return_val_if_fail (MB_IS_RECORD_TABLE (self), NULL);

  return self->kind;
}

GListModel *
mb_record_table_get_rows (MbRecordTable *self)
{
  g_return_val_if_fail (MB_IS_RECORD_TABLE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
mb_record_table_set_filter (MbRecordTable *self,
                            const char    *text)
{
  g_return_if_fail (MB_IS_RECORD_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text ? text : "");
  gtk_string_filter_set_search (self->filter, text);
}
