/* tsu-occurrence-row.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-occurrence-row"

#include "config.h"

#include "tsu-format.h"
#include "tsu-occurrence-row.h"

/* One meeting in the list of upcoming meetings. The first meeting of a day also shows
 * the day above itself, which reads like a section heading (GTK 4.8's list view has
 * no sections). */

struct _TsuOccurrenceRow
{
  AdwBin     parent_instance;

  GtkWidget *day_box;
  GtkLabel  *day_label;
  GtkLabel  *kind_label;
  GtkLabel  *location_label;
  GtkWidget *meeting_box;
  GtkLabel  *relative_label;
  GtkLabel  *status_label;
  GtkLabel  *time_label;
  GtkLabel  *title_label;

  char          *kind_class;   /* the CSS class that colours the kind tag */
  TsuOccurrence *occurrence;   /* the one shown, or NULL */
};

G_DEFINE_FINAL_TYPE (TsuOccurrenceRow, tsu_occurrence_row, ADW_TYPE_BIN)

static void
set_optional_text (GtkLabel   *label,
                   const char *text)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_label_set_text (label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
}

static void
set_kind_class (TsuOccurrenceRow *self,
                const char       *kind)
{
  if (self->kind_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->kind_label), self->kind_class);
  g_clear_pointer (&self->kind_class, g_free);

  if (kind != NULL && *kind != '\0')
    {
      self->kind_class = g_strconcat ("kind-", kind, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), self->kind_class);
    }
}

static void
tsu_occurrence_row_dispose (GObject *object)
{
  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), TSU_TYPE_OCCURRENCE_ROW);

  G_OBJECT_CLASS (tsu_occurrence_row_parent_class)->dispose (object);
}

static void
tsu_occurrence_row_finalize (GObject *object)
{
  TsuOccurrenceRow *self = TSU_OCCURRENCE_ROW (object);

  g_clear_pointer (&self->kind_class, g_free);
  g_clear_object (&self->occurrence);

  G_OBJECT_CLASS (tsu_occurrence_row_parent_class)->finalize (object);
}

static void
tsu_occurrence_row_class_init (TsuOccurrenceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_occurrence_row_dispose;
  object_class->finalize = tsu_occurrence_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-occurrence-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, day_box);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, location_label);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, meeting_box);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, relative_label);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, TsuOccurrenceRow, title_label);
}

static void
tsu_occurrence_row_init (TsuOccurrenceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tsu_occurrence_row_new (void)
{
  return g_object_new (TSU_TYPE_OCCURRENCE_ROW, NULL);
}

/**
 * tsu_occurrence_row_set:
 * @self: a row
 * @occurrence: the meeting occurrence to show
 * @first_of_day: whether to show the day above the meeting
 * @today: today, in the time zone of the window
 *
 * Shows @occurrence in the row.
 */
void
tsu_occurrence_row_set (TsuOccurrenceRow *self,
                        TsuOccurrence    *occurrence,
                        gboolean          first_of_day,
                        GDateTime        *today)
{
  TsuMeeting *meeting;
  g_autofree char *times = NULL;
  const char *status;
  const char *kind;
  gboolean cancelled;

  g_return_if_fail (TSU_IS_OCCURRENCE_ROW (self));
  g_return_if_fail (TSU_IS_OCCURRENCE (occurrence));
  g_return_if_fail (today != NULL);

  meeting = tsu_occurrence_get_meeting (occurrence);
  g_set_object (&self->occurrence, occurrence);

  gtk_widget_set_visible (self->day_box, first_of_day);
  if (first_of_day)
    {
      gint64 starts_at = tsu_occurrence_get_starts_at (occurrence);
      g_autoptr(GDateTime) start = tsu_format_local_time (starts_at);
      g_autofree char *day = tsu_format_day (start);

      gtk_label_set_text (self->day_label, day);
      set_optional_text (self->relative_label, tsu_format_relative_day (start, today));
    }

  times = tsu_format_time_range (tsu_occurrence_get_starts_at (occurrence),
                                 tsu_occurrence_get_ends_at (occurrence),
                                 tsu_meeting_get_all_day (meeting));
  gtk_label_set_text (self->time_label, times);
  gtk_label_set_text (self->title_label, tsu_occurrence_get_title (occurrence));
  set_optional_text (self->location_label, tsu_meeting_get_location (meeting));

  status = tsu_meeting_get_status (meeting);
  cancelled = g_strcmp0 (status, "cancelled") == 0;
  if (cancelled)
    status = tsu_vocabulary_label (TSU_VOCABULARY_MEETING_STATUS, status);
  set_optional_text (self->status_label, cancelled ? status : NULL);
  if (cancelled)
    gtk_widget_add_css_class (self->meeting_box, "cancelled");
  else
    gtk_widget_remove_css_class (self->meeting_box, "cancelled");

  kind = tsu_meeting_get_kind (meeting);
  gtk_label_set_text (self->kind_label, tsu_vocabulary_label (TSU_VOCABULARY_MEETING_KIND, kind));
  set_kind_class (self, kind);
}

/**
 * tsu_occurrence_row_clear:
 *
 * Empties the row when it no longer shows an occurrence.
 */
void
tsu_occurrence_row_clear (TsuOccurrenceRow *self)
{
  g_return_if_fail (TSU_IS_OCCURRENCE_ROW (self));

  g_clear_object (&self->occurrence);
  gtk_widget_set_visible (self->day_box, FALSE);
  gtk_label_set_text (self->time_label, "");
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->kind_label, "");
  set_optional_text (self->location_label, NULL);
  set_optional_text (self->status_label, NULL);
  set_kind_class (self, NULL);
}

/**
 * tsu_occurrence_row_get_occurrence:
 *
 * Returns: (transfer none) (nullable): the occurrence the row shows
 */
TsuOccurrence *
tsu_occurrence_row_get_occurrence (TsuOccurrenceRow *self)
{
  g_return_val_if_fail (TSU_IS_OCCURRENCE_ROW (self), NULL);

  return self->occurrence;
}
