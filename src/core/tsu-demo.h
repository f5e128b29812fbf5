/* tsu-demo.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tsu-store.h"

G_BEGIN_DECLS

/* What tsu_demo_generate() writes. The same options give the same rows. */
typedef struct {
  double  scale;   /* 1.0 = a large center's ten years */
  guint   years;   /* default 10 */
  guint32 seed;    /* default 1 */
  gint64  end;     /* Unix time the data set is centred to end around: meetings run from
                    * (end - years) to end + 1 year; 0 = now */
} TsuDemoOptions;

void     tsu_demo_options_init (TsuDemoOptions        *options);
gboolean tsu_demo_generate     (TsuStore              *store,
                                const TsuDemoOptions  *options,
                                GError               **error);

G_END_DECLS
