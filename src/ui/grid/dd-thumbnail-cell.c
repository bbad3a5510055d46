/* DdThumbnailCell: one cell of a thumbnail grid. Binding only sets state and starts
 * the decode; unbinding (setting another item or none) cancels it.
 *
 * A grid of GTK 4.8 keeps about 240 cells (30 rows) made and bound whatever shows, and
 * makes them all at the first subset: the cell is built in code, not from a template,
 * and draws its frame, picture and state icon itself. Its only children are the two
 * lines of text (DdTextCell: their height is the font's) and, made when first needed,
 * the health and override badges, so a cell is three widgets instead of nine and its
 * size is known without measuring a box of overlays. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog.h"
#include "dd-icon-texture.h"
#include "dd-text-cell.h"
#include "dd-thumbnail-cell.h"
#include "dd-ui-text.h"

/* Around the cell's content and between the picture and each line, px. */
#define CELL_MARGIN 6
#define CELL_SPACING 6
/* The state icon over an empty frame, the frame's corners, the badges' inset, px. */
#define STATE_ICON_SIZE 32
#define FRAME_RADIUS 6
#define BADGE_INSET 4
/* Adwaita's .dim-label, for the state icon; an excluded sample's picture. */
#define DIM_OPACITY 0.55
#define EXCLUDED_OPACITY 0.4

struct _DdThumbnailCell
{
  GtkWidget parent_instance;

  const char *image_state;  /* "loading", "picture" or "broken" */
  GdkPaintable *paintable;  /* the picture, while "picture" */
  GdkTexture *state_icon;   /* drawn over the empty frame; made when first drawn */
  const char *state_icon_name;
  GtkWidget *badge;         /* GtkImage, made when a sample first has findings */
  GtkWidget *mark_badge;    /* GtkImage, made when a sample is first excluded or included */
  DdTextCell *title;     /* the class */
  DdTextCell *caption;   /* corruption and severity, or "Clean · split" */
  guint size;            /* of the picture, px */

  DdThumbnailer *thumbnailer;
  DdSampleItem *item;
  GHashTable *include;
  GHashTable *exclude;
  DdModelLookup *predictions;
  const char *mark;
  char *broken_message;   /* why the picture could not be shown */
  gulong loaded_handler;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DdThumbnailCell, dd_thumbnail_cell, GTK_TYPE_WIDGET)

/* What a bind says, translated once (class_init), not at each bind: gettext was 4 % of
 * the main thread in a fast sweep. */
static struct
{
  const char *unlabeled;
  const char *clean_split;
  const char *corruption_severity;
  const char *a11y_severity;
  const char *a11y_clean;
  const char *a11y_excluded;
  const char *a11y_included;
  const char *a11y_wrong;
  const char *a11y_predicted;
  const char *loading;
} words;

/* A corruption's title ("Gaussian noise"), made once per name. */
static const char *
corruption_title (const char *corruption)
{
  static GHashTable *titles;   /* name → title */
  const char *title;

  if (titles == NULL)
    titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  title = g_hash_table_lookup (titles, corruption);
  if (title == NULL)
    {
      if (g_hash_table_size (titles) >= 256)   /* another dataset's own folder names */
        g_hash_table_remove_all (titles);
      title = dd_ui_corruption_title (corruption);
      g_hash_table_insert (titles, g_strdup (corruption), (char *) title);
    }
  return title;
}

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The picture, or an icon over the empty frame while it loads or when it cannot be
 * shown. */
static void
show_image_state (DdThumbnailCell *self,
                  const char      *state,
                  GdkPaintable    *paintable)
{
  const char *icon = g_str_equal (state, "picture") ? NULL
                     : g_str_equal (state, "broken") ? "image-missing-symbolic"
                     : "image-x-generic-symbolic";

  if (icon)
    paintable = NULL;
  self->image_state = state;
  if (g_set_object (&self->paintable, paintable) ||
      g_strcmp0 (icon, self->state_icon_name) != 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  if (g_strcmp0 (icon, self->state_icon_name) != 0)
    {
      self->state_icon_name = icon;
      g_clear_object (&self->state_icon);
    }
}

static void
thumbnail_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DdThumbnailCell) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture)
    show_image_state (self, "picture", GDK_PAINTABLE (texture));
  else
    {
      g_free (self->broken_message);
      self->broken_message = g_strdup (error->message);
      show_image_state (self, "broken", NULL);
    }
}

