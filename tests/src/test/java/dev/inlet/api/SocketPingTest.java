package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keep-alive pings on open sessions sockets (here every 50 ms). */
class SocketPingTest extends ApiStackTest {

  @Override
  protected void configure(JsonObject node) {
    node.getJsonObject("http").put("wsPingMs", 50);
  }

  /** Referenced for the whole test: Vert.x closes an unreferenced client and its sockets. */
  private WebSocketClient sockets;

  @Test
  @DisplayName("an open socket is pinged periodically so that proxies keep it open")
  void pinged(Vertx vertx, VertxTestContext ctx) {
    sockets = vertx.createWebSocketClient();
    api.rent(US_1)
        .compose(rental -> sockets.connect(api.socketWithKey(rental.getString("session_id"))))
        .onComplete(ctx.succeeding(ws -> ws.frameHandler(frame -> {
          if (frame.isPing()) {
            ctx.completeNow();
          }
        })));
  }
}
