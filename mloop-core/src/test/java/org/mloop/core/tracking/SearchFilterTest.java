package org.mloop.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.tracking.SearchFilter.Clause;
import org.mloop.core.tracking.SearchFilter.Comparator;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.ListLiteral;
import org.mloop.core.tracking.SearchFilter.NumberLiteral;
import org.mloop.core.tracking.SearchFilter.StringLiteral;

class SearchFilterTest {

  private static Clause only(String filter) {
    List<Clause> clauses = SearchFilter.parseRuns(filter).clauses();
    assertThat(clauses).hasSize(1);
    return clauses.get(0);
  }

  private static void rejects(String filter, String... fragments) {
    assertThatThrownBy(() -> SearchFilter.parseRuns(filter))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContainingAll(fragments);
  }

  @Test
  void blankOrNullFilterHasNoClauses() {
    assertThat(SearchFilter.parseRuns(null).isEmpty()).isTrue();
    assertThat(SearchFilter.parseRuns("   ").isEmpty()).isTrue();
  }

  @Test
  void metricComparisonWithEveryNumericComparator() {
    assertThat(only("metrics.AUC > 0.8")).isEqualTo(new Clause(Kind.METRIC, "AUC", Comparator.GT, new NumberLiteral(0.8)));
    assertThat(only("metrics.AUC >= 1").comparator()).isEqualTo(Comparator.GE);
    assertThat(only("metrics.AUC < -2.5e-3").value()).isEqualTo(new NumberLiteral(-0.0025));
    assertThat(only("metrics.AUC <= .5").comparator()).isEqualTo(Comparator.LE);
    assertThat(only("metrics.AUC = 1").comparator()).isEqualTo(Comparator.EQ);
    assertThat(only("metrics.AUC != 1").comparator()).isEqualTo(Comparator.NE);
    assertThat(only("metric.loss<-1").value()).isEqualTo(new NumberLiteral(-1));
  }

  @Test
  void paramsAndTagsCompareWithQuotedStrings() {
    assertThat(only("params.reg_rate = '0.01'"))
        .isEqualTo(new Clause(Kind.PARAM, "reg_rate", Comparator.EQ, new StringLiteral("0.01")));
    assertThat(only("parameters.solver != \"lbfgs\"").comparator()).isEqualTo(Comparator.NE);
    assertThat(only("tags.team LIKE 'data%'").comparator()).isEqualTo(Comparator.LIKE);
    assertThat(only("tag.team ilike 'DATA%'").comparator()).isEqualTo(Comparator.ILIKE);
    assertThat(only("params.a = 'it''s'").stringValue()).isEqualTo("it's");
  }

  @Test
  void quotedAndBacktickedKeys() {
    assertThat(only("tags.\"mlflow.runName\" = 'x'").key()).isEqualTo("mlflow.runName");
    assertThat(only("metrics.`my metric` > 0").key()).isEqualTo("my metric");
    assertThat(only("params.a.b = 'x'").key()).isEqualTo("a.b");
    assertThat(only("metrics.val-loss < 1").key()).isEqualTo("val-loss");
  }

  @Test
  void attributesWithEveryPrefixAndBare() {
    assertThat(only("attributes.status = 'FINISHED'"))
        .isEqualTo(new Clause(Kind.ATTRIBUTE, "status", Comparator.EQ, new StringLiteral("FINISHED")));
    assertThat(only("attribute.run_name = 'a'").key()).isEqualTo("run_name");
    assertThat(only("attr.user_id = 'a'").key()).isEqualTo("user_id");
    assertThat(only("run.artifact_uri LIKE 'mlflow-artifacts:%'").key()).isEqualTo("artifact_uri");
    assertThat(only("status = 'RUNNING'").kind()).isEqualTo(Kind.ATTRIBUTE);
    assertThat(only("lifecycle_stage = 'deleted'").key()).isEqualTo("lifecycle_stage");
    assertThat(only("attributes.start_time > 1700000000000").value()).isEqualTo(new NumberLiteral(1.7e12));
    assertThat(only("end_time <= 5").comparator()).isEqualTo(Comparator.LE);
    assertThat(only("attributes.created > 5").key()).isEqualTo("start_time");
    assertThat(only("`run name` = 'x'").key()).isEqualTo("run_name");
  }

