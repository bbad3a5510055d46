/* DdPromptPanel: the Coarse tab (one sentence → a proposed subset). */
#pragma once

#include <adwaita.h>

#include "dd-document.h"
#include "dd-prompt.h"

G_BEGIN_DECLS

#define DD_TYPE_PROMPT_PANEL (dd_prompt_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdPromptPanel, dd_prompt_panel, DD, PROMPT_PANEL, GtkWidget)

GtkWidget  *dd_prompt_panel_new          (void);
void        dd_prompt_panel_set_document (DdPromptPanel *self,
                                          DdDocument    *document);
/* For tests and the keyboard: ask, look at the proposal shown, accept it. */
void        dd_prompt_panel_propose      (DdPromptPanel *self,
                                          const char    *text);
DdProposal *dd_prompt_panel_get_proposal (DdPromptPanel *self);
void        dd_prompt_panel_accept       (DdPromptPanel *self);

G_END_DECLS
