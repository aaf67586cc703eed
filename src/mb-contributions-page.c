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
#include "mb-list-focus.h"
#include "core/mb-format.h"
#include "mb-record.h"
#include "mb-selection.h"
#include "mb-file-chooser.h"

/* ---- The rows: one item per line of the list, made when asked for -------- */

/* One line of the list: a group's heading, or a row of it. */
#define MB_TYPE_CONTRIBUTIONS_ROW (mb_contributions_row_get_type ())
G_DECLARE_FINAL_TYPE (MbContributionsRow, mb_contributions_row, MB, CONTRIBUTIONS_ROW, GObject)

struct _MbContributionsRow
{
  GObject   parent_instance;
  gboolean  heading;
  char     *title;
  char     *subtitle;   /* a heading's description */
  char     *suffix;     /* an amount or a progress, right-aligned */
  char     *kind;       /* what activating the row goes to, or NULL */
  char     *id;
  char     *name;       /* the row widget's name, or NULL */
};

G_DEFINE_FINAL_TYPE (MbContributionsRow, mb_contributions_row, G_TYPE_OBJECT)

static void
mb_contributions_row_finalize (GObject *object)
{
  MbContributionsRow *self = MB_CONTRIBUTIONS_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->suffix);
  g_free (self->kind);
  g_free (self->id);
  g_free (self->name);
  G_OBJECT_CLASS (mb_contributions_row_parent_class)->finalize (object);
}

static void
mb_contributions_row_class_init (MbContributionsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_contributions_row_finalize;
}

static void
mb_contributions_row_init (MbContributionsRow *self)
{
}

/* The lines of a result, in the order the page shows them. */
typedef enum
{
  LINE_MONEY_HEADING,
  LINE_BUDGET_TOTAL,
  LINE_FUNDING_TOTAL,
  LINE_FUNDING,          /* index into funding */
  LINE_STRATEGY_HEADING, /* index: the group's first node */
  LINE_NODE,             /* index into nodes */
  LINE_PROJECTS_HEADING,
  LINE_PROJECT,
  LINE_CALLS_HEADING,
  LINE_CALL,
  LINE_INDICATORS_HEADING,
  LINE_INDICATOR,
} LineKind;

typedef struct
{
  guint kind  : 8;
  guint index : 24;
} Line;

/* A GListModel of MbContributionsRow over one MbContributions, which it
 * owns: a few bytes per line, the rows made only for the lines a list view
 * asks for. It shows its lines a screen at a time (n_shown): GTK 4.8's list
 * view makes and measures up to 200 rows around the top at once, a third
 * of a second for the vision's wrapped titles, so the first frame gets a
 * screenful and each frame after it some more (mb_contributions_page's
 * grow_tick_cb). */
#define MB_TYPE_CONTRIBUTIONS_MODEL (mb_contributions_model_get_type ())
G_DECLARE_FINAL_TYPE (MbContributionsModel, mb_contributions_model, MB, CONTRIBUTIONS_MODEL,
                      GObject)

struct _MbContributionsModel
{
  GObject          parent_instance;
  MbContributions *result;
  GArray          *lines;
  guint            n_shown;
};

static void mb_contributions_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MbContributionsModel, mb_contributions_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mb_contributions_model_list_model_init))

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

static MbContributionsRow *
row_new (gboolean    heading,
         const char *title,
         const char *subtitle,
         const char *kind,
         const char *id)
{
  MbContributionsRow *row = g_object_new (MB_TYPE_CONTRIBUTIONS_ROW, NULL);

  row->heading = heading;
  row->title = g_strdup (title ? title : "");
  row->subtitle = subtitle && subtitle[0] ? g_strdup (subtitle) : NULL;
  row->kind = g_strdup (kind);
  row->id = g_strdup (id);
  return row;
}

