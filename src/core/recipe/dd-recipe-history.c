/* DdRecipeHistory: a stack of immutable recipe values with an undo/redo cursor. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include "dd-recipe-history.h"

struct _DdRecipeHistory
{
  GObject    parent_instance;

  GPtrArray *undo;      /* DdRecipe, oldest first */
  GPtrArray *redo;      /* DdRecipe, next redo last */
  DdRecipe  *current;
  guint      max_steps;
};

G_DEFINE_FINAL_TYPE (DdRecipeHistory, dd_recipe_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_recipe_history_finalize (GObject *object)
{
  DdRecipeHistory *self = (DdRecipeHistory *) object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->current, dd_recipe_unref);

  G_OBJECT_CLASS (dd_recipe_history_parent_class)->finalize (object);
}

static void
dd_recipe_history_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdRecipeHistory *self = DD_RECIPE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_boxed (value, self->current);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dd_recipe_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dd_recipe_history_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_recipe_history_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DdRecipeHistory *self = DD_RECIPE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      if (g_value_get_boxed (value))
        dd_recipe_history_push (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_recipe_history_class_init (DdRecipeHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_recipe_history_finalize;
  object_class->get_property = dd_recipe_history_get_property;
  object_class->set_property = dd_recipe_history_set_property;

  /* Setting it pushes the new value. */
  properties[PROP_CURRENT] =
    g_param_spec_boxed ("current", NULL, NULL, DD_TYPE_RECIPE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_recipe_history_init (DdRecipeHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_recipe_unref);
  self->current = dd_recipe_new ();
  self->max_steps = 1000;
}

DdRecipeHistory *
dd_recipe_history_new (DdRecipe *initial)
{
  DdRecipeHistory *self = g_object_new (DD_TYPE_RECIPE_HISTORY, NULL);

  if (initial)
    {
      g_clear_pointer (&self->current, dd_recipe_unref);
      self->current = dd_recipe_ref (initial);
    }
  return self;
}

DdRecipe *
dd_recipe_history_get_current (DdRecipeHistory *self)
{
  g_return_val_if_fail (DD_IS_RECIPE_HISTORY (self), NULL);
  return self->current;
}

gboolean
dd_recipe_history_get_can_undo (DdRecipeHistory *self)
{
  g_return_val_if_fail (DD_IS_RECIPE_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
dd_recipe_history_get_can_redo (DdRecipeHistory *self)
{
  g_return_val_if_fail (DD_IS_RECIPE_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

/* Notifies what changed between the (can_undo, can_redo) state before and now. */
static void
notify_changes (DdRecipeHistory *self,
                gboolean         could_undo,
                gboolean         could_redo)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (could_undo != dd_recipe_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != dd_recipe_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dd_recipe_history_push (DdRecipeHistory *self,
                        DdRecipe        *recipe)
{
  gboolean could_undo, could_redo;

  g_return_val_if_fail (DD_IS_RECIPE_HISTORY (self), FALSE);
  g_return_val_if_fail (recipe != NULL, FALSE);

  if (dd_recipe_equal (recipe, self->current))
    return FALSE;
  could_undo = dd_recipe_history_get_can_undo (self);
  could_redo = dd_recipe_history_get_can_redo (self);
  g_ptr_array_add (self->undo, g_steal_pointer (&self->current));
  self->current = dd_recipe_ref (recipe);
  g_ptr_array_set_size (self->redo, 0);
  if (self->undo->len > self->max_steps)
    g_ptr_array_remove_range (self->undo, 0, self->undo->len - self->max_steps);
  notify_changes (self, could_undo, could_redo);
  return TRUE;
}

gboolean
dd_recipe_history_undo (DdRecipeHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_val_if_fail (DD_IS_RECIPE_HISTORY (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  could_undo = dd_recipe_history_get_can_undo (self);
  could_redo = dd_recipe_history_get_can_redo (self);
  g_ptr_array_add (self->redo, g_steal_pointer (&self->current));
  self->current = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  notify_changes (self, could_undo, could_redo);
  return TRUE;
}

gboolean
dd_recipe_history_redo (DdRecipeHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_val_if_fail (DD_IS_RECIPE_HISTORY (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;
  could_undo = dd_recipe_history_get_can_undo (self);
  could_redo = dd_recipe_history_get_can_redo (self);
  g_ptr_array_add (self->undo, g_steal_pointer (&self->current));
  self->current = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  notify_changes (self, could_undo, could_redo);
  return TRUE;
}

void
dd_recipe_history_reset (DdRecipeHistory *self,
                         DdRecipe        *recipe)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (DD_IS_RECIPE_HISTORY (self));

  could_undo = dd_recipe_history_get_can_undo (self);
  could_redo = dd_recipe_history_get_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->current, dd_recipe_unref);
  self->current = recipe ? dd_recipe_ref (recipe) : dd_recipe_new ();
  notify_changes (self, could_undo, could_redo);
}

void
dd_recipe_history_set_max_steps (DdRecipeHistory *self,
                                 guint            max_steps)
{
  g_return_if_fail (DD_IS_RECIPE_HISTORY (self));
  self->max_steps = MAX (max_steps, 1);
  /* At least one step stays, so can-undo does not change. */
  if (self->undo->len > self->max_steps)
    g_ptr_array_remove_range (self->undo, 0, self->undo->len - self->max_steps);
}
