/* mb-editors.c – the editors of the details panel, one per kind of entity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An editor is data: a table of fields for MbForm, and a table of sections
 * that list what hangs on the entity (a goal's indicators, projects and
 * calls; a project's goals, calls, partners and funding) with a button to
 * add through the picker and one per row to remove. Linked rows jump: they
 * select what they show, so the panel shows it. Links are made from either
 * side with the same store relation.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mb-coverage.h"
#include "mb-format.h"
#include "mb-indicator-from-catalogue.h"
#include "mb-record.h"
#include "mb-store-editor-queries.h"

#include "mb-editors.h"
#include "mb-form.h"
#include "mb-picker.h"
#include "mb-reason-dialog.h"
#include "mb-review.h"

/* Field tables */

static const MbFormChoice strategy_statuses[] = {
  { "draft", N_("Draft") },
  { "adopted", N_("Adopted") },
  { "archived", N_("Archived") },
  { NULL, NULL }
};

static const MbFormChoice parent_relations[] = {
  { "part", N_("A part of it") },
  { "child", N_("A document under it") },
  { NULL, NULL }
};

static const MbFormChoice layout_directions[] = {
  { "top-down", N_("Top to bottom") },
  { "left-right", N_("Left to right") },
  { NULL, NULL }
};

static const MbFormChoice node_statuses[] = {
  { "planned", N_("Planned") },
  { "ongoing", N_("Ongoing") },
  { "done", N_("Done") },
  { "paused", N_("Paused") },
  { NULL, NULL }
};

static const MbFormChoice link_kinds[] = {
  { "contributes-to", N_("Contributes to") },
  { "conflicts-with", N_("Conflicts with") },
  { "depends-on", N_("Depends on") },
  { NULL, NULL }
};

static const MbFormChoice measures[] = {
  { "number", N_("Number") },
  { "percent", N_("Percent") },
  { "qualitative", N_("Qualitative") },
  { NULL, NULL }
};

static const MbFormChoice directions[] = {
  { "increase", N_("Higher is better") },
  { "decrease", N_("Lower is better") },
  { NULL, NULL }
};

static const MbFormChoice project_statuses[] = {
  { "planned", N_("Planned") },
  { "applied", N_("Applied for") },
  { "granted", N_("Granted") },
  { "ongoing", N_("Ongoing") },
  { "completed", N_("Completed") },
  { "rejected", N_("Rejected") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL }
};

static const MbFormChoice call_statuses[] = {
  { "planned", N_("Planned") },
  { "open", N_("Open") },
  { "closed", N_("Closed") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL }
};

static const MbFormChoice sectors[] = {
  { "public", N_("Public sector") },
  { "business", N_("Business") },
  { "academia", N_("Academia") },
  { "civil-society", N_("Civil society") },
  { NULL, NULL }
};

static const MbFormChoice value_kinds[] = {
  { "planned", N_("Planned") },
  { "actual", N_("Reported") },
  { NULL, NULL }
};

static const MbFormChoice activity_kinds[] = {
  { "workshop", N_("Workshop") },
  { "meeting", N_("Meeting") },
  { "pre-study", N_("Pre-study") },
  { "peer-review", N_("Peer review") },
  { "call-published", N_("Call published") },
  { "municipal-dialogue", N_("Dialogue with a municipality") },
  { "network", N_("Network") },
  { "decision", N_("Decision") },
  { "other", N_("Other") },
  { NULL, NULL }
};

#define SECTION(label) { NULL, label, MB_FORM_SECTION, NULL, NULL, NULL, NULL }
#define FIELD(column, label, kind) { column, label, kind, NULL, NULL, NULL, NULL }
#define HINTED(column, label, kind, hint) { column, label, kind, NULL, NULL, NULL, hint }
#define CHOICE(column, label, choices) { column, label, MB_FORM_ENUM, choices, NULL, NULL, NULL }
#define REFERENCE(column, label, table, scope) \
  { column, label, MB_FORM_REFERENCE, NULL, table, scope, NULL }

static const MbFormField strategy_fields[] = {
  FIELD ("title", N_("Title"), MB_FORM_TEXT),
  FIELD ("short_name", N_("Short name"), MB_FORM_TEXT),
  HINTED ("registration_number", N_("Registration number"), MB_FORM_TEXT,
          N_("The diarienummer, such as RUN/516/2020")),
  REFERENCE ("organisation_id", N_("Organisation"), "organisations", NULL),
  FIELD ("description", N_("Description"), MB_FORM_MULTILINE),
  SECTION (N_("Place in the Hierarchy")),
  { "parent_id", N_("Parent document"), MB_FORM_REFERENCE, NULL, "strategies", NULL,
    N_("The document it belongs to, such as the regional development strategy") },
  CHOICE ("parent_relation", N_("Relation"), parent_relations),
  SECTION (N_("Period and Status")),
  FIELD ("period_from", N_("From year"), MB_FORM_YEAR),
  FIELD ("period_to", N_("To year"), MB_FORM_YEAR),
  FIELD ("adopted_on", N_("Adopted on"), MB_FORM_DATE),
  CHOICE ("status", N_("Status"), strategy_statuses),
  SECTION (N_("Presentation")),
  CHOICE ("layout_direction", N_("Chart direction"), layout_directions),
  HINTED ("position", N_("Order in the library"), MB_FORM_INTEGER,
          N_("Strategies are listed by this number")),
};

