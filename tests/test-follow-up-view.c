/* test-follow-up-view.c – the Follow-up view, its dialogs, and periods in the form, under Xvfb
 *
 * Driven as a user would: start a round, assess two goals (one confirming
 * the indicators' suggestion, one overriding it with a reason), log a
 * workshop with three organisations from two sectors, delete it, undo; and
 * type time plans into a node's form. The outcome is checked in the library
 * (SQL) and in its undo history: one step per action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <adwaita.h>

#include "malbild-resources.h"
#include "mb-activity-dialog.h"
#include "mb-follow-up-goal-item.h"
#include "mb-follow-up-view.h"
#include "mb-form.h"
#include "mb-kolada-update-dialog.h"
#include "mb-store-canvas-queries.h"
#include "mb-store-review.h"
#include "test-store-util.h"

typedef struct
{
  char           *dir;
  MbStore        *store;
  MbSelection    *selection;
  GtkWindow      *window;
  MbFollowUpView *view;
  char           *strategy;
  char           *measured;   /* a priority with an indicator on track */
  char           *unmeasured; /* a priority without indicators */
  char           *last_toast;
} Fixture;

static gint64
count (Fixture    *f,
       const char *sql,
       const char *arg)
{
  return _mb_store_query_int (mb_store_get_db (f->store), sql, arg ? "s" : "", arg);
}

static void
toast_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->last_toast);
  f->last_toast = g_variant_dup_string (parameter, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *top = NULL;
  g_autofree char *indicator = NULL;
  GValue v = G_VALUE_INIT;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "t.malbild");
  f->selection = mb_selection_new ();
  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  g_assert_no_error (error);
  top = mb_test_level (f->store, f->strategy, 0);
  f->measured = mb_store_create_node (f->store, f->strategy, NULL, top, "Kompetens", &error);
  g_assert_no_error (error);
  f->unmeasured = mb_store_create_node (f->store, f->strategy, NULL, top, "Tillgänglighet",
                                        &error);
  g_assert_no_error (error);

  /* From 10 toward 20 by 2030, at 16 in 2024 and rising: on track. */
  indicator = mb_store_create_indicator (f->store, f->strategy, "Andel med eftergymnasial "
                                         "utbildning", NULL, &error);
  g_assert_no_error (error);
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 10);
  g_assert_true (mb_store_set_field (f->store, "indicators", indicator, "baseline_value", &v,
                                     &error));
  g_value_unset (&v);
  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, 2019);
  g_assert_true (mb_store_set_field (f->store, "indicators", indicator, "baseline_year", &v,
                                     &error));
  g_value_unset (&v);
  g_free (mb_store_set_target (f->store, indicator, 2030, 20, &error));
  g_assert_no_error (error);
  for (int year = 2020; year <= 2024; year++)
    {
      g_autofree char *period = g_strdup_printf ("%d", year);

      g_free (mb_store_record_measurement (f->store, indicator, period, "0023", "T",
                                           10 + (year - 2019) * 1.2, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, f->measured, indicator,
                                  &error));
  g_assert_no_error (error);
  mb_selection_set_strategy (f->selection, f->strategy);
}

static void
show_view (Fixture *f)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("show-toast", G_VARIANT_TYPE_STRING);

  f->window = GTK_WINDOW (gtk_window_new ());
  g_signal_connect (toast, "activate", G_CALLBACK (toast_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, 1200, 800);
  f->view = MB_FOLLOW_UP_VIEW (mb_follow_up_view_new (f->store, f->selection));
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  mb_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  mb_test_settle ();
  g_clear_object (&f->selection);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->measured);
  g_free (f->unmeasured);
  g_free (f->last_toast);
}

static const MbFollowUpGoal *
goal_of (Fixture    *f,
         const char *node_id)
{
  GListModel *rows = mb_follow_up_view_get_goal_rows (f->view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(MbFollowUpGoalItem) item = gtk_tree_list_row_get_item (row);
      const MbFollowUpGoal *goal = mb_follow_up_goal_item_get_goal (item);

      if (g_str_equal (goal->node_id, node_id))
        return goal;
    }
  g_assert_not_reached ();
}

