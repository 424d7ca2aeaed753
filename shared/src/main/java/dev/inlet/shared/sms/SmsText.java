package dev.inlet.shared.sms;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How Inlet writes, in a message's text, what is not plain text: binary user data and the parts of a
 * concatenated message that never came. These forms are what the API and the live feed show.
 *
 * <ul>
 *   <li>Binary data (data_coding 2 or 4, or an 8-bit TP-DCS): {@code [binary] } followed by the bytes in
 *       lower-case hex, e.g. {@code [binary] 0a0b0c}.</li>
 *   <li>An incomplete concatenated message: the parts that came, in order, with {@code [part 2 of 3 missing]}
 *       where each missing part (or run of parts: {@code [parts 2-3 of 4 missing]}) belongs.</li>
 * </ul>
 */
public final class SmsText {

  /** Starts the text of every binary message. */
  public static final String BINARY_PREFIX = "[binary] ";

  private SmsText() {
  }

  /** The text of binary user data. */
  public static String binary(byte[] data) {
    return BINARY_PREFIX + SmsAlphabet.hex(data);
  }

  /** Whether a text is the form of binary data (no one-time code is looked for in it). */
  public static boolean isBinary(String text) {
    return text != null && text.startsWith(BINARY_PREFIX);
  }

  /** Marks a run of missing parts {@code from}..{@code to} (from 1) of a message of {@code total} parts. */
  public static String missing(int from, int to, int total) {
    return from == to ? "[part " + from + " of " + total + " missing]"
        : "[parts " + from + "-" + to + " of " + total + " missing]";
  }

  /** "2, 4" for a log line. */
  public static String numbers(List<Integer> numbers) {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
