/* mb-window-sidebar.c – the strategies and the current strategy's outline
 *
 * Both lists are rebuilt from the store after each change (the store says
 * which tables changed); their selection follows the window's MbSelection
 * and writes to it, so the outline and the canvas always agree. Reordering
 * and reparenting, by drag or by Alt+arrows, is one mb_store_move_node().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-follow-up-goals.h"
#include "mb-outline-item.h"
#include "mb-outline-row.h"
#include "mb-record.h"
#include "mb-store-list-model.h"
#include "mb-window-private.h"

/* Strategies: a tree by strategies.parent_id, built from the store's live
 * list of strategies (in their order) whenever that list changes. */

static void
strategy_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("view-paged-symbolic");
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (title_box), icon);
  gtk_box_append (GTK_BOX (title_box), title);
  gtk_box_append (GTK_BOX (box), title_box);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
strategy_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  MbWindow                 *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(MbRecord) item = gtk_tree_list_row_get_item (row);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *title_box = gtk_widget_get_first_child (box);
  GtkWidget *icon = gtk_widget_get_first_child (title_box);
  GtkWidget *title = gtk_widget_get_next_sibling (icon);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title_box);
  const char *short_name = mb_record_get_string (item, "short_name");
  const char *parent_id = mb_record_get_string (item, "parent_id");
  gboolean part = parent_id != NULL
                  && g_strcmp0 (mb_record_get_string (item, "parent_relation"), "part") == 0;
  g_autofree char *sub = NULL;
  g_autofree char *accessible = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  /* A part of a document (RUS part 1) says so; a document under another
   * (an action plan) is shown by the tree alone. */
  if (part)
    {
      g_autoptr(MbRecord) parent = mb_store_get_record (self->store, MB_KIND_STRATEGY,
                                                        parent_id, NULL);
      const char *parent_name = NULL;

      if (parent != NULL)
        {
          parent_name = mb_record_get_string (parent, "short_name");
          if (parent_name == NULL || parent_name[0] == '\0')
            parent_name = mb_record_get_title (parent);
        }
      /* Translators: the subtitle of a strategy that is a part of another document */
      sub = g_strdup_printf (_("Part of %s"), parent_name ? parent_name : "");
      if (short_name != NULL && short_name[0] != '\0')
        {
          char *both = g_strdup_printf ("%s · %s", short_name, sub);

          g_free (sub);
          sub = both;
        }
    }
  else if (short_name != NULL)
    {
      sub = g_strdup (short_name);
    }

  gtk_widget_set_visible (icon, part);
  gtk_label_set_label (GTK_LABEL (title), mb_record_get_title (item));
  gtk_label_set_label (GTK_LABEL (subtitle), sub ? sub : "");
  gtk_widget_set_visible (subtitle, sub != NULL && sub[0] != '\0');
  gtk_widget_set_tooltip_text (box, mb_record_get_title (item));

  accessible = sub && sub[0] ? g_strdup_printf ("%s, %s", mb_record_get_title (item), sub)
                             : g_strdup (mb_record_get_title (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static GListModel *
strategy_children_cb (gpointer item,
                      gpointer user_data)
{
  MbWindow *self = user_data;
  GListStore *children;

  if (self->strategy_children == NULL)
    return NULL;
  children = g_hash_table_lookup (self->strategy_children, mb_record_get_id (item));
  if (children == NULL || g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;

  return g_object_ref (G_LIST_MODEL (children));
}

static void
strategy_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      MbWindow           *self)
{
  GtkTreeListRow *row;
  g_autoptr(MbRecord) item = NULL;

  if (self->syncing_selection > 0)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  mb_selection_set_strategy (self->selection, mb_record_get_id (item));
  /* Up and Down keep the focus in the list (unless it is folded away). */
  _mb_window_show_content (self, NULL);
}

/* Enter opens the strategy: its view takes the focus. */
static void
strategy_activate_cb (GtkListView *list,
                      guint        position,
                      MbWindow    *self)
{
  _mb_window_show_content (self, adw_view_stack_get_visible_child (self->view_stack));
}

static guint
find_entity (GListModel *model,
             const char *id)
{
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(MbRecord) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (mb_record_get_id (item), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The row of the strategies' tree that shows @strategy_id (the tree is
 * kept expanded, so every strategy has one). */
static guint
find_strategy_row (MbWindow   *self,
                   const char *strategy_id)
{
  GListModel *model = G_LIST_MODEL (self->strategy_tree);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; strategy_id != NULL && i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(MbRecord) item = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (mb_record_get_id (item), strategy_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
mb_window_rebuild_strategy_tree (MbWindow *self)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = self->strategies ? g_list_model_get_n_items (self->strategies) : 0;

  g_hash_table_remove_all (self->strategy_children);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbRecord) item = g_list_model_get_item (self->strategies, i);

      g_hash_table_add (known, (char *) mb_record_get_id (item));
    }

  for (guint i = 0; i < n; i++)
    {
      MbRecord *item = g_list_model_get_item (self->strategies, i);
      const char *parent_id = mb_record_get_string (item, "parent_id");

      /* A parent that is not in the list (cannot happen in a sound
       * library) leaves its children at the top rather than hidden. */
      if (parent_id != NULL && g_hash_table_contains (known, parent_id))
        {
          GListStore *children = g_hash_table_lookup (self->strategy_children, parent_id);

          if (children == NULL)
            {
              children = g_list_store_new (MB_TYPE_RECORD);
              g_hash_table_insert (self->strategy_children, g_strdup (parent_id), children);
            }
          g_list_store_append (children, item);
          g_object_unref (item);
        }
      else
        {
          g_ptr_array_add (roots, item);
        }
    }

  self->syncing_selection++;
  g_list_store_splice (self->strategy_roots, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->strategy_roots)),
                       roots->pdata, roots->len);
  gtk_single_selection_set_selected (self->strategy_selection,
                                     find_strategy_row (self,
                                                        mb_selection_get_strategy (self->selection)));
  self->syncing_selection--;
}

