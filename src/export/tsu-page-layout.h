/* tsu-page-layout.h: pages of text, tables and drawings for cairo
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define TSU_PAGE_LAYOUT_ERROR (tsu_page_layout_error_quark ())

/**
 * TsuPageLayoutError:
 * @TSU_PAGE_LAYOUT_ERROR_WRITE: the PDF file could not be written
 * @TSU_PAGE_LAYOUT_ERROR_FONT: no font for Japanese text was found
 *
 * Errors of #TsuPageLayout and the documents.
 */
typedef enum {
  TSU_PAGE_LAYOUT_ERROR_WRITE,
  TSU_PAGE_LAYOUT_ERROR_FONT,
} TsuPageLayoutError;

/**
 * TsuPaper:
 * @TSU_PAPER_A4: ISO A4, 210 × 297 mm
 * @TSU_PAPER_A3: ISO A3, 297 × 420 mm
 * @TSU_PAPER_B5: JIS B5, 182 × 257 mm (the B5 of Japanese offices)
 * @TSU_PAPER_LETTER: US Letter, 8.5 × 11 in
 * @TSU_PAPER_CUSTOM: another size, given in points
 */
typedef enum {
  TSU_PAPER_A4,
  TSU_PAPER_A3,
  TSU_PAPER_B5,
  TSU_PAPER_LETTER,
  TSU_PAPER_CUSTOM,
} TsuPaper;

#define TSU_TYPE_PAPER (tsu_paper_get_type ())
GType tsu_paper_get_type (void);

/**
 * TsuTextStyle:
 * @TSU_TEXT_TITLE: the title of a document
 * @TSU_TEXT_HEADING: a section heading, ruled below
 * @TSU_TEXT_SUBHEADING: a heading inside a section
 * @TSU_TEXT_BODY: running text
 * @TSU_TEXT_BOLD: running text, bold
 * @TSU_TEXT_SMALL: notes, the page header and footer
 * @TSU_TEXT_CELL: table cells
 * @TSU_TEXT_CELL_BOLD: table headers and labels
 * @TSU_TEXT_TINY: the smallest text, for calendar entries and chart labels
 *
 * The text styles of the documents. Every style uses the same Japanese font.
 */
typedef enum {
  TSU_TEXT_TITLE,
  TSU_TEXT_HEADING,
  TSU_TEXT_SUBHEADING,
  TSU_TEXT_BODY,
  TSU_TEXT_BOLD,
  TSU_TEXT_SMALL,
  TSU_TEXT_CELL,
  TSU_TEXT_CELL_BOLD,
  TSU_TEXT_TINY,
  TSU_TEXT_N_STYLES
} TsuTextStyle;

/**
 * TsuColumnFlags:
 * @TSU_COLUMN_LABEL: the column holds labels: shaded, bold
 * @TSU_COLUMN_NO_WRAP: the cells keep to one line and are shortened with "…"
 */
typedef enum {
  TSU_COLUMN_LABEL   = 1 << 0,
  TSU_COLUMN_NO_WRAP = 1 << 1,
} TsuColumnFlags;

/**
 * TsuColumn:
 * @title: (nullable): the header of the column; a table without any title has no
 *   header row
 * @width: the share of the table's width, all columns adding up to 1
 * @align: the alignment of the cells
 * @flags: #TsuColumnFlags
 */
typedef struct {
  const char     *title;
  double          width;
  PangoAlignment  align;
  TsuColumnFlags  flags;
} TsuColumn;

/**
 * TsuRowFlags:
 * @TSU_ROW_MUTED: grey text, for what did not happen (an absentee, a cancelled meeting)
 * @TSU_ROW_SHADED: a light background
 */
typedef enum {
  TSU_ROW_MUTED  = 1 << 0,
  TSU_ROW_SHADED = 1 << 1,
} TsuRowFlags;

/* A colour as 0xRRGGBB. */
#define TSU_RGB(r, g, b) ((guint32) (((r) << 16) | ((g) << 8) | (b)))
#define TSU_COLOR_TEXT  TSU_RGB (0x1a, 0x1a, 0x1a)
#define TSU_COLOR_MUTED TSU_RGB (0x70, 0x70, 0x70)
#define TSU_COLOR_RULE  TSU_RGB (0x80, 0x80, 0x80)
#define TSU_COLOR_SHADE TSU_RGB (0xea, 0xea, 0xea)

/* Millimetres to points. */
#define TSU_MM(mm) ((mm) * 72.0 / 25.4)

#define TSU_TYPE_PAGE_LAYOUT (tsu_page_layout_get_type ())
G_DECLARE_FINAL_TYPE (TsuPageLayout, tsu_page_layout, TSU, PAGE_LAYOUT, GObject)

/**
 * TsuPageLayoutDrawFunc:
 * @layout: the page layout
 * @x: the left edge of the area, in points from the left of the page
 * @y: the top of the area, in points from the top of the page
 * @width: the width of the area
 * @height: the height that was asked for
 * @user_data: the data given with the function
 *
 * Draws into an area of the current page with tsu_page_layout_fill_rect(),
 * tsu_page_layout_draw_line() and tsu_page_layout_draw_text().
 */
typedef void (*TsuPageLayoutDrawFunc) (TsuPageLayout *layout,
                                       double         x,
                                       double         y,
                                       double         width,
                                       double         height,
                                       gpointer       user_data);

GQuark          tsu_page_layout_error_quark     (void);

gboolean        tsu_paper_from_string           (const char             *name,
                                                 TsuPaper               *paper);
