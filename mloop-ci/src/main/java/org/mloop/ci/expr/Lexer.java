package org.mloop.ci.expr;

import java.util.ArrayList;
import java.util.List;
import org.mloop.ci.expr.Token.Type;

/**
 * Splits an expression into tokens the way GitHub's lexer does: a number runs until a boundary
 * character (so {@code 0xff}, {@code -2.99e-2} and {@code .5} are single tokens), strings are single-quoted
 * with {@code ''} for a quote, and {@code true}/{@code false}/{@code null} are keywords except right after a dot.
 */
final class Lexer {
  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int start;
  private int offset;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> lex(String input) {
    Lexer lexer = new Lexer(input);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (offset < input.length()) {
      start = offset;
      char c = input.charAt(offset++);
      switch (c) {
        case '(' -> add(Type.LEFT_PAREN, null);
        case ')' -> add(Type.RIGHT_PAREN, null);
        case '[' -> add(Type.LEFT_BRACKET, null);
        case ']' -> add(Type.RIGHT_BRACKET, null);
        case ',' -> add(Type.COMMA, null);
        case '*' -> add(Type.STAR, null);
        case '.' -> {
          Type previous = previous();
          if (previous == Type.IDENTIFIER || previous == Type.RIGHT_BRACKET
              || previous == Type.RIGHT_PAREN || previous == Type.STAR) {
            add(Type.DOT, null);
          } else {
            number();
          }
        }
        case '-', '+' -> number();
        case '!' -> add(match('=') ? Type.BANG_EQUAL : Type.BANG, null);
        case '<' -> add(match('=') ? Type.LESS_EQUAL : Type.LESS, null);
        case '>' -> add(match('=') ? Type.GREATER_EQUAL : Type.GREATER, null);
        case '=' -> twice('=', Type.EQUAL_EQUAL, "'=' is not an operator; compare with '=='");
        case '&' -> twice('&', Type.AND, "'&' is not an operator; use '&&'");
        case '|' -> twice('|', Type.OR, "'|' is not an operator; use '||'");
        case '\'' -> string();
        case '"' -> throw Errors.at("Strings are written in single quotes ('like this'), not double quotes",
            input, start);
        default -> {
          if (Character.isWhitespace(c)) {
            continue;
          }
          if (c >= '0' && c <= '9') {
            number();
          } else {
            identifier();
          }
        }
      }
    }
    tokens.add(new Token(Type.EOF, "", null, input.length()));
  }

  private void twice(char expected, Type type, String otherwise) {
    if (!match(expected)) {
      throw Errors.at(otherwise, input, start);
    }
    add(type, null);
  }

  private void number() {
    while (offset < input.length() && (!isBoundary(input.charAt(offset)) || input.charAt(offset) == '.')) {
      offset++;
    }
    String lexeme = input.substring(start, offset);
    double value = Values.parseNumber(lexeme);
    if (Double.isNaN(value)) {
      throw Errors.at("Unexpected symbol '" + lexeme + "' (not a number)", input, start);
    }
    add(Type.NUMBER, value);
  }

  private void string() {
    StringBuilder value = new StringBuilder();
    while (true) {
      if (offset >= input.length()) {
        throw Errors.at("Unterminated string literal " + input.substring(start)
            + " (strings end with ' and a quote inside is written '')", input, start);
      }
      char c = input.charAt(offset++);
      if (c == '\'') {
        if (offset < input.length() && input.charAt(offset) == '\'') {
          offset++;
        } else {
          break;
        }
      }
      value.append(c);
    }
    add(Type.STRING, value.toString());
  }

  private void identifier() {
    while (offset < input.length() && !isBoundary(input.charAt(offset))) {
      offset++;
    }
    String lexeme = input.substring(start, offset);
    if (!isLegalIdentifier(lexeme)) {
      throw Errors.at("Unexpected symbol '" + lexeme + "'", input, start);
    }
    Type type = Type.IDENTIFIER;
    Object value = null;
    if (previous() != Type.DOT) {
      switch (lexeme) {
        case "true" -> type = Type.TRUE;
        case "false" -> type = Type.FALSE;
        case "null" -> type = Type.NULL;
        case "NaN" -> {
          type = Type.NUMBER;
          value = Double.NaN;
        }
        case "Infinity" -> {
          type = Type.NUMBER;
          value = Double.POSITIVE_INFINITY;
        }
        default -> { }
      }
    }
    add(type, value);
  }

  private boolean match(char expected) {
    if (offset < input.length() && input.charAt(offset) == expected) {
      offset++;
      return true;
    }
    return false;
  }

  private Type previous() {
    return tokens.isEmpty() ? Type.EOF : tokens.get(tokens.size() - 1).type();
  }

  private void add(Type type, Object value) {
    tokens.add(new Token(type, input.substring(start, offset), value, start));
  }

  private static boolean isBoundary(char c) {
    return switch (c) {
      case '(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|' -> true;
      default -> Character.isWhitespace(c);
    };
  }

  private static boolean isLegalIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
