package org.mloop.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

class ComputeNamesTest {
  @Test
  void aJobThatNamesNoTargetRunsOnLocal() {
    assertThat(ComputeNames.of(JobSpec.builder().command("true").compute(null).build())).isEqualTo("local");
    assertThat(ComputeNames.of(JobSpec.builder().command("true").build())).as("the builder's default").isEqualTo("local");
    assertThat(ComputeNames.of(JobSpec.builder().compute("spark").build())).isEqualTo("spark");
  }

  @Test
  void anUnknownTargetIsRefusedNamingTheFieldAndTheKnownTargets() {
    assertThat(ComputeNames.check("spark", List.of("local", "spark"))).isEqualTo("spark");
    assertThatThrownBy(() -> ComputeNames.check("cpu-cluster", List.of("local")))
        .isInstanceOfSatisfying(MloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessage("compute: 'cpu-cluster' is not available: the compute targets are local; write one of them, or"
            + " leave compute out to run on local");
    assertThatThrownBy(() -> ComputeNames.check("sprak", List.of("local", "spark")))
        .hasMessage("compute: 'sprak' is not available (did you mean 'spark'?): the compute targets are local, spark;"
            + " write one of them, or leave compute out to run on local");
  }
}
