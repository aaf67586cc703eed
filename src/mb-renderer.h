/* mb-renderer.h – GTK's cairo renderer where OpenGL is software-rendered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The GSK renderer to ask for, by name, given the user's GSK_RENDERER
 * (@env_renderer, NULL if unset) and the OpenGL renderer string of the
 * display (@gl_renderer, NULL if OpenGL could not be used): "cairo" when
 * OpenGL is drawn by the processor and the user chose nothing, else NULL
 * (GTK's own choice, or the user's). @reason says why, for the log. */
const char *mb_renderer_choose          (const char  *env_renderer,
                                         const char  *gl_renderer,
                                         const char **reason);

/* Whether @gl_renderer (GL_RENDERER) names a software rasteriser. */
gboolean    mb_renderer_is_software_gl  (const char  *gl_renderer);

/* Makes the choice for @display, before its first window is realized. */
void        mb_renderer_choose_for_display (GdkDisplay *display);

G_END_DECLS
