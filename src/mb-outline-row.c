/* mb-outline-row.c – a node's row in the outline, drawn as one widget
 *
 * GTK 4.8's list view keeps some 200 row widgets around the rows in view.
 * A selection whose row is far off scrolls the outline there, and the list
 * view then rebinds nearly all of them and measures them again in the next
 * frame. A GtkTreeExpander around a box of labels made that cost some 40 ms:
 * the expander makes and drops a widget per level, and an expander icon
 * with its gesture, as a reused row changes depth (a third of them do); and
 * each label shapes its text to be measured, 200 titles for the 20 or so in
 * view. This row is one widget whose size needs neither its text nor its
 * depth (one line of its font, as wide as the list), so a new row only
 * redraws it, and its text is laid out when it is drawn: only rows in view
 * shape theirs.
 *
 * It looks and works as the expander and labels did. The indentation and
 * expander are GtkTreeExpander's (16 px icons 4 px apart, Adwaita's
 * border-spacing): a click on the expander, +, -, Shift+Right and Left,
 * and Ctrl+Space expand and collapse, and a drag that rests on a collapsed
 * row opens it. The text is the labels' box's (6 px apart): the code with
 * tabular figures, dimmed as Adwaita's .dim-label; the title ellipsized;
 * "⚠ Overdue" at the end in the theme's warning colour, as
 * .caption-heading. To a screen reader it is what the expander was: a
 * focusable group with a level, expanded or not, labelled "Level: Title".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mb-outline-row.h"

/* As GtkTreeExpander: an icon per level, the expander's or an indent's */
#define ICON_SIZE 16
#define LEVEL_SPACING 4
#define LEVEL_WIDTH (ICON_SIZE + LEVEL_SPACING)
#define EXPAND_TIMEOUT_MS 500
/* As the labels' box */
#define TEXT_SPACING 6
/* Adwaita's .dim-label (libadwaita 1.2's base.css, base-hc.css) */
#define DIM_OPACITY 0.55
#define DIM_OPACITY_HIGH_CONTRAST 0.9
/* Adwaita's .caption-heading */
#define CAPTION_HEADING_POINTS 9

struct _MbOutlineRow
{
  GtkWidget       parent_instance;

  GtkTreeListRow *list_row;
  gulong          expanded_id;
  MbOutlineItem  *item;
  char           *description;
  guint           expand_timeout;

  /* Laid out when first drawn: the code and title for the item, the mark
   * for as long as the row lives (layouts follow their context's fonts). */
  PangoLayout    *code;
  PangoLayout    *title;
  PangoLayout    *overdue;

  /* The row's height, for the pango context's serial it was measured at. */
  int             line_height;
  guint           line_serial;
};

G_DEFINE_FINAL_TYPE (MbOutlineRow, mb_outline_row, GTK_TYPE_WIDGET)

static PangoLayout *
ensure_overdue_layout (MbOutlineRow *self)
{
  if (self->overdue == NULL)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_size_new (CAPTION_HEADING_POINTS * PANGO_SCALE));
      self->overdue = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("⚠ Overdue"));
      pango_layout_set_attributes (self->overdue, attrs);
    }
  return self->overdue;
}

static PangoLayout *
ensure_code_layout (MbOutlineRow *self)
{
  if (self->code == NULL)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      /* .numeric */
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      self->code = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                   mb_outline_item_get_code (self->item));
      pango_layout_set_attributes (self->code, attrs);
    }
  return self->code;
}

static PangoLayout *
ensure_title_layout (MbOutlineRow *self)
{
  if (self->title == NULL)
    {
      self->title = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                    mb_outline_item_get_title (self->item));
      pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
    }
  return self->title;
}

/* One line of the row's font (or an icon, if taller): what a label of the
 * row's text measures, but from the font's metrics, once per font: an
 * empty layout shapes nothing. The overdue mark is smaller, and its row is
 * taller anyway (.navigation-sidebar > row has a min-height). */
