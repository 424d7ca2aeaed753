package dev.inlet.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import dev.inlet.shared.message.LabSms;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeliverSmBuilderTest {

  @Test
  @DisplayName("the destination is international (TON 1, NPI 1) without the plus")
  void destination() {
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", "hi"));
    assertThat(pdu.getDestAddress().getAddress()).isEqualTo("12125550100");
    assertThat(pdu.getDestAddress().getTon()).isEqualTo((byte) 1);
    assertThat(pdu.getDestAddress().getNpi()).isEqualTo((byte) 1);
  }

  @Test
  @DisplayName("a sender with letters is alphanumeric (TON 5, NPI 0)")
  void alphanumericSender() {
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", "hi"));
    assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("Google");
    assertThat(pdu.getSourceAddress().getTon()).isEqualTo((byte) 5);
    assertThat(pdu.getSourceAddress().getNpi()).isEqualTo((byte) 0);
  }

  @Test
  @DisplayName("a numeric sender goes verbatim, its plus included, with TON 0 (unknown) and NPI 1")
  void numericSender() {
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "+447700900123", "hi"));
    assertThat(pdu.getSourceAddress().getAddress()).isEqualTo("+447700900123");
    assertThat(pdu.getSourceAddress().getTon()).isEqualTo((byte) 0);
    assertThat(pdu.getSourceAddress().getNpi()).isEqualTo((byte) 1);
  }

  @Test
  @DisplayName("spaces around the text are sent as they are")
  void textVerbatim() {
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", "  hi  "));
    assertThat(pdu.getShortMessage()).containsExactly(0x20, 0x20, 0x68, 0x69, 0x20, 0x20);
  }

  @Test
  @DisplayName("text GSM 03.38 can encode, extension characters included, is sent as unpacked septets with data_coding 0x00")
  void gsmText() {
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", "A€["));
    assertThat(pdu.getDataCoding()).isEqualTo((byte) 0x00);
    assertThat(pdu.getShortMessage()).containsExactly(0x41, 0x1B, 0x65, 0x1B, 0x3C);
  }

  @Test
  @DisplayName("text GSM cannot encode is sent as UCS-2 (UTF-16BE) with data_coding 0x08")
  void ucs2Text() {
    String text = "Код \uD83D\uDC4D";
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", text));
    assertThat(pdu.getDataCoding()).isEqualTo((byte) 0x08);
    assertThat(pdu.getShortMessage()).isEqualTo(text.getBytes(StandardCharsets.UTF_16BE));
  }

  @Test
  @DisplayName("text longer than 254 bytes goes in the message_payload TLV with an empty short_message")
  void longTextInMessagePayload() {
    String text = "x".repeat(255);
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", text));
    assertThat(pdu.getShortMessageLength()).isZero();
    assertThat(pdu.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD).getValue())
        .isEqualTo(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  @DisplayName("text of exactly 254 bytes still fits in short_message")
  void textAtTheLimit() {
    DeliverSm pdu = DeliverSmBuilder.build(new LabSms("+12125550100", "Google", "x".repeat(254)));
    assertThat(pdu.getShortMessageLength()).isEqualTo(254);
    assertThat(pdu.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD)).isNull();
  }
}
