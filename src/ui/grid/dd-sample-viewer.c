/* DdSampleViewer: one sample at full size with its box annotations, every fact the
 * catalog has about it, and — for Tiny-ImageNet-C — the clean image and its corrupted
 * variants one click away; under the picture the samples most like it by perceptual
 * hash (near duplicates first); Page Up / Page Down walk through the grid. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-health-near-async.h"
#include "dd-text.h"
#include "dd-sample-details.h"
#include "dd-sample-viewer.h"
#include "dd-thumbnailer.h"
#include "dd-ui-text.h"

struct _DdSampleViewer
{
  AdwWindow     parent_instance;

  DdCatalog    *catalog;
  DdSelection  *selection;
  guint         position;
  DdSampleInfo *info;
  GdkTexture   *texture;
  GCancellable *cancellable;

  double        zoom;           /* 0 = fit */

  GtkWidget    *title;
  GtkWidget    *image_scroller;
  GtkWidget    *overlay;
  GtkWidget    *zoom_label;
  GtkWidget    *picture;
  GtkWidget    *boxes;          /* drawing area over the picture */
  GtkWidget    *facts;          /* GtkListBox */
  GtkWidget    *side_stack;
  GtkWidget    *strip;          /* GtkGrid: corruption × severity of the clean image */
  guint         n_variants;
  GtkWidget    *similar_status;
  GtkWidget    *similar_scroller;
  GtkWidget    *similar_strip;  /* GtkBox: a button per similar sample */
  guint         n_similar;
  gboolean      similar_loaded;
};

/* How many similar samples the strip shows, and how far past the near-duplicate
 * threshold it looks (the copies first, then the pictures most like this one). */
#define SIMILAR_LIMIT 8
#define SIMILAR_MARGIN 6

G_DEFINE_FINAL_TYPE (DdSampleViewer, dd_sample_viewer, ADW_TYPE_WINDOW)

enum {
  SHOW_RELATIONS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void apply_zoom (DdSampleViewer *self);

static void
add_fact (DdSampleViewer *self,
          const char     *title,
          const char     *value)
{
  GtkWidget *row, *box, *name, *text;

  if (value == NULL || *value == '\0')
    return;
  /* Not an AdwActionRow: its subtitle cannot be selected before libadwaita 1.3, and a
   * path or hash is there to be copied. */
  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  name = gtk_label_new (title);
  text = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (GTK_LIST_BOX (self->facts), row);
}

/* A flat button of the variants' or the similar samples' strip showing @child: a click
 * shows the sample @id (viewer.show-sample); @tooltip is its tooltip and accessible
 * label. */
static GtkWidget *
sample_button (GtkWidget  *child,
               const char *css_class,
               const char *tooltip,
               gint64      id)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), child);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "viewer.show-sample");
  return button;
}

static void
thumb_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkTexture) texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result, NULL);

  if (texture)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static int
corruption_rank (const char *name)
{
  const char * const *standard = dd_standard_corruptions ();

  if (g_str_equal (name, "none"))
    return -1;
  for (int i = 0; standard[i]; i++)
    if (g_str_equal (standard[i], name))
      return i;
  return G_MAXINT;
}

static int
compare_corruptions (gconstpointer a,
                     gconstpointer b)
{
  const char *x = *(const char **) a, *y = *(const char **) b;
  int rx = corruption_rank (x), ry = corruption_rank (y);

  return rx != ry ? (rx < ry ? -1 : 1) : g_strcmp0 (x, y);
}

/* The clean image and its variants as a corruption × severity matrix: a cell the
 * dataset lacks shows as a dash, so a missing cell is seen at once. */
