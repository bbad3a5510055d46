/* DdModelHeatmap: the corruption × severity error heatmap of a model run, drawn in
 * snapshot() — one row a corruption, one column a severity, then its CE; a legend of the
 * colour scale below. Signal "cell-activated" (guint corruption_id, guint severity). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "dd-model-heatmap.h"
#include "dd-ui-text.h"

#define N_SEVERITIES 5
#define CELL_W 58
#define CELL_H 30
#define GAP 2
#define PAD 6
#define LEGEND_W 240
#define LEGEND_H 12

typedef struct {
  guint    corruption_id;
  char    *name;
  double   ce;
  double   error[N_SEVERITIES + 1];   /* NAN: no such cell */
  guint64  samples[N_SEVERITIES + 1];
  guint64  errors[N_SEVERITIES + 1];
} Row;

struct _DdModelHeatmap
{
  GtkWidget  parent_instance;

  GArray    *rows;           /* Row */
  gboolean   relative;       /* CE against a baseline */
  int        focus_row;      /* -1: none */
  int        focus_col;      /* 1..5 */
  int        label_width;    /* the widest corruption name, in pixels */
};

G_DEFINE_FINAL_TYPE (DdModelHeatmap, dd_model_heatmap, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_clear (Row *row)
{
  g_free (row->name);
}

/* The colour of an error from 0 to 1: light yellow through orange to dark brown
 * (ColorBrewer YlOrBr, readable by the common colour-blindnesses). */
static void
error_colour (double   error,
              GdkRGBA *out)
{
  static const double stops[][3] = {
    { 1.00, 0.97, 0.74 }, { 1.00, 0.85, 0.46 }, { 0.99, 0.60, 0.16 },
    { 0.85, 0.37, 0.05 }, { 0.60, 0.20, 0.02 },
  };
  double x = CLAMP (error, 0, 1) * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) x, G_N_ELEMENTS (stops) - 2);
  double f = x - i;

  out->red = stops[i][0] + f * (stops[i + 1][0] - stops[i][0]);
  out->green = stops[i][1] + f * (stops[i + 1][1] - stops[i][1]);
  out->blue = stops[i][2] + f * (stops[i + 1][2] - stops[i][2]);
  out->alpha = 1;
}

static int
label_x (DdModelHeatmap *self)
{
  return PAD + self->label_width + PAD;
}

static int
header_h (void)
{
  return 22;
}

/* The cell under (x, y): FALSE when there is none. */
static gboolean
cell_at (DdModelHeatmap *self,
         double          x,
         double          y,
         int            *out_row,
         int            *out_col)
{
  int col = (int) floor ((x - label_x (self)) / (CELL_W + GAP)) + 1;
  int row = (int) floor ((y - header_h ()) / (CELL_H + GAP));

  if (x < label_x (self) || y < header_h () || col < 1 || col > N_SEVERITIES || row < 0 ||
      row >= (int) self->rows->len)
    return FALSE;
  *out_row = row;
  *out_col = col;
  return TRUE;
}

char *
dd_model_heatmap_describe_cell (DdModelHeatmap *self,
                                guint           row,
                                guint           severity)
{
  const Row *r;

  g_return_val_if_fail (DD_IS_MODEL_HEATMAP (self), NULL);

  if (row >= self->rows->len || severity < 1 || severity > N_SEVERITIES)
    return NULL;
  r = &g_array_index (self->rows, Row, row);
  if (isnan (r->error[severity]))
    /* TRANSLATORS: a heatmap cell without predictions: corruption, severity */
    return g_strdup_printf (_("%s, severity %u: no predictions"), r->name, severity);
  /* TRANSLATORS: corruption, severity, error in percent, wrong, predicted */
  return g_strdup_printf (_("%s, severity %u: %.1f %% wrong (%" PRIu64 " of %"
                            PRIu64 ")"), r->name, severity, 100 * r->error[severity],
                          r->errors[severity], r->samples[severity]);
}

static void
update_accessible (DdModelHeatmap *self)
{
  g_autofree char *text = NULL;

  if (self->focus_row >= 0)
    text = dd_model_heatmap_describe_cell (self, self->focus_row, self->focus_col);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : _("Error per corruption and severity"), -1);
}

static void
set_focus_cell (DdModelHeatmap *self,
                int             row,
                int             col)
{
  if (self->rows->len == 0)
    return;
  row = CLAMP (row, 0, (int) self->rows->len - 1);
  col = CLAMP (col, 1, N_SEVERITIES);
  if (row == self->focus_row && col == self->focus_col)
    return;
  self->focus_row = row;
  self->focus_col = col;
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_focus (DdModelHeatmap *self)
{
  const Row *r;

  if (self->focus_row < 0 || self->focus_row >= (int) self->rows->len)
    return;
  r = &g_array_index (self->rows, Row, self->focus_row);
  if (!isnan (r->error[self->focus_col]))
    g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, r->corruption_id,
                   (guint) self->focus_col);
}

