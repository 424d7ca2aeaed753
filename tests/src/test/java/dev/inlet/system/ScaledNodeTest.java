package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.node.InletNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node scaled out with several instances of each verticle: each message is stored and pushed exactly once. */
@ExtendWith(VertxExtension.class)
class ScaledNodeTest {

  private static final int MESSAGES = 60;

  private static InletNode node;
  private static Vertx clientVertx;
  private static LabClient client;

  @BeforeAll
  static void start() throws Exception {
    int port = Nodes.freePort();
    JsonObject overrides = Nodes.lab(port).put("instances", new JsonObject()
        .put("pool", 2).put("router", 3).put("smpp", 2).put("http", 2));
    node = Nodes.start(overrides).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, port, Nodes.API_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("with several routers, pools and binds, every injected message is stored once and pushed once")
  void exactlyOnce(VertxTestContext ctx) {
    Set<String> pushedIds = new HashSet<>();
    var allPushed = ctx.checkpoint();
    var listed = ctx.checkpoint();
    client.rent(new JsonObject().put("country", "US")).compose(rental -> {
      String number = rental.getString("number");
      String session = rental.getString("session_id");
      return client.connect(session).compose(ws -> {
        ws.textMessageHandler(text -> {
          boolean first = pushedIds.add(new JsonObject(text).getString("id"));
          ctx.verify(() -> assertThat(first).as("pushed twice: " + text).isTrue());
          if (pushedIds.size() == MESSAGES) {
            allPushed.flag();
          }
        });
        List<Future<?>> injects = IntStream.range(0, MESSAGES)
            .<Future<?>>mapToObj(i -> client.inject(number, "Load", "message " + i).map(r -> {
              ctx.verify(() -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200));
              return r;
            }))
            .toList();
        return Future.all(injects);
      }).compose(v -> client.get("/api/messages?session_id=" + session));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      JsonArray messages = r.bodyAsJsonObject().getJsonArray("messages");
      assertThat(messages).hasSize(MESSAGES);
      assertThat(messages.stream().map(o -> ((JsonObject) o).getString("text")).distinct()).hasSize(MESSAGES);
      listed.flag();
    })));
  }
}