static MbContributionsRow *
node_row (const MbContributions *c,
          guint                  index)
{
  MbRecord *node = g_ptr_array_index (c->nodes, index);
  const char *code = mb_record_get_string (node, "code");
  const char *level = mb_record_get_string (node, "level_name");
  g_autofree char *distance = distance_text (c->direction, mb_record_get_int (node, "distance"));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = code && code[0] ? g_strdup_printf ("%s %s", code, mb_record_get_title (node))
                          : g_strdup (mb_record_get_title (node));
  subtitle = level && level[0] ? g_strdup_printf ("%s · %s", level, distance)
                               : g_strdup (distance);
  return row_new (FALSE, title, subtitle, MB_KIND_NODE, mb_record_get_id (node));
}

static MbContributionsRow *
indicator_row (const MbContributions *c,
               guint                  index)
{
  const MbIndicatorStatus *status = g_ptr_array_index (c->indicators, index);
  g_autofree char *subtitle = NULL;
  MbContributionsRow *row;

  if (status->latest_period != NULL && isfinite (status->latest))
    {
      g_autofree char *latest_text = mb_format_number (status->latest);

      /* Translators: the latest value of an indicator and when it was measured */
      subtitle = g_strdup_printf (_("Latest %s %s (%s)"), latest_text,
                                  status->unit ? status->unit : "", status->latest_period);
    }
  else
    {
      subtitle = g_strdup (_("Not measured yet"));
    }
  row = row_new (FALSE, status->title, subtitle, MB_KIND_INDICATOR, status->indicator_id);
  if (isfinite (status->progress))
    row->suffix = mb_format_percent (status->progress);
  else
    row->suffix = g_strdup ("–");
  return row;
}