static const MbFormField node_fields[] = {
  FIELD ("title", N_("Title"), MB_FORM_TEXT),
  HINTED ("code", N_("Code"), MB_FORM_TEXT, N_("A short number such as 1.2")),
  REFERENCE ("level_id", N_("Level"), "levels", "strategy_id"),
  REFERENCE ("parent_id", N_("Under"), "nodes", "strategy_id"),
  HINTED ("position", N_("Order among siblings"), MB_FORM_INTEGER,
          N_("0 is first")),
  FIELD ("description", N_("Description"), MB_FORM_MULTILINE),
  SECTION (N_("Implementation")),
  HINTED ("responsible", N_("Responsible"), MB_FORM_TEXT, N_("A person or a role")),
  REFERENCE ("organisation_id", N_("Organisation"), "organisations", NULL),
  HINTED ("start_date", N_("Start"), MB_FORM_PERIOD,
          N_("A day, month, season, half-year or year, e.g. October 2021")),
  HINTED ("end_date", N_("End"), MB_FORM_PLAN_END,
          N_("A day, month, season, half-year or year, e.g. October 2021, or I drift 2022")),
  CHOICE ("status", N_("Status"), node_statuses),
};

/* What was done: the Follow-up view's activities open here. Who took part
 * and what it served are set when it is logged (mb-activity-dialog.c). */
static const MbFormField activity_fields[] = {
  FIELD ("title", N_("Title"), MB_FORM_TEXT),
  CHOICE ("kind", N_("Kind"), activity_kinds),
  HINTED ("start_period", N_("When"), MB_FORM_PERIOD,
          N_("A day, month, season, half-year or year, e.g. October 2021")),
  HINTED ("end_period", N_("Until"), MB_FORM_PERIOD, N_("If it lasted longer")),
  FIELD ("participants", N_("Participants"), MB_FORM_INTEGER),
  HINTED ("registration_number", N_("Registration number"), MB_FORM_TEXT,
          N_("The diarienummer, such as RUN/683/2020")),
  FIELD ("reference", N_("Link or document reference"), MB_FORM_TEXT),
  FIELD ("description", N_("Description"), MB_FORM_MULTILINE),
};

static const MbFormField link_fields[] = {
  REFERENCE ("from_node_id", N_("From"), "nodes", NULL),
  CHOICE ("kind", N_("Kind"), link_kinds),
  REFERENCE ("to_node_id", N_("To"), "nodes", NULL),
  SECTION (N_("Why")),
  FIELD ("rationale", N_("Rationale"), MB_FORM_MULTILINE),
  FIELD ("assumptions", N_("Assumptions"), MB_FORM_MULTILINE),
  HINTED ("confidence", N_("Confidence"), MB_FORM_INTEGER,
          N_("How sure we are, from 0 to 100")),
  FIELD ("evidence", N_("Evidence"), MB_FORM_MULTILINE),
};

static const MbFormField indicator_fields[] = {
  FIELD ("title", N_("Title"), MB_FORM_TEXT),
  FIELD ("unit", N_("Unit"), MB_FORM_TEXT),
  CHOICE ("measure", N_("Measure"), measures),
  CHOICE ("direction", N_("Direction"), directions),
  FIELD ("description", N_("Description"), MB_FORM_MULTILINE),
  SECTION (N_("Baseline")),
  FIELD ("baseline_value", N_("Baseline value"), MB_FORM_NUMBER),
  FIELD ("baseline_year", N_("Baseline year"), MB_FORM_YEAR),
  SECTION (N_("Source")),
  HINTED ("reference", N_("Reference"), MB_FORM_TEXT,
          N_("Such as kolada:N01951 or erdf:RCR 29")),
  FIELD ("source", N_("Source"), MB_FORM_TEXT),
  HINTED ("frequency", N_("Frequency"), MB_FORM_TEXT, N_("Such as yearly or quarterly")),
  FIELD ("by_gender", N_("Split by gender"), MB_FORM_BOOLEAN),
  FIELD ("by_municipality", N_("Available per municipality"), MB_FORM_BOOLEAN),
  REFERENCE ("strategy_id", N_("Strategy"), "strategies", NULL),
};

static const MbFormField project_fields[] = {
  FIELD ("title", N_("Title"), MB_FORM_TEXT),
  FIELD ("registration_number", N_("Registration number"), MB_FORM_TEXT),
  REFERENCE ("owner_id", N_("Project owner"), "organisations", NULL),
  CHOICE ("status", N_("Status"), project_statuses),
  FIELD ("start_date", N_("Start"), MB_FORM_DATE),
  FIELD ("end_date", N_("End"), MB_FORM_DATE),
  FIELD ("total_budget", N_("Total budget"), MB_FORM_AMOUNT),
  FIELD ("description", N_("Description"), MB_FORM_MULTILINE),
};

static const MbFormField call_fields[] = {
  FIELD ("title", N_("Title"), MB_FORM_TEXT),
  FIELD ("funder", N_("Funder"), MB_FORM_TEXT),
  FIELD ("programme", N_("Programme"), MB_FORM_TEXT),
  HINTED ("call_number", N_("Call number"), MB_FORM_TEXT, N_("The funder's own identifier")),
  CHOICE ("status", N_("Status"), call_statuses),
  FIELD ("opens_on", N_("Opens"), MB_FORM_DATE),
  FIELD ("closes_on", N_("Closes"), MB_FORM_DATE),
  SECTION (N_("Money and Eligibility")),
  FIELD ("budget", N_("Budget"), MB_FORM_AMOUNT),
  FIELD ("budget_preliminary", N_("Budget is preliminary"), MB_FORM_BOOLEAN),
  FIELD ("max_support_rate", N_("Maximum support rate"), MB_FORM_PERCENT),
  FIELD ("eligible_actors", N_("Eligible actors"), MB_FORM_TEXT),
  FIELD ("regions", N_("Regions"), MB_FORM_TEXT),
  FIELD ("url", N_("Web page"), MB_FORM_TEXT),
  FIELD ("description", N_("Description"), MB_FORM_MULTILINE),
};

static const MbFormField organisation_fields[] = {
  FIELD ("name", N_("Name"), MB_FORM_TEXT),
  HINTED ("org_number", N_("Organisation number"), MB_FORM_TEXT, N_("Such as 232100-0218")),
  CHOICE ("sector", N_("Sector"), sectors),
};

