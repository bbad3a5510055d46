/* DdDocument: the catalog, the recipe and its history, the evaluated selection. */
#define G_LOG_DOMAIN "datadive-document"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-document.h"
#include "dd-recipe-store.h"
#include "dd-selection-type.h"
#include "dd-task.h"

/* A recipe to save as the working recipe; a change is pushed onto the history once
 * saved, an undo or redo is in it already. */
typedef struct {
  DdRecipe *recipe;
  gboolean  push;
} Save;

static void
save_free (Save *save)
{
  dd_recipe_unref (save->recipe);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

struct _DdDocument
{
  GObject          parent_instance;

  DdCatalog       *catalog;
  DdRecipeHistory *history;
  DdSelection     *selection;
  DdFacets        *facets;
  char            *error;
  GCancellable    *evaluating;
  gboolean         loading;        /* the working recipe is being read */
  Save            *saving;         /* the recipe being saved as the working recipe */
  GQueue           to_save;        /* the saves after it, in order: Save */
  GApplication    *held;           /* the default application, held until all are saved */
};

G_DEFINE_FINAL_TYPE (DdDocument, dd_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_RECIPE,
  PROP_SELECTION,
  PROP_FACETS,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  DdSelection *selection;
  DdFacets    *facets;
} Evaluated;

static void
evaluated_free (Evaluated *e)
{
  g_clear_pointer (&e->selection, dd_selection_unref);
  g_clear_pointer (&e->facets, dd_facets_free);
  g_free (e);
}

/* What an evaluation starts from: the recipe, and the selection and facets shown (their
 * facets are updated from the rows that changed when that is quicker than a count). */
typedef struct {
  DdRecipe    *recipe;
  DdSelection *old;
  DdFacets    *old_facets;
} Evaluation;

static void
evaluation_free (Evaluation *ev)
{
  dd_recipe_unref (ev->recipe);
  g_clear_pointer (&ev->old, dd_selection_unref);
  g_clear_pointer (&ev->old_facets, dd_facets_free);
  g_free (ev);
}

/* The selection and its facets in one step: counting the facets on a second worker
 * thread while the grid took the selection gave the grid nothing sooner at 5 M samples
 * (first thumbnails 281-353 ms either way) and made the window do its updates twice,
 * a toggle to settled 84 -> 95 ms and the open's longest stall 35 -> 53 ms (medians of
 * six alternating runs). */
static void
evaluate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DdDocument *self = source_object;
  Evaluation *ev = task_data;
  GError *error = NULL;
  Evaluated *e = NULL;
  DdSelection *selection = dd_recipe_evaluate (ev->recipe, self->catalog, NULL, cancellable,
                                               &error);

  if (selection)
    {
      e = g_new0 (Evaluated, 1);
      e->selection = selection;
      if (ev->old)
        e->facets = dd_catalog_facets_update (self->catalog, ev->old_facets, ev->old, selection);
      if (e->facets == NULL)
        e->facets = dd_catalog_facets (self->catalog, selection);
    }
  dd_task_return_pointer_or_error (task, e, (GDestroyNotify) evaluated_free, error);
}

static void
on_evaluated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdDocument *self = DD_DOCUMENT (object);
  g_autoptr(GError) error = NULL;
  Evaluated *e = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer evaluation is running */
  g_clear_object (&self->evaluating);
  g_clear_pointer (&self->error, g_free);
  if (e == NULL)
    self->error = g_strdup (error->message);
  else
    {
      g_clear_pointer (&self->selection, dd_selection_unref);
      g_clear_pointer (&self->facets, dd_facets_free);
      self->selection = g_steal_pointer (&e->selection);
      self->facets = g_steal_pointer (&e->facets);
      evaluated_free (e);
      g_object_notify_by_pspec (object, properties[PROP_SELECTION]);
      g_object_notify_by_pspec (object, properties[PROP_FACETS]);
    }
  g_object_notify_by_pspec (object, properties[PROP_ERROR]);
  g_object_notify_by_pspec (object, properties[PROP_BUSY]);
}

