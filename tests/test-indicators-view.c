/* test-indicators-view.c – the Indicators view and an indicator's page, under Xvfb
 *
 * The view is driven as a user would (sorting a column, filtering, activating
 * a row, the value dialog), and the outcome is checked in the library and in
 * what the table shows. With MALBILD_SCREENSHOT_DIR set, the last test also
 * writes screenshots of the real Jämtland values, light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "malbild-resources.h"
#include "mb-csv-import-dialog.h"
#include "mb-exchange.h"
#include "mb-format.h"
#include "mb-indicator-stats.h"
#include "mb-indicators-view.h"
#include "mb-store-private.h"
#include "test-store-util.h"
#include "test-table-util.h"

typedef struct
{
  char             *dir;
  MbStore          *store;
  MbSelection      *selection;
  GtkWindow        *window;
  MbIndicatorsView *view;
  char             *strategy;
  char             *last_toast;
} Fixture;

static void
set_double (MbStore    *store,
            const char *id,
            const char *column,
            double      value)
{
  g_autoptr(GError) error = NULL;
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  g_assert_true (mb_store_set_field (store, "indicators", id, column, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
}

static char *
add_indicator (Fixture    *f,
               const char *strategy,
               const char *title,
               double      baseline,
               double      target,
               double      latest)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_indicator (f->store, strategy, title, NULL, &error);

  g_assert_no_error (error);
  if (!isnan (baseline))
    set_double (f->store, id, "baseline_value", baseline);
  if (!isnan (target))
    g_free (mb_store_set_target (f->store, id, 2030, target, &error));
  if (!isnan (latest))
    g_free (mb_store_record_measurement (f->store, id, "2023", "0023", "T", latest, NULL,
                                         &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  path = g_build_filename (f->dir, "t.malbild", NULL);
  f->store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  f->selection = mb_selection_new ();
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
show_view (Fixture *f,
           int      width,
           int      height)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("show-toast", G_VARIANT_TYPE_STRING);

  f->window = GTK_WINDOW (gtk_window_new ());
  /* The window's toast action, as MbWindow has it. */
  g_signal_connect (toast, "activate", G_CALLBACK (toast_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, width, height);
  f->view = MB_INDICATORS_VIEW (mb_indicators_view_new (f->store, f->selection));
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
  g_free (f->last_toast);
}

