package dev.inlet.shared.store;

import java.time.Instant;

/**
 * A page of pool numbers, in number order.
 *
 * @param country   ISO 3166 code, or null for all
 * @param freeAt    when not null, only numbers FREE at that instant (and not blocked for {@code service})
 * @param service   the renter's service, with {@code freeAt}
 * @param after     the last number of the previous page, or null
 * @param limit     page size
 */
public record NumberQuery(String country, Instant freeAt, String service, String after, int limit) {
  public static NumberQuery all(int limit) {
    return new NumberQuery(null, null, null, null, limit);
  }
}
