/* mb-scheme.c – built-in level schemes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mb-scheme.h"

/* Region Jämtland Härjedalen's goal structure (RUS parts 1–3). */
static const MbSchemeLevel rus_levels[] = {
  { "Vision", "Vision" },
  { "Long-term goal", "Långsiktigt mål" },
  { "Priority", "Prioritering" },
  { "Strength area", "Styrkeområde" },
  { "Action area", "Insatsområde" },
  { "Intervention", "Insats" },
};

/* Tillväxtverket's working chain, from need to long-term effect. */
static const MbSchemeLevel effect_chain_levels[] = {
  { "Need", "Behov" },
  { "Activity", "Aktivitet" },
  { "Output", "Prestation" },
  { "Result", "Resultat" },
  { "Short-term outcome", "Kortsiktig effekt" },
  { "Long-term outcome", "Långsiktig effekt" },
};

/* The EU logical framework. */
static const MbSchemeLevel logframe_levels[] = {
  { "Overall objective", "Övergripande mål" },
  { "Specific objective", "Projektmål" },
  { "Result", "Resultat" },
  { "Activity", "Aktivitet" },
};

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
