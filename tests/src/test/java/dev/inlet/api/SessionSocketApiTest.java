package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.US_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.InboundSms;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /ws/connect} on the real pool and router: what is pushed, who may listen, and the end of the session. */
class SessionSocketApiTest extends ApiStackTest {

  private WebSocketClient sockets;

  @BeforeEach
  void createSocketClient(Vertx vertx) {
    sockets = vertx.createWebSocketClient();
  }

  @Test
  @DisplayName("a socket opened with the API key receives a message to its session verbatim, as the inbox lists it")
  void pushesMessage(VertxTestContext ctx) {
    Checkpoint pushed = ctx.checkpoint();
    Checkpoint listed = ctx.checkpoint();
    api.rent(US_1).onComplete(ctx.succeeding(rental -> {
      String session = rental.getString("session_id");
      sockets.connect(api.socketWithKey(session)).onComplete(ctx.succeeding(ws -> {
        InboundSms sms = ApiStack.sms(US_1, "+447700900123", "  hi  ", Instant.parse("2026-11-25T17:59:58Z"));
        JsonObject expected = new JsonObject()
            .put("id", sms.id()).put("from", "+447700900123").put("to", US_1).put("text", "  hi  ").put("code", null)
            .put("received_at", sms.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString())
            .put("sent_at", "2026-11-25T17:59:58Z");
        ws.textMessageHandler(text -> ctx.verify(() -> {
          assertThat(new JsonObject(text)).isEqualTo(expected);
          pushed.flag();
        }));
        api.deliver(sms)
            .compose(receipt -> api.messages("session_id=" + session))
            .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
              assertThat(page.getJsonArray("messages")).containsExactly(expected);
              listed.flag();
            })));
      }));
    }));
  }

  @Test
  @DisplayName("a socket receives only its session's messages, not those to another rented number")
  void onlyItsSession(VertxTestContext ctx) {
    api.rent(US_1).compose(mine -> api.rent(US_2).map(mine)).onComplete(ctx.succeeding(mine ->
        sockets.connect(api.socketWithKey(mine.getString("session_id"))).onComplete(ctx.succeeding(ws -> {
          ws.textMessageHandler(text -> ctx.verify(() -> {
            // delivered after the other number's message: had that one leaked, it would have come first
            assertThat(new JsonObject(text).getString("text")).isEqualTo("for this session");
            ctx.completeNow();
          }));
          api.deliver(US_2, "Sender", "for the other session")
              .compose(receipt -> api.deliver(US_1, "Sender", "for this session"))
              .onComplete(ctx.succeeding(receipt -> { }));
        }))));
  }

  @Test
  @DisplayName("a socket opened with ?token= from the rent response receives the session's messages")
  void tokenOpens(VertxTestContext ctx) {
    api.rent(US_1).onComplete(ctx.succeeding(rental -> {
      String session = rental.getString("session_id");
      sockets.connect(api.socket("session_id=" + session + "&token=" + rental.getString("ws_token")))
          .onComplete(ctx.succeeding(ws -> {
            ws.textMessageHandler(text -> ctx.verify(() -> {
              assertThat(new JsonObject(text).getString("text")).isEqualTo("Your code is 837261");
              ctx.completeNow();
            }));
            api.deliver(US_1, "Google", "Your code is 837261").onComplete(ctx.succeeding(receipt -> { }));
          }));
    }));
  }

  @Test
  @DisplayName("a socket with a token that is not the session's is refused with 404")
  void forgedTokenRefused(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> sockets.connect(api.socket("session_id=" + rental.getString("session_id") + "&token=forged")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(UpgradeRejectedException.class);
          assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a socket for a session that has ended is refused with a 410 session-ended problem")
  void endedSessionRefused(VertxTestContext ctx) {
    api.rent(US_2)
        .compose(rental -> api.release(rental.getString("session_id"))
            .compose(released -> sockets.connect(api.socketWithKey(rental.getString("session_id")))))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          UpgradeRejectedException rejected = (UpgradeRejectedException) e;
          assertThat(rejected.getStatus()).isEqualTo(410);
          assertThat(rejected.getBody().toJsonObject().getString("type"))
              .isEqualTo("https://inlet.dev/problems/session-ended");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("when the session is released, its socket is closed with status 4000 and reason \"session ended\"")
  void closedWhenSessionEnds(VertxTestContext ctx) {
    Checkpoint closed = ctx.checkpoint();
    Checkpoint released = ctx.checkpoint();
    api.rent(US_1).onComplete(ctx.succeeding(rental -> {
      String session = rental.getString("session_id");
      sockets.connect(api.socketWithKey(session)).onComplete(ctx.succeeding(ws -> {
        ws.closeHandler(v -> ctx.verify(() -> {
          assertThat(ws.closeStatusCode()).isEqualTo((short) 4000);
          assertThat(ws.closeReason()).isEqualTo("session ended");
          closed.flag();
        }));
        api.release(session).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(204);
          released.flag();
        })));
      }));
    }));
  }

  @Test
  @DisplayName("stopping the HTTP verticle closes its open sockets")
  void stopClosesSockets(Vertx vertx, VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> sockets.connect(api.socketWithKey(rental.getString("session_id"))))
        .onComplete(ctx.succeeding(ws -> {
          ws.closeHandler(v -> ctx.verify(() -> {
            assertThat(ws.closeStatusCode()).isEqualTo((short) 1001);
            ctx.completeNow();
          }));
          vertx.undeploy(api.http.deploymentID()).onComplete(ctx.succeeding(v -> { }));
        }));
  }
}
