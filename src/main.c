/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mb-application.h"
#include "mb-layout.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MbApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Graphviz sets the process locale to "C" while it lays out, in a
   * worker: keep this thread's decimal comma out of its reach. */
  mb_layout_isolate_thread_locale ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mb_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
