package org.mloop.ci.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The built-in functions, matched case-insensitively by name, with their argument counts checked when parsing. */
enum Function {
  CONTAINS("contains", 2, 2) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      Object search = args.get(0);
      Object item = args.get(1);
      if (search instanceof List<?> list) {
        for (Object element : list) {
          if (Values.looseEquals(item, Values.normalize(element))) {
            return true;
          }
        }
        return false;
      }
      if (Values.isPrimitive(search) && Values.isPrimitive(item)) {
        return Values.fold(Values.coerceString(search)).contains(Values.fold(Values.coerceString(item)));
      }
      return false;
    }
  },
  STARTS_WITH("startsWith", 2, 2) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      if (!Values.isPrimitive(args.get(0)) || !Values.isPrimitive(args.get(1))) {
        return false;
      }
      return Values.fold(Values.coerceString(args.get(0))).startsWith(Values.fold(Values.coerceString(args.get(1))));
    }
  },
  ENDS_WITH("endsWith", 2, 2) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      if (!Values.isPrimitive(args.get(0)) || !Values.isPrimitive(args.get(1))) {
        return false;
      }
      return Values.fold(Values.coerceString(args.get(0))).endsWith(Values.fold(Values.coerceString(args.get(1))));
    }
  },
  FORMAT("format", 1, Integer.MAX_VALUE) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      return Format.format(Values.coerceString(args.get(0)), args.subList(1, args.size()), scope.expression());
    }
  },
  JOIN("join", 1, 2) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      Object value = args.get(0);
      if (value instanceof List<?> list) {
        String separator = args.size() > 1 && Values.isPrimitive(args.get(1)) ? Values.coerceString(args.get(1)) : ",";
        return list.stream().map(item -> Values.coerceString(Values.normalize(item))).collect(Collectors.joining(separator));
      }
      return Values.isPrimitive(value) ? Values.coerceString(value) : "";
    }
  },
  TO_JSON("toJSON", 1, 1) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      return JsonText.write(args.get(0));
    }
  },
  FROM_JSON("fromJSON", 1, 1) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      String text = Values.coerceString(args.get(0));
      if (text.isBlank()) {
        throw Errors.at("fromJSON needs JSON text but got an empty string", scope.expression(), call.start());
      }
      try {
        return JsonText.read(text);
      } catch (JsonProcessingException e) {
        throw Errors.at("fromJSON cannot parse " + abbreviate(text) + ": " + e.getOriginalMessage(),
            scope.expression(), call.start());
      }
    }
  },
  HASH_FILES("hashFiles", 1, Integer.MAX_VALUE) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      List<String> patterns = new ArrayList<>();
      args.forEach(arg -> patterns.add(Values.coerceString(arg)));
      return HashFiles.hash(scope, call, patterns);
    }
  },
  SUCCESS("success", 0, 0) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      return scope.contexts().succeeded();
    }
  },
  FAILURE("failure", 0, 0) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      // A cancelled run is not a failed one: on GitHub, failure() steps do not run after a cancellation.
      return scope.contexts().failed() && !scope.contexts().cancelled();
    }
  },
  ALWAYS("always", 0, 0) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      return true;
    }
  },
  CANCELLED("cancelled", 0, 0) {
    @Override
    Object apply(List<Object> args, Node.Scope scope, Node.Call call) {
      return scope.contexts().cancelled();
    }
  };

  final String displayName;
  final int minArgs;
  final int maxArgs;

  Function(String displayName, int minArgs, int maxArgs) {
    this.displayName = displayName;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
  }

  abstract Object apply(List<Object> args, Node.Scope scope, Node.Call call);

  Object call(Node.Call call, Node.Scope scope) {
    List<Object> args = new ArrayList<>(call.args().size());
    for (Node arg : call.args()) {
      args.add(arg.eval(scope));
    }
    return apply(args, scope, call);
  }

  boolean isStatus() {
    return this == SUCCESS || this == FAILURE || this == ALWAYS || this == CANCELLED;
  }

  static Function named(String name) {
    for (Function f : values()) {
      if (f.displayName.equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  static String list() {
    List<String> names = new ArrayList<>();
    for (Function f : values()) {
      names.add(f.displayName);
    }
    return String.join(", ", names);
  }

  private static String abbreviate(String text) {
    String oneLine = text.replace('\n', ' ');
    return "'" + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine) + "'";
  }

  @Override
  public String toString() {
    return displayName.toLowerCase(Locale.ROOT);
  }
}
