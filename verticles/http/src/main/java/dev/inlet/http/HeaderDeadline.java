package dev.inlet.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * The header-read timeout: a connection must deliver a whole request head within {@code timeoutMs} of opening, and
 * of the end of each response (keep-alive), or it is closed. This stops clients that trickle one header line at a
 * time (each line would reset an idle timeout). Used on the server's event loop only.
 */
final class HeaderDeadline {

  private final Vertx vertx;
  private final long timeoutMs;
  private final Map<HttpConnection, Long> timers = new HashMap<>();

  HeaderDeadline(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** A connection opened: its first head is due. */
  void opened(HttpConnection connection) {
    arm(connection);
    connection.closeHandler(v -> disarm(connection));
  }

  /** A request head arrived: nothing is due until its response ends. */
  void headReceived(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    disarm(connection);
    request.response().endHandler(v -> arm(connection));
  }

  private void arm(HttpConnection connection) {
    if (timeoutMs <= 0) {
      return;
    }
    disarm(connection);
    timers.put(connection, vertx.setTimer(timeoutMs, id -> {
      timers.remove(connection);
      // a graceful shutdown would wait for the request whose head never ends: drop the TCP connection
      if (connection instanceof io.vertx.core.net.impl.ConnectionBase base) {
        base.channel().close();
      } else {
        connection.close();
      }
    }));
  }

  private void disarm(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
