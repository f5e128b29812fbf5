/* test-consent-check.c: whether the family's consent covers a participant
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tsunagu-core.h"

typedef struct {
  char       *dir;
  TsuStore   *store;
  TsuCase    *kase;
  TsuMeeting *conference;   /* of the case */
  TsuMeeting *council;      /* of no case */
  TsuAgency  *consented;
  TsuAgency  *withdrawn;
  TsuAgency  *unasked;
  TsuPerson  *nurse;        /* at the consented agency */
  TsuPerson  *teacher;      /* at the unasked agency */
} Fixture;

static void
save (Fixture *f,
      gpointer record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_store_save (f->store, record, &error));
  g_assert_no_error (error);
}

static TsuAgency *
agency (Fixture    *f,
        const char *name)
{
  TsuAgency *a = tsu_agency_new ();

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "other");
  save (f, a);
  return a;
}

static TsuPerson *
person (Fixture    *f,
        const char *name,
        TsuAgency  *a)
{
  TsuPerson *p = tsu_person_new ();

  tsu_person_set_name (p, name);
  if (a != NULL)
    tsu_person_set_agency_id (p, tsu_record_get_id (TSU_RECORD (a)));
  save (f, p);
  return p;
}

static TsuMeeting *
meeting (Fixture *f,
         TsuCase *kase)
{
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_kind (m, kase != NULL ? "case-conference" : "municipal-council");
  tsu_meeting_set_title (m, "会議");
  tsu_meeting_set_starts_at (m, 1795496400);
  tsu_meeting_set_ends_at (m, 1795496400 + 3600);
  if (kase != NULL)
    tsu_meeting_set_case_id (m, tsu_record_get_id (TSU_RECORD (kase)));
  save (f, m);
  return m;
}

