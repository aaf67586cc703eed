/* mb-revision-compare.c – what changed in a strategy between two revisions, or since one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane the window lays beside the canvas while comparing: two sides
 * (a revision or now) to choose, the changes as one flat list (a heading
 * per kind of entity with its count, then its changes, each with the sign,
 * word and colour the canvas marks it with, and its fields old → new), and
 * their export as CSV or JSON. It compares again when the library changes
 * what a comparison reads, so that "now" stays now: once per idle however
 * many notifications came, and not while hidden (it catches up when shown).
 * The canvas's marks follow "compared", emitted only when the changes did.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-change-item.h"
#include "mb-file-chooser.h"
#include "mb-revision-compare.h"
#include "mb-selection.h"

struct _MbRevisionCompare
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *strategy_label;
  AdwComboRow    *from_row;
  AdwComboRow    *to_row;
  GtkLabel       *summary_label;
  GtkWidget      *export_button;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkListView    *list_view;

  /* Owned references */
  MbStore        *store;
  char           *strategy_id;
  GPtrArray      *side_ids;     /* char *: NULL for now, then the revisions, newest first */
  GPtrArray      *side_names;   /* char *: as the export names them */
  GListStore     *items;        /* MbChangeItem */
  GPtrArray      *changes;      /* MbChange */
  char           *from_id;
  char           *to_id;
  guint           syncing;

  /* What the library's notifications left to do, at the next idle. */
  guint           refresh_id;
  gboolean        stale_sides;
  gboolean        stale_label;
  gboolean        stale_changes;
  guint           n_compares;
};

G_DEFINE_FINAL_TYPE (MbRevisionCompare, mb_revision_compare, GTK_TYPE_WIDGET)

enum {
  COMPARED,
  GO_TO,
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (MbRevisionCompare *self,
            const char        *message)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message))
    g_message ("%s", message);
}

/* Sides */

static int
side_index (MbRevisionCompare *self,
            const char        *id)
{
  for (guint i = 0; i < self->side_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->side_ids, i), id) == 0)
      return (int) i;
  return -1;
}

static const char *
side_name (MbRevisionCompare *self,
           const char        *id)
{
  int i = side_index (self, id);

  return i >= 0 ? g_ptr_array_index (self->side_names, i) : "now";
}

