/* mb-report-odt.c – a report as OpenDocument Text, to keep writing in
 * LibreOffice or Word
 *
 * The package is libgsf's zip (GsfOutfileZip over GsfOutputStdio, which
 * writes beside the path and renames into place): `mimetype` first and
 * stored, then content.xml, styles.xml, meta.xml, the charts as PNG in
 * Pictures/, and META-INF/manifest.xml listing them. Every part is built in
 * memory first, so the only failures left while writing are the disk's.
 *
 * The look lives in named styles (Heading 1–3, Text body, Table Heading,
 * Table Contents, Caption, Figure, Report Note, Status …), so a region can
 * restyle the report, or give a template whose styles.xml is used instead;
 * the named styles the template lacks are added to it.
 *
 * Deterministic: the zip's times and the metadata's dates are the
 * document's `generated` time (SOURCE_DATE_EPOCH), the parts are written in
 * a fixed order, and nothing else varies, so equal documents give equal
 * files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-utils.h>

#include "mb-report-chart-image.h"
#include "mb-report-write.h"

#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"

#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE    "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_DRAW     "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_FO       "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_XLINK    "http://www.w3.org/1999/xlink"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_META     "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_SVG      "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

#define DOCUMENT_NAMESPACES \
  " xmlns:office=\"" NS_OFFICE "\"" \
  " xmlns:style=\"" NS_STYLE "\"" \
  " xmlns:text=\"" NS_TEXT "\"" \
  " xmlns:table=\"" NS_TABLE "\"" \
  " xmlns:draw=\"" NS_DRAW "\"" \
  " xmlns:fo=\"" NS_FO "\"" \
  " xmlns:xlink=\"" NS_XLINK "\"" \
  " xmlns:dc=\"" NS_DC "\"" \
  " xmlns:meta=\"" NS_META "\"" \
  " xmlns:svg=\"" NS_SVG "\""

/* A chart's size on the page: the A4 text width of the built-in styles
 * (17 cm), a little less, at 2:1. Drawn in points, at 2 pixels a point. */
#define CHART_WIDTH_CM  16.5
#define CHART_HEIGHT_CM 8.25
#define CHART_SCALE     2.0
#define POINTS_PER_CM   (72.0 / 2.54)
#define TEXT_WIDTH_CM   17.0

/* libgsf has no autoptr cleanups; under our own names, so that a libgsf
 * that adds them still builds. */
typedef GsfInput MbGsfInput;
typedef GsfInfile MbGsfInfile;
typedef GsfOutput MbGsfOutput;
typedef GsfOutfile MbGsfOutfile;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbGsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbGsfInfile, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbGsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbGsfOutfile, g_object_unref)

/* A template's styles.xml larger than this is not one a person made. */
#define MAX_TEMPLATE_STYLES (32 * 1024 * 1024)

typedef struct
{
  char   *path;         /* in the package: "Pictures/chart-1.png" */
  char   *media_type;
  GBytes *data;
} OdtPart;

static void
odt_part_free (gpointer data)
{
  OdtPart *part = data;

  g_free (part->path);
  g_free (part->media_type);
  g_bytes_unref (part->data);
  g_free (part);
}

static void
add_part (GPtrArray  *parts,
          const char *path,
          const char *media_type,
          GBytes     *data)
{
  OdtPart *part = g_new0 (OdtPart, 1);

  part->path = g_strdup (path);
  part->media_type = g_strdup (media_type);
  part->data = g_bytes_ref (data);
  g_ptr_array_add (parts, part);
}

/* ------------------------------------------------------------------ */
/* Text */

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (out, escaped);
}

static void
flush_run (GString *out,
           GString *run,
           guint   *n_spaces)
{
  if (run->len > 0)
    {
      append_escaped (out, run->str, run->len);
      g_string_truncate (run, 0);
    }
  if (*n_spaces == 1)
    g_string_append (out, "<text:s/>");
  else if (*n_spaces > 1)
    g_string_append_printf (out, "<text:s text:c=\"%u\"/>", *n_spaces);
  *n_spaces = 0;
}

/* Characters XML 1.0 cannot hold even as references (g_markup_escape_text
 * would write &#x1; for them), and the C1 controls no reader shows. */
static gboolean
is_dropped_char (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n')
         || (c >= 0x7f && c <= 0x9f)
         || c == 0xfffe || c == 0xffff;
}

/* @text into a paragraph's content: spaces that ODF would collapse as
 * <text:s/>, tabs as <text:tab/>, newlines as <text:line-break/>, the rest
 * escaped. */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) run = g_string_new (NULL);
  /* A space here would be dropped: at the start, or after another space,
   * a tab or a line break. */
  gboolean collapse = TRUE;
  guint n_spaces = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        c = p[1] == '\n' ? 0 : '\n';
      if (c == 0 || is_dropped_char (c))
        continue;

      if (c == ' ')
        {
          if (collapse)
            {
              if (run->len > 0)
                flush_run (out, run, &n_spaces);
              n_spaces++;
            }
          else
            {
              g_string_append_c (run, ' ');
              collapse = TRUE;
            }
          continue;
        }

      flush_run (out, run, &n_spaces);
      if (c == '\t')
        {
          g_string_append (out, "<text:tab/>");
          collapse = TRUE;
        }
      else if (c == '\n')
        {
          g_string_append (out, "<text:line-break/>");
          collapse = TRUE;
        }
      else
        {
          g_string_append_unichar (run, c);
          collapse = FALSE;
        }
    }
  flush_run (out, run, &n_spaces);
}

/* A text's paragraphs: a blank line starts a new one. */
static char **
split_paragraphs (const char *text)
{
  g_autoptr(GString) unix_text = g_string_new (NULL);
  g_auto(GStrv) pieces = NULL;
  GPtrArray *paragraphs = g_ptr_array_new ();

  /* CR LF and CR as LF. */
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (*p != '\r')
      g_string_append_c (unix_text, *p);
    else if (p[1] != '\n')
      g_string_append_c (unix_text, '\n');

  pieces = g_regex_split_simple ("\\n[ \\t]*\\n", unix_text->str, 0, 0);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *piece = pieces[i];
      gsize length;

      while (*piece == '\n')
        piece++;
      length = strlen (piece);
      while (length > 0 && piece[length - 1] == '\n')
        length--;
      /* Blank lines of spaces make no paragraph of their own. */
      if (strspn (piece, " \t\n") < length)
        g_ptr_array_add (paragraphs, g_strndup (piece, length));
    }
  if (paragraphs->len == 0)
    g_ptr_array_add (paragraphs, g_strdup (""));
  g_ptr_array_add (paragraphs, NULL);
  return (char **) g_ptr_array_free (paragraphs, FALSE);
}

/* ------------------------------------------------------------------ */
/* Styles */

/* The named styles the content uses, each one whole element, added to
 * office:styles when the styles (built-in or a template's) lack it. The
 * fonts come from the default style, so a template's fonts carry over. */
typedef struct
{
  const char *key;   /* "family:name", as collected from office:styles */
  const char *xml;
} BuiltinStyle;

#define TAB_STOP(position) \
  "<style:tab-stops><style:tab-stop style:position=\"" position "\" style:type=\"right\"" \
  " style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops>"

#define STATUS_STYLE(name, display, color) \
  "<style:style style:name=\"" name "\" style:display-name=\"" display "\"" \
  " style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\" style:class=\"text\">" \
  "<style:paragraph-properties fo:keep-with-next=\"always\"/>" \
  "<style:text-properties fo:color=\"" color "\" fo:font-weight=\"bold\"" \
  " style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>"

#define LIST_LEVEL(level, bullet, indent) \
  "<text:list-level-style-bullet text:level=\"" level "\" text:bullet-char=\"" bullet "\">" \
  "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">" \
  "<style:list-level-label-alignment text:label-followed-by=\"listtab\"" \
  " text:list-tab-stop-position=\"" indent "\" fo:text-indent=\"-0.5cm\"" \
  " fo:margin-left=\"" indent "\"/></style:list-level-properties></text:list-level-style-bullet>"

#define OUTLINE_LEVEL(level) \
  "<text:outline-level-style text:level=\"" level "\" style:num-format=\"\">" \
  "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">" \
  "<style:list-level-label-alignment text:label-followed-by=\"listtab\"/>" \
  "</style:list-level-properties></text:outline-level-style>"

