package dev.inlet.http;

import dev.inlet.shared.message.Rental;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Whether one more WebSocket may open on a session: asked after the caller has proved its right to the
 * session and before the upgrade; the answer is what to run when that socket closes. This is where limits on
 * sockets per API key and per session plug in ({@code limits.webSocketsPerKey}, {@code limits.webSocketsPerSession});
 * a refusal is a failed future carrying the problem to answer (429 with Retry-After).
 */
@FunctionalInterface
interface SocketAdmission {

  /** Admits every socket. */
  SocketAdmission OPEN = (ctx, rental) -> Future.succeededFuture(() -> { });

  Future<Runnable> admit(RoutingContext ctx, Rental rental);
}
