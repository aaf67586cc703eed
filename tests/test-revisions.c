/* test-revisions.c – a strategy's revisions in the window, under Xvfb
 *
 * Takes a revision through the Revisions section of the strategy's
 * details, changes the strategy through the store, compares, and finds the
 * changes in the comparison's list, on the canvas and in what a screen
 * reader is told; checks the section follows the store alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mb-application.h"
#include "mb-canvas.h"
#include "mb-canvas-private.h"
#include "mb-change-item.h"
#include "mb-revision-compare.h"
#include "mb-revisions-group.h"
#include "core/mb-revision.h"
#include "core/mb-store-review.h"
#include "mb-window-private.h"
#include "test-levels-util.h"
#include "test-util.h"

static MbApplication *app;

typedef struct
{
  char      *path;
  MbWindow  *window;
  MbStore   *store;
  char      *strategy;
  char      *goal;       /* a goal that is renamed */
  char      *priority;   /* under it, removed */
  char      *other;      /* under it, kept */
  char      *link;       /* priority → other, removed */
} Fixture;

static MbCanvas *
wait_for_scene (MbWindow *window)
{
  MbCanvas *canvas = MB_CANVAS (window->canvas);

  mb_test_wait_for_canvas (canvas);
  return canvas;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *goals = NULL;
  g_autofree char *priorities = NULL;

  f->window = mb_test_open_window (app, 1280, 800, &f->path);
  f->store = mb_window_get_store (f->window);

  f->strategy = mb_store_create_strategy (f->store, "Regional utvecklingsstrategi", "rus",
                                          &error);
  g_assert_no_error (error);
  mb_test_set_text (f->store, "strategies", f->strategy, "short_name", "RUS");
  goals = mb_test_find_level (f->store, f->strategy, "Long-term goal");
  priorities = mb_test_find_level (f->store, f->strategy, "Priority");
  f->goal = mb_store_create_node (f->store, f->strategy, NULL, goals, "Energi", &error);
  g_assert_no_error (error);
  f->priority = mb_store_create_node (f->store, f->strategy, f->goal, priorities, "Solkraft",
                                      &error);
  g_assert_no_error (error);
  f->other = mb_store_create_node (f->store, f->strategy, f->goal, priorities, "Vindkraft",
                                   &error);
  g_assert_no_error (error);
  f->link = mb_store_create_link (f->store, f->priority, f->other, "depends-on", &error);
  g_assert_no_error (error);

  /* The strategy's details, beside its canvas. */
  mb_selection_set_strategy (mb_window_get_selection (f->window), f->strategy);
  mb_selection_select (mb_window_get_selection (f->window), "strategies", f->strategy);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-details", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mb_test_close_window (f->window, f->path);
  g_free (f->strategy);
  g_free (f->goal);
  g_free (f->priority);
  g_free (f->other);
  g_free (f->link);
}

/* The section's rows that are revisions, by their titles. */
static GStrv
row_titles (GtkWidget *group)
{
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  GtkWidget *list = mb_test_find_mapped (group, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "mb-revision") != NULL)
      g_strv_builder_add (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_strv_builder_end (titles);
}

/* Takes a revision named @name through the section's button and dialog. */
static void
take_revision (MbRevisionsGroup *group,
               const char       *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_signal_emit_by_name (mb_test_find_button (GTK_WIDGET (group), "_Take Revision…"), "clicked");
  dialog = mb_revisions_group_get_dialog (group);
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  /* It offers the strategy's short name and today's date. */
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (entry)), "RUS, "));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  adw_message_dialog_response (dialog, "accept");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_spin ();
}

/* The change of @id in the comparison's list, or NULL. */
static const MbChange *
find_change (MbRevisionCompare *comparison,
             const char        *id)
{
  GListModel *items = mb_revision_compare_get_items (comparison);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MbChangeItem) item = g_list_model_get_item (items, i);
      const MbChange *change = mb_change_item_get_change (item);

      if (change != NULL && g_str_equal (change->id, id))
        return change;
    }
  return NULL;
}