/* Whether @revisions (oldest first) are the sides listed, newest first after now. */
static gboolean
same_sides (MbRevisionCompare *self,
            GPtrArray         *revisions)
{
  if (revisions == NULL || self->side_ids->len != revisions->len + 1)
    return FALSE;
  for (guint i = 0; i < revisions->len; i++)
    {
      MbRevision *revision = g_ptr_array_index (revisions, revisions->len - 1 - i);

      if (g_strcmp0 (g_ptr_array_index (self->side_ids, i + 1), revision->id) != 0 ||
          g_strcmp0 (g_ptr_array_index (self->side_names, i + 1), revision->name) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Fills the drop-downs from the store, keeping the sides chosen while they
 * exist; a side whose revision went falls back to the newest, or now.
 * Returns whether a side changed. A revision of another strategy taken,
 * renamed or deleted leaves the list as it was, and changes nothing. */
static gboolean
fill_sides (MbRevisionCompare *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = mb_store_list_revisions (self->store, self->strategy_id,
                                                            &error);
  g_autoptr(GtkStringList) labels = NULL;
  const char *newest = NULL;
  gboolean changed = FALSE;

  if (same_sides (self, revisions))
    return FALSE;
  labels = gtk_string_list_new (NULL);
  g_ptr_array_set_size (self->side_ids, 0);
  g_ptr_array_set_size (self->side_names, 0);
  g_ptr_array_add (self->side_ids, NULL);
  g_ptr_array_add (self->side_names, g_strdup ("now"));
  gtk_string_list_append (labels, _("Now"));
  if (revisions == NULL)
    show_toast (self, error->message);
  for (guint i = revisions ? revisions->len : 0; i > 0; i--)
    {
      MbRevision *revision = g_ptr_array_index (revisions, i - 1);

      g_ptr_array_add (self->side_ids, g_strdup (revision->id));
      g_ptr_array_add (self->side_names, g_strdup (revision->name));
      gtk_string_list_append (labels, revision->name);
    }
  if (self->side_ids->len > 1)
    newest = g_ptr_array_index (self->side_ids, 1);

  if (self->from_id != NULL && side_index (self, self->from_id) < 0)
    {
      g_free (self->from_id);
      self->from_id = g_strdup (newest);
      changed = TRUE;
    }
  if (self->to_id != NULL && side_index (self, self->to_id) < 0)
    {
      g_clear_pointer (&self->to_id, g_free);
      changed = TRUE;
    }

  self->syncing++;
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->from_row, (guint) side_index (self, self->from_id));
  adw_combo_row_set_selected (self->to_row, (guint) side_index (self, self->to_id));
  self->syncing--;
  return changed;
}

/* Showing a change */

/* The table whose titles name the ids of a column. */
static const char *
id_column_table (const char *column)
{
  static const struct { const char *column; const char *table; } tables[] = {
    { "parent_id", "nodes" },
    { "node_id", "nodes" },
    { "from_node_id", "nodes" },
    { "to_node_id", "nodes" },
    { "level_id", "levels" },
    { "indicator_id", "indicators" },
    { "round_id", "follow_up_rounds" },
    { "project_id", "projects" },
    { "call_id", "funding_calls" },
    { "organisation_id", "organisations" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].column, column))
      return tables[i].table;
  return NULL;
}

static char *
value_text (MbRevisionCompare   *self,
            const MbFieldChange *field,
            const char          *value)
{
  const char *table;
  g_autoptr(MbRecord) record = NULL;

  if (value == NULL || value[0] == '\0')
    /* Translators: a field that had no value, in a comparison */
    return g_strdup (_("(none)"));
  if (field->type == 'b')
    return g_strdup (g_str_equal (value, "true") ? _("yes") : _("no"));
  table = id_column_table (field->name);
  if (table == NULL)
    return g_strdup (value);
  record = mb_store_get_record (self->store, table, value, NULL);
  if (record == NULL)
    /* Translators: a node or level that a comparison names but that is gone */
    return g_strdup (_("(removed since)"));
  if (g_str_equal (table, "levels"))
    return g_strdup (mb_scheme_level_display_name (mb_record_get_string (record, "name"),
                                                   mb_record_get_string (record, "name_sv")));
  return g_strdup (mb_record_get_title (record));
}

static const char *
field_label (const char *column)
{
  static const struct { const char *column; const char *label; } labels[] = {
    { "title", N_("Title") },
    { "name", N_("Name") },
    { "description", N_("Description") },
    { "code", N_("Code") },
    { "parent_id", N_("Parent") },
    { "level_id", N_("Level") },
    { "position", N_("Order") },
    { "kind", N_("Kind") },
    { "rationale", N_("Rationale") },
    { "assumptions", N_("Assumptions") },
    { "confidence", N_("Confidence") },
    { "evidence", N_("Evidence") },
    { "status", N_("Status") },
    { "value", N_("Value") },
    { "year", N_("Year") },
    { "unit", N_("Unit") },
    { "start_date", N_("Start") },
    { "end_date", N_("End") },
    { "judgement", N_("Judgement") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].column, column))
      return _(labels[i].label);
  return column;
}

