/* mb-revisions-group.c – a strategy's revisions in its details: take, rename, delete, compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per revision, oldest first: its name, when it was taken and
 * whether the adoption took it, and a menu to compare it with now, rename
 * or delete it. "Take Revision…" asks a name. Each change is one store call
 * and one undo step; the rows are rebuilt from the store's "changed", never
 * after the call. Comparing is the window's (win.compare-revisions): the
 * comparison takes the details' place beside the canvas.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-format.h"
#include "mb-revisions-group.h"
#include "mb-review.h"

typedef void (*NameFunc) (MbRevisionsGroup *self,
                          const char       *revision_id,
                          const char       *name);

struct _MbRevisionsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned references */
  MbStore             *store;
  char                *strategy_id;
  GPtrArray           *rows;            /* the rows shown */
  char                *focus_revision;  /* whose menu to focus after the next rebuild */
  gboolean             focus_take;      /* or the Take button */

  /* Template-like children */
  GtkWidget           *take_button;
  GtkWidget           *compare_button;

  /* Borrowed references */
  AdwMessageDialog    *dialog;
};

G_DEFINE_FINAL_TYPE (MbRevisionsGroup, mb_revisions_group, ADW_TYPE_PREFERENCES_GROUP)

static void rebuild (MbRevisionsGroup *self);

static void
show_error (MbRevisionsGroup *self,
            GError           *error)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message))
    g_message ("%s", error->message);
}

static const char *
action_data (GSimpleAction *action,
             const char    *key)
{
  return g_object_get_data (G_OBJECT (action), key);
}

/* Asking a name: one dialog for Take and Rename */

static void
dialog_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "accept", name[0] != '\0');
}

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  MbRevisionsGroup *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "mb-entry");
  NameFunc func = g_object_get_data (G_OBJECT (dialog), "mb-func");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  self->dialog = NULL;
  if (g_str_equal (response, "accept") && name[0] != '\0')
    func (self, g_object_get_data (G_OBJECT (dialog), "mb-revision"), name);
}

static void
ask_name (MbRevisionsGroup *self,
          const char       *heading,
          const char       *body,
          const char       *accept_label,
          const char       *revision_id,
          const char       *initial,
          NameFunc          func)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_editable_set_text (GTK_EDITABLE (entry), initial);
  /* Enter accepts: the dialog's default response. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Revision Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect (entry, "changed", G_CALLBACK (dialog_entry_changed_cb), dialog);
  dialog_entry_changed_cb (GTK_EDITABLE (entry), dialog);

  g_object_set_data (G_OBJECT (dialog), "mb-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "mb-func", func);
  g_object_set_data_full (G_OBJECT (dialog), "mb-revision", g_strdup (revision_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* Taking */

static void
take_named (MbRevisionsGroup *self,
            const char       *revision_id,
            const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  self->focus_take = TRUE;
  id = mb_store_take_revision (self->store, self->strategy_id, name, &error);
  if (id == NULL)
    {
      self->focus_take = FALSE;
      show_error (self, error);
    }
}

static void
take_clicked_cb (GtkButton        *button,
                 MbRevisionsGroup *self)
{
  g_autofree char *suggestion = mb_revisions_group_suggest_name (self);

  ask_name (self, _("Take a Revision"),
            _("A revision keeps the strategy as it is now, to compare with later. Name it "
              "after the version it is, such as the decision that adopted it."),
            _("_Take Revision"), NULL, suggestion, take_named);
}

static void
compare_clicked_cb (GtkButton        *button,
                    MbRevisionsGroup *self)
{
  /* From the newest revision to now. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.compare-revisions", "(ss)",
                              self->strategy_id, "");
}

/* A revision's menu */

static void
compare_activate_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MbRevisionsGroup *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.compare-revisions", "(ss)",
                              self->strategy_id, action_data (action, "mb-revision"));
}

