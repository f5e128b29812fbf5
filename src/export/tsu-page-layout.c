/* tsu-page-layout.c: pages of text, tables and drawings for cairo
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-page-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

#include "tsu-page-layout.h"

/* TsuPageLayout sets text, tables and drawings into pages once, and then draws any
 * page on any cairo_t: a PDF surface, or the one GtkPrintOperation gives for a
 * printed page.
 *
 * Laying out and drawing are apart. Blocks flow one below the other (a paragraph
 * never leaves a single line at the foot or the head of a page, a heading stays with
 * what follows it, a table repeats its header row on every page, a group marked
 * "keep" moves whole to the next page), and every laid out line becomes positioned
 * glyphs on its page: a display list of shapes and of glyph runs, one run for each
 * font and colour of the page. Drawing a page replays its list: its shapes, then
 * one cairo_show_text_glyphs() per run. The whole document shares one PangoContext
 * at 72 dpi, and cairo sees a handful of operations per page instead of one per
 * Pango item, which a PDF surface would analyse one by one.
 *
 * The blocks wait for tsu_page_layout_finish(), which places them in order. Each
 * paragraph and heading has a layout of its own; in a long document a second thread
 * lays them out ahead of the placing, with a PangoContext of its own, as Pango's
 * font maps belong to one thread (see "Laying out ahead"). Tables keep one layout per
 * column, reused for every row.
 *
 * The glyph runs carry their text and clusters, so the PDF keeps the exact text
 * (pdftotext gives back 一 and 日, not the look-alike Kangxi radicals that share
 * their glyphs in the font's cmap). */

/* IPAex Gothic is TrueType: cairo 1.16 subsets it into a small PDF. Noto Sans CJK
 * (CFF) works too but gives files several times larger. */
#define FONT_FAMILIES "IPAexGothic,IPAGothic,Noto Sans CJK JP,sans-serif"
#define DOCUMENT_FONT_FAMILY "IPAexGothic"

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.5
#define RULE_WIDTH 0.5
#define WATERMARK_RGB TSU_RGB (0xf0, 0xd8, 0xd8)

typedef struct {
  double   size;       /* points */
  gboolean bold;
  double   pitch;      /* baseline to baseline, as a multiple of the size */
  double   before;     /* space above the block unless at the top of a page */
  double   after;      /* space below the block */
} StyleInfo;

static const StyleInfo style_info[TSU_TEXT_N_STYLES] = {
  [TSU_TEXT_TITLE] = { 16.0, TRUE, 1.45, 0.0, 8.0 },
  [TSU_TEXT_HEADING] = { 12.0, TRUE, 1.5, 10.0, 5.0 },
  [TSU_TEXT_SUBHEADING] = { 10.5, TRUE, 1.6, 6.0, 1.0 },
  [TSU_TEXT_BODY] = { 10.5, FALSE, 1.6, 0.0, 2.0 },
  [TSU_TEXT_BOLD] = { 10.5, TRUE, 1.6, 0.0, 2.0 },
  [TSU_TEXT_SMALL] = { 8.0, FALSE, 1.35, 0.0, 2.0 },
  [TSU_TEXT_CELL] = { 9.5, FALSE, 1.4, 0.0, 0.0 },
  [TSU_TEXT_CELL_BOLD] = { 9.5, TRUE, 1.4, 0.0, 0.0 },
  [TSU_TEXT_TINY] = { 7.0, FALSE, 1.25, 0.0, 0.0 },
};

/* Page display lists. */

typedef enum {
  SHAPE_FILL,
  SHAPE_LINE,
  SHAPE_RECT,
} ShapeKind;

typedef struct {
  ShapeKind kind;
  guint32   rgb;
  double    line_width;
  double    x1, y1, x2, y2;   /* a line's ends, or a rectangle's x, y, width, height */
} Shape;

typedef struct {
  PangoFont *font;
  guint32    rgb;
  GArray    *glyphs;     /* cairo_glyph_t */
  GArray    *clusters;   /* cairo_text_cluster_t */
  GString   *text;
} GlyphRun;

typedef struct {
  GArray    *shapes;     /* Shape */
  GPtrArray *runs;       /* GlyphRun */
  guint      n_missing;  /* characters that no font had a glyph for */
} Page;

/* Blocks of the flow. */

typedef enum {
  BLOCK_TEXT,
  BLOCK_HEADING,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
  BLOCK_TABLE,
  BLOCK_ROW,
  BLOCK_TABLE_END,
  BLOCK_DRAWING,
  BLOCK_GROUP,
} BlockKind;

typedef enum {
  TEXT_WAITING,     /* nobody has begun to lay it out */
  TEXT_AHEAD,       /* the helper thread is laying it out */
  TEXT_LAID_OUT,    /* laid out, or being laid out by the placing thread */
} TextState;

typedef struct {
  TsuColumn    *columns;
  guint         n_columns;
  double       *x;                /* left edge of each column on the page */
  double       *width;
  PangoLayout **cells;            /* one layout per column, reused for every row */
  PangoLayout **headers;          /* NULL without a header row */
  double        header_height;
  guint         started : 1;      /* the table has begun on the current page */
  double        segment_top;      /* where the table's part on this page starts */
} Table;

/* A paragraph or heading, laid out. */
typedef struct {
  PangoLayout *layout;
  GArray      *lines;        /* LineBox */
  double       height;
  gboolean     by_helper;    /* laid out on the helper thread */
} TextLines;

typedef struct {
  BlockKind              kind;
  guint                  serial;      /* tells blocks apart, unlike their addresses */
  TsuTextStyle           style;
  PangoAlignment         align;
  double                 indent;
  double                 height;      /* of a space or a drawing */
  char                  *label;
  char                  *text;
  char                 **cells;
  TsuRowFlags            row_flags;
  Table                 *table;       /* a reference, for table blocks */
  TsuPageLayoutDrawFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  GPtrArray             *group;       /* Block: the blocks of a keep group */

  /* A text or heading block. */
  guint                  queued;      /* its place among the text blocks of the flow */
  TextState              state;       /* under the helper's lock while it runs */
  TextLines             *laid;
} Block;

/* Where a line of a layout lies, relative to the layout's top. */
typedef struct {
  PangoLayoutLine *line;
  double           top;
  double           bottom;
  double           baseline;
  double           x;
} LineBox;

typedef struct {
  GMutex                 lock;
  GCond                  cond;
  GThread               *thread;
  guint                  next;        /* the first text block the helper has not looked at */
  guint                  wanted;      /* the placing has asked for the text blocks before this */
  guint                  waiting;     /* threads in g_cond_wait() */
  GPtrArray             *litter;      /* TextLines: placed, for the helper to free */
  gboolean               stop;
} Helper;

struct _TsuPageLayout
{
  GObject                parent_instance;

  TsuPaper               paper;
  gboolean               landscape;
  double                 page_width;
  double                 page_height;
  double                 margin_top;
  double                 margin_bottom;
  double                 margin_x;

  PangoContext          *context;
  PangoFontDescription  *fonts[TSU_TEXT_N_STYLES];
  double                 spacing[TSU_TEXT_N_STYLES];  /* between lines, in points */
  PangoLayout           *free_layout;
  PangoLayout           *watermark_layout;
  gboolean               has_japanese_font;
  gboolean               system_fonts;
  gboolean               document_fonts;  /* the font map of the document font alone */
  PangoContext          *helper_context;  /* of the helper's font map, with fonts of the pages */
  GHashTable            *run_fonts;       /* PangoFont → the font its glyph runs go by */

  GPtrArray             *pages;       /* Page */
  Page                  *target;      /* where drawing goes instead of the last page */
  double                 y;           /* the flow's position on the last page */
  GPtrArray             *flow;        /* Block: what tsu_page_layout_finish() places, in order */
  GPtrArray             *texts;       /* Block: the text and heading blocks of the flow */
  Helper                *helper;      /* while a second thread lays out texts ahead */
  gboolean               no_helper;
  GPtrArray             *pending;     /* Block: headings and tables waiting for what follows */
  GPtrArray             *kept;        /* Block: the blocks of an open keep group */
  guint                  keep_depth;
  Table                 *building;    /* the table between begin_table and end_table */
  GArray                *lines;       /* LineBox, scratch */
  GPtrArray             *replacements; /* text, replacement, text, replacement… */
  guint                  serial;      /* of the last block made */

  char                  *header_left;
  char                  *header_right;
  char                  *footer;
  char                  *watermark;
  gboolean               finished;
};

G_DEFINE_FINAL_TYPE (TsuPageLayout, tsu_page_layout, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TsuPaper, tsu_paper,
                    G_DEFINE_ENUM_VALUE (TSU_PAPER_A4, "a4"),
                    G_DEFINE_ENUM_VALUE (TSU_PAPER_A3, "a3"),
                    G_DEFINE_ENUM_VALUE (TSU_PAPER_B5, "b5"),
                    G_DEFINE_ENUM_VALUE (TSU_PAPER_LETTER, "letter"),
                    G_DEFINE_ENUM_VALUE (TSU_PAPER_CUSTOM, "custom"))

G_DEFINE_QUARK (tsu-page-layout-error-quark, tsu_page_layout_error)

/* Pages */

static void
glyph_run_free (gpointer data)
{
  GlyphRun *run = data;

  g_object_unref (run->font);
  g_array_unref (run->glyphs);
  g_array_unref (run->clusters);
  g_string_free (run->text, TRUE);
  g_free (run);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->shapes);
  g_ptr_array_unref (page->runs);
  g_free (page);
}

static Page *
page_new (void)
{
  Page *page = g_new0 (Page, 1);

  page->shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  page->runs = g_ptr_array_new_with_free_func (glyph_run_free);
  return page;
}

static GlyphRun *
page_get_run (Page      *page,
              PangoFont *font,
              guint32    rgb)
{
  GlyphRun *run;

  /* A page has a handful of runs; the last one is the likeliest. */
  for (guint i = page->runs->len; i > 0; i--)
    {
      run = g_ptr_array_index (page->runs, i - 1);
      if (run->font == font && run->rgb == rgb)
        return run;
    }

  run = g_new0 (GlyphRun, 1);
  run->font = g_object_ref (font);
  run->rgb = rgb;
  run->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), 256);
  run->clusters = g_array_sized_new (FALSE, FALSE, sizeof (cairo_text_cluster_t), 256);
  run->text = g_string_sized_new (512);
  g_ptr_array_add (page->runs, run);
  return run;
}

