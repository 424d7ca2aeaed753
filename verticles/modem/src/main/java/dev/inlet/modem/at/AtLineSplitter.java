package dev.inlet.modem.at;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the bytes a modem sends into lines: CR, LF or both end a line, empty lines are skipped, bytes that are
 * not printable ASCII (line noise, a modem's boot garbage) are dropped, a partial line waits for the next
 * bytes, and a line longer than {@link #MAX_LINE} is discarded whole (counted) so noise never grows memory.
 */
public final class AtLineSplitter {

  /** Longer than any response line (a PDU of 176 octets is 352 hex digits, plus its +CMGL header). */
  public static final int MAX_LINE = 1024;

  private final StringBuilder line = new StringBuilder();
  private boolean overflowing;
  private long droppedBytes;
  private long overlongLines;

  /** The complete lines in {@code bytes[0..length)}, in order. */
  public List<String> feed(byte[] bytes, int length) {
    List<String> lines = new ArrayList<>(2);
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '\r' || b == '\n') {
        if (!overflowing && !line.isEmpty()) {
          lines.add(line.toString());
        }
        line.setLength(0);
        overflowing = false;
      } else if (b < 0x20 || b > 0x7E) {
        droppedBytes++;
      } else if (!overflowing) {
        if (line.length() >= MAX_LINE) {
          overflowing = true;
          overlongLines++;
          line.setLength(0);
        } else {
          line.append((char) b);
        }
      }
    }
    return lines;
  }

  /** What is waiting for its end of line (a prompt such as {@code "> "} never gets one). */
  public String partial() {
    return line.toString();
  }

  public long droppedBytes() {
    return droppedBytes;
  }

  public long overlongLines() {
    return overlongLines;
  }
}
