package dev.inlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /health} (readiness) with the real router answering for its store. */
class HealthApiTest extends ApiStackTest {

  @Test
  @DisplayName("readiness answers UP without a key, naming the store and whether it is durable")
  void up(VertxTestContext ctx) {
    api.client.get("/health").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(body.getJsonObject("store").getString("kind")).isEqualTo("memory");
      assertThat(body.getJsonObject("store").getBoolean("durable")).isFalse();
      assertThat(body.getJsonObject("store").getString("problem")).isNull();
      ctx.completeNow();
    })));
  }
}
