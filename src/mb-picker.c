/* mb-picker.c – a searchable dialog to pick an entity or a catalogue entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One picker serves every "Add…" of the details panel: indicators of the
 * strategy or from Kolada and the ERDF list, projects, calls, organisations,
 * goals, SDGs and territories. Typing filters at once (the lists are a few
 * thousand items at most); Enter picks the selected row, Escape cancels.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mb-ellipsis.h"
#include "mb-picker.h"

struct _MbPicker
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkSearchEntry    *search_entry;
  GtkStackSwitcher  *switcher;
  GtkStack          *stack;

  /* Owned references */
  GPtrArray         *filters;   /* GtkCustomFilter *, one per source */
  GPtrArray         *sources;   /* Source *, one per source */
  char              *query;     /* folded search text */
  gboolean           picked;
};

/* A tab: its list, and a status page saying why the list is empty. */
typedef struct
{
  MbPicker           *self;
  GtkStack           *page;
  AdwStatusPage      *empty;
  GListModel         *items;
  GListModel         *shown;
} Source;

G_DEFINE_FINAL_TYPE (MbPicker, mb_picker, ADW_TYPE_WINDOW)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkListView *
visible_list (MbPicker *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  GtkWidget *scrolled = page ? gtk_stack_get_child_by_name (GTK_STACK (page), "list") : NULL;

  return scrolled ? GTK_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)))
                  : NULL;
}

static void
source_free (gpointer data)
{
  Source *source = data;

  g_signal_handlers_disconnect_by_data (source->shown, source);
  g_clear_object (&source->items);
  g_clear_object (&source->shown);
  g_free (source);
}

/* An empty tab says why: nothing matches the search, or nothing is left
 * that is not linked already. */
static void
update_empty (Source *source)
{
  MbPicker *self = source->self;

  if (g_list_model_get_n_items (source->shown) > 0)
    {
      gtk_stack_set_visible_child_name (source->page, "list");
      return;
    }
  if (g_list_model_get_n_items (source->items) > 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("Nothing here matches “%s”."),
                         gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

      adw_status_page_set_icon_name (source->empty, "edit-find-symbolic");
      adw_status_page_set_title (source->empty, _("No Matches"));
      adw_status_page_set_description (source->empty, description);
    }
  else
    {
      adw_status_page_set_icon_name (source->empty, "emblem-ok-symbolic");
      adw_status_page_set_title (source->empty, _("Nothing Left to Add"));
      adw_status_page_set_description (source->empty,
                                       self->sources->len > 1
                                       ? _("All there is of this kind is linked here already, "
                                           "or there is none yet. The other tabs may have more.")
                                       : _("All there is of this kind is linked here already, "
                                           "or there is none yet."));
    }
  gtk_stack_set_visible_child_name (source->page, "empty");
}

static void
shown_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Source     *source)
{
  update_empty (source);
}

