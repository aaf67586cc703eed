/* mb-column-fit.c – a table's least needed columns give way to its title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-column-fit.h"

#define FIT_KEY "mb-column-fit"

typedef struct
{
  GtkColumnView *view;  /* owns the fit */
  MbColumnFit   *fits;
  guint          n_fits;
  int            title_width;
  int            fitted_width;
  guint          idle;
} Fit;

static void
fit_free (gpointer data)
{
  Fit *fit = data;

  g_clear_handle_id (&fit->idle, g_source_remove);
  g_free (fit->fits);
  g_free (fit);
}

static gboolean
fit_columns_cb (gpointer data)
{
  Fit *fit = data;
  GListModel *columns = gtk_column_view_get_columns (fit->view);
  int fixed = 0;
  guint max_drop = 0;

  fit->idle = 0;
  for (guint i = 0; i < fit->n_fits; i++)
    {
      fixed += fit->fits[i].width;
      max_drop = MAX (max_drop, fit->fits[i].drop);
    }
  for (guint drop = 1; drop <= max_drop; drop++)
    for (guint i = 0; i < fit->n_fits && i < g_list_model_get_n_items (columns); i++)
      if (fit->fits[i].drop == drop)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          gboolean show = fixed + fit->title_width <= fit->fitted_width;

          if (!show)
            fixed -= fit->fits[i].width;
          if (gtk_column_view_column_get_visible (column) == show)
            continue;
          gtk_column_view_column_set_visible (column, show);
          /* GTK 4.8 counts a hidden column's fixed width in the table's
           * minimum, which the title would then lack: none while hidden. */
          gtk_column_view_column_set_fixed_width (column, show ? fit->fits[i].width : 0);
        }
  return G_SOURCE_REMOVE;
}

/* The table's visible width is its scrolled window's page size. */
static void
hadjustment_changed_cb (GtkAdjustment *adjustment,
                        GtkColumnView *view)
{
  Fit *fit = g_object_get_data (G_OBJECT (view), FIT_KEY);
  int width = (int) gtk_adjustment_get_page_size (adjustment);

  /* Not from within an allocation: showing a column queues another one. */
  if (width > 0 && width != fit->fitted_width)
    {
      fit->fitted_width = width;
      if (fit->idle == 0)
        fit->idle = g_idle_add (fit_columns_cb, fit);
    }
}

void
mb_column_fit_attach (GtkColumnView     *view,
                      GtkScrolledWindow *scrolled,
                      const MbColumnFit *fits,
                      guint              n_fits,
                      int                title_width)
{
  Fit *fit = g_new0 (Fit, 1);

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));

  fit->view = view;
  fit->fits = g_memdup2 (fits, n_fits * sizeof *fits);
  fit->n_fits = n_fits;
  fit->title_width = title_width;
  /* Freed with the view, which ends the idle too. */
  g_object_set_data_full (G_OBJECT (view), FIT_KEY, fit, fit_free);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (scrolled), "changed",
                           G_CALLBACK (hadjustment_changed_cb), view, 0);
}