/* ---- drawing ------------------------------------------------------------------------- */

static PangoLayout *
make_layout (DdModelHeatmap *self,
             const char     *text,
             gboolean        bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           double         w,
           double         h,
           double         xalign,
           const GdkRGBA *colour)
{
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x + (w - tw) * xalign, y + (h - th) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
dd_model_heatmap_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  DdModelHeatmap *self = DD_MODEL_HEATMAP (widget);
  GdkRGBA fg, white = { 1, 1, 1, 1 }, dark = { 0.1, 0.1, 0.1, 1 }, empty;
  int x0 = label_x (self), y0 = header_h ();
  int grid_w = N_SEVERITIES * (CELL_W + GAP);
  double legend_y;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  empty = fg;
  empty.alpha = 0.08;

  /* severity headers, and the CE column's */
  for (int s = 1; s <= N_SEVERITIES; s++)
    {
      g_autofree char *text = g_strdup_printf ("%d", s);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);

      draw_text (snapshot, layout, x0 + (s - 1) * (CELL_W + GAP), 0, CELL_W, y0, 0.5, &fg);
    }
  {
    g_autoptr(PangoLayout) layout = make_layout (self, self->relative ? "CE" : "CE*", TRUE);

    draw_text (snapshot, layout, x0 + grid_w + PAD, 0, CELL_W, y0, 0.0, &fg);
  }

  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);
      double y = y0 + r * (CELL_H + GAP);
      g_autoptr(PangoLayout) name = make_layout (self, row->name, FALSE);
      g_autofree char *ce = isnan (row->ce) ? g_strdup ("–") : g_strdup_printf ("%.3f", row->ce);
      g_autoptr(PangoLayout) ce_layout = make_layout (self, ce, FALSE);

      draw_text (snapshot, name, PAD, y, self->label_width, CELL_H, 1.0, &fg);
      for (int s = 1; s <= N_SEVERITIES; s++)
        {
          graphene_rect_t rect = GRAPHENE_RECT_INIT (x0 + (s - 1) * (CELL_W + GAP), y,
                                                     CELL_W, CELL_H);
          GdkRGBA colour;

          if (isnan (row->error[s]))
            gtk_snapshot_append_color (snapshot, &empty, &rect);
          else
            {
              g_autofree char *text = g_strdup_printf ("%.0f %%", 100 * row->error[s]);
              g_autoptr(PangoLayout) layout = make_layout (self, text, FALSE);

              error_colour (row->error[s], &colour);
              gtk_snapshot_append_color (snapshot, &colour, &rect);
              draw_text (snapshot, layout, rect.origin.x, y, CELL_W, CELL_H, 0.5,
                         row->error[s] > 0.55 ? &white : &dark);
            }
          if ((int) r == self->focus_row && s == self->focus_col && gtk_widget_has_focus (widget))
            {
              GskRoundedRect outline;
              GdkRGBA ring = { 0.21, 0.52, 0.89, 1 };   /* the accent blue */
              float widths[4] = { 3, 3, 3, 3 };
              GdkRGBA rings[4] = { ring, ring, ring, ring };

              gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
              gtk_snapshot_append_border (snapshot, &outline, widths, rings);
            }
        }
      draw_text (snapshot, ce_layout, x0 + grid_w + PAD, y, CELL_W, CELL_H, 0.0, &fg);
    }

  /* the legend: the scale from 0 % to 100 % */
  legend_y = y0 + self->rows->len * (CELL_H + GAP) + PAD;
  if (self->rows->len > 0)
    {
      g_autoptr(PangoLayout) lo = make_layout (self, "0 %", FALSE);
      g_autoptr(PangoLayout) hi = make_layout (self, "100 %", FALSE);
      g_autoptr(PangoLayout) title = make_layout (self, _("error"), FALSE);
      int lw, lh;

      for (int i = 0; i < LEGEND_W; i += 2)
        {
          GdkRGBA colour;

          error_colour ((double) i / (LEGEND_W - 1), &colour);
          gtk_snapshot_append_color (snapshot, &colour,
                                     &GRAPHENE_RECT_INIT (x0 + i, legend_y, 2, LEGEND_H));
        }
      pango_layout_get_pixel_size (lo, &lw, &lh);
      draw_text (snapshot, title, PAD, legend_y - 4, self->label_width, LEGEND_H + 8, 1.0, &fg);
      draw_text (snapshot, lo, x0, legend_y + LEGEND_H, lw, lh + 4, 0.0, &fg);
      pango_layout_get_pixel_size (hi, &lw, &lh);
      draw_text (snapshot, hi, x0 + LEGEND_W - lw, legend_y + LEGEND_H, lw, lh + 4, 0.0, &fg);
    }
}

