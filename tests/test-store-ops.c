/* test-store-ops.c – every typed operation of the store, its rules, its undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  sqlite3 *db;
  char    *strategy;
  char    *vision;    /* level 0 */
  char    *goal;      /* level 1 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "ops.malbild");
  f->db = mb_store_get_db (f->store);
  f->strategy = mb_store_create_strategy (f->store, "RUS 2050", "rus", &error);
  g_assert_no_error (error);
  f->vision = mb_test_level (f->store, f->strategy, 0);
  f->goal = mb_test_level (f->store, f->strategy, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* On PostgreSQL: another replica pulls all of it. */
  if (f->store != NULL)
    mb_test_assert_pulled (f->store);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->vision);
  g_free (f->goal);
}

static char *
add_node (Fixture    *f,
          const char *parent,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_create_node (f->store, f->strategy, parent,
                                   parent ? f->goal : f->vision, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return _mb_store_query_int (f->db, sql, NULL);
}

static void
test_strategy (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *id = NULL;
  g_autofree char *level = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_cmpint (count (f, "SELECT count(*) FROM levels"), ==, 6);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT name_sv FROM levels"
                                                       " WHERE position = 5", NULL)), ==, "Insats");

  id = mb_store_create_strategy (f->store, "Effektkedja", "effect-chain", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Strategy");
  mb_test_assert_undoable (f->store, before);

  g_assert_null (mb_store_create_strategy (f->store, "  ", "rus", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  /* No-break spaces pasted from a word processor are no title either. */
  g_assert_null (mb_store_create_strategy (f->store, "\u00a0\u202f\t", "rus", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (mb_store_create_strategy (f->store, "X", "no-such", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Registration numbers are unique; periods are years in order. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "RUN/515/2018");
  g_assert_true (mb_store_set_field (f->store, "strategies", f->strategy,
                                     "registration_number", &value, &error));
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "registration_number",
                                      &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "RUN/515/2018"));
  g_clear_error (&error);
  g_value_set_string (&value, "2030");
  g_assert_true (mb_store_set_field (f->store, "strategies", id, "period_to", &value, &error));
  g_value_set_string (&value, "2040");
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "period_from", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_value_set_string (&value, "1066");
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "period_from", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "1066"));
  g_assert_nonnull (strstr (error->message, "Period from"));
  g_clear_error (&error);
  g_value_set_string (&value, "approved");
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "status", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_value_set_string (&value, "soon");
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "period_from", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "title", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "no_column", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mb_store_set_field (f->store, "strategies", id, "created", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mb_store_set_field (f->store, "nowhere", id, "title", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* One field change, one undo step, with the old modified time back. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_value_set_string (&value, "Jämtlands län 2050");
  g_assert_true (mb_store_set_field (f->store, "strategies", id, "title", &value, &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Change Title");
  mb_test_assert_undoable (f->store, before);

  /* Levels are editable; a used level cannot go. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  level = mb_store_create_level (f->store, id, 1, "Milestone", "Delmål", &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT position FROM levels WHERE id = ?", "s",
                                        level), ==, 1);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(DISTINCT position) FROM levels"
                                               " WHERE strategy_id = ?", "s", id), ==, 7);
  mb_test_assert_undoable (f->store, before);
  g_free (add_node (f, NULL, "Vision"));
  g_assert_false (mb_store_delete (f->store, "levels", f->vision, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mb_store_delete (f->store, "levels", level, &error));

  /* Deleting a strategy takes its levels and nodes; undo brings them back. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete (f->store, "strategies", f->strategy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Delete “RUS 2050”");
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes"), ==, 0);
  mb_test_assert_undoable (f->store, before);
}

static void
test_node (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *other = mb_store_create_strategy (f->store, "Other", "logframe", &error);
  g_autofree char *other_level = mb_test_level (f->store, other, 0);
  g_autofree char *root = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *foreign = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  root = add_node (f, NULL, "Vision 2050");
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Node");
  mb_test_assert_undoable (f->store, before);
  a = add_node (f, root, "A");
  b = add_node (f, root, "B");
  c = add_node (f, root, "C");
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT position FROM nodes WHERE id = ?", "s", c),
                   ==, 2);

  /* Rules: the level of its own scheme, a parent of its own strategy. */
  g_assert_null (mb_store_create_node (f->store, f->strategy, NULL, other_level, "X", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME);
  g_clear_error (&error);
  foreign = mb_store_create_node (f->store, other, NULL, other_level, "Foreign", &error);
  g_assert_no_error (error);
  g_assert_null (mb_store_create_node (f->store, f->strategy, foreign, f->goal, "X", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mb_store_create_node (f->store, f->strategy, NULL, f->goal, "", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (mb_store_create_node (f->store, "nope", NULL, f->goal, "X", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, other_level);
  g_assert_false (mb_store_set_field (f->store, "nodes", a, "level_id", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME);
  g_clear_error (&error);
  g_value_set_string (&value, "done");
  g_assert_true (mb_store_set_field (f->store, "nodes", a, "status", &value, &error));
  g_value_set_string (&value, "finished");
  g_assert_false (mb_store_set_field (f->store, "nodes", a, "status", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Reorder: C first; siblings renumbered. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_move_node (f->store, c, root, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Move “C”");
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db,
                     "SELECT group_concat(title, '') FROM (SELECT title FROM nodes"
                     " WHERE parent_id = ? ORDER BY position)", "s", root)), ==, "CAB");
  mb_test_assert_undoable (f->store, before);

  /* Reparent B under A; never under itself or its own descendant. */
  g_assert_true (mb_store_move_node (f->store, b, a, -1, &error));
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT parent_id FROM nodes"
                                                       " WHERE id = ?", "s", b)), ==, a);
  g_assert_false (mb_store_move_node (f->store, a, b, -1, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_false (mb_store_move_node (f->store, a, a, -1, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_false (mb_store_move_node (f->store, a, foreign, -1, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_value_set_string (&value, b);
  g_assert_false (mb_store_set_field (f->store, "nodes", root, "parent_id", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_clear_error (&error);
  g_value_set_string (&value, "");
  g_assert_true (mb_store_set_field (f->store, "nodes", b, "parent_id", &value, &error));
  g_assert_null (mb_test_take (_mb_store_query_text (f->db, "SELECT parent_id FROM nodes"
                                                     " WHERE id = ?", "s", b)));
  g_value_set_string (&value, other);
  g_assert_false (mb_store_set_field (f->store, "nodes", b, "strategy_id", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Pin and unpin. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_pin_node (f->store, a, TRUE, 10.5, -3.25, &error));
  g_assert_cmpfloat (_mb_store_query_int (f->db, "SELECT x * 2 FROM nodes WHERE id = ?",
                                          "s", a), ==, 21);
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_pin_node (f->store, a, FALSE, 0, 0, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes WHERE x IS NOT NULL"), ==, 0);
  g_assert_false (mb_store_pin_node (f->store, a, TRUE, NAN, 0, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);

  /* Several at once: one step, worded as for one. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_pin_nodes (f->store, (const char *[]) { a, b, NULL },
                                     (double[]) { 1, 2 }, (double[]) { 3, 4 }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Place Nodes");
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes WHERE x IS NOT NULL"), ==, 2);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT y FROM nodes WHERE id = ?", "s", b),
                   ==, 4);
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_pin_nodes (f->store, (const char *[]) { a, b, NULL }, NULL, NULL,
                                     &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Unpin Nodes");
  g_assert_true (mb_store_pin_nodes (f->store, (const char *[]) { a, NULL },
                                     (double[]) { 1 }, (double[]) { 3 }, &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Place Node");
  g_assert_true (mb_store_pin_node (f->store, a, FALSE, 0, 0, &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Unpin Node");
  /* All or nothing: a node that is not there leaves the others unpinned. */
  g_assert_false (mb_store_pin_nodes (f->store, (const char *[]) { a, "nope", NULL },
                                      (double[]) { 1, 2 }, (double[]) { 3, 4 }, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes WHERE x IS NOT NULL"), ==, 0);
}

static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = mb_store_create_strategy (f->store, "Other", "rus", &error);
  g_autofree char *other_level = mb_test_level (f->store, other, 0);
  g_autofree char *a = add_node (f, NULL, "A");
  g_autofree char *b = add_node (f, NULL, "B");
  g_autofree char *c = mb_store_create_node (f->store, other, NULL, other_level, "C", &error);
  g_autofree char *ab = NULL;
  g_autofree char *bc = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_auto(GValue) value = G_VALUE_INIT;

  ab = mb_store_create_link (f->store, a, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Add Link");
  mb_test_assert_undoable (f->store, before);
  bc = mb_store_create_link (f->store, b, c, "contributes-to", &error);
  g_assert_no_error (error);

  /* C → A would close A → B → C → A, across two strategies. */
  g_assert_null (mb_store_create_link (f->store, c, a, "contributes-to", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "“C”"));
  g_clear_error (&error);
  g_assert_null (mb_store_create_link (f->store, a, a, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_null (mb_store_create_link (f->store, a, b, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (mb_store_create_link (f->store, a, b, "causes", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Goal conflicts may point back. */
  conflict = mb_store_create_link (f->store, c, a, "conflicts-with", &error);
  g_assert_no_error (error);

  /* Turning the conflict into a contribution would close the circle. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "contributes-to");
  g_assert_false (mb_store_set_field (f->store, "links", conflict, "kind", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT kind FROM links WHERE id = ?",
                                                       "s", conflict)), ==, "conflicts-with");
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 101);
  g_assert_false (mb_store_set_field (f->store, "links", ab, "confidence", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);
  g_value_set_int (&value, 80);
  g_assert_true (mb_store_set_field (f->store, "links", ab, "confidence", &value, &error));

  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete (f->store, "links", bc, &error));
  mb_test_assert_undoable (f->store, before);
}

static void
test_indicator (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *ind = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *node = NULL;

  ind = mb_store_create_indicator (f->store, f->strategy, "Invånare totalt", "kolada:N01951",
                                   &error);
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);
  g_assert_null (mb_store_create_indicator (f->store, NULL, "", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);

  /* Targets: one per year, set again = changed. */
  t1 = mb_store_set_target (f->store, ind, 2029, 132000, &error);
  g_assert_no_error (error);
  t2 = mb_store_set_target (f->store, ind, 2029, 135000, &error);
  g_assert_cmpstr (t1, ==, t2);
  g_assert_cmpint (count (f, "SELECT value FROM indicator_targets"), ==, 135000);
  g_assert_null (mb_store_set_target (f->store, ind, 1800, 1, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);

  /* Measurements: an upsert by indicator × period × territory × gender. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  m1 = mb_store_record_measurement (f->store, ind, "2023", "0023", "T", 131000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Record Value");
  mb_test_assert_undoable (f->store, before);
  m2 = mb_store_record_measurement (f->store, ind, "2023", "0023", "T", 131500, "preliminary",
                                    &error);
  g_assert_cmpstr (m1, ==, m2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements"), ==, 1);
  g_free (mb_store_record_measurement (f->store, ind, "2023", "0023", "K", NAN, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements WHERE value IS NULL"), ==, 1);
  g_assert_null (mb_store_record_measurement (f->store, ind, "last year", NULL, NULL, 1, NULL,
                                              &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mb_store_record_measurement (f->store, ind, "2023", "23", NULL, 1, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mb_store_record_measurement (f->store, ind, "2023", NULL, "X", 1, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Attach and detach. */
  node = add_node (f, NULL, "Goal");
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, ind, &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Attach Indicator");
  mb_test_assert_undoable (f->store, before);
  g_assert_false (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, ind, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (mb_store_unrelate (f->store, MB_RELATION_NODE_INDICATOR, node, ind, &error));
  g_assert_false (mb_store_unrelate (f->store, MB_RELATION_NODE_INDICATOR, node, ind, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, "nope", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting the indicator takes its targets and values along; undo restores. */
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, ind, &error));
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete (f->store, "indicators", ind, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements"), ==, 0);
  mb_test_assert_undoable (f->store, before);
}

static void
set_status (Fixture    *f,
            const char *strategy,
            const char *status)
{
  g_autoptr(GError) error = NULL;
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, status);
  g_assert_true (mb_store_set_field (f->store, "strategies", strategy, "status", &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
}

/* Issue 16: an adopted strategy's targets change only with a reason, and
 * keep their earlier values; a draft's need none and keep none. */
static void
test_target_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *before = NULL;
  g_autofree char *ind = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *other = NULL;
  g_autofree char *node = NULL;
  g_autofree char *t2029 = NULL;
  g_autofree char *t2035 = NULL;
  g_autofree char *again = NULL;
  MbTargetChange *change;
  GValue v = G_VALUE_INIT;

  ind = mb_store_create_indicator (f->store, f->strategy, "Invånare totalt", NULL, &error);
  g_assert_no_error (error);
  t2029 = mb_store_set_target (f->store, ind, 2029, 132000, &error);
  g_assert_no_error (error);

  /* A draft: no reason needed, no history kept, even when one is given. */
  g_assert_false (mb_store_target_needs_reason (f->store, ind));
  g_free (mb_store_set_target (f->store, ind, 2029, 133000, &error));
  g_assert_no_error (error);
  g_free (mb_store_set_target_with_reason (f->store, ind, 2029, 134000, "Tried", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM target_history"), ==, 0);

  set_status (f, f->strategy, "adopted");
  g_assert_true (mb_store_target_needs_reason (f->store, ind));

  /* Without a reason (or a blank one) every way of changing it is refused. */
  before = mb_test_dump (f->store);
  g_assert_null (mb_store_set_target (f->store, ind, 2029, 135000, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  g_assert_null (mb_store_set_target_with_reason (f->store, ind, 2029, 135000, " \t", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (mb_store_delete (f->store, "indicator_targets", t2029, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (mb_store_remove_target (f->store, t2029, "", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 1);
  g_assert_false (mb_store_set_field (f->store, "indicator_targets", t2029, "value", &v, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_value_unset (&v);
  /* Nor can the history itself be edited or deleted. */
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);
  /* The same value again changes nothing and needs nothing. */
  again = mb_store_set_target (f->store, ind, 2029, 134000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, t2029);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  /* With a reason: the value changes, the earlier one is kept, one step. */
  g_free (mb_store_set_target_with_reason (f->store, ind, 2029, 140000,
                                           "  Revised after the mid-term review ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Set Target");
  g_assert_cmpint (count (f, "SELECT value FROM indicator_targets"), ==, 140000);
  history = mb_store_query_target_history (f->store, ind, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  change = history->pdata[0];
  g_assert_cmpint (change->year, ==, 2029);
  g_assert_cmpfloat (change->value, ==, 134000);
  g_assert_cmpstr (change->reason, ==, "Revised after the mid-term review");
  g_assert_false (change->removed);
  g_assert_true (g_regex_match_simple ("^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T", change->changed,
                                       0, 0));
  mb_test_assert_undoable (f->store, before);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* The history rows are not entities of their own. */
  {
    g_autofree char *hid = _mb_store_query_text (f->db, "SELECT id FROM target_history",
                                                  NULL);

    g_assert_false (mb_store_delete (f->store, "target_history", hid, &error));
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "Other");
    g_assert_false (mb_store_set_field (f->store, "target_history", hid, "reason", &v, &error));
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_value_unset (&v);
  }

  /* Adding a year to an adopted plan is a change too: no earlier value. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  t2035 = mb_store_set_target_with_reason (f->store, ind, 2035, 150000, "New interim target",
                                           &error);
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);

  /* Removal with a reason: one step, the value kept as removed. */
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_remove_target (f->store, t2029, "Replaced by the 2035 target",
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Remove Target 2029");
  g_assert_cmpint (count (f, "SELECT count(*) FROM indicator_targets"), ==, 1);
  mb_test_assert_undoable (f->store, before);

  /* Newest first: removal, addition, change. */
  history = mb_store_query_target_history (f->store, ind, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  change = history->pdata[0];
  g_assert_true (change->removed);
  g_assert_cmpfloat (change->value, ==, 140000);
  g_assert_cmpstr (change->reason, ==, "Replaced by the 2035 target");
  change = history->pdata[1];
  g_assert_cmpint (change->year, ==, 2035);
  g_assert_true (isnan (change->value));
  g_assert_false (change->removed);
  change = history->pdata[2];
  g_assert_cmpfloat (change->value, ==, 134000);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Adopted through a goal it measures: an indicator of no strategy, or of
   * a draft, attached to a goal of an adopted one. */
  other = mb_store_create_strategy (f->store, "Draft", "rus", &error);
  g_assert_no_error (error);
  shared = mb_store_create_indicator (f->store, other, "Shared", NULL, &error);
  g_assert_no_error (error);
  g_free (mb_store_set_target (f->store, shared, 2030, 10, &error));
  g_assert_no_error (error);
  node = add_node (f, NULL, "Goal");
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, shared, &error));
  g_assert_no_error (error);
  g_assert_true (mb_store_target_needs_reason (f->store, shared));
  g_assert_null (mb_store_set_target (f->store, shared, 2030, 11, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);

  /* Back to draft: free again, and the history stays. */
  set_status (f, f->strategy, "draft");
  g_assert_false (mb_store_target_needs_reason (f->store, ind));
  g_assert_true (mb_store_delete (f->store, "indicator_targets", t2035, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM target_history"), ==, 3);

  /* The history goes with its indicator. */
  g_assert_true (mb_store_delete (f->store, "indicators", ind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM target_history"), ==, 0);
  mb_test_assert_sound (f->store);
}

/* A library of the version before the history gains it on opening, its
 * targets intact. */
static void
test_target_history_migration (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v6.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *target = NULL;

  if (mb_test_skip_unless_file ("migrating a library file of an old schema"))
    return;

  mb_test_make_old_library (path, 6,
    "INSERT INTO strategies (id, title, status, created, modified) VALUES"
    " ('s', 'S', 'adopted', 'x', 'x');"
    "INSERT INTO indicators (id, strategy_id, title, created, modified) VALUES"
    " ('i', 's', 'I', 'x', 'x');"
    "INSERT INTO indicator_targets (id, indicator_id, year, value, created, modified) VALUES"
    " ('t', 'i', 2030, 80, 'x', 'x');");
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store), "PRAGMA user_version", NULL),
                   ==, MB_STORE_SCHEMA_VERSION);
  g_assert_true (mb_store_remove_target (store, "t", "Withdrawn", &error));
  g_assert_no_error (error);
  history = mb_store_query_target_history (store, "i", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpfloat (((MbTargetChange *) history->pdata[0])->value, ==, 80);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM target_history", NULL), ==, 0);
  target = _mb_store_query_text (mb_store_get_db (store), "SELECT id FROM indicator_targets",
                                 NULL);
  g_assert_cmpstr (target, ==, "t");
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

static void
test_project (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *node = add_node (f, NULL, "Goal");
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *p = NULL;
  g_autofree char *call = NULL;
  g_autofree char *org = NULL;
  g_autofree char *ind = NULL;
  g_autofree char *fund = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  p = mb_store_create_project (f->store, "Skogslyftet", "20201234", &error);
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);
  g_assert_null (mb_store_create_project (f->store, "Other", "20201234", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Skogslyftet"));
  g_clear_error (&error);
  g_free (mb_store_create_project (f->store, "No number 1", "", &error));
  g_free (mb_store_create_project (f->store, "No number 2", NULL, &error));
  g_assert_no_error (error);

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, -5);
  g_assert_false (mb_store_set_field (f->store, "projects", p, "total_budget", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);

  fund = mb_store_set_project_funding (f->store, p, "ERDF", 1e6, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (mb_store_set_project_funding (f->store, p, "ERDF", 2e6, &error)),
                   ==, fund);
  g_assert_null (mb_store_set_project_funding (f->store, p, "Anslag 1:1", -1, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);

  call = mb_store_create_call (f->store, "Circular economy 2024", &error);
  org = mb_store_create_organisation (f->store, "Mittuniversitetet", "academia", &error);
  g_assert_no_error (error);
  g_assert_null (mb_store_create_organisation (f->store, "X", "church", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 140);
  g_assert_false (mb_store_set_field (f->store, "funding_calls", call, "max_support_rate", &value,
                                      &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_RANGE);
  g_clear_error (&error);

  ind = mb_store_create_indicator (f->store, NULL, "RCO 01", "erdf:RCO 01", &error);
  g_free (mb_store_add_project_indicator_value (f->store, p, ind, "planned", 2025, 12, &error));
  g_assert_no_error (error);
  g_assert_null (mb_store_add_project_indicator_value (f->store, p, ind, "guessed", 0, 1, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, p, node, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_CALL_NODE, call, node, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_CALL, p, call, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_PARTNER, p, org, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, node, "sdg:7", &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, node, "2380", &error));
  g_assert_no_error (error);
  g_assert_false (mb_store_relate (f->store, MB_RELATION_NODE_TAG, node, "seven", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, node, "Östersund",
                                   &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  for (int i = 0; i < 6; i++)
    g_assert_true (mb_store_undo (f->store, &error));
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);

  g_assert_true (mb_store_delete (f->store, "projects", p, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM project_funding"), ==, 0);
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM project_funding"), ==, 1);
}

static void
test_delete_node (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = add_node (f, NULL, "Root");
  g_autofree char *a = add_node (f, root, "A");
  g_autofree char *b = add_node (f, a, "B");
  g_autofree char *other = add_node (f, NULL, "Other");
  g_autofree char *ind = mb_store_create_indicator (f->store, NULL, "I", NULL, &error);
  g_autofree char *p = mb_store_create_project (f->store, "P", NULL, &error);
  g_autofree char *before = NULL;
  MbNodeDeletion info = { 0 };

  g_free (mb_store_create_link (f->store, b, other, NULL, &error));
  g_free (mb_store_create_link (f->store, other, a, "depends-on", &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, b, ind, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, p, a, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, root, "sdg:8", &error));
  g_assert_no_error (error);

  g_assert_true (mb_store_describe_node_deletion (f->store, root, &info, &error));
  g_assert_cmpuint (info.n_descendants, ==, 2);
  g_assert_cmpuint (info.n_links, ==, 2);
  g_assert_cmpuint (info.n_attachments, ==, 3);

  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete (f->store, "nodes", root, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM links"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM node_indicators"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM project_nodes"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM node_tags"), ==, 0);
  mb_test_assert_undoable (f->store, before);
  g_assert_cmpint (_mb_store_query_int (f->db, "PRAGMA foreign_key_check", NULL), ==, 0);

  g_assert_false (mb_store_describe_node_deletion (f->store, "nope", &info, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

/* Several nodes at once, one of them below another: one step, each thing
 * counted once, all or nothing. */
static void
test_delete_nodes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = add_node (f, NULL, "Root");
  g_autofree char *a = add_node (f, root, "A");
  g_autofree char *b = add_node (f, a, "B");
  g_autofree char *other = add_node (f, NULL, "Other");
  g_autofree char *kept = add_node (f, NULL, "Kept");
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  const char *ids[] = { b, root, other, NULL };
  MbNodeDeletion info = { 0 };

  g_free (mb_store_create_link (f->store, b, other, NULL, &error));
  g_free (mb_store_create_link (f->store, kept, a, "depends-on", &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, b, "sdg:8", &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, kept, "sdg:9", &error));
  g_assert_no_error (error);

  /* A below Root; B is one of them; the B–Other link counts once. */
  g_assert_true (mb_store_describe_nodes_deletion (f->store, ids, &info, &error));
  g_assert_cmpuint (info.n_descendants, ==, 1);
  g_assert_cmpuint (info.n_links, ==, 2);
  g_assert_cmpuint (info.n_attachments, ==, 1);

  before = mb_test_dump (f->store);
  g_assert_false (mb_store_delete_nodes (f->store, (const char *[]) { root, "nope", NULL },
                                         &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  now = mb_test_dump (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  g_assert_true (mb_store_delete_nodes (f->store, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Delete 3 Nodes");
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM links"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM node_tags"), ==, 1);
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_undo (f->store, &error));
  now = mb_test_dump (f->store);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_cmpint (_mb_store_query_int (f->db, "PRAGMA foreign_key_check", NULL), ==, 0);

  /* One node is an ordinary deletion, named by its title. */
  g_assert_true (mb_store_delete_nodes (f->store, (const char *[]) { kept, kept, NULL },
                                        &error));
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Delete “Kept”");
  g_assert_cmpint (count (f, "SELECT count(*) FROM nodes"), ==, 4);
}

static void
test_paste (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = mb_store_create_strategy (f->store, "Copy", "rus", &error);
  g_autofree char *small = mb_store_create_strategy (f->store, "Small", NULL, &error);
  g_autofree char *root = add_node (f, NULL, "Root");
  g_autofree char *a = add_node (f, root, "A");
  g_autofree char *b = add_node (f, root, "B");
  g_autofree char *outside = add_node (f, NULL, "Outside");
  g_auto(GStrv) new_ids = NULL;
  g_autofree char *before = NULL;
  const char *ids[] = { a, root, b, NULL };

  g_free (mb_store_create_link (f->store, a, b, NULL, &error));
  g_free (mb_store_create_link (f->store, a, outside, NULL, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, a, "sdg:4", &error));

  before = mb_test_dump (f->store);
  g_assert_true (mb_store_paste_nodes (f->store, target, NULL, ids, &new_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (new_ids), ==, 3);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Paste");
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM nodes WHERE strategy_id = ?",
                                        "s", target), ==, 3);
  /* A stays under the copy of Root; only the link among the copied nodes. */
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (f->db, "SELECT parent_id FROM nodes"
                                                       " WHERE id = ?", "s", new_ids[0])),
                   ==, new_ids[1]);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM links WHERE from_node_id = ?",
                                        "s", new_ids[0]), ==, 1);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM node_tags WHERE node_id = ?",
                                        "s", new_ids[0]), ==, 1);
  g_assert_cmpint (_mb_store_query_int (f->db, "SELECT count(*) FROM levels l JOIN nodes n"
                                               " ON n.level_id = l.id WHERE n.strategy_id = ?"
                                               " AND l.strategy_id = ?", "ss", target, target),
                   ==, 3);
  mb_test_assert_undoable (f->store, before);

  /* A strategy without levels cannot take them. */
  g_assert_false (mb_store_paste_nodes (f->store, small, NULL, ids, NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_LEVEL_NOT_IN_SCHEME);
}

/* A value from another program or file through the store's own calls: each
 * refused, with the field named and the value quoted short, the library as
 * it was. */
static void
assert_refused_value (Fixture    *f,
                      GError     *error,
                      const char *field,
                      const char *before)
{
  g_autofree char *after = mb_test_dump (f->store);

  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_cmpstr (after, ==, before);
}

static void
test_hostile_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ind = mb_store_create_indicator (f->store, f->strategy, "Invånare", NULL,
                                                    &error);
  g_autofree char *node = add_node (f, NULL, "Goal");
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, '7');
  g_autofree char *before = mb_test_dump (f->store);
  const char *periods[] = { "2023garbage", "2023-13", "2023-Q5", "20230", "1899", "" };
  const char *territories[] = { "hello", "", "9999", "2300", "0099", "23", huge };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_test_message ("period “%s”", periods[i]);
      g_assert_null (mb_store_record_measurement (f->store, ind, periods[i], NULL, NULL, 1, NULL,
                                                  &error));
      if (*periods[i] == '\0')
        g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
      else
        assert_refused_value (f, error, "Period: ", before);
      g_clear_error (&error);
    }
  g_assert_null (mb_store_record_measurement (f->store, ind, huge, NULL, NULL, 1, NULL, &error));
  assert_refused_value (f, error, "Period: ", before);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (territories); i++)
    {
      g_assert_null (mb_store_record_measurement (f->store, ind, "2023", territories[i], NULL, 1,
                                                  NULL, &error));
      assert_refused_value (f, error, "Territory: ", before);
      g_clear_error (&error);
    }
  /* What is a place: Sweden, a region, a municipality. */
  for (guint i = 0; i < 3; i++)
    g_free (mb_store_record_measurement (f->store, ind, "2023-Q2",
                                         (const char *[]) { "0000", "0023", "2380" }[i],
                                         NULL, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM measurements"), ==, 3);
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);

  /* A node's territory: a Swedish one, not any four digits. */
  g_assert_false (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, node, "9999", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“9999”"));
  g_clear_error (&error);
  g_assert_false (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, node, huge, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_clear_error (&error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, node, "2380", &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = mb_test_dump (f->store);

  /* Titles that only look filled: a tab, a no-break space. */
  for (guint i = 0; i < 3; i++)
    {
      const char *blank = (const char *[]) { "\t", "\u00a0", " \u202f\t" }[i];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, blank);

      g_assert_null (mb_store_create_node (f->store, f->strategy, NULL, f->vision, blank, &error));
      g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
      g_clear_error (&error);
      g_assert_null (mb_store_create_strategy (f->store, blank, "rus", &error));
      g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
      g_clear_error (&error);
      g_assert_false (mb_store_set_field (f->store, "nodes", node, "title", &value, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  /* The store keeps its own times: "modified" is not a field to set. */
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autofree char *after = NULL;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "9999-01-01T00:00:00Z");
    g_assert_false (mb_store_set_field (f->store, "nodes", node, "modified", &value, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    after = mb_test_dump (f->store);
    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/ops/strategy", test_strategy);
  ADD ("/store/ops/node", test_node);
  ADD ("/store/ops/link", test_link);
  ADD ("/store/ops/indicator", test_indicator);
  ADD ("/store/ops/project", test_project);
  ADD ("/store/ops/delete-node", test_delete_node);
  ADD ("/store/ops/delete-nodes", test_delete_nodes);
  ADD ("/store/ops/paste", test_paste);
  ADD ("/store/ops/target-history", test_target_history);
  g_test_add_func ("/store/ops/target-history-migration", test_target_history_migration);
  ADD ("/store/ops/hostile-values", test_hostile_values);
#undef ADD

  return g_test_run ();
}
