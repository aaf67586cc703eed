/* mb-bench-bare-window.c – the yardstick of mb-bench-gui's start-up: a bare libadwaita window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplication whose window has a header bar and a status page, the
 * size of the app's first window; prints "first-frame MS" (the monotonic
 * clock, as mb_bench_now_ms()) at the end of its first painted frame and
 * quits. Linked with libadwaita alone, as a minimal app would be.
 */

#include "config.h"

#include <adwaita.h>

#include "mb-bench-gui-util.h"
#include "mb-bench-util.h"

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "A Bare Window");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-drawing-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  mb_bench_quit_at_first_frame (window, app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.malbild.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
