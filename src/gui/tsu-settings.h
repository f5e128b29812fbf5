/* tsu-settings.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The GSettings schema of the application (data/io.github.tsunagu.Tsunagu.gschema.xml);
 * the development profile shares it. */
#define TSU_SETTINGS_SCHEMA_ID "io.github.tsunagu.Tsunagu"
