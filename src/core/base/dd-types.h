/* What every core header needs: the error domains, the shared vocabulary, and the
 * progress callback of long jobs. */
#pragma once

#include <glib.h>
#include <gio/gio.h>

#include "dd-errors.h"
#include "dd-vocabulary.h"

G_BEGIN_DECLS

/* Progress reports from long jobs: fraction in [0,1] or negative when unknown. */
typedef void (*DdProgressFunc) (double      fraction,
                                const char *text,
                                gpointer    user_data);

/* Runs @func on @context's next iteration, always from a source: unlike
 * g_main_context_invoke(), never on the calling thread, even when that thread could
 * acquire @context at this moment (a worker racing the owner's main loop). */
void dd_post_to_context (GMainContext   *context,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  destroy);

/* GCompareFuncs for g_ptr_array_sort(), g_array_sort() and qsort(): strings (elements
 * are char *) in strcmp() order, and guints ascending. */
int  dd_compare_strings  (gconstpointer a,
                          gconstpointer b);
int  dd_compare_uints    (gconstpointer a,
                          gconstpointer b);

G_END_DECLS
