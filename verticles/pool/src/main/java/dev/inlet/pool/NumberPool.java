package dev.inlet.pool;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.ExtendRequest;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.message.WsToken;
import dev.inlet.shared.store.ClaimRequest;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.NumberQuery;
import dev.inlet.shared.store.NumberStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rules of renting on top of the {@link NumberPoolStore}: who may rent which number and for how long,
 * extensions, releases and expiry. Each change is one atomic step of the store, so any number of pool
 * instances on any number of nodes can serve at once; every start, extension and end is announced.
 */
final class NumberPool {

  static final String RELEASED = "RELEASED";
  static final String EXPIRED = "EXPIRED";
  static final int EXPIRY_BATCH = 500;
  static final int LISTING_LIMIT = 1000;

  private final NumberPoolStore store;
  private final RentalPolicy policy;
  private final Clock clock;
  private final Consumer<RentalEvent> announce;

  NumberPool(NumberPoolStore store, RentalPolicy policy, Clock clock, Consumer<RentalEvent> announce) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.announce = announce;
  }

  Future<Rental> rent(RentRequest request) {
    if (request.owner() == null || request.owner().isBlank()) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a rental needs an owner"));
    }
    if (request.number() != null && !PhoneNumber.isE164(request.number())) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception(
          "number must be in E.164 form such as +12125550100, not " + request.number()));
    }
    if (request.number() == null && request.country() == null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("give a number or a country"));
    }
    Duration duration;
    try {
      duration = policy.duration(request.durationSeconds());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Instant now = clock.instant();
    return store.claim(new ClaimRequest(Secrets.sessionId(), request.number(), request.country(), request.service(),
            request.owner(), now, now.plus(duration)))
        .onSuccess(rental -> announce.accept(new RentalEvent(RentalEvent.Kind.STARTED, rental)));
  }

  /** Numbers that can be rented now (not held, not cooling off, not in quarantine, not blocked for the service). */
  Future<List<PoolNumber>> available(NumbersQuery query) {
    return store.numbers(new NumberQuery(query.country(), clock.instant(), query.service(), null, LISTING_LIMIT))
        .map(page -> page.stream().map(NumberStatus::number).toList());
  }

  /**
   * The session, if the query proves the right to see it: its owner, or a WebSocket token, which this uses up
   * (a token opens one socket, once). Seen through a token, a session that has ended answers exactly as an
   * unknown session or a wrong token does: a token holder learns nothing about sessions it cannot open.
   */
  Future<Rental> session(SessionQuery query) {
    if (query.sessionId() == null || query.sessionId().isBlank()) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("session_id is required"));
    }
    if (query.wsToken() != null) {
      Instant now = clock.instant();
      return store.redeemWsToken(query.sessionId(), query.wsToken(), now)
          .compose(token -> token.isPresent() ? store.rental(query.sessionId()) : Future.succeededFuture(Optional.<Rental>empty()))
          .compose(found -> found.isPresent() && !found.get().ended(now) ? Future.succeededFuture(found.get())
              : Future.failedFuture(Failure.SESSION_NOT_FOUND.exception("no session " + query.sessionId()
                  + " for this token (a token opens one socket, once, within its lifetime: ask for a new one)")));
    }
    if (query.owner() == null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a session query needs an owner or a token"));
    }
    return store.rental(query.sessionId()).compose(found -> {
      if (found.isEmpty() || !query.owner().equals(found.get().owner())) {
        return Future.failedFuture(Failure.SESSION_NOT_FOUND.exception(
            "no session " + query.sessionId() + " for this API key"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  /** Ends the session now; releasing an ended session answers it as it is (retries are idempotent). */
  Future<Rental> release(SessionQuery query) {
    return session(query).compose(rental -> {
      if (rental.endedAt() != null) {
        return Future.succeededFuture(rental);
      }
      // a rental past its window that the sweeper has not ended yet ended at its expiry, not now
      Instant now = clock.instant();
      boolean expired = !now.isBefore(rental.expiresAt());
      return store.end(rental.sessionId(), expired ? rental.expiresAt() : now, expired ? EXPIRED : RELEASED,
              policy.cooldown())
          .compose(ended -> ended.map(r -> {
            announce.accept(new RentalEvent(RentalEvent.Kind.ENDED, r));
            return store.revokeWsTokens(r.sessionId()).map(r);
          }).orElseGet(() -> session(query)));
    });
  }

  /** Moves the session's expiry by the asked seconds, within the maximum rental length. */
  Future<Rental> extend(ExtendRequest request) {
    if (request.seconds() <= 0) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("seconds must be positive, not " + request.seconds()));
    }
    return session(SessionQuery.byOwner(request.sessionId(), request.owner())).compose(rental -> {
      Instant now = clock.instant();
      if (rental.ended(now)) {
        return Future.failedFuture(Failure.SESSION_ENDED.exception("session " + rental.sessionId() + " has ended"));
      }
      Instant wanted = rental.expiresAt().plusSeconds(request.seconds());
      Instant longest = rental.startedAt().plus(policy.maxDuration());
      if (wanted.isAfter(longest)) {
        return Future.failedFuture(Failure.INVALID_REQUEST.exception("a rental lasts at most "
            + policy.maxDuration().toSeconds() + " s; this one can be extended by at most "
            + Math.max(0, Duration.between(rental.expiresAt(), longest).toSeconds()) + " s"));
      }
      return store.extend(rental.sessionId(), wanted)
          .onSuccess(r -> announce.accept(new RentalEvent(RentalEvent.Kind.EXTENDED, r)));
    });
  }

  /** A new token for the session: the only valid one from now on (issuing revokes the session's earlier token). */
  Future<WsToken> wsToken(SessionQuery query) {
    return session(query).compose(rental -> {
      Instant now = clock.instant();
      if (rental.ended(now)) {
        return Future.failedFuture(Failure.SESSION_ENDED.exception("session " + rental.sessionId() + " has ended"));
      }
      Instant expires = now.plus(policy.wsTokenLifetime());
      WsToken token = new WsToken(rental.sessionId(), Secrets.wsToken(),
          expires.isAfter(rental.expiresAt()) ? rental.expiresAt() : expires);
      return store.issueWsToken(token).map(token);
    });
  }

  /** Ends a batch of rentals that are due (expired, or idle); answers how many this call ended. */
  Future<Integer> expireDue() {
    return store.expireDue(clock.instant(), policy.idle(), policy.cooldown(), EXPIRY_BATCH).compose(ended -> {
      ended.forEach(r -> announce.accept(new RentalEvent(RentalEvent.Kind.ENDED, r)));
      // an ended session's token is refused anyway (the pool checks the session); revoking keeps the store small
      return Future.join(ended.stream().map(r -> store.revokeWsTokens(r.sessionId())).toList())
          .transform(ar -> Future.succeededFuture(ended.size()));
    });
  }
}
