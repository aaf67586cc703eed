/* test-editors.c – the details panel, its forms, pickers and links, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "mb-details-panel.h"
#include "mb-form.h"
#include "mb-picker.h"
#include "mb-record.h"
#include "mb-selection.h"
#include "malbild-resources.h"
#include "mb-indicator-from-catalogue.h"
#include "mb-store-editor-queries.h"
#include "test-levels-util.h"
#include "test-store-util.h"

typedef struct
{
  char           *dir;
  MbStore        *store;
  MbSelection    *selection;
  GtkWindow      *window;
  MbDetailsPanel *panel;
  char           *strategy;
  char           *goal_level;
  char           *intervention_level;
  MbTestChanges   changes;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = mb_test_make_dir ();
  path = g_build_filename (f->dir, "editors.malbild", NULL);
  f->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->strategy = mb_store_create_strategy (f->store, "Jämtlands län 2050", "rus", &error);
  g_assert_no_error (error);
  f->goal_level = mb_test_find_level (f->store, f->strategy, "Priority");
  f->intervention_level = mb_test_find_level (f->store, f->strategy, "Intervention");

  f->selection = mb_selection_new ();
  mb_selection_set_strategy (f->selection, f->strategy);
  f->panel = MB_DETAILS_PANEL (mb_details_panel_new (f->store, f->selection));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 440, 900);
  gtk_window_set_child (f->window, GTK_WIDGET (f->panel));
  gtk_window_present (f->window);
  mb_test_changes_watch (&f->changes, f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *picker = mb_details_panel_get_picker (f->panel);

  if (picker)
    gtk_window_destroy (picker);
  gtk_window_destroy (f->window);
  g_signal_handlers_disconnect_by_data (f->store, &f->changes);
  mb_test_changes_clear (&f->changes);
  g_clear_object (&f->selection);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->goal_level);
  g_free (f->intervention_level);
}

/* A preferences row's or group's title, or else the tooltip, is @data. */
static gboolean
has_title (GtkWidget     *widget,
           gconstpointer  data)
{
  const char *title;

  if (ADW_IS_PREFERENCES_ROW (widget))
    title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
  else
    title = gtk_widget_get_tooltip_text (widget);
  return g_strcmp0 (title, data) == 0;
}

/* The first widget of @type below @root titled @text (any, if NULL). */
static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *text)
{
  return mb_test_find (root, type, text != NULL ? has_title : NULL, text);
}

static MbForm *
panel_form (Fixture *f)
{
  GtkWidget *form = mb_details_panel_get_form (f->panel);

  g_assert_true (MB_IS_FORM (form));
  return MB_FORM (form);
}

static char *
read_field (Fixture    *f,
            const char *table,
            const char *id,
            const char *column)
{
  g_autoptr(MbRecord) row = mb_store_get_record (f->store, table, id, NULL);

  g_assert_nonnull (row);
  return g_strdup (mb_record_get_string (row, column));
}

static char *
create_goal (Fixture    *f,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level, title, &error);

  g_assert_no_error (error);
  return id;
}

/* Opens the picker of the section titled @section and returns it. */
static MbPicker *
open_picker (Fixture    *f,
             const char *section)
{
  GtkWidget *group = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_PREFERENCES_GROUP, section);
  GtkWidget *button;
  GtkWindow *picker;

  g_assert_nonnull (group);
  button = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
  g_assert_true (GTK_IS_BUTTON (button));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_signal_emit_by_name (button, "clicked");
  mb_test_spin ();
  picker = mb_details_panel_get_picker (f->panel);
  g_assert_true (MB_IS_PICKER (picker));
  return MB_PICKER (picker);
}

/* The title of the status page that the picker's visible tab shows in place
 * of its list, or NULL if it shows its list. */
static const char *
shown_status_title (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  /* A stack shows one page, whatever its transition still draws. */
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (widget));

      return page ? shown_status_title (page) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title;

      if (gtk_widget_get_visible (child) && (title = shown_status_title (child)) != NULL)
        return title;
    }
  return NULL;
}

/* The labels in @widget that show @text. */
static void
find_labels (GtkWidget  *widget,
             const char *text,
             GPtrArray  *labels)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_labels (child, text, labels);
}

/* A screen reader hears a form row's name once: from the row's title
 * label alone. GTK 4.8 reads a label property after the labels that name
 * a widget, and "End" was read "End End". */
static void
assert_named_once (GtkWidget  *row,
                   const char *name)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean named = FALSE;

  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  find_labels (row, name, labels);
  for (guint i = 0; i < labels->len && !named; i++)
    {
      g_autofree char *differs =
        gtk_test_accessible_check_relation (GTK_ACCESSIBLE (row),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                            labels->pdata[i], NULL);

      named = differs == NULL;
    }
  g_assert_true (named);
}

