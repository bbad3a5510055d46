/* DdDocument: an open dataset as the app works on it: the catalog, the recipe with its
 * undo history, and the recipe's evaluated selection and facets. Every tab of the
 * window reads it and changes the subset only through dd_document_apply(). */
#pragma once

#include <gio/gio.h>

#include "dd-catalog.h"
#include "dd-recipe.h"
#include "dd-recipe-history.h"

G_BEGIN_DECLS

/* The name under which the recipe being edited is kept in the catalog, so that a
 * crash or a kill never loses an accepted change. */
#define DD_DOCUMENT_WORKING_RECIPE "Working set"

#define DD_TYPE_DOCUMENT (dd_document_get_type ())
G_DECLARE_FINAL_TYPE (DdDocument, dd_document, DD, DOCUMENT, GObject)

/* Properties (all notified on the main context):
 *   "catalog"   DdCatalog, construct-only
 *   "recipe"    DdRecipe (boxed), the current recipe
 *   "selection" DdSelection (boxed), the samples of the current recipe; NULL while the
 *               first evaluation runs
 *   "facets"    gpointer to DdFacets of the selection, owned by the document
 *   "busy"      the working recipe is being read or an evaluation is running
 *   "can-undo", "can-redo"
 *   "error"     the last evaluation error message, or NULL
 * Loads the working recipe from the catalog (async) when created. */
DdDocument   *dd_document_new           (DdCatalog  *catalog);
DdCatalog    *dd_document_get_catalog   (DdDocument *self);
DdRecipe     *dd_document_get_recipe    (DdDocument *self);
DdSelection  *dd_document_get_selection (DdDocument *self);
DdFacets     *dd_document_get_facets    (DdDocument *self);
gboolean      dd_document_get_busy      (DdDocument *self);
const char   *dd_document_get_error     (DdDocument *self);
gboolean      dd_document_get_can_undo  (DdDocument *self);
gboolean      dd_document_get_can_redo  (DdDocument *self);

/* One undoable step: stores @recipe in the catalog (off the main thread), then makes
 * it current and evaluates it. Equal recipes are not a step. Applied while the working
 * recipe is still being read, it waits for that read and comes on top of it. Changes,
 * undos and redos are saved one at a time in the order made; while any waits, the
 * default GApplication (if there is one) is held. */
void          dd_document_apply         (DdDocument *self,
                                         DdRecipe   *recipe);
gboolean      dd_document_undo          (DdDocument *self);
gboolean      dd_document_redo          (DdDocument *self);

G_END_DECLS