static const BuiltinStyle builtin_styles[] = {
  { "paragraph:Standard",
    "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>" },
  { "paragraph:Text_20_body",
    "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\""
    " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.25cm\""
    " fo:line-height=\"115%\" fo:orphans=\"2\" fo:widows=\"2\"/></style:style>" },
  { "paragraph:Heading",
    "<style:style style:name=\"Heading\" style:family=\"paragraph\""
    " style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\""
    " style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\""
    " fo:keep-with-next=\"always\"/>"
    "<style:text-properties fo:font-size=\"14pt\" style:font-size-asian=\"14pt\""
    " style:font-size-complex=\"14pt\"/></style:style>" },
  { "paragraph:Heading_20_1",
    "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\""
    " style:family=\"paragraph\" style:parent-style-name=\"Heading\""
    " style:next-style-name=\"Text_20_body\" style:default-outline-level=\"1\""
    " style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0.85cm\" fo:margin-bottom=\"0.3cm\"/>"
    "<style:text-properties fo:font-size=\"18pt\" fo:font-weight=\"bold\""
    " style:font-size-asian=\"18pt\" style:font-weight-asian=\"bold\""
    " style:font-size-complex=\"18pt\" style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Heading_20_2",
    "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\""
    " style:family=\"paragraph\" style:parent-style-name=\"Heading\""
    " style:next-style-name=\"Text_20_body\" style:default-outline-level=\"2\""
    " style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0.6cm\" fo:margin-bottom=\"0.2cm\"/>"
    "<style:text-properties fo:font-size=\"14pt\" fo:font-weight=\"bold\""
    " style:font-size-asian=\"14pt\" style:font-weight-asian=\"bold\""
    " style:font-size-complex=\"14pt\" style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Heading_20_3",
    "<style:style style:name=\"Heading_20_3\" style:display-name=\"Heading 3\""
    " style:family=\"paragraph\" style:parent-style-name=\"Heading\""
    " style:next-style-name=\"Text_20_body\" style:default-outline-level=\"3\""
    " style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0.45cm\" fo:margin-bottom=\"0.15cm\"/>"
    "<style:text-properties fo:font-size=\"12pt\" fo:font-weight=\"bold\""
    " style:font-size-asian=\"12pt\" style:font-weight-asian=\"bold\""
    " style:font-size-complex=\"12pt\" style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Report_20_Region",
    "<style:style style:name=\"Report_20_Region\" style:display-name=\"Report Region\""
    " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"chapter\">"
    "<style:text-properties fo:font-size=\"13pt\" fo:color=\"#3d3846\""
    " style:font-size-asian=\"13pt\" style:font-size-complex=\"13pt\"/></style:style>" },
  { "paragraph:Title",
    "<style:style style:name=\"Title\" style:family=\"paragraph\""
    " style:parent-style-name=\"Heading\" style:next-style-name=\"Subtitle\""
    " style:class=\"chapter\">"
    "<style:paragraph-properties fo:margin-top=\"5cm\" fo:margin-bottom=\"0.4cm\"/>"
    "<style:text-properties fo:font-size=\"28pt\" fo:font-weight=\"bold\""
    " style:font-size-asian=\"28pt\" style:font-weight-asian=\"bold\""
    " style:font-size-complex=\"28pt\" style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Subtitle",
    "<style:style style:name=\"Subtitle\" style:family=\"paragraph\""
    " style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\""
    " style:class=\"chapter\">"
    "<style:paragraph-properties fo:margin-top=\"0.2cm\" fo:margin-bottom=\"2cm\"/>"
    "<style:text-properties fo:font-size=\"16pt\" style:font-size-asian=\"16pt\""
    " style:font-size-complex=\"16pt\"/></style:style>" },
  { "paragraph:Report_20_Title_20_Details",
    "<style:style style:name=\"Report_20_Title_20_Details\""
    " style:display-name=\"Report Title Details\" style:family=\"paragraph\""
    " style:parent-style-name=\"Standard\" style:class=\"chapter\">"
    "<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.15cm\"/>"
    "</style:style>" },
  { "paragraph:Index",
    "<style:style style:name=\"Index\" style:family=\"paragraph\""
    " style:parent-style-name=\"Standard\" style:class=\"index\"/>" },
  { "paragraph:Contents_20_Heading",
    "<style:style style:name=\"Contents_20_Heading\" style:display-name=\"Contents Heading\""
    " style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:class=\"index\">"
    "<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.4cm\"/>"
    "<style:text-properties fo:font-size=\"18pt\" fo:font-weight=\"bold\""
    " style:font-size-asian=\"18pt\" style:font-weight-asian=\"bold\""
    " style:font-size-complex=\"18pt\" style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Contents_20_1",
    "<style:style style:name=\"Contents_20_1\" style:display-name=\"Contents 1\""
    " style:family=\"paragraph\" style:parent-style-name=\"Index\" style:class=\"index\">"
    "<style:paragraph-properties fo:margin-left=\"0cm\" fo:margin-top=\"0.2cm\""
    " fo:margin-bottom=\"0.05cm\">" TAB_STOP ("17cm") "</style:paragraph-properties>"
    "<style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\""
    " style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Contents_20_2",
    "<style:style style:name=\"Contents_20_2\" style:display-name=\"Contents 2\""
    " style:family=\"paragraph\" style:parent-style-name=\"Index\" style:class=\"index\">"
    "<style:paragraph-properties fo:margin-left=\"0.5cm\" fo:margin-bottom=\"0.05cm\">"
    TAB_STOP ("16.5cm") "</style:paragraph-properties></style:style>" },
  { "paragraph:Contents_20_3",
    "<style:style style:name=\"Contents_20_3\" style:display-name=\"Contents 3\""
    " style:family=\"paragraph\" style:parent-style-name=\"Index\" style:class=\"index\">"
    "<style:paragraph-properties fo:margin-left=\"1cm\" fo:margin-bottom=\"0.05cm\">"
    TAB_STOP ("16cm") "</style:paragraph-properties></style:style>" },
  { "paragraph:Table_20_Contents",
    "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\""
    " style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
    "<style:text-properties fo:font-size=\"9pt\" style:font-size-asian=\"9pt\""
    " style:font-size-complex=\"9pt\"/></style:style>" },
  { "paragraph:Table_20_Heading",
    "<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\""
    " style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\""
    " style:class=\"extra\">"
    "<style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\""
    " style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Caption",
    "<style:style style:name=\"Caption\" style:family=\"paragraph\""
    " style:parent-style-name=\"Standard\" style:class=\"extra\">"
    "<style:paragraph-properties fo:margin-top=\"0.35cm\" fo:margin-bottom=\"0.15cm\""
    " fo:keep-with-next=\"always\"/>"
    "<style:text-properties fo:font-size=\"10pt\" fo:font-weight=\"bold\""
    " style:font-size-asian=\"10pt\" style:font-weight-asian=\"bold\""
    " style:font-size-complex=\"10pt\" style:font-weight-complex=\"bold\"/></style:style>" },
  { "paragraph:Figure",
    "<style:style style:name=\"Figure\" style:family=\"paragraph\""
    " style:parent-style-name=\"Standard\" style:class=\"extra\">"
    "<style:paragraph-properties fo:text-align=\"center\" fo:margin-bottom=\"0.35cm\"/>"
    "</style:style>" },
  { "paragraph:Report_20_Note",
    "<style:style style:name=\"Report_20_Note\" style:display-name=\"Report Note\""
    " style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\" style:class=\"text\">"
    "<style:text-properties fo:color=\"#5e5c64\" fo:font-style=\"italic\""
    " style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"/></style:style>" },
  /* The app's status colours (src/style.css), dark enough on white. */
  { "paragraph:Status_20_On_20_track",
    STATUS_STYLE ("Status_20_On_20_track", "Status On track", "#1b8553") },
  { "paragraph:Status_20_Some_20_progress",
    STATUS_STYLE ("Status_20_Some_20_progress", "Status Some progress", "#1a5fb4") },
  { "paragraph:Status_20_At_20_risk",
    STATUS_STYLE ("Status_20_At_20_risk", "Status At risk", "#9c6e03") },
  { "paragraph:Status_20_Off_20_track",
    STATUS_STYLE ("Status_20_Off_20_track", "Status Off track", "#c01c28") },
  { "paragraph:Status_20_Not_20_assessable",
    STATUS_STYLE ("Status_20_Not_20_assessable", "Status Not assessable", "#5e5c64") },
  { "paragraph:List_20_Bullet",
    "<style:style style:name=\"List_20_Bullet\" style:display-name=\"List Bullet\""
    " style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\""
    " style:list-style-name=\"Report_20_Bullets\" style:class=\"list\">"
    "<style:paragraph-properties fo:margin-bottom=\"0.1cm\"/></style:style>" },
  { "paragraph:Footer",
    "<style:style style:name=\"Footer\" style:family=\"paragraph\""
    " style:parent-style-name=\"Standard\" style:class=\"extra\">"
    "<style:paragraph-properties fo:text-align=\"center\"/>"
    "<style:text-properties fo:font-size=\"9pt\" style:font-size-asian=\"9pt\""
    " style:font-size-complex=\"9pt\"/></style:style>" },
  { "text:Index_20_Link",
    "<style:style style:name=\"Index_20_Link\" style:display-name=\"Index Link\""
    " style:family=\"text\"/>" },
  { "graphic:Graphics",
    "<style:style style:name=\"Graphics\" style:family=\"graphic\">"
    "<style:graphic-properties text:anchor-type=\"as-char\" svg:y=\"0cm\""
    " style:vertical-pos=\"top\" style:vertical-rel=\"baseline\"/></style:style>" },
  { "list:Report_20_Bullets",
    "<text:list-style style:name=\"Report_20_Bullets\" style:display-name=\"Report Bullets\">"
    LIST_LEVEL ("1", "•", "0.6cm")
    LIST_LEVEL ("2", "◦", "1.2cm")
    LIST_LEVEL ("3", "▪", "1.8cm")
    "</text:list-style>" },
  /* The headings' outline, unnumbered: what makes LibreOffice's Navigator
   * and the PDF export's bookmarks see them. */
  { "outline:",
    "<text:outline-style style:name=\"Outline\">"
    OUTLINE_LEVEL ("1") OUTLINE_LEVEL ("2") OUTLINE_LEVEL ("3") OUTLINE_LEVEL ("4")
    OUTLINE_LEVEL ("5") OUTLINE_LEVEL ("6") OUTLINE_LEVEL ("7") OUTLINE_LEVEL ("8")
    OUTLINE_LEVEL ("9") OUTLINE_LEVEL ("10")
    "</text:outline-style>" },
};

/* The built-in styles.xml before its named styles are added (as to a
 * template's): A4, 2 cm margins, the page number in the footer, a first
 * page without it for the title page. */
static const char builtin_styles_skeleton[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-styles" DOCUMENT_NAMESPACES " office:version=\"1.2\">"
  "<office:font-face-decls>"
  "<style:font-face style:name=\"Liberation Sans\" svg:font-family=\"&apos;Liberation Sans&apos;\""
  " style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>"
  "</office:font-face-decls>"
  "<office:styles>"
  "<style:default-style style:family=\"paragraph\">"
  "<style:paragraph-properties style:tab-stop-distance=\"1.25cm\" style:writing-mode=\"lr-tb\"/>"
  "<style:text-properties style:font-name=\"Liberation Sans\" fo:font-size=\"11pt\""
  " style:font-size-asian=\"11pt\" style:font-size-complex=\"11pt\" fo:hyphenate=\"false\"/>"
  "</style:default-style>"
  "<style:default-style style:family=\"table\">"
  "<style:table-properties table:border-model=\"collapsing\"/>"
  "</style:default-style>"
  "</office:styles>"
  "<office:automatic-styles>"
  "<style:page-layout style:name=\"Page\">"
  "<style:page-layout-properties fo:page-width=\"21.001cm\" fo:page-height=\"29.7cm\""
  " style:print-orientation=\"portrait\" fo:margin-top=\"2cm\" fo:margin-bottom=\"1.5cm\""
  " fo:margin-left=\"2cm\" fo:margin-right=\"2cm\" style:writing-mode=\"lr-tb\"/>"
  "<style:footer-style><style:header-footer-properties fo:min-height=\"0.6cm\""
  " fo:margin-top=\"0.4cm\"/></style:footer-style>"
  "</style:page-layout>"
  "<style:page-layout style:name=\"First_Page\">"
  "<style:page-layout-properties fo:page-width=\"21.001cm\" fo:page-height=\"29.7cm\""
  " style:print-orientation=\"portrait\" fo:margin-top=\"2cm\" fo:margin-bottom=\"1.5cm\""
  " fo:margin-left=\"2cm\" fo:margin-right=\"2cm\" style:writing-mode=\"lr-tb\"/>"
  "</style:page-layout>"
  "</office:automatic-styles>"
  "<office:master-styles>"
  "<style:master-page style:name=\"Standard\" style:page-layout-name=\"Page\">"
  "<style:footer><text:p text:style-name=\"Footer\">"
  "<text:page-number text:select-page=\"current\">1</text:page-number></text:p></style:footer>"
  "</style:master-page>"
  "<style:master-page style:name=\"First_20_Page\" style:display-name=\"First Page\""
  " style:page-layout-name=\"First_Page\" style:next-style-name=\"Standard\"/>"
  "</office:master-styles>"
  "</office:document-styles>\n";

/* Copies a styles.xml (the built-in skeleton or a template's) element by
 * element, adding the named styles it lacks to office:styles and the
 * report's language to the default paragraph style. */
typedef struct
{
  GString    *out;
  GString    *fonts;          /* the font faces again, for content.xml */
  gboolean    tag_open;       /* "<name attrs" written; ">" or "/>" to come */
  guint       skip_depth;     /* > 0: inside a dropped element */
  const char *language;
  const char *country;
  char       *version;
  GHashTable *names;          /* "family:name" in office:styles */
  GHashTable *master_pages;
  GPtrArray  *pictures;       /* "Pictures/…" the styles use (a logo) */
  gboolean    in_paragraph_default;
  gboolean    default_has_text;
  gboolean    has_paragraph_default;
  gboolean    has_styles;     /* office:styles was there */
  gboolean    not_styles;     /* not a styles.xml at all */
} StylesMerge;

static void
close_open_tag (StylesMerge *m)
{
  if (m->tag_open)
    g_string_append_c (m->out, '>');
  m->tag_open = FALSE;
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, -1);
  g_string_append_c (out, '"');
}

static void
append_language (StylesMerge *m)
{
  append_attribute (m->out, "fo:language", m->language);
  if (m->country != NULL)
    append_attribute (m->out, "fo:country", m->country);
}

static gboolean
has_namespace (const char  **names,
               const char  **values,
               const char   *prefix,
               const char   *uri)
{
  g_autofree char *attribute = g_strconcat ("xmlns:", prefix, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], attribute))
      return g_str_equal (values[i], uri);
  return FALSE;
}

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void append_missing_styles (StylesMerge *m);

