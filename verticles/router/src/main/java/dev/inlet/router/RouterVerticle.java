package dev.inlet.router;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.message.Holder;
import dev.inlet.shared.message.HolderQuery;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.store.InboxStore;
import dev.inlet.shared.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router on the bus: serves the inbound address of every pool number (learnt from the pool's
 * directory and its announcements), stores each message in the inbox of the session that held the
 * number, publishes it on the number's sms address, and serves session inboxes.
 * Several instances, on several nodes, share the work: the bus spreads requests between them.
 */
public final class RouterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);
  private static final long DIRECTORY_RETRY_MAX_MS = 30_000;

  private final Map<String, MessageConsumer<InboundSms>> inboundConsumers = new HashMap<>();
  private InboundRouter router;
  private DeliveryOptions poolRequests;
  private long retryTimer = -1;

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    EventBus bus = vertx.eventBus();
    InboxStore inbox = Stores.inbox(vertx, config());
    poolRequests = new DeliveryOptions().setSendTimeout(config().getLong("poolTimeoutMs", 2000L));
    router = new InboundRouter(this::holder, inbox,
        stored -> bus.publish(Addresses.numberSms(stored.to()), stored));

    List<MessageConsumer<?>> fixed = new ArrayList<>();
    fixed.add(Responder.serve(bus, Addresses.ROUTER_UNROUTED, Failure.STORE_UNAVAILABLE, this::routeUnrouted));
    fixed.add(Responder.serve(bus, Addresses.ROUTER_INBOX, Failure.STORE_UNAVAILABLE,
        (InboxQuery q) -> inbox.inbox(q.sessionId()).map(MessageList::new)));
    fixed.add(bus.<NumberList>consumer(Addresses.POOL_NUMBERS_ADDED, msg -> serveNumbers(msg.body().numbers())));

    return Future.all(fixed.stream().map(MessageConsumer::completion).toList())
        .compose(v -> loadDirectory().otherwise(e -> {
          LOG.warn("pool directory not available yet ({}); retrying in the background", Failure.detail(e));
          scheduleDirectoryRetry(1000);
          return null;
        }));
  }

  @Override
  public Future<?> stop() {
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    return Future.succeededFuture();
  }

  private Future<Void> loadDirectory() {
    return vertx.eventBus().<NumberList>request(Addresses.POOL_DIRECTORY, NumbersQuery.all(), poolRequests)
        .compose(reply -> serveNumbers(reply.body().numbers()));
  }

  private void scheduleDirectoryRetry(long delayMs) {
    retryTimer = vertx.setTimer(delayMs, id -> loadDirectory()
        .onSuccess(v -> LOG.info("pool directory loaded: routing {} numbers", inboundConsumers.size()))
        .onFailure(e -> scheduleDirectoryRetry(Math.min(delayMs * 2, DIRECTORY_RETRY_MAX_MS))));
  }

  /** Serves the inbound address of each number not served yet; completes once registered. */
  private Future<Void> serveNumbers(List<PoolNumber> numbers) {
    List<Future<Void>> registrations = new ArrayList<>();
    for (PoolNumber n : numbers) {
      if (!inboundConsumers.containsKey(n.number())) {
        MessageConsumer<InboundSms> c = Responder.serve(vertx.eventBus(), Addresses.numberInbound(n.number()),
            Failure.STORE_UNAVAILABLE, this::route);
        inboundConsumers.put(n.number(), c);
        registrations.add(c.completion());
      }
    }
    return Future.all(registrations).mapEmpty();
  }

  private Future<SmsReceipt> route(InboundSms sms) {
    return router.route(sms).onSuccess(r -> LOG.debug("{} to {}: {}", sms.id(), sms.to(), r.disposition()));
  }

  /** A message for a number without an inbound handler: a number we have not learnt yet, or not a pool number. */
  private Future<SmsReceipt> routeUnrouted(InboundSms sms) {
    if (inboundConsumers.containsKey(sms.to())) {
      return route(sms);
    }
    return loadDirectory().compose(v -> {
      if (inboundConsumers.containsKey(sms.to())) {
        return route(sms);
      }
      LOG.warn("message {} from {} refused: {} is not a pool number", sms.id(), sms.from(), sms.to());
      return Future.failedFuture(Failure.UNKNOWN_NUMBER.exception("number " + sms.to() + " is not in the pool"));
    });
  }

  private Future<Optional<Rental>> holder(String number, Instant at) {
    return vertx.eventBus().<Holder>request(Addresses.numberHolder(number), new HolderQuery(at), poolRequests)
        .map(reply -> Optional.ofNullable(reply.body().rental()));
  }
}
