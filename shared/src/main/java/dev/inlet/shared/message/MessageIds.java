package dev.inlet.shared.message;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New message ids: time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then 74 random bits.
 * Ids made later sort after earlier ones (to the millisecond), so a store's index of message ids grows at its end
 * instead of at a random place per message (random version-4 ids cost PostgreSQL a random index page per insert).
 * The random bits come from {@link ThreadLocalRandom}: ids need to be unique, not secret (access to a message goes
 * through its session).
 */
public final class MessageIds {

  private MessageIds() {
  }

  /** A new id, e.g. {@code 019ad3c4-5e6f-7a1b-9c2d-3e4f5a6b7c8d}. */
  public static String next() {
    return next(System.currentTimeMillis());
  }

  /** A new id for the instant {@code epochMillis}. */
  static String next(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
