/* mb-canvas-cli.h – `--render OUT --strategy ID-OR-TITLE`, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The option entries of --render and --strategy, for the application. */
extern const GOptionEntry mb_canvas_cli_entries[];

/* Draws a strategy of the library at @library_path to the file --render
 * names (SVG, PNG or PDF by its extension), without a display. Returns the
 * exit status (0, 1 bad input, 2 usage), or -1 when --render and --strategy
 * were not given. Errors go to stderr as one line. */
int mb_canvas_cli_handle_options (GVariantDict *options,
                                  const char   *library_path);

G_END_DECLS
