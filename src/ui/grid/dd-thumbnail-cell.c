/* DdThumbnailCell: one cell of a thumbnail grid. Binding only sets state and starts
 * the decode; unbinding (setting another item or none) cancels it. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-catalog.h"
#include "dd-text-cell.h"
#include "dd-thumbnail-cell.h"
#include "dd-ui-text.h"

struct _DdThumbnailCell
{
  GtkWidget parent_instance;

  const char *image_state;  /* "loading", "picture" or "broken" */
  GtkPicture *picture;
  GtkImage *state_icon;     /* over the empty frame while loading or broken */
  GtkImage *badge;
  GtkImage *mark_badge;
  DdTextCell *title;     /* the class */
  DdTextCell *caption;   /* corruption and severity, or "Clean · split" */

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
                  const char      *state)
{
  gboolean picture = g_str_equal (state, "picture");

  self->image_state = state;
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), !picture);
  if (!picture)
    gtk_picture_set_paintable (self->picture, NULL);
  if (!picture)
    gtk_image_set_from_icon_name (self->state_icon, g_str_equal (state, "broken")
                                                    ? "image-missing-symbolic"
                                                    : "image-x-generic-symbolic");
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
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      show_image_state (self, "picture");
    }
  else
    {
      g_free (self->broken_message);
      self->broken_message = g_strdup (error->message);
      show_image_state (self, "broken");
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

/* The override badge and the accessible description: class, corruption, state. */
static void
dd_thumbnail_cell_update_marks (DdThumbnailCell *self)
{
  DdSampleItem *item = self->item;
  const char *key = item && dd_sample_item_get_loaded (item) ? dd_sample_item_get_key (item) : NULL;
  g_autoptr(GString) label = g_string_new (NULL);

  self->mark = NULL;
  if (key && self->exclude && g_hash_table_contains (self->exclude, key))
    self->mark = "excluded";
  else if (key && self->include && g_hash_table_contains (self->include, key))
    self->mark = "included";

  gtk_widget_set_visible (GTK_WIDGET (self->mark_badge), self->mark != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->mark_badge), "dd-excluded-badge");
  gtk_widget_remove_css_class (GTK_WIDGET (self->mark_badge), "dd-included-badge");
  if (g_strcmp0 (self->mark, "excluded") == 0)
    {
      gtk_image_set_from_icon_name (self->mark_badge, "list-remove-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->mark_badge), "dd-excluded-badge");
      gtk_widget_add_css_class (GTK_WIDGET (self), "excluded");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "excluded");
      if (self->mark)
        {
          gtk_image_set_from_icon_name (self->mark_badge, "list-add-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (self->mark_badge), "dd-included-badge");
        }
    }

  if (key)
    {
      const char *class_name = dd_sample_item_get_class_name (item);
      const char *corruption = dd_sample_item_get_corruption (item);
      guint32 flags = dd_sample_item_get_flags (item);

      g_string_append (label, class_name ? class_name : _("Unlabeled"));
      if (corruption && !g_str_equal (corruption, "none"))
        {
          g_autofree char *title = dd_ui_corruption_title (corruption);

          /* TRANSLATORS: accessible description of a thumbnail: ", Fog, severity 3" */
          g_string_append_printf (label, _(", %s, severity %u"), title,
                                  dd_sample_item_get_severity (item));
        }
      else
        g_string_append_printf (label, ", %s", _("clean"));
      if (g_strcmp0 (self->mark, "excluded") == 0)
        g_string_append_printf (label, ", %s", _("excluded by hand"));
      else if (self->mark)
        g_string_append_printf (label, ", %s", _("included by hand"));
      for (guint i = 0; i < DD_HEALTH_N_KINDS; i++)
        if (flags & DD_HEALTH_FLAG (i))
          g_string_append_printf (label, ", %s", dd_health_kind_title (i));
      {
        DdModelOutcome outcome;
        const char *predicted = dd_thumbnail_cell_get_prediction (self, &outcome);

        if (predicted && outcome == DD_MODEL_OUTCOME_WRONG)
          /* TRANSLATORS: accessible description of a thumbnail: ", predicted as dog (wrong)" */
          g_string_append_printf (label, _(", predicted as %s (wrong)"), predicted);
        else if (predicted)
          g_string_append_printf (label, _(", predicted as %s"), predicted);
      }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label->len ? label->str : _("Loading"), -1);
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
  if (picked && (picked == GTK_WIDGET (self->badge) ||
                 gtk_widget_is_ancestor (picked, GTK_WIDGET (self->badge))) &&
      dd_sample_item_get_flags (self->item) != 0)
    {
      health = describe_flags (dd_sample_item_get_flags (self->item));
      gtk_tooltip_set_text (tooltip, health);
      return TRUE;
    }
  if (picked && picked == GTK_WIDGET (self->mark_badge) && self->mark)
    {
      gtk_tooltip_set_text (tooltip, g_str_equal (self->mark, "excluded") ? _("Excluded by hand")
                                                                          : _("Included by hand"));
      return TRUE;
    }
  if (picked && picked == GTK_WIDGET (self->state_icon) && self->broken_message)
    {
      gtk_tooltip_set_text (tooltip, self->broken_message);
      return TRUE;
    }
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
  g_autofree char *title = NULL;

  if (corruption == NULL || g_str_equal (corruption, "none"))
    /* TRANSLATORS: a sample without corruption, and its split, as in "Clean · val" (as
     * a corrupted one's "Fog · 3") */
    return g_strdup_printf (_("Clean · %s"), split ? split : "");
  title = dd_ui_corruption_title (corruption);
  /* TRANSLATORS: corruption · severity, as in "Gaussian noise · 3" */
  return g_strdup_printf (_("%s · %u"), title, dd_sample_item_get_severity (item));
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

  dd_text_cell_set_text (self->title, class_name ? class_name : _("Unlabeled"));
  dd_text_cell_set_text (self->caption, shown);
}

static void
dd_thumbnail_cell_update (DdThumbnailCell *self)
{
  DdSampleItem *item = self->item;
  g_autoptr(GdkTexture) texture = NULL;
  guint32 flags;

  if (item == NULL || !dd_sample_item_get_loaded (item))
    {
      dd_text_cell_set_text (self->title, NULL);
      dd_text_cell_set_text (self->caption, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->badge), FALSE);
      dd_thumbnail_cell_update_marks (self);
      gtk_picture_set_paintable (self->picture, NULL);
      show_image_state (self, "loading");
      return;
    }

  update_caption (self);

  flags = dd_sample_item_get_flags (item);
  gtk_widget_set_visible (GTK_WIDGET (self->badge), flags != 0);
  if (flags != 0)
    gtk_image_set_from_icon_name (self->badge,
                                  dd_ui_health_icon (g_bit_nth_lsf (flags, -1)));
  dd_thumbnail_cell_update_marks (self);

  if (dd_sample_item_get_path (item) == NULL)
    {
      show_image_state (self, "broken");
      return;
    }

  if (dd_thumbnailer_lookup (self->thumbnailer, dd_sample_item_get_path (item), &texture))
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      show_image_state (self, texture ? "picture" : "broken");
      return;
    }

  gtk_picture_set_paintable (self->picture, NULL);
  show_image_state (self, "loading");
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
  return gtk_widget_get_visible (GTK_WIDGET (self->badge));
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
  return gtk_widget_get_visible (GTK_WIDGET (self->badge))
         ? gtk_image_get_icon_name (self->badge) : NULL;
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

