package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.mloop.core.tracking.RunStatus;
import org.mloop.core.tracking.ViewType;

/** Request fields read as protobuf's JSON parser reads them. */
class FieldsTest {
  @Test
  void int64MayBeANumberOrANumericString() {
    Fields f = Fields.ofJson("{\"a\": 12, \"b\": \"34\", \"c\": \"x\", \"d\": 1.5}");
    assertThat(f.optionalLong("a")).isEqualTo(12);
    assertThat(f.optionalLong("b")).isEqualTo(34);
    assertThat(f.optionalLong("missing")).isNull();
    assertThatThrownBy(() -> f.optionalLong("c")).hasMessageContaining("'c'").hasMessageContaining("integer");
    assertThatThrownBy(() -> f.optionalLong("d")).hasMessageContaining("'d'");
  }

  @Test
  void doublesAcceptNonFiniteSpellings() {
    Fields f = Fields.ofJson("{\"a\": NaN, \"b\": \"Infinity\", \"c\": \"-Infinity\", \"d\": \"0.5\"}");
    assertThat(f.requiredDouble("a")).isNaN();
    assertThat(f.requiredDouble("b")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(f.requiredDouble("c")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(f.requiredDouble("d")).isEqualTo(0.5);
  }

  @Test
  void enumsByNameOrProtoNumber() {
    Fields f = Fields.ofJson("{\"v\": 3, \"s\": \"finished\"}");
    assertThat(f.enumValue("v", ViewType.class, ViewType.ACTIVE_ONLY, 1)).isEqualTo(ViewType.ALL);
    assertThat(f.enumValue("s", RunStatus.class, null, 1)).isEqualTo(RunStatus.FINISHED);
    assertThat(f.enumValue("absent", RunStatus.class, null, 1)).isNull();
  }

  @Test
  void requiredMeansPresentAndNonEmptyAndMessagesNameNestedFields() {
    Fields f = Fields.ofJson("{\"run_id\": \"\", \"run_uuid\": \"abc\", \"metrics\": [{\"key\": \"k\"}]}");
    assertThat(f.requiredString("run_id", "run_uuid")).isEqualTo("abc");
    assertThatThrownBy(() -> f.requiredString("run_id")).hasMessageContaining("'run_id'");
    assertThatThrownBy(() -> f.objects("metrics").get(0).requiredDouble("value"))
        .hasMessageContaining("'metrics[0].value'");
  }

  @Test
  void queryParametersRepeatIntoLists() {
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("order_by", "a").add("order_by", "b").add("max_results", "5");
    Fields f = Fields.ofQuery(query);
    assertThat(f.strings("order_by")).containsExactly("a", "b");
    assertThat(f.intValue("max_results", 1)).isEqualTo(5);
  }

  @Test
  void malformedBodiesAreInvalidParameterValues() {
    assertThatThrownBy(() -> Fields.ofJson("{\"a\":")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Fields.ofJson("\"text\"")).hasMessageContaining("JSON object");
    assertThat(Fields.ofJson("").has("anything")).isFalse();
  }
}
