package org.mloop.core;

/**
 * How a value someone sent appears in a message: whole when it is short, else its first characters
 * and its length. An error then says which value it means without echoing back a 10,000-character
 * name (or a whole request body) to the caller, into logs and into a UI.
 */
public final class MessageText {
  /** Values up to this many characters are shown whole. */
  public static final int MAX_SHOWN = 64;

  private MessageText() {}

  /** The value, or its first characters followed by "..." when it is longer than {@link #MAX_SHOWN}. */
  public static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= MAX_SHOWN) {
      return text;
    }
    int cut = MAX_SHOWN - 3;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--; // never split a character in two
    }
    return text.substring(0, cut) + "...";
  }

  /** 'value' when short; 'first characters...' (10000 characters) when long. */
  public static String quoted(String text) {
    if (text == null) {
      return "null";
    }
    String shown = "'" + abbreviate(text) + "'";
    return text.length() <= MAX_SHOWN ? shown : shown + " (" + text.length() + " characters)";
  }
}
