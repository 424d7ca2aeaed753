package dev.inlet.api;

import static dev.inlet.api.ApiStack.GB_1;
import static dev.inlet.api.ApiStack.US_1;
import static dev.inlet.api.ApiStack.US_2;
import static dev.inlet.api.ApiStack.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /api/rent}, {@code /api/release} and {@code /api/ws-token} on the real pool. */
class RentalsApiTest extends ApiStackTest {

  @Test
  @DisplayName("renting a given number answers the session, the number, its window and a WebSocket token")
  void rentByNumber(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("number", US_1))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("session_id")).isNotBlank();
          assertThat(body.getString("number")).isEqualTo(US_1);
          assertThat(body.getString("country")).isEqualTo("US");
          assertThat(body.getLong("expires_in")).isBetween(ApiStack.RENTAL_SECONDS - 5L, (long) ApiStack.RENTAL_SECONDS);
          assertThat(Instant.parse(body.getString("expires_at")))
              .isAfter(Instant.now().plusSeconds(ApiStack.RENTAL_SECONDS - 10));
          assertThat(body.getString("ws_token")).isNotBlank();
          assertThat(body.getLong("ws_token_expires_in")).isBetween(55L, 60L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting by country answers a number of that country for the asked duration and service")
  void rentByCountry(VertxTestContext ctx) {
    api.post("/api/rent")
        .sendJsonObject(new JsonObject().put("country", "gb").put("service", "google").put("duration_seconds", 120))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("number")).isEqualTo(GB_1);
          assertThat(body.getString("country")).isEqualTo("GB");
          assertThat(body.getString("service")).isEqualTo("google");
          assertThat(body.getLong("expires_in")).isBetween(115L, 120L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting a number that is not in the pool is a 404 unknown-number problem")
  void unknownNumber(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("number", "+12125559999"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 404, "unknown-number", "/api/rent")).contains("+12125559999");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting by country when every number of it is taken is a 409 no-number-available problem")
  void noneFree(VertxTestContext ctx) {
    api.rent(GB_1)
        .compose(taken -> api.post("/api/rent").sendJsonObject(new JsonObject().put("country", "GB")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 409, "no-number-available", "/api/rent")).contains("GB");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting a number someone holds is a 409 problem saying it is rented")
  void numberTaken(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(first -> ApiStack.withKey(api.client.post("/api/rent"), ApiStack.OTHER_KEY)
            .sendJsonObject(new JsonObject().put("number", US_1)))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 409, "number-unavailable", "/api/rent")).contains("rented by someone else");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a released number cools off: renting it again at once is a 409 problem saying it is cooling off")
  void coolingOff(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> api.release(rental.getString("session_id")))
        .compose(released -> {
          ctx.verify(() -> assertThat(released.statusCode()).isEqualTo(204));
          return api.post("/api/rent").sendJsonObject(new JsonObject().put("number", US_1));
        })
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 409, "number-unavailable", "/api/rent")).contains("cooling off");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a duration shorter than the pool allows is a 400 problem naming duration_seconds")
  void durationTooShort(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("number", US_1).put("duration_seconds", 30))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/rent")).contains("duration_seconds");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("releasing a session answers 204, and releasing it again too")
  void releaseTwice(VertxTestContext ctx) {
    Checkpoint first = ctx.checkpoint();
    Checkpoint again = ctx.checkpoint();
    api.rent(US_1).onComplete(ctx.succeeding(rental -> api.release(rental.getString("session_id"))
        .compose(response -> {
          ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(204));
          first.flag();
          return api.release(rental.getString("session_id"));
        })
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(204);
          again.flag();
        })))));
  }

  @Test
  @DisplayName("another API key cannot release a session: 404 problem, and the session stays")
  void releaseOnlyByOwner(VertxTestContext ctx) {
    api.rent(US_1)
        .compose(rental -> ApiStack.withKey(api.client.post("/api/release"), ApiStack.OTHER_KEY)
            .sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id"))))
        .compose(response -> {
          ctx.verify(() -> assertProblem(response, 404, "session-not-found", "/api/release"));
          return api.post("/api/rent").sendJsonObject(new JsonObject().put("number", US_1));
        })
        .onComplete(ctx.succeeding(stillRented -> ctx.verify(() -> {
          assertThat(assertProblem(stillRented, 409, "number-unavailable", "/api/rent")).contains("rented");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a fresh WebSocket token names its session and lifetime")
  void wsToken(VertxTestContext ctx) {
    api.rent(US_2).onComplete(ctx.succeeding(rental -> api.post("/api/ws-token")
        .sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("token")).isNotBlank().isNotEqualTo(rental.getString("ws_token"));
          assertThat(body.getString("session_id")).isEqualTo(rental.getString("session_id"));
          assertThat(body.getLong("expires_in")).isBetween(55L, 60L);
          ctx.completeNow();
        })))));
  }

  @Test
  @DisplayName("a WebSocket token for a released session is a 410 session-ended problem")
  void wsTokenAfterRelease(VertxTestContext ctx) {
    api.rent(US_2)
        .compose(rental -> api.release(rental.getString("session_id"))
            .compose(released -> api.post("/api/ws-token")
                .sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id")))))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 410, "session-ended", "/api/ws-token");
          ctx.completeNow();
        })));
  }
}
