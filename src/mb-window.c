/* mb-window.c – the main window: the library, its strategies and views
 *
 * The window owns the library's MbStore and the MbSelection every view
 * shares. Views read through the store and refresh from its "changed"
 * signal; the window only places them, keeps the header bar in step with
 * the store (undo, redo) and routes errors to toasts and dialogs. Actions
 * and dialogs live in mb-window-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-canvas.h"
#include "mb-connect-dialog.h"
#include "mb-revision-compare.h"
#include "mb-contributions-page.h"
#include "mb-details-panel.h"
#include "mb-follow-up-view.h"
#include "mb-roadmap-view.h"
#include "mb-indicators-view.h"
#include "mb-record.h"
#include "mb-record-table.h"
#include "mb-review.h"
#include "mb-window-private.h"
#include "core/mb-remote.h"
#include "core/mb-revision.h"

G_DEFINE_FINAL_TYPE (MbWindow, mb_window, ADW_TYPE_APPLICATION_WINDOW)

static void mb_window_reload (MbWindow           *self,
                              const char * const *tables);
static void mb_window_set_store (MbWindow *self,
                                 MbStore  *store);

static void
mb_window_save_state (MbWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
    }
  g_settings_set_string (self->settings, "last-strategy",
                         mb_selection_get_strategy (self->selection) ?: "");
  g_settings_apply (self->settings);
}

static void
mb_window_restore_state (MbWindow *self)
{
  int width, height;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
_mb_window_show_toast (MbWindow   *self,
                       const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_mb_window_show_error (MbWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       error ? error->message : NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_mb_window_job_started (MbWindow *self)
{
  self->n_jobs++;
  gtk_widget_set_visible (GTK_WIDGET (self->work_spinner), TRUE);
  gtk_spinner_start (self->work_spinner);
}

void
_mb_window_job_finished (MbWindow *self)
{
  g_return_if_fail (self->n_jobs > 0);

  if (--self->n_jobs == 0)
    {
      gtk_spinner_stop (self->work_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->work_spinner), FALSE);
    }
}

void
_mb_window_apply_color_scheme (MbWindow *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

gboolean
_mb_window_is_writable (MbWindow *self)
{
  return mb_review_store_is_editable (self->store);
}

/* Back and forward */

/* Where the window is now: the contributions page it shows, else the
 * selected item, else the strategy. */
static gboolean
mb_window_get_place (MbWindow    *self,
                     const char **kind,
                     const char **id)
{
  const char *strategy_id = mb_selection_get_strategy (self->selection);

  if (self->contributions_page != NULL
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                    "contributions") == 0)
    {
      MbContributionsPage *page = MB_CONTRIBUTIONS_PAGE (self->contributions_page);

      *kind = mb_contributions_page_get_direction (page) == MB_CONTRIBUTIONS_UP
              ? MB_LOCATION_CONTRIBUTIONS_UP : MB_LOCATION_CONTRIBUTIONS_DOWN;
      *id = mb_contributions_page_get_node_id (page);
      return *id != NULL;
    }

  if (mb_selection_get_kind (self->selection) != NULL && mb_selection_get_id (self->selection))
    {
      *kind = mb_selection_get_kind (self->selection);
      *id = mb_selection_get_id (self->selection);
      return TRUE;
    }

  if (strategy_id != NULL)
    {
      *kind = MB_KIND_STRATEGY;
      *id = strategy_id;
      return TRUE;
    }

  return FALSE;
}

/* The view that shows the place, so that Back returns to it (a node seen
 * on the roadmap is not shown on the canvas); NULL on the contributions
 * page. */
static const char *
mb_window_get_place_view (MbWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "views") != 0)
    return NULL;

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

static gboolean
record_place_idle (gpointer data)
{
  MbWindow *self = data;
  const char *kind, *id;

  self->record_place_id = 0;
  if (self->restoring_place == 0 && mb_window_get_place (self, &kind, &id))
    mb_navigation_visit (self->navigation, kind, id, mb_window_get_place_view (self));

  return G_SOURCE_REMOVE;
}

/* One "go there" moves the strategy and the selection in several steps:
 * record where it ends, once. */
static void
mb_window_queue_record_place (MbWindow *self)
{
  if (self->restoring_place > 0 || self->record_place_id != 0)
    return;

  self->record_place_id = g_idle_add_full (G_PRIORITY_DEFAULT, record_place_idle, self, NULL);
}

static gboolean
place_exists_cb (const char *kind,
                 const char *id,
                 gpointer    user_data)
{
  MbWindow *self = user_data;
  g_autoptr(MbRecord) record = NULL;

  if (self->store == NULL)
    return FALSE;

  if (g_str_equal (kind, MB_LOCATION_CONTRIBUTIONS_DOWN)
      || g_str_equal (kind, MB_LOCATION_CONTRIBUTIONS_UP))
    kind = MB_KIND_NODE;

  record = mb_store_get_record (self->store, kind, id, NULL);
  return record != NULL;
}