static MbIndicatorSummary *
row (Fixture *f,
     guint    i)
{
  MbIndicatorSummary *s = g_list_model_get_item (mb_indicators_view_get_rows (f->view), i);

  g_object_unref (s);  /* the model keeps it */
  return s;
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (mb_indicators_view_get_rows (f->view));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (mb_indicators_view_get_column_view (f->view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* Resizes the window to @width and waits until the table shows @expected. */
static void
wait_for_columns (Fixture    *f,
                  int         width,
                  const char *expected)
{
  gtk_window_set_default_size (f->window, width, 600);
  mb_test_wait_until (mb_test_shows_columns (f->window, width,
                                             mb_indicators_view_get_column_view (f->view),
                                             expected));
}

/* Beside the details panel the view is about 670 wide: the columns that
 * matter least give way to the indicator's title, and return with room. */
static void
test_view_narrow (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *title;

  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  g_assert_no_error (error);
  mb_selection_set_strategy (f->selection, f->strategy);
  g_free (add_indicator (f, f->strategy, "Invånare totalt, antal", 126691, 131758, 132736));
  show_view (f, 1200, 600);

  wait_for_columns (f, 1200, "Indicator|Unit|Reference|Baseline|Latest|Target|Progress|Trend");
  wait_for_columns (f, 1000, "Indicator|Unit|Baseline|Latest|Target|Progress|Trend");
  wait_for_columns (f, 669, "Indicator|Latest|Target|Progress");
  /* The title takes the room the hidden columns left. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  title = GTK_WIDGET (mb_test_find_label_prefix (GTK_WIDGET (f->view), "Invånare totalt"));
  g_assert_cmpint (gtk_widget_get_width (title), >=, 240 - 24);
  wait_for_columns (f, 1200, "Indicator|Unit|Reference|Baseline|Latest|Target|Progress|Trend");
}

static void
test_view_rows_sort_filter (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  other = mb_store_create_strategy (f->store, "Another", "rus", &error);
  g_assert_no_error (error);
  /* Progress: a 50 %, b 100 %, c 20 %, d no data; e is another strategy's. */
  a = add_indicator (f, f->strategy, "Alpha", 100, 200, 150);
  b = add_indicator (f, f->strategy, "Beta", 10, 20, 20);
  c = add_indicator (f, f->strategy, "Gamma", 0, 10, 2);
  d = add_indicator (f, f->strategy, "Delta", NAN, 10, 2);
  e = add_indicator (f, other, "Epsilon", 0, 10, 9);
  mb_selection_set_strategy (f->selection, f->strategy);

  show_view (f, 1100, 600);

  /* Rows for the strategy's indicators, by title. */
  g_assert_cmpuint (n_rows (f), ==, 4);
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 0)), ==, "Alpha");
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 1)), ==, "Beta");

  /* Sorting by progress, both ways; no data stays last. */
  gtk_column_view_sort_by_column (mb_indicators_view_get_column_view (f->view),
                                  column_titled (f, "Progress"), GTK_SORT_ASCENDING);
  mb_test_settle ();
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 0)), ==, "Gamma");
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 1)), ==, "Alpha");
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 2)), ==, "Beta");
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 3)), ==, "Delta");
  gtk_column_view_sort_by_column (mb_indicators_view_get_column_view (f->view),
                                  column_titled (f, "Progress"), GTK_SORT_DESCENDING);
  mb_test_settle ();
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 0)), ==, "Delta");
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 1)), ==, "Beta");

  /* The search entry filters; another strategy shows when asked for. */
  gtk_editable_set_text (mb_indicators_view_get_search_entry (f->view), "amm");
  g_signal_emit_by_name (mb_indicators_view_get_search_entry (f->view), "search-changed");
  mb_test_settle ();
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 0)), ==, "Gamma");
  gtk_editable_set_text (mb_indicators_view_get_search_entry (f->view), "");
  g_signal_emit_by_name (mb_indicators_view_get_search_entry (f->view), "search-changed");
  mb_selection_set_strategy (f->selection, other);
  mb_test_settle ();
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_cmpstr (mb_indicator_summary_get_title (row (f, 0)), ==, "Epsilon");

  /* A store change shows at once: a new value moves Epsilon's progress. */
  g_free (mb_store_record_measurement (f->store, e, "2024", "0023", "T", 10, NULL, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  g_assert_cmpfloat (mb_indicator_summary_get_progress (row (f, 0)), ==, 1.0);

  /* A strategy's indicators include the library's shared ones and those
   * attached to its goals. */
  {
    g_autofree char *shared = add_indicator (f, NULL, "Zeta", NAN, NAN, NAN);
    g_autofree char *level = _mb_store_query_text (mb_store_get_db (f->store),
                                                   "SELECT id FROM levels WHERE strategy_id = ?"
                                                   " ORDER BY position LIMIT 1", "s", other);
    g_autofree char *node = mb_store_create_node (f->store, other, NULL, level, "Goal", &error);

    g_assert_no_error (error);
    mb_test_settle ();
    g_assert_cmpuint (n_rows (f), ==, 2);
    g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, a, &error));
    g_assert_no_error (error);
    mb_test_settle ();
    g_assert_cmpuint (n_rows (f), ==, 3);
    (void) shared;
  }
}

