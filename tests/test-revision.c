/* test-revision.c – revisions of a strategy, and comparing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "mb-revision.h"
#include "mb-store-review.h"
#include "test-store-util.h"

typedef struct
{
  char    *dir;
  MbStore *store;
  char    *strategy;
  char    *vision;
  char    *goal_a;
  char    *goal_b;
  char    *sub_a;
  char    *link;
  char    *indicator;
  char    *project;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *l0 = NULL, *l1 = NULL, *l2 = NULL;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "lib.malbild");
  f->strategy = mb_store_create_strategy (f->store, "RUS 2030", "rus", &error);
  g_assert_no_error (error);
  l0 = mb_test_level (f->store, f->strategy, 0);
  l1 = mb_test_level (f->store, f->strategy, 1);
  l2 = mb_test_level (f->store, f->strategy, 2);
  f->vision = mb_store_create_node (f->store, f->strategy, NULL, l0, "Vision", &error);
  f->goal_a = mb_store_create_node (f->store, f->strategy, f->vision, l1, "Goal A", &error);
  f->goal_b = mb_store_create_node (f->store, f->strategy, f->vision, l1, "Goal B", &error);
  f->sub_a = mb_store_create_node (f->store, f->strategy, f->goal_a, l2, "Sub A", &error);
  g_assert_no_error (error);
  f->link = mb_store_create_link (f->store, f->sub_a, f->goal_b, "contributes-to", &error);
  f->indicator = mb_store_create_indicator (f->store, f->strategy, "Employment", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, f->goal_a, f->indicator,
                                  &error));
  g_free (mb_store_set_target (f->store, f->indicator, 2030, 80, &error));
  f->project = mb_store_create_project (f->store, "Project P", NULL, &error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_PROJECT_NODE, f->project, f->sub_a,
                                  &error));
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
  g_free (f->vision);
  g_free (f->goal_a);
  g_free (f->goal_b);
  g_free (f->sub_a);
  g_free (f->link);
  g_free (f->indicator);
  g_free (f->project);
}

static GPtrArray *
compare (Fixture    *f,
         const char *from,
         const char *to)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = mb_store_compare_revisions (f->store, f->strategy, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return changes;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "entity change id" per change, sorted, one line each, with the fields. */
