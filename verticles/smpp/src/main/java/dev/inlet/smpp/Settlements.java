package dev.inlet.smpp;

import dev.inlet.shared.message.DedupClaim;
import dev.inlet.shared.message.Settled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Scopes the dedup of one bind to what can really be a retry. A message's dedup key stays claimed in the store (so a
 * later delivery with the same key is taken for a retry and answered with the original) unless the SMSC surely has
 * our ESME_ROK for it: then the message is settled, and the same text again is a new message.
 *
 * <p>A message is settled when its deliver_sm was answered ESME_ROK within {@code answeredWithinMs} of its arrival
 * (a slower answer may have come after the SMSC gave up waiting: the SMSC will deliver it again), the response was
 * written, and the session lived on for {@code settleAfterMs} (a response written just before the connection died
 * may never have reached the SMSC, which then delivers the message again on its next bind). Messages of a lost
 * session are never settled. A message is settled early when the same key comes again on the live session: the SMSC
 * had our answer (it is not retrying on the session that answered it), so the new message is a genuine one.
 *
 * <p>Settling costs nothing per message: each session ({@link #arrival}, stamped on its messages) tells the store its
 * horizon, {@code now - settleAfterMs - answeredWithinMs} but never past a message still unanswered, and everything
 * that arrived on it up to the horizon is settled, except the messages kept claimed (answered late or with an error),
 * named in the same request. One request at a time, at most once per {@link #FLUSH_INTERVAL_MS} (checked as messages
 * arrive), and a message is never held back by it. Messages answered OK wait in memory (for the same key again)
 * until the store has a horizon past them, at most {@code maxPending}: beyond, the oldest half is settled early by
 * name. Not thread-safe: the bind's context calls it.
 */
final class Settlements {

  /** How often (at most) the horizon moves on: its request goes with the first message after the interval. */
  static final long FLUSH_INTERVAL_MS = 500;

  private final long settleAfterMs;
  private final long answeredWithinMs;
  private final int maxPending;
  private final Function<Settled, Future<Void>> settle;
  private final Supplier<String> sessionIds;

  /** The live session's id; null until a message arrives on a new session. */
  private String arrival;
  /** Arrival times of the live session's messages not answered yet, with how many arrived at each. */
  private final TreeMap<Long, Integer> unanswered = new TreeMap<>();
  /** Messages of the live session answered OK in time, by key, in answer order, until the store's horizon passes. */
  private final LinkedHashMap<String, Acked> acked = new LinkedHashMap<>();
  /** Keys whose message is being answered ESME_ROK (decided, the write not done yet): done once it is. */
  private final Map<String, Promise<Void>> answering = new HashMap<>();
  /** Messages kept claimed, not yet told to the store. */
  private final List<DedupClaim> kept = new ArrayList<>();
  /** When the live session's first message arrived. */
  private long sessionStartMs = Long.MIN_VALUE;
  /** The horizon the store has for the live session. */
  private long storedHorizonMs = Long.MIN_VALUE;
  private boolean requesting;
  private long lastFlushMs = Long.MIN_VALUE / 2;

  private record Acked(String messageId, long arrivedMs) {
  }

  /**
   * @param settle     tells the store (through the router), completing once stored
   * @param sessionIds a new id for each session
   */
  Settlements(long settleAfterMs, long answeredWithinMs, int maxPending, Function<Settled, Future<Void>> settle,
              Supplier<String> sessionIds) {
    this.settleAfterMs = settleAfterMs;
    this.answeredWithinMs = answeredWithinMs;
    this.maxPending = maxPending;
    this.settle = settle;
    this.sessionIds = sessionIds;
  }

  /** The id of the live session, which its messages carry ({@code InboundSms#arrival}). */
  String arrival() {
    if (arrival == null) {
      arrival = sessionIds.get();
      sessionStartMs = Long.MIN_VALUE;
      storedHorizonMs = Long.MIN_VALUE;
    }
    return arrival;
  }

  /**
   * Before a message with {@code dedupKey} that arrived at {@code nowMs} is routed: when the live session
   * acknowledged that key already, settles that message first (the new one is a genuine one) and completes once it
   * is settled; when that acknowledgement is being written, first waits to know whether it was (the SMSC may send
   * the next message as soon as it reads our ESME_ROK, before we hear that the write is done); else completes at
   * once, having moved the horizon on if the flush interval passed (the message does not wait for it). Either way
   * the message counts as unanswered until {@link #answered}.
   */
  Future<Void> beforeRouting(String dedupKey, long nowMs) {
    arrival();
    if (sessionStartMs == Long.MIN_VALUE) {
      sessionStartMs = nowMs;
    }
    unanswered.merge(nowMs, 1, Integer::sum);
    Promise<Void> written = dedupKey == null ? null : answering.get(dedupKey);
    if (written != null) {
      return written.future().compose(v -> settleEarlier(dedupKey, nowMs));
    }
    return settleEarlier(dedupKey, nowMs);
  }

  private Future<Void> settleEarlier(String dedupKey, long nowMs) {
    Acked earlier = dedupKey == null ? null : acked.remove(dedupKey);
    if (earlier == null) {
      if (nowMs - lastFlushMs >= FLUSH_INTERVAL_MS) {
        flush(nowMs);
      }
      return Future.succeededFuture();
    }
    return settle.apply(Settled.messages(List.of(new DedupClaim(dedupKey, earlier.messageId()))))
        .onFailure(e -> acked.putIfAbsent(dedupKey, earlier)); // still to be settled before the next one
  }

  /** The message with {@code dedupKey} is being answered ESME_ROK: {@link #answered} tells how that went. */
  void answering(String dedupKey) {
    if (dedupKey != null) {
      answering.putIfAbsent(dedupKey, Promise.promise());
    }
  }

  /**
   * A message that arrived at {@code arrivedMs} (and was counted by {@link #beforeRouting}) was answered: ESME_ROK
   * written within the time the SMSC waits lets the horizon settle it; anything else keeps it claimed.
   *
   * @param messageId the id of the message stored under {@code dedupKey} (the original, for a duplicate), or the id
   *                  it would have had when the store's answer did not come
   */
  void answered(String dedupKey, String messageId, long arrivedMs, boolean okWritten, long nowMs) {
    unanswered.computeIfPresent(arrivedMs, (t, n) -> n == 1 ? null : n - 1);
    if (dedupKey == null) {
      return;
    }
    Promise<Void> written = answering.remove(dedupKey);
    if (okWritten && nowMs - arrivedMs <= answeredWithinMs) {
      acked.remove(dedupKey);
      acked.put(dedupKey, new Acked(messageId, arrivedMs));
      if (acked.size() > maxPending) {
        settleOldest();
      }
    } else {
      acked.remove(dedupKey);
      kept.add(new DedupClaim(dedupKey, messageId));
    }
    if (written != null) {
      written.complete();
    }
  }

  /**
   * The session is gone: what it acknowledged after its last horizon stays claimed (its answers may not have reached
   * the SMSC), and the next message starts a new session.
   */
  void sessionLost() {
    arrival = null;
    unanswered.clear();
    acked.clear();
    List<Promise<Void>> waiting = List.copyOf(answering.values());
    answering.clear();
    waiting.forEach(Promise::tryComplete); // their messages find nothing to settle: they stay claimed
    kept.clear(); // no horizon of that session passes them any more
  }

  /** How many answered messages wait for the horizon to pass them. */
  int pending() {
    return acked.size();
  }

  /**
   * Moves the live session's horizon on, with the messages kept claimed since the last request; does not fail (a
   * message not settled stays claimed: the safe side). Skipped while a request is under way.
   */
  Future<Void> flush(long nowMs) {
    lastFlushMs = nowMs;
    if (requesting || arrival == null) {
      return Future.succeededFuture();
    }
    long horizon = nowMs - settleAfterMs - answeredWithinMs;
    if (!unanswered.isEmpty()) {
      horizon = Math.min(horizon, unanswered.firstKey() - 1);
    }
    if ((horizon <= storedHorizonMs || horizon < sessionStartMs) && kept.isEmpty()) {
      return Future.succeededFuture(); // nothing new to settle
    }
    String session = arrival;
    long until = Math.max(horizon, storedHorizonMs);
    List<DedupClaim> claims = List.copyOf(kept);
    kept.clear();
    requesting = true;
    return settle.apply(new Settled(session, Instant.ofEpochMilli(until), claims, List.of()))
        .onComplete(ar -> {
          requesting = false;
          if (!session.equals(arrival)) {
            return; // that session is gone
          }
          if (ar.succeeded()) {
            storedHorizonMs = until;
            Iterator<Acked> it = acked.values().iterator();
            while (it.hasNext() && it.next().arrivedMs() <= until) {
              it.remove();
            }
          } else {
            kept.addAll(0, claims);
          }
        })
        .otherwiseEmpty();
  }

  /** Too many wait: the oldest half is settled by name now (they were answered in time, if not yet long ago). */
  private void settleOldest() {
    List<DedupClaim> claims = new ArrayList<>();
    Iterator<Map.Entry<String, Acked>> it = acked.entrySet().iterator();
    while (it.hasNext() && acked.size() > maxPending / 2) {
      Map.Entry<String, Acked> e = it.next();
      claims.add(new DedupClaim(e.getKey(), e.getValue().messageId()));
      it.remove();
    }
    settle.apply(Settled.messages(claims));
  }
}
