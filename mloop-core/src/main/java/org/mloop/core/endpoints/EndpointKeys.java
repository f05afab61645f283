package org.mloop.core.endpoints;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's two keys. Two, so a client can move to the secondary key while the primary is
 * regenerated, and no request fails during the rotation. Keys are kept readable (as Azure's
 * get-keys returns them); comparison is constant-time.
 */
public record EndpointKeys(String primary, String secondary) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static EndpointKeys generate() {
    return new EndpointKeys(newKey(), newKey());
  }

  /** 32 random bytes, URL-safe base64 without padding (43 characters). */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public EndpointKeys regenerate(KeyType which) {
    return which == KeyType.PRIMARY ? new EndpointKeys(newKey(), secondary) : new EndpointKeys(primary, newKey());
  }

  /** True when {@code presented} is either key. */
  public boolean accepts(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    // Both comparisons always run, so timing does not tell which key matched.
    boolean a = MessageDigest.isEqual(p, primary.getBytes(StandardCharsets.UTF_8));
    boolean b = MessageDigest.isEqual(p, secondary.getBytes(StandardCharsets.UTF_8));
    return a | b;
  }

  @Override
  public String toString() {
    return "EndpointKeys[hidden]";
  }
}
