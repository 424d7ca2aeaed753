package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SessionQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-bus bridge for browsers at {@code /eventbus} (SockJS, for {@code @vertx/eventbus-bridge-client.js}).
 * Browsers only listen: every send and publish from a browser is refused. A browser may register on
 * <ul>
 *   <li>its session's feed, {@link Addresses#sessionFeed}, with the headers {@code {"token": <WebSocket token>}}
 *       (used up, as on {@code /ws/connect}) or {@code {"apiKey": <the key that rented it>}}; the pool decides,
 *       and a session that has ended, another key's session or a made-up id are all refused alike;</li>
 *   <li>the status of binds and modems ({@link Addresses#STATUS_BINDS}, {@link Addresses#STATUS_MODEMS}) with
 *       {@code {"adminKey": <admin key>}} (the admin page).</li>
 * </ul>
 * Any other address, internal ones included ({@code inlet.pool.*}, {@code inlet.number.*}), is refused.
 */
final class BrowserBridge {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserBridge.class);

  static final String PATH = "/eventbus";
  private static final List<String> STATUS = List.of(Addresses.STATUS_BINDS, Addresses.STATUS_MODEMS);

  private final Vertx vertx;
  private final BusClient bus;
  private final ApiKeys apiKeys;
  private final Optional<ApiKeys> adminKeys;
  private final Clock clock;
  private final SocketAdmission admission;
  private final Map<String, SessionRelay> relays = new HashMap<>();
  /** Waiters on the number of relays (tests). */
  final CountWaiters relayWaiters = new CountWaiters(this::relayCount);
  /** Browser registrations completed so far (the bridge listens for the browser), and their waiters (tests). */
  private int registered;
  final CountWaiters registeredWaiters = new CountWaiters(() -> registered);
  /** The sessions each browser registered on, and what to run when each registration ends. */
  private final Map<SockJSSocket, Map<String, Runnable>> registrations = new HashMap<>();

  BrowserBridge(Vertx vertx, BusClient bus, ApiKeys apiKeys, List<ApiKeys> adminKeys, Clock clock,
                SocketAdmission admission) {
    this.vertx = vertx;
    this.bus = bus;
    this.apiKeys = apiKeys;
    this.adminKeys = adminKeys.stream().findFirst();
    this.clock = clock;
    this.admission = admission;
  }

  /** The SockJS router to mount at {@code /eventbus/*}. */
  Router router() {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.SESSION_FEED_REGEX))
        .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.STATUS_BINDS))
        .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.STATUS_MODEMS));
    // no inbound permission at all: browsers cannot send or publish anywhere
    return SockJSHandler.create(vertx, new SockJSHandlerOptions().setRegisterWriteHandler(false))
        .bridge(options, this::onEvent);
  }

  private void onEvent(BridgeEvent event) {
    BridgeEventType type = event.type();
    switch (type) {
      case REGISTER -> register(event);
      case SEND, PUBLISH -> event.complete(false);
      case REGISTERED -> {
        registered++;
        registeredWaiters.changed();
        event.complete(true);
      }
      case UNREGISTER -> {
        unregister(event.socket(), event.getRawMessage() == null ? null : event.getRawMessage().getString("address"));
        event.complete(true);
      }
      case SOCKET_CLOSED -> {
        Map<String, Runnable> ended = registrations.remove(event.socket());
        if (ended != null) {
          ended.values().forEach(Runnable::run);
        }
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  private void register(BridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    String address = raw == null ? null : raw.getString("address");
    JsonObject headers = raw == null || !(raw.getValue("headers") instanceof JsonObject h) ? new JsonObject() : h;
    if (STATUS.contains(address)) {
      String key = headers.getValue("adminKey") instanceof String s ? s : null;
      boolean admin = adminKeys.flatMap(keys -> keys.ownerOf(key)).isPresent();
      event.complete(admin);
      return;
    }
    String sessionId = Addresses.sessionOfFeed(address);
    SessionQuery query = sessionId == null ? null : query(sessionId, headers);
    if (query == null) {
      event.complete(false);
      return;
    }
    bus.<Rental>request(Addresses.POOL_SESSION, query)
        .compose(rental -> rental.ended(clock.instant())
            ? Future.failedFuture("session " + rental.sessionId() + " has ended")
            : admission.admit(event.socket().routingContext(), rental)
                .compose(release -> follow(rental).map(stop -> (Runnable) () -> {
                  release.run();
                  stop.run();
                })))
        .onSuccess(stop -> {
          Runnable previous = registrations.computeIfAbsent(event.socket(), s -> new HashMap<>()).put(address, stop);
          if (previous != null) {
            previous.run();
          }
          event.complete(true);
        })
        .onFailure(e -> {
          LOG.debug("refused a browser's registration on a session feed: {}", e.getMessage());
          event.complete(false);
        });
  }

  /** The proof the headers carry: a token, or the API key that rented the session. */
  private SessionQuery query(String sessionId, JsonObject headers) {
    if (headers.getValue("token") instanceof String token && !token.isBlank()) {
      return SessionQuery.byToken(sessionId, token);
    }
    if (headers.getValue("apiKey") instanceof String key) {
      return apiKeys.ownerOf(key).map(owner -> SessionQuery.byOwner(sessionId, owner)).orElse(null);
    }
    return null;
  }

  /** Starts (or joins) the relay of the session; answers what ends this browser's part in it. */
  private Future<Runnable> follow(Rental rental) {
    String sessionId = rental.sessionId();
    SessionRelay relay = relays.get(sessionId);
    Future<Void> started = Future.succeededFuture();
    if (relay == null) {
      relay = new SessionRelay(rental);
      relays.put(sessionId, relay);
      relayWaiters.changed();
      started = relay.start(bus.bus());
    }
    SessionRelay joined = relay;
    joined.addListener();
    return started.map(v -> () -> {
      if (joined.removeListener() && relays.get(sessionId) == joined) {
        relays.remove(sessionId);
        relayWaiters.changed();
        joined.stop();
      }
    });
  }

  private void unregister(SockJSSocket socket, String address) {
    Map<String, Runnable> mine = registrations.get(socket);
    Runnable stop = mine == null ? null : mine.remove(address);
    if (stop != null) {
      stop.run();
    }
  }

  /** How many browser registrations the bridge completed (tests: a granted registration is not answered). */
  int registeredCount() {
    return registered;
  }

  /** How many sessions have a relay on this node (tests: relays end with their browsers). */
  int relayCount() {
    return relays.size();
  }
}