static guint
find_position (MbRevisionCompare *comparison,
               const char        *id)
{
  GListModel *items = mb_revision_compare_get_items (comparison);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MbChangeItem) item = g_list_model_get_item (items, i);
      const MbChange *change = mb_change_item_get_change (item);

      if (change != NULL && g_str_equal (change->id, id))
        return i;
    }
  g_assert_not_reached ();
}

/* What a screen reader hears after a widget's name. */
static char *
description_of (GtkWidget *widget)
{
  /* Checked against a value it cannot have: the answer is what it has. */
  char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                    "\x01");

  g_assert_nonnull (value);
  return value;
}

static void
test_revisions_section (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MbRevisionsGroup *group;
  g_autoptr(GPtrArray) revisions = NULL;
  g_auto(GStrv) titles = NULL;
  AdwMessageDialog *dialog;

  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  take_revision (group, "Antagen 2023");

  revisions = mb_store_list_revisions (f->store, f->strategy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpstr (((MbRevision *) revisions->pdata[0])->name, ==, "Antagen 2023");
  titles = row_titles (GTK_WIDGET (group));
  g_assert_cmpstrv (titles, ((const char *[]) { "Antagen 2023", NULL }));

  /* Renamed in the library by someone else: the section follows the store. */
  g_assert_true (mb_store_rename_revision (f->store, ((MbRevision *) revisions->pdata[0])->id,
                                           "Beslutad 2023", &error));
  g_assert_no_error (error);
  g_clear_pointer (&titles, g_strfreev);
  titles = row_titles (GTK_WIDGET (group));
  g_assert_cmpstrv (titles, ((const char *[]) { "Beslutad 2023", NULL }));

  /* Deleting asks first; undo brings it back. */
  gtk_widget_activate_action (mb_test_find_mapped (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW),
                              "revision.delete", NULL);
  dialog = mb_revisions_group_get_dialog (group);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_spin ();
  g_clear_pointer (&titles, g_strfreev);
  titles = row_titles (GTK_WIDGET (group));
  g_assert_cmpuint (g_strv_length (titles), ==, 0);
  g_assert_true (mb_store_undo (f->store, &error));
  g_clear_pointer (&titles, g_strfreev);
  titles = row_titles (GTK_WIDGET (group));
  g_assert_cmpstrv (titles, ((const char *[]) { "Beslutad 2023", NULL }));
}

static void
test_revisions_compare (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MbRevisionsGroup *group;
  MbRevisionCompare *comparison;
  MbCanvas *canvas;
  const MbChange *change;
  GtkWidget *node;
  g_autofree char *description = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *csv_path = g_build_filename (dir, "changes.csv", NULL);
  g_autofree char *csv = NULL;

  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  take_revision (group, "Antagen");

  /* Renamed, removed with its link, through the store. */
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Hållbar energi");
  g_assert_true (mb_store_delete (f->store, "nodes", f->priority, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (mb_test_find_button (GTK_WIDGET (group), "C_ompare…"), "clicked");
  comparison = MB_REVISION_COMPARE (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                                     MB_TYPE_REVISION_COMPARE));
  g_assert_null (mb_revision_compare_get_to_id (comparison));

  change = find_change (comparison, f->goal);
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, MB_CHANGE_CHANGED);
  g_assert_cmpstr (change->title, ==, "Hållbar energi");
  change = find_change (comparison, f->priority);
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, MB_CHANGE_REMOVED);
  change = find_change (comparison, f->link);
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, MB_CHANGE_REMOVED);
  g_assert_null (find_change (comparison, f->other));

  /* On the canvas: the renamed goal marked, the removed priority a ghost,
   * and a screen reader told so. */
  canvas = wait_for_scene (f->window);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->goal), ==, MB_CHANGE_CHANGED);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->priority), ==, MB_CHANGE_REMOVED);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->link), ==, MB_CHANGE_REMOVED);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->other), ==, -1);
  /* The legend, in the canvas's corner. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  {
    graphene_rect_t legend, view;

    g_assert_true (gtk_widget_get_mapped (canvas->legend));
    g_assert_true (gtk_widget_compute_bounds (canvas->legend, GTK_WIDGET (canvas), &legend));
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (canvas), GTK_WIDGET (canvas), &view));
    g_test_message ("legend %g,%g %gx%g in %gx%g", legend.origin.x, legend.origin.y,
                    legend.size.width, legend.size.height, view.size.width, view.size.height);
    g_assert_true (graphene_rect_contains_rect (&view, &legend));
    g_assert_cmpfloat (legend.size.width, >, 50);
  }
  node = mb_canvas_get_node_widget (canvas, f->goal);
  g_assert_nonnull (node);
  description = description_of (node);
  g_assert_true (g_str_has_prefix (description, "Changed, "));
  g_clear_pointer (&description, g_free);
  node = mb_canvas_get_ghost_widget (canvas, f->priority);
  g_assert_nonnull (node);
  description = description_of (node);
  g_assert_true (g_str_has_prefix (description, "Removed, "));
  g_clear_pointer (&description, g_free);
  description = description_of (mb_canvas_get_node_widget (canvas, f->other));
  g_assert_false (g_str_has_prefix (description, "Changed"));

  /* The library changes again: "now" follows, at the next idle. */
  mb_test_set_text (f->store, "nodes", f->other, "title", "Vindkraft till havs");
  mb_test_wait_until (find_change (comparison, f->other) != NULL);
  change = find_change (comparison, f->other);
  g_assert_cmpint (change->kind, ==, MB_CHANGE_CHANGED);
  wait_for_scene (f->window);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->other), ==, MB_CHANGE_CHANGED);

  /* An entry takes the user to its node on the canvas, selected. */
  g_signal_emit_by_name (gtk_widget_get_first_child (mb_test_find_mapped (GTK_WIDGET (comparison),
                                                                  GTK_TYPE_SCROLLED_WINDOW)),
                         "activate", find_position (comparison, f->goal));
  g_assert_cmpstr (mb_selection_get_kind (mb_window_get_selection (f->window)), ==, "nodes");
  g_assert_cmpstr (mb_selection_get_id (mb_window_get_selection (f->window)), ==, f->goal);
  /* The comparison stays while the user goes through its entries. */
  g_assert_true (mb_test_find_mapped (GTK_WIDGET (f->window), MB_TYPE_REVISION_COMPARE) ==
                 GTK_WIDGET (comparison));

  /* A removed node's entry shows its ghost. */
  mb_canvas_set_zoom (canvas, 4.0);
  {
    double x = _mb_canvas_widget_to_scene (canvas, 0, 0).x;

    g_signal_emit_by_name (gtk_widget_get_first_child (mb_test_find_mapped (GTK_WIDGET (comparison),
                                                                    GTK_TYPE_SCROLLED_WINDOW)),
                           "activate", find_position (comparison, f->priority));
    g_assert_cmpfloat (_mb_canvas_widget_to_scene (canvas, 0, 0).x, !=, x);
  }

  /* Exported as the command line writes it. */
  g_assert_true (mb_revision_compare_export (comparison, "csv", csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_nonnull (strstr (csv, f->goal));
  g_assert_nonnull (strstr (csv, "Hållbar energi"));
  g_unlink (csv_path);

  /* Leaving clears the marks. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (comparison), "compare.close", NULL));
  mb_test_spin ();
  g_assert_null (mb_test_find_mapped (GTK_WIDGET (f->window), MB_TYPE_REVISION_COMPARE));
  g_assert_cmpint (mb_canvas_get_change (canvas, f->goal), ==, -1);
  g_assert_null (mb_canvas_get_ghost_widget (canvas, f->priority));
  description = description_of (mb_canvas_get_node_widget (canvas, f->goal));
  g_assert_false (g_str_has_prefix (description, "Changed"));
}

/* A target changed since the revision: listed as a target's change, and on
 * the canvas the node its indicator measures is marked changed, said to a
 * screen reader with the old and new value; its entry goes to that card. */
static void
test_revisions_compare_target (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *target = NULL;
  g_autofree char *again = NULL;
  g_autofree char *description = NULL;
  MbRevisionsGroup *group;
  MbRevisionCompare *comparison;
  MbCanvas *canvas;
  const MbChange *change;

  indicator = mb_store_create_indicator (f->store, f->strategy, "Andel förnybar el", NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, f->other, indicator,
                                  &error));
  g_assert_no_error (error);
  target = mb_store_set_target (f->store, indicator, 2030, 40, &error);
  g_assert_no_error (error);

  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  take_revision (group, "Antagen");
  again = mb_store_set_target (f->store, indicator, 2030, 45, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, target);

  g_signal_emit_by_name (mb_test_find_button (GTK_WIDGET (group), "C_ompare…"), "clicked");
  comparison = MB_REVISION_COMPARE (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                                     MB_TYPE_REVISION_COMPARE));
  change = find_change (comparison, target);
  g_assert_nonnull (change);
  g_assert_cmpstr (change->entity, ==, "target");
  g_assert_cmpint (change->kind, ==, MB_CHANGE_CHANGED);
  g_assert_cmpuint (mb_revision_compare_get_changes (comparison)->len, ==, 1);

  canvas = wait_for_scene (f->window);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->other), ==, MB_CHANGE_CHANGED);
  g_assert_cmpint (mb_canvas_get_change (canvas, f->goal), ==, -1);
  description = description_of (mb_canvas_get_node_widget (canvas, f->other));
  g_test_message ("%s", description);
  g_assert_true (g_str_has_prefix (description,
                                   "Changed, Target for 2030 changed from 40 to 45, "));

  /* Its entry: the card of the node the indicator measures. */
  mb_selection_select (mb_window_get_selection (f->window), "nodes", f->goal);
  g_signal_emit_by_name (gtk_widget_get_first_child (mb_test_find_mapped (GTK_WIDGET (comparison),
                                                                  GTK_TYPE_SCROLLED_WINDOW)),
                         "activate", find_position (comparison, target));
  g_assert_cmpstr (mb_selection_get_kind (mb_window_get_selection (f->window)), ==, "nodes");
  g_assert_cmpstr (mb_selection_get_id (mb_window_get_selection (f->window)), ==, f->other);
}

