package org.mloop.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mloop.core.MloopException;

class ModelRefTest {

  @Test
  void versionsAliasesAndLatest() {
    assertThat(ModelRef.parse("diabetes:3")).isEqualTo(new ModelRef("diabetes", 3, null));
    assertThat(ModelRef.parse("diabetes@production")).isEqualTo(new ModelRef("diabetes", null, "production"));
    assertThat(ModelRef.parse("diabetes")).isEqualTo(new ModelRef("diabetes", null, null));
    assertThat(ModelRef.parse("diabetes@latest")).isEqualTo(new ModelRef("diabetes", null, null));
    assertThat(ModelRef.parse("diabetes@staging").toString()).isEqualTo("diabetes@staging");
    assertThat(ModelRef.parse("diabetes").toString()).isEqualTo("diabetes@latest");
  }

  @Test
  void mlflowModelUrisAreAccepted() {
    assertThat(ModelRef.parse("models:/diabetes/3")).isEqualTo(new ModelRef("diabetes", 3, null));
    assertThat(ModelRef.parse("models:/diabetes@champion")).isEqualTo(new ModelRef("diabetes", null, "champion"));
  }

  @Test
  void badReferencesSayWhatToWrite() {
    assertThatThrownBy(() -> ModelRef.parse("diabetes:0")).isInstanceOf(MloopException.class)
        .hasMessageContaining("bad version '0'").hasMessageContaining("NAME@ALIAS");
    assertThatThrownBy(() -> ModelRef.parse("diabetes:three")).hasMessageContaining("bad version 'three'");
    assertThatThrownBy(() -> ModelRef.parse("bad name:1")).hasMessageContaining("bad model name");
    assertThatThrownBy(() -> ModelRef.parse("diabetes@v3")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> ModelRef.parse("diabetes@")).hasMessage("alias is missing in 'diabetes@': use letters,"
        + " digits, '-' or '_', e.g. staging or production");
    assertThatThrownBy(() -> ModelRef.parse(" ")).hasMessageContaining("empty model reference");
  }
}