/* A field is committed as the panel closes: the change the commit makes
 * reaches a hidden panel, which lets go of its editor only after the
 * commit is over (it used to free the form under the commit). */
static void
test_form_commit_as_panel_hides (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *goal = mb_store_create_node (f->store, f->strategy, NULL, f->goal_level,
                                                "Attractive region", &error);
  g_autofree char *title = NULL;
  GtkWidget *row;
  MbForm *form;

  g_assert_no_error (error);
  mb_selection_select (f->selection, MB_KIND_NODE, goal);
  form = panel_form (f);
  row = mb_form_get_row (form, "title");
  gtk_editable_set_text (GTK_EDITABLE (row), "A region people move to");

  gtk_widget_set_visible (GTK_WIDGET (f->panel), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->panel)));
  g_assert_true (mb_form_commit (form, "title"));
  title = read_field (f, "nodes", goal, "title");
  g_assert_cmpstr (title, ==, "A region people move to");
  mb_test_spin ();

  /* Shown again, it shows what is stored. */
  gtk_widget_set_visible (GTK_WIDGET (f->panel), TRUE);
  mb_test_spin ();
  row = mb_form_get_row (panel_form (f), "title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "A region people move to");
}

static void
test_form_commits_one_step (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *goal = create_goal (f, "Attractive region");
  g_autofree char *title = NULL;
  g_autofree char *code = NULL;
  GtkWidget *row;
  MbForm *form;
  guint before;

  mb_selection_select (f->selection, MB_KIND_NODE, goal);
  form = panel_form (f);
  g_assert_cmpstr (mb_form_get_table (form), ==, "nodes");
  g_assert_cmpstr (mb_form_get_id (form), ==, goal);

  row = mb_form_get_row (form, "title");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Attractive region");

  /* Typing alone writes nothing; committing writes once. */
  before = f->changes.n_changed;
  gtk_editable_set_text (GTK_EDITABLE (row), "An attractive region to live in");
  g_assert_cmpuint (f->changes.n_changed, ==, before);
  g_assert_true (mb_form_commit (form, "title"));
  g_assert_cmpuint (f->changes.n_changed, ==, before + 1);
  title = read_field (f, "nodes", goal, "title");
  g_assert_cmpstr (title, ==, "An attractive region to live in");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Change Title");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Committing again without a change is no step at all. */
  g_assert_true (mb_form_commit (form, "title"));
  g_assert_cmpuint (f->changes.n_changed, ==, before + 1);

  /* One undo takes back exactly the edit, and the row follows the store. */
  g_assert_true (mb_store_undo (f->store, NULL));
  g_clear_pointer (&title, g_free);
  title = read_field (f, "nodes", goal, "title");
  g_assert_cmpstr (title, ==, "Attractive region");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Attractive region");
  g_assert_true (g_str_has_prefix (mb_store_get_undo_label (f->store), "Add"));

  /* An optional field cleared stores NULL. */
  row = mb_form_get_row (form, "code");
  gtk_editable_set_text (GTK_EDITABLE (row), "1.2");
  g_assert_true (mb_form_commit (form, "code"));
  code = read_field (f, "nodes", goal, "code");
  g_assert_cmpstr (code, ==, "1.2");
  g_clear_pointer (&code, g_free);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_true (mb_form_commit (form, "code"));
  code = read_field (f, "nodes", goal, "code");
  g_assert_null (code);

  /* A choice commits as soon as it is made. */
  before = f->changes.n_changed;
  row = mb_form_get_row (form, "status");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);   /* Not set, Planned, Ongoing */
  g_assert_cmpuint (f->changes.n_changed, ==, before + 1);
  g_clear_pointer (&code, g_free);
  code = read_field (f, "nodes", goal, "status");
  g_assert_cmpstr (code, ==, "ongoing");

  assert_named_once (mb_form_get_row (form, "title"), "Title");
  assert_named_once (mb_form_get_row (form, "status"), "Status");
}

/* The apply button a row shows, or NULL. */
static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A period typed in another language is stored and shown as the UI writes
 * it; that rewrite is not an edit of the user's: the row shows no apply
 * button after Enter, and leaving it writes nothing more. */
