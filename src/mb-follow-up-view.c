/* mb-follow-up-view.c – a strategy's yearly follow-up: assessments, activities, the round
 *
 * A year chooser over the strategy's rounds; the goals as a tree
 * (GtkTreeListModel, children made when a row expands) with, per goal, the
 * round's assessment, the status the indicators suggest, their progress and
 * what carries the goal; the selected goal in an MbAssessmentEditor. A page
 * lists the year's activities under the report's sentence, and one edits
 * the round's own fields. Everything re-reads itself on the store's
 * "changed"; a change that leaves the tree's shape alone updates the rows in
 * place, so that expansion and selection stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "core/mb-follow-up-goals.h"
#include "core/mb-period.h"
#include "mb-activity-dialog.h"
#include "mb-ellipsis.h"
#include "mb-follow-up-goal-item.h"
#include "mb-follow-up-view.h"
#include "mb-format.h"
#include "mb-form.h"
#include "mb-kolada-update-dialog.h"
#include "mb-report-dialog.h"
#include "mb-review.h"

struct _MbFollowUpView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *root_box;
  GtkDropDown        *round_dropdown;
  GtkWidget          *page_switcher;
  GtkButton          *start_button;
  GtkStack           *main_stack;
  AdwStatusPage      *no_round_page;
  GtkStack           *pages;
  GtkPaned           *paned;
  GtkListView        *goal_list;
  GtkLabel           *summary_label;
  GtkListBox         *activity_list;
  AdwClamp           *round_clamp;

  /* Borrowed references */
  MbAssessmentEditor *editor;
  MbForm             *round_form;

  /* Owned references */
  MbStore            *store;
  MbSelection        *selection;
  GPtrArray          *rounds;        /* of MbRecord, newest first */
  GListStore         *roots;         /* of MbFollowUpGoalItem */
  GHashTable         *items;         /* node id → MbFollowUpGoalItem (borrowed) */
  GtkTreeListModel   *tree;
  GtkSingleSelection *goal_selection;
  GListStore         *activities;    /* of MbRecord */
  char               *round_id;
  int                 year;
  gboolean            loading_rounds;
};

G_DEFINE_FINAL_TYPE (MbFollowUpView, mb_follow_up_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload_goals (MbFollowUpView *self);
static void reload_activities (MbFollowUpView *self);

static const char *
strategy_id (MbFollowUpView *self)
{
  return self->selection ? mb_selection_get_strategy (self->selection) : NULL;
}

static gboolean
is_editable (MbFollowUpView *self)
{
  return mb_review_store_is_editable (self->store);
}

static int
default_new_year (MbFollowUpView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  /* The next year after the newest round, up to this one. */
  if (self->rounds != NULL && self->rounds->len > 0)
    {
      int newest = (int) mb_record_get_int (g_ptr_array_index (self->rounds, 0), "year");

      if (newest < year)
        return newest + 1;
    }
  return year;
}

static void
update_actions (MbFollowUpView *self)
{
  gboolean editable = is_editable (self) && strategy_id (self) != NULL;
  g_autofree char *label = g_strdup_printf (_("_Start Follow-up %d…"), default_new_year (self));

  gtk_button_set_label (self->start_button, label);
  gtk_button_set_use_underline (self->start_button, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-up.start-round", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-up.add-activity",
                                 editable && self->round_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-up.delete-activity", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-up.update-kolada", editable);
  /* Writing a report changes nothing: reviewers may too. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-up.write-report",
                                 strategy_id (self) != NULL);
}

/* Goal rows */

static char *
format_progress (double progress)
{
  return mb_format_percent (progress);
}

static char *
format_change (double change)
{
  if (isnan (change))
    return g_strdup ("–");
  /* Translators: a change of progress in percentage points since last year. */
  return g_strdup_printf (_("%+.0f pts"), change * 100);
}

static void
set_status_label (GtkLabel           *label,
                  MbAssessmentStatus  status,
                  gboolean            known,
                  const char         *unknown)
{
  for (guint i = 0; i < MB_ASSESSMENT_N_STATUSES; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), mb_assessment_status_css_class (i));
  if (known)
    {
      g_autofree char *text = mb_assessment_status_describe (status);

      gtk_label_set_text (label, text);
      gtk_widget_add_css_class (GTK_WIDGET (label), mb_assessment_status_css_class (status));
    }
  else
    gtk_label_set_text (label, unknown);
}

/* A goal's row: its title, "overdue" and its assessment on the first line;
 * the suggestion, the indicators' progress and what carries it below. */
static void
goal_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               MbFollowUpView           *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *overdue = gtk_label_new (_("⚠ Overdue"));
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  mb_label_tooltip_when_cut (GTK_LABEL (title));
  /* Overdue says so in words too: colour is not enough. */
  gtk_widget_add_css_class (overdue, "warning");
  gtk_widget_add_css_class (overdue, "caption-heading");
  gtk_widget_add_css_class (status, "heading");
  gtk_box_append (GTK_BOX (line), title);
  gtk_box_append (GTK_BOX (line), status);
  /* Overdue leads the second line: the title keeps the first line's room
   * beside the details panel. */
  gtk_box_append (GTK_BOX (second), overdue);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  mb_label_tooltip_when_cut (GTK_LABEL (details));
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_hexpand (details, TRUE);
  gtk_box_append (GTK_BOX (second), details);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), second);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