static void
type_judgement (MbAssessmentEditor *editor,
                const char         *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (mb_assessment_editor_get_judgement_view
                                                        (editor)), text, -1);
}

static void
test_assess_goals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MbAssessmentEditor *editor;
  const MbFollowUpGoal *goal;
  gint64 steps;

  show_view (f);
  g_assert_null (mb_follow_up_view_get_round_id (f->view));

  /* Starting a round is one step. */
  steps = mb_test_n_undo_steps (f->store);
  g_assert_true (mb_follow_up_view_start_round (f->view, 2025, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_assert_nonnull (mb_follow_up_view_get_round_id (f->view));
  g_assert_cmpint (count (f, "SELECT count(*) FROM follow_up_rounds WHERE year = 2025"
                             " AND strategy_id = ?", f->strategy), ==, 1);

  /* The tree shows both goals, with the suggestion of their indicators. */
  g_assert_cmpuint (g_list_model_get_n_items (mb_follow_up_view_get_goal_rows (f->view)), ==, 2);
  goal = goal_of (f, f->measured);
  g_assert_false (goal->assessed);
  g_assert_nonnull (goal->suggestion);
  g_assert_cmpint (goal->suggestion->status, ==, MB_ASSESSMENT_ON_TRACK);
  g_assert_cmpuint (goal->n_indicators, ==, 1);
  g_assert_cmpfloat_with_epsilon (goal->progress, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (goal->progress_change, 0.12, 1e-9);
  goal = goal_of (f, f->unmeasured);
  g_assert_cmpint (goal->suggestion->status, ==, MB_ASSESSMENT_NOT_ASSESSABLE);

  /* Confirming the suggestion: the editor offers it; one step. */
  editor = mb_follow_up_view_get_editor (f->view);
  g_assert_true (mb_follow_up_view_select_goal (f->view, f->measured));
  mb_test_settle ();
  g_assert_cmpint (mb_assessment_editor_get_status (editor), ==, MB_ASSESSMENT_ON_TRACK);
  gtk_editable_set_text (mb_assessment_editor_get_who_entry (editor), "Regional utveckling");
  type_judgement (editor, "Andelen ökar stadigt.\nMålet nås före 2030.");
  steps = mb_test_n_undo_steps (f->store);
  g_assert_true (mb_assessment_editor_save (editor));
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessments WHERE node_id = ?"
                             " AND status = 'on-track' AND suggested_status = 'on-track'"
                             " AND override_reason IS NULL AND assessed_by = 'Regional utveckling'"
                             " AND judgement = 'Andelen ökar stadigt.\nMålet nås före 2030.'",
                          f->measured), ==, 1);
  goal = goal_of (f, f->measured);
  g_assert_true (goal->assessed);
  g_assert_cmpint (goal->status, ==, MB_ASSESSMENT_ON_TRACK);

  /* Overriding needs a reason: without one, a clear error and nothing written. */
  g_assert_true (mb_follow_up_view_select_goal (f->view, f->unmeasured));
  mb_test_settle ();
  mb_assessment_editor_set_status (editor, MB_ASSESSMENT_AT_RISK);
  type_judgement (editor, "Restiderna har ökat.");
  steps = mb_test_n_undo_steps (f->store);
  g_assert_false (mb_assessment_editor_save (editor));
  g_assert_nonnull (mb_assessment_editor_get_error (editor));
  g_assert_nonnull (strstr (mb_assessment_editor_get_error (editor), "rather than"));
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps);
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessments WHERE node_id = ?", f->unmeasured),
                   ==, 0);

  gtk_editable_set_text (mb_assessment_editor_get_reason_entry (editor),
                         "Trafikverkets restidsdata visar försämring");
  g_assert_null (mb_assessment_editor_get_error (editor));
  g_assert_true (mb_assessment_editor_save (editor));
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessments WHERE node_id = ?"
                             " AND status = 'at-risk' AND suggested_status = 'not-assessable'"
                             " AND override_reason = 'Trafikverkets restidsdata visar försämring'",
                          f->unmeasured), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessments", NULL), ==, 2);

  /* The canvas cards show the latest round's statuses. */
  {
    g_autoptr(MbCanvasData) canvas = mb_store_canvas_load (f->store, f->strategy, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < canvas->nodes->len; i++)
      {
        MbCanvasNodeRow *row = g_ptr_array_index (canvas->nodes, i);

        g_assert_true (row->assessed);
        g_assert_cmpuint (row->assessment, ==, g_str_equal (row->id, f->measured)
                                               ? MB_ASSESSMENT_ON_TRACK : MB_ASSESSMENT_AT_RISK);
      }
  }

  /* Undo takes back the override alone; the row shows it at once. */
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessments", NULL), ==, 1);
  g_assert_false (goal_of (f, f->unmeasured)->assessed);
}