/* For a styles.xml without office:styles. */
static void
append_styles_element (StylesMerge *m)
{
  g_string_append (m->out, "<office:styles>");
  append_missing_styles (m);
  g_string_append (m->out, "</office:styles>");
  m->has_styles = TRUE;
}

static void
merge_start_element (GMarkupParseContext  *context,
                     const char           *name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  StylesMerge *m = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next != NULL ? stack->next->data : NULL;
  gboolean set_language = FALSE;

  if (m->skip_depth > 0)
    {
      m->skip_depth++;
      return;
    }

  if (parent == NULL)
    {
      const char *version;

      /* The prefixes the added styles are written with. */
      if (!g_str_equal (name, "office:document-styles")
          || !has_namespace (attribute_names, attribute_values, "office", NS_OFFICE)
          || !has_namespace (attribute_names, attribute_values, "style", NS_STYLE)
          || !has_namespace (attribute_names, attribute_values, "text", NS_TEXT)
          || !has_namespace (attribute_names, attribute_values, "fo", NS_FO)
          || !has_namespace (attribute_names, attribute_values, "svg", NS_SVG))
        {
          m->not_styles = TRUE;
          g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                               "not office:document-styles");
          return;
        }
      version = find_attribute (attribute_names, attribute_values, "office:version");
      m->version = g_strdup (g_strcmp0 (version, "1.3") == 0 ? "1.3" : "1.2");
    }

  /* Embedded fonts' files are not copied from a template: drop their
   * references, the fonts are still named. */
  if (g_str_equal (name, "svg:font-face-src"))
    {
      m->skip_depth = 1;
      return;
    }

  close_open_tag (m);

  if (g_str_equal (name, "office:styles"))
    m->has_styles = TRUE;
  else if (g_strcmp0 (parent, "office:document-styles") == 0 && !m->has_styles
           && (g_str_equal (name, "office:automatic-styles")
               || g_str_equal (name, "office:master-styles")))
    append_styles_element (m);

  if (g_strcmp0 (parent, "office:styles") == 0)
    {
      const char *style_name = find_attribute (attribute_names, attribute_values, "style:name");
      const char *family = find_attribute (attribute_names, attribute_values, "style:family");

      if (g_str_equal (name, "style:style") && style_name != NULL && family != NULL)
        g_hash_table_add (m->names, g_strconcat (family, ":", style_name, NULL));
      else if (g_str_equal (name, "text:list-style") && style_name != NULL)
        g_hash_table_add (m->names, g_strconcat ("list:", style_name, NULL));
      else if (g_str_equal (name, "text:outline-style"))
        g_hash_table_add (m->names, g_strdup ("outline:"));
      else if (g_str_equal (name, "style:default-style")
               && g_strcmp0 (family, "paragraph") == 0)
        {
          m->in_paragraph_default = TRUE;
          m->has_paragraph_default = TRUE;
        }
    }
  else if (g_strcmp0 (parent, "office:master-styles") == 0
           && g_str_equal (name, "style:master-page"))
    {
      const char *page = find_attribute (attribute_names, attribute_values, "style:name");

      if (page != NULL)
        g_hash_table_add (m->master_pages, g_strdup (page));
    }
  else if (g_strcmp0 (parent, "office:font-face-decls") == 0
           && g_str_equal (name, "style:font-face"))
    {
      /* Only the font's description: content.xml declares no other
       * namespaces. */
      g_string_append (m->fonts, "<style:font-face");
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_has_prefix (attribute_names[i], "style:")
            || g_str_has_prefix (attribute_names[i], "svg:")
            || g_str_has_prefix (attribute_names[i], "fo:"))
          append_attribute (m->fonts, attribute_names[i], attribute_values[i]);
      g_string_append (m->fonts, "/>");
    }

  set_language = m->in_paragraph_default
                 && g_strcmp0 (parent, "style:default-style") == 0
                 && g_str_equal (name, "style:text-properties");

  g_string_append_printf (m->out, "<%s", name);
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *value = attribute_values[i];

      if (set_language
          && (g_str_equal (attribute_names[i], "fo:language")
              || g_str_equal (attribute_names[i], "fo:country")))
        continue;
      if (g_str_equal (attribute_names[i], "xlink:href")
          && g_str_has_prefix (value, "Pictures/")
          && !g_ptr_array_find_with_equal_func (m->pictures, value, g_str_equal, NULL))
        g_ptr_array_add (m->pictures, g_strdup (value));
      append_attribute (m->out, attribute_names[i], value);
    }
  if (set_language)
    {
      append_language (m);
      m->default_has_text = TRUE;
    }
  m->tag_open = TRUE;
}

