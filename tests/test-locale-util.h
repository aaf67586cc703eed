/* test-locale-util.h – the Swedish locale for suites that check decimal commas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "test-util.h"

/* Sets @category to sv_SE.UTF-8: the installed one, or, on a bare CI image,
 * one compiled from the `locales` package's sources into a private LOCPATH
 * (returned in @locale_dir, to be removed with mb_test_remove_dir()).
 * Returns the name set, or NULL if there is no Swedish locale to be had. */
static inline const char *
mb_test_set_swedish_locale (int    category,
                            char **locale_dir)
{
  g_autofree char *localedef = NULL;
  g_autofree char *target = NULL;
  int status = -1;

  *locale_dir = NULL;
  if (setlocale (category, "sv_SE.UTF-8") != NULL)
    return "sv_SE.UTF-8";
  if (setlocale (category, "sv_SE.utf8") != NULL)
    return "sv_SE.utf8";
  localedef = g_find_program_in_path ("localedef");
  if (localedef == NULL || !g_file_test ("/usr/share/i18n/locales/sv_SE", G_FILE_TEST_EXISTS))
    return NULL;

  *locale_dir = g_dir_make_tmp ("malbild-locale-XXXXXX", NULL);
  if (*locale_dir == NULL)
    return NULL;
  target = g_build_filename (*locale_dir, "sv_SE.UTF-8", NULL);
  {
    const char *argv[] = { localedef, "-i", "sv_SE", "-f", "UTF-8", target, NULL };

    /* localedef exits 1 over warnings in the sources yet writes the locale. */
    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, NULL);
  }
  g_setenv ("LOCPATH", *locale_dir, TRUE);
  if (setlocale (category, "sv_SE.UTF-8") != NULL)
    return "sv_SE.UTF-8 (compiled for the test)";
  return NULL;
}

