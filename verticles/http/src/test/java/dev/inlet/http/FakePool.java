package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.bus.Responder;
import dev.inlet.shared.message.InboxQuery;
import dev.inlet.shared.message.MessageList;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.RentalEvent;
import dev.inlet.shared.message.RentRequest;
import dev.inlet.shared.message.SessionQuery;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.message.WsToken;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the pool and the router's inbox on the bus, as the HTTP verticle sees them: rents numbers
 * from a fixed list, checks owners and tokens, ends sessions (announcing it), and answers inboxes.
 */
final class FakePool {

  static final String US_1 = "+12125550100";
  static final String US_2 = "+12125550101";
  static final String GB_1 = "+447700900000";
  static final List<PoolNumber> NUMBERS = List.of(
      new PoolNumber(US_1, "US", List.of("sms")),
      new PoolNumber(US_2, "US", List.of("sms")),
      new PoolNumber(GB_1, "GB", List.of("sms")));

  private final EventBus bus;
  private final Map<String, Rental> sessions = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, List<StoredSms>> inboxes = new HashMap<>();
  private int rented;

  private FakePool(EventBus bus) {
    this.bus = bus;
  }

  static Future<FakePool> serve(EventBus bus) {
    FakePool pool = new FakePool(bus);
    List<MessageConsumer<?>> consumers = List.of(
        Responder.serve(bus, Addresses.POOL_AVAILABLE, Failure.INTERNAL, pool::available),
        Responder.serve(bus, Addresses.POOL_RENT, Failure.INTERNAL, pool::rent),
        Responder.serve(bus, Addresses.POOL_SESSION, Failure.INTERNAL, pool::session),
        Responder.serve(bus, Addresses.POOL_RELEASE, Failure.INTERNAL, pool::release),
        Responder.serve(bus, Addresses.POOL_WS_TOKEN, Failure.INTERNAL, pool::wsToken),
        Responder.serve(bus, Addresses.ROUTER_INBOX, Failure.INTERNAL, pool::inbox));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).map(pool);
  }

  /** Puts a session in the pool as is (for example one that has already ended). */
  Rental put(Rental rental) {
    sessions.put(rental.sessionId(), rental);
    return rental;
  }

  void deliver(StoredSms sms) {
    inboxes.computeIfAbsent(sms.sessionId(), id -> new ArrayList<>()).add(sms);
  }

  private Future<NumberList> available(NumbersQuery query) {
    return Future.succeededFuture(new NumberList(NUMBERS.stream()
        .filter(n -> query.country() == null || query.country().equals(n.country()))
        .filter(n -> active(n.number()).isEmpty())
        .toList()));
  }

  private Future<Rental> rent(RentRequest request) {
    Optional<PoolNumber> number;
    if (request.number() != null) {
      number = NUMBERS.stream().filter(n -> n.number().equals(request.number())).findFirst();
      if (number.isEmpty()) {
        return Future.failedFuture(Failure.UNKNOWN_NUMBER.exception("number " + request.number() + " is not in the pool"));
      }
      if (active(request.number()).isPresent()) {
        return Future.failedFuture(Failure.NUMBER_UNAVAILABLE.exception(
            "number " + request.number() + " is rented by someone else"));
      }
    } else {
      number = NUMBERS.stream()
          .filter(n -> n.country().equals(request.country()) && active(n.number()).isEmpty())
          .findFirst();
      if (number.isEmpty()) {
        return Future.failedFuture(Failure.NO_NUMBER_AVAILABLE.exception("no free number in " + request.country()));
      }
    }
    Instant now = Instant.now();
    int seconds = request.durationSeconds() == 0 ? 600 : request.durationSeconds();
    return Future.succeededFuture(put(new Rental("session-" + (++rented), number.get().number(),
        number.get().country(), request.service(), request.owner(), now, now.plusSeconds(seconds), null, null)));
  }

  private Future<Rental> session(SessionQuery query) {
    Rental rental = sessions.get(query.sessionId());
    boolean allowed = rental != null && (query.wsToken() != null
        ? query.sessionId().equals(tokens.get(query.wsToken()))
        : rental.owner().equals(query.owner()));
    return allowed
        ? Future.succeededFuture(rental)
        : Future.failedFuture(Failure.SESSION_NOT_FOUND.exception("no session " + query.sessionId()
            + (query.wsToken() != null ? " for this token" : " for this API key")));
  }

  private Future<Rental> release(SessionQuery query) {
    return session(query).map(rental -> {
      if (rental.endedAt() != null) {
        return rental;
      }
      Rental ended = put(rental.end(Instant.now(), "RELEASED"));
      bus.publish(Addresses.numberRental(ended.number()), new RentalEvent(RentalEvent.Kind.ENDED, ended));
      return ended;
    });
  }

  private Future<WsToken> wsToken(SessionQuery query) {
    return session(query).compose(rental -> {
      if (rental.ended(Instant.now())) {
        return Future.failedFuture(Failure.SESSION_ENDED.exception("session " + rental.sessionId() + " has ended"));
      }
      WsToken token = new WsToken(rental.sessionId(), "token-of-" + rental.sessionId(), Instant.now().plusSeconds(300));
      tokens.put(token.token(), rental.sessionId());
      return Future.succeededFuture(token);
    });
  }

  private Future<MessageList> inbox(InboxQuery query) {
    return Future.succeededFuture(new MessageList(inboxes.getOrDefault(query.sessionId(), List.of())));
  }

  private Optional<Rental> active(String number) {
    Instant now = Instant.now();
    return sessions.values().stream().filter(r -> r.number().equals(number) && !r.ended(now)).findFirst();
  }
}
