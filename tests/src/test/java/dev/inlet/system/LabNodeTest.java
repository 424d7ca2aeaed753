package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.node.InletNode;
import io.vertx.core.Future;
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
 * One lab node, used as the README says: rent a number, inject an SMS through the simulator (which
 * delivers it over real SMPP to the node's bind), read it back over REST and the WebSocket.
 */
@ExtendWith(VertxExtension.class)
class LabNodeTest {

  private static InletNode node;
  private static LabClient client;
  private static Vertx clientVertx;

  @BeforeAll
  static void startNode() throws Exception {
    int port = Nodes.freePort();
    node = Nodes.start(Nodes.lab(port)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, port, Nodes.API_KEY);
  }

  @AfterAll
  static void stopNode() throws Exception {
    client.close();
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("the lab pool offers about a hundred fictional numbers, filtered by country")
  void numbers(VertxTestContext ctx) {
    Future.all(client.get("/api/numbers"), client.get("/api/numbers?country=GB"))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonArray all = both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).bodyAsJsonObject().getJsonArray("numbers");
          JsonArray gb = both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).bodyAsJsonObject().getJsonArray("numbers");
          assertThat(all.size()).isBetween(90, 110);
          assertThat(gb.size()).isPositive().isLessThan(all.size());
          JsonObject first = gb.getJsonObject(0);
          assertThat(first.getString("number")).startsWith("+447700900");
          assertThat(first.getString("country")).isEqualTo("GB");
          assertThat(first.getJsonArray("capabilities")).contains("sms");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an SMS injected for a rented number arrives on the session's WebSocket and in its messages")
  void walkingSkeleton(VertxTestContext ctx) {
    var pushed = ctx.checkpoint();
    var listed = ctx.checkpoint();
    client.rent(new JsonObject().put("country", "US").put("service", "google")).compose(rental -> {
      String number = rental.getString("number");
      String session = rental.getString("session_id");
      ctx.verify(() -> {
        assertThat(number).startsWith("+1212555");
        assertThat(rental.getInteger("expires_in")).isBetween(590, 600);
      });
      return client.connect(session).compose(ws -> {
        ws.textMessageHandler(text -> ctx.verify(() -> {
          JsonObject msg = new JsonObject(text);
          assertThat(msg.getString("from")).isEqualTo("Google");
          assertThat(msg.getString("to")).isEqualTo(number);
          assertThat(msg.getString("text")).isEqualTo("Your code is 837261");
          assertThat(msg.getString("code")).isEqualTo("837261");
          assertThat(msg.getString("received_at")).endsWith("Z");
          pushed.flag();
        }));
        return client.inject(number, "Google", "Your code is 837261");
      }).compose(injected -> {
        ctx.verify(() -> assertThat(injected.statusCode()).as(injected.bodyAsString()).isEqualTo(200));
        return client.get("/api/messages?session_id=" + session);
      });
    }).onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
      assertThat(messages.statusCode()).isEqualTo(200);
      JsonArray list = messages.bodyAsJsonObject().getJsonArray("messages");
      assertThat(list).hasSize(1);
      assertThat(list.getJsonObject(0).getString("code")).isEqualTo("837261");
      listed.flag();
    })));
  }

  @Test
  @DisplayName("a browser opens the WebSocket with the short-lived token the rental hands out")
  void tokenWebSocket(VertxTestContext ctx) {
    client.rent(new JsonObject().put("country", "GB")).compose(rental ->
            client.connectWithToken(rental.getString("session_id"), rental.getString("ws_token")).compose(ws -> {
              ws.textMessageHandler(text -> ctx.verify(() -> {
                assertThat(new JsonObject(text).getString("text")).isEqualTo("Ünïcödé ✓ 😀 code 4321");
                assertThat(new JsonObject(text).getString("code")).isEqualTo("4321");
                ctx.completeNow();
              }));
              return client.inject(rental.getString("number"), "+447700900999", "Ünïcödé ✓ 😀 code 4321");
            }))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> assertThat(r.statusCode()).isEqualTo(200))));
  }

  @Test
  @DisplayName("a session sees only the messages sent while it held its number")
  void isolation(VertxTestContext ctx) {
    client.rent(new JsonObject().put("country", "US")).compose(a -> client.rent(new JsonObject().put("country", "US"))
            .compose(b -> client.inject(a.getString("number"), "Bank", "for A 1111")
                .compose(x -> client.inject(b.getString("number"), "Bank", "for B 2222"))
                .compose(x -> Future.all(client.get("/api/messages?session_id=" + a.getString("session_id")),
                    client.get("/api/messages?session_id=" + b.getString("session_id"))))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonArray forA = both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).bodyAsJsonObject().getJsonArray("messages");
          JsonArray forB = both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).bodyAsJsonObject().getJsonArray("messages");
          assertThat(forA).hasSize(1);
          assertThat(forA.getJsonObject(0).getString("text")).isEqualTo("for A 1111");
          assertThat(forB).hasSize(1);
          assertThat(forB.getJsonObject(0).getString("text")).isEqualTo("for B 2222");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an SMS for a number outside the pool is refused by the bind as an invalid destination")
  void unknownNumber(VertxTestContext ctx) {
    client.inject("+15005550006", "Google", "hello").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("0x0000000B");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a released session is over: its WebSocket cannot be opened again")
  void released(VertxTestContext ctx) {
    client.rent(new JsonObject().put("country", "US")).compose(rental -> {
      String session = rental.getString("session_id");
      return client.post("/api/release", new JsonObject().put("session_id", session)).compose(r -> {
        ctx.verify(() -> assertThat(r.statusCode()).isEqualTo(204));
        return client.connect(session);
      });
    }).onComplete(ctx.failing(e -> ctx.completeNow()));
  }

  @Test
  @DisplayName("the API refuses calls without the API key")
  void needsKey(Vertx vertx, VertxTestContext ctx) {
    new LabClient(vertx, node.httpPort(), "wrong-key").get("/api/numbers")
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(401);
          assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
          ctx.completeNow();
        })));
  }
}