static void
test_activity (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *region = mb_store_create_organisation (f->store, "Region Jämtland Härjedalen",
                                                          "public", NULL);
  g_autofree char *kommun = mb_store_create_organisation (f->store, "Östersunds kommun",
                                                          "public", NULL);
  g_autofree char *firm = mb_store_create_organisation (f->store, "Jämtkraft AB", "business",
                                                        NULL);
  g_autofree char *id = NULL;
  g_autofree char *bad_id = NULL;
  MbActivityDialog *dialog;
  gint64 steps;

  show_view (f);
  g_assert_true (mb_follow_up_view_start_round (f->view, 2021, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  mb_follow_up_view_show_page (f->view, "activities");
  g_assert_cmpuint (g_list_model_get_n_items (mb_follow_up_view_get_activities (f->view)), ==, 0);

  dialog = mb_activity_dialog_new (f->window, f->store, f->strategy, 2021);
  gtk_window_present (GTK_WINDOW (dialog));
  mb_test_settle ();
  mb_activity_dialog_set_kind (dialog, MB_ACTIVITY_WORKSHOP);
  gtk_editable_set_text (mb_activity_dialog_get_entry (dialog, "title"),
                         "Workshop om smart specialisering");
  gtk_editable_set_text (mb_activity_dialog_get_entry (dialog, "participants"), "25");
  gtk_editable_set_text (mb_activity_dialog_get_entry (dialog, "registration"), "RUN/683/2020");
  g_assert_true (mb_activity_dialog_set_organisation (dialog, region, TRUE));
  g_assert_true (mb_activity_dialog_set_organisation (dialog, kommun, TRUE));
  g_assert_true (mb_activity_dialog_set_organisation (dialog, firm, TRUE));
  g_assert_true (mb_activity_dialog_set_goal (dialog, f->measured, TRUE));

  /* A time it cannot read is refused with the parser's words; nothing written. */
  steps = mb_test_n_undo_steps (f->store);
  gtk_editable_set_text (mb_activity_dialog_get_entry (dialog, "start"), "snart");
  bad_id = mb_activity_dialog_add (dialog);
  g_assert_null (bad_id);
  g_assert_nonnull (mb_activity_dialog_get_error (dialog));
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities", NULL), ==, 0);

  gtk_editable_set_text (mb_activity_dialog_get_entry (dialog, "start"), "oktober 2021");
  id = mb_activity_dialog_add (dialog);
  g_assert_nonnull (id);
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE id = ? AND kind = 'workshop'"
                             " AND start_period = '2021-10' AND participants = 25"
                             " AND registration_number = 'RUN/683/2020'", id), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activity_organisations WHERE activity_id = ?",
                          id), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT o.sector) FROM activity_organisations ao"
                             " JOIN organisations o ON o.id = ao.organisation_id"
                             " WHERE ao.activity_id = ?", id), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activity_nodes WHERE activity_id = ?", id),
                   ==, 1);

  /* The list and the report's sentence follow. */
  g_assert_cmpuint (g_list_model_get_n_items (mb_follow_up_view_get_activities (f->view)), ==, 1);
  g_assert_nonnull (strstr (mb_follow_up_view_get_summary (f->view),
                            "25 participants from three organisations in two sectors"));
  g_assert_cmpuint (goal_of (f, f->measured)->n_activities, ==, 1);

  /* Delete is one step; undo brings it back with its organisations. */
  steps = mb_test_n_undo_steps (f->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "follow-up.delete-activity",
                                             "s", id));
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities", NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mb_follow_up_view_get_activities (f->view)), ==, 0);
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  g_assert_cmpint (count (f, "SELECT count(*) FROM activity_organisations WHERE activity_id = ?",
                          id), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (mb_follow_up_view_get_activities (f->view)), ==, 1);
}

