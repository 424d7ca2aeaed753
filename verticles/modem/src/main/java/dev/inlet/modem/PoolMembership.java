package dev.inlet.modem;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.store.NumberLifecycle;
import dev.inlet.shared.store.NumberPoolStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A modem port's number in the pool, through the store every verticle of the node shares: added when the port
 * first answers, quarantined when the port stays down, returned when it answers again (only a quarantine the
 * modem verticle put: one an operator put by hand stays). Status goes to {@link Addresses#STATUS_MODEMS}.
 */
final class PoolMembership implements PortEvents {

  static final String QUARANTINE_REASON_PREFIX = "modem port ";

  private final NumberPoolStore store;
  private final EventBus bus;
  private final Duration cooldown;

  PoolMembership(NumberPoolStore store, EventBus bus, Duration cooldown) {
    this.store = store;
    this.bus = bus;
    this.cooldown = cooldown;
  }

  @Override
  public void status(JsonObject status) {
    bus.publish(Addresses.STATUS_MODEMS, status);
  }

  @Override
  public Future<Void> numberUp(String port, String number, String country) {
    return store.addNumbers(List.of(new PoolNumber(number, country, List.of("sms"))))
        .compose(added -> store.number(number))
        .compose(status -> {
          if (status.isPresent() && status.get().state().state() == NumberLifecycle.State.QUARANTINE
              && status.get().state().reason() != null
              && status.get().state().reason().startsWith(QUARANTINE_REASON_PREFIX)) {
            return store.returnFromQuarantine(number, Instant.now(), cooldown).mapEmpty();
          }
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Void> numberDown(String port, String number, String reason) {
    return store.quarantine(number, Instant.now(), null, reason, cooldown).map(ended -> {
      ended.ifPresent(rental -> {
        RentalEvent event = new RentalEvent(RentalEvent.Kind.ENDED, rental);
        bus.publish(Addresses.numberRental(number), event);
        bus.publish(Addresses.POOL_RENTALS, event);
      });
      return null;
    });
  }
}
