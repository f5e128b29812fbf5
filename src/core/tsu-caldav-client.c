/* tsu-caldav-client.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-caldav-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "tsu-caldav-client.h"

/* WebDAV and CalDAV over libsoup 3, synchronously: the sync engine runs in a worker
 * thread and makes its client there. Answers are read whole; a calendar's multistatus
 * of 20,000 ETags is about 3 MB. Passwords never reach a log. */

#define NS_DAV    "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"
#define NS_CS     "http://calendarserver.org/ns/"
#define NS_APPLE  "http://apple.com/ns/ical/"

#define MAX_REDIRECTS 5

struct _TsuCaldavClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;
  char        *user;
  char        *password;
  char        *authorization;  /* the Basic credentials sent with each request */
  guint        n_requests;
};

G_DEFINE_FINAL_TYPE (TsuCaldavClient, tsu_caldav_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (tsu-caldav-error-quark, tsu_caldav_error)

static void
tsu_caldav_client_finalize (GObject *object)
{
  TsuCaldavClient *self = TSU_CALDAV_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->url);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  G_OBJECT_CLASS (tsu_caldav_client_parent_class)->finalize (object);
}

static void
tsu_caldav_client_class_init (TsuCaldavClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_caldav_client_finalize;
}

static void
tsu_caldav_client_init (TsuCaldavClient *self)
{
}

void
tsu_caldav_entry_free (TsuCaldavEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->href);
  g_free (entry->etag);
  g_free (entry->calendar_data);
  g_free (entry->display_name);
  g_free (entry->ctag);
  g_free (entry->sync_token);
  g_free (entry->principal);
  g_free (entry->calendar_home);
  g_free (entry);
}

/* URLs ------------------------------------------------------------------------------- */

/**
 * tsu_caldav_client_path_of:
 * @url: an absolute URL or a path
 *
 * Returns: (transfer full): the percent-decoded path, the form hrefs are compared in
 */
char *
tsu_caldav_client_path_of (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *path = url;
  char *decoded;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri != NULL)
    path = g_uri_get_path (uri);
  decoded = g_uri_unescape_string (path, NULL);
  return decoded != NULL ? decoded : g_strdup (path);
}

/**
 * tsu_caldav_client_resolve:
 * @self: a client
 * @base: (nullable): the URL @href is relative to; the client's URL when %NULL
 * @href: a percent-decoded path, or an absolute URL
 *
 * Returns: (transfer full): the absolute, percent-encoded URL
 */
char *
tsu_caldav_client_resolve (TsuCaldavClient *self,
                           const char      *base,
                           const char      *href)
{
  g_autoptr(GUri) base_uri = NULL;
  g_autoptr(GUri) resolved = NULL;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (self), NULL);

  if (g_str_has_prefix (href, "http://") || g_str_has_prefix (href, "https://"))
    return g_strdup (href);
  base_uri = g_uri_parse (base != NULL ? base : self->url, G_URI_FLAGS_ENCODED, NULL);
  if (base_uri == NULL)
    return g_strdup (href);
  encoded = g_uri_escape_string (href, "/!$&'()*+,;=:@~", FALSE);
  resolved = g_uri_parse_relative (base_uri, encoded, G_URI_FLAGS_ENCODED, NULL);
  return resolved != NULL ? g_uri_to_string (resolved) : g_strdup (href);
}

/* Requests ---------------------------------------------------------------------------- */

static gboolean
authenticate_cb (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  TsuCaldavClient *self = user_data;

  /* A second try with the same password fails the same way: let the 401 through. */
  if (retrying || self->user == NULL)
    return FALSE;
  soup_auth_authenticate (auth, self->user, self->password != NULL ? self->password : "");
  return TRUE;
}

static void
set_unreachable (GError       **error,
                 const char    *url,
                 const GError  *cause)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url;

  g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_UNREACHABLE,
               _("Cannot reach the calendar server %s: %s"), host, cause->message);
}

