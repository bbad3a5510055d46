/* Named recipes from the window: "Save Recipe…" and "Open Recipe…" (win actions). */
#pragma once

#include "dd-window.h"

G_BEGIN_DECLS

/* Adds win.save-recipe and win.open-recipe to @window; they act on its document. */
void dd_recipe_actions_install (DdWindow *window);

G_END_DECLS
