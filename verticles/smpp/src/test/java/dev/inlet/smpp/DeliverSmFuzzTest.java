package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.Pdu;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoder;
import com.cloudhopper.smpp.transcoder.DefaultPduTranscoderContext;
import com.cloudhopper.smpp.type.Address;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.sms.Gsm7;
import dev.inlet.shared.sms.Reassembler;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jboss.netty.buffer.ChannelBuffer;
import org.jboss.netty.buffer.ChannelBuffers;

/**
 * Fuzzing of the deliver_sm decoder and the reassembler: random PDUs and good PDUs mutated on the wire never make
 * the decoder throw, and good messages (any text in any alphabet, split into parts any way, parts shuffled and
 * repeated) always come out whole and exact.
 */
class DeliverSmFuzzTest {

  private static final DefaultPduTranscoder TRANSCODER = new DefaultPduTranscoder(new DefaultPduTranscoderContext());
  private final DeliverSmDecoder decoder = new DeliverSmDecoder("fuzz", SmsAlphabet.GSM7,
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), () -> "id");

  private static DeliverSm pdu(int esmClass, int dataCoding, byte[] shortMessage) throws Exception {
    DeliverSm pdu = new DeliverSm();
    pdu.setSequenceNumber(7);
    pdu.setSourceAddress(new Address((byte) 1, (byte) 1, "447700900001"));
    pdu.setDestAddress(new Address((byte) 1, (byte) 1, "12125550100"));
    pdu.setEsmClass((byte) esmClass);
    pdu.setDataCoding((byte) dataCoding);
    pdu.setShortMessage(shortMessage);
    return pdu;
  }

  /** Every character of the GSM default alphabet and its extension table. */
  private static final String GSM_CHARS = "@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f";

  private static String gsmText(String any) {
    StringBuilder out = new StringBuilder();
    any.chars().forEach(c -> out.append(GSM_CHARS.charAt(c % GSM_CHARS.length())));
    return out.toString();
  }

  @Property(tries = 1000)
  @Label("random deliver_sm fields and TLVs never make the decoder throw")
  void randomPdusNeverBreakTheDecoder(@ForAll byte esmClass, @ForAll byte dataCoding,
                                      @ForAll @Size(max = 254) byte[] shortMessage,
                                      @ForAll @Size(max = 6) List<@Size(max = 8) byte[]> tlvValues,
                                      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 5) Integer> tlvKinds)
      throws Exception {
    DeliverSm pdu = pdu(esmClass, dataCoding, shortMessage);
    short[] tags = {SmppConstants.TAG_SAR_MSG_REF_NUM, SmppConstants.TAG_SAR_TOTAL_SEGMENTS,
        SmppConstants.TAG_SAR_SEGMENT_SEQNUM, SmppConstants.TAG_MESSAGE_PAYLOAD, SmppConstants.TAG_RECEIPTED_MSG_ID,
        SmppConstants.TAG_MSG_STATE};
    for (int i = 0; i < Math.min(tlvValues.size(), tlvKinds.size()); i++) {
      pdu.addOptionalParameter(new Tlv(tags[tlvKinds.get(i)], tlvValues.get(i)));
    }
    assertThat(decoder.decode(pdu)).isNotNull();
  }

  @Provide
  Arbitrary<byte[]> goodWirePdus() {
    return Arbitraries.strings().ofMaxLength(60).flatMap(text -> Arbitraries.of(0x00, 0x08, 0x03).map(dcs -> {
      try {
        byte[] data = switch (dcs) {
          case 0x00 -> Gsm7.encode(gsmText(text));
          case 0x08 -> text.getBytes(StandardCharsets.UTF_16BE);
          default -> text.getBytes(StandardCharsets.ISO_8859_1);
        };
        DeliverSm pdu = pdu(0x40, dcs, concatPart(data));
        ChannelBuffer wire = TRANSCODER.encode(pdu);
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes);
        return bytes;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));
  }

  private static byte[] concatPart(byte[] data) {
    byte[] udh = {0x05, 0x00, 0x03, 0x11, 0x02, 0x01};
    byte[] out = Arrays.copyOf(udh, udh.length + Math.min(data.length, 240));
    System.arraycopy(data, 0, out, udh.length, Math.min(data.length, 240));
    return out;
  }

  @Property(tries = 500)
  @Label("good deliver_sm PDUs mutated on the wire never make the decoder throw")
  void mutatedWirePdusNeverBreakTheDecoder(@ForAll("goodWirePdus") byte[] wire, @ForAll long seed,
                                           @ForAll @IntRange(min = 1, max = 8) int mutations) {
    Random random = new Random(seed);
    byte[] mutated = wire.clone();
    for (int i = 0; i < mutations; i++) {
      mutated[12 + random.nextInt(mutated.length - 12)] = (byte) random.nextInt(256); // keep the header: a PDU
    }
    Pdu parsed;
    try {
      parsed = TRANSCODER.decode(ChannelBuffers.wrappedBuffer(mutated));
    } catch (Exception malformed) {
      return; // cloudhopper refuses it before us: the session handler answers it
    }
    if (parsed instanceof DeliverSm deliverSm) {
      assertThatCode(() -> decoder.decode(deliverSm)).doesNotThrowAnyException();
    }
  }

  @Property(tries = 200)
  @Label("any good message, split into parts with UDH or SAR, shuffled and repeated, is never refused and comes out exact")
  void goodMessagesComeOutWholeAndExact(@ForAll @Size(min = 1, max = 300) String text,
                                        @ForAll @IntRange(min = 0, max = 2) int encoding,
                                        @ForAll @IntRange(min = 1, max = 120) int partSize,
                                        @ForAll boolean sar, @ForAll long seed) throws Exception {
    int dcs = new int[] {0x00, 0x08, 0x03}[encoding];
    String expected = switch (dcs) {
      case 0x00 -> gsmText(text);
      case 0x08 -> new String(text.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
      default -> new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    };
    byte[] data = dcs == 0x00 ? Gsm7.encode(expected) : expected.getBytes(dcs == 0x08
        ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
    int size = dcs == 0x08 ? partSize * 2 : partSize;
    int total = Math.max(1, (data.length + size - 1) / size);
    if (total > 255) {
      return;
    }
    List<DeliverSm> pdus = new ArrayList<>();
    for (int n = 1; n <= total; n++) {
      byte[] part = Arrays.copyOfRange(data, (n - 1) * size, Math.min(data.length, n * size));
      if (sar) {
        DeliverSm pdu = pdu(0, dcs, part);
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, new byte[] {0x01, 0x02}));
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {(byte) total}));
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {(byte) n}));
        pdus.add(pdu);
      } else {
        byte[] udh = {0x05, 0x00, 0x03, 0x2A, (byte) total, (byte) n};
        byte[] payload = Arrays.copyOf(udh, udh.length + part.length);
        System.arraycopy(part, 0, payload, udh.length, part.length);
        pdus.add(pdu(0x40, dcs, payload));
      }
    }
    List<DeliverSm> delivered = new ArrayList<>(pdus);
    delivered.addAll(pdus.subList(0, pdus.size() / 3)); // repeated parts
    Collections.shuffle(delivered, new Random(seed));

    List<InboundSms> decoded = new ArrayList<>();
    for (DeliverSm pdu : delivered) {
      DecodedDeliverSm d = decoder.decode(pdu);
      assertThat(d).as("a good PDU is never refused").isInstanceOf(DecodedDeliverSm.Message.class);
      decoded.add(((DecodedDeliverSm.Message) d).sms());
    }
    if (total == 1) {
      assertThat(decoded).extracting(InboundSms::text).containsOnly(expected);
      return;
    }
    List<Segment> segments = decoded.stream().map(InboundSms::segment).toList();
    assertThat(segments).doesNotContainNull();
    assertThat(Reassembler.assemble(segments).text()).isEqualTo(expected);
  }

  @Property(tries = 1000)
  @Label("any parts, however inconsistent, assemble without failing and name only truly missing parts")
  void anyPartsAssembleWithoutFailing(@ForAll @Size(min = 1, max = 12) List<@Size(max = 20) byte[]> data,
                                      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 14) Integer> numbers,
                                      @ForAll @IntRange(min = 1, max = 12) int total,
                                      @ForAll @IntRange(min = 0, max = 6) int alphabet) {
    List<Segment> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(data.size(), numbers.size()); i++) {
      int number = Math.min(numbers.get(i), total);
      byte[] bytes = data.get(i);
      if (SmsAlphabet.values()[alphabet] == SmsAlphabet.GSM7) {
        for (int b = 0; b < bytes.length; b++) {
          bytes[b] &= 0x7F;
        }
      }
      parts.add(new Segment(9, 8, total, number, SmsAlphabet.values()[alphabet], 0, 0, bytes));
    }
    var assembled = Reassembler.assemble(parts);
    assertThat(assembled.missing()).allSatisfy(n -> assertThat(n).isBetween(1, total));
    assertThat(assembled.missing()).doesNotContainAnyElementsOf(parts.stream().map(Segment::number).toList());
  }
}
