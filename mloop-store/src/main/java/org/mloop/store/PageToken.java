package org.mloop.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.Page;
import org.mloop.core.tracking.RunSearch;

/**
 * Paging of searches: the opaque page token (the offset of the next page, base64-encoded so clients
 * treat it as a token rather than a number to compute with), the page size and the page itself.
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

  /** The page of {@code rows}, which were read with one row more than {@code limit} to tell whether more follow. */
  static <T> Page<T> page(List<T> rows, int limit, long offset) {
    if (rows.size() > limit) {
      return new Page<>(List.copyOf(rows.subList(0, limit)), encode(offset + limit));
    }
    return new Page<>(List.copyOf(rows), null);
  }

  /** The page size for a requested max_results: the default for none, an error above the limit. */
  static int maxResults(int requested) {
    if (requested <= 0) {
      return RunSearch.DEFAULT_MAX_RESULTS;
    }
    if (requested > RunSearch.MAX_RESULTS_LIMIT) {
      throw MloopException.invalid("Invalid value " + requested + " for max_results: it must be at most "
          + RunSearch.MAX_RESULTS_LIMIT + "; page through larger results with the page token.");
    }
    return requested;
  }
}
