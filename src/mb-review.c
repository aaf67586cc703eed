/* mb-review.c – review comments and goal conflicts in the details panel
 *
 * Comments belong to a node, a link or an assessment (mb-assessment-editor.c
 * shows those) and are the one thing a reviewer can write: the form works in review mode as in normal mode. Resolving and
 * reopening work in both; deleting one's own comment only in normal mode
 * (the review store refuses deletes). The strategy's part lists its goal
 * conflicts (conflicts-with links, also those with other strategies) and
 * the comments still open, so that the strategist sees what to answer.
 * Every list re-reads itself after a change to the library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-format.h"
#include "mb-record.h"
#include "mb-review.h"
#include "mb-selection.h"

gboolean
mb_review_store_is_editable (MbStore *store)
{
  return store != NULL && !mb_store_is_read_only (store) && !mb_store_is_review (store);
}

static void
show_toast (GtkWidget  *widget,
            const char *message)
{
  if (!gtk_widget_activate_action (widget, "win.show-toast", "s", message))
    g_message ("%s", message);
}

void
mb_review_explain_refusal (GtkWidget *widget)
{
  static gint64 last_shown;
  gint64 now = g_get_monotonic_time ();

  /* Once while the toast is up, not a queue of them for each key press. */
  if (last_shown != 0 && now - last_shown < 5 * G_USEC_PER_SEC)
    return;
  last_shown = now;
  show_toast (widget, _("Review mode: only comments can be added"));
}


/* The name a new comment is signed with: the real name, else the login. */
static const char *
default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || name[0] == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

static void
go_to (GtkWidget  *widget,
       const char *kind,
       const char *id)
{
  gtk_widget_activate_action (widget, "win.go-to", "(ss)", kind, id);
}

static void
clear_rows (GtkWidget *group,
            GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_empty_row (GtkWidget  *group,
               GPtrArray  *rows,
               const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "mb-empty-row");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  return row;
}

static GtkWidget *
flat_icon_button (const char *icon_name,
                  const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  return button;
}

/* Comments of one node or link */

struct _MbCommentsGroup
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *group;          /* AdwPreferencesGroup of the comments */
  GPtrArray  *rows;
  GtkWidget  *author_row;     /* AdwEntryRow */
  GtkWidget  *body_view;      /* GtkTextView */
  GtkWidget  *add_button;
  GtkWidget  *error_label;

  MbStore    *store;
  char       *target_table;
  char       *target_id;
  guint       n_comments;
};

G_DEFINE_FINAL_TYPE (MbCommentsGroup, mb_comments_group, GTK_TYPE_WIDGET)

static void
comment_resolve_clicked_cb (GtkButton       *button,
                            MbCommentsGroup *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "mb-id");
  gboolean resolve = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mb-resolve"));
  g_autoptr(GError) error = NULL;

  if (!mb_store_set_comment_resolved (self->store, id, resolve, &error))
    show_toast (GTK_WIDGET (self), error->message);
}

static void
comment_delete_clicked_cb (GtkButton       *button,
                           MbCommentsGroup *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "mb-id");
  g_autoptr(GError) error = NULL;

  if (!mb_store_delete (self->store, "review_comments", id, &error))
    show_toast (GTK_WIDGET (self), error->message);
}

