package dev.inlet.pool;

import io.vertx.core.json.JsonObject;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.MessageCodecs;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.config.InletConfig;
import dev.inlet.shared.message.Holder;
import dev.inlet.shared.message.HolderQuery;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.store.NumberPoolStore;
import dev.inlet.shared.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number pool on the bus: rents and releases numbers, answers who holds a number, ends expired
 * rentals and announces each start and end on the number's rental address. In lab mode it fills the
 * pool with the synthetic numbers of the configuration.
 */
public final class PoolVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PoolVerticle.class);

  private NumberPool pool;
  private long sweepTimer = -1;

  @Override
  public Future<?> start() {
    MessageCodecs.register(vertx);
    EventBus bus = vertx.eventBus();
    NumberPoolStore store = Stores.numberPool(vertx, config());
    pool = new NumberPool(store, RentalPolicy.from(config()), Clock.systemUTC(),
        rental -> bus.publish(Addresses.numberRental(rental.number()), new RentalEvent(RentalEvent.Kind.STARTED, rental)),
        rental -> {
          LOG.info("session {} on {} ended: {}", shortId(rental.sessionId()), rental.number(), rental.endReason());
          bus.publish(Addresses.numberRental(rental.number()), new RentalEvent(RentalEvent.Kind.ENDED, rental));
        });

    List<PoolNumber> seed = new ArrayList<>(ConfiguredNumbers.fromList(config().getJsonArray("numbers", new JsonArray())));
    if (InletConfig.isLab(config())) {
      seed.addAll(ConfiguredNumbers.fromRanges(config().getJsonObject("lab", new JsonObject())
          .getJsonArray("ranges", new JsonArray())));
    }

    return store.addNumbers(seed)
        .compose(v -> store.numbers())
        .compose(numbers -> {
          List<MessageConsumer<?>> consumers = new ArrayList<>();
          consumers.add(Responder.serve(bus, Addresses.POOL_RENT, Failure.STORE_UNAVAILABLE, (RentRequest r) -> pool.rent(r)));
          consumers.add(Responder.serve(bus, Addresses.POOL_AVAILABLE, Failure.STORE_UNAVAILABLE, (NumbersQuery q) -> pool.available(q).map(NumberList::new)));
          consumers.add(Responder.serve(bus, Addresses.POOL_DIRECTORY, Failure.STORE_UNAVAILABLE, (NumbersQuery q) -> pool.directory(q).map(NumberList::new)));
          consumers.add(Responder.serve(bus, Addresses.POOL_SESSION, Failure.STORE_UNAVAILABLE, (SessionQuery q) -> pool.session(q)));
          consumers.add(Responder.serve(bus, Addresses.POOL_RELEASE, Failure.STORE_UNAVAILABLE, (SessionQuery q) -> pool.release(q)));
          consumers.add(Responder.serve(bus, Addresses.POOL_WS_TOKEN, Failure.STORE_UNAVAILABLE, (SessionQuery q) -> pool.wsToken(q)));
          for (PoolNumber n : numbers) {
            consumers.add(Responder.serve(bus, Addresses.numberHolder(n.number()), Failure.STORE_UNAVAILABLE,
                (HolderQuery q) -> pool.holder(n.number(), q.at() == null ? Instant.now() : q.at())
                    .map(found -> new Holder(found.orElse(null)))));
          }
          return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).map(numbers);
        })
        .onSuccess(numbers -> {
          bus.publish(Addresses.POOL_NUMBERS_ADDED, new NumberList(numbers));
          long interval = config().getLong("sweepIntervalMs", 1000L);
          sweepTimer = vertx.setPeriodic(interval, id -> pool.expireDue()
              .onFailure(e -> LOG.warn("could not end expired rentals: {}", e.getMessage())));
          LOG.info("number pool ready: {} numbers", numbers.size());
        });
  }

  @Override
  public Future<?> stop() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    return Future.succeededFuture();
  }

  private static String shortId(String sessionId) {
    return sessionId.length() > 6 ? sessionId.substring(0, 6) + "…" : sessionId;
  }
}
