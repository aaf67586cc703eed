/* mb-levels-group.c – a strategy's levels in its details: rename, add, remove, reorder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per level, top to bottom: its name to edit in place (applied with
 * Enter or the apply button), and buttons to move it up or down and to
 * remove it; a last row adds a level. Each is one store call and one undo
 * step; the rows are rebuilt from the store's "changed", never patched.
 * Removing a level that holds nodes asks where the nodes go.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-levels-group.h"
#include "mb-review.h"

struct _MbLevelsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned references */
  MbStore             *store;
  char                *strategy_id;
  GPtrArray           *rows;            /* the level rows shown, in order */
  GtkWidget           *add_row;
  char                *focus_level;     /* to focus after the next rebuild */
  char                *focus_control;   /* "name", "menu", "add" */

  /* Borrowed references */
  AdwMessageDialog    *remove_dialog;
};

G_DEFINE_FINAL_TYPE (MbLevelsGroup, mb_levels_group, ADW_TYPE_PREFERENCES_GROUP)

static void rebuild (MbLevelsGroup *self);

static void
show_error (MbLevelsGroup *self,
            GError        *error)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message))
    g_message ("%s", error->message);
}

static const char *
action_level (GSimpleAction *action)
{
  return g_object_get_data (G_OBJECT (action), "mb-level");
}

static void
remember_focus (MbLevelsGroup *self,
                const char    *level_id,
                const char    *control)
{
  g_free (self->focus_level);
  g_free (self->focus_control);
  self->focus_level = g_strdup (level_id);
  self->focus_control = g_strdup (control);
}

/* Callbacks */

static void
name_apply_cb (AdwEntryRow   *row,
               MbLevelsGroup *self)
{
  g_autoptr(GError) error = NULL;
  const char *level_id = g_object_get_data (G_OBJECT (row), "mb-level");
  const char *shown = g_object_get_data (G_OBJECT (row), "mb-shown");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  /* Unchanged: a built-in name stays built-in (and in the UI's language). */
  if (g_strcmp0 (shown, text) == 0)
    return;
  remember_focus (self, level_id, "name");
  if (!mb_store_rename_level (self->store, level_id, text, &error))
    {
      show_error (self, error);
      gtk_editable_set_text (GTK_EDITABLE (row), shown);
    }
}

static void
move_activate_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MbLevelsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *level_id = action_level (action);
  int delta = g_str_equal (g_action_get_name (G_ACTION (action)), "move-up") ? -1 : 1;
  int position = -1;

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->rows, i), "mb-level"),
                   level_id) == 0)
      position = (int) i + delta;
  if (position < 0 || position >= (int) self->rows->len)
    return;
  /* The focus stays with the level that moved. */
  remember_focus (self, level_id, "menu");
  if (!mb_store_move_level (self->store, level_id, position, &error))
    show_error (self, error);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MbLevelsGroup    *self)
{
  g_autoptr(GError) error = NULL;
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  const char *level_id = g_object_get_data (G_OBJECT (dialog), "mb-level");
  g_autoptr(MbRecord) target = NULL;

  self->remove_dialog = NULL;
  if (!g_str_equal (response, "move") || drop_down == NULL)
    return;
  target = g_object_ref (gtk_drop_down_get_selected_item (drop_down));
  if (target != NULL &&
      !mb_store_remove_level (self->store, level_id, mb_record_get_id (target), &error))
    show_error (self, error);
}

/* The other levels of the strategy, for the dialog's drop-down. */
static GListModel *
other_levels (MbLevelsGroup *self,
              const char    *level_id)
{
  g_autoptr(GListModel) levels = mb_store_list_levels (self->store, self->strategy_id);
  GListStore *others = g_list_store_new (MB_TYPE_RECORD);

  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(MbRecord) level = g_list_model_get_item (levels, i);

      if (g_strcmp0 (mb_record_get_id (level), level_id) != 0)
        g_list_store_append (others, level);
    }
  return G_LIST_MODEL (others);
}

