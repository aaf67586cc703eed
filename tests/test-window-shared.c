/* test-window-shared.c – the window on a library shared on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs beside a server of its own (tests/with-postgresql): connecting from
 * the dialog and what it says when it cannot, the strip while the server is
 * gone, a colleague's change in the details, and the conflict dialog's two
 * choices.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "mb-application.h"
#include "mb-connect-dialog.h"
#include "mb-details-panel.h"
#include "mb-form.h"
#include "mb-window.h"
#include "test-pg-util.h"
#include "test-store-util.h"
#include "test-util.h"

static MbApplication *app;

static char *
make_goal (MbStore    *store,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = mb_store_create_strategy (store, "RUS", "rus", &error);
  g_autofree char *level = NULL;
  char *node;

  g_assert_no_error (error);
  level = mb_test_level (store, strategy, 0);
  node = mb_store_create_node (store, strategy, NULL, level, title, &error);
  g_assert_no_error (error);
  return node;
}

static char *
title_of (MbStore    *store,
          const char *id)
{
  g_autoptr(MbRecord) record = mb_store_get_record (store, "nodes", id, NULL);

  return record ? g_strdup (mb_record_get_title (record)) : NULL;
}

static gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_str_has_prefix (gtk_widget_get_tooltip_text (widget) ?: "", data);
}

static MbConnectDialog *
find_connect_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (MB_IS_CONNECT_DIALOG (toplevel))
        return MB_CONNECT_DIALOG (toplevel);
    }
  return NULL;
}

static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  return mb_test_find (root, ADW_TYPE_PREFERENCES_ROW, mb_test_match_row, title);
}

/* What the user types and what the dialog says back. */
static void
test_connect_dialog (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autofree char *empty_db = mb_test_pg_new_database ();
  g_autofree char *unreachable = g_strdup_printf ("postgresql:///%s?host=/nonexistent", db);
  g_autofree char *not_library = mb_test_pg_uri (empty_db, "anna");
  g_autofree char *good = mb_test_pg_uri (db, "malbild_test");
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *goal = make_goal (anna, "Mål");
  MbWindow *window = mb_test_open_window (app, 1000, 700, NULL);
  MbConnectDialog *dialog;
  MbStore *before;
  GtkWidget *address, *user, *connect;

  before = mb_window_get_store (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-shared", NULL));
  mb_test_wait_until ((dialog = find_connect_dialog ()) != NULL &&
                      gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  address = find_entry_row (GTK_WIDGET (dialog), "Server Address");
  user = find_entry_row (GTK_WIDGET (dialog), "User Name");
  connect = mb_test_find_button (GTK_WIDGET (dialog), "C_onnect");
  g_assert_nonnull (address);
  g_assert_nonnull (user);
  g_assert_nonnull (connect);

  /* Nothing to connect to yet. */
  gtk_editable_set_text (GTK_EDITABLE (address), "");
  g_assert_false (gtk_widget_get_sensitive (connect));
  gtk_editable_set_text (GTK_EDITABLE (address), "no address");
  g_assert_true (gtk_widget_get_sensitive (connect));
  gtk_editable_set_text (GTK_EDITABLE (user), "anna");
  g_assert_false (mb_connect_dialog_connect (dialog));
  g_assert_nonnull (strstr (mb_connect_dialog_get_problem (dialog), "server/database"));

  /* No server there: it says so, and keeps what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (address), unreachable);
  g_assert_false (mb_connect_dialog_connect (dialog));
  g_assert_true (g_str_has_prefix (mb_connect_dialog_get_problem (dialog),
                                   "The server cannot be reached"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, unreachable);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (user)), ==, "anna");
  /* The window stays on what it showed. */
  g_assert_true (mb_window_get_store (window) == before);

  /* A database, but no Målbild library in it. */
  gtk_editable_set_text (GTK_EDITABLE (address), not_library);
  g_assert_false (mb_connect_dialog_connect (dialog));
  g_assert_nonnull (strstr (mb_connect_dialog_get_problem (dialog), "holds no Målbild library"));
  g_assert_true (find_connect_dialog () == dialog);

  /* The right one: the window shows it and names it. */
  gtk_editable_set_text (GTK_EDITABLE (address), good);
  gtk_editable_set_text (GTK_EDITABLE (user), "bo");
  g_assert_true (mb_connect_dialog_connect (dialog));
  mb_test_spin ();
  g_assert_null (find_connect_dialog ());
  g_assert_nonnull (mb_window_get_store (window));
  g_assert_nonnull (strstr (mb_store_get_remote_name (mb_window_get_store (window)), "user=bo"));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), db));
  g_assert_true (gtk_widget_get_visible (mb_test_find (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                      match_tooltip, "Connected to ")));

  mb_test_close_window (window, NULL);
}

static GtkWidget *
offline_banner (MbWindow *window)
{
  return (GtkWidget *) mb_test_find_label_prefix (GTK_WIDGET (window), "The shared library cannot be reached");
}

