package dev.inlet.modem.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.modem.emulator.DeliverPdus;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.sms.SmsText;
import dev.inlet.shared.sms.UserDataHeader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PDU decoding per 23.040/23.038, against PDUs published with their decoding (the first two) and PDUs
 * assembled field by field here for the features published examples do not show.
 */
class PduDecoderTest {

  private static final OffsetDateTime SCTS = OffsetDateTime.of(2026, 11, 29, 9, 30, 15, 0, ZoneOffset.ofHours(1));

  private static Tpdu.SmsDeliver deliver(String hex) throws PduException {
    return (Tpdu.SmsDeliver) PduDecoder.decodeHex(hex);
  }

  @Test
  @DisplayName("Published SMS-DELIVER 'hellohello': SMSC +27381000015, sender 27838890001 (TON 4), time stamp +02:00")
  void publishedHelloHello() throws Exception {
    // "SMS and the PDU format" (Lars Pettersson), the SMS-DELIVER example, field by field
    Tpdu.SmsDeliver sms = deliver("07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37");

    assertThat(sms.smsc()).isEqualTo(new Address(Address.Kind.INTERNATIONAL, "+27381000015", 1, 1));
    assertThat(sms.originator()).isEqualTo(new Address(Address.Kind.OTHER, "27838890001", 4, 8));
    assertThat(sms.protocolIdentifier()).isZero();
    assertThat(sms.dataCoding().alphabet()).isEqualTo(DataCoding.Alphabet.GSM7);
    assertThat(sms.serviceCentreTime()).isEqualTo(OffsetDateTime.of(1999, 3, 29, 15, 16, 59, 0, ZoneOffset.ofHours(2)));
    assertThat(sms.text()).isEqualTo("hellohello");
    assertThat(sms.userData().header().concat()).isEmpty();
  }

  @Test
  @DisplayName("Published SMS-DELIVER from the alphanumeric sender 'diafaan' (TON 5, packed 7-bit), status report indication set")
  void publishedAlphanumeric() throws Exception {
    Tpdu.SmsDeliver sms = deliver("0791448720003023240DD0E474D81C0EBB010000111011315214000BE474D81C0EBB5DE3771B");

    assertThat(sms.smsc().value()).isEqualTo("+447802000332");
    assertThat(sms.originator().kind()).isEqualTo(Address.Kind.ALPHANUMERIC);
    assertThat(sms.originator().value()).isEqualTo("diafaan");
    assertThat(sms.statusReportIndication()).isTrue();
    assertThat(sms.moreMessagesToSend()).isFalse();
    assertThat(sms.serviceCentreTime()).isEqualTo(OffsetDateTime.of(2011, 1, 11, 13, 25, 41, 0, ZoneOffset.UTC));
    assertThat(sms.text()).isEqualTo("diafaan.com");
  }

  @Test
  @DisplayName("A national originator (TON 2) keeps its digits without a plus; no SMSC address (length 0) is allowed")
  void nationalOriginatorWithoutSmsc() throws Exception {
    // SCA length 00 | first octet 04 | OA: 10 digits, TOA A1 (national, ISDN), 0171234567 | PID 00 | DCS 08 (UCS-2)
    // | SCTS 2026-11-29 09:30:15 +01:00 | UDL 04 | "Hi" in UCS-2
    Tpdu.SmsDeliver sms = deliver("00" + "04" + "0AA1" + "1017325476" + "00" + "08" + "62119290035140" + "04"
        + "00480069");

    assertThat(sms.smsc()).isNull();
    assertThat(sms.originator()).isEqualTo(new Address(Address.Kind.NATIONAL, "0171234567", 2, 1));
    assertThat(sms.serviceCentreTime()).isEqualTo(SCTS);
    assertThat(sms.text()).isEqualTo("Hi");
  }

  @Test
  @DisplayName("Time stamps carry their zone in quarter hours, negative ones too (-03:30, +05:45, -00:15)")
  void timeZones() throws Exception {
    for (ZoneOffset zone : new ZoneOffset[] {ZoneOffset.ofHoursMinutes(-3, -30), ZoneOffset.ofHoursMinutes(5, 45),
        ZoneOffset.ofHoursMinutes(0, -15), ZoneOffset.ofHours(14), ZoneOffset.ofHours(-12)}) {
      OffsetDateTime t = OffsetDateTime.of(2026, 2, 28, 23, 59, 59, 0, zone);
      assertThat(deliver(DeliverPdus.ucs2("+4917612345678", "t", t)).serviceCentreTime()).isEqualTo(t);
    }
    // -03:30 written by hand: 14 quarters = BCD 1|4 swapped to 0x41, sign bit 3 set: 0x49
    assertThat(deliver("00040B919471672143F50008622082329555" + "49" + "020074").serviceCentreTime().getOffset())
        .isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
  }