/* Each problem of the sample, one a line: "Truncated image: the file ends before the
 * image does". */
static char *
describe_flags (guint32 flags)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < DD_HEALTH_N_KINDS; i++)
    if (flags & DD_HEALTH_FLAG (i))
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        /* TRANSLATORS: a finding on a thumbnail's badge: "Truncated image: The file ends
         * before the image does" */
        g_string_append_printf (text, _("%s: %s"), dd_health_kind_title (i),
                                dd_ui_health_problem (i));
      }
  return g_string_free (text, FALSE);
}

/* The badge's own tooltip: the problems, never the path. Built when asked for (see
 * dd_thumbnail_cell_query_tooltip). */
static gboolean
badge_query_tooltip (GtkWidget       *badge,
                     int              x,
                     int              y,
                     gboolean         keyboard_mode,
                     GtkTooltip      *tooltip,
                     DdThumbnailCell *self)
{
  g_autofree char *text = dd_thumbnail_cell_get_badge_tooltip (self);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A badge over a corner of the picture, made when a cell first needs one (most never
 * do); hidden when it is not needed any more. */
static GtkWidget *
ensure_badge (DdThumbnailCell  *self,
              GtkWidget       **badge)
{
  if (*badge == NULL)
    {
      *badge = gtk_image_new ();
      gtk_widget_set_parent (*badge, GTK_WIDGET (self));
    }
  return *badge;
}

static void
hide_badge (GtkWidget *badge)
{
  if (badge)
    gtk_widget_set_visible (badge, FALSE);
}

static void
show_health_badge (DdThumbnailCell *self,
                   guint32          flags)
{
  if (flags == 0)
    {
      hide_badge (self->badge);
      return;
    }
  if (self->badge == NULL)
    {
      ensure_badge (self, &self->badge);
      gtk_widget_add_css_class (self->badge, "dd-health-badge");
      gtk_widget_set_has_tooltip (self->badge, TRUE);
      g_signal_connect (self->badge, "query-tooltip", G_CALLBACK (badge_query_tooltip), self);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->badge), dd_ui_health_icon (g_bit_nth_lsf (flags, -1)));
  gtk_widget_set_visible (self->badge, TRUE);
}

