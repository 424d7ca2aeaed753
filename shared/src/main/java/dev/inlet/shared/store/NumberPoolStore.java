package dev.inlet.shared.store;

import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The numbers of the pool and their rentals. Implemented by the embedded store (Vert.x shared data,
 * cluster-wide when clustered) and, next, by PostgreSQL (system of record) with Redis (hot state).
 * Every method is atomic across all nodes that share the store.
 */
public interface NumberPoolStore {

  /** Adds numbers that are not in the pool yet; numbers already there are left as they are. */
  Future<Void> addNumbers(List<PoolNumber> numbers);

  Future<List<PoolNumber>> numbers();

  Future<Optional<PoolNumber>> number(String e164);

  /**
   * Records a new rental if, and only if, no other rental of its number is active.
   *
   * @return true when this rental now holds the number, false when another one does
   */
  Future<Boolean> startRental(Rental rental);

  /** The rental that currently holds the number (possibly past its expiry, until it is ended). */
  Future<Optional<Rental>> activeRental(String e164);

  /** The last rental of the number that has ended, if any. */
  Future<Optional<Rental>> lastEndedRental(String e164);

  Future<Optional<Rental>> rental(String sessionId);

  /**
   * Ends a rental once: the first caller gets the ended rental, any later caller gets empty.
   */
  Future<Optional<Rental>> endRental(String sessionId, Instant at, String reason);

  /** Every rental that holds a number now. */
  Future<List<Rental>> activeRentals();

  Future<Void> putWsToken(WsToken token);

  /** The token if it exists and has not expired at {@code now}. */
  Future<Optional<WsToken>> wsToken(String token, Instant now);
}