static void
append_missing_styles (StylesMerge *m)
{
  if (!m->has_paragraph_default)
    {
      g_string_append (m->out, "<style:default-style style:family=\"paragraph\">"
                               "<style:text-properties");
      append_language (m);
      g_string_append (m->out, "/></style:default-style>");
    }
  for (guint i = 0; i < G_N_ELEMENTS (builtin_styles); i++)
    if (!g_hash_table_contains (m->names, builtin_styles[i].key))
      g_string_append (m->out, builtin_styles[i].xml);
}

static void
merge_end_element (GMarkupParseContext  *context,
                   const char           *name,
                   gpointer              user_data,
                   GError              **error)
{
  StylesMerge *m = user_data;

  if (m->skip_depth > 0)
    {
      m->skip_depth--;
      return;
    }

  if (m->in_paragraph_default && g_str_equal (name, "style:default-style"))
    {
      if (!m->default_has_text)
        {
          close_open_tag (m);
          g_string_append (m->out, "<style:text-properties");
          append_language (m);
          g_string_append (m->out, "/>");
        }
      m->in_paragraph_default = FALSE;
    }
  else if (g_str_equal (name, "office:styles"))
    {
      close_open_tag (m);
      append_missing_styles (m);
    }
  else if (g_str_equal (name, "office:document-styles") && !m->has_styles)
    {
      close_open_tag (m);
      append_styles_element (m);
    }

  if (m->tag_open)
    g_string_append (m->out, "/>");
  else
    g_string_append_printf (m->out, "</%s>", name);
  m->tag_open = FALSE;
}

static void
merge_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 text_len,
            gpointer              user_data,
            GError              **error)
{
  StylesMerge *m = user_data;

  if (m->skip_depth > 0 || text_len == 0)
    return;
  close_open_tag (m);
  append_escaped (m->out, text, text_len);
}

static void
merge_passthrough (GMarkupParseContext  *context,
                   const char           *text,
                   gsize                 text_len,
                   gpointer              user_data,
                   GError              **error)
{
  StylesMerge *m = user_data;

  if (m->skip_depth > 0)
    return;
  close_open_tag (m);
  g_string_append_len (m->out, text, text_len);
}

static const GMarkupParser merge_parser = {
  merge_start_element,
  merge_end_element,
  merge_text,
  merge_passthrough,
  NULL,
};

static void
styles_merge_clear (StylesMerge *m)
{
  g_string_free (m->out, TRUE);
  g_string_free (m->fonts, TRUE);
  g_free (m->version);
  g_hash_table_unref (m->names);
  g_hash_table_unref (m->master_pages);
  g_ptr_array_unref (m->pictures);
}

/* FALSE with @error set (the parser's message) if @xml is not a styles.xml
 * the report can use. */
static gboolean
styles_merge (StylesMerge  *m,
              const char   *xml,
              gsize         length,
              const char   *lang_tag,
              GError      **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_auto(GStrv) lang = g_strsplit_set (lang_tag != NULL ? lang_tag : "sv-SE", "-_", 3);

  m->out = g_string_sized_new (length + 16384);
  m->fonts = g_string_new (NULL);
  m->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->master_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->pictures = g_ptr_array_new_with_free_func (g_free);
  /* "sv-SE" → fo:language "sv", fo:country "SE". */
  m->language = lang[0] != NULL && lang[0][0] != '\0' ? g_intern_string (lang[0])
                                                      : g_intern_static_string ("sv");
  m->country = lang[0] != NULL && lang[1] != NULL && strlen (lang[1]) == 2
               ? g_intern_string (lang[1]) : NULL;

  context = g_markup_parse_context_new (&merge_parser, G_MARKUP_PREFIX_ERROR_POSITION, m, NULL);
  if (!g_markup_parse_context_parse (context, xml, length, error)
      || !g_markup_parse_context_end_parse (context, error))
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The template */

typedef struct
{
  char      *styles;       /* styles.xml */
  gsize      styles_length;
  GPtrArray *pictures;     /* OdtPart: the pictures styles.xml uses */
} OdtTemplate;

static void
odt_template_clear (OdtTemplate *template)
{
  g_free (template->styles);
  g_clear_pointer (&template->pictures, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OdtTemplate, odt_template_clear)

/* @path's member, "Pictures/logo.png" by its folders. */
static GsfInput *
open_child (GsfInfile  *infile,
            const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);

  return gsf_infile_child_by_aname (infile, (const char **) names);
}

static gboolean
read_child (GsfInfile   *infile,
            const char  *path,
            char       **data,
            gsize       *length)
{
  g_autoptr(MbGsfInput) input = open_child (infile, path);
  gsf_off_t size;
  char *bytes;

  if (input == NULL)
    return FALSE;
  size = gsf_input_size (input);
  if (size < 0 || size > MAX_TEMPLATE_STYLES)
    return FALSE;
  bytes = g_malloc (size + 1);
  if (size > 0 && gsf_input_read (input, size, (guint8 *) bytes) == NULL)
    {
      g_free (bytes);
      return FALSE;
    }
  bytes[size] = '\0';
  *data = bytes;
  *length = size;
  return TRUE;
}

static const char *
media_type_for (const char *path)
{
  static const struct { const char *suffix, *type; } types[] = {
    { ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
    { ".gif", "image/gif" }, { ".svg", "image/svg+xml" }, { ".wmf", "image/x-wmf" },
    { ".emf", "image/x-emf" }, { ".bmp", "image/bmp" }, { ".tif", "image/tiff" },
    { ".tiff", "image/tiff" },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (lower, types[i].suffix))
      return types[i].type;
  return "application/octet-stream";
}

/* Reads @path's mimetype and styles.xml, and the pictures the styles use
 * (a logo in the header). Every error names the file and what is wrong. */
static gboolean
odt_template_load (OdtTemplate  *template,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MbGsfInput) input = NULL;
  g_autoptr(MbGsfInfile) zip = NULL;
  g_autofree char *mimetype = NULL;
  gsize length;

  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: cannot read the template: %s"), path, local_error->message);
      return FALSE;
    }
  zip = gsf_infile_zip_new (input, NULL);
  if (zip == NULL || !read_child (zip, "mimetype", &mimetype, &length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the template is not an OpenDocument file (.odt or .ott)"), path);
      return FALSE;
    }
  g_strstrip (mimetype);
  if (!g_str_has_prefix (mimetype, ODT_MIMETYPE))
    {
      g_autofree char *shown = g_utf8_make_valid (mimetype, -1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the template is an OpenDocument file but not a text document (%s)"),
                   path, shown);
      return FALSE;
    }
  if (!read_child (zip, "styles.xml", &template->styles, &template->styles_length))
    {
      g_autoptr(MbGsfInput) styles = open_child (zip, "styles.xml");

      if (styles != NULL && gsf_input_size (styles) > MAX_TEMPLATE_STYLES)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: the template’s styles.xml is too large"), path);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: the template has no styles.xml"), path);
      return FALSE;
    }

  /* Checked here, so that a bad template writes nothing; merged again
   * with the document's language. */
  {
    StylesMerge m = { 0 };
    gboolean ok = styles_merge (&m, template->styles, template->styles_length, NULL,
                                &local_error);

    if (!ok)
      {
        if (m.not_styles)
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: the template’s styles.xml is not OpenDocument styles"), path);
        else
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: the template’s styles.xml cannot be read: %s"),
                       path, local_error->message);
        styles_merge_clear (&m);
        return FALSE;
      }

    template->pictures = g_ptr_array_new_with_free_func (odt_part_free);
    for (guint i = 0; i < m.pictures->len; i++)
      {
        const char *picture = g_ptr_array_index (m.pictures, i);
        g_autofree char *data = NULL;
        g_autoptr(GBytes) bytes = NULL;

        /* A picture the template lacks stays a dangling reference, as
         * it was in the template. */
        if (!read_child (zip, picture, &data, &length))
          continue;
        bytes = g_bytes_new_take (g_steal_pointer (&data), length);
        add_part (template->pictures, picture, media_type_for (picture), bytes);
      }
    styles_merge_clear (&m);
  }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* content.xml */