guint
tsu_caldav_client_send (TsuCaldavClient     *self,
                        const char          *method,
                        const char          *url,
                        const char * const  *headers,
                        const char          *content_type,
                        GBytes              *body,
                        GBytes             **reply,
                        char               **etag,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autofree char *current = g_strdup (url);

  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (self), 0);

  for (guint hop = 0; hop <= MAX_REDIRECTS; hop++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      SoupMessageHeaders *request_headers;
      const char *location;
      guint status;

      msg = soup_message_new (method, current);
      if (msg == NULL)
        {
          g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_INVALID_URL,
                       _("“%s” is not a web address (http:// or https://)."), current);
          return 0;
        }
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      request_headers = soup_message_get_request_headers (msg);
      if (self->authorization != NULL)
        soup_message_headers_replace (request_headers, "Authorization", self->authorization);
      for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
        soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
      if (body != NULL)
        soup_message_set_request_body_from_bytes (msg, content_type, body);
      g_signal_connect (msg, "authenticate", G_CALLBACK (authenticate_cb), self);

      self->n_requests++;
      bytes = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
      if (bytes == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            set_unreachable (error, current, local_error);
          return 0;
        }

      status = soup_message_get_status (msg);
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308) &&
          location != NULL)
        {
          g_autoptr(GUri) here = g_uri_parse (current, G_URI_FLAGS_ENCODED, NULL);
          g_autoptr(GUri) there = here != NULL ? g_uri_parse_relative (here, location, G_URI_FLAGS_ENCODED, NULL)
                                               : NULL;

          if (there == NULL)
            break;
          g_free (current);
          current = g_uri_to_string (there);
          continue;
        }

      if (status == 401)
        {
          g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_UNAUTHORIZED,
                       _("The calendar server refused the user name or password."));
          return 0;
        }
      if (etag != NULL)
        *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "ETag"));
      if (reply != NULL)
        *reply = g_steal_pointer (&bytes);
      return status;
    }

  g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_SERVER,
               _("The calendar server sends the request round in redirects."));
  return 0;
}

/* Multistatus ------------------------------------------------------------------------- */

static gboolean
is_node (xmlNode    *node,
         const char *ns,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL &&
         strcmp ((const char *) node->ns->href, ns) == 0 &&
         strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *node,
       const char *ns,
       const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_node (c, ns, name))
      return c;
  return NULL;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static char *
trimmed_text_of (xmlNode *node)
{
  char *text = text_of (node);

  return text != NULL ? g_strstrip (text) : NULL;
}

static guint
parse_status (xmlNode *node)
{
  g_autofree char *text = trimmed_text_of (node);
  guint status = 0;

  /* "HTTP/1.1 200 OK" */
  if (text != NULL && g_str_has_prefix (text, "HTTP/"))
    {
      const char *space = strchr (text, ' ');

      if (space != NULL)
        status = (guint) g_ascii_strtoull (space + 1, NULL, 10);
    }
  return status;
}

static char *
href_of (xmlNode *node)
{
  g_autofree char *text = trimmed_text_of (child (node, NS_DAV, "href"));

  return text != NULL ? tsu_caldav_client_path_of (text) : NULL;
}

static void
read_prop (TsuCaldavEntry *entry,
           xmlNode        *prop)
{
  for (xmlNode *p = prop->children; p != NULL; p = p->next)
    {
      if (is_node (p, NS_DAV, "getetag"))
        entry->etag = trimmed_text_of (p);
      else if (is_node (p, NS_CALDAV, "calendar-data"))
        entry->calendar_data = text_of (p);
      else if (is_node (p, NS_DAV, "displayname"))
        entry->display_name = trimmed_text_of (p);
      else if (is_node (p, NS_CS, "getctag"))
        entry->ctag = trimmed_text_of (p);
      else if (is_node (p, NS_DAV, "sync-token"))
        entry->sync_token = trimmed_text_of (p);
      else if (is_node (p, NS_DAV, "current-user-principal"))
        entry->principal = href_of (p);
      else if (is_node (p, NS_CALDAV, "calendar-home-set"))
        entry->calendar_home = href_of (p);
      else if (is_node (p, NS_DAV, "resourcetype"))
        {
          entry->is_collection = child (p, NS_DAV, "collection") != NULL;
          entry->is_calendar = child (p, NS_CALDAV, "calendar") != NULL;
        }
      else if (is_node (p, NS_CALDAV, "supported-calendar-component-set"))
        {
          entry->has_events = FALSE;
          for (xmlNode *comp = p->children; comp != NULL; comp = comp->next)
            if (is_node (comp, NS_CALDAV, "comp"))
              {
                xmlChar *name = xmlGetProp (comp, (const xmlChar *) "name");

                if (name != NULL && g_ascii_strcasecmp ((const char *) name, "VEVENT") == 0)
                  entry->has_events = TRUE;
                xmlFree (name);
              }
        }
      else if (is_node (p, NS_DAV, "supported-report-set"))
        {
          for (xmlNode *s = p->children; s != NULL; s = s->next)
            {
              xmlNode *report = child (s, NS_DAV, "report");

              if (report != NULL && child (report, NS_DAV, "sync-collection") != NULL)
                entry->has_sync = TRUE;
            }
        }
    }
}