static void
evaluate (DdDocument *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_busy = self->evaluating != NULL;
  Evaluation *ev;

  if (self->evaluating)
    g_cancellable_cancel (self->evaluating);
  g_clear_object (&self->evaluating);
  self->evaluating = g_cancellable_new ();
  ev = g_new0 (Evaluation, 1);
  ev->recipe = dd_recipe_ref (dd_recipe_history_get_current (self->history));
  if (self->selection && self->facets)
    {
      ev->old = dd_selection_ref (self->selection);
      ev->old_facets = dd_facets_copy (self->facets);
    }
  task = g_task_new (self, self->evaluating, on_evaluated, NULL);
  dd_task_run_in_thread (task, evaluate, ev, (GDestroyNotify) evaluation_free, evaluate_thread);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
current_changed (DdDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  evaluate (self);
}

static void save_next (DdDocument *self);

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DdDocument) self = user_data;
  g_autoptr(Save) save = g_steal_pointer (&self->saving);
  g_autoptr(GError) error = NULL;

  /* A read-only catalog keeps no working recipe: the change applies, unsaved. */
  if (!dd_catalog_save_recipe_finish (DD_CATALOG (object), result, &error) &&
      !g_error_matches (error, DD_CATALOG_ERROR, DD_CATALOG_ERROR_READ_ONLY))
    {
      /* The change is not applied: what the user sees must be what the catalog holds. */
      g_clear_pointer (&self->error, g_free);
      self->error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  else if (save->push && dd_recipe_history_push (self->history, save->recipe))
    current_changed (self);
  save_next (self);
}

/* Saves the next recipe waiting, unless one is being saved or the working recipe is
 * still being read. One at a time: saved on threads side by side, a change applied
 * after another could be written and pushed before it (the last of 8 quick changes
 * was lost in 8 of 8 runs). */
static void
save_next (DdDocument *self)
{
  if (self->saving || self->loading)
    return;
  if (g_queue_is_empty (&self->to_save))
    {
      /* all saved: the application may quit now */
      if (self->held)
        g_application_release (self->held);
      g_clear_object (&self->held);
      return;
    }
  self->saving = g_queue_pop_head (&self->to_save);
  dd_catalog_save_recipe_async (self->catalog, DD_DOCUMENT_WORKING_RECIPE, self->saving->recipe,
                                DD_RECIPE_SAVE_DEFAULT, NULL, on_saved, g_object_ref (self));
}

/* Saves @recipe as the working recipe after those waiting; on_saved pushes it onto the
 * history if @push. */
static void
save_working (DdDocument *self,
              DdRecipe   *recipe,
              gboolean    push)
{
  Save *save = g_new0 (Save, 1);

  save->recipe = dd_recipe_ref (recipe);
  save->push = push;
  g_queue_push_tail (&self->to_save, save);
  /* A window closed right after a change must not end the application before the
   * change is saved (the saves waiting would be lost). */
  if (self->held == NULL && (self->held = g_application_get_default ()))
    {
      g_object_ref (self->held);
      g_application_hold (self->held);
    }
  save_next (self);
}

/* The recipe the document will hold once the saves waiting are done (NULL while the
 * working recipe is read and nothing waits). */
static DdRecipe *
last_wanted (DdDocument *self)
{
  if (!g_queue_is_empty (&self->to_save))
    return ((Save *) g_queue_peek_tail (&self->to_save))->recipe;
  if (self->saving)
    return self->saving->recipe;
  return self->loading ? NULL : dd_recipe_history_get_current (self->history);
}

void
dd_document_apply (DdDocument *self,
                   DdRecipe   *recipe)
{
  DdRecipe *wanted;

  g_return_if_fail (DD_IS_DOCUMENT (self));
  g_return_if_fail (recipe != NULL);

  /* While the working recipe is read, it waits (save_next()): saved before the read is
   * taken, it could be read back as where the document starts (then it had no undo
   * step), or be replaced by what was read. */
  wanted = last_wanted (self);
  if (wanted && dd_recipe_equal (recipe, wanted))
    return;
  save_working (self, recipe, TRUE);
}

/* After an undo or redo that @moved: undo and redo are changes too, the catalog follows
 * them. Not pushed once saved: it is in the history already, and after quick undos it is
 * no longer current (pushed, it came back on top of the history and took the redo
 * steps: 8 quick undos did not end where they started, 6 of 6 runs). */
static gboolean
moved_in_history (DdDocument *self,
                  gboolean    moved)
{
  if (!moved)
    return FALSE;
  current_changed (self);
  save_working (self, dd_recipe_history_get_current (self->history), FALSE);
  return TRUE;
}

gboolean
dd_document_undo (DdDocument *self)
{
  g_return_val_if_fail (DD_IS_DOCUMENT (self), FALSE);
  return moved_in_history (self, dd_recipe_history_undo (self->history));
}