goal_row_update (GtkWidget          *box,
                 MbFollowUpGoalItem *item)
{
  const MbFollowUpGoal *goal = mb_follow_up_goal_item_get_goal (item);
  GtkWidget *line = gtk_widget_get_first_child (box);
  GtkWidget *title_label = gtk_widget_get_first_child (line);
  GtkWidget *status_label = gtk_widget_get_next_sibling (title_label);
  GtkWidget *overdue_label = gtk_widget_get_first_child (gtk_widget_get_next_sibling (line));
  GtkWidget *details_label = gtk_widget_get_next_sibling (overdue_label);
  g_autofree char *title = goal->code && *goal->code
    ? g_strdup_printf ("%s %s", goal->code, goal->title) : g_strdup (goal->title);
  g_autofree char *progress = format_progress (goal->progress);
  g_autofree char *change = format_change (goal->progress_change);
  g_autofree char *status = NULL;
  g_autofree char *suggested = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (title_label), title);
  gtk_widget_set_visible (overdue_label, goal->overdue);
  set_status_label (GTK_LABEL (status_label), goal->status, goal->assessed, _("Not assessed"));

  status = goal->assessed ? mb_assessment_status_describe (goal->status)
                          : g_strdup (_("Not assessed"));
  suggested = goal->suggestion ? mb_assessment_status_describe (goal->suggestion->status)
                               : g_strdup ("–");
  if (isnan (goal->progress))
    /* Translators: as below, for a goal whose indicators show no progress. */
    details = g_strdup_printf (_("Suggested %s · projects: %u · activities: %u"),
                               suggested, goal->n_projects, goal->n_activities);
  else
    /* Translators: a goal's second line in the follow-up: the suggested status,
     * the indicators' progress and its change since last year, and counts. */
    details = g_strdup_printf (_("Suggested %s · progress %s (%s since last year) · projects: %u "
                                 "· activities: %u"),
                               suggested, progress, change, goal->n_projects, goal->n_activities);
  gtk_label_set_text (GTK_LABEL (details_label), details);

  /* Translators: how a screen reader reads a goal's row in the follow-up. */
  accessible = g_strdup_printf (_("%s%s. Assessment: %s. Suggested: %s. Progress %s, since last "
                                  "year %s. Projects: %u, activities: %u."),
                                title, goal->overdue ? _(", overdue") : "", status, suggested,
                                progress, change, goal->n_projects, goal->n_activities);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
goal_item_notify_cb (MbFollowUpGoalItem *item,
                     GParamSpec         *pspec,
                     GtkWidget          *box)
{
  goal_row_update (box, item);
}

