package dev.inlet.router;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.ReceiptList;
import dev.inlet.shared.message.ReceiptQuery;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.Settled;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoreHealth;
import dev.inlet.shared.store.InboxStore;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router on the bus. It serves the inbound address of each number that a live rental holds (learnt
 * from the pool's rental events and, at start, from the store), and the fallback address for every other
 * number; either way the store decides where a message goes. It publishes each newly stored inbox message
 * on the number's sms address, serves inboxes, and purges message texts past the retention window.
 * Several instances, on several nodes, share the work: the bus spreads requests between them.
 *
 * <p>Parts of concatenated messages are held in the store until whole; every {@code reassembly.sweepIntervalMs}
 * the router records, marked incomplete, the messages that waited {@code reassembly.timeoutSeconds} for a missing
 * part. Delivery receipts are stored apart ({@link Addresses#ROUTER_RECEIPTS}), and a source's settlements
 * ({@link Addresses#ROUTER_SETTLE}) let the same text again be a new message.
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);
  private static final int PURGE_BATCH = 10_000;
  private static final int OVERDUE_BATCH = 100;
  static final int DEFAULT_REASSEMBLY_TIMEOUT_SECONDS = 60;
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;

  private final Map<String, MessageConsumer<InboundSms>> inbound = new HashMap<>();
  private final Clock clock = Clock.systemUTC();
  private InboundRouter router;
  private LiveRentals live;
  private long lapseTimer = -1;
  private long purgeTimer = -1;
  private long overdueTimer = -1;
  private boolean stopped;

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    EventBus bus = vertx.eventBus();
    Duration grace = Duration.ofSeconds(config().getInteger("graceSeconds", 30));
    Duration dedupWindow = Duration.ofSeconds(config().getInteger("dedupWindowSeconds", 600));
    live = new LiveRentals(grace);
    return Stores.open(vertx, config()).compose(backend -> {
      InboxStore inbox = backend.inbox();
      NumberPoolStore pool = backend.pool();
      router = new InboundRouter(inbox, grace, dedupWindow, clock,
          stored -> bus.publish(Addresses.numberSms(stored.to()), stored));
      List<MessageConsumer<?>> fixed = List.of(
          Responder.serve(bus, Addresses.STORE_HEALTH, Failure.STORE_UNAVAILABLE, (StoreHealth q) -> backend.health().get()
              .map(v -> new StoreHealth(backend.kind(), backend.durable(), null))
              .otherwise(e -> new StoreHealth(backend.kind(), backend.durable(), String.valueOf(e.getMessage())))),
          Responder.serve(bus, Addresses.ROUTER_UNROUTED, Failure.STORE_UNAVAILABLE, router::route),
          Responder.serve(bus, Addresses.ROUTER_INBOX, Failure.STORE_UNAVAILABLE, (InboxQuery q) -> inbox(inbox, q)),
          Responder.serve(bus, Addresses.ROUTER_RECEIPTS, Failure.STORE_UNAVAILABLE, (DeliveryReceipt r) ->
              inbox.recordReceipt(r).map(v -> new SmsReceipt(r.id(), SmsReceipt.Disposition.RECEIPT, null))),
          Responder.serve(bus, Addresses.ROUTER_RECEIPT_LIST, Failure.STORE_UNAVAILABLE, (ReceiptQuery q) -> receipts(inbox, q)),
          Responder.serve(bus, Addresses.ROUTER_SETTLE, Failure.STORE_UNAVAILABLE, (Settled s) ->
              inbox.settle(s).map(s)),
          bus.<RentalEvent>consumer(Addresses.POOL_RENTALS, m -> learn(m.body().rental())));
      Instant now = clock.instant();
      return Future.all(fixed.stream().map(MessageConsumer::completion).toList())
          .compose(v -> pool.liveRentals(now, now.minus(grace)))
          .compose(rentals -> Future.all(rentals.stream().map(this::learn).toList()).map(rentals.size()))
          .onSuccess(n -> {
            LOG.info("router ready: serving {} numbers of {} live rentals", live.size(), n);
            lapseTimer = vertx.setPeriodic(1000, id -> lapse());
            JsonObject retention = config().getJsonObject("retention", new JsonObject());
            schedulePurge(inbox, Duration.ofHours(retention.getInteger("hours", 24)),
                retention.getLong("purgeIntervalMs", 60_000L));
            JsonObject reassembly = config().getJsonObject("reassembly", new JsonObject());
            scheduleOverdue(Duration.ofSeconds(reassembly.getInteger("timeoutSeconds", DEFAULT_REASSEMBLY_TIMEOUT_SECONDS)),
                reassembly.getLong("sweepIntervalMs", 1000L));
          });
    });
  }

  private Future<MessageList> inbox(InboxStore inbox, InboxQuery q) {
    if (q.limit() < 0 || q.limit() > MAX_PAGE) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("limit must be between 1 and " + MAX_PAGE));
    }
    return inbox.inbox(q.sessionId(), q.after(), q.limit() == 0 ? DEFAULT_PAGE : q.limit()).map(MessageList::new);
  }

  private Future<ReceiptList> receipts(InboxStore inbox, ReceiptQuery q) {
    if (q.limit() < 0 || q.limit() > MAX_PAGE) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("limit must be between 1 and " + MAX_PAGE));
    }
    return inbox.receipts(q.after(), q.limit() == 0 ? DEFAULT_PAGE : q.limit()).map(ReceiptList::new);
  }

  /** Records overdue concatenated messages every interval, in bounded batches (both read once, at start). */
  private void scheduleOverdue(Duration timeout, long intervalMs) {
    if (stopped) {
      return;
    }
    overdueTimer = vertx.setTimer(intervalMs, id -> router.deliverOverdue(timeout, OVERDUE_BATCH)
        .onFailure(e -> LOG.warn("could not deliver overdue concatenated messages: {}", e.getMessage()))
        .onComplete(ar -> scheduleOverdue(timeout, intervalMs)));
  }

  /** Serves the number's inbound address while a known rental may receive on it; completes once registered. */
  private Future<Void> learn(Rental rental) {
    if (rental == null || !live.learn(rental)) {
      return Future.succeededFuture();
    }
    MessageConsumer<InboundSms> c = Responder.serve(vertx.eventBus(), Addresses.numberInbound(rental.number()),
        Failure.STORE_UNAVAILABLE, router::route);
    inbound.put(rental.number(), c);
    return c.completion();
  }

  private void lapse() {
    for (String number : live.lapsed(clock.instant())) {
      MessageConsumer<InboundSms> c = inbound.remove(number);
      if (c != null) {
        c.unregister();
      }
    }
  }

  /** Purges texts past the retention window every interval, in bounded batches (both read once, at start). */
  private void schedulePurge(InboxStore inbox, Duration retention, long intervalMs) {
    purgeTimer = vertx.setTimer(intervalMs, id -> inbox.purgeText(clock.instant().minus(retention), PURGE_BATCH)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("purged the text of {} messages older than {} h", n, retention.toHours());
          }
        })
        .onFailure(e -> LOG.warn("could not purge old message texts: {}", e.getMessage()))
        .onComplete(ar -> schedulePurge(inbox, retention, intervalMs)));
  }

  /** How many numbers this instance serves now (follows the live rentals). */
  int servedNumbers() {
    return inbound.size();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(lapseTimer);
    vertx.cancelTimer(purgeTimer);
    stopped = true;
    vertx.cancelTimer(overdueTimer);
    return Future.succeededFuture();
  }
}
