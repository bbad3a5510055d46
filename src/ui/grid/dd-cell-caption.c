/* DdCellCaption: the two lines under a thumbnail, drawn from two cached PangoLayouts.
 * A grid of thumbnails is measured whole on every change: GtkGridView 4.8 keeps about
 * 30 rows of cells bound whatever shows (240 cells at 8 columns) and measures each, and
 * two ellipsized GtkLabels a cell asked Pango for font metrics and shaped their text at
 * every measure. This widget's size comes from the font alone (measured once), and its
 * text is shaped only when a cell is drawn, so only the cells on screen pay for it. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-cell-caption.h"

/* libadwaita's .caption-heading and .caption: 82 % of the font, the heading bold, the
 * caption dimmed as .dim-label is */
#define CAPTION_SCALE 0.82
#define CAPTION_ALPHA 0.55
/* the space between the lines, as the cell's box has between its children */
#define LINE_SPACING  6

struct _DdCellCaption
{
  GtkWidget    parent_instance;

  char        *text[2];
  PangoLayout *layout[2];        /* made when first drawn, NULL after a style change */
  int          line_height[2];   /* px, -1 until measured */
  PangoFontDescription *font;    /* what they were made with */
};

G_DEFINE_FINAL_TYPE (DdCellCaption, dd_cell_caption, GTK_TYPE_WIDGET)

static PangoLayout *
make_layout (DdCellCaption *self,
             guint          line,
             const char    *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (CAPTION_SCALE));
  if (line == 0)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

/* The heights measured last, with their font: every cell of a grid has the same one,
 * and cells are made while scrolling. */
static PangoFontDescription *shared_font;
static int shared_height[2] = { -1, -1 };

static int
line_height (DdCellCaption *self,
             guint          line)
{
  if (self->line_height[line] < 0)
    {
      const PangoFontDescription *font =
        pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));

      if (font == NULL || shared_font == NULL || !pango_font_description_equal (font, shared_font))
        {
          g_clear_pointer (&shared_font, pango_font_description_free);
          shared_font = font ? pango_font_description_copy (font) : NULL;
          shared_height[0] = shared_height[1] = -1;
        }
      if (shared_height[line] < 0)
        {
          /* the font's height, whatever the text: "Ag" has an ascender and a descender */
          g_autoptr(PangoLayout) probe = make_layout (self, line, "Ag");

          pango_layout_get_pixel_size (probe, NULL, &shared_height[line]);
        }
      self->line_height[line] = shared_height[line];
    }
  return self->line_height[line];
}

static void
forget_layouts (DdCellCaption *self)
{
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&self->layout[i]);
      self->line_height[i] = -1;
    }
  g_clear_pointer (&self->font, pango_font_description_free);
}

/* A change of style (hover, selection: every frame of a pointer over the grid) keeps
 * the layouts unless it changed the font. */
static void
font_may_have_changed (DdCellCaption *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (self->font && font && pango_font_description_equal (self->font, font))
    return;
  forget_layouts (self);
  self->font = font ? pango_font_description_copy (font) : NULL;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
dd_cell_caption_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DdCellCaption *self = DD_CELL_CAPTION (widget);

  /* as wide as it is given (the thumbnail above sets the cell's width) */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = line_height (self, 0) + LINE_SPACING + line_height (self, 1);
}

static void
dd_cell_caption_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  DdCellCaption *self = DD_CELL_CAPTION (widget);
  int width = gtk_widget_get_width (widget);
  int y = 0;
  GdkRGBA color;

  if (width <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  for (guint i = 0; i < 2; i++)
    {
      if (self->text[i] && *self->text[i])
        {
          GdkRGBA line_color = color;

          if (self->layout[i] == NULL)
            self->layout[i] = make_layout (self, i, self->text[i]);
          pango_layout_set_width (self->layout[i], width * PANGO_SCALE);
          if (i == 1)
            line_color.alpha *= CAPTION_ALPHA;
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
          gtk_snapshot_append_layout (snapshot, self->layout[i], &line_color);
          gtk_snapshot_restore (snapshot);
        }
      y += line_height (self, i) + LINE_SPACING;
    }
}

static void
dd_cell_caption_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dd_cell_caption_parent_class)->css_changed (widget, change);
  font_may_have_changed (DD_CELL_CAPTION (widget));
}

static void
dd_cell_caption_system_setting_changed (GtkWidget        *widget,
                                        GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (dd_cell_caption_parent_class)->system_setting_changed (widget, setting);
  /* font options and resolution are not in the description: measure and shape again */
  g_clear_pointer (&shared_font, pango_font_description_free);
  forget_layouts (DD_CELL_CAPTION (widget));
  gtk_widget_queue_resize (widget);
}

static void
dd_cell_caption_finalize (GObject *object)
{
  DdCellCaption *self = DD_CELL_CAPTION (object);

  forget_layouts (self);
  g_free (self->text[0]);
  g_free (self->text[1]);
  G_OBJECT_CLASS (dd_cell_caption_parent_class)->finalize (object);
}

static void
dd_cell_caption_class_init (DdCellCaptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dd_cell_caption_finalize;
  widget_class->measure = dd_cell_caption_measure;
  widget_class->snapshot = dd_cell_caption_snapshot;
  widget_class->css_changed = dd_cell_caption_css_changed;
  widget_class->system_setting_changed = dd_cell_caption_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "dd-cell-caption");
  /* the cell says all of it in its own accessible label */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
dd_cell_caption_init (DdCellCaption *self)
{
  self->line_height[0] = self->line_height[1] = -1;
}

GtkWidget *
dd_cell_caption_new (void)
{
  return g_object_new (DD_TYPE_CELL_CAPTION, NULL);
}

void
dd_cell_caption_set_text (DdCellCaption *self,
                          const char    *title,
                          const char    *caption)
{
  const char *text[2] = { title, caption };
  gboolean changed = FALSE;

  g_return_if_fail (DD_IS_CELL_CAPTION (self));

  for (guint i = 0; i < 2; i++)
    if (g_strcmp0 (text[i], self->text[i]) != 0)
      {
        g_free (self->text[i]);
        self->text[i] = g_strdup (text[i]);
        if (self->layout[i])
          pango_layout_set_text (self->layout[i], text[i] ? text[i] : "", -1);
        changed = TRUE;
      }
  /* the height is the font's: only the drawing changes */
  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
dd_cell_caption_get_title (DdCellCaption *self)
{
  g_return_val_if_fail (DD_IS_CELL_CAPTION (self), NULL);
  return self->text[0];
}

const char *
dd_cell_caption_get_caption (DdCellCaption *self)
{
  g_return_val_if_fail (DD_IS_CELL_CAPTION (self), NULL);
  return self->text[1];
}

gboolean
dd_cell_caption_is_cut (DdCellCaption *self,
                        guint          line)
{
  g_return_val_if_fail (DD_IS_CELL_CAPTION (self), FALSE);
  g_return_val_if_fail (line < 2, FALSE);
  return self->layout[line] != NULL && pango_layout_is_ellipsized (self->layout[line]);
}
