package org.mloop.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mloop.core.tracking.SearchFilter.Clause;
import org.mloop.core.tracking.SearchFilter.Comparator;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.Target;

/** MLflow's registry search filters: registered-models/search and model-versions/search. */
class RegistrySearchFilterTest {

  @Test
  void modelVersionFiltersTakeNameRunIdVersionNumberAndTags() {
    SearchFilter filter = SearchFilter.parseModelVersions(
        "name = 'diabetes' AND run_id IN ('a', 'b') AND version_number >= 2 AND tags.validated = 'yes'");
    assertThat(filter.clauses()).extracting(Clause::kind)
        .containsExactly(Kind.ATTRIBUTE, Kind.ATTRIBUTE, Kind.ATTRIBUTE, Kind.TAG);
    Clause version = filter.clauses().get(2);
    assertThat(version.key()).isEqualTo("version_number");
    assertThat(version.numeric(Target.MODEL_VERSIONS)).isTrue();
    assertThat(version.numberValue()).isEqualTo(2.0);
    assertThat(filter.clauses().get(1).comparator()).isEqualTo(Comparator.IN);
  }

  @Test
  void registeredModelFiltersTakeNameAndTagsOnly() {
    assertThat(SearchFilter.parseRegisteredModels("name ILIKE '%diab%'").clauses().get(0).stringValue())
        .isEqualTo("%diab%");
    assertThatThrownBy(() -> SearchFilter.parseRegisteredModels("metrics.AUC > 0.9")).hasMessageContaining("metrics");
    assertThatThrownBy(() -> SearchFilter.parseRegisteredModels("run_id = 'x'")).hasMessageContaining("name");
  }
}
