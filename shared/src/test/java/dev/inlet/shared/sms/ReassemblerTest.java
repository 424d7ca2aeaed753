package dev.inlet.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

  private static Segment part(int number, int total, SmsAlphabet alphabet, byte[] data) {
    return new Segment(7, 8, total, number, alphabet, 0, 0, data);
  }

  private static List<Segment> split(byte[] data, int size, SmsAlphabet alphabet) {
    int total = Math.max(1, (data.length + size - 1) / size);
    List<Segment> parts = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      parts.add(part(i + 1, total, alphabet, Arrays.copyOfRange(data, i * size, Math.min(data.length, (i + 1) * size))));
    }
    return parts;
  }

  @Test
  @DisplayName("A UTF-16 surrogate pair split between two parts comes out as one emoji")
  void surrogatePairAcrossParts() {
    byte[] utf16 = "ok 😀!".getBytes(StandardCharsets.UTF_16BE); // o k SP hi lo !
    List<Segment> parts = List.of(part(2, 2, SmsAlphabet.UCS2, Arrays.copyOfRange(utf16, 8, 12)),
        part(1, 2, SmsAlphabet.UCS2, Arrays.copyOfRange(utf16, 0, 8)));
    assertThat(Reassembler.assemble(parts).text()).isEqualTo("ok 😀!");
  }

  @Test
  @DisplayName("A GSM escape at the end of one part applies to the first septet of the next")
  void escapeAcrossParts() {
    byte[] septets = Gsm7.encode("price 5€");
    List<Segment> parts = split(septets, septets.length - 1, SmsAlphabet.GSM7);
    assertThat(parts.get(0).userData()).endsWith(0x1B);
    assertThat(Reassembler.assemble(parts).text()).isEqualTo("price 5€");
  }

  @Test
  @DisplayName("Parts out of order and repeated make the message once, in order")
  void outOfOrderAndDuplicated() {
    List<Segment> parts = split("one two three".getBytes(StandardCharsets.ISO_8859_1), 4, SmsAlphabet.LATIN1);
    List<Segment> shuffled = new ArrayList<>(parts);
    shuffled.addAll(parts.subList(1, 3));
    Collections.reverse(shuffled);
    Assembled whole = Reassembler.assemble(shuffled);
    assertThat(whole.text()).isEqualTo("one two three");
    assertThat(whole.complete()).isTrue();
  }

  @Test
  @DisplayName("Missing parts are marked where they belong, with their numbers")
  void missingParts() {
    List<Segment> parts = split("aaaabbbbccccdddd".getBytes(StandardCharsets.ISO_8859_1), 4, SmsAlphabet.LATIN1);
    Assembled partial = Reassembler.assemble(List.of(parts.get(0), parts.get(3)));
    assertThat(partial.missing()).containsExactly(2, 3);
    assertThat(partial.text()).isEqualTo("aaaa[parts 2-3 of 4 missing]dddd");
  }

  @Test
  @DisplayName("Binary parts are joined into one hex form marked binary")
  void binaryParts() {
    Assembled whole = Reassembler.assemble(split(new byte[] {1, 2, (byte) 0xFF, 4}, 2, SmsAlphabet.BINARY));
    assertThat(whole.text()).isEqualTo("[binary] 0102ff04");
    assertThat(SmsText.isBinary(whole.text())).isTrue();
  }

  @Test
  @DisplayName("In memory: the message is given once its last part comes, and only then")
  void offerCompletes() {
    Reassembler r = new Reassembler(Duration.ofMinutes(1));
    List<Segment> parts = split("hello world".getBytes(StandardCharsets.ISO_8859_1), 5, SmsAlphabet.LATIN1);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(r.offer("k", parts.get(2), now)).isEmpty();
    assertThat(r.offer("k", parts.get(0), now)).isEmpty();
    assertThat(r.offer("k", parts.get(0), now)).isEmpty();
    assertThat(r.offer("k", parts.get(1), now)).map(Assembled::text).contains("hello world");
    assertThat(r.waiting()).isZero();
  }

  @Test
  @DisplayName("In memory: after the timeout what came is given, marked incomplete")
  void offerExpires() {
    Reassembler r = new Reassembler(Duration.ofSeconds(30));
    List<Segment> parts = split("hello world".getBytes(StandardCharsets.ISO_8859_1), 5, SmsAlphabet.LATIN1);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    r.offer("k", parts.get(0), now);
    assertThat(r.expired(now.plusSeconds(29))).isEmpty();
    List<Assembled> expired = r.expired(now.plusSeconds(30));
    assertThat(expired).singleElement().satisfies(a -> {
      assertThat(a.missing()).containsExactly(2, 3);
      assertThat(a.text()).isEqualTo("hello[parts 2-3 of 3 missing]");
    });
  }

  @Property
  @Label("Any text split into parts and shuffled, with repeats, reassembles to the same text")
  void anySplit(@ForAll @Size(max = 400) String text, @ForAll @IntRange(min = 1, max = 20) int size,
                @ForAll long seed) {
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
    List<Segment> parts = split(utf16, size * 2, SmsAlphabet.UCS2);
    if (parts.size() > 255) {
      return;
    }
    List<Segment> delivered = new ArrayList<>(parts);
    delivered.addAll(parts.subList(0, parts.size() / 2));
    Collections.shuffle(delivered, new java.util.Random(seed));
    assertThat(Reassembler.assemble(delivered).text()).isEqualTo(new String(utf16, StandardCharsets.UTF_16BE));
  }
}