/* Adds the glyphs of one Pango run at (x, baseline) with the text of each cluster,
 * in the order of the glyphs so that right-to-left runs map too. */
static double
page_add_glyph_item (Page           *page,
                     PangoFont      *font,
                     const char     *text,
                     PangoGlyphItem *item,
                     double          x,
                     double          baseline,
                     guint32         rgb)
{
  PangoGlyphString *glyphs = item->glyphs;
  const char *item_text = text + item->item->offset;
  gboolean rtl = item->item->analysis.level % 2 != 0;
  GlyphRun *run = page_get_run (page, font, rgb);
  int position = 0;
  int i = 0;

  while (i < glyphs->num_glyphs)
    {
      int start = glyphs->log_clusters[i];
      int end;
      int j = i;
      int n_drawn = 0;

      for (; j < glyphs->num_glyphs && glyphs->log_clusters[j] == start; j++)
        {
          PangoGlyphInfo *info = &glyphs->glyphs[j];

          if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            page->n_missing++;
          else if (info->glyph != PANGO_GLYPH_EMPTY)
            {
              cairo_glyph_t glyph = {
                info->glyph,
                x + (double) (position + info->geometry.x_offset) / PANGO_SCALE,
                baseline + (double) info->geometry.y_offset / PANGO_SCALE,
              };

              g_array_append_val (run->glyphs, glyph);
              n_drawn++;
            }
          position += info->geometry.width;
        }

      if (!rtl)
        end = j < glyphs->num_glyphs ? glyphs->log_clusters[j] : item->item->length;
      else
        end = i > 0 ? glyphs->log_clusters[i - 1] : item->item->length;

      if (n_drawn > 0)
        {
          cairo_text_cluster_t cluster = { MAX (end - start, 0), n_drawn };

          g_string_append_len (run->text, item_text + start, cluster.num_bytes);
          g_array_append_val (run->clusters, cluster);
        }
      i = j;
    }

  return (double) position / PANGO_SCALE;
}

/* The helper thread's PangoFonts are not the placing thread's, though they are the
 * same fonts: the glyphs of a page go by one of them, so that a page has one run per
 * font and colour whichever thread laid its paragraphs out, and the PDF is the same. */
static PangoFont *
run_font (TsuPageLayout *self,
          PangoFont     *font)
{
  PangoFont *same = g_hash_table_lookup (self->run_fonts, font);
  GHashTableIter iter;
  gpointer key, value;

  if (same != NULL)
    return same;

  same = font;
  g_hash_table_iter_init (&iter, self->run_fonts);
  while (PANGO_IS_FC_FONT (font) && g_hash_table_iter_next (&iter, &key, &value))
    if (key == value && PANGO_IS_FC_FONT (key) &&
        FcPatternEqual (pango_fc_font_get_pattern (PANGO_FC_FONT (font)),
                        pango_fc_font_get_pattern (PANGO_FC_FONT (key))))
      {
        same = key;
        break;
      }
  g_hash_table_insert (self->run_fonts, g_object_ref (font), same);
  return same;
}

static void
page_add_line (TsuPageLayout   *self,
               Page            *page,
               PangoLayout     *layout,
               PangoLayoutLine *line,
               double           x,
               double           baseline,
               guint32          rgb)
{
  const char *text = pango_layout_get_text (layout);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *item = l->data;

      x += page_add_glyph_item (page, run_font (self, item->item->analysis.font), text, item,
                                x, baseline, rgb);
    }
}

static void
page_add_shape (Page      *page,
                ShapeKind  kind,
                guint32    rgb,
                double     line_width,
                double     x1,
                double     y1,
                double     x2,
                double     y2)
{
  Shape shape = { kind, rgb, line_width, x1, y1, x2, y2 };

  g_array_append_val (page->shapes, shape);
}

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Consecutive shapes of one kind, colour and width make one path: cairo and the
 * PDF see one fill or stroke for all the rules of a table. */
static void
page_draw_shapes (Page    *page,
                  cairo_t *cr)
{
  const Shape *last = NULL;

  for (guint i = 0; i < page->shapes->len; i++)
    {
      const Shape *s = &g_array_index (page->shapes, Shape, i);

      if (last != NULL && (s->kind != last->kind || s->rgb != last->rgb ||
                           s->line_width != last->line_width))
        {
          if (last->kind == SHAPE_FILL)
            cairo_fill (cr);
          else
            cairo_stroke (cr);
        }
      if (last == NULL || s->kind != last->kind || s->rgb != last->rgb ||
          s->line_width != last->line_width)
        {
          set_source_rgb (cr, s->rgb);
          cairo_set_line_width (cr, s->line_width);
        }

      if (s->kind == SHAPE_LINE)
        {
          cairo_move_to (cr, s->x1, s->y1);
          cairo_line_to (cr, s->x2, s->y2);
        }
      else
        cairo_rectangle (cr, s->x1, s->y1, s->x2, s->y2);
      last = s;
    }

  if (last != NULL)
    {
      if (last->kind == SHAPE_FILL)
        cairo_fill (cr);
      else
        cairo_stroke (cr);
    }
}

static void
page_draw_runs (Page    *page,
                cairo_t *cr)
{
  for (guint i = 0; i < page->runs->len; i++)
    {
      GlyphRun *run = g_ptr_array_index (page->runs, i);

      if (run->glyphs->len == 0)
        continue;
      set_source_rgb (cr, run->rgb);
      cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->font)));
      cairo_show_text_glyphs (cr, run->text->str, run->text->len,
                              (const cairo_glyph_t *) run->glyphs->data, run->glyphs->len,
                              (const cairo_text_cluster_t *) run->clusters->data,
                              run->clusters->len, 0);
    }
}

/* Blocks */

static void
table_free (Table *table)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_free ((char *) table->columns[i].title);
      g_clear_object (&table->cells[i]);
      if (table->headers != NULL)
        g_clear_object (&table->headers[i]);
    }
  g_free (table->columns);
  g_free (table->x);
  g_free (table->width);
  g_free (table->cells);
  g_free (table->headers);
}

static void
text_lines_free (TextLines *laid)
{
  g_object_unref (laid->layout);
  g_array_unref (laid->lines);
  g_free (laid);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  if (block->destroy != NULL)
    block->destroy (block->data);
  if (block->table != NULL)
    g_rc_box_release_full (block->table, (GDestroyNotify) table_free);
  g_free (block->label);
  g_free (block->text);
  g_strfreev (block->cells);
  g_clear_pointer (&block->group, g_ptr_array_unref);
  g_clear_pointer (&block->laid, text_lines_free);
  g_free (block);
}

static Block *
block_new (TsuPageLayout *self,
           BlockKind      kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->serial = ++self->serial;
  block->align = PANGO_ALIGN_LEFT;
  return block;
}

/* Layouts */

static PangoLayout *
new_layout (TsuPageLayout *self,
            PangoContext  *context,
            TsuTextStyle   style)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_spacing (layout, (int) (self->spacing[style] * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static void
set_layout_style (TsuPageLayout *self,
                  PangoLayout   *layout,
                  TsuTextStyle   style)
{
  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_spacing (layout, (int) (self->spacing[style] * PANGO_SCALE));
}

/* Every piece of text passes here on its way to a page, so that the replacements of a
 * distribution copy reach all of it. */
static char *
replace_text (TsuPageLayout *self,
              const char    *text,
              gssize         length)
{
  GString *out = g_string_new_len (text, length);

  for (guint i = 0; i + 1 < self->replacements->len; i += 2)
    g_string_replace (out, g_ptr_array_index (self->replacements, i),
                      g_ptr_array_index (self->replacements, i + 1), 0);
  return g_string_free (out, FALSE);
}

static void
set_layout_text (TsuPageLayout *self,
                 PangoLayout   *layout,
                 const char    *text,
                 int            length)
{
  g_autofree char *valid = NULL;
  g_autofree char *replaced = NULL;

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);

  /* Text from the database is valid UTF-8; anything else is mended, not refused. */
  if (!g_utf8_validate (text, length, NULL))
    {
      text = valid = g_utf8_make_valid (text, length);
      length = strlen (valid);
    }
  if (self->replacements->len > 0)
    {
      text = replaced = replace_text (self, text, length);
      length = strlen (replaced);
    }
  pango_layout_set_text (layout, text, length);
}

/* Pango puts the spacing between lines, none above the first and below the last; a
 * line of the documents is a box of the whole pitch, with half of the spacing above
 * and half below its text, so that lines of one paragraph or of two are as far apart. */
static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) (height + pango_layout_get_spacing (layout)) / PANGO_SCALE;
}

/* Fills @lines with the lines of @layout. */
static GArray *
collect_lines (PangoLayout *layout,
               GArray      *lines)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double half = (double) pango_layout_get_spacing (layout) / PANGO_SCALE / 2;

  g_array_set_size (lines, 0);
  do
    {
      LineBox box;
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.line = pango_layout_iter_get_line_readonly (iter);
      box.top = (double) y0 / PANGO_SCALE + (lines->len == 0 ? 0 : half);
      box.bottom = (double) y1 / PANGO_SCALE + half;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE + half;
      box.x = (double) logical.x / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  /* The last line's yrange stops at its text. */
  if (lines->len > 0)
    g_array_index (lines, LineBox, lines->len - 1).bottom += half;

  return lines;
}

/* Pages of the flow */

