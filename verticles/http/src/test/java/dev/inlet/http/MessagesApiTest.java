package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.message.StoredSms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessagesApiTest extends FakePoolApiTest {

  @Test
  @DisplayName("the messages of a session are listed with from, to, text, code, received_at and id")
  void listsInbox(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> {
          String session = rental.getString("session_id");
          pool.deliver(new StoredSms("m1", session, FakePool.US_1, "Google", "Your code is 837261", "837261",
              Instant.parse("2026-11-25T18:00:00Z")));
          pool.deliver(new StoredSms("m2", session, FakePool.US_1, "Bank", "Hello", null,
              Instant.parse("2026-11-25T18:01:00Z")));
          return api.get("/api/messages?session_id=" + session).send();
        })
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonArray messages = response.bodyAsJsonObject().getJsonArray("messages");
          assertThat(messages).hasSize(2);
          assertThat(messages.getJsonObject(0)).isEqualTo(new JsonObject()
              .put("id", "m1").put("from", "Google").put("to", FakePool.US_1).put("text", "Your code is 837261")
              .put("code", "837261").put("received_at", "2026-11-25T18:00:00Z"));
          JsonObject withoutCode = messages.getJsonObject(1);
          assertThat(withoutCode.containsKey("code")).isTrue();
          assertThat(withoutCode.getValue("code")).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("another API key cannot read a session's messages: 404 problem")
  void onlyTheOwner(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> TestApi.withKey(api.client.get("/api/messages?session_id=" + rental.getString("session_id")),
            TestApi.OTHER_KEY).send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 404, "session-not-found", "/api/messages");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the messages of a released session stay readable")
  void endedStaysReadable(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> api.post("/api/release").sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id")))
            .compose(released -> api.get("/api/messages?session_id=" + rental.getString("session_id")).send()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getJsonArray("messages")).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("listing messages without session_id is a 400 problem naming the parameter")
  void needsSession(VertxTestContext ctx) {
    api.get("/api/messages").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 400, "invalid-request", "/api/messages")).contains("session_id");
      ctx.completeNow();
    })));
  }
}