static gboolean
banner_shown (MbWindow *window)
{
  GtkWidget *label = offline_banner (window);

  return label != NULL && gtk_widget_is_drawable (label);
}

/* The server drops the window's connection: the strip says so at once, an
 * edit is refused with what was typed still there, and when the store is
 * back the strip goes. */
static void
test_offline_banner (void)
{
  g_autofree char *db = mb_test_pg_new_library ();
  g_autoptr(MbStore) anna = mb_test_pg_open_store (db, "anna");
  g_autofree char *goal = make_goal (anna, "Mål");
  g_autoptr(PGconn) admin = mb_test_pg_connect (db, "malbild_test");
  g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                                           " WHERE usename = 'anna' AND datname = '%s'", db);
  MbWindow *window = mb_test_open_window (app, 1000, 700, NULL);
  GtkWidget *panel, *row;
  MbForm *form;

  mb_window_open_store (window, anna);
  mb_test_settle ();
  g_assert_false (banner_shown (window));

  mb_selection_select (mb_window_get_selection (window), "nodes", goal);
  panel = mb_test_find_type (GTK_WIDGET (window), MB_TYPE_DETAILS_PANEL);
  g_assert_nonnull (panel);
  form = MB_FORM (mb_details_panel_get_form (MB_DETAILS_PANEL (panel)));
  g_assert_nonnull (form);

  PQclear (PQexec (admin, kill));
  mb_test_wait_until (!mb_store_is_connected (anna));
  mb_test_settle ();
  g_assert_true (banner_shown (window));

  /* Refused whole, the text kept, the reason at the field. */
  row = mb_form_get_row (form, "title");
  gtk_editable_set_text (GTK_EDITABLE (row), "Nytt mål");
  g_assert_false (mb_form_commit (form, "title"));
  g_assert_nonnull (strstr (mb_form_get_error (form, "title"), "cannot be reached"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Nytt mål");
  g_assert_cmpstr (title_of (anna, goal), ==, "Mål");

  mb_test_wait_until (mb_store_is_connected (anna));
  mb_test_settle ();
  g_assert_false (banner_shown (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Nytt mål");
  /* (The panel is hidden here, and a hidden panel builds its editor anew
   * on a change: the store itself shows that work goes on.) */
  mb_test_set_text (anna, "nodes", goal, "title", "Nytt mål");

  mb_test_close_window (window, NULL);
}

typedef struct
{
  char    *db;
  char    *goal;
  MbStore *anna;
  MbStore *bo;
  GtkWindow *window;
  MbDetailsPanel *panel;
  MbSelection *selection;
} Pair;

static void
pair_set_up (Pair *p)
{
  p->db = mb_test_pg_new_library ();
  p->anna = mb_test_pg_open_store (p->db, "anna");
  p->goal = make_goal (p->anna, "Mål");
  p->bo = mb_test_pg_open_store (p->db, "bo");
  mb_test_wait_until (g_strcmp0 (title_of (p->bo, p->goal), "Mål") == 0);
  p->selection = mb_selection_new ();
  mb_selection_select (p->selection, "nodes", p->goal);
  p->panel = MB_DETAILS_PANEL (mb_details_panel_new (p->bo, p->selection));
  p->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (p->window, 440, 900);
  gtk_window_set_child (p->window, GTK_WIDGET (p->panel));
  gtk_window_present (p->window);
  mb_test_settle ();
}

static void
pair_tear_down (Pair *p)
{
  gtk_window_destroy (p->window);
  mb_test_spin ();
  g_clear_object (&p->selection);
  g_clear_object (&p->anna);
  g_clear_object (&p->bo);
  g_free (p->db);
  g_free (p->goal);
}

/* Bo's form commits a title Anna changed meanwhile: he is asked, and his
 * answer is what stays. */
static void
conflict_round (Pair       *p,
                const char *anna_title,
                const char *bo_title,
                const char *response)
{
  MbForm *form = MB_FORM (mb_details_panel_get_form (p->panel));
  GtkWidget *row = mb_form_get_row (form, "title");
  g_autofree char *base = title_of (p->bo, p->goal);
  AdwMessageDialog *dialog;

  mb_test_set_text (p->anna, "nodes", p->goal, "title", anna_title);
  gtk_editable_set_text (GTK_EDITABLE (row), bo_title);
  /* Bo has not heard of it yet: his replica still has the old title. */
  g_assert_cmpstr (title_of (p->bo, p->goal), ==, base);
  g_assert_false (mb_form_commit (form, "title"));
  dialog = mb_test_wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "anna"));
  g_assert_nonnull (mb_test_find_label (GTK_WIDGET (dialog), anna_title));
  g_assert_nonnull (mb_test_find_label (GTK_WIDGET (dialog), bo_title));
  /* What he typed stays while he chooses: leaving the row stores nothing. */
  mb_form_commit (form, "title");
  g_assert_false (mb_store_can_undo (p->bo));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, bo_title);
  /* The store shows what is on the server. */
  mb_test_wait_until (g_strcmp0 (title_of (p->bo, p->goal), anna_title) == 0);

  adw_message_dialog_response (dialog, response);
  mb_test_settle ();
}

