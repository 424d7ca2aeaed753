package dev.inlet.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests of the API against the real pool, router and HTTP verticles: a fresh stack and store per test. */
@ExtendWith(VertxExtension.class)
abstract class ApiStackTest {

  protected ApiStack api;

  /** Changes the node configuration of the stack (see {@link ApiStack#nodeConfig()}); nothing by default. */
  protected void configure(JsonObject node) {
  }

  @BeforeEach
  void startStack(Vertx vertx, VertxTestContext ctx) {
    ApiStack.start(vertx, this::configure).onComplete(ctx.succeeding(started -> {
      api = started;
      ctx.completeNow();
    }));
  }
}
