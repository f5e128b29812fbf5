/* tsu-assignee-picker.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-assignee-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-assignee-picker.h"

/* Who an action item falls to, chosen as a recorder says it in the meeting: the
 * meeting's participants come first, then the persons and agencies of the directory
 * found as one types (by name or reading), and last the text as typed for someone
 * in none of them. The choice is kept as a reference — assignee_person_id,
 * assignee_agency_id — so that the name shown everywhere follows the directory;
 * only a name typed by hand is kept as text. */

#define MAX_PER_SECTION 8

typedef struct {
  TsuAssigneeKind  kind;
  gint64           id;
  char            *name;     /* what the button shows */
  char            *title;
  char            *subtitle;
  char            *key;      /* casefolded name, reading and agency, for the search */
} Choice;

struct _TsuAssigneePicker
{
  GtkWidget        parent_instance;

  TsuStore        *store;
  gint64           meeting_id;

  TsuAssigneeKind  kind;
  gint64           id;
  char            *name;
  char            *label;

  /* Loaded when the popover opens: the directory changes rarely during a meeting. */
  GPtrArray       *participants;   /* Choice */
  GPtrArray       *persons;        /* Choice */
  GPtrArray       *agencies;       /* Choice */

  GtkMenuButton   *button;
  GtkWidget       *clear_button;
  GtkImage        *icon;
  GtkLabel        *label_widget;
  GtkPopover      *popover;
  GtkListBox      *results;
  GtkSearchEntry  *search_entry;
};

G_DEFINE_FINAL_TYPE (TsuAssigneePicker, tsu_assignee_picker, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_free (gpointer data)
{
  Choice *c = data;

  g_free (c->name);
  g_free (c->title);
  g_free (c->subtitle);
  g_free (c->key);
  g_free (c);
}

static Choice *
choice_new (TsuAssigneeKind  kind,
            gint64           id,
            const char      *title,
            const char      *subtitle,
            const char      *reading)
{
  Choice *c = g_new0 (Choice, 1);
  g_autofree char *all = g_strjoin (" ", title ? title : "", reading ? reading : "",
                                    subtitle ? subtitle : "", NULL);

  c->kind = kind;
  c->id = id;
  c->title = g_strdup (title ? title : "");
  c->subtitle = g_strdup (subtitle);
  c->key = g_utf8_casefold (all, -1);
  if (subtitle != NULL && *subtitle != '\0' && kind == TSU_ASSIGNEE_PERSON)
    /* Translators: a person and their agency, as in 山田 太郎（さいたま訪問看護） */
    c->name = g_strdup_printf (_("%s (%s)"), c->title, subtitle);
  else
    c->name = g_strdup (c->title);
  return c;
}

/* The person's name and, in @agency, their agency's; NULL when there is no such person. */
static char *
person_name (TsuStore  *store,
             gint64     person_id,
             char     **agency)
{
  g_autoptr(TsuPerson) person = NULL;

  if (person_id == 0)
    return NULL;
  person = tsu_store_load (store, TSU_TYPE_PERSON, person_id, NULL);
  if (person == NULL)
    return NULL;
  if (agency != NULL && tsu_person_get_agency_id (person) != 0)
    {
      g_autoptr(TsuAgency) a = tsu_store_load (store, TSU_TYPE_AGENCY,
                                               tsu_person_get_agency_id (person), NULL);

      if (a != NULL)
        *agency = g_strdup (tsu_agency_get_name (a));
    }
  return g_strdup (tsu_person_get_name (person));
}

static void
update_button (TsuAssigneePicker *self)
{
  gtk_label_set_text (self->label_widget, self->label);
  gtk_image_set_from_icon_name (self->icon,
                                self->kind == TSU_ASSIGNEE_AGENCY ? "system-users-symbolic"
                                                                  : "avatar-default-symbolic");
  if (self->kind == TSU_ASSIGNEE_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self->label_widget), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label_widget), "dim-label");
  gtk_widget_set_sensitive (self->clear_button, self->kind != TSU_ASSIGNEE_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->label, -1);
}

/* Loading the choices */

