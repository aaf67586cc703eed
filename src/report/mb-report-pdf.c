/* mb-report-pdf.c – a report's document as an A4 tagged PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid out twice by the same code: the first pass only measures, to learn
 * on which page each heading falls and how many pages there are; the second
 * draws, with the table of contents' page numbers and the footers' "of 12"
 * known. Nothing the second pass learns changes where anything goes (the
 * contents' numbers have a column of their own), so both agree.
 *
 * Tagged with cairo's tag API as Debian 12's cairo 1.16 has it. It marks
 * content only in leaf structure elements: text drawn while a container
 * (Document, Table, L, TOC) is the open element stays out of the structure,
 * which is what page headers, footers and a table's repeated header row
 * want. A paragraph that runs over a page is therefore closed and reopened
 * around the break, lest the next page's header fall inside it. Newer cairo
 * (the one with CAIRO_TAG_CONTENT) marks such content as its container's,
 * so there those are tagged as artifacts.
 *
 * cairo (1.16, and 1.18 too) writes no /Lang in the catalog and no /Alt on
 * a figure: it ignores attributes on structure tags. Both matter to a
 * screen reader, so they are added after cairo is done, as a standard PDF
 * incremental update (ISO 32000-1, 7.5.6) that replaces the catalog and
 * each figure's element with a copy carrying them; cairo's bytes are left
 * as they are. If cairo's output is not laid out as expected, the update is
 * skipped and the file is still whole.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "mb-report-chart.h"
#include "mb-report-write.h"

#define PAGE_WIDTH    595.28
#define PAGE_HEIGHT   841.89
#define MARGIN        62.36   /* 2.2 cm */
#define BODY_LEFT     MARGIN
#define BODY_WIDTH    (PAGE_WIDTH - 2 * MARGIN)
#define BODY_TOP      MARGIN
#define BODY_BOTTOM   (PAGE_HEIGHT - MARGIN)
#define HEADER_TOP    34.0
#define FOOTER_TOP    (PAGE_HEIGHT - 44.0)

#define CHART_HEIGHT  215.0
#define TOC_NUMBER_WIDTH 32.0
#define LIST_INDENT   16.0
#define CELL_PAD_X    4.0
#define CELL_PAD_Y    3.0

#define FONT_FAMILY "Cantarell,Inter,Noto Sans,DejaVu Sans,Sans"

#define COLOR_TEXT     0x241f31
#define COLOR_HEADING  0x1a4f8b   /* 8:1 on white */
#define COLOR_DIM      0x5e5c64   /* 6.6:1 */
#define COLOR_RULE     0xc0bfbc
#define COLOR_GRID     0xdeddda
#define COLOR_HEAD_BG  0xf2f1f0

typedef enum
{
  STYLE_BODY,
  STYLE_NOTE,
  STYLE_STATUS,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_TOC_1,
  STYLE_TOC,
  STYLE_TABLE,
  STYLE_TABLE_HEAD,
  STYLE_CAPTION,
  STYLE_MARGIN,
  STYLE_REGION,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_TITLE_DETAIL,
} Style;

static const struct
{
  double      size;
  PangoWeight weight;
  PangoStyle  slant;
  double      line_spacing;  /* a factor of the font's height; 0: the font's own */
  guint32     color;
  double      space_before;
  double      space_after;
} styles[] = {
  [STYLE_BODY] = { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.25, COLOR_TEXT, 0, 7 },
  [STYLE_NOTE] = { 10.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 1.25, COLOR_DIM, 0, 7 },
  [STYLE_STATUS] = { 10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.25, COLOR_TEXT, 2, 7 },
  [STYLE_H1] = { 20.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.1, COLOR_HEADING, 0, 12 },
  [STYLE_H2] = { 14.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.1, COLOR_HEADING, 14, 6 },
  [STYLE_H3] = { 12.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.1, COLOR_TEXT, 10, 4 },
  [STYLE_TOC_1] = { 10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.2, COLOR_TEXT, 7, 2 },
  [STYLE_TOC] = { 10.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.2, COLOR_TEXT, 0, 2 },
  [STYLE_TABLE] = { 9.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.15, COLOR_TEXT, 0, 0 },
  [STYLE_TABLE_HEAD] = { 9.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.15, COLOR_TEXT, 0, 0 },
  [STYLE_CAPTION] = { 9.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.2, COLOR_TEXT, 0, 4 },
  [STYLE_MARGIN] = { 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, COLOR_DIM, 0, 0 },
  [STYLE_REGION] = { 13.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.2, COLOR_DIM, 0, 0 },
  [STYLE_TITLE] = { 24.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1.1, COLOR_HEADING, 0, 0 },
  [STYLE_SUBTITLE] = { 15.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.2, COLOR_TEXT, 0, 0 },
  [STYLE_TITLE_DETAIL] = { 10.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1.3, COLOR_TEXT, 0, 0 },
};

/* Dark enough for text on white (5:1 or more); the word beside the symbol
 * says the status, the colour only repeats it. */
static const guint32 status_colors[MB_ASSESSMENT_N_STATUSES] = {
  [MB_ASSESSMENT_ON_TRACK] = 0x1c7a3f,
  [MB_ASSESSMENT_SOME_PROGRESS] = 0x7a5d00,
  [MB_ASSESSMENT_AT_RISK] = 0xa84300,
  [MB_ASSESSMENT_OFF_TRACK] = 0xb01c26,
  [MB_ASSESSMENT_NOT_ASSESSABLE] = 0x5e5c64,
};

