/* test-levels.c – a strategy's own levels in the details panel, New Strategy's
 * choices of levels, and the export's suggested file name, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "mb-details-panel.h"
#include "mb-file-chooser.h"
#include "mb-level-source.h"
#include "mb-levels-group.h"
#include "mb-selection.h"
#include "malbild-resources.h"
#include "test-store-util.h"

typedef struct
{
  char           *dir;
  MbStore        *store;
  sqlite3        *db;
  MbSelection    *selection;
  GtkWindow      *window;
  MbDetailsPanel *panel;
  char           *strategy;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "levels.malbild");
  f->db = mb_store_get_db (f->store);
  f->strategy = mb_store_create_strategy (f->store, "Regional utvecklingsstrategi 2020–2030",
                                          "rus", &error);
  g_assert_no_error (error);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "RUS del 2");
  g_assert_true (mb_store_set_field (f->store, "strategies", f->strategy, "short_name", &value,
                                     &error));

  f->selection = mb_selection_new ();
  mb_selection_set_strategy (f->selection, f->strategy);
  f->panel = MB_DETAILS_PANEL (mb_details_panel_new (f->store, f->selection));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 440, 1400);
  gtk_window_set_child (f->window, GTK_WIDGET (f->panel));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->selection);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
}

/* The entry rows of the Levels group, in order (the last adds a level). */
static GPtrArray *
level_rows (GtkWidget *group)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list = mb_test_find_type (group, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row))
      g_ptr_array_add (rows, row);
  return rows;
}

/* The menu button of a level's row, and whether its action @name is on. */
static GtkWidget *
row_menu (GtkWidget *row)
{
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = row;
  while (n > 0)
    {
      GtkWidget *w = stack[--n];

      if (GTK_IS_MENU_BUTTON (w))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && n < G_N_ELEMENTS (stack);
           c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }
  g_assert_not_reached ();
}

static gboolean
row_action_enabled (GtkWidget  *row,
                    const char *name)
{
  GActionGroup *group = G_ACTION_GROUP (g_object_get_data (G_OBJECT (row), "mb-actions"));

  return g_action_group_get_action_enabled (group, name);
}

static void
row_activate (GtkWidget  *row,
              const char *name)
{
  g_autofree char *action = g_strconcat ("level.", name, NULL);

  g_assert_true (gtk_widget_activate_action (row_menu (row), action, NULL));
}

static char *
names (Fixture    *f,
       const char *strategy_id)
{
  return _mb_store_query_text (f->db, "SELECT group_concat(name, '|') FROM"
                                      " (SELECT name FROM levels WHERE strategy_id = ?"
                                      "  ORDER BY position)", "s", strategy_id);
}

static GtkWidget *
show_levels (Fixture *f)
{
  GtkWidget *group;

  mb_selection_select (f->selection, MB_KIND_STRATEGY, f->strategy);
  mb_test_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  group = mb_test_find_type (GTK_WIDGET (f->panel), MB_TYPE_LEVELS_GROUP);
  g_assert_nonnull (group);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Levels");
  return group;
}

