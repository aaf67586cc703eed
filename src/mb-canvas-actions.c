/* mb-canvas-actions.c – the canvas's actions and their keyboard shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/mb-store-canvas-queries.h"
#include "mb-canvas-private.h"
#include "mb-review.h"

static void
add_node_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  int card = mb_canvas_scene_lookup (self->scene, _mb_canvas_primary_node (self));

  _mb_canvas_add_node (self, card, 0);
}

static void
edit_title_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);

  _mb_canvas_start_editing (self, _mb_canvas_cursor_card (self));
}

/* Review mode: an edit key says why nothing happens. */
static void
explain_review_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  mb_review_explain_refusal (widget);
}

static void
activate_cursor_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);

  if (self->keyboard_link)
    {
      if (self->link_target >= 0 && self->link_target != self->link_source)
        _mb_canvas_open_link_popover (self, self->link_source, self->link_target);
      else
        gtk_widget_error_bell (widget);
      return;
    }
  _mb_canvas_start_editing (self, _mb_canvas_cursor_card (self));
}

static void
move_cursor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  const char *direction = g_variant_get_string (parameter, NULL);
  MbCanvasNav nav;

  if (g_str_equal (direction, "up"))
    nav = MB_CANVAS_NAV_UP;
  else if (g_str_equal (direction, "down"))
    nav = MB_CANVAS_NAV_DOWN;
  else if (g_str_equal (direction, "left"))
    nav = MB_CANVAS_NAV_LEFT;
  else if (g_str_equal (direction, "right"))
    nav = MB_CANVAS_NAV_RIGHT;
  else
    return;
  _mb_canvas_move_cursor (self, nav);
}

/* The selected cards that are on the canvas, in selection order. */
static GArray *
selected_cards (MbCanvas *self)
{
  g_auto(GStrv) nodes = mb_selection_dup_nodes (self->selection);
  GArray *cards = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; nodes != NULL && nodes[i] != NULL; i++)
    {
      int card = mb_canvas_scene_lookup (self->scene, nodes[i]);

      if (card >= 0)
        g_array_append_val (cards, card);
    }
  if (cards->len == 0 && mb_canvas_scene_lookup (self->scene, _mb_canvas_primary_node (self)) >= 0)
    {
      int card = mb_canvas_scene_lookup (self->scene, _mb_canvas_primary_node (self));

      g_array_append_val (cards, card);
    }
  return cards;
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MbCanvas         *self)
{
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "node-ids");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 && !mb_store_delete_nodes (self->store, ids, &error))
    _mb_canvas_show_error (self, error);
}

/* Deletes the selected nodes (or the one under the keyboard cursor) after
 * saying what goes with them: one undo step however many. */
static void
delete_node_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  g_autoptr(GArray) cards = selected_cards (self);
  g_auto(GStrv) ids = NULL;
  int cursor = _mb_canvas_cursor_card (self);
  const MbCanvasCard *first;
  MbNodeDeletion deletion;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkRoot *root;
  guint n;

  if (cards->len <= 1)
    {
      /* One node: the one the keyboard is on. */
      g_array_set_size (cards, 0);
      if (cursor >= 0)
        g_array_append_val (cards, cursor);
    }
  n = cards->len;
  if (n == 0)
    return;
  ids = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (mb_canvas_scene_get_card (self->scene,
                                                 g_array_index (cards, guint, i))->row->id);
  first = mb_canvas_scene_get_card (self->scene, g_array_index (cards, guint, 0));
  if (!mb_store_describe_nodes_deletion (self->store, (const char * const *) ids, &deletion,
                                         &error))
    {
      _mb_canvas_show_error (self, error);
      return;
    }

  if (n == 1)
    heading = g_strdup_printf (_("Delete “%s”?"), first->row->title);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Node?",
                                            "Delete %u Nodes?", n), n);
  if (deletion.n_descendants == 0 && deletion.n_links == 0 && deletion.n_attachments == 0)
    g_string_append (body, n == 1 ? _("Nothing else goes with it.")
                                  : _("Nothing else goes with them."));
  else
    {
      g_string_append (body, n == 1 ? _("With it go:") : _("With them go:"));
      if (deletion.n_descendants > 0)
        {
          g_string_append (body, "\n• ");
          if (n == 1)
            g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u node below it",
                                                       "%u nodes below it",
                                                       deletion.n_descendants),
                                    deletion.n_descendants);
          else
            g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u node below them",
                                                       "%u nodes below them",
                                                       deletion.n_descendants),
                                    deletion.n_descendants);
        }
      if (deletion.n_links > 0)
        {
          g_string_append (body, "\n• ");
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links",
                                                     deletion.n_links),
                                  deletion.n_links);
        }
      if (deletion.n_attachments > 0)
        {
          g_string_append (body, "\n• ");
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u attached indicator, project, call, "
                                                     "tag or territory",
                                                     "%u attached indicators, projects, calls, "
                                                     "tags and territories",
                                                     deletion.n_attachments),
                                  deletion.n_attachments);
        }
    }
  g_string_append_printf (body, "\n\n%s", _("You can undo this."));

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "node-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_link_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  int card = _mb_canvas_cursor_card (self);

  if (card < 0)
    return;
  self->keyboard_link = TRUE;
  self->link_source = card;
  self->link_target = card;
  gtk_widget_queue_draw (widget);
}

