package org.mloop.ci.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A parsed expression; immutable, so one tree is shared by every thread that evaluates it. */
sealed interface Node {
  Object eval(Scope scope);

  /** What evaluation needs: the contexts, and the expression text for error messages. */
  record Scope(Contexts contexts, String expression) {}

  record Literal(Object value) implements Node {
    @Override
    public Object eval(Scope scope) {
      return value;
    }
  }

  record ContextRef(String name, int start) implements Node {
    @Override
    public Object eval(Scope scope) {
      Map<String, Object> values = scope.contexts().values();
      if (values.containsKey(name)) {
        return Values.normalize(values.get(name));
      }
      for (Map.Entry<String, Object> entry : values.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return Values.normalize(entry.getValue());
        }
      }
      if (KnownContexts.isKnown(name)) {
        return null; // a context this run does not fill (say, matrix) reads as empty, as on GitHub
      }
      throw Errors.at("Unknown context '" + name + "' (known: " + KnownContexts.list() + ")", scope.expression(), start);
    }
  }

  /** {@code a.b}, {@code a['b']}, {@code a[0]}; {@code index == null} is the filter {@code a.*} / {@code a[*]}. */
  record Index(Node target, Node index) implements Node {
    @Override
    public Object eval(Scope scope) {
      Object key = index == null ? null : index.eval(scope);
      Object value = target.eval(scope);
      if (value instanceof Filtered filtered) {
        return filter(filtered, key);
      }
      if (value instanceof List<?> list) {
        if (index == null) {
          return new Filtered(Values.normalizedElements(list));
        }
        Integer i = position(key);
        return i != null && i < list.size() ? Values.normalize(list.get(i)) : null;
      }
      if (value instanceof Map<?, ?> map) {
        if (index == null) {
          return new Filtered(Values.normalizedElements(new ArrayList<>(map.values())));
        }
        return Values.isPrimitive(key) ? Values.property(map, Values.coerceString(key)) : null;
      }
      return index == null ? new Filtered(List.of()) : null;
    }

    /** Applies an index to every item a filter produced: properties of objects, elements of arrays. */
    private Object filter(Filtered items, Object key) {
      List<Object> result = new ArrayList<>();
      for (Object item : items) {
        if (item instanceof Map<?, ?> map) {
          if (index == null) {
            result.addAll(Values.normalizedElements(new ArrayList<>(map.values())));
          } else if (Values.isPrimitive(key)) {
            String name = Values.coerceString(key);
            if (hasProperty(map, name)) {
              result.add(Values.property(map, name));
            }
          }
        } else if (item instanceof List<?> list) {
          if (index == null) {
            result.addAll(Values.normalizedElements(list));
          } else {
            Integer i = position(key);
            if (i != null && i < list.size()) {
              result.add(Values.normalize(list.get(i)));
            }
          }
        }
      }
      return new Filtered(result);
    }

    private static boolean hasProperty(Map<?, ?> map, String name) {
      return map.keySet().stream().anyMatch(k -> k != null && k.toString().equalsIgnoreCase(name));
    }

    private static Integer position(Object key) {
      double d = Values.toNumber(key);
      return Double.isNaN(d) || Double.isInfinite(d) || d < 0 ? null : (int) Math.min(Math.floor(d), Integer.MAX_VALUE);
    }
  }

  record Not(Node operand) implements Node {
    @Override
    public Object eval(Scope scope) {
      return !Values.truthy(operand.eval(scope));
    }
  }

  record Compare(Token.Type operator, Node left, Node right) implements Node {
    @Override
    public Object eval(Scope scope) {
      Object l = left.eval(scope);
      Object r = right.eval(scope);
      return switch (operator) {
        case EQUAL_EQUAL -> Values.looseEquals(l, r);
        case BANG_EQUAL -> !Values.looseEquals(l, r);
        case LESS -> less(l, r);
        case LESS_EQUAL -> Values.looseEquals(l, r) || less(l, r);
        case GREATER -> less(r, l);
        case GREATER_EQUAL -> Values.looseEquals(l, r) || less(r, l);
        default -> throw new IllegalStateException("not a comparison: " + operator);
      };
    }

    private static boolean less(Object l, Object r) {
      Integer order = Values.order(l, r);
      return order != null && order < 0;
    }
  }

  /** {@code &&} and {@code ||} return the deciding operand itself, not a boolean (as JavaScript does). */
  record Logical(boolean and, List<Node> operands) implements Node {
    @Override
    public Object eval(Scope scope) {
      Object result = null;
      for (Node operand : operands) {
        result = operand.eval(scope);
        if (and != Values.truthy(result)) {
          break;
        }
      }
      return result;
    }
  }

  record Call(Function function, List<Node> args, int start) implements Node {
    @Override
    public Object eval(Scope scope) {
      return function.call(this, scope);
    }
  }

  /** The array an object filter ({@code .*}) yields; indexing it again maps over its items. */
  final class Filtered extends ArrayList<Object> {
    Filtered(List<Object> items) {
      super(items);
    }
  }
}
