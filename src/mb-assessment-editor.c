/* mb-assessment-editor.c – a goal's assessment in a follow-up round
 *
 * Shows the rule's suggestion with its reasons; the person confirms it or
 * chooses another status, which needs a reason. Save is one
 * mb_follow_up_assess(): one action, one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-follow-up.h"
#include "mb-assessment-editor.h"
#include "mb-review.h"

struct _MbAssessmentEditor
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkWidget          *scroller;
  GtkLabel           *title_label;
  AdwActionRow       *suggestion_row;
  GtkButton          *confirm_button;
  AdwComboRow        *status_row;
  AdwEntryRow        *reason_row;
  AdwEntryRow        *who_row;
  GtkTextView        *judgement_view;
  GtkLabel           *error_label;
  GtkButton          *save_button;
  GtkBox             *comments_box;
  GtkWidget          *no_comments_label;
  GtkWidget          *comments;       /* MbCommentsGroup of the assessment, or NULL */

  /* Owned references */
  MbStore            *store;
  MbFollowUpGoalItem *item;
  char               *round_id;
  char               *comments_target;  /* the assessment @comments is on */
  gboolean            editable;
};

G_DEFINE_FINAL_TYPE (MbAssessmentEditor, mb_assessment_editor, GTK_TYPE_WIDGET)

static const char * const css_classes[MB_ASSESSMENT_N_STATUSES] = {
  "status-on-track",
  "status-some-progress",
  "status-at-risk",
  "status-off-track",
  "status-not-assessable",
};

char *
mb_assessment_status_describe (MbAssessmentStatus status)
{
  return g_strdup_printf ("%s %s", mb_assessment_status_get_symbol (status),
                          mb_assessment_status_get_label (status));
}

const char *
mb_assessment_status_css_class (MbAssessmentStatus status)
{
  g_return_val_if_fail (status < MB_ASSESSMENT_N_STATUSES, NULL);
  return css_classes[status];
}

static void
show_error (MbAssessmentEditor *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message)
    gtk_widget_add_css_class (GTK_WIDGET (self->reason_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");
}

static void
update_sensitivity (MbAssessmentEditor *self)
{
  gboolean can = self->editable && self->item != NULL && self->round_id != NULL;
  const MbFollowUpGoal *goal = self->item ? mb_follow_up_goal_item_get_goal (self->item) : NULL;
  gboolean differs = goal != NULL && goal->suggestion != NULL &&
                     mb_assessment_editor_get_status (self) != goal->suggestion->status;

  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), can);
  gtk_editable_set_editable (GTK_EDITABLE (self->reason_row), can);
  gtk_editable_set_editable (GTK_EDITABLE (self->who_row), can);
  gtk_text_view_set_editable (self->judgement_view, can);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), can);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), can && differs);
  /* The reason matters only when the status differs from the suggestion. */
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row),
                          differs || gtk_editable_get_text (GTK_EDITABLE (self->reason_row))[0]);
}

/* The assessment's review comments, also in review mode, where they are
 * the one thing that can be written. A goal not yet assessed has nothing to
 * comment on. The group stays while the assessment does, and with it a
 * comment being written. */
static void
load_comments (MbAssessmentEditor *self,
               const char         *assessment_id)
{
  if (g_strcmp0 (assessment_id, self->comments_target) == 0)
    return;
  if (self->comments != NULL)
    gtk_box_remove (self->comments_box, self->comments);
  self->comments = NULL;
  g_free (self->comments_target);
  self->comments_target = g_strdup (assessment_id);
  if (assessment_id != NULL)
    {
      self->comments = mb_comments_group_new (self->store, "assessments", assessment_id);
      gtk_box_append (self->comments_box, self->comments);
    }
  gtk_widget_set_visible (self->no_comments_label, assessment_id == NULL);
}

static void
load (MbAssessmentEditor *self)
{
  const MbFollowUpGoal *goal = self->item ? mb_follow_up_goal_item_get_goal (self->item) : NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autofree char *suggested = NULL;
  MbAssessmentStatus status = MB_ASSESSMENT_NOT_ASSESSABLE;

  show_error (self, NULL);
  /* Nothing to show of no goal: not a status that looks chosen. */
  gtk_stack_set_visible_child_name (self->stack, goal ? "goal" : "empty");
  if (goal == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      load_comments (self, NULL);
      update_sensitivity (self);
      return;
    }
  load_comments (self, goal->assessed ? goal->assessment_id : NULL);

  if (goal->code && *goal->code)
    {
      g_autofree char *title = g_strdup_printf ("%s %s", goal->code, goal->title);

      gtk_label_set_text (self->title_label, title);
    }
  else
    gtk_label_set_text (self->title_label, goal->title);

  if (goal->suggestion)
    {
      for (guint i = 0; i < goal->suggestion->reasons->len; i++)
        {
          if (reasons->len)
            g_string_append_c (reasons, '\n');
          g_string_append (reasons, g_ptr_array_index (goal->suggestion->reasons, i));
        }
      suggested = mb_assessment_status_describe (goal->suggestion->status);
      status = goal->suggestion->status;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row),
                                 suggested ? suggested : "");
  adw_action_row_set_subtitle (self->suggestion_row, reasons->str);

  if (goal->assessed)
    status = goal->status;
  adw_combo_row_set_selected (self->status_row, status);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         goal->override_reason ? goal->override_reason : "");
  gtk_editable_set_text (GTK_EDITABLE (self->who_row), goal->assessed_by ? goal->assessed_by : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->judgement_view),
                            goal->judgement ? goal->judgement : "", -1);
  update_sensitivity (self);
}