static void
strategies_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       MbWindow   *self)
{
  mb_window_rebuild_strategy_tree (self);
}

/* The strategies' list model follows the store by itself; this only
 * notices that the current strategy went away (deleted, or undone). */
static void
mb_window_check_strategy (MbWindow *self)
{
  const char *current = mb_selection_get_strategy (self->selection);

  if (current != NULL && self->strategies != NULL
      && find_entity (self->strategies, current) == GTK_INVALID_LIST_POSITION)
    mb_selection_set_strategy (self->selection, NULL);
}

/* The outline */

static void
outline_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  MbWindow                 *self);

static void
outline_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  mb_outline_row_set_list_row (MB_OUTLINE_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static GListModel *
outline_children_cb (gpointer item,
                     gpointer user_data)
{
  GListStore *children = mb_outline_item_get_children (item);

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;

  return g_object_ref (G_LIST_MODEL (children));
}

static void
outline_selected_cb (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     MbWindow           *self)
{
  GtkTreeListRow *row;
  g_autoptr(MbOutlineItem) item = NULL;

  /* A row of the strategy before the switch, in the moment until the
   * list is filled: not a node of the one shown. */
  if (self->syncing_selection > 0 || self->outline_pending != NULL || self->outline_unread)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  mb_selection_select (self->selection, MB_KIND_NODE, mb_outline_item_get_id (item));
}

static void mb_window_flush_outline (MbWindow *self);

/* The row of the tree list model that shows @node_id (all rows are
 * expanded, so every node has one): down its path of sibling indices from
 * the root, rather than through every row before it. */
static guint
find_outline_row (MbWindow   *self,
                  const char *node_id)
{
  MbOutlineItem *item;
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GtkTreeListRow) row = NULL;

  mb_window_flush_outline (self);
  item = node_id ? g_hash_table_lookup (self->outline_items, node_id) : NULL;
  for (; item != NULL; item = mb_outline_item_get_parent_id (item) != NULL
                              ? g_hash_table_lookup (self->outline_items,
                                                     mb_outline_item_get_parent_id (item))
                              : NULL)
    {
      guint index = mb_outline_item_get_index (item);

      g_array_prepend_val (path, index);
    }
  if (path->len == 0)
    return GTK_INVALID_LIST_POSITION;

  row = gtk_tree_list_model_get_child_row (self->outline_tree, g_array_index (path, guint, 0));
  for (guint i = 1; row != NULL && i < path->len; i++)
    {
      GtkTreeListRow *child = gtk_tree_list_row_get_child_row (row, g_array_index (path, guint, i));

      g_object_unref (row);
      row = child;
    }
  return row != NULL ? gtk_tree_list_row_get_position (row) : GTK_INVALID_LIST_POSITION;
}

