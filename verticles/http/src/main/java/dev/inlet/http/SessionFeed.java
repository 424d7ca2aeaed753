package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * What one WebSocket of a session listens to: the messages published on the session's number (only
 * those of this session go out: a number is rented by many sessions over time) and the end of the
 * session, which closes the socket with {@link #SESSION_ENDED}. It subscribes before the socket
 * exists; what arrives in between is held and sent once the socket is attached. What waits to be sent to a
 * socket is bounded: a client that does not read is closed with {@link #NOT_READING} instead of growing the
 * node's memory.
 */
final class SessionFeed {

  /** WebSocket close status telling the client its session has ended. */
  static final short SESSION_ENDED = 4000;
  static final String SESSION_ENDED_REASON = "session ended";
  /**
   * WebSocket close status for a client that does not read: its send queue reached {@code http.wsSendQueueBytes}.
   * Nothing is lost: every message stays in the session's inbox ({@code /api/messages?after=}).
   */
  static final short NOT_READING = 1008;
  static final String NOT_READING_REASON = "send queue full: the client does not read; catch up at /api/messages";
  /** Messages held while the socket is being opened (a moment); beyond, the client could not keep up either. */
  static final int MAX_HELD = 256;

  private final Rental rental;
  private final List<StoredSms> held = new ArrayList<>();
  private MessageConsumer<StoredSms> messages;
  private MessageConsumer<RentalEvent> rentals;
  private ServerWebSocket socket;
  private boolean ended;
  private boolean overflowed;
  /** A close frame is on its way: nothing more is written. */
  private boolean closing;

  SessionFeed(Rental rental) {
    this.rental = rental;
  }

  /** Listens on the number's addresses; completes when both subscriptions are registered. */
  Future<Void> subscribe(EventBus bus) {
    messages = bus.consumer(Addresses.numberSms(rental.number()), m -> onMessage(m.body()));
    rentals = bus.consumer(Addresses.numberRental(rental.number()), m -> onRentalEvent(m.body()));
    return Future.all(messages.completion(), rentals.completion()).mapEmpty();
  }

  /** Starts sending to the socket, beginning with what arrived while it was being opened. */
  void attach(ServerWebSocket ws) {
    socket = ws;
    held.forEach(this::send);
    held.clear();
    if (overflowed) {
      closeNotReading();
    }
    if (ended) {
      closeEnded();
    }
  }

  Future<Void> unsubscribe() {
    List<Future<Void>> done = new ArrayList<>();
    if (messages != null) {
      done.add(messages.unregister());
    }
    if (rentals != null) {
      done.add(rentals.unregister());
    }
    return Future.join(done).mapEmpty();
  }

  private void onMessage(StoredSms sms) {
    if (sms == null || !rental.sessionId().equals(sms.sessionId())) {
      return; // another session of the same number
    }
    if (socket == null) {
      if (held.size() < MAX_HELD) {
        held.add(sms);
      } else {
        overflowed = true;
      }
    } else {
      send(sms);
    }
  }

  private void onRentalEvent(RentalEvent event) {
    if (event == null || event.kind() != RentalEvent.Kind.ENDED || event.rental() == null
        || !rental.sessionId().equals(event.rental().sessionId())) {
      return;
    }
    ended = true;
    if (socket != null) {
      closeEnded();
    }
  }

  private void send(StoredSms sms) {
    if (socket.isClosed() || closing) {
      return;
    }
    if (socket.writeQueueFull()) {
      meters().ifPresent(HttpMeters::queueDrop);
      closeNotReading();
      return;
    }
    socket.writeTextMessage(ApiJson.message(sms).encode());
    meters().ifPresent(HttpMeters::messagePushed);
  }

  /** The meters of the Vert.x this runs on (/metrics). */
  private static java.util.Optional<HttpMeters> meters() {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    return context == null ? java.util.Optional.empty() : java.util.Optional.of(HttpMeters.of(context.owner()));
  }

  private void closeNotReading() {
    if (!closing && !socket.isClosed()) {
      closing = true;
      socket.close(NOT_READING, NOT_READING_REASON);
    }
  }

  private void closeEnded() {
    if (!closing && !socket.isClosed()) {
      closing = true;
      socket.close(SESSION_ENDED, SESSION_ENDED_REASON);
    }
  }
}