/* Fields of the small "add" forms of dependent rows. */
static const MbFormField target_add_fields[] = {
  FIELD ("year", N_("Year"), MB_FORM_YEAR),
  FIELD ("value", N_("Target value"), MB_FORM_NUMBER),
};

static const MbFormField funding_add_fields[] = {
  HINTED ("source", N_("Source"), MB_FORM_TEXT, N_("Such as ERDF or anslag 1:1")),
  FIELD ("amount", N_("Amount"), MB_FORM_AMOUNT),
};

static const MbFormField value_add_fields[] = {
  REFERENCE ("indicator_id", N_("Indicator"), "indicators", NULL),
  CHOICE ("kind", N_("Kind"), value_kinds),
  FIELD ("year", N_("Year"), MB_FORM_YEAR),
  FIELD ("value", N_("Value"), MB_FORM_NUMBER),
};

/* Section tables */

typedef enum
{
  SECTION_LINKED,        /* entities related through an MbRelation */
  SECTION_TAGS,          /* SDG tags, from the SDG catalogue */
  SECTION_TERRITORIES,   /* territory codes, from the territory catalogue */
  SECTION_FUNDING,       /* project_funding rows */
  SECTION_TARGETS,       /* indicator_targets rows */
  SECTION_VALUES,        /* project_indicator_values rows */
  SECTION_LINKS,         /* links of a node: add makes a contributes-to link */
} SectionKind;

typedef struct
{
  SectionKind  kind;
  const char  *title;        /* N_() */
  const char  *add_label;    /* N_(): the add button's name and the picker's title */
  const char  *empty;        /* N_(): the row shown when the list is empty */
  MbRelated    related;
  MbRelation   relation;
  gboolean     self_is_b;    /* the edited entity is the relation's second id */
  const char  *pick_table;   /* what the picker lists */
  gboolean     catalogue;    /* the picker also offers Kolada and ERDF */
} SectionSpec;

static const SectionSpec node_sections[] = {
  { SECTION_LINKED, N_("Indicators"), N_("Attach Indicator"), N_("No indicators attached"),
    MB_RELATED_NODE_INDICATORS, MB_RELATION_NODE_INDICATOR, FALSE, "indicators", TRUE },
  { SECTION_LINKED, N_("Projects"), N_("Link Project"), N_("No projects linked"),
    MB_RELATED_NODE_PROJECTS, MB_RELATION_PROJECT_NODE, TRUE, "projects", FALSE },
  { SECTION_LINKED, N_("Funding Calls"), N_("Link Funding Call"), N_("No funding calls linked"),
    MB_RELATED_NODE_CALLS, MB_RELATION_CALL_NODE, TRUE, "funding_calls", FALSE },
  { SECTION_LINKS, N_("Effect Chain"), N_("Add Contribution"), N_("No links"),
    MB_RELATED_NODE_LINKS, 0, FALSE, "nodes", FALSE },
  { SECTION_TAGS, N_("Global Goals"), N_("Add Global Goal"), N_("No global goals tagged"),
    MB_RELATED_NODE_TAGS, MB_RELATION_NODE_TAG, FALSE, NULL, FALSE },
  { SECTION_TERRITORIES, N_("Territories"), N_("Add Territory"),
    N_("The whole region"),
    MB_RELATED_NODE_TERRITORIES, MB_RELATION_NODE_TERRITORY, FALSE, NULL, FALSE },
};

static const SectionSpec project_sections[] = {
  { SECTION_LINKED, N_("Goals and Interventions"), N_("Link Goal"), N_("No goals linked"),
    MB_RELATED_PROJECT_NODES, MB_RELATION_PROJECT_NODE, FALSE, "nodes", FALSE },
  { SECTION_LINKED, N_("Funding Calls"), N_("Link Funding Call"), N_("No funding calls linked"),
    MB_RELATED_PROJECT_CALLS, MB_RELATION_PROJECT_CALL, FALSE, "funding_calls", FALSE },
  { SECTION_LINKED, N_("Partners"), N_("Add Partner"), N_("No partners"),
    MB_RELATED_PROJECT_PARTNERS, MB_RELATION_PROJECT_PARTNER, FALSE, "organisations", FALSE },
  { SECTION_FUNDING, N_("Granted Funding"), N_("Add Funding"), N_("No funding recorded"),
    MB_RELATED_PROJECT_FUNDING, 0, FALSE, NULL, FALSE },
  { SECTION_VALUES, N_("Indicator Values"), N_("Add Indicator Value"),
    N_("No planned or reported values"),
    MB_RELATED_PROJECT_VALUES, 0, FALSE, NULL, FALSE },
};

static const SectionSpec call_sections[] = {
  { SECTION_LINKED, N_("Priorities Served"), N_("Link Goal"), N_("No goals linked"),
    MB_RELATED_CALL_NODES, MB_RELATION_CALL_NODE, FALSE, "nodes", FALSE },
  { SECTION_LINKED, N_("Projects"), N_("Link Project"), N_("No projects linked"),
    MB_RELATED_CALL_PROJECTS, MB_RELATION_PROJECT_CALL, TRUE, "projects", FALSE },
};

static const SectionSpec indicator_sections[] = {
  { SECTION_TARGETS, N_("Targets"), N_("Add Target"), N_("No targets set"),
    MB_RELATED_INDICATOR_TARGETS, 0, FALSE, NULL, FALSE },
  { SECTION_LINKED, N_("Measures"), N_("Attach to Goal"), N_("Attached to no goal"),
    MB_RELATED_INDICATOR_NODES, MB_RELATION_NODE_INDICATOR, TRUE, "nodes", FALSE },
};