static void
consent (Fixture    *f,
         TsuAgency  *a,
         const char *withdrawn_on)
{
  g_autoptr(TsuConsent) c = tsu_consent_new ();

  tsu_consent_set_case_id (c, tsu_record_get_id (TSU_RECORD (f->kase)));
  tsu_consent_set_agency_id (c, tsu_record_get_id (TSU_RECORD (a)));
  tsu_consent_set_given_on (c, "2026-04-01");
  tsu_consent_set_withdrawn_on (c, withdrawn_on);
  save (f, c);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tsunagu-consent-XXXXXX", NULL);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = tsu_store_open (path, &error);
  g_assert_no_error (error);

  f->kase = tsu_case_new ();
  tsu_case_set_code (f->kase, "C-2026-0001");
  save (f, f->kase);
  f->conference = meeting (f, f->kase);
  f->council = meeting (f, NULL);
  f->consented = agency (f, "ひまわり訪問看護ステーション");
  f->withdrawn = agency (f, "Sunrise Short Stay");
  f->unasked = agency (f, "県立けやき特別支援学校");
  f->nurse = person (f, "看護 花子", f->consented);
  f->teacher = person (f, "教員 太郎", f->unasked);
  consent (f, f->consented, NULL);
  consent (f, f->withdrawn, "2026-10-01");
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  const char *names[] = { "t.db", "t.db-wal", "t.db-shm" };

  g_clear_object (&f->nurse);
  g_clear_object (&f->teacher);
  g_clear_object (&f->consented);
  g_clear_object (&f->withdrawn);
  g_clear_object (&f->unasked);
  g_clear_object (&f->conference);
  g_clear_object (&f->council);
  g_clear_object (&f->kase);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (f->dir, names[i], NULL);

      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Checks a participant of @m and returns the cover; *agency_name gets the agency. */
static TsuConsentCover
check (Fixture    *f,
       TsuMeeting *m,
       TsuPerson  *p,
       const char *name,
       const char *agency_name,
       const char *role,
       char      **checked)
{
  g_autoptr(TsuParticipant) participant = tsu_participant_new ();
  g_autoptr(GError) error = NULL;
  TsuConsentCover cover = TSU_CONSENT_COVER_GIVEN;

  tsu_participant_set_meeting_id (participant, tsu_record_get_id (TSU_RECORD (m)));
  if (p != NULL)
    tsu_participant_set_person_id (participant, tsu_record_get_id (TSU_RECORD (p)));
  tsu_participant_set_name (participant, name);
  tsu_participant_set_agency_name (participant, agency_name);
  tsu_participant_set_role (participant, role);
  g_assert_true (tsu_consent_check_participant (f->store, participant, &cover, checked, &error));
  g_assert_no_error (error);
  return cover;
}

static void
test_person (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpint (check (f, f->conference, f->nurse, NULL, NULL, "attendee", &a), ==,
                   TSU_CONSENT_COVER_GIVEN);
  g_assert_cmpstr (a, ==, "ひまわり訪問看護ステーション");
  g_assert_cmpint (check (f, f->conference, f->teacher, NULL, NULL, "presenter", &b), ==,
                   TSU_CONSENT_COVER_NONE);
  g_assert_cmpstr (b, ==, "県立けやき特別支援学校");
  g_assert_true (tsu_consent_cover_is_missing (TSU_CONSENT_COVER_NONE));
  g_assert_true (tsu_consent_cover_is_missing (TSU_CONSENT_COVER_WITHDRAWN));
  g_assert_false (tsu_consent_cover_is_missing (TSU_CONSENT_COVER_GIVEN));
  g_assert_false (tsu_consent_cover_is_missing (TSU_CONSENT_COVER_NOT_NEEDED));
}

static void
test_free_text (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* Spaces, full-width letters and case do not hide the agency. */
  g_assert_cmpint (check (f, f->conference, NULL, "山田", "ｓｕｎｒｉｓｅ　short stay", "attendee", &a),
                   ==, TSU_CONSENT_COVER_WITHDRAWN);
  g_assert_cmpstr (a, ==, "Sunrise Short Stay");
  g_assert_cmpint (check (f, f->conference, NULL, "鈴木", "ひまわり 訪問看護ステーション", "attendee", &b),
                   ==, TSU_CONSENT_COVER_GIVEN);
  /* An agency the directory does not know cannot be checked. */
  g_assert_cmpint (check (f, f->conference, NULL, "佐藤", "どこかの事業所", "attendee", &c),
                   ==, TSU_CONSENT_COVER_NOT_NEEDED);
  g_assert_null (c);
  g_assert_cmpint (check (f, f->conference, NULL, "佐藤", NULL, "attendee", NULL),
                   ==, TSU_CONSENT_COVER_NOT_NEEDED);
}

static void
test_not_needed (Fixture       *f,
                 gconstpointer  data)
{
  /* The family, and meetings of no case. */
  g_assert_cmpint (check (f, f->conference, NULL, "母", "県立けやき特別支援学校", "family", NULL),
                   ==, TSU_CONSENT_COVER_NOT_NEEDED);
  g_assert_cmpint (check (f, f->council, f->teacher, NULL, NULL, "attendee", NULL),
                   ==, TSU_CONSENT_COVER_NOT_NEEDED);
}

static void
test_given_again (Fixture       *f,
                  gconstpointer  data)
{
  TsuConsentCover cover;
  g_autoptr(GError) error = NULL;

  /* Withdrawn once, given again later: covered. */
  consent (f, f->withdrawn, NULL);
  g_assert_true (tsu_consent_check_agency (f->store, tsu_record_get_id (TSU_RECORD (f->kase)),
                                           tsu_record_get_id (TSU_RECORD (f->withdrawn)), &cover, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cover, ==, TSU_CONSENT_COVER_GIVEN);
  g_assert_null (tsu_consent_find_agency_by_name (f->store, "  ", NULL));
}

static void
test_same_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TsuAgency) twin = agency (f, "県立けやき特別支援学校");

  /* Two agencies of one name: consent to either covers the typed name. */
  g_assert_cmpint (check (f, f->conference, NULL, "教員", "県立けやき特別支援学校", "attendee", NULL),
                   ==, TSU_CONSENT_COVER_NONE);
  consent (f, twin, NULL);
  g_assert_cmpint (check (f, f->conference, NULL, "教員", "県立けやき特別支援学校", "attendee", NULL),
                   ==, TSU_CONSENT_COVER_GIVEN);
  /* A person of the directory is checked by their own agency. */
  g_assert_cmpint (check (f, f->conference, f->teacher, NULL, NULL, "attendee", NULL),
                   ==, TSU_CONSENT_COVER_NONE);
}

