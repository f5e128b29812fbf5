/* tsu-consent-marker.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-consent-marker"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-consent-marker.h"

/* The mark beside a participant whom the family's consent to share information does
 * not cover (tsu_consent_check_participant()): a warning icon whose tooltip names
 * the agency. Shown in the participant list and in the minutes' attendance. */

/**
 * tsu_consent_marker_new:
 *
 * Returns: (transfer floating) (nullable): the mark, or %NULL when consent covers
 *   @participant or nothing needs covering
 */
GtkWidget *
tsu_consent_marker_new (TsuStore       *store,
                        TsuParticipant *participant)
{
  g_autofree char *agency = NULL;
  g_autofree char *tooltip = NULL;
  TsuConsentCover cover;
  GtkWidget *icon;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (TSU_IS_PARTICIPANT (participant), NULL);

  if (!tsu_consent_check_participant (store, participant, &cover, &agency, NULL) ||
      !tsu_consent_cover_is_missing (cover))
    return NULL;

  if (cover == TSU_CONSENT_COVER_WITHDRAWN)
    /* Translators: the tooltip of a participant's warning mark; %s is an agency */
    tooltip = g_strdup_printf (_("The family withdrew consent to share information with %s"), agency);
  else
    /* Translators: the tooltip of a participant's warning mark; %s is an agency */
    tooltip = g_strdup_printf (_("No consent to share information with %s"), agency);

  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_name (icon, "consent-marker");
  return icon;
}

/**
 * tsu_consent_warning_body:
 *
 * Returns: (transfer full): the explanation under the warning before a participant
 *   without consent cover is added
 */
char *
tsu_consent_warning_body (TsuConsentCover cover)
{
  if (cover == TSU_CONSENT_COVER_WITHDRAWN)
    return g_strdup (_("The family withdrew its consent to share information about the child "
                       "with this agency. Information discussed at the meeting must not be "
                       "shared with this participant."));
  return g_strdup (_("No consent of the family to share information about the child with this "
                     "agency is recorded. Record the consent on the case page first, or add "
                     "the participant anyway."));
}
