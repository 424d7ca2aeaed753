package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RoutingErrorsTest {

  private TestApi api;

  @BeforeEach
  void startApi(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx).onComplete(ctx.succeeding(started -> {
      api = started;
      ctx.completeNow();
    }));
  }

  @Test
  @DisplayName("an unknown route is a 404 problem")
  void unknownRoute(VertxTestContext ctx) {
    api.client.get("/no/such/thing").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 404, "not-found", "/no/such/thing")).contains("/no/such/thing");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("an unknown API route with a valid key is a 404 problem")
  void unknownApiRoute(VertxTestContext ctx) {
    api.get("/api/nothing-here").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertProblem(response, 404, "not-found", "/api/nothing-here");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a known route called with the wrong method is a 405 problem")
  void wrongMethod(VertxTestContext ctx) {
    api.get("/api/rent").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(assertProblem(response, 405, "method-not-allowed", "/api/rent")).contains("GET");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a body over 64 KiB is a 413 problem")
  void bodyTooLarge(VertxTestContext ctx) {
    String padding = "x".repeat(RequestFields.BODY_LIMIT_BYTES);
    api.post("/api/rent").sendBuffer(Buffer.buffer("{\"number\":\"+12125550100\",\"pad\":\"" + padding + "\"}"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 413, "payload-too-large", "/api/rent");
          ctx.completeNow();
        })));
  }
}
