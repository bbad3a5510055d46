/* Catalog side of the harnesses: the template catalog and the read-back of every value. */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dd-cli.h"
#include "dd-fuzz-catalog.h"
#include "dd-fuzz.h"
#include "dd-health.h"
#include "dd-recipe.h"
#include "dd-recipe-store.h"
#include "dd-relations.h"
#include "dd-test-damage.h"
#include "dd-test-util.h"

GBytes *
dd_fuzz_catalog_template (void)
{
  static GBytes *template;

  if (template == NULL)
    {
      g_autofree char *path = dd_fuzz_path ("template.ddcat");
      g_autoptr(GError) error = NULL;
      g_autoptr(DdRecipe) recipe = NULL;
      DdCatalog *catalog;
      char *contents;
      gsize length;

      catalog = dd_catalog_open (path, DD_CATALOG_OPEN_CREATE, &error);
      g_assert_no_error (error);
      dd_test_fill_catalog (catalog);
      recipe = dd_recipe_new_from_json ("{\"classes\": [\"goldfish\", \"tabby\"],"
                                        " \"corruptions\": [\"none\", \"blur\"],"
                                        " \"severities\": [0, 4, 5], \"per_class_limit\": 3,"
                                        " \"seed\": 7,"
                                        " \"include\": [\"tiny/test/images/test_0.JPEG\"],"
                                        " \"exclude\": [\"tiny/val/images/val_0.JPEG\"]}",
                                        -1, &error);
      g_assert_no_error (error);
      g_assert_true (dd_catalog_save_recipe (catalog, "Blurry pets", recipe,
                                             DD_RECIPE_SAVE_DEFAULT, &error));
      g_assert_true (dd_catalog_save_recipe (catalog, "Blurry pets", recipe,
                                             DD_RECIPE_SAVE_DEFAULT, &error));
      g_assert_no_error (error);
      dd_test_damage_sql (dd_catalog_get_path (catalog),
        "INSERT INTO findings (kind, sample_id, key, detail) VALUES"
        " ('missing_cell', NULL, 'C/fog/5/n04146614', 'The whole cell is absent.');"
        "INSERT INTO orphan_annotations (source_id, file, wnid, detail) VALUES"
        " (1, 'val/images/val_99.JPEG', 'n01443537', 'names a file that does not exist');"
        "UPDATE samples SET file_size = 2048, mtime = 1700000000, width = 64, height = 64,"
        " channels = 3, mode = 'RGB', format = 'jpeg', hash = 'abc' || (id % 7),"
        " decoded_mtime = 1700000000 WHERE id <= 20;");
      g_assert_true (dd_catalog_reload (catalog, &error));
      g_assert_no_error (error);
      g_object_unref (catalog);

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      template = g_bytes_new_take (contents, length);
      /* For the seed corpora: a copy of the template to take rows and the blob from. */
      if (g_getenv ("DD_FUZZ_DUMP_TEMPLATE"))
        g_assert_true (g_file_set_contents (g_getenv ("DD_FUZZ_DUMP_TEMPLATE"), contents,
                                            length, NULL));
    }
  return template;
}

const char *
dd_fuzz_catalog_write (GBytes *bytes)
{
  static char *path, *wal, *shm;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  if (path == NULL)
    {
      path = dd_fuzz_path ("work.ddcat");
      wal = g_strconcat (path, "-wal", NULL);
      shm = g_strconcat (path, "-shm", NULL);
    }
  g_unlink (wal);
  g_unlink (shm);
  dd_fuzz_write (path, data, size);
  return path;
}

/* ---- the library ---------------------------------------------------------------- */

static void
check_error (const GError *error)
{
  dd_fuzz_check (error != NULL, "a failure sets an error");
  dd_fuzz_check (error->message[0] != '\0', "an error says what is wrong");
  dd_fuzz_check_utf8 (error->message, "an error message is UTF-8");
}

