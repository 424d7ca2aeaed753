package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.node.InletNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two clustered nodes (Hazelcast, TCP-IP join on loopback): node A runs the SMSC simulator, the SMPP
 * bind, the pool and the router; node B runs only the HTTP edge. A session rented and watched through
 * B receives the SMS that A's SMPP verticle took in.
 */
@ExtendWith(VertxExtension.class)
class TwoNodeClusterTest {

  private static InletNode nodeA;
  private static InletNode nodeB;
  private static Vertx clientVertx;
  private static LabClient viaA;
  private static LabClient viaB;

  @BeforeAll
  static void startCluster() throws Exception {
    int clusterA = Nodes.freePort();
    int clusterB = Nodes.freePort();
    int httpA = Nodes.freePort();
    int httpB = Nodes.freePort();
    JsonObject a = Nodes.clustered(Nodes.lab(httpA), clusterA, clusterA, clusterB);
    JsonObject b = Nodes.clustered(Nodes.lab(httpB), clusterB, clusterA, clusterB)
        .put("roles", new JsonArray().add("http"));
    nodeA = Nodes.start(a).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    nodeB = Nodes.start(b).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    viaA = new LabClient(clientVertx, httpA, Nodes.API_KEY);
    viaB = new LabClient(clientVertx, httpB, Nodes.API_KEY);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (nodeB != null) {
      nodeB.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (nodeA != null) {
      nodeA.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("an SMS taken in by node A's SMPP bind reaches the session held through node B")
  void crossNodeDelivery(VertxTestContext ctx) {
    var pushed = ctx.checkpoint();
    var listed = ctx.checkpoint();
    viaB.rent(new JsonObject().put("country", "US")).compose(rental -> {
      String number = rental.getString("number");
      String session = rental.getString("session_id");
      return viaB.connect(session).compose(ws -> {
        ws.textMessageHandler(text -> ctx.verify(() -> {
          assertThat(new JsonObject(text).getString("code")).isEqualTo("551204");
          assertThat(new JsonObject(text).getString("to")).isEqualTo(number);
          pushed.flag();
        }));
        return viaA.inject(number, "Acme", "Acme code 551204");
      }).compose(injected -> {
        ctx.verify(() -> assertThat(injected.statusCode()).as(injected.bodyAsString()).isEqualTo(200));
        return viaB.get("/api/messages?session_id=" + session);
      });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.bodyAsJsonObject().getJsonArray("messages")).hasSize(1);
      listed.flag();
    })));
  }

  @Test
  @DisplayName("node B serves the pool of node A: a number rented through B is not offered by A")
  void sharedPool(VertxTestContext ctx) {
    viaB.rent(new JsonObject().put("country", "GB"))
        .compose(rental -> viaA.get("/api/numbers?country=GB").map(r -> {
          ctx.verify(() -> assertThat(r.bodyAsJsonObject().getJsonArray("numbers").stream()
                  .map(o -> ((JsonObject) o).getString("number")))
              .doesNotContain(rental.getString("number")));
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }
}
