package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RentalsApiTest extends FakePoolApiTest {

  @Test
  @DisplayName("renting a given number answers the session, the number, its window and a WebSocket token")
  void rentByNumber(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("number", FakePool.US_1))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("session_id")).isNotBlank();
          assertThat(body.getString("number")).isEqualTo(FakePool.US_1);
          assertThat(body.getLong("expires_in")).isEqualTo(600);
          assertThat(Instant.parse(body.getString("expires_at"))).isAfter(Instant.now().plusSeconds(590));
          assertThat(body.getString("country")).isEqualTo("US");
          assertThat(body.getString("ws_token")).isNotBlank();
          assertThat(body.getLong("ws_token_expires_in")).isEqualTo(300);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting by country answers a number of that country for the asked duration")
  void rentByCountry(VertxTestContext ctx) {
    api.post("/api/rent")
        .sendJsonObject(new JsonObject().put("country", "gb").put("service", "google").put("duration_seconds", 120))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("number")).isEqualTo(FakePool.GB_1);
          assertThat(body.getString("country")).isEqualTo("GB");
          assertThat(body.getLong("expires_in")).isEqualTo(120);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a body that is not valid JSON is a 400 problem saying so")
  void malformedJson(VertxTestContext ctx) {
    api.post("/api/rent").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"number\": "))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "malformed-json", "/api/rent")).startsWith("the body is not valid JSON");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a JSON body that is not an object is a 400 problem")
  void notAnObject(VertxTestContext ctx) {
    api.post("/api/rent").sendBuffer(Buffer.buffer("[\"+12125550100\"]"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "malformed-json", "/api/rent")).contains("JSON object");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a number that is not E.164 is a 400 problem naming the field")
  void invalidNumber(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("number", "212-555-0100"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/rent")).startsWith("number must be");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a rental without a number or a country is a 400 problem naming both")
  void needsNumberOrCountry(VertxTestContext ctx) {
    api.post("/api/rent").sendJsonObject(new JsonObject().put("service", "google"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/rent")).contains("number", "country");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting a number the pool says is taken is a 409 problem with the pool's detail")
  void numberTaken(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(first -> api.post("/api/rent").sendJsonObject(new JsonObject().put("number", FakePool.US_1)))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 409, "number-unavailable", "/api/rent")).contains("rented by someone else");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("releasing a session answers 204, and releasing it again too")
  void release(VertxTestContext ctx) {
    api.rent(FakePool.US_1)
        .compose(rental -> api.post("/api/release").sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id")))
            .compose(first -> {
              ctx.verify(() -> assertThat(first.statusCode()).isEqualTo(204));
              return api.post("/api/release").sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id")));
            }))
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again.statusCode()).isEqualTo(204);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a fresh WebSocket token names its session and lifetime")
  void wsToken(VertxTestContext ctx) {
    api.rent(FakePool.US_2)
        .compose(rental -> api.post("/api/ws-token").sendJsonObject(new JsonObject().put("session_id", rental.getString("session_id"))))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("token")).isNotBlank();
          assertThat(body.getString("session_id")).startsWith("session-");
          assertThat(body.getLong("expires_in")).isEqualTo(300);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a release without session_id is a 400 problem naming the field")
  void releaseNeedsSession(VertxTestContext ctx) {
    api.post("/api/release").sendJsonObject(new JsonObject())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/release")).contains("session_id");
          ctx.completeNow();
        })));
  }
}