static void
dd_thumbnail_cell_dispose (GObject *object)
{
  DdThumbnailCell *self = DD_THUMBNAIL_CELL (object);
  GtkWidget *child;

  dd_thumbnail_cell_set_item (self, NULL);
  g_clear_pointer (&self->predictions, dd_model_lookup_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_THUMBNAIL_CELL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
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

  object_class->dispose = dd_thumbnail_cell_dispose;
  object_class->get_property = dd_thumbnail_cell_get_property;
  object_class->set_property = dd_thumbnail_cell_set_property;
  widget_class->query_tooltip = dd_thumbnail_cell_query_tooltip;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, DD_TYPE_SAMPLE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_TEXT_CELL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/datadive/DataDive"
                                                             "/ui/dd-thumbnail-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailCell, picture);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailCell, state_icon);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailCell, badge);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailCell, mark_badge);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailCell, title);
  gtk_widget_class_bind_template_child (widget_class, DdThumbnailCell, caption);
  gtk_widget_class_set_css_name (widget_class, "dd-thumbnail-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dd_thumbnail_cell_init (DdThumbnailCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->image_state = "loading";
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->badge), TRUE);
  g_signal_connect (self->badge, "query-tooltip", G_CALLBACK (badge_query_tooltip), self);
}

GtkWidget *
dd_thumbnail_cell_new (DdThumbnailer *thumbnailer)
{
  DdThumbnailCell *self;
  guint size;

  g_return_val_if_fail (DD_IS_THUMBNAILER (thumbnailer), NULL);

  self = g_object_new (DD_TYPE_THUMBNAIL_CELL, NULL);
  self->thumbnailer = g_object_ref (thumbnailer);
  size = dd_thumbnailer_get_size (thumbnailer);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), size, size);
  return GTK_WIDGET (self);
}