typedef struct
{
  MbReportDoc     *doc;
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;

  /* FALSE in the first pass, which lays out and draws nothing. */
  gboolean         drawing;
  int              page;           /* the current page, from 1 */
  double           y;              /* where the next block goes */
  gboolean         fresh;          /* nothing on the page but its header */

  /* Learnt in the first pass, used in the second. */
  int              n_pages;
  GHashTable      *heading_pages;  /* anchor → page */
  /* Being learnt in this pass. */
  GHashTable      *pages_seen;

  int              outline[4];     /* the open outline item of each level */
  GPtrArray       *figure_alts;    /* each figure's text alternative, in order */
  /* Each table's columns and rows, measured once for both passes. */
  GHashTable      *tables;         /* MbReportTable * → TableLayout * */
} Writer;

/* Helpers */

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

#define WORD_JOINER "\u2060"
#define SHORT_WORD 24

/* @text with a word joiner after each slash or dash inside a short word:
 * "RUN/430/2018" and "2021–2050" are never broken over two lines (pango
 * would break after either, and pango 1.50 ignores allow-breaks="false"
 * after a dash). Long words, such as addresses, may still be broken rather
 * than run off the page. The joiner is invisible and not in the text read
 * out of the file. NULL when nothing changes. */
static char *
keep_short_words_whole (const char *text)
{
  GString *out = NULL;
  const char *word = text;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      if (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t')
        continue;
      if (g_utf8_strlen (word, p - word) <= SHORT_WORD)
        {
          for (const char *c = word; c < p; c = g_utf8_next_char (c))
            {
              gunichar ch = g_utf8_get_char (c);
              const char *next = g_utf8_next_char (c);
              gboolean breaks_after = ch == '/' || ch == '-' || ch == 0x2013 || ch == 0x2014;

              if (breaks_after && c > word && next < p)
                {
                  if (out == NULL)
                    out = g_string_new_len (text, c - text);
                  g_string_append_len (out, c, next - c);
                  g_string_append (out, WORD_JOINER);
                }
              else if (out != NULL)
                g_string_append_len (out, c, next - c);
            }
        }
      else if (out != NULL)
        g_string_append_len (out, word, p - word);
      if (*p == '\0')
        break;
      if (out != NULL)
        g_string_append_c (out, *p);
      word = p + 1;
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* @size: the font's size in points, 0 for the style's. */
static PangoLayout *
make_layout_sized (Writer     *w,
                   const char *text,
                   Style       style,
                   double      width,
                   double      size)
{
  PangoLayout *layout = pango_layout_new (w->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  g_autofree char *whole = NULL;

  pango_font_description_set_absolute_size (font, (size > 0 ? size : styles[style].size) *
                                                  PANGO_SCALE);
  pango_font_description_set_weight (font, styles[style].weight);
  pango_font_description_set_style (font, styles[style].slant);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (styles[style].line_spacing > 0)
    pango_layout_set_line_spacing (layout, styles[style].line_spacing);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (text == NULL)
    text = "";
  whole = keep_short_words_whole (text);
  pango_layout_set_text (layout, whole != NULL ? whole : text, -1);
  /* No ligatures: "fl" drawn as one glyph is read back (copied, searched,
   * spoken) as "ﬂ", and "målkonflikter" would not be found. */
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_font_features_new ("liga=0, clig=0"));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  return layout;
}

static PangoLayout *
make_layout (Writer     *w,
             const char *text,
             Style       style,
             double      width)
{
  return make_layout_sized (w, text, style, width, 0);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_layout (Writer      *w,
             PangoLayout *layout,
             guint32      color,
             double       x,
             double       y)
{
  if (!w->drawing)
    return;
  set_color (w->cr, color);
  cairo_move_to (w->cr, x, y);
  pango_cairo_show_layout (w->cr, layout);
}

/* An attribute for cairo's tags: key='value' with ' and \ escaped. */
static char *
tag_attribute (const char *key,
               const char *value)
{
  GString *out = g_string_new (key);

  g_string_append (out, "='");
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static void
tag_begin (Writer     *w,
           const char *name,
           const char *attributes)
{
  if (w->drawing)
    cairo_tag_begin (w->cr, name, attributes);
}

static void
tag_end (Writer     *w,
         const char *name)
{
  if (w->drawing)
    cairo_tag_end (w->cr, name);
}

/* Content outside the document's structure: headers, footers, a table's
 * repeated header row. cairo 1.16 leaves it unmarked by itself (see top). */
static void
artifact_begin (Writer *w)
{
#ifdef CAIRO_TAG_CONTENT
  tag_begin (w, "Artifact", NULL);
#endif
}

static void
artifact_end (Writer *w)
{
#ifdef CAIRO_TAG_CONTENT
  tag_end (w, "Artifact");
#endif
}

/* Pages */

static void
draw_page_margins (Writer *w)
{
  g_autofree char *footer = w->doc->page_word != NULL && w->doc->of_word != NULL
    ? g_strdup_printf ("%s %d %s %d", w->doc->page_word, w->page, w->doc->of_word, w->n_pages)
    : g_strdup_printf ("%d / %d", w->page, w->n_pages);
  g_autoptr(PangoLayout) header = make_layout (w, w->doc->title, STYLE_MARGIN, BODY_WIDTH);
  g_autoptr(PangoLayout) footer_layout = make_layout (w, footer, STYLE_MARGIN, BODY_WIDTH);

  pango_layout_set_ellipsize (header, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (footer_layout, PANGO_ALIGN_RIGHT);

  artifact_begin (w);
  show_layout (w, header, styles[STYLE_MARGIN].color, BODY_LEFT, HEADER_TOP);
  set_color (w->cr, COLOR_RULE);
  cairo_set_line_width (w->cr, 0.5);
  cairo_move_to (w->cr, BODY_LEFT, HEADER_TOP + layout_height (header) + 3);
  cairo_line_to (w->cr, BODY_LEFT + BODY_WIDTH, HEADER_TOP + layout_height (header) + 3);
  cairo_stroke (w->cr);
  show_layout (w, footer_layout, styles[STYLE_MARGIN].color, BODY_LEFT, FOOTER_TOP);
  artifact_end (w);
}

static void
begin_page (Writer *w)
{
  if (w->page > 0 && w->drawing)
    cairo_show_page (w->cr);
  w->page++;
  w->y = BODY_TOP;
  w->fresh = TRUE;
  /* The title page has neither header nor footer. */
  if (w->page > 1 && w->drawing)
    draw_page_margins (w);
}

/* Breaks the page unless @height fits below what is on it. A page with
 * nothing on it takes anything: what is taller than a page overflows
 * rather than loops. */
static void
need (Writer *w,
      double  height)
{
  if (!w->fresh && w->y + height > BODY_BOTTOM)
    begin_page (w);
}

static void
space_before (Writer *w,
              double  space)
{
  if (!w->fresh)
    w->y += space;
}

static void
advance (Writer *w,
         double  height)
{
  w->y += height;
  w->fresh = FALSE;
}

/* Paragraphs, by the line */

typedef struct
{
  double top;        /* from the layout's top */
  double bottom;
  double baseline;
  double x;
} LineBox;

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) logical.y / PANGO_SCALE;
      box.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      box.x = (double) logical.x / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

static void
show_lines (Writer      *w,
            PangoLayout *layout,
            GArray      *lines,
            guint        from,
            guint        to,
            guint32      color,
            double       x,
            double       y)
{
  double offset = y - g_array_index (lines, LineBox, from).top;

  if (!w->drawing)
    return;
  set_color (w->cr, color);
  for (guint i = from; i < to; i++)
    {
      LineBox *box = &g_array_index (lines, LineBox, i);

      cairo_move_to (w->cr, x + box->x, offset + box->baseline);
      pango_cairo_show_layout_line (w->cr, pango_layout_get_line_readonly (layout, i));
    }
}

static double
lines_height (GArray *lines,
              guint   from,
              guint   to)
{
  return g_array_index (lines, LineBox, to - 1).bottom - g_array_index (lines, LineBox, from).top;
}

/* The height a block needs at the bottom of a page for what comes before
 * it to stay with it: a paragraph's first two lines, a list's first item,
 * a table's caption, header and first row, a whole chart. */
static double block_min_height (Writer *w, guint index, int depth);

static Style
paragraph_style (const MbReportBlock *block)
{
  switch (block->style)
    {
    case MB_REPORT_PARAGRAPH_NOTE:
      return STYLE_NOTE;
    case MB_REPORT_PARAGRAPH_STATUS:
      return STYLE_STATUS;
    case MB_REPORT_PARAGRAPH_BODY:
    default:
      return STYLE_BODY;
    }
}

static void
write_paragraph (Writer              *w,
                 const MbReportBlock *block)
{
  Style style = paragraph_style (block);
  g_autoptr(PangoLayout) layout = make_layout (w, block->text, style, BODY_WIDTH);
  g_autoptr(GArray) lines = layout_lines (layout);
  guint32 color = styles[style].color;
  guint from = 0;

  if (block->style == MB_REPORT_PARAGRAPH_STATUS && block->status < MB_ASSESSMENT_N_STATUSES)
    color = status_colors[block->status];

  space_before (w, styles[style].space_before);
  while (from < lines->len)
    {
      guint n = lines->len, to = from;

      /* As many lines as fit, but never one alone at the foot of a page
       * (an orphan) or at the head of the next (a widow). */
      while (to < n && w->y + lines_height (lines, from, to + 1) <= BODY_BOTTOM)
        to++;
      if (to < n)
        {
          if (n - to < 2)
            to = n >= from + 4 ? n - 2 : from;
          if (to - from < 2)
            to = from;
        }
      if (to == from)
        {
          if (!w->fresh)
            {
              begin_page (w);
              continue;
            }
          /* A line taller than a page: take it anyway. */
          to = from + 1;
        }

      tag_begin (w, "P", NULL);
      show_lines (w, layout, lines, from, to, color, BODY_LEFT, w->y);
      tag_end (w, "P");
      advance (w, lines_height (lines, from, to));
      from = to;
      if (from < n)
        begin_page (w);
    }
  w->y += styles[style].space_after;
}

/* Headings and the contents */

static Style
heading_style (int level)
{
  return level <= 1 ? STYLE_H1 : level == 2 ? STYLE_H2 : STYLE_H3;
}

static void
write_heading (Writer              *w,
               guint                index)
{
  const MbReportBlock *block = g_ptr_array_index (w->doc->blocks, index);
  Style style = heading_style (block->level);
  g_autoptr(PangoLayout) layout = make_layout (w, block->text, style, BODY_WIDTH);
  double height = layout_height (layout);
  char tag[3] = { 'H', (char) ('0' + CLAMP (block->level, 1, 3)), '\0' };

  if (block->level <= 1 && !w->fresh)
    begin_page (w);
  space_before (w, styles[style].space_before);
  /* Never alone at the foot of a page. */
  need (w, height + styles[style].space_after + block_min_height (w, index + 1, 0));

  g_hash_table_insert (w->pages_seen, block->anchor, GINT_TO_POINTER (w->page));
  if (w->drawing)
    {
      g_autofree char *dest = tag_attribute ("name", block->anchor);
      g_autofree char *link = tag_attribute ("dest", block->anchor);
      int level = CLAMP (block->level, 1, 3);
      int parent = level > 1 ? w->outline[level - 1] : CAIRO_PDF_OUTLINE_ROOT;

      tag_begin (w, tag, NULL);
      tag_begin (w, CAIRO_TAG_DEST, dest);
      show_layout (w, layout, styles[style].color, BODY_LEFT, w->y);
      tag_end (w, CAIRO_TAG_DEST);
      tag_end (w, tag);

      w->outline[level] = cairo_pdf_surface_add_outline (w->surface, parent, block->text, link,
                                                         level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN
                                                                    : 0);
      for (int l = level + 1; l < (int) G_N_ELEMENTS (w->outline); l++)
        w->outline[l] = w->outline[level];
    }
  advance (w, height + styles[style].space_after);
}

static void
write_toc (Writer *w,
           guint   index)
{
  g_autoptr(PangoLayout) title = make_layout (w, w->doc->toc_title, STYLE_H1, BODY_WIDTH);
  gboolean open = FALSE;

  if (!w->fresh)
    begin_page (w);
  tag_begin (w, "H1", NULL);
  show_layout (w, title, styles[STYLE_H1].color, BODY_LEFT, w->y);
  tag_end (w, "H1");
  advance (w, layout_height (title) + styles[STYLE_H1].space_after);

  for (guint i = index + 1; i < w->doc->blocks->len; i++)
    {
      const MbReportBlock *block = g_ptr_array_index (w->doc->blocks, i);
      Style style;
      double indent, text_width, height;
      g_autoptr(PangoLayout) layout = NULL;
      g_autoptr(PangoLayout) number = NULL;
      g_autofree char *page = NULL;

      if (block->kind != MB_REPORT_BLOCK_HEADING)
        continue;

      style = block->level <= 1 ? STYLE_TOC_1 : STYLE_TOC;
      indent = (CLAMP (block->level, 1, 3) - 1) * 14.0;
      text_width = BODY_WIDTH - indent - TOC_NUMBER_WIDTH - 8;
      layout = make_layout (w, block->text, style, text_width);
      height = layout_height (layout);

      if (open)
        space_before (w, styles[style].space_before);
      if (!w->fresh && w->y + height > BODY_BOTTOM)
        begin_page (w);
      if (!open)
        {
          tag_begin (w, "TOC", NULL);
          open = TRUE;
        }

      /* The space keeps title and number apart in the text a screen
       * reader reads; right-aligned, it is not seen. */
      page = g_strdup_printf (" %d", GPOINTER_TO_INT (g_hash_table_lookup (w->heading_pages,
                                                                           block->anchor)));
      number = make_layout (w, page, style, TOC_NUMBER_WIDTH);
      pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);

      if (w->drawing)
        {
          g_autofree char *link = tag_attribute ("dest", block->anchor);
          g_autoptr(GArray) lines = layout_lines (layout);
          LineBox *last = &g_array_index (lines, LineBox, lines->len - 1);
          PangoRectangle logical;
          double number_x = BODY_LEFT + BODY_WIDTH - TOC_NUMBER_WIDTH;
          double leader_from, leader_y;
          static const double dots[] = { 0.01, 3.5 };

          pango_layout_line_get_extents (pango_layout_get_line_readonly (layout,
                                                                         lines->len - 1),
                                         NULL, &logical);
          leader_from = BODY_LEFT + indent + last->x + (double) logical.width / PANGO_SCALE + 4;
          leader_y = w->y + last->baseline;

          tag_begin (w, "TOCI", NULL);
          tag_begin (w, CAIRO_TAG_LINK, link);
          show_layout (w, layout, styles[style].color, BODY_LEFT + indent, w->y);
          /* Dotted leaders from the title to its page. */
          if (number_x + TOC_NUMBER_WIDTH - layout_width (number) - 4 > leader_from)
            {
              cairo_save (w->cr);
              set_color (w->cr, COLOR_DIM);
              cairo_set_line_width (w->cr, 0.9);
              cairo_set_line_cap (w->cr, CAIRO_LINE_CAP_ROUND);
              cairo_set_dash (w->cr, dots, G_N_ELEMENTS (dots), 0);
              cairo_move_to (w->cr, ceil (leader_from / 3.5) * 3.5, leader_y);
              cairo_line_to (w->cr, number_x + TOC_NUMBER_WIDTH - layout_width (number) - 4,
                             leader_y);
              cairo_stroke (w->cr);
              cairo_restore (w->cr);
            }
          show_layout (w, number, styles[style].color, number_x,
                       w->y + last->top);
          tag_end (w, CAIRO_TAG_LINK);
          tag_end (w, "TOCI");
        }
      advance (w, height + styles[style].space_after);
    }
  if (open)
    tag_end (w, "TOC");
  w->y += 14;
}

/* Lists */

static double
list_item_height (Writer     *w,
                  const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (w, text, STYLE_BODY, BODY_WIDTH - LIST_INDENT);

  return layout_height (layout);
}

static void
write_list (Writer              *w,
            const MbReportBlock *block)
{
  if (block->items->len == 0)
    return;

  need (w, list_item_height (w, block->items->pdata[0]));
  tag_begin (w, "L", NULL);
  for (guint i = 0; i < block->items->len; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (w, block->items->pdata[i], STYLE_BODY,
                                                   BODY_WIDTH - LIST_INDENT);
      g_autoptr(PangoLayout) bullet = make_layout (w, "•", STYLE_BODY, 0);
      double height = layout_height (layout);

      need (w, height);
      tag_begin (w, "LI", NULL);
      tag_begin (w, "Lbl", NULL);
      show_layout (w, bullet, COLOR_TEXT, BODY_LEFT + 4, w->y);
      tag_end (w, "Lbl");
      tag_begin (w, "LBody", NULL);
      show_layout (w, layout, COLOR_TEXT, BODY_LEFT + LIST_INDENT, w->y);
      tag_end (w, "LBody");
      tag_end (w, "LI");
      advance (w, height + 3);
    }
  tag_end (w, "L");
  w->y += styles[STYLE_BODY].space_after - 3;
}

/* Tables */

typedef struct
{
  const MbReportTable *table;
  double               size;     /* the font's, in points */
  double               width;    /* the table's */
  double              *widths;   /* of each column, padding included */
  double              *heights;  /* of each row (0: the header), NAN until measured */
} TableLayout;

static void
table_layout_free (gpointer data)
{
  TableLayout *tl = data;

  g_free (tl->widths);
  g_free (tl->heights);
  g_free (tl);
}

static gboolean
is_header_cell (const MbReportTable *table,
                guint                column)
{
  return column == 0 && table->row_headers;
}

/* Each column's width on one line and its longest word, at @size. */
static void
measure_columns (Writer              *w,
                 const MbReportTable *table,
                 double               size,
                 double              *natural,
                 double              *minimum)
{
  for (guint c = 0; c < table->n_columns; c++)
    natural[c] = minimum[c] = 2 * CELL_PAD_X;
  for (guint r = 0; r <= table->rows->len; r++)
    {
      char **cells = r == 0 ? table->headers : table->rows->pdata[r - 1];

      for (guint c = 0; c < table->n_columns; c++)
        {
          Style style = r == 0 ? STYLE_TABLE_HEAD : STYLE_TABLE;
          g_autoptr(PangoLayout) layout = make_layout_sized (w, cells[c], style, 0, size);

          natural[c] = MAX (natural[c], layout_width (layout) + 2 * CELL_PAD_X);
          /* Wrapped at every chance, a layout is as wide as its longest
           * word. */
          pango_layout_set_width (layout, 1);
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          minimum[c] = MAX (minimum[c], layout_width (layout) + 2 * CELL_PAD_X);
        }
    }
}

/* Columns as wide as their content asks, as far as the page allows: each
 * at least its longest word, the rest shared by how much more each would
 * take to stand on one line. A table whose longest words do not fit side
 * by side is set a little smaller first, down to 7 points, before words
 * are broken. A table that needs little room takes little: numbers stay
 * near what they stand for. */
static void
table_widths (Writer      *w,
              TableLayout *tl)
{
  static const double sizes[] = { 9.0, 8.5, 8.0, 7.5, 7.0 };
  const MbReportTable *table = tl->table;
  guint n = table->n_columns;
  g_autofree double *natural = g_new0 (double, n);
  g_autofree double *minimum = g_new0 (double, n);
  double sum_natural = 0, sum_minimum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      tl->size = sizes[i];
      measure_columns (w, table, tl->size, natural, minimum);
      sum_natural = sum_minimum = 0;
      for (guint c = 0; c < n; c++)
        {
          sum_natural += natural[c];
          sum_minimum += minimum[c];
        }
      if (sum_minimum <= BODY_WIDTH)
        break;
    }

  tl->widths = g_new0 (double, n);
  if (sum_natural <= BODY_WIDTH)
    {
      tl->width = MIN (BODY_WIDTH, MAX (sum_natural * 1.15, BODY_WIDTH * 0.6));
      for (guint c = 0; c < n; c++)
        tl->widths[c] = natural[c] * tl->width / sum_natural;
      return;
    }
  tl->width = BODY_WIDTH;
  for (guint c = 0; c < n; c++)
    {
      if (sum_minimum >= BODY_WIDTH)
        tl->widths[c] = minimum[c] * BODY_WIDTH / sum_minimum;
      else
        tl->widths[c] = minimum[c] + (BODY_WIDTH - sum_minimum) *
                                     (natural[c] - minimum[c]) / (sum_natural - sum_minimum);
    }
}

static PangoLayout *
cell_layout (Writer      *w,
             TableLayout *tl,
             guint        row,    /* 0: the header row */
             guint        column)
{
  const MbReportTable *table = tl->table;
  char **cells = row == 0 ? table->headers : table->rows->pdata[row - 1];
  PangoLayout *layout = make_layout_sized (w, cells[column],
                                           row == 0 ? STYLE_TABLE_HEAD : STYLE_TABLE,
                                           tl->widths[column] - 2 * CELL_PAD_X, tl->size);

  if (table->numeric[column])
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  return layout;
}

static double
measure_row_height (Writer      *w,
                    TableLayout *tl,
                    guint        row)
{
  double height = 0;

  for (guint c = 0; c < tl->table->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (w, tl, row, c);

      height = MAX (height, layout_height (layout));
    }
  return height + 2 * CELL_PAD_Y;
}

static double
row_height (Writer      *w,
            TableLayout *tl,
            guint        row)
{
  if (isnan (tl->heights[row]))
    tl->heights[row] = measure_row_height (w, tl, row);
  return tl->heights[row];
}

/* The table's columns, measured the first time it is met: measuring is
 * most of a long report's time, and both passes need the same. */
static TableLayout *
table_layout (Writer              *w,
              const MbReportTable *table)
{
  TableLayout *tl = g_hash_table_lookup (w->tables, table);

  if (tl == NULL)
    {
      tl = g_new0 (TableLayout, 1);
      tl->table = table;
      table_widths (w, tl);
      tl->heights = g_new (double, table->rows->len + 1);
      for (guint r = 0; r <= table->rows->len; r++)
        tl->heights[r] = NAN;
      g_hash_table_insert (w->tables, (gpointer) table, tl);
    }
  return tl;
}

/* @tagged: FALSE for the header row repeated on a new page, which is no
 * part of the table's structure. */
static void
draw_row (Writer      *w,
          TableLayout *tl,
          guint        row,
          double       height,
          gboolean     tagged)
{
  const MbReportTable *table = tl->table;
  double x = BODY_LEFT;

  if (!w->drawing)
    return;

  if (row == 0)
    {
      set_color (w->cr, COLOR_HEAD_BG);
      cairo_rectangle (w->cr, BODY_LEFT, w->y, tl->width, height);
      cairo_fill (w->cr);
    }
  if (tagged)
    tag_begin (w, "TR", NULL);
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (w, tl, row, c);
      const char *tag = row == 0 || is_header_cell (table, c) ? "TH" : "TD";

      if (tagged)
        tag_begin (w, tag, NULL);
      show_layout (w, layout, COLOR_TEXT, x + CELL_PAD_X, w->y + CELL_PAD_Y);
      if (tagged)
        tag_end (w, tag);
      x += tl->widths[c];
    }
  if (tagged)
    tag_end (w, "TR");

  set_color (w->cr, row == 0 ? 0x77767b : COLOR_GRID);
  cairo_set_line_width (w->cr, row == 0 ? 0.75 : 0.5);
  cairo_move_to (w->cr, BODY_LEFT, w->y + height);
  cairo_line_to (w->cr, BODY_LEFT + tl->width, w->y + height);
  cairo_stroke (w->cr);
}

static void
write_table (Writer              *w,
             const MbReportBlock *block)
{
  TableLayout *tl = table_layout (w, block->table);
  g_autoptr(PangoLayout) caption = NULL;
  double caption_height = 0, header_height, first_height;

  if (block->table->caption != NULL)
    {
      caption = make_layout (w, block->table->caption, STYLE_CAPTION, BODY_WIDTH);
      caption_height = layout_height (caption) + styles[STYLE_CAPTION].space_after;
    }
  header_height = row_height (w, tl, 0);
  first_height = block->table->rows->len > 0 ? row_height (w, tl, 1) : 0;

  space_before (w, 4);
  need (w, caption_height + header_height + first_height);
  tag_begin (w, "Table", NULL);
  if (caption != NULL)
    {
      tag_begin (w, "Caption", NULL);
      show_layout (w, caption, COLOR_TEXT, BODY_LEFT, w->y);
      tag_end (w, "Caption");
      advance (w, caption_height);
    }
  draw_row (w, tl, 0, header_height, TRUE);
  advance (w, header_height);

  for (guint r = 1; r <= block->table->rows->len; r++)
    {
      double height = r == 1 ? first_height : row_height (w, tl, r);

      /* A row is never split; the header row starts every page the table
       * runs onto. */
      if (w->y + height > BODY_BOTTOM)
        {
          begin_page (w);
          artifact_begin (w);
          draw_row (w, tl, 0, header_height, FALSE);
          artifact_end (w);
          advance (w, header_height);
        }
      draw_row (w, tl, r, height, TRUE);
      advance (w, height);
    }
  tag_end (w, "Table");
  w->y += 12;
}

/* Charts */

static void
write_chart (Writer              *w,
             const MbReportBlock *block)
{
  const MbReportChart *chart = block->chart;
  g_autoptr(PangoLayout) caption = make_layout (w, chart->title, STYLE_CAPTION, BODY_WIDTH);
  double caption_height = layout_height (caption);

  space_before (w, 6);
  need (w, CHART_HEIGHT + 8 + caption_height);
  if (w->drawing)
    {
      tag_begin (w, "Figure", NULL);
      cairo_save (w->cr);
      cairo_translate (w->cr, BODY_LEFT, w->y);
      mb_report_chart_draw (w->cr, chart, w->doc->language, BODY_WIDTH, CHART_HEIGHT);
      cairo_restore (w->cr);
      tag_end (w, "Figure");
      g_ptr_array_add (w->figure_alts, g_strdup (chart->description != NULL
                                                   ? chart->description
                                                   : chart->title != NULL ? chart->title : ""));

      /* Beside the figure: cairo 1.16 marks no content in an element
       * that has children. */
      tag_begin (w, "Caption", NULL);
      show_layout (w, caption, COLOR_TEXT, BODY_LEFT, w->y + CHART_HEIGHT + 8);
      tag_end (w, "Caption");
    }
  advance (w, CHART_HEIGHT + 8 + caption_height + 14);
}

/* The title page */

static double
title_line (Writer     *w,
            const char *tag,
            const char *text,
            Style       style,
            double      y)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return y;
  layout = make_layout (w, text, style, BODY_WIDTH);
  tag_begin (w, tag, NULL);
  show_layout (w, layout, styles[style].color, BODY_LEFT, y);
  tag_end (w, tag);
  return y + layout_height (layout);
}