static Page *
current_page (TsuPageLayout *self)
{
  if (self->target != NULL)
    return self->target;
  if (self->pages->len == 0)
    {
      g_ptr_array_add (self->pages, page_new ());
      self->y = self->margin_top;
    }
  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static double
body_bottom (TsuPageLayout *self)
{
  return self->page_height - self->margin_bottom;
}

static double
body_height (TsuPageLayout *self)
{
  return self->page_height - self->margin_top - self->margin_bottom;
}

static double
body_width (TsuPageLayout *self)
{
  return self->page_width - 2 * self->margin_x;
}

static gboolean
at_page_top (TsuPageLayout *self)
{
  return self->pages->len == 0 || self->y <= self->margin_top + 0.01;
}

static void
new_page (TsuPageLayout *self)
{
  g_ptr_array_add (self->pages, page_new ());
  self->y = self->margin_top;
}

static void
add_space_before (TsuPageLayout *self,
                  double         space)
{
  current_page (self);
  if (!at_page_top (self))
    self->y += space;
}

/* Whether a block of @height fits below the current position. */
static gboolean
fits (TsuPageLayout *self,
      double         height)
{
  return self->y + height <= body_bottom (self) + 0.01;
}

/* Breaks the page unless what needs @height fits or would not fit on any page. */
static void
ensure_room (TsuPageLayout *self,
             double         height)
{
  current_page (self);
  if (!at_page_top (self) && !fits (self, height) && height <= body_height (self))
    new_page (self);
}

/* Laying out ahead
 *
 * Pango's line breaking and shaping are most of the work of a long document, and its
 * paragraphs are laid out without regard to where they will go. So a second thread
 * (the helper) lays out the text blocks of the flow ahead of the thread that places
 * them, with a PangoContext of its own: Pango's font maps belong to one thread. The
 * two take the blocks in turn: the placing thread lays out itself the block it needs
 * if the helper has not begun it, and while the helper finishes one it needs, lays
 * out the next that nobody has begun. The helper keeps at most TEXT_AHEAD_MAX blocks
 * ahead of the placing, so that a long document does not hold all its layouts at
 * once, and frees the layouts it made once they are placed. Once laid out, a block's
 * lines are read only: the placing thread calls no Pango function on the helper's
 * layouts. */

#define TEXT_AHEAD_MIN 48    /* text blocks below which a helper would not gain */
#define TEXT_AHEAD_MAX 64

static PangoContext *new_context (gboolean system_fonts);

/* Lays out a text or heading block in a layout of its own, on any thread: it reads
 * only what does not change once the first block is made. */
static void
lay_out_text (TsuPageLayout *self,
              PangoContext  *context,
              Block         *block)
{
  PangoLayout *layout = new_layout (self, context, block->style);

  pango_layout_set_alignment (layout, block->align);
  pango_layout_set_width (layout, (int) ((body_width (self) - block->indent) * PANGO_SCALE));
  if (block->label != NULL)
    {
      g_autofree char *text = g_strconcat (block->label, block->text, NULL);
      int label_width;

      /* A hanging label: the lines after the first start under the text. */
      set_layout_text (self, layout, block->label, -1);
      pango_layout_get_size (layout, &label_width, NULL);
      pango_layout_set_indent (layout, -label_width);
      set_layout_text (self, layout, text, -1);
    }
  else
    set_layout_text (self, layout, block->text, -1);

  block->laid = g_new0 (TextLines, 1);
  block->laid->layout = layout;
  block->laid->height = layout_height (layout);
  block->laid->lines = collect_lines (layout, g_array_new (FALSE, FALSE, sizeof (LineBox)));
}

/* Under the helper's lock: the next text block that nobody has begun, if any within
 * reach, taken for the helper (TEXT_AHEAD) or the placing thread (TEXT_LAID_OUT). */
static Block *
take_next_text (TsuPageLayout *self,
                TextState      state)
{
  Helper *helper = self->helper;

  while (helper->next < self->texts->len && helper->next < helper->wanted + TEXT_AHEAD_MAX)
    {
      Block *block = g_ptr_array_index (self->texts, helper->next++);

      if (block->state == TEXT_WAITING)
        {
          block->state = state;
          return block;
        }
    }
  return NULL;
}

/* Under the helper's lock. GLib's condition variables make a system call to signal
 * even when nobody waits. */
static void
helper_wait (Helper *helper)
{
  helper->waiting++;
  g_cond_wait (&helper->cond, &helper->lock);
  helper->waiting--;
}

static void
helper_signal (Helper *helper)
{
  if (helper->waiting > 0)
    g_cond_broadcast (&helper->cond);
}

static gpointer
helper_run (gpointer data)
{
  TsuPageLayout *self = data;
  Helper *helper = self->helper;
  PangoContext *context = new_context (self->system_fonts);

  g_mutex_lock (&helper->lock);
  while (!helper->stop)
    {
      g_autoptr(GPtrArray) litter = NULL;
      Block *block;

      /* What one thread allocates and another frees makes the two wait for each
       * other's memory allocator: the helper frees what it made. */
      if (helper->litter->len > 0)
        {
          litter = g_steal_pointer (&helper->litter);
          helper->litter = g_ptr_array_new_with_free_func ((GDestroyNotify) text_lines_free);
        }
      block = take_next_text (self, TEXT_AHEAD);
      if (block == NULL && litter == NULL)
        {
          helper_wait (helper);
          continue;
        }
      g_mutex_unlock (&helper->lock);

      g_clear_pointer (&litter, g_ptr_array_unref);
      if (block != NULL)
        lay_out_text (self, context, block);

      g_mutex_lock (&helper->lock);
      if (block != NULL)
        {
          block->state = TEXT_LAID_OUT;
          block->laid->by_helper = TRUE;
          helper_signal (helper);
        }
    }
  g_mutex_unlock (&helper->lock);

  /* The pages may hold fonts of its font map. */
  return context;
}

static void
start_helper (TsuPageLayout *self)
{
  if (self->no_helper || self->texts->len < TEXT_AHEAD_MIN || g_get_num_processors () < 2)
    return;

  self->helper = g_new0 (Helper, 1);
  g_mutex_init (&self->helper->lock);
  g_cond_init (&self->helper->cond);
  self->helper->litter = g_ptr_array_new_with_free_func ((GDestroyNotify) text_lines_free);
  self->helper->thread = g_thread_try_new ("tsu-lay-out", helper_run, self, NULL);
  if (self->helper->thread == NULL)
    {
      g_ptr_array_unref (self->helper->litter);
      g_clear_pointer (&self->helper, g_free);
    }
}

static void
stop_helper (TsuPageLayout *self)
{
  Helper *helper = self->helper;
  PangoContext *context;

  if (helper == NULL)
    return;

  g_mutex_lock (&helper->lock);
  helper->stop = TRUE;
  helper_signal (helper);
  g_mutex_unlock (&helper->lock);

  context = g_thread_join (helper->thread);
  if (self->helper_context == NULL)
    self->helper_context = context;
  else
    g_object_unref (context);
  g_ptr_array_unref (helper->litter);
  g_mutex_clear (&helper->lock);
  g_cond_clear (&helper->cond);
  g_clear_pointer (&self->helper, g_free);
}

/* The lines of a text or heading block, laid out here unless the helper has begun. */
static TextLines *
laid_out (TsuPageLayout *self,
          Block         *block)
{
  Helper *helper = self->helper;

  if (helper != NULL)
    {
      g_mutex_lock (&helper->lock);
      if (block->queued + 1 > helper->wanted)
        {
          helper->wanted = block->queued + 1;
          helper_signal (helper);
        }
      while (block->state == TEXT_AHEAD)
        {
          /* Rather than wait, lay out the next block that nobody has begun. */
          Block *other = take_next_text (self, TEXT_LAID_OUT);

          if (other == NULL)
            {
              helper_wait (helper);
              continue;
            }
          g_mutex_unlock (&helper->lock);
          lay_out_text (self, self->context, other);
          g_mutex_lock (&helper->lock);
        }
      block->state = TEXT_LAID_OUT;
      /* The helper never comes back to a block it has passed, which may be freed. */
      helper->next = MAX (helper->next, block->queued + 1);
      g_mutex_unlock (&helper->lock);
    }

  if (block->laid == NULL)
    lay_out_text (self, self->context, block);
  return block->laid;
}

/* Frees the layout of a placed text or heading block, or gives it to the helper to
 * free. */
static void
release_text (TsuPageLayout *self,
              Block         *block)
{
  Helper *helper = self->helper;
  TextLines *laid = g_steal_pointer (&block->laid);

  if (helper != NULL && laid->by_helper)
    {
      g_mutex_lock (&helper->lock);
      g_ptr_array_add (helper->litter, laid);
      g_mutex_unlock (&helper->lock);
    }
  else
    text_lines_free (laid);
}

/* Places the lines of a paragraph, breaking pages between lines: at least two lines
 * at the foot of a page and two at the head of the next, a paragraph of three lines
 * or fewer kept whole. */
static void
place_paragraph (TsuPageLayout *self,
                 Block         *block,
                 double         x,
                 guint32        rgb)
{
  TextLines *laid = laid_out (self, block);
  GArray *lines = laid->lines;
  guint n = lines->len;
  guint i = 0;

  current_page (self);
  while (i < n)
    {
      const LineBox *first = &g_array_index (lines, LineBox, i);
      double available = body_bottom (self) - self->y + 0.01;
      guint remaining = n - i;
      guint k = 0;

      while (k < remaining &&
             g_array_index (lines, LineBox, i + k).bottom - first->top <= available)
        k++;

      if (k < remaining)
        {
          if (!at_page_top (self))
            {
              if (remaining <= 3 || k < 2)
                {
                  new_page (self);
                  continue;
                }
              if (remaining - k < 2)
                k = remaining - 2;
              if (k < 2)
                {
                  new_page (self);
                  continue;
                }
            }
          else
            {
              /* Even a page of its own does not hold the rest of the paragraph. */
              if (k == 0)
                k = 1;
              else if (remaining - k == 1 && k > 2)
                k--;
            }
        }

      for (guint j = i; j < i + k; j++)
        {
          const LineBox *box = &g_array_index (lines, LineBox, j);

          page_add_line (self, current_page (self), laid->layout, box->line, x + box->x,
                         self->y + box->baseline - first->top, rgb);
        }
      self->y += g_array_index (lines, LineBox, i + k - 1).bottom - first->top;
      i += k;
      if (i < n)
        new_page (self);
    }
  release_text (self, block);
}

/* Height of the part of a paragraph that must go on a page with what precedes it. */
static double
paragraph_first_height (TsuPageLayout *self,
                        Block         *block)
{
  GArray *lines = laid_out (self, block)->lines;
  guint n = lines->len <= 3 ? lines->len : 2;

  return g_array_index (lines, LineBox, n - 1).bottom;
}

static void
place_text (TsuPageLayout *self,
            Block         *block)
{
  add_space_before (self, style_info[block->style].before);
  place_paragraph (self, block, self->margin_x + block->indent, TSU_COLOR_TEXT);
  self->y += style_info[block->style].after;
}

static void
place_heading (TsuPageLayout *self,
               Block         *block)
{
  double height = laid_out (self, block)->height;

  add_space_before (self, style_info[block->style].before);
  ensure_room (self, height + 2);
  place_paragraph (self, block, self->margin_x + block->indent, TSU_COLOR_TEXT);
  if (block->style == TSU_TEXT_HEADING)
    {
      self->y += 1.5;
      page_add_shape (current_page (self), SHAPE_LINE, TSU_COLOR_TEXT, 0.8,
                      self->margin_x, self->y, self->margin_x + body_width (self), self->y);
      self->y += 0.5;
    }
  self->y += style_info[block->style].after;
}

/* Tables */

static void
table_close_segment (TsuPageLayout *self,
                     Table         *table)
{
  Page *page = current_page (self);
  double right = table->x[table->n_columns - 1] + table->width[table->n_columns - 1];

  if (!table->started || self->y <= table->segment_top)
    return;
  for (guint i = 0; i < table->n_columns; i++)
    page_add_shape (page, SHAPE_LINE, TSU_COLOR_RULE, RULE_WIDTH,
                    table->x[i], table->segment_top, table->x[i], self->y);
  page_add_shape (page, SHAPE_LINE, TSU_COLOR_RULE, RULE_WIDTH,
                  right, table->segment_top, right, self->y);
}

static void
place_lines_at (TsuPageLayout *self,
                PangoLayout   *layout,
                double         x,
                double         y,
                guint32        rgb)
{
  GArray *lines = collect_lines (layout, self->lines);
  Page *page = current_page (self);

  for (guint i = 0; i < lines->len; i++)
    {
      const LineBox *box = &g_array_index (lines, LineBox, i);

      page_add_line (self, page, layout, box->line, x + box->x, y + box->baseline, rgb);
    }
}

static void
table_start_segment (TsuPageLayout *self,
                     Table         *table)
{
  Page *page = current_page (self);
  double left = table->x[0];
  double right = table->x[table->n_columns - 1] + table->width[table->n_columns - 1];

  table->started = TRUE;
  table->segment_top = self->y;
  page_add_shape (page, SHAPE_LINE, TSU_COLOR_RULE, RULE_WIDTH, left, self->y, right, self->y);

  if (table->headers == NULL)
    return;

  page_add_shape (page, SHAPE_FILL, TSU_COLOR_SHADE, 0, left, self->y, right - left,
                  table->header_height);
  for (guint i = 0; i < table->n_columns; i++)
    place_lines_at (self, table->headers[i], table->x[i] + CELL_PAD_X, self->y + CELL_PAD_Y,
                    TSU_COLOR_TEXT);
  self->y += table->header_height;
  page_add_shape (page, SHAPE_LINE, TSU_COLOR_RULE, RULE_WIDTH, left, self->y, right, self->y);
}

static void
table_break_page (TsuPageLayout *self,
                  Table         *table)
{
  table_close_segment (self, table);
  new_page (self);
  table_start_segment (self, table);
}

static double
table_layout_row (TsuPageLayout *self,
                  Table         *table,
                  char         **cells)
{
  double height = 0;
  guint n_cells = cells != NULL ? g_strv_length (cells) : 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      set_layout_text (self, table->cells[i], i < n_cells ? cells[i] : "", -1);
      height = MAX (height, layout_height (table->cells[i]));
    }
  return height + 2 * CELL_PAD_Y;
}

