/* mb-window-private.h – the window's parts, shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-navigation.h"
#include "mb-selection.h"
#include "mb-store.h"
#include "mb-window.h"

G_BEGIN_DECLS

struct _MbWindow
{
  AdwApplicationWindow  parent_instance;

  /* While a revision is shown (mb_window_open_revision): its name and its
   * strategy's title, for the window's title. */
  char                 *revision_title;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  AdwLeaflet           *leaflet;
  GtkListView          *strategy_list;
  GtkStack             *outline_stack;
  GtkListView          *outline_list;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkToggleButton      *details_button;
  GtkToggleButton      *search_button;
  AdwFlap              *details_flap;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *search_stack;
  GtkListBox           *search_results;
  GtkSpinner           *work_spinner;
  GtkWidget            *add_button;
  GtkWidget            *go_back_button;
  GtkWidget            *go_forward_button;
  GtkWidget            *review_banner;
  GtkWidget            *offline_banner;
  GtkWidget            *offline_strip;   /* the AdwBanner, or the box, in offline_banner */
  GtkMenuButton        *shared_button;
  GtkLabel             *shared_label;

  /* Borrowed references */
  GtkWidget            *canvas;   /* the view stack's, while a library is open */
  GtkWidget            *contributions_page;   /* the content stack's, likewise */
  GtkStack             *flap_stack;   /* the details flap's: details, or a comparison */
  GtkWidget            *comparison;   /* the flap stack's, while comparing */

  /* The toast of colleagues' actions, while it is shown: one at a time. */
  AdwToast             *remote_toast;

  /* Owned references */
  GSettings            *settings;
  MbStore              *store;
  MbSelection          *selection;
  GtkSingleSelection   *strategy_selection;
  GListModel           *strategies;
  GListStore           *outline_roots;
  GtkTreeListModel     *outline_tree;
  /* node id → MbOutlineItem of the current outline */
  GHashTable           *outline_items;
  GtkSingleSelection   *outline_selection;
  /* A strategy switch reads the outline's items after the frame
   * (outline_unread), then puts its top items (outline_pending) into
   * outline_roots in another idle: outline_fill_id. */
  gboolean              outline_unread;
  /* The outline's rows were filled or scrolled and not yet laid out
   * again: their allocations are not where they will be shown. */
  guint                 outline_layout_tick;
  GPtrArray            *outline_pending;
  guint                 outline_fill_id;
  GCancellable         *cancellable;
  /* Where the user went, for Back and Forward. */
  MbNavigation         *navigation;

  /* Background jobs running (import, export): the spinner shows while > 0. */
  guint                 n_jobs;
  /* Set while the window itself moves the selection into a list, so that
   * the list's own notification is not taken for a user's choice. */
  guint                 syncing_selection;
  /* Set while Back or Forward moves the views, so that the move is not
   * recorded as a new visit. */
  guint                 restoring_place;
  /* Coalesces the selection's notifications of one "go there" into one
   * visit. */
  guint                 record_place_id;
  /* Whether the details were shown before a comparison took their place. */
  gboolean              details_shown_before_comparison;
  /* The contributions page closed the details panel laid over it. */
  gboolean              details_hidden_by_page;
  /* The strategies as a tree: strategy id → GListStore of its children. */
  GListStore           *strategy_roots;
  GtkTreeListModel     *strategy_tree;
  GHashTable           *strategy_children;
};

void     _mb_window_install_actions   (GtkWidgetClass *widget_class);
void     _mb_window_update_actions    (MbWindow       *self);
void     _mb_window_show_error        (MbWindow       *self,
                                       const char     *heading,
                                       const GError   *error);
void     _mb_window_show_toast        (MbWindow       *self,
                                       const char     *message);
void     _mb_window_job_started       (MbWindow       *self);
void     _mb_window_job_finished      (MbWindow       *self);
void     _mb_window_import_path       (MbWindow       *self,
                                       const char     *path,
                                       gboolean        select_first_strategy);
void     _mb_window_apply_color_scheme (MbWindow      *self);
/* Whether the library can be edited: not read-only, not open for review. */
gboolean _mb_window_is_writable       (MbWindow       *self);

/* Back and Forward (mb-window.c) */
void     _mb_window_go_back           (MbWindow       *self);
void     _mb_window_go_forward        (MbWindow       *self);
/* Shows a node's contributions page (@direction "down" or "up") and
 * records the visit. */
void     _mb_window_show_contributions (MbWindow      *self,
                                        const char    *node_id,
                                        const char    *direction);
void     _mb_window_hide_contributions (MbWindow      *self);

/* mb-window-compare.c: a comparison of revisions beside the canvas, in
 * the details' place; the canvas marks what it finds. */
void     _mb_window_compare_revisions (MbWindow       *self,
                                       const char     *strategy_id,
                                       const char     *from_id);
void     _mb_window_leave_comparison  (MbWindow       *self);

/* mb-window-sidebar.c */
void     _mb_window_setup_sidebar     (MbWindow       *self);
void     _mb_window_dispose_sidebar   (MbWindow       *self);
/* After a change of @tables (NULL: anything): the outline is rebuilt only
 * when what it shows changed. */
void     _mb_window_reload_sidebar    (MbWindow       *self,
                                       const char * const *tables);
void     _mb_window_strategy_changed  (MbWindow       *self);
void     _mb_window_item_selected     (MbWindow       *self);
guint    _mb_window_get_n_strategies  (MbWindow       *self);
void     _mb_window_set_sidebar_store (MbWindow       *self);
/* Shows the content pane (a folded sidebar slides away) and puts the focus
 * in @focus, if given, else leaves it where it is. */
void     _mb_window_show_content      (MbWindow       *self,
                                       GtkWidget      *focus);

/* mb-window-search.c */
void     _mb_window_setup_search      (MbWindow       *self);
void     _mb_window_run_search        (MbWindow       *self);
/* Shows @kind/@id: its strategy, the view that lists it, and selects it. */
void     _mb_window_go_to             (MbWindow       *self,
                                       const char     *kind,
                                       const char     *id);
/* Drag and drop in the outline, at a point of its list. */
char    *_mb_window_outline_node_at   (MbWindow       *self,
                                       double          x,
                                       double          y);
gboolean _mb_window_outline_drop      (MbWindow       *self,
                                       const char     *node_id,
                                       double          x,
                                       double          y);
/* @direction: "up", "down", "indent", "outdent" (Alt+arrows in the outline). */
gboolean _mb_window_move_selected_node (MbWindow      *self,
                                        const char     *direction);

G_END_DECLS