static void
write_title_page (Writer *w)
{
  MbReportDoc *doc = w->doc;
  const char *details[] = { doc->date, doc->registration_number, doc->unit, doc->contact };
  double y = BODY_TOP + 90;

  y = title_line (w, "P", doc->region, STYLE_REGION, y);
  y += 26;
  if (w->drawing)
    {
      set_color (w->cr, COLOR_HEADING);
      cairo_rectangle (w->cr, BODY_LEFT, y, 56, 4);
      cairo_fill (w->cr);
    }
  y += 20;
  y = title_line (w, "H1", doc->title, STYLE_TITLE, y);
  y += 12;
  title_line (w, "P", doc->subtitle, STYLE_SUBTITLE, y);

  /* The particulars at the foot of the page. */
  y = BODY_BOTTOM - 110;
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    y = title_line (w, "P", details[i], STYLE_TITLE_DETAIL, y) + 2;
  w->fresh = FALSE;
}

/* Keeping together */

static double
block_min_height (Writer *w,
                  guint   index,
                  int     depth)
{
  const MbReportBlock *block;

  if (index >= w->doc->blocks->len || depth > 2)
    return 0;
  block = g_ptr_array_index (w->doc->blocks, index);
  switch (block->kind)
    {
    case MB_REPORT_BLOCK_HEADING:
      {
        Style style = heading_style (block->level);
        g_autoptr(PangoLayout) layout = make_layout (w, block->text, style, BODY_WIDTH);

        if (block->level <= 1)
          return 0;
        return styles[style].space_before + layout_height (layout) + styles[style].space_after +
               block_min_height (w, index + 1, depth + 1);
      }
    case MB_REPORT_BLOCK_PARAGRAPH:
      {
        Style style = paragraph_style (block);
        g_autoptr(PangoLayout) layout = make_layout (w, block->text, style, BODY_WIDTH);
        g_autoptr(GArray) lines = layout_lines (layout);

        return styles[style].space_before +
               lines_height (lines, 0, lines->len <= 3 ? lines->len : 2);
      }
    case MB_REPORT_BLOCK_LIST:
      return block->items->len > 0 ? list_item_height (w, block->items->pdata[0]) : 0;
    case MB_REPORT_BLOCK_TABLE:
      {
        TableLayout *tl = table_layout (w, block->table);
        double height;

        height = 4 + row_height (w, tl, 0) +
                 (block->table->rows->len > 0 ? row_height (w, tl, 1) : 0);
        if (block->table->caption != NULL)
          {
            g_autoptr(PangoLayout) caption = make_layout (w, block->table->caption,
                                                          STYLE_CAPTION, BODY_WIDTH);

            height += layout_height (caption) + styles[STYLE_CAPTION].space_after;
          }
        return height;
      }
    case MB_REPORT_BLOCK_CHART:
      return 6 + CHART_HEIGHT + 8 + 14;
    case MB_REPORT_BLOCK_TOC:
    default:
      return 0;
    }
}

