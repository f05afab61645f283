package org.mloop.ci.expr;

/** One lexical token of an expression; {@code start} is its 0-based offset in the expression. */
record Token(Type type, String lexeme, Object value, int start) {
  enum Type {
    LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT,
    BANG, BANG_EQUAL, EQUAL_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, AND, OR,
    STAR, NUMBER, STRING, IDENTIFIER, TRUE, FALSE, NULL, EOF
  }

  String describe() {
    return type == Type.EOF ? "the end of the expression" : "'" + lexeme + "'";
  }
}