static void
pick_item (MbPicker     *self,
           MbEntityItem *item)
{
  if (self->picked || item == NULL)
    return;
  self->picked = TRUE;
  g_signal_emit (self, signals[PICKED], 0, item);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
list_activate_cb (GtkListView *list,
                  guint        position,
                  MbPicker    *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(MbEntityItem) item = g_list_model_get_item (model, position);

  pick_item (self, item);
}

static gboolean
match_item (gpointer item,
            gpointer user_data)
{
  MbPicker *self = user_data;
  g_auto(GStrv) words = NULL;
  const char *key = mb_entity_item_get_search_key (item);

  if (self->query == NULL || *self->query == '\0')
    return TRUE;
  /* Every word must occur, in any order: "inv antal" finds "Invånare totalt, antal". */
  words = g_strsplit_set (self->query, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i] && strstr (key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   MbPicker       *self)
{
  g_free (self->query);
  self->query = mb_catalogue_fold_for_search (gtk_editable_get_text (GTK_EDITABLE (entry)));
  for (guint i = 0; i < self->filters->len; i++)
    gtk_filter_changed (self->filters->pdata[i], GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_activate_cb (GtkSearchEntry *entry,
                    MbPicker       *self)
{
  GtkListView *list = visible_list (self);
  GtkSelectionModel *model;
  guint position;
  g_autoptr(MbEntityItem) item = NULL;

  if (list == NULL)
    return;
  model = gtk_list_view_get_model (list);
  position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  item = g_list_model_get_item (G_LIST_MODEL (model), position);
  pick_item (self, item);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                MbPicker       *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       MbPicker              *self)
{
  GtkListView *list = visible_list (self);

  /* Down from the search goes into the results. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && list != NULL)
    {
      gtk_widget_child_focus (GTK_WIDGET (list), GTK_DIR_TAB_FORWARD);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  mb_label_tooltip_when_cut (GTK_LABEL (subtitle));
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  MbEntityItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *sub = mb_entity_item_get_subtitle (item);

  gtk_label_set_text (GTK_LABEL (title), mb_entity_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (subtitle), sub ? sub : "");
  gtk_widget_set_visible (subtitle, sub != NULL && *sub != '\0');
}

static void
mb_picker_show (GtkWidget *widget)
{
  MbPicker *self = MB_PICKER (widget);

  GTK_WIDGET_CLASS (mb_picker_parent_class)->show (widget);
  /* Typing searches and Enter picks: the search has the focus, not Cancel. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mb_picker_dispose (GObject *object)
{
  MbPicker *self = MB_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_PICKER);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (mb_picker_parent_class)->dispose (object);
}

static void
mb_picker_finalize (GObject *object)
{
  MbPicker *self = MB_PICKER (object);

  g_free (self->query);

  G_OBJECT_CLASS (mb_picker_parent_class)->finalize (object);
}

static void
mb_picker_class_init (MbPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_picker_dispose;
  object_class->finalize = mb_picker_finalize;
  widget_class->show = mb_picker_show;

  /**
   * MbPicker::picked:
   * @item: the MbEntityItem picked
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MB_TYPE_ENTITY_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, MbPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MbPicker, switcher);
  gtk_widget_class_bind_template_child (widget_class, MbPicker, stack);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mb_picker_init (MbPicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filters = g_ptr_array_new_with_free_func (g_object_unref);
  self->sources = g_ptr_array_new_with_free_func (source_free);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

MbPicker *
mb_picker_new (GtkWindow  *parent,
               const char *title)
{
  MbPicker *self = g_object_new (MB_TYPE_PICKER,
                                 "transient-for", parent,
                                 "title", title,
                                 NULL);

  adw_window_title_set_title (self->window_title, title);
  return self;
}

void
mb_picker_add_source (MbPicker   *self,
                      const char *name,
                      const char *title,
                      GListModel *items)
{
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkListItemFactory *factory;
  GtkWidget *list;
  GtkWidget *scrolled;
  GtkWidget *empty;
  GtkStackPage *page;
  g_autoptr(GtkSelectionModel) pages = NULL;
  Source *source;

  g_return_if_fail (MB_IS_PICKER (self));
  g_return_if_fail (G_IS_LIST_MODEL (items));

  filter = gtk_custom_filter_new (match_item, self, NULL);
  g_ptr_array_add (self->filters, g_object_ref (filter));
  filtered = gtk_filter_list_model_new (g_object_ref (items), GTK_FILTER (filter));
  selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_can_unselect (selection, FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  g_signal_connect (list, "activate", G_CALLBACK (list_activate_cb), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  source = g_new0 (Source, 1);
  source->self = self;
  source->page = GTK_STACK (gtk_stack_new ());
  source->items = g_object_ref (items);
  source->shown = g_object_ref (G_LIST_MODEL (filtered));
  empty = adw_status_page_new ();
  source->empty = ADW_STATUS_PAGE (empty);
  gtk_stack_add_named (source->page, scrolled, "list");
  gtk_stack_add_named (source->page, empty, "empty");
  g_ptr_array_add (self->sources, source);
  g_signal_connect (filtered, "items-changed", G_CALLBACK (shown_changed_cb), source);

  page = gtk_stack_add_titled (self->stack, GTK_WIDGET (source->page), name, title);
  gtk_stack_page_set_use_underline (page, FALSE);

  pages = gtk_stack_get_pages (self->stack);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher),
                          g_list_model_get_n_items (G_LIST_MODEL (pages)) > 1);
  /* The other tabs' texts name them once there are several. */
  for (guint i = 0; i < self->sources->len; i++)
    update_empty (self->sources->pdata[i]);
}

GListModel *
mb_picker_catalogue_items (MbCatalogue     *catalogue,
                           MbCatalogueKind  kind)
{
  GListModel *entries;
  GListStore *items = g_list_store_new (MB_TYPE_ENTITY_ITEM);

  g_return_val_if_fail (MB_IS_CATALOGUE (catalogue), NULL);

  entries = mb_catalogue_get_entries (catalogue, kind);
  for (guint i = 0; entries && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(MbCatalogueEntry) entry = g_list_model_get_item (entries, i);
      const char *title = mb_catalogue_entry_get_title (entry);
      const char *title_en = mb_catalogue_entry_get_title_en (entry);
      const char *id = mb_catalogue_entry_get_id (entry);
      g_autofree char *shown = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(MbEntityItem) item = NULL;

      if (kind == MB_CATALOGUE_KIND_SDG)
        {
          /* Translators: a global goal of Agenda 2030, "7. Hållbar energi för alla" */
          shown = g_strdup_printf (_("%s. %s"), id, title);
          subtitle = g_strdup (title_en);
        }
      else if (title_en != NULL && g_strcmp0 (title_en, title) != 0)
        subtitle = g_strdup_printf ("%s · %s", id, title_en);
      else
        subtitle = g_strdup (id);

      item = mb_entity_item_new (MB_PICKER_KIND_CATALOGUE,
                                 mb_catalogue_entry_get_reference (entry),
                                 shown ? shown : title, subtitle);
      g_list_store_append (items, item);
    }
  return G_LIST_MODEL (items);
}

void
mb_picker_set_search (MbPicker   *self,
                      const char *text)
{
  g_return_if_fail (MB_IS_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry waits a moment before "search-changed"; do not make callers wait. */
  search_changed_cb (self->search_entry, self);
}

void
mb_picker_set_visible_source (MbPicker   *self,
                              const char *name)
{
  g_return_if_fail (MB_IS_PICKER (self));

  gtk_stack_set_visible_child_name (self->stack, name);
}

guint
mb_picker_get_n_visible (MbPicker *self)
{
  GtkListView *list;

  g_return_val_if_fail (MB_IS_PICKER (self), 0);

  list = visible_list (self);
  return list ? g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) : 0;
}

void
mb_picker_pick (MbPicker *self,
                guint     position)
{
  GtkListView *list;
  g_autoptr(MbEntityItem) item = NULL;

  g_return_if_fail (MB_IS_PICKER (self));

  list = visible_list (self);
  if (list != NULL)
    item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);
  pick_item (self, item);
}