/* One pass over the document. */
static void
write_document (Writer *w)
{
  w->page = 0;
  w->y = BODY_TOP;
  memset (w->outline, 0, sizeof w->outline);
  g_hash_table_remove_all (w->pages_seen);

  tag_begin (w, "Document", NULL);
  begin_page (w);
  write_title_page (w);
  if (w->doc->blocks->len > 0)
    begin_page (w);
  for (guint i = 0; i < w->doc->blocks->len; i++)
    {
      const MbReportBlock *block = g_ptr_array_index (w->doc->blocks, i);

      switch (block->kind)
        {
        case MB_REPORT_BLOCK_TOC:
          write_toc (w, i);
          break;
        case MB_REPORT_BLOCK_HEADING:
          write_heading (w, i);
          break;
        case MB_REPORT_BLOCK_PARAGRAPH:
          write_paragraph (w, block);
          break;
        case MB_REPORT_BLOCK_LIST:
          write_list (w, block);
          break;
        case MB_REPORT_BLOCK_TABLE:
          write_table (w, block);
          break;
        case MB_REPORT_BLOCK_CHART:
          write_chart (w, block);
          break;
        default:
          break;
        }
    }
  tag_end (w, "Document");
}

/* What cairo cannot write: the catalog's /Lang, the figures' /Alt */

