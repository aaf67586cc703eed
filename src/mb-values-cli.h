/* mb-values-cli.h – `--import-values FILE.csv --indicator ID-OR-REFERENCE`, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The option entries of --import-values and --indicator, for the application. */
extern const GOptionEntry mb_values_cli_entries[];

/* Records the values of the CSV file --import-values names for the indicator
 * --indicator names, in the library at @library_path, as one undo step, as
 * the window's CSV import does. Returns the exit status (0 with a one-line
 * summary on stdout, 1 bad input, 2 usage), or -1 when neither option was
 * given. Errors go to stderr as one line: "FILE: line N: reason". */
int mb_values_cli_handle_options (GVariantDict *options,
                                  const char   *library_path);

G_END_DECLS