static void
link_kind_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *from = g_steal_pointer (&self->pending_from);
  g_autofree char *to = g_steal_pointer (&self->pending_to);
  g_autofree char *id = NULL;

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (from == NULL || to == NULL)
    return;

  id = mb_store_create_link (self->store, from, to, kind, &error);
  if (id == NULL)
    _mb_canvas_show_error (self, error);
}

static GBytes *
selected_ids (MbCanvas  *self,
              char     **titles)
{
  g_auto(GStrv) nodes = mb_selection_dup_nodes (self->selection);
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if ((nodes == NULL || nodes[0] == NULL) && _mb_canvas_primary_node (self) != NULL)
    {
      g_strfreev (nodes);
      nodes = g_new0 (char *, 2);
      nodes[0] = g_strdup (_mb_canvas_primary_node (self));
    }
  for (guint i = 0; nodes != NULL && nodes[i] != NULL; i++)
    {
      int card = mb_canvas_scene_lookup (self->scene, nodes[i]);

      g_string_append_printf (ids, "%s\n", nodes[i]);
      if (card >= 0)
        g_string_append_printf (text, "%s\n", mb_canvas_scene_get_card (self->scene,
                                                                         card)->row->title);
    }
  *titles = g_string_free (g_steal_pointer (&text), FALSE);
  return g_string_free_to_bytes (g_steal_pointer (&ids));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  g_autofree char *titles = NULL;
  g_autoptr(GBytes) ids = selected_ids (self, &titles);
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (g_bytes_get_size (ids) == 0)
    return;
  /* The ids for pasting into a strategy, the titles for any other app. */
  providers[0] = gdk_content_provider_new_for_bytes (MB_CANVAS_NODES_MIME_TYPE, ids);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, titles);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

static void
paste_spliced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MbCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) new_ids = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      _mb_canvas_show_error (self, error);
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object));
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_ptr_array_add (ids, lines[i]);
  g_ptr_array_add (ids, NULL);

  if (ids->len <= 1 || self->strategy_id == NULL)
    return;
  if (!mb_store_paste_nodes (self->store, self->strategy_id, NULL,
                             (const char * const *) ids->pdata, &new_ids, &error))
    {
      _mb_canvas_show_error (self, error);
      return;
    }
  mb_selection_select_nodes (self->selection, (const char * const *) new_ids);
}

static void
paste_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MbCanvas) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, NULL, &error);
  if (stream == NULL)
    {
      /* Nothing of ours on the clipboard: not an error to shout about. */
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_spliced_cb,
                                g_steal_pointer (&self));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *mime_types[] = { MB_CANVAS_NODES_MIME_TYPE, NULL };

  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), mime_types, G_PRIORITY_DEFAULT,
                            NULL, paste_read_cb, g_object_ref (widget));
}

