/* mb-contributions-page.c – "What contributes to this goal?" / "What does this serve?"
 *
 * Shows mb_store_query_contributions() for one node: the nodes reached,
 * grouped by strategy, then the money (the projects' budgets, the funding
 * summed per source), the projects, the funding calls and the indicators
 * with their progress. Every row goes to its entity ("go-to"); the Down/Up
 * switch asks the window to show the other direction ("switch-direction"),
 * so that both are places in the window's history. Export writes the
 * core's CSV or JSON of the result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "mb-contributions-page.h"
#include "mb-format.h"
#include "mb-record.h"
#include "mb-selection.h"
#include "mb-file-chooser.h"

struct _MbContributionsPage
{
  GtkWidget                 parent_instance;

  /* Widgets */
  GtkWidget                *box;
  GtkWidget                *title_label;
  GtkWidget                *subtitle_label;
  GtkWidget                *down_button;
  GtkWidget                *up_button;
  GtkWidget                *content;      /* rebuilt on each query */

  /* Owned references */
  MbStore                  *store;
  char                     *node_id;
  MbContributionsDirection  direction;
  MbContributions          *result;
  guint                     syncing;
};

G_DEFINE_FINAL_TYPE (MbContributionsPage, mb_contributions_page, GTK_TYPE_WIDGET)

enum {
  GO_TO,
  SWITCH_DIRECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (MbContributionsPage *self,
            const char          *message)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message))
    g_message ("%s", message);
}

/* Rows */

static void
row_activated_cb (AdwActionRow        *row,
                  MbContributionsPage *self)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "mb-kind");
  const char *id = g_object_get_data (G_OBJECT (row), "mb-id");

  if (kind != NULL && id != NULL)
    g_signal_emit (self, signals[GO_TO], 0, kind, id);
}

static GtkWidget *
add_row (MbContributionsPage *self,
         GtkWidget           *group,
         const char          *title,
         const char          *subtitle,
         const char          *suffix,
         const char          *kind,
         const char          *id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  if (kind != NULL && id != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "mb-kind", g_strdup (kind), g_free);
      g_object_set_data_full (G_OBJECT (row), "mb-id", g_strdup (id), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_group (MbContributionsPage *self,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->content), group);
  return group;
}

static char *
distance_text (MbContributionsDirection direction,
               gint64                   distance)
{
  if (distance <= 1)
    return g_strdup (direction == MB_CONTRIBUTIONS_DOWN ? _("Contributes directly")
                                                        : _("Served directly"));
  /* Translators: how many links or levels away a goal is */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d step away", "%d steps away",
                                       (gulong) distance),
                          (int) distance);
}

