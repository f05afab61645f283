package org.mloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.security.SecureRandom;
import org.mloop.core.MloopException;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.store.Token;
import org.mloop.core.store.TokenSpec;
import org.mloop.core.store.TokenStore;

/** API token records; the token itself is never stored, only its sha256, with its role, scope, expiry and last use. */
final class JdbcTokenStore implements TokenStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "token_id, token_name, sha256, created_at, role, scope, expires_at, last_used_at";
  private final Database db;

  JdbcTokenStore(Database db) {
    this.db = db;
  }

  @Override
  public Token createToken(TokenSpec spec, String sha256) {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw MloopException.invalid("A token is stored by its sha256: 64 lowercase hex characters.");
    }
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    Token token = new Token(HexFormat.of().formatHex(id), spec, sha256, System.currentTimeMillis(), null);
    return db.write(c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO tokens (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
        insert.setString(1, token.id());
        insert.setString(2, token.name());
        insert.setString(3, token.sha256());
        insert.setLong(4, token.createdAt());
        insert.setString(5, token.role().wireName());
        insert.setString(6, token.scope().toString());
        if (token.expiresAt() == null) {
          insert.setNull(7, Types.BIGINT);
        } else {
          insert.setLong(7, token.expiresAt());
        }
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
    return db.read(c -> query(c.prepareStatement("SELECT " + COLUMNS + " FROM tokens WHERE sha256 = ?"), sha256)
        .stream().findFirst());
  }

  @Override
  public List<Token> listTokens() {
    return db.read(c -> query(c.prepareStatement("SELECT " + COLUMNS + " FROM tokens ORDER BY created_at, token_id"),
        null));
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

  @Override
  public void recordTokenUse(String id, long at) {
    db.write(c -> {
      Jdbc.execute(c, "UPDATE tokens SET last_used_at = ? WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
          at, id, at);
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
          TokenSpec spec = new TokenSpec(rows.getString(2), Role.parse(rows.getString(5)), Scope.parse(rows.getString(6)),
              nullableLong(rows, 7));
          tokens.add(new Token(rows.getString(1), spec, rows.getString(3), rows.getLong(4), nullableLong(rows, 8)));
        }
      }
      return tokens;
    }
  }

  private static Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