static void
check_facets (DdCatalog   *catalog,
              DdSelection *selection)
{
  g_autoptr(DdFacets) facets = dd_catalog_facets (catalog, selection);
  guint64 sum_classes = 0, sum_corruptions = 0, sum_severities = 0, sum_splits = 0, sum_cube = 0;
  gsize n_cells = (gsize) facets->n_classes * facets->n_corruptions * facets->n_severities;

  dd_fuzz_check (facets->total == dd_selection_get_n (selection), "facets count the selection");
  for (guint i = 0; i < facets->n_classes; i++)
    sum_classes += facets->classes[i];
  for (guint i = 0; i < facets->n_corruptions; i++)
    sum_corruptions += facets->corruptions[i];
  for (guint i = 0; i < facets->n_severities; i++)
    sum_severities += facets->severities[i];
  for (guint i = 0; i < facets->n_splits; i++)
    sum_splits += facets->splits[i];
  for (gsize i = 0; i < n_cells; i++)
    sum_cube += facets->cube[i];
  dd_fuzz_check (sum_classes == facets->total && sum_corruptions == facets->total &&
                 sum_severities == facets->total && sum_splits == facets->total &&
                 sum_cube == facets->total, "every facet sums to the total");
}

static void
check_samples (GPtrArray *samples)
{
  for (guint i = 0; i < samples->len; i++)
    {
      DdSampleInfo *info = samples->pdata[i];

      dd_fuzz_check (info->path != NULL, "a sample has a path");
      dd_fuzz_check (info->corruption != NULL, "a sample has a corruption");
      dd_fuzz_check (info->boxes != NULL, "a sample has a box list");
      dd_fuzz_check_utf8 (info->key, "a key is UTF-8");
    }
}

static void
select_and_count (DdCatalog *catalog,
                  DdFilter  *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) selection = dd_catalog_select (catalog, filter, NULL, &error);
  g_autoptr(GPtrArray) page = NULL;
  guint n;

  dd_fuzz_check (selection != NULL, "a select without cancellable succeeds");
  n = dd_selection_get_n (selection);
  dd_fuzz_check (n <= dd_catalog_get_n_samples (catalog), "a selection is within the catalog");
  dd_fuzz_check (dd_catalog_count (catalog, filter, NULL, &error) == n, "count = select");
  for (guint i = 1; i < n; i++)
    dd_fuzz_check (dd_selection_get_id (selection, i - 1) <= dd_selection_get_id (selection, i),
                   "a selection is in id order");
  check_facets (catalog, selection);
  page = dd_catalog_get_page (catalog, selection, n > 8 ? n - 8 : 0, 16, NULL, &error);
  if (page == NULL)
    check_error (error);
  else
    check_samples (page);
}

static void
exercise_relations (DdCatalog  *catalog,
                    DdNodeKind  kind,
                    const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(DdNode) node = NULL;
  g_autoptr(DdFilter) filter = NULL;

  if (id == NULL)
    return;
  node = dd_relations_describe (catalog, kind, id, &error);
  if (node == NULL)
    {
      check_error (error);
      return;
    }
  dd_fuzz_check (node->label != NULL, "a node has a label");
  dd_fuzz_check_utf8 (node->label, "a label is UTF-8");
  neighbours = dd_relations_neighbours (catalog, kind, id, 4, &error);
  if (neighbours == NULL)
    check_error (error);
  else
    for (guint i = 0; i < neighbours->len; i++)
      {
        DdNode *n = neighbours->pdata[i];
        if (!(n->id && n->label && n->edge))
          fprintf (stderr, "neighbour kind %d id %s label %s edge %s\n", n->kind, n->id,
                   n->label, n->edge);
        dd_fuzz_check (n->id && n->label && n->edge, "a neighbour is complete");
        dd_fuzz_check_utf8 (n->label, "a neighbour's label is UTF-8");
      }
  g_clear_error (&error);
  filter = dd_relations_node_filter (catalog, kind, id, &error);
  if (filter == NULL)
    check_error (error);
  else
    select_and_count (catalog, filter);
}