/* @text as a PDF text string: UTF-16BE with its byte order mark, in hex. */
static char *
pdf_text_string (const char *text)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n = 0;
  GString *out = g_string_new ("<FEFF");

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
  return g_string_free (out, FALSE);
}

/* cairo's output holds compressed streams: searches that do not stop at a
 * NUL byte. The first occurrence of @needle in [@from, @to), or -1. */
static gssize
find_bytes (const GByteArray *pdf,
            gsize             from,
            gsize             to,
            const char       *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= MIN (to, pdf->len); i++)
    if (memcmp (pdf->data + i, needle, n) == 0)
      return (gssize) i;
  return -1;
}

/* The last occurrence of @needle that starts before @to, or -1. */
static gssize
rfind_bytes (const GByteArray *pdf,
             gsize             to,
             const char       *needle)
{
  gsize n = strlen (needle);

  for (gsize i = MIN (to, pdf->len >= n ? pdf->len - n + 1 : 0); i-- > 0; )
    if (memcmp (pdf->data + i, needle, n) == 0)
      return (gssize) i;
  return -1;
}

static int
int_at (const GByteArray *pdf,
        gsize             at)
{
  int value = 0;

  while (at < pdf->len && pdf->data[at] == ' ')
    at++;
  for (; at < pdf->len && g_ascii_isdigit (pdf->data[at]); at++)
    value = value * 10 + (pdf->data[at] - '0');
  return value;
}