/* "Changed\nTitle: Energi → Hållbar energi", a line per field. */
static char *
change_details (MbRevisionCompare *self,
                const MbChange    *change)
{
  GString *out = g_string_new (mb_change_kind_label (change->kind));

  for (guint i = 0; change->fields != NULL && i < change->fields->len; i++)
    {
      const MbFieldChange *field = &g_array_index (change->fields, MbFieldChange, i);
      g_autofree char *old_value = value_text (self, field, field->old_value);
      g_autofree char *new_value = value_text (self, field, field->new_value);

      g_string_append_c (out, '\n');
      /* Translators: a field's change: "Title: Energi → Hållbar energi" */
      g_string_append_printf (out, _("%s: %s → %s"), field_label (field->name), old_value,
                              new_value);
    }
  return g_string_free (out, FALSE);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               MbRevisionCompare        *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *symbol = gtk_label_new (NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (outer), heading);

  gtk_widget_add_css_class (symbol, "mb-change-symbol");
  gtk_widget_set_valign (symbol, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (entry), symbol);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), title);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
  /* A long description changed: its gist, not a page of it. */
  gtk_label_set_lines (GTK_LABEL (details), 8);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (text), details);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (entry), text);
  gtk_box_append (GTK_BOX (outer), entry);

  g_object_set_data (G_OBJECT (outer), "mb-heading", heading);
  g_object_set_data (G_OBJECT (outer), "mb-entry", entry);
  g_object_set_data (G_OBJECT (outer), "mb-symbol", symbol);
  g_object_set_data (G_OBJECT (outer), "mb-title", title);
  g_object_set_data (G_OBJECT (outer), "mb-details", details);
  gtk_list_item_set_child (item, outer);
}

/* Whether activating @change's entry takes the user to it: a node, a link,
 * an indicator, or a target (its indicator's node on the canvas). */
static gboolean
goes_somewhere (const MbChange *change)
{
  return g_str_equal (change->entity, "node") || g_str_equal (change->entity, "link") ||
         g_str_equal (change->entity, "indicator") || g_str_equal (change->entity, "target");
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              MbRevisionCompare        *self)
{
  MbChangeItem *change_item = gtk_list_item_get_item (item);
  GtkWidget *outer = gtk_list_item_get_child (item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (outer), "mb-heading");
  GtkWidget *entry = g_object_get_data (G_OBJECT (outer), "mb-entry");
  GtkWidget *symbol = g_object_get_data (G_OBJECT (outer), "mb-symbol");
  const MbChange *change = mb_change_item_get_change (change_item);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (heading, change == NULL);
  gtk_widget_set_visible (entry, change != NULL);
  gtk_list_item_set_selectable (item, FALSE);
  if (change == NULL)
    {
      guint count = mb_change_item_get_count (change_item);
      const char *entity = mb_change_entity_label (mb_change_item_get_entity (change_item));

      /* Translators: a heading of a comparison's list: "Nodes (3)" */
      text = g_strdup_printf (_("%s (%u)"), entity, count);
      gtk_label_set_text (GTK_LABEL (heading), text);
      /* Translators: a heading of a comparison's list, said: "Nodes, 3 changes" */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u change", "%s, %u changes",
                                            count), entity, count);
      gtk_list_item_set_activatable (item, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (outer), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      return;
    }

  for (guint k = MB_CHANGE_ADDED; k <= MB_CHANGE_MOVED; k++)
    gtk_widget_remove_css_class (symbol, mb_change_kind_css_class (k));
  gtk_widget_add_css_class (symbol, mb_change_kind_css_class (change->kind));
  gtk_label_set_text (GTK_LABEL (symbol), mb_change_kind_symbol (change->kind));
  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (outer), "mb-title")),
                      change->title);
  text = change_details (self, change);
  gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (outer), "mb-details")), text);
  /* Translators: an entry of a comparison, said: "Changed: Hållbar energi", then its fields */
  label = g_strdup_printf (_("%s: %s"), mb_change_kind_label (change->kind), change->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (outer),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_list_item_set_activatable (item, goes_somewhere (change));
}

/* Comparing */