static gboolean
focus_is_in (MbWindow  *self,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The focus goes to the item of the place returned to, in the view that
 * shows it; on a contributions page, to the row the user left it by
 * (@left_kind/@left_id). It was left on the view's first control, Add
 * Node, and the next Enter added a node. */
static void
mb_window_focus_place (MbWindow   *self,
                       const char *kind,
                       const char *id,
                       const char *left_kind,
                       const char *left_id)
{
  GtkWidget *view;

  if (g_str_equal (kind, MB_LOCATION_CONTRIBUTIONS_DOWN)
      || g_str_equal (kind, MB_LOCATION_CONTRIBUTIONS_UP))
    {
      mb_contributions_page_focus_item (MB_CONTRIBUTIONS_PAGE (self->contributions_page),
                                        left_kind, left_id);
      return;
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "views") != 0)
    return;
  view = adw_view_stack_get_visible_child (self->view_stack);
  /* The views built when first shown sit in a bin. */
  if (ADW_IS_BIN (view))
    view = adw_bin_get_child (ADW_BIN (view));
  if (view == NULL)
    return;

  if (MB_IS_CANVAS (view))
    {
      /* A strategy's canvas still being laid out shows the node, with
       * the focus, when it arrives. */
      if (g_str_equal (kind, MB_KIND_NODE) && mb_canvas_focus_node (MB_CANVAS (view), id))
        return;
      gtk_widget_grab_focus (view);
      return;
    }
  if (MB_IS_ROADMAP_VIEW (view) && g_str_equal (kind, MB_KIND_NODE)
      && mb_roadmap_canvas_focus_node (mb_roadmap_view_get_canvas (MB_ROADMAP_VIEW (view)), id))
    return;
  if (MB_IS_RECORD_TABLE (view) && mb_record_table_focus_selected (MB_RECORD_TABLE (view)))
    return;
  if (!focus_is_in (self, view))
    gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
}

static void
mb_window_restore_place (MbWindow   *self,
                         const char *kind,
                         const char *id,
                         const char *view,
                         const char *left_kind,
                         const char *left_id)
{
  g_autofree char *kind_copy = g_strdup (kind);
  g_autofree char *id_copy = g_strdup (id);
  g_autofree char *view_copy = g_strdup (view);

  /* What was queued belongs to the place being left. */
  g_clear_handle_id (&self->record_place_id, g_source_remove);

  self->restoring_place++;
  if (g_str_equal (kind_copy, MB_LOCATION_CONTRIBUTIONS_DOWN))
    _mb_window_show_contributions (self, id_copy, "down");
  else if (g_str_equal (kind_copy, MB_LOCATION_CONTRIBUTIONS_UP))
    _mb_window_show_contributions (self, id_copy, "up");
  else
    {
      _mb_window_go_to (self, kind_copy, id_copy);
      if (view_copy != NULL && adw_view_stack_get_child_by_name (self->view_stack, view_copy))
        adw_view_stack_set_visible_child_name (self->view_stack, view_copy);
    }
  mb_window_focus_place (self, kind_copy, id_copy, left_kind, left_id);
  self->restoring_place--;
}

/* Back or Forward (@step -1 or +1). */
static void
mb_window_step_place (MbWindow *self,
                      int       step)
{
  g_autofree char *left_kind = NULL;
  g_autofree char *left_id = NULL;
  const char *kind, *id;
  gboolean moved;

  /* A pending visit first, so that Back leaves the place just reached. */
  if (self->record_place_id != 0)
    {
      g_clear_handle_id (&self->record_place_id, g_source_remove);
      record_place_idle (self);
    }

  if (mb_navigation_get_current (self->navigation, &kind, &id))
    {
      left_kind = g_strdup (kind);
      left_id = g_strdup (id);
    }

  moved = step < 0 ? mb_navigation_go_back (self->navigation, &kind, &id)
                   : mb_navigation_go_forward (self->navigation, &kind, &id);
  if (moved)
    mb_window_restore_place (self, kind, id, mb_navigation_get_current_view (self->navigation),
                             left_kind, left_id);
}

void
_mb_window_go_back (MbWindow *self)
{
  mb_window_step_place (self, -1);
}

void
_mb_window_go_forward (MbWindow *self)
{
  mb_window_step_place (self, +1);
}

static void
navigation_notify_cb (MbNavigation *navigation,
                      GParamSpec   *pspec,
                      MbWindow     *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 mb_navigation_can_go_back (navigation));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 mb_navigation_can_go_forward (navigation));
}

/* The mouse's back and forward buttons (8 and 9), anywhere in the window. */
static void
history_button_pressed_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           MbWindow        *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (button == 8)
    _mb_window_go_back (self);
  else if (button == 9)
    _mb_window_go_forward (self);
  else
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
contributions_go_to_cb (MbContributionsPage *page,
                        const char          *kind,
                        const char          *id,
                        MbWindow            *self)
{
  _mb_window_go_to (self, kind, id);
}