static void
rename_named (MbRevisionsGroup *self,
              const char       *revision_id,
              const char       *name)
{
  g_autoptr(GError) error = NULL;

  g_free (self->focus_revision);
  self->focus_revision = g_strdup (revision_id);
  if (!mb_store_rename_revision (self->store, revision_id, name, &error))
    {
      g_clear_pointer (&self->focus_revision, g_free);
      show_error (self, error);
    }
}

static void
rename_activate_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MbRevisionsGroup *self = user_data;
  const char *name = action_data (action, "mb-name");
  /* Translators: the heading of the dialog that renames a revision */
  g_autofree char *heading = g_strdup_printf (_("Rename “%s”"), name);

  ask_name (self, heading, NULL, _("_Rename"), action_data (action, "mb-revision"), name,
            rename_named);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MbRevisionsGroup *self)
{
  g_autoptr(GError) error = NULL;

  self->dialog = NULL;
  if (!g_str_equal (response, "delete"))
    return;
  self->focus_take = TRUE;
  if (!mb_store_delete_revision (self->store, g_object_get_data (G_OBJECT (dialog),
                                                                 "mb-revision"), &error))
    {
      self->focus_take = FALSE;
      show_error (self, error);
    }
}

static void
delete_activate_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MbRevisionsGroup *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), action_data (action, "mb-name"));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The strategy stays as it is; only this version of it "
                                     "goes. Undo brings it back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mb-revision",
                          g_strdup (action_data (action, "mb-revision")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbRevisionsGroup   *self)
{
  if (mb_store_changes_include (tables, "revisions"))
    rebuild (self);
}

/* Building */

static GtkWidget *
revision_row_new (MbRevisionsGroup *self,
                  MbRevision       *revision,
                  gboolean          editable)
{
  static const GActionEntry entries[] = {
    { "compare", compare_activate_cb, NULL, NULL, NULL, { 0 } },
    { "rename", rename_activate_cb, NULL, NULL, NULL, { 0 } },
    { "delete", delete_activate_cb, NULL, NULL, NULL, { 0 } },
  };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *taken = mb_format_date_time (revision->taken);
  g_autofree char *subtitle = NULL;
  /* Translators: the accessible name of a revision's menu; %s is the revision */
  g_autofree char *menu_label = g_strdup_printf (_("Actions for “%s”"), revision->name);

  /* Translators: a revision that the adoption of its strategy took, and when */
  subtitle = revision->automatic ? g_strdup_printf (_("%s · taken at adoption"), taken)
                                 : g_steal_pointer (&taken);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), revision->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (revision->automatic)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Taken when the strategy was adopted"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Taken when the strategy was adopted"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (actions), entries[i].name);

      g_object_set_data_full (G_OBJECT (action), "mb-revision", g_strdup (revision->id), g_free);
      g_object_set_data_full (G_OBJECT (action), "mb-name", g_strdup (revision->name), g_free);
      if (i > 0)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), editable);
    }
  gtk_widget_insert_action_group (row, "revision", G_ACTION_GROUP (actions));

  g_menu_append (menu, _("_Compare With Now"), "revision.compare");
  {
    /* The window's own actions, with the revision as their target. */
    static const struct { const char *label, *action; gboolean edits; } window_items[] = {
      { N_("_Open Read-Only"), "win.open-revision", TRUE },
      { N_("_Export as JSON…"), "win.export-revision", FALSE },
      { N_("Re_store…"), "win.restore-revision", TRUE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (window_items); i++)
      {
        g_autoptr(GMenuItem) item = NULL;

        /* In review a revision can be compared and exported, not opened
         * over the review or restored. */
        if (window_items[i].edits && !editable)
          continue;
        item = g_menu_item_new (_(window_items[i].label), NULL);
        g_menu_item_set_action_and_target_value (item, window_items[i].action,
                                                 g_variant_new_string (revision->id));
        g_menu_append_item (menu, item);
      }
  }
  g_menu_append (menu, _("_Rename…"), "revision.rename");
  g_menu_append (menu, _("_Delete…"), "revision.delete");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Compare, Open, Export, Restore, Rename or Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  g_object_set_data_full (G_OBJECT (row), "mb-revision", g_strdup (revision->id), g_free);
  g_object_set_data (G_OBJECT (row), "mb-menu", menu_button);
  return row;
}

