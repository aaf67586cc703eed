/* mb-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-window.h"

struct _MbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MbWindow, mb_window, ADW_TYPE_APPLICATION_WINDOW)

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

static gboolean
mb_window_close_request (GtkWindow *window)
{
  mb_window_save_state (MB_WINDOW (window));

  return GTK_WINDOW_CLASS (mb_window_parent_class)->close_request (window);
}

static void
mb_window_dispose (GObject *object)
{
  MbWindow *self = (MbWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MB_TYPE_WINDOW);
  g_clear_object (&self->settings);

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
}

static void
mb_window_init (MbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  mb_window_restore_state (self);

  gtk_window_set_title (GTK_WINDOW (self), _("Målbild"));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

MbWindow *
mb_window_new (MbApplication *application)
{
  g_return_val_if_fail (MB_IS_APPLICATION (application), NULL);

  return g_object_new (MB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