static void
goal_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              MbFollowUpView           *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  MbFollowUpGoalItem *item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  goal_row_update (box, item);
  g_signal_connect_object (item, "notify::goal", G_CALLBACK (goal_item_notify_cb), box, 0);
  g_object_unref (item);
}

static void
goal_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                MbFollowUpView           *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  MbFollowUpGoalItem *item = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (item != NULL)
    {
      g_signal_handlers_disconnect_by_func (item, goal_item_notify_cb, box);
      g_object_unref (item);
    }
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListStore *children = mb_follow_up_goal_item_get_children (item);

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;
  return G_LIST_MODEL (g_object_ref (children));
}

static void
goal_selected_cb (MbFollowUpView *self)
{
  MbFollowUpGoalItem *item = NULL;
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->goal_selection);

  if (row != NULL)
    item = gtk_tree_list_row_get_item (row);
  mb_assessment_editor_set_goal (self->editor, self->round_id, item);
  g_clear_object (&item);
}

/* Enter on a goal: on to its assessment, by keyboard as by pointer. */
static void
goal_activate_cb (MbFollowUpView *self,
                  guint           position)
{
  gtk_single_selection_set_selected (self->goal_selection, position);
  gtk_widget_child_focus (GTK_WIDGET (self->editor), GTK_DIR_TAB_FORWARD);
}

/* Loading */

static gboolean
same_shape (MbFollowUpView *self,
            GPtrArray      *goals)
{
  if (g_hash_table_size (self->items) != goals->len)
    return FALSE;
  for (guint i = 0; i < goals->len; i++)
    {
      MbFollowUpGoal *goal = g_ptr_array_index (goals, i);
      MbFollowUpGoalItem *item = g_hash_table_lookup (self->items, goal->node_id);

      if (item == NULL ||
          g_strcmp0 (mb_follow_up_goal_item_get_goal (item)->parent_id, goal->parent_id) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
reload_goals (MbFollowUpView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) roots = NULL;

  if (self->store == NULL || strategy_id (self) == NULL || self->round_id == NULL)
    {
      g_list_store_remove_all (self->roots);
      g_hash_table_remove_all (self->items);
      mb_assessment_editor_set_goal (self->editor, NULL, NULL);
      return;
    }

  goals = mb_follow_up_list_goals (self->store, strategy_id (self), self->round_id, self->year,
                                   &error);
  if (goals == NULL)
    {
      g_warning ("Could not read the follow-up: %s", error->message);
      return;
    }

  if (same_shape (self, goals))
    {
      for (guint i = 0; i < goals->len; i++)
        {
          MbFollowUpGoal *goal = g_ptr_array_index (goals, i);

          mb_follow_up_goal_item_set_goal (g_hash_table_lookup (self->items, goal->node_id),
                                           g_steal_pointer (&goals->pdata[i]));
        }
      return;
    }

  g_hash_table_remove_all (self->items);
  roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < goals->len; i++)
    {
      MbFollowUpGoal *goal = g_steal_pointer (&goals->pdata[i]);
      MbFollowUpGoalItem *item = mb_follow_up_goal_item_new (goal);
      MbFollowUpGoalItem *parent = goal->parent_id
        ? g_hash_table_lookup (self->items, goal->parent_id) : NULL;

      g_hash_table_insert (self->items, g_strdup (goal->node_id), item);
      if (parent != NULL)
        {
          g_list_store_append (mb_follow_up_goal_item_get_children (parent), item);
          g_object_unref (item);
        }
      else
        g_ptr_array_add (roots, item);
    }
  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       roots->pdata, roots->len);
  gtk_single_selection_set_selected (self->goal_selection, GTK_INVALID_LIST_POSITION);
  mb_assessment_editor_set_goal (self->editor, self->round_id, NULL);
}

