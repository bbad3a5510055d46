/* The catalog's named recipes with what each selects: its rules (to describe them) and
 * its sample count, read and evaluated off the caller's thread — for a list to choose a
 * recipe from ("Open Recipe"). */
#pragma once

#include "dd-recipe.h"

G_BEGIN_DECLS

typedef struct {
  char     *name;
  DdRecipe *recipe;     /* NULL when it could not be read */
  gint64    samples;    /* -1 when it does not evaluate in this catalog */
  gint64    modified;   /* unix seconds */
} DdRecipeEntry;

void        dd_recipe_entry_free              (DdRecipeEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRecipeEntry, dd_recipe_entry_free)

/* Every named recipe but the working one (DD_DOCUMENT_WORKING_RECIPE), by name: a
 * GPtrArray of DdRecipeEntry. Blocking. */
GPtrArray  *dd_recipe_list_entries            (DdCatalog           *catalog,
                                               GError             **error);
void        dd_recipe_list_entries_async      (DdCatalog           *catalog,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray  *dd_recipe_list_entries_finish     (DdCatalog           *catalog,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
