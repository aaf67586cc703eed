/* mb-report-svg.c – cairo's SVG output, made fit to read, to save and to inline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <cairo-svg.h>

#include "mb-report-svg.h"

static cairo_status_t
write_to_string (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
mb_report_svg_surface_new (GString *svg,
                           double   width,
                           double   height)
{
  g_return_val_if_fail (svg != NULL, NULL);

  return cairo_svg_surface_create_for_stream (write_to_string, svg, width, height);
}

void
mb_report_svg_add_title (GString    *svg,
                         const char *title,
                         const char *desc)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *open, *end;

  g_return_if_fail (svg != NULL);

  open = strstr (svg->str, "<svg");
  end = open != NULL ? strchr (open, '>') : NULL;
  if (end == NULL)
    return;

  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      g_string_append_printf (text, "\n<title>%s</title>", escaped);
    }
  if (desc != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (desc, -1);

      g_string_append_printf (text, "\n<desc>%s</desc>", escaped);
    }
  g_string_insert (svg, end + 1 - svg->str, text->str);
}

void
mb_report_svg_strip_declaration (GString *svg)
{
  const char *end;

  g_return_if_fail (svg != NULL);

  if (!g_str_has_prefix (svg->str, "<?xml"))
    return;
  end = strstr (svg->str, "?>");
  if (end == NULL)
    return;
  end += 2;
  while (*end == '\n' || *end == '\r')
    end++;
  g_string_erase (svg, 0, end - svg->str);
}

void
mb_report_svg_prefix_ids (GString    *svg,
                          const char *prefix)
{
  /* What cairo writes: id="glyph0-1", xlink:href="#glyph0-1", url(#clip1). */
  static const char * const marks[] = { " id=\"", "href=\"#", "url(#" };
  g_autoptr(GString) out = NULL;

  g_return_if_fail (svg != NULL);
  g_return_if_fail (prefix != NULL);

  out = g_string_sized_new (svg->len + svg->len / 16);
  for (const char *p = svg->str; *p != '\0'; )
    {
      gsize mark_len = 0;
      const char *next;

      /* Most of an SVG is path data: copy up to where a mark could start. */
      next = strpbrk (p, " hu");
      if (next == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, next - p);
      p = next;
      for (guint i = 0; i < G_N_ELEMENTS (marks) && mark_len == 0; i++)
        if (strncmp (p, marks[i], strlen (marks[i])) == 0)
          mark_len = strlen (marks[i]);
      if (mark_len == 0)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      g_string_append_len (out, p, mark_len);
      g_string_append (out, prefix);
      g_string_append_c (out, '-');
      p += mark_len;
    }
  g_string_assign (svg, out->str);
}
