package dev.inlet.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.sms.Gsm7;
import dev.inlet.shared.sms.SmsAlphabet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeliverSmDecoderTest {

  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  private static final byte TON_INTERNATIONAL = 1;
  private static final byte NPI_ISDN = 1;

  private final DeliverSmDecoder decoder =
      new DeliverSmDecoder("lab", Clock.fixed(NOW, ZoneOffset.UTC), () -> "sms-1");

  private static DeliverSm deliverSm(int dataCoding, byte[] shortMessage) throws SmppInvalidArgumentException {
    DeliverSm pdu = new DeliverSm();
    pdu.setSequenceNumber(42);
    pdu.setSourceAddress(new Address((byte) 5, (byte) 0, "Google"));
    pdu.setDestAddress(new Address(TON_INTERNATIONAL, NPI_ISDN, "12125550100"));
    pdu.setDataCoding((byte) dataCoding);
    pdu.setShortMessage(shortMessage);
    return pdu;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private InboundSms message(DeliverSm pdu) {
    DecodedDeliverSm decoded = decoder.decode(pdu);
    assertThat(decoded).isInstanceOf(DecodedDeliverSm.Message.class);
    return ((DecodedDeliverSm.Message) decoded).sms();
  }

  @Test
  @DisplayName("a message becomes an InboundSms with an E.164 destination, the sender as given and the sequence as reference")
  void inboundSmsFields() throws Exception {
    InboundSms sms = message(deliverSm(0x00, bytes(0x48, 0x69)));
    assertThat(sms).usingRecursiveComparison().ignoringFields("dedupKey")
        .isEqualTo(new InboundSms("sms-1", "+12125550100", "Google", "Hi", NOW, "smpp:lab", "42"));
    assertThat(sms.dedupKey()).startsWith("smpp:lab:");
  }

  @Test
  @DisplayName("an SMSC's retry of a deliver_sm, with another sequence number, has the same dedup key")
  void retryHasSameDedupKey() throws Exception {
    DeliverSm retry = deliverSm(0x00, bytes(0x48, 0x69));
    retry.setSequenceNumber(4242);
    assertThat(message(retry).dedupKey()).isEqualTo(message(deliverSm(0x00, bytes(0x48, 0x69))).dedupKey());
  }

  @Test
  @DisplayName("another text, sender or data coding gives another dedup key")
  void otherMessageOtherDedupKey() throws Exception {
    String key = message(deliverSm(0x00, bytes(0x48, 0x69))).dedupKey();
    DeliverSm otherSender = deliverSm(0x00, bytes(0x48, 0x69));
    otherSender.setSourceAddress(new Address((byte) 5, (byte) 0, "Amazon"));
    assertThat(message(deliverSm(0x00, bytes(0x48, 0x6A))).dedupKey()).isNotEqualTo(key);
    assertThat(message(otherSender).dedupKey()).isNotEqualTo(key);
    assertThat(message(deliverSm(0x03, bytes(0x48, 0x69))).dedupKey()).isNotEqualTo(key);
  }

  @Test
  @DisplayName("the GSM default alphabet decodes extension characters (€ [ ] { }) and the basic table (@ £)")
  void gsmWithExtensionTable() throws Exception {
    // A € [ ] { } @ £ as unpacked septets: escape 0x1B precedes each extension character
    byte[] septets = bytes(0x41, 0x1B, 0x65, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x28, 0x1B, 0x29, 0x00, 0x01);
    assertThat(message(deliverSm(0x00, septets)).text()).isEqualTo("A€[]{}@£");
  }

  @Test
  @DisplayName("UCS-2 is read as UTF-16BE so an emoji's surrogate pair survives")
  void ucs2WithEmoji() throws Exception {
    byte[] utf16 = bytes(0x00, 0x48, 0x00, 0x69, 0x00, 0x20, 0xD8, 0x3D, 0xDC, 0x4B);
    assertThat(message(deliverSm(0x08, utf16)).text()).isEqualTo("Hi \uD83D\uDC4B");
  }

  @Test
  @DisplayName("data_coding 0x03 is Latin-1")
  void latin1() throws Exception {
    assertThat(message(deliverSm(0x03, bytes(0x63, 0x61, 0x66, 0xE9))).text()).isEqualTo("café");
  }

  @Test
  @DisplayName("data_coding 0x01 is IA5 (ASCII)")
  void ia5() throws Exception {
    byte[] ascii = "Your code is 123456".getBytes(StandardCharsets.US_ASCII);
    assertThat(message(deliverSm(0x01, ascii)).text()).isEqualTo("Your code is 123456");
  }

  @Test
  @DisplayName("the general data coding group is read by its alphabet bits (0x18 is UCS-2 with a message class)")
  void generalDataCodingGroup() throws Exception {
    assertThat(message(deliverSm(0x18, bytes(0x04, 0x1F))).text()).isEqualTo("П");
  }

  @Test
  @DisplayName("data_coding 0xF0 is the GSM default alphabet with a message class")
  void messageClassGroup() throws Exception {
    assertThat(message(deliverSm(0xF0, bytes(0x4F, 0x4B))).text()).isEqualTo("OK");
  }

  @Test
  @DisplayName("binary data (0x02, 0x04) becomes its hex form, marked binary")
  void binaryAsHex() throws Exception {
    assertThat(message(deliverSm(0x04, bytes(0x01, 0xAB, 0xFF))).text()).isEqualTo("[binary] 01abff");
    assertThat(message(deliverSm(0x02, bytes(0x00, 0x41))).text()).isEqualTo("[binary] 0041");
  }

  @Test
  @DisplayName("an empty short_message with a message_payload TLV is read from the TLV")
  void messagePayload() throws Exception {
    DeliverSm pdu = deliverSm(0x00, new byte[0]);
    String longText = "x".repeat(300);
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, longText.getBytes(StandardCharsets.US_ASCII)));
    assertThat(message(pdu).text()).isEqualTo(longText);
  }

  @Test
  @DisplayName("with UDHI the UDH is stripped and its 8-bit concatenation reference is parsed")
  void udhStrippedAndConcatParsed() throws Exception {
    DeliverSm pdu = deliverSm(0x00, bytes(0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x48, 0x65, 0x6C, 0x6C, 0x6F));
    pdu.setEsmClass((byte) 0x40);
    DecodedDeliverSm.Message decoded = (DecodedDeliverSm.Message) decoder.decode(pdu);
    assertThat(decoded.sms().text()).isEqualTo("Hello");
    assertThat(decoded.sms().segment()).satisfies(part -> {
      assertThat(part.reference()).isEqualTo(0x2A);
      assertThat(part.referenceBits()).isEqualTo(8);
      assertThat(part.total()).isEqualTo(2);
      assertThat(part.number()).isEqualTo(1);
      assertThat(part.alphabet()).isEqualTo(SmsAlphabet.GSM7);
      assertThat(part.userData()).containsExactly(0x48, 0x65, 0x6C, 0x6C, 0x6F);
    });
  }

  @Test
  @DisplayName("a 16-bit concatenation reference is parsed too")
  void sixteenBitConcatReference() throws Exception {
    DeliverSm pdu = deliverSm(0x08, bytes(0x06, 0x08, 0x04, 0x12, 0x34, 0x03, 0x02, 0x00, 0x41));
    pdu.setEsmClass((byte) 0x40);
    DecodedDeliverSm.Message decoded = (DecodedDeliverSm.Message) decoder.decode(pdu);
    assertThat(decoded.sms().text()).isEqualTo("A");
    assertThat(decoded.sms().segment()).satisfies(part -> {
      assertThat(part.reference()).isEqualTo(0x1234);
      assertThat(part.total()).isEqualTo(3);
      assertThat(part.number()).isEqualTo(2);
    });
  }

  @Test
  @DisplayName("a message that is not concatenated has no concatenation part")
  void noConcat() throws Exception {
    assertThat(message(deliverSm(0x00, bytes(0x41))).segment()).isNull();
  }

  @Test
  @DisplayName("an SMSC delivery receipt (esm_class 0x04) is recognised, not routed")
  void deliveryReceipt() throws Exception {
    String text = "id:abc123 sub:001 dlvrd:001 submit date:2501020304 done date:2501020305 stat:DELIVRD err:000 text:";
    DeliverSm pdu = deliverSm(0x00, text.getBytes(StandardCharsets.ISO_8859_1));
    pdu.setEsmClass((byte) 0x04);
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, "abc123\0".getBytes(StandardCharsets.US_ASCII)));
    DecodedDeliverSm decoded = decoder.decode(pdu);
    assertThat(decoded).isInstanceOfSatisfying(DecodedDeliverSm.Receipt.class, r -> {
      assertThat(r.receipt().receiptedMessageId()).isEqualTo("abc123");
      assertThat(r.receipt().messageState()).isEqualTo("DELIVRD");
      assertThat(r.receipt().text()).isEqualTo(text);
      assertThat(r.receipt().source()).isEqualTo("smpp:lab");
    });
  }

  @Test
  @DisplayName("an SME delivery acknowledgement (esm_class 0x08) is a receipt too")
  void smeAcknowledgement() throws Exception {
    DeliverSm pdu = deliverSm(0x00, bytes(0x41));
    pdu.setEsmClass((byte) 0x08);
    assertThat(decoder.decode(pdu)).isInstanceOf(DecodedDeliverSm.Receipt.class);
  }

  @Test
  @DisplayName("a destination that is not an international number is rejected as an invalid destination")
  void badDestination() throws Exception {
    DeliverSm pdu = deliverSm(0x00, bytes(0x41));
    pdu.setDestAddress(new Address(TON_INTERNATIONAL, NPI_ISDN, "0123"));
    assertThat(decoder.decode(pdu)).isInstanceOfSatisfying(DecodedDeliverSm.Rejected.class,
        rejected -> assertThat(rejected.problem()).isEqualTo(DecodedDeliverSm.Problem.INVALID_DESTINATION));
  }

  @Test
  @DisplayName("an alphanumeric destination is rejected as an invalid destination")
  void alphanumericDestination() throws Exception {
    DeliverSm pdu = deliverSm(0x00, bytes(0x41));
    pdu.setDestAddress(new Address((byte) 5, (byte) 0, "12125550100"));
    assertThat(decoder.decode(pdu)).isInstanceOfSatisfying(DecodedDeliverSm.Rejected.class,
        rejected -> assertThat(rejected.problem()).isEqualTo(DecodedDeliverSm.Problem.INVALID_DESTINATION));
  }

  @Test
  @DisplayName("UCS-2 with an odd number of bytes is undecodable")
  void oddUcs2() throws Exception {
    assertThat(decoder.decode(deliverSm(0x08, bytes(0x00, 0x41, 0x00))))
        .isInstanceOfSatisfying(DecodedDeliverSm.Rejected.class,
            rejected -> assertThat(rejected.problem()).isEqualTo(DecodedDeliverSm.Problem.UNDECODABLE));
  }

  @Test
  @DisplayName("a compressed data coding is undecodable")
  void compressed() throws Exception {
    assertThat(decoder.decode(deliverSm(0x20, bytes(0x41))))
        .isInstanceOfSatisfying(DecodedDeliverSm.Rejected.class,
            rejected -> assertThat(rejected.problem()).isEqualTo(DecodedDeliverSm.Problem.UNDECODABLE));
  }

  @Test
  @DisplayName("a UDH longer than the message is undecodable")
  void truncatedUdh() throws Exception {
    DeliverSm pdu = deliverSm(0x00, bytes(0x09, 0x00, 0x03));
    pdu.setEsmClass((byte) 0x40);
    assertThat(decoder.decode(pdu)).isInstanceOfSatisfying(DecodedDeliverSm.Rejected.class,
        rejected -> assertThat(rejected.problem()).isEqualTo(DecodedDeliverSm.Problem.UNDECODABLE));
  }

  @Test
  @DisplayName("IA5 with a byte above 0x7F is undecodable")
  void invalidIa5() throws Exception {
    assertThat(decoder.decode(deliverSm(0x01, bytes(0x41, 0xE9))))
        .isInstanceOfSatisfying(DecodedDeliverSm.Rejected.class,
            rejected -> assertThat(rejected.problem()).isEqualTo(DecodedDeliverSm.Problem.UNDECODABLE));
  }

  @Test
  @DisplayName("an international originator (TON 1) gets its +, national and alphanumeric ones are kept verbatim")
  void originators() throws Exception {
    DeliverSm international = deliverSm(0x00, bytes(0x41));
    international.setSourceAddress(new Address(TON_INTERNATIONAL, NPI_ISDN, "447700900001"));
    DeliverSm national = deliverSm(0x00, bytes(0x41));
    national.setSourceAddress(new Address((byte) 2, NPI_ISDN, "07700900001"));
    DeliverSm alphanumeric = deliverSm(0x00, bytes(0x41));
    alphanumeric.setSourceAddress(new Address((byte) 5, (byte) 0, "My Bank"));
    DeliverSm plus = deliverSm(0x00, bytes(0x41));
    plus.setSourceAddress(new Address(TON_INTERNATIONAL, NPI_ISDN, "+447700900001"));
    assertThat(message(international).from()).isEqualTo("+447700900001");
    assertThat(message(national).from()).isEqualTo("07700900001");
    assertThat(message(alphanumeric).from()).isEqualTo("My Bank");
    assertThat(message(plus).from()).isEqualTo("+447700900001");
  }

  @Test
  @DisplayName("a bind whose SMSC default alphabet is Latin-1 reads data_coding 0 as Latin-1; ascii as IA5")
  void smscDefaultAlphabet() throws Exception {
    DeliverSmDecoder latin1 = new DeliverSmDecoder("lab", SmsAlphabet.LATIN1, Clock.fixed(NOW, ZoneOffset.UTC), () -> "x");
    DeliverSmDecoder ascii = new DeliverSmDecoder("lab", SmsAlphabet.IA5, Clock.fixed(NOW, ZoneOffset.UTC), () -> "x");
    byte[] cafe = "café @ 5€".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(((DecodedDeliverSm.Message) latin1.decode(deliverSm(0x00, cafe))).sms().text()).isEqualTo("café @ 5?");
    assertThat(((DecodedDeliverSm.Message) ascii.decode(deliverSm(0x00, bytes(0x7B, 0x40)))).sms().text()).isEqualTo("{@");
    assertThat(message(deliverSm(0x00, bytes(0x7B, 0x40))).text()).isEqualTo("ä¡");
  }

  @Test
  @DisplayName("a UDH naming the Turkish locking and single shift tables decodes with them")
  void nationalShiftTables() throws Exception {
    byte[] septets = Gsm7.encode("Işık Ğğ", 1, 1);
    byte[] payload = new byte[7 + septets.length];
    System.arraycopy(bytes(0x06, 0x25, 0x01, 0x01, 0x24, 0x01, 0x01), 0, payload, 0, 7);
    System.arraycopy(septets, 0, payload, 7, septets.length);
    DeliverSm pdu = deliverSm(0x00, payload);
    pdu.setEsmClass((byte) 0x40);
    assertThat(message(pdu).text()).isEqualTo("Işık Ğğ");
  }

  @Test
  @DisplayName("sar_* TLVs make a part with a 16-bit reference")
  void sarTlvs() throws Exception {
    DeliverSm pdu = deliverSm(0x00, bytes(0x41));
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, bytes(0x01, 0x02)));
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, bytes(3)));
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, bytes(2)));
    InboundSms part = message(pdu);
    assertThat(part.segment().reference()).isEqualTo(0x0102);
    assertThat(part.segment().referenceBits()).isEqualTo(16);
    assertThat(part.segment().number()).isEqualTo(2);
    assertThat(part.dedupKey()).isNull();
  }

  @Test
  @DisplayName("a deliver_sm with receipted_message_id and message_state is a receipt even with esm_class 0")
  void receiptByTlvs() throws Exception {
    DeliverSm pdu = deliverSm(0x00, "delivered".getBytes(StandardCharsets.ISO_8859_1));
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, "m-9\0".getBytes(StandardCharsets.US_ASCII)));
    pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MSG_STATE, bytes(2)));
    assertThat(decoder.decode(pdu)).isInstanceOfSatisfying(DecodedDeliverSm.Receipt.class, r -> {
      assertThat(r.receipt().receiptedMessageId()).isEqualTo("m-9");
      assertThat(r.receipt().messageState()).isEqualTo("DELIVERED");
    });
  }

  @Test
  @DisplayName("a receipt delivered again has the same id, so it is stored once")
  void receiptRetryKeepsId() throws Exception {
    DeliverSm first = deliverSm(0x00, "id:1 stat:DELIVRD".getBytes(StandardCharsets.ISO_8859_1));
    first.setEsmClass((byte) 0x04);
    DeliverSm retry = deliverSm(0x00, "id:1 stat:DELIVRD".getBytes(StandardCharsets.ISO_8859_1));
    retry.setEsmClass((byte) 0x04);
    retry.setSequenceNumber(99);
    assertThat(((DecodedDeliverSm.Receipt) decoder.decode(first)).receipt().id())
        .isEqualTo(((DecodedDeliverSm.Receipt) decoder.decode(retry)).receipt().id());
  }
}