static void
ask_where_nodes_go (MbLevelsGroup *self,
                    const char    *level_id,
                    const char    *level_name,
                    gint64         n_nodes)
{
  g_autoptr(GListModel) others = other_levels (self, level_id);
  g_autoptr(MbRecord) strategy = mb_store_get_record (self->store, "strategies",
                                                      self->strategy_id, NULL);
  const char *short_name = strategy ? mb_record_get_string (strategy, "short_name") : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), level_name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (short_name == NULL || *short_name == '\0')
    short_name = strategy ? mb_record_get_title (strategy) : "";
  if (g_list_model_get_n_items (others) > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d node of “%s” is on this level. Choose the level it "
                                         "moves to.",
                                         "%d nodes of “%s” are on this level. Choose the level "
                                         "they move to.", (gulong) n_nodes),
                            (int) n_nodes, short_name);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d node of “%s” is on this level, and there is no "
                                         "other level to move it to. Add a level first.",
                                         "%d nodes of “%s” are on this level, and there is no "
                                         "other level to move them to. Add a level first.",
                                         (gulong) n_nodes),
                            (int) n_nodes, short_name);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  g_object_set_data_full (G_OBJECT (dialog), "mb-level", g_strdup (level_id), g_free);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (g_list_model_get_n_items (others) > 0)
    {
      GtkExpression *expression = gtk_property_expression_new (MB_TYPE_RECORD, NULL, "title");
      GtkWidget *drop_down = gtk_drop_down_new (g_object_ref (others), expression);

      gtk_widget_set_tooltip_text (drop_down, _("Move the nodes to"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move the nodes to"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "move",
                                       _("_Move and Remove"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  self->remove_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_activate_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MbLevelsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *level_id = action_level (action);
  gint64 n_nodes = mb_store_count_level_nodes (self->store, level_id, &error);

  if (n_nodes < 0)
    show_error (self, error);
  else if (n_nodes > 0)
    ask_where_nodes_go (self, level_id, g_object_get_data (G_OBJECT (action), "mb-shown"),
                        n_nodes);
  else if (!mb_store_remove_level (self->store, level_id, NULL, &error))
    show_error (self, error);
}

static void
add_apply_cb (AdwEntryRow   *row,
              MbLevelsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = mb_store_create_level (self->store, self->strategy_id, -1,
                              gtk_editable_get_text (GTK_EDITABLE (row)), NULL, &error);
  if (id == NULL)
    {
      show_error (self, error);
      return;
    }
  remember_focus (self, NULL, "add");
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbLevelsGroup      *self)
{
  if (mb_store_changes_include (tables, "levels"))
    rebuild (self);
}

/* Building */

static GtkWidget *
level_row_new (MbLevelsGroup *self,
               MbRecord      *level,
               guint          index,
               guint          n_levels)
{
  static const GActionEntry entries[] = {
    { "move-up", move_activate_cb, NULL, NULL, NULL, { 0 } },
    { "move-down", move_activate_cb, NULL, NULL, NULL, { 0 } },
    { "remove", remove_activate_cb, NULL, NULL, NULL, { 0 } },
  };
  const char *name = mb_record_get_title (level);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  /* Translators: the accessible name of a level's name field, "Level 2" */
  g_autofree char *title = g_strdup_printf (_("Level %u"), index + 1);
  /* Translators: the accessible name of a level's menu; %s is the level */
  g_autofree char *menu_label = g_strdup_printf (_("Actions for “%s”"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  g_object_set_data_full (G_OBJECT (row), "mb-level", g_strdup (mb_record_get_id (level)),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "mb-shown", g_strdup (name), g_free);
  g_signal_connect_object (row, "apply", G_CALLBACK (name_apply_cb), self, 0);

  /* Moving and removing, in a menu: the name keeps the row's width. */
  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (actions), entries[i].name);

      g_object_set_data_full (G_OBJECT (action), "mb-level",
                              g_strdup (mb_record_get_id (level)), g_free);
      g_object_set_data_full (G_OBJECT (action), "mb-shown", g_strdup (name), g_free);
    }
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
    G_ACTION_MAP (actions), "move-up")), index > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
    G_ACTION_MAP (actions), "move-down")), index + 1 < n_levels);
  gtk_widget_insert_action_group (row, "level", G_ACTION_GROUP (actions));
  g_object_set_data_full (G_OBJECT (row), "mb-actions", g_object_ref (actions), g_object_unref);

  g_menu_append (menu, _("Move _Up"), "level.move-up");
  g_menu_append (menu, _("Move _Down"), "level.move-down");
  g_menu_append (menu, _("_Remove Level"), "level.remove");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Move or Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  g_object_set_data (G_OBJECT (row), "mb-menu", menu_button);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), menu_button);
  return row;
}

static void
rebuild (MbLevelsGroup *self)
{
  g_autoptr(GListModel) levels = mb_store_list_levels (self->store, self->strategy_id);
  guint n_levels = g_list_model_get_n_items (levels);
  GtkWidget *focus = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (self->add_row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->add_row);

  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(MbRecord) level = g_list_model_get_item (levels, i);
      GtkWidget *row = level_row_new (self, level, i, n_levels);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      if (g_strcmp0 (self->focus_level, mb_record_get_id (level)) == 0)
        focus = g_str_equal (self->focus_control, "name")
                ? row : g_object_get_data (G_OBJECT (row), "mb-menu");
    }

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add a Level"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  g_signal_connect_object (self->add_row, "apply", G_CALLBACK (add_apply_cb), self, 0);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (self->add_row),
                            gtk_image_new_from_icon_name ("list-add-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->add_row);
  if (g_strcmp0 (self->focus_control, "add") == 0)
    focus = self->add_row;

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_clear_pointer (&self->focus_level, g_free);
  g_clear_pointer (&self->focus_control, g_free);
}

/* GObject */

static void
mb_levels_group_dispose (GObject *object)
{
  MbLevelsGroup *self = MB_LEVELS_GROUP (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mb_levels_group_parent_class)->dispose (object);
}

static void
mb_levels_group_finalize (GObject *object)
{
  MbLevelsGroup *self = MB_LEVELS_GROUP (object);

  g_free (self->strategy_id);
  g_free (self->focus_level);
  g_free (self->focus_control);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (mb_levels_group_parent_class)->finalize (object);
}

static void
mb_levels_group_class_init (MbLevelsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_levels_group_dispose;
  object_class->finalize = mb_levels_group_finalize;
}

static void
mb_levels_group_init (MbLevelsGroup *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Levels"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("The goal structure’s levels, from the top. A name "
                                           "you type stays as written."));
}

GtkWidget *
mb_levels_group_new (MbStore    *store,
                     const char *strategy_id)
{
  MbLevelsGroup *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  self = g_object_new (MB_TYPE_LEVELS_GROUP, NULL);
  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  rebuild (self);
  /* A reviewer sees the levels but cannot change them. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), mb_review_store_is_editable (store));
  return GTK_WIDGET (self);
}

AdwMessageDialog *
mb_levels_group_get_remove_dialog (MbLevelsGroup *self)
{
  g_return_val_if_fail (MB_IS_LEVELS_GROUP (self), NULL);
  return self->remove_dialog;
}
