package dev.inlet.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboundFramesTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final InboundFrames frames = new InboundFrames(10, nanos::get);

  private static WebSocketFrame text(byte[] bytes, boolean last) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, last);
  }

  private static WebSocketFrame continuation(byte[] bytes, boolean last) {
    return new WebSocketFrameImpl(WebSocketFrameType.CONTINUATION, bytes, last);
  }

  @Test
  @DisplayName("ten pings a second pass, the eleventh closes with 1008, and the next second starts afresh")
  void controlFrames() {
    for (int i = 0; i < 10; i++) {
      assertThat(frames.judge(WebSocketFrame.pingFrame(Buffer.buffer("p")))).isEmpty();
    }
    assertThat(frames.judge(WebSocketFrame.pingFrame(Buffer.buffer("p")))).get()
        .extracting(InboundFrames.Verdict::status).isEqualTo((short) 1008);
    nanos.addAndGet(1_000_000_000L);
    assertThat(frames.judge(WebSocketFrame.pongFrame(Buffer.buffer("p")))).isEmpty();
  }

  @Test
  @DisplayName("text that is not UTF-8 closes with 1007")
  void invalidUtf8() {
    assertThat(frames.judge(text(new byte[] {'a', (byte) 0xC3, (byte) 0x28}, true))).get()
        .extracting(InboundFrames.Verdict::status).isEqualTo((short) 1007);
  }

  @Test
  @DisplayName("a character split across two fragments is valid; a message that ends inside one is not")
  void fragments() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    assertThat(frames.judge(text(new byte[] {'a', euro[0]}, false))).isEmpty();
    assertThat(frames.judge(continuation(new byte[] {euro[1], euro[2]}, true))).isEmpty();
    assertThat(frames.judge(text(new byte[] {'b', euro[0], euro[1]}, false))).isEmpty();
    assertThat(frames.judge(continuation(new byte[] {'c'}, true))).get()
        .extracting(InboundFrames.Verdict::status).isEqualTo((short) 1007);
  }

  @Test
  @DisplayName("binary frames are not judged as text")
  void binary() {
    assertThat(frames.judge(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {(byte) 0xFF}), true))).isEmpty();
  }
}
