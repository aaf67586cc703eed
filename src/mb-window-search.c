/* mb-window-search.c – search the whole library (Ctrl+F) and go to a hit
 *
 * The store's full-text index covers titles, descriptions, codes,
 * registration numbers and indicator references of every strategy, and
 * the follow-up: rounds, assessments and activities (also by the
 * organisations that took part). Hits (at most a hundred) are grouped by
 * kind under a header; activating one, or pressing Enter for the first,
 * shows it where it lives: a follow-up hit in the Follow-up view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-follow-up-view.h"
#include "mb-record.h"
#include "mb-window-private.h"

#define SEARCH_LIMIT 100

/* The kinds in the order their groups are shown, with a group title. */
static const struct
{
  const char *kind;
  const char *title;
  const char *view;  /* the view that lists this kind, if any */
} kinds[] = {
  { MB_KIND_STRATEGY, N_("Strategies"), "canvas" },
  { MB_KIND_NODE, N_("Goals and Interventions"), "canvas" },
  { MB_KIND_INDICATOR, N_("Indicators"), "indicators" },
  { MB_KIND_PROJECT, N_("Projects"), "projects" },
  { MB_KIND_CALL, N_("Funding Calls"), "calls" },
  { MB_KIND_ROUND, N_("Follow-up Rounds"), "follow-up" },
  { MB_KIND_ASSESSMENT, N_("Assessments"), "follow-up" },
  { MB_KIND_ACTIVITY, N_("Activities"), "follow-up" },
  { MB_KIND_ORGANISATION, N_("Organisations"), NULL },
  { MB_KIND_LINK, N_("Links"), "canvas" },
};

static guint
kind_rank (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return i;

  return G_N_ELEMENTS (kinds);
}

static const char *
kind_title (const char *kind)
{
  guint rank = kind_rank (kind);

  return rank < G_N_ELEMENTS (kinds) ? _(kinds[rank].title) : _("Other");
}

/* Groups by kind; within a group the store's ranking (best first) stays. */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const MbSearchHit *ha = *(MbSearchHit * const *) a;
  const MbSearchHit *hb = *(MbSearchHit * const *) b;
  guint ra = kind_rank (ha->kind);
  guint rb = kind_rank (hb->kind);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (ha->rank != hb->rank)
    return ha->rank < hb->rank ? -1 : 1;
  return 0;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "mb-kind");
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (before), "mb-kind"), kind) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (kind_title (kind));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_add_css_class (header, "heading");
  gtk_list_box_row_set_header (row, header);
}

/* An assessment is found by its words but named by its goal and round:
 * "Goal · Follow-up 2025". */
static char *
hit_title (MbWindow          *self,
           const MbSearchHit *hit)
{
  g_autoptr(MbRecord) assessment = NULL;
  g_autoptr(MbRecord) goal = NULL;
  g_autoptr(MbRecord) round = NULL;

  if (g_strcmp0 (hit->kind, MB_KIND_ASSESSMENT) == 0 &&
      (assessment = mb_store_get_record (self->store, hit->kind, hit->id, NULL)) != NULL &&
      (goal = mb_store_get_record (self->store, MB_KIND_NODE,
                                   mb_record_get_string (assessment, "node_id"), NULL)) != NULL &&
      (round = mb_store_get_record (self->store, MB_KIND_ROUND,
                                    mb_record_get_string (assessment, "round_id"), NULL)) != NULL)
    /* Translators: a search hit of a goal's assessment: the goal, the round */
    return g_strdup_printf (_("%s · %s"), mb_record_get_title (goal), mb_record_get_title (round));
  return g_strdup (hit->title ? hit->title : "");
}

static GtkWidget *
result_row_new (MbWindow          *self,
                const MbSearchHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = hit_title (self, hit);
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *snippet = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (hit->snippet != NULL && g_strcmp0 (hit->snippet, name) != 0)
    {
      snippet = g_markup_escape_text (hit->snippet, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), snippet);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  g_object_set_data_full (G_OBJECT (row), "mb-kind", g_strdup (hit->kind), g_free);
  g_object_set_data_full (G_OBJECT (row), "mb-id", g_strdup (hit->id), g_free);

  return row;
}

