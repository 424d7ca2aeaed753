package dev.inlet.shared.store;

import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pool's numbers and the history of their rentals: the system of record of who held which number
 * when. Every method is one atomic step across all nodes that share the store, and safe to retry.
 * The rules of a number's state are {@link NumberLifecycle}'s; the rules of durations (cooling-off,
 * grace, idle time) are the caller's, passed in.
 * Failures carry {@link dev.inlet.shared.bus.Failure} codes.
 */
public interface NumberPoolStore {

  /** Adds the numbers not in the pool yet (numbers already there are left as they are); answers how many were new. */
  Future<Integer> addNumbers(List<PoolNumber> numbers);

  Future<Optional<NumberStatus>> number(String e164);

  /** A page of numbers in number order. */
  Future<List<NumberStatus>> numbers(NumberQuery query);

  /**
   * Claims a number for a new rental in one step: checks that it is FREE (not held, not cooling off, not
   * in quarantine) and not blocked for the service, and records the rental. A retry with the same session
   * id answers the rental recorded first.
   *
   * @return the rental; fails {@code UNKNOWN_NUMBER} (named number not in the pool), {@code NUMBER_UNAVAILABLE}
   *     (named number not free, with the reason) or {@code NO_NUMBER_AVAILABLE} (no free number of the country)
   */
  Future<Rental> claim(ClaimRequest request);

  Future<Optional<Rental>> rental(String sessionId);

  /**
   * Moves the expiry of an active rental; fails {@code SESSION_NOT_FOUND} or {@code SESSION_ENDED}.
   */
  Future<Rental> extend(String sessionId, Instant newExpiry);

  /**
   * Ends a rental at {@code at} and starts its number's cooling-off, which lasts until {@code at + cooldown}.
   * The first call ends it and answers the ended rental; later calls answer empty (the rental is as it was).
   */
  Future<Optional<Rental>> end(String sessionId, Instant at, String reason, Duration cooldown);

  /**
   * Ends, at most {@code limit} at a time, the rentals due at {@code now}: past their expiry (reason
   * {@code EXPIRED}, ended at the expiry), or without a message for {@code idle} (reason {@code IDLE}, ended
   * when the idle time ran out; a null {@code idle} never does). Answers those this call ended.
   */
  Future<List<Rental>> expireDue(Instant now, Duration idle, Duration cooldown, int limit);

  /** The rental whose message a message to {@code number} received at {@code at} is: from its start to its end plus {@code grace}. */
  Future<Optional<Rental>> holder(String number, Instant at, Duration grace);

  /** Rentals that hold their number at {@code now} or ended after {@code endedAfter} (still in their grace). */
  Future<List<Rental>> liveRentals(Instant now, Instant endedAfter);

  /** The rentals of a number, newest first. */
  Future<List<Rental>> history(String number, int limit);

  /**
   * Puts a number in quarantine until {@code until} (null: until returned by hand). A rental that holds it
   * ends at {@code at} with reason {@code QUARANTINED}, and is answered. Fails {@code UNKNOWN_NUMBER}.
   */
  Future<Optional<Rental>> quarantine(String number, Instant at, Instant until, String reason, Duration cooldown);

  /** Returns a quarantined number to the pool (through the rest of its cooling-off). Fails {@code UNKNOWN_NUMBER}. */
  Future<NumberStatus> returnFromQuarantine(String number, Instant at, Duration cooldown);

  /** Puts the number on, or takes it off, the blocklist of a service. Fails {@code UNKNOWN_NUMBER}. */
  Future<NumberStatus> setBlocked(String number, String service, boolean blocked);

  Future<Void> putWsToken(WsToken token);

  /** The token if it exists and has not expired at {@code now}. */
  Future<Optional<WsToken>> wsToken(String token, Instant now);

  /**
   * Issues the session's WebSocket token: from now on it is the session's only valid token (an earlier one,
   * used or not, stops working). Retried, it replaces itself.
   */
  Future<Void> issueWsToken(WsToken token);

  /**
   * Uses up a token: answers it the first time it is presented for its own session before it expires, and
   * never again (whoever presents it, on whichever node). A token of another session is not used up.
   */
  Future<Optional<WsToken>> redeemWsToken(String sessionId, String token, Instant now);

  /** Revokes the session's tokens (it has ended). */
  Future<Void> revokeWsTokens(String sessionId);
}
