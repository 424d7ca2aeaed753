package dev.inlet.shared.limits;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * The counters behind the abuse limits, shared by every node that uses the same backend (Redis in production, Vert.x
 * shared data in a lab cluster). Two kinds, each step atomic:
 * <ul>
 *   <li>a <b>window</b>: events counted in fixed windows ({@code requestsPerSecond}, failed authentications);</li>
 *   <li>a <b>lease set</b>: at most {@code limit} holders at once, each lease lasting until its own instant
 *       ({@code concurrentRentals}, WebSockets, and a sliding {@code rentalsPerHour}: one lease per rental for an
 *       hour).</li>
 * </ul>
 * The caller passes the instant ({@code now}): the node's clock decides, so tests can move time.
 */
public interface RateCounters {

  /**
   * Adds {@code cost} events (0 only reads, a negative cost gives events back) to the fixed window of length
   * {@code window} that contains {@code now}, and answers the window's count after adding.
   */
  Future<WindowCount> add(String key, Duration window, long cost, Instant now);

  /**
   * Takes or renews the lease of {@code holder} in the set {@code key} until {@code until}. Granted when the holder
   * already has a lease there (it is moved to {@code until}) or when fewer than {@code limit} unexpired leases are held;
   * otherwise not, with the instant the first lease ends.
   */
  Future<Lease> acquire(String key, String holder, int limit, Instant until, Instant now);

  /** Gives the holder's lease back (nothing happens when it has none). */
  Future<Void> release(String key, String holder);

  /** Succeeds when the backend answers (readiness). */
  Future<Void> ping();

  /** Closes connections, if any. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** The count of a window after an {@link #add}, and when that window ends. */
  record WindowCount(long count, Instant endsAt) {
  }

  /**
   * The outcome of an {@link #acquire}.
   *
   * @param granted whether the holder now has a lease
   * @param held    unexpired leases in the set after the call
   * @param freeAt  when refused: when the first lease ends (when a place frees up); otherwise null
   */
  record Lease(boolean granted, int held, Instant freeAt) {
  }
}