/* The dictionary of the object "N 0 obj\n<< … >>\nendobj" whose line
 * starts at @head in cairo's output, without its closing ">>", or NULL. */
static char *
object_dictionary_at (const GByteArray *pdf,
                      gsize             head)
{
  gssize start = find_bytes (pdf, head, MIN (pdf->len, head + 32), " 0 obj\n<<");
  gssize end;

  if (start < 0)
    return NULL;
  start += strlen (" 0 obj\n");
  end = find_bytes (pdf, start, pdf->len, ">>\nendobj");
  if (end < 0)
    return NULL;
  return g_strndup ((const char *) pdf->data + start, end - start);
}

static char *
object_dictionary (const GByteArray *pdf,
                   int               number)
{
  g_autofree char *head = g_strdup_printf ("\n%d 0 obj\n<<", number);
  gssize start = find_bytes (pdf, 0, pdf->len, head);

  return start < 0 ? NULL : object_dictionary_at (pdf, start + 1);
}

static int
trailer_entry (const GByteArray *pdf,
               gsize             trailer,
               gsize             end,
               const char       *key)
{
  gssize at = find_bytes (pdf, trailer, end, key);

  return at < 0 ? 0 : int_at (pdf, at + strlen (key));
}

typedef struct
{
  int   number;
  gsize offset;
} XrefEntry;

