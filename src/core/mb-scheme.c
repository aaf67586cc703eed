/* mb-scheme.c – built-in level schemes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mb-scheme.h"

/* Region Jämtland Härjedalen's goal structure (RUS parts 1–3). */
static const MbSchemeLevel rus_levels[] = {
  { NC_("level", "Vision"), "Vision" },
  { NC_("level", "Long-term goal"), "Långsiktigt mål" },
  { NC_("level", "Priority"), "Prioritering" },
  { NC_("level", "Strength area"), "Styrkeområde" },
  { NC_("level", "Action area"), "Insatsområde" },
  { NC_("level", "Intervention"), "Insats" },
};

/* Tillväxtverket's working chain, from need to long-term effect. */
static const MbSchemeLevel effect_chain_levels[] = {
  { NC_("level", "Need"), "Behov" },
  { NC_("level", "Activity"), "Aktivitet" },
  { NC_("level", "Output"), "Prestation" },
  { NC_("level", "Result"), "Resultat" },
  { NC_("level", "Short-term outcome"), "Kortsiktig effekt" },
  { NC_("level", "Long-term outcome"), "Långsiktig effekt" },
};

/* The EU logical framework. */
static const MbSchemeLevel logframe_levels[] = {
  { NC_("level", "Overall objective"), "Övergripande mål" },
  { NC_("level", "Specific objective"), "Projektmål" },
  { NC_("level", "Result"), "Resultat" },
  { NC_("level", "Activity"), "Aktivitet" },
};

/* Level names are marked with the context "level"; a level that still has
 * a built-in scheme's names shows them in the UI's language
 * (mb_scheme_level_display_name()). */

/* Names are marked for translation with the context "scheme"; the UI shows
 * them through g_dpgettext2 (GETTEXT_PACKAGE, "scheme", name). */
static const MbScheme schemes[] = {
  { "rus", NC_("scheme", "Regional development strategy"), "Regional utvecklingsstrategi",
    rus_levels, G_N_ELEMENTS (rus_levels) },
  { "effect-chain", NC_("scheme", "Effect chain"), "Effektkedja",
    effect_chain_levels, G_N_ELEMENTS (effect_chain_levels) },
  { "logframe", NC_("scheme", "EU logical framework"), "EU:s logiska ram",
    logframe_levels, G_N_ELEMENTS (logframe_levels) },
};

const MbScheme *
mb_scheme_get_all (guint *n_schemes)
{
  g_return_val_if_fail (n_schemes != NULL, NULL);

  *n_schemes = G_N_ELEMENTS (schemes);
  return schemes;
}

const MbScheme *
mb_scheme_lookup (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      if (g_str_equal (schemes[i].key, key))
        return &schemes[i];
    }

  return NULL;
}

gboolean
mb_scheme_level_is_builtin (const char *name,
                            const char *name_sv)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    for (guint j = 0; j < schemes[i].n_levels; j++)
      if (g_str_equal (schemes[i].levels[j].name, name) &&
          g_strcmp0 (schemes[i].levels[j].name_sv, name_sv) == 0)
        return TRUE;
  return FALSE;
}

/* Whether the UI speaks Swedish: its catalogue gives the built-in levels
 * their Swedish names. */
static gboolean
ui_is_swedish (void)
{
  return g_str_equal (g_dpgettext2 (GETTEXT_PACKAGE, "level", rus_levels[1].name),
                      rus_levels[1].name_sv);
}

const char *
mb_scheme_level_display_name (const char *name,
                              const char *name_sv)
{
  if (mb_scheme_level_is_builtin (name, name_sv))
    return g_dpgettext2 (GETTEXT_PACKAGE, "level", name);
  /* A level with names in both languages (from an exchange file) speaks the
   * UI's; one a region typed (@name_sv NULL) stays as typed. */
  if (name_sv != NULL && *name_sv != '\0' && ui_is_swedish ())
    return name_sv;
  return name;
}