static void
mb_comments_group_reload (MbCommentsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  gboolean editable = mb_review_store_is_editable (self->store);
  const char *me = default_author ();
  guint n_open = 0;

  clear_rows (self->group, self->rows);
  self->n_comments = 0;

  comments = mb_store_query_comments (self->store, self->target_id, &error);
  if (comments == NULL)
    {
      add_empty_row (self->group, self->rows, error->message);
      return;
    }

  for (guint i = 0; i < comments->len; i++)
    {
      MbRecord *comment = g_ptr_array_index (comments, i);
      const char *id = mb_record_get_id (comment);
      const char *author = mb_record_get_string (comment, "author");
      gboolean resolved = g_strcmp0 (mb_record_get_string (comment, "status"), "resolved") == 0;
      g_autofree char *when = mb_format_date_time (mb_record_get_string (comment, "created"));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      /* Translators: under a review comment: its author, when, and open or resolved */
      subtitle = g_strdup_printf (_("%s · %s · %s"), author ? author : "", when,
                                  resolved ? _("Resolved") : _("Open"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     mb_record_get_string (comment, "body"));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (resolved
                                                               ? "object-select-symbolic"
                                                               : "user-available-symbolic"));
      if (resolved)
        gtk_widget_add_css_class (row, "dim-label");
      else
        n_open++;

      button = flat_icon_button (resolved ? "edit-undo-symbolic" : "object-select-symbolic",
                                 resolved ? _("Reopen Comment") : _("Resolve Comment"));
      g_object_set_data_full (G_OBJECT (button), "mb-id", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (button), "mb-resolve", GINT_TO_POINTER (!resolved));
      g_signal_connect_object (button, "clicked", G_CALLBACK (comment_resolve_clicked_cb),
                               self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      if (editable && g_strcmp0 (author, me) == 0)
        {
          button = flat_icon_button ("user-trash-symbolic", _("Delete Comment"));
          g_object_set_data_full (G_OBJECT (button), "mb-id", g_strdup (id), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (comment_delete_clicked_cb),
                                   self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
      g_ptr_array_add (self->rows, row);
      self->n_comments++;
    }

  if (comments->len == 0)
    {
      add_empty_row (self->group, self->rows, _("No comments yet"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), NULL);
    }
  else
    {
      g_autofree char *description = NULL;

      /* Translators: how many review comments are still open */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open",
                                                  n_open), n_open);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), description);
    }
}

static void
comments_store_changed_cb (MbStore            *store,
                           const char * const *tables,
                           MbCommentsGroup    *self)
{
  mb_comments_group_reload (self);
}

static char *
body_text (MbCommentsGroup *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
update_add_button (MbCommentsGroup *self)
{
  g_autofree char *body = body_text (self);
  g_autofree char *author = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->author_row))));

  gtk_widget_set_sensitive (self->add_button, body[0] != '\0' && author[0] != '\0');
}

static void
add_clicked_cb (GtkButton       *button,
                MbCommentsGroup *self)
{
  mb_comments_group_submit (self);
}

gboolean
mb_comments_group_submit (MbCommentsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *author = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (MB_IS_COMMENTS_GROUP (self), FALSE);

  body = body_text (self);
  author = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->author_row))));
  id = mb_store_add_comment (self->store, self->target_table, self->target_id, author, body,
                             &error);
  if (id == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->error_label, TRUE);
      return FALSE;
    }

  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), "", -1);
  return TRUE;
}

static void
mb_comments_group_dispose (GObject *object)
{
  MbCommentsGroup *self = MB_COMMENTS_GROUP (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mb_comments_group_parent_class)->dispose (object);
}

static void
mb_comments_group_finalize (GObject *object)
{
  MbCommentsGroup *self = MB_COMMENTS_GROUP (object);

  g_free (self->target_table);
  g_free (self->target_id);

  G_OBJECT_CLASS (mb_comments_group_parent_class)->finalize (object);
}

static void
mb_comments_group_class_init (MbCommentsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_comments_group_dispose;
  object_class->finalize = mb_comments_group_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mbcommentsgroup");
}

static void
mb_comments_group_init (MbCommentsGroup *self)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *body_label = gtk_label_new (_("Comment"));

  self->rows = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Review Comments"), -1);
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Review Comments"));
  gtk_box_append (GTK_BOX (self->box), self->group);

  /* The form: who, what, and a button; Ctrl+Enter is not needed, the
   * button is next in the focus chain. */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->author_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->author_row), _("Your name"));
  gtk_editable_set_text (GTK_EDITABLE (self->author_row), default_author ());
  gtk_list_box_append (GTK_LIST_BOX (list), self->author_row);
  gtk_box_append (GTK_BOX (form), list);

  gtk_label_set_xalign (GTK_LABEL (body_label), 0);
  gtk_widget_add_css_class (body_label, "dim-label");
  gtk_widget_add_css_class (body_label, "caption-heading");
  gtk_box_append (GTK_BOX (form), body_label);

  self->body_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->body_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->body_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->body_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->body_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->body_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->body_view), 8);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->body_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, body_label, NULL, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->body_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (form), scrolled);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (form), self->error_label);

  self->add_button = gtk_button_new_with_mnemonic (_("_Add Comment"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  gtk_widget_set_sensitive (self->add_button, FALSE);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (form), self->add_button);

  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)),
                           "changed", G_CALLBACK (update_add_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->author_row, "changed", G_CALLBACK (update_add_button), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (self->box), form);
}