static char *
describe (GPtrArray *changes)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      MbChange *c = g_ptr_array_index (changes, i);
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "%s %s %s", c->entity, mb_change_kind_to_string (c->kind),
                              c->title);
      for (guint j = 0; c->fields != NULL && j < c->fields->len; j++)
        {
          MbFieldChange *field = &g_array_index (c->fields, MbFieldChange, j);

          g_string_append_printf (line, " %s=%s>%s", field->name,
                                  field->old_value ? field->old_value : "-",
                                  field->new_value ? field->new_value : "-");
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
take (Fixture    *f,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  char *id = mb_store_take_revision (f->store, f->strategy, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* A revision of an unchanged strategy compares equal with now; it is one
 * undo step and one notification. */
static void
test_revision_take (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MbRevision) found = NULL;
  g_autofree char *before = mb_test_dump (f->store);
  g_autofree char *id = NULL;
  MbTestChanges seen = { 0 };
  MbRevision *r;

  mb_test_changes_watch (&seen, f->store);
  id = take (f, "  Adopted 2023  ");
  g_assert_cmpuint (seen.n_changed, ==, 1);
  g_assert_true (mb_store_changes_include ((const char * const *) seen.last_tables, "revisions"));

  list = mb_store_list_revisions (f->store, f->strategy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  r = g_ptr_array_index (list, 0);
  g_assert_cmpstr (r->id, ==, id);
  g_assert_cmpstr (r->name, ==, "Adopted 2023");
  g_assert_false (r->automatic);
  /* The strategy, 4 levels… at least its 4 nodes, link, indicator,
   * target and the two relations. */
  g_assert_cmpint (r->n_rows, >=, 10);

  found = mb_store_find_revision (f->store, f->strategy, "Adopted 2023", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->id, ==, id);
  g_clear_pointer (&found, mb_revision_free);
  found = mb_store_find_revision (f->store, f->strategy, id, &error);
  g_assert_cmpstr (found->name, ==, "Adopted 2023");
  g_clear_pointer (&found, mb_revision_free);
  found = mb_store_find_revision (f->store, f->strategy, "Nope", &error);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_assert_null (found);
  g_clear_error (&error);

  changes = compare (f, id, NULL);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Names are unique in a strategy, and not blank. */
  g_assert_null (mb_store_take_revision (f->store, f->strategy, "Adopted 2023", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (mb_store_take_revision (f->store, f->strategy, "\u00a0\t", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (mb_store_take_revision (f->store, "no-such-strategy", "X", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (seen.n_changed, ==, 1);

  mb_test_assert_undoable (f->store, before);
  mb_test_changes_clear (&seen);
}

/* Every kind of change the store allows is found, exactly, and a moved
 * node is a move; positions on the canvas are not changes. */
static void
test_revision_compare (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *r1 = take (f, "r1");
  g_autofree char *r2 = NULL;
  g_autofree char *added = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *l1 = mb_test_level (f->store, f->strategy, 1);

  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Goal B, renamed");
  mb_test_set_text (f->store, "nodes", f->vision, "description", "Line one\nline\ttwo \\ three");
  g_assert_true (mb_store_delete (f->store, "links", f->link, &error));
  added = mb_store_create_node (f->store, f->strategy, f->vision, l1, "Goal C", &error);
  g_assert_true (mb_store_move_node (f->store, f->sub_a, f->goal_b, -1, &error));
  g_free (mb_store_set_target (f->store, f->indicator, 2030, 85.5, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, f->goal_a, "sdg:7", &error));
  g_assert_true (mb_store_unrelate (f->store, MB_RELATION_NODE_INDICATOR, f->goal_a,
                                    f->indicator, &error));
  g_assert_true (mb_store_unrelate (f->store, MB_RELATION_PROJECT_NODE, f->project, f->sub_a,
                                    &error));
  g_assert_true (mb_store_pin_node (f->store, f->goal_a, TRUE, 120, 40, &error));
  g_assert_no_error (error);

  changes = compare (f, r1, NULL);
  text = describe (changes);
  expected = g_strdup_printf (
    "link removed Sub A → Goal B, renamed\n"
    "node added Goal C\n"
    "node changed Goal B, renamed title=Goal B>Goal B, renamed\n"
    "node changed Vision description=->Line one\nline\ttwo \\ three\n"
    "node moved Sub A parent_id=%s>%s\n"
    "node-indicator removed Goal A – Employment\n"
    "project removed Project P – Sub A\n"
    "tag added Goal A – sdg:7\n"
    "target changed Employment, 2030 value=80>85.5\n",
    f->goal_a, f->goal_b);
  g_assert_cmpstr (text, ==, expected);

  /* The same changes between two revisions, and none between the second
   * and now; the other way round they are the inverse. */
  r2 = take (f, "r2");
  again = compare (f, r1, r2);
  text_again = describe (again);
  g_assert_cmpstr (text_again, ==, text);
  none = compare (f, r2, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  back = compare (f, r2, r1);
  g_assert_cmpuint (back->len, ==, changes->len);
  for (guint i = 0; i < back->len; i++)
    {
      MbChange *c = g_ptr_array_index (back, i);

      if (g_str_equal (c->entity, "node") && g_str_equal (c->id, added))
        g_assert_cmpint (c->kind, ==, MB_CHANGE_REMOVED);
      if (g_str_equal (c->entity, "link"))
        g_assert_cmpint (c->kind, ==, MB_CHANGE_ADDED);
    }
}

/* Rename and delete are one undo step each; deleting frees the chunks no
 * other revision shares, and undo brings them back. */
static void
test_revision_rename_delete (Fixture       *f,
                             gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *r1 = take (f, "r1");
  g_autofree char *r2 = NULL;
  g_autofree char *before = NULL;
  gint64 chunks_r1, chunks_r2;

  chunks_r1 = _mb_store_query_int (db, "SELECT count(*) FROM revision_chunks", NULL);
  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Goal B2");
  r2 = take (f, "r2");
  chunks_r2 = _mb_store_query_int (db, "SELECT count(*) FROM revision_chunks", NULL);
  /* One node changed: its chunk, not the others, is stored again. */
  g_assert_cmpint (chunks_r2, ==, chunks_r1 + 1);

  before = mb_test_dump (f->store);
  g_assert_true (mb_store_rename_revision (f->store, r2, "Spring 2024", &error));
  g_assert_no_error (error);
  mb_test_assert_undoable (f->store, before);
  g_assert_false (mb_store_rename_revision (f->store, r2, "r1", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (mb_store_rename_revision (f->store, r2, " ", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_REQUIRED);
  g_clear_error (&error);

  g_free (before);
  before = mb_test_dump (f->store);
  g_assert_true (mb_store_delete_revision (f->store, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM revision_chunks", NULL), ==,
                   chunks_r2 - 1);
  changes = compare (f, r2, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_undo (f->store, &error));
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = compare (f, r1, r2);
  g_assert_cmpuint (changes->len, ==, 1);

  /* Deleting the strategy takes its revisions along. */
  g_assert_true (mb_store_delete (f->store, "strategies", f->strategy, &error));
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM revisions", NULL), ==, 0);
  mb_test_assert_sound (f->store);
}

/* A damaged manifest or chunk is refused with the revision's name; the
 * library stays usable. */
static void
test_revision_damaged (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *r1 = take (f, "Adopted");
  g_autofree char *r2 = take (f, "Chunked");

  g_assert_cmpint (sqlite3_exec (db, "UPDATE revisions SET manifest = 'T nodes; DROP TABLE nodes'"
                                     " WHERE name = 'Adopted'", NULL, NULL, NULL), ==, SQLITE_OK);
  changes = mb_store_compare_revisions (f->store, f->strategy, r1, NULL, &error);
  g_assert_null (changes);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Adopted”"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE revision_chunks SET data = CAST('x' AS BLOB)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Goal B2");
  changes = mb_store_compare_revisions (f->store, f->strategy, r2, NULL, &error);
  g_assert_null (changes);
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The library still takes revisions and deletes the damaged one. */
  g_free (take (f, "After"));
  g_assert_true (mb_store_delete_revision (f->store, r1, &error));
  g_assert_no_error (error);
}

/* The command line's formats: JSON as the contract describes it, CSV with
 * a line per field. */
static void
test_revision_formats (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *r1 = take (f, "r1");
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_line = NULL;
  JsonObject *root, *change, *field;
  JsonArray *list;

  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Goal \"B\", new");
  g_free (mb_store_set_target (f->store, f->indicator, 2030, 90, &error));
  changes = compare (f, r1, NULL);
  g_assert_cmpuint (changes->len, ==, 2);

  json = mb_changes_to_json (changes, f->strategy, "r1", "now");
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "strategy"), ==, f->strategy);
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "r1");
  g_assert_cmpstr (json_object_get_string_member (root, "to"), ==, "now");
  list = json_object_get_array_member (root, "changes");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  change = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "entity"), ==, "node");
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, f->goal_b);
  g_assert_cmpstr (json_object_get_string_member (change, "change"), ==, "changed");
  field = json_object_get_object_member (json_object_get_object_member (change, "fields"),
                                         "title");
  g_assert_cmpstr (json_object_get_string_member (field, "old"), ==, "Goal B");
  g_assert_cmpstr (json_object_get_string_member (field, "new"), ==, "Goal \"B\", new");
  change = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (change, "entity"), ==, "target");
  field = json_object_get_object_member (json_object_get_object_member (change, "fields"),
                                         "value");
  g_assert_cmpfloat (json_object_get_double_member (field, "old"), ==, 80);
  g_assert_cmpfloat (json_object_get_double_member (field, "new"), ==, 90);

  csv = mb_changes_to_csv (changes);
  expected_line = g_strdup_printf ("node,%s,changed,\"Goal \"\"B\"\", new\",title,Goal B,"
                                   "\"Goal \"\"B\"\", new\"\r\n", f->goal_b);
  g_assert_true (g_str_has_prefix (csv, "entity,id,change,title,field,old,new\r\n"));
  g_assert_nonnull (strstr (csv, expected_line));

  text = mb_changes_to_text (changes);
  g_assert_nonnull (strstr (text, "title: Goal B → Goal \"B\", new"));
}

/* Adopting a strategy takes its revision in the same step, named as the
 * decision is; adopting it again after a draft takes another. */
static void
test_revision_adoption (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *first = NULL;
  MbRevision *r;

  mb_test_set_text (f->store, "strategies", f->strategy, "registration_number", "RS 2021/1234");
  mb_test_set_text (f->store, "strategies", f->strategy, "adopted_on", "2021-06-15");
  before = mb_test_dump (f->store);
  mb_test_set_text (f->store, "strategies", f->strategy, "status", "adopted");
  list = mb_store_list_revisions (f->store, f->strategy, &error);
  g_assert_cmpuint (list->len, ==, 1);
  r = g_ptr_array_index (list, 0);
  g_assert_cmpstr (r->name, ==, "RS 2021/1234, 2021-06-15");
  g_assert_true (r->automatic);
  first = g_strdup (r->id);
  /* The revision holds the strategy as adopted. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mb_store_compare_revisions (f->store, f->strategy, first, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  mb_test_assert_undoable (f->store, before);

  /* Already adopted: nothing new. Back to a draft and adopted again: a
   * second, told apart from the first. */
  mb_test_set_text (f->store, "strategies", f->strategy, "status", "adopted");
  mb_test_set_text (f->store, "strategies", f->strategy, "status", "draft");
  mb_test_set_text (f->store, "strategies", f->strategy, "status", "adopted");
  list = mb_store_list_revisions (f->store, f->strategy, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((MbRevision *) g_ptr_array_index (list, 1))->name, ==,
                   "RS 2021/1234, 2021-06-15 (2)");

  /* Revisions change only by their own calls. */
  mb_test_set_text (f->store, "strategies", f->strategy, "status", "draft");
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "x");
    g_assert_false (mb_store_set_field (f->store, "revisions", first, "manifest", &value, &error));
    g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
  }
}

/* Restoring a revision gives back its export byte for byte, whatever
 * changed since, in one undo step. (A draft's targets keep no history; for
 * an adopted strategy's, see test_revision_history.) */
static void
test_revision_restore (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) was = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GBytes) restored = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *r1 = NULL;
  g_autofree char *added = NULL;
  g_autofree char *level = NULL;
  g_autofree char *before = NULL;
  g_autofree char *l1 = mb_test_level (f->store, f->strategy, 1);
  MbTestChanges seen = { 0 };

  mb_test_set_text (f->store, "nodes", f->vision, "description", "Tab\there, a \\ and\nlines");
  r1 = take (f, "r1");
  was = mb_store_export_revision (f->store, f->strategy, r1, &error);
  g_assert_no_error (error);
  now = mb_store_export_revision (f->store, f->strategy, NULL, &error);
  g_assert_true (g_bytes_equal (was, now));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (was, NULL), (gssize) g_bytes_get_size (was),
                                  "\"Tab\\there, a \\\\ and\\nlines\""));

  /* Every kind of change: fields, a move, a node and its subtree gone, a
   * node and a level added, a node put on the new level, links, relations,
   * targets (one removed and one added at the same year). */
  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Goal B, renamed");
  g_assert_true (mb_store_move_node (f->store, f->sub_a, f->goal_b, -1, &error));
  g_assert_true (mb_store_delete (f->store, "links", f->link, &error));
  added = mb_store_create_node (f->store, f->strategy, f->vision, l1, "Goal C", &error);
  g_free (mb_store_create_link (f->store, added, f->goal_a, "contributes-to", &error));
  level = mb_store_create_level (f->store, f->strategy, 4, "Extra", NULL, &error);
  g_assert_no_error (error);
  mb_test_set_text (f->store, "nodes", f->goal_a, "level_id", level);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TAG, f->goal_a, "sdg:7", &error));
  g_assert_true (mb_store_unrelate (f->store, MB_RELATION_NODE_INDICATOR, f->goal_a,
                                    f->indicator, &error));
  g_assert_true (mb_store_delete (f->store, "indicator_targets",
                                  mb_test_take (_mb_store_query_text (
                                    mb_store_get_db (f->store),
                                    "SELECT id FROM indicator_targets", NULL)), &error));
  g_free (mb_store_set_target (f->store, f->indicator, 2030, 12, &error));
  g_assert_true (mb_store_delete (f->store, "nodes", f->goal_b, &error));
  g_assert_no_error (error);
  changed = mb_store_export_revision (f->store, f->strategy, NULL, &error);
  g_assert_false (g_bytes_equal (was, changed));

  before = mb_test_dump (f->store);
  mb_test_changes_watch (&seen, f->store);
  g_assert_true (mb_store_restore_revision (f->store, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_changed, ==, 1);
  restored = mb_store_export_revision (f->store, f->strategy, NULL, &error);
  g_assert_cmpstr (g_bytes_get_data (restored, NULL), ==, g_bytes_get_data (was, NULL));
  g_assert_true (g_bytes_equal (restored, was));
  changes = compare (f, r1, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  mb_test_assert_sound (f->store);
  mb_test_assert_undoable (f->store, before);
  mb_test_changes_clear (&seen);
}

static char *
outline (MbStore    *store,
         const char *strategy_id)
{
  return _mb_store_query_text (mb_store_get_db (store),
                               "SELECT group_concat(line, ';') FROM (SELECT n.title || '<' ||"
                               " coalesce(p.title, '-') || '@' || l.name || '#' ||"
                               " (SELECT count(*) FROM links k WHERE k.from_node_id = n.id) || '+' ||"
                               " (SELECT count(*) FROM node_indicators ni WHERE ni.node_id = n.id)"
                               " AS line FROM nodes n LEFT JOIN nodes p ON p.id = n.parent_id"
                               " JOIN levels l ON l.id = n.level_id WHERE n.strategy_id = ?"
                               " ORDER BY line)", "s", strategy_id);
}

/* A revision restored as a new strategy: the same structure under new
 * ids, its own indicator copied with its target, another strategy's
 * indicator attached, not copied; one undo step. */
static void
test_revision_restore_as_new (Fixture       *f,
                              gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = mb_store_create_strategy (f->store, "Other", "rus", &error);
  g_autofree char *shared = mb_store_create_indicator (f->store, other, "Shared", NULL, &error);
  g_autofree char *r1 = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  g_free (mb_store_set_target (f->store, shared, 2030, 5, &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, f->goal_b, shared, &error));
  mb_test_set_text (f->store, "strategies", f->strategy, "registration_number", "RS 1");
  r1 = take (f, "vt 2023");
  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Changed since");
  before = mb_test_dump (f->store);

  copy = mb_store_restore_revision_as_new (f->store, r1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (mb_test_take (_mb_store_query_text (db, "SELECT title || '|' ||"
                                                           " coalesce(registration_number, '-')"
                                                           " || '|' || status FROM strategies"
                                                           " WHERE id = ?", "s", copy)),
                   ==, "RUS 2030 (vt 2023)|-|draft");
  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Goal B");
  want = outline (f->store, f->strategy);
  got = outline (f->store, copy);
  g_assert_cmpstr (got, ==, want);
  g_assert_true (mb_store_undo (f->store, &error));
  /* Its own indicator copied with its target; the shared one attached. */
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicators WHERE strategy_id = ?",
                                        "s", copy), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicator_targets t JOIN"
                                            " indicators i ON i.id = t.indicator_id"
                                            " WHERE i.strategy_id = ?", "s", copy), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM node_indicators ni JOIN nodes n"
                                            " ON n.id = ni.node_id WHERE n.strategy_id = ?"
                                            " AND ni.indicator_id = ?", "ss", copy, shared), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicator_targets"
                                            " WHERE indicator_id = ?", "s", shared), ==, 1);
  mb_test_assert_sound (f->store);
  mb_test_assert_undoable (f->store, before);
}

