/* test-store-util.h – helpers shared by the store's test suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mb-store.h"

/* Frees @s when the current test ends; for asserting on returned strings. */
static inline const char *
mb_test_take (char *s)
{
  if (s != NULL)
    g_test_queue_free (s);
  return s;
}

static inline char *
mb_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("malbild-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
mb_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static inline char *
mb_test_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Counts "changed" emissions and keeps the last list of tables. */
typedef struct
{
  guint  n_changed;
  GStrv  last_tables;
} MbTestChanges;

static inline void
mb_test_changes_cb (MbStore            *store,
                    const char * const *tables,
                    MbTestChanges      *changes)
{
  changes->n_changed++;
  g_strfreev (changes->last_tables);
  changes->last_tables = g_strdupv ((char **) tables);
}

static inline void
mb_test_changes_watch (MbTestChanges *changes,
                       MbStore       *store)
{
  g_signal_connect (store, "changed", G_CALLBACK (mb_test_changes_cb), changes);
}

static inline void
mb_test_changes_clear (MbTestChanges *changes)
{
  g_clear_pointer (&changes->last_tables, g_strfreev);
}
