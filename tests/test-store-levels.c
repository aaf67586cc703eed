/* test-store-levels.c – editing a strategy's own levels: each one undo step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-scheme.h"
#include "mb-store-levels.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  sqlite3 *db;
  char    *strategy;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "levels.malbild");
  f->db = mb_store_get_db (f->store);
  f->strategy = mb_store_create_strategy (f->store, "RUS 2050", "rus", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
}

/* The strategy's level names in order, joined by "|". */
static char *
names (Fixture *f)
{
  return _mb_store_query_text (f->db, "SELECT group_concat(name, '|') FROM"
                                      " (SELECT name FROM levels WHERE strategy_id = ?"
                                      "  ORDER BY position)", "s", f->strategy);
}

static char *
level (Fixture *f,
       int      position)
{
  return mb_test_level (f->store, f->strategy, position);
}

static char *
add_node (Fixture    *f,
          const char *level_id,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_node (f->store, f->strategy, NULL, level_id, title, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *priority = level (f, 2);
  g_autofree char *vision = level (f, 0);

  g_assert_true (mb_store_rename_level (f->store, priority, "  Prioritering  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (names (f)), ==,
                   "Vision|Long-term goal|Prioritering|Strength area|Action area|Intervention");
  /* A renamed level has only its own name: no built-in Swedish behind it. */
  g_assert_null (mb_test_take (_mb_store_query_text (f->db, "SELECT name_sv FROM levels"
                                                            " WHERE id = ?", "s", priority)));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Rename Level");
  mb_test_assert_undoable (f->store, before);

  /* Blank and taken names are refused, and leave no step. */
  g_assert_false (mb_store_rename_level (f->store, priority, " ", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (mb_store_rename_level (f->store, priority, "vision", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (mb_store_rename_level (f->store, "no-such-level", "X", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Rename Level");

  /* Renaming a level to its own name is allowed. */
  g_assert_true (mb_store_rename_level (f->store, vision, "Målbild 2050", &error));
  g_assert_true (mb_store_rename_level (f->store, vision, "målbild 2050", &error));
  g_assert_no_error (error);
}

static void
test_display_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *priority = level (f, 2);

  /* Built-in and untouched: the scheme's names. */
  g_assert_true (mb_scheme_level_is_builtin ("Priority", "Prioritering"));
  g_assert_cmpstr (mb_scheme_level_display_name ("Priority", "Prioritering"), ==, "Priority");
  g_assert_false (mb_scheme_level_is_builtin ("Priority", NULL));
  g_assert_false (mb_scheme_level_is_builtin ("Hållbart och attraktivt", NULL));
  g_assert_cmpstr (mb_scheme_level_display_name ("Priority", NULL), ==, "Priority");
  g_assert_cmpstr (mb_scheme_level_display_name ("Inriktning", NULL), ==, "Inriktning");

  g_assert_true (mb_store_rename_level (f->store, priority, "Inriktning", &error));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT mb_level_name(name,"
                                                              " name_sv) FROM levels"
                                                              " WHERE id = ?", "s", priority)),
                   ==, "Inriktning");
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *intervention = level (f, 5);
  g_autofree char *vision = level (f, 0);

  g_assert_true (mb_store_move_level (f->store, intervention, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (names (f)), ==,
                   "Vision|Intervention|Long-term goal|Priority|Strength area|Action area");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Move Level");
  mb_test_assert_undoable (f->store, before);

  /* To the end (-1 or beyond), and positions stay 0 … n-1. */
  g_assert_true (mb_store_move_level (f->store, vision, -1, &error));
  g_assert_true (mb_store_move_level (f->store, vision, 99, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (names (f)), ==,
                   "Intervention|Long-term goal|Priority|Strength area|Action area|Vision");
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT sum(position) FROM levels"
                                               " WHERE strategy_id = ?", "s", f->strategy),
                   ==, 0 + 1 + 2 + 3 + 4 + 5);
  g_assert_false (mb_store_move_level (f->store, "no-such-level", 0, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *id = mb_store_create_level (f->store, f->strategy, 1, "Övergripande mål",
                                               NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpstr (mb_test_take (names (f)), ==, "Vision|Övergripande mål|Long-term goal|"
                   "Priority|Strength area|Action area|Intervention");
  mb_test_assert_undoable (f->store, before);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *strength = level (f, 3);
  g_autofree char *priority = level (f, 2);
  g_autofree char *action = level (f, 4);
  g_autofree char *a = add_node (f, priority, "A");
  g_autofree char *b = add_node (f, priority, "B");
  g_autofree char *c = add_node (f, priority, "C");

  /* An empty level goes at once. */
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_remove_level (f->store, strength, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (names (f)), ==,
                   "Vision|Long-term goal|Priority|Action area|Intervention");
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT max(position) FROM levels"
                                               " WHERE strategy_id = ?", "s", f->strategy),
                   ==, 4);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Remove Level");
  mb_test_assert_undoable (f->store, before);

  /* One with nodes is refused with how many and where. */
  g_assert_cmpint (mb_store_count_level_nodes (f->store, priority, NULL), ==, 3);
  g_free (before);
  before = mb_test_dump (f->store);
  g_assert_false (mb_store_remove_level (f->store, priority, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The level “Priority” of “RUS 2050” holds 3 nodes; move them to another "
                   "level first");
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  /* Not to itself, nor to another strategy's level. */
  {
    g_autofree char *other = mb_store_create_strategy (f->store, "Other", "rus", &error);
    g_autofree char *foreign = mb_test_level (f->store, other, 2);

    g_free (before);
    before = mb_test_dump (f->store);
    g_assert_false (mb_store_remove_level (f->store, priority, priority, &error));
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME);
    g_clear_error (&error);
    g_assert_false (mb_store_remove_level (f->store, priority, foreign, &error));
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME);
    g_clear_error (&error);
    g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);
  }

  /* Moving its nodes to another level, in one step. */
  g_assert_true (mb_store_remove_level (f->store, priority, action, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM nodes WHERE level_id = ?",
                                        "s", action), ==, 3);
  g_assert_cmpstr (mb_test_take (names (f)), ==,
                   "Vision|Long-term goal|Action area|Intervention");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Remove Level");
  mb_test_assert_undoable (f->store, before);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "PRAGMA foreign_key_check", NULL)),
                   ==, NULL);
}

static void
test_one_node_message (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vision = level (f, 0);
  g_autofree char *node = add_node (f, vision, "2050");
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "RUS del 1");
  g_assert_true (mb_store_set_field (f->store, "strategies", f->strategy, "short_name", &value,
                                     &error));
  g_assert_false (mb_store_remove_level (f->store, vision, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "The level “Vision” of “RUS del 1” holds 1 node; move it to another level "
                   "first");
}

static void
test_create_like (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *priority = level (f, 2);
  g_autofree char *before = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *copied = NULL;

  g_assert_true (mb_store_rename_level (f->store, priority, "Prioritering", &error));
  before = mb_test_dump (f->store);
  copy = mb_store_create_strategy_like (f->store, "Handlingsplan", f->strategy,
                                        "left-right", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Strategy");
  copied = _mb_store_query_text (f->db, "SELECT group_concat(name || '/' ||"
                                        " coalesce(name_sv, '-'), '|') FROM (SELECT * FROM"
                                        " levels WHERE strategy_id = ? ORDER BY position)",
                                 "s", copy);
  g_assert_cmpstr (copied, ==, "Vision/Vision|Long-term goal/Långsiktigt mål|Prioritering/-|"
                   "Strength area/Styrkeområde|Action area/Insatsområde|Intervention/Insats");
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT scheme FROM strategies"
                                                             " WHERE id = ?", "s", copy)),
                   ==, "rus");
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT layout_direction FROM"
                                                             " strategies WHERE id = ?", "s",
                                                       copy)), ==, "left-right");
  mb_test_assert_undoable (f->store, before);

  /* An empty scheme to fill in. */
  empty = mb_store_create_strategy (f->store, "Egen", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM levels WHERE"
                                               " strategy_id = ?", "s", empty), ==, 0);

  g_assert_null (mb_store_create_strategy_like (f->store, "X", "no-such-strategy", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mb_store_create_strategy_like (f->store, " ", f->strategy, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/levels/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rename", test_rename);
  ADD ("display-name", test_display_name);
  ADD ("move", test_move);
  ADD ("add", test_add);
  ADD ("remove", test_remove);
  ADD ("remove-one-node", test_one_node_message);
  ADD ("create-like", test_create_like);
#undef ADD

  return g_test_run ();
}