gboolean
dd_document_redo (DdDocument *self)
{
  g_return_val_if_fail (DD_IS_DOCUMENT (self), FALSE);
  return moved_in_history (self, dd_recipe_history_redo (self->history));
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DdDocument) self = user_data;
  g_autoptr(DdRecipe) recipe = dd_catalog_load_recipe_finish (DD_CATALOG (object), result, NULL);

  /* No working recipe yet (or one this catalog no longer accepts): all samples. */
  if (recipe)
    dd_recipe_history_reset (self->history, recipe);
  self->loading = FALSE;
  current_changed (self);   /* busy from loading to evaluating, without a gap */
  /* the changes made meanwhile come on top of what was read, each its own step (the
   * first was compared with nothing yet) */
  if (!g_queue_is_empty (&self->to_save) &&
      dd_recipe_equal (((Save *) g_queue_peek_head (&self->to_save))->recipe,
                       dd_recipe_history_get_current (self->history)))
    save_free (g_queue_pop_head (&self->to_save));
  save_next (self);
}

static void
on_catalog_changed (DdCatalog  *catalog,
                    DdDocument *self)
{
  evaluate (self);
}

static void
dd_document_constructed (GObject *object)
{
  DdDocument *self = DD_DOCUMENT (object);

  G_OBJECT_CLASS (dd_document_parent_class)->constructed (object);
  g_signal_connect_object (self->catalog, "changed", G_CALLBACK (on_catalog_changed), self, 0);
  self->loading = TRUE;
  dd_catalog_load_recipe_async (self->catalog, DD_DOCUMENT_WORKING_RECIPE, NULL, on_loaded,
                                g_object_ref (self));
}

DdDocument *
dd_document_new (DdCatalog *catalog)
{
  return g_object_new (DD_TYPE_DOCUMENT, "catalog", catalog, NULL);
}

DdCatalog *
dd_document_get_catalog (DdDocument *self)
{
  return self->catalog;
}

DdRecipe *
dd_document_get_recipe (DdDocument *self)
{
  return dd_recipe_history_get_current (self->history);
}

DdSelection *
dd_document_get_selection (DdDocument *self)
{
  return self->selection;
}

DdFacets *
dd_document_get_facets (DdDocument *self)
{
  return self->facets;
}

gboolean
dd_document_get_busy (DdDocument *self)
{
  return self->loading || self->evaluating != NULL;
}

const char *
dd_document_get_error (DdDocument *self)
{
  return self->error;
}

gboolean
dd_document_get_can_undo (DdDocument *self)
{
  return dd_recipe_history_get_can_undo (self->history);
}

gboolean
dd_document_get_can_redo (DdDocument *self)
{
  return dd_recipe_history_get_can_redo (self->history);
}

static void
dd_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdDocument *self = DD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_RECIPE:
      g_value_set_boxed (value, dd_document_get_recipe (self));
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    case PROP_FACETS:
      g_value_set_pointer (value, self->facets);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dd_document_get_busy (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dd_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dd_document_get_can_redo (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DdDocument *self = DD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_document_dispose (GObject *object)
{
  DdDocument *self = DD_DOCUMENT (object);

  if (self->evaluating)
    g_cancellable_cancel (self->evaluating);
  g_clear_object (&self->evaluating);
  G_OBJECT_CLASS (dd_document_parent_class)->dispose (object);
}

static void
dd_document_finalize (GObject *object)
{
  DdDocument *self = DD_DOCUMENT (object);

  g_clear_object (&self->history);
  g_queue_clear_full (&self->to_save, (GDestroyNotify) save_free);
  g_clear_pointer (&self->saving, save_free);
  if (self->held)
    g_application_release (self->held);
  g_clear_object (&self->held);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->selection, dd_selection_unref);
  g_clear_pointer (&self->facets, dd_facets_free);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (dd_document_parent_class)->finalize (object);
}

static void
dd_document_class_init (DdDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dd_document_constructed;
  object_class->get_property = dd_document_get_property;
  object_class->set_property = dd_document_set_property;
  object_class->dispose = dd_document_dispose;
  object_class->finalize = dd_document_finalize;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, DD_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECIPE] =
    g_param_spec_boxed ("recipe", NULL, NULL, DD_TYPE_RECIPE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, DD_TYPE_SELECTION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FACETS] =
    g_param_spec_pointer ("facets", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_document_init (DdDocument *self)
{
  g_autoptr(DdRecipe) all = dd_recipe_new ();
  self->history = dd_recipe_history_new (all);
  g_queue_init (&self->to_save);
}
