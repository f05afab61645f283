package org.mloop.core;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean ...?" hint of parsers' errors: the closest known word within two edits, ignoring case. */
public final class DidYouMean {
  private static final int MAX_EDITS = 2;

  private DidYouMean() {}

  /** " (did you mean 'runs-on'?)" for a near miss of one of {@code known}, else "". */
  public static String suggestion(String word, Collection<String> known) {
    String best = null;
    int bestDistance = MAX_EDITS + 1;
    String w = word.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      if (Math.abs(w.length() - candidate.length()) > MAX_EDITS) {
        continue; // more edits apart than the lengths differ by: no need to count them (a long word stays cheap)
      }
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** Levenshtein distance, two rows at a time. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