static void
table_row_background (TsuPageLayout *self,
                      Table         *table,
                      TsuRowFlags    flags,
                      double         height)
{
  Page *page = current_page (self);
  double left = table->x[0];
  double right = table->x[table->n_columns - 1] + table->width[table->n_columns - 1];

  if (flags & TSU_ROW_SHADED)
    page_add_shape (page, SHAPE_FILL, TSU_COLOR_SHADE, 0, left, self->y, right - left, height);
  else
    for (guint i = 0; i < table->n_columns; i++)
      if (table->columns[i].flags & TSU_COLUMN_LABEL)
        page_add_shape (page, SHAPE_FILL, TSU_COLOR_SHADE, 0, table->x[i], self->y,
                        table->width[i], height);
}

static void
table_row_rule (TsuPageLayout *self,
                Table         *table)
{
  double right = table->x[table->n_columns - 1] + table->width[table->n_columns - 1];

  page_add_shape (current_page (self), SHAPE_LINE, TSU_COLOR_RULE, RULE_WIDTH,
                  table->x[0], self->y, right, self->y);
}

/* A row taller than a page: its cells continue on the next pages, line by line. */
static void
table_split_row (TsuPageLayout *self,
                 Table         *table,
                 TsuRowFlags    flags,
                 guint32        rgb)
{
  g_autofree guint *next = g_new0 (guint, table->n_columns);
  g_autofree double *offset = g_new0 (double, table->n_columns);
  g_autoptr(GPtrArray) cell_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gboolean done = FALSE;
  gboolean fresh = FALSE;   /* just after a page break: place at least a line */

  /* The lines of every cell, once: a cell may run over many pages. */
  for (guint c = 0; c < table->n_columns; c++)
    g_ptr_array_add (cell_lines, g_array_copy (collect_lines (table->cells[c], self->lines)));

  while (!done)
    {
      double available = body_bottom (self) - self->y - 2 * CELL_PAD_Y + 0.01;
      double used = 0;

      done = TRUE;
      for (guint c = 0; c < table->n_columns; c++)
        {
          GArray *lines = g_ptr_array_index (cell_lines, c);
          guint j = next[c];

          for (; j < lines->len; j++)
            {
              const LineBox *box = &g_array_index (lines, LineBox, j);

              if (box->bottom - offset[c] > available && !(fresh && j == next[c]))
                break;
              page_add_line (self, current_page (self), table->cells[c], box->line,
                             table->x[c] + CELL_PAD_X + box->x,
                             self->y + CELL_PAD_Y + box->baseline - offset[c], rgb);
              used = MAX (used, box->bottom - offset[c]);
            }
          if (j < lines->len)
            {
              done = FALSE;
              offset[c] = g_array_index (lines, LineBox, j).top;
            }
          next[c] = j;
        }

      if (used > 0)
        {
          /* The shading goes under the glyphs already placed: shapes are drawn first. */
          table_row_background (self, table, flags, used + 2 * CELL_PAD_Y);
          self->y += used + 2 * CELL_PAD_Y;
          table_row_rule (self, table);
        }
      fresh = FALSE;
      if (!done)
        {
          table_break_page (self, table);
          fresh = TRUE;
        }
    }
}

static void
place_row (TsuPageLayout *self,
           Block         *block)
{
  Table *table = block->table;
  double height = table_layout_row (self, table, block->cells);
  double header = table->headers != NULL ? table->header_height : 0;
  guint32 rgb = (block->row_flags & TSU_ROW_MUTED) ? TSU_COLOR_MUTED : TSU_COLOR_TEXT;

  current_page (self);
  if (!table->started)
    {
      double line = tsu_page_layout_get_line_height (self, TSU_TEXT_CELL);

      /* Never a header row alone at the foot of a page. */
      add_space_before (self, 4);
      if (height <= body_height (self) - header)
        ensure_room (self, header + height);
      else
        ensure_room (self, header + 3 * line + 2 * CELL_PAD_Y);
      table_start_segment (self, table);
    }

  if (!fits (self, height))
    {
      if (height <= body_height (self) - header)
        table_break_page (self, table);
      else
        {
          table_split_row (self, table, block->row_flags, rgb);
          return;
        }
    }

  table_row_background (self, table, block->row_flags, height);
  for (guint i = 0; i < table->n_columns; i++)
    place_lines_at (self, table->cells[i], table->x[i] + CELL_PAD_X, self->y + CELL_PAD_Y, rgb);
  self->y += height;
  table_row_rule (self, table);
}

static void
place_table_end (TsuPageLayout *self,
                 Block         *block)
{
  Table *table = block->table;

  if (!table->started && table->headers != NULL)
    {
      add_space_before (self, 4);
      ensure_room (self, table->header_height);
      table_start_segment (self, table);
    }
  table_close_segment (self, table);
  if (table->started)
    self->y += 6;
  table->started = FALSE;
}

static Table *
table_new (TsuPageLayout   *self,
           const TsuColumn *columns,
           guint            n_columns)
{
  Table *table = g_rc_box_new0 (Table);
  double total = 0;
  double x = self->margin_x;
  gboolean has_header = FALSE;

  table->n_columns = n_columns;
  table->columns = g_new0 (TsuColumn, n_columns);
  table->x = g_new0 (double, n_columns);
  table->width = g_new0 (double, n_columns);
  table->cells = g_new0 (PangoLayout *, n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      total += MAX (columns[i].width, 0.01);
      has_header |= columns[i].title != NULL;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      TsuTextStyle style = (columns[i].flags & TSU_COLUMN_LABEL) ? TSU_TEXT_CELL_BOLD
                                                                 : TSU_TEXT_CELL;
      int text_width;

      table->columns[i] = columns[i];
      table->columns[i].title = g_strdup (columns[i].title);
      table->x[i] = x;
      table->width[i] = body_width (self) * MAX (columns[i].width, 0.01) / total;
      x += table->width[i];
      text_width = (int) ((table->width[i] - 2 * CELL_PAD_X) * PANGO_SCALE);

      table->cells[i] = new_layout (self, self->context, style);
      pango_layout_set_width (table->cells[i], MAX (text_width, PANGO_SCALE));
      pango_layout_set_alignment (table->cells[i], columns[i].align);
      if (columns[i].flags & TSU_COLUMN_NO_WRAP)
        {
          pango_layout_set_ellipsize (table->cells[i], PANGO_ELLIPSIZE_END);
          pango_layout_set_height (table->cells[i], -1);
        }
    }

  if (has_header)
    {
      table->headers = g_new0 (PangoLayout *, n_columns);
      for (guint i = 0; i < n_columns; i++)
        {
          table->headers[i] = new_layout (self, self->context, TSU_TEXT_CELL_BOLD);
          pango_layout_set_width (table->headers[i],
                                  pango_layout_get_width (table->cells[i]));
          pango_layout_set_alignment (table->headers[i], PANGO_ALIGN_CENTER);
          set_layout_text (self, table->headers[i], columns[i].title, -1);
          table->header_height = MAX (table->header_height,
                                      layout_height (table->headers[i]) + 2 * CELL_PAD_Y);
        }
    }
  return table;
}