static void
fill_variants (DdSampleViewer *self,
               GPtrArray      *variants)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GHashTable) row_of = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  guint max_severity = 5;

  while ((child = gtk_widget_get_first_child (self->strip)))
    gtk_grid_remove (GTK_GRID (self->strip), child);
  self->n_variants = variants ? variants->len : 0;
  gtk_stack_page_set_visible (gtk_stack_get_page (GTK_STACK (self->side_stack),
                                                  gtk_widget_get_parent (gtk_widget_get_parent (self->strip))),
                              self->n_variants > 1);
  if (self->n_variants <= 1)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), "details");
      return;
    }

  for (guint i = 0; i < variants->len; i++)
    {
      DdSampleVariant *v = g_ptr_array_index (variants, i);

      if (!g_hash_table_contains (row_of, v->corruption))
        {
          g_hash_table_add (row_of, v->corruption);
          g_ptr_array_add (rows, v->corruption);
        }
      max_severity = MAX (max_severity, v->severity);
    }
  g_ptr_array_sort (rows, compare_corruptions);
  for (guint r = 0; r < rows->len; r++)
    g_hash_table_insert (row_of, rows->pdata[r], GUINT_TO_POINTER (r + 1));

  for (guint c = 1; c <= max_severity; c++)
    {
      g_autofree char *text = g_strdup_printf ("%u", c);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->strip), label, c, 0, 1, 1);
    }
  for (guint r = 0; r < rows->len; r++)
    {
      const char *name = rows->pdata[r];
      g_autofree char *title = dd_ui_corruption_title (name);
      /* "Clean" as the other rows' "Gaussian noise": the window's words, capitalised */
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "caption");
      gtk_grid_attach (GTK_GRID (self->strip), label, 0, r + 1, 1, 1);
      /* dashes where a cell is absent, replaced below by the variants present */
      if (!g_str_equal (name, "none"))
        for (guint c = 1; c <= max_severity; c++)
          {
            GtkWidget *dash = gtk_label_new ("—");

            gtk_widget_add_css_class (dash, "dim-label");
            gtk_widget_set_tooltip_text (dash, _("Missing from the dataset"));
            gtk_grid_attach (GTK_GRID (self->strip), dash, c, r + 1, 1, 1);
          }
    }

  for (guint i = 0; i < variants->len; i++)
    {
      DdSampleVariant *v = g_ptr_array_index (variants, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, v->corruption));
      guint column = g_str_equal (v->corruption, "none") ? 1 : MAX (v->severity, 1);
      GtkWidget *picture = gtk_picture_new ();
      GtkWidget *old = gtk_grid_get_child_at (GTK_GRID (self->strip), column, row);
      g_autofree char *title = dd_ui_corruption_title (v->corruption);
      g_autofree char *tooltip = g_str_equal (v->corruption, "none")
        ? g_strdup_printf (_("Clean image\n%s"), v->key)
        : g_strdup_printf (_("%s, severity %u\n%s"), title, v->severity, v->key);
      GtkWidget *button;

      if (old)
        gtk_grid_remove (GTK_GRID (self->strip), old);
      gtk_widget_set_size_request (picture, 44, 44);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      button = sample_button (picture, "variant", tooltip, v->id);
      if (v->current)
        gtk_widget_add_css_class (button, "current");
      gtk_grid_attach (GTK_GRID (self->strip), button, column, row, 1, 1);
      dd_thumbnailer_load_async (dd_thumbnailer_get_default (), v->path, self->cancellable,
                                 thumb_loaded, g_object_ref (picture));
    }
}

/* ---- similar samples ---------------------------------------------------------------- */

static void
clear_similar (DdSampleViewer *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->similar_strip)))
    gtk_box_remove (GTK_BOX (self->similar_strip), child);
  self->n_similar = 0;
  self->similar_loaded = FALSE;
  gtk_widget_set_visible (self->similar_scroller, FALSE);
  gtk_label_set_label (GTK_LABEL (self->similar_status), "");
}

static void
similar_thumb_loaded (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkImage) image = user_data;
  g_autoptr(GdkTexture) texture = dd_thumbnailer_load_finish (DD_THUMBNAILER (object), result,
                                                              NULL);

  if (texture)
    gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
}