static void
exercise_library (DdCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSelection) all = NULL;
  g_autoptr(GPtrArray) sources = dd_catalog_list_sources (catalog);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) recipes = NULL;
  g_autoptr(DdHealthReport) report = NULL;
  g_autoptr(DdFilter) filter = dd_filter_new ();
  guint n;

  all = dd_catalog_select (catalog, NULL, NULL, &error);
  dd_fuzz_check (all != NULL, "everything can be selected");
  n = dd_selection_get_n (all);
  dd_fuzz_check (n == dd_catalog_get_n_samples (catalog), "everything is every sample");
  check_facets (catalog, all);

  /* Each class, corruption and split by name, with a quota and overrides. */
  for (guint i = 0; i < classes->len && i < 8; i++)
    {
      DdClassInfo *info = classes->pdata[i];
      g_clear_error (&error);
      if (info->wnid && !dd_catalog_filter_add_class_name (catalog, filter, info->wnid, &error))
        check_error (error);
      dd_catalog_lookup_class (catalog, info->name ? info->name : "");
    }
  for (guint i = 0; i < corruptions->len && i < 8; i++)
    {
      DdCorruptionInfo *info = corruptions->pdata[i];
      g_clear_error (&error);
      if (info->name && !dd_catalog_filter_add_corruption_name (catalog, filter, info->name,
                                                                &error))
        check_error (error);
      if (info->family)
        dd_catalog_filter_add_corruption_name (catalog, filter, info->family, NULL);
    }
  for (guint i = 0; i < splits->len && i < 8; i++)
    {
      DdSplitInfo *info = splits->pdata[i];
      g_clear_error (&error);
      if (info->name && !dd_catalog_filter_add_split_name (catalog, filter, info->name, &error))
        check_error (error);
    }
  dd_filter_add_severity (filter, 0);
  dd_filter_add_severity (filter, 3);
  filter->per_class_limit = 2;
  filter->seed = 7;
  filter->exclude_flags = DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE);
  if (n > 0)
    {
      gint64 first = dd_selection_get_id (all, 0), last = dd_selection_get_id (all, n - 1);
      filter->include_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      filter->exclude_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (filter->include_ids, last);
      g_array_append_val (filter->exclude_ids, first);
    }
  select_and_count (catalog, filter);
  filter->labeled = 0;
  select_and_count (catalog, filter);

  /* Pages, samples, keys. */
  g_clear_error (&error);
  page = dd_catalog_get_page (catalog, all, 0, 24, NULL, &error);
  if (page == NULL)
    check_error (error);
  else
    {
      check_samples (page);
      for (guint i = 0; i < page->len; i++)
        {
          DdSampleInfo *info = page->pdata[i];
          g_autoptr(DdSampleInfo) again = NULL;

          g_clear_error (&error);
          if (info->key && dd_catalog_lookup_key (catalog, info->key, &error) == 0 && error)
            check_error (error);
          g_clear_error (&error);
          again = dd_catalog_get_sample (catalog, info->id, &error);
          if (again == NULL)
            check_error (error);
          if (i < 3)
            exercise_relations (catalog, DD_NODE_SAMPLE, info->key);
        }
    }

  /* Named recipes and their history. */
  g_clear_error (&error);
  recipes = dd_catalog_list_recipes (catalog, &error);
  if (recipes == NULL)
    check_error (error);
  for (guint i = 0; recipes && i < recipes->len && i < 4; i++)
    {
      DdRecipeInfo *info = recipes->pdata[i];
      g_autoptr(DdRecipe) recipe = NULL;
      g_autoptr(GPtrArray) history = NULL;

      if (info->name == NULL)
        continue;
      g_clear_error (&error);
      recipe = dd_catalog_load_recipe (catalog, info->name, &error);
      if (recipe == NULL)
        check_error (error);
      else
        dd_fuzz_check_recipe (recipe, catalog);
      g_clear_error (&error);
      history = dd_catalog_recipe_history (catalog, info->name, &error);
      if (history == NULL)
        check_error (error);
    }

  /* Health: the report, then the update that follows every index. */
  g_clear_error (&error);
  report = dd_health_report (catalog, &error);
  if (report == NULL)
    check_error (error);
  else
    for (guint i = 0; i < report->findings->len; i++)
      {
        DdFinding *finding = report->findings->pdata[i];
        dd_fuzz_check (finding->kind < DD_HEALTH_N_KINDS, "a finding has a kind");
        dd_fuzz_check (finding->key != NULL && finding->detail != NULL,
                       "a finding has a key and a detail");
        dd_fuzz_check_utf8 (finding->key, "a finding's key is UTF-8");
        dd_fuzz_check_utf8 (finding->detail, "a finding's detail is UTF-8");
      }

  /* Relations from every kind of node. */
  exercise_relations (catalog, DD_NODE_DATASET, "");
  for (guint i = 0; i < sources->len && i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", ((DdSourceInfo *) sources->pdata[i])->id);
      exercise_relations (catalog, DD_NODE_SOURCE, id);
    }
  /* (a synset walks WordNet: 12 ms under ASan, the slowest node by far) */
  for (guint i = 0; i < classes->len && i < 2; i++)
    {
      DdClassInfo *info = classes->pdata[i];
      exercise_relations (catalog, DD_NODE_CLASS, info->wnid);
      if (i == 0)
        exercise_relations (catalog, DD_NODE_SYNSET, info->parent_wnid);
    }
  for (guint i = 0; i < corruptions->len && i < 4; i++)
    {
      DdCorruptionInfo *info = corruptions->pdata[i];
      g_autofree char *cell = g_strdup_printf ("%s/3", info->name ? info->name : "");
      exercise_relations (catalog, DD_NODE_CORRUPTION, info->name);
      exercise_relations (catalog, DD_NODE_FAMILY, info->family);
      exercise_relations (catalog, DD_NODE_SEVERITY, cell);
    }
  exercise_relations (catalog, DD_NODE_SEVERITY, "3");
  for (guint i = 0; i < splits->len && i < 4; i++)
    exercise_relations (catalog, DD_NODE_SPLIT, ((DdSplitInfo *) splits->pdata[i])->name);
  exercise_relations (catalog, DD_NODE_HEALTH, "undecodable");
  exercise_relations (catalog, DD_NODE_HEALTH, "missing_cell");
  exercise_relations (catalog, DD_NODE_HEALTH, "duplicate_conflict");

  g_clear_error (&error);
  if (!dd_health_update (catalog, NULL, &error))
    check_error (error);
  g_clear_error (&error);
  if (!dd_catalog_reload (catalog, &error))
    check_error (error);
}

