package dev.inlet.api;

import static dev.inlet.api.ApiStack.US_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The memory bound of session sockets: {@value #CLIENTS} clients that never read (a 4 KiB receive buffer, never
 * drained) on one session, {@value #MESSAGES} messages of about 2 KB each pushed to every one of them: about
 * 130 MB had the node queued everything (8 MB a client: more than the kernel's socket buffer takes, up to 4 MB
 * with Linux's default tcp_wmem, so the node's own queue must fill). With a send queue of {@code http.wsSendQueueBytes} (64 KiB) per socket,
 * the node's heap plus Netty's direct memory grows by less than {@value #BOUND_MB} MB, every client is closed
 * with 1008, and the memory is given back once they are gone.
 */
class SocketMemoryTest extends ApiStackTest {

  static final int CLIENTS = 16;
  static final int MESSAGES = 4000;
  static final int BOUND_MB = 24;
  private static final String TEXT = "Your code is 123456. ".repeat(100);

  private static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  /** Heap in use after a full collection, plus the direct memory Netty holds. */
  private static long usedBytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long direct = PlatformDependent.usedDirectMemory();
    return heap + Math.max(0, direct);
  }

  @Test
  @DisplayName("clients that never read cost the node a bounded amount of memory, are closed with 1008, and it is given back")
  void boundedMemory() throws Exception {
    JsonObject rental = await(api.rent(US_1));
    String session = rental.getString("session_id");
    long before = usedBytes();
    List<RawWebSocket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        String token = await(ApiStack.ok(api.post("/api/ws-token").sendJsonObject(new JsonObject()
            .put("session_id", session)))).getString("token");
        RawWebSocket ws = new RawWebSocket(api.http.actualPort(), "/ws/connect?session_id=" + session
            + "&token=" + token, 4096);
        assertThat(ws.status).startsWith("HTTP/1.1 101");
        clients.add(ws);
      }
      for (int i = 0; i < MESSAGES; i++) {
        await(api.deliver(US_1, "Bank", i + " " + TEXT));
      }
      long loaded = usedBytes();
      long grownMb = (loaded - before) / (1024 * 1024);
      System.out.printf("socket memory: %d clients that never read, %d messages of %d chars: +%d MB (bound %d MB,"
          + " unbounded would queue %d MB)%n", CLIENTS, MESSAGES, TEXT.length(), grownMb, BOUND_MB,
          (long) CLIENTS * MESSAGES * TEXT.length() / (1024 * 1024));
      assertThat(grownMb).isLessThan(BOUND_MB);
      // reading now, a client finds what was queued for it, then the close 1008
      assertThat(clients.get(0).readUntilClose().closeStatus()).isEqualTo(1008);
    } finally {
      for (RawWebSocket ws : clients) {
        ws.close();
      }
    }
    // the server learns of the closed connections on its own: await its count of open sockets
    api.http.whenOpenSessionSockets(n -> n == 0).await(20, TimeUnit.SECONDS);
    assertThat(api.http.openSessionSockets()).isZero();
    long after = usedBytes();
    System.out.printf("socket memory after the clients left: %+d MB against the start%n",
        (after - before) / (1024 * 1024));
    // what stays is the inbox itself (the in-memory store keeps the messages: one byte a character), not the queues
    long storedMb = (long) MESSAGES * TEXT.length() / (1024 * 1024);
    assertThat((after - before) / (1024 * 1024)).isLessThan(storedMb + 4);
  }
}
