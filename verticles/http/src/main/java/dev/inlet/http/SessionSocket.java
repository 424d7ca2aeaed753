package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SessionQuery;
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

/**
 * {@code GET /ws/connect?session_id=}: a WebSocket that pushes each new message of one session.
 * The caller proves its right with the API key header, or with {@code ?token=} (a WebSocket token,
 * since browsers cannot set headers). The upgrade happens only once the socket's subscriptions are
 * registered, so nothing published after the client sees the socket open is missed; a session that
 * has ended is refused with 410.
 */
final class SessionSocket implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final BusClient bus;
  private final BearerAuth auth;
  private final Clock clock;
  private final long pingMs;
  private final Set<ServerWebSocket> open = new HashSet<>();
  private final SocketLimits limits;

  SessionSocket(Vertx vertx, BusClient bus, BearerAuth auth, Clock clock, long pingMs, SocketLimits limits) {
    this.vertx = vertx;
    this.bus = bus;
    this.auth = auth;
    this.clock = clock;
    this.pingMs = pingMs;
    this.limits = limits;
  }

  @Override
  public void handle(RoutingContext ctx) {
    SessionQuery query = authorize(ctx);
    // the upgrade comes after bus round trips: keep the request unread until then
    ctx.request().pause();
    bus.<Rental>request(Addresses.POOL_SESSION, query)
        .compose(this::requireActive)
        .compose(rental -> limits.admit(rental).compose(permit -> {
          SessionFeed feed = new SessionFeed(rental);
          return feed.subscribe(bus.bus())
              .compose(v -> ctx.request().toWebSocket())
              .onSuccess(ws -> follow(ws, feed, permit))
              .onFailure(e -> {
                feed.unsubscribe();
                permit.release();
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

  private void follow(ServerWebSocket ws, SessionFeed feed, SocketLimits.Permit permit) {
    open.add(ws);
    long ping = vertx.setPeriodic(pingMs, id -> ws.writePing(Buffer.buffer()));
    ws.closeHandler(v -> {
      permit.release();
      vertx.cancelTimer(ping);
      open.remove(ws);
      feed.unsubscribe();
    });
    feed.attach(ws);
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