static void
mb_contributions_page_fill (MbContributionsPage *self)
{
  const MbContributions *c = self->result;
  g_autofree char *budget = NULL;
  g_autofree char *funding = NULL;
  GtkWidget *group = NULL;
  GtkWidget *row;
  const char *group_strategy = NULL;
  guint n_budgets = 0;

  if (c->nodes->len == 0 && c->projects->len == 0 && c->calls->len == 0
      && c->indicators->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-list-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status),
                                 self->direction == MB_CONTRIBUTIONS_DOWN
                                 ? _("Nothing Contributes Yet")
                                 : _("Serves Nothing Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       self->direction == MB_CONTRIBUTIONS_DOWN
                                       ? _("No goal below it or linked to it, and no project, "
                                           "funding call or indicator.")
                                       : _("No goal above it or linked from it."));
      gtk_box_append (GTK_BOX (self->content), status);
      return;
    }

  /* The money first: it is what a reviewer asks about. */
  group = add_group (self, _("Money"),
                     _("Budgets of the projects listed below, and their granted funding per "
                       "source."));
  for (guint i = 0; i < c->projects->len; i++)
    n_budgets += mb_record_is_null (g_ptr_array_index (c->projects, i), "total_budget") ? 0 : 1;
  budget = n_budgets > 0 ? mb_format_amount (c->budget_total)
                         : g_strdup (_("Not known"));
  row = add_row (self, group, _("Total budget of the projects"), NULL, budget, NULL, NULL);
  gtk_widget_set_name (row, "budget-total");
  funding = c->funding->len > 0 ? mb_format_amount (c->funding_total)
                                : g_strdup (_("None recorded"));
  row = add_row (self, group, _("Granted funding, all sources"), NULL, funding, NULL, NULL);
  gtk_widget_set_name (row, "funding-total");
  for (guint i = 0; i < c->funding->len; i++)
    {
      const MbFundingSum *sum = g_ptr_array_index (c->funding, i);
      g_autofree char *amount = mb_format_amount (sum->amount);

      add_row (self, group, sum->source, _("Granted funding"), amount, NULL, NULL);
    }

  /* The goals, one group per strategy (the core returns them grouped). */
  group = NULL;
  for (guint i = 0; i < c->nodes->len; i++)
    {
      MbRecord *node = g_ptr_array_index (c->nodes, i);
      const char *strategy = mb_record_get_string (node, "strategy_title");
      const char *code = mb_record_get_string (node, "code");
      const char *level = mb_record_get_string (node, "level_name");
      g_autofree char *title = NULL;
      g_autofree char *distance = distance_text (self->direction,
                                                 mb_record_get_int (node, "distance"));
      g_autofree char *subtitle = NULL;

      if (group == NULL || g_strcmp0 (strategy, group_strategy) != 0)
        {
          group = add_group (self, strategy ? strategy : _("Goals"), NULL);
          group_strategy = strategy;
        }

      title = code && code[0] ? g_strdup_printf ("%s %s", code, mb_record_get_title (node))
                              : g_strdup (mb_record_get_title (node));
      subtitle = level && level[0] ? g_strdup_printf ("%s · %s", level, distance)
                                   : g_strdup (distance);
      add_row (self, group, title, subtitle, NULL, MB_KIND_NODE, mb_record_get_id (node));
    }

  if (c->projects->len > 0)
    {
      group = add_group (self, _("Projects"), NULL);
      for (guint i = 0; i < c->projects->len; i++)
        {
          MbRecord *project = g_ptr_array_index (c->projects, i);
          g_autofree char *budget_text = NULL;

          if (!mb_record_is_null (project, "total_budget"))
            budget_text = mb_format_amount (mb_record_get_double (project,
                                                                                "total_budget"));
          add_row (self, group, mb_record_get_title (project),
                   budget_text ? _("Total budget") : _("Budget not known"),
                   budget_text, MB_KIND_PROJECT, mb_record_get_id (project));
        }
    }

  if (c->calls->len > 0)
    {
      group = add_group (self, _("Funding Calls"), NULL);
      for (guint i = 0; i < c->calls->len; i++)
        {
          MbRecord *call = g_ptr_array_index (c->calls, i);
          g_autofree char *budget_text = NULL;

          if (!mb_record_is_null (call, "budget"))
            budget_text = mb_format_amount (mb_record_get_double (call, "budget"));
          add_row (self, group, mb_record_get_title (call), mb_record_get_string (call, "funder"),
                   budget_text, MB_KIND_CALL, mb_record_get_id (call));
        }
    }

  if (c->indicators->len > 0)
    {
      group = add_group (self, _("Indicators"), NULL);
      for (guint i = 0; i < c->indicators->len; i++)
        {
          const MbIndicatorStatus *status = g_ptr_array_index (c->indicators, i);
          g_autofree char *progress = NULL;
          g_autofree char *subtitle = NULL;

          if (isfinite (status->progress))
            progress = mb_format_percent (status->progress);
          if (status->latest_period != NULL && isfinite (status->latest))
            {
              g_autofree char *latest_text = mb_format_number (status->latest);

              /* Translators: the latest value of an indicator and when it was measured */
              subtitle = g_strdup_printf (_("Latest %s %s (%s)"), latest_text,
                                          status->unit ? status->unit : "",
                                          status->latest_period);
            }
          else
            {
              subtitle = g_strdup (_("Not measured yet"));
            }
          add_row (self, group, status->title, subtitle, progress ? progress : "–",
                   MB_KIND_INDICATOR, status->indicator_id);
        }
    }
}

