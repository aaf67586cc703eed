/* mb-details-panel.c – the editor of the selected item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows MbSelection: whatever is selected (a goal on the canvas, a project
 * in a list, a row the panel itself jumped to) gets its editor here. The
 * editors themselves are in mb-editors.c; the panel owns the frame: the
 * header with the kind and title, the empty state, deleting, and keeping the
 * editor in step with the store.
 *
 * While the panel is hidden (the flap closed) it builds nothing and drops
 * its editor at the first change: a selection must not rebuild a form
 * nobody sees. It catches up when it is shown, or when asked for its form.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-record.h"

#include "mb-conflict-dialog.h"
#include "mb-details-panel.h"
#include "mb-editors.h"
#include "mb-levels-group.h"
#include "mb-revisions-group.h"
#include "mb-form.h"
#include "mb-review.h"
#include "mb-selection.h"

struct _MbDetailsPanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkBox         *content;
  GtkLabel       *kind_label;
  GtkLabel       *changed_label;
  GtkLabel       *title_label;
  GtkWidget      *delete_button;

  /* Owned references */
  MbStore        *store;
  MbSelection    *selection;
  MbCatalogue    *catalogue;
  char           *kind;
  char           *id;
  GtkWidget      *editor;       /* child of content, or NULL */
  GtkWidget      *explore;      /* a node's contributions, child of content, or NULL */
  GtkWidget      *review;       /* comments, or a strategy's conflicts; likewise */
  GtkWidget      *levels;       /* a strategy's levels; likewise */
  GtkWidget      *revisions;    /* a strategy's revisions; likewise */
  GWeakRef        picker;
  gboolean        catalogue_failed;
  /* The editor (or its absence) no longer matches the selection and the
   * store: changes came while the panel was hidden. */
  gboolean        stale;
  guint           drop_source;  /* drops a stale editor once the change is over */
};

G_DEFINE_FINAL_TYPE (MbDetailsPanel, mb_details_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  PROP_CATALOGUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The title of @kind @id, or NULL. */
static char *
record_title (MbDetailsPanel *self,
              const char     *kind,
              const char     *id)
{
  g_autoptr(MbRecord) record = id ? mb_store_get_record (self->store, kind, id, NULL) : NULL;

  return record ? g_strdup (mb_record_get_title (record)) : NULL;
}

/* On a shared library: who last changed the item, and when. */
static void
update_changed (MbDetailsPanel *self)
{
  g_autofree char *author = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;

  if (!mb_store_get_last_change (self->store, self->kind, self->id, &author, &when) ||
      author == NULL || when == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->changed_label), FALSE);
      return;
    }
  time = mb_format_change_time (when);
  /* Translators: %1$s is a user name, %2$s a moment ("7 December 10:42") */
  text = g_strdup_printf (_("Changed by %1$s, %2$s"), author, time);
  gtk_label_set_text (self->changed_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->changed_label), TRUE);
}

static void
update_header (MbDetailsPanel *self)
{
  g_autoptr(MbRecord) record = mb_store_get_record (self->store, self->kind, self->id, NULL);
  const char *kind_label = mb_editors_kind_label (self->kind);
  g_autofree char *level = NULL;
  g_autofree char *title = NULL;

  if (record == NULL)
    return;
  if (g_strcmp0 (self->kind, MB_KIND_NODE) == 0)
    /* A node is named by its level: "Priority", "Intervention". */
    {
      const char *level_id = mb_record_get_string (record, "level_id");
      g_autoptr(MbRecord) row = level_id ? mb_store_get_record (self->store, "levels", level_id,
                                                                NULL) : NULL;

      if (row != NULL)
        level = g_strdup (mb_scheme_level_display_name (mb_record_get_string (row, "name"),
                                                        mb_record_get_string (row, "name_sv")));
    }
  if (g_strcmp0 (self->kind, MB_KIND_LINK) == 0)
    {
      /* A link has no title of its own: name its ends. */
      g_autofree char *from = record_title (self, "nodes",
                                            mb_record_get_string (record, "from_node_id"));
      g_autofree char *to = record_title (self, "nodes",
                                          mb_record_get_string (record, "to_node_id"));

      title = g_strdup_printf ("%s → %s", from ? from : "", to ? to : "");
    }
  else
    title = g_strdup (mb_record_get_title (record));
  gtk_label_set_text (self->kind_label, level ? level : kind_label);
  gtk_label_set_text (self->title_label, title ? title : "");
  update_changed (self);
}

