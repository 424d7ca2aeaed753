package dev.inlet.pool;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.config.InletConfig;
import dev.inlet.shared.message.AdminNumbersQuery;
import dev.inlet.shared.message.BlocklistChange;
import dev.inlet.shared.message.ExtendRequest;
import dev.inlet.shared.message.HistoryQuery;
import dev.inlet.shared.message.ImportResult;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumberStatusList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.QuarantineRequest;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentalList;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.NumberQuery;
import dev.inlet.shared.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number pool on the bus: rents, extends and releases numbers, ends due rentals, imports numbers and
 * answers the history of a number. Every start, extension and end is published on the number's rental
 * address (WebSockets) and on {@link Addresses#POOL_RENTALS} (routers). Nothing here grows with the pool:
 * the consumers are a fixed set, the sweeper ends bounded batches.
 */
public final class PoolVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PoolVerticle.class);
  private static final int HISTORY_LIMIT = 1000;

  private NumberPool pool;
  private NumberPoolStore store;
  private long sweepTimer = -1;
  private volatile boolean stopped;

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    EventBus bus = vertx.eventBus();
    RentalPolicy policy = RentalPolicy.from(config());
    List<PoolNumber> seed = new ArrayList<>(ConfiguredNumbers.fromList(config().getJsonArray("numbers", new JsonArray())));
    if (InletConfig.isLab(config())) {
      seed.addAll(ConfiguredNumbers.fromRanges(config().getJsonObject("lab", new JsonObject())
          .getJsonArray("ranges", new JsonArray())));
    }
    return Stores.open(vertx, config()).compose(backend -> {
      store = backend.pool();
      pool = new NumberPool(store, policy, Clock.systemUTC(), event -> announce(bus, event));
      return store.addNumbers(seed);
    }).compose(added -> {
      List<MessageConsumer<?>> consumers = List.of(
          Responder.serve(bus, Addresses.POOL_RENT, Failure.STORE_UNAVAILABLE, (RentRequest r) -> pool.rent(r)),
          Responder.serve(bus, Addresses.POOL_AVAILABLE, Failure.STORE_UNAVAILABLE,
              (NumbersQuery q) -> pool.available(q).map(NumberList::new)),
          Responder.serve(bus, Addresses.POOL_SESSION, Failure.STORE_UNAVAILABLE, (SessionQuery q) -> pool.session(q)),
          Responder.serve(bus, Addresses.POOL_RELEASE, Failure.STORE_UNAVAILABLE, (SessionQuery q) -> pool.release(q)),
          Responder.serve(bus, Addresses.POOL_EXTEND, Failure.STORE_UNAVAILABLE, (ExtendRequest r) -> pool.extend(r)),
          Responder.serve(bus, Addresses.POOL_WS_TOKEN, Failure.STORE_UNAVAILABLE, (SessionQuery q) -> pool.wsToken(q)),
          Responder.serve(bus, Addresses.POOL_HISTORY, Failure.STORE_UNAVAILABLE, this::history),
          Responder.serve(bus, Addresses.POOL_IMPORT, Failure.STORE_UNAVAILABLE, this::importNumbers),
          Responder.serve(bus, Addresses.POOL_NUMBERS, Failure.STORE_UNAVAILABLE, this::numbers),
          Responder.serve(bus, Addresses.POOL_QUARANTINE, Failure.STORE_UNAVAILABLE,
              (QuarantineRequest r) -> quarantine(r, bus, policy)),
          Responder.serve(bus, Addresses.POOL_BLOCKLIST, Failure.STORE_UNAVAILABLE, this::blocklist));
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).map(added);
    }).onSuccess(added -> {
      sweep(config().getLong("sweepIntervalMs", 1000L));
      LOG.info("number pool ready ({} numbers from the configuration, {} new)", seed.size(), added);
    });
  }

  private static void announce(EventBus bus, RentalEvent event) {
    if (event.kind() == RentalEvent.Kind.ENDED) {
      LOG.info("session {} on {} ended: {}", shortId(event.rental().sessionId()), event.rental().number(),
          event.rental().endReason());
    }
    bus.publish(Addresses.numberRental(event.rental().number()), event);
    bus.publish(Addresses.POOL_RENTALS, event);
  }

  /** Ends due rentals in bounded batches: at once again while batches come back full, else after the interval. */
  private void sweep(long intervalMs) {
    sweepTimer = vertx.setTimer(intervalMs, id -> pool.expireDue()
        .onFailure(e -> LOG.warn("could not end due rentals: {}", e.getMessage()))
        .onComplete(ar -> {
          if (!stopped) {
            sweep(ar.succeeded() && ar.result() >= NumberPool.EXPIRY_BATCH ? 1 : intervalMs);
          }
        }));
  }

  private Future<RentalList> history(HistoryQuery q) {
    if (q.number() == null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a history query needs a number"));
    }
    int limit = q.limit() <= 0 ? 100 : Math.min(q.limit(), HISTORY_LIMIT);
    return store.history(q.number(), limit).map(RentalList::new);
  }

  private Future<ImportResult> importNumbers(NumberImport file) {
    NumberImports.Parsed parsed = NumberImports.parse(file);
    if (!parsed.errors().isEmpty()) {
      return Future.succeededFuture(new ImportResult(parsed.rows(), 0, 0, parsed.errors()));
    }
    return store.addNumbers(parsed.numbers()).map(added -> {
      LOG.info("imported {} numbers ({} already in the pool)", added, parsed.numbers().size() - added);
      return new ImportResult(parsed.rows(), added, parsed.numbers().size() - added, List.of());
    });
  }

  private Future<NumberStatusList> numbers(AdminNumbersQuery q) {
    int limit = q.limit() <= 0 ? 100 : Math.min(q.limit(), HISTORY_LIMIT);
    return store.numbers(new NumberQuery(q.country(), null, null, q.after(), limit)).map(NumberStatusList::new);
  }

  /** Quarantines a number (ending the rental that holds it, announced like any end) or returns it to the pool. */
  private Future<NumberStatusList> quarantine(QuarantineRequest r, EventBus bus, RentalPolicy policy) {
    if (r.number() == null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a quarantine request needs a number"));
    }
    Instant now = Instant.now();
    Future<?> done = r.quarantined()
        ? store.quarantine(r.number(), now, r.until(), r.reason(), policy.cooldown())
            .onSuccess(ended -> ended.ifPresent(rental -> announce(bus, new RentalEvent(RentalEvent.Kind.ENDED, rental))))
        : store.returnFromQuarantine(r.number(), now, policy.cooldown());
    return done.compose(v -> statusOf(r.number()));
  }

  private Future<NumberStatusList> blocklist(BlocklistChange c) {
    if (c.number() == null || c.service() == null || c.service().isBlank()) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception("a blocklist change needs a number and a service"));
    }
    return store.setBlocked(c.number(), c.service(), c.blocked()).map(s -> new NumberStatusList(List.of(s)));
  }

  private Future<NumberStatusList> statusOf(String number) {
    return store.number(number).map(s -> new NumberStatusList(s.map(List::of).orElse(List.of())));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    return Future.succeededFuture();
  }

  private static String shortId(String sessionId) {
    return sessionId.length() > 6 ? sessionId.substring(0, 6) + "…" : sessionId;
  }
}
