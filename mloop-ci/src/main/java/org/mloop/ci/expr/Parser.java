package org.mloop.ci.expr;

import java.util.ArrayList;
import java.util.List;
import org.mloop.ci.expr.Token.Type;

/**
 * Recursive descent over GitHub's grammar. Precedence, loosest first: {@code ||}, {@code &&},
 * {@code == !=}, {@code < <= > >=}, {@code !}, then property access ({@code .name}, {@code [index]},
 * {@code .*}) which applies only to contexts, function calls and parenthesised groups.
 * Binary operators of one level associate to the left ({@code 3 < 2 < 1} is {@code (3 < 2) < 1}).
 */
final class Parser {
  static final int MAX_LENGTH = 21_000;
  static final int MAX_DEPTH = 50;

  private final String expression;
  private final List<Token> tokens;
  private int current;
  private int depth;
  private final List<Node.ContextRef> contexts = new ArrayList<>();
  private boolean callsStatusFunction;

  private Parser(String expression, List<Token> tokens) {
    this.expression = expression;
    this.tokens = tokens;
  }

  /** A parsed expression with what the callers ask of it without evaluating it. */
  record Parsed(String text, Node root, List<Node.ContextRef> contexts, boolean callsStatusFunction) {}

  static Parsed parse(String expression) {
    if (expression.length() > MAX_LENGTH) {
      throw Errors.of("The expression is " + expression.length() + " characters long; GitHub allows "
          + MAX_LENGTH, expression.substring(0, 80) + "...");
    }
    Parser parser = new Parser(expression, Lexer.lex(expression));
    if (parser.peek().type() == Type.EOF) {
      throw Errors.at("Empty expression: write something between ${{ and }}", expression, 0);
    }
    Node root = parser.or();
    if (parser.peek().type() != Type.EOF) {
      throw parser.unexpected(parser.peek());
    }
    return new Parsed(expression, root, List.copyOf(parser.contexts), parser.callsStatusFunction);
  }

  private Node or() {
    enter();
    try {
      Node first = and();
      if (peek().type() != Type.OR) {
        return first;
      }
      List<Node> operands = new ArrayList<>(List.of(first));
      while (match(Type.OR)) {
        operands.add(and());
      }
      return new Node.Logical(false, List.copyOf(operands));
    } finally {
      depth--;
    }
  }

  private Node and() {
    Node first = equality();
    if (peek().type() != Type.AND) {
      return first;
    }
    List<Node> operands = new ArrayList<>(List.of(first));
    while (match(Type.AND)) {
      operands.add(equality());
    }
    return new Node.Logical(true, List.copyOf(operands));
  }

  private Node equality() {
    Node node = comparison();
    while (peek().type() == Type.EQUAL_EQUAL || peek().type() == Type.BANG_EQUAL) {
      Type operator = next().type();
      node = new Node.Compare(operator, node, comparison());
    }
    return node;
  }

  private Node comparison() {
    Node node = unary();
    while (switch (peek().type()) {
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> true;
      default -> false;
    }) {
      Type operator = next().type();
      node = new Node.Compare(operator, node, unary());
    }
    return node;
  }

  private Node unary() {
    if (match(Type.BANG)) {
      enter();
      try {
        return new Node.Not(unary());
      } finally {
        depth--;
      }
    }
    return postfix();
  }

  private Node postfix() {
    boolean accessible = peek().type() == Type.IDENTIFIER || peek().type() == Type.LEFT_PAREN;
    Node node = primary();
    if (!accessible) {
      return node;
    }
    int entered = 0;
    try {
      while (true) {
        if (match(Type.DOT)) {
          enter();
          entered++;
          Token name = next();
          if (name.type() == Type.IDENTIFIER) {
            node = new Node.Index(node, new Node.Literal(name.lexeme()));
          } else if (name.type() == Type.STAR) {
            node = new Node.Index(node, null);
          } else if (name.type() == Type.EOF) {
            throw Errors.at("Unexpected end of expression: a property name or * must follow '.'",
                expression, name.start());
          } else {
            throw Errors.at("Unexpected symbol " + name.describe() + ": a property name or * must follow '.'",
                expression, name.start());
          }
        } else if (match(Type.LEFT_BRACKET)) {
          enter();
          entered++;
          Node index = match(Type.STAR) ? null : or();
          expect(Type.RIGHT_BRACKET, "']' to close the index");
          node = new Node.Index(node, index);
        } else {
          return node;
        }
      }
    } finally {
      depth -= entered;
    }
  }

  private Node primary() {
    Token token = next();
    switch (token.type()) {
      case TRUE:
        return new Node.Literal(true);
      case FALSE:
        return new Node.Literal(false);
      case NULL:
        return new Node.Literal(null);
      case NUMBER:
      case STRING:
        return new Node.Literal(token.value());
      case LEFT_PAREN: {
        Node inner = or();
        expect(Type.RIGHT_PAREN, "')' to close the '(' at position " + (token.start() + 1));
        return inner;
      }
      case IDENTIFIER:
        return match(Type.LEFT_PAREN) ? call(token) : context(token);
      case EOF:
        throw Errors.at("Unexpected end of expression: a value is missing", expression, token.start());
      default:
        throw unexpected(token);
    }
  }

  private Node context(Token name) {
    Node.ContextRef ref = new Node.ContextRef(name.lexeme(), name.start());
    contexts.add(ref);
    return ref;
  }

  private Node call(Token name) {
    Function function = Function.named(name.lexeme());
    if (function == null) {
      throw Errors.at("Unknown function '" + name.lexeme() + "' (available: " + Function.list() + ")",
          expression, name.start());
    }
    callsStatusFunction |= function.isStatus();
    List<Node> args = new ArrayList<>();
    if (!match(Type.RIGHT_PAREN)) {
      do {
        args.add(or());
      } while (match(Type.COMMA));
      expect(Type.RIGHT_PAREN, "',' or ')' in the arguments of " + function.displayName);
    }
    if (args.size() < function.minArgs || args.size() > function.maxArgs) {
      String expected = function.minArgs == function.maxArgs ? String.valueOf(function.minArgs)
          : function.maxArgs == Integer.MAX_VALUE ? "at least " + function.minArgs
          : function.minArgs + " to " + function.maxArgs;
      throw Errors.at("Function " + function.displayName + " takes " + expected + " argument(s) but was given "
          + args.size(), expression, name.start());
    }
    return new Node.Call(function, List.copyOf(args), name.start());
  }

  private void expect(Type type, String what) {
    Token token = next();
    if (token.type() != type) {
      throw Errors.at((token.type() == Type.EOF ? "Unexpected end of expression" : "Unexpected symbol " + token.describe())
          + ": expected " + what, expression, token.start());
    }
  }

  private ExpressionException unexpected(Token token) {
    return Errors.at("Unexpected symbol " + token.describe(), expression, token.start());
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw Errors.at("The expression nests deeper than " + MAX_DEPTH + " levels", expression, peek().start());
    }
  }

  private Token peek() {
    return tokens.get(current);
  }

  private Token next() {
    Token token = tokens.get(current);
    if (token.type() != Type.EOF) {
      current++;
    }
    return token;
  }

  private boolean match(Type type) {
    if (peek().type() == type) {
      next();
      return true;
    }
    return false;
  }
}