static void
remove_editor (MbDetailsPanel *self)
{
  if (self->editor != NULL)
    gtk_box_remove (self->content, self->editor);
  if (self->explore != NULL)
    gtk_box_remove (self->content, self->explore);
  if (self->review != NULL)
    gtk_box_remove (self->content, self->review);
  if (self->levels != NULL)
    gtk_box_remove (self->content, self->levels);
  if (self->revisions != NULL)
    gtk_box_remove (self->content, self->revisions);
  self->editor = NULL;
  self->levels = NULL;
  self->revisions = NULL;
  self->explore = NULL;
  self->review = NULL;
}

static void
explore_row_activated_cb (AdwActionRow   *row,
                          MbDetailsPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contributions", "(ss)", self->id,
                              g_object_get_data (G_OBJECT (row), "mb-direction"));
}

static GtkWidget *
explore_row_new (MbDetailsPanel *self,
                 const char     *title,
                 const char     *subtitle,
                 const char     *direction)
{
  GtkWidget *row = adw_action_row_new ();

  mb_form_keep_words_whole (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "mb-direction", (gpointer) direction);
  g_signal_connect_object (row, "activated", G_CALLBACK (explore_row_activated_cb), self, 0);
  return row;
}

/* The parts that are not the entity's own fields: where a node leads, and
 * what reviewers said. They work in review mode too. */
static void
build_extras (MbDetailsPanel *self)
{
  if (g_strcmp0 (self->kind, MB_KIND_NODE) == 0)
    {
      self->explore = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->explore),
                                       _("Follow the Goal"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->explore),
                                 explore_row_new (self, _("What Contributes to This?"),
                                                  _("Goals, projects, funding and indicators "
                                                    "below it, across strategies"),
                                                  "down"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->explore),
                                 explore_row_new (self, _("What Does This Serve?"),
                                                  _("The goals above it, up to the vision"),
                                                  "up"));
      gtk_box_insert_child_after (self->content, self->explore,
                                  gtk_widget_get_first_child (GTK_WIDGET (self->content)));
    }

  if (g_strcmp0 (self->kind, MB_KIND_NODE) == 0 || g_strcmp0 (self->kind, MB_KIND_LINK) == 0)
    self->review = mb_comments_group_new (self->store, self->kind, self->id);
  else if (g_strcmp0 (self->kind, MB_KIND_STRATEGY) == 0)
    self->review = mb_strategy_review_new (self->store, self->id);

  if (g_strcmp0 (self->kind, MB_KIND_STRATEGY) == 0)
    {
      self->levels = mb_levels_group_new (self->store, self->id);
      gtk_box_insert_child_after (self->content, self->levels, self->editor);
      self->revisions = mb_revisions_group_new (self->store, self->id);
      gtk_box_insert_child_after (self->content, self->revisions, self->levels);
    }

  if (self->review != NULL)
    gtk_box_append (self->content, self->review);
}