static int
get_line_height (MbOutlineRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  guint serial = pango_context_get_serial (context);

  if (self->line_height == 0 || serial != self->line_serial)
    {
      g_autoptr(PangoLayout) empty = pango_layout_new (context);
      int height;

      pango_layout_get_pixel_size (empty, NULL, &height);
      self->line_height = MAX (height, ICON_SIZE);
      self->line_serial = serial;
    }
  return self->line_height;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
is_rtl (MbOutlineRow *self)
{
  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
}

/* Where the expander is, from the row's start (its right in a right-to-left
 * row); the text starts a level further on. */
static int
get_expander_start (MbOutlineRow *self)
{
  return (int) gtk_tree_list_row_get_depth (self->list_row) * LEVEL_WIDTH;
}

static gboolean
is_expandable (MbOutlineRow *self)
{
  return self->list_row != NULL && gtk_tree_list_row_is_expandable (self->list_row);
}

static void
set_expanded (MbOutlineRow *self,
              gboolean      expanded)
{
  if (self->list_row != NULL)
    gtk_tree_list_row_set_expanded (self->list_row, expanded);
}

static void
update_expanded_state (MbOutlineRow *self)
{
  if (is_expandable (self))
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED,
                                 gtk_tree_list_row_get_expanded (self->list_row), -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED);
}

static char *
describe (MbOutlineItem *item)
{
  /* Translators: a node's tooltip in the outline: its level, then its title */
  g_autofree char *plain = g_strdup_printf (_("%s: %s"), mb_outline_item_get_level_name (item),
                                            mb_outline_item_get_title (item));

  /* Overdue in words, to a screen reader too. */
  if (mb_outline_item_get_overdue (item))
    return g_strconcat (plain, _(", overdue"), NULL);
  return g_steal_pointer (&plain);
}

/* The row's colour from its style, or the theme's colour @name (falling
 * back to the row's). GtkStyleContext is deprecated after GTK 4.8, but it
 * is 4.8's way, and named colours have no other. */