/* ---- the command line ------------------------------------------------------------ */

static int capture_out = -1, capture_err = -1;

static char *
read_capture (int fd)
{
  off_t size = lseek (fd, 0, SEEK_END);
  char *text = g_malloc (size + 1);

  dd_fuzz_check (pread (fd, text, size, 0) == size, "the capture reads back");
  text[size] = '\0';
  return text;
}

/* Runs a subcommand with its stdout and stderr captured. */
static int
run_cli (DdCliCommand   command,
         const char    *path,
         const char   **args,
         char         **out,
         char         **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **argv_copy = NULL;
  int saved_out, saved_err, status, argc;

  if (capture_out < 0)
    {
      g_autofree char *out_path = dd_fuzz_path ("stdout");
      g_autofree char *err_path = dd_fuzz_path ("stderr");
      capture_out = open (out_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      capture_err = open (err_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      dd_fuzz_check (capture_out >= 0 && capture_err >= 0, "capture files open");
    }
  g_ptr_array_add (argv, g_strdup ("datadive-cli"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, g_strdup ("--catalog"));
  g_ptr_array_add (argv, g_strdup (path));
  argc = argv->len;
  /* GOption moves the pointers of the array it parses: give it a copy. */
  argv_copy = g_new0 (char *, argv->len + 1);
  memcpy (argv_copy, argv->pdata, sizeof (char *) * argv->len);

  fflush (stdout);
  fflush (stderr);
  dd_fuzz_check (ftruncate (capture_out, 0) == 0 && ftruncate (capture_err, 0) == 0 &&
                 lseek (capture_out, 0, SEEK_SET) == 0 && lseek (capture_err, 0, SEEK_SET) == 0,
                 "captures are emptied");
  saved_out = dup (STDOUT_FILENO);
  saved_err = dup (STDERR_FILENO);
  dup2 (capture_out, STDOUT_FILENO);
  dup2 (capture_err, STDERR_FILENO);
  status = command (argc, argv_copy);
  fflush (stdout);
  fflush (stderr);
  dup2 (saved_out, STDOUT_FILENO);
  dup2 (saved_err, STDERR_FILENO);
  close (saved_out);
  close (saved_err);

  *out = read_capture (capture_out);
  *err = read_capture (capture_err);
  return status;
}

static void
check_cli (DdCliCommand   command,
           const char    *path,
           const char   **args,
           gboolean       json)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (command, path, args, &out, &err);

  if (status != 0)
    {
      char *newline = strchr (err, '\n');

      if (status != 1 || !g_str_has_prefix (err, "datadive-cli: ") || newline == NULL ||
          newline[1] != '\0' || !g_utf8_validate (err, -1, NULL))
        fprintf (stderr, "datadive-cli %s: exit %d, stderr:\n%s\n", args[0], status, err);
      dd_fuzz_check (status == 1, "a read command fails with exit status 1");
      dd_fuzz_check (g_str_has_prefix (err, "datadive-cli: ") && newline && newline[1] == '\0',
                     "a read command fails with one line");
      dd_fuzz_check (g_utf8_validate (err, -1, NULL), "the failure is UTF-8");
      return;
    }
  if (json)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (!g_utf8_validate (out, -1, NULL) ||
          !json_parser_load_from_data (parser, out, -1, &error) ||
          json_parser_get_root (parser) == NULL)
        fprintf (stderr, "datadive-cli %s --json printed:\n%s\n", args[0], out);
      dd_fuzz_check (g_utf8_validate (out, -1, NULL), "--json prints UTF-8");
      dd_fuzz_check (error == NULL && json_parser_get_root (parser) != NULL,
                     "--json prints one JSON document");
    }
}

static void
exercise_cli (const char *path,
              guint       cli)
{
  if (cli & DD_FUZZ_CLI_INFO)
    {
      check_cli (dd_cli_info, path, (const char *[]) { "info", "--json", NULL }, TRUE);
      check_cli (dd_cli_info, path, (const char *[]) { "info", NULL }, FALSE);
    }
  if (cli & DD_FUZZ_CLI_QUERY)
    {
      check_cli (dd_cli_query, path,
                 (const char *[]) { "query", "--json", "--limit", "12", NULL }, TRUE);
      check_cli (dd_cli_query, path,
                 (const char *[]) { "query", "--class", "goldfish", "--corruption", "blur",
                                    "--severity", "3", "--flag", "undecodable", NULL }, FALSE);
      check_cli (dd_cli_query, path,
                 (const char *[]) { "query", "--split", "val", "--count", NULL }, FALSE);
    }
  if (cli & DD_FUZZ_CLI_HEALTH)
    check_cli (dd_cli_health, path, (const char *[]) { "health", "--json", NULL }, TRUE);
  if (cli & DD_FUZZ_CLI_RELATIONS)
    {
      check_cli (dd_cli_relations, path,
                 (const char *[]) { "relations", "dataset", "--json", NULL }, TRUE);
      check_cli (dd_cli_relations, path,
                 (const char *[]) { "relations", "class:n01443537", "--limit", "3", "--json",
                                    NULL }, TRUE);
      check_cli (dd_cli_relations, path,
                 (const char *[]) { "relations", "severity:fog/3", "--json", NULL }, TRUE);
    }
  if (cli & DD_FUZZ_CLI_RECIPE)
    {
      check_cli (dd_cli_recipe, path, (const char *[]) { "recipe", "list", "--json", NULL },
                 TRUE);
      check_cli (dd_cli_recipe, path,
                 (const char *[]) { "recipe", "history", "Blurry pets", "--json", NULL }, TRUE);
      check_cli (dd_cli_recipe, path, (const char *[]) { "recipe", "show", "Blurry pets", NULL },
                 FALSE);
    }
}

void
dd_fuzz_exercise_catalog (const char *path,
                          guint       cli)
{
  g_autoptr(GError) error = NULL;
  DdCatalog *catalog = dd_catalog_open (path, DD_CATALOG_OPEN_DEFAULT, &error);

  if (catalog == NULL)
    check_error (error);
  else
    {
      exercise_library (catalog);
      g_object_unref (catalog);
    }
  exercise_cli (path, cli);
}