static void
contributions_direction_cb (MbContributionsPage *page,
                            const char          *direction,
                            MbWindow            *self)
{
  g_autofree char *node_id = g_strdup (mb_contributions_page_get_node_id (page));

  _mb_window_show_contributions (self, node_id, direction);
}

void
_mb_window_show_contributions (MbWindow   *self,
                               const char *node_id,
                               const char *direction)
{
  MbContributionsDirection dir = g_strcmp0 (direction, "up") == 0 ? MB_CONTRIBUTIONS_UP
                                                                  : MB_CONTRIBUTIONS_DOWN;
  g_autoptr(MbRecord) node = NULL;

  if (self->contributions_page == NULL || node_id == NULL)
    return;

  node = mb_store_get_record (self->store, MB_KIND_NODE, node_id, NULL);
  if (node == NULL)
    return;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  /* The page is about the node the details show: it takes their room (a
   * narrow window lays them over it), and they come back when the user
   * leaves the page (Back included). */
  if (adw_flap_get_reveal_flap (self->details_flap))
    {
      adw_flap_set_reveal_flap (self->details_flap, FALSE);
      self->details_hidden_by_page = TRUE;
    }
  mb_contributions_page_show (MB_CONTRIBUTIONS_PAGE (self->contributions_page), node_id, dir);
  gtk_stack_set_visible_child_name (self->content_stack, "contributions");
  _mb_window_show_content (self, self->contributions_page);
  mb_window_queue_record_place (self);
}

void
_mb_window_hide_contributions (MbWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "contributions") != 0)
    return;

  if (mb_selection_get_strategy (self->selection) != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "views");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "no-strategy");
  if (self->details_hidden_by_page)
    {
      self->details_hidden_by_page = FALSE;
      adw_flap_set_reveal_flap (self->details_flap, TRUE);
    }
  mb_window_queue_record_place (self);
}

/* Undo and redo */

static void
mb_window_update_undo (MbWindow *self)
{
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;
  const char *undo_label = NULL;
  const char *redo_label = NULL;
  /* In review mode the store undoes only the session's comments. */
  gboolean writable = self->store != NULL && !mb_store_is_read_only (self->store);

  if (self->store != NULL)
    {
      undo_label = mb_store_get_undo_label (self->store);
      redo_label = mb_store_get_redo_label (self->store);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && mb_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 writable && mb_store_can_redo (self->store));

  /* Translators: %s is what the action did, such as "Add Node" */
  undo_tip = undo_label ? g_strdup_printf (_("Undo %s"), undo_label) : g_strdup (_("Undo"));
  /* Translators: %s is what the action did, such as "Add Node" */
  redo_tip = redo_label ? g_strdup_printf (_("Redo %s"), redo_label) : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->undo_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, undo_tip, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->redo_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, redo_tip, -1);
}

static void
store_undo_notify_cb (MbStore    *store,
                      GParamSpec *pspec,
                      MbWindow   *self)
{
  mb_window_update_undo (self);
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbWindow           *self)
{
  mb_window_reload (self, tables);
  /* Places deleted meanwhile are no longer offered. */
  mb_navigation_revalidate (self->navigation);
}

/* Review mode */

static void
leave_review_cb (MbWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (MB_IS_APPLICATION (application))
    mb_window_open_library (self, mb_application_get_library_path (MB_APPLICATION (application)));
}

/* A persistent line above the views, as long as the library is open for
 * review (AdwBanner where libadwaita has it). */
static void
mb_window_setup_review_banner (MbWindow *self)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  GtkWidget *banner = adw_banner_new (_("Review mode – changes to the strategy are not "
                                        "possible"));

  adw_banner_set_button_label (ADW_BANNER (banner), _("_Leave Review"));
  adw_banner_set_revealed (ADW_BANNER (banner), TRUE);
  g_signal_connect_object (banner, "button-clicked", G_CALLBACK (leave_review_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->review_banner), banner);
