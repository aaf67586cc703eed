/* mb-json-check.h – a strict RFC 8259 scanner run before json-glib parses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-problem-list.h"

G_BEGIN_DECLS

#define MB_JSON_CHECK_DEFAULT_MAX_DEPTH 64

/* Checks that @data is exactly one RFC 8259 JSON text, and more: objects
 * without duplicate keys, finite numbers, integers within 64 bits, strings
 * without NUL, nesting no deeper than @max_depth. json-glib 1.6 accepts many
 * of these silently (or crashes on deep nesting), so nothing reaches it
 * unchecked. Problems go to @problems with their JSON path; a syntax error
 * ends the scan, the other problems are all collected. Iterative: the
 * nesting depth costs no C stack. Returns TRUE when there is no problem. */
gboolean mb_json_check (const char    *data,
                        gsize          length,
                        guint          max_depth,
                        MbProblemList *problems);

char    *mb_json_path_append_key (const char *path,
                                  const char *key);

G_END_DECLS
