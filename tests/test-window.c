/* test-window.c – the main window, in-process under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "mb-application.h"
#include "mb-window.h"

/* One registered application for the whole program, as in the real app. */
static MbApplication *app;

/* The first widget of @type below @root for which @match (if given) holds. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             gboolean  (*match) (GtkWidget *widget))
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_main_stack (GtkWidget *widget)
{
  return gtk_stack_get_child_by_name (GTK_STACK (widget), "welcome") != NULL;
}

static void
test_window_welcome (void)
{
  GtkWindow *window;
  GtkWidget *stack;
  GtkWidget *status;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (MB_IS_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpstr (gtk_window_get_title (window), ==, "Målbild");

  stack = find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, is_main_stack);
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "welcome");

  status = find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));

  gtk_window_destroy (window);
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWindow *window;
  int width, height;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (window, 800, 600);
  gtk_window_close (window);

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
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

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  return g_test_run ();
}
