/* test-scheme.c – built-in level schemes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-scheme.h"

static void
test_scheme_builtin (void)
{
  const MbScheme *schemes;
  const MbScheme *rus;
  const MbScheme *chain;
  guint n = 0;

  schemes = mb_scheme_get_all (&n);
  g_assert_nonnull (schemes);
  g_assert_cmpuint (n, ==, 3);

  rus = mb_scheme_lookup ("rus");
  g_assert_nonnull (rus);
  g_assert_cmpstr (rus->levels[0].name_sv, ==, "Vision");
  g_assert_cmpstr (rus->levels[rus->n_levels - 1].name_sv, ==, "Insats");

  chain = mb_scheme_lookup ("effect-chain");
  g_assert_nonnull (chain);
  g_assert_cmpuint (chain->n_levels, ==, 6);
  g_assert_cmpstr (chain->levels[0].name_sv, ==, "Behov");
  g_assert_cmpstr (chain->levels[5].name, ==, "Long-term outcome");

  g_assert_nonnull (mb_scheme_lookup ("logframe"));
  g_assert_null (mb_scheme_lookup ("no-such-scheme"));

  /* Every level of every scheme is named in both languages. */
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < schemes[i].n_levels; j++)
      {
        g_assert_true (schemes[i].levels[j].name && *schemes[i].levels[j].name);
        g_assert_true (schemes[i].levels[j].name_sv && *schemes[i].levels[j].name_sv);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheme/builtin", test_scheme_builtin);

  return g_test_run ();
}
