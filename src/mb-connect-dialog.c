/* mb-connect-dialog.c – connecting to a library shared on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address and the user name are remembered in GSettings; the password
 * only in the keyring (libsecret), never in settings: what is remembered is
 * the address as mb_remote_display_name() writes it. Before the library is
 * opened the dialog tries the connection itself, so that it can tell apart
 * a server that cannot be reached, one that wants a password, and one that
 * refused it; the store's own errors (no Målbild library there, another
 * version) are shown as they are. Whatever fails, the dialog stays open
 * with what was typed.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "mb-remote.h"
#include "mb-store.h"

#include "mb-connect-dialog.h"

struct _MbConnectDialog
{
  AdwWindow     parent_instance;

  MbWindow     *window;      /* weak: the dialog is transient for it */
  GSettings    *settings;
  GCancellable *cancellable;

  GtkWidget    *problem_box;
  GtkWidget    *problem_label;
  GtkWidget    *address_row;
  GtkWidget    *user_row;
  GtkWidget    *password_row;
  GtkWidget    *remember_switch;
  GtkWidget    *connect_button;
  GtkWidget    *spinner;

  char         *problem;
  /* Set when the dialog came up because the server wants a password: the
   * keyring's answer then connects at once. */
  gboolean      connect_on_password;
  guint         connect_source;
};

G_DEFINE_FINAL_TYPE (MbConnectDialog, mb_connect_dialog, ADW_TYPE_WINDOW)

/* The keyring's entries: one per library address (without password) and user. */
static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".SharedLibrary", SECRET_SCHEMA_NONE,
    {
      { "address", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* URIs and libpq strings */

static char *
conninfo_value (const char *conninfo,
                const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  char *value = NULL;

  if (options == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword) && o->val != NULL && o->val[0] != '\0')
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

/* Adds keyword=@value to @s, a URI (as a query parameter) or a key=value string. */
static void
append_parameter (GString    *s,
                  gboolean    is_uri,
                  const char *keyword,
                  const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  if (is_uri)
    {
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (s, "%s%s=%s", strchr (s->str, '?') ? "&" : "?", keyword, escaped);
    }
  else
    {
      g_string_append_printf (s, " %s='", keyword);
      for (const char *c = value; *c; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *c);
        }
      g_string_append_c (s, '\'');
    }
}

char *
mb_connect_build_uri (const char  *address,
                      const char  *user,
                      const char  *password,
                      GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (address ? address : ""));
  g_autofree char *given_user = NULL;
  g_autoptr(GString) s = NULL;
  gboolean is_uri;
  char *parse_error = NULL;
  PQconninfoOption *options;

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of the shared library"));
      return NULL;
    }
  is_uri = g_str_has_prefix (trimmed, "postgresql://") || g_str_has_prefix (trimmed, "postgres://");
  if (is_uri || mb_remote_is_uri (trimmed))
    s = g_string_new (trimmed);
  else
    {
      /* SERVER/DATABASE, as an IT department may write it. */
      const char *slash = strchr (trimmed, '/');
      g_autofree char *host = slash ? g_strndup (trimmed, slash - trimmed) : NULL;
      g_autofree char *database = NULL;

      if (slash == NULL || host[0] == '\0' || slash[1] == '\0' || strchr (host, ' ') != NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter the address as postgresql://server/database, "
                                 "or as server/database"));
          return NULL;
        }
      database = g_uri_escape_string (slash + 1, NULL, FALSE);
      s = g_string_new (NULL);
      g_string_append_printf (s, "postgresql://%s/%s", host, database);
      is_uri = TRUE;
    }

  /* The user typed beside an address that names the same one adds nothing. */
  given_user = conninfo_value (s->str, "user");
  if (g_strcmp0 (given_user, user) != 0)
    append_parameter (s, is_uri, "user", user);
  append_parameter (s, is_uri, "password", password);

  options = PQconninfoParse (s->str, &parse_error);
  if (options == NULL)
    {
      g_autofree char *reason = g_strstrip (g_strdup (parse_error ? parse_error : ""));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("This address cannot be read: %s"), reason);
      PQfreemem (parse_error);
      return NULL;
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
mb_connect_library_title (const char *remote_name)
{
  g_autofree char *database = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (remote_name != NULL, NULL);

  database = conninfo_value (remote_name, "dbname");
  host = conninfo_value (remote_name, "host");
  if (database == NULL)
    return g_strdup (remote_name);
  /* A Unix socket's directory names no server a person knows. */
  if (host == NULL || host[0] == '/')
    /* Translators: a shared library's name: %s is its database, on the server of this computer */
    return g_strdup_printf (_("%s on this computer"), database);
  /* Translators: a shared library's name: "strategier on db.region.se" */
  return g_strdup_printf (_("%s on %s"), database, host);
}

