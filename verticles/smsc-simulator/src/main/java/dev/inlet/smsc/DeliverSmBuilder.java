package dev.inlet.smsc;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.charset.GSMCharset;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import dev.inlet.shared.message.LabSms;
import java.nio.charset.StandardCharsets;

/**
 * Builds the deliver_sm a carrier's SMSC would send for a (valid) {@link LabSms}: an alphanumeric or
 * international sender, an international destination, GSM 03.38 text when every character has a
 * GSM encoding else UCS-2, and the message_payload TLV when the text does not fit in short_message.
 * Sender and text go out verbatim (spaces, a leading {@code +}).
 */
public final class DeliverSmBuilder {

  static final byte TON_INTERNATIONAL = 0x01;
  static final byte TON_ALPHANUMERIC = 0x05;
  static final byte TON_UNKNOWN = 0x00;
  static final byte NPI_ISDN = 0x01;
  static final byte NPI_UNKNOWN = 0x00;
  static final byte DATA_CODING_GSM = 0x00;
  static final byte DATA_CODING_UCS2 = 0x08;
  /** short_message holds at most 254 octets. */
  static final int MAX_SHORT_MESSAGE = 254;

  private DeliverSmBuilder() {
  }

  public static DeliverSm build(LabSms sms) {
    DeliverSm pdu = new DeliverSm();
    pdu.setSourceAddress(source(sms.from()));
    pdu.setDestAddress(new Address(TON_INTERNATIONAL, NPI_ISDN, sms.to().substring(1)));
    byte[] encoded;
    if (GSMCharset.canRepresent(sms.text())) {
      pdu.setDataCoding(DATA_CODING_GSM);
      encoded = CharsetUtil.encode(sms.text(), CharsetUtil.CHARSET_GSM);
    } else {
      pdu.setDataCoding(DATA_CODING_UCS2);
      encoded = sms.text().getBytes(StandardCharsets.UTF_16BE);
    }
    try {
      if (encoded.length > MAX_SHORT_MESSAGE) {
        pdu.setShortMessage(new byte[0]);
        pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, encoded));
      } else {
        pdu.setShortMessage(encoded);
      }
    } catch (SmppInvalidArgumentException e) {
      throw new IllegalArgumentException("cannot hold " + encoded.length + " bytes in a deliver_sm", e);
    }
    return pdu;
  }

  /**
   * The sender exactly as the lab request gave it: letters make it alphanumeric (TON 5); anything else goes
   * with TON unknown, as SMSCs that pass a {@code +} in source_addr do, so a {@code +447700900123} stays
   * {@code +447700900123} (with TON 1 the {@code +} would have to be dropped, and the receiving decoder would
   * have to put it back).
   */
  private static Address source(String from) {
    if (from.chars().anyMatch(Character::isLetter)) {
      return new Address(TON_ALPHANUMERIC, NPI_UNKNOWN, from);
    }
    return new Address(TON_UNKNOWN, NPI_ISDN, from);
  }
}