/* Activates @id's entry from the list as a click there does, which leaves
 * the focus where it was (on the card of the entry before), and checks
 * that its card has the focus, whole in the part of the canvas beside the
 * pane and clear of the toolbar. */
static void
go_to_entry (Fixture           *f,
             MbRevisionCompare *comparison,
             MbCanvas          *canvas,
             const char        *id)
{
  GtkWidget *list = gtk_widget_get_first_child (mb_test_find_mapped (GTK_WIDGET (comparison),
                                                                     GTK_TYPE_SCROLLED_WINDOW));
  const MbCanvasScene *scene = mb_canvas_get_scene (canvas);
  graphene_rect_t card, view, tool;
  GtkWidget *node;

  g_signal_emit_by_name (list, "activate", find_position (comparison, id));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (mb_selection_get_id (mb_window_get_selection (f->window)), ==, id);

  node = mb_canvas_get_node_widget (canvas, id);
  g_assert_true (gtk_widget_has_focus (node));
  card = _mb_canvas_rect_to_widget (canvas, &mb_canvas_scene_get_card (
                                      scene, mb_canvas_scene_lookup (scene, id))->rect);
  view = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (canvas)) -
                             canvas->covered_end, gtk_widget_get_height (GTK_WIDGET (canvas)));
  g_test_message ("card %g,%g %gx%g in %gx%g", card.origin.x, card.origin.y, card.size.width,
                  card.size.height, view.size.width, view.size.height);
  g_assert_true (graphene_rect_contains_rect (&view, &card));
  /* Nor under the toolbar floating at the top. */
  g_assert_true (gtk_widget_compute_bounds (canvas->toolbar, GTK_WIDGET (canvas), &tool));
  g_assert_false (graphene_rect_intersection (&card, &tool, NULL));
}