static void
load_choices (TsuAssigneePicker *self)
{
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GListModel) persons = NULL;
  g_autoptr(GListModel) agencies = NULL;
  g_autoptr(GHashTable) agency_names = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, g_free);

  g_ptr_array_set_size (self->participants, 0);
  g_ptr_array_set_size (self->persons, 0);
  g_ptr_array_set_size (self->agencies, 0);
  if (self->store == NULL)
    return;

  agencies = tsu_store_list (self->store, TSU_TYPE_AGENCY, "kana", NULL);
  for (guint i = 0; agencies != NULL && i < g_list_model_get_n_items (agencies); i++)
    {
      g_autoptr(TsuAgency) a = g_list_model_get_item (agencies, i);
      gint64 *key = g_new (gint64, 1);

      *key = tsu_record_get_id (TSU_RECORD (a));
      g_hash_table_insert (agency_names, key, g_strdup (tsu_agency_get_name (a)));
      g_ptr_array_add (self->agencies,
                       choice_new (TSU_ASSIGNEE_AGENCY, *key, tsu_agency_get_name (a),
                                   NULL, tsu_agency_get_kana (a)));
    }

  persons = tsu_store_list (self->store, TSU_TYPE_PERSON, "kana", NULL);
  for (guint i = 0; persons != NULL && i < g_list_model_get_n_items (persons); i++)
    {
      g_autoptr(TsuPerson) p = g_list_model_get_item (persons, i);
      gint64 agency_id = tsu_person_get_agency_id (p);
      const char *agency = g_hash_table_lookup (agency_names, &agency_id);

      g_ptr_array_add (self->persons,
                       choice_new (TSU_ASSIGNEE_PERSON, tsu_record_get_id (TSU_RECORD (p)),
                                   tsu_person_get_name (p), agency, tsu_person_get_kana (p)));
    }

  if (self->meeting_id == 0)
    return;
  participants = tsu_store_list_by (self->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    self->meeting_id, "id", NULL);
  for (guint i = 0; participants != NULL && i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *agency = NULL;
      g_autofree char *name = person_name (self->store, tsu_participant_get_person_id (p), &agency);

      /* A participant from the directory is that person; anyone else is their name. */
      if (name != NULL)
        g_ptr_array_add (self->participants,
                         choice_new (TSU_ASSIGNEE_PERSON, tsu_participant_get_person_id (p), name,
                                     tsu_participant_get_agency_name (p) ? tsu_participant_get_agency_name (p)
                                                                         : agency,
                                     NULL));
      else if (tsu_participant_get_name (p) != NULL)
        g_ptr_array_add (self->participants,
                         choice_new (TSU_ASSIGNEE_NAME, 0, tsu_participant_get_name (p),
                                     tsu_participant_get_agency_name (p), NULL));
    }
}

/* The list */

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *section = g_object_get_data (G_OBJECT (row), "section");
  GtkWidget *label;

  if (before != NULL && g_strcmp0 (section, g_object_get_data (G_OBJECT (before), "section")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (section);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_box_row_set_header (row, label);
}

static void
add_row (TsuAssigneePicker *self,
         const char        *section,
         const char        *icon,
         Choice            *choice)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice->title);
  if (choice->subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), choice->subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "section", (gpointer) section);
  g_object_set_data (G_OBJECT (row), "choice", choice);
  gtk_list_box_append (self->results, row);
}

static gboolean
shown_as_participant (TsuAssigneePicker *self,
                      gint64             person_id)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      Choice *c = g_ptr_array_index (self->participants, i);

      if (c->kind == TSU_ASSIGNEE_PERSON && c->id == person_id)
        return TRUE;
    }
  return FALSE;
}

static void
search_changed_cb (TsuAssigneePicker *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const char *participants = _("Participants");
  const char *persons = _("Persons in the Directory");
  const char *agencies = _("Agencies in the Directory");
  const char *typed = _("Someone Else");
  GtkWidget *child;
  guint shown;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  for (guint i = 0; i < self->participants->len; i++)
    {
      Choice *c = g_ptr_array_index (self->participants, i);

      if (strstr (c->key, folded) != NULL)
        add_row (self, participants, "avatar-default-symbolic", c);
    }

  /* The whole directory waits for a word: a meeting's assignee is usually in the room. */
  if (*text == '\0')
    return;

  shown = 0;
  for (guint i = 0; i < self->persons->len && shown < MAX_PER_SECTION; i++)
    {
      Choice *c = g_ptr_array_index (self->persons, i);

      if (strstr (c->key, folded) != NULL && !shown_as_participant (self, c->id))
        {
          add_row (self, persons, "avatar-default-symbolic", c);
          shown++;
        }
    }
  shown = 0;
  for (guint i = 0; i < self->agencies->len && shown < MAX_PER_SECTION; i++)
    {
      Choice *c = g_ptr_array_index (self->agencies, i);

      if (strstr (c->key, folded) != NULL)
        {
          add_row (self, agencies, "system-users-symbolic", c);
          shown++;
        }
    }

  /* Anyone else, kept by the name as typed. */
  {
    g_autofree char *title = g_strdup_printf (_("Use “%s”"), text);
    Choice *c = choice_new (TSU_ASSIGNEE_NAME, 0, title, _("Not in the directory: kept as typed"), NULL);

    g_free (c->name);
    c->name = g_strdup (text);
    /* The row points at it; the entry keeps it until the next word. */
    g_object_set_data_full (G_OBJECT (self->search_entry), "typed", c, choice_free);
    add_row (self, typed, "document-edit-symbolic", c);
  }
}