void            tsu_paper_get_size              (TsuPaper                paper,
                                                 gboolean                landscape,
                                                 double                 *width,
                                                 double                 *height);

void            tsu_page_layout_init_for_printing (void);
TsuPageLayout  *tsu_page_layout_new_for_size    (double                  width,
                                                 double                  height);
TsuPageLayout  *tsu_page_layout_new             (TsuPaper                paper,
                                                 gboolean                landscape);
void            tsu_page_layout_use_system_fonts (TsuPageLayout         *self);
void            tsu_page_layout_set_lay_out_ahead (TsuPageLayout        *self,
                                                   gboolean              ahead);
TsuPaper        tsu_page_layout_get_paper       (TsuPageLayout          *self);
gboolean        tsu_page_layout_get_landscape   (TsuPageLayout          *self);
double          tsu_page_layout_get_page_width  (TsuPageLayout          *self);
double          tsu_page_layout_get_page_height (TsuPageLayout          *self);
void            tsu_page_layout_get_body        (TsuPageLayout          *self,
                                                 double                 *x,
                                                 double                 *y,
                                                 double                 *width,
                                                 double                 *height);
PangoContext   *tsu_page_layout_get_context     (TsuPageLayout          *self);

/* What every page carries; set before tsu_page_layout_finish(). */
void            tsu_page_layout_set_header      (TsuPageLayout          *self,
                                                 const char             *left,
                                                 const char             *right);
void            tsu_page_layout_set_footer      (TsuPageLayout          *self,
                                                 const char             *text);
void            tsu_page_layout_set_watermark   (TsuPageLayout          *self,
                                                 const char             *text);

void            tsu_page_layout_add_replacement (TsuPageLayout          *self,
                                                 const char             *text,
                                                 const char             *replacement);

/* The flow: blocks one below the other, broken into pages. */
void            tsu_page_layout_add_title       (TsuPageLayout          *self,
                                                 const char             *text);
void            tsu_page_layout_add_heading     (TsuPageLayout          *self,
                                                 TsuTextStyle            style,
                                                 const char             *text);
void            tsu_page_layout_add_text        (TsuPageLayout          *self,
                                                 TsuTextStyle            style,
                                                 const char             *text);
void            tsu_page_layout_add_text_full   (TsuPageLayout          *self,
                                                 TsuTextStyle            style,
                                                 PangoAlignment          align,
                                                 double                  indent,
                                                 const char             *label,
                                                 const char             *text);
void            tsu_page_layout_add_space       (TsuPageLayout          *self,
                                                 double                  points);
void            tsu_page_layout_add_page_break  (TsuPageLayout          *self);
void            tsu_page_layout_begin_keep      (TsuPageLayout          *self);
void            tsu_page_layout_end_keep        (TsuPageLayout          *self);

void            tsu_page_layout_begin_table     (TsuPageLayout          *self,
                                                 const TsuColumn        *columns,
                                                 guint                   n_columns);
void            tsu_page_layout_add_row         (TsuPageLayout          *self,
                                                 const char * const     *cells,
                                                 TsuRowFlags             flags);
void            tsu_page_layout_end_table       (TsuPageLayout          *self);

void            tsu_page_layout_add_drawing     (TsuPageLayout          *self,
                                                 double                  height,
                                                 TsuPageLayoutDrawFunc   func,
                                                 gpointer                user_data,
                                                 GDestroyNotify          destroy);

/* Drawing at a place of the current page, in points from its top left corner. */
void            tsu_page_layout_fill_rect       (TsuPageLayout          *self,
                                                 double                  x,
                                                 double                  y,
                                                 double                  width,
                                                 double                  height,
                                                 guint32                 rgb);
void            tsu_page_layout_draw_line       (TsuPageLayout          *self,
                                                 double                  x1,
                                                 double                  y1,
                                                 double                  x2,
                                                 double                  y2,
                                                 double                  line_width,
                                                 guint32                 rgb);
void            tsu_page_layout_draw_rect       (TsuPageLayout          *self,
                                                 double                  x,
                                                 double                  y,
                                                 double                  width,
                                                 double                  height,
                                                 double                  line_width,
                                                 guint32                 rgb);
double          tsu_page_layout_draw_text       (TsuPageLayout          *self,
                                                 double                  x,
                                                 double                  y,
                                                 double                  width,
                                                 double                  max_height,
                                                 TsuTextStyle            style,
                                                 PangoAlignment          align,
                                                 guint32                 rgb,
                                                 const char             *text);
double          tsu_page_layout_measure_text    (TsuPageLayout          *self,
                                                 TsuTextStyle            style,
                                                 const char             *text,
                                                 double                 *height);
double          tsu_page_layout_get_line_height (TsuPageLayout          *self,
                                                 TsuTextStyle            style);

/* The result. */
void            tsu_page_layout_finish          (TsuPageLayout          *self);
gboolean        tsu_page_layout_get_missing_glyphs (TsuPageLayout       *self);
guint           tsu_page_layout_get_n_pages     (TsuPageLayout          *self);
void            tsu_page_layout_draw_page       (TsuPageLayout          *self,
                                                 cairo_t                *cr,
                                                 guint                   page);
gboolean        tsu_page_layout_write_pdf_to_stream (TsuPageLayout      *self,
                                                 GOutputStream          *stream,
                                                 const char             *title,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
gboolean        tsu_page_layout_write_pdf       (TsuPageLayout          *self,
                                                 GFile                  *file,
                                                 const char             *title,
                                                 GError                **error);

G_END_DECLS