static void
mb_contributions_page_reload (MbContributionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRecord) node = NULL;
  GtkWidget *child;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
  g_clear_pointer (&self->result, mb_contributions_free);

  self->syncing++;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->down_button),
                                self->direction == MB_CONTRIBUTIONS_DOWN);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->up_button),
                                self->direction == MB_CONTRIBUTIONS_UP);
  self->syncing--;

  if (self->store == NULL || self->node_id == NULL)
    return;

  node = mb_store_get_record (self->store, MB_KIND_NODE, self->node_id, NULL);
  if (node == NULL)
    return;

  if (self->direction == MB_CONTRIBUTIONS_DOWN)
    /* Translators: the title of the contributions page; %s is a goal */
    title = g_strdup_printf (_("What Contributes to “%s”?"), mb_record_get_title (node));
  else
    /* Translators: the title of the reverse contributions page; %s is a goal */
    title = g_strdup_printf (_("What Does “%s” Serve?"), mb_record_get_title (node));
  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  gtk_label_set_label (GTK_LABEL (self->subtitle_label),
                       self->direction == MB_CONTRIBUTIONS_DOWN
                       ? _("Everything below it and linked to it, across strategies.")
                       : _("Everything it serves, up to the vision, across strategies."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  self->result = mb_store_query_contributions (self->store, self->node_id, self->direction,
                                               &error);
  if (self->result == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  mb_contributions_page_fill (self);
}

static void
store_changed_cb (MbStore             *store,
                  const char * const  *tables,
                  MbContributionsPage *self)
{
  if (self->node_id != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    mb_contributions_page_reload (self);
  else if (self->node_id != NULL)
    /* Re-read when shown next. */
    g_clear_pointer (&self->result, mb_contributions_free);
}

static void
map_cb (MbContributionsPage *self)
{
  if (self->result == NULL && self->node_id != NULL)
    mb_contributions_page_reload (self);
}

static void
direction_toggled_cb (GtkToggleButton     *button,
                      MbContributionsPage *self)
{
  if (self->syncing > 0 || !gtk_toggle_button_get_active (button))
    return;

  g_signal_emit (self, signals[SWITCH_DIRECTION], 0,
                 GTK_WIDGET (button) == self->up_button ? "up" : "down");
}

/* Export */

gboolean
mb_contributions_page_export (MbContributionsPage  *self,
                              const char           *path,
                              gboolean              json,
                              GError              **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MB_IS_CONTRIBUTIONS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->result == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There are no contributions to export"));
      return FALSE;
    }

  text = json ? mb_contributions_to_json (self->result) : mb_contributions_to_csv (self->result);
  return g_file_set_contents (path, text, -1, error);
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    MbContributionsPage *self)
{
  gboolean json = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "mb-json"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          show_toast (self, _("Only local files can be written"));
        }
      else if (!mb_contributions_page_export (self, path, json, &error))
        {
          /* Translators: %s is a file name, then why it could not be written */
          g_autofree char *message = g_strdup_printf (_("Could not export to “%s”: %s"), name,
                                                      error->message);

          show_toast (self, message);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Exported the contributions to “%s”"),
                                                      name);

          show_toast (self, message);
        }
    }

  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MbContributionsPage *self = MB_CONTRIBUTIONS_PAGE (widget);
  gboolean json = g_str_equal (action_name, "contributions.export-json");
  static const char * const json_suffixes[] = { "json", NULL };
  static const char * const csv_suffixes[] = { "csv", NULL };
  GtkFileChooserNative *chooser;

  chooser = mb_file_chooser_new (widget, _("Export Contributions"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), json ? _("JSON Files") : _("CSV Files"),
                                 json ? json_suffixes : csv_suffixes,
                                 /* Translators: default file names of an export */
                                 json ? _("contributions.json") : _("contributions.csv"));
  g_object_set_data (G_OBJECT (chooser), "mb-json", GINT_TO_POINTER (json));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
mb_contributions_page_dispose (GObject *object)
{
  MbContributionsPage *self = MB_CONTRIBUTIONS_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->result, mb_contributions_free);

  G_OBJECT_CLASS (mb_contributions_page_parent_class)->dispose (object);
}

