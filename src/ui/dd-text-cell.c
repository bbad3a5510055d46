/* DdTextCell: one line of text, ellipsized at the end, in the font, colour and opacity
 * its CSS gives it ("dim-label", "caption", "numeric" work as on a label). A list view of
 * GTK 4.8 keeps up to 200 rows of cells bound whatever shows and measures every one:
 * a GtkLabel shapes its text at each measure, so the class list's 1,000 labels were
 * shaped when its tab was first shown and whenever its rows were bound again. This
 * cell's height comes from its font (measured once per font for all cells) and it asks
 * for no width (its column sets it), so its text is shaped only when it is drawn. Its
 * whole text is its tooltip when it is cut, and its accessible label. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-text-cell.h"

struct _DdTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  float        xalign;
  PangoLayout *layout;        /* made when first drawn; dropped when the font changes */
  int          height;        /* px, -1 until measured */
  PangoFontDescription *font; /* what the layout and the height were made with */
  gboolean     announced;     /* its text is its accessible label (not "presentation") */
  gboolean     layout_stale;  /* the text changed since the layout was last drawn */
};

G_DEFINE_FINAL_TYPE (DdTextCell, dd_text_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_XALIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Line heights by font, for every cell: measured once. */
static GHashTable *heights;

static int
font_height (DdTextCell *self)
{
  if (self->height < 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      const PangoFontDescription *font = pango_context_get_font_description (context);
      gpointer known;

      if (heights == NULL)
        heights = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                         (GEqualFunc) pango_font_description_equal,
                                         (GDestroyNotify) pango_font_description_free, NULL);
      if (font && (known = g_hash_table_lookup (heights, font)))
        self->height = GPOINTER_TO_INT (known);
      else
        {
          /* "Ag" has an ascender and a descender: the height of any line of the font */
          g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");

          pango_layout_get_pixel_size (probe, NULL, &self->height);
          if (font)
            g_hash_table_insert (heights, pango_font_description_copy (font),
                                 GINT_TO_POINTER (self->height));
        }
    }
  return self->height;
}

static void
forget_font (DdTextCell *self)
{
  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  self->height = -1;
}

static void
dd_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = font_height (DD_TEXT_CELL (widget));
}

static void
dd_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  DdTextCell *self = DD_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_height;
  GdkRGBA color;

  if (width <= 0 || self->text == NULL || *self->text == '\0')
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  else if (self->layout_stale)
    pango_layout_set_text (self->layout, self->text, -1);
  self->layout_stale = FALSE;
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_set_alignment (self->layout,
                              self->xalign == 0.5f ? PANGO_ALIGN_CENTER
                              : (self->xalign > 0.5f) != (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
                              ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (self->layout, NULL, &text_height);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX (0, (height - text_height) / 2)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A change of style (hover, a row selected) keeps the layout unless it changed the font. */
static void
dd_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  DdTextCell *self = DD_TEXT_CELL (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (dd_text_cell_parent_class)->css_changed (widget, change);
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font && font && pango_font_description_equal (self->font, font))
    return;
  forget_font (self);
  self->font = font ? pango_font_description_copy (font) : NULL;
  gtk_widget_queue_resize (widget);
}

static void
dd_text_cell_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (dd_text_cell_parent_class)->system_setting_changed (widget, setting);
  /* font options and resolution are not in the description: measure and shape again */
  g_clear_pointer (&heights, g_hash_table_unref);
  forget_font (DD_TEXT_CELL (widget));
  gtk_widget_queue_resize (widget);
}

static gboolean
dd_text_cell_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  DdTextCell *self = DD_TEXT_CELL (widget);

  if (!dd_text_cell_is_cut (self))
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
dd_text_cell_finalize (GObject *object)
{
  DdTextCell *self = DD_TEXT_CELL (object);

  forget_font (self);
  g_free (self->text);
  G_OBJECT_CLASS (dd_text_cell_parent_class)->finalize (object);
}

static void
dd_text_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, DD_TEXT_CELL (object)->text);
      break;
    case PROP_XALIGN:
      g_value_set_float (value, DD_TEXT_CELL (object)->xalign);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_text_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      dd_text_cell_set_text (DD_TEXT_CELL (object), g_value_get_string (value));
      break;
    case PROP_XALIGN:
      dd_text_cell_set_xalign (DD_TEXT_CELL (object), g_value_get_float (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The role, read once (GTK 4.8 reads it through the property system: a tenth of a
 * thumbnail's bind in a sweep when read at every text). */
static void
role_changed (DdTextCell *self)
{
  self->announced =
    gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (self)) != GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

static void
dd_text_cell_constructed (GObject *object)
{
  G_OBJECT_CLASS (dd_text_cell_parent_class)->constructed (object);
  role_changed (DD_TEXT_CELL (object));
}

static void
dd_text_cell_class_init (DdTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dd_text_cell_constructed;
  object_class->finalize = dd_text_cell_finalize;
  object_class->get_property = dd_text_cell_get_property;
  object_class->set_property = dd_text_cell_set_property;
  widget_class->measure = dd_text_cell_measure;
  widget_class->snapshot = dd_text_cell_snapshot;
  widget_class->css_changed = dd_text_cell_css_changed;
  widget_class->system_setting_changed = dd_text_cell_system_setting_changed;
  widget_class->query_tooltip = dd_text_cell_query_tooltip;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_XALIGN] =
    g_param_spec_float ("xalign", NULL, NULL, 0, 1, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "dd-text-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dd_text_cell_init (DdTextCell *self)
{
  self->height = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::accessible-role", G_CALLBACK (role_changed), NULL);
}

GtkWidget *
dd_text_cell_new (void)
{
  return g_object_new (DD_TYPE_TEXT_CELL, NULL);
}

const char *
dd_text_cell_get_text (DdTextCell *self)
{
  g_return_val_if_fail (DD_IS_TEXT_CELL (self), NULL);
  return self->text;
}

/* The text, and whether it changed. */
static gboolean
take_text (DdTextCell *self,
           const char *text)
{
  if (g_strcmp0 (text, self->text) == 0)
    return FALSE;
  g_free (self->text);
  self->text = g_strdup (text);
  /* the layout takes the text when drawn: of the ~200 cells a list binds, most are not */
  self->layout_stale = self->layout != NULL;
  if (self->announced)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text ? text : "", -1);
  /* the height is the font's: only the drawing changes */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
dd_text_cell_set_text (DdTextCell *self,
                       const char *text)
{
  g_return_if_fail (DD_IS_TEXT_CELL (self));

  if (take_text (self, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
dd_text_cell_set_text_silently (DdTextCell *self,
                                const char *text)
{
  g_return_if_fail (DD_IS_TEXT_CELL (self));

  take_text (self, text);
}

void
dd_text_cell_set_xalign (DdTextCell *self,
                         float       xalign)
{
  g_return_if_fail (DD_IS_TEXT_CELL (self));

  xalign = CLAMP (xalign, 0, 1);
  if (self->xalign == xalign)
    return;
  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XALIGN]);
}

gboolean
dd_text_cell_is_cut (DdTextCell *self)
{
  g_return_val_if_fail (DD_IS_TEXT_CELL (self), FALSE);
  return self->layout != NULL && !self->layout_stale && self->text != NULL &&
         pango_layout_is_ellipsized (self->layout);
}
