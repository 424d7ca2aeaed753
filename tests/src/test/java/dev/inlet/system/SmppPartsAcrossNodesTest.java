package dev.inlet.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.node.InletNode;
import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The parts of one concatenated message spread over two clustered nodes: each node binds to its own SMSC (jSMPP and
 * cloudhopper's server, as two binds of one carrier landing on different nodes), the parts meet in the shared store
 * and the message is stored once, whole.
 */
class SmppPartsAcrossNodesTest {

  private static final String NUMBER = "+4915199900000";

  private static TestSmsc smscA;
  private static TestSmsc smscB;
  private static InletNode nodeA;
  private static InletNode nodeB;
  private static Vertx clientVertx;
  private static LabClient client;

  @BeforeAll
  static void start() throws Exception {
    smscA = new JsmppTestSmsc();
    smscB = new CloudhopperTestSmsc();
    int clusterA = Nodes.freePort();
    int clusterB = Nodes.freePort();
    int http = Nodes.freePort();
    JsonObject common = new JsonObject().put("mode", "production")
        .put("storage", new JsonObject().put("kind", "embedded"))
        .put("pool", new JsonObject().put("numbers", new JsonArray()
            .add(new JsonObject().put("number", NUMBER).put("country", "DE"))));
    JsonObject a = Nodes.clustered(common.copy()
        .put("roles", new JsonArray().add("pool").add("router").add("smpp").add("http"))
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", http)
            .put("apiKeys", new JsonArray().add(Nodes.apiKeyEntry())))
        .put("smpp", smpp("carrier-a", smscA.port())), clusterA, clusterA, clusterB);
    JsonObject b = Nodes.clustered(common.copy()
        .put("roles", new JsonArray().add("router").add("smpp"))
        .put("smpp", smpp("carrier-b", smscB.port())), clusterB, clusterA, clusterB);
    nodeA = Nodes.start(a).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    nodeB = Nodes.start(b).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    smscA.awaitBind(Duration.ofSeconds(20));
    smscB.awaitBind(Duration.ofSeconds(20));
    clientVertx = Vertx.vertx();
    client = new LabClient(clientVertx, http, Nodes.API_KEY);
  }

  private static JsonObject smpp(String name, int port) {
    return new JsonObject().put("name", name).put("host", "127.0.0.1").put("port", port)
        .put("systemId", TestSmsc.SYSTEM_ID).put("password", TestSmsc.PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (InletNode node : new InletNode[] {nodeB, nodeA}) {
      if (node != null) {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
    smscA.close();
    smscB.close();
  }

  private static byte[] part(int number, String text) {
    byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[6 + data.length];
    System.arraycopy(new byte[] {0x05, 0x00, 0x03, 0x42, 0x03, (byte) number}, 0, out, 0, 6);
    System.arraycopy(data, 0, out, 6, data.length);
    return out;
  }

  @Test
  @DisplayName("parts delivered to two nodes by two SMSCs, one repeated on the other node, are stored once, whole")
  void partsMeetAcrossNodes() throws Exception {
    String sessionId = client.rent(new JsonObject().put("number", NUMBER)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).getString("session_id");
    BlockingQueue<StoredSms> stored = new LinkedBlockingQueue<>();
    MessageConsumer<StoredSms> listener = nodeA.vertx().eventBus()
        .consumer(Addresses.numberSms(NUMBER), m -> stored.add(m.body()));
    listener.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    String to = NUMBER.substring(1);
    smscB.deliver("447700900001", to, 0x40, 0x03, part(2, "second, "));
    smscA.deliver("447700900001", to, 0x40, 0x03, part(1, "First, "));
    smscA.deliver("447700900001", to, 0x40, 0x03, part(2, "second, "));
    smscB.deliver("447700900001", to, 0x40, 0x03, part(3, "third: code 246810."));

    StoredSms sms = stored.poll(10, TimeUnit.SECONDS);
    assertThat(sms).isNotNull();
    assertThat(sms.text()).isEqualTo("First, second, third: code 246810.");
    JsonArray inbox = client.get("/api/messages?session_id=" + sessionId).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("messages");
    assertThat(inbox).hasSize(1);
    assertThat(inbox.getJsonObject(0).getString("code")).isEqualTo("246810");
    listener.unregister();
  }
}