static void
test_form_period_rewrite_is_no_edit (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *goal = create_goal (f, "Attractive region");
  g_autofree char *end = NULL;
  GtkWidget *row;
  GtkWidget *apply;
  GtkEditable *text;
  MbForm *form;
  guint before;

  mb_selection_select (f->selection, MB_KIND_NODE, goal);
  form = panel_form (f);
  row = mb_form_get_row (form, "end_date");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  apply = find_button (row);
  g_assert_nonnull (apply);

  /* Typing in the row (which has the focus) shows its apply button. */
  gtk_widget_set_state_flags (GTK_WIDGET (text), GTK_STATE_FLAG_FOCUS_WITHIN, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), "Oktober 2021");
  g_assert_true (gtk_widget_get_visible (apply));

  /* Enter: stored once, shown in English, and the row is not edited. */
  before = f->changes.n_changed;
  g_signal_emit_by_name (text, "activate");
  g_assert_cmpuint (f->changes.n_changed, ==, before + 1);
  end = read_field (f, "nodes", goal, "end_date");
  g_assert_cmpstr (end, ==, "2021-10");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "October 2021");
  g_assert_false (gtk_widget_get_visible (apply));
  g_assert_null (mb_form_get_error (form, "end_date"));

  gtk_widget_unset_state_flags (GTK_WIDGET (text), GTK_STATE_FLAG_FOCUS_WITHIN);
  g_assert_true (mb_form_commit (form, "end_date"));
  g_assert_cmpuint (f->changes.n_changed, ==, before + 1);
}

static void
assert_refused (Fixture    *f,
                MbForm     *form,
                const char *column,
                const char *text,
                const char *message_part)
{
  GtkWidget *row = mb_form_get_row (form, column);
  guint before = f->changes.n_changed;
  g_autofree char *label = g_strdup (mb_store_get_undo_label (f->store));
  g_autofree char *stored = read_field (f, mb_form_get_table (form), mb_form_get_id (form),
                                        column);
  g_autofree char *after = NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* Shown as it is typed, before any commit. */
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (mb_form_get_error (form, column));
  g_assert_nonnull (strstr (mb_form_get_error (form, column), message_part));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, mb_form_get_error (form, column));

  g_assert_false (mb_form_commit (form, column));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpuint (f->changes.n_changed, ==, before);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, label);
  after = read_field (f, mb_form_get_table (form), mb_form_get_id (form), column);
  g_assert_cmpstr (after, ==, stored);
}

static void
test_form_refuses_invalid (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = create_goal (f, "Skills supply");
  g_autofree char *b = create_goal (f, "Attractive labour market");
  g_autofree char *link = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  MbForm *form;
  GtkWidget *row;

  link = mb_store_create_link (f->store, a, b, "contributes-to", &error);
  g_assert_no_error (error);

  mb_selection_select (f->selection, MB_KIND_LINK, link);
  form = panel_form (f);
  assert_refused (f, form, "confidence", "150", "100");
  assert_refused (f, form, "confidence", "very", "not a whole number");

  /* Fixing the text clears the error, and commits. */
  row = mb_form_get_row (form, "confidence");
  gtk_editable_set_text (GTK_EDITABLE (row), "80");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_true (mb_form_commit (form, "confidence"));
  other = read_field (f, "links", link, "confidence");
  g_assert_cmpstr (other, ==, "80");

  mb_selection_select (f->selection, MB_KIND_STRATEGY, f->strategy);
  form = panel_form (f);
  assert_refused (f, form, "period_from", "1800", "1900");
  assert_refused (f, form, "title", "   ", "required");
  assert_refused (f, form, "adopted_on", "2021-02-30", "date");

  mb_selection_select (f->selection, MB_KIND_NODE, a);
  form = panel_form (f);
  assert_refused (f, form, "title", "", "required");

  /* What only the store knows shows the same way: a circle of contributions. */
  g_clear_pointer (&link, g_free);
  link = mb_store_create_link (f->store, b, a, "depends-on", &error);
  g_assert_no_error (error);
  mb_selection_select (f->selection, MB_KIND_LINK, link);
  form = panel_form (f);
  row = mb_form_get_row (form, "kind");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);   /* contributes-to */
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_test_message ("%s", mb_form_get_error (form, "kind"));
  g_assert_nonnull (strstr (mb_form_get_error (form, "kind"), "circle"));
  g_clear_pointer (&other, g_free);
  other = read_field (f, "links", link, "kind");
  g_assert_cmpstr (other, ==, "depends-on");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
}

/* Amounts are kronor, and say so: the budget's row shows "kr" after the
 * figure, and reads it back when it is typed too. */
static void
test_form_amount_in_kronor (Fixture       *f,
                            gconstpointer  data)
{
  static const MbFormField budget = { "total_budget", "Total budget", MB_FORM_AMOUNT,
                                      NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *project = mb_store_create_project (f->store, "Byanät", NULL, &error);
  GValue value = G_VALUE_INIT;
  GtkWidget *row;

  g_assert_no_error (error);
  mb_selection_select (f->selection, MB_KIND_PROJECT, project);
  row = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ENTRY_ROW, "Total budget");
  g_assert_nonnull (row);
  g_assert_nonnull (mb_test_find_label (row, "kr"));

  g_assert_true (mb_form_parse_text (&budget, "2 500 000 kr", &value, NULL));
  g_assert_cmpfloat (g_value_get_double (&value), ==, 2500000);
  g_value_unset (&value);
}