#else
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("system-lock-screen-symbolic");
  GtkWidget *label = gtk_label_new (_("Review mode – changes to the strategy are not "
                                      "possible; comments can be added"));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Leave Review"));

  gtk_widget_add_css_class (box, "mb-review-banner");
  gtk_widget_set_margin_start (icon, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (button, 12);
  gtk_widget_set_tooltip_text (button, _("Open your own library again"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (leave_review_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Review Mode"), -1);
  gtk_box_append (GTK_BOX (self->review_banner), box);
#endif
}

static void
mb_window_update_review (MbWindow *self)
{
  gboolean review = self->store != NULL && mb_store_is_review (self->store);

  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;

  gtk_widget_set_visible (self->review_banner, review);
  if (!review)
    g_clear_pointer (&self->revision_title, g_free);
  if (review && self->revision_title != NULL)
    /* Translators: the window's title showing a revision; %s names it */
    title = g_strdup_printf (_("%s – Målbild"), self->revision_title);
  else if (review && mb_store_get_review_source (self->store) != NULL)
    {
      name = g_path_get_basename (mb_store_get_review_source (self->store));
      /* Translators: the window's title in review mode; %s is the file under review */
      title = g_strdup_printf (_("Review of “%s” – Målbild"), name);
      /* Translators: the header bar's title in review mode; %s is the file under review */
      heading = g_strdup_printf (_("Review of “%s”"), name);
    }
  else if (!review && self->store != NULL && mb_store_get_remote_name (self->store) != NULL)
    {
      name = mb_connect_library_title (mb_store_get_remote_name (self->store));
      /* Translators: the window's title on a shared library; %s names it ("strategier on db") */
      title = g_strdup_printf (_("%s – Målbild"), name);
      heading = g_strdup (name);
    }
  gtk_window_set_title (GTK_WINDOW (self), title ? title
                                         : review ? _("Målbild – Review") : _("Målbild"));
  /* The header bar is the title a person sees: it names the file too. */
  adw_view_switcher_title_set_title (self->switcher_title, heading ? heading : _("Målbild"));
}

/* A shared library */

/* A persistent strip above the views while the server cannot be reached
 * (AdwBanner where libadwaita has it, a look-alike on 1.2). */
static void
mb_window_setup_offline_banner (MbWindow *self)
{
  const char *text = _("The shared library cannot be reached. Changes are not saved until it "
                       "is back.");
#if ADW_CHECK_VERSION (1, 3, 0)
  self->offline_strip = adw_banner_new (text);
  gtk_box_append (GTK_BOX (self->offline_banner), self->offline_strip);
#else
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-offline-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "mb-offline-banner");
  gtk_widget_set_margin_start (icon, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_end (label, 12 + 16);  /* centred over the window, not beside the icon */
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  self->offline_strip = box;
  gtk_box_append (GTK_BOX (self->offline_banner), box);
#endif
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->offline_banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* The header bar's quiet sign of a shared library, and the strip when its
 * server is gone. */
static void
mb_window_update_shared (MbWindow *self)
{
  const char *remote = self->store ? mb_store_get_remote_name (self->store) : NULL;
  gboolean connected = remote == NULL || mb_store_is_connected (self->store);
  g_autofree char *name = remote ? mb_connect_library_title (remote) : NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *details = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->shared_button), remote != NULL);
  gtk_widget_set_visible (self->offline_banner, !connected);
#if ADW_CHECK_VERSION (1, 3, 0)
  adw_banner_set_revealed (ADW_BANNER (self->offline_strip), !connected);
#endif
  if (remote == NULL)
    return;

  gtk_menu_button_set_icon_name (self->shared_button,
                                 connected ? "network-server-symbolic" : "network-offline-symbolic");
  if (connected)
    {
      /* Translators: %s names a shared library ("strategier on db.region.se") */
      tooltip = g_strdup_printf (_("Connected to %s"), name);
      /* Translators: %1$s names a shared library, %2$s is its address */
      details = g_strdup_printf (_("Connected to the shared library %1$s (%2$s). Colleagues’ "
                                   "changes appear as they make them."), name, remote);
      gtk_widget_remove_css_class (GTK_WIDGET (self->shared_button), "warning");
    }
  else
    {
      /* Translators: %s names a shared library ("strategier on db.region.se") */
      tooltip = g_strdup_printf (_("%s cannot be reached"), name);
      /* Translators: %1$s names a shared library, %2$s is its address */
      details = g_strdup_printf (_("The shared library %1$s (%2$s) cannot be reached. Målbild "
                                   "tries again by itself."), name, remote);
      gtk_widget_add_css_class (GTK_WIDGET (self->shared_button), "warning");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->shared_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->shared_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_label_set_text (self->shared_label, details);
}

static void
store_connected_cb (MbStore    *store,
                    GParamSpec *pspec,
                    MbWindow   *self)
{
  mb_window_update_shared (self);
}

static void
remote_toast_dismissed_cb (AdwToast *toast,
                           MbWindow *self)
{
  if (self->remote_toast == toast)
    self->remote_toast = NULL;
}

/* A colleague's action: a quiet note, the newest in place of the one shown. */
static void
store_remote_action_cb (MbStore    *store,
                        const char *author,
                        const char *label,
                        MbWindow   *self)
{
  /* Translators: a colleague's action: %1$s is who ("anna"), %2$s what ("Rename “Goal”") */
  g_autofree char *message = g_strdup_printf (_("%1$s: %2$s"), author ? author : "", label ? label : "");
  g_autofree char *markup = g_markup_escape_text (message, -1);

  if (self->remote_toast != NULL)
    {
      adw_toast_set_title (self->remote_toast, markup);
      return;
    }
  self->remote_toast = adw_toast_new (markup);
  adw_toast_set_timeout (self->remote_toast, 4);
  g_signal_connect_object (self->remote_toast, "dismissed",
                           G_CALLBACK (remote_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, self->remote_toast);
}

/* The library */

/* Which page the window shows: the welcome page while the library is
 * empty, else the strategies with the current one's views. */
static void
mb_window_update_pages (MbWindow *self)
{
  gboolean searching = gtk_search_bar_get_search_mode (self->search_bar);
  gboolean empty = self->store == NULL || _mb_window_get_n_strategies (self) == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "welcome" : "library");

  /* Search results lie over the views rather than replacing them, so the
   * views keep their size while the user searches; meanwhile the views take
   * neither focus nor clicks (Tab went to the canvas behind, and Enter there
   * added a node nobody saw). */
  gtk_widget_set_visible (GTK_WIDGET (self->search_stack), searching);
  gtk_widget_set_can_focus (GTK_WIDGET (self->content_stack), !searching);
  gtk_widget_set_can_target (GTK_WIDGET (self->content_stack), !searching);

  /* The contributions page stays until the user goes elsewhere. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "contributions") == 0)
    return;

  if (mb_selection_get_strategy (self->selection) != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "views");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "no-strategy");
}

/* Re-reads what shows @tables (NULL: everything). The views of their own
 * (canvas, lists, panels) follow the store's "changed" themselves. */
static void
mb_window_reload (MbWindow           *self,
                  const char * const *tables)
{
  _mb_window_reload_sidebar (self, tables);
  mb_window_update_pages (self);
  _mb_window_update_actions (self);
  mb_window_update_undo (self);
}

static void
search_mode_cb (MbWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    _mb_window_run_search (self);
  mb_window_update_pages (self);
}

/* Where a narrow window lays the details over the canvas, the canvas
 * scrolls what the user goes to clear of them. */
static void
flap_cover_cb (MbWindow *self)
{
  gboolean covers = adw_flap_get_folded (self->details_flap) &&
                    adw_flap_get_reveal_flap (self->details_flap);
  int width = self->flap_stack != NULL ? gtk_widget_get_width (GTK_WIDGET (self->flap_stack)) : 0;

  if (self->canvas != NULL)
    mb_canvas_set_covered_end (MB_CANVAS (self->canvas), covers ? MAX (width, 320) : 0);
}

static void
selection_strategy_cb (MbSelection *selection,
                       GParamSpec  *pspec,
                       MbWindow    *self)
{
  _mb_window_strategy_changed (self);
  if (self->restoring_place == 0)
    _mb_window_hide_contributions (self);
  /* A comparison is of one strategy: another one leaves it. */
  if (self->comparison != NULL &&
      g_strcmp0 (mb_selection_get_strategy (selection),
                 mb_revision_compare_get_strategy_id (MB_REVISION_COMPARE (self->comparison))) != 0)
    _mb_window_leave_comparison (self);
  mb_window_update_pages (self);
  _mb_window_update_actions (self);
  mb_window_queue_record_place (self);
}

static void
selection_changed_cb (MbSelection *selection,
                      MbWindow    *self)
{
  _mb_window_item_selected (self);
  /* Picking something elsewhere leaves the contributions page. */
  if (self->restoring_place == 0)
    _mb_window_hide_contributions (self);
  mb_window_queue_record_place (self);
}

static void
library_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            MbWindow         *self)
{
  if (g_strcmp0 (response, "choose") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-library", NULL);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
gone_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         MbWindow         *self)
{
  g_autofree char *path = NULL;

  if (g_strcmp0 (response, "reopen") != 0 || self->store == NULL)
    return;
  path = g_strdup (mb_store_get_path (self->store));
  /* Let go of the old connection first: it still holds the old files. */
  mb_window_set_store (self, NULL);
  mb_window_open_library (self, path);
}

/* The store refuses every edit from now on; the views keep what the user
 * typed (the refused edit's error is shown where it was made), and this says
 * why and offers the way on. */
static void
store_gone_cb (MbStore    *store,
               GParamSpec *pspec,
               MbWindow   *self)
{
  const char *reason = mb_store_get_gone_reason (store);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (reason == NULL)
    return;
  body = g_strdup_printf ("%s\n\n%s", reason,
                          _("What you typed is still on screen but not saved. Reopen the "
                            "library to go on; copy anything you want to keep first."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Changes Cannot Be Saved"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (g_file_test (mb_store_get_path (store), G_FILE_TEST_EXISTS))
    {
      adw_message_dialog_add_response (dialog, "reopen", _("_Reopen Library"));
      adw_message_dialog_set_response_appearance (dialog, "reopen", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "reopen");
    }
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (gone_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A dialog waiting for its window to reach the display. Either may be gone
 * by the time the idle runs, so both are held weakly. */
typedef struct
{
  GWeakRef dialog;
  GWeakRef window;
} PendingDialog;

static void
pending_dialog_free (PendingDialog *pending)
{
  g_weak_ref_clear (&pending->dialog);
  g_weak_ref_clear (&pending->window);
  g_free (pending);
}

static gboolean
present_dialog_idle (gpointer data)
{
  PendingDialog *pending = data;
  g_autoptr(GtkWindow) dialog = g_weak_ref_get (&pending->dialog);
  g_autoptr(GtkWidget) window = g_weak_ref_get (&pending->window);

  if (dialog != NULL && window != NULL && gtk_widget_get_visible (window))
    gtk_window_present (dialog);
  return G_SOURCE_REMOVE;
}

static void
present_when_mapped_cb (GtkWindow *dialog)
{
  MbWindow *self = MB_WINDOW (gtk_window_get_transient_for (dialog));
  PendingDialog *pending = g_new0 (PendingDialog, 1);

  g_signal_handlers_disconnect_by_func (self, present_when_mapped_cb, dialog);
  g_weak_ref_init (&pending->dialog, dialog);
  g_weak_ref_init (&pending->window, self);
  /* After the window's own map has reached the display, so that even
   * without a window manager the dialog lands on top. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_dialog_idle, pending,
                   (GDestroyNotify) pending_dialog_free);
}

/* Presents @dialog over the window, at once if the window is on screen,
 * else once it is (at start-up). A window closed first takes the dialog
 * with it: GTK 4.8 would leave the dialog pointing at a freed parent. */
static void
present_over_window (MbWindow  *self,
                     GtkWindow *dialog)
{
  g_signal_connect_object (self, "destroy", G_CALLBACK (gtk_window_destroy), dialog,
                           G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (dialog);
  else
    g_signal_connect_object (self, "map", G_CALLBACK (present_when_mapped_cb), dialog,
                             G_CONNECT_SWAPPED);
}

static void
mb_window_show_library_error (MbWindow     *self,
                              const char   *path,
                              const GError *error)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (g_error_matches (error, MB_STORE_ERROR, MB_STORE_ERROR_BUSY))
    body = g_strdup_printf (_("The library “%s” is in use by another program, perhaps another "
                              "Målbild window. Close it there and try again, or choose another "
                              "library."), path);
  else
    body = g_strdup (error->message);  /* the store's message names the file */

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Open the Library"), body));
  adw_message_dialog_add_responses (dialog,
                                    "quit", _("_Quit"),
                                    "choose", _("_Choose Another Library…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (library_dialog_response_cb), self, 0);

  /* At start-up the window is not shown yet: the dialog waits for it, so
   * that it stands above the window rather than behind it. */
  present_over_window (self, GTK_WINDOW (dialog));
}

/* The views besides the canvas: built when first shown (a hidden view
 * would cost its widgets, their layout and its queries at every change),
 * into an AdwBin that holds the view stack's page until then. */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
} lazy_views[] = {
  { "indicators", N_("Indicators"), "x-office-presentation-symbolic" },
  { "projects", N_("Projects"), "folder-documents-symbolic" },
  { "calls", N_("Funding Calls"), "x-office-calendar-symbolic" },
  { "follow-up", N_("Follow-up"), "emblem-ok-symbolic" },
  { "roadmap", N_("Roadmap"), "preferences-system-time-symbolic" },
};

static GtkWidget *
mb_window_new_view (MbWindow   *self,
                    const char *name)
{
  if (g_str_equal (name, "indicators"))
    return mb_indicators_view_new (self->store, self->selection);
  if (g_str_equal (name, "projects"))
    return mb_record_table_new (MB_KIND_PROJECT, self->store, self->selection);
  if (g_str_equal (name, "calls"))
    return mb_record_table_new (MB_KIND_CALL, self->store, self->selection);
  if (g_str_equal (name, "follow-up"))
    return mb_follow_up_view_new (self->store, self->selection);
  if (g_str_equal (name, "roadmap"))
    return mb_roadmap_view_new_for_selection (self->store, self->selection);
  g_return_val_if_reached (NULL);
}

static void
mb_window_ensure_view (MbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  if (self->store != NULL && ADW_IS_BIN (page) && adw_bin_get_child (ADW_BIN (page)) == NULL)
    adw_bin_set_child (ADW_BIN (page), mb_window_new_view (self, name));
}

static void
view_stack_visible_cb (MbWindow *self)
{
  mb_window_ensure_view (self);
}

/* The views of the main area, for this library: the canvas at once, the
 * others' pages empty until shown. */
static void
mb_window_rebuild_views (MbWindow *self)
{
  AdwViewStackPage *page;

  for (int i = -1; i < (int) G_N_ELEMENTS (lazy_views); i++)
    {
      const char *name = i < 0 ? "canvas" : lazy_views[i].name;
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, name);

      if (child != NULL)
        adw_view_stack_remove (self->view_stack, child);
    }

  adw_flap_set_flap (self->details_flap, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), FALSE);
  self->canvas = NULL;
  self->flap_stack = NULL;
  self->comparison = NULL;
  if (self->contributions_page != NULL)
    {
      gtk_stack_remove (self->content_stack, self->contributions_page);
      self->contributions_page = NULL;
    }

  if (self->store == NULL)
    return;

  self->contributions_page = mb_contributions_page_new (self->store);
  gtk_stack_add_named (self->content_stack, self->contributions_page, "contributions");
  g_signal_connect_object (self->contributions_page, "go-to",
                           G_CALLBACK (contributions_go_to_cb), self, 0);
  g_signal_connect_object (self->contributions_page, "switch-direction",
                           G_CALLBACK (contributions_direction_cb), self, 0);

  self->canvas = mb_canvas_new (self->store, self->selection);
  page = adw_view_stack_add_titled (self->view_stack, self->canvas, "canvas", _("Canvas"));
  adw_view_stack_page_set_icon_name (page, "x-office-drawing-symbolic");

  /* A comparison takes the details' place, beside the canvas it marks. */
  self->flap_stack = GTK_STACK (gtk_stack_new ());
  /* The panel builds an editor only while it is shown. */
  gtk_stack_add_named (self->flap_stack, mb_details_panel_new (self->store, self->selection),
                       "details");
  adw_flap_set_flap (self->details_flap, GTK_WIDGET (self->flap_stack));
  flap_cover_cb (self);
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (lazy_views); i++)
    {
      page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), lazy_views[i].name,
                                        _(lazy_views[i].title));
      adw_view_stack_page_set_icon_name (page, lazy_views[i].icon);
    }
  mb_window_ensure_view (self);
}

static void
mb_window_set_store (MbWindow *self,
                     MbStore  *store)
{
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_clear_object (&self->store);
    }

  self->store = store ? g_object_ref (store) : NULL;
  /* The places of another library mean nothing here. */
  g_clear_handle_id (&self->record_place_id, g_source_remove);
  mb_navigation_clear (self->navigation);
  mb_selection_clear (self->selection);
  mb_selection_set_strategy (self->selection, NULL);

  /* Before the window's own handlers, so that the live list models have
   * re-read themselves when the window looks at them after a change. */
  _mb_window_set_sidebar_store (self);
  mb_window_rebuild_views (self);

  if (self->store != NULL)
    {
      g_signal_connect_object (store, "notify::can-undo", G_CALLBACK (store_undo_notify_cb),
                               self, 0);
      g_signal_connect_object (store, "notify::can-redo", G_CALLBACK (store_undo_notify_cb),
                               self, 0);
      g_signal_connect_object (store, "notify::undo-label", G_CALLBACK (store_undo_notify_cb),
                               self, 0);
      g_signal_connect_object (store, "notify::redo-label", G_CALLBACK (store_undo_notify_cb),
                               self, 0);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
      g_signal_connect_object (store, "notify::gone-reason", G_CALLBACK (store_gone_cb),
                               self, 0);
      g_signal_connect_object (store, "notify::connected", G_CALLBACK (store_connected_cb),
                               self, 0);
      g_signal_connect_object (store, "remote-action", G_CALLBACK (store_remote_action_cb),
                               self, 0);
    }

  mb_window_update_review (self);
  mb_window_update_shared (self);
  mb_window_reload (self, NULL);

  /* Show where the user left off, else the first strategy. */
  if (self->store != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-strategy");
      g_autoptr(MbRecord) record = NULL;

      if (last[0] != '\0')
        record = mb_store_get_record (self->store, MB_KIND_STRATEGY, last, NULL);
      if (record != NULL)
        mb_selection_set_strategy (self->selection, last);
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "win.select-first-strategy", NULL);
    }
}

gboolean
mb_window_open_library (MbWindow   *self,
                        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (MB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A shared library's address is no path: its replica's folder is the store's. */
  if (mb_remote_is_uri (path))
    store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
  else if (g_mkdir_with_parents ((dir = g_path_get_dirname (path)), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
    }
  else
    {
      store = mb_store_open (path, MB_STORE_OPEN_NONE, &error);
    }

  if (store == NULL && mb_remote_is_uri (path))
    {
      /* What the server wants (a password, another address) is typed there. */
      mb_window_set_store (self, NULL);
      present_over_window (self, GTK_WINDOW (mb_connect_dialog_new_retry (self, path, error)));
      return FALSE;
    }
  if (store == NULL)
    {
      mb_window_set_store (self, NULL);
      mb_window_show_library_error (self, path, error);
      return FALSE;
    }

  mb_window_set_store (self, store);
  return TRUE;
}

void
mb_window_open_store (MbWindow *self,
                      MbStore  *store)
{
  g_return_if_fail (MB_IS_WINDOW (self));
  g_return_if_fail (MB_IS_STORE (store));

  /* Let go of the old library first, as reopening does. */
  mb_window_set_store (self, NULL);
  mb_window_set_store (self, store);
}

gboolean
mb_window_open_review (MbWindow   *self,
                       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;

  g_return_val_if_fail (MB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* An exchange file becomes a temporary library; a library is copied.
   * Either way the file itself is never written. */
  if (g_str_has_suffix (path, ".json"))
    store = mb_store_open_review_json (path, &error);
  else
    store = mb_store_open (path, MB_STORE_OPEN_REVIEW, &error);

  if (store == NULL)
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s” for Review"), display);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      /* At start-up (malbild --review) the dialog waits for the window. */
      present_over_window (self, GTK_WINDOW (dialog));
      return FALSE;
    }

  mb_window_set_store (self, store);
  return TRUE;
}

gboolean
mb_window_open_revision (MbWindow   *self,
                         const char *revision_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autoptr(MbRevision) revision = NULL;
  g_autoptr(MbRecord) strategy = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (MB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (revision_id != NULL, FALSE);

  if (self->store == NULL || mb_store_is_review (self->store))
    return FALSE;
  revision = mb_store_get_revision (self->store, revision_id, &error);
  if (revision != NULL)
    strategy = mb_store_get_record (self->store, "strategies", revision->strategy_id, &error);
  path = g_strdup (mb_store_get_path (self->store));
  if (strategy != NULL)
    store = mb_store_open_revision (path, revision_id, &error);
  if (store == NULL)
    {
      _mb_window_show_error (self, _("Could Not Open the Revision"), error);
      return FALSE;
    }

  g_free (self->revision_title);
  /* Translators: a revision shown in the window: “RUS 2030” as of “Antagen 2021” */
  self->revision_title = g_strdup_printf (_("“%s” as of “%s”"),
                                          mb_record_get_string (strategy, "title"), revision->name);
  mb_window_set_store (self, store);
  _mb_window_go_to (self, "strategies", revision->strategy_id);
  return TRUE;
}

MbStore *
mb_window_get_store (MbWindow *self)
{
  g_return_val_if_fail (MB_IS_WINDOW (self), NULL);

  return self->store;
}

MbSelection *
mb_window_get_selection (MbWindow *self)
{
  g_return_val_if_fail (MB_IS_WINDOW (self), NULL);

  return self->selection;
}

void
mb_window_import (MbWindow *self,
                  GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _mb_window_show_toast (self, _("Only local files can be imported"));
      return;
    }

  _mb_window_import_path (self, path, TRUE);
}

/* GObject */

static void
color_scheme_changed_cb (GSettings  *settings,
                         const char *key,
                         MbWindow   *self)
{
  _mb_window_apply_color_scheme (self);
}

static gboolean
mb_window_close_request (GtkWindow *window)
{
  MbWindow *self = MB_WINDOW (window);

  mb_window_save_state (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->record_place_id, g_source_remove);

  return GTK_WINDOW_CLASS (mb_window_parent_class)->close_request (window);
}

static void
mb_window_dispose (GObject *object)
{
  MbWindow *self = (MbWindow *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_clear_handle_id (&self->record_place_id, g_source_remove);
  self->contributions_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_WINDOW);
  _mb_window_dispose_sidebar (self);
  g_clear_object (&self->navigation);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->revision_title, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mb_window_parent_class)->dispose (object);
}

static void
mb_window_class_init (MbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mb_window_dispose;
  window_class->close_request = mb_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, strategy_list);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, outline_stack);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, outline_list);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, shared_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, shared_label);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, search_stack);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, work_spinner);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, go_back_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, go_forward_button);
  gtk_widget_class_bind_template_child (widget_class, MbWindow, review_banner);

  _mb_window_install_actions (widget_class);
}

