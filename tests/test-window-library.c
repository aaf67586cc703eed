/* test-window-library.c – the window when its library goes away under it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mb-application.h"
#include "mb-store-list-model.h"
#include "mb-window.h"
#include "test-util.h"

static MbApplication *app;

static void
new_strategy (MbWindow   *window,
              const char *title)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-strategy", NULL));
  mb_test_spin ();
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (gtk_widget_get_first_child (
    adw_message_dialog_get_extra_child (dialog)));
  if (!GTK_IS_EDITABLE (entry))
    entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, title);
  adw_message_dialog_response (dialog, "create");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_spin ();
}

/* With MB_WINDOW_SHOTS=DIR, saves @widget as DIR/@name to look at. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("MB_WINDOW_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  gtk_test_widget_wait_for_draw (widget);
  paintable = gtk_widget_paintable_new (widget);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static guint
n_strategies (MbStore *store)
{
  g_autoptr(GListModel) model = mb_store_list_strategies (store);

  return g_list_model_get_n_items (model);
}

/* The library is replaced under the open window (as a sync tool or a copy
 * from a colleague would): the next edit is refused, a dialog names the
 * file and offers to reopen, and after Reopen the window edits the new file. */
static void
test_window_library_replaced (void)
{
  g_autoptr(GError) error = NULL;
  char *path;
  MbWindow *window = mb_test_open_window (app, 0, 0, &path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other = g_build_filename (dir, "other.malbild", NULL);
  g_autofree char *message = NULL;
  AdwMessageDialog *dialog;
  MbStore *store;

  new_strategy (window, "Before");
  store = mb_window_get_store (window);
  g_assert_cmpuint (n_strategies (store), ==, 1);

  {
    g_autoptr(MbStore) replacement = mb_store_open (other, MB_STORE_OPEN_NONE, &error);

    g_assert_no_error (error);
    g_free (mb_store_create_strategy (replacement, "From elsewhere", "rus", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_rename (other, path), ==, 0);

  new_strategy (window, "Refused");
  g_assert_cmpuint (n_strategies (store), ==, 1);
  dialog = mb_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changes Cannot Be Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_true (adw_message_dialog_has_response (dialog, "reopen"));
  maybe_screenshot (gtk_widget_get_first_child (GTK_WIDGET (dialog)), "library-gone.png");

  adw_message_dialog_response (dialog, "reopen");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mb_test_spin ();

  store = mb_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_null (mb_store_get_gone_reason (store));
  new_strategy (window, "After");
  g_assert_null (mb_test_find_dialog ());
  g_assert_cmpuint (n_strategies (store), ==, 2);

  message = g_strdup (mb_store_get_path (store));
  g_assert_cmpstr (message, ==, path);
  mb_test_close_window (window, path);
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

  g_test_add_func ("/window/library/replaced", test_window_library_replaced);

  return g_test_run ();
}
