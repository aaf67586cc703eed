/* test-selection.c – the selection shared by the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-selection.h"

static void
count_cb (MbSelection *selection,
          guint       *count)
{
  (*count)++;
}

static void
test_selection_nodes (void)
{
  g_autoptr(MbSelection) sel = mb_selection_new ();
  g_auto(GStrv) nodes = NULL;
  guint changes = 0;

  g_signal_connect (sel, "changed", G_CALLBACK (count_cb), &changes);

  mb_selection_set_strategy (sel, "s1");
  g_assert_cmpstr (mb_selection_get_kind (sel), ==, MB_KIND_STRATEGY);
  g_assert_cmpstr (mb_selection_get_id (sel), ==, "s1");

  mb_selection_select (sel, MB_KIND_NODE, "a");
  mb_selection_add_node (sel, "b");
  mb_selection_add_node (sel, "b");
  g_assert_cmpuint (mb_selection_get_n_nodes (sel), ==, 2);
  g_assert_cmpstr (mb_selection_get_id (sel), ==, "b");

  mb_selection_toggle_node (sel, "b");
  g_assert_false (mb_selection_contains_node (sel, "b"));
  g_assert_cmpstr (mb_selection_get_id (sel), ==, "a");

  mb_selection_toggle_node (sel, "c");
  nodes = mb_selection_dup_nodes (sel);
  g_assert_cmpuint (g_strv_length (nodes), ==, 2);
  g_assert_cmpstr (nodes[0], ==, "a");
  g_assert_cmpstr (nodes[1], ==, "c");

  /* Selecting an item of another kind replaces the node selection. */
  mb_selection_select (sel, MB_KIND_INDICATOR, "i1");
  g_assert_cmpuint (mb_selection_get_n_nodes (sel), ==, 0);
  g_assert_cmpstr (mb_selection_get_kind (sel), ==, MB_KIND_INDICATOR);

  /* Clearing falls back to the strategy itself. */
  mb_selection_select (sel, MB_KIND_NODE, "a");
  mb_selection_clear (sel);
  g_assert_cmpstr (mb_selection_get_kind (sel), ==, MB_KIND_STRATEGY);

  /* Another strategy: nothing of the old one stays selected. */
  mb_selection_select (sel, MB_KIND_NODE, "a");
  mb_selection_set_strategy (sel, "s2");
  g_assert_false (mb_selection_contains_node (sel, "a"));
  g_assert_cmpstr (mb_selection_get_id (sel), ==, "s2");

  g_assert_cmpuint (changes, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/selection/nodes", test_selection_nodes);

  return g_test_run ();
}
