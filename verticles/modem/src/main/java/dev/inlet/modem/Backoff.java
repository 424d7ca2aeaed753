package dev.inlet.modem;

import java.util.concurrent.ThreadLocalRandom;

/** Delays between attempts to open a port again: doubling from a minimum to a maximum, with ±20 % jitter. */
final class Backoff {

  private final long minMs;
  private final long maxMs;
  private long next;

  Backoff(long minMs, long maxMs) {
    this.minMs = minMs;
    this.maxMs = Math.max(minMs, maxMs);
    this.next = minMs;
  }

  long nextDelayMs() {
    long base = next;
    next = Math.min(maxMs, next * 2);
    long jitter = (long) (base * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
    return Math.max(1, Math.min(maxMs, base + jitter));
  }

  void reset() {
    next = minMs;
  }
}