static GtkWidget *
similar_button (DdSampleViewer     *self,
                const DdSimilar    *similar,
                const DdSampleInfo *info,
                guint               threshold)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *picture = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *distance, *klass;
  const char *class_name = info->class_name ? info->class_name : _("unlabeled");
  gboolean copy = similar->distance <= threshold;
  g_autofree char *bits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bit", "%u bits",
                                                        similar->distance), similar->distance);
  g_autofree char *tooltip = NULL;

  /* TRANSLATORS: a similar sample's tooltip: its key, class · split, then how near */
  tooltip = g_strdup_printf (copy ? _("%s\n%s · %s\n%s apart: the same picture (within the "
                                      "near-duplicate threshold)")
                                  : _("%s\n%s · %s\n%s apart"),
                             info->key, class_name, info->split ? info->split : "—", bits);
  /* one size whatever the picture's: a halved copy is as easy to see as its original */
  gtk_image_set_pixel_size (GTK_IMAGE (picture), 64);
  gtk_box_append (GTK_BOX (box), picture);
  distance = gtk_label_new (bits);
  gtk_widget_add_css_class (distance, "caption-heading");
  if (copy)
    gtk_widget_add_css_class (distance, "accent");
  gtk_box_append (GTK_BOX (box), distance);
  klass = gtk_label_new (class_name);
  gtk_label_set_ellipsize (GTK_LABEL (klass), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (klass), 9);
  gtk_widget_add_css_class (klass, "caption");
  gtk_widget_add_css_class (klass, "dim-label");
  gtk_box_append (GTK_BOX (box), klass);
  if (info->path)
    dd_thumbnailer_load_async (dd_thumbnailer_get_default (), info->path, self->cancellable,
                               similar_thumb_loaded, g_object_ref (picture));
  return sample_button (box, "dd-similar", tooltip, info->id);
}

static void
similar_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DdSampleViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  guint threshold = 0;
  g_autoptr(GPtrArray) similar = dd_health_similar_finish (DD_CATALOG (object), result, &samples,
                                                           &threshold, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_similar (self);
  self->similar_loaded = TRUE;
  if (similar == NULL)
    {
      /* no hash yet: the content pass has not decoded it (or an old catalog) */
      g_debug ("no similar samples: %s", error->message);
      gtk_label_set_label (GTK_LABEL (self->similar_status),
                           _("Check Images in the main menu finds similar images"));
      return;
    }
  for (guint i = 0; i < similar->len; i++)
    if (samples->pdata[i])
      {
        gtk_box_append (GTK_BOX (self->similar_strip),
                        similar_button (self, similar->pdata[i], samples->pdata[i], threshold));
        self->n_similar++;
      }
  gtk_widget_set_visible (self->similar_scroller, self->n_similar > 0);
  if (self->n_similar == 0)
    gtk_label_set_label (GTK_LABEL (self->similar_status), _("No similar images"));
  else
    {
      guint copies = 0;

      for (guint i = 0; i < similar->len; i++)
        copies += ((DdSimilar *) similar->pdata[i])->distance <= threshold;
      if (copies > 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u near duplicate, nearest first",
                                                                "%u near duplicates, nearest first",
                                                                copies), copies);

          gtk_label_set_label (GTK_LABEL (self->similar_status), text);
        }
      else
        gtk_label_set_label (GTK_LABEL (self->similar_status),
                             _("No near duplicate; the nearest pictures"));
    }
}

static void
load_similar (DdSampleViewer *self)
{
  clear_similar (self);
  dd_health_similar_async (self->catalog, self->info->key, SIMILAR_LIMIT, SIMILAR_MARGIN,
                           self->cancellable, similar_ready, g_object_ref (self));
}

/* The catalog changed (a new near-duplicate threshold, a content pass): the strip asks
 * again. */
static void
catalog_changed (DdSampleViewer *self)
{
  if (self->info && self->cancellable)
    load_similar (self);
}

/* A variant or a similar sample clicked: shown at its place in the selection when it is
 * in it (Page Up / Page Down then walk on from there). */
static void
action_show_sample (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DdSampleViewer *self = DD_SAMPLE_VIEWER (widget);
  gint64 id = g_variant_get_int64 (parameter);
  gint64 pos = self->selection ? dd_selection_find (self->selection, id) : -1;

  if (pos >= 0)
    self->position = pos;
  dd_sample_viewer_show_id (self, id);
}