static void
test_attach_kolada_indicator (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *goal = create_goal (f, "A growing population");
  g_autoptr(GListModel) attached = NULL;
  g_autoptr(MbEntityItem) item = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *strategy = NULL;
  MbPicker *picker;
  guint before;

  mb_selection_select (f->selection, MB_KIND_NODE, goal);
  /* The hint is there while no indicator measures the goal. */
  g_assert_nonnull (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                                 "No indicator measures this goal"));

  picker = open_picker (f, "Indicators");
  mb_picker_set_visible_source (picker, "kolada");
  g_assert_null (shown_status_title (GTK_WIDGET (picker)));
  mb_picker_set_search (picker, "no such kpi");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 0);
  g_assert_cmpstr (shown_status_title (GTK_WIDGET (picker)), ==, "No Matches");
  mb_picker_set_search (picker, "invånare totalt antal");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), >=, 1);
  mb_picker_set_search (picker, "N01951");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 1);
  before = f->changes.n_changed;
  mb_picker_pick (picker, 0);
  mb_test_spin ();
  g_assert_null (mb_details_panel_get_picker (f->panel));
  g_assert_cmpuint (f->changes.n_changed, ==, before + 1);

  attached = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, goal, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (attached), ==, 1);
  item = g_list_model_get_item (attached, 0);
  reference = read_field (f, "indicators", mb_entity_item_get_id (item), "reference");
  g_assert_cmpstr (reference, ==, "kolada:N01951");
  strategy = read_field (f, "indicators", mb_entity_item_get_id (item), "strategy_id");
  g_assert_cmpstr (strategy, ==, f->strategy);

  /* The panel shows it, and the hint is gone. */
  g_assert_nonnull (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                                 "Invånare totalt, antal"));
  g_assert_null (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                              "No indicator measures this goal"));

  /* The same KPI for a second goal is the library's indicator, not a copy. */
  {
    g_autofree char *second = create_goal (f, "A growing labour force");
    g_autoptr(GListModel) also = NULL;

    mb_selection_select (f->selection, MB_KIND_NODE, second);
    picker = open_picker (f, "Indicators");
    mb_picker_set_visible_source (picker, "kolada");
    mb_picker_set_search (picker, "N01951");
    g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 1);
    mb_picker_pick (picker, 0);
    mb_test_spin ();
    also = mb_store_editor_list_related (f->store, MB_RELATED_NODE_INDICATORS, second, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (also), ==, 1);
    g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                          "SELECT count(*) FROM indicators"
                                          " WHERE reference = 'kolada:N01951'", NULL), ==, 1);
    mb_selection_select (f->selection, MB_KIND_NODE, goal);
  }

  /* An SDG tag by picker too. */
  picker = open_picker (f, "Global Goals");
  mb_picker_set_search (picker, "energy");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 1);
  mb_picker_pick (picker, 0);
  mb_test_spin ();
  g_assert_nonnull (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                                 "7. Hållbar energi för alla"));
}

static void
test_project_links (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *goal = create_goal (f, "Digital solutions");
  g_autofree char *project = mb_store_create_project (f->store, "Smart villages", "20203456",
                                                      &error);
  g_autofree char *call = mb_store_create_call (f->store, "Digitalisation 2024", &error);
  g_autoptr(GListModel) list = NULL;
  MbPicker *picker;

  g_assert_no_error (error);
  mb_selection_select (f->selection, MB_KIND_PROJECT, project);
  g_assert_cmpstr (mb_form_get_table (panel_form (f)), ==, "projects");

  picker = open_picker (f, "Funding Calls");
  mb_picker_set_search (picker, "digitalisation");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 1);
  mb_picker_pick (picker, 0);
  mb_test_spin ();

  picker = open_picker (f, "Goals and Interventions");
  mb_picker_set_search (picker, "digital solutions");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 1);
  mb_picker_pick (picker, 0);
  mb_test_spin ();

  /* Seen from the other sides. */
  list = mb_store_editor_list_related (f->store, MB_RELATED_CALL_PROJECTS, call, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  list = mb_store_editor_list_related (f->store, MB_RELATED_NODE_PROJECTS, goal, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  /* Already linked items are not offered again, and the empty tab says so. */
  picker = open_picker (f, "Funding Calls");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 0);
  g_assert_cmpstr (shown_status_title (GTK_WIDGET (picker)), ==, "Nothing Left to Add");
  mb_picker_set_search (picker, "no such call");
  g_assert_cmpstr (shown_status_title (GTK_WIDGET (picker)), ==, "Nothing Left to Add");
  gtk_window_destroy (GTK_WINDOW (picker));

  /* Funding through the small add form. */
  {
    GtkWidget *group = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_PREFERENCES_GROUP,
                                    "Granted Funding");
    GtkWidget *button = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    GtkWidget *source = find_titled (GTK_WIDGET (popover), GTK_TYPE_ENTRY, NULL);
    GtkWidget *amount = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (source));

    gtk_editable_set_text (GTK_EDITABLE (source), "ERDF");
    gtk_editable_set_text (GTK_EDITABLE (amount), "1 500 000");
    g_signal_emit_by_name (amount, "activate");
    list = mb_store_editor_list_related (f->store, MB_RELATED_PROJECT_FUNDING, project, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    g_assert_nonnull (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW, "ERDF"));
  }

  /* Unlinking from the project side. */
  {
    GtkWidget *row = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                                  "Digitalisation 2024");
    GtkWidget *remove = find_titled (row, GTK_TYPE_BUTTON, "Remove “Digitalisation 2024”");

    g_assert_nonnull (remove);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Remove “Digitalisation 2024”");
    g_signal_emit_by_name (remove, "clicked");
    g_clear_object (&list);
    list = mb_store_editor_list_related (f->store, MB_RELATED_PROJECT_CALLS, project, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }
}