static void
rebuild (MbRevisionsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = mb_store_list_revisions (self->store, self->strategy_id,
                                                            &error);
  gboolean editable = mb_review_store_is_editable (self->store);
  GtkWidget *focus = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (revisions == NULL)
    show_error (self, error);
  for (guint i = 0; revisions != NULL && i < revisions->len; i++)
    {
      MbRevision *revision = g_ptr_array_index (revisions, i);
      GtkWidget *row = revision_row_new (self, revision, editable);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      if (g_strcmp0 (self->focus_revision, revision->id) == 0)
        focus = g_object_get_data (G_OBJECT (row), "mb-menu");
    }
  if (self->rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No revisions yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Take one to keep this version of the strategy."));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_sensitive (self->compare_button, revisions != NULL && revisions->len > 0);

  if (self->focus_take)
    focus = self->take_button;
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_clear_pointer (&self->focus_revision, g_free);
  self->focus_take = FALSE;
}

/* GObject */

static void
mb_revisions_group_dispose (GObject *object)
{
  MbRevisionsGroup *self = MB_REVISIONS_GROUP (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mb_revisions_group_parent_class)->dispose (object);
}

static void
mb_revisions_group_finalize (GObject *object)
{
  MbRevisionsGroup *self = MB_REVISIONS_GROUP (object);

  g_free (self->strategy_id);
  g_free (self->focus_revision);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (mb_revisions_group_parent_class)->finalize (object);
}

static void
mb_revisions_group_class_init (MbRevisionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_revisions_group_dispose;
  object_class->finalize = mb_revisions_group_finalize;
}

static void
mb_revisions_group_init (MbRevisionsGroup *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Revisions"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Versions of the strategy kept as they were, to "
                                           "compare with one another or with now."));

  self->compare_button = gtk_button_new_with_mnemonic (_("C_ompare…"));
  gtk_widget_set_tooltip_text (self->compare_button,
                               _("See what changed since the newest revision"));
  g_signal_connect_object (self->compare_button, "clicked", G_CALLBACK (compare_clicked_cb),
                           self, 0);
  gtk_box_append (GTK_BOX (buttons), self->compare_button);
  self->take_button = gtk_button_new_with_mnemonic (_("_Take Revision…"));
  gtk_widget_set_tooltip_text (self->take_button, _("Keep the strategy as it is now"));
  g_signal_connect_object (self->take_button, "clicked", G_CALLBACK (take_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), self->take_button);
  /* Below the list, not beside the title: the description keeps the
   * panel's width. */
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), buttons);
}

GtkWidget *
mb_revisions_group_new (MbStore    *store,
                        const char *strategy_id)
{
  MbRevisionsGroup *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  self = g_object_new (MB_TYPE_REVISIONS_GROUP, NULL);
  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  /* A reviewer compares, but takes, renames and deletes nothing. */
  gtk_widget_set_visible (self->take_button, mb_review_store_is_editable (store));
  rebuild (self);
  return GTK_WIDGET (self);
}

char *
mb_revisions_group_suggest_name (MbRevisionsGroup *self)
{
  g_autoptr(MbRecord) strategy = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  const char *name = NULL;

  g_return_val_if_fail (MB_IS_REVISIONS_GROUP (self), NULL);

  strategy = mb_store_get_record (self->store, "strategies", self->strategy_id, NULL);
  if (strategy != NULL)
    name = mb_record_get_string (strategy, "short_name");
  if (strategy != NULL && (name == NULL || *name == '\0'))
    name = mb_record_get_title (strategy);
  /* Translators: a new revision's suggested name: the strategy's short name, and the date */
  return g_strdup_printf (_("%s, %s"), name ? name : "", date);
}

AdwMessageDialog *
mb_revisions_group_get_dialog (MbRevisionsGroup *self)
{
  g_return_val_if_fail (MB_IS_REVISIONS_GROUP (self), NULL);
  return self->dialog;
}