static void
dd_model_heatmap_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  DdModelHeatmap *self = DD_MODEL_HEATMAP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = label_x (self) + N_SEVERITIES * (CELL_W + GAP) + PAD + CELL_W + PAD;
  else
    *minimum = *natural = self->rows->len == 0
                          ? 0
                          : header_h () + self->rows->len * (CELL_H + GAP) + PAD + LEGEND_H + 24;
}

/* ---- input ---------------------------------------------------------------------------- */

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DdModelHeatmap        *self)
{
  int row = MAX (self->focus_row, 0), col = self->focus_col;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      set_focus_cell (self, row, col - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      set_focus_cell (self, row, col + 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (row == 0)
        return FALSE;   /* out of the grid: focus moves on */
      set_focus_cell (self, row - 1, col);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (row + 1 >= (int) self->rows->len)
        return FALSE;
      set_focus_cell (self, row + 1, col);
      return TRUE;
    case GDK_KEY_Home:
      set_focus_cell (self, row, 1);
      return TRUE;
    case GDK_KEY_End:
      set_focus_cell (self, row, N_SEVERITIES);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      activate_focus (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            DdModelHeatmap  *self)
{
  int row, col;

  if (!cell_at (self, x, y, &row, &col))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_focus_cell (self, row, col);
  activate_focus (self);
}

static gboolean
on_query_tooltip (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  DdModelHeatmap *self)
{
  g_autofree char *text = NULL;
  int row, col;

  if (keyboard)
    {
      row = self->focus_row;
      col = self->focus_col;
    }
  else if (!cell_at (self, x, y, &row, &col))
    return FALSE;
  if (row < 0 || !(text = dd_model_heatmap_describe_cell (self, row, col)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_focus_changed (DdModelHeatmap *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_row < 0)
    set_focus_cell (self, 0, 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- the API ------------------------------------------------------------------------- */

void
dd_model_heatmap_set_report (DdModelHeatmap *self,
                             DdModelReport  *report)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (DD_IS_MODEL_HEATMAP (self));

  g_array_set_size (self->rows, 0);
  self->focus_row = -1;
  self->focus_col = 1;
  self->label_width = 80;
  self->relative = report && report->baseline;
  for (guint i = 0; report && i < report->corruptions->len; i++)
    {
      DdModelCorruption *c = g_ptr_array_index (report->corruptions, i);
      Row row = { .name = dd_ui_corruption_title (c->corruption), .ce = c->ce };
      int w;

      for (guint s = 0; s <= N_SEVERITIES; s++)
        row.error[s] = NAN;
      for (guint k = 0; k < report->cells->len; k++)
        {
          DdModelCell *cell = g_ptr_array_index (report->cells, k);

          if (!g_str_equal (cell->corruption, c->corruption))
            continue;
          row.corruption_id = cell->corruption_id;
          if (cell->severity >= 1 && cell->severity <= N_SEVERITIES)
            {
              row.error[cell->severity] = cell->error;
              row.samples[cell->severity] = cell->samples;
              row.errors[cell->severity] = cell->errors;
            }
        }
      g_clear_object (&layout);
      layout = make_layout (self, row.name, FALSE);
      pango_layout_get_pixel_size (layout, &w, NULL);
      self->label_width = MAX (self->label_width, w);
      g_array_append_val (self->rows, row);
    }
  update_accessible (self);
  gtk_widget_set_focusable (GTK_WIDGET (self), self->rows->len > 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
dd_model_heatmap_get_n_rows (DdModelHeatmap *self)
{
  g_return_val_if_fail (DD_IS_MODEL_HEATMAP (self), 0);
  return self->rows->len;
}

gboolean
dd_model_heatmap_get_focus (DdModelHeatmap *self,
                            guint          *out_corruption_id,
                            guint          *out_severity)
{
  g_return_val_if_fail (DD_IS_MODEL_HEATMAP (self), FALSE);

  if (self->focus_row < 0 || self->focus_row >= (int) self->rows->len)
    return FALSE;
  *out_corruption_id = g_array_index (self->rows, Row, self->focus_row).corruption_id;
  *out_severity = self->focus_col;
  return TRUE;
}

GtkWidget *
dd_model_heatmap_new (void)
{
  return g_object_new (DD_TYPE_MODEL_HEATMAP, NULL);
}

static void
dd_model_heatmap_finalize (GObject *object)
{
  DdModelHeatmap *self = DD_MODEL_HEATMAP (object);

  g_array_unref (self->rows);
  G_OBJECT_CLASS (dd_model_heatmap_parent_class)->finalize (object);
}

static void
dd_model_heatmap_class_init (DdModelHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dd_model_heatmap_finalize;
  widget_class->snapshot = dd_model_heatmap_snapshot;
  widget_class->measure = dd_model_heatmap_measure;

  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dd_model_heatmap_init (DdModelHeatmap *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, (GDestroyNotify) row_clear);
  self->focus_row = -1;
  self->focus_col = 1;
  self->label_width = 80;
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}