/* The flow */

static void
place_drawing (TsuPageLayout *self,
               Block         *block)
{
  add_space_before (self, 4);
  ensure_room (self, block->height);
  block->func (self, self->margin_x, self->y, body_width (self), block->height, block->data);
  self->y += block->height + 4;
}

static void
place_block (TsuPageLayout *self,
             Block         *block)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
      place_text (self, block);
      break;
    case BLOCK_HEADING:
      place_heading (self, block);
      break;
    case BLOCK_SPACE:
      add_space_before (self, block->height);
      break;
    case BLOCK_PAGE_BREAK:
      current_page (self);
      if (!at_page_top (self))
        new_page (self);
      break;
    case BLOCK_TABLE:
      break;   /* the header goes with the first row */
    case BLOCK_ROW:
      place_row (self, block);
      break;
    case BLOCK_TABLE_END:
      place_table_end (self, block);
      break;
    case BLOCK_DRAWING:
      place_drawing (self, block);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The whole height of a block, for keeping groups together. */
static double
measure_block (TsuPageLayout *self,
               Block         *block,
               gboolean       first_part)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
    case BLOCK_HEADING:
      return style_info[block->style].before + style_info[block->style].after +
             (first_part ? paragraph_first_height (self, block) : laid_out (self, block)->height);
    case BLOCK_SPACE:
      return block->height;
    case BLOCK_TABLE:
      return 4 + (block->table->headers != NULL ? block->table->header_height : 0);
    case BLOCK_ROW:
      return table_layout_row (self, block->table, block->cells);
    case BLOCK_DRAWING:
      return block->height + 8;
    case BLOCK_PAGE_BREAK:
    case BLOCK_TABLE_END:
    case BLOCK_GROUP:
    default:
      return 0;
    }
}

static void
place_pending (TsuPageLayout *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    place_block (self, g_ptr_array_index (self->pending, i));
  g_ptr_array_set_size (self->pending, 0);
}

static void
process_block (TsuPageLayout *self,
               Block         *block)
{
  double needed = 0;

  /* Headings and table headers wait for what follows them so as to stay with it. */
  if (block->kind == BLOCK_HEADING || block->kind == BLOCK_TABLE ||
      (block->kind == BLOCK_SPACE && self->pending->len > 0))
    {
      g_ptr_array_add (self->pending, block);
      return;
    }

  if (self->pending->len > 0 && block->kind != BLOCK_PAGE_BREAK)
    {
      for (guint i = 0; i < self->pending->len; i++)
        needed += measure_block (self, g_ptr_array_index (self->pending, i), FALSE);
      needed += measure_block (self, block, TRUE);
      ensure_room (self, needed);
    }
  place_pending (self);
  place_block (self, block);
  block_free (block);
}

/* A keep group goes to the next page whole if it does not fit, with the headings
 * that wait for it. */
static void
place_group (TsuPageLayout *self,
             GPtrArray     *blocks)
{
  double needed = 0;

  for (guint i = 0; i < self->pending->len; i++)
    needed += measure_block (self, g_ptr_array_index (self->pending, i), FALSE);
  for (guint i = 0; i < blocks->len; i++)
    needed += measure_block (self, g_ptr_array_index (blocks, i), FALSE);
  ensure_room (self, needed);

  g_ptr_array_set_free_func (blocks, NULL);
  for (guint i = 0; i < blocks->len; i++)
    process_block (self, g_ptr_array_index (blocks, i));
}

/* Places the flow, laying out its texts ahead on the helper thread. */
static void
place_flow (TsuPageLayout *self)
{
  g_autofree gpointer *flow = NULL;
  gsize n = 0;

  start_helper (self);
  flow = g_ptr_array_steal (self->flow, &n);
  for (gsize i = 0; i < n; i++)
    {
      Block *block = flow[i];

      if (block->kind == BLOCK_GROUP)
        {
          place_group (self, block->group);
          block_free (block);
        }
      else
        process_block (self, block);
    }
  stop_helper (self);
  g_ptr_array_set_size (self->texts, 0);
}

static void
add_block (TsuPageLayout *self,
           Block         *block)
{
  g_return_if_fail (!self->finished);

  if (block->kind == BLOCK_TEXT || block->kind == BLOCK_HEADING)
    {
      block->queued = self->texts->len;
      g_ptr_array_add (self->texts, block);
    }
  g_ptr_array_add (self->keep_depth > 0 ? self->kept : self->flow, block);
}

/* GObject */

static void
clear_fonts (TsuPageLayout *self)
{
  for (guint i = 0; i < TSU_TEXT_N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->free_layout);
  g_clear_object (&self->watermark_layout);
  g_clear_object (&self->context);
}

static void
tsu_page_layout_finalize (GObject *object)
{
  TsuPageLayout *self = TSU_PAGE_LAYOUT (object);

  g_ptr_array_unref (self->texts);
  g_ptr_array_unref (self->flow);
  g_ptr_array_unref (self->kept);
  g_ptr_array_unref (self->pending);
  if (self->building != NULL)
    g_rc_box_release_full (self->building, (GDestroyNotify) table_free);
  g_ptr_array_unref (self->pages);
  g_hash_table_unref (self->run_fonts);
  g_array_unref (self->lines);
  g_ptr_array_unref (self->replacements);
  clear_fonts (self);
  g_clear_object (&self->helper_context);
  g_free (self->header_left);
  g_free (self->header_right);
  g_free (self->footer);
  g_free (self->watermark);

  G_OBJECT_CLASS (tsu_page_layout_parent_class)->finalize (object);
}

static void
tsu_page_layout_class_init (TsuPageLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_page_layout_finalize;
}

static void
tsu_page_layout_init (TsuPageLayout *self)
{
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->run_fonts = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->flow = g_ptr_array_new_with_free_func (block_free);
  self->texts = g_ptr_array_new ();
  self->pending = g_ptr_array_new_with_free_func (block_free);
  self->kept = g_ptr_array_new_with_free_func (block_free);
  self->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  self->replacements = g_ptr_array_new_with_free_func (g_free);
}

/* Fonts
 *
 * With the fonts of the whole system, fontconfig reads its whole configuration and
 * every font's cache, and sorts all the fonts for each style of text: a good part of
 * the time of a program that prints one document. Where IPAex Gothic is installed,
 * the pages use a font map of that one font file instead, with the one rule of the
 * system's configuration that touches it: bold is emboldened (90-synthetic.conf), as
 * IPAex has no bold face. Every character IPAex Gothic has comes from it either way,
 * as it is the first of FONT_FAMILIES, so the PDF is the same; a document with a
 * character it lacks is laid out again with the system's fonts
 * (tsu_page_layout_get_missing_glyphs()). */

static const char * const document_font_files[] = {
  "fonts/opentype/ipaexfont-gothic/ipaexg.ttf",   /* Debian, Ubuntu */
  "fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
  "fonts/ipaexfont/ipaexg.ttf",                   /* the Flatpak */
  "fonts/ipa-ex-gothic-fonts/ipaexg.ttf",         /* Fedora */
  "fonts/TTF/ipaexg.ttf",
};

static const char document_font_config[] =
  "<?xml version=\"1.0\"?>\n"
  "<fontconfig>\n"
  "  <match target=\"font\">\n"
  "    <test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>\n"
  "    <test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>\n"
  "    <edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>\n"
  "    <edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>\n"
  "  </match>\n"
  "</fontconfig>\n";

static char *
find_document_font (void)
{
  const char * const *system_dirs = g_get_system_data_dirs ();

  for (int d = -1; d < 0 || system_dirs[d] != NULL; d++)
    {
      const char *dir = d < 0 ? g_get_user_data_dir () : system_dirs[d];

      for (guint i = 0; i < G_N_ELEMENTS (document_font_files); i++)
        {
          g_autofree char *path = g_build_filename (dir, document_font_files[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return g_steal_pointer (&path);
        }
    }
  return NULL;
}

/* Returns: (transfer none) (nullable): the configuration of the document font alone,
 * or %NULL to use the system's */
static FcConfig *
get_document_config (void)
{
  static FcConfig *document_config;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *path = NULL;

      /* Whoever points fontconfig at a configuration of their own gets it. */
      if (g_getenv ("FONTCONFIG_FILE") == NULL && g_getenv ("FONTCONFIG_PATH") == NULL)
        path = find_document_font ();
      if (path != NULL)
        {
          FcConfig *config = FcConfigCreate ();

          if (FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) document_font_config, FcFalse) &&
              FcConfigAppFontAddFile (config, (const FcChar8 *) path))
            document_config = config;
          else
            FcConfigDestroy (config);
        }
      g_once_init_leave (&initialized, 1);
    }

  return document_config;
}

/* Set by tsu_page_layout_init_for_printing(): fontconfig's default configuration is
 * the document font's, and the system's is read only when a document needs it. */
static gboolean document_config_is_default;

/* Returns: (transfer none): the system's configuration, read apart from the default
 * one */
static FcConfig *
get_system_config (void)
{
  static FcConfig *system_config;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      system_config = FcInitLoadConfigAndFonts ();
      g_once_init_leave (&initialized, 1);
    }
  return system_config;
}

/* Like pango_cairo_font_map_get_default(), font maps belong to the thread that made
 * them. */
static GPrivate document_font_map = G_PRIVATE_INIT (g_object_unref);
static GPrivate system_font_map = G_PRIVATE_INIT (g_object_unref);

static PangoFontMap *
get_font_map (gboolean system_fonts)
{
  FcConfig *config = system_fonts ? NULL : get_document_config ();
  GPrivate *key = &document_font_map;
  PangoFontMap *font_map;

  if (config == NULL && !document_config_is_default)
    return pango_cairo_font_map_get_default ();
  if (config == NULL)
    {
      config = get_system_config ();
      key = &system_font_map;
    }

  font_map = g_private_get (key);
  if (font_map == NULL)
    {
      font_map = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
      pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (font_map), config);
      g_private_set (key, font_map);
    }
  return font_map;
}

/* A context of the calling thread's font map. */
static PangoContext *
new_context (gboolean system_fonts)
{
  PangoContext *context = pango_font_map_create_context (get_font_map (system_fonts));
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points are the unit at 72 dpi; unhinted metrics place glyphs where a PDF wants
   * them, whatever the resolution of the surface that draws them later. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* Glyphs where the font puts them: rounded to whole points, 10.5-point Japanese
   * text is set 11 points apart, a twentieth wider than solid setting, and the PDF
   * holds a correction after every character. */
  pango_context_set_round_glyph_positions (context, FALSE);
  /* Han characters take their Japanese forms from a font that has several. */
  pango_context_set_language (context, pango_language_from_string ("ja"));
  return context;
}