/* Entries followed in turn, their cards far apart: each card is scrolled
 * to and gets the focus, the second too after the first has scrolled. */
static void
test_revisions_compare_go_to (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MbRevisionsGroup *group;
  MbRevisionCompare *comparison;
  MbCanvas *canvas;

  g_assert_true (mb_store_pin_node (f->store, f->goal, TRUE, 200.0, 100.0, &error));
  g_assert_true (mb_store_pin_node (f->store, f->priority, TRUE, 3000.0, 400.0, &error));
  g_assert_true (mb_store_pin_node (f->store, f->other, TRUE, 6000.0, 700.0, &error));
  g_assert_no_error (error);
  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  take_revision (group, "Antagen");
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Hållbar energi");
  mb_test_set_text (f->store, "nodes", f->other, "title", "Vindkraft till havs");

  g_signal_emit_by_name (mb_test_find_button (GTK_WIDGET (group), "C_ompare…"), "clicked");
  comparison = MB_REVISION_COMPARE (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                                     MB_TYPE_REVISION_COMPARE));
  canvas = wait_for_scene (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  go_to_entry (f, comparison, canvas, f->other);
  go_to_entry (f, comparison, canvas, f->goal);
  go_to_entry (f, comparison, canvas, f->other);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* The comparison follows the library only where a comparison reads it:
 * measurements (a Kolada update records thousands) compare nothing; a
 * node's rename compares once, however many notifications come before the
 * next idle; another strategy's edit leaves the list and the marks alone;
 * and hidden, it compares nothing until shown again. */
static void
test_revisions_compare_refresh (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *elsewhere_node = NULL;
  g_autofree char *levels = NULL;
  MbRevisionsGroup *group;
  MbRevisionCompare *comparison;
  guint compares, compared = 0;

  indicator = mb_store_create_indicator (f->store, f->strategy, "Andel förnybar el", NULL,
                                         &error);
  g_assert_no_error (error);
  elsewhere = mb_store_create_strategy (f->store, "Smart specialisering", "rus", &error);
  g_assert_no_error (error);
  levels = mb_test_find_level (f->store, elsewhere, "Long-term goal");
  elsewhere_node = mb_store_create_node (f->store, elsewhere, NULL, levels, "Skog", &error);
  g_assert_no_error (error);

  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  take_revision (group, "Antagen");
  g_signal_emit_by_name (mb_test_find_button (GTK_WIDGET (group), "C_ompare…"), "clicked");
  comparison = MB_REVISION_COMPARE (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                                     MB_TYPE_REVISION_COMPARE));
  g_signal_connect (comparison, "compared", G_CALLBACK (count_cb), &compared);
  mb_test_settle ();
  compares = mb_revision_compare_get_n_compares (comparison);
  g_assert_cmpuint (mb_revision_compare_get_changes (comparison)->len, ==, 0);

  /* Forty measurements, each its own action and notification. */
  for (int year = 1985; year < 2025; year++)
    {
      g_autofree char *period = g_strdup_printf ("%d", year);
      g_autofree char *id = mb_store_record_measurement (f->store, indicator, period, NULL,
                                                         NULL, year / 100.0, NULL, &error);

      g_assert_no_error (error);
      mb_test_spin ();
    }
  mb_test_settle ();
  g_assert_cmpuint (mb_revision_compare_get_n_compares (comparison), ==, compares);
  g_assert_cmpuint (compared, ==, 0);

  /* A rename: one comparison, one "compared", the change listed. */
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Hållbar energi");
  mb_test_settle ();
  g_assert_cmpuint (mb_revision_compare_get_n_compares (comparison), ==, compares + 1);
  g_assert_cmpuint (compared, ==, 1);
  g_assert_nonnull (find_change (comparison, f->goal));

  /* Three notifications before the main loop runs: one comparison. */
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Energi och klimat");
  mb_test_set_text (f->store, "nodes", f->other, "title", "Vindkraft till havs");
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Energi");
  mb_test_settle ();
  g_assert_cmpuint (mb_revision_compare_get_n_compares (comparison), ==, compares + 2);
  g_assert_cmpuint (compared, ==, 2);
  g_assert_null (find_change (comparison, f->goal));
  g_assert_nonnull (find_change (comparison, f->other));

  /* Another strategy's node: nothing the user sees is redone. */
  mb_test_set_text (f->store, "nodes", elsewhere_node, "title", "Skog och trä");
  mb_test_settle ();
  g_assert_cmpuint (compared, ==, 2);
  compares = mb_revision_compare_get_n_compares (comparison);

  /* Hidden (the details in its place): stale, compared when shown. */
  gtk_stack_set_visible_child_name (f->window->flap_stack, "details");
  mb_test_wait_until (!gtk_widget_get_mapped (GTK_WIDGET (comparison)));
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Förnybar energi");
  mb_test_settle ();
  g_assert_cmpuint (mb_revision_compare_get_n_compares (comparison), ==, compares);
  g_assert_null (find_change (comparison, f->goal));
  gtk_stack_set_visible_child (f->window->flap_stack, GTK_WIDGET (comparison));
  mb_test_wait_until (find_change (comparison, f->goal) != NULL);
  mb_test_settle ();
  g_assert_cmpuint (mb_revision_compare_get_n_compares (comparison), ==, compares + 1);
  g_assert_cmpuint (compared, ==, 3);
}