static void
rebuild (MbDetailsPanel *self)
{
  const char *kind = self->selection ? mb_selection_get_kind (self->selection) : NULL;
  const char *id = self->selection ? mb_selection_get_id (self->selection) : NULL;
  g_autoptr(MbRecord) row = NULL;

  if (self->editor != NULL && g_strcmp0 (kind, self->kind) == 0 &&
      g_strcmp0 (id, self->id) == 0)
    return;

  remove_editor (self);
  g_free (self->kind);
  g_free (self->id);
  self->kind = g_strdup (kind);
  self->id = g_strdup (id);

  if (self->store != NULL && kind != NULL && id != NULL &&
      (row = mb_store_get_record (self->store, kind, id, NULL)) != NULL)
    self->editor = mb_editors_build (self, kind, id);

  if (self->editor == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_box_append (self->content, self->editor);
  build_extras (self);
  update_header (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.delete",
                                 mb_review_store_is_editable (self->store));
  gtk_widget_set_visible (self->delete_button, mb_review_store_is_editable (self->store));
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

static gboolean
drop_stale_editor_cb (gpointer data)
{
  MbDetailsPanel *self = data;

  self->drop_source = 0;
  if (self->stale)
    remove_editor (self);
  return G_SOURCE_REMOVE;
}

/* Builds the editor now if the panel is shown, else at its next map. A
 * hidden panel's editor goes too, but not at once: the change may come from
 * that editor itself (a field committed as the panel closes), which is still
 * in the middle of it. */
static void
update (MbDetailsPanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      rebuild (self);
      return;
    }
  self->stale = TRUE;
  if (self->drop_source == 0)
    self->drop_source = g_idle_add (drop_stale_editor_cb, self);
}

static void
catch_up (MbDetailsPanel *self)
{
  if (!self->stale)
    return;
  self->stale = FALSE;
  rebuild (self);
}

static void
selection_changed_cb (MbSelection    *selection,
                      MbDetailsPanel *self)
{
  update (self);
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbDetailsPanel     *self)
{
  g_autoptr(MbRecord) row = NULL;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      update (self);
      return;
    }
  if (self->editor == NULL)
    return;
  row = mb_store_get_record (self->store, self->kind, self->id, NULL);
  if (row == NULL)
    {
      /* Deleted (or undone): nothing left to show. */
      remove_editor (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  update_header (self);
  mb_editors_refresh (self->editor, tables);
}

static void
show_toast (MbDetailsPanel *self,
            const char     *message)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message))
    g_message ("%s", message);
}