typedef struct
{
  MbReportDoc *doc;
  GString     *body;
  GString     *styles;          /* automatic styles */
  GHashTable  *style_names;     /* automatic styles written so far */
  GPtrArray   *parts;           /* OdtPart: the charts' pictures */
  gboolean     page_break;      /* the next paragraph starts a page */
  gboolean     has_first_page;  /* the styles have the "First Page" master */
  guint        n_tables;
  guint        n_charts;
  guint        n_tocs;
} OdtContent;

/* The automatic styles every document has: cells, numbers, the TOC's
 * section, the charts' frames. */
static const char fixed_automatic_styles[] =
  "<style:style style:name=\"Cell_Head\" style:family=\"table-cell\">"
  "<style:table-cell-properties fo:background-color=\"#ebebeb\""
  " fo:padding-top=\"0.08cm\" fo:padding-bottom=\"0.08cm\""
  " fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\""
  " fo:border-top=\"0.5pt solid #9a9996\" fo:border-bottom=\"1pt solid #5e5c64\""
  " fo:border-left=\"none\" fo:border-right=\"none\"/></style:style>"
  "<style:style style:name=\"Cell_Body\" style:family=\"table-cell\">"
  "<style:table-cell-properties fo:padding-top=\"0.08cm\" fo:padding-bottom=\"0.08cm\""
  " fo:padding-left=\"0.1cm\" fo:padding-right=\"0.1cm\" fo:border-top=\"none\""
  " fo:border-bottom=\"0.5pt solid #c0bfbc\" fo:border-left=\"none\" fo:border-right=\"none\"/>"
  "</style:style>"
  "<style:style style:name=\"Row\" style:family=\"table-row\">"
  "<style:table-row-properties fo:keep-together=\"always\"/></style:style>"
  "<style:style style:name=\"P_Number\" style:family=\"paragraph\""
  " style:parent-style-name=\"Table_20_Contents\">"
  "<style:paragraph-properties fo:text-align=\"end\"/></style:style>"
  "<style:style style:name=\"P_Number_Heading\" style:family=\"paragraph\""
  " style:parent-style-name=\"Table_20_Heading\">"
  "<style:paragraph-properties fo:text-align=\"end\"/></style:style>"
  "<style:style style:name=\"Section_TOC\" style:family=\"section\">"
  "<style:section-properties style:editable=\"false\">"
  "<style:columns fo:column-count=\"1\" fo:column-gap=\"0cm\"/></style:section-properties>"
  "</style:style>"
  "<style:style style:name=\"Frame_Chart\" style:family=\"graphic\""
  " style:parent-style-name=\"Graphics\">"
  "<style:graphic-properties style:vertical-pos=\"top\" style:vertical-rel=\"baseline\""
  " fo:border=\"none\" fo:padding=\"0cm\"/></style:style>";

/* @named, or a style derived from it that starts a new page when one is
 * due (after the title page's and the contents' pages). */
static const char *
paragraph_style (OdtContent *c,
                 const char *named)
{
  const char *existing;
  char *name;

  if (!c->page_break)
    return named;
  c->page_break = FALSE;

  name = g_strconcat ("Break_", named, NULL);
  existing = g_hash_table_lookup (c->style_names, name);
  if (existing != NULL)
    {
      g_free (name);
      return existing;
    }
  g_string_append_printf (c->styles,
                          "<style:style style:name=\"%s\" style:family=\"paragraph\""
                          " style:parent-style-name=\"%s\">"
                          "<style:paragraph-properties fo:break-before=\"page\"/>"
                          "</style:style>", name, named);
  g_hash_table_add (c->style_names, name);
  return name;
}

static void
write_paragraph (OdtContent *c,
                 const char *named,
                 const char *text)
{
  g_auto(GStrv) paragraphs = split_paragraphs (text);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_string_append_printf (c->body, "<text:p text:style-name=\"%s\">",
                              paragraph_style (c, named));
      append_text (c->body, paragraphs[i]);
      g_string_append (c->body, "</text:p>");
    }
}

/* The title page: the first page without a page number, ending with a
 * page break. */
static void
write_title_page (OdtContent *c)
{
  MbReportDoc *doc = c->doc;
  struct { const char *style, *text; } lines[] = {
    { "Report_20_Region", doc->region },
    { "Title", doc->title },
    { "Subtitle", doc->subtitle },
    { "Report_20_Title_20_Details", doc->registration_number },
    { "Report_20_Title_20_Details", doc->date },
    { "Report_20_Title_20_Details", doc->unit },
    { "Report_20_Title_20_Details", doc->contact },
  };
  guint first = G_N_ELEMENTS (lines), last = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i].text != NULL && lines[i].text[0] != '\0')
      {
        first = MIN (first, i);
        last = i;
      }
  if (first == G_N_ELEMENTS (lines))
    return;

  for (guint i = first; i <= last; i++)
    {
      g_autofree char *style = NULL;

      if (lines[i].text == NULL || lines[i].text[0] == '\0')
        continue;
      if (i == first || i == last)
        {
          /* One automatic style per place, named after it. */
          style = g_strdup_printf ("Title_Page_%s_%s", i == first ? "First" : "Last",
                                   lines[i].style);
          g_string_append_printf (c->styles,
                                  "<style:style style:name=\"%s\" style:family=\"paragraph\""
                                  " style:parent-style-name=\"%s\"", style, lines[i].style);
          if (i == first && c->has_first_page)
            g_string_append (c->styles, " style:master-page-name=\"First_20_Page\"");
          g_string_append (c->styles, ">");
          if (i == last)
            g_string_append (c->styles,
                             "<style:paragraph-properties fo:break-after=\"page\"/>");
          g_string_append (c->styles, "</style:style>");
        }
      g_string_append_printf (c->body, "<text:p text:style-name=\"%s\">",
                              style != NULL ? style : lines[i].style);
      append_text (c->body, lines[i].text);
      g_string_append (c->body, "</text:p>");
    }
}

static void
write_heading (OdtContent    *c,
               MbReportBlock *block)
{
  int level = CLAMP (block->level, 1, 3);
  g_autofree char *named = g_strdup_printf ("Heading_20_%d", level);

  g_string_append_printf (c->body, "<text:h text:style-name=\"%s\" text:outline-level=\"%d\">",
                          paragraph_style (c, named), level);
  /* The table of contents' links point here. */
  if (block->anchor != NULL)
    {
      g_string_append (c->body, "<text:bookmark text:name=\"");
      append_escaped (c->body, block->anchor, -1);
      g_string_append (c->body, "\"/>");
    }
  append_text (c->body, block->text);
  g_string_append (c->body, "</text:h>");
}

