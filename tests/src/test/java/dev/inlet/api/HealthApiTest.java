package dev.inlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /ready} (readiness) with the real router answering for its store. */
class HealthApiTest extends ApiStackTest {

  @Test
  @DisplayName("readiness checks the store without a key, naming it and whether it is durable")
  void up(VertxTestContext ctx) {
    api.client.get("/ready").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
      JsonObject store = response.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
          .filter(c -> c.getString("id").equals("store")).findFirst().orElseThrow();
      assertThat(store.getString("status")).isEqualTo("UP");
      assertThat(store.getJsonObject("data").getString("kind")).isEqualTo("memory");
      assertThat(store.getJsonObject("data").getBoolean("durable")).isFalse();
      ctx.completeNow();
    })));
  }
}
