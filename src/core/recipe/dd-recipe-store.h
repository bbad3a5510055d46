/* Named recipes stored in a catalog, each with the history of its saves. Every write
 * is one transaction; reads see the latest commit. Names are trimmed; an empty name,
 * one of more than 200 characters or one with control characters is refused
 * (DD_RECIPE_ERROR_INVALID); a read-only catalog refuses every write
 * (DD_CATALOG_ERROR_READ_ONLY). */
#pragma once

#include "dd-recipe.h"

G_BEGIN_DECLS

typedef struct {
  gint64    saved_at;  /* unix seconds */
  DdRecipe *recipe;
} DdRecipeRevision;

void dd_recipe_revision_free (DdRecipeRevision *revision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRecipeRevision, dd_recipe_revision_free)

typedef enum {
  DD_RECIPE_SAVE_DEFAULT = 0,        /* insert or update */
  DD_RECIPE_SAVE_CREATE_ONLY = 1,    /* fail when the name exists */
  DD_RECIPE_SAVE_UPDATE_ONLY = 2,    /* fail when the name does not exist */
} DdRecipeSaveFlags;

/* Each save is one BEGIN IMMEDIATE … COMMIT transaction writing the recipe and a
 * recipe_history row. Names are trimmed; empty names are refused. */
gboolean   dd_catalog_save_recipe      (DdCatalog          *catalog,
                                        const char         *name,
                                        DdRecipe           *recipe,
                                        DdRecipeSaveFlags   flags,
                                        GError            **error);
DdRecipe  *dd_catalog_load_recipe      (DdCatalog          *catalog,
                                        const char         *name,
                                        GError            **error);
gboolean   dd_catalog_rename_recipe    (DdCatalog          *catalog,
                                        const char         *name,
                                        const char         *new_name,
                                        GError            **error);
/* Deletes the recipe and its history. */
gboolean   dd_catalog_delete_recipe    (DdCatalog          *catalog,
                                        const char         *name,
                                        GError            **error);
/* GPtrArray of DdRecipeInfo, by name. */
GPtrArray *dd_catalog_list_recipes     (DdCatalog          *catalog,
                                        GError            **error);
/* GPtrArray of DdRecipeRevision, oldest first. */
GPtrArray *dd_catalog_recipe_history   (DdCatalog          *catalog,
                                        const char         *name,
                                        GError            **error);

/* The same on a worker thread, answering on the caller's thread-default main context. */
void       dd_catalog_save_recipe_async    (DdCatalog            *catalog,
                                            const char           *name,
                                            DdRecipe             *recipe,
                                            DdRecipeSaveFlags     flags,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   dd_catalog_save_recipe_finish   (DdCatalog            *catalog,
                                            GAsyncResult         *result,
                                            GError              **error);
void       dd_catalog_load_recipe_async    (DdCatalog            *catalog,
                                            const char           *name,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
DdRecipe  *dd_catalog_load_recipe_finish   (DdCatalog            *catalog,
                                            GAsyncResult         *result,
                                            GError              **error);
void       dd_catalog_rename_recipe_async  (DdCatalog            *catalog,
                                            const char           *name,
                                            const char           *new_name,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   dd_catalog_rename_recipe_finish (DdCatalog            *catalog,
                                            GAsyncResult         *result,
                                            GError              **error);
void       dd_catalog_delete_recipe_async  (DdCatalog            *catalog,
                                            const char           *name,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean   dd_catalog_delete_recipe_finish (DdCatalog            *catalog,
                                            GAsyncResult         *result,
                                            GError              **error);
void       dd_catalog_list_recipes_async   (DdCatalog            *catalog,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GPtrArray *dd_catalog_list_recipes_finish  (DdCatalog            *catalog,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
