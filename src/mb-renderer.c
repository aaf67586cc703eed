/* mb-renderer.c – GTK's cairo renderer where OpenGL is software-rendered
 *
 * GTK 4.8 draws with OpenGL wherever it can, even when OpenGL is Mesa's
 * llvmpipe on the processor (a virtual desktop without a GPU, as many
 * regions give their staff). There every frame is rasterised in full by
 * the processor: on the large library a frame where nothing changed costs
 * ~60 ms of CPU, the first window's peak memory is 220 MB against 140 MB,
 * and a selection waits for the frame. GTK's cairo renderer repaints only
 * what changed and is faster at everything the window does there, so the
 * app asks for it when OpenGL turns out to be software, unless the user
 * chose a renderer with GSK_RENDERER. (README: "The window on the large
 * library".)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <epoxy/gl.h>

#include "mb-renderer.h"

/* Mesa's llvmpipe and softpipe (and zink on lavapipe, which names
 * llvmpipe), Mesa's old swrast, OpenSWR, Google's SwiftShader. Not "LLVM"
 * alone: VMware's SVGA3D names it, and draws on the host's GPU. */
static const char * const software[] = {
  "llvmpipe", "softpipe", "software rasterizer", "swr (", "swiftshader",
};

gboolean
mb_renderer_is_software_gl (const char *gl_renderer)
{
  g_autofree char *folded = NULL;

  if (gl_renderer == NULL)
    return FALSE;
  folded = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (folded, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

const char *
mb_renderer_choose (const char  *env_renderer,
                    const char  *gl_renderer,
                    const char **reason)
{
  const char *unused;

  if (reason == NULL)
    reason = &unused;

  /* GTK reads the variable itself; a value it does not know, it warns
   * about and ignores, and so does this. */
  if (env_renderer != NULL && env_renderer[0] != '\0')
    {
      *reason = "GSK_RENDERER is set";
      return NULL;
    }
  if (gl_renderer == NULL)
    {
      *reason = "OpenGL is not available (GTK falls back to cairo by itself)";
      return NULL;
    }
  if (mb_renderer_is_software_gl (gl_renderer))
    {
      *reason = "OpenGL is drawn by the processor";
      return "cairo";
    }
  *reason = "OpenGL is drawn by a GPU";
  return NULL;
}

/* GL_RENDERER of a context on @display, or NULL. The display keeps the
 * OpenGL setup it made for it; GTK's GL renderer would make the same. */
static char *
query_gl_renderer (GdkDisplay *display)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkGLContext) context = gdk_display_create_gl_context (display, &error);
  const char *name;
  char *result = NULL;

  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL context: %s", error != NULL ? error->message : "unknown error");
      return NULL;
    }
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  result = g_strdup (name);
  gdk_gl_context_clear_current ();
  return result;
}

void
mb_renderer_choose_for_display (GdkDisplay *display)
{
  const char *env = g_getenv ("GSK_RENDERER");
  g_autofree char *gl_renderer = NULL;
  const char *reason = NULL;
  const char *choice;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (GDK_IS_DISPLAY (display));

  /* The user's choice is not second-guessed, and costs no OpenGL setup. */
  if (env == NULL || env[0] == '\0')
    gl_renderer = query_gl_renderer (display);
  choice = mb_renderer_choose (env, gl_renderer, &reason);
  /* Read by GTK for each new window, before GSK_RENDERER (which is why it
   * is set only when the variable is not). */
  if (choice != NULL)
    g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup (choice), g_free);
  g_debug ("Renderer: %s, since %s (OpenGL renderer “%s”; %.1f ms to find out)",
           choice != NULL ? choice : env != NULL && env[0] != '\0' ? env : "GTK's default",
           reason, gl_renderer != NULL ? gl_renderer : "none",
           (g_get_monotonic_time () - start) / 1000.0);
}