static void
team_member (Fixture    *f,
             TsuPerson  *p,
             TsuAgency  *a,
             const char *role)
{
  g_autoptr(TsuTeamMember) m = tsu_team_member_new ();

  tsu_team_member_set_case_id (m, tsu_record_get_id (TSU_RECORD (f->kase)));
  tsu_team_member_set_person_id (m, p != NULL ? tsu_record_get_id (TSU_RECORD (p)) : 0);
  tsu_team_member_set_agency_id (m, a != NULL ? tsu_record_get_id (TSU_RECORD (a)) : 0);
  tsu_team_member_set_role (m, role);
  save (f, m);
}

/* The case team invited to a conference, from the case page or the meeting window:
 * each person once, the family as family, an agency without a person by its name,
 * and nobody who takes part already. */
static void
test_team_participants (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TsuPerson) mother = person (f, "山田 恵子", NULL);
  g_autoptr(TsuParticipant) teacher = tsu_participant_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 conference = tsu_record_get_id (TSU_RECORD (f->conference));

  team_member (f, f->nurse, NULL, "訪問看護");
  team_member (f, f->teacher, NULL, "担任");
  team_member (f, mother, NULL, "保護者（母）");
  team_member (f, NULL, f->withdrawn, "短期入所");
  team_member (f, f->nurse, f->consented, "主治医への連絡");
  tsu_participant_set_meeting_id (teacher, conference);
  tsu_participant_set_person_id (teacher, tsu_record_get_id (TSU_RECORD (f->teacher)));
  save (f, teacher);

  list = tsu_case_team_participants (f->store, tsu_record_get_id (TSU_RECORD (f->kase)), conference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (tsu_participant_get_person_id (list->pdata[0]), ==, tsu_record_get_id (TSU_RECORD (f->nurse)));
  g_assert_cmpstr (tsu_participant_get_role (list->pdata[0]), ==, "attendee");
  g_assert_cmpint (tsu_participant_get_person_id (list->pdata[1]), ==, tsu_record_get_id (TSU_RECORD (mother)));
  g_assert_cmpstr (tsu_participant_get_role (list->pdata[1]), ==, "family");
  g_assert_cmpint (tsu_participant_get_person_id (list->pdata[2]), ==, 0);
  g_assert_cmpstr (tsu_participant_get_name (list->pdata[2]), ==, "Sunrise Short Stay");
  g_assert_cmpstr (tsu_participant_get_agency_name (list->pdata[2]), ==, "Sunrise Short Stay");
  for (guint i = 0; i < list->len; i++)
    {
      g_assert_cmpint (tsu_participant_get_meeting_id (list->pdata[i]), ==, conference);
      g_assert_cmpstr (tsu_participant_get_partstat (list->pdata[i]), ==, "needs-action");
      save (f, list->pdata[i]);
    }

  /* Asked again, the whole team takes part already. */
  again = tsu_case_team_participants (f->store, tsu_record_get_id (TSU_RECORD (f->kase)), conference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_true (tsu_case_team_role_is_family ("Guardian"));
  g_assert_false (tsu_case_team_role_is_family ("担任"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/consent-check/person", Fixture, NULL, set_up, test_person, tear_down);
  g_test_add ("/consent-check/free-text", Fixture, NULL, set_up, test_free_text, tear_down);
  g_test_add ("/consent-check/not-needed", Fixture, NULL, set_up, test_not_needed, tear_down);
  g_test_add ("/consent-check/given-again", Fixture, NULL, set_up, test_given_again, tear_down);
  g_test_add ("/consent-check/same-name", Fixture, NULL, set_up, test_same_name, tear_down);
  g_test_add ("/consent-check/team-participants", Fixture, NULL, set_up, test_team_participants, tear_down);
  return g_test_run ();
}