/* libpq's message on one line. */
static char *
one_line (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message ? message : "", "\n", -1);

  for (guint i = 0; lines[i]; i++)
    g_strstrip (lines[i]);
  return g_strstrip (g_strjoinv (" ", lines));
}

/* Tries the connection; NULL if it works, else what went wrong, for a
 * person. *@wants_password when the server asked for a password none was
 * given for. */
static char *
connection_problem (const char *uri,
                    gboolean   *wants_password)
{
  const char * const keywords[] = { "dbname", "application_name", NULL };
  const char * const values[] = { uri, "Malbild", NULL };
  g_autoptr(PGconn) conn = PQconnectdbParams (keywords, values, 1);
  g_autofree char *user = NULL;
  g_autofree char *reason = NULL;

  *wants_password = FALSE;
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return NULL;
  if (conn == NULL)
    return g_strdup (g_strerror (ENOMEM));

  user = g_strdup (PQuser (conn));
  reason = one_line (PQerrorMessage (conn));
  if (PQconnectionNeedsPassword (conn))
    {
      *wants_password = TRUE;
      return g_strdup_printf (_("The server asks for the password of “%s”."), user);
    }
  if (PQconnectionUsedPassword (conn))
    return g_strdup_printf (_("The server did not accept the password of “%s”: %s"),
                            user, reason);
  /* The server answered (and said no): it was reached. */
  if (strstr (reason, "FATAL") != NULL)
    return g_strdup_printf (_("The server refused the connection: %s"), reason);
  return g_strdup_printf (_("The server cannot be reached: %s"), reason);
}

/* The dialog */

static void
set_problem (MbConnectDialog *self,
             const char      *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (GTK_LABEL (self->problem_label), problem ? problem : "");
  gtk_widget_set_visible (self->problem_box, problem != NULL);
  /* A screen reader hears what went wrong where it is shown. */
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_box),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
}

const char *
mb_connect_dialog_get_problem (MbConnectDialog *self)
{
  g_return_val_if_fail (MB_IS_CONNECT_DIALOG (self), NULL);

  return self->problem;
}

static void
update_sensitivity (MbConnectDialog *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (address));

  gtk_widget_set_sensitive (self->connect_button, trimmed[0] != '\0');
}

static void
password_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(MbConnectDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = secret_password_lookup_finish (result, &error);
  const char *typed;

  /* No keyring (a bare session) is no reason to bother the user. */
  if (password == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  typed = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (typed[0] != '\0')
    return;   /* the user's own typing wins */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  secret_password_free (g_steal_pointer (&password));
  if (self->connect_on_password)
    {
      self->connect_on_password = FALSE;
      mb_connect_dialog_connect (self);
    }
}

/* The display address of what is typed, without password: the keyring's key. */
static char *
typed_display_address (MbConnectDialog *self)
{
  g_autofree char *uri = mb_connect_build_uri (gtk_editable_get_text (GTK_EDITABLE (self->address_row)),
                                               gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                               NULL, NULL);

  return uri ? mb_remote_display_name (uri) : NULL;
}

static void
look_up_password (MbConnectDialog *self)
{
  g_autofree char *address = typed_display_address (self);
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));

  if (address == NULL)
    return;
  secret_password_lookup (password_schema (), self->cancellable, password_lookup_cb,
                          g_object_ref (self),
                          "address", address, "user", user, NULL);
}