static void mb_window_outline_moved (MbWindow *self);

/* Puts @roots (owned) into the outline's list. GTK 4.8's list view keeps
 * row widgets for some 200 rows around its anchor: it destroys those of
 * the rows a change removes and makes new ones for the rows it adds, but
 * it moves the widgets of rows that leave its range to the rows that
 * enter it, rebinding them. With @reuse (another strategy), the new rows
 * go in before the old ones, the view goes to the first of them, which
 * takes the old rows' widgets, and only then do the old rows go: much
 * less than making and dropping 200 rows (README: "The window on the
 * large library"). Without, the rows keep their place (an edit). */
static void
mb_window_fill_outline (MbWindow  *self,
                        GPtrArray *roots,
                        gboolean   reuse)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->outline_roots));

  self->syncing_selection++;
  gtk_single_selection_set_selected (self->outline_selection, GTK_INVALID_LIST_POSITION);
  if (reuse && n_old > 0 && roots->len > 0)
    {
      g_list_store_splice (self->outline_roots, 0, 0, roots->pdata, roots->len);
      gtk_widget_activate_action (GTK_WIDGET (self->outline_list), "list.scroll-to-item", "u", 0);
      g_list_store_splice (self->outline_roots, roots->len, n_old, NULL, 0);
    }
  else
    {
      g_list_store_splice (self->outline_roots, 0, n_old, roots->pdata, roots->len);
    }
  self->syncing_selection--;
  mb_window_outline_moved (self);

  gtk_stack_set_visible_child_name (self->outline_stack, roots->len > 0 ? "outline" : "empty");
  g_ptr_array_unref (roots);
}

/* Reads the current strategy's nodes into the outline's items; returns
 * its top items, for mb_window_fill_outline(). */
static GPtrArray *
mb_window_read_outline (MbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GHashTable) level_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) levels = NULL;
  GPtrArray *roots = g_ptr_array_new_with_free_func (g_object_unref);
  const char *strategy_id = mb_selection_get_strategy (self->selection);
  GDate today[1];

  mb_follow_up_get_today (today);
  g_hash_table_remove_all (self->outline_items);
  self->outline_unread = FALSE;

  if (self->store != NULL && strategy_id != NULL)
    {
      nodes = mb_store_query_tree (self->store, strategy_id, &error);
      if (nodes == NULL)
        _mb_window_show_toast (self, error->message);
      levels = mb_store_list_levels (self->store, strategy_id);
    }

  for (guint i = 0; levels != NULL && i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(MbRecord) level = g_list_model_get_item (levels, i);

      /* The records stay alive in the model while the table is in use. */
      g_hash_table_insert (level_names, (char *) mb_record_get_id (level),
                           (char *) mb_record_get_title (level));
    }

  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      MbRecord *node = g_ptr_array_index (nodes, i);
      const char *parent_id = mb_record_get_string (node, "parent_id");
      const char *level_name = g_hash_table_lookup (level_names,
                                                    mb_record_get_string (node, "level_id"));
      MbOutlineItem *item = mb_outline_item_new (mb_record_get_id (node), parent_id,
                                                 mb_record_get_title (node),
                                                 mb_record_get_string (node, "code"),
                                                 level_name ? level_name : "");
      MbOutlineItem *parent = parent_id ? g_hash_table_lookup (self->outline_items, parent_id)
                                        : NULL;

      mb_outline_item_set_overdue (item, mb_follow_up_node_is_overdue (node, today));
      g_hash_table_insert (self->outline_items, g_strdup (mb_record_get_id (node)), item);
      if (parent != NULL)
        {
          mb_outline_item_append (parent, item);
        }
      else
        {
          mb_outline_item_set_index (item, roots->len);
          g_ptr_array_add (roots, g_object_ref (item));
        }
    }

  return roots;
}