/* A removed node pinned by hand comes back as a ghost where it stood. */
static void
test_revisions_ghost_position (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *revision = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  MbCanvas *canvas;
  GtkWidget *ghost;
  graphene_rect_t bounds;

  g_assert_true (mb_store_pin_node (f->store, f->priority, TRUE, 2000.0, 1000.0, &error));
  revision = mb_store_take_revision (f->store, f->strategy, "Före", &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_delete (f->store, "nodes", f->priority, &error));
  canvas = wait_for_scene (f->window);
  changes = mb_store_compare_revisions (f->store, f->strategy, revision, NULL, &error);
  g_assert_no_error (error);
  mb_canvas_show_changes (canvas, changes, revision);
  mb_canvas_set_zoom (canvas, 0.5);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ghost = mb_canvas_get_ghost_widget (canvas, f->priority);
  g_assert_nonnull (ghost);
  /* The scene grew to hold it, so that one can scroll to it. */
  g_assert_true (graphene_rect_contains_point (&mb_canvas_get_scene (canvas)->bounds,
                                               &GRAPHENE_POINT_INIT (2000.0, 1000.0)));
  g_assert_true (gtk_widget_compute_bounds (ghost, GTK_WIDGET (canvas), &bounds) ||
                 !gtk_widget_get_child_visible (ghost));
  {
    graphene_point_t centre = _mb_canvas_scene_to_widget (canvas, 2000.0, 1000.0);

    if (gtk_widget_get_child_visible (ghost))
      g_assert_true (graphene_rect_contains_point (&bounds, &centre));
  }
  mb_canvas_show_changes (canvas, NULL, NULL);
  g_assert_null (mb_canvas_get_ghost_widget (canvas, f->priority));
  g_assert_false (graphene_rect_contains_point (&mb_canvas_get_scene (canvas)->bounds,
                                                &GRAPHENE_POINT_INIT (2000.0, 1000.0)));
}

