/* test-json-check.c – the strict JSON pre-scanner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "mb-json-check.h"
#include "mb-json-reader.h"

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

/* The reader, over checked text: values, spans and decoded strings. */
static void
test_json_reader_values (void)
{
  static const char text[] =
    "{\"plain\": \"abc\", \"esc\": \"a\\n\\\"\\u00e5\\ud83d\\ude00/\", "
    "\"n\": [0, -12, -9223372036854775808, 2.5, 1e3, true, false, null], "
    "\"skip\": [[1, {\"x\": \"]\"}], \"a,b\", {}], \"empty\": []}";
  g_autoptr(GByteArray) decoded = g_byte_array_new ();
  MbJsonReader reader;
  MbJsonString key, value;
  gint64 integer;
  double real;

  mb_json_reader_init (&reader, text, strlen (text), decoded);
  g_assert_cmpint (mb_json_reader_peek (&reader), ==, MB_JSON_OBJECT);
  g_assert_true (mb_json_reader_enter (&reader));

  g_assert_true (mb_json_reader_next (&reader));
  g_assert_true (mb_json_reader_read_key (&reader, &key));
  g_assert_false (key.decoded);
  g_assert_cmpmem (mb_json_reader_string_data (&reader, &key), key.length, "plain", 5);
  g_assert_true (mb_json_reader_read_string (&reader, &value));
  g_assert_false (value.decoded);
  g_assert_cmpmem (mb_json_reader_string_data (&reader, &value), value.length, "abc", 3);

  g_assert_true (mb_json_reader_next (&reader));
  g_assert_true (mb_json_reader_read_key (&reader, &key));
  g_assert_true (mb_json_reader_read_string (&reader, &value));
  g_assert_true (value.decoded);
  g_assert_cmpstr (mb_json_reader_string_data (&reader, &value), ==, "a\n\"\u00e5\U0001F600/");

  g_assert_true (mb_json_reader_next (&reader));
  g_assert_true (mb_json_reader_read_key (&reader, &key));
  g_assert_true (mb_json_reader_enter (&reader));
  {
    static const MbJsonKind kinds[] = {
      MB_JSON_INTEGER, MB_JSON_INTEGER, MB_JSON_INTEGER, MB_JSON_DOUBLE, MB_JSON_DOUBLE,
      MB_JSON_TRUE, MB_JSON_FALSE, MB_JSON_NULL,
    };
    static const gint64 integers[] = { 0, -12, G_MININT64 };
    static const double reals[] = { 2.5, 1000 };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_assert_true (mb_json_reader_next (&reader));
        g_assert_cmpint (mb_json_reader_peek (&reader), ==, kinds[i]);
        if (i < 3)
          {
            g_assert_cmpint (mb_json_reader_read_number (&reader, &integer, &real), ==,
                             MB_JSON_INTEGER);
            g_assert_cmpint (integer, ==, integers[i]);
          }
        else if (i < 5)
          {
            g_assert_cmpint (mb_json_reader_read_number (&reader, &integer, &real), ==,
                             MB_JSON_DOUBLE);
            g_assert_cmpfloat (real, ==, reals[i - 3]);
          }
        else
          g_assert_cmpint (mb_json_reader_read_literal (&reader), ==, kinds[i]);
      }
    g_assert_false (mb_json_reader_next (&reader));
  }

  /* Skipping counts the elements of the array's own level only. */
  g_assert_true (mb_json_reader_next (&reader));
  g_assert_true (mb_json_reader_read_key (&reader, &key));
  g_assert_cmpuint (mb_json_reader_skip (&reader), ==, 3);
  g_assert_true (mb_json_reader_next (&reader));
  g_assert_true (mb_json_reader_read_key (&reader, &key));
  g_assert_cmpuint (mb_json_reader_skip (&reader), ==, 0);
  g_assert_false (mb_json_reader_next (&reader));
  g_assert_false (mb_json_reader_failed (&reader));
}

/* Reads every value of @text, however deep, without recursion; returns
 * how many values it saw. */
static guint
walk (const char *text,
      gsize       length)
{
  g_autoptr(GByteArray) decoded = g_byte_array_new ();
  MbJsonReader reader;
  guint depth = 0, values = 0;
  gboolean in_object[64];

  mb_json_reader_init (&reader, text, length, decoded);
  for (;;)
    {
      MbJsonKind kind;
      MbJsonString string;
      gint64 integer;
      double real;

      if (depth > 0)
        {
          if (!mb_json_reader_next (&reader))
            {
              if (mb_json_reader_failed (&reader) || --depth == 0)
                break;
              continue;
            }
          if (in_object[depth - 1] && !mb_json_reader_read_key (&reader, &string))
            break;
        }

      kind = mb_json_reader_peek (&reader);
      values++;
      if ((kind == MB_JSON_OBJECT || kind == MB_JSON_ARRAY) && depth < G_N_ELEMENTS (in_object))
        {
          mb_json_reader_enter (&reader);
          in_object[depth++] = kind == MB_JSON_OBJECT;
          continue;
        }
      if (kind == MB_JSON_STRING)
        mb_json_reader_read_string (&reader, &string);
      else if (kind == MB_JSON_INTEGER || kind == MB_JSON_DOUBLE)
        mb_json_reader_read_number (&reader, &integer, &real);
      else
        mb_json_reader_skip (&reader);

      if (mb_json_reader_failed (&reader) || depth == 0)
        break;
    }

  return values;
}

/* Unchecked bytes: the reader stops, never hangs or reads outside them. */
static void
test_json_reader_garbage (void)
{
  static const char text[] =
    "{\"a\": [1, -2.5e3, \"x\\u00e5\\ud83d\\ude00\", {\"b\": [true, null]}], \"c\": \"\\\"\"}";
  static const char * const garbage[] = {
    "", "{", "[", "\"", "\"\\", "\"\\u12", "{\"a\"", "{\"a\":", "[1,", "[,,,]", "{]", "[}",
    "x", "-", "tru", "{\"a\" 1}", "[\"\\ud800\"]", "[\"\\u0000\"]", "{{{{", "]]]]",
  };
  gsize length = strlen (text);

  g_assert_cmpuint (walk (text, length), ==, 10);

  /* Every prefix of a valid text: where the reader would run off the end. */
  for (gsize n = 0; n < length; n++)
    {
      g_autofree char *copy = g_memdup2 (text, n);

      walk (copy != NULL ? copy : "", n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      gsize n = strlen (garbage[i]);
      g_autofree char *copy = g_memdup2 (garbage[i], n);

      walk (copy != NULL ? copy : "", n);
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
  g_test_add_func ("/json-reader/values", test_json_reader_values);
  g_test_add_func ("/json-reader/garbage", test_json_reader_garbage);

  return g_test_run ();
}
