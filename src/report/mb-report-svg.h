/* mb-report-svg.h – cairo's SVG output, made fit to read, to save and to inline
 *
 * cairo draws an SVG as glyph outlines with no title and numbered ids. These
 * add what a reader and a screen reader need, and what inlining several
 * drawings in one HTML page needs. Used by the report's charts and by the
 * app's canvas and roadmap exports alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* An SVG surface that appends what cairo writes to @svg (which must outlive
 * it). The text is complete once the surface is finished. */
cairo_surface_t *mb_report_svg_surface_new          (GString    *svg,
                                                     double      width,
                                                     double      height);

/* Inserts <title>@title</title> and <desc>@desc</desc> (each left out when
 * NULL), escaped, as the first children of the root <svg>, where assistive
 * technology looks for an image's name and description. */
void             mb_report_svg_add_title            (GString    *svg,
                                                     const char *title,
                                                     const char *desc);

/* Drops the <?xml …?> declaration, which has no place inside HTML. */
void             mb_report_svg_strip_declaration    (GString    *svg);

/* Prefixes every id (and every reference to one: href="#…", url(#…)) with
 * @prefix, so that several of cairo's drawings, each with its own "glyph0-1",
 * can stand in one HTML page without taking each other's glyphs. */
void             mb_report_svg_prefix_ids           (GString    *svg,
                                                     const char *prefix);

G_END_DECLS