  @Test
  void inAndNotInTakeListsOfStrings() {
    assertThat(only("attributes.run_id IN ('a', \"b\")").value()).isEqualTo(new ListLiteral(List.of("a", "b")));
    assertThat(only("run_id not in ('a')").comparator()).isEqualTo(Comparator.NOT_IN);
    assertThat(only("params.solver IN ('lbfgs','liblinear')").listValue()).containsExactly("lbfgs", "liblinear");
  }

  @Test
  void clausesJoinWithAndInAnyCase() {
    SearchFilter filter = SearchFilter.parseRuns(
        "metrics.AUC > 0.8 AND params.reg_rate = '0.01' and tags.`mlflow.source.type` = 'JOB'");
    assertThat(filter.clauses()).extracting(Clause::kind).containsExactly(Kind.METRIC, Kind.PARAM, Kind.TAG);
    assertThat(filter.clauses().get(2).key()).isEqualTo("mlflow.source.type");
  }

  @Test
  void orIsRejectedWithAnExplanation() {
    rejects("metrics.a > 1 OR metrics.b > 1", "OR is not supported", "character 15");
  }

  @Test
  void wrongValueTypesAreExplained() {
    rejects("metrics.AUC > '0.8'", "numeric", "without quotes");
    rejects("params.reg_rate = 0.01", "quoted string", "params.reg_rate = '0.01'");
    rejects("status IN 'RUNNING'", "IN needs a list");
    rejects("attributes.start_time LIKE '1%'", "LIKE does not apply");
    rejects("metrics.AUC IN ('1')", "IN does not apply");
    rejects("params.a > 'x'", "> does not apply", "is a string");
  }

  @Test
  void syntaxErrorsNameThePosition() {
    rejects("metrics.AUC 0.8", "expected a comparator", "character 13", "'0.8'");
    rejects("metrics.AUC >", "expected a value", "the end");
    rejects("datasets.name = 'x'", "unknown key type 'datasets'", "character 1");
    rejects("foo = 'x'", "unknown attribute 'foo'");
    rejects("params.a = 'x' params.b = 'y'", "expected AND", "character 16");
    rejects("params.a = 'x", "not closed");
    rejects("params.a IN ()", "empty list");
    rejects("metrics.a > 1 AND", "AND must be followed");
    rejects("metrics. > 1", "expected a key name");
    rejects("metrics.a > 1x", "'1x' is not a number");
    rejects("= 1", "expected a key");
  }

  @Test
  void experimentFiltersKnowExperimentAttributes() {
    SearchFilter filter = SearchFilter.parseExperiments("name LIKE 'diab%' AND creation_time > 5 AND tags.team = 'a'");
    assertThat(filter.clauses()).extracting(Clause::key).containsExactly("name", "creation_time", "team");
    assertThatThrownBy(() -> SearchFilter.parseExperiments("metrics.a > 1"))
        .hasMessageContaining("unknown key type 'metrics'");
    assertThatThrownBy(() -> SearchFilter.parseExperiments("status = 'x'"))
        .hasMessageContaining("unknown attribute 'status'");
  }

  @Test
  void orderByEntries() {
    assertThat(OrderBy.parseRun("metrics.AUC DESC")).isEqualTo(new OrderBy(Kind.METRIC, "AUC", false));
    assertThat(OrderBy.parseRun("attributes.start_time ASC")).isEqualTo(new OrderBy(Kind.ATTRIBUTE, "start_time", true));
    assertThat(OrderBy.parseRun("params.x")).isEqualTo(new OrderBy(Kind.PARAM, "x", true));
    assertThat(OrderBy.parseRun("tags.`a b` desc")).isEqualTo(new OrderBy(Kind.TAG, "a b", false));
    assertThat(OrderBy.parseRun("run_name")).isEqualTo(new OrderBy(Kind.ATTRIBUTE, "run_name", true));
    assertThat(OrderBy.parseRuns(null)).isEmpty();
    assertThat(OrderBy.parseExperiment("name DESC")).isEqualTo(new OrderBy(Kind.ATTRIBUTE, "name", false));
    assertThatThrownBy(() -> OrderBy.parseRun("metrics.AUC DOWN"))
        .hasMessageContainingAll("order_by clause", "expected ASC, DESC", "character 13");
    assertThatThrownBy(() -> OrderBy.parseRun("metrics.AUC DESC x")).hasMessageContaining("expected the end");
    assertThatThrownBy(() -> OrderBy.parseRun("")).hasMessageContaining("expected a key to order by");
  }
}
