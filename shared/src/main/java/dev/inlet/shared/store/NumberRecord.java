package dev.inlet.shared.store;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.store.NumberLifecycle.NumberState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One number with its state, blocklist and rental history: the unit the in-memory and embedded stores
 * change atomically (under a lock of their own). Plain Java; the rules of state are {@link NumberLifecycle}'s.
 */
final class NumberRecord {

  /** Rentals kept per number by the volatile stores (the oldest are dropped first). */
  static final int HISTORY_LIMIT = 1000;

  final PoolNumber number;
  NumberState state;
  final TreeSet<String> blocked;
  /** Oldest first. */
  final List<Rental> rentals;

  NumberRecord(PoolNumber number, NumberState state, List<String> blocked, List<Rental> rentals) {
    this.number = number;
    this.state = state;
    this.blocked = new TreeSet<>(blocked);
    this.rentals = new ArrayList<>(rentals);
  }

  static NumberRecord fresh(PoolNumber number) {
    return new NumberRecord(number, NumberState.FREE, List.of(), List.of());
  }

  NumberStatus status() {
    return new NumberStatus(number, state, List.copyOf(blocked));
  }

  boolean freeFor(Instant at, String service) {
    return NumberLifecycle.effective(state, at).state() == NumberLifecycle.State.FREE
        && (service == null || !blocked.contains(service));
  }

  Optional<Rental> rental(String sessionId) {
    for (int i = rentals.size() - 1; i >= 0; i--) {
      if (rentals.get(i).sessionId().equals(sessionId)) {
        return Optional.of(rentals.get(i));
      }
    }
    return Optional.empty();
  }

  private void replace(Rental updated) {
    for (int i = rentals.size() - 1; i >= 0; i--) {
      if (rentals.get(i).sessionId().equals(updated.sessionId())) {
        rentals.set(i, updated);
        return;
      }
    }
  }

  Rental claim(ClaimRequest r) {
    state = NumberLifecycle.claim(number.number(), state, r.at(), r.service() != null && blocked.contains(r.service()),
        r.service(), r.sessionId());
    Rental rental = new Rental(r.sessionId(), number.number(), number.country(), r.service(), r.owner(), r.at(),
        r.expiresAt(), null, null, null);
    rentals.add(rental);
    if (rentals.size() > HISTORY_LIMIT) {
      rentals.remove(0);
    }
    return rental;
  }

  Optional<Rental> end(String sessionId, Instant at, String reason, Duration cooldown) {
    Optional<Rental> ended = rental(sessionId).filter(r -> r.endedAt() == null).map(r -> r.end(at, reason));
    ended.ifPresent(r -> {
      replace(r);
      state = NumberLifecycle.end(state, sessionId, r.until().plus(cooldown));
    });
    return ended;
  }

  Rental extend(String sessionId, Instant newExpiry, Instant now) {
    Rental r = rental(sessionId).orElseThrow(() -> Failure.SESSION_NOT_FOUND.exception("no session " + sessionId));
    if (r.ended(now)) {
      throw Failure.SESSION_ENDED.exception("session " + sessionId + " has ended");
    }
    Rental extended = r.extendedTo(newExpiry);
    replace(extended);
    return extended;
  }

  /** The rental a message received at {@code at} belongs to (the newest one that holds it). */
  Optional<Rental> holder(Instant at, Duration grace) {
    for (int i = rentals.size() - 1; i >= 0; i--) {
      if (rentals.get(i).holds(at, grace)) {
        return Optional.of(rentals.get(i));
      }
    }
    return Optional.empty();
  }

  void smsReceived(String sessionId, Instant at) {
    rental(sessionId).ifPresent(r -> replace(r.withSmsAt(at)));
    state = NumberLifecycle.smsReceived(state, sessionId);
  }

  /** The rental due to end at {@code now} and why, if any. */
  Optional<Rental> due(Instant now, Duration idle) {
    if (!state.held()) {
      return Optional.empty();
    }
    return rental(state.sessionId()).filter(r -> r.endedAt() == null).flatMap(r -> {
      if (!now.isBefore(r.expiresAt())) {
        return Optional.of(r.end(r.expiresAt(), "EXPIRED"));
      }
      if (idle != null) {
        Instant idleAt = (r.lastSmsAt() == null ? r.startedAt() : r.lastSmsAt()).plus(idle);
        if (!now.isBefore(idleAt)) {
          return Optional.of(r.end(idleAt, "IDLE"));
        }
      }
      return Optional.empty();
    });
  }

  Optional<Rental> quarantine(Instant at, Instant until, String reason, Duration cooldown) {
    Optional<Rental> ended = state.held() ? end(state.sessionId(), at, "QUARANTINED", cooldown) : Optional.empty();
    state = NumberLifecycle.quarantine(state, until, reason);
    return ended;
  }

  void returnFromQuarantine(Instant at, Duration cooldown) {
    Instant coolUntil = rentals.isEmpty() ? null : rentals.get(rentals.size() - 1).until().plus(cooldown);
    state = NumberLifecycle.returnFromQuarantine(state, at, coolUntil);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("number", JsonObject.mapFrom(number))
        .put("state", JsonObject.mapFrom(state))
        .put("blocked", new ArrayList<>(blocked))
        .put("rentals", rentals.stream().map(JsonObject::mapFrom).toList());
  }

  static NumberRecord fromJson(JsonObject json) {
    List<Rental> rentals = new ArrayList<>();
    json.getJsonArray("rentals").forEach(o -> rentals.add(((JsonObject) o).mapTo(Rental.class)));
    List<String> blocked = new ArrayList<>();
    json.getJsonArray("blocked").forEach(o -> blocked.add((String) o));
    return new NumberRecord(json.getJsonObject("number").mapTo(PoolNumber.class),
        json.getJsonObject("state").mapTo(NumberState.class), blocked, rentals);
  }
}
