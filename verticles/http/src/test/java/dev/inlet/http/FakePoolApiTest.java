package dev.inlet.http;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests of the HTTP verticle against a {@link FakePool} playing the pool and router on the bus. */
@ExtendWith(VertxExtension.class)
abstract class FakePoolApiTest {

  protected FakePool pool;
  protected TestApi api;

  @BeforeEach
  void startApiWithFakePool(Vertx vertx, VertxTestContext ctx) {
    FakePool.serve(vertx.eventBus())
        .compose(fake -> {
          pool = fake;
          return TestApi.start(vertx);
        })
        .onComplete(ctx.succeeding(started -> {
          api = started;
          ctx.completeNow();
        }));
  }
}
