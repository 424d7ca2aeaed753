package dev.inlet.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain blocking socket, byte by byte as RFC 6455 spells it, for what ordinary clients
 * refuse to do: send invalid UTF-8, oversized frames, floods of pings, or never read at all.
 */
final class RawWebSocket implements AutoCloseable {

  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  /** The status line of the server's answer to the upgrade request. */
  final String status;

  /** Connects and sends the upgrade; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (a slow reader). */
  RawWebSocket(int port, String uri, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    out.write(("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    status = readHeaders().lines().findFirst().orElse("");
  }

  boolean upgraded() {
    return status.startsWith("HTTP/1.1 101");
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Sends one final, masked frame. */
  void send(int opcode, byte[] payload) throws IOException {
    sendFragment(opcode, payload, true);
  }

  /** Sends one masked frame; {@code opcode} 0 continues a fragmented message. */
  void sendFragment(int opcode, byte[] payload, boolean last) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((last ? 0x80 : 0) | opcode);
    int n = payload.length;
    if (n < 126) {
      frame.write(0x80 | n);
    } else if (n < 65536) {
      frame.write(0x80 | 126);
      frame.write(n >>> 8);
      frame.write(n);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) n >>> shift));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < n; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** One frame from the server: opcode and payload. */
  record Frame(int opcode, byte[] payload) {
    /** The status code of a close frame (1005 when it has none). */
    int closeStatus() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }
  }

  Frame read() throws IOException {
    int b0 = in.read();
    int b1 = in.read();
    if (b0 < 0 || b1 < 0) {
      throw new IOException("connection closed without a frame");
    }
    long n = b1 & 0x7F;
    if (n == 126) {
      n = (in.read() << 8) | in.read();
    } else if (n == 127) {
      n = 0;
      for (int i = 0; i < 8; i++) {
        n = (n << 8) | in.read();
      }
    }
    byte[] payload = in.readNBytes((int) n);
    return new Frame(b0 & 0x0F, payload);
  }

  /** Reads frames until a close frame, and answers it; fails if the connection ends without one. */
  Frame readUntilClose() throws IOException {
    while (true) {
      Frame frame = read();
      if (frame.opcode() == CLOSE) {
        return frame;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
