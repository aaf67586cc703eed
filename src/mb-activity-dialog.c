/* mb-activity-dialog.c – logs one activity of a strategy's work
 *
 * Kind, title, when (periods as people write them), participants,
 * registration number, reference, the organisations that took part (each
 * with its sector) and the goals it served. Add is one
 * mb_follow_up_create_activity(): one action, one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-follow-up-goals.h"
#include "core/mb-store-list-model.h"
#include "mb-activity-dialog.h"

struct _MbActivityDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkLabel             *error_label;
  AdwComboRow          *kind_row;
  AdwEntryRow          *title_row;
  AdwEntryRow          *start_row;
  AdwEntryRow          *end_row;
  AdwEntryRow          *participants_row;
  AdwEntryRow          *registration_row;
  AdwEntryRow          *reference_row;
  AdwEntryRow          *description_row;
  AdwPreferencesGroup  *organisations_group;
  AdwPreferencesGroup  *goals_group;

  /* Owned references */
  MbStore              *store;
  char                 *strategy_id;
  GHashTable           *organisation_checks;  /* id → GtkCheckButton */
  GHashTable           *goal_checks;          /* id → GtkCheckButton */
};

G_DEFINE_FINAL_TYPE (MbActivityDialog, mb_activity_dialog, ADW_TYPE_WINDOW)