static void
test_conflict_keep_theirs (void)
{
  Pair p = { 0 };
  g_autofree char *title = NULL;
  MbForm *form;

  pair_set_up (&p);
  conflict_round (&p, "Annas mål", "Bos mål", "theirs");
  form = MB_FORM (mb_details_panel_get_form (p.panel));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mb_form_get_row (form, "title"))), ==,
                   "Annas mål");
  g_assert_null (mb_form_get_error (form, "title"));
  title = title_of (p.anna, p.goal);
  g_assert_cmpstr (title, ==, "Annas mål");
  g_assert_false (mb_store_can_undo (p.bo));
  pair_tear_down (&p);
}

static void
test_conflict_use_mine (void)
{
  Pair p = { 0 };
  MbForm *form;
  GtkWidget *changed;

  pair_set_up (&p);
  conflict_round (&p, "Annas mål", "Bos mål", "mine");
  form = MB_FORM (mb_details_panel_get_form (p.panel));
  g_assert_cmpstr (title_of (p.bo, p.goal), ==, "Bos mål");
  g_assert_null (mb_form_get_error (form, "title"));
  /* Anna sees it, and who did it. */
  mb_test_wait_until (g_strcmp0 (title_of (p.anna, p.goal), "Bos mål") == 0);
  g_assert_true (mb_store_can_undo (p.bo));

  /* The details say who changed the goal last: Bo himself now. */
  changed = (GtkWidget *) mb_test_find_label_prefix (GTK_WIDGET (p.panel), "Changed by bo, ");
  g_assert_nonnull (changed);
  g_assert_true (gtk_widget_get_visible (changed));
  pair_tear_down (&p);
}

/* Anna's change reaches Bo's replica while he types over the same title:
 * the row keeps his text, and leaving it asks him, as a conflict the server
 * found would; until then nothing is stored. */
static void
test_conflict_while_typing (void)
{
  Pair p = { 0 };
  MbForm *form;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;

  pair_set_up (&p);
  form = MB_FORM (mb_details_panel_get_form (p.panel));
  row = mb_form_get_row (form, "title");
  gtk_editable_set_text (GTK_EDITABLE (row), "Bos mål");
  mb_test_set_text (p.anna, "nodes", p.goal, "title", "Annas mål");
  mb_test_wait_until (g_strcmp0 (title_of (p.bo, p.goal), "Annas mål") == 0);
  mb_test_settle ();
  /* Still what he typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Bos mål");

  g_assert_false (mb_form_commit (form, "title"));
  dialog = mb_test_wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "anna"));
  g_assert_nonnull (mb_test_find_label (GTK_WIDGET (dialog), "Annas mål"));
  g_assert_nonnull (mb_test_find_label (GTK_WIDGET (dialog), "Bos mål"));
  g_assert_false (mb_store_can_undo (p.bo));
  title = title_of (p.anna, p.goal);
  g_assert_cmpstr (title, ==, "Annas mål");

  adw_message_dialog_response (dialog, "mine");
  mb_test_settle ();
  g_assert_cmpstr (title_of (p.bo, p.goal), ==, "Bos mål");
  mb_test_wait_until (g_strcmp0 (title_of (p.anna, p.goal), "Bos mål") == 0);
  /* Answered: a later edit of the row is an ordinary one. */
  gtk_editable_set_text (GTK_EDITABLE (row), "Bos andra mål");
  g_assert_true (mb_form_commit (form, "title"));
  g_assert_cmpstr (title_of (p.bo, p.goal), ==, "Bos andra mål");
  pair_tear_down (&p);
}

/* A colleague's change shows in the details with their name. */
static void
test_changed_by (void)
{
  Pair p = { 0 };
  GtkWidget *changed;

  pair_set_up (&p);
  changed = (GtkWidget *) mb_test_find_label_prefix (GTK_WIDGET (p.panel), "Changed by anna, ");
  g_assert_nonnull (changed);
  g_assert_true (gtk_widget_get_visible (changed));
  mb_test_set_text (p.anna, "nodes", p.goal, "code", "1.1");
  mb_test_wait_until (mb_test_find_label_prefix (GTK_WIDGET (p.panel), "Changed by anna, ") != NULL);
  pair_tear_down (&p);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Dates as the English strings say them. */
  g_setenv ("LC_TIME", "C", TRUE);

  app = mb_application_new ("io.github.malbild.Malbild.Test",
                            G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window-shared/connect-dialog", test_connect_dialog);
  g_test_add_func ("/window-shared/offline-banner", test_offline_banner);
  g_test_add_func ("/window-shared/conflict-keep-theirs", test_conflict_keep_theirs);
  g_test_add_func ("/window-shared/conflict-use-mine", test_conflict_use_mine);
  g_test_add_func ("/window-shared/conflict-while-typing", test_conflict_while_typing);
  g_test_add_func ("/window-shared/changed-by", test_changed_by);

  return g_test_run ();
}