static void
mb_window_init (MbWindow *self)
{
  GtkGesture *history_buttons;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->navigation = mb_navigation_new ();
  mb_navigation_set_exists_func (self->navigation, place_exists_cb, self, NULL);
  g_signal_connect_object (self->navigation, "notify::can-go-back",
                           G_CALLBACK (navigation_notify_cb), self, 0);
  g_signal_connect_object (self->navigation, "notify::can-go-forward",
                           G_CALLBACK (navigation_notify_cb), self, 0);
  navigation_notify_cb (self->navigation, NULL, self);

  history_buttons = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (history_buttons), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (history_buttons),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect_object (history_buttons, "pressed",
                           G_CALLBACK (history_button_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (history_buttons));

  self->selection = mb_selection_new ();
  g_signal_connect_object (self->selection, "notify::strategy",
                           G_CALLBACK (selection_strategy_cb), self, 0);
  g_signal_connect_object (self->selection, "changed",
                           G_CALLBACK (selection_changed_cb), self, 0);
  _mb_window_setup_sidebar (self);
  _mb_window_setup_search (self);
  mb_window_setup_review_banner (self);
  mb_window_setup_offline_banner (self);
  g_object_bind_property (self->search_bar, "search-mode-enabled",
                          self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->details_button, "active",
                          self->details_flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->details_flap, "notify::folded", G_CALLBACK (flap_cover_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details_flap, "notify::reveal-flap", G_CALLBACK (flap_cover_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (view_stack_visible_cb), self, G_CONNECT_SWAPPED);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  mb_window_restore_state (self);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, 0);
  _mb_window_apply_color_scheme (self);

  gtk_window_set_title (GTK_WINDOW (self), _("Målbild"));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  mb_window_reload (self, NULL);
}

MbWindow *
mb_window_new (MbApplication *application)
{
  MbWindow *self;

  g_return_val_if_fail (MB_IS_APPLICATION (application), NULL);

  self = g_object_new (MB_TYPE_WINDOW,
                       "application", application,
                       NULL);
  if (mb_application_get_review_path (application) != NULL)
    mb_window_open_review (self, mb_application_get_review_path (application));
  else
    mb_window_open_library (self, mb_application_get_library_path (application));

  return self;
}
