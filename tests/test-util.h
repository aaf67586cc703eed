/* test-util.h – what every test suite shares: temporary folders and
 * libraries, the main loop, and (for the widget suites) finding widgets
 *
 * Its own header rather than test-store-util.h: that one needs the store's
 * private header and is about the store's rows; these need only GLib (the
 * widget part only GTK, libadwaita or the canvas, each when the suite has
 * included it before this; the store part the store). test-store-util.h
 * includes this one.
 *
 * Each part has its own guard, so that a suite that included this (through
 * test-store-util.h) before GTK gets the widget part by including it again.
 *
 * Waiting is on a condition, never a fixed sleep; the bound only turns a
 * hang into a failure that names what did not happen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef MB_TEST_UTIL_H
#define MB_TEST_UTIL_H

#include <glib/gstdio.h>
#include <gio/gio.h>

#define MB_TEST_WAIT_SECONDS 60

static inline char *
mb_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("malbild-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir (if not NULL) and what is in it; a link is removed, never
 * followed. */
static inline void
mb_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        mb_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* A path for a new library called @name in a folder of its own. */
static inline char *
mb_test_library_path (const char *name)
{
  g_autofree char *dir = mb_test_make_dir ();

  return g_build_filename (dir, name, NULL);
}

/* Removes the library at @path, its journal files and its folder. */
static inline void
mb_test_remove_library (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  mb_test_remove_dir (dir);
}