/* A revision opened as a review copy: every view sees the strategy as it
 * was, nothing can be changed, the library is untouched. */
static void
test_revision_open (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) copy = NULL;
  g_autoptr(GBytes) was = NULL;
  g_autoptr(GBytes) seen = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lib.malbild", NULL);
  g_autofree char *r1 = take (f, "r1");
  g_autofree char *sum = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  was = mb_store_export_revision (f->store, f->strategy, r1, &error);
  mb_test_set_text (f->store, "nodes", f->goal_b, "title", "Changed since");
  g_assert_true (mb_store_delete (f->store, "links", f->link, &error));
  sqlite3_exec (mb_store_get_db (f->store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sum = mb_test_checksum (path);

  copy = mb_store_open_revision (path, r1, &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_is_review (copy));
  g_assert_false (mb_store_can_undo (copy));
  seen = mb_store_export_revision (copy, f->strategy, NULL, &error);
  g_assert_true (g_bytes_equal (seen, was));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "No");
  g_assert_false (mb_store_set_field (copy, "nodes", f->goal_b, "title", &value, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&copy);
  g_assert_cmpstr (mb_test_take (mb_test_checksum (path)), ==, sum);

  g_assert_null (mb_store_open_revision (path, "no-such-revision", &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);
}

/* The targets of an adopted strategy: 2025 = 50 and 2030 = 85 at "r1"
 * (2030 was 80 before, changed with a reason), then 2025 removed, 2030
 * changed and 2035 added, each with a reason. Returns r1. */
static char *
adopt_and_change_targets (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t2025 = NULL;
  char *r1;

  g_free (mb_store_set_target (f->store, f->indicator, 2025, 50, &error));
  mb_test_set_text (f->store, "strategies", f->strategy, "status", "adopted");
  g_assert_true (mb_store_target_needs_reason (f->store, f->indicator));
  g_free (mb_store_set_target_with_reason (f->store, f->indicator, 2030, 85, "Budget cut",
                                           &error));
  g_assert_no_error (error);
  r1 = take (f, "r1");

  t2025 = _mb_store_query_text (mb_store_get_db (f->store), "SELECT id FROM indicator_targets"
                                " WHERE year = 2025", NULL);
  g_assert_true (mb_store_remove_target (f->store, t2025, "Dropped", &error));
  g_free (mb_store_set_target_with_reason (f->store, f->indicator, 2030, 90, "Raised", &error));
  g_free (mb_store_set_target_with_reason (f->store, f->indicator, 2035, 100, "New", &error));
  g_assert_no_error (error);
  return r1;
}

/* "year=value" of the indicator's targets, by year. */
static char *
target_values (Fixture *f)
{
  return _mb_store_query_text (mb_store_get_db (f->store),
                               "SELECT group_concat(year || '=' || value, ' ') FROM (SELECT year,"
                               " value FROM indicator_targets WHERE indicator_id = ? ORDER BY"
                               " year)", "s", f->indicator);
}

/* "year:value:kind:reason" of the indicator's history, one a line, sorted. */
static char *
history (MbStore    *store,
         const char *indicator)
{
  return _mb_store_query_text (mb_store_get_db (store),
                               "SELECT group_concat(line, char(10)) FROM (SELECT year || ':' ||"
                               " coalesce(value, '-') || ':' || kind || ':' || reason AS line"
                               " FROM target_history WHERE indicator_id = ? ORDER BY line)",
                               "s", indicator);
}

/* An export with its target_history taken out, and that history's rows,
 * one a line ("id value kind reason changed"), sorted. */
static char *
export_without_history (GBytes     *export,
                        GPtrArray **rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;
  JsonArray *list;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (export, NULL),
                                             (gssize) g_bytes_get_size (export), &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  list = json_object_get_array_member (root, "target_history");
  g_assert_nonnull (list);
  *rows = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);

      g_ptr_array_add (*rows, g_strdup_printf ("%s %s %s %s %s",
                                               json_object_get_string_member (row, "id"),
                                               json_object_has_member (row, "value")
                                                 ? "value" : "-",
                                               json_object_get_string_member (row, "kind"),
                                               json_object_get_string_member (row, "reason"),
                                               json_object_get_string_member (row, "changed")));
    }
  g_ptr_array_sort (*rows, compare_lines);
  json_object_remove_member (root, "target_history");
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static gboolean
rows_include (GPtrArray *rows,
              GPtrArray *part)
{
  for (guint i = 0; i < part->len; i++)
    if (!g_ptr_array_find_with_equal_func (rows, g_ptr_array_index (part, i), g_str_equal, NULL))
      return FALSE;
  return TRUE;
}

/* A revision holds the targets' history; the comparison does not report
 * its entries (the targets' changes are reported); restoring into an
 * adopted strategy keeps every entry, adds one per target the restore
 * changes, and otherwise gives back the revision's export byte for byte,
 * in one undo step. */
static void
test_revision_history (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) was = NULL;
  g_autoptr(GBytes) restored = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) was_rows = NULL;
  g_autoptr(GPtrArray) before_rows = NULL;
  g_autoptr(GPtrArray) restored_rows = NULL;
  g_autoptr(GBytes) before_export = NULL;
  g_autofree char *r1 = adopt_and_change_targets (f);
  g_autofree char *was_text = NULL;
  g_autofree char *restored_text = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  MbTestChanges seen = { 0 };

  was = mb_store_export_revision (f->store, f->strategy, r1, &error);
  g_assert_no_error (error);
  was_text = export_without_history (was, &was_rows);
  g_assert_cmpuint (was_rows->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (was_rows, 0), " value changed Budget cut "));

  /* The targets' changes, not their history's entries. */
  changes = compare (f, r1, NULL);
  text = describe (changes);
  g_assert_cmpstr (text, ==,
                   "target added Employment, 2035\n"
                   "target changed Employment, 2030 value=85>90\n"
                   "target removed Employment, 2025\n");

  g_assert_cmpstr (mb_test_take (target_values (f)), ==, "2030=90.0 2035=100.0");
  before = mb_test_dump (f->store);
  before_export = mb_store_export_revision (f->store, f->strategy, NULL, &error);
  before_text = export_without_history (before_export, &before_rows);
  g_assert_cmpuint (before_rows->len, ==, 4);
  g_assert_true (rows_include (before_rows, was_rows));

  mb_test_changes_watch (&seen, f->store);
  g_assert_true (mb_store_restore_revision (f->store, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_changed, ==, 1);
  g_assert_true (mb_store_changes_include ((const char * const *) seen.last_tables,
                                           "target_history"));

  /* The values as they were; the history kept, and an entry per target
   * the restore changed, added or removed, with its reason. */
  g_assert_cmpstr (mb_test_take (target_values (f)), ==, "2025=50.0 2030=85.0");
  expected = g_strdup_printf ("2025:-:changed:Restored revision “r1”\n"
                              "2025:50.0:removed:Dropped\n"
                              "2030:80.0:changed:Budget cut\n"
                              "2030:85.0:changed:Raised\n"
                              "2030:90.0:changed:Restored revision “r1”\n"
                              "2035:-:changed:New\n"
                              "2035:100.0:removed:Restored revision “r1”");
  g_assert_cmpstr (mb_test_take (history (f->store, f->indicator)), ==, expected);

  /* The export: the revision's byte for byte but for target_history,
   * which holds every entry it had and the restore's three. */
  restored = mb_store_export_revision (f->store, f->strategy, NULL, &error);
  g_assert_no_error (error);
  restored_text = export_without_history (restored, &restored_rows);
  g_assert_cmpstr (restored_text, ==, was_text);
  g_assert_cmpuint (restored_rows->len, ==, before_rows->len + 3);
  g_assert_true (rows_include (restored_rows, before_rows));
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM target_history WHERE"
                                            " reason = 'Restored revision “r1”'", NULL), ==, 3);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = compare (f, r1, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  mb_test_assert_sound (f->store);

  /* One undo: the values and the history as before the restore. */
  mb_test_assert_undoable (f->store, before);
  g_assert_true (mb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (target_values (f)), ==, "2030=90.0 2035=100.0");
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM target_history", NULL), ==, 4);
  mb_test_changes_clear (&seen);
}