/* A real index: its source, so LibreOffice and Word rebuild it from the
 * headings, and its body already filled with the headings (linked to their
 * bookmarks), so it shows before anyone updates it. The page numbers are
 * left to the reader's "Update index" (F9 in Word): only a layout engine
 * knows them, and a leader running to no number would look broken. */
static void
write_toc (OdtContent *c,
           guint       index)
{
  MbReportDoc *doc = c->doc;
  const char *title = doc->toc_title != NULL ? doc->toc_title : "";
  g_autofree char *name = g_strdup_printf ("Table of Contents%u", ++c->n_tocs);

  g_string_append (c->body, "<text:table-of-content text:style-name=\"Section_TOC\""
                            " text:protected=\"true\"");
  append_attribute (c->body, "text:name", name);
  g_string_append (c->body, "><text:table-of-content-source text:outline-level=\"3\">"
                            "<text:index-title-template text:style-name=\"Contents_20_Heading\">");
  append_escaped (c->body, title, -1);
  g_string_append (c->body, "</text:index-title-template>");
  for (int level = 1; level <= 3; level++)
    g_string_append_printf (c->body,
                            "<text:table-of-content-entry-template text:outline-level=\"%d\""
                            " text:style-name=\"Contents_20_%d\">"
                            "<text:index-entry-link-start text:style-name=\"Index_20_Link\"/>"
                            "<text:index-entry-text/>"
                            "<text:index-entry-tab-stop style:type=\"right\""
                            " style:leader-char=\".\"/>"
                            "<text:index-entry-page-number/>"
                            "<text:index-entry-link-end/>"
                            "</text:table-of-content-entry-template>", level, level);
  g_string_append (c->body, "</text:table-of-content-source><text:index-body>"
                            "<text:index-title text:style-name=\"Section_TOC\"");
  {
    g_autofree char *head = g_strconcat (name, "_Head", NULL);

    append_attribute (c->body, "text:name", head);
  }
  g_string_append_printf (c->body, "><text:p text:style-name=\"%s\">",
                          paragraph_style (c, "Contents_20_Heading"));
  append_text (c->body, title);
  g_string_append (c->body, "</text:p></text:index-title>");

  for (guint i = index + 1; i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind != MB_REPORT_BLOCK_HEADING)
        continue;
      g_string_append_printf (c->body, "<text:p text:style-name=\"Contents_20_%d\">",
                              CLAMP (block->level, 1, 3));
      if (block->anchor != NULL)
        {
          g_string_append (c->body, "<text:a xlink:type=\"simple\" xlink:href=\"#");
          append_escaped (c->body, block->anchor, -1);
          g_string_append (c->body, "\" text:style-name=\"Index_20_Link\""
                                    " text:visited-style-name=\"Index_20_Link\">");
        }
      append_text (c->body, block->text);
      if (block->anchor != NULL)
        g_string_append (c->body, "</text:a>");
      g_string_append (c->body, "</text:p>");
    }
  g_string_append (c->body, "</text:index-body></text:table-of-content>");

  /* The report starts on the page after its contents. */
  c->page_break = TRUE;
}

static const char *
status_style (MbAssessmentStatus status)
{
  static const char * const styles[] = {
    [MB_ASSESSMENT_ON_TRACK] = "Status_20_On_20_track",
    [MB_ASSESSMENT_SOME_PROGRESS] = "Status_20_Some_20_progress",
    [MB_ASSESSMENT_AT_RISK] = "Status_20_At_20_risk",
    [MB_ASSESSMENT_OFF_TRACK] = "Status_20_Off_20_track",
    [MB_ASSESSMENT_NOT_ASSESSABLE] = "Status_20_Not_20_assessable",
  };

  if ((guint) status < G_N_ELEMENTS (styles))
    return styles[status];
  return "Text_20_body";
}

static void
write_list (OdtContent *c,
            GPtrArray  *items)
{
  if (items == NULL || items->len == 0)
    return;

  g_string_append (c->body, "<text:list text:style-name=\"Report_20_Bullets\">");
  for (guint i = 0; i < items->len; i++)
    {
      g_string_append (c->body, "<text:list-item>");
      write_paragraph (c, "List_20_Bullet", g_ptr_array_index (items, i));
      g_string_append (c->body, "</text:list-item>");
    }
  g_string_append (c->body, "</text:list>");
}

/* A character's advance in em, after Arial's metrics (Liberation Sans
 * and Word's Arial share them): close enough to size columns the same on
 * every machine, where measuring with the installed fonts would not. */
static double
char_em (gunichar c)
{
  if (g_unichar_isdigit (c))
    return 0.556;
  if (c == ' ' || c == 'i' || c == 'j' || c == 'l' || c == 0x202f || c == 0xa0)
    return 0.25;
  if (c == 'f' || c == 't' || c == 'r' || g_unichar_ispunct (c))
    return 0.333;
  if (c == 'm' || c == 'w')
    return 0.833;
  if (c == 'M' || c == 'W')
    return 0.9;
  if (c == 'I')
    return 0.278;
  if (g_unichar_isupper (c))
    return 0.7;
  return 0.556;
}

/* The width in em of @text's longest word, and of all of it. */
static void
measure_text (const char *text,
              double     *longest_word,
              double     *whole)
{
  double word = 0;

  *longest_word = *whole = 0;
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      *whole += char_em (c);
      if (c == ' ' || c == '\n' || c == '\t')
        word = 0;
      else
        word += char_em (c);
      *longest_word = MAX (*longest_word, word);
    }
}

/* The columns' widths in cm, and the table's (@width): the text width,
 * or less for a table of few short columns, whose figures would otherwise
 * stand far from their labels. Each column gets at least its header's
 * longest word (headers break only between words: a narrow "Mål" column
 * must not read "M å l") and a cell's longest word up to a point; what is
 * left goes to the columns with longer text. */
static double *
column_widths (MbReportTable *table,
               double        *width)
{
  /* The built-in 9 pt, bold a tenth wider; the cells' padding. */
  const double em = 9.0 / POINTS_PER_CM, bold = 1.1, padding = 0.3;
  const double longest_cell_word = 8.0, longest_line = 40.0;  /* em */
  guint n = table->n_columns;
  double *widths = g_new0 (double, n);
  g_autofree double *least = g_new0 (double, n);
  g_autofree double *wanted = g_new0 (double, n);
  double sum_least = 0, sum_wanted = 0;

  for (guint i = 0; i < n; i++)
    {
      double header_word, header, word = 0, text = 0;

      measure_text (table->headers[i], &header_word, &header);
      for (guint r = 0; r < table->rows->len; r++)
        {
          char **row = g_ptr_array_index (table->rows, r);
          double row_word, row_text;

          measure_text (row[i], &row_word, &row_text);
          word = MAX (word, row_word);
          text = MAX (text, row_text);
        }
      least[i] = MAX (header_word * bold, MIN (word, longest_cell_word)) * em + padding;
      wanted[i] = MAX (least[i], MIN (text, longest_line) * em + padding);
      sum_least += least[i];
      sum_wanted += wanted[i];
    }

  *width = CLAMP (sum_wanted * 1.3, 10.0, TEXT_WIDTH_CM);
  for (guint i = 0; i < n; i++)
    {
      if (sum_wanted <= *width)
        widths[i] = wanted[i] * *width / sum_wanted;
      else if (sum_least < *width)
        widths[i] = least[i] + (wanted[i] - least[i])
                               * (*width - sum_least) / (sum_wanted - sum_least);
      else
        widths[i] = least[i] * *width / sum_least;
    }
  return widths;
}

static void
write_cell (OdtContent *c,
            const char *cell_style,
            const char *paragraph,
            const char *text)
{
  g_string_append_printf (c->body, "<table:table-cell table:style-name=\"%s\""
                                   " office:value-type=\"string\">", cell_style);
  write_paragraph (c, paragraph, text);
  g_string_append (c->body, "</table:table-cell>");
}

