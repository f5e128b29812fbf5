/* tsu-welcome-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-application.h"
#include "tsu-welcome-page.h"

/* What a window shows for a database that holds no meeting, case or agency yet: what
 * Tsunagu is for, where the records will be kept, and the ways to begin. */

struct _TsuWelcomePage
{
  AdwBin     parent_instance;

  GtkWidget *actions_box;
  GtkLabel  *path_label;
};

G_DEFINE_FINAL_TYPE (TsuWelcomePage, tsu_welcome_page, ADW_TYPE_BIN)

static void
tsu_welcome_page_dispose (GObject *object)
{
  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), TSU_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (tsu_welcome_page_parent_class)->dispose (object);
}

/* The icon is set when the page is first shown: set with the page, GTK would load it
 * (128 pixels drawn from its SVG by librsvg, in a thread) at every start, also when
 * the window shows the calendar. */
static void
status_page_map_cb (AdwStatusPage *page)
{
  if (adw_status_page_get_icon_name (page) == NULL)
    adw_status_page_set_icon_name (page, TSU_APPLICATION_ICON);
}

static void
tsu_welcome_page_class_init (TsuWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuWelcomePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, TsuWelcomePage, path_label);
  gtk_widget_class_bind_template_callback (widget_class, status_page_map_cb);
}

static void
tsu_welcome_page_init (TsuWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tsu_welcome_page_set_path:
 * @path: (nullable): the file of the database the window shows
 *
 * Tells the person where their records are kept.
 */
void
tsu_welcome_page_set_path (TsuWelcomePage *self,
                           const char     *path)
{
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TSU_IS_WELCOME_PAGE (self));

  if (path != NULL)
    {
      display = g_filename_display_name (path);
      /* Translators: %s is the file of the database, e.g.
       * /home/user/.local/share/tsunagu/tsunagu.db */
      text = g_strdup_printf (_("Your records will be kept in %s"), display);
    }

  gtk_label_set_text (self->path_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->path_label), text != NULL);
}
