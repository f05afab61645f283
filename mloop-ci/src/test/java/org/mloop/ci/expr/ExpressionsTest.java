package org.mloop.ci.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GitHub's expression language, checked against the examples and rules of GitHub's documentation. */
class ExpressionsTest {
  static final Contexts CONTEXTS = Contexts.of(Map.of(
      "github", map(
          "event_name", "push",
          "ref", "refs/heads/main",
          "workspace", "",
          "event", map(
              "commits", List.of(map("message", "Train with reg 0.01", "id", "a1"), map("message", "Fix README", "id", "b2")),
              "issue", map("labels", List.of(map("name", "bug"), map("name", "ui"))),
              "pull_request", map("draft", false, "number", 42))),
      "env", map("REG_RATE", "0.01", "COUNT", 3, "Mixed_Case", "yes"),
      "inputs", map("deploy", true, "tag", ""),
      "steps", map("gate", map("outputs", map("passed", "true", "score", "0.91"), "outcome", "success")),
      "needs", map("production", map("result", "success", "outputs", map("version", "7"))),
      "obj", map("a", map("b", 1.5), "list", List.of(1, 2, 3), "empty", List.of())));

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // literals (GitHub's "Example of literals")
        Arguments.of("null", null),
        Arguments.of("false", false),
        Arguments.of("711", 711.0),
        Arguments.of("-9.2", -9.2),
        Arguments.of("0xff", 255.0),
        Arguments.of("-2.99e-2", -0.0299),
        Arguments.of("1.2E+2", 120.0),
        Arguments.of(".5", 0.5),
        Arguments.of("0o10", 8.0),
        Arguments.of("'It''s open source!'", "It's open source!"),
        Arguments.of("''''''", "''"),
        // loose equality and coercion
        Arguments.of("'' == 0", true),
        Arguments.of("null == 0", true),
        Arguments.of("null == ''", true),
        Arguments.of("null == false", true),
        Arguments.of("1 == '1'", true),
        Arguments.of("1 == ' 1 '", true),
        Arguments.of("'0xff' == 255", true),
        Arguments.of("true == 1", true),
        Arguments.of("true == '1'", true),
        Arguments.of("true == 'true'", false),
        Arguments.of("'abc' == 'ABC'", true),
        Arguments.of("'abc' != 'ABC'", false),
        Arguments.of("'abc' == 1", false),
        Arguments.of("NaN == NaN", false),
        Arguments.of("-0 == 0", true),
        Arguments.of("github.event == github.event", true),
        Arguments.of("obj.list == obj.list", true),
        Arguments.of("obj.list == 'Array'", false),
        // ordering
        Arguments.of("'abc' < 'def'", true),
        Arguments.of("'ABC' < 'abd'", true),
        Arguments.of("'b' < 'a'", false),
        Arguments.of("1.001 < 1.002", true),
        Arguments.of("false < true", true),
        Arguments.of("'a' > 1", false),
        Arguments.of("'a' < 1", false),
        Arguments.of("2 >= 2", true),
        Arguments.of("obj.list < obj.list", false),
        Arguments.of("env.COUNT > 2", true),
        Arguments.of("steps.gate.outputs.score >= 0.9", true),
        // precedence and associativity
        Arguments.of("!2 < 3", true),
        Arguments.of("!(2 < 3)", false),
        Arguments.of("3 < 2 < 1", true),
        Arguments.of("3 < (2 < 1)", false),
        Arguments.of("2 <= 3 == true", true),
        Arguments.of("2 == 2 == 1", true),
        Arguments.of("1 == 1 && 2", 2.0),
        Arguments.of("1 == (1 && 2)", false),
        Arguments.of("'a' == 'a' && 'b'", "b"),
        Arguments.of("false && 0 || null", null),
        Arguments.of("false && (0 || null)", false),
        Arguments.of("1 || 2 && 3", 1.0),
        Arguments.of("(1 || 2) && 3", 3.0),
        Arguments.of("!obj.a.b", false),
        Arguments.of("(!obj).a", null),
        Arguments.of("!''", true),
        Arguments.of("!NaN", true),
        Arguments.of("!-0", true),
        Arguments.of("!obj.empty", false),
        // property dereference, case-insensitive names, missing properties
        Arguments.of("github.event_name", "push"),
        Arguments.of("GitHub.Event_Name", "push"),
        Arguments.of("env.mixed_case", "yes"),
        Arguments.of("github['event_name']", "push"),
        Arguments.of("github['EVENT_NAME']", "push"),
        Arguments.of("obj['a']['b']", 1.5),
        Arguments.of("obj.list[1]", 2.0),
        Arguments.of("obj.list['2']", 3.0),
        Arguments.of("obj.list[1.7]", 2.0),
        Arguments.of("obj.list[3]", null),
        Arguments.of("obj.list[-1]", null),
        Arguments.of("github.nothing", null),
        Arguments.of("github.nothing.deeper", null),
        Arguments.of("github.event_name.length", null),
        Arguments.of("needs.production.outputs.version", "7"),
        Arguments.of("matrix.os", null),
        Arguments.of("github.event.pull_request.number == 42", true),
        // object filters
        Arguments.of("github.event.commits.*.message", List.of("Train with reg 0.01", "Fix README")),
        Arguments.of("github.event.commits[*].id", List.of("a1", "b2")),
        Arguments.of("github.event.issue.labels.*.name", List.of("bug", "ui")),
        Arguments.of("github.event.commits.*.missing", List.of()),
        Arguments.of("github.event.commits.*.message[0]", List.of()),
        Arguments.of("github.event_name.*", List.of()),
        Arguments.of("github.event.commits.*.*", List.of("Train with reg 0.01", "a1", "Fix README", "b2")),
        // functions
        Arguments.of("contains('Hello world', 'llo')", true),
        Arguments.of("contains('Hello world', 'LLO')", true),
        Arguments.of("contains('Hello world', 'xyz')", false),
        Arguments.of("contains(github.event.issue.labels.*.name, 'bug')", true),
        Arguments.of("contains(github.event.issue.labels.*.name, 'BUG')", true),
        Arguments.of("contains(github.event.issue.labels.*.name, 'docs')", false),
        Arguments.of("contains(fromJSON('[\"push\", \"pull_request\"]'), github.event_name)", true),
        Arguments.of("contains(obj.list, '2')", true),
        Arguments.of("contains(obj, 'a')", false),
        Arguments.of("contains(123, 2)", true),
        Arguments.of("startsWith('Hello world', 'he')", true),
        Arguments.of("startsWith(github.ref, 'refs/heads/')", true),
        Arguments.of("endsWith('Hello world', 'ORLD')", true),
        Arguments.of("endsWith('Hello world', 'hello')", false),
        Arguments.of("format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat')", "Hello Mona the Octocat"),
        Arguments.of("format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat')", "{Hello Mona the Octocat!}"),
        Arguments.of("format('{{0}} {0}', 1)", "{0} 1"),
        Arguments.of("format('{0}{0}', 0.5)", "0.50.5"),
        Arguments.of("format('{0}|{1}|{2}|{3}', null, true, 3.0, 1.2e-2)", "|true|3|0.012"),
        Arguments.of("format('{0} {1}', obj, obj.list)", "Object Array"),
        Arguments.of("format('{0}', 0.84551240822557006)", "0.84551240822557"),
        Arguments.of("format('{0}', -0.0)", "0"),
        Arguments.of("format('{0}', Infinity)", "Infinity"),
        Arguments.of("join(github.event.issue.labels.*.name, ', ')", "bug, ui"),
        Arguments.of("join(obj.list)", "1,2,3"),
        Arguments.of("join('abc', '-')", "abc"),
        Arguments.of("join(obj)", ""),
        Arguments.of("toJSON(null)", "null"),
        Arguments.of("toJSON(-0)", "0"),
        Arguments.of("toJSON(1234.5)", "1234.5"),
        Arguments.of("toJSON('abc''def')", "\"abc'def\""),
        Arguments.of("toJSON(obj.list)", "[\n  1,\n  2,\n  3\n]"),
        Arguments.of("toJSON(obj.empty)", "[]"),
        Arguments.of("toJSON(obj.a)", "{\n  \"b\": 1.5\n}"),
        Arguments.of("toJSON(needs)", "{\n  \"production\": {\n    \"result\": \"success\",\n    \"outputs\": {\n"
            + "      \"version\": \"7\"\n    }\n  }\n}"),
        Arguments.of("fromJSON('{\"a\":1}').a", 1.0),
        Arguments.of("fromJSON('{\"a\":{\"b\":[true,null]}}').A.B[0]", true),
        Arguments.of("fromJSON(steps.gate.outputs.passed)", true),
        Arguments.of("fromJSON('0.25') < 0.5", true),
        Arguments.of("fromJSON('[1,\"x\"]')", List.of(1.0, "x")),
        Arguments.of("toJSON(fromJSON('{\"x\": [1, 2.5, {}]}'))", "{\n  \"x\": [\n    1,\n    2.5,\n    {}\n  ]\n}"),
        Arguments.of("FORMAT('{0}', 'case-insensitive names')", "case-insensitive names"),
        Arguments.of("success()", true),
        Arguments.of("failure()", false),
        Arguments.of("always()", true),
        Arguments.of("cancelled()", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void evaluatesAsGitHubDoes(String expression, Object expected) {
    assertThat(Expressions.evaluate(expression, CONTEXTS)).isEqualTo(expected);
  }

  @Test
  void functionsOfTheSameTypeAreNumbersAsDoubles() {
    assertThat(Expressions.evaluate("env.COUNT", CONTEXTS)).isEqualTo(3.0);
    assertThat(Expressions.evaluate("obj.list[0]", CONTEXTS)).isInstanceOf(Double.class);
  }

  @Test
  void aContextThatIsPresentButNullReadsAsNull() {
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("inputs", null);
    assertThat(Expressions.evaluate("inputs.tag", Contexts.of(values))).isNull();
  }

  @Nested
  class Interpolation {
    @Test
    void replacesEveryExpressionWithItsStringForm() {
      String text = "java -jar model.jar --reg_rate ${{ env.REG_RATE }} --n ${{env.COUNT}} --x ${{ null }}"
          + " --deploy ${{ inputs.deploy }} --half ${{ 0.5 }}";
      assertThat(Expressions.interpolate(text, CONTEXTS))
          .isEqualTo("java -jar model.jar --reg_rate 0.01 --n 3 --x  --deploy true --half 0.5");
    }

    @Test
    void writesObjectsAndArraysAsJson() {
      assertThat(Expressions.interpolate("labels=${{ github.event.issue.labels.*.name }}", CONTEXTS))
          .isEqualTo("labels=[\n  \"bug\",\n  \"ui\"\n]");
      assertThat(Expressions.interpolate("${{ obj.a }}", CONTEXTS)).isEqualTo("{\n  \"b\": 1.5\n}");
    }

    @Test
    void closingBracesInsideStringLiteralsDoNotEndTheExpression() {
      assertThat(Expressions.interpolate("a ${{ format('{{0}} }}{0}', 'x') }} b", CONTEXTS)).isEqualTo("a {0} }x b");
      assertThat(Expressions.interpolate("${{ 'it''s }}' }}${{ '}}' }}", CONTEXTS)).isEqualTo("it's }}}}");
    }

    @Test
    void textWithoutExpressionsIsUnchanged() {
      assertThat(Expressions.interpolate("echo {{ not an expression }} $HOME", CONTEXTS))
          .isEqualTo("echo {{ not an expression }} $HOME");
      assertThat(Expressions.interpolate("", CONTEXTS)).isEmpty();
    }

    @Test
    void resolveKeepsTheTypeOfAWholeExpression() {
      assertThat(Expressions.resolve("${{ env.COUNT }}", CONTEXTS)).isEqualTo(3.0);
      assertThat(Expressions.resolve(" ${{ inputs.deploy }} ", CONTEXTS)).isEqualTo(" true ");
      assertThat(Expressions.resolve("${{ inputs.deploy }}", CONTEXTS)).isEqualTo(true);
      assertThat(Expressions.resolve("plain", CONTEXTS)).isEqualTo("plain");
    }
  }

  @Nested
  class Conditions {
    final Contexts ok = CONTEXTS;
    final Contexts failed = CONTEXTS.withStatus(true, false);
    final Contexts cancelled = CONTEXTS.withStatus(false, true);

    @Test
    void aConditionWithoutStatusFunctionRunsOnlyAfterSuccess() {
      assertThat(Expressions.condition("github.event_name == 'push'", ok)).isTrue();
      assertThat(Expressions.condition("github.event_name == 'push'", failed)).isFalse();
      assertThat(Expressions.condition("github.event_name == 'push'", cancelled)).isFalse();
      assertThat(Expressions.condition("github.event_name == 'pull_request'", ok)).isFalse();
    }

    @Test
    void mayBeWrappedInExpressionSyntax() {
      assertThat(Expressions.condition("${{ github.event_name == 'push' }}", ok)).isTrue();
      assertThat(Expressions.condition("  ${{ startsWith(github.ref, 'refs/tags/') }} ", ok)).isFalse();
    }

    @Test
    void missingConditionMeansSuccess() {
      assertThat(Expressions.condition(null, ok)).isTrue();
      assertThat(Expressions.condition("  ", failed)).isFalse();
    }

    @Test
    void statusFunctionsReplaceTheImplicitSuccess() {
      assertThat(Expressions.condition("failure()", failed)).isTrue();
      assertThat(Expressions.condition("failure()", ok)).isFalse();
      assertThat(Expressions.condition("failure()", cancelled)).isFalse();
      assertThat(Expressions.condition("always()", failed)).isTrue();
      assertThat(Expressions.condition("${{ always() && github.event_name == 'push' }}", cancelled)).isTrue();
      assertThat(Expressions.condition("cancelled()", cancelled)).isTrue();
      assertThat(Expressions.condition("!cancelled()", failed)).isTrue();
      assertThat(Expressions.condition("success() || failure()", failed)).isTrue();
      assertThat(Expressions.condition("Success()", failed)).isFalse();
    }

    @Test
    void truthinessDecides() {
      assertThat(Expressions.condition("inputs.tag", ok)).isFalse();
      assertThat(Expressions.condition("inputs.deploy", ok)).isTrue();
      assertThat(Expressions.condition("0", ok)).isFalse();
      assertThat(Expressions.condition("-0", ok)).isFalse();
      assertThat(Expressions.condition("NaN", ok)).isFalse();
      assertThat(Expressions.condition("null", ok)).isFalse();
      assertThat(Expressions.condition("'false'", ok)).isTrue();
      assertThat(Expressions.condition("obj.empty", ok)).isTrue();
      assertThat(Expressions.condition("steps.gate.outputs.passed == 'true'", ok)).isTrue();
    }

    @Test
    void checkConditionAcceptsBareAndWrappedForms() {
      Expressions.checkCondition("github.ref == 'refs/heads/main'");
      Expressions.checkCondition("${{ failure() }}");
      Expressions.checkCondition(null);
      assertThatThrownBy(() -> Expressions.checkCondition("github.ref = 'main'"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("'=' is not an operator; compare with '=='")
          .hasMessageContaining("position 12");
    }
  }

  @Nested
  class Errors {
    @Test
    void danglingDotNamesTheExpressionAndPosition() {
      assertThatThrownBy(() -> Expressions.check("run: echo ${{ github. }}"))
          .isInstanceOf(ExpressionException.class)
          .hasMessage("Unexpected end of expression: a property name or * must follow '.' at position 8"
              + " within expression: github.")
          .satisfies(e -> {
            ExpressionException x = (ExpressionException) e;
            assertThat(x.expression()).isEqualTo("github.");
            assertThat(x.position()).isEqualTo(8);
            assertThat(x.textIndex()).isEqualTo("run: echo ${{ github.".length());
          });
    }

    @Test
    void unknownFunctionIsNamedWithTheAvailableOnes() {
      assertThatThrownBy(() -> Expressions.check("${{ containz(github.ref, 'main') }}"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageStartingWith("Unknown function 'containz' (available: contains, startsWith")
          .hasMessageContaining("at position 1 within expression: containz(github.ref, 'main')");
    }

    @Test
    void unknownContextIsReportedByCheckAndByEvaluation() {
      assertThatThrownBy(() -> Expressions.check("${{ secret.TOKEN }}"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageStartingWith("Unknown context 'secret' (known: github, env, vars, secrets");
      assertThatThrownBy(() -> Expressions.evaluate("secret.TOKEN", CONTEXTS))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("Unknown context 'secret'");
    }

    @Test
    void unterminatedStringInsideATemplate() {
      assertThatThrownBy(() -> Expressions.check("echo ${{ 'abc }}"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageStartingWith("Unterminated string literal starting at position 5 of ${{ 'abc }}")
          .satisfies(e -> assertThat(((ExpressionException) e).textIndex()).isEqualTo(9));
    }

    @Test
    void unterminatedStringInAnExpression() {
      assertThatThrownBy(() -> Expressions.evaluate("format('abc", CONTEXTS))
          .isInstanceOf(ExpressionException.class)
          .hasMessageStartingWith("Unterminated string literal 'abc")
          .hasMessageContaining("at position 8 within expression: format('abc");
    }

    @Test
    void unclosedExpression() {
      assertThatThrownBy(() -> Expressions.interpolate("line one\n${{ github.ref", CONTEXTS))
          .isInstanceOf(ExpressionException.class)
          .hasMessage("The expression opened at '${{ github.ref' is not closed with }}")
          .satisfies(e -> assertThat(((ExpressionException) e).textIndex()).isEqualTo(9));
    }

    @Test
    void syntaxMistakes() {
      assertThatThrownBy(() -> Expressions.evaluate("\"abc\" == 'abc'", CONTEXTS))
          .hasMessageStartingWith("Strings are written in single quotes");
      assertThatThrownBy(() -> Expressions.evaluate("github.ref == ", CONTEXTS))
          .hasMessageStartingWith("Unexpected end of expression: a value is missing");
      assertThatThrownBy(() -> Expressions.evaluate("(1 == 1", CONTEXTS))
          .hasMessageStartingWith("Unexpected end of expression: expected ')' to close the '(' at position 1");
      assertThatThrownBy(() -> Expressions.evaluate("1 2", CONTEXTS))
          .hasMessage("Unexpected symbol '2' at position 3 within expression: 1 2");
      assertThatThrownBy(() -> Expressions.evaluate("github.ref & 1", CONTEXTS))
          .hasMessageStartingWith("'&' is not an operator; use '&&'");
      assertThatThrownBy(() -> Expressions.evaluate("'abc'.length", CONTEXTS))
          .hasMessageStartingWith("Unexpected symbol '.length'");
      assertThatThrownBy(() -> Expressions.check("${{ }}"))
          .hasMessageStartingWith("Empty expression");
      assertThatThrownBy(() -> Expressions.evaluate("1.2.3", CONTEXTS))
          .hasMessageStartingWith("Unexpected symbol '1.2.3' (not a number)");
    }

    @Test
    void wrongArgumentCounts() {
      assertThatThrownBy(() -> Expressions.check("${{ contains('a') }}"))
          .hasMessageStartingWith("Function contains takes 2 argument(s) but was given 1");
      assertThatThrownBy(() -> Expressions.check("${{ success(1) }}"))
          .hasMessageStartingWith("Function success takes 0 argument(s) but was given 1");
      assertThatThrownBy(() -> Expressions.check("${{ join() }}"))
          .hasMessageStartingWith("Function join takes 1 to 2 argument(s) but was given 0");
    }

    @Test
    void badFormatStringsAndJson() {
      assertThatThrownBy(() -> Expressions.evaluate("format('{0}{1}', 'abc')", CONTEXTS))
          .hasMessageStartingWith("The format string '{0}{1}' references {1} but only 1 argument(s) follow it");
      assertThatThrownBy(() -> Expressions.evaluate("format('{0}}', '')", CONTEXTS))
          .hasMessageStartingWith("The format string '{0}}' is invalid");
      assertThatThrownBy(() -> Expressions.evaluate("format('}{0}', '')", CONTEXTS))
          .hasMessageStartingWith("The format string '}{0}' is invalid");
      assertThatThrownBy(() -> Expressions.evaluate("fromJSON('{a:')", CONTEXTS))
          .hasMessageStartingWith("fromJSON cannot parse '{a:'");
      assertThatThrownBy(() -> Expressions.evaluate("fromJSON('')", CONTEXTS))
          .hasMessageStartingWith("fromJSON needs JSON text but got an empty string");
    }

    @Test
    void deeplyNestedExpressionsAreRefused() {
      String deep = "(".repeat(60) + "1" + ")".repeat(60);
      assertThatThrownBy(() -> Expressions.check("${{ " + deep + " }}"))
          .hasMessageStartingWith("The expression nests deeper than 50 levels");
    }

    @Test
    void checkAcceptsEveryValidExpressionOfAText() {
      Expressions.check("""
          java -jar target/diabetes-model.jar --training_data ${{ inputs.training_data }}
            --reg_rate ${{ inputs.reg_rate }} --label ${{ format('{0}-{1}', github.run_id, matrix.os) }}
            ${{ secrets.MLOOP_TOKEN }} ${{ vars.X }} ${{ needs.a.outputs.b }} ${{ runner.os }} ${{ job.status }}
          """);
    }
  }
}