static void
show_error (MbActivityDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GtkWidget *
add_check_row (AdwPreferencesGroup *group,
               GHashTable          *checks,
               const char          *id,
               const char          *title,
               const char          *subtitle,
               guint                indent)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  /* The row's title names the check (the row relates them): a label of its
   * own as well made GTK 4.8 say the name twice. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (indent > 0)
    gtk_widget_set_margin_start (check, 18 * indent);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (checks, g_strdup (id), check);
  return row;
}

static void
fill_choices (MbActivityDialog *self)
{
  g_autoptr(GListModel) organisations = mb_store_list_organisations (self->store);
  g_autoptr(GPtrArray) tree = mb_store_query_tree (self->store, self->strategy_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (organisations); i++)
    {
      g_autoptr(MbRecord) r = g_list_model_get_item (organisations, i);
      MbSector sector = MB_SECTOR_PUBLIC;

      mb_sector_from_string (mb_record_get_string (r, "sector"), &sector);
      add_check_row (self->organisations_group, self->organisation_checks, mb_record_get_id (r),
                     mb_record_get_string (r, "name"), mb_sector_get_label (sector), 0);
    }
  if (g_list_model_get_n_items (organisations) == 0)
    adw_preferences_group_set_description (self->organisations_group,
                                           _("The library has no organisations yet."));

  for (guint i = 0; tree != NULL && i < tree->len; i++)
    {
      MbRecord *r = g_ptr_array_index (tree, i);
      const char *code = mb_record_get_string (r, "code");
      g_autofree char *title = code && *code
        ? g_strdup_printf ("%s %s", code, mb_record_get_title (r))
        : g_strdup (mb_record_get_title (r));

      add_check_row (self->goals_group, self->goal_checks, mb_record_get_id (r), title, NULL,
                     mb_record_get_depth (r));
    }
}

static char **
chosen_ids (GHashTable *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_strv_builder_add (builder, key);
  return g_strv_builder_end (builder);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
parse_period (AdwEntryRow  *row,
              MbPeriod     *period,
              char        **message)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));
  g_autoptr(GError) error = NULL;

  *period = (MbPeriod) { 0 };
  if (*text == '\0')
    return TRUE;
  if (mb_period_parse (text, period, &error))
    return TRUE;
  *message = g_strdup_printf ("%s: %s",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              error->message);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return FALSE;
}

static void
add_clicked_cb (MbActivityDialog *self)
{
  g_autofree char *id = mb_activity_dialog_add (self);
}

static void
mb_activity_dialog_dispose (GObject *object)
{
  MbActivityDialog *self = MB_ACTIVITY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_ACTIVITY_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->strategy_id, g_free);
  g_clear_pointer (&self->organisation_checks, g_hash_table_unref);
  g_clear_pointer (&self->goal_checks, g_hash_table_unref);
  G_OBJECT_CLASS (mb_activity_dialog_parent_class)->dispose (object);
}

static void
mb_activity_dialog_class_init (MbActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_activity_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, participants_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, registration_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, reference_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, organisations_group);
  gtk_widget_class_bind_template_child (widget_class, MbActivityDialog, goals_group);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
mb_activity_dialog_init (MbActivityDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->organisation_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->goal_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < MB_ACTIVITY_N_KINDS; i++)
    gtk_string_list_append (kinds, mb_activity_kind_get_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_signal_connect_swapped (self->title_row, "entry-activated", G_CALLBACK (add_clicked_cb), self);
}

MbActivityDialog *
mb_activity_dialog_new (GtkWindow  *parent,
                        MbStore    *store,
                        const char *strategy_id,
                        int         year)
{
  MbActivityDialog *self = g_object_new (MB_TYPE_ACTIVITY_DIALOG, "transient-for", parent, NULL);
  g_autofree char *year_text = g_strdup_printf ("%d", year);

  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), year_text);
  fill_choices (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

void
mb_activity_dialog_set_kind (MbActivityDialog *self,
                             MbActivityKind    kind)
{
  g_return_if_fail (MB_IS_ACTIVITY_DIALOG (self));
  adw_combo_row_set_selected (self->kind_row, kind);
}

static gboolean
set_check (GHashTable *checks,
           const char *id,
           gboolean    chosen)
{
  GtkCheckButton *check = g_hash_table_lookup (checks, id);

  if (check == NULL)
    return FALSE;
  gtk_check_button_set_active (check, chosen);
  return TRUE;
}

gboolean
mb_activity_dialog_set_organisation (MbActivityDialog *self,
                                     const char       *organisation_id,
                                     gboolean          chosen)
{
  g_return_val_if_fail (MB_IS_ACTIVITY_DIALOG (self), FALSE);
  return set_check (self->organisation_checks, organisation_id, chosen);
}

gboolean
mb_activity_dialog_set_goal (MbActivityDialog *self,
                             const char       *node_id,
                             gboolean          chosen)
{
  g_return_val_if_fail (MB_IS_ACTIVITY_DIALOG (self), FALSE);
  return set_check (self->goal_checks, node_id, chosen);
}

GtkEditable *
mb_activity_dialog_get_entry (MbActivityDialog *self,
                              const char       *name)
{
  g_return_val_if_fail (MB_IS_ACTIVITY_DIALOG (self), NULL);

  if (g_str_equal (name, "title"))
    return GTK_EDITABLE (self->title_row);
  if (g_str_equal (name, "start"))
    return GTK_EDITABLE (self->start_row);
  if (g_str_equal (name, "end"))
    return GTK_EDITABLE (self->end_row);
  if (g_str_equal (name, "participants"))
    return GTK_EDITABLE (self->participants_row);
  if (g_str_equal (name, "registration"))
    return GTK_EDITABLE (self->registration_row);
  if (g_str_equal (name, "reference"))
    return GTK_EDITABLE (self->reference_row);
  if (g_str_equal (name, "description"))
    return GTK_EDITABLE (self->description_row);
  g_return_val_if_reached (NULL);
}

char *
mb_activity_dialog_add (MbActivityDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) organisations = NULL;
  g_auto(GStrv) goals = NULL;
  g_autofree char *message = NULL;
  g_autofree char *participants = NULL;
  char *id;
  MbActivityEdit edit = { 0 };

  g_return_val_if_fail (MB_IS_ACTIVITY_DIALOG (self), NULL);

  if (!parse_period (self->start_row, &edit.start, &message) ||
      !parse_period (self->end_row, &edit.end, &message))
    {
      show_error (self, message);
      return NULL;
    }
  participants = g_strstrip (g_strdup (text_of (self->participants_row)));
  edit.participants = -1;
  if (*participants)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (participants, 10, 0, G_MAXINT, &n, NULL))
        {
          message = g_strdup_printf (_("Participants: “%s” is not a whole number"), participants);
          show_error (self, message);
          gtk_widget_grab_focus (GTK_WIDGET (self->participants_row));
          return NULL;
        }
      edit.participants = (int) n;
    }

  organisations = chosen_ids (self->organisation_checks);
  goals = chosen_ids (self->goal_checks);
  edit.strategy_id = self->strategy_id;
  edit.kind = MIN (adw_combo_row_get_selected (self->kind_row), MB_ACTIVITY_OTHER);
  edit.title = text_of (self->title_row);
  edit.description = text_of (self->description_row);
  edit.registration_number = text_of (self->registration_row);
  edit.reference = text_of (self->reference_row);
  edit.organisation_ids = (const char * const *) organisations;
  edit.node_ids = (const char * const *) goals;

  id = mb_follow_up_create_activity (self->store, &edit, &error);
  if (id == NULL)
    {
      show_error (self, error->message);
      return NULL;
    }
  show_error (self, NULL);
  gtk_window_close (GTK_WINDOW (self));
  return id;
}

const char *
mb_activity_dialog_get_error (MbActivityDialog *self)
{
  g_return_val_if_fail (MB_IS_ACTIVITY_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