static void
mb_contributions_page_finalize (GObject *object)
{
  MbContributionsPage *self = MB_CONTRIBUTIONS_PAGE (object);

  g_free (self->node_id);

  G_OBJECT_CLASS (mb_contributions_page_parent_class)->finalize (object);
}

static void
mb_contributions_page_class_init (MbContributionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_contributions_page_dispose;
  object_class->finalize = mb_contributions_page_finalize;

  /* (kind, id): the user picked a row. */
  signals[GO_TO] = g_signal_new ("go-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* "down" or "up": the user asked for the other direction. */
  signals[SWITCH_DIRECTION] = g_signal_new ("switch-direction", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "contributions.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "contributions.export-json", NULL,
                                   export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mbcontributionspage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mb_contributions_page_init (MbContributionsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *export_button = gtk_menu_button_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_set_margin_start (header, 18);
  gtk_widget_set_margin_end (header, 18);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 12);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_widget_add_css_class (self->title_label, "title-3");
  self->subtitle_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle_label), TRUE);
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), self->title_label);
  gtk_box_append (GTK_BOX (titles), self->subtitle_label);
  gtk_box_append (GTK_BOX (header), titles);

  self->down_button = gtk_toggle_button_new_with_mnemonic (_("_Contributes"));
  gtk_widget_set_tooltip_text (self->down_button, _("What contributes to this goal"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->down_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show What Contributes to This Goal"), -1);
  self->up_button = gtk_toggle_button_new_with_mnemonic (_("_Serves"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->up_button),
                               GTK_TOGGLE_BUTTON (self->down_button));
  gtk_widget_set_tooltip_text (self->up_button, _("What this goal serves, up to the vision"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->up_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show What This Goal Serves"), -1);
  g_signal_connect_object (self->down_button, "toggled", G_CALLBACK (direction_toggled_cb),
                           self, 0);
  g_signal_connect_object (self->up_button, "toggled", G_CALLBACK (direction_toggled_cb),
                           self, 0);
  gtk_widget_add_css_class (switcher, "linked");
  gtk_widget_set_valign (switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (switcher), self->down_button);
  gtk_box_append (GTK_BOX (switcher), self->up_button);
  gtk_box_append (GTK_BOX (header), switcher);

  g_menu_append (menu, _("As _CSV…"), "contributions.export-csv");
  g_menu_append (menu, _("As _JSON…"), "contributions.export-json");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (export_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (export_button), _("_Export…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (export_button), TRUE);
  gtk_widget_set_tooltip_text (export_button, _("Export the contributions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export the Contributions"), -1);
  gtk_widget_set_valign (export_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), export_button);

  gtk_box_append (GTK_BOX (self->box), header);
  gtk_box_append (GTK_BOX (self->box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 18);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->box), scrolled);

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

/* Public API */

GtkWidget *
mb_contributions_page_new (MbStore *store)
{
  MbContributionsPage *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  self = g_object_new (MB_TYPE_CONTRIBUTIONS_PAGE, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);

  return GTK_WIDGET (self);
}

void
mb_contributions_page_show (MbContributionsPage      *self,
                            const char               *node_id,
                            MbContributionsDirection  direction)
{
  g_return_if_fail (MB_IS_CONTRIBUTIONS_PAGE (self));
  g_return_if_fail (node_id != NULL);

  if (self->node_id != node_id)
    {
      g_free (self->node_id);
      self->node_id = g_strdup (node_id);
    }
  self->direction = direction;
  mb_contributions_page_reload (self);
}

const char *
mb_contributions_page_get_node_id (MbContributionsPage *self)
{
  g_return_val_if_fail (MB_IS_CONTRIBUTIONS_PAGE (self), NULL);

  return self->node_id;
}

MbContributionsDirection
mb_contributions_page_get_direction (MbContributionsPage *self)
{
  g_return_val_if_fail (MB_IS_CONTRIBUTIONS_PAGE (self), MB_CONTRIBUTIONS_DOWN);

  return self->direction;
}

const MbContributions *
mb_contributions_page_get_result (MbContributionsPage *self)
{
  g_return_val_if_fail (MB_IS_CONTRIBUTIONS_PAGE (self), NULL);

  return self->result;
}
