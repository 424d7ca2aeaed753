package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the HTTP edge refuses by itself, before asking the pool or the router: no pool runs behind the API
 * here, so a request that got past validation would be a 503, not the 4xx asserted.
 */
@ExtendWith(VertxExtension.class)
class RequestValidationTest {

  private TestApi api;

  @BeforeEach
  void startApi(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx).onComplete(ctx.succeeding(started -> {
      api = started;
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("a rent body that is not valid JSON is a 400 problem saying so")
  void malformedJson(VertxTestContext ctx) {
    api.post("/api/rent").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"number\": "))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "malformed-json", "/api/rent")).startsWith("the body is not valid JSON");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a rent body that is JSON but not an object is a 400 problem")
  void notAnObject(VertxTestContext ctx) {
    api.post("/api/rent").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("[\"+12125550100\"]"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/rent")).contains("body", "array", "object");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("renting a number that is not E.164 is a 400 problem naming the field")
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
  @DisplayName("a release without session_id is a 400 problem naming the field")
  void releaseNeedsSession(VertxTestContext ctx) {
    api.post("/api/release").sendJsonObject(new JsonObject())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/release")).contains("session_id");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an extension without seconds is a 400 problem naming the field")
  void extendNeedsSeconds(VertxTestContext ctx) {
    api.post("/api/extend").sendJsonObject(new JsonObject().put("session_id", "s-1"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/extend")).startsWith("seconds is required");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an extension by a negative number of seconds is a 400 problem naming the field")
  void extendNeedsPositiveSeconds(VertxTestContext ctx) {
    api.post("/api/extend").sendJsonObject(new JsonObject().put("session_id", "s-1").put("seconds", -60))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/extend"))
              .contains("seconds: -60 is less than 1").doesNotContain("is not a field");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an extension without session_id is a 400 problem naming the field")
  void extendNeedsSession(VertxTestContext ctx) {
    api.post("/api/extend").sendJsonObject(new JsonObject().put("seconds", 60))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/extend")).contains("session_id");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("listing messages without session_id is a 400 problem naming the parameter")
  void messagesNeedSession(VertxTestContext ctx) {
    api.get("/api/messages").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 400, "invalid-request", "/api/messages")).contains("session_id");
      ctx.completeNow();
    })));
  }

  @ParameterizedTest(name = "limit={0}")
  @ValueSource(strings = {"0", "1001", "-5", "ten", "2.5"})
  @DisplayName("a messages limit that is not a whole number from 1 to 1000 is a 400 problem naming the parameter")
  void messagesLimit(String limit, VertxTestContext ctx) {
    api.get("/api/messages?session_id=s-1&limit=" + limit).send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/messages")).contains("limit", limit);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a country that is not two letters is a 400 problem naming the parameter")
  void validatesCountry(VertxTestContext ctx) {
    api.get("/api/numbers?country=USA").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 400, "invalid-request", "/api/numbers")).contains("country");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("an admin history for a path segment that is not an E.164 number is a 400 problem saying to write + as %2B")
  void historyNeedsE164(VertxTestContext ctx) {
    api.admin(api.client.get("/api/admin/numbers/12125550100/history")).send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/admin/numbers/12125550100/history"))
              .contains("E.164", "%2B", "12125550100");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an admin history limit over 1000 is a 400 problem naming the parameter")
  void historyLimit(VertxTestContext ctx) {
    api.admin(api.client.get("/api/admin/numbers/%2B12125550100/history?limit=1001")).send()
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/admin/numbers/%2B12125550100/history"))
              .contains("limit");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an import that is neither text/csv nor application/json is a 415 problem naming both")
  void importMediaType(VertxTestContext ctx) {
    api.admin(api.client.post("/api/admin/numbers/import")).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("+12125550199,US"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 415, "unsupported-media-type", "/api/admin/numbers/import"))
              .contains("text/csv", "application/json", "text/plain");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an import with an empty body is a 400 problem")
  void importEmpty(VertxTestContext ctx) {
    api.admin(api.client.post("/api/admin/numbers/import")).putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 400, "invalid-request", "/api/admin/numbers/import")).contains("empty");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an import file over the import limit is a 413 problem naming that limit")
  void importTooLarge(VertxTestContext ctx) {
    api.admin(api.client.post("/api/admin/numbers/import")).putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer("+12125550199,US\n".repeat(AdminHandler.IMPORT_LIMIT_BYTES / 16 + 1)))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 413, "payload-too-large", "/api/admin/numbers/import"))
              .contains(String.valueOf(AdminHandler.IMPORT_LIMIT_BYTES));
          ctx.completeNow();
        })));
  }
}