static char *
organisations_text (const char *list)
{
  g_auto(GStrv) entries = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (list == NULL)
    return NULL;
  entries = g_strsplit (list, "\x1e", -1);
  for (guint i = 0; entries[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (entries[i], "\x1f", 2);
      MbSector sector = MB_SECTOR_PUBLIC;

      if (parts[0] == NULL)
        continue;
      if (parts[1])
        mb_sector_from_string (parts[1], &sector);
      if (text->len)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s (%s)", parts[0], mb_sector_get_label (sector));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
activity_when (MbRecord *record)
{
  MbPeriodLanguage language = mb_period_language_for_ui ();
  const char *start = mb_record_get_string (record, "start_period");
  const char *end = mb_record_get_string (record, "end_period");
  MbPeriod a = { 0 }, b = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (start && mb_period_parse (start, &a, NULL))
    first = mb_period_format (&a, language);
  if (end && mb_period_parse (end, &b, NULL))
    last = mb_period_format (&b, language);
  if (first && last && g_strcmp0 (start, end) != 0)
    return g_strdup_printf ("%s – %s", first, last);
  return g_strdup (first ? first : last);
}

static GtkWidget *
create_activity_row (gpointer item,
                     gpointer user_data)
{
  MbFollowUpView *self = user_data;
  MbRecord *record = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  MbActivityKind kind = MB_ACTIVITY_OTHER;
  g_autofree char *when = activity_when (record);
  g_autofree char *organisations = organisations_text (mb_record_get_string (record,
                                                                             "organisation_list"));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *name = NULL;

  mb_activity_kind_from_string (mb_record_get_string (record, "kind"), &kind);
  g_string_append (subtitle, mb_activity_kind_get_label (kind));
  if (when)
    g_string_append_printf (subtitle, " · %s", when);
  if (!mb_record_is_null (record, "participants"))
    g_string_append_printf (subtitle,
                            g_dngettext (GETTEXT_PACKAGE, " · %d participant",
                                         " · %d participants",
                                         mb_record_get_int (record, "participants")),
                            (int) mb_record_get_int (record, "participants"));
  if (mb_record_get_string (record, "registration_number"))
    g_string_append_printf (subtitle, " · %s", mb_record_get_string (record, "registration_number"));
  if (organisations)
    g_string_append_printf (subtitle, "\n%s", organisations);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mb_record_get_title (record));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* Enter or a click opens it in the details panel. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "mb-id", g_strdup (mb_record_get_id (record)), g_free);

  name = g_strdup_printf (_("Delete “%s”"), mb_record_get_title (record));
  gtk_widget_set_tooltip_text (delete, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "follow-up.delete-activity");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "s", mb_record_get_id (record));
  gtk_widget_set_visible (delete, is_editable (self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
  return row;
}

static GtkListBoxRow *
find_activity_row (MbFollowUpView *self,
                   const char     *activity_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->activity_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "mb-id"), activity_id) == 0)
      return row;
  return NULL;
}

/* The list shows which activity the details panel has. */
static void
select_activity_row (MbFollowUpView *self)
{
  GtkListBoxRow *row = NULL;

  if (self->selection != NULL &&
      g_strcmp0 (mb_selection_get_kind (self->selection), MB_KIND_ACTIVITY) == 0)
    row = find_activity_row (self, mb_selection_get_id (self->selection));
  if (row != NULL)
    gtk_list_box_select_row (self->activity_list, row);
  else
    gtk_list_box_unselect_all (self->activity_list);
}

static void
activity_activated_cb (MbFollowUpView *self,
                       GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "mb-id");

  if (id == NULL || self->selection == NULL)
    return;
  mb_selection_select (self->selection, MB_KIND_ACTIVITY, id);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
}

