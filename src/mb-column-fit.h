/* mb-column-fit.h – a table's least needed columns give way to its title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a table's title column keeps before other columns give way. */
#define MB_COLUMN_FIT_TITLE_WIDTH 240

/* One column of a table: its fixed width in pixels (0: it takes the room
 * left, as the title does), and when it gives way where room is short
 * (1 goes first, then 2…; 0 stays). */
typedef struct
{
  int   width;
  guint drop;
} MbColumnFit;

/* Hides @view's columns, in their order of @fits (one per column), until
 * the title keeps @title_width pixels of @scrolled's visible width, and
 * shows them again as the width grows: with the details panel open the
 * fixed columns alone would take it all. @fits is copied. */
void mb_column_fit_attach (GtkColumnView     *view,
                           GtkScrolledWindow *scrolled,
                           const MbColumnFit *fits,
                           guint              n_fits,
                           int                title_width);

G_END_DECLS