static gboolean
same_change (const MbChange *a,
             const MbChange *b)
{
  guint n = a->fields ? a->fields->len : 0;

  if (!g_str_equal (a->entity, b->entity) || g_strcmp0 (a->id, b->id) != 0 ||
      a->kind != b->kind || g_strcmp0 (a->title, b->title) != 0 ||
      n != (b->fields ? b->fields->len : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const MbFieldChange *x = &g_array_index (a->fields, MbFieldChange, i);
      const MbFieldChange *y = &g_array_index (b->fields, MbFieldChange, i);

      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->old_value, y->old_value) != 0 ||
          g_strcmp0 (x->new_value, y->new_value) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_changes (GPtrArray *a,
              GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!same_change (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Compares the two sides and shows the changes. With @quiet, as after a
 * notification of the library: the same changes as before (another
 * strategy's edit, say) leave the list and the canvas's marks alone. */
static void
compare (MbRevisionCompare *self,
         gboolean           quiet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *summary = NULL;

  self->n_compares++;
  self->stale_changes = FALSE;
  changes = mb_store_compare_revisions (self->store, self->strategy_id, self->from_id,
                                        self->to_id, &error);
  if (quiet && same_changes (changes, self->changes))
    return;
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  if (changes != NULL)
    {
      self->changes = g_ptr_array_ref (changes);
      for (guint i = 0; i < changes->len;)
        {
          const char *entity = ((MbChange *) g_ptr_array_index (changes, i))->entity;
          guint n = 0;

          while (i + n < changes->len &&
                 g_str_equal (((MbChange *) g_ptr_array_index (changes, i + n))->entity, entity))
            n++;
          g_ptr_array_add (items, mb_change_item_new_heading (entity, n));
          for (guint j = 0; j < n; j++)
            g_ptr_array_add (items, mb_change_item_new (changes, i + j));
          i += n;
        }
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  if (changes == NULL)
    summary = g_strdup (error->message);
  else if (changes->len == 0)
    summary = g_strdup (_("No changes"));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes",
                                            changes->len), changes->len);
  gtk_label_set_text (self->summary_label, summary);
  adw_status_page_set_description (self->empty_page,
                                   g_strcmp0 (self->from_id, self->to_id) == 0
                                   ? _("Both sides are the same version: choose another.")
                                   : _("The strategy is the same in both versions."));
  gtk_stack_set_visible_child_name (self->stack, changes != NULL && changes->len > 0
                                                 ? "list" : "empty");
  gtk_widget_set_sensitive (self->export_button, changes != NULL && changes->len > 0);
  g_signal_emit (self, signals[COMPARED], 0);
}

static void
update_strategy_label (MbRevisionCompare *self)
{
  g_autoptr(MbRecord) strategy = mb_store_get_record (self->store, "strategies",
                                                      self->strategy_id, NULL);
  const char *name = strategy ? mb_record_get_string (strategy, "short_name") : NULL;

  if (strategy != NULL && (name == NULL || *name == '\0'))
    name = mb_record_get_title (strategy);
  gtk_label_set_text (self->strategy_label, name ? name : "");
}

/* Callbacks */

static void
side_selected_cb (AdwComboRow       *row,
                  GParamSpec        *pspec,
                  MbRevisionCompare *self)
{
  guint selected = adw_combo_row_get_selected (row);
  char **side = row == self->from_row ? &self->from_id : &self->to_id;

  if (self->syncing || selected >= self->side_ids->len)
    return;
  g_free (*side);
  *side = g_strdup (g_ptr_array_index (self->side_ids, selected));
  compare (self, FALSE);
}

static gboolean
refresh_cb (gpointer data)
{
  MbRevisionCompare *self = data;

  self->refresh_id = 0;
  /* Hidden: stays stale until shown (map). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  if (self->stale_label)
    update_strategy_label (self);
  self->stale_label = FALSE;
  if (self->stale_sides && fill_sides (self))
    self->stale_changes = TRUE;
  self->stale_sides = FALSE;
  if (self->stale_changes)
    compare (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (MbRevisionCompare *self)
{
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (self->stale_label || self->stale_sides || self->stale_changes))
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbRevisionCompare  *self)
{
  if (mb_store_changes_include (tables, "revisions"))
    self->stale_sides = TRUE;
  if (mb_store_changes_include (tables, "strategies"))
    self->stale_label = TRUE;
  /* Two revisions never change: only a side that is now follows the library. */
  if ((self->from_id == NULL || self->to_id == NULL) &&
      mb_revision_changes_touch_comparison (tables))
    self->stale_changes = TRUE;
  queue_refresh (self);
}

static void
activate_cb (GtkListView       *list_view,
             guint              position,
             MbRevisionCompare *self)
{
  g_autoptr(MbChangeItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  const MbChange *change = item ? mb_change_item_get_change (item) : NULL;

  if (change == NULL || !goes_somewhere (change))
    return;
  if (g_str_equal (change->entity, "target"))
    {
      g_autoptr(MbRecord) target = mb_change_find_target (self->store, self->strategy_id,
                                                          self->from_id, change->id);

      if (target == NULL)
        show_toast (self, _("It is not in the strategy now"));
      else
        g_signal_emit (self, signals[GO_TO], 0, MB_KIND_INDICATOR,
                       mb_record_get_string (target, "indicator_id"));
      return;
    }
  g_signal_emit (self, signals[GO_TO], 0,
                 g_str_equal (change->entity, "node") ? MB_KIND_NODE
                 : g_str_equal (change->entity, "link") ? MB_KIND_LINK : MB_KIND_INDICATOR,
                 change->id);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE], 0);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    MbRevisionCompare *self)
{
  const char *format = g_object_get_data (G_OBJECT (chooser), "mb-format");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path == NULL)
        message = g_strdup (_("Only local files can be written"));
      else if (!mb_revision_compare_export (self, format, path, &error))
        message = g_strdup (error->message);
      else
        message = g_strdup_printf (_("Exported the comparison to “%s”"), name);
      show_toast (self, message);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbRevisionCompare *self = MB_REVISION_COMPARE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean csv = g_str_equal (format, "csv");
  const char *suffixes[] = { csv ? "csv" : "json", NULL };
  g_autoptr(MbRecord) strategy = mb_store_get_record (self->store, "strategies",
                                                      self->strategy_id, NULL);
  const char *name = strategy ? mb_record_get_string (strategy, "short_name") : NULL;
  g_autofree char *stem = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  if (strategy != NULL && (name == NULL || *name == '\0'))
    name = mb_record_get_title (strategy);
  /* Translators: the file name of an exported comparison: "RUS del 2 changes.csv" */
  stem = g_strdup_printf (_("%s changes"), name ? name : "");
  /* Translators: an exported comparison's file name when the strategy has no name */
  file_name = mb_file_chooser_suggest_name (stem, suffixes[0], _("changes"));
  chooser = mb_file_chooser_new (widget, _("Export the Comparison"),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                 csv ? _("CSV Files") : _("JSON Files"), suffixes, file_name);
  g_object_set_data_full (G_OBJECT (chooser), "mb-format", g_strdup (format), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
mb_revision_compare_dispose (GObject *object)
{
  MbRevisionCompare *self = MB_REVISION_COMPARE (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_REVISION_COMPARE);
  /* The template's box holds the rest and is not bound: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->items);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  G_OBJECT_CLASS (mb_revision_compare_parent_class)->dispose (object);
}

static void
mb_revision_compare_finalize (GObject *object)
{
  MbRevisionCompare *self = MB_REVISION_COMPARE (object);

  g_free (self->strategy_id);
  g_free (self->from_id);
  g_free (self->to_id);
  g_ptr_array_unref (self->side_ids);
  g_ptr_array_unref (self->side_names);
  G_OBJECT_CLASS (mb_revision_compare_parent_class)->finalize (object);
}

/* Shown again: what changed while hidden, compared now. */
static void
mb_revision_compare_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mb_revision_compare_parent_class)->map (widget);
  queue_refresh (MB_REVISION_COMPARE (widget));
}

static void
mb_revision_compare_class_init (MbRevisionCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_revision_compare_dispose;
  object_class->finalize = mb_revision_compare_finalize;
  widget_class->map = mb_revision_compare_map;

  signals[COMPARED] = g_signal_new ("compared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[GO_TO] = g_signal_new ("go-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                 G_TYPE_STRING);
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-revision-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, strategy_label);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, from_row);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, to_row);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, export_button);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, stack);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MbRevisionCompare, list_view);

  gtk_widget_class_install_action (widget_class, "compare.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "compare.export", "s", export_action);
  /* Escape leaves, from anywhere in the pane. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "compare.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mbrevisioncompare");
}

static void
mb_revision_compare_init (MbRevisionCompare *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->side_ids = g_ptr_array_new_with_free_func (g_free);
  self->side_names = g_ptr_array_new_with_free_func (g_free);
  self->items = g_list_store_new (MB_TYPE_CHANGE_ITEM);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_item_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_item_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->items)))));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (activate_cb), self, 0);
  g_signal_connect_object (self->from_row, "notify::selected", G_CALLBACK (side_selected_cb),
                           self, 0);
  g_signal_connect_object (self->to_row, "notify::selected", G_CALLBACK (side_selected_cb),
                           self, 0);
}

/* Public API */

GtkWidget *
mb_revision_compare_new (MbStore    *store,
                         const char *strategy_id,
                         const char *from_id)
{
  MbRevisionCompare *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  self = g_object_new (MB_TYPE_REVISION_COMPARE, NULL);
  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  /* A revision that is not there becomes the newest: fill_sides. */
  self->from_id = g_strdup (from_id != NULL && from_id[0] != '\0' ? from_id : "");
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  update_strategy_label (self);
  fill_sides (self);
  compare (self, FALSE);
  return GTK_WIDGET (self);
}

const char *
mb_revision_compare_get_strategy_id (MbRevisionCompare *self)
{
  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), NULL);
  return self->strategy_id;
}

