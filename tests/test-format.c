/* test-format.c – numbers, amounts, percentages and dates, in English and Swedish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "mb-format.h"
#include "test-locale-util.h"

#define NNBSP "\u202f"
#define NBSP  "\u00a0"

static void
assert_formatted (char       *text,
                  const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

/* The C locale: the UI's English, numbers grouped by commas. */
static void
test_format_english (void)
{
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_formatted (mb_format_number (271736), "271,736");
  assert_formatted (mb_format_number (1001), "1,001");
  assert_formatted (mb_format_number (999), "999");
  assert_formatted (mb_format_number (1143.5), "1,143.5");
  assert_formatted (mb_format_number (37.50), "37.5");
  assert_formatted (mb_format_number (6.428), "6.43");
  assert_formatted (mb_format_number (0.125), "0.125");
  assert_formatted (mb_format_number (-2.5), "−2.5");
  assert_formatted (mb_format_number (-0.00001), "0");
  assert_formatted (mb_format_number (NAN), "–");
  assert_formatted (mb_format_number_text ("290000"), "290,000");
  assert_formatted (mb_format_number_text ("82.7"), "82.7");
  assert_formatted (mb_format_number_text ("about 12"), "about 12");
  assert_formatted (mb_format_number_text (NULL), "");
  assert_formatted (mb_format_amount (6500000), "6,500,000 kr");
  assert_formatted (mb_format_amount (1234.6), "1,235 kr");
  assert_formatted (mb_format_percent (0.374), "37%");
  assert_formatted (mb_format_percent (1.19), "119%");
  assert_formatted (mb_format_date ("2024-08-12"), "12 Aug 2024");
  assert_formatted (mb_format_date ("2019-10-31T00:00:00Z"), "31 Oct 2019");
  assert_formatted (mb_format_date ("2019-02-30"), "2019-02-30");
  assert_formatted (mb_format_date ("soon"), "soon");
  assert_formatted (mb_format_date_time ("2026-11-22T18:43:30.123Z"), "22 Nov 2026 18:43");
  assert_formatted (mb_format_date_time ("yesterday"), "yesterday");
}

/* Swedish: a decimal comma, thousands apart by a narrow no-break space, a
 * no-break space before "kr" and "%", dates as 2024-08-12. */
static void
test_format_swedish (void)
{
  g_autofree char *locale_dir = NULL;
  const char *found;

  g_setenv ("LANGUAGE", "sv", TRUE);
  found = mb_test_set_swedish_locale (LC_ALL, &locale_dir);
  if (found == NULL)
    {
      g_test_skip ("no Swedish locale is installed or can be compiled");
      return;
    }
  g_test_message ("LC_ALL=%s", found);

  assert_formatted (mb_format_number (271736), "271" NNBSP "736");
  assert_formatted (mb_format_number (1001), "1" NNBSP "001");
  assert_formatted (mb_format_number (1143.5), "1" NNBSP "143,5");
  assert_formatted (mb_format_number (37.50), "37,5");
  assert_formatted (mb_format_number (-2.5), "−2,5");
  assert_formatted (mb_format_number (NAN), "–");
  assert_formatted (mb_format_number_text ("290000"), "290" NNBSP "000");
  assert_formatted (mb_format_number_text ("82.7"), "82,7");
  assert_formatted (mb_format_amount (6500000), "6" NNBSP "500" NNBSP "000" NBSP "kr");
  assert_formatted (mb_format_percent (0.374), "37" NBSP "%");
  assert_formatted (mb_format_date ("2024-08-12"), "2024-08-12");
  assert_formatted (mb_format_date_time ("2026-11-22T18:43:30.123Z"), "2026-11-22 18:43");

  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  mb_test_remove_dir (locale_dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Comment times are shown in local time: make it UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  /* The catalogue meson compiled in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, MB_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/english", test_format_english);
  g_test_add_func ("/format/swedish", test_format_swedish);

  return g_test_run ();
}