static int
compare_xref_entries (gconstpointer a,
                      gconstpointer b)
{
  return ((const XrefEntry *) a)->number - ((const XrefEntry *) b)->number;
}

static void
append_object (GString    *update,
               gsize       base,
               GArray     *xref,
               int         number,
               const char *dictionary,
               const char *entries)
{
  XrefEntry entry = { number, base + update->len };

  g_array_append_val (xref, entry);
  g_string_append_printf (update, "%d 0 obj\n%s%s>>\nendobj\n", number, dictionary, entries);
}

/* Appends an incremental update with the catalog's /Lang and
 * /ViewerPreferences (the title, not the file name, in the window's title)
 * and each figure's /Alt. Leaves @pdf as it was when cairo's output is not
 * laid out as this expects. */
static void
add_language_and_alternatives (GByteArray *pdf,
                               const char *lang,
                               GPtrArray  *alts)
{
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(GArray) entries_xref = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  g_autofree char *catalog = NULL;
  g_autofree char *lang_string = NULL;
  g_autofree char *entries = NULL;
  gssize startxref, trailer;
  int size, root, info, prev;
  gsize base = pdf->len, xref;
  guint figure = 0;

  startxref = rfind_bytes (pdf, pdf->len, "startxref");
  trailer = startxref < 0 ? -1 : rfind_bytes (pdf, startxref, "trailer");
  if (trailer < 0)
    return;
  prev = int_at (pdf, startxref + strlen ("startxref\n"));
  size = trailer_entry (pdf, trailer, startxref, "/Size ");
  root = trailer_entry (pdf, trailer, startxref, "/Root ");
  info = trailer_entry (pdf, trailer, startxref, "/Info ");
  catalog = root > 0 ? object_dictionary (pdf, root) : NULL;
  /* A cairo that writes the language itself needs none of this. */
  if (prev <= 0 || size <= 0 || catalog == NULL || strstr (catalog, "/Lang") != NULL)
    return;

  if (base > 0 && pdf->data[base - 1] != '\n')
    g_string_append_c (update, '\n');

  lang_string = pdf_text_string (lang);
  entries = g_strdup_printf ("   /Lang %s\n   /ViewerPreferences << /DisplayDocTitle true >>\n",
                             lang_string);
  append_object (update, base, entries_xref, root, catalog, entries);

  /* The figures' elements, in the order they were drawn, which is the
   * structure tree's order. */
  for (gssize hit = find_bytes (pdf, 0, base, "\n   /S /Figure\n");
       hit >= 0 && figure < alts->len;
       hit = find_bytes (pdf, hit + 1, base, "\n   /S /Figure\n"))
    {
      gssize head = rfind_bytes (pdf, hit, " 0 obj\n");
      g_autofree char *dictionary = NULL;
      g_autofree char *alt = NULL;
      g_autofree char *alt_entry = NULL;
      gssize line;
      int number;

      if (head < 0)
        break;
      for (line = head; line > 0 && pdf->data[line - 1] != '\n'; line--)
        ;
      number = int_at (pdf, line);
      /* Read where it stands: searching the file for each figure would
       * take a long report quadratic time. */
      dictionary = number > 0 ? object_dictionary_at (pdf, line) : NULL;
      if (dictionary == NULL)
        break;
      alt = pdf_text_string (alts->pdata[figure++]);
      if (strstr (dictionary, "/Alt") != NULL)
        continue;
      alt_entry = g_strdup_printf ("   /Alt %s\n", alt);
      append_object (update, base, entries_xref, number, dictionary, alt_entry);
    }

  xref = base + update->len;
  g_array_sort (entries_xref, compare_xref_entries);
  g_string_append (update, "xref\n");
  for (guint i = 0; i < entries_xref->len; i++)
    {
      XrefEntry *entry = &g_array_index (entries_xref, XrefEntry, i);

      g_string_append_printf (update, "%d 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                              entry->number, entry->offset);
    }
  g_string_append_printf (update, "trailer\n<< /Size %d\n   /Root %d 0 R\n", size, root);
  if (info > 0)
    g_string_append_printf (update, "   /Info %d 0 R\n", info);
  g_string_append_printf (update, "   /Prev %d\n>>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          prev, xref);
  g_byte_array_append (pdf, (const guint8 *) update->str, update->len);
}

/* Writing the file */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Beside @path, then renamed over it: a failure leaves nothing behind. */
static gboolean
write_file (const char    *path,
            const guint8  *data,
            gsize          length,
            GError       **error)
{
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  int fd, saved_errno;
  gsize done = 0;

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      goto failed;
    }
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          goto failed_open;
        }
      done += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved_errno = errno;
      fd = -1;
      goto failed_open;
    }
  fd = -1;
  if (g_rename (temp, path) != 0)
    {
      saved_errno = errno;
      goto failed_open;
    }
  return TRUE;

