package dev.inlet.http;

import dev.inlet.shared.limits.RateCounters;
import dev.inlet.shared.message.Rental;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The abuse limits of the API, counted in {@link RateCounters} shared by every node (Redis in production, shared data
 * in lab): per key, calls per second, rentals per hour (sliding: one lease per rental for an hour) and rentals held at
 * once (one lease per session until its expiry); per client address, failed authentications, progressively (a minute
 * block after {@code authFailures} in a minute, the rest of the hour after ten times that in an hour). Each refusal is
 * a 429 problem saying which limit and when to retry.
 */
final class AbuseLimits {

  static final Duration SECOND = Duration.ofSeconds(1);
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration HOUR = Duration.ofHours(1);

  private final RateCounters counters;
  private final Clock clock;
  private final int authFailures;
  private final Duration claimHold;

  /**
   * @param claimHold how long a rental in progress holds its place among the concurrent rentals before the pool has
   *                  answered (the bus timeout and a margin)
   */
  AbuseLimits(RateCounters counters, Clock clock, int authFailures, Duration claimHold) {
    this.counters = counters;
    this.clock = clock;
    this.authFailures = authFailures;
    this.claimHold = claimHold;
  }

  RateCounters counters() {
    return counters;
  }

  /** Fails with a 429 while the client address is blocked for failed authentications. */
  Future<Void> addressAllowed(String address) {
    return authFailures(address, 0).mapEmpty();
  }

  /** Counts a failed authentication of the address; fails with a 429 when that reaches a limit, else succeeds. */
  Future<Void> authenticationFailed(String address) {
    return authFailures(address, 1).mapEmpty();
  }

  private Future<Void> authFailures(String address, long cost) {
    if (authFailures <= 0) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    return Future.all(counters.add("authfail-m:" + address, MINUTE, cost, now),
            counters.add("authfail-h:" + address, HOUR, cost, now))
        .compose(both -> {
          RateCounters.WindowCount minute = both.resultAt(0);
          RateCounters.WindowCount hour = both.resultAt(1);
          // reading (cost 0) blocks at the limit; counting blocks only past it: the limit-th failure still gets its 401
          long over = cost == 0 ? 0 : 1;
          if (hour.count() >= 10L * authFailures + over) {
            return refused("authFailuresPerHour", "too many failed authentications from your address in this hour ("
                + hour.count() + "); blocked until " + hour.endsAt(), hour.endsAt(), now);
          }
          if (minute.count() >= authFailures + over) {
            return refused("authFailuresPerMinute", "too many failed authentications from your address ("
                + minute.count() + " in this minute, at most " + authFailures + ")", minute.endsAt(), now);
          }
          return Future.succeededFuture();
        });
  }

  /** Counts one API call of the owner; a 429 beyond {@code requestsPerSecond}. */
  Future<Void> request(String owner, KeyLimits limits) {
    if (limits.requestsPerSecond() == 0) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    return counters.add("rps:" + owner, SECOND, 1, now).compose(count -> count.count() <= limits.requestsPerSecond()
        ? Future.succeededFuture()
        : refused("requestsPerSecond", "this key may make " + limits.requestsPerSecond()
            + " API calls per second (limits.requestsPerSecond)", count.endsAt(), now));
  }

  /**
   * Takes a place for one more rental of the owner: one of {@code rentalsPerHour} in the last hour and one of
   * {@code concurrentRentals}; a 429 when either is full. Give it back with {@link Permit#failed} when the rent fails.
   */
  Future<Permit> rent(String owner, KeyLimits limits) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Permit permit = new Permit(owner, id);
    Future<Void> hourly = limits.rentalsPerHour() == 0 ? Future.succeededFuture()
        : counters.acquire(hourKey(owner), id, limits.rentalsPerHour(), now.plus(HOUR), now).compose(lease ->
            lease.granted() ? Future.succeededFuture()
                : refused("rentalsPerHour", "this key may start " + limits.rentalsPerHour()
                    + " rentals per hour (limits.rentalsPerHour); the next one is possible at " + lease.freeAt(),
                    lease.freeAt(), now));
    return hourly.compose(v -> limits.concurrentRentals() == 0 ? Future.succeededFuture(permit)
        : counters.acquire(heldKey(owner), id, limits.concurrentRentals(), now.plus(claimHold), now)
            .compose(lease -> {
              if (lease.granted()) {
                return Future.succeededFuture(permit);
              }
              return permit.failed().compose(x -> refused("concurrentRentals", "this key holds "
                  + lease.held() + " rentals, its limit (limits.concurrentRentals is " + limits.concurrentRentals()
                  + "); release one or wait until " + lease.freeAt(), lease.freeAt(), now));
            }));
  }

  /** Keeps a rental's place among the owner's concurrent rentals until its (new) expiry. */
  Future<Void> held(Rental rental) {
    return counters.acquire(heldKey(rental.owner()), rental.sessionId(), Integer.MAX_VALUE, rental.expiresAt(),
        clock.instant()).mapEmpty();
  }

  /** Frees a released rental's place among the owner's concurrent rentals. */
  Future<Void> released(String owner, String sessionId) {
    return counters.release(heldKey(owner), sessionId);
  }

  private static String hourKey(String owner) {
    return "rentals-hour:" + owner;
  }

  private static String heldKey(String owner) {
    return "rentals-held:" + owner;
  }

  /** A place taken by {@link #rent}, until the pool answers. */
  final class Permit {
    private final String owner;
    private final String id;

    private Permit(String owner, String id) {
      this.owner = owner;
      this.id = id;
    }

    /** The rental exists: it holds its place until it expires (its own lease replaces the provisional one). */
    Future<Void> rented(Rental rental) {
      return held(rental).compose(v -> counters.release(heldKey(owner), id));
    }

    /** No rental came of it: neither its hourly place nor its concurrent place counts. */
    Future<Void> failed() {
      return Future.join(counters.release(hourKey(owner), id), counters.release(heldKey(owner), id)).mapEmpty();
    }
  }

  static <T> Future<T> refused(String limit, String detail, Instant retryAt, Instant now) {
    long seconds = retryAt == null ? 1 : Math.max(1, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
    return Future.failedFuture(Problem.tooManyRequests(limit, detail, seconds).exception());
  }
}
