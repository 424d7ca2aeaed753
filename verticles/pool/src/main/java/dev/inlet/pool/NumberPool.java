package dev.inlet.pool;

import java.time.Duration;
import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.message.WsToken;
import dev.inlet.shared.store.NumberPoolStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rules of renting: who may rent which number, for how long, who holds a number at a given
 * instant, and when rentals end. State lives in the {@link NumberPoolStore}, so any number of pool
 * instances on any number of nodes can serve at once; every change is atomic in the store.
 */
final class NumberPool {

  static final String RELEASED = "RELEASED";
  static final String EXPIRED = "EXPIRED";

  private final NumberPoolStore store;
  private final RentalPolicy policy;
  private final Clock clock;
  private final Consumer<Rental> onStarted;
  private final Consumer<Rental> onEnded;

  NumberPool(NumberPoolStore store, RentalPolicy policy, Clock clock, Consumer<Rental> onStarted,
             Consumer<Rental> onEnded) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.onStarted = onStarted;
    this.onEnded = onEnded;
  }

  Future<Rental> rent(RentRequest request) {
    if (request.owner() == null || request.owner().isBlank()) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a rental needs an owner"));
    }
    Duration duration;
    try {
      duration = policy.duration(request.durationSeconds());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (request.number() != null) {
      if (!PhoneNumber.isE164(request.number())) {
        return Future.failedFuture(Failure.INVALID_REQUEST.exception(
            "number must be in E.164 form such as +12125550100, not " + request.number()));
      }
      return store.number(request.number()).compose(found -> found
          .map(n -> rentNumber(n, request, duration))
          .orElseGet(() -> Future.failedFuture(Failure.UNKNOWN_NUMBER.exception(
              "number " + request.number() + " is not in the pool"))));
    }
    if (request.country() == null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("give a number or a country"));
    }
    return available(new NumbersQuery(request.country(), request.service())).compose(candidates -> {
      List<PoolNumber> shuffled = new ArrayList<>(candidates);
      Collections.shuffle(shuffled);
      return rentFirst(shuffled, 0, request, duration);
    });
  }

  private Future<Rental> rentFirst(List<PoolNumber> candidates, int i, RentRequest request,
                                   Duration duration) {
    if (i >= candidates.size()) {
      return Future.failedFuture(Failure.NO_NUMBER_AVAILABLE.exception("no free number in " + request.country()
          + (request.service() == null ? "" : " for " + request.service()) + " right now; try again later"));
    }
    // Another renter may take a candidate between listing and claiming it: then try the next one.
    return rentNumber(candidates.get(i), request, duration)
        .recover(e -> Failure.of(e) == Failure.NUMBER_UNAVAILABLE
            ? rentFirst(candidates, i + 1, request, duration)
            : Future.failedFuture(e));
  }

  private Future<Rental> rentNumber(PoolNumber number, RentRequest request, Duration duration) {
    Instant now = clock.instant();
    return store.lastEndedRental(number.number()).compose(last -> {
      if (last.isPresent() && policy.coolingOff(last.get(), now)) {
        return Future.failedFuture(Failure.NUMBER_UNAVAILABLE.exception(
            "number " + number.number() + " is cooling off after its last rental; try another"));
      }
      Rental rental = new Rental(Secrets.sessionId(), number.number(), number.country(), request.service(),
          request.owner(), now, now.plus(duration), null, null);
      return store.startRental(rental).compose(started -> {
        if (started) {
          onStarted.accept(rental);
          return Future.succeededFuture(rental);
        }
        return Future.failedFuture(Failure.NUMBER_UNAVAILABLE.exception(
            "number " + number.number() + " is rented by someone else"));
      });
    });
  }

  /** Numbers that can be rented now. */
  Future<List<PoolNumber>> available(NumbersQuery query) {
    Instant now = clock.instant();
    return Future.all(store.numbers(), store.activeRentals()).compose(both -> {
      List<PoolNumber> numbers = both.resultAt(0);
      List<Rental> active = both.resultAt(1);
      Set<String> held = active.stream().map(Rental::number).collect(Collectors.toSet());
      List<PoolNumber> candidates = numbers.stream()
          .filter(n -> query.country() == null || query.country().equalsIgnoreCase(n.country()))
          .filter(n -> !held.contains(n.number()))
          .toList();
      List<Future<Optional<Rental>>> lastEnded = candidates.stream()
          .map(n -> store.lastEndedRental(n.number()))
          .toList();
      return Future.all(lastEnded).map(done -> {
        List<PoolNumber> free = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
          Optional<Rental> last = lastEnded.get(i).result();
          if (last.isEmpty() || !policy.coolingOff(last.get(), now)) {
            free.add(candidates.get(i));
          }
        }
        return free;
      });
    });
  }

  Future<List<PoolNumber>> directory(NumbersQuery query) {
    return store.numbers().map(all -> all.stream()
        .filter(n -> query.country() == null || query.country().equalsIgnoreCase(n.country()))
        .toList());
  }

  /** The session, if the query proves the right to see it (its owner, or a valid WebSocket token). */
  Future<Rental> session(SessionQuery query) {
    if (query.sessionId() == null || query.sessionId().isBlank()) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("session_id is required"));
    }
    Future<Boolean> allowed;
    if (query.wsToken() != null) {
      allowed = store.wsToken(query.wsToken(), clock.instant())
          .map(t -> t.isPresent() && t.get().sessionId().equals(query.sessionId()));
    } else if (query.owner() != null) {
      allowed = Future.succeededFuture(true);
    } else {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a session query needs an owner or a token"));
    }
    return allowed.compose(ok -> store.rental(query.sessionId()).compose(found -> {
      boolean visible = ok && found.isPresent()
          && (query.owner() == null || query.owner().equals(found.get().owner()));
      if (!visible) {
        return Future.failedFuture(Failure.SESSION_NOT_FOUND.exception(query.wsToken() != null
            ? "no session " + query.sessionId() + " for this token (tokens are short-lived: ask for a new one)"
            : "no session " + query.sessionId() + " for this API key"));
      }
      return Future.succeededFuture(found.get());
    }));
  }

  /** Ends the session now; releasing an ended session answers it as it is. */
  Future<Rental> release(SessionQuery query) {
    return session(query).compose(rental -> {
      if (rental.endedAt() != null) {
        return Future.succeededFuture(rental);
      }
      return end(rental, clock.instant(), RELEASED)
          .compose(ended -> ended.map(Future::succeededFuture)
              .orElseGet(() -> session(query)));
    });
  }

  Future<WsToken> wsToken(SessionQuery query) {
    return session(query).compose(rental -> {
      Instant now = clock.instant();
      if (rental.ended(now)) {
        return Future.failedFuture(Failure.SESSION_ENDED.exception("session " + rental.sessionId() + " has ended"));
      }
      Instant expires = now.plus(policy.wsTokenLifetime());
      WsToken token = new WsToken(rental.sessionId(), Secrets.wsToken(),
          expires.isAfter(rental.expiresAt()) ? rental.expiresAt() : expires);
      return store.putWsToken(token).map(token);
    });
  }

  /** The rental that a message received at {@code at} on this number belongs to, if any. */
  Future<Optional<Rental>> holder(String number, Instant at) {
    return store.activeRental(number).compose(active -> {
      if (active.isPresent() && policy.holds(active.get(), at)) {
        return Future.succeededFuture(active);
      }
      return store.lastEndedRental(number).map(last -> last.filter(r -> policy.holds(r, at)));
    });
  }

  /** Ends every rental whose window has passed; returns how many this call ended. */
  Future<Integer> expireDue() {
    Instant now = clock.instant();
    return store.activeRentals().compose(active -> {
      List<Future<Optional<Rental>>> ends = active.stream()
          .filter(r -> !now.isBefore(r.expiresAt()))
          .map(r -> end(r, r.expiresAt(), EXPIRED))
          .toList();
      return Future.all(ends).map(done -> (int) ends.stream().filter(f -> f.result().isPresent()).count());
    });
  }

  private Future<Optional<Rental>> end(Rental rental, Instant at, String reason) {
    return store.endRental(rental.sessionId(), at, reason).onSuccess(ended -> ended.ifPresent(onEnded));
  }
}