static void
setup_fonts (TsuPageLayout *self,
             gboolean       system_fonts)
{
  PangoFontMap *font_map = get_font_map (system_fonts);
  g_autoptr(PangoFontDescription) body = NULL;
  g_autoptr(PangoFont) font = NULL;
  double height = 0;

  self->system_fonts = system_fonts;
  self->context = new_context (system_fonts);

  body = pango_font_description_new ();
  self->document_fonts = !system_fonts && get_document_config () != NULL;
  /* The font map of the document font has no other family to look for, and a short
   * name is quicker to compare in Pango's caches. */
  pango_font_description_set_family_static (body, self->document_fonts ? DOCUMENT_FONT_FAMILY
                                                                        : FONT_FAMILIES);
  pango_font_description_set_absolute_size (body, 100 * PANGO_SCALE);
  font = pango_font_map_load_font (font_map, self->context, body);
  self->has_japanese_font = font != NULL && pango_font_has_char (font, 0x65E5 /* 日 */);

  /* The documents want the same pitch whichever Japanese font is installed: the space
   * between lines is the pitch less the height of a line of the font, which is in
   * proportion to its size. */
  {
    g_autoptr(PangoLayout) sample = pango_layout_new (self->context);
    int h;

    pango_layout_set_font_description (sample, body);
    pango_layout_set_text (sample, "日A", -1);
    pango_layout_get_size (sample, NULL, &h);
    height = (double) h / PANGO_SCALE / 100;
  }

  for (guint i = 0; i < TSU_TEXT_N_STYLES; i++)
    {
      PangoFontDescription *desc = pango_font_description_copy_static (body);

      pango_font_description_set_absolute_size (desc, style_info[i].size * PANGO_SCALE);
      pango_font_description_set_weight (desc, style_info[i].bold ? PANGO_WEIGHT_BOLD
                                                                  : PANGO_WEIGHT_NORMAL);
      self->fonts[i] = desc;
      self->spacing[i] = MAX (0, style_info[i].size * (style_info[i].pitch - height));
    }

  self->free_layout = new_layout (self, self->context, TSU_TEXT_BODY);
}

/* Public API */

/**
 * tsu_paper_from_string:
 * @name: "a4", "a3", "b5" or "letter", in any case
 * @paper: (out): the paper
 *
 * Returns: whether @name is a paper size
 */
gboolean
tsu_paper_from_string (const char *name,
                       TsuPaper   *paper)
{
  static const char * const names[] = { "a4", "a3", "b5", "letter" };

  g_return_val_if_fail (paper != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *paper = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * tsu_paper_get_size:
 * @paper: a paper size
 * @landscape: whether the long side is across
 * @width: (out): the width in points
 * @height: (out): the height in points
 */
void
tsu_paper_get_size (TsuPaper  paper,
                    gboolean  landscape,
                    double   *width,
                    double   *height)
{
  double w, h;

  switch (paper)
    {
    case TSU_PAPER_A3:
      w = TSU_MM (297);
      h = TSU_MM (420);
      break;
    case TSU_PAPER_B5:
      w = TSU_MM (182);
      h = TSU_MM (257);
      break;
    case TSU_PAPER_LETTER:
      w = 8.5 * 72;
      h = 11 * 72;
      break;
    case TSU_PAPER_A4:
    default:
      w = TSU_MM (210);
      h = TSU_MM (297);
      break;
    }

  *width = landscape ? h : w;
  *height = landscape ? w : h;
}

/**
 * tsu_page_layout_init_for_printing:
 *
 * For a program that draws nothing but documents, such as tsunagu-cli: makes the
 * document font fontconfig's default configuration, so that the configuration of the
 * system and the caches of all its fonts are read only for a document that needs
 * another font. Call it before anything uses Pango or fontconfig; it does nothing
 * where the document font is not installed.
 */
void
tsu_page_layout_init_for_printing (void)
{
  FcConfig *config = get_document_config ();

  /* Pango's first font map runs FcInit(), which loads the system's configuration
   * unless there is a default one already. */
  if (config != NULL && FcConfigSetCurrent (config))
    document_config_is_default = TRUE;
  get_font_map (FALSE);
}

/**
 * tsu_page_layout_new:
 * @paper: the paper size
 * @landscape: whether the pages are landscape
 *
 * Returns: (transfer full): an empty page layout
 */
TsuPageLayout *
tsu_page_layout_new (TsuPaper paper,
                     gboolean landscape)
{
  TsuPageLayout *self = g_object_new (TSU_TYPE_PAGE_LAYOUT, NULL);

  self->paper = paper;
  self->landscape = landscape;
  tsu_paper_get_size (paper, landscape, &self->page_width, &self->page_height);
  self->margin_x = TSU_MM (paper == TSU_PAPER_B5 ? 16 : 20);
  self->margin_top = TSU_MM (landscape ? 20 : 22);
  self->margin_bottom = TSU_MM (landscape ? 18 : 20);
  setup_fonts (self, FALSE);
  return self;
}

/**
 * tsu_page_layout_new_for_size:
 * @width: the width of the paper in points, at least 100 mm
 * @height: the height of the paper in points, at least 100 mm
 *
 * Makes pages of any size, such as the paper a print dialog chose
 * (gtk_page_setup_get_paper_width() in points).
 *
 * Returns: (transfer full): an empty page layout of %TSU_PAPER_CUSTOM
 */
TsuPageLayout *
tsu_page_layout_new_for_size (double width,
                              double height)
{
  TsuPageLayout *self = g_object_new (TSU_TYPE_PAGE_LAYOUT, NULL);

  self->paper = TSU_PAPER_CUSTOM;
  self->page_width = MAX (width, TSU_MM (100));
  self->page_height = MAX (height, TSU_MM (100));
  self->landscape = self->page_width > self->page_height;
  self->margin_x = TSU_MM (MIN (self->page_width, self->page_height) < TSU_MM (200) ? 16 : 20);
  self->margin_top = TSU_MM (self->landscape ? 20 : 22);
  self->margin_bottom = TSU_MM (self->landscape ? 18 : 20);
  setup_fonts (self, FALSE);
  return self;
}

/**
 * tsu_page_layout_get_paper:
 *
 * Returns: the paper size
 */
TsuPaper
tsu_page_layout_get_paper (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), TSU_PAPER_A4);

  return self->paper;
}

/**
 * tsu_page_layout_get_landscape:
 *
 * Returns: whether the pages are landscape
 */
gboolean
tsu_page_layout_get_landscape (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), FALSE);

  return self->landscape;
}

/**
 * tsu_page_layout_get_page_width:
 *
 * Returns: the width of the paper in points
 */
double
tsu_page_layout_get_page_width (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), 0);

  return self->page_width;
}

/**
 * tsu_page_layout_get_page_height:
 *
 * Returns: the height of the paper in points
 */
double
tsu_page_layout_get_page_height (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), 0);

  return self->page_height;
}

/**
 * tsu_page_layout_get_body:
 * @x: (out) (optional): the left edge of the body, in points
 * @y: (out) (optional): the top of the body
 * @width: (out) (optional): the body's width
 * @height: (out) (optional): the body's height
 *
 * Gives the area inside the margins, between the page header and footer.
 */
void
tsu_page_layout_get_body (TsuPageLayout *self,
                          double        *x,
                          double        *y,
                          double        *width,
                          double        *height)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  if (x != NULL)
    *x = self->margin_x;
  if (y != NULL)
    *y = self->margin_top;
  if (width != NULL)
    *width = body_width (self);
  if (height != NULL)
    *height = body_height (self);
}

/**
 * tsu_page_layout_get_context:
 *
 * Returns: (transfer none): the Pango context of the document (72 dpi, points)
 */
PangoContext *
tsu_page_layout_get_context (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), NULL);

  return self->context;
}

/**
 * tsu_page_layout_set_header:
 * @left: (nullable): the text at the left of every page's head: the document's title
 * @right: (nullable): the text at the right: the case code or the meeting
 */
void
tsu_page_layout_set_header (TsuPageLayout *self,
                            const char    *left,
                            const char    *right)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  g_free (self->header_left);
  g_free (self->header_right);
  self->header_left = g_strdup (left);
  self->header_right = g_strdup (right);
}

/**
 * tsu_page_layout_set_footer:
 * @text: (nullable): the text at the right of every page's foot, such as the date
 *   of printing; the page number is in the middle
 */
void
tsu_page_layout_set_footer (TsuPageLayout *self,
                            const char    *text)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  g_free (self->footer);
  self->footer = g_strdup (text);
}

/**
 * tsu_page_layout_set_watermark:
 * @text: (nullable): a word written large and pale across every page, such as
 *   "Draft"
 */
void
tsu_page_layout_set_watermark (TsuPageLayout *self,
                               const char    *text)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  g_free (self->watermark);
  self->watermark = g_strdup (text);
  g_clear_object (&self->watermark_layout);
}

/**
 * tsu_page_layout_add_replacement:
 * @text: text to replace wherever it appears, such as a child's name
 * @replacement: what to write instead, such as the case code
 *
 * Replaces @text in everything set into the pages, the page header and footer
 * included: distribution copies mask the child's name this way. Longer texts are
 * replaced first. Call it before adding the first block.
 */
void
tsu_page_layout_add_replacement (TsuPageLayout *self,
                                 const char    *text,
                                 const char    *replacement)
{
  gsize length;
  guint i;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (replacement != NULL);
  /* The helper thread reads the replacements while the blocks are laid out. */
  g_return_if_fail (self->serial == 0);

  if (text == NULL || *text == '\0' || strstr (replacement, text) != NULL)
    return;

  /* Keep the longest first, so that a full name goes before its parts. */
  length = strlen (text);
  for (i = 0; i < self->replacements->len; i += 2)
    {
      const char *other = g_ptr_array_index (self->replacements, i);

      if (g_str_equal (other, text))
        return;
      if (strlen (other) < length)
        break;
    }
  g_ptr_array_insert (self->replacements, i, g_strdup (replacement));
  g_ptr_array_insert (self->replacements, i, g_strdup (text));
}