/* Whatever reads the outline's items or rows (the selection's row, a
 * move) has them read and filled first. */
static void
mb_window_flush_outline (MbWindow *self)
{
  g_clear_handle_id (&self->outline_fill_id, g_source_remove);
  if (self->outline_unread)
    {
      g_clear_pointer (&self->outline_pending, g_ptr_array_unref);
      self->outline_pending = mb_window_read_outline (self);
    }
  if (self->outline_pending != NULL)
    mb_window_fill_outline (self, g_steal_pointer (&self->outline_pending), TRUE);
}

static void mb_window_sync_sidebar_selection (MbWindow *self);

/* The two halves of a switch's outline, each in its own turn of the main
 * loop after the frame: reading the items, then filling the list. */
static gboolean
fill_outline_cb (gpointer data)
{
  MbWindow *self = data;

  if (self->outline_unread)
    {
      self->outline_pending = mb_window_read_outline (self);
      return G_SOURCE_CONTINUE;
    }
  self->outline_fill_id = 0;
  mb_window_flush_outline (self);
  mb_window_sync_sidebar_selection (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilds the outline from the store. With @defer (a strategy switch),
 * it is read and filled from idles, after the frame that shows the switch
 * on the canvas: reading the strategy's nodes and making the list's rows
 * were most of a switch's own work on the large library, and done in one
 * go they kept the window from answering for longer (README: "The window
 * on the large library"). */
static void
mb_window_reload_outline (MbWindow *self,
                          gboolean  defer)
{
  g_clear_handle_id (&self->outline_fill_id, g_source_remove);
  g_clear_pointer (&self->outline_pending, g_ptr_array_unref);

  if (!defer)
    {
      mb_window_fill_outline (self, mb_window_read_outline (self), FALSE);
      return;
    }
  self->outline_unread = TRUE;
  /* Below GTK's resize (110) and redraw (120): a frame that is due goes first. */
  self->outline_fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_outline_cb, self, NULL);
}

static gboolean
outline_laid_out_cb (GtkWidget     *list,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  MbWindow *self = MB_WINDOW (gtk_widget_get_root (list));

  /* The frame's update phase: its layout comes next. */
  self->outline_layout_tick = 0;
  return G_SOURCE_REMOVE;
}

/* The outline's rows are filled or scrolled: until the next frame lays
 * them out, where they are is not known. */
static void
mb_window_outline_moved (MbWindow *self)
{
  if (self->outline_layout_tick == 0)
    self->outline_layout_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->outline_list),
                                                              outline_laid_out_cb, NULL, NULL);
}

/* Whether the outline's row at @position is bound to a row widget and
 * shown whole in the list's view. */
static gboolean
outline_row_in_view (MbWindow *self,
                     guint     position)
{
  GtkWidget *list = GTK_WIDGET (self->outline_list);
  int height = gtk_widget_get_height (list);

  if (self->outline_layout_tick != 0 || !gtk_widget_get_mapped (list))
    return FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      GtkListItem *list_item = child ? g_object_get_data (G_OBJECT (child), "mb-list-item") : NULL;
      graphene_rect_t bounds;

      if (list_item == NULL || gtk_list_item_get_position (list_item) != position)
        continue;
      return gtk_widget_get_mapped (row)
             && gtk_widget_compute_bounds (row, list, &bounds)
             && bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= height;
    }

  return FALSE;
}