static void
test_jump_to_project (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *node = mb_store_create_node (f->store, f->strategy, NULL,
                                                f->intervention_level, "Broadband for all",
                                                &error);
  g_autofree char *project = mb_store_create_project (f->store, "Fibre to the villages", NULL,
                                                      &error);
  GtkWidget *row;

  g_assert_no_error (error);
  mb_selection_select (f->selection, MB_KIND_NODE, node);
  g_assert_nonnull (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                                 "No project carries out this intervention"));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, project, node, &error));
  g_assert_null (find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW,
                              "No project carries out this intervention"));

  row = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW, "Fibre to the villages");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activated");

  g_assert_cmpstr (mb_selection_get_kind (f->selection), ==, MB_KIND_PROJECT);
  g_assert_cmpstr (mb_selection_get_id (f->selection), ==, project);
  g_assert_cmpstr (mb_form_get_table (panel_form (f)), ==, "projects");
  g_assert_cmpstr (mb_form_get_id (panel_form (f)), ==, project);

  /* And back from the project to the intervention. */
  row = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW, "Broadband for all");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (mb_selection_get_id (f->selection), ==, node);

  /* Deleting the selected item empties the panel. */
  g_assert_true (mb_store_delete (f->store, "nodes", node, &error));
  g_assert_null (mb_details_panel_get_form (f->panel));
}

static void
test_effect_chain (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cause = create_goal (f, "Skills supply");
  g_autofree char *effect = create_goal (f, "Attractive labour market");
  g_autoptr(GListModel) links = NULL;
  g_autoptr(MbEntityItem) item = NULL;
  MbPicker *picker;
  GtkWidget *row;

  mb_selection_select (f->selection, MB_KIND_NODE, cause);
  picker = open_picker (f, "Effect Chain");
  mb_picker_set_search (picker, "labour");
  g_assert_cmpuint (mb_picker_get_n_visible (picker), ==, 1);
  mb_picker_pick (picker, 0);
  mb_test_spin ();

  links = mb_store_editor_list_related (f->store, MB_RELATED_NODE_LINKS, effect, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 1);
  item = g_list_model_get_item (links, 0);
  g_assert_cmpstr (mb_entity_item_get_title (item), ==, "Skills supply");
  g_assert_cmpstr (mb_entity_item_get_subtitle (item), ==, "in:contributes-to");

  /* The link's row says what it is and leads to the link's editor. */
  row = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW, "Attractive labour market");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Contributes to");
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (mb_selection_get_kind (f->selection), ==, MB_KIND_LINK);
  g_assert_cmpstr (mb_form_get_table (panel_form (f)), ==, "links");
  g_assert_cmpstr (mb_form_get_id (panel_form (f)), ==, mb_entity_item_get_id (item));
}

/* Screenshots, when MALBILD_SCREENSHOT_DIR is set: a node, a project and an
 * indicator, light and dark. */