  @Test
  @DisplayName("GSM 7-bit with the extension table: escapes decode to € [ ] { } | ~ ^ \\")
  void extensionTable() throws Exception {
    String text = "Preis: 5€ [A] {B} | ~ ^ \\ ok";

    assertThat(deliver(DeliverPdus.gsm7("+4917612345678", text, SCTS)).text()).isEqualTo(text);
  }

  @Test
  @DisplayName("National language shift tables named in the UDH (Turkish locking and single shift) decode the text")
  void nationalLanguageShift() throws Exception {
    byte[] udh = {0x06, 0x25, 0x01, 0x01, 0x24, 0x01, 0x01}; // locking shift: Turkish; single shift: Turkish
    String text = "Doğrulama kodunuz: 5678 ş ı Ğ İ";

    Tpdu.SmsDeliver sms = deliver(DeliverPdus.gsm7("+905321234567", text, SCTS, udh));

    assertThat(sms.userData().header().lockingShift()).isEqualTo(1);
    assertThat(sms.userData().header().singleShift()).isEqualTo(1);
    assertThat(sms.text()).isEqualTo(text);
  }

  @Test
  @DisplayName("Concatenation with an 8-bit reference: the part's place, and the septets after the header's fill bit")
  void concat8() throws Exception {
    Tpdu.SmsDeliver sms = deliver(DeliverPdus.gsm7("+4917612345678", "part two text", SCTS,
        DeliverPdus.concat(0xCC, false, 3, 2)));

    assertThat(sms.userData().header().concat()).contains(new UserDataHeader.Concatenation(0xCC, 8, 3, 2));
    assertThat(sms.userData().fillBits()).isEqualTo(1); // 6 header octets = 48 bits: 1 fill bit to 49
    assertThat(sms.text()).isEqualTo("part two text");
  }

  @Test
  @DisplayName("Concatenation with a 16-bit reference, after an unknown information element that is skipped")
  void concat16WithUnknownElement() throws Exception {
    // UDH: length 0A | IE 70 (reserved) of 2 octets | IE 08 of 4 octets: reference 0x1234, 2 parts, part 1
    byte[] udh = {0x0A, 0x70, 0x02, 0x55, 0x66, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01};

    Tpdu.SmsDeliver sms = deliver(DeliverPdus.gsm7("+4917612345678", "sixteen", SCTS, udh));

    assertThat(sms.userData().header().concat()).contains(new UserDataHeader.Concatenation(0x1234, 16, 2, 1));
    assertThat(sms.userData().elements()).extracting(InformationElement::identifier).containsExactly(0x70, 0x08);
    assertThat(sms.userData().fillBits()).isEqualTo(3); // 11 octets = 88 bits: 3 fill bits to 91
    assertThat(sms.text()).isEqualTo("sixteen");
  }

  @Test
  @DisplayName("UCS-2 keeps surrogate pairs (emoji) and scripts outside GSM")
  void ucs2() throws Exception {
    String text = "код 4821 😀 确认";

    Tpdu.SmsDeliver sms = deliver(DeliverPdus.ucs2("+79161234567", text, SCTS));

    assertThat(sms.dataCoding().alphabet()).isEqualTo(DataCoding.Alphabet.UCS2);
    assertThat(sms.text()).isEqualTo(text);
  }

  @Test
  @DisplayName("8-bit data is kept as its octets, marked binary; DCS message classes and MWI groups are read")
  void eightBitAndCodingGroups() throws Exception {
    byte[] data = {0x00, 0x01, (byte) 0xFE, 0x7F};

    assertThat(deliver(DeliverPdus.eightBit("+4917612345678", data, SCTS)).text()).isEqualTo(SmsText.binary(data));
    assertThat(DataCoding.of(0xF0)).isEqualTo(new DataCoding(0xF0, DataCoding.Alphabet.GSM7, false, 0)); // flash
    assertThat(DataCoding.of(0xF6).alphabet()).isEqualTo(DataCoding.Alphabet.EIGHT_BIT);
    assertThat(DataCoding.of(0x19)).isEqualTo(new DataCoding(0x19, DataCoding.Alphabet.UCS2, false, 1));
    assertThat(DataCoding.of(0x24).compressed()).isTrue();
    assertThat(DataCoding.of(0xD8).alphabet()).isEqualTo(DataCoding.Alphabet.GSM7);
    assertThat(DataCoding.of(0xE0).alphabet()).isEqualTo(DataCoding.Alphabet.UCS2);
    assertThat(DataCoding.of(0x85).alphabet()).isEqualTo(DataCoding.Alphabet.GSM7); // reserved: read as GSM 7-bit
  }