GtkWidget *
mb_comments_group_new (MbStore    *store,
                       const char *target_table,
                       const char *target_id)
{
  MbCommentsGroup *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (target_table != NULL && target_id != NULL, NULL);

  self = g_object_new (MB_TYPE_COMMENTS_GROUP, NULL);
  self->store = g_object_ref (store);
  self->target_table = g_strdup (target_table);
  self->target_id = g_strdup (target_id);
  g_signal_connect_object (store, "changed", G_CALLBACK (comments_store_changed_cb), self, 0);
  mb_comments_group_reload (self);

  return GTK_WIDGET (self);
}

void
mb_comments_group_set_draft (MbCommentsGroup *self,
                             const char      *author,
                             const char      *body)
{
  g_return_if_fail (MB_IS_COMMENTS_GROUP (self));

  if (author != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->author_row), author);
  if (body != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), body,
                              -1);
}

guint
mb_comments_group_get_n_comments (MbCommentsGroup *self)
{
  g_return_val_if_fail (MB_IS_COMMENTS_GROUP (self), 0);

  return self->n_comments;
}

/* A strategy's conflicts and open comments */

struct _MbStrategyReview
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *conflicts_group;
  GPtrArray  *conflict_rows;
  GtkWidget  *comments_group;
  GPtrArray  *comment_rows;

  MbStore    *store;
  char       *strategy_id;
  guint       n_conflicts;
  guint       n_open_comments;
};

G_DEFINE_FINAL_TYPE (MbStrategyReview, mb_strategy_review, GTK_TYPE_WIDGET)

static void
review_row_activated_cb (AdwActionRow     *row,
                         MbStrategyReview *self)
{
  go_to (GTK_WIDGET (self), g_object_get_data (G_OBJECT (row), "mb-kind"),
         g_object_get_data (G_OBJECT (row), "mb-id"));
}

static GtkWidget *
add_go_row (MbStrategyReview *self,
            GtkWidget        *group,
            GPtrArray        *rows,
            const char       *title,
            const char       *subtitle,
            const char       *kind,
            const char       *id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "mb-kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (row), "mb-id", g_strdup (id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_signal_connect_object (row, "activated", G_CALLBACK (review_row_activated_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
mb_strategy_review_reload (MbStrategyReview *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) comments = NULL;

  clear_rows (self->conflicts_group, self->conflict_rows);
  clear_rows (self->comments_group, self->comment_rows);
  self->n_conflicts = 0;
  self->n_open_comments = 0;

  conflicts = mb_store_query_conflicts (self->store, self->strategy_id, &error);
  if (conflicts == NULL)
    {
      add_empty_row (self->conflicts_group, self->conflict_rows, error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      MbRecord *link = g_ptr_array_index (conflicts, i);
      const char *from_strategy = mb_record_get_string (link, "from_strategy_title");
      const char *to_strategy = mb_record_get_string (link, "to_strategy_title");
      const char *rationale = mb_record_get_string (link, "rationale");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: a goal conflict between two goals */
      title = g_strdup_printf (_("%s ⟷ %s"), mb_record_get_string (link, "from_title"),
                               mb_record_get_string (link, "to_title"));
      if (g_strcmp0 (from_strategy, to_strategy) != 0)
        /* Translators: the strategies of the two goals in conflict */
        subtitle = g_strdup_printf (_("Between %s and %s"), from_strategy ? from_strategy : "",
                                    to_strategy ? to_strategy : "");
      else if (rationale != NULL)
        subtitle = g_strdup (rationale);
      add_go_row (self, self->conflicts_group, self->conflict_rows, title, subtitle,
                  MB_KIND_LINK, mb_record_get_id (link));
      self->n_conflicts++;
    }
  if (conflicts != NULL && conflicts->len == 0)
    add_empty_row (self->conflicts_group, self->conflict_rows, _("No goal conflicts recorded"));

  comments = mb_store_query_strategy_comments (self->store, self->strategy_id, TRUE, &error);
  if (comments == NULL)
    add_empty_row (self->comments_group, self->comment_rows, error->message);
  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      MbRecord *comment = g_ptr_array_index (comments, i);
      const char *table = mb_record_get_string (comment, "target_table");
      g_autofree char *when = mb_format_date_time (mb_record_get_string (comment, "created"));
      g_autofree char *subtitle = NULL;

      if (g_strcmp0 (table, "assessments") == 0)
        /* Translators: under an open comment on a goal's assessment: the goal, the
         * follow-up round, the comment's author, when */
        subtitle = g_strdup_printf (_("On the assessment of “%s” in %s · %s · %s"),
                                    mb_record_get_string (comment, "target_title"),
                                    mb_record_get_string (comment, "round_title"),
                                    mb_record_get_string (comment, "author"), when);
      else
        /* Translators: under an open comment: what it is about, its author, when */
        subtitle = g_strdup_printf (_("On “%s” · %s · %s"),
                                    mb_record_get_string (comment, "target_title"),
                                    mb_record_get_string (comment, "author"), when);
      /* The row takes the reader to what the comment is on; an assessment
       * opens in the Follow-up view. */
      add_go_row (self, self->comments_group, self->comment_rows,
                  mb_record_get_string (comment, "body"), subtitle, table,
                  mb_record_get_string (comment, "target_id"));
      self->n_open_comments++;
    }
  if (comments != NULL && comments->len == 0)
    add_empty_row (self->comments_group, self->comment_rows, _("No open comments"));
}