/* The override badge and the accessible description: class, corruption, state. */
static void
dd_thumbnail_cell_update_marks (DdThumbnailCell *self)
{
  DdSampleItem *item = self->item;
  const char *key = item && dd_sample_item_get_loaded (item) ? dd_sample_item_get_key (item) : NULL;
  const char *was = self->mark;
  g_autoptr(GString) label = g_string_new (NULL);

  self->mark = NULL;
  if (key && self->exclude && g_hash_table_contains (self->exclude, key))
    self->mark = "excluded";
  else if (key && self->include && g_hash_table_contains (self->include, key))
    self->mark = "included";

  if (self->mark == NULL)
    hide_badge (self->mark_badge);
  else
    {
      gboolean excluded = g_str_equal (self->mark, "excluded");
      GtkWidget *badge = ensure_badge (self, &self->mark_badge);

      gtk_image_set_from_icon_name (GTK_IMAGE (badge), excluded ? "list-remove-symbolic"
                                                                : "list-add-symbolic");
      gtk_widget_remove_css_class (badge, excluded ? "dd-included-badge" : "dd-excluded-badge");
      gtk_widget_add_css_class (badge, excluded ? "dd-excluded-badge" : "dd-included-badge");
      gtk_widget_set_visible (badge, TRUE);
    }
  if (g_strcmp0 (self->mark, "excluded") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "excluded");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "excluded");
  if ((g_strcmp0 (was, "excluded") == 0) != (g_strcmp0 (self->mark, "excluded") == 0))
    gtk_widget_queue_draw (GTK_WIDGET (self));   /* the picture dimmed, or not */

  if (key)
    {
      const char *class_name = dd_sample_item_get_class_name (item);
      const char *corruption = dd_sample_item_get_corruption (item);
      guint32 flags = dd_sample_item_get_flags (item);

      g_string_append (label, class_name ? class_name : words.unlabeled);
      if (corruption && !g_str_equal (corruption, "none"))
        g_string_append_printf (label, words.a11y_severity, corruption_title (corruption),
                                dd_sample_item_get_severity (item));
      else
        g_string_append_printf (label, ", %s", words.a11y_clean);
      if (g_strcmp0 (self->mark, "excluded") == 0)
        g_string_append_printf (label, ", %s", words.a11y_excluded);
      else if (self->mark)
        g_string_append_printf (label, ", %s", words.a11y_included);
      for (guint i = 0; i < DD_HEALTH_N_KINDS; i++)
        if (flags & DD_HEALTH_FLAG (i))
          g_string_append_printf (label, ", %s", dd_health_kind_title (i));
      {
        DdModelOutcome outcome;
        const char *predicted = dd_thumbnail_cell_get_prediction (self, &outcome);

        if (predicted && outcome == DD_MODEL_OUTCOME_WRONG)
          g_string_append_printf (label, words.a11y_wrong, predicted);
        else if (predicted)
          g_string_append_printf (label, words.a11y_predicted, predicted);
      }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->len ? label->str : words.loading, -1);
}

/* Where the picture is: a square at the top, centred. */
static void
picture_rect (DdThumbnailCell *self,
              GdkRectangle    *rect)
{
  rect->x = (gtk_widget_get_width (GTK_WIDGET (self)) - (int) self->size) / 2;
  rect->y = CELL_MARGIN;
  rect->width = rect->height = (int) self->size;
}

/* Where the state icon is drawn: in the middle of the picture's frame. */
static void
state_icon_rect (DdThumbnailCell *self,
                 GdkRectangle    *rect)
{
  GdkRectangle frame;

  picture_rect (self, &frame);
  rect->x = frame.x + (frame.width - STATE_ICON_SIZE) / 2;
  rect->y = frame.y + (frame.height - STATE_ICON_SIZE) / 2;
  rect->width = rect->height = STATE_ICON_SIZE;
}

/* Tooltips are built when asked for: gtk_widget_set_tooltip_text() on every bind asks
 * the display where the pointer is (a round trip to the X server per cell and frame). */
static gboolean
dd_thumbnail_cell_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (widget);
  GtkWidget *picked;
  g_autofree char *health = NULL;

  if (self->item == NULL || !dd_sample_item_get_loaded (self->item))
    return FALSE;

  picked = keyboard_mode ? NULL : gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  if (picked && self->badge && (picked == self->badge || gtk_widget_is_ancestor (picked, self->badge)) &&
      dd_sample_item_get_flags (self->item) != 0)
    {
      health = describe_flags (dd_sample_item_get_flags (self->item));
      gtk_tooltip_set_text (tooltip, health);
      return TRUE;
    }
  if (picked && self->mark_badge && picked == self->mark_badge && self->mark)
    {
      gtk_tooltip_set_text (tooltip, g_str_equal (self->mark, "excluded") ? _("Excluded by hand")
                                                                          : _("Included by hand"));
      return TRUE;
    }
  if (picked == widget && self->broken_message && self->state_icon_name)
    {
      GdkRectangle icon;

      state_icon_rect (self, &icon);
      if (x < icon.x || y < icon.y || x >= icon.x + icon.width || y >= icon.y + icon.height)
        goto path;
      gtk_tooltip_set_text (tooltip, self->broken_message);
      return TRUE;
    }
