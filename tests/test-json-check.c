/* test-json-check.c – the strict JSON pre-scanner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "mb-json-check.h"

typedef struct
{
  const char *text;
  gsize       len;    /* 0: strlen (text) */
  const char *path;   /* expected path of the first problem, NULL: none */
  const char *reason; /* a part of the first problem's message, NULL: valid */
} Case;

static gboolean
check (const char     *text,
       gsize           len,
       guint           max_depth,
       MbProblemList **out_problems)
{
  MbProblemList *problems = mb_problem_list_new (20);
  gboolean ok = mb_json_check (text, len, max_depth, problems);

  g_assert_cmpint (ok, ==, mb_problem_list_get_count (problems) == 0);
  *out_problems = problems;
  return ok;
}

static void
run_cases (const Case *cases,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbProblemList) problems = NULL;
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].text);
      gboolean ok = check (cases[i].text, len, MB_JSON_CHECK_DEFAULT_MAX_DEPTH, &problems);

      if (cases[i].reason == NULL)
        {
          if (!ok)
            g_error ("case %u %s: unexpected problem: %s", i, cases[i].text,
                     mb_problem_list_get (problems, 0)->message);
          continue;
        }

      if (ok)
        g_error ("case %u %s: accepted, expected “%s”", i, cases[i].text, cases[i].reason);
      {
        const MbProblem *first = mb_problem_list_get (problems, 0);

        if (strstr (first->message, cases[i].reason) == NULL)
          g_error ("case %u %s: got “%s”, expected “%s”", i, cases[i].text, first->message,
                   cases[i].reason);
        g_assert_cmpstr (first->path, ==, cases[i].path);
        g_assert_null (strchr (first->message, '\n'));
      }
    }
}