static void
review_store_changed_cb (MbStore            *store,
                         const char * const *tables,
                         MbStrategyReview   *self)
{
  mb_strategy_review_reload (self);
}

static void
mb_strategy_review_dispose (GObject *object)
{
  MbStrategyReview *self = MB_STRATEGY_REVIEW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);
  g_clear_pointer (&self->comment_rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mb_strategy_review_parent_class)->dispose (object);
}

static void
mb_strategy_review_finalize (GObject *object)
{
  MbStrategyReview *self = MB_STRATEGY_REVIEW (object);

  g_free (self->strategy_id);

  G_OBJECT_CLASS (mb_strategy_review_parent_class)->finalize (object);
}

static void
mb_strategy_review_class_init (MbStrategyReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_strategy_review_dispose;
  object_class->finalize = mb_strategy_review_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mbstrategyreview");
}

static void
mb_strategy_review_init (MbStrategyReview *self)
{
  self->conflict_rows = g_ptr_array_new ();
  self->comment_rows = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open Review Comments and Goal Conflicts"), -1);
  self->comments_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->comments_group),
                                   _("Open Review Comments"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->comments_group),
                                         _("Comments on the strategy’s goals, links and "
                                           "assessments that are not resolved yet."));
  gtk_box_append (GTK_BOX (self->box), self->comments_group);

  self->conflicts_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->conflicts_group),
                                   _("Goal Conflicts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->conflicts_group),
                                         _("Goals that work against each other, here or in "
                                           "other strategies."));
  gtk_box_append (GTK_BOX (self->box), self->conflicts_group);
}

GtkWidget *
mb_strategy_review_new (MbStore    *store,
                        const char *strategy_id)
{
  MbStrategyReview *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (strategy_id != NULL, NULL);

  self = g_object_new (MB_TYPE_STRATEGY_REVIEW, NULL);
  self->store = g_object_ref (store);
  self->strategy_id = g_strdup (strategy_id);
  g_signal_connect_object (store, "changed", G_CALLBACK (review_store_changed_cb), self, 0);
  mb_strategy_review_reload (self);

  return GTK_WIDGET (self);
}

guint
mb_strategy_review_get_n_conflicts (MbStrategyReview *self)
{
  g_return_val_if_fail (MB_IS_STRATEGY_REVIEW (self), 0);

  return self->n_conflicts;
}

guint
mb_strategy_review_get_n_open_comments (MbStrategyReview *self)
{
  g_return_val_if_fail (MB_IS_STRATEGY_REVIEW (self), 0);

  return self->n_open_comments;
}