/* The revision opened read-only shows the history as it was; restored as
 * a new strategy, its own indicator's history comes along under new ids. */
static void
test_revision_history_open (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) copy = NULL;
  g_autoptr(GBytes) was = NULL;
  g_autoptr(GBytes) seen = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lib.malbild", NULL);
  g_autofree char *r1 = adopt_and_change_targets (f);
  g_autofree char *new_strategy = NULL;
  g_autofree char *new_indicator = NULL;

  was = mb_store_export_revision (f->store, f->strategy, r1, &error);
  g_assert_no_error (error);
  copy = mb_store_open_revision (path, r1, &error);
  g_assert_no_error (error);
  seen = mb_store_export_revision (copy, f->strategy, NULL, &error);
  g_assert_cmpstr (g_bytes_get_data (seen, NULL), ==, g_bytes_get_data (was, NULL));
  list = mb_store_query_target_history (copy, f->indicator, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((MbTargetChange *) g_ptr_array_index (list, 0))->reason, ==, "Budget cut");
  g_clear_object (&copy);

  new_strategy = mb_store_restore_revision_as_new (f->store, r1, &error);
  g_assert_no_error (error);
  new_indicator = _mb_store_query_text (db, "SELECT id FROM indicators WHERE strategy_id = ?", "s",
                                        new_strategy);
  g_assert_nonnull (new_indicator);
  g_assert_cmpstr (new_indicator, !=, f->indicator);
  g_assert_cmpstr (mb_test_take (history (f->store, new_indicator)), ==,
                   "2030:80.0:changed:Budget cut");
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM target_history a JOIN"
                                            " target_history b ON a.changed = b.changed"
                                            " AND a.reason = b.reason AND a.id <> b.id"
                                            " WHERE a.indicator_id = ?"
                                            " AND b.indicator_id = ?", "ss", new_indicator,
                                        f->indicator), ==, 1);
  /* The new strategy is a draft: its targets change without a reason. */
  g_assert_false (mb_store_target_needs_reason (f->store, new_indicator));
  mb_test_assert_sound (f->store);
}

