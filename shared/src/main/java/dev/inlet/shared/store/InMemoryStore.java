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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The whole store in this JVM's memory, plain Java: for unit tests of the domain classes, and for a node
 * that wants nothing kept ({@code storage.kind = memory}). Every method is atomic (one monitor). Volatile.
 */
public final class InMemoryStore implements NumberPoolStore, InboxStore {

  private final TreeMap<String, NumberRecord> numbers = new TreeMap<>();
  private final Map<String, String> numberOfSession = new HashMap<>();
  /** Numbers whose rental holds them or ended recently: what expiry and live-rental reads look at. */
  private final Set<String> live = new LinkedHashSet<>();
  private final Map<String, List<StoredSms>> inboxes = new HashMap<>();
  private final List<StoredSms> unmatched = new ArrayList<>();
  private final Map<String, StoredSms> messages = new HashMap<>();
  private final Map<String, Dedup> dedup = new HashMap<>();
  private final Map<String, WsToken> tokens = new HashMap<>();
  /** The one valid token of each session that has one (issued, not used, not revoked). */
  private final Map<String, WsToken> sessionTokens = new HashMap<>();

  private final Map<String, PartSet> partSets = new HashMap<>();
  private final LinkedHashMap<String, DeliveryReceipt> receipts = new LinkedHashMap<>();

  /** The last message recorded under a dedup key; {@code keptClaimed}: named so, the horizon does not settle it. */
  private record Dedup(String messageId, Instant at, String arrival, boolean keptClaimed) {
  }

  /** Each session's horizon ({@link Settled#until}). */
  private final Map<String, Instant> horizons = new HashMap<>();

  /** The parts held of one concatenated message, or (deliveredAt set) the mark that it was recorded. */
  private static final class PartSet {
    private final int total;
    private final Instant firstAt;
    private final TreeMap<Integer, InboundSms> parts = new TreeMap<>();
    private Instant deliveredAt;

    private PartSet(int total, Instant firstAt) {
      this.total = total;
      this.firstAt = firstAt;
    }
  }

