package org.mloop.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way mloop retries: how many attempts (or for how long), the wait after each failed one,
 * and which failures are worth another attempt. Immutable; each {@code with}-style method returns a
 * new policy.
 *
 * <pre>
 * Job ended = Retry.attempts(5)
 *     .linearDelay(Duration.ofMillis(200))
 *     .retryOn(e -&gt; !(e instanceof MloopException))
 *     .onFailure((attempt, e) -&gt; LOG.warn("attempt {} of 5 failed: {}", attempt, e.toString()))
 *     .call(() -&gt; store.updateJob(name, change));
 * </pre>
 *
 * <p>{@link #call} runs on the caller's thread and sleeps between attempts; a scheduler that retries
 * asynchronously (webhook delivery) asks {@link #retriesAfter} and {@link #delayAfter} instead. An
 * interrupt while waiting ends the retries: the thread's interrupt flag is set again and the last
 * failure (or result) is what the caller gets.
 */
public final class Retry {
  /** Told about each failed attempt whose failure is retryable, whether or not another attempt follows. */
  @FunctionalInterface
  public interface Listener {
    void failed(int attempt, RuntimeException failure);
  }

  private final int maxAttempts;
  private final Duration maxElapsed;
  private final IntFunction<Duration> delay;
  private final Predicate<? super RuntimeException> retryOn;
  private final Listener listener;

  private Retry(int maxAttempts, Duration maxElapsed, IntFunction<Duration> delay,
      Predicate<? super RuntimeException> retryOn, Listener listener) {
    this.maxAttempts = maxAttempts;
    this.maxElapsed = maxElapsed;
    this.delay = delay;
    this.retryOn = retryOn;
    this.listener = listener;
  }

  /** At most {@code attempts} attempts in all (the first one included), without waiting between them. */
  public static Retry attempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("a retry policy needs at least 1 attempt, got " + attempts);
    }
    return new Retry(attempts, null, attempt -> Duration.ZERO, e -> true, (attempt, e) -> { });
  }

  /** Attempts until one succeeds or {@code limit} has passed since the first (checked after each failure). */
  public static Retry forUpTo(Duration limit) {
    return new Retry(Integer.MAX_VALUE, Objects.requireNonNull(limit), attempt -> Duration.ZERO, e -> true,
        (attempt, e) -> { });
  }

  /** As many attempts as {@code delays} has waits plus one, waiting each of them in turn. */
  public static Retry withDelays(List<Duration> delays) {
    List<Duration> waits = List.copyOf(delays);
    return attempts(waits.size() + 1).delay(attempt -> waits.get(attempt - 1));
  }

  /** The same wait after every failed attempt. */
  public Retry fixedDelay(Duration wait) {
    return delay(attempt -> wait);
  }

  /** {@code step} after the first failed attempt, twice that after the second, and so on. */
  public Retry linearDelay(Duration step) {
    return delay(attempt -> step.multipliedBy(attempt));
  }

  /** {@code first} after the first failed attempt, then twice the wait before, doubled up to {@code cap} at most. */
  public Retry exponentialDelay(Duration first, Duration cap) {
    return delay(attempt -> {
      Duration wait = first;
      for (int i = 1; i < attempt; i++) {
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(cap) > 0 ? cap : doubled;
      }
      return wait;
    });
  }

  /** Which failures deserve another attempt; any other is thrown at once. */
  public Retry retryOn(Predicate<? super RuntimeException> retryable) {
    return new Retry(maxAttempts, maxElapsed, delay, Objects.requireNonNull(retryable), listener);
  }

  /** Called with each failed attempt (1-based) whose failure {@link #retryOn} accepts, e.g. to log it. */
  public Retry onFailure(Listener onFailure) {
    return new Retry(maxAttempts, maxElapsed, delay, retryOn, Objects.requireNonNull(onFailure));
  }

  private Retry delay(IntFunction<Duration> waitAfter) {
    return new Retry(maxAttempts, maxElapsed, waitAfter, retryOn, listener);
  }

  /** Whether a policy bounded by attempts allows another after attempt number {@code attempt} (1-based) failed. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /** The wait after attempt number {@code attempt} (1-based) failed. */
  public Duration delayAfter(int attempt) {
    return delay.apply(attempt);
  }

  /**
   * Runs {@code action} until it returns, retrying the failures {@link #retryOn} accepts; when the
   * attempts (or the time) run out, the last failure is thrown.
   */
  public <T> T call(Supplier<T> action) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!retryOn.test(e)) {
          throw e;
        }
        listener.failed(attempt, e);
        if (!another(attempt, start) || !sleep(delayAfter(attempt))) {
          throw e;
        }
      }
    }
  }

  /** {@link #call} for an action without a result. */
  public void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  /**
   * Runs {@code action} until {@code done} accepts its result, for actions that report failure as a
   * result rather than an exception; when the attempts (or the time) run out, the last result is returned.
   */
  public <T> T callUntil(Supplier<T> action, Predicate<? super T> done) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      T result = action.get();
      if (done.test(result) || !another(attempt, start) || !sleep(delayAfter(attempt))) {
        return result;
      }
    }
  }

  private boolean another(int attempt, long start) {
    return retriesAfter(attempt) && (maxElapsed == null || System.nanoTime() - start <= maxElapsed.toNanos());
  }

  /** False when interrupted while waiting (the flag set again): the caller stops retrying. */
  private static boolean sleep(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return true;
    }
    try {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