static void
test_view_page_add_value (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  MbIndicatorPage *page;
  guint series, point;

  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  id = add_indicator (f, f->strategy, "Invånare", 126000, 140000, 132572);
  g_free (mb_store_record_measurement (f->store, id, "2022", "0023", "T", 132670, NULL, &error));
  g_free (mb_store_record_measurement (f->store, id, "2023", "2380", "T", 65000, NULL, &error));
  g_assert_no_error (error);
  mb_selection_set_strategy (f->selection, f->strategy);
  show_view (f, 1100, 760);

  g_assert_cmpstr (mb_indicator_summary_get_latest_period (row (f, 0)), ==, "2023");
  g_assert_cmpfloat (mb_indicator_summary_get_latest_value (row (f, 0)), ==, 132572);

  /* Activating the row opens the page and selects the indicator. */
  g_signal_emit_by_name (mb_indicators_view_get_column_view (f->view), "activate", 0);
  mb_test_settle ();
  page = mb_indicators_view_get_page (f->view);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page))))
                 == GTK_WIDGET (page));
  g_assert_cmpstr (mb_indicator_page_get_indicator_id (page), ==, id);
  g_assert_cmpstr (mb_selection_get_kind (f->selection), ==, MB_KIND_INDICATOR);
  g_assert_cmpstr (mb_selection_get_id (f->selection), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==, 3);
  g_assert_cmpuint (mb_chart_get_n_series (mb_indicator_page_get_chart (page)), ==, 2);

  /* Hover: the chart names the point nearest to the pointer. */
  mb_chart_set_hover (mb_indicator_page_get_chart (page), 0, 1);
  g_assert_true (mb_chart_get_hover (mb_indicator_page_get_chart (page), &series, &point));
  g_assert_cmpuint (point, ==, 1);

  /* Add a value through the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.add-value", NULL));
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 0)), "2024");
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 1)), "132 839");
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 3)), "SCB");
  adw_message_dialog_response (dialog, "save");
  mb_test_settle ();

  /* One undo step; the table's latest value follows. */
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Value");
  g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==, 4);
  g_assert_cmpstr (mb_indicator_summary_get_latest_period (row (f, 0)), ==, "2024");
  g_assert_cmpfloat (mb_indicator_summary_get_latest_value (row (f, 0)), ==, 132839);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM measurements WHERE period = '2024'"
                                        " AND territory_code = '0023' AND note = 'SCB'",
                                        NULL), ==, 1);

  /* Delete it from the table, then undo the deletion. */
  {
    g_autoptr(MbMeasurementItem) item = NULL;
    g_autofree char *added = _mb_store_query_text (mb_store_get_db (f->store),
                                                   "SELECT id FROM measurements"
                                                   " WHERE period = '2024'", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.delete-value", "s",
                                               added));
    mb_test_settle ();
    g_assert_cmpstr (mb_indicator_summary_get_latest_period (row (f, 0)), ==, "2023");
    g_assert_true (mb_store_undo (f->store, &error));
    mb_test_settle ();
    g_assert_cmpstr (mb_indicator_summary_get_latest_period (row (f, 0)), ==, "2024");
  }

  /* Back to the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.back", NULL));
  mb_test_settle ();
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page))))
                 != GTK_WIDGET (page));
}

/* A strategy with the indicator "Invånare" (kolada:N01951), its page shown. */
static MbIndicatorPage *
show_population_page (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  id = mb_store_create_indicator (f->store, f->strategy, "Invånare", "kolada:N01951", &error);
  g_assert_no_error (error);
  mb_selection_set_strategy (f->selection, f->strategy);
  show_view (f, 1100, 760);
  mb_indicators_view_open_indicator (f->view, id);
  return mb_indicators_view_get_page (f->view);
}

static void
test_view_page_imports (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kolada = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                   "kolada-n01951-0023.json", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "fixtures", "excel-sv.csv", NULL);
  g_autoptr(GFile) kolada_file = g_file_new_for_path (kolada);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  MbIndicatorPage *page;
  AdwMessageDialog *dialog;

  page = show_population_page (f);

  /* Kolada data of the indicator's KPI: recorded at once, said in a toast. */
  mb_indicator_page_import_file (page, kolada_file);
  mb_test_settle ();
  g_assert_cmpstr (f->last_toast, ==, "Imported 16 values from “kolada-n01951-0023.json”");
  g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==, 16);
  g_assert_cmpfloat (mb_indicator_summary_get_latest_value (row (f, 0)), ==, 132839);

  /* A CSV file: the preview first; Cancel records nothing, Import all. */
  mb_indicator_page_import_file (page, csv_file);
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
  adw_message_dialog_response (dialog, "cancel");
  mb_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==, 16);

  mb_indicator_page_import_file (page, csv_file);
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  adw_message_dialog_response (dialog, "import");
  mb_test_settle ();
  g_assert_cmpstr (f->last_toast, ==, "Imported 8 values from “excel-sv.csv”");
  /* An upsert: 2010 is new, the seven other years replace the county's values. */
  g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==, 17);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Import “excel-sv.csv”");
  g_assert_true (mb_store_undo (f->store, &error));
  mb_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==, 16);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT value FROM measurements WHERE period = '2011'"
                                        " AND territory_code = '0023' AND gender = 'T'", NULL),
                   ==, 126299);

  /* Another KPI's data is refused with the reason. */
  {
    g_autofree char *path = g_build_filename (f->dir, "other.json", NULL);
    g_autoptr(GFile) other = g_file_new_for_path (path);
    const char *json = "{\"values\": [{\"kpi\": \"N01963\", \"municipality\": \"0023\","
                       " \"period\": 2020, \"values\": [{\"gender\": \"T\", \"value\": 1.5}]}]}";

    g_assert_true (g_file_set_contents (path, json, -1, NULL));
    mb_indicator_page_import_file (page, other);
    mb_test_settle ();
    g_assert_nonnull (strstr (f->last_toast, "N01963"));
    g_assert_cmpuint (g_list_model_get_n_items (mb_indicator_page_get_measurements (page)), ==,
                      16);
  }
}

