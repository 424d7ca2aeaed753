package dev.inlet.router;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
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
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);
  private static final int PURGE_BATCH = 10_000;
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;

  private final Map<String, MessageConsumer<InboundSms>> inbound = new HashMap<>();
  private final Clock clock = Clock.systemUTC();
  private InboundRouter router;
  private LiveRentals live;
  private long lapseTimer = -1;
  private long purgeTimer = -1;

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
          });
    });
  }

  private Future<MessageList> inbox(InboxStore inbox, InboxQuery q) {
    if (q.limit() < 0 || q.limit() > MAX_PAGE) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("limit must be between 1 and " + MAX_PAGE));
    }
    return inbox.inbox(q.sessionId(), q.after(), q.limit() == 0 ? DEFAULT_PAGE : q.limit()).map(MessageList::new);
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
    return Future.succeededFuture();
  }
}