path:
  /* the problems first, then where the file is */
  if (dd_sample_item_get_flags (self->item) != 0)
    {
      g_autofree char *problems = describe_flags (dd_sample_item_get_flags (self->item));
      g_autofree char *text = g_strdup_printf ("%s\n%s", problems,
                                               dd_sample_item_get_key (self->item));

      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  gtk_tooltip_set_text (tooltip, dd_sample_item_get_key (self->item));
  return TRUE;
}

/* "Clean · val", or a corrupted sample's "Fog · 3". */
static char *
item_caption (DdSampleItem *item)
{
  const char *corruption = dd_sample_item_get_corruption (item);
  const char *split = dd_sample_item_get_split (item);

  if (corruption == NULL || g_str_equal (corruption, "none"))
    return g_strdup_printf (words.clean_split, split ? split : "");
  return g_strdup_printf (words.corruption_severity, corruption_title (corruption),
                          dd_sample_item_get_severity (item));
}

/* The caption with the run's prediction first (the end of a long caption is cut):
 * "✗ dog · fog · 3" or "✓ fog · 3"; the caption itself without a prediction. */
static char *
caption_with_prediction (DdThumbnailCell *self,
                         const char      *caption)
{
  DdModelOutcome outcome;
  const char *predicted = dd_thumbnail_cell_get_prediction (self, &outcome);

  if (predicted == NULL)
    return g_strdup (caption);
  if (outcome == DD_MODEL_OUTCOME_WRONG)
    return g_strdup_printf ("✗ %s · %s", predicted, caption);
  if (outcome == DD_MODEL_OUTCOME_CORRECT)
    return g_strdup_printf ("✓ %s", caption);
  return g_strdup_printf ("→ %s · %s", predicted, caption);
}

/* The class and the caption of the item. */
static void
update_caption (DdThumbnailCell *self)
{
  const char *class_name = dd_sample_item_get_class_name (self->item);
  g_autofree char *caption = item_caption (self->item);
  g_autofree char *shown = caption_with_prediction (self, caption);

  dd_text_cell_set_text_silently (self->title, class_name ? class_name : words.unlabeled);
  dd_text_cell_set_text_silently (self->caption, shown);
}

static void
dd_thumbnail_cell_update (DdThumbnailCell *self)
{
  DdSampleItem *item = self->item;
  g_autoptr(GdkTexture) texture = NULL;
  guint32 flags;

  if (item == NULL || !dd_sample_item_get_loaded (item))
    {
      dd_text_cell_set_text_silently (self->title, NULL);
      dd_text_cell_set_text_silently (self->caption, NULL);
      hide_badge (self->badge);
      dd_thumbnail_cell_update_marks (self);
      show_image_state (self, "loading", NULL);
      return;
    }

  update_caption (self);

  flags = dd_sample_item_get_flags (item);
  show_health_badge (self, flags);
  dd_thumbnail_cell_update_marks (self);

  if (dd_sample_item_get_path (item) == NULL)
    {
      show_image_state (self, "broken", NULL);
      return;
    }

  if (dd_thumbnailer_lookup (self->thumbnailer, dd_sample_item_get_path (item), &texture))
    {
      show_image_state (self, texture ? "picture" : "broken", GDK_PAINTABLE (texture));
      return;
    }

  show_image_state (self, "loading", NULL);
  self->cancellable = g_cancellable_new ();
  dd_thumbnailer_load_async (self->thumbnailer, dd_sample_item_get_path (item),
                             self->cancellable, thumbnail_loaded, g_object_ref (self));
}

static void
item_loaded (DdThumbnailCell *self)
{
  g_clear_signal_handler (&self->loaded_handler, self->item);
  dd_thumbnail_cell_update (self);
}

