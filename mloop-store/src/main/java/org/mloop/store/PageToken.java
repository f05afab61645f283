package org.mloop.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.mloop.core.MloopException;

/**
 * The opaque page token of searches: the offset of the next page, base64-encoded so clients treat
 * it as a token rather than a number to compute with.
 */
final class PageToken {
  private static final String PREFIX = "offset:";

  private PageToken() {}

  static String encode(long offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** The offset a token stands for; 0 for a null or empty token. */
  static long decode(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        long offset = Long.parseLong(text.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw MloopException.invalid(
        "Invalid page token '" + token + "': pass the next_page_token of the previous search unchanged.");
  }
}