static const struct
{
  const char        *kind;
  const char        *label;
  const MbFormField *fields;
  guint              n_fields;
  const SectionSpec *sections;
  guint              n_sections;
} editors[] = {
  { "strategies", N_("Strategy"), strategy_fields, G_N_ELEMENTS (strategy_fields), NULL, 0 },
  { "nodes", N_("Goal"), node_fields, G_N_ELEMENTS (node_fields),
    node_sections, G_N_ELEMENTS (node_sections) },
  { "links", N_("Link"), link_fields, G_N_ELEMENTS (link_fields), NULL, 0 },
  { "indicators", N_("Indicator"), indicator_fields, G_N_ELEMENTS (indicator_fields),
    indicator_sections, G_N_ELEMENTS (indicator_sections) },
  { "projects", N_("Project"), project_fields, G_N_ELEMENTS (project_fields),
    project_sections, G_N_ELEMENTS (project_sections) },
  { "funding_calls", N_("Funding Call"), call_fields, G_N_ELEMENTS (call_fields),
    call_sections, G_N_ELEMENTS (call_sections) },
  { "organisations", N_("Organisation"), organisation_fields,
    G_N_ELEMENTS (organisation_fields), NULL, 0 },
  { "activities", N_("Activity"), activity_fields, G_N_ELEMENTS (activity_fields), NULL, 0 },
};

/* State */

typedef struct _Editor Editor;

typedef struct
{
  Editor            *editor;
  const SectionSpec *spec;
  GtkWidget         *group;
  GtkWidget         *add_button;
  GPtrArray         *rows;       /* the rows shown now */
  /* The add popover of dependent rows. */
  const MbFormField *add_fields;
  guint              n_add_fields;
  GPtrArray         *add_inputs; /* GtkEntry or GtkDropDown per field */
  GPtrArray         *add_ids;    /* per field: GPtrArray of choice values, or NULL */
  GtkWidget         *add_error;
  GtkWidget         *popover;
} Section;

struct _Editor
{
  MbDetailsPanel *panel;       /* borrowed: the panel owns the editor's widget */
  char           *kind;
  char           *id;
  GtkWidget      *hints;       /* AdwPreferencesGroup */
  GPtrArray      *hint_rows;
  GtkWidget      *form;
  GPtrArray      *sections;    /* Section * */
};

static void
section_free (gpointer data)
{
  Section *section = data;

  g_clear_pointer (&section->rows, g_ptr_array_unref);
  g_clear_pointer (&section->add_inputs, g_ptr_array_unref);
  g_clear_pointer (&section->add_ids, g_ptr_array_unref);
  g_free (section);
}

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  g_free (editor->kind);
  g_free (editor->id);
  g_clear_pointer (&editor->hint_rows, g_ptr_array_unref);
  g_clear_pointer (&editor->sections, g_ptr_array_unref);
  g_free (editor);
}

static MbStore *
editor_store (Editor *editor)
{
  return mb_details_panel_get_store (editor->panel);
}

static void
show_error (Editor       *editor,
            const GError *error)
{
  /* The window turns this into a toast. */
  if (!gtk_widget_activate_action (GTK_WIDGET (editor->panel), "win.show-toast", "s",
                                   error->message))
    g_message ("%s", error->message);
}

/* Hints */

static void
refresh_hints (Editor *editor)
{
  MbCoverageHints hints = mb_coverage_get_hints (editor_store (editor), editor->kind,
                                                 editor->id, 0);

  for (guint i = 0; i < editor->hint_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (editor->hints),
                                  editor->hint_rows->pdata[i]);
  g_ptr_array_set_size (editor->hint_rows, 0);

  for (guint bit = 1; bit <= MB_COVERAGE_CALL_WITHOUT_PRIORITY; bit <<= 1)
    {
      GtkWidget *row, *icon;

      if ((hints & bit) == 0)
        continue;
      row = adw_action_row_new ();
      mb_form_keep_words_whole (row);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     mb_coverage_hint_get_message (bit));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mb_coverage_hint_get_advice (bit));
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "mb-hint");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (editor->hints), row);
      g_ptr_array_add (editor->hint_rows, row);
    }
  gtk_widget_set_visible (editor->hints, editor->hint_rows->len > 0);
}

/* Linking and unlinking */

static gboolean
relate (Editor     *editor,
        Section    *section,
        const char *other,
        gboolean    remove,
        GError    **error)
{
  const char *a = section->spec->self_is_b ? other : editor->id;
  const char *b = section->spec->self_is_b ? editor->id : other;

  if (remove)
    return mb_store_unrelate (editor_store (editor), section->spec->relation, a, b, error);
  return mb_store_relate (editor_store (editor), section->spec->relation, a, b, error);
}

/* A target change of an adopted strategy waits for its reason. The dialog
 * may outlive the editor (the selection moves on): it holds what it needs. */
typedef struct
{
  GtkWidget *panel;
  MbStore   *store;
  char      *indicator_id;
  char      *target_id;     /* a removal; else a change to @value in @year */
  int        year;
  double     value;
  GtkEntry  *reason;
} ReasonedTarget;

static void
reasoned_target_free (gpointer  data,
                      GClosure *closure)
{
  ReasonedTarget *r = data;

  g_object_unref (r->panel);
  g_object_unref (r->store);
  g_free (r->indicator_id);
  g_free (r->target_id);
  g_free (r);
}

static void
reasoned_target_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             ReasonedTarget   *r)
{
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (r->reason));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "confirm") != 0)
    return;
  if (r->target_id != NULL)
    ok = mb_store_remove_target (r->store, r->target_id, reason, &error);
  else
    ok = (id = mb_store_set_target_with_reason (r->store, r->indicator_id, r->year, r->value,
                                                reason, &error)) != NULL;
  if (!ok && !gtk_widget_activate_action (r->panel, "win.show-toast", "s", error->message))
    g_message ("%s", error->message);
}