static void
write_table (OdtContent    *c,
             MbReportTable *table)
{
  guint n = ++c->n_tables;
  double width;
  g_autofree double *widths = column_widths (table, &width);
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean break_table;

  if (table->caption != NULL && table->caption[0] != '\0')
    write_paragraph (c, "Caption", table->caption);
  /* No caption to carry the page break: the table does. */
  break_table = c->page_break;
  c->page_break = FALSE;

  g_ascii_formatd (number, sizeof number, "%.2f", width);
  g_string_append_printf (c->styles,
                          "<style:style style:name=\"Table%u\" style:family=\"table\">"
                          "<style:table-properties style:width=\"%scm\" table:align=\"%s\""
                          " fo:margin-top=\"0cm\" fo:margin-bottom=\"0.35cm\"%s/>"
                          "</style:style>",
                          n, number, width < TEXT_WIDTH_CM ? "left" : "margins",
                          break_table ? " fo:break-before=\"page\"" : "");
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_ascii_formatd (number, sizeof number, "%.3f", widths[i]);
      g_string_append_printf (c->styles,
                              "<style:style style:name=\"Table%u.C%u\""
                              " style:family=\"table-column\">"
                              "<style:table-column-properties style:column-width=\"%scm\""
                              " style:rel-width=\"%u*\"/></style:style>",
                              n, i + 1, number, (guint) (widths[i] * 1000 + 0.5));
    }

  g_string_append_printf (c->body, "<table:table table:name=\"Table%u\""
                                   " table:style-name=\"Table%u\">", n, n);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (c->body, "<table:table-column table:style-name=\"Table%u.C%u\"/>",
                            n, i + 1);

  /* Repeated on every page the table runs onto, and what a screen reader
   * and the PDF export take for the header cells. */
  g_string_append (c->body, "<table:table-header-rows><table:table-row>");
  for (guint i = 0; i < table->n_columns; i++)
    write_cell (c, "Cell_Head", table->numeric[i] ? "P_Number_Heading" : "Table_20_Heading",
                table->headers[i]);
  g_string_append (c->body, "</table:table-row></table:table-header-rows>");

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      g_string_append (c->body, "<table:table-row table:style-name=\"Row\">");
      for (guint i = 0; i < table->n_columns; i++)
        write_cell (c, "Cell_Body", table->numeric[i] ? "P_Number" : "Table_20_Contents",
                    row[i]);
      g_string_append (c->body, "</table:table-row>");
    }
  g_string_append (c->body, "</table:table>");
}

/* The chart as a PNG, which Word reads as well as LibreOffice, with its
 * title as the caption above and its text alternative on the frame. */
static gboolean
write_chart (OdtContent     *c,
             MbReportChart  *chart,
             GError        **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autofree char *path = NULL;
  char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];
  guint n = c->n_charts + 1;

  png = mb_report_chart_render_png (chart, c->doc->language, CHART_WIDTH_CM * POINTS_PER_CM,
                                    CHART_HEIGHT_CM * POINTS_PER_CM, CHART_SCALE, error);
  if (png == NULL)
    return FALSE;
  c->n_charts = n;
  path = g_strdup_printf ("Pictures/chart-%u.png", n);
  add_part (c->parts, path, "image/png", png);

  if (chart->title != NULL && chart->title[0] != '\0')
    write_paragraph (c, "Caption", chart->title);

  g_ascii_formatd (width, sizeof width, "%.2f", CHART_WIDTH_CM);
  g_ascii_formatd (height, sizeof height, "%.3f", CHART_HEIGHT_CM);
  g_string_append_printf (c->body,
                          "<text:p text:style-name=\"%s\">"
                          "<draw:frame draw:style-name=\"Frame_Chart\" draw:name=\"Chart %u\""
                          " text:anchor-type=\"as-char\" svg:width=\"%scm\" svg:height=\"%scm\""
                          " draw:z-index=\"0\">"
                          "<draw:image xlink:href=\"%s\" xlink:type=\"simple\""
                          " xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>",
                          paragraph_style (c, "Figure"), n, width, height, path);
  g_string_append (c->body, "<svg:title>");
  append_escaped (c->body, chart->title != NULL ? chart->title : "", -1);
  g_string_append (c->body, "</svg:title>");
  if (chart->description != NULL)
    {
      g_string_append (c->body, "<svg:desc>");
      append_escaped (c->body, chart->description, -1);
      g_string_append (c->body, "</svg:desc>");
    }
  g_string_append (c->body, "</draw:frame></text:p>");
  return TRUE;
}

static char *
build_content (MbReportDoc  *doc,
               const char   *version,
               const char   *fonts,
               gboolean      has_first_page,
               GPtrArray    *parts,
               GError      **error)
{
  OdtContent c = { 0 };
  g_autoptr(GString) content = NULL;
  gboolean ok = TRUE;

  c.doc = doc;
  c.body = g_string_new (NULL);
  c.styles = g_string_new (fixed_automatic_styles);
  c.style_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.parts = parts;
  c.has_first_page = has_first_page;

  write_title_page (&c);
  for (guint i = 0; ok && i < doc->blocks->len; i++)
    {
      MbReportBlock *block = g_ptr_array_index (doc->blocks, i);

      switch (block->kind)
        {
        case MB_REPORT_BLOCK_TOC:
          write_toc (&c, i);
          break;
        case MB_REPORT_BLOCK_HEADING:
          write_heading (&c, block);
          break;
        case MB_REPORT_BLOCK_PARAGRAPH:
          if (block->style == MB_REPORT_PARAGRAPH_STATUS)
            write_paragraph (&c, status_style (block->status), block->text);
          else if (block->style == MB_REPORT_PARAGRAPH_NOTE)
            write_paragraph (&c, "Report_20_Note", block->text);
          else
            write_paragraph (&c, "Text_20_body", block->text);
          break;
        case MB_REPORT_BLOCK_LIST:
          write_list (&c, block->items);
          break;
        case MB_REPORT_BLOCK_TABLE:
          write_table (&c, block->table);
          break;
        case MB_REPORT_BLOCK_CHART:
          ok = write_chart (&c, block->chart, error);
          break;
        default:
          break;
        }
    }

  if (ok)
    {
      content = g_string_sized_new (c.body->len + c.styles->len + 4096);
      g_string_append_printf (content,
                              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<office:document-content" DOCUMENT_NAMESPACES
                              " office:version=\"%s\">"
                              "<office:scripts/>"
                              "<office:font-face-decls>%s</office:font-face-decls>"
                              "<office:automatic-styles>%s</office:automatic-styles>"
                              "<office:body><office:text>"
                              "<text:sequence-decls>"
                              "<text:sequence-decl text:display-outline-level=\"0\""
                              " text:name=\"Table\"/>"
                              "<text:sequence-decl text:display-outline-level=\"0\""
                              " text:name=\"Figure\"/>"
                              "</text:sequence-decls>",
                              version, fonts, c.styles->str);
      g_string_append_len (content, c.body->str, c.body->len);
      g_string_append (content, "</office:text></office:body></office:document-content>\n");
    }

  g_string_free (c.body, TRUE);
  g_string_free (c.styles, TRUE);
  g_hash_table_unref (c.style_names);
  return content != NULL ? g_string_free (g_steal_pointer (&content), FALSE) : NULL;
}

/* ------------------------------------------------------------------ */
/* meta.xml, the manifest */

static char *
build_meta (MbReportDoc *doc,
            const char  *version)
{
  GString *meta = g_string_new (NULL);

  g_string_append_printf (meta,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<office:document-meta xmlns:office=\"" NS_OFFICE "\""
                          " xmlns:meta=\"" NS_META "\" xmlns:dc=\"" NS_DC "\""
                          " xmlns:xlink=\"" NS_XLINK "\" office:version=\"%s\">"
                          "<office:meta><meta:generator>Målbild</meta:generator>",
                          version);
  g_string_append (meta, "<dc:title>");
  append_escaped (meta, doc->title != NULL ? doc->title : "", -1);
  g_string_append (meta, "</dc:title>");
  if (doc->subtitle != NULL)
    {
      g_string_append (meta, "<dc:subject>");
      append_escaped (meta, doc->subtitle, -1);
      g_string_append (meta, "</dc:subject>");
    }
  g_string_append (meta, "<dc:language>");
  append_escaped (meta, doc->lang_tag != NULL ? doc->lang_tag : "sv-SE", -1);
  g_string_append (meta, "</dc:language>");
  if (doc->generated != NULL)
    {
      g_string_append (meta, "<meta:creation-date>");
      append_escaped (meta, doc->generated, -1);
      g_string_append (meta, "</meta:creation-date><dc:date>");
      append_escaped (meta, doc->generated, -1);
      g_string_append (meta, "</dc:date>");
    }
  g_string_append (meta, "</office:meta></office:document-meta>\n");
  return g_string_free (meta, FALSE);
}