failed_open:
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
failed:
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
mb_report_write_pdf (MbReportDoc *doc,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) second = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) alts = g_ptr_array_new_with_free_func (g_free);
  cairo_status_t status;
  Writer w = { 0 };

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  w.doc = doc;
  w.surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  /* PDF 1.4, tagged PDF's own version, keeps a newer cairo (1.17.6 on) from
   * packing objects into compressed streams, where the update that adds
   * /Lang and /Alt could not find them. */
  cairo_pdf_surface_restrict_to_version (w.surface, CAIRO_PDF_VERSION_1_4);
  if (doc->title != NULL)
    cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->region != NULL)
    cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_AUTHOR, doc->region);
  if (doc->subtitle != NULL)
    cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_SUBJECT, doc->subtitle);
  cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_CREATOR, "Målbild");
  /* The document's own time, so that equal documents give equal files. */
  if (doc->generated != NULL)
    {
      cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_CREATE_DATE, doc->generated);
      cairo_pdf_surface_set_metadata (w.surface, CAIRO_PDF_METADATA_MOD_DATE, doc->generated);
    }
  w.cr = cairo_create (w.surface);
  w.context = pango_cairo_create_context (w.cr);
  w.figure_alts = alts;
  w.tables = g_hash_table_new_full (NULL, NULL, NULL, table_layout_free);

  /* Lay out, to learn each heading's page and the number of pages. */
  w.drawing = FALSE;
  w.heading_pages = first;
  w.pages_seen = first;
  write_document (&w);
  w.n_pages = w.page;

  /* Draw. */
  w.drawing = TRUE;
  w.pages_seen = second;
  write_document (&w);
  g_warn_if_fail (w.page == w.n_pages);

  status = cairo_status (w.cr);
  g_hash_table_unref (w.tables);
  g_object_unref (w.context);
  cairo_destroy (w.cr);
  cairo_surface_finish (w.surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (w.surface);
  cairo_surface_destroy (w.surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  add_language_and_alternatives (pdf, doc->lang_tag != NULL ? doc->lang_tag : "sv-SE", alts);
  return write_file (path, pdf->data, pdf->len, error);
}