/* Asks for the reason of removing @target_id, or of setting @year to @value. */
static void
ask_target_reason (Editor     *editor,
                   const char *target_id,
                   int         year,
                   double      value)
{
  ReasonedTarget *r = g_new0 (ReasonedTarget, 1);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  r->panel = g_object_ref (GTK_WIDGET (editor->panel));
  r->store = g_object_ref (editor_store (editor));
  r->indicator_id = g_strdup (editor->id);
  r->target_id = g_strdup (target_id);
  r->year = year;
  r->value = value;
  if (target_id != NULL)
    {
      g_autoptr(MbRecord) record = mb_store_get_record (r->store, "indicator_targets", target_id,
                                                        NULL);

      heading = g_strdup_printf (_("Remove Target %d?"),
                                 record ? (int) mb_record_get_int (record, "year") : 0);
    }
  else
    heading = g_strdup_printf (_("Set Target %d"), year);
  dialog = mb_reason_dialog_new (GTK_WIDGET (editor->panel), heading,
                                 _("The strategy is adopted: the earlier target stays visible, "
                                   "with the reason you give."),
                                 target_id ? _("_Remove") : _("_Set"), target_id != NULL,
                                 &r->reason);
  g_signal_connect_data (dialog, "response", G_CALLBACK (reasoned_target_response_cb), r,
                         reasoned_target_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (r->reason));
}

static void
remove_clicked_cb (GtkButton *button,
                   Section   *section)
{
  Editor *editor = section->editor;
  const char *id = g_object_get_data (G_OBJECT (button), "mb-id");
  const char *table = g_object_get_data (G_OBJECT (button), "mb-table");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (section->spec->kind == SECTION_TARGETS &&
      mb_store_target_needs_reason (editor_store (editor), editor->id))
    {
      ask_target_reason (editor, id, 0, NAN);
      return;
    }
  if (section->spec->kind == SECTION_FUNDING || section->spec->kind == SECTION_TARGETS ||
      section->spec->kind == SECTION_VALUES || section->spec->kind == SECTION_LINKS)
    ok = mb_store_delete (editor_store (editor), table, id, &error);
  else
    ok = relate (editor, section, id, TRUE, &error);
  if (!ok)
    show_error (editor, error);
}

static void
row_activated_cb (AdwActionRow *row,
                  Section      *section)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "mb-table");
  const char *id = g_object_get_data (G_OBJECT (row), "mb-id");
  MbSelection *selection = mb_details_panel_get_selection (section->editor->panel);

  /* Jump: the panel follows the selection. */
  if (selection != NULL)
    mb_selection_select (selection, kind, id);
}

static char *
tag_title (Editor     *editor,
           const char *tag,
           char      **subtitle)
{
  MbCatalogue *catalogue = mb_details_panel_get_catalogue (editor->panel);
  MbCatalogueEntry *entry = catalogue ? mb_catalogue_lookup (catalogue, tag) : NULL;

  if (entry == NULL)
    return g_strdup (tag);
  if (mb_catalogue_entry_get_kind (entry) == MB_CATALOGUE_KIND_SDG)
    {
      *subtitle = g_strdup (mb_catalogue_entry_get_title_en (entry));
      return g_strdup_printf (_("%s. %s"), mb_catalogue_entry_get_id (entry),
                              mb_catalogue_entry_get_title (entry));
    }
  *subtitle = g_strdup (mb_catalogue_entry_get_id (entry));
  return g_strdup (mb_catalogue_entry_get_title (entry));
}

/* What a link is, seen from this node: "out:depends-on" → "Depends on". */
static const char *
link_label (const char *direction_kind)
{
  static const struct { const char *key, *label; } labels[] = {
    { "out:contributes-to", N_("Contributes to") },
    { "in:contributes-to", N_("Contributed to by") },
    { "out:conflicts-with", N_("Conflicts with") },
    { "in:conflicts-with", N_("Conflicts with") },
    { "out:depends-on", N_("Depends on") },
    { "in:depends-on", N_("Needed by") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].key, direction_kind) == 0)
      return _(labels[i].label);
  return direction_kind;
}

static char *
dependent_subtitle (Editor       *editor,
                    Section      *section,
                    MbEntityItem *item)
{
  g_autoptr(MbRecord) row = NULL;
  g_autofree char *value = NULL;
  const char *kind;
  const char *year;

  switch (section->spec->kind)
    {
    case SECTION_FUNDING:
      {
        const char *amount = mb_entity_item_get_subtitle (item);
        char *end = NULL;
        double kronor = amount ? g_ascii_strtod (amount, &end) : NAN;

        if (amount == NULL || end == amount || *end != '\0')
          return g_strdup (amount);
        return mb_format_amount (kronor);
      }
    case SECTION_TARGETS:
      return mb_format_number_text (mb_entity_item_get_subtitle (item));
    case SECTION_VALUES:
      row = mb_store_get_record (editor_store (editor), "project_indicator_values",
                                 mb_entity_item_get_id (item), NULL);
      if (row == NULL)
        return NULL;
      kind = g_strcmp0 (mb_record_get_string (row, "kind"), "actual") == 0
        ? _("Reported") : _("Planned");
      year = mb_record_get_string (row, "year");
      value = mb_format_number_text (mb_record_get_string (row, "value"));
      if (year != NULL)
        /* Translators: "Planned 2025: 120" */
        return g_strdup_printf (_("%s %s: %s"), kind, year, value);
      return g_strdup_printf (_("%s: %s"), kind, value);
    case SECTION_LINKS:
      return g_strdup (link_label (mb_entity_item_get_subtitle (item)));
    case SECTION_LINKED:
    case SECTION_TAGS:
    case SECTION_TERRITORIES:
    default:
      return g_strdup (mb_entity_item_get_subtitle (item));
    }
}