/* Keeps the lists' selection and the window's title in step with the
 * shared MbSelection. */
static void
mb_window_sync_sidebar_selection (MbWindow *self)
{
  const char *strategy_id = mb_selection_get_strategy (self->selection);
  guint position;

  self->syncing_selection++;

  position = find_strategy_row (self, strategy_id);
  if (position != gtk_single_selection_get_selected (self->strategy_selection))
    gtk_single_selection_set_selected (self->strategy_selection, position);

  if (g_strcmp0 (mb_selection_get_kind (self->selection), MB_KIND_NODE) == 0)
    {
      position = find_outline_row (self, mb_selection_get_id (self->selection));
      if (position != gtk_single_selection_get_selected (self->outline_selection))
        {
          gtk_single_selection_set_selected (self->outline_selection, position);
          /* A scroll moves the list view's range of row widgets: GTK 4.8
           * then rebinds and measures up to 200 rows. */
          if (position != GTK_INVALID_LIST_POSITION && !outline_row_in_view (self, position))
            {
              gtk_widget_activate_action (GTK_WIDGET (self->outline_list),
                                          "list.scroll-to-item", "u", position);
              mb_window_outline_moved (self);
            }
        }
    }
  else
    {
      gtk_single_selection_set_selected (self->outline_selection, GTK_INVALID_LIST_POSITION);
    }

  self->syncing_selection--;

  position = find_entity (self->strategies, strategy_id);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(MbRecord) item = g_list_model_get_item (self->strategies, position);

      adw_view_switcher_title_set_subtitle (self->switcher_title, mb_record_get_title (item));
    }
  else
    {
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
    }
}

/* Moving nodes */

static void
mb_window_move_node (MbWindow   *self,
                     const char *node_id,
                     const char *new_parent_id,
                     int         position)
{
  g_autoptr(GError) error = NULL;
  /* The outline, which may own @node_id, is rebuilt during the move. */
  g_autofree char *id = g_strdup (node_id);

  if (!mb_store_move_node (self->store, id, new_parent_id, position, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not move the node: %s"),
                                                  error->message);

      _mb_window_show_toast (self, message);
      return;
    }

  /* The outline was rebuilt by the store's notification; keep the moved
   * node selected. */
  mb_selection_select (self->selection, MB_KIND_NODE, id);
}

static guint
n_siblings (MbWindow      *self,
            MbOutlineItem *item)
{
  const char *parent_id = mb_outline_item_get_parent_id (item);
  MbOutlineItem *parent = parent_id ? g_hash_table_lookup (self->outline_items, parent_id) : NULL;
  GListStore *list;

  mb_window_flush_outline (self);
  list = parent ? mb_outline_item_get_children (parent) : self->outline_roots;

  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static MbOutlineItem *
selected_outline_item (MbWindow *self)
{
  const char *id;

  if (g_strcmp0 (mb_selection_get_kind (self->selection), MB_KIND_NODE) != 0)
    return NULL;

  mb_window_flush_outline (self);
  id = mb_selection_get_id (self->selection);
  return id ? g_hash_table_lookup (self->outline_items, id) : NULL;
}

static gboolean
outline_move_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  MbWindow *self = MB_WINDOW (gtk_widget_get_root (widget));
  const char *direction = g_variant_get_string (args, NULL);
  MbOutlineItem *item = selected_outline_item (self);
  const char *parent_id;
  guint index;

  /* Nothing to move in review mode: Alt+Left and Alt+Right then go back
   * and forward, as elsewhere. */
  if (item == NULL || !_mb_window_is_writable (self))
    return FALSE;

  parent_id = mb_outline_item_get_parent_id (item);
  index = mb_outline_item_get_index (item);

  if (g_str_equal (direction, "up"))
    {
      if (index == 0)
        return TRUE;
      mb_window_move_node (self, mb_outline_item_get_id (item), parent_id, index - 1);
    }
  else if (g_str_equal (direction, "down"))
    {
      if (index + 1 >= n_siblings (self, item))
        return TRUE;
      mb_window_move_node (self, mb_outline_item_get_id (item), parent_id, index + 1);
    }
  else if (g_str_equal (direction, "indent"))
    {
      /* Under the sibling above, as its last child. */
      MbOutlineItem *parent = parent_id ? g_hash_table_lookup (self->outline_items, parent_id)
                                        : NULL;
      GListModel *siblings = G_LIST_MODEL (parent ? mb_outline_item_get_children (parent)
                                                  : self->outline_roots);
      g_autoptr(MbOutlineItem) above = NULL;

      if (index == 0)
        return TRUE;
      above = g_list_model_get_item (siblings, index - 1);
      mb_window_move_node (self, mb_outline_item_get_id (item), mb_outline_item_get_id (above),
                           -1);
    }
  else if (g_str_equal (direction, "outdent"))
    {
      /* Beside its parent, right after it. */
      MbOutlineItem *parent;

      if (parent_id == NULL)
        return TRUE;
      parent = g_hash_table_lookup (self->outline_items, parent_id);
      if (parent == NULL)
        return TRUE;
      mb_window_move_node (self, mb_outline_item_get_id (item),
                           mb_outline_item_get_parent_id (parent),
                           (int) mb_outline_item_get_index (parent) + 1);
    }

  return TRUE;
}