void
_mb_window_run_search (MbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_results))) != NULL)
    gtk_list_box_remove (self->search_results, child);

  if (self->store == NULL || text[0] == '\0')
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->search_stack,
                                                                               "empty")),
                                 _("Search the Library"));
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->search_stack,
                                                                                     "empty")),
                                       _("Titles, descriptions, codes, registration numbers "
                                         "and indicator references in every strategy, and "
                                         "its follow-up rounds, assessments and activities."));
      gtk_stack_set_visible_child_name (self->search_stack, "empty");
      return;
    }

  hits = mb_store_search (self->store, text, SEARCH_LIMIT, &error);
  if (hits == NULL)
    {
      _mb_window_show_toast (self, error->message);
      return;
    }

  g_ptr_array_sort (hits, compare_hits);
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->search_results,
                         result_row_new (self, g_ptr_array_index (hits, i)));

  if (hits->len == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->search_stack,
                                                                               "empty")),
                                 _("No Results Found"));
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->search_stack,
                                                                                     "empty")),
                                       _("Try a different search."));
    }
  gtk_stack_set_visible_child_name (self->search_stack, hits->len > 0 ? "results" : "empty");
}

static gboolean
is_follow_up_kind (const char *kind)
{
  return g_strcmp0 (kind, MB_KIND_ROUND) == 0 || g_strcmp0 (kind, MB_KIND_ASSESSMENT) == 0 ||
         g_strcmp0 (kind, MB_KIND_ACTIVITY) == 0;
}

/* A round, an assessment or an activity: the Follow-up view on its
 * strategy and round, open where it is edited (the round's page, the goal's
 * assessment, the activity in the details panel). */
static void
go_to_follow_up (MbWindow   *self,
                 const char *kind,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRecord) record = mb_store_get_record (self->store, kind, id, &error);
  g_autoptr(MbRecord) round = NULL;
  MbFollowUpView *view;
  GtkWidget *page;

  if (record == NULL)
    {
      _mb_window_show_toast (self, error->message);
      return;
    }
  if (g_strcmp0 (kind, MB_KIND_ASSESSMENT) == 0)
    round = mb_store_get_record (self->store, MB_KIND_ROUND,
                                 mb_record_get_string (record, "round_id"), &error);
  else if (g_strcmp0 (kind, MB_KIND_ROUND) == 0)
    round = g_object_ref (record);
  if (round == NULL && g_strcmp0 (kind, MB_KIND_ACTIVITY) != 0)
    {
      _mb_window_show_toast (self, error->message);
      return;
    }
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _mb_window_hide_contributions (self);
  mb_selection_set_strategy (self->selection,
                             mb_record_get_string (round ? round : record, "strategy_id"));
  /* Shown, the view is built (it waits in a bin until first shown). */
  adw_view_stack_set_visible_child_name (self->view_stack, "follow-up");
  page = adw_view_stack_get_child_by_name (self->view_stack, "follow-up");
  if (ADW_IS_BIN (page))
    page = adw_bin_get_child (ADW_BIN (page));
  if (!MB_IS_FOLLOW_UP_VIEW (page))
    return;
  view = MB_FOLLOW_UP_VIEW (page);
  _mb_window_show_content (self, GTK_WIDGET (view));

  if (round != NULL)
    mb_follow_up_view_select_round (view, mb_record_get_id (round));
  if (g_strcmp0 (kind, MB_KIND_ROUND) == 0)
    mb_follow_up_view_show_page (view, "round-details");
  else if (g_strcmp0 (kind, MB_KIND_ASSESSMENT) == 0)
    {
      mb_follow_up_view_show_page (view, "goals");
      mb_follow_up_view_select_goal (view, mb_record_get_string (record, "node_id"));
    }
  else
    {
      mb_selection_select (self->selection, kind, id);
      mb_follow_up_view_show_activity (view, id);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-details", NULL);
    }
}

