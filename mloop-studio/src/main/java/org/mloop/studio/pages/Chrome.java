package org.mloop.studio.pages;

/**
 * What the layout around every page shows: the page's title and nav entry, who is signed in (null on a
 * server that asks no token), the session's CSRF token for the page's forms, and the static files' URLs.
 */
public record Chrome(String title, String active, String user, String csrf, Assets assets) {
  /** The URLs of the static files (content-hashed, cached for a year). */
  public record Assets(String css, String htmx, String js, String icon) {}

  public boolean signedIn() {
    return user != null;
  }
}
