package org.mloop.core.store;

import java.util.List;
import java.util.Optional;

/** Bearer tokens for the workspace server. */
public interface TokenStore {
  Token createToken(String name, String sha256);

  Optional<Token> findTokenBySha256(String sha256);

  List<Token> listTokens();

  void deleteToken(String id);
}