/* The row's menu offers the window's revision actions with the revision
 * as target. */
static gboolean
menu_has_action (GtkWidget  *group,
                 const char *revision_id,
                 const char *action)
{
  GtkWidget *list = mb_test_find_mapped (group, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "mb-menu");
      GMenuModel *menu;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "mb-revision"), revision_id) != 0)
        continue;
      menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
      for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
        {
          g_autofree char *name = NULL;
          g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
            menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

          if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
              g_str_equal (name, action) && target != NULL &&
              g_str_equal (g_variant_get_string (target, NULL), revision_id))
            return TRUE;
        }
    }
  return FALSE;
}

/* A revision opened read-only shows the strategy as it was, in a review
 * copy; leaving comes back to the library; restoring asks, then puts the
 * strategy back in one undo step. */
static void
test_revisions_open_and_restore (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *revision = NULL;
  g_autoptr(MbRecord) goal = NULL;
  MbRevisionsGroup *group;
  MbStore *store;

  revision = mb_store_take_revision (f->store, f->strategy, "Antagen 2021", &error);
  g_assert_no_error (error);
  mb_test_set_text (f->store, "nodes", f->goal, "title", "Energi och klimat");
  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  mb_test_spin ();
  g_assert_true (menu_has_action (GTK_WIDGET (group), revision, "win.open-revision"));
  g_assert_true (menu_has_action (GTK_WIDGET (group), revision, "win.restore-revision"));
  g_assert_true (menu_has_action (GTK_WIDGET (group), revision, "win.export-revision"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-revision", "s",
                                             revision));
  mb_test_spin ();
  store = mb_window_get_store (f->window);
  g_assert_true (mb_store_is_review (store));
  goal = mb_store_get_record (store, "nodes", f->goal, &error);
  g_assert_cmpstr (mb_record_get_string (goal, "title"), ==, "Energi");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "Antagen 2021"));
  /* In review the menu offers no opening over it, nor restoring. */
  group = MB_REVISIONS_GROUP (mb_test_wait_for_mapped (GTK_WIDGET (f->window),
                                               MB_TYPE_REVISIONS_GROUP));
  mb_test_spin ();
  g_assert_false (menu_has_action (GTK_WIDGET (group), revision, "win.restore-revision"));

  g_assert_true (mb_window_open_library (f->window, f->path));
  mb_test_spin ();
  f->store = store = mb_window_get_store (f->window);
  g_assert_false (mb_store_is_review (store));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "Antagen 2021"));
  g_clear_object (&goal);
  goal = mb_store_get_record (store, "nodes", f->goal, &error);
  g_assert_cmpstr (mb_record_get_string (goal, "title"), ==, "Energi och klimat");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-revision", "s",
                                             revision));
  adw_message_dialog_response (mb_test_wait_for_dialog (), "restore");
  mb_test_spin ();
  g_clear_object (&goal);
  goal = mb_store_get_record (store, "nodes", f->goal, &error);
  g_assert_cmpstr (mb_record_get_string (goal, "title"), ==, "Energi");
  g_assert_cmpstr (mb_store_get_undo_label (store), ==, "Restore Revision");
  g_assert_true (mb_store_undo (store, &error));
  g_clear_object (&goal);
  goal = mb_store_get_record (store, "nodes", f->goal, &error);
  g_assert_cmpstr (mb_record_get_string (goal, "title"), ==, "Energi och klimat");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = mb_application_new ("io.github.malbild.Malbild.Test",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/revisions/open-and-restore", Fixture, NULL, fixture_set_up,
              test_revisions_open_and_restore, fixture_tear_down);
  g_test_add ("/revisions/section", Fixture, NULL, fixture_set_up, test_revisions_section,
              fixture_tear_down);
  g_test_add ("/revisions/compare", Fixture, NULL, fixture_set_up, test_revisions_compare,
              fixture_tear_down);
  g_test_add ("/revisions/compare-target", Fixture, NULL, fixture_set_up,
              test_revisions_compare_target, fixture_tear_down);
  g_test_add ("/revisions/compare-go-to", Fixture, NULL, fixture_set_up,
              test_revisions_compare_go_to, fixture_tear_down);
  g_test_add ("/revisions/compare-refresh", Fixture, NULL, fixture_set_up,
              test_revisions_compare_refresh, fixture_tear_down);
  g_test_add ("/revisions/ghost-position", Fixture, NULL, fixture_set_up,
              test_revisions_ghost_position, fixture_tear_down);

  return g_test_run ();
}
