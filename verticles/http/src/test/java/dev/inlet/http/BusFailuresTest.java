package dev.inlet.http;

import static dev.inlet.http.TestApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.MessageCodecs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the API answers when the verticles behind it are missing or slow. */
@ExtendWith(VertxExtension.class)
class BusFailuresTest {

  @Test
  @DisplayName("when no pool runs anywhere, the API answers a 503 problem with Retry-After")
  void noHandlers(Vertx vertx, VertxTestContext ctx) {
    TestApi.start(vertx)
        .compose(api -> api.get("/api/numbers").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(assertProblem(response, 503, "service-unavailable", "/api/numbers"))
              .contains(Addresses.POOL_AVAILABLE);
          assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(HttpFailures.RETRY_AFTER_SECONDS));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("when the pool does not answer within requestTimeoutMs, the API answers a 504 problem")
  void timeout(Vertx vertx, VertxTestContext ctx) {
    MessageCodecs.register(vertx);
    vertx.eventBus().consumer(Addresses.POOL_AVAILABLE, message -> {
      // never replies
    }).completion()
        .compose(v -> TestApi.start(vertx, TestApi.config("lab").put("requestTimeoutMs", 200)))
        .compose(api -> api.get("/api/numbers").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertProblem(response, 504, "timeout", "/api/numbers");
          ctx.completeNow();
        })));
  }
}