/* Drag and drop: a row carries its node id; dropping on the upper or lower
 * quarter of a row puts the node before or after it, elsewhere under it.
 * One drag source and one drop target on the list find the row under the
 * pointer, rather than two controllers on each of the 200 or so rows the
 * list view makes. */

/* The node of the outline's row at @x, @y of the list (a new reference),
 * and that row's widget (its MbOutlineRow); or NULL. */
static MbOutlineItem *
outline_item_at (MbWindow   *self,
                 double      x,
                 double      y,
                 GtkWidget **row_widget)
{
  GtkWidget *list = GTK_WIDGET (self->outline_list);

  for (GtkWidget *w = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
       w != NULL && w != list;
       w = gtk_widget_get_parent (w))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (w), "mb-list-item");
      GtkTreeListRow *row = list_item ? gtk_list_item_get_item (list_item) : NULL;

      if (row != NULL)
        {
          if (row_widget != NULL)
            *row_widget = w;
          return gtk_tree_list_row_get_item (row);
        }
    }

  return NULL;
}

static GdkContentProvider *
outline_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         MbWindow      *self)
{
  g_autofree char *id = _mb_window_outline_node_at (self, x, y);

  if (id == NULL || !_mb_window_is_writable (self))
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static gboolean
outline_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 MbWindow      *self)
{
  return _mb_window_outline_drop (self, g_value_get_string (value), x, y);
}

/* One widget of our own in each row, rather than a tree expander around a
 * box of labels: mb-outline-row.c says why. */
static void
outline_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  MbWindow                 *self)
{
  GtkWidget *row = mb_outline_row_new ();

  gtk_list_item_set_child (list_item, row);
  /* The list item lives as long as its row widget. */
  g_object_set_data (G_OBJECT (row), "mb-list-item", list_item);
}

static void
add_outline_shortcut (GtkShortcutController *controller,
                      guint                  key,
                      const char            *direction)
{
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, GDK_ALT_MASK | GDK_SHIFT_MASK),
                               gtk_callback_action_new (outline_move_cb, NULL, NULL));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (direction));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* Entry points for mb-window.c */

/* Shows the content beside the sidebar. A folded leaflet slides to it,
 * and libadwaita then moves the focus to the content's first control (Undo,
 * in the header bar), so the leaflet is asked only when folded; and @focus,
 * if given, takes the focus (its own first control) after. */