static void
reload_activities (MbFollowUpView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(MbActivitySummary) summary = NULL;
  g_autofree char *sentence = NULL;

  if (self->store == NULL || strategy_id (self) == NULL || self->round_id == NULL)
    {
      g_list_store_remove_all (self->activities);
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  records = mb_follow_up_list_activities (self->store, strategy_id (self), self->year, &error);
  summary = records ? mb_follow_up_summarise_activities (self->store, strategy_id (self),
                                                         self->year, &error)
                    : NULL;
  if (summary == NULL)
    {
      g_warning ("Could not read the activities: %s", error->message);
      return;
    }
  g_list_store_splice (self->activities, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->activities)),
                       records->pdata, records->len);
  sentence = mb_activity_summary_to_sentence (summary, mb_period_language_for_ui ());
  gtk_label_set_text (self->summary_label, sentence);
  select_activity_row (self);
}

static void
show_round (MbFollowUpView *self)
{
  MbRecord *round = NULL;
  guint selected = gtk_drop_down_get_selected (self->round_dropdown);

  if (self->rounds != NULL && selected < self->rounds->len)
    round = g_ptr_array_index (self->rounds, selected);

  g_clear_pointer (&self->round_id, g_free);
  self->round_id = round ? g_strdup (mb_record_get_id (round)) : NULL;
  self->year = round ? (int) mb_record_get_int (round, "year") : 0;
  mb_form_set_id (self->round_form, self->round_id);
  gtk_stack_set_visible_child_name (self->main_stack, round ? "round" : "no-round");
  gtk_widget_set_visible (GTK_WIDGET (self->round_dropdown), round != NULL);
  /* A different round: the tree's rows are other assessments. */
  g_list_store_remove_all (self->roots);
  g_hash_table_remove_all (self->items);
  reload_goals (self);
  reload_activities (self);
  update_actions (self);
}

static void
reload_rounds (MbFollowUpView *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (self->round_id);
  guint selected = 0;

  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  if (self->store != NULL && strategy_id (self) != NULL)
    self->rounds = mb_follow_up_list_rounds (self->store, strategy_id (self), NULL);
  for (guint i = 0; self->rounds != NULL && i < self->rounds->len; i++)
    {
      MbRecord *round = g_ptr_array_index (self->rounds, i);

      gtk_string_list_append (titles, mb_record_get_title (round));
      if (g_strcmp0 (keep, mb_record_get_id (round)) == 0)
        selected = i;
    }
  self->loading_rounds = TRUE;
  gtk_drop_down_set_model (self->round_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->round_dropdown, selected);
  self->loading_rounds = FALSE;
  show_round (self);
}

static void
round_selected_cb (MbFollowUpView *self)
{
  if (!self->loading_rounds)
    show_round (self);
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbFollowUpView     *self)
{
  static const char * const goal_tables[] = {
    "nodes", "assessments", "node_indicators", "indicators", "measurements",
    "indicator_targets", "project_nodes", "activity_nodes", "activities",
  };

  if (mb_store_changes_include (tables, "follow_up_rounds") ||
      mb_store_changes_include (tables, "strategies"))
    {
      reload_rounds (self);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (goal_tables); i++)
    if (mb_store_changes_include (tables, goal_tables[i]))
      {
        reload_goals (self);
        break;
      }
  if (mb_store_changes_include (tables, "activities") ||
      mb_store_changes_include (tables, "activity_organisations") ||
      mb_store_changes_include (tables, "organisations"))
    reload_activities (self);
}

/* Actions */

static void
show_error (MbFollowUpView *self,
            const char     *message)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message))
    g_warning ("%s", message);
}

static void
start_round_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         MbFollowUpView   *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "start") != 0)
    return;
  if (!mb_follow_up_view_start_round (self, gtk_spin_button_get_value_as_int (spin), &error))
    show_error (self, error->message);
}

static void
start_round_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (widget);
  GtkWidget *spin = gtk_spin_button_new_with_range (1900, 2200, 1);
  GtkWidget *dialog;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), default_new_year (self));
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year Followed Up"), -1);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Start a Follow-up?"),
                                   _("The round holds the year’s assessment of each goal and "
                                     "what was done. Which year does it follow up?"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Follow-up"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_round_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (widget);
  MbActivityDialog *dialog;

  if (self->round_id == NULL)
    return;
  dialog = mb_activity_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                   strategy_id (self), self->year);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_activity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (widget);
  g_autoptr(GError) error = NULL;

  /* One step, undone like any other: no confirmation needed. */
  if (!mb_store_delete (self->store, "activities", g_variant_get_string (parameter, NULL), &error))
    show_error (self, error->message);
}

