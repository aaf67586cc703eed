/* mb-preferences-window.h – the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MB_TYPE_PREFERENCES_WINDOW (mb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MbPreferencesWindow, mb_preferences_window, MB, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

MbPreferencesWindow *mb_preferences_window_new (GtkWindow *parent);

G_END_DECLS
