package org.mloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry helper: attempts, waits, which failures are retried, and what the caller gets in the end. */
class RetryTest {
  @Test
  void aFailureIsRetriedUntilAnAttemptSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> failed = new ArrayList<>();
    String result = Retry.attempts(5).fixedDelay(Duration.ofMillis(1))
        .onFailure((attempt, e) -> failed.add(attempt))
        .call(() -> {
          if (calls.incrementAndGet() < 3) {
            throw new IllegalStateException("busy");
          }
          return "done";
        });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(failed).containsExactly(1, 2);
  }

  @Test
  void whenTheAttemptsRunOutTheLastFailureIsThrownAndEveryAttemptWasReported() {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> failed = new ArrayList<>();
    assertThatThrownBy(() -> Retry.attempts(3).onFailure((attempt, e) -> failed.add(attempt)).call(() -> {
      throw new IllegalStateException("busy " + calls.incrementAndGet());
    })).hasMessage("busy 3");
    assertThat(failed).containsExactly(1, 2, 3);
  }

  @Test
  void aFailureTheFilterRefusesIsThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Retry.attempts(5).retryOn(e -> !(e instanceof MloopException)).call(() -> {
      calls.incrementAndGet();
      throw MloopException.invalid("no such job");
    })).hasMessage("no such job");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aTimeBoundPolicyStopsOnceItsTimeHasPassed() {
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    assertThatThrownBy(() -> Retry.forUpTo(Duration.ofMillis(60)).fixedDelay(Duration.ofMillis(10)).call(() -> {
      calls.incrementAndGet();
      throw new IllegalStateException("busy");
    })).hasMessage("busy");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    assertThat(calls.get()).isBetween(2, 8);
  }

  @Test
  void delaysGrowLinearlyOrExponentiallyUpToTheirCapOrFollowAList() {
    Retry linear = Retry.attempts(5).linearDelay(Duration.ofMillis(200));
    assertThat(List.of(linear.delayAfter(1), linear.delayAfter(2), linear.delayAfter(4)))
        .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    Retry exponential = Retry.attempts(6).exponentialDelay(Duration.ofMillis(100), Duration.ofMillis(500));
    assertThat(List.of(exponential.delayAfter(1), exponential.delayAfter(2), exponential.delayAfter(3),
        exponential.delayAfter(4))).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
        Duration.ofMillis(400), Duration.ofMillis(500));
    Retry listed = Retry.withDelays(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)));
    assertThat(listed.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(listed.retriesAfter(3)).as("three retries after the first attempt").isTrue();
    assertThat(listed.retriesAfter(4)).isFalse();
  }

  @Test
  void anActionThatReportsFailureAsAResultIsRetriedUntilTheResultIsGoodOrTheAttemptsRunOut() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(Retry.attempts(4).callUntil(calls::incrementAndGet, n -> n == 2)).isEqualTo(2);
    assertThat(Retry.attempts(3).callUntil(() -> "FAILED", "WRITTEN"::equals)).isEqualTo("FAILED");
  }

  @Test
  void anInterruptWhileWaitingEndsTheRetriesAndKeepsTheFlag() {
    AtomicInteger calls = new AtomicInteger();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Retry.attempts(5).fixedDelay(Duration.ofSeconds(10)).call(() -> {
        calls.incrementAndGet();
        throw new IllegalStateException("busy");
      })).hasMessage("busy");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(calls).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }
}