static void
update_kolada_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (widget);
  GtkWidget *dialog;

  if (strategy_id (self) == NULL)
    return;
  dialog = mb_kolada_update_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                        strategy_id (self));
  gtk_window_present (GTK_WINDOW (dialog));
  mb_kolada_update_dialog_start (MB_KOLADA_UPDATE_DIALOG (dialog));
}

static void
write_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (widget);
  g_autoptr(MbRecord) strategy = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *name = NULL;
  GtkWidget *dialog;
  int year = self->year;

  if (strategy_id (self) == NULL)
    return;
  strategy = mb_store_get_record (self->store, "strategies", strategy_id (self), NULL);
  if (strategy != NULL)
    {
      name = mb_record_get_string (strategy, "short_name");
      if (name == NULL || *name == '\0')
        name = mb_record_get_string (strategy, "title");
    }
  /* The chosen round's year, or last year's: the report written in spring. */
  if (year == 0)
    {
      now = g_date_time_new_now_local ();
      year = g_date_time_get_year (now) - 1;
    }
  dialog = mb_report_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                 strategy_id (self), name, year);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The round's own fields */

static const MbFormChoice round_statuses[] = {
  { "in-progress", N_("In progress") },
  { "approved", N_("Approved") },
  { NULL, NULL }
};

static const MbFormField round_fields[] = {
  { "title", N_("Title"), MB_FORM_TEXT, NULL, NULL, NULL, NULL },
  { "cutoff_date", N_("Data cut-off"), MB_FORM_DATE, NULL, NULL, NULL,
    N_("Values after this day belong to the next round") },
  { "responsible", N_("Responsible"), MB_FORM_TEXT, NULL, NULL, NULL, N_("A person or a role") },
  { NULL, N_("Approval"), MB_FORM_SECTION, NULL, NULL, NULL, NULL },
  { "status", N_("Status"), MB_FORM_ENUM, round_statuses, NULL, NULL, NULL },
  { "decision_number", N_("Decision registration number"), MB_FORM_TEXT, NULL, NULL, NULL,
    N_("For example RUN/12/2022") },
  { "decided_on", N_("Decided on"), MB_FORM_DATE, NULL, NULL, NULL, NULL },
};

/* GObject */

static void
strategy_changed_cb (MbFollowUpView *self)
{
  g_clear_pointer (&self->round_id, g_free);
  reload_rounds (self);
}

