/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "mb-application.h"
#include "mb-layout.h"

/* The catalogues to use: those meson compiled in the build tree when this is
 * the build tree's binary (build-aux/malbild-dev run, the tests), so that it
 * speaks the user's language uninstalled; else the installed ones. */
static char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree char *build_dir = realpath (MB_BUILD_EXEDIR, NULL);

  if (exe_dir != NULL && build_dir != NULL && g_str_equal (exe_dir, build_dir))
    return g_strdup (MB_BUILD_LOCALEDIR);
  return g_strdup (LOCALEDIR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MbApplication) app = NULL;
  g_autofree char *locale_dir = NULL;

  setlocale (LC_ALL, "");
  /* Graphviz sets the process locale to "C" while it lays out, in a
   * worker: keep this thread's decimal comma out of its reach. */
  mb_layout_isolate_thread_locale ();
  locale_dir = find_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mb_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
