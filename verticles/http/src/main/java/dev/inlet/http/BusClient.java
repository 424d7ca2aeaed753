package dev.inlet.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/** Requests on the event bus with the API's reply timeout, answering the reply's body. */
final class BusClient {

  private final EventBus bus;
  private final DeliveryOptions options;

  BusClient(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  <T> Future<T> request(String address, Object body) {
    return bus.<T>request(address, body, options).map(Message::body);
  }

  EventBus bus() {
    return bus;
  }
}