static void
show_loaded (DdSampleViewer  *self,
             DdSampleDetails *l)
{
  DdSampleInfo *s = l->info;
  GtkWidget *child;
  g_autofree char *klass = NULL;
  g_autofree char *size = NULL;
  g_autofree char *corruption = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GString) findings = g_string_new (NULL);
  g_autofree char *path = g_filename_display_name (s->path);

  g_clear_pointer (&self->info, dd_sample_info_free);
  self->info = g_steal_pointer (&l->info);
  s = self->info;
  g_clear_object (&self->texture);
  if (l->pixbuf)
    self->texture = gdk_texture_new_for_pixbuf (l->pixbuf);
  if (self->texture)
    gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (self->texture));
  else
    {
      /* A broken or vanished file: say so in the picture, the reason is in Findings. */
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
      g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, "image-missing-symbolic",
                                                                      NULL, 128, 1,
                                                                      GTK_TEXT_DIR_NONE, 0);
      gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (icon));
    }
  apply_zoom (self);
  gtk_widget_queue_draw (self->boxes);

  adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), s->class_name ? s->class_name : _("Unlabeled"));
  {
    /* "val_1677 · Fog 3": the file name alone is the same in its 75 variants */
    g_autofree char *base = dd_ui_sample_title (s->key, s->corruption, s->severity);
    g_autofree char *position = dd_format_count (self->position + 1);
    g_autofree char *of = dd_format_count (self->selection ? dd_selection_get_n (self->selection) : 0);
    g_autofree char *sub = self->selection
      ? g_strdup_printf ("%s · %s / %s", base, position, of)
      : g_strdup (base);
    adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), sub);
  }

  while ((child = gtk_widget_get_first_child (self->facts)))
    gtk_list_box_remove (GTK_LIST_BOX (self->facts), child);
  klass = s->wnid ? g_strdup_printf ("%s (%s)", s->class_name, s->wnid) : g_strdup (_("unlabeled"));
  size = s->width > 0 ? g_strdup_printf ("%d × %d · %s · %s", s->width, s->height,
                                         s->mode ? s->mode : "?", s->format ? s->format : "?")
                      : g_strdup (_("not decoded yet: Check Images in the main menu looks "
                                    "inside every file"));
  if (s->severity > 0)
    {
      g_autofree char *title = dd_ui_corruption_title (s->corruption);

      corruption = g_strdup_printf (_("%s, severity %u"), title, s->severity);
    }
  else
    corruption = g_strdup (_("none (clean)"));
  bytes = s->file_size >= 0 ? g_format_size (s->file_size) : NULL;
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (s->flags & DD_HEALTH_FLAG (k))
      g_string_append_printf (findings, "%s%s", findings->len ? ", " : "", dd_health_kind_title (k));
  if (s->decode_error)
    g_string_append_printf (findings, " — %s", s->decode_error);

  add_fact (self, _("Class"), klass);
  add_fact (self, _("Definition"), l->gloss);
  add_fact (self, _("WordNet ancestry"), l->ancestry);
  add_fact (self, _("Split"), s->split);
  add_fact (self, _("Corruption"), corruption);
  add_fact (self, _("Image"), size);
  add_fact (self, _("File size"), bytes);
  add_fact (self, _("Findings"), findings->len ? findings->str : _("none"));
  add_fact (self, _("Prediction"), l->prediction);
  add_fact (self, _("Top 5"), l->top5);
  add_fact (self, _("Path"), path);
  add_fact (self, _("Key"), s->key);
  add_fact (self, _("Clean image"), s->clean_key);
  add_fact (self, _("Content hash"), s->hash);
  if (s->boxes->len)
    {
      DdBox *b = &g_array_index (s->boxes, DdBox, 0);
      g_autofree char *box = g_strdup_printf ("%d, %d – %d, %d", b->x0, b->y0, b->x1, b->y1);
      add_fact (self, l->clean_boxes ? _("Box (of the clean image)") : _("Box"), box);
    }

  fill_variants (self, l->variants);
  load_similar (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous",
                                 self->selection && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next",
                                 self->selection &&
                                 self->position + 1 < dd_selection_get_n (self->selection));
}

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DdSampleViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSampleDetails) details = dd_sample_details_load_finish (DD_CATALOG (object), result,
                                                                      &error);

  if (details == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), error->message);
      return;
    }
  show_loaded (self, details);
}

