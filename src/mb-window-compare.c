/* mb-window-compare.c – a comparison of revisions beside the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Compare…" in a strategy's details lays the comparison in the details'
 * place and shows the canvas beside it, marked with what the comparison
 * found; an entry takes the user to its node or link. Leaving (the pane's
 * close button or Escape, or choosing another strategy) gives the place
 * back to the details and clears the marks.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-canvas.h"
#include "mb-store-editor-queries.h"
#include "mb-revision-compare.h"
#include "mb-window-private.h"

static void
compared_cb (MbRevisionCompare *comparison,
             MbWindow          *self)
{
  if (self->canvas != NULL)
    mb_canvas_show_changes (MB_CANVAS (self->canvas),
                            mb_revision_compare_get_changes (comparison),
                            mb_revision_compare_get_from_id (comparison));
}

/* The node on the canvas that an indicator measures, marked by the
 * comparison if one is, or NULL. */
static char *
indicator_card (MbWindow   *self,
                const char *indicator_id)
{
  g_autoptr(GListModel) nodes = NULL;
  g_autofree char *card = NULL;

  if (self->canvas == NULL)
    return NULL;
  nodes = mb_store_editor_list_related (self->store, MB_RELATED_INDICATOR_NODES, indicator_id,
                                        NULL);
  for (guint i = 0; nodes != NULL && i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(MbEntityItem) node = g_list_model_get_item (nodes, i);
      const char *id = mb_entity_item_get_id (node);

      if (mb_canvas_get_change (MB_CANVAS (self->canvas), id) >= 0)
        return g_strdup (id);
      if (card == NULL && mb_canvas_get_node_widget (MB_CANVAS (self->canvas), id) != NULL)
        card = g_strdup (id);
    }
  return g_steal_pointer (&card);
}

/* An entry's node or link where it is now, or a removed node's ghost; an
 * indicator's (or its target's) card beside the comparison, else its page. */
static void
go_to_cb (MbRevisionCompare *comparison,
          const char        *kind,
          const char        *id,
          MbWindow          *self)
{
  g_autoptr(MbRecord) record = mb_store_get_record (self->store, kind, id, NULL);
  g_autofree char *card = NULL;

  if (record != NULL && g_str_equal (kind, MB_KIND_INDICATOR) &&
      (card = indicator_card (self, id)) != NULL)
    _mb_window_go_to (self, MB_KIND_NODE, card);
  else if (record != NULL)
    _mb_window_go_to (self, kind, id);
  else if (self->canvas != NULL && mb_canvas_reveal_ghost (MB_CANVAS (self->canvas), id))
    adw_view_stack_set_visible_child_name (self->view_stack, "canvas");
  else
    _mb_window_show_toast (self, _("It is not in the strategy now"));
}

static void
close_cb (MbRevisionCompare *comparison,
          MbWindow          *self)
{
  _mb_window_leave_comparison (self);
}

void
_mb_window_compare_revisions (MbWindow   *self,
                              const char *strategy_id,
                              const char *from_id)
{
  gboolean shown;

  if (self->store == NULL || self->flap_stack == NULL || strategy_id == NULL)
    return;

  shown = self->comparison != NULL ? self->details_shown_before_comparison
                                   : adw_flap_get_reveal_flap (self->details_flap);
  _mb_window_leave_comparison (self);
  if (g_strcmp0 (mb_selection_get_strategy (self->selection), strategy_id) != 0)
    mb_selection_set_strategy (self->selection, strategy_id);

  self->details_shown_before_comparison = shown;
  self->comparison = mb_revision_compare_new (self->store, strategy_id, from_id);
  g_signal_connect_object (self->comparison, "compared", G_CALLBACK (compared_cb), self, 0);
  g_signal_connect_object (self->comparison, "go-to", G_CALLBACK (go_to_cb), self, 0);
  g_signal_connect_object (self->comparison, "close", G_CALLBACK (close_cb), self, 0);
  gtk_stack_add_named (self->flap_stack, self->comparison, "comparison");
  gtk_stack_set_visible_child (self->flap_stack, self->comparison);
  adw_flap_set_reveal_flap (self->details_flap, TRUE);

  _mb_window_hide_contributions (self);
  if (adw_view_stack_get_child_by_name (self->view_stack, "canvas") != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, "canvas");
  compared_cb (MB_REVISION_COMPARE (self->comparison), self);
  /* The keyboard goes where the user asked to go: the comparison. */
  gtk_widget_child_focus (self->comparison, GTK_DIR_TAB_FORWARD);
}

void
_mb_window_leave_comparison (MbWindow *self)
{
  gboolean had_focus;

  if (self->comparison == NULL)
    return;

  had_focus = gtk_widget_get_focus_child (self->comparison) != NULL;
  g_signal_handlers_disconnect_by_data (self->comparison, self);
  gtk_stack_set_visible_child_name (self->flap_stack, "details");
  gtk_stack_remove (self->flap_stack, self->comparison);
  self->comparison = NULL;
  adw_flap_set_reveal_flap (self->details_flap, self->details_shown_before_comparison);
  if (self->canvas != NULL)
    {
      mb_canvas_show_changes (MB_CANVAS (self->canvas), NULL, NULL);
      /* The focus was in the pane that went: to the canvas it was beside. */
      if (had_focus)
        gtk_widget_grab_focus (self->canvas);
    }
}