static MbContributionsRow *
make_row (const MbContributions *c,
          Line                   line)
{
  MbContributionsRow *row = NULL;

  switch ((LineKind) line.kind)
    {
    case LINE_MONEY_HEADING:
      return row_new (TRUE, _("Money"),
                      _("Budgets of the projects listed below, and their granted funding per "
                        "source."), NULL, NULL);

    case LINE_BUDGET_TOTAL:
      {
        guint n_budgets = 0;

        for (guint i = 0; i < c->projects->len; i++)
          n_budgets += mb_record_is_null (g_ptr_array_index (c->projects, i), "total_budget")
                       ? 0 : 1;
        row = row_new (FALSE, _("Total budget of the projects"), NULL, NULL, NULL);
        row->suffix = n_budgets > 0 ? mb_format_amount (c->budget_total)
                                    : g_strdup (_("Not known"));
        row->name = g_strdup ("budget-total");
        return row;
      }

    case LINE_FUNDING_TOTAL:
      row = row_new (FALSE, _("Granted funding, all sources"), NULL, NULL, NULL);
      row->suffix = c->funding->len > 0 ? mb_format_amount (c->funding_total)
                                        : g_strdup (_("None recorded"));
      row->name = g_strdup ("funding-total");
      return row;

    case LINE_FUNDING:
      {
        const MbFundingSum *sum = g_ptr_array_index (c->funding, line.index);

        row = row_new (FALSE, sum->source, _("Granted funding"), NULL, NULL);
        row->suffix = mb_format_amount (sum->amount);
        return row;
      }

    case LINE_STRATEGY_HEADING:
      {
        const char *strategy = mb_record_get_string (g_ptr_array_index (c->nodes, line.index),
                                                     "strategy_title");

        return row_new (TRUE, strategy ? strategy : _("Goals"), NULL, NULL, NULL);
      }

    case LINE_NODE:
      return node_row (c, line.index);

    case LINE_PROJECTS_HEADING:
      return row_new (TRUE, _("Projects"), NULL, NULL, NULL);

    case LINE_PROJECT:
      {
        MbRecord *project = g_ptr_array_index (c->projects, line.index);
        gboolean known = !mb_record_is_null (project, "total_budget");

        row = row_new (FALSE, mb_record_get_title (project),
                       known ? _("Total budget") : _("Budget not known"),
                       MB_KIND_PROJECT, mb_record_get_id (project));
        if (known)
          row->suffix = mb_format_amount (mb_record_get_double (project,
                                                                              "total_budget"));
        return row;
      }

    case LINE_CALLS_HEADING:
      return row_new (TRUE, _("Funding Calls"), NULL, NULL, NULL);

    case LINE_CALL:
      {
        MbRecord *call = g_ptr_array_index (c->calls, line.index);

        row = row_new (FALSE, mb_record_get_title (call), mb_record_get_string (call, "funder"),
                       MB_KIND_CALL, mb_record_get_id (call));
        if (!mb_record_is_null (call, "budget"))
          row->suffix = mb_format_amount (mb_record_get_double (call, "budget"));
        return row;
      }

    case LINE_INDICATORS_HEADING:
      return row_new (TRUE, _("Indicators"), NULL, NULL, NULL);

    case LINE_INDICATOR:
      return indicator_row (c, line.index);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

static void
add_line (GArray   *lines,
          LineKind  kind,
          guint     index)
{
  Line line = { kind, index };

  g_array_append_val (lines, line);
}

static GType
mb_contributions_model_get_item_type (GListModel *model)
{
  return MB_TYPE_CONTRIBUTIONS_ROW;
}

static guint
mb_contributions_model_get_n_items (GListModel *model)
{
  return MB_CONTRIBUTIONS_MODEL (model)->n_shown;
}

static gpointer
mb_contributions_model_get_item (GListModel *model,
                                 guint       position)
{
  MbContributionsModel *self = MB_CONTRIBUTIONS_MODEL (model);

  if (position >= self->n_shown)
    return NULL;
  return make_row (self->result, g_array_index (self->lines, Line, position));
}

static void
mb_contributions_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mb_contributions_model_get_item_type;
  iface->get_n_items = mb_contributions_model_get_n_items;
  iface->get_item = mb_contributions_model_get_item;
}

static void
mb_contributions_model_finalize (GObject *object)
{
  MbContributionsModel *self = MB_CONTRIBUTIONS_MODEL (object);

  g_clear_pointer (&self->result, mb_contributions_free);
  g_array_unref (self->lines);
  G_OBJECT_CLASS (mb_contributions_model_parent_class)->finalize (object);
}

static void
mb_contributions_model_class_init (MbContributionsModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_contributions_model_finalize;
}

static void
mb_contributions_model_init (MbContributionsModel *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
}

/* Takes @result. Empty when the result is. */
static MbContributionsModel *
mb_contributions_model_new (MbContributions *result)
{
  MbContributionsModel *self = g_object_new (MB_TYPE_CONTRIBUTIONS_MODEL, NULL);
  const MbContributions *c = result;
  const char *group_strategy = NULL;

  self->result = result;
  if (c->nodes->len == 0 && c->projects->len == 0 && c->calls->len == 0
      && c->indicators->len == 0)
    return self;

  g_array_set_size (self->lines, 0);
  /* The money first: it is what a reviewer asks about. */
  add_line (self->lines, LINE_MONEY_HEADING, 0);
  add_line (self->lines, LINE_BUDGET_TOTAL, 0);
  add_line (self->lines, LINE_FUNDING_TOTAL, 0);
  for (guint i = 0; i < c->funding->len; i++)
    add_line (self->lines, LINE_FUNDING, i);

  /* The goals, one group per strategy (the core returns them grouped). */
  for (guint i = 0; i < c->nodes->len; i++)
    {
      const char *strategy = mb_record_get_string (g_ptr_array_index (c->nodes, i),
                                                   "strategy_title");

      if (i == 0 || g_strcmp0 (strategy, group_strategy) != 0)
        add_line (self->lines, LINE_STRATEGY_HEADING, i);
      group_strategy = strategy;
      add_line (self->lines, LINE_NODE, i);
    }

  if (c->projects->len > 0)
    add_line (self->lines, LINE_PROJECTS_HEADING, 0);
  for (guint i = 0; i < c->projects->len; i++)
    add_line (self->lines, LINE_PROJECT, i);
  if (c->calls->len > 0)
    add_line (self->lines, LINE_CALLS_HEADING, 0);
  for (guint i = 0; i < c->calls->len; i++)
    add_line (self->lines, LINE_CALL, i);
  if (c->indicators->len > 0)
    add_line (self->lines, LINE_INDICATORS_HEADING, 0);
  for (guint i = 0; i < c->indicators->len; i++)
    add_line (self->lines, LINE_INDICATOR, i);

  return self;
}

/* Shows @n more lines, or all with G_MAXUINT; TRUE while some are still hidden. */
static gboolean
mb_contributions_model_show_more (MbContributionsModel *self,
                                  guint                 n)
{
  guint before = self->n_shown;

  self->n_shown = self->lines->len - before <= n ? self->lines->len : before + n;
  if (self->n_shown > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_shown - before);
  return self->n_shown < self->lines->len;
}

/* ---- The page ------------------------------------------------------------- */

/* Lines shown at first: as many as the window holds of the lowest line (a
 * label of one line with its padding), or a tall screen's when the page
 * has no window yet; then GROW_LINES more in each frame after it. Past
 * GROW_ALL the list view makes no more rows, and the rest come at once. */
#define LOWEST_LINE 32
#define FIRST_LINES 60
#define GROW_LINES  50
#define GROW_ALL    250

struct _MbContributionsPage
{
  GtkWidget                 parent_instance;

  /* Widgets */
  GtkWidget                *box;
  GtkWidget                *title_label;
  GtkWidget                *subtitle_label;
  GtkWidget                *down_button;
  GtkWidget                *up_button;
  GtkWidget                *stack;        /* "list" or "empty" */
  GtkWidget                *scrolled;
  GtkWidget                *list_view;
  GtkWidget                *empty_page;

  /* Owned references */
  MbStore                  *store;
  char                     *node_id;
  MbContributionsDirection  direction;
  MbContributionsModel     *model;        /* and the result it owns; NULL when not shown */
  guint                     syncing;
  guint                     release_idle;
  /* The row to give the focus once the list has laid it out. */
  guint                     focus_position;
  guint                     focus_tick;
  guint                     grow_tick;
  guint                     grow_frames;
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

/* The row widgets: a few screens' worth, recycled as the list scrolls. */

/* A click goes to the row's item, as a row of a list box would (on release). */
static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1 && gtk_list_item_get_activatable (item)
      && gtk_list_item_get_position (item) != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (row, "list.activate-item", "u",
                                gtk_list_item_get_position (item));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = g_object_new (GTK_TYPE_BOX,
                                 "orientation", GTK_ORIENTATION_HORIZONTAL,
                                 "spacing", 12,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                 NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *suffix = gtk_label_new (NULL);
  GtkWidget *next = gtk_image_new_from_icon_name ("go-next-symbolic");
  GtkGesture *click;

  gtk_widget_add_css_class (row, "mb-contributions-row");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_widget_add_css_class (suffix, "numeric");
  gtk_box_append (GTK_BOX (row), suffix);
  gtk_box_append (GTK_BOX (row), next);

  g_object_set_data (G_OBJECT (row), "mb-title", title);
  g_object_set_data (G_OBJECT (row), "mb-subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "mb-suffix", suffix);
  g_object_set_data (G_OBJECT (row), "mb-next", next);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (row_released_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, row);
  mb_list_focus_mark (row, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  MbContributionsRow *data = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *title = g_object_get_data (G_OBJECT (row), "mb-title");
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (row), "mb-subtitle");
  GtkWidget *suffix = g_object_get_data (G_OBJECT (row), "mb-suffix");
  GtkWidget *next = g_object_get_data (G_OBJECT (row), "mb-next");
  gboolean activatable = data->kind != NULL && data->id != NULL;
  g_autoptr(GString) name = g_string_new (data->title);

  gtk_label_set_label (GTK_LABEL (title), data->title);
  gtk_label_set_label (GTK_LABEL (subtitle), data->subtitle ? data->subtitle : "");
  gtk_widget_set_visible (subtitle, data->subtitle != NULL);
  gtk_label_set_label (GTK_LABEL (suffix), data->suffix ? data->suffix : "");
  gtk_widget_set_visible (suffix, data->suffix != NULL);
  gtk_widget_set_visible (next, activatable);
  gtk_widget_set_name (row, data->name ? data->name : "mb-contributions-row");
  if (data->heading)
    {
      gtk_widget_add_css_class (row, "heading-row");
      gtk_widget_add_css_class (title, "heading");
    }
  else
    {
      gtk_widget_remove_css_class (row, "heading-row");
      gtk_widget_remove_css_class (title, "heading");
    }
  gtk_list_item_set_activatable (item, activatable);
  /* Nothing is selected (the model has no selection), but GTK 4.8 gives
   * the focus only to a selectable row, and the keyboard needs it; a
   * heading is not a stop. */
  gtk_list_item_set_selectable (item, !data->heading);

  /* What a screen reader says: the whole row; a heading is read from its
   * labels (a strategy's heading is not its vision's row). */
  if (data->heading)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  if (data->subtitle != NULL)
    g_string_append_printf (name, ", %s", data->subtitle);
  if (data->suffix != NULL)
    g_string_append_printf (name, ", %s", data->suffix);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
}

static void
list_activate_cb (GtkListView         *list,
                  guint                position,
                  MbContributionsPage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(MbContributionsRow) row = model ? g_list_model_get_item (model, position) : NULL;

  if (row != NULL && row->kind != NULL && row->id != NULL)
    {
      /* The window may leave the page, which frees the rows: copy. */
      g_autofree char *kind = g_strdup (row->kind);
      g_autofree char *id = g_strdup (row->id);

      g_signal_emit (self, signals[GO_TO], 0, kind, id);
    }
}

/* Drops the result and the model; the list view lets its rows go. */
static void
stop_growing (MbContributionsPage *self)
{
  if (self->grow_tick != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (self->list_view, self->grow_tick);
  self->grow_tick = 0;
}

static void
mb_contributions_page_release (MbContributionsPage *self)
{
  stop_growing (self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), NULL);
  g_clear_object (&self->model);
}

/* Every line, now: for a search over the model. */
static void
show_all_lines (MbContributionsPage *self)
{
  stop_growing (self);
  if (self->model != NULL)
    mb_contributions_model_show_more (self->model, G_MAXUINT);
}

static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  MbContributionsPage *self = user_data;

  /* The first tick is of the frame that lays out the first lines. */
  if (self->grow_frames++ == 0)
    return G_SOURCE_CONTINUE;
  if (mb_contributions_model_show_more (self->model,
                                        self->model->n_shown >= GROW_ALL ? G_MAXUINT
                                                                         : GROW_LINES))
    return G_SOURCE_CONTINUE;
  self->grow_tick = 0;
  return G_SOURCE_REMOVE;
}

static guint
first_lines (MbContributionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  return height > 0 ? (guint) height / LOWEST_LINE + 1 : FIRST_LINES;
}

static void
mb_contributions_page_reload (MbContributionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbRecord) node = NULL;
  g_autofree char *title = NULL;
  MbContributions *result;
  g_autoptr(GtkSelectionModel) selection = NULL;

  mb_contributions_page_release (self);

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

  result = mb_store_query_contributions (self->store, self->node_id, self->direction, &error);
  if (result == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  self->model = mb_contributions_model_new (result);
  if (self->model->lines->len == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page),
                                 self->direction == MB_CONTRIBUTIONS_DOWN
                                 ? _("Nothing Contributes Yet")
                                 : _("Serves Nothing Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                       self->direction == MB_CONTRIBUTIONS_DOWN
                                       ? _("No goal below it or linked to it, and no project, "
                                           "funding call or indicator.")
                                       : _("No goal above it or linked from it."));
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->empty_page);
      return;
    }

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  self->grow_frames = 0;
  if (mb_contributions_model_show_more (self->model, first_lines (self)))
    self->grow_tick = gtk_widget_add_tick_callback (self->list_view, grow_tick_cb, self, NULL);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), selection);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->scrolled);
}

