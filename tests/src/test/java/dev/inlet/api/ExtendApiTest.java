package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code POST /api/extend} on the real pool. */
class ExtendApiTest extends ApiStackTest {

  private Future<HttpResponse<Buffer>> extend(String key, String sessionId, int seconds) {
    return ApiStack.withKey(api.client.post("/api/extend"), key)
        .sendJsonObject(new JsonObject().put("session_id", sessionId).put("seconds", seconds));
  }

  @Test
  @DisplayName("extending a session moves its expiry by the seconds asked and answers the rental as /api/rent does")
  void movesExpiry(VertxTestContext ctx) {
    api.rent(US_1).onComplete(ctx.succeeding(rental -> extend(ApiStack.KEY, rental.getString("session_id"), 300)
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("session_id")).isEqualTo(rental.getString("session_id"));
          assertThat(body.getString("number")).isEqualTo(US_1);
          assertThat(body.getString("country")).isEqualTo("US");
          assertThat(Instant.parse(body.getString("expires_at")))
              .isEqualTo(Instant.parse(rental.getString("expires_at")).plusSeconds(300));
          assertThat(body.getLong("expires_in")).isBetween(ApiStack.RENTAL_SECONDS + 295L, ApiStack.RENTAL_SECONDS + 300L);
          assertThat(body.containsKey("ws_token")).isFalse();
          ctx.completeNow();
        })))));
  }

  @Test
  @DisplayName("extending past the longest rental is a 400 problem saying how far it can go")
  void notPastTheMaximum(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> extend(ApiStack.KEY, rental.getString("session_id"), ApiStack.MAX_RENTAL_SECONDS))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/extend"))
              .contains("at most " + ApiStack.MAX_RENTAL_SECONDS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("extending a released session is a 410 session-ended problem")
  void notWhenEnded(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> api.release(rental.getString("session_id"))
            .compose(released -> extend(ApiStack.KEY, rental.getString("session_id"), 60)))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 410, "session-ended", "/api/extend");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("another API key cannot extend a session: 404 session-not-found problem")
  void onlyTheOwner(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> extend(ApiStack.OTHER_KEY, rental.getString("session_id"), 60))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 404, "session-not-found", "/api/extend");
          ctx.completeNow();
        })));
  }
}