void
_mb_window_show_content (MbWindow  *self,
                         GtkWidget *focus)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (focus != NULL && gtk_widget_is_visible (focus)
      && !gtk_widget_child_focus (focus, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (focus);
}

void
_mb_window_reload_sidebar (MbWindow           *self,
                           const char * const *tables)
{
  /* The outline shows a strategy's nodes with their levels' names; a
   * deleted strategy takes its nodes with it. */
  gboolean outline = tables == NULL || mb_store_changes_include (tables, "nodes") ||
                     mb_store_changes_include (tables, "levels");

  if (tables == NULL || mb_store_changes_include (tables, "strategies"))
    mb_window_check_strategy (self);
  if (outline)
    mb_window_reload_outline (self, FALSE);
  mb_window_sync_sidebar_selection (self);
}

void
_mb_window_strategy_changed (MbWindow *self)
{
  mb_window_reload_outline (self, TRUE);
  mb_window_sync_sidebar_selection (self);
}

void
_mb_window_item_selected (MbWindow *self)
{
  mb_window_sync_sidebar_selection (self);
}

guint
_mb_window_get_n_strategies (MbWindow *self)
{
  return self->strategies ? g_list_model_get_n_items (self->strategies) : 0;
}

/* A new library: its own list of strategies. */
void
_mb_window_set_sidebar_store (MbWindow *self)
{
  if (self->strategies != NULL)
    g_signal_handlers_disconnect_by_data (self->strategies, self);
  g_clear_object (&self->strategies);
  if (self->store != NULL)
    {
      self->strategies = mb_store_list_strategies (self->store);
      g_signal_connect_object (self->strategies, "items-changed",
                               G_CALLBACK (strategies_changed_cb), self, 0);
    }

  mb_window_rebuild_strategy_tree (self);
  self->syncing_selection++;
  gtk_single_selection_set_selected (self->strategy_selection, GTK_INVALID_LIST_POSITION);
  self->syncing_selection--;
}

void
_mb_window_setup_sidebar (MbWindow *self)
{
  g_autoptr(GtkListItemFactory) strategy_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) outline_factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts;
  GtkDragSource *source;
  GtkDropTarget *target;

  self->strategy_children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   g_object_unref);
  self->strategy_roots = g_list_store_new (MB_TYPE_RECORD);
  self->strategy_tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->strategy_roots)),
                                                 FALSE, TRUE, strategy_children_cb, self, NULL);
  self->strategy_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->strategy_tree)));
  gtk_single_selection_set_autoselect (self->strategy_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->strategy_selection, TRUE);
  g_signal_connect (strategy_factory, "setup", G_CALLBACK (strategy_setup_cb), NULL);
  g_signal_connect (strategy_factory, "bind", G_CALLBACK (strategy_bind_cb), self);
  gtk_list_view_set_factory (self->strategy_list, strategy_factory);
  gtk_list_view_set_model (self->strategy_list, GTK_SELECTION_MODEL (self->strategy_selection));
  g_signal_connect_object (self->strategy_selection, "notify::selected",
                           G_CALLBACK (strategy_selected_cb), self, 0);
  g_signal_connect_object (self->strategy_list, "activate",
                           G_CALLBACK (strategy_activate_cb), self, 0);

  self->outline_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->outline_roots = g_list_store_new (MB_TYPE_OUTLINE_ITEM);
  self->outline_tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->outline_roots)),
                                                FALSE, TRUE, outline_children_cb, NULL, NULL);
  self->outline_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->outline_tree)));
  gtk_single_selection_set_autoselect (self->outline_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->outline_selection, TRUE);
  g_signal_connect (outline_factory, "setup", G_CALLBACK (outline_setup_cb), self);
  g_signal_connect (outline_factory, "bind", G_CALLBACK (outline_bind_cb), NULL);
  gtk_list_view_set_factory (self->outline_list, outline_factory);
  gtk_list_view_set_model (self->outline_list, GTK_SELECTION_MODEL (self->outline_selection));
  g_signal_connect_object (self->outline_selection, "notify::selected",
                           G_CALLBACK (outline_selected_cb), self, 0);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (shortcuts, "mb-outline-shortcuts");
  add_outline_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Up, "up");
  add_outline_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Down, "down");
  add_outline_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Right, "indent");
  add_outline_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Left, "outdent");
  gtk_widget_add_controller (GTK_WIDGET (self->outline_list), shortcuts);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  /* Before the rows' own click gestures, as when it was on each row. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (source), GTK_PHASE_CAPTURE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (outline_drag_prepare_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->outline_list), GTK_EVENT_CONTROLLER (source));
  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect_object (target, "drop", G_CALLBACK (outline_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->outline_list), GTK_EVENT_CONTROLLER (target));

}

void
_mb_window_dispose_sidebar (MbWindow *self)
{
  g_clear_handle_id (&self->outline_fill_id, g_source_remove);
  g_clear_pointer (&self->outline_pending, g_ptr_array_unref);
  if (self->outline_layout_tick != 0 && self->outline_list != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->outline_list), self->outline_layout_tick);
  self->outline_layout_tick = 0;
  g_clear_object (&self->strategy_selection);
  g_clear_object (&self->strategy_tree);
  g_clear_object (&self->strategy_roots);
  g_clear_pointer (&self->strategy_children, g_hash_table_unref);
  if (self->strategies != NULL)
    g_signal_handlers_disconnect_by_data (self->strategies, self);
  g_clear_object (&self->strategies);
  g_clear_object (&self->outline_selection);
  g_clear_object (&self->outline_tree);
  g_clear_object (&self->outline_roots);
  g_clear_pointer (&self->outline_items, g_hash_table_unref);
}

/* The id of the node whose outline row is at @x, @y of the outline's
 * list, or NULL: what a drag from there carries. */