static void
store_changed_cb (MbStore             *store,
                  const char * const  *tables,
                  MbContributionsPage *self)
{
  if (self->node_id != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    mb_contributions_page_reload (self);
  else
    /* Re-read when shown next. */
    mb_contributions_page_release (self);
}

static void
map_cb (MbContributionsPage *self)
{
  if (self->model == NULL && self->node_id != NULL)
    mb_contributions_page_reload (self);
}

static gboolean
release_idle_cb (gpointer data)
{
  MbContributionsPage *self = data;

  self->release_idle = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    mb_contributions_page_release (self);
  return G_SOURCE_REMOVE;
}

/* Leaving the page gives its memory back; coming back asks again. Not
 * while the row that left it is still handling its click. */
static void
unmap_cb (MbContributionsPage *self)
{
  if (self->release_idle == 0)
    self->release_idle = g_idle_add (release_idle_cb, self);
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

  if (self->model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There are no contributions to export"));
      return FALSE;
    }

  text = json ? mb_contributions_to_json (self->model->result)
              : mb_contributions_to_csv (self->model->result);
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
  g_clear_handle_id (&self->release_idle, g_source_remove);
  stop_growing (self);
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (self->list_view, self->focus_tick);
  self->focus_tick = 0;
  mb_contributions_page_release (self);
  self->list_view = NULL;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);

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
  GtkWidget *clamp = adw_clamp_scrollable_new ();
  GtkListItemFactory *factory;

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

  /* Long lists (the vision of a region has thousands of goals below it):
   * a list view, which makes rows only for what is on screen. */
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  self->list_view = gtk_list_view_new (NULL, factory);
  gtk_widget_add_css_class (self->list_view, "mb-contributions-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Contributions"), -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (list_activate_cb), self, 0);
  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), 800);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), self->list_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  self->scrolled = scrolled;

  self->empty_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty_page), "view-list-symbolic");

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), self->empty_page, "empty");
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), NULL);
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

