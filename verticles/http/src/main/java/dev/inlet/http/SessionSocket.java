package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SessionQuery;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ws/connect?session_id=}: a WebSocket that pushes each new message of one session.
 * The caller proves its right with the API key header, or with {@code ?token=} (a WebSocket token,
 * since browsers cannot set headers). The upgrade happens only once the socket's subscriptions are
 * registered, so nothing published after the client sees the socket open is missed. Seen with the API key,
 * a session that has ended is refused with 410; a token is used up by the upgrade, and a token that is dead
 * for any reason (used, replaced, expired, its session ended) answers 404 as a forged one does.
 *
 * <p>A socket costs the node a bounded amount: its send queue ({@link SocketLimits#sendQueueBytes()}, then
 * 1008), the frames a client may send (text must be UTF-8, else 1007; larger than the limit, 1009; pings at most
 * {@link SocketLimits#controlFramesPerSecond()}, else 1008). Limits on sockets per key and per session plug in
 * through {@link SocketAdmission}.
 */
final class SessionSocket implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(SessionSocket.class);

  private final Vertx vertx;
  private final BusClient bus;
  private final BearerAuth auth;
  private final Clock clock;
  private final long pingMs;
  private final SocketLimits limits;
  private final SocketAdmission admission;
  private final Set<ServerWebSocket> open = new HashSet<>();
  /** Waiters on the number of open sockets (tests). */
  final CountWaiters openWaiters = new CountWaiters(this::openCount);

  SessionSocket(Vertx vertx, BusClient bus, BearerAuth auth, Clock clock, long pingMs, SocketLimits limits,
                SocketAdmission admission) {
    this.vertx = vertx;
    this.bus = bus;
    this.auth = auth;
    this.clock = clock;
    this.pingMs = pingMs;
    this.limits = limits;
    this.admission = admission;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SessionQuery query;
    try {
      query = authorize(ctx);
    } catch (IllegalArgumentException malformed) {
      // a query string that does not decode (e.g. %zz): say so without echoing it (it may hold a token)
      throw Problem.invalidRequest("the query string is malformed: percent-encode session_id and token").exception();
    }
    // the upgrade comes after bus round trips: keep the request unread until then
    ctx.request().pause();
    bus.<Rental>request(Addresses.POOL_SESSION, query)
        .compose(this::requireActive)
        .compose(rental -> admission.admit(ctx, rental).compose(release -> {
          SessionFeed feed = new SessionFeed(rental);
          return feed.subscribe(bus.bus())
              .compose(v -> ctx.request().toWebSocket())
              .onSuccess(ws -> follow(ws, feed, release))
              .onFailure(e -> {
                feed.unsubscribe();
                release.run();
              });
        }))
        .onFailure(e -> {
          ctx.request().resume();
          ctx.fail(e);
        });
  }

  private SessionQuery authorize(RoutingContext ctx) {
    String sessionId = RequestFields.requiredQuery(ctx, ApiJson.SESSION_ID);
    if (BearerAuth.hasCredentials(ctx.request())) {
      return SessionQuery.byOwner(sessionId, auth.authenticate(ctx.request()));
    }
    String token = RequestFields.optionalQuery(ctx, ApiJson.TOKEN);
    if (token == null) {
      throw Problem.unauthorized("send an API key as Authorization: Bearer <key>, or a WebSocket token "
          + "from /api/ws-token as ?token=").exception();
    }
    return SessionQuery.byToken(sessionId, token);
  }

  private Future<Rental> requireActive(Rental rental) {
    if (rental.ended(clock.instant())) {
      return Future.failedFuture(Problem.sessionEnded("session " + rental.sessionId() + " has ended; "
          + "its messages stay readable at /api/messages").exception());
    }
    return Future.succeededFuture(rental);
  }

  private void follow(ServerWebSocket ws, SessionFeed feed, Runnable release) {
    open.add(ws);
    openWaiters.changed();
    ws.setWriteQueueMaxSize(limits.sendQueueBytes());
    InboundFrames inbound = new InboundFrames(limits.controlFramesPerSecond(), System::nanoTime);
    ws.frameHandler(frame -> inbound.judge(frame).ifPresent(verdict -> {
      if (!ws.isClosed()) {
        ws.close(verdict.status(), verdict.reason());
      }
    }));
    ws.exceptionHandler(e -> {
      // a frame the decoder refused (too large: 1009, not UTF-8: 1007) says which close status it deserves
      if (e instanceof CorruptedWebSocketFrameException corrupted && !ws.isClosed()) {
        ws.close((short) corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
      } else {
        LOG.debug("session socket: {}", e.toString());
      }
    });
    long ping = vertx.setPeriodic(pingMs, id -> {
      if (!ws.writeQueueFull()) {
        ws.writePing(Buffer.buffer());
      }
    });
    ws.closeHandler(v -> {
      vertx.cancelTimer(ping);
      open.remove(ws);
      openWaiters.changed();
      feed.unsubscribe();
      release.run();
    });
    feed.attach(ws);
  }

  /** How many session sockets are open on this verticle. */
  int openCount() {
    return open.size();
  }

  /** Closes every open socket (the node is stopping). */
  Future<Void> closeAll() {
    List<Future<Void>> closed = new ArrayList<>();
    for (ServerWebSocket ws : List.copyOf(open)) {
      closed.add(ws.close((short) 1001, "server stopping"));
    }
    return Future.join(closed).mapEmpty();
  }
}