char *
_mb_window_outline_node_at (MbWindow *self,
                            double    x,
                            double    y)
{
  g_autoptr(MbOutlineItem) item = outline_item_at (self, x, y, NULL);

  return item ? g_strdup (mb_outline_item_get_id (item)) : NULL;
}

/* Drops @node_id at @x, @y of the outline's list. */
gboolean
_mb_window_outline_drop (MbWindow   *self,
                         const char *node_id,
                         double      x,
                         double      y)
{
  GtkWidget *widget = NULL;
  g_autoptr(MbOutlineItem) onto = outline_item_at (self, x, y, &widget);
  MbOutlineItem *dragged;
  graphene_point_t at;
  int height;
  int index;

  if (onto == NULL || node_id == NULL || !_mb_window_is_writable (self)
      || !gtk_widget_compute_point (GTK_WIDGET (self->outline_list), widget,
                                    &GRAPHENE_POINT_INIT (x, y), &at))
    return FALSE;

  mb_window_flush_outline (self);
  dragged = g_hash_table_lookup (self->outline_items, node_id);
  if (dragged == NULL || g_str_equal (mb_outline_item_get_id (onto), node_id))
    return FALSE;

  height = gtk_widget_get_height (widget);
  if (at.y > height * 0.25 && at.y < height * 0.75)
    {
      mb_window_move_node (self, node_id, mb_outline_item_get_id (onto), -1);
      return TRUE;
    }

  index = (int) mb_outline_item_get_index (onto) + (at.y >= height * 0.75 ? 1 : 0);
  /* Positions count the siblings without the moved node. */
  if (g_strcmp0 (mb_outline_item_get_parent_id (dragged),
                 mb_outline_item_get_parent_id (onto)) == 0
      && mb_outline_item_get_index (dragged) < (guint) index)
    index--;

  mb_window_move_node (self, node_id, mb_outline_item_get_parent_id (onto), index);
  return TRUE;
}

/* For the window's tests and the outline's keyboard moves. */
gboolean
_mb_window_move_selected_node (MbWindow   *self,
                               const char *direction)
{
  g_autoptr(GVariant) args = g_variant_ref_sink (g_variant_new_string (direction));

  return outline_move_cb (GTK_WIDGET (self->outline_list), args, NULL);
}