void
dd_sample_viewer_show_id (DdSampleViewer *self,
                          gint64          id)
{
  g_return_if_fail (DD_IS_SAMPLE_VIEWER (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  dd_sample_details_load_async (self->catalog, id, self->cancellable, loaded, g_object_ref (self));
}

static void
step (DdSampleViewer *self,
      int             delta)
{
  gint64 pos = (gint64) self->position + delta;

  if (self->selection == NULL || pos < 0 || pos >= dd_selection_get_n (self->selection))
    return;
  self->position = pos;
  dd_sample_viewer_show_id (self, dd_selection_get_id (self->selection, pos));
}


/* Box annotations over the picture, where the picture's "contain" fit put the image. */
static void
draw_boxes (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  DdSampleViewer *self = user_data;
  double scale, ox, oy;
  int iw, ih;

  if (self->info == NULL || self->texture == NULL || self->info->boxes->len == 0)
    return;
  iw = gdk_texture_get_width (self->texture);
  ih = gdk_texture_get_height (self->texture);
  scale = MIN ((double) width / iw, (double) height / ih);
  ox = (width - iw * scale) / 2;
  oy = (height - ih * scale) / 2;
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgba (cr, 0.2, 0.82, 0.48, 0.95);
  for (guint i = 0; i < self->info->boxes->len; i++)
    {
      DdBox *b = &g_array_index (self->info->boxes, DdBox, i);
      cairo_rectangle (cr, ox + b->x0 * scale, oy + b->y0 * scale,
                       (b->x1 - b->x0 + 1) * scale, (b->y1 - b->y0 + 1) * scale);
      cairo_stroke (cr);
    }
}

static const double zoom_levels[] = { 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32 };

/* The magnification the fit mode shows the image at. */
static double
fit_scale (DdSampleViewer *self)
{
  int w = gtk_widget_get_width (self->image_scroller);
  int h = gtk_widget_get_height (self->image_scroller);

  if (self->texture == NULL || w <= 0 || h <= 0)
    return 1;
  return MIN ((double) w / gdk_texture_get_width (self->texture),
              (double) h / gdk_texture_get_height (self->texture));
}

static void
apply_zoom (DdSampleViewer *self)
{
  g_autofree char *text = NULL;

  if (self->zoom <= 0 || self->texture == NULL)
    {
      gtk_widget_set_size_request (self->overlay, -1, -1);
      gtk_widget_set_halign (self->overlay, GTK_ALIGN_FILL);
      gtk_widget_set_valign (self->overlay, GTK_ALIGN_FILL);
      text = g_strdup (_("Fit"));
    }
  else
    {
      gtk_widget_set_size_request (self->overlay,
                                   (int) (gdk_texture_get_width (self->texture) * self->zoom),
                                   (int) (gdk_texture_get_height (self->texture) * self->zoom));
      gtk_widget_set_halign (self->overlay, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (self->overlay, GTK_ALIGN_CENTER);
      text = g_strdup_printf ("%.0f %%", self->zoom * 100);
    }
  gtk_label_set_text (GTK_LABEL (self->zoom_label), text);
}

double
dd_sample_viewer_get_zoom (DdSampleViewer *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_VIEWER (self), 0);
  return self->zoom;
}

void
dd_sample_viewer_set_zoom (DdSampleViewer *self,
                           double          zoom)
{
  g_return_if_fail (DD_IS_SAMPLE_VIEWER (self));
  self->zoom = zoom > 0 ? CLAMP (zoom, zoom_levels[0], zoom_levels[G_N_ELEMENTS (zoom_levels) - 1]) : 0;
  apply_zoom (self);
}

static void
zoom_in (DdSampleViewer *self)
{
  double now = self->zoom > 0 ? self->zoom : fit_scale (self);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
    if (zoom_levels[i] > now * 1.001)
      {
        dd_sample_viewer_set_zoom (self, zoom_levels[i]);
        return;
      }
}

static void
zoom_out (DdSampleViewer *self)
{
  double now = self->zoom > 0 ? self->zoom : fit_scale (self);

  for (guint i = G_N_ELEMENTS (zoom_levels); i-- > 0;)
    if (zoom_levels[i] < now * 0.999)
      {
        dd_sample_viewer_set_zoom (self, zoom_levels[i]);
        return;
      }
}


static void
action_previous (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (DD_SAMPLE_VIEWER (widget), -1);
}

static void
action_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (DD_SAMPLE_VIEWER (widget), 1);
}

static void
action_relations (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdSampleViewer *self = DD_SAMPLE_VIEWER (widget);

  if (self->info == NULL)
    return;
  g_signal_emit (self, signals[SHOW_RELATIONS], 0, self->info->key);
  /* the explorer shows in the main window: the viewer would cover it */
  gtk_window_close (GTK_WINDOW (self));
}

static void
action_zoom (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DdSampleViewer *self = DD_SAMPLE_VIEWER (widget);

  if (g_str_equal (action_name, "viewer.zoom-in"))
    zoom_in (self);
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    zoom_out (self);
  else if (g_str_equal (action_name, "viewer.zoom-fit"))
    dd_sample_viewer_set_zoom (self, 0);
  else
    dd_sample_viewer_set_zoom (self, 1);
}

static void
dd_sample_viewer_dispose (GObject *object)
{
  DdSampleViewer *self = DD_SAMPLE_VIEWER (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->selection, dd_selection_unref);
  g_clear_pointer (&self->info, dd_sample_info_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SAMPLE_VIEWER);
  G_OBJECT_CLASS (dd_sample_viewer_parent_class)->dispose (object);
}

static void
dd_sample_viewer_class_init (DdSampleViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_sample_viewer_dispose;
  /**
   * DdSampleViewer::show-relations:
   * @key: the sample's key
   *
   * "Show Relations": the explorer, started from this sample; the viewer closes.
   */
  signals[SHOW_RELATIONS] = g_signal_new ("show-relations", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "viewer.relations", NULL, action_relations);
  gtk_widget_class_install_action (widget_class, "viewer.show-sample", "x", action_show_sample);
  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, action_previous);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-actual", NULL, action_zoom);
  {
    const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
      { GDK_KEY_Page_Up, 0, "viewer.previous" },
      { GDK_KEY_Page_Down, 0, "viewer.next" },
      { GDK_KEY_Left, GDK_ALT_MASK, "viewer.previous" },
      { GDK_KEY_Right, GDK_ALT_MASK, "viewer.next" },
      { GDK_KEY_plus, 0, "viewer.zoom-in" },
      { GDK_KEY_equal, 0, "viewer.zoom-in" },
      { GDK_KEY_KP_Add, 0, "viewer.zoom-in" },
      { GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in" },
      { GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in" },
      { GDK_KEY_minus, 0, "viewer.zoom-out" },
      { GDK_KEY_KP_Subtract, 0, "viewer.zoom-out" },
      { GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out" },
      { GDK_KEY_0, 0, "viewer.zoom-fit" },
      { GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit" },
      { GDK_KEY_1, 0, "viewer.zoom-actual" },
      { GDK_KEY_r, GDK_CONTROL_MASK, "viewer.relations" },
      { GDK_KEY_Escape, 0, "window.close" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, keys[i].mods,
                                           keys[i].action, NULL);
  }

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/datadive/DataDive/ui/dd-sample-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, title);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, image_scroller);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, overlay);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, boxes);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, facts);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, side_stack);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, strip);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, similar_status);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, similar_scroller);
  gtk_widget_class_bind_template_child (widget_class, DdSampleViewer, similar_strip);
}