static void
password_store_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The password was not kept in the keyring: %s", error->message);
}

gboolean
mb_connect_dialog_connect (MbConnectDialog *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;
  g_autoptr(MbStore) store = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *display = NULL;
  gboolean wants_password = FALSE;

  g_return_val_if_fail (MB_IS_CONNECT_DIALOG (self), FALSE);

  uri = mb_connect_build_uri (address, user, password, &error);
  if (uri == NULL)
    {
      set_problem (self, error->message);
      gtk_widget_grab_focus (self->address_row);
      return FALSE;
    }

  problem = connection_problem (uri, &wants_password);
  if (problem != NULL)
    {
      set_problem (self, problem);
      /* Where the answer is to be typed. */
      gtk_widget_grab_focus (wants_password || password[0] != '\0' ? self->password_row
                                                                   : self->address_row);
      return FALSE;
    }

  store = mb_store_open (uri, MB_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      set_problem (self, error->message);
      return FALSE;
    }

  display = mb_remote_display_name (uri);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "shared-library",
                         gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  g_settings_set_string (self->settings, "shared-library-user", user);
  g_settings_apply (self->settings);
  if (password[0] != '\0' && gtk_switch_get_active (GTK_SWITCH (self->remember_switch)))
    {
      g_autofree char *typed = typed_display_address (self);
      /* Translators: the keyring's name of a password; %s is a shared library's address */
      g_autofree char *label = g_strdup_printf (_("Målbild: %s"), display);

      /* Not cancelled with the dialog, which goes now. */
      secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                             NULL, password_store_cb, NULL,
                             "address", typed, "user", user, NULL);
    }

  set_problem (self, NULL);
  if (self->window != NULL)
    mb_window_open_store (self->window, store);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static gboolean
connect_later_cb (gpointer data)
{
  g_autoptr(MbConnectDialog) self = data;

  self->connect_source = 0;
  if (!mb_connect_dialog_connect (self))
    {
      gtk_spinner_stop (GTK_SPINNER (self->spinner));
      gtk_widget_set_visible (self->spinner, FALSE);
      update_sensitivity (self);
    }
  return G_SOURCE_REMOVE;
}

static void
connect_clicked_cb (MbConnectDialog *self)
{
  if (!gtk_widget_get_sensitive (self->connect_button) || self->connect_source != 0)
    return;
  /* Connecting waits for the server: say so, on screen, before it does. */
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_widget_set_sensitive (self->connect_button, FALSE);
  self->connect_source = g_timeout_add (50, connect_later_cb, g_object_ref (self));
}

static void
mb_connect_dialog_dispose (GObject *object)
{
  MbConnectDialog *self = MB_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;

  G_OBJECT_CLASS (mb_connect_dialog_parent_class)->dispose (object);
}

static void
mb_connect_dialog_finalize (GObject *object)
{
  MbConnectDialog *self = MB_CONNECT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->problem);

  G_OBJECT_CLASS (mb_connect_dialog_parent_class)->finalize (object);
}

static void
mb_connect_dialog_class_init (MbConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_connect_dialog_dispose;
  object_class->finalize = mb_connect_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  return row;
}