static void
set_node_text (Fixture    *f,
               const char *column,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, text);
  g_assert_true (mb_store_set_field (f->store, "nodes", f->measured, column, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
}

/* An end that has passed without the work being done is overdue, in the
 * follow-up's rows as in the outline (one rule in core). */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRecord) record = NULL;
  GDate today;

  mb_follow_up_get_today (&today);
  show_view (f);
  g_assert_true (mb_follow_up_view_start_round (f->view, 2021, &error));
  mb_test_settle ();
  g_assert_false (goal_of (f, f->measured)->overdue);

  set_node_text (f, "end_date", "2021-10");
  set_node_text (f, "status", "ongoing");
  mb_test_settle ();
  record = mb_store_get_record (f->store, "nodes", f->measured, NULL);
  g_assert_true (mb_follow_up_node_is_overdue (record, &today));
  g_assert_true (goal_of (f, f->measured)->overdue);
  g_assert_false (goal_of (f, f->unmeasured)->overdue);

  set_node_text (f, "status", "done");
  mb_test_settle ();
  g_clear_object (&record);
  record = mb_store_get_record (f->store, "nodes", f->measured, NULL);
  g_assert_false (mb_follow_up_node_is_overdue (record, &today));
  g_assert_false (goal_of (f, f->measured)->overdue);
}

