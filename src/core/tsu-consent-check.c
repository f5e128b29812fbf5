/* tsu-consent-check.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-consent-check"

#include "config.h"

#include "tsu-consent-check.h"
#include "model/tsu-consent.h"
#include "model/tsu-meeting.h"
#include "model/tsu-person.h"

/* Whether the family's consent to share information (情報共有の同意) covers a
 * participant of a meeting about their child. The participant's agency is the
 * agency of the person from the directory, or else the free-text agency name when
 * it names an agency of the directory (spacing, width and case aside). An agency
 * the directory does not know cannot be checked and is not reported; neither is
 * the family itself (role "family"), nor anyone at a meeting without a case.
 *
 * A consent row without a withdrawal date covers the agency; rows that were all
 * withdrawn mean the family said no. */

/**
 * tsu_consent_cover_is_missing:
 *
 * Returns: whether @cover means information would be shared without consent
 */
gboolean
tsu_consent_cover_is_missing (TsuConsentCover cover)
{
  return cover == TSU_CONSENT_COVER_NONE || cover == TSU_CONSENT_COVER_WITHDRAWN;
}

static char *
name_key (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = normal != NULL ? g_utf8_casefold (normal, -1) : NULL;
  GString *key = g_string_new (NULL);

  for (const char *p = folded; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* Every agency of the directory named @name; error set only when the store failed. */
static GPtrArray *
find_agencies (TsuStore    *store,
               const char  *name,
               GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) agencies = NULL;
  g_autofree char *wanted = NULL;

  if (name == NULL)
    return g_steal_pointer (&found);
  wanted = name_key (name);
  if (*wanted == '\0')
    return g_steal_pointer (&found);
  agencies = tsu_store_list (store, TSU_TYPE_AGENCY, NULL, error);
  for (guint i = 0; agencies != NULL && i < g_list_model_get_n_items (agencies); i++)
    {
      g_autoptr(TsuAgency) agency = g_list_model_get_item (agencies, i);
      g_autofree char *key = name_key (tsu_agency_get_name (agency));

      if (g_strcmp0 (key, wanted) == 0)
        g_ptr_array_add (found, g_steal_pointer (&agency));
    }
  return g_steal_pointer (&found);
}

/**
 * tsu_consent_find_agency_by_name:
 * @name: (nullable): an agency name as typed
 *
 * Returns: (transfer full) (nullable): the agency of the directory of that name,
 *   ignoring spaces, character width and case, or %NULL (error set only when the
 *   store failed)
 */
TsuAgency *
tsu_consent_find_agency_by_name (TsuStore    *store,
                                 const char  *name,
                                 GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  found = find_agencies (store, name, error);
  return found->len > 0 ? g_object_ref (g_ptr_array_index (found, 0)) : NULL;
}

/**
 * tsu_consent_check_agency:
 * @case_id: the case; 0 checks nothing
 * @agency_id: the agency; 0 checks nothing
 * @cover: (out): the consent found
 *
 * Returns: %FALSE when the store could not be read
 */
gboolean
tsu_consent_check_agency (TsuStore         *store,
                          gint64            case_id,
                          gint64            agency_id,
                          TsuConsentCover  *cover,
                          GError          **error)
{
  g_autoptr(GListModel) consents = NULL;
  gboolean withdrawn = FALSE;

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (cover != NULL, FALSE);

  *cover = TSU_CONSENT_COVER_NOT_NEEDED;
  if (case_id == 0 || agency_id == 0)
    return TRUE;

  consents = tsu_store_list_by (store, TSU_TYPE_CONSENT, "case_id", case_id, NULL, error);
  if (consents == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (consents); i++)
    {
      g_autoptr(TsuConsent) consent = g_list_model_get_item (consents, i);
      const char *withdrawn_on = tsu_consent_get_withdrawn_on (consent);

      if (tsu_consent_get_agency_id (consent) != agency_id)
        continue;
      if (withdrawn_on == NULL || *withdrawn_on == '\0')
        {
          *cover = TSU_CONSENT_COVER_GIVEN;
          return TRUE;
        }
      withdrawn = TRUE;
    }
  *cover = withdrawn ? TSU_CONSENT_COVER_WITHDRAWN : TSU_CONSENT_COVER_NONE;
  return TRUE;
}

/**
 * tsu_consent_check_participant:
 * @participant: a participant, saved or not, with its meeting set
 * @cover: (out): whether consent covers the participant
 * @agency_name: (out) (optional) (nullable) (transfer full): the name of the agency
 *   checked, or %NULL when none was
 *
 * Returns: %FALSE when the store could not be read
 */
gboolean
tsu_consent_check_participant (TsuStore         *store,
                               TsuParticipant   *participant,
                               TsuConsentCover  *cover,
                               char            **agency_name,
                               GError          **error)
{
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(TsuAgency) agency = NULL;
  gint64 person_id;
  gint64 agency_id = 0;
  GError *local_error = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (TSU_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (cover != NULL, FALSE);

  *cover = TSU_CONSENT_COVER_NOT_NEEDED;
  if (agency_name != NULL)
    *agency_name = NULL;

  if (g_strcmp0 (tsu_participant_get_role (participant), "family") == 0)
    return TRUE;
  meeting = tsu_store_load (store, TSU_TYPE_MEETING, tsu_participant_get_meeting_id (participant),
                            error);
  if (meeting == NULL)
    return FALSE;
  if (tsu_meeting_get_case_id (meeting) == 0)
    return TRUE;

  person_id = tsu_participant_get_person_id (participant);
  if (person_id != 0)
    {
      g_autoptr(TsuPerson) person = tsu_store_load (store, TSU_TYPE_PERSON, person_id, error);

      if (person == NULL)
        return FALSE;
      agency_id = tsu_person_get_agency_id (person);
      if (agency_id != 0)
        {
          agency = tsu_store_load (store, TSU_TYPE_AGENCY, agency_id, error);
          if (agency == NULL)
            return FALSE;
        }
    }
  if (agency != NULL)
    {
      if (!tsu_consent_check_agency (store, tsu_meeting_get_case_id (meeting),
                                     tsu_record_get_id (TSU_RECORD (agency)), cover, error))
        return FALSE;
      if (agency_name != NULL)
        *agency_name = g_strdup (tsu_agency_get_name (agency));
      return TRUE;
    }

  /* A typed name: the directory may hold two agencies of one name (two branches
   * entered alike); consent to either covers it. */
  {
    g_autoptr(GPtrArray) matches = find_agencies (store, tsu_participant_get_agency_name (participant),
                                                  &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, local_error);
        return FALSE;
      }
    for (guint i = 0; i < matches->len; i++)
      {
        TsuAgency *match = g_ptr_array_index (matches, i);
        TsuConsentCover one;

        if (!tsu_consent_check_agency (store, tsu_meeting_get_case_id (meeting),
                                       tsu_record_get_id (TSU_RECORD (match)), &one, error))
          return FALSE;
        if (i == 0 || one < *cover)
          *cover = one;   /* given < none < withdrawn */
      }
    if (agency_name != NULL && matches->len > 0)
      *agency_name = g_strdup (tsu_agency_get_name (g_ptr_array_index (matches, 0)));
  }
  return TRUE;
}