static void
get_style_color (MbOutlineRow *self,
                 const char   *name,
                 GdkRGBA      *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (name == NULL || !gtk_style_context_lookup_color (style, name, color))
    gtk_style_context_get_color (style, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Draws @layout in the box from @x, @width wide (mirrored in a right-to-left
 * row), where a label with xalign 0 and yalign 0.5 puts its text. */
static void
append_layout (MbOutlineRow  *self,
               GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               int            x,
               int            width,
               const GdkRGBA *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoRectangle logical;
  int left;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (is_rtl (self))
    left = gtk_widget_get_width (widget) - x - width + (width - logical.width) - logical.x;
  else
    left = x - logical.x;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (left, floor ((gtk_widget_get_height (widget)
                                                              - logical.height) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The expander's icon, as GtkTreeExpander's CSS gives it. */
static void
append_expander (MbOutlineRow  *self,
                 GtkSnapshot   *snapshot,
                 int            x,
                 const GdkRGBA *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  const char *name = gtk_tree_list_row_get_expanded (self->list_row) ? "pan-down-symbolic"
                     : is_rtl (self) ? "pan-end-symbolic-rtl"
                     : "pan-end-symbolic";
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, name, NULL, ICON_SIZE,
                                                                 scale, GTK_TEXT_DIR_NONE, 0);

  if (is_rtl (self))
    x = gtk_widget_get_width (widget) - x - ICON_SIZE;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x, (gtk_widget_get_height (widget) - ICON_SIZE)
                                                   / 2.0));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, color, 1);
  gtk_snapshot_restore (snapshot);
}

static void list_row_expanded_cb (GtkTreeListRow *list_row,
                                  GParamSpec     *pspec,
                                  MbOutlineRow   *self);

/* Forgets the list row and all that was made for it. */
static void
clear_list_row (MbOutlineRow *self)
{
  if (self->list_row != NULL)
    g_clear_signal_handler (&self->expanded_id, self->list_row);
  g_clear_object (&self->list_row);
  g_clear_object (&self->item);
  g_clear_object (&self->code);
  g_clear_object (&self->title);
  g_clear_pointer (&self->description, g_free);
  g_clear_handle_id (&self->expand_timeout, g_source_remove);
}

static gboolean
expand_timeout_cb (gpointer data)
{
  MbOutlineRow *self = data;

  self->expand_timeout = 0;
  set_expanded (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A drag that rests on a collapsed row opens it, as on GtkTreeExpander. */
static void
drag_enter_cb (GtkDropControllerMotion *motion,
               double                   x,
               double                   y,
               MbOutlineRow            *self)
{
  if (is_expandable (self) && !gtk_tree_list_row_get_expanded (self->list_row)
      && self->expand_timeout == 0)
    self->expand_timeout = g_timeout_add (EXPAND_TIMEOUT_MS, expand_timeout_cb, self);
}

static void
drag_leave_cb (GtkDropControllerMotion *motion,
               MbOutlineRow            *self)
{
  g_clear_handle_id (&self->expand_timeout, g_source_remove);
}

/* A press on the expander opens or closes the row, and is the expander's
 * alone: it does not select the row. Elsewhere it is the list's. */
static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  MbOutlineRow    *self)
{
  int start;

  if (!is_expandable (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  if (is_rtl (self))
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x;
  start = get_expander_start (self);
  if (x < start || x >= start + ICON_SIZE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_expanded (self, !gtk_tree_list_row_get_expanded (self->list_row));
}

static void
list_row_expanded_cb (GtkTreeListRow *list_row,
                      GParamSpec     *pspec,
                      MbOutlineRow   *self)
{
  update_expanded_state (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
expand_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MbOutlineRow *self = MB_OUTLINE_ROW (widget);

  if (g_str_equal (action_name, "listitem.expand"))
    set_expanded (self, TRUE);
  else if (g_str_equal (action_name, "listitem.collapse"))
    set_expanded (self, FALSE);
  else if (self->list_row != NULL)
    set_expanded (self, !gtk_tree_list_row_get_expanded (self->list_row));
}

/* Shift+Right opens a row, Shift+Left closes it (the other way round in a
 * right-to-left row). */
static gboolean
expand_towards_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  MbOutlineRow *self = MB_OUTLINE_ROW (widget);
  gboolean right = g_variant_get_boolean (args);

  if (self->list_row == NULL)
    return FALSE;
  set_expanded (self, right != is_rtl (self));
  return TRUE;
}

static void
mb_outline_row_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MbOutlineRow *self = MB_OUTLINE_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int start, end = width;
  PangoLayout *title;
  GdkRGBA color;

  if (self->item == NULL)
    return;

  get_style_color (self, NULL, &color);
  gtk_snapshot_push_clip (snapshot,
                          &GRAPHENE_RECT_INIT (0, 0, width, gtk_widget_get_height (widget)));

  start = get_expander_start (self);
  if (is_expandable (self))
    append_expander (self, snapshot, start, &color);
  start += LEVEL_WIDTH;

  if (has_text (mb_outline_item_get_code (self->item)))
    {
      PangoLayout *code = ensure_code_layout (self);
      AdwStyleManager *styles = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
      GdkRGBA dim = color;
      int code_width;

      dim.alpha *= adw_style_manager_get_high_contrast (styles) ? DIM_OPACITY_HIGH_CONTRAST
                                                                : DIM_OPACITY;
      pango_layout_get_pixel_size (code, &code_width, NULL);
      append_layout (self, snapshot, code, start, code_width, &dim);
      start += code_width + TEXT_SPACING;
    }

  if (mb_outline_item_get_overdue (self->item))
    {
      PangoLayout *overdue = ensure_overdue_layout (self);
      GdkRGBA warning;
      int overdue_width;

      /* .warning */
      get_style_color (self, "warning_color", &warning);
      pango_layout_get_pixel_size (overdue, &overdue_width, NULL);
      end -= overdue_width;
      append_layout (self, snapshot, overdue, end, overdue_width, &warning);
      end -= TEXT_SPACING;
    }

  title = ensure_title_layout (self);
  if (end > start)
    {
      pango_layout_set_width (title, (end - start) * PANGO_SCALE);
      /* As a label with xalign 0. */
      pango_layout_set_alignment (title, is_rtl (self) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      append_layout (self, snapshot, title, start, end - start, &color);
    }

  gtk_snapshot_pop (snapshot);
}

/* Its size needs neither its text nor its depth (that is the point, see
 * above): as wide as the list makes it (the list's horizontal scroll policy
 * is the minimum, and the outline's scrolled window does not ask for its
 * natural width), one line high. */
static void
mb_outline_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MbOutlineRow *self = MB_OUTLINE_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = get_line_height (self);
}

static gboolean
mb_outline_row_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  MbOutlineRow *self = MB_OUTLINE_ROW (widget);

  if (self->description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->description);
  return TRUE;
}

static void
mb_outline_row_dispose (GObject *object)
{
  MbOutlineRow *self = MB_OUTLINE_ROW (object);

  clear_list_row (self);
  g_clear_object (&self->overdue);

  G_OBJECT_CLASS (mb_outline_row_parent_class)->dispose (object);
}

static void
mb_outline_row_class_init (MbOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_plus, "listitem.expand" },
    { GDK_KEY_KP_Add, "listitem.expand" },
    { GDK_KEY_asterisk, "listitem.expand" },
    { GDK_KEY_KP_Multiply, "listitem.expand" },
    { GDK_KEY_minus, "listitem.collapse" },
    { GDK_KEY_KP_Subtract, "listitem.collapse" },
    { GDK_KEY_slash, "listitem.collapse" },
    { GDK_KEY_KP_Divide, "listitem.collapse" },
  };
  const struct { guint key; gboolean right; } arrows[] = {
    { GDK_KEY_Right, TRUE }, { GDK_KEY_KP_Right, TRUE },
    { GDK_KEY_Left, FALSE }, { GDK_KEY_KP_Left, FALSE },
  };

  object_class->dispose = mb_outline_row_dispose;
  widget_class->measure = mb_outline_row_measure;
  widget_class->snapshot = mb_outline_row_snapshot;
  widget_class->query_tooltip = mb_outline_row_query_tooltip;

  /* GtkTreeExpander's actions and keys */
  gtk_widget_class_install_action (widget_class, "listitem.expand", NULL, expand_activated);
  gtk_widget_class_install_action (widget_class, "listitem.collapse", NULL, expand_activated);
  gtk_widget_class_install_action (widget_class, "listitem.toggle-expand", NULL,
                                   expand_activated);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, keys[i].action, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding (widget_class, arrows[i].key, GDK_SHIFT_MASK,
                                    expand_towards_cb, "b", arrows[i].right);
      gtk_widget_class_add_binding (widget_class, arrows[i].key,
                                    GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                    expand_towards_cb, "b", arrows[i].right);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK,
                                       "listitem.toggle-expand", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, GDK_CONTROL_MASK,
                                       "listitem.toggle-expand", NULL);

  gtk_widget_class_set_css_name (widget_class, "outlinerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mb_outline_row_init (MbOutlineRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  /* As GtkTreeExpander: the list row's focus is here, with the keys. */
  gtk_widget_set_focusable (widget, TRUE);
  /* Asked for when shown (query_tooltip): setting a tooltip's text asks
   * the display where the pointer is, a round trip per bind. */
  gtk_widget_set_has_tooltip (widget, TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "enter", G_CALLBACK (drag_enter_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (drag_leave_cb), self);
  gtk_widget_add_controller (widget, motion);
}

GtkWidget *
mb_outline_row_new (void)
{
  return g_object_new (MB_TYPE_OUTLINE_ROW, NULL);
}

void
mb_outline_row_set_list_row (MbOutlineRow   *self,
                             GtkTreeListRow *list_row)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (self);

  g_return_if_fail (MB_IS_OUTLINE_ROW (self));
  g_return_if_fail (list_row == NULL || GTK_IS_TREE_LIST_ROW (list_row));

  if (self->list_row == list_row)
    return;

  clear_list_row (self);
  if (list_row != NULL)
    {
      self->list_row = g_object_ref (list_row);
      self->item = gtk_tree_list_row_get_item (list_row);
      /* Whether a row is expandable never changes, and most are not. */
      if (gtk_tree_list_row_is_expandable (list_row))
        self->expanded_id = g_signal_connect (list_row, "notify::expanded",
                                              G_CALLBACK (list_row_expanded_cb), self);
    }
  if (self->item != NULL)
    {
      self->description = describe (self->item);
      gtk_accessible_update_property (accessible,
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                      gtk_tree_list_row_get_depth (list_row) + 1,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_LEVEL);
    }
  update_expanded_state (self);

  /* Not a resize: the row's size does not depend on what it shows. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
mb_outline_row_get_description (MbOutlineRow *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ROW (self), NULL);
  return self->description;
}