/**
 * tsu_page_layout_add_title:
 * @text: the title
 *
 * Adds the centred title of a document.
 */
void
tsu_page_layout_add_title (TsuPageLayout *self,
                           const char    *text)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  block = block_new (self, BLOCK_HEADING);
  block->style = TSU_TEXT_TITLE;
  block->align = PANGO_ALIGN_CENTER;
  block->text = g_strdup (text);
  add_block (self, block);
}

/**
 * tsu_page_layout_add_heading:
 * @style: %TSU_TEXT_HEADING, %TSU_TEXT_SUBHEADING or another style
 * @text: the heading
 *
 * Adds a heading; it goes to the next page rather than stay alone at the foot of
 * one.
 */
void
tsu_page_layout_add_heading (TsuPageLayout *self,
                             TsuTextStyle   style,
                             const char    *text)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (style < TSU_TEXT_N_STYLES);

  block = block_new (self, BLOCK_HEADING);
  block->style = style;
  block->text = g_strdup (text);
  add_block (self, block);
}

/**
 * tsu_page_layout_add_text:
 * @style: the text style
 * @text: text; each line is a paragraph
 *
 * Adds paragraphs of running text.
 */
void
tsu_page_layout_add_text (TsuPageLayout *self,
                          TsuTextStyle   style,
                          const char    *text)
{
  tsu_page_layout_add_text_full (self, style, PANGO_ALIGN_LEFT, 0, NULL, text);
}

/**
 * tsu_page_layout_add_text_full:
 * @style: the text style
 * @align: the alignment of the lines
 * @indent: the left indent in points
 * @label: (nullable): a label before the first paragraph, such as "1." or "・"; the
 *   lines that follow it start under the text, not under the label
 * @text: text; each line is a paragraph
 *
 * Adds paragraphs of running text. A paragraph breaks across pages between lines,
 * never leaving one line alone.
 */
void
tsu_page_layout_add_text_full (TsuPageLayout  *self,
                               TsuTextStyle    style,
                               PangoAlignment  align,
                               double          indent,
                               const char     *label,
                               const char     *text)
{
  g_auto(GStrv) paragraphs = NULL;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (style < TSU_TEXT_N_STYLES);

  if (text == NULL)
    text = "";

  /* One layout per paragraph: Pango's cost grows faster than the text of one layout. */
  paragraphs = g_strsplit (text, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      char *paragraph = paragraphs[i];
      gsize length = strlen (paragraph);
      Block *block;

      if (length > 0 && paragraph[length - 1] == '\r')
        paragraph[--length] = '\0';

      if (length == 0 && paragraphs[i + 1] != NULL && i > 0)
        {
          tsu_page_layout_add_space (self, style_info[style].size * 0.6);
          continue;
        }
      if (length == 0 && paragraphs[i + 1] != NULL)
        continue;

      block = block_new (self, BLOCK_TEXT);
      block->style = style;
      block->align = align;
      block->indent = indent;
      block->text = g_strdup (paragraph);
      if (i == 0 && label != NULL)
        block->label = g_strdup (label);
      else if (label != NULL)
        {
          /* Later paragraphs of a labelled item line up with its text. */
          double width = tsu_page_layout_measure_text (self, style, label, NULL);

          block->indent += width;
        }
      add_block (self, block);
    }
}

/**
 * tsu_page_layout_add_space:
 * @points: the height of the space
 *
 * Adds vertical space, unless at the top of a page.
 */
void
tsu_page_layout_add_space (TsuPageLayout *self,
                           double         points)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  block = block_new (self, BLOCK_SPACE);
  block->height = points;
  add_block (self, block);
}

/**
 * tsu_page_layout_add_page_break:
 *
 * Starts a new page unless the current one is still empty.
 */
void
tsu_page_layout_add_page_break (TsuPageLayout *self)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  add_block (self, block_new (self, BLOCK_PAGE_BREAK));
}

/**
 * tsu_page_layout_begin_keep:
 *
 * Starts a group of blocks that go to the next page together rather than be split,
 * unless they would not fit on any page. Groups nest; the outermost counts.
 */
void
tsu_page_layout_begin_keep (TsuPageLayout *self)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  self->keep_depth++;
}

/**
 * tsu_page_layout_end_keep:
 *
 * Ends the group that tsu_page_layout_begin_keep() started.
 */
void
tsu_page_layout_end_keep (TsuPageLayout *self)
{
  Block *group;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (self->keep_depth > 0);

  if (--self->keep_depth > 0)
    return;

  group = block_new (self, BLOCK_GROUP);
  group->group = g_steal_pointer (&self->kept);
  self->kept = g_ptr_array_new_with_free_func (block_free);
  g_ptr_array_add (self->flow, group);
}

/**
 * tsu_page_layout_begin_table:
 * @columns: (array length=n_columns): the columns
 * @n_columns: how many columns, at least one
 *
 * Starts a table as wide as the body. Its header row, if a column has a title,
 * comes again at the top of every page the table continues on. Add rows with
 * tsu_page_layout_add_row(), and end with tsu_page_layout_end_table().
 */
void
tsu_page_layout_begin_table (TsuPageLayout   *self,
                             const TsuColumn *columns,
                             guint            n_columns)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (columns != NULL && n_columns > 0);
  g_return_if_fail (self->building == NULL);

  self->building = table_new (self, columns, n_columns);
  block = block_new (self, BLOCK_TABLE);
  block->table = g_rc_box_acquire (self->building);
  add_block (self, block);
}

/**
 * tsu_page_layout_add_row:
 * @cells: (array zero-terminated=1): the text of each cell; fewer than the columns
 *   leave the last cells empty
 * @flags: #TsuRowFlags
 *
 * Adds a row to the table. A row stays on one page unless it is taller than a page.
 */
void
tsu_page_layout_add_row (TsuPageLayout      *self,
                         const char * const *cells,
                         TsuRowFlags         flags)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (self->building != NULL);

  block = block_new (self, BLOCK_ROW);
  block->table = g_rc_box_acquire (self->building);
  block->cells = g_strdupv ((char **) cells);
  block->row_flags = flags;
  add_block (self, block);
}

/**
 * tsu_page_layout_end_table:
 *
 * Ends the table.
 */
void
tsu_page_layout_end_table (TsuPageLayout *self)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (self->building != NULL);

  block = block_new (self, BLOCK_TABLE_END);
  block->table = g_steal_pointer (&self->building);
  add_block (self, block);
}

/**
 * tsu_page_layout_add_drawing:
 * @height: the height of the drawing in points
 * @func: (scope notified): draws it when its place is known
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Adds a drawing as wide as the body, such as a chart; it is never split.
 */
void
tsu_page_layout_add_drawing (TsuPageLayout         *self,
                             double                 height,
                             TsuPageLayoutDrawFunc  func,
                             gpointer               user_data,
                             GDestroyNotify         destroy)
{
  Block *block;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (func != NULL);

  block = block_new (self, BLOCK_DRAWING);
  block->height = height;
  block->func = func;
  block->data = user_data;
  block->destroy = destroy;
  add_block (self, block);
}

/**
 * tsu_page_layout_fill_rect:
 * @x: left, in points from the page's left edge
 * @y: top, in points from the page's top edge
 * @width: width
 * @height: height
 * @rgb: the colour as 0xRRGGBB
 *
 * Fills a rectangle of the current page; it lies under all text.
 */
void
tsu_page_layout_fill_rect (TsuPageLayout *self,
                           double         x,
                           double         y,
                           double         width,
                           double         height,
                           guint32        rgb)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  page_add_shape (current_page (self), SHAPE_FILL, rgb, 0, x, y, width, height);
}

/**
 * tsu_page_layout_draw_line:
 * @x1: start, in points from the page's left edge
 * @y1: start, in points from the page's top edge
 * @x2: end
 * @y2: end
 * @line_width: the width of the line
 * @rgb: the colour as 0xRRGGBB
 *
 * Draws a line on the current page.
 */
void
tsu_page_layout_draw_line (TsuPageLayout *self,
                           double         x1,
                           double         y1,
                           double         x2,
                           double         y2,
                           double         line_width,
                           guint32        rgb)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  page_add_shape (current_page (self), SHAPE_LINE, rgb, line_width, x1, y1, x2, y2);
}

/**
 * tsu_page_layout_draw_rect:
 * @x: left, in points from the page's left edge
 * @y: top, in points from the page's top edge
 * @width: width
 * @height: height
 * @line_width: the width of the line
 * @rgb: the colour as 0xRRGGBB
 *
 * Draws the outline of a rectangle on the current page.
 */
void
tsu_page_layout_draw_rect (TsuPageLayout *self,
                           double         x,
                           double         y,
                           double         width,
                           double         height,
                           double         line_width,
                           guint32        rgb)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  page_add_shape (current_page (self), SHAPE_RECT, rgb, line_width, x, y, width, height);
}

/**
 * tsu_page_layout_draw_text:
 * @x: left, in points from the page's left edge
 * @y: top, in points from the page's top edge
 * @width: the width to wrap the text in
 * @max_height: the most height to use, the rest shortened with "…"; 0 for no limit
 * @style: the text style
 * @align: the alignment of the lines
 * @rgb: the colour as 0xRRGGBB
 * @text: the text
 *
 * Draws text at a place of the current page, outside the flow.
 *
 * Returns: the height the text took
 */
double
tsu_page_layout_draw_text (TsuPageLayout  *self,
                           double          x,
                           double          y,
                           double          width,
                           double          max_height,
                           TsuTextStyle    style,
                           PangoAlignment  align,
                           guint32         rgb,
                           const char     *text)
{
  PangoLayout *layout;

  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), 0);
  g_return_val_if_fail (style < TSU_TEXT_N_STYLES, 0);

  layout = self->free_layout;
  set_layout_style (self, layout, style);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  if (max_height > 0)
    {
      pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_height (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  set_layout_text (self, layout, text, -1);
  place_lines_at (self, layout, x, y, rgb);
  return layout_height (layout);
}

/**
 * tsu_page_layout_measure_text:
 * @style: the text style
 * @text: one line of text
 * @height: (out) (optional): the height of the line
 *
 * Returns: the width of @text on one line, in points
 */
double
tsu_page_layout_measure_text (TsuPageLayout *self,
                              TsuTextStyle   style,
                              const char    *text,
                              double        *height)
{
  PangoLayout *layout;
  int w, h;

  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), 0);
  g_return_val_if_fail (style < TSU_TEXT_N_STYLES, 0);

  layout = self->free_layout;
  set_layout_style (self, layout, style);
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  set_layout_text (self, layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
  return (double) w / PANGO_SCALE;
}

