package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Relays one session's messages and the end of its rental to {@link Addresses#sessionFeed} for the browsers
 * bridged on this node: it listens on the session's number (keeping only this session's messages) and
 * publishes locally, so that each browser gets each message once whichever node it is bridged on. Counted:
 * it lives while at least one browser on this node is registered on the feed.
 */
final class SessionRelay {

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Rental rental;
  private final String feed;
  private MessageConsumer<StoredSms> messages;
  private MessageConsumer<RentalEvent> rentals;
  private int listeners;

  SessionRelay(Rental rental) {
    this.rental = rental;
    this.feed = Addresses.sessionFeed(rental.sessionId());
  }

  /** Starts listening (first browser); completes when both subscriptions are registered. */
  Future<Void> start(EventBus bus) {
    messages = bus.consumer(Addresses.numberSms(rental.number()), m -> {
      StoredSms sms = m.body();
      if (sms != null && rental.sessionId().equals(sms.sessionId())) {
        bus.publish(feed, new JsonObject().put("type", "sms").put("message", ApiJson.message(sms)), LOCAL);
      }
    });
    rentals = bus.consumer(Addresses.numberRental(rental.number()), m -> {
      RentalEvent event = m.body();
      if (event == null || event.rental() == null || !rental.sessionId().equals(event.rental().sessionId())) {
        return;
      }
      if (event.kind() == RentalEvent.Kind.EXTENDED) {
        bus.publish(feed, new JsonObject().put("type", "extended")
            .put("expires_at", ApiJson.iso(event.rental().expiresAt())), LOCAL);
      } else if (event.kind() == RentalEvent.Kind.ENDED) {
        bus.publish(feed, new JsonObject().put("type", "ended").put("reason", event.rental().endReason()), LOCAL);
      }
    });
    return Future.all(messages.completion(), rentals.completion()).mapEmpty();
  }

  void addListener() {
    listeners++;
  }

  /** One browser fewer; true when none is left (the caller then stops the relay). */
  boolean removeListener() {
    return --listeners <= 0;
  }

  Future<Void> stop() {
    return Future.join(messages.unregister(), rentals.unregister()).mapEmpty();
  }
}
