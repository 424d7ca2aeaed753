package dev.inlet.smpp;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: the n-th delay in a row lies between half its ceiling
 * and the ceiling {@code min(maxMs, minMs * 2^(n-1))}, never below {@code minMs}.
 * Not thread-safe: one instance per bind, used on the verticle's context.
 */
public final class Backoff {

  private final long minMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private int failures;

  public Backoff(long minMs, long maxMs) {
    this(minMs, maxMs, () -> ThreadLocalRandom.current().nextDouble());
  }

  Backoff(long minMs, long maxMs, DoubleSupplier random) {
    if (minMs <= 0 || maxMs < minMs) {
      throw new IllegalArgumentException("need 0 < minMs <= maxMs, got " + minMs + " and " + maxMs);
    }
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The delay before the next attempt, after one more failure. */
  public long nextDelayMs() {
    int exponent = Math.min(failures, 40);
    failures++;
    long ceiling = minMs << exponent;
    if (ceiling <= 0 || ceiling > maxMs) {
      ceiling = maxMs;
    }
    long floor = Math.max(minMs, ceiling / 2);
    return floor + (long) (random.getAsDouble() * (ceiling - floor));
  }

  /** Forgets past failures: the next delay is short again. */
  public void reset() {
    failures = 0;
  }
}