static void
delete_now (MbDetailsPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!mb_store_delete (self->store, self->kind, self->id, &error))
    show_toast (self, error->message);
  else if (self->selection)
    mb_selection_clear (self->selection);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MbDetailsPanel   *self)
{
  if (g_str_equal (response, "delete"))
    delete_now (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbDetailsPanel *self = MB_DETAILS_PANEL (widget);
  MbNodeDeletion what = { 0 };
  GtkRoot *root;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (self->editor == NULL)
    return;

  /* Undo brings anything back; ask only when more goes than the node itself. */
  if (g_strcmp0 (self->kind, MB_KIND_NODE) != 0 ||
      !mb_store_describe_node_deletion (self->store, self->id, &what, NULL) ||
      (what.n_descendants == 0 && what.n_links == 0))
    {
      delete_now (self);
      return;
    }

  root = gtk_widget_get_root (widget);
  heading = g_strdup_printf (_("Delete “%s”?"), gtk_label_get_text (self->title_label));
  body = g_strdup_printf (_("%u goals below it and %u links go with it. Undo brings them back."),
                          what.n_descendants, what.n_links);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
mb_details_panel_map (GtkWidget *widget)
{
  /* Before the children are mapped, so that a new editor is mapped with them. */
  catch_up (MB_DETAILS_PANEL (widget));
  GTK_WIDGET_CLASS (mb_details_panel_parent_class)->map (widget);
}

static void
mb_details_panel_dispose (GObject *object)
{
  MbDetailsPanel *self = MB_DETAILS_PANEL (object);

  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_handle_id (&self->drop_source, g_source_remove);
  self->editor = NULL;
  self->explore = NULL;
  self->review = NULL;
  self->levels = NULL;
  self->revisions = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_DETAILS_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->catalogue);
  g_weak_ref_set (&self->picker, NULL);

  G_OBJECT_CLASS (mb_details_panel_parent_class)->dispose (object);
}

static void
mb_details_panel_finalize (GObject *object)
{
  MbDetailsPanel *self = MB_DETAILS_PANEL (object);

  g_free (self->kind);
  g_free (self->id);
  g_weak_ref_clear (&self->picker);

  G_OBJECT_CLASS (mb_details_panel_parent_class)->finalize (object);
}

static void
mb_details_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MbDetailsPanel *self = MB_DETAILS_PANEL (object);

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
mb_details_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MbDetailsPanel *self = MB_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mb_details_panel_set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      mb_details_panel_set_selection (self, g_value_get_object (value));
      break;
    case PROP_CATALOGUE:
      mb_details_panel_set_catalogue (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_details_panel_class_init (MbDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_details_panel_dispose;
  object_class->finalize = mb_details_panel_finalize;
  object_class->get_property = mb_details_panel_get_property;
  object_class->set_property = mb_details_panel_set_property;
  widget_class->map = mb_details_panel_map;

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-details-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MbDetailsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MbDetailsPanel, content);
  gtk_widget_class_bind_template_child (widget_class, MbDetailsPanel, kind_label);
  gtk_widget_class_bind_template_child (widget_class, MbDetailsPanel, changed_label);
  gtk_widget_class_bind_template_child (widget_class, MbDetailsPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, MbDetailsPanel, delete_button);

  gtk_widget_class_install_action (widget_class, "details.delete", NULL, delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mbdetailspanel");
}

static void
mb_details_panel_init (MbDetailsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&self->picker, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.delete", FALSE);
}

/* Public API */

GtkWidget *
mb_details_panel_new (MbStore     *store,
                      MbSelection *selection)
{
  return g_object_new (MB_TYPE_DETAILS_PANEL,
                       "store", store,
                       "selection", selection,
                       NULL);
}

MbStore *
mb_details_panel_get_store (MbDetailsPanel *self)
{
  g_return_val_if_fail (MB_IS_DETAILS_PANEL (self), NULL);
  return self->store;
}

void
mb_details_panel_set_store (MbDetailsPanel *self,
                            MbStore        *store)
{
  g_return_if_fail (MB_IS_DETAILS_PANEL (self));
  g_return_if_fail (store == NULL || MB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* The editor belongs to the old store. */
  remove_editor (self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MbSelection *
mb_details_panel_get_selection (MbDetailsPanel *self)
{
  g_return_val_if_fail (MB_IS_DETAILS_PANEL (self), NULL);
  return self->selection;
}

void
mb_details_panel_set_selection (MbDetailsPanel *self,
                                MbSelection    *selection)
{
  g_return_if_fail (MB_IS_DETAILS_PANEL (self));
  g_return_if_fail (selection == NULL || MB_IS_SELECTION (selection));

  if (self->selection == selection)
    return;
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection)
    g_signal_connect (selection, "changed", G_CALLBACK (selection_changed_cb), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

MbCatalogue *
mb_details_panel_get_catalogue (MbDetailsPanel *self)
{
  g_return_val_if_fail (MB_IS_DETAILS_PANEL (self), NULL);

  if (self->catalogue == NULL && !self->catalogue_failed)
    {
      g_autoptr(GError) error = NULL;

      self->catalogue = mb_catalogue_new_default (&error);
      if (self->catalogue == NULL)
        {
          /* Pickers then offer the library only; say why once. */
          self->catalogue_failed = TRUE;
          show_toast (self, error->message);
        }
    }
  return self->catalogue;
}

void
mb_details_panel_set_catalogue (MbDetailsPanel *self,
                                MbCatalogue    *catalogue)
{
  g_return_if_fail (MB_IS_DETAILS_PANEL (self));

  if (g_set_object (&self->catalogue, catalogue))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOGUE]);
}

GtkWidget *
mb_details_panel_get_form (MbDetailsPanel *self)
{
  g_return_val_if_fail (MB_IS_DETAILS_PANEL (self), NULL);

  catch_up (self);
  return self->editor ? mb_editors_get_form (self->editor) : NULL;
}

GtkWindow *
mb_details_panel_get_picker (MbDetailsPanel *self)
{
  GtkWindow *picker;

  g_return_val_if_fail (MB_IS_DETAILS_PANEL (self), NULL);

  picker = g_weak_ref_get (&self->picker);
  if (picker)
    g_object_unref (picker);   /* the window keeps itself alive while open */
  return picker;
}

void
_mb_details_panel_track_picker (MbDetailsPanel *self,
                                GtkWindow      *picker)
{
  g_return_if_fail (MB_IS_DETAILS_PANEL (self));
  g_weak_ref_set (&self->picker, picker);
}
