package dev.inlet.http;

import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Judges what a client sends on a session socket (the server expects nothing but control frames): text must
 * be valid UTF-8 (1007 otherwise, RFC 6455 §8.1), and pings and pongs come at most {@code perSecond} a second
 * (1008 otherwise: each ping costs the node a pong). One per socket; not thread-safe (the socket's event loop).
 */
final class InboundFrames {

  /** RFC 6455 close codes. */
  static final short INVALID_PAYLOAD = 1007;
  static final short POLICY_VIOLATION = 1008;

  /** Why a socket must be closed: status and reason. */
  record Verdict(short status, String reason) {
  }

  private final int perSecond;
  private final LongSupplier nanoTime;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private boolean inText;
  private byte[] pending = new byte[0];
  private long windowStart;
  private int controlInWindow;

  InboundFrames(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** Empty while the frame is acceptable, else why the socket closes. */
  Optional<Verdict> judge(WebSocketFrame frame) {
    if (frame.isPing() || frame.type() == io.vertx.core.http.WebSocketFrameType.PONG) {
      return control();
    }
    if (frame.isText() || (frame.isContinuation() && inText)) {
      inText = !frame.isFinal();
      return text(frame.binaryData().getBytes(), frame.isFinal());
    }
    return Optional.empty();
  }

  private Optional<Verdict> control() {
    long now = nanoTime.getAsLong();
    if (now - windowStart >= 1_000_000_000L) {
      windowStart = now;
      controlInWindow = 0;
    }
    if (++controlInWindow > perSecond) {
      return Optional.of(new Verdict(POLICY_VIOLATION, "more than " + perSecond + " control frames a second"));
    }
    return Optional.empty();
  }

  /** Checks UTF-8 across the fragments of a message: a character may straddle two frames. */
  private Optional<Verdict> text(byte[] bytes, boolean last) {
    byte[] all = new byte[pending.length + bytes.length];
    System.arraycopy(pending, 0, all, 0, pending.length);
    System.arraycopy(bytes, 0, all, pending.length, bytes.length);
    int valid = validPrefix(all, last);
    if (valid < 0) {
      pending = new byte[0];
      return Optional.of(new Verdict(INVALID_PAYLOAD, "text frames must be valid UTF-8"));
    }
    pending = last ? new byte[0] : java.util.Arrays.copyOfRange(all, valid, all.length);
    return Optional.empty();
  }

  /** How many leading bytes decode; -1 when the bytes are not UTF-8 (an unfinished character may end a non-final frame). */
  private int validPrefix(byte[] bytes, boolean last) {
    int cut = bytes.length;
    if (!last) {
      // at most 3 trailing bytes of an unfinished character wait for the next fragment
      int back = 0;
      while (back < 3 && cut - back - 1 >= 0 && (bytes[cut - back - 1] & 0xC0) == 0x80) {
        back++;
      }
      if (cut - back - 1 >= 0 && (bytes[cut - back - 1] & 0xC0) == 0xC0) {
        cut = cut - back - 1;
      }
    }
    try {
      utf8.reset().decode(ByteBuffer.wrap(bytes, 0, cut));
      return cut;
    } catch (CharacterCodingException e) {
      return -1;
    }
  }
}