static gboolean
focus_row (MbContributionsPage *self)
{
  return mb_list_focus_position (self->list_view, self->focus_position);
}

static gboolean
focus_row_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  MbContributionsPage *self = user_data;

  /* Once laid out, whether or not it took: the user may have moved on. */
  if (gtk_widget_get_allocated_height (widget) == 0)
    return G_SOURCE_CONTINUE;
  self->focus_tick = 0;
  if (self->model != NULL && self->focus_position < g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    focus_row (self);
  return G_SOURCE_REMOVE;
}

gboolean
mb_contributions_page_focus_item (MbContributionsPage *self,
                                  const char          *kind,
                                  const char          *id)
{
  guint found = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (MB_IS_CONTRIBUTIONS_PAGE (self), FALSE);

  if (self->model == NULL || !gtk_widget_get_visible (self->scrolled)
      || gtk_stack_get_visible_child (GTK_STACK (self->stack)) != self->scrolled)
    return gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);

  show_all_lines (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)) && kind && id; i++)
    {
      g_autoptr(MbContributionsRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (g_strcmp0 (row->kind, kind) == 0 && g_strcmp0 (row->id, id) == 0)
        {
          found = i;
          break;
        }
    }

  if (found == GTK_INVALID_LIST_POSITION)
    return gtk_widget_child_focus (self->list_view, GTK_DIR_TAB_FORWARD);

  self->focus_position = found;
  if (focus_row (self))
    return TRUE;
  /* A page just shown has no rows yet: the next frame has. */
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (self->list_view, focus_row_tick_cb, self,
                                                     NULL);
  return TRUE;
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

  return self->model != NULL ? self->model->result : NULL;
}
