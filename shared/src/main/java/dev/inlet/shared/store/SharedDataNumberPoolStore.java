package dev.inlet.shared.store;

import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lab-mode pool store on Vert.x shared data: local maps on a standalone node, Hazelcast maps
 * across a cluster. Atomicity comes from the maps' putIfAbsent and removeIfPresent.
 */
public final class SharedDataNumberPoolStore implements NumberPoolStore {

  private final Vertx vertx;

  public SharedDataNumberPoolStore(Vertx vertx) {
    this.vertx = vertx;
  }

  private Future<AsyncMap<String, Object>> map(String name) {
    return vertx.sharedData().getAsyncMap("inlet.store." + name);
  }

  private Future<AsyncMap<String, Object>> numbersMap() {
    return map("numbers");
  }

  /** number -> session id of the rental that holds it. */
  private Future<AsyncMap<String, Object>> holdersMap() {
    return map("holders");
  }

  /** number -> session id of its last ended rental. */
  private Future<AsyncMap<String, Object>> lastEndedMap() {
    return map("last-ended");
  }

  /** session id -> rental. */
  private Future<AsyncMap<String, Object>> rentalsMap() {
    return map("rentals");
  }

  private Future<AsyncMap<String, Object>> tokensMap() {
    return map("ws-tokens");
  }

  @Override
  public Future<Void> addNumbers(List<PoolNumber> numbers) {
    return numbersMap().compose(m -> Future.all(numbers.stream()
        .map(n -> m.putIfAbsent(n.number(), StoredJson.encode(n)))
        .toList())).mapEmpty();
  }

  @Override
  public Future<List<PoolNumber>> numbers() {
    return numbersMap().compose(AsyncMap::entries).map(entries -> entries.values().stream()
        .map(v -> StoredJson.decode(v, PoolNumber.class))
        .sorted(Comparator.comparing(PoolNumber::number))
        .toList());
  }

  @Override
  public Future<Optional<PoolNumber>> number(String e164) {
    return numbersMap().compose(m -> m.get(e164))
        .map(v -> Optional.ofNullable(StoredJson.decode(v, PoolNumber.class)));
  }

  @Override
  public Future<Boolean> startRental(Rental rental) {
    // Write the rental first, then claim the number: a holder entry never points at a missing rental.
    return rentalsMap()
        .compose(m -> m.put(rental.sessionId(), StoredJson.encode(rental)))
        .compose(v -> holdersMap())
        .compose(h -> h.putIfAbsent(rental.number(), rental.sessionId()))
        .compose(previous -> {
          if (previous == null) {
            return Future.succeededFuture(true);
          }
          return rentalsMap().compose(m -> m.remove(rental.sessionId())).map(false);
        });
  }

  @Override
  public Future<Optional<Rental>> activeRental(String e164) {
    return holdersMap().compose(h -> h.get(e164))
        .compose(sid -> sid == null ? Future.succeededFuture(Optional.empty()) : rental((String) sid));
  }

  @Override
  public Future<Optional<Rental>> lastEndedRental(String e164) {
    return lastEndedMap().compose(h -> h.get(e164))
        .compose(sid -> sid == null ? Future.succeededFuture(Optional.empty()) : rental((String) sid));
  }

  @Override
  public Future<Optional<Rental>> rental(String sessionId) {
    return rentalsMap().compose(m -> m.get(sessionId))
        .map(v -> Optional.ofNullable(StoredJson.decode(v, Rental.class)));
  }

  @Override
  public Future<Optional<Rental>> endRental(String sessionId, Instant at, String reason) {
    return rental(sessionId).compose(found -> {
      if (found.isEmpty() || found.get().endedAt() != null) {
        return Future.succeededFuture(Optional.<Rental>empty());
      }
      Rental ended = found.get().end(at, reason);
      // Mark the number's last rental before freeing it, so a renter who finds it free also finds its
      // cooling-off (while the rental record still says active, it cools off until its expiry: the safe side).
      return lastEndedMap()
          .compose(l -> l.put(ended.number(), sessionId))
          .compose(v -> holdersMap())
          .compose(h -> h.removeIfPresent(ended.number(), sessionId))
          .compose(removed -> {
            if (!removed) {
              return Future.succeededFuture(Optional.<Rental>empty());
            }
            return rentalsMap()
                .compose(m -> m.put(sessionId, StoredJson.encode(ended)))
                .map(v -> Optional.of(ended));
          });
    });
  }

  @Override
  public Future<List<Rental>> activeRentals() {
    return holdersMap().compose(AsyncMap::entries).compose(entries -> {
      List<Future<Optional<Rental>>> lookups = new ArrayList<>();
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        lookups.add(rental((String) e.getValue()));
      }
      return Future.all(lookups).map(all -> lookups.stream()
          .map(Future::result)
          .flatMap(Optional::stream)
          .toList());
    });
  }

  @Override
  public Future<Void> putWsToken(WsToken token) {
    long ttl = Math.max(1, Duration.between(Instant.now(), token.expiresAt()).toMillis());
    return tokensMap().compose(m -> m.put(token.token(), StoredJson.encode(token), ttl));
  }

  @Override
  public Future<Optional<WsToken>> wsToken(String token, Instant now) {
    return tokensMap().compose(m -> m.get(token))
        .map(v -> Optional.ofNullable(StoredJson.decode(v, WsToken.class))
            .filter(t -> now.isBefore(t.expiresAt())));
  }
}