static GPtrArray *
parse_multistatus (GBytes   *body,
                   char    **sync_token,
                   GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tsu_caldav_entry_free);
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  xmlDoc *doc;
  xmlNode *root;

  doc = data != NULL && len > 0 && len < G_MAXINT
          ? xmlReadMemory (data, (int) len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE)
          : NULL;
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !is_node (root, NS_DAV, "multistatus"))
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV,
                   _("The server's answer is not WebDAV: it does not look like a CalDAV server."));
      return NULL;
    }

  for (xmlNode *r = root->children; r != NULL; r = r->next)
    {
      TsuCaldavEntry *entry;
      xmlNode *status;

      if (is_node (r, NS_DAV, "sync-token") && sync_token != NULL)
        {
          g_free (*sync_token);
          *sync_token = trimmed_text_of (r);
          continue;
        }
      if (!is_node (r, NS_DAV, "response"))
        continue;

      entry = g_new0 (TsuCaldavEntry, 1);
      entry->href = href_of (r);
      entry->has_events = TRUE;
      status = child (r, NS_DAV, "status");
      entry->status = status != NULL ? parse_status (status) : 0;
      for (xmlNode *ps = r->children; ps != NULL; ps = ps->next)
        {
          guint ps_status;

          if (!is_node (ps, NS_DAV, "propstat"))
            continue;
          ps_status = parse_status (child (ps, NS_DAV, "status"));
          if (ps_status / 100 != 2)
            continue;
          if (entry->status == 0)
            entry->status = ps_status;
          if (child (ps, NS_DAV, "prop") != NULL)
            read_prop (entry, child (ps, NS_DAV, "prop"));
        }
      if (entry->status == 0)
        entry->status = 200;
      if (entry->href == NULL)
        tsu_caldav_entry_free (entry);
      else
        g_ptr_array_add (entries, entry);
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&entries);
}

GPtrArray *
tsu_caldav_client_multistatus (TsuCaldavClient  *self,
                               const char       *method,
                               const char       *url,
                               const char       *depth,
                               const char       *body,
                               guint            *status,
                               char            **sync_token,
                               GCancellable     *cancellable,
                               GError          **error)
{
  const char *headers[] = { "Depth", depth, "Prefer", "return-minimal", NULL };
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  guint code;

  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (self), NULL);

  code = tsu_caldav_client_send (self, method, url, depth != NULL ? headers : headers + 2,
                                 "application/xml; charset=utf-8", request, &reply, NULL,
                                 cancellable, error);
  if (status != NULL)
    *status = code;
  if (code == 0)
    return NULL;
  if (code != 207)
    {
      if (code == 404 || code == 405 || code == 501 || code / 100 == 2)
        g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV,
                     _("There is no CalDAV calendar at this address (the server answered %u)."), code);
      else
        g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_SERVER,
                     _("The calendar server answered %s with %u."), method, code);
      return NULL;
    }
  return parse_multistatus (reply, sync_token, error);
}

/* Discovery (RFC 6764, RFC 4791) -------------------------------------------------------- */