void
dd_thumbnail_cell_set_item (DdThumbnailCell *self,
                            DdSampleItem    *item)
{
  g_return_if_fail (DD_IS_THUMBNAIL_CELL (self));
  g_return_if_fail (item == NULL || DD_IS_SAMPLE_ITEM (item));

  if (item == self->item)
    return;

  g_clear_pointer (&self->broken_message, g_free);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->item)
    g_clear_signal_handler (&self->loaded_handler, self->item);
  g_set_object (&self->item, item);

  if (item && !dd_sample_item_get_loaded (item))
    self->loaded_handler = g_signal_connect_swapped (item, "notify::loaded",
                                                     G_CALLBACK (item_loaded), self);
  dd_thumbnail_cell_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

const char *
dd_thumbnail_cell_get_image_state (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return self->image_state;
}

gboolean
dd_thumbnail_cell_get_has_badge (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), FALSE);
  return self->badge != NULL && gtk_widget_get_visible (self->badge);
}

void
dd_thumbnail_cell_set_overrides (DdThumbnailCell *self,
                                 GHashTable      *include,
                                 GHashTable      *exclude)
{
  g_return_if_fail (DD_IS_THUMBNAIL_CELL (self));

  if (include == self->include && exclude == self->exclude)
    return;
  if (include)
    g_hash_table_ref (include);
  if (exclude)
    g_hash_table_ref (exclude);
  g_clear_pointer (&self->include, g_hash_table_unref);
  g_clear_pointer (&self->exclude, g_hash_table_unref);
  self->include = include;
  self->exclude = exclude;
  dd_thumbnail_cell_update_marks (self);
}

const char *
dd_thumbnail_cell_get_prediction (DdThumbnailCell *self,
                                  DdModelOutcome  *out_outcome)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);

  *out_outcome = DD_MODEL_OUTCOME_ANY;
  if (self->predictions == NULL || self->item == NULL || !dd_sample_item_get_loaded (self->item))
    return NULL;
  return dd_model_lookup_find (self->predictions, dd_sample_item_get_id (self->item),
                               out_outcome);
}

void
dd_thumbnail_cell_set_predictions (DdThumbnailCell *self,
                                   DdModelLookup   *predictions)
{
  g_return_if_fail (DD_IS_THUMBNAIL_CELL (self));

  if (predictions == self->predictions)
    return;
  g_clear_pointer (&self->predictions, dd_model_lookup_unref);
  self->predictions = predictions ? dd_model_lookup_ref (predictions) : NULL;
  /* the caption and the description again (the picture stays) */
  if (self->item && dd_sample_item_get_loaded (self->item))
    {
      update_caption (self);
      dd_thumbnail_cell_update_marks (self);
    }
}

const char *
dd_thumbnail_cell_get_badge_icon (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return self->badge != NULL && gtk_widget_get_visible (self->badge)
         ? gtk_image_get_icon_name (GTK_IMAGE (self->badge)) : NULL;
}

char *
dd_thumbnail_cell_get_badge_tooltip (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  if (self->item == NULL || !dd_sample_item_get_loaded (self->item) ||
      dd_sample_item_get_flags (self->item) == 0)
    return NULL;
  return describe_flags (dd_sample_item_get_flags (self->item));
}

const char *
dd_thumbnail_cell_get_title (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return dd_text_cell_get_text (self->title);
}

const char *
dd_thumbnail_cell_get_caption (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return dd_text_cell_get_text (self->caption);
}

const char *
dd_thumbnail_cell_get_mark (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return self->mark;
}

DdSampleItem *
dd_thumbnail_cell_get_item (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return self->item;
}

GdkPaintable *
dd_thumbnail_cell_get_paintable (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return self->paintable;
}

const char *
dd_thumbnail_cell_get_state_icon (DdThumbnailCell *self)
{
  g_return_val_if_fail (DD_IS_THUMBNAIL_CELL (self), NULL);
  return self->state_icon_name;
}

/* ---- the widget: a fixed layout, drawn ---------------------------------------------- */