static char *
build_manifest (const char *version,
                GPtrArray  *parts)
{
  GString *manifest = g_string_new (NULL);

  g_string_append_printf (manifest,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<manifest:manifest xmlns:manifest=\"" NS_MANIFEST "\""
                          " manifest:version=\"%s\">\n"
                          " <manifest:file-entry manifest:full-path=\"/\""
                          " manifest:version=\"%s\" manifest:media-type=\"" ODT_MIMETYPE "\"/>\n",
                          version, version);
  for (guint i = 0; i < parts->len; i++)
    {
      OdtPart *part = g_ptr_array_index (parts, i);

      g_string_append (manifest, " <manifest:file-entry");
      append_attribute (manifest, "manifest:full-path", part->path);
      append_attribute (manifest, "manifest:media-type", part->media_type);
      g_string_append (manifest, "/>\n");
    }
  g_string_append (manifest, "</manifest:manifest>\n");
  return g_string_free (manifest, FALSE);
}

/* ------------------------------------------------------------------ */
/* The package */

/* Writes one member, in its folder ("Pictures/x.png"): FALSE if the disk
 * fails. The folders are created as needed and kept in @folders. */
static gboolean
write_member (GsfOutfile *zip,
              GHashTable *folders,
              const char *path,
              GBytes     *data,
              gboolean    stored)
{
  g_autoptr(MbGsfOutput) member = NULL;
  const char *slash = strrchr (path, '/');
  GsfOutfile *parent = zip;
  const char *name = path;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  gboolean ok;

  if (slash != NULL)
    {
      g_autofree char *folder = g_strndup (path, slash - path);

      parent = g_hash_table_lookup (folders, folder);
      if (parent == NULL)
        {
          parent = GSF_OUTFILE (gsf_outfile_new_child (zip, folder, TRUE));
          g_hash_table_insert (folders, g_steal_pointer (&folder), parent);
        }
      name = slash + 1;
    }

  if (stored)
    member = gsf_outfile_new_child_full (parent, name, FALSE,
                                         "compression-level", GSF_ZIP_STORED, NULL);
  else
    member = gsf_outfile_new_child (parent, name, FALSE);
  ok = gsf_output_write (member, length, bytes);
  /* Closed even after a failure: the package's directory needs every
   * member closed. */
  ok = gsf_output_close (member) && ok;
  return ok;
}

static void
close_folder (gpointer data)
{
  GsfOutput *folder = data;

  if (!gsf_output_is_closed (folder))
    gsf_output_close (folder);
  g_object_unref (folder);
}

static gboolean
write_package (const char  *path,
               GDateTime   *modtime,
               GPtrArray   *parts,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(MbGsfOutput) sink = NULL;
  g_autoptr(MbGsfOutfile) zip = NULL;
  g_autoptr(GHashTable) folders = NULL;
  gboolean ok = TRUE;

  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: the folder %s does not exist"), path, folder);
      return FALSE;
    }
  sink = gsf_output_stdio_new (path, &local_error);
  if (sink == NULL)
    {
      /* libgsf's "FILE: reason" names its temporary file: the reason
       * alone, after the report's name. */
      const char *reason = g_strrstr (local_error->message, ": ");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   reason != NULL ? reason + 2 : local_error->message);
      return FALSE;
    }

  /* zip64 off: ODF wants no extra field on `mimetype`, and reports are far
   * from 4 GB. The members take the root's time. */
  zip = g_object_new (GSF_OUTFILE_ZIP_TYPE,
                      "sink", sink,
                      "zip64", FALSE,
                      "modtime", modtime,
                      NULL);
  folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_folder);

  for (guint i = 0; ok && i < parts->len; i++)
    {
      OdtPart *part = g_ptr_array_index (parts, i);

      /* mimetype must be stored; pictures are compressed already. */
      gboolean stored = g_str_equal (part->path, "mimetype")
                        || g_strcmp0 (part->media_type, "image/png") == 0
                        || g_strcmp0 (part->media_type, "image/jpeg") == 0;

      ok = write_member (zip, folders, part->path, part->data, stored);
    }
  g_hash_table_remove_all (folders);
  /* Written to the temporary file even after a failure, which is then
   * removed: the zip writes its directory to its sink on close. */
  ok = gsf_output_close (GSF_OUTPUT (zip)) && ok;

  if (!ok)
    {
      const GError *sink_error = gsf_output_error (sink);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   sink_error != NULL ? sink_error->message : g_strerror (EIO));
      /* With an error set, closing removes the temporary file. */
      if (sink_error == NULL)
        gsf_output_set_error (sink, EIO, "%s", g_strerror (EIO));
      gsf_output_close (sink);
      return FALSE;
    }
  if (!gsf_output_close (sink))
    {
      const GError *sink_error = gsf_output_error (sink);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   sink_error != NULL ? sink_error->message : g_strerror (EIO));
      return FALSE;
    }
  return TRUE;
}

static void
ensure_gsf (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gsf_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static GBytes *
bytes_take_string (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

gboolean
mb_report_write_odt (MbReportDoc  *doc,
                     const char   *path,
                     const char   *template_path,
                     GError      **error)
{
  g_auto(OdtTemplate) template = { 0 };
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) pictures = NULL;
  g_autoptr(GDateTime) modtime = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) mimetype = NULL;
  StylesMerge styles = { 0 };
  const char *skeleton = builtin_styles_skeleton;
  gsize skeleton_length = sizeof builtin_styles_skeleton - 1;
  char *content;
  gboolean ok;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ensure_gsf ();

  if (template_path != NULL)
    {
      if (!odt_template_load (&template, template_path, error))
        return FALSE;
      skeleton = template.styles;
      skeleton_length = template.styles_length;
    }
  if (!styles_merge (&styles, skeleton, skeleton_length, doc->lang_tag, &local_error))
    {
      /* The built-in styles are ours, and a template's were checked. */
      g_critical ("The report's styles do not parse: %s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      styles_merge_clear (&styles);
      return FALSE;
    }

  pictures = g_ptr_array_new_with_free_func (odt_part_free);
  content = build_content (doc, styles.version, styles.fonts->str,
                           g_hash_table_contains (styles.master_pages, "First_20_Page"),
                           pictures, error);
  if (content == NULL)
    {
      styles_merge_clear (&styles);
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  /* In the package's order: `mimetype` first (readers sniff it at byte
   * 38), the manifest last. */
  parts = g_ptr_array_new_with_free_func (odt_part_free);
  mimetype = g_bytes_new_static (ODT_MIMETYPE, strlen (ODT_MIMETYPE));
  add_part (parts, "mimetype", NULL, mimetype);
  {
    g_autoptr(GBytes) content_bytes = bytes_take_string (content);
    g_autoptr(GBytes) styles_bytes = bytes_take_string (g_string_free (styles.out, FALSE));
    g_autoptr(GBytes) meta_bytes = bytes_take_string (build_meta (doc, styles.version));

    styles.out = g_string_new (NULL);
    add_part (parts, "content.xml", "text/xml", content_bytes);
    add_part (parts, "styles.xml", "text/xml", styles_bytes);
    add_part (parts, "meta.xml", "text/xml", meta_bytes);
  }
  for (guint i = 0; i < pictures->len; i++)
    {
      OdtPart *part = g_ptr_array_index (pictures, i);

      add_part (parts, part->path, part->media_type, part->data);
    }
  if (template.pictures != NULL)
    for (guint i = 0; i < template.pictures->len; i++)
      {
        OdtPart *part = g_ptr_array_index (template.pictures, i);
        gboolean taken = FALSE;

        /* Ours are named chart-N.png; a template's own picture of that
         * name would lose to the chart, so it is left out. */
        for (guint j = 0; j < pictures->len && !taken; j++)
          taken = g_str_equal (((OdtPart *) g_ptr_array_index (pictures, j))->path,
                               part->path);
        if (!taken)
          add_part (parts, part->path, part->media_type, part->data);
      }
  {
    /* The manifest lists every part but `mimetype` and itself. */
    g_autoptr(GPtrArray) listed = g_ptr_array_new ();
    g_autoptr(GBytes) manifest = NULL;

    for (guint i = 1; i < parts->len; i++)
      g_ptr_array_add (listed, g_ptr_array_index (parts, i));
    manifest = bytes_take_string (build_manifest (styles.version, listed));
    add_part (parts, "META-INF/manifest.xml", "text/xml", manifest);
  }
  styles_merge_clear (&styles);

  if (doc->generated != NULL)
    modtime = g_date_time_new_from_iso8601 (doc->generated, NULL);
  if (modtime == NULL)
    modtime = g_date_time_new_now_utc ();

  ok = write_package (path, modtime, parts, error);
  return ok;
}