  @Test
  @DisplayName("A flash message (DCS F0, class 0) in 7-bit decodes like any other")
  void flash() throws Exception {
    String pdu = DeliverPdus.gsm7("+4917612345678", "flash 9911", SCTS);
    String flash = pdu.substring(0, 36) + "F0" + pdu.substring(38); // DCS after SCA 14, first octet 2, OA 18, PID 2

    Tpdu.SmsDeliver sms = deliver(flash);

    assertThat(sms.dataCoding().messageClass()).isZero();
    assertThat(sms.text()).isEqualTo("flash 9911");
  }

  @Test
  @DisplayName("An SMS-STATUS-REPORT is read as a report, never as a message")
  void statusReport() throws Exception {
    Tpdu tpdu = PduDecoder.decodeHex("07919471010000F0" + "06" + "2A" + "0C91" + "947167214387"
        + "62119201513140" + "62119201514140" + "00");

    assertThat(tpdu).isInstanceOf(Tpdu.StatusReport.class);
    Tpdu.StatusReport report = (Tpdu.StatusReport) tpdu;
    assertThat(report.messageReference()).isEqualTo(0x2A);
    assertThat(report.recipient().value()).isEqualTo("+491776123478");
    assertThat(report.status()).isZero();
    assertThat(report.dischargeTime()).isEqualTo(OffsetDateTime.of(2026, 11, 29, 10, 15, 14, 0, ZoneOffset.ofHours(1)));
  }

  @Test
  @DisplayName("Malformed PDUs are refused with the field that is wrong")
  void malformed() {
    String good = DeliverPdus.gsm7("+4917612345678", "hello", SCTS);

    assertThatThrownBy(() -> PduDecoder.decodeHex("")).isInstanceOf(PduException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> PduDecoder.decodeHex("0791")).hasMessageContaining("SMSC");
    assertThatThrownBy(() -> PduDecoder.decodeHex(good + "0")).hasMessageContaining("even number");
    assertThatThrownBy(() -> PduDecoder.decodeHex("zz" + good.substring(2))).hasMessageContaining("not hex");
    assertThatThrownBy(() -> PduDecoder.decodeHex(good.substring(0, good.length() - 4))).hasMessageContaining("TP-UD");
    assertThatThrownBy(() -> PduDecoder.decodeHex("0011000B919471672143F50000AA0568656C6C6F"))
        .hasMessageContaining("SMS-SUBMIT");
    assertThatThrownBy(() -> PduDecoder.decodeHex("00040B919471672143F50000" + "62AB9290035140" + "00"))
        .hasMessageContaining("TP-SCTS").hasMessageContaining("BCD");
    assertThatThrownBy(() -> PduDecoder.decodeHex("00440B919471672143F50004" + "62119290035140" + "03" + "050003"))
        .hasMessageContaining("TP-UDHL");
    assertThatThrownBy(() -> PduDecoder.decodeHex("00040B919471672143F50000" + "62119290035140" + "A1"))
        .hasMessageContaining("TP-UDL 161");
    assertThatThrownBy(() -> PduDecoder.decodeHex("00040B919471672143F50008" + "62119290035140" + "03" + "004800"))
        .hasMessageContaining("UCS2");
  }

  @Test
  @DisplayName("A part's user data is what the shared reassembler joins: septets for 7-bit, octets for UCS-2")
  void userDataForReassembly() throws Exception {
    Tpdu.SmsDeliver gsm = deliver(DeliverPdus.gsm7("+4917612345678", "abc", SCTS, DeliverPdus.concat(1, false, 2, 1)));
    Tpdu.SmsDeliver ucs = deliver(DeliverPdus.ucs2Part("+4917612345678", "ab", SCTS, 1, 2, 2));

    assertThat(gsm.userData().alphabet()).isEqualTo(SmsAlphabet.GSM7);
    assertThat(gsm.userData().userData()).containsExactly(0x61, 0x62, 0x63);
    assertThat(ucs.userData().alphabet()).isEqualTo(SmsAlphabet.UCS2);
    assertThat(ucs.userData().userData()).isEqualTo("ab".getBytes(StandardCharsets.UTF_16BE));
  }
}