static void
dd_thumbnail_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (widget);
  int title = 0, caption = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* the lines ask for no width: the picture sets it */
      *minimum = *natural = 2 * CELL_MARGIN + (int) self->size;
      return;
    }
  gtk_widget_measure (GTK_WIDGET (self->title), orientation, -1, &title, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->caption), orientation, -1, &caption, NULL, NULL, NULL);
  *minimum = *natural = 2 * CELL_MARGIN + (int) self->size + 2 * CELL_SPACING + title + caption;
}

static void
allocate_badge (GtkWidget          *badge,
                const GdkRectangle *frame,
                gboolean            at_end)
{
  int width, height;

  if (badge == NULL || !gtk_widget_get_visible (badge))
    return;
  gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  gtk_widget_size_allocate (badge,
                            &(GtkAllocation) {
                              at_end ? frame->x + frame->width - BADGE_INSET - width
                                     : frame->x + BADGE_INSET,
                              frame->y + BADGE_INSET, width, height },
                            -1);
}

static void
dd_thumbnail_cell_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int line_width = MAX (0, width - 2 * CELL_MARGIN);
  int y = CELL_MARGIN + (int) self->size + CELL_SPACING;
  int title, caption;
  GdkRectangle frame;

  gtk_widget_measure (GTK_WIDGET (self->title), GTK_ORIENTATION_VERTICAL, -1, &title, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->caption), GTK_ORIENTATION_VERTICAL, -1, &caption, NULL, NULL, NULL);
  gtk_widget_size_allocate (GTK_WIDGET (self->title),
                            &(GtkAllocation) { CELL_MARGIN, y, line_width, title }, -1);
  y += title + CELL_SPACING;
  gtk_widget_size_allocate (GTK_WIDGET (self->caption),
                            &(GtkAllocation) { CELL_MARGIN, y, line_width, caption }, -1);
  picture_rect (self, &frame);
  /* the findings at the end, the override at the start */
  allocate_badge (self->badge, &frame, !rtl);
  allocate_badge (self->mark_badge, &frame, rtl);
}

static void
dd_thumbnail_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (widget);
  gboolean excluded = g_strcmp0 (self->mark, "excluded") == 0;
  GdkRectangle frame;
  GdkRGBA color, frame_color;
  GskRoundedRect rounded;

  picture_rect (self, &frame);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  frame_color = color;
  frame_color.alpha *= 0.06f;

  if (excluded)
    gtk_snapshot_push_opacity (snapshot, EXCLUDED_OPACITY);
  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (frame.x, frame.y, frame.width, frame.height),
                                   FRAME_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &frame_color, &rounded.bounds);
  if (self->paintable)
    {
      /* scaled to fit the frame, keeping its shape, in the middle, its corners rounded
       * as the frame's */
      double ratio = gdk_paintable_get_intrinsic_aspect_ratio (self->paintable);
      double w = frame.width, h = frame.height;

      if (ratio > 0 && ratio > w / h)
        h = w / ratio;
      else if (ratio > 0)
        w = h * ratio;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (frame.x + (frame.width - w) / 2,
                                                              frame.y + (frame.height - h) / 2));
      gdk_paintable_snapshot (self->paintable, snapshot, w, h);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);
  if (excluded)
    gtk_snapshot_pop (snapshot);

  if (self->state_icon_name)
    {
      GdkRectangle icon;

      if (self->state_icon == NULL)
        self->state_icon = dd_icon_texture (widget, self->state_icon_name, STATE_ICON_SIZE,
                                            &color, DIM_OPACITY);
      state_icon_rect (self, &icon);
      gtk_snapshot_append_texture (snapshot, self->state_icon,
                                   &GRAPHENE_RECT_INIT (icon.x, icon.y, icon.width, icon.height));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
}

/* Another icon theme, scale or direction: the state icon is looked up again. */
static void
dd_thumbnail_cell_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dd_thumbnail_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&DD_THUMBNAIL_CELL (widget)->state_icon);
}

