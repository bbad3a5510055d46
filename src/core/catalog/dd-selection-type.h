/* A GType for DdSelection, so widgets can hold one in a property. */
#pragma once

#include <glib-object.h>

#include "dd-catalog.h"

G_BEGIN_DECLS

#define DD_TYPE_SELECTION (dd_selection_get_type ())
GType dd_selection_get_type (void) G_GNUC_CONST;

G_END_DECLS