static void
row_activated_cb (TsuAssigneePicker *self,
                  GtkListBoxRow     *row)
{
  Choice *c = g_object_get_data (G_OBJECT (row), "choice");

  if (c == NULL)
    return;
  tsu_assignee_picker_select (self, c->kind, c->id, c->name);
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
search_activate_cb (TsuAssigneePicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL)
    row_activated_cb (self, first);
}

/* Down from the search goes to the results, as in a completion list. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       TsuAssigneePicker     *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  first = gtk_list_box_get_row_at_index (self->results, 0);
  if (first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static void
clear_clicked_cb (TsuAssigneePicker *self)
{
  tsu_assignee_picker_select (self, TSU_ASSIGNEE_NONE, 0, NULL);
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
popover_show_cb (TsuAssigneePicker *self)
{
  load_choices (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
}

/* Overrides */

static void
tsu_assignee_picker_dispose (GObject *object)
{
  TsuAssigneePicker *self = TSU_ASSIGNEE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_ASSIGNEE_PICKER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_assignee_picker_parent_class)->dispose (object);
}

static void
tsu_assignee_picker_finalize (GObject *object)
{
  TsuAssigneePicker *self = TSU_ASSIGNEE_PICKER (object);

  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (tsu_assignee_picker_parent_class)->finalize (object);
}

