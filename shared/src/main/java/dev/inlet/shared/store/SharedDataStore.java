package dev.inlet.shared.store;

import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.DedupClaim;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The embedded store of lab mode, on Vert.x shared data: local maps on a standalone node, Hazelcast maps
 * (with a backup) across a cluster. Each number, with its state and rental history, is one map entry that
 * changes only under the number's cluster-wide lock, so claims, ends and message records on one number are
 * atomic across nodes. Volatile: it lives as long as one node of the cluster does.
 */
public final class SharedDataStore implements NumberPoolStore, InboxStore {

  private static final long LOCK_TIMEOUT_MS = 10_000;
  private static final int CHANGE_ATTEMPTS = 100;
  private static final String UNMATCHED = "~unmatched";
  /** How often a duplicate looks for its original while the first delivery is still storing it (10 ms apart). */
  private static final int ORIGINAL_ATTEMPTS = 500;

  private final Vertx vertx;
  private final String prefix;

  public SharedDataStore(Vertx vertx) {
    this(vertx, "inlet.store.");
  }

  /** A store whose maps, counters and locks are named with {@code prefix} (tests keep stores apart with it). */
  public SharedDataStore(Vertx vertx, String prefix) {
    this.vertx = vertx;
    this.prefix = prefix;
  }

  private Future<AsyncMap<String, Object>> map(String name) {
    return vertx.sharedData().getAsyncMap(prefix + name);
  }

