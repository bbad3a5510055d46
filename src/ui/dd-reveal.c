/* DdReveal: widgets hidden and shown again one a frame of their owner's frame clock. */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include "dd-reveal.h"

struct _DdReveal
{
  GtkWidget *owner;
  GPtrArray *children;   /* GtkWidget, the ones not shown yet from n_shown on */
  guint      n_shown;
  guint      tick;       /* 0 once every child shows */
};

static gboolean
show_next (GtkWidget     *owner,
           GdkFrameClock *clock,
           gpointer       data)
{
  DdReveal *reveal = data;

  gtk_widget_set_visible (g_ptr_array_index (reveal->children, reveal->n_shown++), TRUE);
  if (reveal->n_shown < reveal->children->len)
    return G_SOURCE_CONTINUE;
  reveal->tick = 0;
  return G_SOURCE_REMOVE;
}

DdReveal *
dd_reveal_start (GtkWidget         *owner,
                 GtkWidget * const *children,
                 guint              n)
{
  DdReveal *reveal;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  reveal = g_new0 (DdReveal, 1);
  reveal->owner = owner;
  reveal->children = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (reveal->children, g_object_ref (children[i]));
      gtk_widget_set_visible (children[i], FALSE);
    }
  if (n > 0)
    reveal->tick = gtk_widget_add_tick_callback (owner, show_next, reveal, NULL);
  return reveal;
}

void
dd_reveal_finish (DdReveal *reveal)
{
  if (reveal == NULL)
    return;
  if (reveal->tick)
    gtk_widget_remove_tick_callback (reveal->owner, reveal->tick);
  for (guint i = reveal->n_shown; i < reveal->children->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (reveal->children, i), TRUE);
  g_ptr_array_unref (reveal->children);
  g_free (reveal);
}