static void
set_store (MbFollowUpView *self,
           MbStore        *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      GtkWidget *editor = mb_assessment_editor_new (store);
      GtkWidget *form = mb_form_new (store, "follow_up_rounds", round_fields,
                                     G_N_ELEMENTS (round_fields));

      g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
      self->editor = MB_ASSESSMENT_EDITOR (editor);
      gtk_widget_set_size_request (editor, 300, -1);
      mb_assessment_editor_set_editable (self->editor, is_editable (self));
      gtk_paned_set_end_child (self->paned, editor);
      self->round_form = MB_FORM (form);
      gtk_widget_set_sensitive (form, is_editable (self));
      adw_clamp_set_child (self->round_clamp, form);
    }
  reload_rounds (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
set_selection (MbFollowUpView *self,
               MbSelection    *selection)
{
  if (self->selection == selection)
    return;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    {
      g_signal_connect_swapped (selection, "notify::strategy", G_CALLBACK (strategy_changed_cb),
                                self);
      g_signal_connect_swapped (selection, "notify::id", G_CALLBACK (select_activity_row), self);
    }
  if (self->store != NULL)
    reload_rounds (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

static void
mb_follow_up_view_dispose (GObject *object)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_FOLLOW_UP_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->goal_selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  g_clear_object (&self->activities);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_clear_pointer (&self->round_id, g_free);
  G_OBJECT_CLASS (mb_follow_up_view_parent_class)->dispose (object);
}

static void
mb_follow_up_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_follow_up_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MbFollowUpView *self = MB_FOLLOW_UP_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      set_selection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_follow_up_view_class_init (MbFollowUpViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_follow_up_view_dispose;
  object_class->get_property = mb_follow_up_view_get_property;
  object_class->set_property = mb_follow_up_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, MB_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-follow-up-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, root_box);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, round_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, start_button);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, no_round_page);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, pages);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, paned);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, goal_list);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, activity_list);
  gtk_widget_class_bind_template_child (widget_class, MbFollowUpView, round_clamp);

  gtk_widget_class_install_action (widget_class, "follow-up.start-round", NULL,
                                   start_round_action);
  gtk_widget_class_install_action (widget_class, "follow-up.add-activity", NULL,
                                   add_activity_action);
  gtk_widget_class_install_action (widget_class, "follow-up.delete-activity", "s",
                                   delete_activity_action);
  gtk_widget_class_install_action (widget_class, "follow-up.update-kolada", NULL,
                                   update_kolada_action);
  gtk_widget_class_install_action (widget_class, "follow-up.write-report", NULL,
                                   write_report_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "followupview");
}

static void
mb_follow_up_view_init (MbFollowUpView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->roots = g_list_store_new (MB_TYPE_FOLLOW_UP_GOAL_ITEM);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)), FALSE, TRUE,
                                        create_children_cb, NULL, NULL);
  self->goal_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->goal_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->goal_selection, TRUE);
  g_signal_connect_swapped (self->goal_selection, "notify::selected",
                            G_CALLBACK (goal_selected_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (goal_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (goal_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (goal_unbind_cb), self);
  gtk_list_view_set_factory (self->goal_list, factory);
  gtk_list_view_set_model (self->goal_list, GTK_SELECTION_MODEL (self->goal_selection));
  g_signal_connect_swapped (self->goal_list, "activate", G_CALLBACK (goal_activate_cb), self);

  self->activities = g_list_store_new (MB_TYPE_RECORD);
  gtk_list_box_bind_model (self->activity_list, G_LIST_MODEL (self->activities),
                           create_activity_row, self, NULL);
  g_signal_connect_swapped (self->activity_list, "row-activated",
                            G_CALLBACK (activity_activated_cb), self);
  g_signal_connect_swapped (self->round_dropdown, "notify::selected",
                            G_CALLBACK (round_selected_cb), self);
  /* A round's title is the user's; the toolbar must fit beside the
   * details panel whatever its length, and the switcher's buttons with it. */
  mb_drop_down_ellipsize (self->round_dropdown, 16);
  layout = gtk_widget_get_layout_manager (self->page_switcher);
  if (GTK_IS_BOX_LAYOUT (layout))
    gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
  update_actions (self);
}

GtkWidget *
mb_follow_up_view_new (MbStore     *store,
                       MbSelection *selection)
{
  return g_object_new (MB_TYPE_FOLLOW_UP_VIEW, "selection", selection, "store", store, NULL);
}

const char *
mb_follow_up_view_get_round_id (MbFollowUpView *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), NULL);
  return self->round_id;
}

gboolean
mb_follow_up_view_select_year (MbFollowUpView *self,
                               int             year)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), FALSE);

  for (guint i = 0; self->rounds != NULL && i < self->rounds->len; i++)
    if (mb_record_get_int (g_ptr_array_index (self->rounds, i), "year") == year)
      {
        gtk_drop_down_set_selected (self->round_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
mb_follow_up_view_start_round (MbFollowUpView *self,
                               int             year,
                               GError        **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), FALSE);

  id = mb_follow_up_create_round (self->store, strategy_id (self), year, error);
  if (id == NULL)
    return FALSE;
  /* The store's "changed" re-read the rounds already. */
  mb_follow_up_view_select_year (self, year);
  return TRUE;
}