static void
refresh_section (Section *section)
{
  Editor *editor = section->editor;
  const SectionSpec *spec = section->spec;
  g_autoptr(GListModel) items = NULL;
  gboolean editable = mb_review_store_is_editable (editor_store (editor));
  guint n;

  for (guint i = 0; i < section->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (section->group),
                                  section->rows->pdata[i]);
  g_ptr_array_set_size (section->rows, 0);

  items = mb_store_editor_list_related (editor_store (editor), spec->related, editor->id, NULL);
  n = items ? g_list_model_get_n_items (items) : 0;

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      mb_form_keep_words_whole (row);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->empty));
      gtk_widget_add_css_class (row, "mb-empty-row");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), row);
      g_ptr_array_add (section->rows, row);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MbEntityItem) item = g_list_model_get_item (items, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      mb_form_keep_words_whole (row);
      if (spec->kind == SECTION_TAGS || spec->kind == SECTION_TERRITORIES)
        {
          g_autofree char *reference = spec->kind == SECTION_TERRITORIES
            ? g_strconcat ("territory:", mb_entity_item_get_id (item), NULL)
            : g_strdup (mb_entity_item_get_id (item));

          title = tag_title (editor, reference, &subtitle);
        }
      else
        {
          title = g_strdup (mb_entity_item_get_title (item));
          subtitle = dependent_subtitle (editor, section, item);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle && *subtitle)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (row), "mb-table",
                              g_strdup (mb_entity_item_get_kind (item)), g_free);
      g_object_set_data_full (G_OBJECT (row), "mb-id",
                              g_strdup (mb_entity_item_get_id (item)), g_free);

      /* Review mode: nothing to unlink. */
      if (editable)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
          g_autofree char *remove_label = NULL;

          remove_label = g_strdup_printf (_("Remove “%s”"), title);
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          remove_label, -1);
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_add_css_class (remove, "circular");
          g_object_set_data_full (G_OBJECT (remove), "mb-table",
                                  g_strdup (mb_entity_item_get_kind (item)), g_free);
          g_object_set_data_full (G_OBJECT (remove), "mb-id",
                                  g_strdup (mb_entity_item_get_id (item)), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), section);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }

      if (spec->kind == SECTION_LINKED || spec->kind == SECTION_LINKS)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), section);
          gtk_widget_set_tooltip_text (row, _("Show"));
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), row);
      g_ptr_array_add (section->rows, row);
    }
}

/* Picking */

static char *
node_strategy (Editor *editor)
{
  g_autoptr(MbRecord) row = NULL;

  if (g_strcmp0 (editor->kind, "nodes") != 0)
    return g_strdup (mb_selection_get_strategy (mb_details_panel_get_selection (editor->panel)));
  row = mb_store_get_record (editor_store (editor), "nodes", editor->id, NULL);
  return row ? g_strdup (mb_record_get_string (row, "strategy_id")) : NULL;
}

static void
picked_cb (MbPicker     *picker,
           MbEntityItem *item,
           Section      *section)
{
  Editor *editor = section->editor;
  const char *id = mb_entity_item_get_id (item);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (g_str_equal (mb_entity_item_get_kind (item), MB_PICKER_KIND_CATALOGUE) &&
      section->spec->kind == SECTION_LINKED)
    {
      MbCatalogue *catalogue = mb_details_panel_get_catalogue (editor->panel);
      MbCatalogueEntry *entry = mb_catalogue_lookup (catalogue, id);
      g_autofree char *strategy = node_strategy (editor);
      g_autofree char *indicator = NULL;

      indicator = mb_store_create_indicator_from_catalogue (editor_store (editor), entry,
                                                            strategy, editor->id, &error);
      ok = indicator != NULL;
    }
  else if (section->spec->kind == SECTION_LINKS)
    {
      g_autofree char *link = mb_store_create_link (editor_store (editor), editor->id, id,
                                                    "contributes-to", &error);

      ok = link != NULL;
    }
  else if (section->spec->kind == SECTION_TERRITORIES)
    {
      const char *colon = strchr (id, ':');

      ok = relate (editor, section, colon ? colon + 1 : id, FALSE, &error);
    }
  else
    ok = relate (editor, section, id, FALSE, &error);

  if (!ok)
    show_error (editor, error);
}

/* The picker's list of what can be linked, less what already is. */
static GListModel *
unlinked_items (Editor     *editor,
                Section    *section,
                GListModel *all)
{
  g_autoptr(GListModel) linked = mb_store_editor_list_related (editor_store (editor),
                                                               section->spec->related,
                                                               editor->id, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListStore *items = g_list_store_new (MB_TYPE_ENTITY_ITEM);

  for (guint i = 0; linked && i < g_list_model_get_n_items (linked); i++)
    {
      g_autoptr(MbEntityItem) item = g_list_model_get_item (linked, i);

      /* The linked list holds the items; the ids stay valid while it lives. */
      g_hash_table_add (ids, (gpointer) mb_entity_item_get_id (item));
    }
  for (guint i = 0; all && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MbEntityItem) item = g_list_model_get_item (all, i);
      const char *id = mb_entity_item_get_id (item);
      const char *tail = strchr (id, ':');

      if (g_strcmp0 (id, editor->id) == 0 || g_hash_table_contains (ids, id) ||
          (section->spec->kind == SECTION_TERRITORIES && tail &&
           g_hash_table_contains (ids, tail + 1)))
        continue;
      g_list_store_append (items, item);
    }
  return G_LIST_MODEL (items);
}

