/* test-store-model.c – live list models and change notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-core.h"
#include "test-store-util.h"

typedef struct
{
  guint n_signals;
  guint position, removed, added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *ic)
{
  ic->n_signals++;
  ic->position = position;
  ic->removed = removed;
  ic->added = added;
}

static void
assert_items_changed (ItemsChanged *ic,
                      guint         position,
                      guint         removed,
                      guint         added)
{
  g_assert_cmpuint (ic->n_signals, ==, 1);
  g_assert_cmpuint (ic->position, ==, position);
  g_assert_cmpuint (ic->removed, ==, removed);
  g_assert_cmpuint (ic->added, ==, added);
  *ic = (ItemsChanged) { 0 };
}

static char *
model_titles (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MbRecord) r = g_list_model_get_item (model, i);
      g_string_append_printf (s, "%s%u:%s", i ? " " : "", mb_record_get_depth (r),
                              mb_record_get_title (r));
    }
  return g_string_free (s, FALSE);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_model_lists (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "m.malbild");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) strategies = mb_store_list_strategies (store);
  g_autoptr(GListModel) nodes = NULL;
  g_autoptr(GListModel) levels = NULL;
  g_autoptr(GListModel) projects = mb_store_list_projects (store);
  ItemsChanged ic = { 0 }, pc = { 0 }, nc = { 0 };
  g_autofree char *s = NULL;
  g_autofree char *level = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *a1 = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  g_assert_true (g_list_model_get_item_type (strategies) == MB_TYPE_RECORD);
  g_signal_connect (strategies, "items-changed", G_CALLBACK (items_changed_cb), &ic);
  g_signal_connect (projects, "items-changed", G_CALLBACK (items_changed_cb), &pc);

  s = mb_store_create_strategy (store, "RUS", "rus", &error);
  assert_items_changed (&ic, 0, 0, 1);
  g_assert_cmpuint (pc.n_signals, ==, 0);  /* not its table */

  levels = mb_store_list_levels (store, s);
  g_assert_cmpuint (g_list_model_get_n_items (levels), ==, 6);
  nodes = mb_store_list_nodes (store, s);
  g_signal_connect (nodes, "items-changed", G_CALLBACK (items_changed_cb), &nc);
  level = mb_test_level (store, s, 0);
  a = mb_store_create_node (store, s, NULL, level, "A", &error);
  b = mb_store_create_node (store, s, NULL, level, "B", &error);
  a1 = mb_store_create_node (store, s, a, level, "A1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (model_titles (nodes)), ==, "0:A 1:A1 0:B");
  nc = (ItemsChanged) { 0 };

  /* A rename touches one row. */
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "B renamed");
  g_assert_true (mb_store_set_field (store, "nodes", b, "title", &v, &error));
  assert_items_changed (&nc, 2, 1, 1);

  /* Deleting A takes A1 along; undo brings both back. */
  g_assert_true (mb_store_delete (store, "nodes", a, &error));
  assert_items_changed (&nc, 0, 2, 0);
  g_assert_cmpstr (mb_test_take (model_titles (nodes)), ==, "0:B renamed");
  g_assert_true (mb_store_undo (store, &error));
  assert_items_changed (&nc, 0, 0, 2);
  g_assert_cmpstr (mb_test_take (model_titles (nodes)), ==, "0:A 1:A1 0:B renamed");

  g_free (mb_store_create_project (store, "P", NULL, &error));
  assert_items_changed (&pc, 0, 0, 1);
  g_assert_cmpuint (nc.n_signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (strategies), ==, 1);
  g_assert_null (g_list_model_get_item (strategies, 1));
  mb_test_remove_dir (dir);
}

static void
test_model_undo_properties (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "m.malbild");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *label = NULL;
  gboolean can_undo = FALSE;

  g_signal_connect (store, "notify", G_CALLBACK (notify_cb), log);
  g_free (mb_store_create_organisation (store, "Region", NULL, &error));
  g_assert_nonnull (strstr (log->str, "undo-label;"));
  g_assert_nonnull (strstr (log->str, "can-undo;"));
  g_assert_null (strstr (log->str, "redo"));
  g_string_truncate (log, 0);
  g_free (mb_store_create_organisation (store, "Kommun", NULL, &error));
  g_assert_cmpstr (log->str, ==, "");   /* same label, still can undo */
  g_assert_true (mb_store_undo (store, &error));
  g_assert_nonnull (strstr (log->str, "redo-label;"));
  g_assert_nonnull (strstr (log->str, "can-redo;"));
  g_assert_null (strstr (log->str, "can-undo;"));
  g_object_get (store, "can-undo", &can_undo, "redo-label", &label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (label, ==, "Add Organisation");
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/model/lists", test_model_lists);
  g_test_add_func ("/store/model/undo-properties", test_model_undo_properties);

  return g_test_run ();
}
