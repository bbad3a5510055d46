/* What the window calls things: corruptions, families, layouts and severities in the
 * human form ("Defocus blur", not defocus_blur), a sample's title ("val_1677 · Fog 3"),
 * what each health finding means and its icon, and the subset described in parts (the
 * summary under the header bar, the export and recipe dialogs). One place, so every
 * part of the window says the same thing the same way. */
#pragma once

#include <gtk/gtk.h>

#include "dd-catalog.h"
#include "dd-recipe.h"

G_BEGIN_DECLS

/* "defocus_blur" → "Defocus blur", "none" → "Clean"; a name DataDive does not know is
 * shown with its underscores as spaces. */
char       *dd_ui_corruption_title (const char   *name);
/* "blur" → "Blur", "none" → "Clean". */
const char *dd_ui_family_title     (const char   *family);
/* "tiny-imagenet-c" → "Tiny ImageNet-C". */
const char *dd_ui_layout_title     (const char   *layout);
/* A severity mask (bit n: severity n, 0 = clean): "severities 4–5", "severity 5",
 * "clean, severities 1–2"; NULL for every severity (-1). */
char       *dd_ui_severity_text    (int           mask);
/* A sample as people tell it apart: "val_1677" for a clean image, "val_1677 · Fog 3"
 * for one of its corrupted variants (the file name alone is the same in 75 cells). */
char       *dd_ui_sample_title     (const char   *key,
                                    const char   *corruption,
                                    guint         severity);
/* What a finding of @kind means, in one sentence ("The file ends before the image
 * does"), and the icon its badge shows. */
const char *dd_ui_health_problem   (DdHealthKind  kind);
const char *dd_ui_health_icon      (DdHealthKind  kind);

/* How many classes @recipe chooses in @catalog (the unlabeled samples count as one),
 * each once however it is named; 0 when it keeps every class. */
guint       dd_ui_count_chosen_classes (DdRecipe  *recipe,
                                        DdCatalog *catalog);

/* One part of a subset's description: a short label that fits a chip, the whole of it
 * for a tooltip, and what it is about. */
typedef enum {
  DD_UI_PART_SAMPLES,
  DD_UI_PART_CLASSES,
  DD_UI_PART_CORRUPTIONS,
  DD_UI_PART_SEVERITIES,
  DD_UI_PART_SPLITS,
  DD_UI_PART_LEFT_OUT,
  DD_UI_PART_QUOTA,
  DD_UI_PART_EXCLUDED,
  DD_UI_PART_INCLUDED,
} DdUiPartKind;

typedef struct {
  DdUiPartKind kind;
  char        *label;     /* "12 classes chosen, 11 with samples" */
  char        *details;   /* every name, with counts where known */
} DdUiPart;

void        dd_ui_part_free        (DdUiPart     *part);

/* The parts of @recipe's subset in @catalog, from its @facets (NULL while unknown):
 * the sample count, the classes chosen and how many of them have samples, corruptions,
 * severities, splits, what is left out, the quota and the overrides by hand. Rules that
 * keep everything are left out, except the sample count and the classes. */
GPtrArray  *dd_ui_describe_subset  (DdRecipe     *recipe,
                                    DdCatalog    *catalog,
                                    DdFacets     *facets);
/* The parts as one line ("3,850 samples · goldfish, tabby cat · Fog · severities 4–5"). */
char       *dd_ui_describe_line    (DdRecipe     *recipe,
                                    DdCatalog    *catalog,
                                    DdFacets     *facets);

/* @widget's tooltip, shown when asked for (query-tooltip): gtk_widget_set_tooltip_text()
 * asks the display where the pointer is — a round trip to the X server — each time it
 * is called on a visible widget, which rows, cards and titles made or updated in bulk
 * paid for every one. NULL removes it. */
void        dd_ui_set_tooltip      (GtkWidget    *widget,
                                    const char   *text);
/* The text dd_ui_set_tooltip() gave @widget, else its tooltip-text. */
const char *dd_ui_get_tooltip      (GtkWidget    *widget);

G_END_DECLS