static void
test_group_edits (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *group = show_levels (f);
  g_autoptr(GPtrArray) rows = level_rows (group);
  g_autoptr(GError) error = NULL;
  MbTestChanges changes = { 0 };
  gint64 steps;

  /* Six levels and the row that adds one, each with an accessible name. */
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[2]), ==, "Priority");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[2]), ==, "Level 3");
  g_assert_false (row_action_enabled (rows->pdata[0], "move-up"));
  g_assert_true (row_action_enabled (rows->pdata[0], "move-down"));
  g_assert_false (row_action_enabled (rows->pdata[5], "move-down"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_menu (rows->pdata[2])), ==,
                   "Move or Remove");

  /* Each edit below: one undo step and one notification. */
  mb_test_changes_watch (&changes, f->store);
  steps = mb_test_n_undo_steps (f->store);

  /* Rename: Enter applies, one undo step. */
  gtk_editable_set_text (rows->pdata[2], "Prioritering");
  g_signal_emit_by_name (rows->pdata[2], "apply");
  mb_test_spin ();
  g_assert_cmpstr (mb_test_take (names (f, f->strategy)), ==,
                   "Vision|Long-term goal|Prioritering|Strength area|Action area|Intervention");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Rename Level");
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
  g_ptr_array_unref (rows);
  rows = level_rows (group);
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[2]), ==, "Prioritering");

  /* An unchanged name writes nothing. */
  g_signal_emit_by_name (rows->pdata[3], "apply");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Rename Level");
  g_assert_cmpuint (changes.n_changed, ==, 1);

  /* Move up, keeping the focus on the level's menu. */
  row_activate (rows->pdata[5], "move-up");
  mb_test_spin ();
  g_assert_cmpstr (mb_test_take (names (f, f->strategy)), ==,
                   "Vision|Long-term goal|Prioritering|Strength area|Intervention|Action area");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Move Level");
  g_assert_cmpuint (changes.n_changed, ==, 2);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 2);
  g_ptr_array_unref (rows);
  rows = level_rows (group);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                        row_menu (rows->pdata[4])) ||
                 gtk_root_get_focus (GTK_ROOT (f->window)) == row_menu (rows->pdata[4]));

  /* Add at the end. */
  gtk_editable_set_text (rows->pdata[6], "Delinsats");
  g_signal_emit_by_name (rows->pdata[6], "apply");
  mb_test_spin ();
  g_assert_cmpstr (mb_test_take (names (f, f->strategy)), ==, "Vision|Long-term goal|"
                   "Prioritering|Strength area|Intervention|Action area|Delinsats");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Level");
  g_assert_cmpuint (changes.n_changed, ==, 3);
  g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 3);
  g_signal_handlers_disconnect_by_data (f->store, &changes);
  mb_test_changes_clear (&changes);

  /* Remove an empty level at once; undo brings it back. */
  g_ptr_array_unref (rows);
  rows = level_rows (group);
  g_assert_cmpuint (rows->len, ==, 8);
  row_activate (rows->pdata[6], "remove");
  mb_test_spin ();
  g_assert_cmpstr (mb_test_take (names (f, f->strategy)), ==, "Vision|Long-term goal|"
                   "Prioritering|Strength area|Intervention|Action area");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Remove Level");
  g_assert_true (mb_store_undo (f->store, &error));
  mb_test_spin ();
  g_ptr_array_unref (rows);
  rows = level_rows (group);
  g_assert_cmpuint (rows->len, ==, 8);
}

static void
test_group_remove_with_nodes (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *priority = mb_test_level (f->store, f->strategy, 2);
  g_autofree char *action = mb_test_level (f->store, f->strategy, 4);
  g_autofree char *a = mb_store_create_node (f->store, f->strategy, NULL, priority, "A", &error);
  g_autofree char *b = mb_store_create_node (f->store, f->strategy, NULL, priority, "B", &error);
  GtkWidget *group = show_levels (f);
  g_autoptr(GPtrArray) rows = level_rows (group);
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  g_autofree char *before = mb_test_dump (f->store);

  row_activate (rows->pdata[2], "remove");
  mb_test_spin ();
  dialog = mb_levels_group_get_remove_dialog (MB_LEVELS_GROUP (group));
  g_assert_nonnull (dialog);
  /* How many and where, and nothing removed yet. */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “Priority”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "2 nodes of “RUS del 2” are on this level. Choose the level they move to.");
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  /* The drop-down offers the five other levels; pick "Action area". */
  drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 5);
  gtk_drop_down_set_selected (drop_down, 3);
  g_assert_cmpstr (mb_record_get_id (gtk_drop_down_get_selected_item (drop_down)), ==, action);
  adw_message_dialog_response (dialog, "move");
  mb_test_spin ();
  g_assert_null (mb_levels_group_get_remove_dialog (MB_LEVELS_GROUP (group)));

  g_assert_cmpstr (mb_test_take (names (f, f->strategy)), ==,
                   "Vision|Long-term goal|Strength area|Action area|Intervention");
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM nodes WHERE level_id = ?",
                                        "s", action), ==, 2);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Remove Level");
  mb_test_assert_undoable (f->store, before);
}

