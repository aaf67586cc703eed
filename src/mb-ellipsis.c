/* mb-ellipsis.c – text cut to fit, with the whole of it at hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-ellipsis.h"

static gboolean
label_query_tooltip_cb (GtkLabel   *label,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (label);

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
mb_label_tooltip_when_cut (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_signal_handler_find (label, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                             label_query_tooltip_cb, NULL) != 0)
    return;
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (label_query_tooltip_cb), NULL);
}

/* The button shows the chosen string, cut. */
static void
button_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  max_width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_width_chars));
  gtk_label_set_width_chars (GTK_LABEL (label), 3);
  mb_label_tooltip_when_cut (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

static void
button_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (string) : "");
}

/* The list shows each string whole, and a check mark by the chosen one, as
 * GtkDropDown's own list does. */
static void
list_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_check (GtkListItem *item,
              GtkDropDown *drop_down)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, gtk_list_item_get_position (item) ==
                                 gtk_drop_down_get_selected (drop_down) ? 1 : 0);
}

static void
selected_cb (GtkDropDown *drop_down,
             GParamSpec  *pspec,
             GtkListItem *item)
{
  update_check (item, drop_down);
}

static void
list_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GtkDropDown              *drop_down)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (string) : "");
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (selected_cb), item);
  update_check (item, drop_down);
}

static void
list_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GtkDropDown              *drop_down)
{
  g_signal_handlers_disconnect_by_func (drop_down, selected_cb, item);
}

void
mb_drop_down_ellipsize (GtkDropDown *drop_down,
                        int          max_width_chars)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_connect (button, "setup", G_CALLBACK (button_setup_cb),
                    GINT_TO_POINTER (max_width_chars));
  g_signal_connect (button, "bind", G_CALLBACK (button_bind_cb), NULL);
  /* The factories live as long as the drop-down: no reference needed. */
  g_signal_connect (list, "setup", G_CALLBACK (list_setup_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (list_bind_cb), drop_down);
  g_signal_connect (list, "unbind", G_CALLBACK (list_unbind_cb), drop_down);
  gtk_drop_down_set_factory (drop_down, button);
  gtk_drop_down_set_list_factory (drop_down, list);
}