/**
 * tsu_page_layout_get_line_height:
 * @style: the text style
 *
 * Returns: the distance between the lines of @style, in points
 */
double
tsu_page_layout_get_line_height (TsuPageLayout *self,
                                 TsuTextStyle   style)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), 0);
  g_return_val_if_fail (style < TSU_TEXT_N_STYLES, 0);

  return style_info[style].size * style_info[style].pitch;
}

static void
add_header_and_footer (TsuPageLayout *self,
                       guint          index,
                       guint          n_pages)
{
  g_autofree char *number = NULL;
  double width = body_width (self);
  double header_y = self->margin_top - TSU_MM (10);
  double rule_y = self->margin_top - TSU_MM (4);
  double footer_y = self->page_height - self->margin_bottom + TSU_MM (5);
  double line = tsu_page_layout_get_line_height (self, TSU_TEXT_SMALL);

  self->target = g_ptr_array_index (self->pages, index);
  if (self->header_left != NULL)
    tsu_page_layout_draw_text (self, self->margin_x, header_y, width * 0.6, line,
                               TSU_TEXT_SMALL, PANGO_ALIGN_LEFT, TSU_COLOR_MUTED,
                               self->header_left);
  if (self->header_right != NULL)
    tsu_page_layout_draw_text (self, self->margin_x + width * 0.4, header_y, width * 0.6, line,
                               TSU_TEXT_SMALL, PANGO_ALIGN_RIGHT, TSU_COLOR_MUTED,
                               self->header_right);
  if (self->header_left != NULL || self->header_right != NULL)
    tsu_page_layout_draw_line (self, self->margin_x, rule_y, self->margin_x + width, rule_y,
                               0.5, TSU_COLOR_RULE);

  /* TRANSLATORS: the page number in the footer of printed documents */
  number = g_strdup_printf (_("Page %u of %u"), index + 1, n_pages);
  tsu_page_layout_draw_text (self, self->margin_x + width * 0.3, footer_y, width * 0.4, line,
                             TSU_TEXT_SMALL, PANGO_ALIGN_CENTER, TSU_COLOR_MUTED, number);
  if (self->footer != NULL)
    tsu_page_layout_draw_text (self, self->margin_x + width * 0.6, footer_y, width * 0.4, line,
                               TSU_TEXT_SMALL, PANGO_ALIGN_RIGHT, TSU_COLOR_MUTED, self->footer);
  self->target = NULL;
}

/**
 * tsu_page_layout_finish:
 *
 * Places what waits to be placed and adds the header and footer of every page. Call
 * it once, after the last block; a document has at least one page.
 */
void
tsu_page_layout_finish (TsuPageLayout *self)
{
  guint n_pages;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  if (self->finished)
    return;

  while (self->keep_depth > 0)
    tsu_page_layout_end_keep (self);
  if (self->building != NULL)
    tsu_page_layout_end_table (self);
  place_flow (self);
  place_pending (self);
  current_page (self);

  n_pages = self->pages->len;
  for (guint i = 0; i < n_pages; i++)
    add_header_and_footer (self, i, n_pages);
  self->finished = TRUE;
}

/**
 * tsu_page_layout_get_n_pages:
 *
 * Returns: the number of pages of the document, once tsu_page_layout_finish() has
 *   placed its blocks
 */
guint
tsu_page_layout_get_n_pages (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), 0);

  return self->pages->len;
}

static PangoLayout *
get_watermark_layout (TsuPageLayout *self)
{
  if (self->watermark_layout == NULL)
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_copy (self->fonts[TSU_TEXT_TITLE]);

      pango_font_description_set_absolute_size (desc, MIN (self->page_width, self->page_height) *
                                                      0.22 * PANGO_SCALE);
      self->watermark_layout = pango_layout_new (self->context);
      pango_layout_set_font_description (self->watermark_layout, desc);
      set_layout_text (self, self->watermark_layout, self->watermark, -1);
    }
  return self->watermark_layout;
}

/**
 * tsu_page_layout_use_system_fonts:
 *
 * Lays out with all the fonts of the system's configuration instead of the document
 * font alone. Call it before adding anything, to lay out again a document for which
 * tsu_page_layout_get_missing_glyphs() said so.
 */
void
tsu_page_layout_use_system_fonts (TsuPageLayout *self)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (self->serial == 0);

  if (!self->document_fonts)
    return;
  clear_fonts (self);
  setup_fonts (self, TRUE);
}

/**
 * tsu_page_layout_set_lay_out_ahead:
 * @ahead: whether a second thread may lay out paragraphs
 *
 * Whether a second thread lays out the paragraphs of a long document ahead of their
 * placing, as it does by default where there are two processors or more. The pages
 * are the same either way.
 */
void
tsu_page_layout_set_lay_out_ahead (TsuPageLayout *self,
                                   gboolean       ahead)
{
  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));

  self->no_helper = !ahead;
}

/**
 * tsu_page_layout_get_missing_glyphs:
 *
 * Tells whether the finished pages lack a character that the system's other fonts
 * may have: the document font alone was used, and has no glyph for some character.
 * Lay the document out again after tsu_page_layout_use_system_fonts() then.
 *
 * Returns: whether to lay out again with the system's fonts
 */
gboolean
tsu_page_layout_get_missing_glyphs (TsuPageLayout *self)
{
  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), FALSE);

  if (!self->document_fonts)
    return FALSE;
  for (guint i = 0; i < self->pages->len; i++)
    if (((Page *) g_ptr_array_index (self->pages, i))->n_missing > 0)
      return TRUE;
  return self->watermark != NULL &&
         pango_layout_get_unknown_glyphs_count (get_watermark_layout (self)) > 0;
}

static void
draw_watermark (TsuPageLayout *self,
                cairo_t       *cr)
{
  int width, height;

  get_watermark_layout (self);
  pango_layout_get_size (self->watermark_layout, &width, &height);
  cairo_save (cr);
  cairo_translate (cr, self->page_width / 2, self->page_height / 2);
  cairo_rotate (cr, -G_PI / 6);
  cairo_move_to (cr, -(double) width / PANGO_SCALE / 2, -(double) height / PANGO_SCALE / 2);
  set_source_rgb (cr, WATERMARK_RGB);
  /* Outlines, not text: the mark is no part of what is copied or searched. */
  pango_cairo_layout_path (cr, self->watermark_layout);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * tsu_page_layout_draw_page:
 * @cr: where to draw, in points with the origin at the top left corner of the paper
 * @page: the page, from 0
 *
 * Draws a page of the finished layout. With GtkPrintOperation, set its unit to
 * points and use the full page.
 */
void
tsu_page_layout_draw_page (TsuPageLayout *self,
                           cairo_t       *cr,
                           guint          page)
{
  Page *p;

  g_return_if_fail (TSU_IS_PAGE_LAYOUT (self));
  g_return_if_fail (self->finished);
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  if (self->watermark != NULL && *self->watermark != '\0')
    draw_watermark (self, cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  page_draw_shapes (p, cr);
  page_draw_runs (p, cr);
  cairo_restore (cr);
}

typedef struct {
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *c = closure;

  if (c->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (c->stream, data, length, NULL, NULL, &c->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * tsu_page_layout_write_pdf_to_stream:
 * @stream: where the PDF goes, such as a #GMemoryOutputStream for a preview; it is
 *   flushed, not closed
 * @title: (nullable): the title in the PDF's metadata
 * @cancellable: (nullable): stops the writing between pages
 * @error: return location for a #TsuPageLayoutError or #GIOError
 *
 * Finishes the layout and writes every page into a PDF with the fonts embedded.
 *
 * Returns: whether the whole PDF was written
 */
gboolean
tsu_page_layout_write_pdf_to_stream (TsuPageLayout  *self,
                                     GOutputStream  *stream,
                                     const char     *title,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  g_autoptr(GOutputStream) buffered = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (!self->has_japanese_font)
    {
      g_set_error (error, TSU_PAGE_LAYOUT_ERROR, TSU_PAGE_LAYOUT_ERROR_FONT,
                   _("No font for Japanese text is installed (such as IPAex Gothic or Noto Sans CJK JP)"));
      return FALSE;
    }

  tsu_page_layout_finish (self);

  /* cairo writes in many small pieces. */
  buffered = g_buffered_output_stream_new_sized (stream, 64 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  closure.stream = buffered;

  surface = cairo_pdf_surface_create_for_stream (write_cb, &closure, self->page_width,
                                                 self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tsunagu " PACKAGE_VERSION);
  if (title != NULL)
    {
      g_autofree char *replaced = replace_text (self, title, -1);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, replaced);
    }

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len && closure.error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &closure.error))
        break;
      tsu_page_layout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (closure.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&closure.error, TSU_PAGE_LAYOUT_ERROR, TSU_PAGE_LAYOUT_ERROR_WRITE,
                 _("The PDF could not be made: %s"), cairo_status_to_string (status));
  if (closure.error == NULL)
    g_output_stream_close (buffered, cancellable, &closure.error);
  if (closure.error == NULL)
    g_output_stream_flush (stream, cancellable, &closure.error);

  if (closure.error != NULL)
    {
      g_propagate_error (error, closure.error);
      return FALSE;
    }
  return TRUE;
}

/**
 * tsu_page_layout_write_pdf:
 * @file: the PDF file to write; it is replaced only once the whole file is written
 * @title: (nullable): the title in the PDF's metadata
 * @error: return location for a #TsuPageLayoutError or #GIOError
 *
 * Finishes the layout and writes every page into a PDF file with the fonts embedded.
 *
 * Returns: whether the file was written
 */
gboolean
tsu_page_layout_write_pdf (TsuPageLayout  *self,
                           GFile          *file,
                           const char     *title,
                           GError        **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TSU_IS_PAGE_LAYOUT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;

  if (tsu_page_layout_write_pdf_to_stream (self, G_OUTPUT_STREAM (out), title, NULL, &local_error) &&
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    return TRUE;

  /* A cancelled close leaves whatever was there before. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