const char *
mb_revision_compare_get_from_id (MbRevisionCompare *self)
{
  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), NULL);
  return self->from_id;
}

const char *
mb_revision_compare_get_to_id (MbRevisionCompare *self)
{
  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), NULL);
  return self->to_id;
}

void
mb_revision_compare_set_sides (MbRevisionCompare *self,
                               const char        *from_id,
                               const char        *to_id)
{
  int from, to;

  g_return_if_fail (MB_IS_REVISION_COMPARE (self));

  from = side_index (self, from_id);
  to = side_index (self, to_id);
  g_return_if_fail (from >= 0 && to >= 0);
  self->syncing++;
  adw_combo_row_set_selected (self->from_row, (guint) from);
  adw_combo_row_set_selected (self->to_row, (guint) to);
  self->syncing--;
  g_free (self->from_id);
  g_free (self->to_id);
  self->from_id = g_strdup (from_id);
  self->to_id = g_strdup (to_id);
  compare (self, FALSE);
}

GPtrArray *
mb_revision_compare_get_changes (MbRevisionCompare *self)
{
  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), NULL);
  return self->changes;
}

guint
mb_revision_compare_get_n_compares (MbRevisionCompare *self)
{
  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), 0);
  return self->n_compares;
}

GListModel *
mb_revision_compare_get_items (MbRevisionCompare *self)
{
  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
mb_revision_compare_export (MbRevisionCompare *self,
                            const char        *format,
                            const char        *path,
                            GError           **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MB_IS_REVISION_COMPARE (self), FALSE);

  if (self->changes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no comparison to export"));
      return FALSE;
    }
  if (g_strcmp0 (format, "csv") == 0)
    text = mb_changes_to_csv (self->changes);
  else
    text = mb_changes_to_json (self->changes, self->strategy_id,
                               side_name (self, self->from_id), side_name (self, self->to_id));
  if (!g_file_set_contents (path, text, -1, error))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_prefix_error (error, _("Could not write “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}
