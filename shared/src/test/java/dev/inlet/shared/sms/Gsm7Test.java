package dev.inlet.shared.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Gsm7Test {

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  @DisplayName("The default alphabet decodes Greek capitals, accents and the characters of the extension table")
  void defaultAndExtension() {
    byte[] septets = Gsm7.encode("Δ€{}[]~|^\\ é@£");
    assertThat(septets).startsWith(0x10, 0x1B, 0x65, 0x1B, 0x28);
    assertThat(Gsm7.decode(septets)).isEqualTo("Δ€{}[]~|^\\ é@£");
  }

  @Test
  @DisplayName("An escape before a septet the extension table lacks shows the default character; a trailing escape shows nothing")
  void unknownEscape() {
    assertThat(Gsm7.decode(new byte[] {0x1B, 0x41, 0x42, 0x1B})).isEqualTo("AB");
  }

  @Test
  @DisplayName("The Turkish locking shift table turns 0x07 into ı and 0x40 into İ")
  void turkishLocking() {
    assertThat(Gsm7.decode(new byte[] {0x07, 0x40, 0x0B, 0x1C}, 1, 0)).isEqualTo("ıİĞŞ");
    assertThat(Gsm7.decode(new byte[] {0x07, 0x40}, 0, 0)).isEqualTo("ì¡");
  }

  @Test
  @DisplayName("The Spanish single shift table reaches á, í, ó, ú and ç through the escape")
  void spanishSingle() {
    assertThat(Gsm7.decode(new byte[] {0x1B, 0x61, 0x1B, 0x69, 0x1B, 0x6F, 0x1B, 0x75, 0x1B, 0x09}, 0, 2))
        .isEqualTo("áíóúç");
  }

  @Test
  @DisplayName("Portuguese tables: locking shift ê at 0x04, single shift ã at 0x7B")
  void portuguese() {
    assertThat(Gsm7.decode(new byte[] {0x04, 0x1B, 0x7B}, 3, 3)).isEqualTo("êã");
  }

  @Test
  @DisplayName("A national language without a locking table (Spanish) or an unknown one decodes with the default table")
  void missingTablesFallBack() {
    assertThat(Gsm7.decode(new byte[] {0x07, 0x1B, 0x65}, 2, 99)).isEqualTo("ì€");
  }

  @Test
  @DisplayName("An Indic locking shift table (Hindi) decodes Devanagari letters")
  void hindi() {
    String text = Gsm7.decode(Gsm7.encode("नमस्ते", 6, 6), 6, 6);
    assertThat(text).isEqualTo("नमस्ते");
  }

  @Test
  @DisplayName("Packing follows 23.038: 'hellohello' packs to E8329BFD4697D9EC37")
  void packKnownVector() {
    assertThat(Gsm7.pack(Gsm7.encode("hellohello"), 0)).isEqualTo(hex("E8329BFD4697D9EC37"));
    assertThat(Gsm7.decode(Gsm7.unpack(hex("E8329BFD4697D9EC37"), 10, 0))).isEqualTo("hellohello");
  }

  @Test
  @DisplayName("After a 6-octet concatenation UDH one fill bit aligns the user data on a septet")
  void fillBits() {
    assertThat(Gsm7.fillBits(6)).isEqualTo(1);
    assertThat(Gsm7.fillBits(7)).isZero();
  }

  @Test
  @DisplayName("Text with a character no table has is refused by the encoder, naming it")
  void unencodable() {
    assertThatThrownBy(() -> Gsm7.encode("ok 😀")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D83D");
  }

  @Property
  @Label("Unpacking what was packed gives the septets back, for any septets and fill bits")
  void packRoundTrip(@ForAll @Size(max = 300) byte[] raw, @ForAll @IntRange(min = 0, max = 6) int fill) {
    byte[] septets = new byte[raw.length];
    for (int i = 0; i < raw.length; i++) {
      septets[i] = (byte) (raw[i] & 0x7F);
    }
    assertThat(Gsm7.unpack(Gsm7.pack(septets, fill), septets.length, fill)).isEqualTo(septets);
  }

  @Property
  @Label("Unpacking never fails and never gives more septets than the octets hold")
  void unpackAnything(@ForAll @Size(max = 200) byte[] packed, @ForAll @IntRange(min = -5, max = 400) int count,
                      @ForAll @IntRange(min = 0, max = 6) int fill) {
    assertThat(Gsm7.unpack(packed, count, fill).length).isLessThanOrEqualTo(packed.length * 8 / 7);
  }

  @Property
  @Label("Any septets decode with any pair of national tables, without failing")
  void decodeAnything(@ForAll @Size(max = 200) byte[] septets, @ForAll @IntRange(min = -1, max = 20) int locking,
                      @ForAll @IntRange(min = -1, max = 20) int single) {
    assertThat(Gsm7.decode(septets, locking, single)).hasSizeLessThanOrEqualTo(septets.length);
  }
}
