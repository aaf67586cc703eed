/* test-renderer.c – the renderer the app asks GTK for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <epoxy/gl.h>

#include "mb-renderer.h"

/* GL_RENDERER strings as drivers report them. */
static void
test_renderer_software_names (void)
{
  const char *software[] = {
    "llvmpipe (LLVM 15.0.6, 256 bits)",
    "llvmpipe (LLVM 11.0.1, 128 bits)",
    "softpipe",
    "Software Rasterizer",
    "zink Vulkan 1.3(llvmpipe (LLVM 15.0.6, 256 bits) (MESA_LLVMPIPE))",
    "SWR (LLVM 6.0, 256 bits)",
    "Google SwiftShader",
  };
  const char *hardware[] = {
    "Mesa Intel(R) UHD Graphics 620 (KBL GT2)",
    "AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)",
    "NVIDIA GeForce GTX 1650/PCIe/SSE2",
    "SVGA3D; build: RELEASE;  LLVM;",
    "virgl (Mesa Intel(R) UHD Graphics 630)",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    g_assert_true (mb_renderer_is_software_gl (software[i]));
  for (guint i = 0; i < G_N_ELEMENTS (hardware); i++)
    g_assert_false (mb_renderer_is_software_gl (hardware[i]));
  g_assert_false (mb_renderer_is_software_gl (NULL));
}

/* Cairo over software OpenGL, unless the user chose; GTK's own choice
 * otherwise. */
static void
test_renderer_choice (void)
{
  const char *llvmpipe = "llvmpipe (LLVM 15.0.6, 256 bits)";
  const char *gpu = "Mesa Intel(R) UHD Graphics 620 (KBL GT2)";
  const char *reason = NULL;

  g_assert_cmpstr (mb_renderer_choose (NULL, llvmpipe, &reason), ==, "cairo");
  g_assert_nonnull (reason);
  /* Set but empty is unset, as GTK reads it. */
  g_assert_cmpstr (mb_renderer_choose ("", llvmpipe, NULL), ==, "cairo");
  /* The user's choice wins, whatever it is. */
  reason = NULL;
  g_assert_null (mb_renderer_choose ("gl", llvmpipe, &reason));
  g_assert_nonnull (reason);
  g_assert_null (mb_renderer_choose ("ngl", llvmpipe, NULL));
  g_assert_null (mb_renderer_choose ("cairo", gpu, NULL));
  /* A GPU: GTK's default. */
  g_assert_null (mb_renderer_choose (NULL, gpu, NULL));
  /* No OpenGL: GTK falls back to cairo by itself. */
  g_assert_null (mb_renderer_choose (NULL, NULL, NULL));
}

/* On the display: the renderer GTK is asked for agrees with the display's
 * own OpenGL (software under Xvfb; a GPU elsewhere), and GSK_RENDERER
 * leaves it alone. */
static void
test_renderer_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  g_autofree char *gl_renderer = NULL;

  g_object_set_data (G_OBJECT (display), "gsk-renderer", NULL);
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  mb_renderer_choose_for_display (display);
  g_assert_null (g_object_get_data (G_OBJECT (display), "gsk-renderer"));

  /* Empty is unset, for GTK as for the app. */
  g_setenv ("GSK_RENDERER", "", TRUE);
  mb_renderer_choose_for_display (display);

  context = gdk_display_create_gl_context (display, NULL);
  if (context != NULL && gdk_gl_context_realize (context, NULL))
    {
      gdk_gl_context_make_current (context);
      gl_renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
      gdk_gl_context_clear_current ();
    }
  g_test_message ("OpenGL renderer: %s", gl_renderer ? gl_renderer : "none");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (display), "gsk-renderer"), ==,
                   mb_renderer_is_software_gl (gl_renderer) ? "cairo" : NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/software-names", test_renderer_software_names);
  g_test_add_func ("/renderer/choice", test_renderer_choice);
  g_test_add_func ("/renderer/display", test_renderer_display);

  return g_test_run ();
}