  private synchronized <T> Future<T> atomically(Callable<T> step) {
    try {
      return Future.succeededFuture(step.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private NumberRecord existing(String number) {
    NumberRecord r = numbers.get(number);
    if (r == null) {
      throw Failure.UNKNOWN_NUMBER.exception("number " + number + " is not in the pool");
    }
    return r;
  }

  // ---- numbers ------------------------------------------------------------------------------

  @Override
  public Future<Integer> addNumbers(List<PoolNumber> add) {
    return atomically(() -> {
      int added = 0;
      for (PoolNumber n : add) {
        if (numbers.putIfAbsent(n.number(), NumberRecord.fresh(n)) == null) {
          added++;
        }
      }
      return added;
    });
  }

  @Override
  public Future<Optional<NumberStatus>> number(String e164) {
    return atomically(() -> Optional.ofNullable(numbers.get(e164)).map(NumberRecord::status));
  }

  @Override
  public Future<List<NumberStatus>> numbers(NumberQuery q) {
    return atomically(() -> {
      List<NumberStatus> page = new ArrayList<>();
      for (NumberRecord r : (q.after() == null ? numbers : numbers.tailMap(q.after(), false)).values()) {
        if (page.size() >= q.limit()) {
          break;
        }
        if ((q.country() == null || q.country().equals(r.number.country()))
            && (q.freeAt() == null || r.freeFor(q.freeAt(), q.service()))) {
          page.add(r.status());
        }
      }
      return page;
    });
  }

  // ---- rentals ------------------------------------------------------------------------------

  @Override
  public Future<Rental> claim(ClaimRequest request) {
    return atomically(() -> {
      String known = numberOfSession.get(request.sessionId());
      if (known != null) {
        return numbers.get(known).rental(request.sessionId()).orElseThrow();
      }
      NumberRecord record;
      if (request.number() != null) {
        record = existing(request.number());
      } else {
        record = numbers.values().stream()
            .filter(r -> r.number.country().equals(request.country()) && r.freeFor(request.at(), request.service()))
            .findFirst()
            .orElseThrow(() -> Failure.NO_NUMBER_AVAILABLE.exception(Claims.noneFree(request)));
      }
      Rental rental = record.claim(request);
      numberOfSession.put(rental.sessionId(), rental.number());
      live.add(rental.number());
      return rental;
    });
  }

  @Override
  public Future<Optional<Rental>> rental(String sessionId) {
    return atomically(() -> Optional.ofNullable(numberOfSession.get(sessionId))
        .flatMap(n -> numbers.get(n).rental(sessionId)));
  }

  @Override
  public Future<Rental> extend(String sessionId, Instant newExpiry) {
    return atomically(() -> {
      String n = numberOfSession.get(sessionId);
      if (n == null) {
        throw Failure.SESSION_NOT_FOUND.exception("no session " + sessionId);
      }
      return numbers.get(n).extend(sessionId, newExpiry, Instant.now());
    });
  }

  @Override
  public Future<Optional<Rental>> end(String sessionId, Instant at, String reason, Duration cooldown) {
    return atomically(() -> Optional.ofNullable(numberOfSession.get(sessionId))
        .flatMap(n -> numbers.get(n).end(sessionId, at, reason, cooldown)));
  }

  @Override
  public Future<List<Rental>> expireDue(Instant now, Duration idle, Duration cooldown, int limit) {
    return atomically(() -> {
      List<Rental> ended = new ArrayList<>();
      for (String n : live) {
        if (ended.size() >= limit) {
          break;
        }
        NumberRecord r = numbers.get(n);
        r.due(now, idle).ifPresent(due -> r.end(due.sessionId(), due.endedAt(), due.endReason(), cooldown)
            .ifPresent(ended::add));
      }
      return ended;
    });
  }

  @Override
  public Future<Optional<Rental>> holder(String number, Instant at, Duration grace) {
    return atomically(() -> Optional.ofNullable(numbers.get(number)).flatMap(r -> r.holder(at, grace)));
  }

  @Override
  public Future<List<Rental>> liveRentals(Instant now, Instant endedAfter) {
    return atomically(() -> {
      List<Rental> out = new ArrayList<>();
      live.removeIf(n -> {
        List<Rental> receiving = numbers.get(n).rentals.stream()
            .filter(r -> !r.ended(now) || r.until().isAfter(endedAfter)).toList();
        out.addAll(receiving);
        return receiving.isEmpty() && !numbers.get(n).state.held();
      });
      return out;
    });
  }

  @Override
  public Future<List<Rental>> history(String number, int limit) {
    return atomically(() -> {
      List<Rental> all = new ArrayList<>(existing(number).rentals);
      java.util.Collections.reverse(all);
      return all.subList(0, Math.min(limit, all.size()));
    });
  }

  @Override
  public Future<Optional<Rental>> quarantine(String number, Instant at, Instant until, String reason,
                                            Duration cooldown) {
    return atomically(() -> existing(number).quarantine(at, until, reason, cooldown));
  }

  @Override
  public Future<NumberStatus> returnFromQuarantine(String number, Instant at, Duration cooldown) {
    return atomically(() -> {
      NumberRecord r = existing(number);
      r.returnFromQuarantine(at, cooldown);
      return r.status();
    });
  }

  @Override
  public Future<NumberStatus> setBlocked(String number, String service, boolean blocked) {
    return atomically(() -> {
      NumberRecord r = existing(number);
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
    return atomically(() -> {
      tokens.put(token.token(), token);
      return null;
    });
  }

  @Override
  public Future<Optional<WsToken>> wsToken(String token, Instant now) {
    return atomically(() -> Optional.ofNullable(tokens.get(token)).filter(t -> now.isBefore(t.expiresAt())));
  }

  @Override
  public Future<Void> issueWsToken(WsToken token) {
    return atomically(() -> {
      sessionTokens.put(token.sessionId(), token);
      return null;
    });
  }

  @Override
  public Future<Optional<WsToken>> redeemWsToken(String sessionId, String token, Instant now) {
    return atomically(() -> {
      WsToken valid = sessionTokens.get(sessionId);
      if (valid == null || !valid.token().equals(token)) {
        return Optional.<WsToken>empty();
      }
      sessionTokens.remove(sessionId);
      return Optional.of(valid).filter(t -> now.isBefore(t.expiresAt()));
    });
  }

  @Override
  public Future<Void> revokeWsTokens(String sessionId) {
    return atomically(() -> {
      sessionTokens.remove(sessionId);
      return null;
    });
  }

  // ---- messages -----------------------------------------------------------------------------

  @Override
  public Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow) {
    return atomically(() -> {
      NumberRecord number = existing(sms.to());
      if (sms.dedupKey() != null) {
        Dedup seen = dedup.get(sms.dedupKey());
        if (seen != null && sms.receivedAt().isBefore(seen.at().plus(dedupWindow)) && !settled(seen)) {
          return new Recorded(messages.get(seen.messageId()), true);
        }
        dedup.put(sms.dedupKey(), new Dedup(sms.id(), sms.receivedAt(), sms.arrival(), false));
      }
      Optional<Rental> holder = number.holder(sms.receivedAt(), grace);
      StoredSms stored = StoredSms.of(sms, holder.map(Rental::sessionId).orElse(null), code, sms.receivedAt());
      messages.put(stored.id(), stored);
      if (holder.isPresent()) {
        inboxes.computeIfAbsent(holder.get().sessionId(), s -> new ArrayList<>()).add(stored);
        number.smsReceived(holder.get().sessionId(), sms.receivedAt());
      } else {
        unmatched.add(stored);
      }
      return new Recorded(stored, false);
    });
  }

  @Override
  public Future<List<StoredSms>> inbox(String sessionId, String afterId, int limit) {
    return atomically(() -> Claims.page(inboxes.getOrDefault(sessionId, List.of()), afterId, limit)
        .stream().map(m -> messages.get(m.id())).toList());
  }

  @Override
  public Future<List<StoredSms>> unmatched(String afterId, int limit) {
    return atomically(() -> Claims.page(unmatched, afterId, limit).stream().map(m -> messages.get(m.id())).toList());
  }

  @Override
  public Future<Integer> purgeText(Instant before, int limit) {
    return atomically(() -> {
      int purged = 0;
      for (Map.Entry<String, StoredSms> e : messages.entrySet()) {
        StoredSms m = e.getValue();
        if (purged >= limit) {
          break;
        }
        if (m.text() != null && m.receivedAt().isBefore(before)) {
          e.setValue(new StoredSms(m.id(), m.sessionId(), m.to(), m.from(), null, null, m.receivedAt(), m.sentAt()));
          purged++;
        }
      }
      receipts.values().removeIf(r -> r.receivedAt().isBefore(before));
      partSets.values().removeIf(p -> p.deliveredAt != null && p.deliveredAt.isBefore(before));
      return purged;
    });
  }

  // ---- concatenated messages ----------------------------------------------------------------

  @Override
  public Future<HeldParts> holdPart(String setKey, InboundSms part) {
    return atomically(() -> {
      PartSet set = partSets.computeIfAbsent(setKey, k -> new PartSet(part.segment().total(), part.receivedAt()));
      if (set.deliveredAt != null) {
        return new HeldParts(HeldParts.Status.DELIVERED, List.of());
      }
      set.parts.putIfAbsent(part.segment().number(), part);
      return set.parts.size() >= set.total
          ? new HeldParts(HeldParts.Status.WHOLE, List.copyOf(set.parts.values()))
          : new HeldParts(HeldParts.Status.WAITING, List.of());
    });
  }

  @Override
  public Future<Void> partsDelivered(String setKey, Instant at) {
    return atomically(() -> {
      PartSet set = partSets.get(setKey);
      if (set != null && set.deliveredAt == null) {
        set.deliveredAt = at;
        set.parts.clear();
      }
      return null;
    });
  }

  @Override
  public Future<List<List<InboundSms>>> overdueParts(Instant firstBefore, int limit) {
    return atomically(() -> partSets.values().stream()
        .filter(p -> p.deliveredAt == null && p.firstAt.isBefore(firstBefore))
        .sorted(Comparator.comparing(p -> p.firstAt))
        .limit(limit)
        .map(p -> (List<InboundSms>) List.copyOf(p.parts.values()))
        .toList());
  }

  @Override
  public Future<Void> settle(Settled settled) {
    return atomically(() -> {
      for (DedupClaim c : settled.keptClaimed()) {
        dedup.computeIfPresent(c.dedupKey(), (k, d) -> d.messageId().equals(c.messageId())
            ? new Dedup(d.messageId(), d.at(), d.arrival(), true) : d);
      }
      for (DedupClaim c : settled.settled()) {
        dedup.computeIfPresent(c.dedupKey(), (k, d) -> d.messageId().equals(c.messageId()) ? null : d);
      }
      if (settled.arrival() != null && settled.until() != null) {
        horizons.merge(settled.arrival(), settled.until(), (a, b) -> a.isAfter(b) ? a : b);
      }
      return null;
    });
  }

  /** Whether the horizon of the session that brought it settled it. */
  private boolean settled(Dedup d) {
    Instant horizon = d.arrival() == null ? null : horizons.get(d.arrival());
    return !d.keptClaimed() && horizon != null && !d.at().isAfter(horizon);
  }

  // ---- delivery receipts --------------------------------------------------------------------

  @Override
  public Future<Void> recordReceipt(DeliveryReceipt receipt) {
    return atomically(() -> {
      receipts.putIfAbsent(receipt.id(), receipt);
      return null;
    });
  }

  @Override
  public Future<List<DeliveryReceipt>> receipts(String afterId, int limit) {
    return atomically(() -> {
      List<DeliveryReceipt> out = new ArrayList<>();
      boolean started = afterId == null || !receipts.containsKey(afterId);
      Iterator<DeliveryReceipt> it = receipts.values().iterator();
      while (it.hasNext() && out.size() < limit) {
        DeliveryReceipt r = it.next();
        if (started) {
          out.add(r);
        } else if (r.id().equals(afterId)) {
          started = true;
        }
      }
      return out;
    });
  }
}