/* In review mode everything is shown and nothing can be changed. */
static void
test_review_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (mb_store_get_path (f->store));
  g_autofree char *round = mb_follow_up_create_round (f->store, f->strategy, 2025, &error);
  MbAssessmentEditor *editor;
  gint64 assessments;
  guint n_windows;

  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = mb_store_open (path, MB_STORE_OPEN_REVIEW, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_review (f->store));

  show_view (f);
  g_assert_cmpstr (mb_follow_up_view_get_round_id (f->view), ==, round);
  g_assert_cmpuint (g_list_model_get_n_items (mb_follow_up_view_get_goal_rows (f->view)), ==, 2);
  /* The actions are disabled: no dialog opens. */
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  gtk_widget_activate_action (GTK_WIDGET (f->view), "follow-up.start-round", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "follow-up.add-activity", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "follow-up.update-kolada", NULL);
  mb_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows);

  editor = mb_follow_up_view_get_editor (f->view);
  g_assert_true (mb_follow_up_view_select_goal (f->view, f->measured));
  mb_test_settle ();
  g_assert_false (gtk_editable_get_editable (mb_assessment_editor_get_who_entry (editor)));
  g_assert_false (gtk_text_view_get_editable (mb_assessment_editor_get_judgement_view (editor)));
  /* Named once, by its heading (it was read "Written Assessment Written
   * Assessment"). */
  g_assert_false (gtk_test_accessible_has_property (
                    GTK_ACCESSIBLE (mb_assessment_editor_get_judgement_view (editor)),
                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_relation (
                   GTK_ACCESSIBLE (mb_assessment_editor_get_judgement_view (editor)),
                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  assessments = count (f, "SELECT count(*) FROM assessments", NULL);
  g_assert_false (mb_assessment_editor_save (editor));
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessments", NULL), ==, assessments);
}

/* The replay of Kolada's recorded answers (kolada-replay.py), on a free
 * port; it stops when its standard input closes. */
typedef struct
{
  GPid  pid;
  int   stdin_fd;
  char *base_url;
} Replay;

static void
replay_start (Replay *replay)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "kolada-replay.py", NULL);
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "fixtures", "kolada-v3", NULL);
  const char *argv[] = { "/usr/bin/python3", script, fixtures, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out = NULL;
  g_autofree char *line = NULL;
  int stdout_fd;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &replay->pid, &replay->stdin_fd, &stdout_fd, NULL, &error);
  g_assert_no_error (error);
  out = g_io_channel_unix_new (stdout_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  g_io_channel_read_line (out, &line, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  replay->base_url = g_strdup_printf ("http://127.0.0.1:%d/v3/", atoi (line));
}

static void
replay_stop (Replay *replay)
{
  close (replay->stdin_fd);
  waitpid (replay->pid, NULL, 0);
  g_spawn_close_pid (replay->pid);
  g_free (replay->base_url);
}

static MbKoladaUpdateDialog *
kolada_dialog (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = mb_store_create_indicator (f->store, f->strategy, "Invånare totalt",
                                                          NULL, &error);
  GValue v = G_VALUE_INIT;
  GtkWidget *dialog;

  g_assert_no_error (error);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "kolada:N01951");
  g_assert_true (mb_store_set_field (f->store, "indicators", indicator, "reference", &v, &error));
  g_value_unset (&v);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, f->unmeasured, indicator,
                                  &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, f->unmeasured, "0023",
                                  &error));
  g_assert_no_error (error);

  show_view (f);
  dialog = mb_kolada_update_dialog_new (f->window, f->store, f->strategy);
  gtk_window_present (GTK_WINDOW (dialog));
  return MB_KOLADA_UPDATE_DIALOG (dialog);
}

static gboolean
fetching (MbKoladaUpdateDialog *dialog)
{
  return g_strcmp0 (mb_kolada_update_dialog_get_state (dialog), "fetching") == 0;
}

/* Fetch with progress, a preview, Apply: the values in one undo step. */
static void
test_kolada_apply (Fixture       *f,
                   gconstpointer  data)
{
  Replay replay = { 0 };
  MbKoladaUpdateDialog *dialog;
  gint64 steps, values;

  replay_start (&replay);
  g_setenv ("MALBILD_KOLADA_URL", replay.base_url, TRUE);
  dialog = kolada_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  values = count (f, "SELECT count(*) FROM measurements", NULL);
  steps = mb_test_n_undo_steps (f->store);
  mb_kolada_update_dialog_start (dialog);
  g_assert_true (fetching (dialog));
  mb_test_wait_until (!fetching (dialog));
  g_assert_cmpstr (mb_kolada_update_dialog_get_state (dialog), ==, "preview");
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements", NULL), ==, values);

  g_assert_true (mb_kolada_update_dialog_apply (dialog));
  mb_test_settle ();
  g_assert_null (dialog);   /* it closed */
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements", NULL), ==, values + 16);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_unsetenv ("MALBILD_KOLADA_URL");
  replay_stop (&replay);
}

