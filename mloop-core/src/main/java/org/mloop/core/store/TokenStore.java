package org.mloop.core.store;

import java.util.List;
import java.util.Optional;

/** Bearer tokens for the workspace server. */
public interface TokenStore {
  Token createToken(TokenSpec spec, String sha256);

  /** A workspace-wide admin token that never expires. */
  default Token createToken(String name, String sha256) {
    return createToken(TokenSpec.admin(name), sha256);
  }

  Optional<Token> findTokenBySha256(String sha256);

  List<Token> listTokens();

  void deleteToken(String id);

  /** Records that the token was used at {@code at} (epoch millis); callers throttle it, it is one write. */
  void recordTokenUse(String id, long at);
}