static const char propfind_principal[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
  "<D:prop><D:current-user-principal/><D:resourcetype/><D:displayname/>"
  "<C:calendar-home-set/><C:supported-calendar-component-set/></D:prop>"
  "</D:propfind>";

static const char propfind_calendars[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
  "<D:prop><D:resourcetype/><D:displayname/><C:supported-calendar-component-set/></D:prop>"
  "</D:propfind>";

static TsuCaldavEntry *
find_entry (GPtrArray  *entries,
            const char *url)
{
  g_autofree char *path = tsu_caldav_client_path_of (url);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      TsuCaldavEntry *e = entries->pdata[i];
      g_autofree char *a = g_strdup (e->href);
      g_autofree char *b = g_strdup (path);

      /* "/user/cal" and "/user/cal/" are one collection. */
      if (g_str_has_suffix (a, "/"))
        a[strlen (a) - 1] = '\0';
      if (g_str_has_suffix (b, "/"))
        b[strlen (b) - 1] = '\0';
      if (strcmp (a, b) == 0)
        return e;
    }
  return entries != NULL && entries->len == 1 ? entries->pdata[0] : NULL;
}

static void
add_calendar (GListStore     *out,
              TsuCaldavClient *self,
              const char      *base,
              TsuCaldavEntry  *e)
{
  g_autofree char *url = tsu_caldav_client_resolve (self, base, e->href);
  g_autoptr(TsuCaldavCalendar) calendar = NULL;

  if (!g_str_has_suffix (url, "/"))
    {
      char *slashed = g_strconcat (url, "/", NULL);

      g_free (url);
      url = slashed;
    }
  calendar = tsu_caldav_calendar_new (url, e->display_name);
  g_list_store_append (out, calendar);
}

/**
 * tsu_caldav_client_discover:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #TsuCaldavError
 *
 * Finds the user's calendars that hold events: the client's URL itself when it is one,
 * else through the user's principal (asked of the URL, then of /.well-known/caldav)
 * and its calendar home. Blocks: call from a worker thread.
 *
 * Returns: (transfer full): a #GListModel of #TsuCaldavCalendar, never empty
 */
GListModel *
tsu_caldav_client_discover (TsuCaldavClient  *self,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(GListStore) out = g_list_store_new (TSU_TYPE_CALDAV_CALENDAR);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) home_entries = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autofree char *principal = NULL;
  g_autofree char *principal_url = NULL;
  g_autofree char *home_url = NULL;
  TsuCaldavEntry *e;

  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (self), NULL);

  entries = tsu_caldav_client_multistatus (self, "PROPFIND", self->url, "0", propfind_principal,
                                           NULL, NULL, cancellable, &first_error);
  if (entries == NULL &&
      !g_error_matches (first_error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV) &&
      !g_error_matches (first_error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_SERVER))
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }

  e = find_entry (entries, self->url);
  if (e != NULL && e->is_calendar)
    {
      add_calendar (out, self, self->url, e);
      return G_LIST_MODEL (g_steal_pointer (&out));
    }
  if (e != NULL && e->calendar_home != NULL)
    home_url = tsu_caldav_client_resolve (self, self->url, e->calendar_home);
  else if (e != NULL && e->principal != NULL)
    principal = g_strdup (e->principal);

  if (home_url == NULL && principal == NULL)
    {
      g_autofree char *well_known = tsu_caldav_client_resolve (self, self->url, "/.well-known/caldav");
      g_autoptr(GPtrArray) wk = NULL;

      g_clear_error (&first_error);
      wk = tsu_caldav_client_multistatus (self, "PROPFIND", well_known, "0", propfind_principal,
                                          NULL, NULL, cancellable, &first_error);
      if (wk == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&first_error));
          return NULL;
        }
      for (guint i = 0; i < wk->len && principal == NULL; i++)
        principal = g_strdup (((TsuCaldavEntry *) wk->pdata[i])->principal);
    }

  if (home_url == NULL)
    {
      g_autoptr(GPtrArray) p = NULL;

      if (principal == NULL)
        {
          g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV,
                       _("The server does not say where your calendars are: it does not look like a CalDAV server."));
          return NULL;
        }
      principal_url = tsu_caldav_client_resolve (self, self->url, principal);
      p = tsu_caldav_client_multistatus (self, "PROPFIND", principal_url, "0", propfind_principal,
                                         NULL, NULL, cancellable, error);
      if (p == NULL)
        return NULL;
      e = find_entry (p, principal_url);
      if (e == NULL || e->calendar_home == NULL)
        {
          g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV,
                       _("The server has no calendar home for this user: it does not look like a CalDAV server."));
          return NULL;
        }
      home_url = tsu_caldav_client_resolve (self, principal_url, e->calendar_home);
    }

  home_entries = tsu_caldav_client_multistatus (self, "PROPFIND", home_url, "1", propfind_calendars,
                                                NULL, NULL, cancellable, error);
  if (home_entries == NULL)
    return NULL;
  for (guint i = 0; i < home_entries->len; i++)
    {
      TsuCaldavEntry *c = home_entries->pdata[i];

      if (c->is_calendar && c->has_events)
        add_calendar (out, self, home_url, c);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (out)) == 0)
    {
      g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV,
                   _("There is no calendar for events in this account. Create one on the server first."));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&out));
}

/* Public API -------------------------------------------------------------------------- */

/**
 * tsu_caldav_client_new:
 * @url: the server's address (its root, a principal, or a calendar)
 * @user: (nullable): the user name
 * @password: (nullable): the password
 * @error: return location for %TSU_CALDAV_ERROR_INVALID_URL
 *
 * Returns: (transfer full) (nullable): a client, not connected yet
 */
TsuCaldavClient *
tsu_caldav_client_new (const char  *url,
                       const char  *user,
                       const char  *password,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *agent = NULL;
  TsuCaldavClient *self;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_INVALID_URL,
                   _("“%s” is not a web address (http:// or https://)."), url);
      return NULL;
    }

  self = g_object_new (TSU_TYPE_CALDAV_CLIENT, NULL);
  self->url = g_strdup (url);
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  agent = g_strdup_printf ("Tsunagu/%s", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("timeout", 60,
                                                 "idle-timeout", 60,
                                                 "user-agent", agent,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  /* Basic credentials go with every request: a 401 first would cost a round trip per
   * request, and libsoup 3.2 does not send a request's body again after one. */
  if (user != NULL)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", user, password != NULL ? password : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }
  return self;
}

const char *
tsu_caldav_client_get_url (TsuCaldavClient *self)
{
  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (self), NULL);
  return self->url;
}

/* How many HTTP requests the client sent, for tests and the benchmark. */
guint
tsu_caldav_client_get_n_requests (TsuCaldavClient *self)
{
  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (self), 0);
  return self->n_requests;
}