void
_mb_window_go_to (MbWindow   *self,
                  const char *kind,
                  const char *id)
{
  g_autoptr(MbRecord) record = NULL;
  g_autofree char *strategy_id = NULL;
  guint rank = kind_rank (kind);
  const char *view = rank < G_N_ELEMENTS (kinds) ? kinds[rank].view : NULL;

  if (is_follow_up_kind (kind))
    {
      go_to_follow_up (self, kind, id);
      return;
    }
  if (g_strcmp0 (kind, MB_KIND_STRATEGY) == 0)
    {
      strategy_id = g_strdup (id);
    }
  else if (g_strcmp0 (kind, MB_KIND_NODE) == 0 || g_strcmp0 (kind, MB_KIND_INDICATOR) == 0)
    {
      g_autoptr(GError) error = NULL;

      record = mb_store_get_record (self->store, kind, id, &error);
      if (record == NULL)
        {
          _mb_window_show_toast (self, error->message);
          return;
        }
      strategy_id = g_strdup (mb_record_get_string (record, "strategy_id"));
    }
  else if (g_strcmp0 (kind, MB_KIND_LINK) == 0)
    {
      /* A link between strategies shows in either; stay if this one has
       * an end of it, else go to the strategy it starts in. */
      g_autoptr(MbRecord) from = NULL;
      g_autoptr(MbRecord) to = NULL;
      const char *current = mb_selection_get_strategy (self->selection);

      record = mb_store_get_record (self->store, kind, id, NULL);
      if (record != NULL)
        {
          from = mb_store_get_record (self->store, MB_KIND_NODE,
                                      mb_record_get_string (record, "from_node_id"), NULL);
          to = mb_store_get_record (self->store, MB_KIND_NODE,
                                    mb_record_get_string (record, "to_node_id"), NULL);
        }
      if (from != NULL && to != NULL
          && g_strcmp0 (mb_record_get_string (from, "strategy_id"), current) != 0
          && g_strcmp0 (mb_record_get_string (to, "strategy_id"), current) != 0)
        strategy_id = g_strdup (mb_record_get_string (from, "strategy_id"));
    }

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  _mb_window_hide_contributions (self);

  if (strategy_id != NULL)
    mb_selection_set_strategy (self->selection, strategy_id);
  mb_selection_select (self->selection, kind, id);

  if (view != NULL && adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
  /* The focus follows to where the item is shown, never to a control that
   * the search results hid. */
  _mb_window_show_content (self, adw_view_stack_get_visible_child (self->view_stack));
}

static void
row_activated_cb (GtkListBox    *box,
                  GtkListBoxRow *row,
                  MbWindow      *self)
{
  g_autofree char *kind = g_strdup (g_object_get_data (G_OBJECT (row), "mb-kind"));
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (row), "mb-id"));

  _mb_window_go_to (self, kind, id);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   MbWindow       *self)
{
  _mb_window_run_search (self);
}

/* Enter goes to the best hit of the first group. */
static void
search_activate_cb (GtkSearchEntry *entry,
                    MbWindow       *self)
{
  GtkListBoxRow *first;

  _mb_window_run_search (self);
  first = gtk_list_box_get_row_at_index (self->search_results, 0);
  if (first != NULL)
    row_activated_cb (self->search_results, first, self);
}

/* Down in the entry goes to the results; Tab gets there too, as the views
 * behind them take no focus while searching (mb_window_update_pages). */
static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      MbWindow              *self)
{
  GtkListBoxRow *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  first = gtk_list_box_get_row_at_index (self->search_results, 0);
  if (first == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->search_stack)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (first));
}

/* The focus goes back to the view the search covered, not to a result
 * that is gone (GTK would then start over in the header bar). */
static void
focus_covered_view (MbWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  if (page == GTK_WIDGET (self->view_stack))
    page = adw_view_stack_get_visible_child (self->view_stack);
  _mb_window_show_content (self, page);
}

static void
search_mode_changed_cb (GtkSearchBar *bar,
                        GParamSpec   *pspec,
                        MbWindow     *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (gtk_search_bar_get_search_mode (bar))
    return;
  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_stack))
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    focus_covered_view (self);
}

/* Escape in the results closes them, as it does in the entry. */
static gboolean
results_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        MbWindow              *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  focus_covered_view (self);
  return TRUE;
}

void
_mb_window_setup_search (MbWindow *self)
{
  GtkEventController *key;

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_list_box_set_header_func (self->search_results, header_func, NULL, NULL);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, 0);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (search_activate_cb), self, 0);
  g_signal_connect_object (self->search_results, "row-activated",
                           G_CALLBACK (row_activated_cb), self, 0);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_AFTER);

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (results_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_stack), key);
}
