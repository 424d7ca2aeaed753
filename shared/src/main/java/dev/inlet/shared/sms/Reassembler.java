package dev.inlet.shared.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Joins the parts of concatenated messages. {@link #assemble} is the rule: parts in any order, duplicates ignored
 * (the first copy of a number counts), user data of consecutive parts joined before decoding, missing parts marked
 * where they belong. An instance also holds parts in memory until their message is whole or has waited
 * {@code timeout} (for a source that holds nothing durably itself; the SMPP path holds parts in the store).
 * Not thread-safe: one owner calls it.
 */
public final class Reassembler {

  private final Duration timeout;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  private record Pending(Instant firstAt, TreeMap<Integer, Segment> parts) {
  }

  /** A reassembler that gives up waiting for the missing parts of a message {@code timeout} after its first part. */
  public Reassembler(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Takes one part. Answers the whole message when this part completes it (its parts are then forgotten), else
   * empty. A message of one part is whole at once.
   *
   * @param setKey names the message the part belongs to (e.g. {@link Segment#setKey})
   */
  public Optional<Assembled> offer(String setKey, Segment part, Instant now) {
    Pending p = pending.computeIfAbsent(setKey, k -> new Pending(now, new TreeMap<>()));
    p.parts().putIfAbsent(part.number(), part);
    if (p.parts().size() < part.total()) {
      return Optional.empty();
    }
    pending.remove(setKey);
    return Optional.of(assemble(List.copyOf(p.parts().values())));
  }

  /** Messages whose first part came {@code timeout} or longer before {@code now}, as far as they came; forgotten. */
  public List<Assembled> expired(Instant now) {
    List<Assembled> out = new ArrayList<>();
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (!p.firstAt().plus(timeout).isAfter(now)) {
        out.add(assemble(List.copyOf(p.parts().values())));
        it.remove();
      }
    }
    return out;
  }

  /** How many messages wait for parts. */
  public int waiting() {
    return pending.size();
  }

  /**
   * The message the given parts make: the parts (of one message, in any order, repeated or not) joined by number.
   * Each run of consecutive parts in one alphabet is decoded at once; a missing part, or run of parts, shows as
   * {@link SmsText#missing}. The total is the first part's.
   *
   * @throws IllegalArgumentException when there are no parts
   */
  public static Assembled assemble(List<Segment> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no parts to assemble");
    }
    int total = parts.get(0).total();
    TreeMap<Integer, Segment> byNumber = new TreeMap<>();
    for (Segment s : parts) {
      if (s.number() <= total) {
        byNumber.putIfAbsent(s.number(), s);
      }
    }
    StringBuilder text = new StringBuilder();
    List<Integer> missing = new ArrayList<>();
    int n = 1;
    while (n <= total) {
      Segment first = byNumber.get(n);
      if (first == null) {
        int from = n;
        while (n <= total && !byNumber.containsKey(n)) {
          missing.add(n++);
        }
        text.append(SmsText.missing(from, n - 1, total));
        continue;
      }
      ByteArrayOutputStream run = new ByteArrayOutputStream();
      Segment s;
      while (n <= total && (s = byNumber.get(n)) != null && sameCoding(first, s)) {
        run.writeBytes(s.userData());
        n++;
      }
      text.append(decode(first, run.toByteArray(), text.length() > 0));
    }
    return new Assembled(text.toString(), total, missing);
  }

  private static boolean sameCoding(Segment a, Segment b) {
    return a.alphabet() == b.alphabet() && a.lockingShift() == b.lockingShift() && a.singleShift() == b.singleShift();
  }

  private static String decode(Segment coding, byte[] userData, boolean afterText) {
    if (coding.alphabet() == SmsAlphabet.BINARY) {
      return afterText ? SmsAlphabet.hex(userData) : SmsText.binary(userData);
    }
    try {
      return coding.alphabet().decode(userData, coding.lockingShift(), coding.singleShift());
    } catch (CharacterCodingException e) {
      // each part was valid on its own; should the run not be, its bytes are kept rather than garbled
      return SmsText.binary(userData);
    }
  }
}