static void
tsu_assignee_picker_class_init (TsuAssigneePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_assignee_picker_dispose;
  object_class->finalize = tsu_assignee_picker_finalize;

  /**
   * TsuAssigneePicker::changed:
   *
   * The person chose someone else (or nobody).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-assignee-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuAssigneePicker, button);
  gtk_widget_class_bind_template_child (widget_class, TsuAssigneePicker, clear_button);
  gtk_widget_class_bind_template_child (widget_class, TsuAssigneePicker, icon);
  gtk_widget_class_bind_template_child_full (widget_class, "label", FALSE,
                                             G_STRUCT_OFFSET (TsuAssigneePicker, label_widget));
  gtk_widget_class_bind_template_child (widget_class, TsuAssigneePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, TsuAssigneePicker, results);
  gtk_widget_class_bind_template_child (widget_class, TsuAssigneePicker, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
tsu_assignee_picker_init (TsuAssigneePicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->participants = g_ptr_array_new_with_free_func (choice_free);
  self->persons = g_ptr_array_new_with_free_func (choice_free);
  self->agencies = g_ptr_array_new_with_free_func (choice_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->results, header_func, NULL, NULL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  tsu_assignee_picker_select (self, TSU_ASSIGNEE_NONE, 0, NULL);
}

/* Public API */

GtkWidget *
tsu_assignee_picker_new (void)
{
  return g_object_new (TSU_TYPE_ASSIGNEE_PICKER, NULL);
}

/**
 * tsu_assignee_picker_set_store:
 * @meeting_id: the meeting whose participants are offered first, or 0
 */
void
tsu_assignee_picker_set_store (TsuAssigneePicker *self,
                               TsuStore          *store,
                               gint64             meeting_id)
{
  g_return_if_fail (TSU_IS_ASSIGNEE_PICKER (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  g_set_object (&self->store, store);
  self->meeting_id = meeting_id;
}

/**
 * tsu_assignee_picker_select:
 * @kind: what @id refers to
 * @id: a person's or an agency's id
 * @name: (nullable): what to show; for %TSU_ASSIGNEE_NAME, the name kept
 *
 * Shows a choice, without emitting #TsuAssigneePicker::changed.
 */
void
tsu_assignee_picker_select (TsuAssigneePicker *self,
                            TsuAssigneeKind    kind,
                            gint64             id,
                            const char        *name)
{
  g_return_if_fail (TSU_IS_ASSIGNEE_PICKER (self));

  if (kind == TSU_ASSIGNEE_NAME && (name == NULL || *name == '\0'))
    kind = TSU_ASSIGNEE_NONE;
  self->kind = kind;
  self->id = kind == TSU_ASSIGNEE_PERSON || kind == TSU_ASSIGNEE_AGENCY ? id : 0;
  g_free (self->name);
  self->name = kind != TSU_ASSIGNEE_NONE ? g_strdup (name) : NULL;
  g_free (self->label);
  self->label = g_strdup (self->name != NULL ? self->name : _("Nobody assigned"));
  update_button (self);
}

/**
 * tsu_assignee_picker_set_from:
 *
 * Shows who @item falls to.
 */
void
tsu_assignee_picker_set_from (TsuAssigneePicker *self,
                              TsuActionItem     *item)
{
  g_autofree char *label = NULL;

  g_return_if_fail (TSU_IS_ASSIGNEE_PICKER (self));
  g_return_if_fail (TSU_IS_ACTION_ITEM (item));

  label = self->store != NULL ? tsu_assignee_describe (self->store, item) : NULL;
  if (tsu_action_item_get_assignee_person_id (item) != 0 && label != NULL)
    tsu_assignee_picker_select (self, TSU_ASSIGNEE_PERSON, tsu_action_item_get_assignee_person_id (item),
                                label);
  else if (tsu_action_item_get_assignee_agency_id (item) != 0 && label != NULL)
    tsu_assignee_picker_select (self, TSU_ASSIGNEE_AGENCY, tsu_action_item_get_assignee_agency_id (item),
                                label);
  else
    tsu_assignee_picker_select (self, TSU_ASSIGNEE_NAME, 0, tsu_action_item_get_assignee_name (item));
}

/**
 * tsu_assignee_picker_apply:
 *
 * Sets the assignee of @item to the choice shown: one of a person, an agency or a
 * name, the others cleared.
 */
void
tsu_assignee_picker_apply (TsuAssigneePicker *self,
                           TsuActionItem     *item)
{
  g_return_if_fail (TSU_IS_ASSIGNEE_PICKER (self));
  g_return_if_fail (TSU_IS_ACTION_ITEM (item));

  tsu_action_item_set_assignee_person_id (item, self->kind == TSU_ASSIGNEE_PERSON ? self->id : 0);
  tsu_action_item_set_assignee_agency_id (item, self->kind == TSU_ASSIGNEE_AGENCY ? self->id : 0);
  tsu_action_item_set_assignee_name (item, self->kind == TSU_ASSIGNEE_NAME ? self->name : NULL);
}

TsuAssigneeKind
tsu_assignee_picker_get_kind (TsuAssigneePicker *self)
{
  g_return_val_if_fail (TSU_IS_ASSIGNEE_PICKER (self), TSU_ASSIGNEE_NONE);

  return self->kind;
}

const char *
tsu_assignee_picker_get_label (TsuAssigneePicker *self)
{
  g_return_val_if_fail (TSU_IS_ASSIGNEE_PICKER (self), NULL);

  return self->label;
}

void
tsu_assignee_picker_popup (TsuAssigneePicker *self)
{
  g_return_if_fail (TSU_IS_ASSIGNEE_PICKER (self));

  /* Scrolled into view first: the popover points at the button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->button));
  gtk_menu_button_popup (self->button);
}

void
tsu_assignee_picker_popdown (TsuAssigneePicker *self)
{
  g_return_if_fail (TSU_IS_ASSIGNEE_PICKER (self));

  gtk_popover_popdown (self->popover);
}

/**
 * tsu_assignee_describe:
 *
 * Returns: (transfer full) (nullable): who @item falls to — the person with their
 *   agency, the agency, or the name typed — or %NULL for nobody
 */
char *
tsu_assignee_describe (TsuStore      *store,
                       TsuActionItem *item)
{
  g_autofree char *agency = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (TSU_IS_ACTION_ITEM (item), NULL);

  name = person_name (store, tsu_action_item_get_assignee_person_id (item), &agency);
  if (name != NULL && agency != NULL)
    return g_strdup_printf (_("%s (%s)"), name, agency);
  if (name != NULL)
    return g_steal_pointer (&name);
  if (tsu_action_item_get_assignee_agency_id (item) != 0)
    {
      g_autoptr(TsuAgency) a = tsu_store_load (store, TSU_TYPE_AGENCY,
                                               tsu_action_item_get_assignee_agency_id (item), NULL);

      if (a != NULL)
        return g_strdup (tsu_agency_get_name (a));
    }
  if (tsu_action_item_get_assignee_name (item) != NULL && *tsu_action_item_get_assignee_name (item) != '\0')
    return g_strdup (tsu_action_item_get_assignee_name (item));
  return NULL;
}