static void
confirm_clicked_cb (MbAssessmentEditor *self)
{
  const MbFollowUpGoal *goal = self->item ? mb_follow_up_goal_item_get_goal (self->item) : NULL;

  if (goal && goal->suggestion)
    mb_assessment_editor_set_status (self, goal->suggestion->status);
}

static void
save_clicked_cb (MbAssessmentEditor *self)
{
  mb_assessment_editor_save (self);
}

static void
status_selected_cb (MbAssessmentEditor *self)
{
  show_error (self, NULL);
  update_sensitivity (self);
}

static void
reason_changed_cb (MbAssessmentEditor *self)
{
  show_error (self, NULL);
}

static void
mb_assessment_editor_dispose (GObject *object)
{
  MbAssessmentEditor *self = MB_ASSESSMENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_ASSESSMENT_EDITOR);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->store);
  g_clear_object (&self->item);
  g_clear_pointer (&self->round_id, g_free);
  g_clear_pointer (&self->comments_target, g_free);
  self->comments = NULL;
  G_OBJECT_CLASS (mb_assessment_editor_parent_class)->dispose (object);
}

static void
mb_assessment_editor_class_init (MbAssessmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_assessment_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-assessment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, suggestion_row);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, reason_row);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, who_row);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, judgement_view);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, comments_box);
  gtk_widget_class_bind_template_child (widget_class, MbAssessmentEditor, no_comments_label);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assessmenteditor");
}

static void
mb_assessment_editor_init (MbAssessmentEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  for (guint i = 0; i < MB_ASSESSMENT_N_STATUSES; i++)
    {
      g_autofree char *label = mb_assessment_status_describe (i);

      gtk_string_list_append (statuses, label);
    }
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (status_selected_cb), self);
  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (reason_changed_cb), self);
  update_sensitivity (self);
}

GtkWidget *
mb_assessment_editor_new (MbStore *store)
{
  MbAssessmentEditor *self = g_object_new (MB_TYPE_ASSESSMENT_EDITOR, NULL);

  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

void
mb_assessment_editor_set_goal (MbAssessmentEditor *self,
                               const char         *round_id,
                               MbFollowUpGoalItem *item)
{
  g_return_if_fail (MB_IS_ASSESSMENT_EDITOR (self));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  /* The store changed the goal (an undo, another view): show what it holds. */
  if (item != NULL)
    g_signal_connect_swapped (item, "notify::goal", G_CALLBACK (load), self);
  g_free (self->round_id);
  self->round_id = g_strdup (round_id);
  load (self);
}

void
mb_assessment_editor_set_editable (MbAssessmentEditor *self,
                                   gboolean            editable)
{
  g_return_if_fail (MB_IS_ASSESSMENT_EDITOR (self));

  self->editable = editable;
  update_sensitivity (self);
}

MbAssessmentStatus
mb_assessment_editor_get_status (MbAssessmentEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  return selected < MB_ASSESSMENT_N_STATUSES ? selected : MB_ASSESSMENT_NOT_ASSESSABLE;
}

void
mb_assessment_editor_set_status (MbAssessmentEditor *self,
                                 MbAssessmentStatus  status)
{
  g_return_if_fail (MB_IS_ASSESSMENT_EDITOR (self));
  adw_combo_row_set_selected (self->status_row, status);
}

gboolean
mb_assessment_editor_save (MbAssessmentEditor *self)
{
  const MbFollowUpGoal *goal;
  g_autoptr(GError) error = NULL;
  g_autofree char *judgement = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *who = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  MbAssessmentEdit edit = { 0 };

  g_return_val_if_fail (MB_IS_ASSESSMENT_EDITOR (self), FALSE);

  goal = self->item ? mb_follow_up_goal_item_get_goal (self->item) : NULL;
  if (goal == NULL || self->round_id == NULL || !self->editable)
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->judgement_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  judgement = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  who = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->who_row))));

  edit.round_id = self->round_id;
  edit.node_id = goal->node_id;
  edit.status = mb_assessment_editor_get_status (self);
  edit.has_suggestion = goal->suggestion != NULL;
  edit.suggested = goal->suggestion ? goal->suggestion->status : MB_ASSESSMENT_NOT_ASSESSABLE;
  /* A confirmed suggestion keeps no reason for differing from it. */
  edit.override_reason = *reason && edit.status != edit.suggested ? reason : NULL;
  edit.judgement = *judgement ? judgement : NULL;
  edit.assessed_by = *who ? who : NULL;

  if (!mb_follow_up_assess (self->store, &edit, &error))
    {
      show_error (self, error->message);
      if (edit.status != edit.suggested && edit.override_reason == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

const char *
mb_assessment_editor_get_error (MbAssessmentEditor *self)
{
  g_return_val_if_fail (MB_IS_ASSESSMENT_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

GtkEditable *
mb_assessment_editor_get_reason_entry (MbAssessmentEditor *self)
{
  return GTK_EDITABLE (self->reason_row);
}

GtkEditable *
mb_assessment_editor_get_who_entry (MbAssessmentEditor *self)
{
  return GTK_EDITABLE (self->who_row);
}

GtkTextView *
mb_assessment_editor_get_judgement_view (MbAssessmentEditor *self)
{
  return self->judgement_view;
}

MbCommentsGroup *
mb_assessment_editor_get_comments (MbAssessmentEditor *self)
{
  g_return_val_if_fail (MB_IS_ASSESSMENT_EDITOR (self), NULL);
  return self->comments ? MB_COMMENTS_GROUP (self->comments) : NULL;
}
