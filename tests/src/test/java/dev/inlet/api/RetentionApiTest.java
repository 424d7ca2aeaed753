package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Messages past the retention window (here: zero hours, purged every 50 ms), as the API lists them. */
class RetentionApiTest extends ApiStackTest {

  @Override
  protected void configure(JsonObject node) {
    node.put("retention", new JsonObject().put("hours", 0).put("purgeIntervalMs", 50));
  }

  @Test
  @DisplayName("past the retention window a message is still listed, its text and code JSON null")
  void purgedText(Vertx vertx, VertxTestContext ctx) {
    api.rent(US_2)
        .compose(rental -> api.deliver(US_2, "Google", "Your code is 837261")
            .compose(receipt -> Polling.until(vertx,
                () -> api.messages("session_id=" + rental.getString("session_id")),
                page -> page.getJsonArray("messages").getJsonObject(0).getValue("text") == null)))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          JsonObject message = page.getJsonArray("messages").getJsonObject(0);
          assertThat(message.containsKey("text")).isTrue();
          assertThat(message.containsKey("code")).isTrue();
          assertThat(message.getValue("code")).isNull();
          assertThat(message.getString("from")).isEqualTo("Google");
          assertThat(message.getString("to")).isEqualTo(US_2);
          ctx.completeNow();
        })));
  }
}