static void
open_picker (Section *section)
{
  Editor *editor = section->editor;
  const SectionSpec *spec = section->spec;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (editor->panel));
  MbPicker *picker = mb_picker_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    _(spec->add_label));
  MbStore *store = editor_store (editor);
  MbCatalogue *catalogue = mb_details_panel_get_catalogue (editor->panel);

  if (spec->kind == SECTION_TAGS || spec->kind == SECTION_TERRITORIES)
    {
      MbCatalogueKind kind = spec->kind == SECTION_TAGS ? MB_CATALOGUE_KIND_SDG
                                                        : MB_CATALOGUE_KIND_TERRITORY;
      g_autoptr(GListModel) all = catalogue ? mb_picker_catalogue_items (catalogue, kind) : NULL;
      g_autoptr(GListModel) items = unlinked_items (editor, section, all);

      mb_picker_add_source (picker, "catalogue", _(spec->title), items);
    }
  else
    {
      g_autofree char *strategy = node_strategy (editor);
      g_autoptr(GListModel) all = NULL;
      g_autoptr(GListModel) items = NULL;

      /* Goals of the strategy at hand first; all strategies' goals next. */
      all = mb_store_editor_list_all (store, spec->pick_table,
                                      g_str_equal (spec->pick_table, "nodes") ||
                                      g_str_equal (spec->pick_table, "indicators")
                                      ? strategy : NULL, NULL);
      items = unlinked_items (editor, section, all);
      mb_picker_add_source (picker, "library",
                            g_str_equal (spec->pick_table, "indicators") ? _("This Strategy")
                            : g_str_equal (spec->pick_table, "nodes") && strategy
                            ? _("This Strategy") : _("Library"),
                            items);
      if (g_str_equal (spec->pick_table, "nodes") && strategy != NULL)
        {
          g_autoptr(GListModel) every = mb_store_editor_list_all (store, "nodes", NULL, NULL);
          g_autoptr(GListModel) others = unlinked_items (editor, section, every);

          mb_picker_add_source (picker, "all", _("All Strategies"), others);
        }
      if (spec->catalogue && catalogue != NULL)
        {
          g_autoptr(GListModel) kolada = mb_picker_catalogue_items (catalogue,
                                                                    MB_CATALOGUE_KIND_KOLADA);
          g_autoptr(GListModel) erdf = mb_picker_catalogue_items (catalogue,
                                                                  MB_CATALOGUE_KIND_ERDF);

          mb_picker_add_source (picker, "kolada", _("Kolada"), kolada);
          mb_picker_add_source (picker, "erdf", _("ERDF"), erdf);
        }
    }

  g_signal_connect (picker, "picked", G_CALLBACK (picked_cb), section);
  _mb_details_panel_track_picker (editor->panel, GTK_WINDOW (picker));
  gtk_window_present (GTK_WINDOW (picker));
}

/* Adding dependent rows: a small form in a popover */

static void
add_submit (Section *section)
{
  Editor *editor = section->editor;
  const char *table = section->spec->kind == SECTION_FUNDING ? "project_funding"
                    : section->spec->kind == SECTION_TARGETS ? "indicator_targets"
                    : "project_indicator_values";
  GValue values[4] = { G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT, G_VALUE_INIT };
  g_autofree char *message = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  guint n = section->n_add_fields;

  g_assert (n <= G_N_ELEMENTS (values));

  for (guint i = 0; i < n && message == NULL; i++)
    {
      const MbFormField *field = &section->add_fields[i];
      GtkWidget *input = section->add_inputs->pdata[i];

      if (GTK_IS_DROP_DOWN (input))
        {
          GPtrArray *ids = section->add_ids->pdata[i];
          guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (input));

          if (position < ids->len)
            {
              g_value_init (&values[i], G_TYPE_STRING);
              g_value_set_string (&values[i], ids->pdata[position]);
            }
        }
      else if (!mb_form_parse_text (field, gtk_editable_get_text (GTK_EDITABLE (input)),
                                    &values[i], &message))
        break;
      if (message == NULL)
        message = mb_form_check_value (table, field, &values[i]);
    }

  if (message == NULL)
    {
      MbStore *store = editor_store (editor);

      switch (section->spec->kind)
        {
        case SECTION_TARGETS:
          /* An adopted strategy's target: the dialog asks why, then sets it. */
          if (mb_store_target_needs_reason (store, editor->id))
            {
              ask_target_reason (editor, NULL, (int) g_value_get_int64 (&values[0]),
                                 g_value_get_double (&values[1]));
              id = g_strdup ("");
              break;
            }
          id = mb_store_set_target (store, editor->id, (int) g_value_get_int64 (&values[0]),
                                    g_value_get_double (&values[1]), &error);
          break;
        case SECTION_FUNDING:
          id = mb_store_set_project_funding (store, editor->id,
                                             G_IS_VALUE (&values[0])
                                             ? g_value_get_string (&values[0]) : NULL,
                                             g_value_get_double (&values[1]), &error);
          break;
        case SECTION_VALUES:
          id = mb_store_add_project_indicator_value (store, editor->id,
                                                     G_IS_VALUE (&values[0])
                                                     ? g_value_get_string (&values[0]) : NULL,
                                                     g_value_get_string (&values[1]),
                                                     G_IS_VALUE (&values[2])
                                                     ? (int) g_value_get_int64 (&values[2]) : 0,
                                                     g_value_get_double (&values[3]), &error);
          break;
        case SECTION_LINKED:
        case SECTION_LINKS:
        case SECTION_TAGS:
        case SECTION_TERRITORIES:
        default:
          g_assert_not_reached ();
        }
      if (id == NULL)
        message = g_strdup (error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);

  gtk_label_set_text (GTK_LABEL (section->add_error), message ? message : "");
  gtk_widget_set_visible (section->add_error, message != NULL);
  if (message == NULL)
    {
      for (guint i = 0; i < n; i++)
        if (GTK_IS_EDITABLE (section->add_inputs->pdata[i]))
          gtk_editable_set_text (GTK_EDITABLE (section->add_inputs->pdata[i]), "");
      gtk_popover_popdown (GTK_POPOVER (section->popover));
    }
}