static void
dd_thumbnail_cell_system_setting_changed (GtkWidget        *widget,
                                          GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (dd_thumbnail_cell_parent_class)->system_setting_changed (widget, setting);
  g_clear_object (&DD_THUMBNAIL_CELL (widget)->state_icon);
  gtk_widget_queue_draw (widget);
}

static void
dd_thumbnail_cell_dispose (GObject *object)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (object);
  GtkWidget *child;

  dd_thumbnail_cell_set_item (self, NULL);
  g_clear_pointer (&self->predictions, dd_model_lookup_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->badge = self->mark_badge = NULL;
  self->title = self->caption = NULL;
  g_clear_object (&self->paintable);
  g_clear_object (&self->state_icon);
  g_clear_object (&self->thumbnailer);
  g_clear_pointer (&self->include, g_hash_table_unref);
  g_clear_pointer (&self->exclude, g_hash_table_unref);
  g_clear_pointer (&self->broken_message, g_free);

  G_OBJECT_CLASS (dd_thumbnail_cell_parent_class)->dispose (object);
}

static void
dd_thumbnail_cell_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_thumbnail_cell_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      dd_thumbnail_cell_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_thumbnail_cell_class_init (DdThumbnailCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  words.unlabeled = _("Unlabeled");
  /* TRANSLATORS: a sample without corruption, and its split, as in "Clean · val" (as
   * a corrupted one's "Fog · 3") */
  words.clean_split = _("Clean · %s");
  /* TRANSLATORS: corruption · severity, as in "Gaussian noise · 3" */
  words.corruption_severity = _("%s · %u");
  /* TRANSLATORS: accessible description of a thumbnail: ", Fog, severity 3" */
  words.a11y_severity = _(", %s, severity %u");
  words.a11y_clean = _("clean");
  words.a11y_excluded = _("excluded by hand");
  words.a11y_included = _("included by hand");
  /* TRANSLATORS: accessible description of a thumbnail: ", predicted as dog (wrong)" */
  words.a11y_wrong = _(", predicted as %s (wrong)");
  words.a11y_predicted = _(", predicted as %s");
  words.loading = _("Loading");

  object_class->dispose = dd_thumbnail_cell_dispose;
  object_class->get_property = dd_thumbnail_cell_get_property;
  object_class->set_property = dd_thumbnail_cell_set_property;
  widget_class->query_tooltip = dd_thumbnail_cell_query_tooltip;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, DD_TYPE_SAMPLE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = dd_thumbnail_cell_measure;
  widget_class->size_allocate = dd_thumbnail_cell_size_allocate;
  widget_class->snapshot = dd_thumbnail_cell_snapshot;
  widget_class->css_changed = dd_thumbnail_cell_css_changed;
  widget_class->system_setting_changed = dd_thumbnail_cell_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "dd-thumbnail-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

/* A line under the picture: its widget says it all, so the line is "presentation". */
static DdTextCell *
add_line (DdThumbnailCell    *self,
          const char * const *css_classes)
{
  GtkWidget *line = g_object_new (DD_TYPE_TEXT_CELL,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "xalign", 0.5f,
                                  "css-classes", css_classes,
                                  NULL);

  gtk_widget_set_parent (line, GTK_WIDGET (self));
  return DD_TEXT_CELL (line);
}

static void
dd_thumbnail_cell_init (DdThumbnailCell *self)
{
  self->image_state = "loading";
  self->state_icon_name = "image-x-generic-symbolic";
  self->title = add_line (self, (const char *[]) { "caption-heading", NULL });
  self->caption = add_line (self, (const char *[]) { "caption", "dim-label", NULL });
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
dd_thumbnail_cell_new (DdThumbnailer *thumbnailer)
{
  DdThumbnailCell *self;

  g_return_val_if_fail (DD_IS_THUMBNAILER (thumbnailer), NULL);

  self = g_object_new (DD_TYPE_THUMBNAIL_CELL, NULL);
  self->thumbnailer = g_object_ref (thumbnailer);
  self->size = dd_thumbnailer_get_size (thumbnailer);
  return GTK_WIDGET (self);
}
