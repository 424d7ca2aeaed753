package dev.inlet.modem.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.shared.sms.Gsm7;
import dev.inlet.shared.sms.UserDataHeader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For all texts, senders, time stamps and concatenation headers: what is encoded into an SMS-DELIVER decodes back
 * to the same. And fuzzing: any bytes, and valid PDUs with bytes changed, either decode or fail with a
 * {@link PduException}, never with another exception and never hanging.
 */
class PduPropertiesTest {

  private static final String GSM_CHARS = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà€[]{}|~^\\";

  @Provide
  Arbitrary<String> gsmTexts() {
    return Arbitraries.strings().withChars(GSM_CHARS.toCharArray()).ofMinLength(0).ofMaxLength(160)
        .filter(t -> Gsm7.encode(t).length <= 160);
  }

  @Provide
  Arbitrary<String> anyTexts() {
    // UTF-16 code units of any plane, emoji included, up to one UCS-2 SMS (70 units)
    return Arbitraries.strings().all().ofMaxLength(35)
        .map(s -> s.codePoints().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString())
        .filter(s -> s.length() <= 70 && s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
  }

  @Provide
  Arbitrary<OffsetDateTime> timestamps() {
    return Arbitraries.integers().between(-48, 56).flatMap(quarters -> Arbitraries.longs()
        .between(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond(),
            OffsetDateTime.of(2089, 12, 30, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond())
        .map(s -> java.time.Instant.ofEpochSecond(s).atOffset(ZoneOffset.ofTotalSeconds(quarters * 900))));
  }

  @Provide
  Arbitrary<String> senders() {
    Arbitrary<String> international = Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(15)
        .filter(d -> d.charAt(0) != '0').map(d -> "+" + d);
    Arbitrary<String> alphanumeric = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z')
        .withChars(' ', '-').ofMinLength(1).ofMaxLength(11);
    return Arbitraries.oneOf(international, alphanumeric);
  }

  @Property(tries = 400)
  void gsm7TextDecodesBack(@ForAll("gsmTexts") String text, @ForAll("senders") String from,
                           @ForAll("timestamps") OffsetDateTime scts) throws Exception {
    Tpdu.SmsDeliver sms = (Tpdu.SmsDeliver) PduDecoder.decodeHex(DeliverPdus.gsm7(from, text, scts));

    assertThat(sms.text()).isEqualTo(text);
    assertThat(sms.originator().value()).isEqualTo(from);
    assertThat(sms.serviceCentreTime()).isEqualTo(scts);
  }

  @Property(tries = 400)
  void gsm7PartDecodesBack(@ForAll("gsmTexts") String text, @ForAll @IntRange(min = 0, max = 65535) int reference,
                           @ForAll boolean sixteenBit, @ForAll @IntRange(min = 2, max = 255) int total,
                           @ForAll @IntRange(min = 1, max = 255) int sequence) throws Exception {
    Assume.that(sequence <= total && Gsm7.encode(text).length <= 152);
    int ref = sixteenBit ? reference : reference & 0xFF;

    Tpdu.SmsDeliver sms = (Tpdu.SmsDeliver) PduDecoder.decodeHex(DeliverPdus.gsm7("+4917612345678", text,
        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), DeliverPdus.concat(ref, sixteenBit, total, sequence)));

    assertThat(sms.text()).isEqualTo(text);
    assertThat(sms.userData().header().concat())
        .contains(new UserDataHeader.Concatenation(ref, sixteenBit ? 16 : 8, total, sequence));
  }

  @Property(tries = 400)
  void ucs2TextDecodesBack(@ForAll("anyTexts") String text, @ForAll("timestamps") OffsetDateTime scts)
      throws Exception {
    Tpdu.SmsDeliver sms = (Tpdu.SmsDeliver) PduDecoder.decodeHex(DeliverPdus.ucs2("+4917612345678", text, scts));

    assertThat(sms.text()).isEqualTo(text);
  }

  @Property(tries = 2000)
  void anyBytesDecodeOrFailClearly(@ForAll byte[] bytes) {
    try {
      PduDecoder.decode(bytes);
    } catch (PduException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 2000)
  void damagedPdusDecodeOrFailClearly(@ForAll("gsmTexts") String text, @ForAll long seed,
                                      @ForAll @IntRange(min = 1, max = 6) int damage) {
    byte[] pdu = HexFormat.of().parseHex(DeliverPdus.gsm7("Sender", text, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0,
        ZoneOffset.UTC), DeliverPdus.concat(7, false, 3, 1)));
    Random random = new Random(seed);
    for (int i = 0; i < damage; i++) {
      pdu[random.nextInt(pdu.length)] = (byte) random.nextInt(256);
    }
    byte[] cut = java.util.Arrays.copyOf(pdu, random.nextInt(pdu.length + 1));
    for (byte[] candidate : new byte[][] {pdu, cut}) {
      try {
        PduDecoder.decode(candidate);
      } catch (PduException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }
}