static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("MALBILD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  gtk_window_set_focus (f->window, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  mb_test_spin ();
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (gtk_window_get_child (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}


static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Types @reason into the reason dialog and answers it as a click would. */
static void
answer_reason (const char *reason,
               const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();
  GtkWidget *entry;

  g_assert_nonnull (dialog);
  entry = find_titled (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_spin ();
}

/* Issue 16: the panel's targets of an adopted strategy change only with a
 * reason, asked for in a dialog. */
static void
test_target_reason (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indicator = mb_store_create_indicator (f->store, f->strategy, "Invånare",
                                                          NULL, &error);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GValue value = G_VALUE_INIT;
  GtkWidget *row, *remove;

  g_free (mb_store_set_target (f->store, indicator, 2029, 135000, &error));
  g_assert_no_error (error);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "adopted");
  g_assert_true (mb_store_set_field (f->store, "strategies", f->strategy, "status", &value,
                                     &error));
  g_assert_no_error (error);
  g_value_unset (&value);
  mb_selection_select (f->selection, MB_KIND_INDICATOR, indicator);
  mb_test_spin ();

  /* Remove: Cancel keeps it; with a reason it goes into the history. */
  row = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW, "2029");
  g_assert_nonnull (row);
  remove = find_titled (row, GTK_TYPE_BUTTON, "Remove “2029”");
  g_assert_nonnull (remove);
  before = mb_test_dump (f->store);
  g_signal_emit_by_name (remove, "clicked");
  mb_test_spin ();
  answer_reason ("Changed my mind", "cancel");
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  g_signal_emit_by_name (remove, "clicked");
  mb_test_spin ();
  answer_reason ("Replaced by a 2030 target", "confirm");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM indicator_targets", NULL), ==, 0);

  /* Add through the small form: the dialog asks why, then sets it. */
  {
    GtkWidget *group = find_titled (GTK_WIDGET (f->panel), ADW_TYPE_PREFERENCES_GROUP,
                                    "Targets");
    GtkWidget *button = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    GtkWidget *year = find_titled (GTK_WIDGET (popover), GTK_TYPE_ENTRY, NULL);
    GtkWidget *amount = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (year));

    gtk_editable_set_text (GTK_EDITABLE (year), "2030");
    gtk_editable_set_text (GTK_EDITABLE (amount), "140 000");
    g_signal_emit_by_name (amount, "activate");
    mb_test_spin ();
    answer_reason ("The new plan's target", "confirm");
  }
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT value FROM indicator_targets WHERE year = 2030",
                                        NULL), ==, 140000);
  history = mb_store_query_target_history (f->store, indicator, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((MbTargetChange *) history->pdata[0])->reason, ==, "The new plan's target");
  g_assert_cmpstr (((MbTargetChange *) history->pdata[1])->reason, ==,
                   "Replaced by a 2030 target");
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbCatalogue) catalogue = mb_catalogue_new_default (&error);
  g_autofree char *goal = create_goal (f, "Förutsättningar för utvecklingskraft i hela länet");
  g_autofree char *indicator = NULL;
  g_autofree char *project = mb_store_create_project (f->store, "Smarta byar i Jämtland",
                                                      "20304050", &error);
  g_autofree char *call = mb_store_create_call (f->store, "Cirkulär ekonomi i Övre Norrland",
                                                &error);
  g_autofree char *org = mb_store_create_organisation (f->store, "Mittuniversitetet",
                                                       "academia", &error);
  g_autofree char *m = NULL;
  g_autofree char *other = NULL;
  g_autofree char *link = NULL;
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GValue value = G_VALUE_INIT;

  if (g_getenv ("MALBILD_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("set MALBILD_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_assert_no_error (error);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "1.1");
  mb_store_set_field (f->store, "nodes", goal, "code", &value, &error);
  g_value_set_string (&value, "Processledare S3");
  mb_store_set_field (f->store, "nodes", goal, "responsible", &value, &error);
  g_value_set_string (&value, "Näringslivsutveckling i hela länet, med uppföljning av effekter i länets olika delar.");
  mb_store_set_field (f->store, "nodes", goal, "description", &value, &error);
  g_value_set_string (&value, "2021-01-01");
  mb_store_set_field (f->store, "projects", project, "start_date", &value, &error);
  g_value_set_string (&value, "2024-12-31");
  mb_store_set_field (f->store, "projects", project, "end_date", &value, &error);
  g_value_set_string (&value, "ongoing");
  mb_store_set_field (f->store, "projects", project, "status", &value, &error);
  g_value_set_string (&value, org);
  mb_store_set_field (f->store, "projects", project, "owner_id", &value, &error);
  g_value_set_string (&value, "4800000");
  mb_store_set_field (f->store, "projects", project, "total_budget", &value, &error);
  g_value_unset (&value);
  g_assert_no_error (error);

  indicator = mb_store_create_indicator_from_catalogue (f->store,
                                                        mb_catalogue_lookup (catalogue,
                                                                             "kolada:N01951"),
                                                        f->strategy, goal, &error);
  g_assert_no_error (error);
  mb_store_relate (f->store, MB_RELATION_NODE_TAG, goal, "sdg:8", NULL);
  mb_store_relate (f->store, MB_RELATION_NODE_TAG, goal, "sdg:11", NULL);
  mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, goal, "2380", NULL);
  mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, project, goal, NULL);
  mb_store_relate (f->store, MB_RELATION_PROJECT_CALL, project, call, NULL);
  mb_store_relate (f->store, MB_RELATION_PROJECT_PARTNER, project, org, NULL);
  g_free (mb_store_set_project_funding (f->store, project, "ERDF", 2400000, NULL));
  g_free (mb_store_set_project_funding (f->store, project, "Anslag 1:1", 1200000, NULL));
  g_free (mb_store_add_project_indicator_value (f->store, project, indicator, "planned", 2024,
                                                 131500, NULL));
  g_free (mb_store_set_target (f->store, indicator, 2029, 135000, NULL));
  m = mb_store_record_measurement (f->store, indicator, "2021", "0023", "T", 131000, NULL, NULL);
  other = create_goal (f, "Hållbar utveckling genom att synliggöra målkonflikter");
  link = mb_store_create_link (f->store, goal, other, "contributes-to", &error);
  g_assert_no_error (error);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Utvecklingskraft i hela länet gör målkonflikterna synliga där de uppstår.");
  mb_store_set_field (f->store, "links", link, "rationale", &value, &error);
  g_value_set_string (&value, "75");
  mb_store_set_field (f->store, "links", link, "confidence", &value, &error);
  g_value_unset (&value);
  g_assert_no_error (error);

  mb_details_panel_set_catalogue (f->panel, catalogue);
  g_object_ref (f->panel);
  gtk_window_set_child (f->window, NULL);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->panel));
  gtk_widget_set_vexpand (GTK_WIDGET (f->panel), TRUE);
  g_object_unref (f->panel);
  /* The window's own background is not in the child's paintable. */
  gtk_widget_add_css_class (box, "background");
  gtk_window_set_title (f->window, "Målbild");
  gtk_window_set_child (f->window, box);
  gtk_window_set_default_size (f->window, 440, 1150);

  for (int dark = 0; dark <= 1; dark++)
    {
      const char *suffix = dark ? "dark" : "light";
      g_autofree char *node_png = g_strdup_printf ("panel-node-%s.png", suffix);
      g_autofree char *project_png = g_strdup_printf ("panel-project-%s.png", suffix);
      g_autofree char *indicator_png = g_strdup_printf ("panel-indicator-%s.png", suffix);
      g_autofree char *link_png = g_strdup_printf ("panel-link-%s.png", suffix);

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      mb_selection_select (f->selection, MB_KIND_NODE, goal);
      save_screenshot (f, node_png);
      mb_selection_select (f->selection, MB_KIND_PROJECT, project);
      save_screenshot (f, project_png);
      mb_selection_select (f->selection, MB_KIND_INDICATOR, indicator);
      save_screenshot (f, indicator_png);
      mb_selection_select (f->selection, MB_KIND_LINK, link);
      save_screenshot (f, link_png);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static guint
count_combo_rows (GtkWidget *root)
{
  guint n = ADW_IS_COMBO_ROW (root) && gtk_widget_get_visible (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_combo_rows (child);
  return n;
}

/* Each choice of each drop-down of the form of @kind @id, one after the
 * other: an accepted one is one undo step and one notification, a refused
 * one (marked in the row) none. Under fatal criticals (gtk_test_init, and
 * G_DEBUG in tests/meson.build): a critical on the way aborts. */
static void
assert_choices_one_step (Fixture            *f,
                         const char         *kind,
                         const char         *id,
                         const char * const *columns)
{
  MbForm *form;
  guint n_columns = g_strv_length ((char **) columns);

  mb_selection_select (f->selection, kind, id);
  mb_test_spin ();
  form = panel_form (f);
  g_assert_cmpuint (count_combo_rows (GTK_WIDGET (form)), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *row = mb_form_get_row (form, columns[c]);
      guint n_items;

      g_assert_true (ADW_IS_COMBO_ROW (row));
      n_items = g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
      for (guint i = 0; i < n_items; i++)
        {
          guint changed = f->changes.n_changed;
          gint64 steps = mb_test_n_undo_steps (f->store);

          /* A choice may rebuild the form (a node's level): ask anew. */
          form = panel_form (f);
          row = mb_form_get_row (form, columns[c]);
          if (adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == i)
            continue;
          g_test_message ("%s: choice %u of %u", columns[c], i, n_items);
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          mb_test_spin ();
          row = mb_form_get_row (panel_form (f), columns[c]);
          if (gtk_widget_has_css_class (row, "error"))
            {
              g_test_message ("refused: %s", mb_form_get_error (panel_form (f), columns[c]));
              g_assert_cmpuint (f->changes.n_changed, ==, changed);
              g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps);
              continue;
            }
          g_assert_cmpuint (f->changes.n_changed, ==, changed + 1);
          g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
        }
    }
}

/* Each text field committed: one undo step, one notification. */
static void
assert_fields_one_step (Fixture            *f,
                        const char         *kind,
                        const char         *id,
                        const char * const *columns,
                        const char * const *values)
{
  mb_selection_select (f->selection, kind, id);
  mb_test_spin ();
  for (guint c = 0; columns[c] != NULL; c++)
    {
      MbForm *form = panel_form (f);
      GtkWidget *row = mb_form_get_row (form, columns[c]);
      guint changed = f->changes.n_changed;
      gint64 steps = mb_test_n_undo_steps (f->store);

      g_test_message ("%s = %s", columns[c], values[c]);
      gtk_editable_set_text (GTK_EDITABLE (row), values[c]);
      g_assert_true (mb_form_commit (form, columns[c]));
      g_assert_cmpuint (f->changes.n_changed, ==, changed + 1);
      g_assert_cmpint (mb_test_n_undo_steps (f->store), ==, steps + 1);
    }
}

/* The details panel's edits, for a strategy, a node and a link: each one
 * step and one notification, and no critical on any drop-down's change
 * (a g_object_notify_by_pspec one was printed on each). */
static void
test_every_edit_one_step (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *a = create_goal (f, "Skills supply");
  g_autofree char *b = create_goal (f, "Attractive labour market");
  g_autofree char *other = NULL;
  g_autofree char *org = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GError) error = NULL;

  /* Something to choose in the reference rows. */
  other = mb_store_create_strategy (f->store, "Regional plan", "rus", &error);
  g_assert_no_error (error);
  org = mb_store_create_organisation (f->store, "Region Jämtland Härjedalen", NULL, &error);
  g_assert_no_error (error);
  link = mb_store_create_link (f->store, a, b, "contributes-to", &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("G_DEBUG"));
  g_assert_nonnull (strstr (g_getenv ("G_DEBUG"), "fatal-criticals"));

  assert_fields_one_step (f, MB_KIND_STRATEGY, f->strategy,
                          (const char *[]) { "title", "short_name", "registration_number",
                                             "period_from", "period_to", "adopted_on",
                                             "position", NULL },
                          (const char *[]) { "RUS 2050", "RUS", "RUN/516/2020", "2021",
                                             "2050", "2021-06-14", "3", NULL });
  assert_choices_one_step (f, MB_KIND_STRATEGY, f->strategy,
                           (const char *[]) { "organisation_id", "parent_id", "parent_relation",
                                              "status", "layout_direction", NULL });
  assert_fields_one_step (f, MB_KIND_NODE, a,
                          (const char *[]) { "title", "code", "position", "responsible",
                                             "start_date", "end_date", NULL },
                          (const char *[]) { "Kompetensförsörjning", "1.2", "1", "Enheten",
                                             "October 2021", "2024", NULL });
  assert_choices_one_step (f, MB_KIND_NODE, a,
                           (const char *[]) { "level_id", "parent_id", "organisation_id",
                                              "status", NULL });
  assert_fields_one_step (f, MB_KIND_LINK, link,
                          (const char *[]) { "confidence", NULL },
                          (const char *[]) { "80", NULL });
  assert_choices_one_step (f, MB_KIND_LINK, link,
                           (const char *[]) { "from_node_id", "kind", "to_node_id", NULL });
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The panel's templates and styles live in the app's resources. */
  malbild_register_resource ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/malbild/Malbild/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/editors/target-reason", Fixture, NULL,
              fixture_set_up, test_target_reason, fixture_tear_down);
  g_test_add ("/editors/form/commit-as-panel-hides", Fixture, NULL,
              fixture_set_up, test_form_commit_as_panel_hides, fixture_tear_down);
  g_test_add ("/editors/form/commits-one-step", Fixture, NULL,
              fixture_set_up, test_form_commits_one_step, fixture_tear_down);
  g_test_add ("/editors/form/period-rewrite-is-no-edit", Fixture, NULL,
              fixture_set_up, test_form_period_rewrite_is_no_edit, fixture_tear_down);
  g_test_add ("/editors/form/refuses-invalid", Fixture, NULL,
              fixture_set_up, test_form_refuses_invalid, fixture_tear_down);
  g_test_add ("/editors/form/amount-in-kronor", Fixture, NULL, fixture_set_up,
              test_form_amount_in_kronor, fixture_tear_down);
  g_test_add ("/editors/picker/attach-kolada-indicator", Fixture, NULL,
              fixture_set_up, test_attach_kolada_indicator, fixture_tear_down);
  g_test_add ("/editors/linking/project-call-and-node", Fixture, NULL,
              fixture_set_up, test_project_links, fixture_tear_down);
  g_test_add ("/editors/linking/jump-to-project", Fixture, NULL,
              fixture_set_up, test_jump_to_project, fixture_tear_down);
  g_test_add ("/editors/linking/effect-chain", Fixture, NULL,
              fixture_set_up, test_effect_chain, fixture_tear_down);
  g_test_add ("/editors/form/every-edit-one-step", Fixture, NULL,
              fixture_set_up, test_every_edit_one_step, fixture_tear_down);
  g_test_add ("/editors/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