/* Screenshots */

#define NBSP "\xC2\xA0"

/* Swedish Excel's Windows-1252 file, municipalities by name: the preview
 * says how it was read and which column became what, lists the places, and
 * refuses a file with a second value for one place, naming both lines. */
static void
test_view_csv_preview (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "excel-sv-1252.csv",
                                                 NULL);
  g_autofree char *dup_path = g_build_filename (f->dir, "dubbel.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dup_file = g_file_new_for_path (dup_path);
  MbIndicatorPage *page;
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *rows;

  page = show_population_page (f);

  mb_indicator_page_import_file (page, file);
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (MB_IS_CSV_IMPORT_DIALOG (dialog));
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (mb_test_find_label_prefix (extra, "Read as Windows-1252, separator “;”,"
                                                     " decimal comma."));
  /* No line break inside a pair: no-break spaces around the arrows. */
  g_assert_nonnull (mb_test_find_label_prefix (extra, "Columns: År" NBSP "→" NBSP "period,"
                                                     " Kommunnamn" NBSP "→" NBSP "territory,"
                                                     " Kön" NBSP "→" NBSP "gender, Värde" NBSP
                                                     "→" NBSP "value, Källa" NBSP "→" NBSP
                                                     "ignored"));
  g_assert_nonnull (mb_test_find_label_prefix (extra, "Östersund"));
  g_assert_nonnull (mb_test_find_label_prefix (extra, "Härjedalen"));
  g_assert_null (mb_test_find_label_prefix (extra, "Sweden"));
  rows = gtk_widget_get_last_child (extra);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (rows));
  gtk_test_accessible_assert_property (rows, GTK_ACCESSIBLE_PROPERTY_LABEL, "Rows of the file");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "import");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "import");
  gtk_window_close (GTK_WINDOW (dialog));
  mb_test_settle ();
  g_assert_cmpstr (f->last_toast, ==, "Imported 6 values from “excel-sv-1252.csv”");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM measurements WHERE"
                                        " territory_code IN ('2380', '2321', '2361')", NULL),
                   ==, 6);

  /* A second value for one place: the line named, Import not offered. */
  g_assert_true (g_file_set_contents (dup_path, "År;Kommunnamn;Värde\r\n2022;Åre;1\r\n"
                                                "2022;Åre kommun;2\r\n", -1, NULL));
  mb_indicator_page_import_file (page, dup_file);
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (mb_test_find_label_prefix (extra, "A second value for 2022, territory 2321,"
                                                     " gender T; the first is on line 2"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  mb_test_settle ();
}

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GdkRGBA background;

  /* The window's own background, which the widget does not draw. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &background);
  gdk_rgba_parse (&background, adw_style_manager_get_dark (adw_style_manager_get_default ())
                                 ? "#242424" : "#fafafa");
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}


/* Pixels of the chart's row @y, between its plot's edges, that show the
 * target colour (green, over the card). */
static guint
count_target_pixels (MbChart *chart,
                     double   y)
{
  GtkWidget *widget = GTK_WIDGET (chart);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GdkRGBA white = { 1, 1, 1, 1 };
  g_autofree guchar *data = NULL;
  gsize stride = (gsize) width * 4;
  int row = (int) floor (y);
  guint n = 0;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (row, <, height);
  /* Left of the right-hand labels, right of the value labels. */
  for (int x = width / 5; x < width * 3 / 5; x++)
    {
      const guchar *px = data + row * stride + x * 4;   /* B, G, R, A */

      if (px[1] > px[2] + 20 && px[1] > px[0] + 10)
        n++;
    }
  return n;
}

/* As a click on the dialog's button: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_settle ();
}

static const char *
row_subtitle (GtkListBox *list,
              int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Issue 16: on the page of an adopted strategy's indicator, changing or
 * removing a target asks why; Cancel leaves the library as it was; each
 * earlier value is listed with its date and reason, and drawn faint. */
static void
test_view_page_target_history (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *was = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkListBox *list;
  MbIndicatorPage *page;
  MbChart *chart;
  double x, y;
  GValue v = G_VALUE_INIT;

  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  id = add_indicator (f, f->strategy, "Invånare", 126000, 140000, 132572);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "adopted");
  g_assert_true (mb_store_set_field (f->store, "strategies", f->strategy, "status", &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
  mb_selection_set_strategy (f->selection, f->strategy);
  show_view (f, 1100, 900);
  mb_indicators_view_open_indicator (f->view, id);
  mb_test_settle ();
  page = mb_indicators_view_get_page (f->view);
  chart = mb_indicator_page_get_chart (page);
  list = GTK_LIST_BOX (mb_test_find_nth (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, 0));
  g_assert_nonnull (list);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (list, 0))), ==, "2030");
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpuint (mb_chart_get_n_earlier_targets (chart), ==, 0);

  /* Change: the dialog asks for the reason; without one it cannot go on,
   * and Cancel leaves everything as it was. */
  before = mb_test_dump (f->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.edit-target", "i",
                                             2030));
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 0)), "150 000");
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 1)), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  respond (dialog, "cancel");
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.edit-target", "i",
                                             2030));
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  extra = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 0)), "150 000");
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 1)),
                         "Revised after the mid-term review");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  respond (dialog, "confirm");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Set Target");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT value FROM indicator_targets", NULL), ==, 150000);

  /* The earlier value, its date and reason, under the target. */
  was = mb_format_number (140000);
  today = g_date_time_format (now, "%Y-%m-%d");
  expected = g_strdup_printf ("Was %s until %s: Revised after the mid-term review", was, today);
  g_assert_cmpstr (row_subtitle (list, 0), ==, expected);
  g_assert_cmpuint (mb_chart_get_n_earlier_targets (chart), ==, 1);
  /* The legend names the faint line. */
  {
    GtkWidget *legend = GTK_WIDGET (mb_test_find_nth (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX, 0));
    gboolean named = FALSE;

    g_assert_true (gtk_widget_get_visible (legend));
    for (guint i = 0; mb_test_find_nth (legend, GTK_TYPE_LABEL, i); i++)
      named |= g_strcmp0 (gtk_label_get_text (GTK_LABEL (mb_test_find_nth (legend, GTK_TYPE_LABEL, i))),
                          "Earlier target") == 0;
    g_assert_true (named);
  }

  /* The chart draws it: target-coloured pixels along its row, which go
   * when the earlier target is taken off the chart. */
  mb_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_true (mb_chart_get_point_position (chart, 2030, 140000, &x, &y));
  g_assert_cmpuint (count_target_pixels (chart, y), >, 20);
  mb_chart_set_earlier_targets (chart, NULL);
  mb_test_wait_for_draw (GTK_WIDGET (chart));
  g_assert_cmpuint (count_target_pixels (chart, y), <, 3);

  /* Remove: asks why; Cancel keeps it; with a reason it goes, and stays
   * listed as removed. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.remove-target", "i",
                                             2030));
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  respond (dialog, "cancel");
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.remove-target", "i",
                                             2030));
  mb_test_settle ();
  dialog = mb_test_find_dialog ();
  extra = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (extra, GTK_TYPE_ENTRY, 0)),
                         "Replaced by the new plan");
  respond (dialog, "confirm");
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT count(*) FROM indicator_targets", NULL), ==, 0);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Remove Target 2030");
  {
    g_autofree char *removed = mb_format_number (150000);
    g_autofree char *lines = g_strdup_printf ("Removed %s, was %s: Replaced by the new plan\n%s",
                                              today, removed, expected);

    g_assert_cmpstr (row_subtitle (list, 0), ==, lines);
  }
  g_assert_cmpuint (mb_chart_get_n_earlier_targets (chart), ==, 2);

  /* One undo step brings the target back, and its history with it. */
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_no_error (error);
  mb_test_settle ();
  g_assert_cmpstr (row_subtitle (list, 0), ==, expected);
}