/* Cancel while fetching writes nothing; an error is shown, and nothing written. */
static void
test_kolada_cancel_and_error (Fixture       *f,
                              gconstpointer  data)
{
  Replay replay = { 0 };
  g_autofree char *wrong = NULL;
  MbKoladaUpdateDialog *dialog;
  gint64 steps, values;

  replay_start (&replay);
  g_setenv ("MALBILD_KOLADA_URL", replay.base_url, TRUE);
  dialog = kolada_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  values = count (f, "SELECT count(*) FROM measurements", NULL);
  steps = mb_test_n_undo_steps (f->store);
  mb_kolada_update_dialog_start (dialog);
  g_assert_true (fetching (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  mb_test_wait_until (dialog == NULL);
  mb_test_settle ();
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements", NULL), ==, values);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps);

  /* A server that knows no such route: a clear message in the dialog. */
  wrong = g_strdup_printf ("%snothing-here/", replay.base_url);
  g_setenv ("MALBILD_KOLADA_URL", wrong, TRUE);
  dialog = MB_KOLADA_UPDATE_DIALOG (mb_kolada_update_dialog_new (f->window, f->store,
                                                                 f->strategy));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  mb_kolada_update_dialog_start (dialog);
  mb_test_wait_until (!fetching (dialog));
  g_assert_cmpstr (mb_kolada_update_dialog_get_state (dialog), ==, "error");
  g_assert_false (mb_kolada_update_dialog_apply (dialog));
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements", NULL), ==, values);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unsetenv ("MALBILD_KOLADA_URL");
  replay_stop (&replay);
}

static void
test_round_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  show_view (f);
  g_assert_true (mb_follow_up_view_start_round (f->view, 2021, &error));
  g_assert_true (mb_follow_up_view_start_round (f->view, 2025, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  g_assert_true (mb_follow_up_view_select_year (f->view, 2021));
  mb_test_settle ();
  g_assert_cmpstr (mb_follow_up_view_get_round_id (f->view), ==,
                   mb_test_take (mb_follow_up_find_round (f->store, f->strategy, 2021, NULL)));
}

/* A form of one field, @fields[0] "end_date", on the measured goal. */
static MbForm *
show_end_form (Fixture           *f,
               const MbFormField *fields)
{
  GtkWidget *form = mb_form_new (f->store, "nodes", fields, 1);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, form);
  gtk_window_present (f->window);
  mb_form_set_id (MB_FORM (form), f->measured);
  mb_test_settle ();
  return MB_FORM (form);
}

/* Periods as people write them, in a node's form. */
static void
test_period_field (Fixture       *f,
                   gconstpointer  data)
{
  static const MbFormField fields[] = {
    { "end_date", "End", MB_FORM_PERIOD, NULL, NULL, NULL, NULL },
  };
  g_autoptr(MbRecord) record = NULL;
  MbForm *form = show_end_form (f, fields);
  GtkEditable *row = GTK_EDITABLE (mb_form_get_row (form, "end_date"));
  gint64 steps;

  steps = mb_test_n_undo_steps (f->store);
  gtk_editable_set_text (row, "Oktober 2021");
  g_assert_true (mb_form_commit (form, "end_date"));
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  record = mb_store_get_record (f->store, "nodes", f->measured, NULL);
  g_assert_cmpstr (mb_record_get_string (record, "end_date"), ==, "2021-10");
  g_assert_null (mb_form_get_error (form, "end_date"));
  /* Shown as people write it, in the interface's language (English here). */
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "October 2021");

  gtk_editable_set_text (row, "soon");
  g_assert_false (mb_form_commit (form, "end_date"));
  g_assert_nonnull (mb_form_get_error (form, "end_date"));
  g_assert_nonnull (strstr (mb_form_get_error (form, "end_date"), "End: "));
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_clear_object (&record);
  record = mb_store_get_record (f->store, "nodes", f->measured, NULL);
  g_assert_cmpstr (mb_record_get_string (record, "end_date"), ==, "2021-10");
}

/* "I drift 2022" in a node's End: the period and that it is when the work
 * is in operation, in one step, and shown back as written; a plain period
 * after it is an end like any other. */
static void
test_plan_end_field (Fixture       *f,
                     gconstpointer  data)
{
  static const MbFormField fields[] = {
    { "end_date", "End", MB_FORM_PLAN_END, NULL, NULL, NULL, NULL },
  };
  const char *in_operation = "SELECT in_operation FROM nodes WHERE id = ?";
  MbForm *form = show_end_form (f, fields);
  GtkEditable *row = GTK_EDITABLE (mb_form_get_row (form, "end_date"));
  gint64 steps;

  steps = mb_test_n_undo_steps (f->store);
  gtk_editable_set_text (row, "I drift 2022");
  g_assert_true (mb_form_commit (form, "end_date"));
  mb_test_settle ();
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes WHERE end_date = '2022'", NULL), ==, 1);
  g_assert_cmpint (count (f, in_operation, f->measured), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "In operation 2022");
  /* Read again from the library, as after a restart. */
  mb_form_set_id (form, f->unmeasured);
  mb_form_set_id (form, f->measured);
  mb_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "In operation 2022");

  /* Undone, the end and its kind go together. */
  g_assert_true (mb_store_undo (f->store, NULL));
  mb_test_settle ();
  g_assert_cmpint (count (f, in_operation, f->measured), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
  g_assert_true (mb_store_redo (f->store, NULL));
  mb_test_settle ();
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "In operation 2022");

  gtk_editable_set_text (row, "oktober 2021");
  g_assert_true (mb_form_commit (form, "end_date"));
  mb_test_settle ();
  g_assert_cmpint (count (f, in_operation, f->measured), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "October 2021");

  /* What it could not read, it says what it expected. */
  gtk_editable_set_text (row, "i drift snart");
  g_assert_false (mb_form_commit (form, "end_date"));
  g_assert_nonnull (strstr (mb_form_get_error (form, "end_date"), "I drift 2022"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes WHERE end_date = '2021-10'", NULL), ==,
                   1);
}

/* An activity opens in the details panel from the list, by Enter or a
 * click, and the list shows which one is open. */
static void
test_activity_opens (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *activity = NULL;
  MbActivityEdit edit = { f->strategy, MB_ACTIVITY_MEETING, "Dialog med kommunerna", NULL,
                          { 0 }, { MB_PERIOD_YEAR, 2025, 0, 0 }, NULL, -1, NULL,
                          NULL, NULL, NULL, NULL };
  GtkListBox *list;
  GtkListBoxRow *row;

  show_view (f);
  g_assert_true (mb_follow_up_view_start_round (f->view, 2021, &error));
  g_assert_true (mb_follow_up_view_start_round (f->view, 2025, &error));
  activity = mb_follow_up_create_activity (f->store, &edit, &error);
  g_assert_no_error (error);
  g_assert_true (mb_follow_up_view_select_year (f->view, 2021));
  mb_test_settle ();

  /* From elsewhere (a search): the round of its year, the row selected. */
  g_assert_true (mb_follow_up_view_show_activity (f->view, activity));
  mb_test_settle ();
  g_assert_cmpstr (mb_follow_up_view_get_round_id (f->view), ==,
                   mb_test_take (mb_follow_up_find_round (f->store, f->strategy, 2025, NULL)));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                      MB_TYPE_FOLLOW_UP_VIEW, "activity_list"));
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_is_selected (row));

  /* Activating the row selects the activity for the details panel. */
  g_signal_emit_by_name (list, "row-activated", row);
  mb_test_settle ();
  g_assert_cmpstr (mb_selection_get_kind (f->selection), ==, "activities");
  g_assert_cmpstr (mb_selection_get_id (f->selection), ==, activity);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  malbild_register_resource ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/follow-up-view/assess-goals", test_assess_goals);
  ADD ("/follow-up-view/activity", test_activity);
  ADD ("/follow-up-view/round-fields", test_round_fields);
  ADD ("/follow-up-view/overdue", test_overdue);
  ADD ("/follow-up-view/review-read-only", test_review_read_only);
  ADD ("/follow-up-view/kolada-apply", test_kolada_apply);
  ADD ("/follow-up-view/kolada-cancel-and-error", test_kolada_cancel_and_error);
  ADD ("/follow-up-view/period-field", test_period_field);
  ADD ("/follow-up-view/plan-end-field", test_plan_end_field);
  ADD ("/follow-up-view/activity-opens", test_activity_opens);

  return g_test_run ();
}