static void
build_add_popover (Section *section)
{
  Editor *editor = section->editor;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

  switch (section->spec->kind)
    {
    case SECTION_TARGETS:
      section->add_fields = target_add_fields;
      section->n_add_fields = G_N_ELEMENTS (target_add_fields);
      break;
    case SECTION_FUNDING:
      section->add_fields = funding_add_fields;
      section->n_add_fields = G_N_ELEMENTS (funding_add_fields);
      break;
    case SECTION_VALUES:
      section->add_fields = value_add_fields;
      section->n_add_fields = G_N_ELEMENTS (value_add_fields);
      break;
    case SECTION_LINKED:
    case SECTION_LINKS:
    case SECTION_TAGS:
    case SECTION_TERRITORIES:
    default:
      g_assert_not_reached ();
    }

  section->add_inputs = g_ptr_array_new ();
  section->add_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < section->n_add_fields; i++)
    {
      const MbFormField *field = &section->add_fields[i];
      GtkWidget *label = gtk_label_new (_(field->label));
      GtkWidget *input;
      GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (box), label);

      if (field->kind == MB_FORM_ENUM || field->kind == MB_FORM_REFERENCE)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

          if (field->kind == MB_FORM_ENUM)
            for (const MbFormChoice *c = field->choices; c->value; c++)
              {
                gtk_string_list_append (labels, _(c->label));
                g_ptr_array_add (ids, g_strdup (c->value));
              }
          else
            {
              g_autofree char *strategy = node_strategy (editor);
              g_autoptr(GListModel) items = mb_store_editor_list_all (editor_store (editor),
                                                                      field->reference,
                                                                      strategy, NULL);

              for (guint j = 0; items && j < g_list_model_get_n_items (items); j++)
                {
                  g_autoptr(MbEntityItem) item = g_list_model_get_item (items, j);

                  gtk_string_list_append (labels, mb_entity_item_get_title (item));
                  g_ptr_array_add (ids, g_strdup (mb_entity_item_get_id (item)));
                }
            }
          input = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
        }
      else
        {
          input = gtk_entry_new ();
          gtk_entry_set_activates_default (GTK_ENTRY (input), TRUE);
          if (field->hint)
            gtk_entry_set_placeholder_text (GTK_ENTRY (input), _(field->hint));
          g_signal_connect_swapped (input, "activate", G_CALLBACK (add_submit), section);
        }
      /* Named by its visible label alone: a label property as well would
       * make a screen reader say the name twice. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      gtk_box_append (GTK_BOX (box), input);
      g_ptr_array_add (section->add_inputs, input);
      g_ptr_array_add (section->add_ids, ids);
    }

  section->add_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (section->add_error), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (section->add_error), 30);
  gtk_label_set_xalign (GTK_LABEL (section->add_error), 0);
  gtk_widget_add_css_class (section->add_error, "error");
  gtk_widget_set_visible (section->add_error, FALSE);
  gtk_box_append (GTK_BOX (box), section->add_error);

  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_margin_top (add, 6);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_submit), section);
  gtk_box_append (GTK_BOX (box), add);

  section->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (section->popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (section->popover), add);
}

static void
add_clicked_cb (GtkButton *button,
                Section   *section)
{
  open_picker (section);
}

/* Building */

static void
build_section (Editor            *editor,
               GtkWidget         *box,
               const SectionSpec *spec)
{
  Section *section = g_new0 (Section, 1);
  GtkWidget *button;

  section->editor = editor;
  section->spec = spec;
  section->rows = g_ptr_array_new ();
  section->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section->group), _(spec->title));

  if (spec->kind == SECTION_FUNDING || spec->kind == SECTION_TARGETS ||
      spec->kind == SECTION_VALUES)
    {
      build_add_popover (section);
      button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), section->popover);
    }
  else
    {
      button = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), section);
    }
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _(spec->add_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(spec->add_label), -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (section->group), button);
  section->add_button = button;
  gtk_widget_set_visible (button, mb_review_store_is_editable (editor_store (editor)));

  g_ptr_array_add (editor->sections, section);
  gtk_box_append (GTK_BOX (box), section->group);
  refresh_section (section);
}

GtkWidget *
mb_editors_build (MbDetailsPanel *panel,
                  const char     *kind,
                  const char     *id)
{
  Editor *editor;
  GtkWidget *box;

  g_return_val_if_fail (MB_IS_DETAILS_PANEL (panel), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      if (g_strcmp0 (editors[i].kind, kind) != 0)
        continue;

      editor = g_new0 (Editor, 1);
      editor->panel = panel;
      editor->kind = g_strdup (kind);
      editor->id = g_strdup (id);
      editor->hint_rows = g_ptr_array_new ();
      editor->sections = g_ptr_array_new_with_free_func (section_free);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
      g_object_set_data_full (G_OBJECT (box), "mb-editor", editor, editor_free);

      editor->hints = adw_preferences_group_new ();
      gtk_widget_add_css_class (editor->hints, "mb-hints");
      gtk_box_append (GTK_BOX (box), editor->hints);
      refresh_hints (editor);

      editor->form = mb_form_new (mb_details_panel_get_store (panel), kind,
                                  editors[i].fields, editors[i].n_fields);
      mb_form_set_id (MB_FORM (editor->form), id);
      /* Review mode: everything readable, nothing editable. */
      gtk_widget_set_sensitive (editor->form,
                                mb_review_store_is_editable (mb_details_panel_get_store (panel)));
      gtk_box_append (GTK_BOX (box), editor->form);

      for (guint j = 0; j < editors[i].n_sections; j++)
        build_section (editor, box, &editors[i].sections[j]);
      return box;
    }
  return NULL;
}

void
mb_editors_refresh (GtkWidget          *widget,
                    const char * const *tables)
{
  Editor *editor = g_object_get_data (G_OBJECT (widget), "mb-editor");

  g_return_if_fail (editor != NULL);

  refresh_hints (editor);
  for (guint i = 0; i < editor->sections->len; i++)
    refresh_section (editor->sections->pdata[i]);
}

GtkWidget *
mb_editors_get_form (GtkWidget *widget)
{
  Editor *editor = g_object_get_data (G_OBJECT (widget), "mb-editor");

  g_return_val_if_fail (editor != NULL, NULL);
  return editor->form;
}

const char *
mb_editors_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (g_strcmp0 (editors[i].kind, kind) == 0)
      return _(editors[i].label);
  return NULL;
}