GListModel *
mb_follow_up_view_get_goal_rows (MbFollowUpView *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), NULL);
  return G_LIST_MODEL (self->tree);
}

gboolean
mb_follow_up_view_select_goal (MbFollowUpView *self,
                               const char     *node_id)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  MbFollowUpGoalItem *item;
  guint n;

  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), FALSE);

  item = g_hash_table_lookup (self->items, node_id);
  if (item == NULL)
    return FALSE;
  /* Expand the ancestors, from the root down. */
  for (const MbFollowUpGoal *goal = mb_follow_up_goal_item_get_goal (item);
       goal->parent_id != NULL;)
    {
      MbFollowUpGoalItem *parent = g_hash_table_lookup (self->items, goal->parent_id);

      if (parent == NULL)
        break;
      g_ptr_array_insert (path, 0, parent);
      goal = mb_follow_up_goal_item_get_goal (parent);
    }
  for (guint p = 0; p <= path->len; p++)
    {
      gpointer wanted = p < path->len ? g_ptr_array_index (path, p) : item;

      n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
          g_autoptr(GObject) row_item = gtk_tree_list_row_get_item (row);

          if (row_item != wanted)
            continue;
          if (p < path->len)
            gtk_tree_list_row_set_expanded (row, TRUE);
          else
            {
              gtk_single_selection_set_selected (self->goal_selection, i);
              return TRUE;
            }
          break;
        }
    }
  return FALSE;
}

MbAssessmentEditor *
mb_follow_up_view_get_editor (MbFollowUpView *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), NULL);
  return self->editor;
}

GListModel *
mb_follow_up_view_get_activities (MbFollowUpView *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), NULL);
  return G_LIST_MODEL (self->activities);
}

const char *
mb_follow_up_view_get_summary (MbFollowUpView *self)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

void
mb_follow_up_view_show_page (MbFollowUpView *self,
                             const char     *page)
{
  g_return_if_fail (MB_IS_FOLLOW_UP_VIEW (self));
  gtk_stack_set_visible_child_name (self->pages, page);
}

gboolean
mb_follow_up_view_select_round (MbFollowUpView *self,
                                const char     *round_id)
{
  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), FALSE);

  for (guint i = 0; self->rounds != NULL && i < self->rounds->len; i++)
    if (g_strcmp0 (mb_record_get_id (g_ptr_array_index (self->rounds, i)), round_id) == 0)
      {
        gtk_drop_down_set_selected (self->round_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

/* The year of a stored period, or 0. */
static int
period_year (const char *stored)
{
  MbPeriod period;

  return stored != NULL && mb_period_parse (stored, &period, NULL) ? period.year : 0;
}

gboolean
mb_follow_up_view_show_activity (MbFollowUpView *self,
                                 const char     *activity_id)
{
  g_autoptr(MbRecord) activity = NULL;
  GtkListBoxRow *row;
  int first, last;

  g_return_val_if_fail (MB_IS_FOLLOW_UP_VIEW (self), FALSE);

  activity = mb_store_get_record (self->store, MB_KIND_ACTIVITY, activity_id, NULL);
  if (activity == NULL)
    return FALSE;
  first = period_year (mb_record_get_string (activity, "start_period"));
  last = period_year (mb_record_get_string (activity, "end_period"));
  if (first == 0)
    first = last;
  if (last < first)
    last = first;
  /* A round of a year it took place in: the one shown if it is, else the
   * newest (the list is newest first). */
  if (self->year < first || self->year > last)
    for (guint i = 0; self->rounds != NULL && i < self->rounds->len; i++)
      {
        int year = (int) mb_record_get_int (g_ptr_array_index (self->rounds, i), "year");

        if (year >= first && year <= last)
          {
            gtk_drop_down_set_selected (self->round_dropdown, i);
            break;
          }
      }
  gtk_stack_set_visible_child_name (self->pages, "activities");
  row = find_activity_row (self, activity_id);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->activity_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}
