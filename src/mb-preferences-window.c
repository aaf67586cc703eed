/* mb-preferences-window.c – the application's preferences
 *
 * Rows are bound to GSettings, so a change applies at once and there is
 * nothing to save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-preferences-window.h"

struct _MbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *color_scheme_row;
  AdwComboRow          *layout_direction_row;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MbPreferencesWindow, mb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The settings' string values, in the order of the rows' items. */
static const char * const color_schemes[] = { "default", "light", "dark", NULL };
static const char * const layout_directions[] = { "top-down", "left-right", NULL };

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_str_equal (choices[i], s))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[index]);
}

static void
mb_preferences_window_dispose (GObject *object)
{
  MbPreferencesWindow *self = (MbPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mb_preferences_window_parent_class)->dispose (object);
}

static void
mb_preferences_window_class_init (MbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/malbild/Malbild/mb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, MbPreferencesWindow, layout_direction_row);
}

static void
mb_preferences_window_init (MbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string,
                                (gpointer) color_schemes, NULL);
  g_settings_bind_with_mapping (self->settings, "default-layout-direction",
                                self->layout_direction_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string,
                                (gpointer) layout_directions, NULL);
}

MbPreferencesWindow *
mb_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (MB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