/* Runs what is ready to run now, until nothing is. */
static inline void
mb_test_spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* As mb_test_spin(), a few rounds: for work that queues more work once it
 * has run (a model's items, then the rows and the frame that show them). */
static inline void
mb_test_settle (void)
{
  for (int i = 0; i < 5; i++)
    mb_test_spin ();
}

static inline gboolean
mb_test_wait_timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds; fails the test, naming @cond, if
 * it does not within MB_TEST_WAIT_SECONDS. */
#define mb_test_wait_until(cond) \
  G_STMT_START { \
    gboolean mb_timed_out_ = FALSE; \
    guint mb_timeout_ = g_timeout_add_seconds (MB_TEST_WAIT_SECONDS, \
                                               mb_test_wait_timed_out_cb, \
                                               &mb_timed_out_); \
    while (!(cond) && !mb_timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (mb_timed_out_) \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           "gave up waiting until " #cond); \
    g_source_remove (mb_timeout_); \
  } G_STMT_END

#endif /* MB_TEST_UTIL_H */

#if defined (__GTK_H__) && !defined (MB_TEST_UTIL_GTK)
#define MB_TEST_UTIL_GTK

typedef gboolean (*MbTestMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* The first widget of @type at or below @root, depth first in order, for
 * which @match (if given) holds. */
static inline GtkWidget *
mb_test_find (GtkWidget     *root,
              GType          type,
              MbTestMatch    match,
              gconstpointer  data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mb_test_find (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline GtkWidget *
mb_test_find_type (GtkWidget *root,
                   GType      type)
{
  return mb_test_find (root, type, NULL, NULL);
}

static inline gboolean
mb_test_match_nth (GtkWidget     *widget,
                   gconstpointer  data)
{
  guint *left = (guint *) data;

  return (*left)-- == 0;
}

/* The @nth (from 0) widget of @type below @root, depth first in order. */
static inline GtkWidget *
mb_test_find_nth (GtkWidget *root,
                  GType      type,
                  guint      nth)
{
  return mb_test_find (root, type, mb_test_match_nth, &nth);
}

static inline gboolean
mb_test_match_name (GtkWidget     *widget,
                    gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

/* The widget named @name (gtk_widget_set_name, or the .ui's name). */
static inline GtkWidget *
mb_test_find_named (GtkWidget  *root,
                    const char *name)
{
  return mb_test_find (root, GTK_TYPE_WIDGET, mb_test_match_name, name);
}

static inline gboolean
mb_test_match_mapped (GtkWidget     *widget,
                      gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

/* The first mapped widget of @type: what the user sees of it. */
static inline GtkWidget *
mb_test_find_mapped (GtkWidget *root,
                     GType      type)
{
  return mb_test_find (root, type, mb_test_match_mapped, NULL);
}

static inline GtkWidget *
mb_test_wait_for_mapped (GtkWidget *root,
                         GType      type)
{
  GtkWidget *found = NULL;

  mb_test_wait_until ((found = mb_test_find_mapped (root, type)) != NULL);
  return found;
}

static inline gboolean
mb_test_match_label (GtkWidget     *widget,
                     gconstpointer  data)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static inline gboolean
mb_test_match_label_prefix (GtkWidget     *widget,
                            gconstpointer  data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* The label that says @text. */
static inline GtkLabel *
mb_test_find_label (GtkWidget  *root,
                    const char *text)
{
  return (GtkLabel *) mb_test_find (root, GTK_TYPE_LABEL, mb_test_match_label, text);
}

/* The label whose text begins with @prefix. */
static inline GtkLabel *
mb_test_find_label_prefix (GtkWidget  *root,
                           const char *prefix)
{
  return (GtkLabel *) mb_test_find (root, GTK_TYPE_LABEL, mb_test_match_label_prefix, prefix);
}

static inline gboolean
mb_test_match_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The button labelled @label, mnemonic and all ("_Take Revision…"). */
static inline GtkWidget *
mb_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return mb_test_find (root, GTK_TYPE_BUTTON, mb_test_match_button, label);
}

/* Runs the main loop until @widget has been drawn, and what that queued. */
static inline void
mb_test_wait_for_draw (GtkWidget *widget)
{
  mb_test_settle ();
  gtk_test_widget_wait_for_draw (widget);
  mb_test_settle ();
}

#endif /* __GTK_H__ */

#if defined (ADW_TYPE_MESSAGE_DIALOG) && !defined (MB_TEST_UTIL_ADW)
#define MB_TEST_UTIL_ADW

/* The open (visible) message dialog, if any. */
static inline AdwMessageDialog *
mb_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static inline AdwMessageDialog *
mb_test_wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  mb_test_wait_until ((dialog = mb_test_find_dialog ()) != NULL);
  return dialog;
}

static inline gboolean
mb_test_match_row (GtkWidget     *widget,
                   gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The row (action, entry, combo…) titled @title. */
static inline GtkWidget *
mb_test_find_row (GtkWidget  *root,
                  const char *title)
{
  return mb_test_find (root, ADW_TYPE_PREFERENCES_ROW, mb_test_match_row, title);
}

#endif /* ADW_TYPE_MESSAGE_DIALOG */

#if defined (MB_TYPE_CANVAS) && !defined (MB_TEST_UTIL_CANVAS)
#define MB_TEST_UTIL_CANVAS

/* Until @canvas has a laid-out scene and nothing pending, then what the
 * scene queued (its allocation, its first frame). */
static inline void
mb_test_wait_for_canvas (MbCanvas *canvas)
{
  mb_test_wait_until (mb_canvas_get_scene (canvas) != NULL && !mb_canvas_is_busy (canvas));
  mb_test_spin ();
}

#endif /* MB_TYPE_CANVAS */

#if defined (MB_TYPE_WINDOW) && !defined (MB_TEST_UTIL_WINDOW)
#define MB_TEST_UTIL_WINDOW

/* @app's window, drawn, on a new, empty library of its own (its path in
 * @library_path, for mb_test_close_window()), or on none if @library_path
 * is NULL (the suite opens its own); @width × @height unless 0. */
static inline MbWindow *
mb_test_open_window (gpointer   app,
                     int        width,
                     int        height,
                     char     **library_path)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (MB_IS_WINDOW (window));
  if (width > 0 && height > 0)
    gtk_window_set_default_size (window, width, height);
  if (library_path != NULL)
    {
      *library_path = mb_test_library_path ("test.malbild");
      g_assert_true (mb_window_open_library (MB_WINDOW (window), *library_path));
    }
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return MB_WINDOW (window);
}

/* Destroys @window and removes its library, if given; frees @library_path. */
static inline void
mb_test_close_window (MbWindow *window,
                      char     *library_path)
{
  gtk_window_destroy (GTK_WINDOW (window));
  mb_test_spin ();
  if (library_path != NULL)
    mb_test_remove_library (library_path);
  g_free (library_path);
}

#endif /* MB_TYPE_WINDOW */

#if defined (MB_TYPE_STORE) && !defined (MB_TEST_UTIL_STORE)
#define MB_TEST_UTIL_STORE

/* Sets the text @column of the row @id in @table, as one edit, or fails. */
static inline void
mb_test_set_text (MbStore    *store,
                  const char *table,
                  const char *id,
                  const char *column,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  g_assert_true (mb_store_set_field (store, table, id, column, &value, &error));
  g_assert_no_error (error);
}

#endif /* MB_TYPE_STORE */
