/* mb-ellipsis.h – text cut to fit, with the whole of it at hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @label's whole text as its tooltip while the label is cut with an
 * ellipsis, and its own tooltip (or its parent's) while it is not. */
void mb_label_tooltip_when_cut   (GtkLabel    *label);

/* Lets @drop_down's button cut the chosen string to @max_width_chars, with
 * an ellipsis, so that a long title does not widen the view that holds it;
 * its list shows every string whole, wrapped. The model holds
 * GtkStringObjects (a GtkStringList). */
void mb_drop_down_ellipsize      (GtkDropDown *drop_down,
                                  int          max_width_chars);

G_END_DECLS