static void
align_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  g_autoptr(GArray) cards = selected_cards (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autoptr(GError) error = NULL;
  const MbCanvasCard *first;

  if (cards->len == 0)
    return;

  /* On the first selected card's row (top-down) or column (left-right). */
  first = mb_canvas_scene_get_card (self->scene, g_array_index (cards, guint, 0));
  xs = g_new (double, cards->len);
  ys = g_new (double, cards->len);
  for (guint i = 0; i < cards->len; i++)
    {
      const MbCanvasCard *card = mb_canvas_scene_get_card (self->scene,
                                                           g_array_index (cards, guint, i));

      g_ptr_array_add (ids, card->row->id);
      xs[i] = self->scene->data->left_right ? mb_canvas_rect_center_x (&first->rect)
                                            : mb_canvas_rect_center_x (&card->rect);
      ys[i] = self->scene->data->left_right ? mb_canvas_rect_center_y (&card->rect)
                                            : mb_canvas_rect_center_y (&first->rect);
    }
  g_ptr_array_add (ids, NULL);
  if (!mb_store_pin_nodes (self->store, (const char * const *) ids->pdata, xs, ys, &error))
    _mb_canvas_show_error (self, error);
}

static void
auto_layout_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  g_autoptr(GArray) cards = selected_cards (self);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  /* The selection, or with nothing selected every pinned card. */
  if (cards->len > 0)
    {
      for (guint i = 0; i < cards->len; i++)
        {
          const MbCanvasCard *card = mb_canvas_scene_get_card (self->scene,
                                                               g_array_index (cards, guint, i));
          if (card->row->pinned)
            g_ptr_array_add (ids, card->row->id);
        }
    }
  else
    for (guint i = 0; i < mb_canvas_scene_get_n_cards (self->scene); i++)
      if (mb_canvas_scene_get_card (self->scene, i)->row->pinned)
        g_ptr_array_add (ids, mb_canvas_scene_get_card (self->scene, i)->row->id);
  g_ptr_array_add (ids, NULL);

  if (ids->len > 1 &&
      !mb_store_pin_nodes (self->store, (const char * const *) ids->pdata, NULL, NULL, &error))
    _mb_canvas_show_error (self, error);
}

static void
toggle_direction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;

  if (self->scene == NULL)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, self->scene->data->left_right ? "top-down" : "left-right");
  self->fit_pending = TRUE;
  if (!mb_store_set_field (self->store, "strategies", self->strategy_id, "layout_direction",
                           &value, &error))
    _mb_canvas_show_error (self, error);
  g_value_unset (&value);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MbCanvas *self = MB_CANVAS (widget);
  double cx = gtk_widget_get_width (widget) / 2.0;
  double cy = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "canvas.zoom-in"))
    _mb_canvas_zoom_at (self, self->zoom * MB_CANVAS_ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    _mb_canvas_zoom_at (self, self->zoom / MB_CANVAS_ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-100"))
    _mb_canvas_zoom_at (self, 1.0, cx, cy);
  else
    mb_canvas_zoom_to_fit (self);
}

void
_mb_canvas_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.add-node", NULL, add_node_action);
  gtk_widget_class_install_action (widget_class, "canvas.edit-title", NULL, edit_title_action);
  gtk_widget_class_install_action (widget_class, "canvas.activate-cursor", NULL,
                                   activate_cursor_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-cursor", "s", move_cursor_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete-node", NULL, delete_node_action);
  gtk_widget_class_install_action (widget_class, "canvas.start-link", NULL, start_link_action);
  gtk_widget_class_install_action (widget_class, "canvas.link-kind", "s", link_kind_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.align", NULL, align_action);
  gtk_widget_class_install_action (widget_class, "canvas.auto-layout", NULL, auto_layout_action);
  gtk_widget_class_install_action (widget_class, "canvas.toggle-direction", NULL,
                                   toggle_direction_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-100", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "canvas.add-node", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.add-node", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.edit-title", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete-node",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, 0, "canvas.start-link", NULL);
  /* Tried when the edit above them is off, which it is in review mode only. */
  gtk_widget_class_install_action (widget_class, "canvas.explain-review", NULL,
                                   explain_review_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.explain-review",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.explain-review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.explain-review",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "canvas.zoom-100", NULL);
}