  /** Runs {@code step} under the cluster-wide lock {@code name}. */
  private <T> Future<T> locked(String name, Supplier<Future<T>> step) {
    return vertx.sharedData().getLockWithTimeout(prefix + "lock." + name, LOCK_TIMEOUT_MS)
        .recover(e -> Future.failedFuture(Failure.STORE_UNAVAILABLE.exception("store lock " + name + ": " + e.getMessage())))
        .compose(lock -> {
          Future<T> result;
          try {
            result = step.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          return result.andThen(ar -> lock.release());
        });
  }

  private Future<Optional<NumberRecord>> read(String number) {
    return map("numbers").compose(m -> m.get(number))
        .map(v -> Optional.ofNullable((JsonObject) v).map(NumberRecord::fromJson));
  }


  /**
   * Reads one number, applies {@code step} and writes the result back only if nobody changed the number meanwhile
   * (the map's compare-and-set, {@code replaceIfPresent}); otherwise reads again and retries. Every transition of a
   * number is therefore atomic across the cluster without a lock (cluster-wide locks were seen to admit two holders
   * at once between clustered Vert.x instances). {@code step} may throw a {@link Failure} exception; it must not have
   * side effects beyond the record, since it may run more than once. Nothing is written when the record is unchanged.
   */
  private <T> Future<T> change(String number, Function<NumberRecord, T> step) {
    return map("numbers").compose(m -> change(m, number, step, 1));
  }

  private <T> Future<T> change(AsyncMap<String, Object> numbers, String number, Function<NumberRecord, T> step,
                               int attempt) {
    return numbers.get(number).compose(v -> {
      if (v == null) {
        throw Failure.UNKNOWN_NUMBER.exception("number " + number + " is not in the pool");
      }
      JsonObject before = (JsonObject) v;
      NumberRecord r = NumberRecord.fromJson(before.copy());
      T result = step.apply(r);
      JsonObject after = r.toJson();
      if (after.equals(before)) {
        return Future.succeededFuture(result);
      }
      return numbers.replaceIfPresent(number, before, after).compose(replaced -> {
        if (replaced) {
          return Future.succeededFuture(result);
        }
        if (attempt >= CHANGE_ATTEMPTS) {
          return Future.failedFuture(Failure.STORE_UNAVAILABLE.exception(
              "number " + number + " changed under " + attempt + " attempts to change it; try again"));
        }
        return change(numbers, number, step, attempt + 1);
      });
    });
  }

  private Future<Optional<String>> numberOfSession(String sessionId) {
    return map("sessions").compose(m -> m.get(sessionId)).map(v -> Optional.ofNullable((String) v));
  }

  // ---- numbers ------------------------------------------------------------------------------

  @Override
  public Future<Integer> addNumbers(List<PoolNumber> numbers) {
    return locked("numbers", () -> map("numbers").compose(m -> {
      List<Future<Object>> puts = numbers.stream().map(n -> m.putIfAbsent(n.number(), NumberRecord.fresh(n).toJson())).toList();
      return Future.all(puts).map(all -> {
        List<PoolNumber> added = new ArrayList<>();
        for (int i = 0; i < puts.size(); i++) {
          if (puts.get(i).result() == null) {
            added.add(numbers.get(i));
          }
        }
        return added;
      });
    }).compose(added -> index(added).map(added.size())));
  }

  /** Adds numbers to the sorted list of all numbers (for paging) and of their country (for claims). */
  private Future<Void> index(List<PoolNumber> added) {
    if (added.isEmpty()) {
      return Future.succeededFuture();
    }
    return map("index").compose(m -> {
      List<Future<?>> writes = new ArrayList<>();
      writes.add(addToList(m, "*", added.stream().map(PoolNumber::number).toList()));
      added.stream().map(PoolNumber::country).distinct().forEach(c -> writes.add(addToList(m, c,
          added.stream().filter(n -> n.country().equals(c)).map(PoolNumber::number).toList())));
      return Future.all(writes).mapEmpty();
    });
  }

  private static Future<Void> addToList(AsyncMap<String, Object> m, String key, List<String> numbers) {
    return m.get(key).compose(v -> {
      List<String> all = new ArrayList<>();
      if (v != null) {
        ((JsonArray) v).forEach(o -> all.add((String) o));
      }
      all.addAll(numbers);
      Collections.sort(all);
      return m.put(key, new JsonArray(new ArrayList<>(all)));
    });
  }

  private Future<List<String>> indexed(String key) {
    return map("index").compose(m -> m.get(key)).map(v -> {
      List<String> all = new ArrayList<>();
      if (v != null) {
        ((JsonArray) v).forEach(o -> all.add((String) o));
      }
      return all;
    });
  }

  @Override
  public Future<Optional<NumberStatus>> number(String e164) {
    return read(e164).map(r -> r.map(NumberRecord::status));
  }

  @Override
  public Future<List<NumberStatus>> numbers(NumberQuery q) {
    return indexed(q.country() == null ? "*" : q.country()).compose(all -> {
      List<String> after = q.after() == null ? all : all.stream().filter(n -> n.compareTo(q.after()) > 0).toList();
      return collect(after, 0, q, new ArrayList<>());
    });
  }

  private Future<List<NumberStatus>> collect(List<String> candidates, int from, NumberQuery q, List<NumberStatus> page) {
    if (page.size() >= q.limit() || from >= candidates.size()) {
      return Future.succeededFuture(page);
    }
    List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + Math.max(q.limit(), 64)));
    List<Future<Optional<NumberRecord>>> reads = batch.stream().map(this::read).toList();
    return Future.all(reads).compose(done -> {
      for (Future<Optional<NumberRecord>> f : reads) {
        f.result().filter(r -> q.freeAt() == null || r.freeFor(q.freeAt(), q.service()))
            .filter(r -> page.size() < q.limit())
            .ifPresent(r -> page.add(r.status()));
      }
      return collect(candidates, from + batch.size(), q, page);
    });
  }

  // ---- rentals ------------------------------------------------------------------------------

  @Override
  public Future<Rental> claim(ClaimRequest request) {
    return numberOfSession(request.sessionId()).compose(known -> {
      if (known.isPresent()) {
        return read(known.get()).map(r -> r.orElseThrow().rental(request.sessionId()).orElseThrow());
      }
      if (request.number() != null) {
        return claimNumber(request.number(), request);
      }
      // the country's numbers in a random order, read a few at a time: a claim costs what it takes to find a free
      // number (one batch while the pool has room), not a read of every number of the country
      return indexed(request.country() == null ? "*" : request.country()).compose(all -> {
        List<String> candidates = new ArrayList<>(all);
        Collections.shuffle(candidates);
        return claimIn(candidates, 0, request);
      });
    });
  }

  private static final int CLAIM_BATCH = 16;

  private Future<Rental> claimIn(List<String> candidates, int from, ClaimRequest request) {
    if (from >= candidates.size()) {
      return Future.failedFuture(Failure.NO_NUMBER_AVAILABLE.exception(Claims.noneFree(request)));
    }
    List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + CLAIM_BATCH));
    List<Future<Optional<NumberRecord>>> reads = batch.stream().map(this::read).toList();
    return Future.all(reads).compose(done -> {
      List<String> free = new ArrayList<>();
      for (Future<Optional<NumberRecord>> f : reads) {
        f.result().filter(r -> r.freeFor(request.at(), request.service())).ifPresent(r -> free.add(r.number.number()));
      }
      return claimFirst(free, 0, request).recover(e -> Failure.of(e) == Failure.NO_NUMBER_AVAILABLE
          ? claimIn(candidates, from + batch.size(), request) : Future.failedFuture(e));
    });
  }

  private Future<Rental> claimFirst(List<String> candidates, int i, ClaimRequest request) {
    if (i >= candidates.size()) {
      return Future.failedFuture(Failure.NO_NUMBER_AVAILABLE.exception(Claims.noneFree(request)));
    }
    // another renter may take a candidate between the read and the claim: then the next one
    return claimNumber(candidates.get(i), request)
        .recover(e -> Failure.of(e) == Failure.NUMBER_UNAVAILABLE
            ? claimFirst(candidates, i + 1, request) : Future.failedFuture(e));
  }

  private Future<Rental> claimNumber(String number, ClaimRequest request) {
    return change(number, r -> r.claim(request))
        .compose(rental -> Future.all(
                map("sessions").compose(m -> m.put(rental.sessionId(), rental.number())),
                map("live").compose(m -> m.put(rental.number(), Boolean.TRUE)))
            .map(rental));
  }

  @Override
  public Future<Optional<Rental>> rental(String sessionId) {
    return numberOfSession(sessionId).compose(n -> n.isEmpty() ? Future.succeededFuture(Optional.<Rental>empty())
        : read(n.get()).map(r -> r.flatMap(x -> x.rental(sessionId))));
  }

  @Override
  public Future<Rental> extend(String sessionId, Instant newExpiry) {
    return numberOfSession(sessionId).compose(n -> n.isEmpty()
        ? Future.failedFuture(Failure.SESSION_NOT_FOUND.exception("no session " + sessionId))
        : change(n.get(), r -> r.extend(sessionId, newExpiry, Instant.now())));
  }

  @Override
  public Future<Optional<Rental>> end(String sessionId, Instant at, String reason, Duration cooldown) {
    return numberOfSession(sessionId).compose(n -> n.isEmpty() ? Future.succeededFuture(Optional.<Rental>empty())
        : change(n.get(), r -> r.end(sessionId, at, reason, cooldown)));
  }

  @Override
  public Future<List<Rental>> expireDue(Instant now, Duration idle, Duration cooldown, int limit) {
    return map("live").compose(AsyncMap::keys)
        .compose(numbers -> expireEach(new ArrayList<>(numbers), 0, now, idle, cooldown, limit, new ArrayList<>()));
  }

  private Future<List<Rental>> expireEach(List<String> numbers, int i, Instant now, Duration idle, Duration cooldown,
                                          int limit, List<Rental> ended) {
    if (i >= numbers.size() || ended.size() >= limit) {
      return Future.succeededFuture(ended);
    }
    return change(numbers.get(i), r -> r.due(now, idle)
            .flatMap(due -> r.end(due.sessionId(), due.endedAt(), due.endReason(), cooldown)))
        .compose(one -> {
          one.ifPresent(ended::add);
          return expireEach(numbers, i + 1, now, idle, cooldown, limit, ended);
        });
  }

  @Override
  public Future<Optional<Rental>> holder(String number, Instant at, Duration grace) {
    return read(number).map(r -> r.flatMap(x -> x.holder(at, grace)));
  }

  @Override
  public Future<List<Rental>> liveRentals(Instant now, Instant endedAfter) {
    return map("live").compose(live -> live.keys().compose(numbers -> {
      List<Future<List<Rental>>> reads = numbers.stream().map(n -> read(n).compose(r -> {
        List<Rental> rentals = r.map(x -> x.rentals.stream()
            .filter(rt -> !rt.ended(now) || rt.until().isAfter(endedAfter)).toList()).orElse(List.of());
        boolean held = r.map(x -> x.state.held()).orElse(false);
        return rentals.isEmpty() && !held ? live.remove(n).map(rentals) : Future.succeededFuture(rentals);
      })).toList();
      return Future.all(reads).map(done -> reads.stream().flatMap(f -> f.result().stream())
          .sorted(Comparator.comparing(Rental::startedAt)).toList());
    }));
  }

  @Override
  public Future<List<Rental>> history(String number, int limit) {
    return read(number).map(r -> {
      List<Rental> all = new ArrayList<>(r.orElseThrow(() -> Failure.UNKNOWN_NUMBER.exception(
          "number " + number + " is not in the pool")).rentals);
      Collections.reverse(all);
      return all.subList(0, Math.min(limit, all.size()));
    });
  }

  @Override
  public Future<Optional<Rental>> quarantine(String number, Instant at, Instant until, String reason,
                                            Duration cooldown) {
    return change(number, r -> r.quarantine(at, until, reason, cooldown));
  }

  @Override
  public Future<NumberStatus> returnFromQuarantine(String number, Instant at, Duration cooldown) {
    return change(number, r -> {
      r.returnFromQuarantine(at, cooldown);
      return r.status();
    });
  }

  @Override
  public Future<NumberStatus> setBlocked(String number, String service, boolean blocked) {
    return change(number, r -> {
      if (blocked) {
        r.blocked.add(service);
      } else {
        r.blocked.remove(service);
      }
      return r.status();
    });
  }

  @Override
  public Future<Void> putWsToken(WsToken token) {
    long ttl = Math.max(1, Duration.between(Instant.now(), token.expiresAt()).toMillis());
    return map("ws-tokens").compose(m -> m.put(token.token(), JsonObject.mapFrom(token), ttl));
  }

  @Override
  public Future<Optional<WsToken>> wsToken(String token, Instant now) {
    return map("ws-tokens").compose(m -> m.get(token))
        .map(v -> Optional.ofNullable((JsonObject) v).map(j -> j.mapTo(WsToken.class))
            .filter(t -> now.isBefore(t.expiresAt())));
  }

  /*
   * The session's one valid token is the value "<token> <expiry in epoch ms>" under its session id: issuing
   * overwrites it, redeeming removes exactly that value (the map's atomic removeIfPresent: of two nodes
   * presenting it at once, one wins), revoking removes the key.
   */

  @Override
  public Future<Void> issueWsToken(WsToken token) {
    long ttl = Math.max(1, Duration.between(Instant.now(), token.expiresAt()).toMillis());
    return map("ws-session-tokens").compose(m -> m.put(token.sessionId(),
        token.token() + " " + token.expiresAt().toEpochMilli(), ttl));
  }

  @Override
  public Future<Optional<WsToken>> redeemWsToken(String sessionId, String token, Instant now) {
    return map("ws-session-tokens").compose(m -> m.get(sessionId).compose(v -> {
      String[] parts = v instanceof String s ? s.split(" ", 2) : new String[0];
      if (parts.length != 2 || !parts[0].equals(token)) {
        return Future.succeededFuture(Optional.<WsToken>empty());
      }
      Instant expires = Instant.ofEpochMilli(Long.parseLong(parts[1]));
      return m.removeIfPresent(sessionId, v).map(removed -> removed && now.isBefore(expires)
          ? Optional.of(new WsToken(sessionId, token, expires)) : Optional.<WsToken>empty());
    }));
  }

  @Override
  public Future<Void> revokeWsTokens(String sessionId) {
    return map("ws-session-tokens").compose(m -> m.remove(sessionId)).mapEmpty();
  }

  // ---- messages -----------------------------------------------------------------------------

  @Override
  public Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
    // the dedup key is claimed first, with the map's own atomic operations: of concurrent deliveries of one
    // message, on any node, exactly one goes on to store it
    return claimDedupKey(sms, dedupWindow).compose(original -> original.isPresent()
        ? originalOf(original.get(), 0).map(m -> new Recorded(m, true))
        : change(sms.to(), number -> {
          Optional<Rental> holder = number.holder(sms.receivedAt(), grace);
          holder.ifPresent(h -> number.smsReceived(h.sessionId(), sms.receivedAt()));
          return StoredSms.of(sms, holder.map(Rental::sessionId).orElse(null), code, sms.receivedAt());
        }).compose(stored -> append(stored).map(new Recorded(stored, false)))
        .recover(e -> releaseDedupKey(sms).transform(v -> Future.failedFuture(e))));
  }

  /**
   * Claims the message's dedup key for it: empty when this delivery stores the message (new key, or one seen
   * longer ago than the window), else the id of the message that holds the key.
   */
  private Future<Optional<String>> claimDedupKey(InboundSms sms, Duration window) {
    if (sms.dedupKey() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    JsonObject mine = claim(sms);
    return map("dedup").compose(m -> m.putIfAbsent(sms.dedupKey(), mine).compose(existing -> {
      if (existing == null) {
        return Future.succeededFuture(Optional.<String>empty());
      }
      JsonObject seen = (JsonObject) existing;
      Future<Boolean> claimed = sms.receivedAt().isBefore(seen.getInstant("at").plus(window))
          ? settled(seen).map(settled -> !settled)
          : Future.succeededFuture(false);
      return claimed.compose(yes -> yes
          ? Future.succeededFuture(Optional.of(seen.getString("id")))
          // seen before the window, or settled: take the key over, unless another delivery just did
          : m.replaceIfPresent(sms.dedupKey(), seen, mine).compose(replaced -> replaced
              ? Future.succeededFuture(Optional.<String>empty()) : claimDedupKey(sms, window)));
    }));
  }

  private static JsonObject claim(InboundSms sms) {
    return new JsonObject().put("id", sms.id()).put("at", sms.receivedAt()).put("arrival", sms.arrival());
  }

  /** Whether the horizon of the session that brought the claimed message settled it. */
  private Future<Boolean> settled(JsonObject claim) {
    String arrival = claim.getString("arrival");
    if (arrival == null || claim.getBoolean("keptClaimed", false)) {
      return Future.succeededFuture(false);
    }
    return map("horizons").compose(m -> m.get(arrival))
        .map(horizon -> horizon != null && !claim.getInstant("at").isAfter(Instant.parse((String) horizon)));
  }

  /** A delivery that claimed a key but could not store its message gives the key back, so a retry can store it. */
  private Future<Void> releaseDedupKey(InboundSms sms) {
    if (sms.dedupKey() == null) {
      return Future.succeededFuture();
    }
    return map("dedup").compose(m -> m.removeIfPresent(sms.dedupKey(), claim(sms))).mapEmpty();
  }

  /** The original of a duplicate; its delivery may still be storing it (on another node): then a moment later. */
  private Future<StoredSms> originalOf(String id, int attempt) {
    return message(id).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      if (attempt >= ORIGINAL_ATTEMPTS) {
        return Future.failedFuture(Failure.STORE_UNAVAILABLE.exception(
            "the first delivery of this message (" + id + ") is still being stored; deliver it again"));
      }
      return vertx.timer(10).compose(t -> originalOf(id, attempt + 1));
    });
  }

  private Future<Optional<StoredSms>> message(String id) {
    return map("messages").compose(m -> m.get(id))
        .map(v -> Optional.ofNullable((JsonObject) v).map(j -> j.getJsonObject("sms").mapTo(StoredSms.class)));
  }

  /**
   * Stores the message, then gives it the first free position of its inbox (or of the archive). Positions are taken
   * with {@code putIfAbsent}, one after the other from the inbox's head, so an inbox never has a hole: a position is
   * only ever taken after every lower one was, and a reader that stops at the first free position skips nothing that
   * is stored later (a counter incremented before the position is written would let a reader pass an empty one that
   * is filled a moment later).
   */
  private Future<Void> append(StoredSms stored) {
    String scope = stored.sessionId() == null ? UNMATCHED : stored.sessionId();
    JsonObject sms = JsonObject.mapFrom(stored);
    return map("messages").compose(messages -> messages.put(stored.id(), new JsonObject().put("sms", sms))
        .compose(v -> vertx.sharedData().getCounter(prefix + "seq." + scope))
        .compose(head -> head.get()
            .compose(h -> takePosition(scope, stored.id(), h + 1))
            .compose(seq -> messages.put(stored.id(), new JsonObject().put("seq", seq).put("sms", sms))
                .compose(v -> advance(head, seq)))));
  }

  private Future<Long> takePosition(String scope, String id, long position) {
    return map("positions").compose(m -> m.putIfAbsent(scope + "#" + position, id))
        .compose(taken -> taken == null || taken.equals(id)
            ? Future.succeededFuture(position)
            : takePosition(scope, id, position + 1));
  }

  /** Moves an inbox's head (where writers start looking for a free position) up to {@code seq}. */
  private static Future<Void> advance(Counter head, long seq) {
    return head.get().compose(h -> h >= seq ? Future.<Void>succeededFuture()
        : head.compareAndSet(h, seq).compose(done -> done ? Future.<Void>succeededFuture() : advance(head, seq)));
  }

  @Override
  public Future<List<StoredSms>> inbox(String sessionId, String afterId, int limit) {
    return page(sessionId, afterId, limit);
  }

  @Override
  public Future<List<StoredSms>> unmatched(String afterId, int limit) {
    return page(UNMATCHED, afterId, limit);
  }

  private Future<List<StoredSms>> page(String scope, String afterId, int limit) {
    Future<Long> after = afterId == null ? Future.succeededFuture(0L) : positionOf(afterId, 0);
    return after.compose(a -> idsFrom(scope, a + 1, limit, new ArrayList<>())).compose(ids -> {
      List<Future<Optional<StoredSms>>> reads = ids.stream().map(this::message).toList();
      return Future.all(reads).map(all -> reads.stream().flatMap(f -> f.result().stream()).toList());
    });
  }

  private static final int SLOTS_PER_READ = 64;

  /** The ids at positions {@code from}, {@code from + 1}, ... up to the first free one, at most {@code limit}. */
  private Future<List<String>> idsFrom(String scope, long from, int limit, List<String> ids) {
    int n = Math.min(limit - ids.size(), SLOTS_PER_READ);
    if (n <= 0) {
      return Future.succeededFuture(ids);
    }
    List<Future<Object>> slots = new ArrayList<>();
    for (long i = from; i < from + n; i++) {
      String position = scope + "#" + i;
      slots.add(map("positions").compose(m -> m.get(position)));
    }
    return Future.all(slots).compose(done -> {
      for (Future<Object> slot : slots) {
        if (slot.result() == null) {
          return Future.succeededFuture(ids); // the first free position: nothing after it is stored yet
        }
        ids.add((String) slot.result());
      }
      return idsFrom(scope, from + n, limit, ids);
    });
  }

  /**
   * The position of a message in its inbox; 0 for a message this store does not know. A message just stored may get
   * its position a moment later (see {@link #append}): then it is asked again.
   */
  private Future<Long> positionOf(String id, int attempt) {
    return map("messages").compose(m -> m.get(id)).compose(v -> {
      if (v == null) {
        return Future.succeededFuture(0L);
      }
      Long seq = ((JsonObject) v).getLong("seq");
      if (seq != null) {
        return Future.succeededFuture(seq);
      }
      if (attempt >= ORIGINAL_ATTEMPTS) {
        return Future.failedFuture(Failure.STORE_UNAVAILABLE.exception(
            "message " + id + " is still being stored; ask again"));
      }
      return vertx.timer(10).compose(t -> positionOf(id, attempt + 1));
    });
  }

  @Override
  public Future<Integer> purgeText(Instant before, int limit) {
    return map("messages").compose(m -> m.entries().compose(entries -> {
      List<Future<Void>> purges = entries.entrySet().stream()
          .filter(e -> {
            JsonObject sms = ((JsonObject) e.getValue()).getJsonObject("sms");
            return sms.getString("text") != null && sms.getInstant("receivedAt").isBefore(before);
          })
          .limit(limit)
          .map(e -> {
            JsonObject entry = ((JsonObject) e.getValue()).copy();
            entry.getJsonObject("sms").putNull("text").putNull("code");
            return m.put(e.getKey(), entry);
          })
          .toList();
      return Future.all(purges).map(purges.size());
    })).compose(n -> purgeReceiptsAndMarks(before).map(n));
  }

  private Future<Void> purgeReceiptsAndMarks(Instant before) {
    Future<Void> receipts = map("receipts").compose(m -> m.entries().compose(entries -> Future.all(entries.entrySet()
        .stream().filter(e -> ((JsonObject) e.getValue()).getJsonObject("receipt").getInstant("receivedAt").isBefore(before))
        .map(e -> m.remove(e.getKey())).toList()).mapEmpty()));
    Future<Void> marks = map("partsets").compose(m -> m.entries().compose(entries -> Future.all(entries.entrySet()
        .stream().filter(e -> {
          Instant delivered = ((JsonObject) e.getValue()).getInstant("deliveredAt");
          return delivered != null && delivered.isBefore(before);
        })
        .map(e -> m.remove(e.getKey())).toList()).mapEmpty()));
    return Future.all(receipts, marks).mapEmpty();
  }

  // ---- concatenated messages ----------------------------------------------------------------

  @Override
  public Future<HeldParts> holdPart(String setKey, InboundSms part) {
    return map("partsets").compose(m -> holdPart(m, setKey, part, 1));
  }

  /** Adds the part to its set with the map's compare-and-set (as {@link #change}): two nodes never lose a part. */
  private Future<HeldParts> holdPart(AsyncMap<String, Object> sets, String setKey, InboundSms part, int attempt) {
    return sets.get(setKey).compose(v -> {
      JsonObject current = (JsonObject) v;
      JsonObject set = current != null ? current.copy() : new JsonObject().put("total", part.segment().total())
          .put("firstAt", part.receivedAt()).put("parts", new JsonObject());
      if (set.getInstant("deliveredAt") != null) {
        return Future.succeededFuture(new HeldParts(HeldParts.Status.DELIVERED, List.of()));
      }
      JsonObject parts = set.getJsonObject("parts");
      String number = Integer.toString(part.segment().number());
      if (parts.containsKey(number)) {
        return Future.succeededFuture(held(set));
      }
      parts.put(number, PartJson.write(part));
      Future<Boolean> written = current == null
          ? sets.putIfAbsent(setKey, set).map(Objects::isNull)
          : sets.replaceIfPresent(setKey, current, set);
      return written.compose(ok -> {
        if (ok) {
          return Future.succeededFuture(held(set));
        }
        if (attempt >= CHANGE_ATTEMPTS) {
          return Future.failedFuture(Failure.STORE_UNAVAILABLE.exception(
              "parts of " + setKey + " changed under " + attempt + " attempts to add one; try again"));
        }
        return holdPart(sets, setKey, part, attempt + 1);
      });
    });
  }

  private static HeldParts held(JsonObject set) {
    return set.getJsonObject("parts").size() >= set.getInteger("total")
        ? new HeldParts(HeldParts.Status.WHOLE, partsOf(set))
        : new HeldParts(HeldParts.Status.WAITING, List.of());
  }

  /** The parts of a held set, in order. */
  private static List<InboundSms> partsOf(JsonObject set) {
    JsonObject parts = set.getJsonObject("parts");
    return parts.fieldNames().stream().map(Integer::parseInt).sorted()
        .map(n -> PartJson.read(parts.getString(Integer.toString(n)))).toList();
  }

  @Override
  public Future<Void> partsDelivered(String setKey, Instant at) {
    return map("partsets").compose(m -> partsDelivered(m, setKey, at, 1));
  }

  private Future<Void> partsDelivered(AsyncMap<String, Object> sets, String setKey, Instant at, int attempt) {
    return sets.get(setKey).compose(v -> {
      if (v == null || ((JsonObject) v).getInstant("deliveredAt") != null) {
        return Future.succeededFuture();
      }
      JsonObject set = ((JsonObject) v).copy().put("deliveredAt", at).put("parts", new JsonObject());
      return sets.replaceIfPresent(setKey, v, set).compose(ok -> ok || attempt >= CHANGE_ATTEMPTS
          ? Future.<Void>succeededFuture()
          : partsDelivered(sets, setKey, at, attempt + 1));
    });
  }

  @Override
  public Future<List<List<InboundSms>>> overdueParts(Instant firstBefore, int limit) {
    return map("partsets").compose(m -> m.entries()).map(entries -> entries.values().stream()
        .map(v -> (JsonObject) v)
        .filter(set -> set.getInstant("deliveredAt") == null && set.getInstant("firstAt").isBefore(firstBefore))
        .sorted(Comparator.comparing(set -> set.getInstant("firstAt")))
        .limit(limit)
        .map(SharedDataStore::partsOf)
        .toList());
  }

  @Override
  public Future<Void> settle(Settled settled) {
    return map("dedup").compose(m -> {
      List<Future<?>> changes = new ArrayList<>();
      settled.keptClaimed().forEach(c -> changes.add(changeClaim(m, c, true)));
      settled.settled().forEach(c -> changes.add(changeClaim(m, c, false)));
      return Future.all(changes);
    }).compose(v -> settled.arrival() == null || settled.until() == null
        ? Future.succeededFuture()
        : map("horizons").compose(h -> moveHorizon(h, settled.arrival(), settled.until()))).mapEmpty();
  }

  /** Marks the claim {@code c} kept (when it is still the key's), or ({@code keep} false) settles it: removes it. */
  private Future<Void> changeClaim(AsyncMap<String, Object> m, DedupClaim c, boolean keep) {
    return m.get(c.dedupKey()).compose(found -> {
      JsonObject seen = (JsonObject) found;
      if (seen == null || !c.messageId().equals(seen.getString("id"))) {
        return Future.succeededFuture();
      }
      Future<Boolean> changed = keep
          ? m.replaceIfPresent(c.dedupKey(), seen, seen.copy().put("keptClaimed", true))
          : m.removeIfPresent(c.dedupKey(), seen);
      return changed.compose(done -> done ? Future.succeededFuture() : changeClaim(m, c, keep));
    });
  }

  /** A session's horizon only moves on. */
  private Future<Void> moveHorizon(AsyncMap<String, Object> h, String arrival, Instant until) {
    return h.putIfAbsent(arrival, until.toString()).compose(existing -> {
      if (existing == null || !Instant.parse((String) existing).isBefore(until)) {
        return Future.succeededFuture();
      }
      return h.replaceIfPresent(arrival, existing, until.toString())
          .compose(done -> done ? Future.succeededFuture() : moveHorizon(h, arrival, until));
    });
  }

  // ---- delivery receipts --------------------------------------------------------------------

  @Override
  public Future<Void> recordReceipt(DeliveryReceipt receipt) {
    return vertx.sharedData().getCounter(prefix + "seq.receipts").compose(c -> c.incrementAndGet())
        .compose(seq -> map("receipts").compose(m -> m.putIfAbsent(receipt.id(),
            new JsonObject().put("seq", seq).put("receipt", JsonObject.mapFrom(receipt)))))
        .mapEmpty();
  }

  @Override
  public Future<List<DeliveryReceipt>> receipts(String afterId, int limit) {
    return map("receipts").compose(m -> m.entries()).map(entries -> {
      JsonObject after = afterId == null ? null : (JsonObject) entries.get(afterId);
      long from = after == null ? 0 : after.getLong("seq");
      return entries.values().stream().map(v -> (JsonObject) v)
          .filter(e -> e.getLong("seq") > from)
          .sorted(Comparator.comparing(e -> e.getLong("seq")))
          .limit(limit)
          .map(e -> e.getJsonObject("receipt").mapTo(DeliveryReceipt.class))
          .toList();
    });
  }
}