static void
test_view_screenshots (Fixture       *f,
                       gconstpointer  data)
{
  const char *out = g_getenv ("MALBILD_SCREENSHOT_DIR");
  g_autofree char *example = NULL;
  g_autoptr(MbProblemList) problems = mb_problem_list_new (MB_PROBLEM_LIST_DEFAULT_MAX);
  g_autoptr(MbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autofree char *population = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const char * const schemes[] = { "light", "dark" };
  g_autoptr(MbCatalogue) catalogue = NULL;

  if (out == NULL)
    {
      g_test_skip ("Set MALBILD_SCREENSHOT_DIR to write screenshots");
      return;
    }

  catalogue = mb_catalogue_new_default (&error);
  g_assert_no_error (error);
  example = g_build_filename (MB_SOURCE_DATADIR, "examples", "jamtland-harjedalen.json", NULL);
  report = mb_exchange_import_file (f->store, example, 0, problems, &error);
  g_assert_no_error (error);

  /* The example has no baselines or targets: give a few indicators their
   * first published value as baseline and an illustrative target. */
  all = mb_indicator_stats_list_summaries (f->store, NULL, &error);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MbIndicatorSummary) s = g_list_model_get_item (all, i);
      guint n;
      const MbSeriesPoint *trend = mb_indicator_summary_get_trend (s, &n);
      const char *ref = mb_indicator_summary_get_reference (s);

      if (f->strategy == NULL)
        f->strategy = g_strdup (mb_indicator_summary_get_strategy_id (s));
      if (g_strcmp0 (ref, "kolada:N01951") == 0)
        population = g_strdup (mb_indicator_summary_get_id (s));
      else if (n < 2 || i % 4 == 3)
        continue;
      set_double (f->store, mb_indicator_summary_get_id (s), "baseline_value", trend[0].value);
      {
        GValue v = G_VALUE_INIT;

        g_value_init (&v, G_TYPE_INT);
        g_value_set_int (&v, (int) trend[0].time);
        g_assert_true (mb_store_set_field (f->store, "indicators", mb_indicator_summary_get_id (s),
                                           "baseline_year", &v, &error));
        g_value_unset (&v);
      }
      {
        double target = mb_indicator_summary_get_lower_is_better (s) ? trend[0].value * 0.7
                                                                     : trend[n - 1].value * 1.08;
        double unit = pow (10, floor (log10 (fabs (target))) - 1);

        /* The example's strategies are adopted: a target takes a reason. */
        g_free (mb_store_set_target_with_reason (f->store, mb_indicator_summary_get_id (s), 2030,
                                                 round (target / unit) * unit,
                                                 "Illustrativt mål", &error));
      }
      g_assert_no_error (error);
    }
  g_assert_nonnull (population);
  mb_test_set_text (f->store, "indicators", population, "description", "Folkmängd 31 december");
  /* One revised target, to show its history on the page and in the chart. */
  g_free (mb_store_set_target_with_reason (f->store, population, 2030, 134000,
                                           "Sänkt efter halvtidsöversynen", &error));
  g_assert_no_error (error);
  mb_selection_set_strategy (f->selection, f->strategy);
  show_view (f, 1280, 760);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *list_path = g_strdup_printf ("%s/indicators-%s.png", out, schemes[i]);
      g_autofree char *page_path = g_strdup_printf ("%s/indicator-page-%s.png", out, schemes[i]);
      MbIndicatorPage *page = mb_indicators_view_get_page (f->view);
      MbChart *chart = mb_indicator_page_get_chart (page);

      adw_style_manager_set_color_scheme (style, i == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                        : ADW_COLOR_SCHEME_FORCE_DARK);
      mb_indicators_view_show_list (f->view);
      mb_test_wait_for_draw (GTK_WIDGET (f->view));
      save_png (GTK_WIDGET (f->view), list_path);

      mb_indicators_view_open_indicator (f->view, population);
      mb_test_wait_for_draw (GTK_WIDGET (f->view));
      /* Show the hover label on the county's last value. */
      mb_chart_set_hover (chart, 0, 13);
      mb_test_wait_for_draw (GTK_WIDGET (f->view));
      save_png (GTK_WIDGET (f->view), page_path);
      g_test_message ("wrote %s and %s", list_path, page_path);

      /* The reason dialog of a change to the adopted strategy's target. */
      {
        g_autofree char *dialog_path = g_strdup_printf ("%s/target-reason-%s.png", out,
                                                        schemes[i]);
        AdwMessageDialog *dialog;

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "indicator.edit-target",
                                                   "i", 2030));
        mb_test_settle ();
        dialog = mb_test_find_dialog ();
        g_assert_nonnull (dialog);
        gtk_editable_set_text (GTK_EDITABLE (mb_test_find_nth (adw_message_dialog_get_extra_child (dialog),
                                                          GTK_TYPE_ENTRY, 0)), "132 000");
        mb_test_wait_for_draw (GTK_WIDGET (dialog));
        save_png (gtk_widget_get_first_child (GTK_WIDGET (dialog)), dialog_path);
        respond (dialog, "cancel");
      }

      /* The CSV preview of a file as Swedish Excel saves it (Windows-1252,
       * municipalities by name), with one row it refuses. */
      {
        const char *text = "\xC5r;Kommunnamn;K\xF6n;V\xE4rde;Status;K\xE4lla\r\n"
                           "2022;\xD6stersund;Totalt;64 714;;SCB\r\n"
                           "2023;\xD6stersund;Totalt;64 881;;SCB\r\n"
                           "2024;\xD6stersund;Totalt;64 979;prelimin\xE4r;SCB\r\n"
                           "2023;\xC5re;Totalt;12 464;;SCB\r\n"
                           "2024;\xC5re kommun;Totalt;12 693;;SCB\r\n"
                           "2024;\xC5re;Totalt;12 693;;SCB\r\n"
                           "2024;Krokom;Totalt;15 680;;SCB\r\n";
        g_autofree char *dialog_path = g_strdup_printf ("%s/csv-preview-%s.png", out,
                                                        schemes[i]);
        MbMeasurementCsv *csv = mb_measurement_csv_parse (text, strlen (text), catalogue,
                                                          &error);
        GtkWidget *dialog;

        g_assert_no_error (error);
        dialog = mb_csv_import_dialog_present (GTK_WIDGET (page), f->store, catalogue, population,
                                               "Invånare totalt, antal", csv, "befolkning.csv");
        mb_test_wait_for_draw (dialog);
        save_png (gtk_widget_get_first_child (dialog), dialog_path);
        gtk_window_destroy (GTK_WINDOW (dialog));
      }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* gtk_test_init() chose English; a screenshot run may ask for another
   * locale (MALBILD_SCREENSHOT_LOCALE=sv_SE.UTF-8 with LANGUAGE=sv). */
  if (g_getenv ("MALBILD_SCREENSHOT_LOCALE") != NULL)
    setlocale (LC_ALL, g_getenv ("MALBILD_SCREENSHOT_LOCALE"));
  bindtextdomain (GETTEXT_PACKAGE, MB_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  malbild_register_resource ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    /* As MbApplication does. */
    gtk_css_provider_load_from_resource (css, "/io/github/malbild/Malbild/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/indicators-view/rows-sort-filter", test_view_rows_sort_filter);
  ADD ("/indicators-view/narrow", test_view_narrow);
  ADD ("/indicators-view/page-add-value", test_view_page_add_value);
  ADD ("/indicators-view/page-imports", test_view_page_imports);
  ADD ("/indicators-view/csv-preview", test_view_csv_preview);
  ADD ("/indicators-view/page-target-history", test_view_page_target_history);
  ADD ("/indicators-view/screenshots", test_view_screenshots);

  return g_test_run ();
}
