/* DdRecipeHistory: undo/redo over recipe values. Every edit pushes the new recipe;
 * undo and redo move through the stack; a push after an undo drops the redo side. */
#pragma once

#include <glib-object.h>

#include "dd-recipe.h"

G_BEGIN_DECLS

#define DD_TYPE_RECIPE_HISTORY (dd_recipe_history_get_type ())
G_DECLARE_FINAL_TYPE (DdRecipeHistory, dd_recipe_history, DD, RECIPE_HISTORY, GObject)

/* @initial may be NULL (the recipe selecting everything). */
DdRecipeHistory *dd_recipe_history_new          (DdRecipe        *initial);
/* Transfer none: valid until the next change of the history. */
DdRecipe        *dd_recipe_history_get_current  (DdRecipeHistory *self);
/* Records @recipe as the new current value; returns FALSE (and records nothing) when it
 * equals the current one. */
gboolean         dd_recipe_history_push         (DdRecipeHistory *self,
                                                 DdRecipe        *recipe);
gboolean         dd_recipe_history_undo         (DdRecipeHistory *self);
gboolean         dd_recipe_history_redo         (DdRecipeHistory *self);
gboolean         dd_recipe_history_get_can_undo (DdRecipeHistory *self);
gboolean         dd_recipe_history_get_can_redo (DdRecipeHistory *self);
/* Starts over from @recipe with empty undo and redo stacks (e.g. after loading). */
void             dd_recipe_history_reset        (DdRecipeHistory *self,
                                                 DdRecipe        *recipe);
/* Most undo steps kept (oldest dropped first); default 1000. */
void             dd_recipe_history_set_max_steps (DdRecipeHistory *self,
                                                  guint            max_steps);

G_END_DECLS