static void
test_json_check_valid (void)
{
  static const Case cases[] = {
    { "{}", 0, NULL, NULL },
    { " [ ] ", 0, NULL, NULL },
    { "0", 0, NULL, NULL },
    { "-0.5e-3", 0, NULL, NULL },
    { "1E+2", 0, NULL, NULL },
    { "\"x\"", 0, NULL, NULL },
    { "[true, false, null]", 0, NULL, NULL },
    { "{\"a\": {\"a\": 1}, \"b\": [1, {\"a\": 2}]}", 0, NULL, NULL },
    { "[9223372036854775807, -9223372036854775808]", 0, NULL, NULL },
    { "[1.7976931348623157e308, 1e-400]", 0, NULL, NULL },
    { "\"\\u00e5\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", 0, NULL, NULL },
    { "\"Målbild – 🙂\"", 0, NULL, NULL },
    { "{\"a\":1}\r\n\t ", 0, NULL, NULL },
    /* Same key in sibling objects is fine. */
    { "[{\"id\":1},{\"id\":2}]", 0, NULL, NULL },
    /* Keys differ only after decoding escapes: not duplicates. */
    { "{\"a\\u0062\":1, \"ab \":2}", 0, NULL, NULL },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_json_check_invalid (void)
{
  static const Case cases[] = {
    { "", 0, NULL, "empty" },
    { "  \n", 0, NULL, "white space" },
    { "{\"a\": 1", 0, "$.a", "end of file" },
    { "[1, 2", 0, "$[1]", "end of file" },
    { "{\"nodes\": [{\"id\": \"x", 0, "$.nodes[0].id", "unterminated" },
    { "{\"a\": 1, \"a\": 2}", 0, "$.a", "duplicate key \"a\"" },
    { "{\"a\": 1, \"\\u0061\": 2}", 0, "$.a", "duplicate key" },
    { "{\"x\": [{\"k y\": 1, \"k y\": 2}]}", 0, "$.x[0][\"k y\"]", "duplicate key" },
    { "[1e400]", 0, "$[0]", "not finite" },
    { "[-1e400]", 0, "$[0]", "not finite" },
    { "{\"v\": 9223372036854775808}", 0, "$.v", "64 bits" },
    { "[-9223372036854775809]", 0, "$[0]", "64 bits" },
    { "[\"a\\u0000b\"]", 0, "$[0]", "NUL" },
    { "[\"a\0b\"]", 6, "$[0]", "NUL" },
    { "[\"a\xff\"]", 0, "$[0]", "UTF-8" },
    { "[\"\xc0\xaf\"]", 0, "$[0]", "UTF-8" },          /* overlong "/" */
    { "[\"\xed\xa0\x80\"]", 0, "$[0]", "UTF-8" },      /* an encoded surrogate */
    { "[\"\xf4\x90\x80\x80\"]", 0, "$[0]", "UTF-8" },  /* above U+10FFFF */
    { "[\"\xe2\x82\"]", 0, "$[0]", "UTF-8" },          /* truncated sequence */
    { "{\"k\xff\": 1}", 0, "$", "UTF-8" },
    { "[\"\\ud800\"]", 0, "$[0]", "surrogate" },
    { "[\"\\udc00x\"]", 0, "$[0]", "surrogate" },
    { "[1] x", 0, "$", "trailing content" },
    { "{} {}", 0, "$", "trailing content" },
    { "[01]", 0, "$[0]", "leading zeros" },
    { "[-01]", 0, "$[0]", "leading zeros" },
    { "['a']", 0, "$[0]", "single quotes" },
    { "{'a': 1}", 0, "$", "single quotes" },
    { "[1, // no\n 2]", 0, "$[1]", "comments" },
    { "/* c */ []", 0, "$", "comments" },
    { "[1,]", 0, "$[1]", "comma too many" },
    { "{\"a\": 1,}", 0, "$", "comma too many" },
    { "[1 2]", 0, "$[0]", "expected “,” or “]”" },
    { "{\"a\" 1}", 0, "$.a", "“:”" },
    { "{1: 2}", 0, "$", "a key in double quotes" },
    { "[NaN]", 0, "$[0]", "unexpected character “N”" },
    { "[Infinity]", 0, "$[0]", "unexpected character" },
    { "[-]", 0, "$[0]", "digit" },
    { "[1.]", 0, "$[0]", "digit after “.”" },
    { "[.5]", 0, "$[0]", "unexpected character “.”" },
    { "[1e]", 0, "$[0]", "exponent" },
    { "[+1]", 0, "$[0]", "unexpected character “+”" },
    { "[tru]", 0, "$[0]", "unexpected" },
    { "[nullx]", 0, "$[0]", "unexpected" },
    { "[\"a\\x\"]", 0, "$[0]", "invalid escape “\\x”" },
    { "[\"\\u12g4\"]", 0, "$[0]", "four hexadecimal digits" },
    { "[\"tab\there\"]", 0, "$[0]", "control character U+0009" },
    { "\xEF\xBB\xBF{}", 0, "$", "byte order mark" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_json_check_line_column (void)
{
  g_autoptr(MbProblemList) problems = NULL;

  g_assert_false (check ("{\n  \"a\": 1,\n  \"b\": 01\n}", 23, 64, &problems));
  g_assert_cmpstr (mb_problem_list_get (problems, 0)->message, ==,
                   "line 3, column 8: leading zeros are not allowed in a number");
  g_assert_cmpstr (mb_problem_list_get (problems, 0)->path, ==, "$.b");
}

static void
test_json_check_collects (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(MbProblemList) problems = NULL;
  g_autofree char *report = NULL;
  g_auto(GStrv) lines = NULL;

  /* 30 problems that do not stop the scan: all are counted, 20 kept. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "%s1e999", i ? "," : "");
  g_string_append (text, "]");

  g_assert_false (check (text->str, text->len, 64, &problems));
  g_assert_cmpuint (mb_problem_list_get_count (problems), ==, 30);
  g_assert_cmpuint (mb_problem_list_get_n_kept (problems), ==, 20);
  g_assert_cmpstr (mb_problem_list_get (problems, 19)->path, ==, "$[19]");

  report = mb_problem_list_format (problems, "f.json");
  lines = g_strsplit (report, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 22);  /* 20 + count + "" */
  g_assert_cmpstr (lines[0], ==, "f.json: $[0]: number out of range (not finite)");
  g_assert_cmpstr (lines[20], ==, "f.json: and 10 more problems");
}

static void
test_json_check_depth (void)
{
  const guint deep = 200000;
  g_autofree char *text = g_malloc (2 * deep + 1);
  g_autoptr(MbProblemList) problems = NULL;
  g_autoptr(MbProblemList) ok_problems = NULL;

  memset (text, '[', deep);
  memset (text + deep, ']', deep);
  text[2 * deep] = '\0';

  g_assert_false (check (text, 2 * deep, 64, &problems));
  g_assert_cmpuint (mb_problem_list_get_count (problems), ==, 1);
  g_assert_nonnull (strstr (mb_problem_list_get (problems, 0)->message, "deeper than 64"));

  /* Exactly at the limit is fine. */
  g_assert_true (check (text + deep - 64, 128, 64, &ok_problems));
}

/* Everything the scanner accepts, json-glib parses to the same shape; this
 * pins down that the pre-scan is not looser than json-glib either. */
static void
test_json_check_agrees_with_json_glib (void)
{
  static const char * const accepted[] = {
    "{\"a\": [1, 2.5, -3e2, true, false, null, \"x\\n\\u00e5\"], \"b\": {}}",
    "[[[[[]]]]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(MbProblemList) problems = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (check (accepted[i], strlen (accepted[i]), 64, &problems));
      g_assert_true (json_parser_load_from_data (parser, accepted[i], -1, &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-check/valid", test_json_check_valid);
  g_test_add_func ("/json-check/invalid", test_json_check_invalid);
  g_test_add_func ("/json-check/line-column", test_json_check_line_column);
  g_test_add_func ("/json-check/collects", test_json_check_collects);
  g_test_add_func ("/json-check/depth", test_json_check_depth);
  g_test_add_func ("/json-check/agrees-with-json-glib", test_json_check_agrees_with_json_glib);

  return g_test_run ();
}
