/* DdCoarsePage: the Coarse page — one sentence becomes a proposed subset, shown as a
 * diff against the current recipe and applied to the page's document only on Accept. */
#pragma once

#include <adwaita.h>

#include "dd-page.h"
#include "dd-prompt.h"

G_BEGIN_DECLS

#define DD_TYPE_COARSE_PAGE (dd_coarse_page_get_type ())
G_DECLARE_FINAL_TYPE (DdCoarsePage, dd_coarse_page, DD, COARSE_PAGE, DdPage)

/* For tests and the keyboard: ask, look at the proposal shown, accept it. */
void        dd_coarse_page_propose       (DdCoarsePage *self,
                                          const char   *text);
DdProposal *dd_coarse_page_get_proposal  (DdCoarsePage *self);
void        dd_coarse_page_accept        (DdCoarsePage *self);

G_END_DECLS