/* A revision taken before revisions held the history: its manifest has no
 * target_history. It compares, exports (no history), restores (the
 * history kept, the restore's entries added) and opens (the history as
 * far as it had been written when the revision was taken). */
static void
test_revision_history_old (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) was = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(MbStore) copy = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lib.malbild", NULL);
  g_autofree char *r1 = adopt_and_change_targets (f);
  g_autofree char *manifest = _mb_store_query_text (db, "SELECT manifest FROM revisions"
                                                        " WHERE id = ?", "s", r1);
  g_auto(GStrv) lines = g_strsplit (manifest, "\n", -1);
  g_autoptr(GString) old = g_string_new (NULL);
  g_autofree char *text = NULL;
  gboolean skip = FALSE;

  /* The manifest as a build before the history was held wrote it. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == 'T')
        skip = g_str_has_prefix (lines[i], "T target_history ");
      if (!skip)
        g_string_append_printf (old, "%s%s", i ? "\n" : "", lines[i]);
    }
  g_assert_cmpuint (old->len, <, strlen (manifest));
  g_assert_true (_mb_store_exec (db, &error, "UPDATE revisions SET manifest = ?,"
                                             " taken = '2021-01-01T00:00:00.000Z' WHERE id = ?",
                                 "ss", old->str, r1));
  g_assert_true (_mb_store_exec (db, &error, "UPDATE target_history SET"
                                             " changed = '2020-01-01T00:00:00.000Z'"
                                             " WHERE reason = 'Budget cut'", NULL));
  g_assert_no_error (error);

  changes = compare (f, r1, NULL);
  text = describe (changes);
  g_assert_cmpstr (text, ==,
                   "target added Employment, 2035\n"
                   "target changed Employment, 2030 value=85>90\n"
                   "target removed Employment, 2025\n");
  was = mb_store_export_revision (f->store, f->strategy, r1, &error);
  g_assert_no_error (error);
  g_free (export_without_history (was, &rows));
  g_assert_cmpuint (rows->len, ==, 0);

  /* Opened: the entries written by the time it was taken. */
  copy = mb_store_open_revision (path, r1, &error);
  g_assert_no_error (error);
  list = mb_store_query_target_history (copy, f->indicator, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((MbTargetChange *) g_ptr_array_index (list, 0))->reason, ==, "Budget cut");
  g_clear_object (&copy);

  g_assert_true (mb_store_restore_revision (f->store, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (target_values (f)), ==, "2025=50.0 2030=85.0");
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM target_history", NULL), ==, 7);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = compare (f, r1, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  mb_test_assert_sound (f->store);
}