static void
mb_connect_dialog_init (MbConnectDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *remember = adw_action_row_new ();
  g_autofree char *address = NULL;
  g_autofree char *user = NULL;

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Connect to a Shared Library"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->connect_button = gtk_button_new_with_mnemonic (_("C_onnect"));
  gtk_widget_add_css_class (self->connect_button, "suggested-action");
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (connect_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->connect_button);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Connecting…"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  gtk_box_append (GTK_BOX (box), header);

  /* What went wrong, above what it is about. */
  self->problem_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->problem_box, "mb-connect-problem");
  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->problem_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->problem_label), TRUE);
  gtk_widget_set_hexpand (self->problem_label, TRUE);
  gtk_box_append (GTK_BOX (self->problem_box), icon);
  gtk_box_append (GTK_BOX (self->problem_box), self->problem_label);
  gtk_widget_set_visible (self->problem_box, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_box_append (GTK_BOX (content), self->problem_box);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A library on a PostgreSQL server that the whole team "
                                           "works on. The address is a postgresql:// address or "
                                           "server/database; your IT department gives it to you."));
  self->address_row = entry_row (_("Server Address"));
  self->user_row = entry_row (_("User Name"));
  self->password_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  self->remember_switch = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (self->remember_switch), TRUE);
  gtk_widget_set_valign (self->remember_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (remember), _("_Remember Password"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (remember), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (remember), _("In your keyring"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (remember), self->remember_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (remember), self->remember_switch);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remember_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remember Password"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->address_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->user_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->password_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), remember);
  gtk_box_append (GTK_BOX (content), group);

  /* Enter in any field connects. */
  g_signal_connect_swapped (self->address_row, "entry-activated", G_CALLBACK (connect_clicked_cb), self);
  g_signal_connect_swapped (self->user_row, "entry-activated", G_CALLBACK (connect_clicked_cb), self);
  g_signal_connect_swapped (self->password_row, "entry-activated", G_CALLBACK (connect_clicked_cb), self);
  g_signal_connect_swapped (self->address_row, "changed", G_CALLBACK (update_sensitivity), self);

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (self), box);

  address = g_settings_get_string (self->settings, "shared-library");
  user = g_settings_get_string (self->settings, "shared-library-user");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user[0] != '\0' ? user : g_get_user_name ());
  update_sensitivity (self);
}

GtkWidget *
mb_connect_dialog_new (MbWindow *window)
{
  MbConnectDialog *self;

  g_return_val_if_fail (window == NULL || MB_IS_WINDOW (window), NULL);

  self = g_object_new (MB_TYPE_CONNECT_DIALOG,
                       "transient-for", window,
                       NULL);
  self->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  /* The first field still to fill in. */
  gtk_widget_grab_focus (gtk_editable_get_text (GTK_EDITABLE (self->address_row))[0] == '\0'
                         ? self->address_row : self->password_row);
  look_up_password (self);
  return GTK_WIDGET (self);
}

void
mb_connect_dialog_set_uri (MbConnectDialog *self,
                           const char      *uri,
                           const char      *problem)
{
  g_autofree char *display = NULL;
  g_autofree char *user = NULL;

  g_return_if_fail (MB_IS_CONNECT_DIALOG (self));
  g_return_if_fail (uri != NULL);

  display = mb_remote_display_name (uri);
  user = conninfo_value (uri, "user");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), display);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_problem (self, problem);
  look_up_password (self);
}

GtkWidget *
mb_connect_dialog_new_retry (MbWindow     *window,
                             const char   *uri,
                             const GError *error)
{
  GtkWidget *dialog;
  g_autofree char *problem = NULL;
  gboolean wants_password = FALSE;

  g_return_val_if_fail (MB_IS_WINDOW (window), NULL);

  /* The store's error says only that it could not connect: the dialog
   * finds out why, in words that say what to do. */
  if (error == NULL || error->code == MB_STORE_ERROR_IO)
    problem = connection_problem (uri, &wants_password);
  dialog = mb_connect_dialog_new (window);
  mb_connect_dialog_set_uri (MB_CONNECT_DIALOG (dialog), uri,
                             problem ? problem : error ? error->message : NULL);
  MB_CONNECT_DIALOG (dialog)->connect_on_password = wants_password;
  gtk_widget_grab_focus (MB_CONNECT_DIALOG (dialog)->password_row);
  return dialog;
}
