package org.mloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.security.SecureRandom;
import org.mloop.core.MloopException;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenStore;

/** API token records; the token itself is never stored, only its sha256. */
final class JdbcTokenStore implements TokenStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Database db;

  JdbcTokenStore(Database db) {
    this.db = db;
  }

  @Override
  public Token createToken(String name, String sha256) {
    if (name == null || name.isBlank()) {
      throw MloopException.invalid("A token needs a name, such as the user or machine that uses it.");
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw MloopException.invalid("A token is stored by its sha256: 64 lowercase hex characters.");
    }
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    Token token = new Token(HexFormat.of().formatHex(id), name, sha256, System.currentTimeMillis());
    return db.write(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO tokens (token_id, token_name, sha256, created_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, token.id());
        insert.setString(2, token.name());
        insert.setString(3, token.sha256());
        insert.setLong(4, token.createdAt());
        insert.executeUpdate();
      } catch (SQLException e) {
        if (db.dialect().isUniqueViolation(e)) {
          throw MloopException.alreadyExists("A token with this sha256 already exists; generate a new token.");
        }
        throw e;
      }
      return token;
    });
  }

  @Override
  public Optional<Token> findTokenBySha256(String sha256) {
    return db.read(c -> query(c.prepareStatement(
        "SELECT token_id, token_name, sha256, created_at FROM tokens WHERE sha256 = ?"), sha256).stream().findFirst());
  }

  @Override
  public List<Token> listTokens() {
    return db.read(c -> query(c.prepareStatement(
        "SELECT token_id, token_name, sha256, created_at FROM tokens ORDER BY created_at, token_id"), null));
  }

  @Override
  public void deleteToken(String id) {
    db.write(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM tokens WHERE token_id = ?")) {
        delete.setString(1, id);
        if (delete.executeUpdate() == 0) {
          throw MloopException.notFound("No token with id '" + id + "'.");
        }
      }
      return null;
    });
  }

  private static List<Token> query(PreparedStatement select, String bind) throws SQLException {
    try (select) {
      if (bind != null) {
        select.setString(1, bind);
      }
      List<Token> tokens = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tokens.add(new Token(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
        }
      }
      return tokens;
    }
  }
}