/* An indicator deleted since the revision took its targets and their
 * history along: the restore brings back all three, and records the
 * targets it added. */
static void
test_revision_history_deleted (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = adopt_and_change_targets (f);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_true (mb_store_delete (f->store, "indicators", f->indicator, &error));
  g_assert_no_error (error);
  g_assert_null (mb_test_take (history (f->store, f->indicator)));
  before = mb_test_dump (f->store);

  g_assert_true (mb_store_restore_revision (f->store, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (target_values (f)), ==, "2025=50.0 2030=85.0");
  g_assert_cmpstr (mb_test_take (history (f->store, f->indicator)), ==,
                   "2025:-:changed:Restored revision “r1”\n"
                   "2030:-:changed:Restored revision “r1”\n"
                   "2030:80.0:changed:Budget cut");
  changes = compare (f, r1, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  mb_test_assert_sound (f->store);
  mb_test_assert_undoable (f->store, before);
}

/* An indicator of another strategy attached since the revision is
 * detached by the restore, not deleted, and keeps its targets. */
static void
test_revision_restore_foreign (Fixture       *f,
                               gconstpointer  data)
{
  sqlite3 *db = mb_store_get_db (f->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = mb_store_create_strategy (f->store, "Other", "rus", &error);
  g_autofree char *shared = mb_store_create_indicator (f->store, other, "Shared", NULL, &error);
  g_autofree char *r1 = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_free (mb_store_set_target (f->store, shared, 2030, 5, &error));
  r1 = take (f, "r1");
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, f->goal_b, shared, &error));
  g_assert_no_error (error);
  before = mb_test_dump (f->store);

  g_assert_true (mb_store_restore_revision (f->store, r1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicators WHERE id = ?",
                                        "s", shared), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM indicator_targets"
                                            " WHERE indicator_id = ?", "s", shared), ==, 1);
  g_assert_cmpint (_mb_store_query_int (db, "SELECT count(*) FROM node_indicators"
                                            " WHERE indicator_id = ?", "s", shared), ==, 0);
  changes = compare (f, r1, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
  mb_test_assert_sound (f->store);
  mb_test_assert_undoable (f->store, before);
}

/* A library of the version before revisions gains them on opening. */
static void
test_revision_migration (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v5.malbild", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *revision = NULL;

  mb_test_make_old_library (path, 5, "");
  store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  strategy = mb_store_create_strategy (store, "S", "rus", &error);
  revision = mb_store_take_revision (store, strategy, "First", &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (store),
                                        "SELECT count(*) FROM revision_chunks", NULL), ==, 0);
  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

/* What a change must touch to change a comparison with now: a table a
 * revision compares, or one naming its changes; not the measurements, nor
 * the targets' history alone (its target's own change is in the targets). */
static void
test_revision_touch_comparison (void)
{
  const char * const measurements[] = { "measurements", NULL };
  const char * const history[] = { "target_history", NULL };
  const char * const comments[] = { "review_comments", "measurements", NULL };
  const char * const nodes[] = { "measurements", "nodes", NULL };
  const char * const targets[] = { "indicator_targets", "target_history", NULL };
  const char * const projects[] = { "projects", NULL };
  const char * const activities[] = { "activity_calls", NULL };

  g_assert_false (mb_revision_changes_touch_comparison (measurements));
  g_assert_false (mb_revision_changes_touch_comparison (history));
  g_assert_false (mb_revision_changes_touch_comparison (comments));
  g_assert_true (mb_revision_changes_touch_comparison (nodes));
  g_assert_true (mb_revision_changes_touch_comparison (targets));
  g_assert_true (mb_revision_changes_touch_comparison (projects));
  g_assert_true (mb_revision_changes_touch_comparison (activities));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/revision/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("take", test_revision_take);
  ADD ("compare", test_revision_compare);
  ADD ("rename-delete", test_revision_rename_delete);
  ADD ("damaged", test_revision_damaged);
  ADD ("formats", test_revision_formats);
  ADD ("adoption", test_revision_adoption);
  ADD ("restore", test_revision_restore);
  ADD ("restore-as-new", test_revision_restore_as_new);
  ADD ("open", test_revision_open);
  ADD ("history", test_revision_history);
  ADD ("history-open", test_revision_history_open);
  ADD ("history-old", test_revision_history_old);
  ADD ("history-deleted", test_revision_history_deleted);
  ADD ("restore-foreign", test_revision_restore_foreign);
#undef ADD
  g_test_add_func ("/revision/migration", test_revision_migration);
  g_test_add_func ("/revision/touch-comparison", test_revision_touch_comparison);

  return g_test_run ();
}