static void
test_new_strategy_choices (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *priority = mb_test_level (f->store, f->strategy, 2);
  g_autofree char *copy_key = g_strconcat ("copy:", f->strategy, NULL);
  GtkWidget *source;
  const char * const *keys;
  g_autofree char *copy = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *chain = NULL;

  g_assert_true (mb_store_rename_level (f->store, priority, "Prioritering", &error));
  source = g_object_ref_sink (mb_level_source_new (f->store));
  keys = mb_level_source_get_keys (MB_LEVEL_SOURCE (source));
  g_assert_cmpstrv (keys, ((const char *[]) { "scheme:rus", "scheme:effect-chain",
                                              "scheme:logframe", copy_key, "empty", NULL }));

  mb_level_source_select (MB_LEVEL_SOURCE (source), copy_key);
  copy = mb_level_source_create_strategy (MB_LEVEL_SOURCE (source), "Handlingsplan", NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (names (f, copy)), ==,
                   "Vision|Long-term goal|Prioritering|Strength area|Action area|Intervention");

  mb_level_source_select (MB_LEVEL_SOURCE (source), "empty");
  empty = mb_level_source_create_strategy (MB_LEVEL_SOURCE (source), "Egen", NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_null (mb_test_take (names (f, empty)));

  mb_level_source_select (MB_LEVEL_SOURCE (source), "scheme:effect-chain");
  chain = mb_level_source_create_strategy (MB_LEVEL_SOURCE (source), "Kedja", NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (names (f, chain)), ==,
                   "Need|Activity|Output|Result|Short-term outcome|Long-term outcome");
  g_object_unref (source);

  /* A new empty strategy's Levels section adds its first level. */
  mb_selection_set_strategy (f->selection, empty);
  mb_selection_select (f->selection, MB_KIND_STRATEGY, empty);
  mb_test_spin ();
  {
    GtkWidget *group = mb_test_find_type (GTK_WIDGET (f->panel), MB_TYPE_LEVELS_GROUP);
    g_autoptr(GPtrArray) rows = level_rows (group);

    g_assert_cmpuint (rows->len, ==, 1);
    gtk_editable_set_text (rows->pdata[0], "Övergripande mål");
    g_signal_emit_by_name (rows->pdata[0], "apply");
    mb_test_spin ();
    g_assert_cmpstr (mb_test_take (names (f, empty)), ==, "Övergripande mål");
  }
}

/* The strategy form no longer shows the scheme's key. */
static void
test_form_has_no_scheme_key (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  show_levels (f);
  g_ptr_array_add (stack, f->panel);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_PREFERENCES_ROW (w))
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), !=,
                         "Level scheme");
      if (GTK_IS_EDITABLE (w) && !ADW_IS_ENTRY_ROW (w))
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w)), !=, "rus");
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
}

static void
test_suggested_name (void)
{
  g_assert_cmpstr (mb_test_take (mb_file_chooser_suggest_name ("RUS del 2", "png", "strategi")),
                   ==, "RUS-del-2.png");
  g_assert_cmpstr (mb_test_take (mb_file_chooser_suggest_name ("Jämtlands län 2050 – En "
                                                               "nytänkande region", "svg", "s")),
                   ==, "Jämtlands-län-2050-En-nytänkande-region.svg");
  g_assert_cmpstr (mb_test_take (mb_file_chooser_suggest_name ("RUN/516/2020: \"del\" <2>?",
                                                               "pdf", "s")),
                   ==, "RUN-516-2020-del-2.pdf");
  g_assert_cmpstr (mb_test_take (mb_file_chooser_suggest_name ("../..", "svg", "strategi")), ==,
                   "strategi.svg");
  g_assert_cmpstr (mb_test_take (mb_file_chooser_suggest_name (NULL, "svg", "strategi")), ==,
                   "strategi.svg");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  malbild_register_resource ();

#define ADD(path, func) \
  g_test_add ("/levels/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("group/edits", test_group_edits);
  ADD ("group/remove-with-nodes", test_group_remove_with_nodes);
  ADD ("new-strategy/choices", test_new_strategy_choices);
  ADD ("form/no-scheme-key", test_form_has_no_scheme_key);
#undef ADD
  g_test_add_func ("/levels/export/suggested-name", test_suggested_name);

  return g_test_run ();
}