static void
dd_sample_viewer_init (DdSampleViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->boxes), draw_boxes, self, NULL);
}

DdSampleViewer *
dd_sample_viewer_new (GtkWindow   *parent,
                      DdCatalog   *catalog,
                      DdSelection *selection,
                      guint        position)
{
  DdSampleViewer *self = g_object_new (DD_TYPE_SAMPLE_VIEWER,
                                       "transient-for", parent,
                                       "application", parent ? gtk_window_get_application (parent) : NULL,
                                       NULL);

  self->catalog = g_object_ref (catalog);
  g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed), self,
                           G_CONNECT_SWAPPED);
  self->selection = selection ? dd_selection_ref (selection) : NULL;
  self->position = position;
  if (selection && position < dd_selection_get_n (selection))
    dd_sample_viewer_show_id (self, dd_selection_get_id (selection, position));
  return self;
}

DdCatalog *
dd_sample_viewer_get_catalog (DdSampleViewer *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_VIEWER (self), NULL);
  return self->catalog;
}

DdSampleInfo *
dd_sample_viewer_get_info (DdSampleViewer *self)
{
  return self->info;
}

guint
dd_sample_viewer_get_n_variants (DdSampleViewer *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_VIEWER (self), 0);
  return self->n_variants;
}

guint
dd_sample_viewer_get_n_similar (DdSampleViewer *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_VIEWER (self), 0);
  return self->n_similar;
}

gboolean
dd_sample_viewer_get_similar_loaded (DdSampleViewer *self)
{
  g_return_val_if_fail (DD_IS_SAMPLE_VIEWER (self), FALSE);
  return self->similar_loaded;
}
