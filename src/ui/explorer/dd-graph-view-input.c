/* DdGraphView's input: a click expands or collapses a node (double click activates it,
 * Ctrl+click toggles it in the recipe), a drag moves and pins a node or pans, scroll
 * and pinch zoom around the pointer, the arrow keys walk between nodes. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <math.h>

#include "dd-graph-view-private.h"

static int
node_at (DdGraphView *self,
         double       x,
         double       y)
{
  double wx, wy;

  guint hit;

  dd_graph_view_to_world (self, x, y, &wx, &wy);
  hit = dd_graph_layout_hit (self->layout, wx, wy);
  return hit == DD_GRAPH_NO_NODE ? -1 : (int) hit;
}

void
dd_graph_view_click (DdGraphView     *self,
                     double           x,
                     double           y,
                     int              n_press,
                     GdkModifierType  state)
{
  int index;

  g_return_if_fail (DD_IS_GRAPH_VIEW (self));
  index = node_at (self, x, y - dd_graph_view_canvas_top (self));
  /* a double click: its first press expanded or collapsed the node, and the layout
   * may have moved it from under the pointer since; the second acts on that node, as
   * it was before */
  if (n_press >= 2 && self->last_click > 0 && dd_graph_view_node (self, self->last_click - 1))
    {
      index = self->last_click - 1;
      dd_graph_view_toggle (self, index);
    }
  self->last_click = 0;
  if (index < 0)
    return;
  self->focus = index;
  if (n_press >= 2)
    dd_graph_view_activate_node (self, index);
  else if (state & GDK_CONTROL_MASK)
    dd_graph_view_toggle_in_recipe (self, index);
  else
    {
      dd_graph_view_toggle (self, index);
      self->last_click = index + 1;
    }
  dd_graph_view_update_focus (self);
}

static void
click_released (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                DdGraphView     *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  dd_graph_view_click (self, x, y, n_press, state);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            DdGraphView    *self)
{
  y -= dd_graph_view_canvas_top (self);
  if (y < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_node = node_at (self, x, y);
  self->dragging = FALSE;
  if (self->drag_node >= 0)
    dd_graph_layout_get_position (self->layout, self->drag_node, &self->drag_ox, &self->drag_oy);
  else
    {
      self->drag_ox = self->ox;
      self->drag_oy = self->oy;
    }
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DdGraphView    *self)
{
  if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->dragging)
    {
      /* a drag, not a click: the view is the user's now */
      self->dragging = TRUE;
      dd_graph_view_stop_following (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  if (self->drag_node >= 0 && dd_graph_view_node (self, self->drag_node))
    {
      dd_graph_layout_move (self->layout, self->drag_node, self->drag_ox + dx / self->scale,
                            self->drag_oy + dy / self->scale);
      dd_graph_view_start_layout (self);
    }
  else
    {
      self->ox = self->drag_ox + dx;
      self->oy = self->drag_oy + dy;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          DdGraphView    *self)
{
  self->dragging = FALSE;
  self->drag_node = -1;
  /* the still picture again, with every label */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at (DdGraphView *self,
         double       factor,
         double       x,
         double       y)
{
  double wx, wy, scale = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);

  dd_graph_view_stop_following (self);
  dd_graph_view_to_world (self, x, y, &wx, &wy);
  self->scale = scale;
  self->ox = x - wx * scale;
  self->oy = y - wy * scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          DdGraphView              *self)
{
  /* around the pointer, as maps do */
  zoom_at (self, pow (1.15, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
zoom_begin (GtkGesture       *gesture,
            GdkEventSequence *sequence,
            DdGraphView      *self)
{
  self->zoom_scale0 = self->scale;
}

static void
zoom_changed (GtkGestureZoom *gesture,
              double          scale,
              DdGraphView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  zoom_at (self, self->zoom_scale0 * scale / self->scale, x, y - dd_graph_view_canvas_top (self));
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        DdGraphView              *self)
{
  int hover = node_at (self, x, y - dd_graph_view_canvas_top (self));

  self->pointer_x = x;
  self->pointer_y = y - dd_graph_view_canvas_top (self);
  if (hover != self->hover)
    {
      GraphNode *n = dd_graph_view_node (self, hover);

      self->hover = hover;
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), n ? n->label : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave (GtkEventControllerMotion *controller,
       DdGraphView              *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keeps the focused node on screen. */
static void
reveal (DdGraphView *self,
        int          index)
{
  double wx, wy, sx, sy;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self);

  dd_graph_layout_get_position (self->layout, index, &wx, &wy);
  dd_graph_view_to_screen (self, wx, wy, &sx, &sy);
  if (sx < 40 || sx > width - 40)
    self->ox += width / 2.0 - sx;
  if (sy < 40 || sy > height - 40)
    self->oy += height / 2.0 - sy;
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             DdGraphView           *self)
{
  double dx = 0, dy = 0;
  double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy = (gtk_widget_get_height (GTK_WIDGET (self)) - dd_graph_view_canvas_top (self)) / 2.0;

  if (state & (GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      dd_graph_view_activate_node (self, self->focus);
      return TRUE;
    case GDK_KEY_space:
      dd_graph_view_toggle (self, self->focus);
      return TRUE;
    case GDK_KEY_t: case GDK_KEY_T:
      dd_graph_view_toggle_in_recipe (self, self->focus);
      return TRUE;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      zoom_at (self, 1.25, cx, cy);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      zoom_at (self, 0.8, cx, cy);
      return TRUE;
    case GDK_KEY_Home: case GDK_KEY_0:
      dd_graph_view_stop_following (self);
      dd_graph_view_fit (self);
      return TRUE;
    default:
      return FALSE;
    }
  if (dd_graph_view_node (self, self->focus))
    {
      guint next = dd_graph_layout_nearest_in_direction (self->layout, self->focus, dx, dy);

      if (next != DD_GRAPH_NO_NODE)
        {
          self->focus = next;
          reveal (self, next);
          dd_graph_view_update_focus (self);
        }
    }
  return TRUE;
}

void
dd_graph_view_add_controllers (DdGraphView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
