package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /ws/connect}: authorization, what is pushed, and the end of the session. */
class SessionSocketTest extends FakePoolApiTest {

  private WebSocketClient sockets;

  @BeforeEach
  void createSocketClient(Vertx vertx) {
    sockets = vertx.createWebSocketClient();
  }

  private static StoredSms sms(String id, String sessionId) {
    return new StoredSms(id, sessionId, FakePool.US_1, "Google", "Your code is 837261", "837261",
        Instant.parse("2026-11-25T18:00:00Z"));
  }

  private WebSocketConnectOptions withKey(String sessionId) {
    return api.socket("session_id=" + sessionId).addHeader("Authorization", "Bearer " + TestApi.KEY);
  }

  @Test
  @DisplayName("a socket opened with the API key receives its session's messages and not another session's on the same number")
  void pushesOnlyItsSession(Vertx vertx, VertxTestContext ctx) {
    api.rent(FakePool.US_1).onComplete(ctx.succeeding(rental -> {
      String session = rental.getString("session_id");
      sockets.connect(withKey(session)).onComplete(ctx.succeeding(ws -> {
        ws.textMessageHandler(text -> ctx.verify(() -> {
          // published after the other session's message: had that one leaked, it would have come first
          assertThat(new JsonObject(text)).isEqualTo(new JsonObject()
              .put("id", "mine").put("from", "Google").put("to", FakePool.US_1).put("text", "Your code is 837261")
              .put("code", "837261").put("received_at", "2026-11-25T18:00:00Z"));
          ctx.completeNow();
        }));
        vertx.eventBus().publish(Addresses.numberSms(FakePool.US_1), sms("theirs", "an-earlier-session"));
        vertx.eventBus().publish(Addresses.numberSms(FakePool.US_1), sms("mine", session));
      }));
    }));
  }

  @Test
  @DisplayName("a socket opened with ?token= from the rent response receives the session's messages")
  void tokenOpens(Vertx vertx, VertxTestContext ctx) {
    api.rent(FakePool.US_1).onComplete(ctx.succeeding(rental -> {
      String session = rental.getString("session_id");
      sockets.connect(api.socket("session_id=" + session + "&token=" + rental.getString("ws_token")))
          .onComplete(ctx.succeeding(ws -> {
            ws.textMessageHandler(text -> ctx.verify(() -> {
              assertThat(new JsonObject(text).getString("id")).isEqualTo("m1");
              ctx.completeNow();
            }));
            vertx.eventBus().publish(Addresses.numberSms(FakePool.US_1), sms("m1", session));
          }));
    }));
  }

  @Test
  @DisplayName("a socket with a token that is not the session's is refused")
  void badTokenRefused(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> sockets.connect(api.socket("session_id=" + rental.getString("session_id") + "&token=forged")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(UpgradeRejectedException.class);
          assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a socket without a key or a token is refused with 401")
  void noCredentialsRefused(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> sockets.connect(api.socket("session_id=" + rental.getString("session_id"))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a socket for a session that has ended is refused with 410")
  void endedSessionRefused(VertxTestContext ctx) {
    Instant start = Instant.now().minusSeconds(700);
    Rental ended = pool.put(new Rental("ended-session", FakePool.US_2, "US", null, TestApi.OWNER, start,
        start.plusSeconds(600), start.plusSeconds(600), "EXPIRED"));
    sockets.connect(withKey(ended.sessionId()))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          UpgradeRejectedException rejected = (UpgradeRejectedException) e;
          assertThat(rejected.getStatus()).isEqualTo(410);
          assertThat(rejected.getBody().toJsonObject().getString("type")).isEqualTo("https://inlet.dev/problems/session-ended");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("when the session ends, the socket is closed with status 4000 and reason \"session ended\"")
  void closedWhenSessionEnds(VertxTestContext ctx) {
    api.rent(FakePool.US_1).onComplete(ctx.succeeding(rental -> {
      String session = rental.getString("session_id");
      sockets.connect(withKey(session)).onComplete(ctx.succeeding(ws -> {
        ws.closeHandler(v -> ctx.verify(() -> {
          assertThat(ws.closeStatusCode()).isEqualTo((short) 4000);
          assertThat(ws.closeReason()).isEqualTo("session ended");
          ctx.completeNow();
        }));
        api.post("/api/release").sendJsonObject(new JsonObject().put("session_id", session))
            .onComplete(ctx.succeeding(released -> ctx.verify(() -> assertThat(released.statusCode()).isEqualTo(204))));
      }));
    }));
  }

  @Test
  @DisplayName("an open socket is pinged periodically so that proxies keep it open")
  void pinged(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx, TestApi.config("lab").put("wsPingMs", 50))
        .compose(pinging -> pinging.rent(FakePool.US_2).compose(rental -> sockets.connect(
            pinging.socket("session_id=" + rental.getString("session_id"))
                .addHeader("Authorization", "Bearer " + TestApi.KEY))))
        .onComplete(ctx.succeeding(ws -> ws.frameHandler(frame -> {
          if (frame.isPing()) {
            ctx.completeNow();
          }
        })));
  }

  @Test
  @DisplayName("stopping the verticle closes its open sockets")
  void stopClosesSockets(Vertx vertx, VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> sockets.connect(withKey(rental.getString("session_id"))))
        .onComplete(ctx.succeeding(ws -> {
          ws.closeHandler(v -> ctx.completeNow());
          vertx.undeploy(api.verticle.deploymentID()).onComplete(ctx.succeeding(v -> { }));
        }));
  }
}
