package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.message.DedupKey;
import dev.inlet.shared.message.InboundSms;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns a deliver_sm into a {@link DecodedDeliverSm}: an {@link InboundSms} to route, a delivery
 * receipt, or a reason to refuse it. Plain Java, no Vert.x: the SMPP verticle calls it on its context.
 *
 * <p>The payload is short_message, or the message_payload TLV when short_message is empty. With UDHI
 * set in esm_class the UDH is stripped and a concatenation header (IEI 0x00 or 0x08) is parsed, as
 * are the sar_* TLVs; each part is delivered as its own message for now, carrying a {@link ConcatPart}
 * for a reassembler to sit behind this decoder.
 */
public final class DeliverSmDecoder {

  private static final int ESM_UDHI = 0x40;
  private static final int ESM_MESSAGE_TYPE = 0x3C;
  private static final int ESM_SMSC_DELIVERY_RECEIPT = 0x04;
  private static final int ESM_SME_DELIVERY_ACK = 0x08;
  private static final int ESM_INTERMEDIATE_NOTIFICATION = 0x20;
  private static final byte TON_ALPHANUMERIC = 0x05;
  private static final int IEI_CONCAT_8BIT_REF = 0x00;
  private static final int IEI_CONCAT_16BIT_REF = 0x08;

  private final String source;
  private final Clock clock;
  private final Supplier<String> ids;

  /** A decoder for the bind named {@code bindName}: messages get {@code source = "smpp:" + bindName}. */
  public DeliverSmDecoder(String bindName) {
    this(bindName, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  DeliverSmDecoder(String bindName, Clock clock, Supplier<String> ids) {
    this.source = "smpp:" + bindName;
    this.clock = clock;
    this.ids = ids;
  }

  public DecodedDeliverSm decode(DeliverSm pdu) {
    int esmClass = pdu.getEsmClass() & 0xFF;
    byte[] payload = payloadOf(pdu);
    if (isReceipt(esmClass)) {
      Tlv receipted = pdu.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
      return new DecodedDeliverSm.Receipt(receipted == null ? null : cString(receipted.getValue()),
          new String(payload, StandardCharsets.ISO_8859_1));
    }

    Address destination = pdu.getDestAddress();
    String rawDestination = destination == null ? null : destination.getAddress();
    Optional<String> to = destination == null || destination.getTon() == TON_ALPHANUMERIC
        ? Optional.empty() : PhoneNumber.parseInternational(rawDestination);
    if (to.isEmpty()) {
      return new DecodedDeliverSm.Rejected(DecodedDeliverSm.Problem.INVALID_DESTINATION,
          "destination_addr " + describe(destination) + " is not an international number");
    }

    Optional<Alphabet> alphabet = Alphabet.of(pdu.getDataCoding());
    if (alphabet.isEmpty()) {
      return undecodable(String.format("data_coding 0x%02X is not supported", pdu.getDataCoding() & 0xFF));
    }

    byte[] userData = payload;
    Optional<ConcatPart> concat = Optional.empty();
    if ((esmClass & ESM_UDHI) != 0) {
      if (payload.length == 0 || 1 + (payload[0] & 0xFF) > payload.length) {
        return undecodable("the UDH length exceeds the " + payload.length + "-byte message");
      }
      int udhLength = payload[0] & 0xFF;
      userData = Arrays.copyOfRange(payload, 1 + udhLength, payload.length);
      concat = concatFromUdh(Arrays.copyOfRange(payload, 1, 1 + udhLength), alphabet.get(), userData);
    }
    if (concat.isEmpty()) {
      concat = concatFromSarTlvs(pdu, alphabet.get(), userData);
    }

    String text;
    try {
      text = alphabet.get().decode(userData);
    } catch (CharacterCodingException e) {
      return undecodable("the message is not valid " + alphabet.get() + " (data_coding "
          + String.format("0x%02X", pdu.getDataCoding() & 0xFF) + ")");
    }

    Address origin = pdu.getSourceAddress();
    String from = origin == null || origin.getAddress() == null ? "" : origin.getAddress();
    InboundSms sms = new InboundSms(ids.get(), to.get(), from, text, clock.instant(), source,
        Integer.toString(pdu.getSequenceNumber()), dedupKey(pdu, from, rawDestination, payload), null);
    return new DecodedDeliverSm.Message(sms, concat);
  }

  /**
   * The same for every delivery of this deliver_sm by the SMSC: originator, destination, esm_class, data_coding,
   * payload and the sar_* TLVs (not the sequence number, which a retry changes).
   */
  private String dedupKey(DeliverSm pdu, String from, String destination, byte[] payload) {
    Address origin = pdu.getSourceAddress();
    byte[] header = {origin == null ? 0 : origin.getTon(), origin == null ? 0 : origin.getNpi(), pdu.getEsmClass(),
        pdu.getDataCoding()};
    return DedupKey.of(source, header, DedupKey.utf8(from), DedupKey.utf8(destination), payload,
        tlv(pdu, SmppConstants.TAG_SAR_MSG_REF_NUM), tlv(pdu, SmppConstants.TAG_SAR_TOTAL_SEGMENTS),
        tlv(pdu, SmppConstants.TAG_SAR_SEGMENT_SEQNUM));
  }

  private static byte[] tlv(DeliverSm pdu, short tag) {
    Tlv t = pdu.getOptionalParameter(tag);
    return t == null ? null : t.getValue();
  }

  private static boolean isReceipt(int esmClass) {
    int type = esmClass & ESM_MESSAGE_TYPE;
    return type == ESM_SMSC_DELIVERY_RECEIPT || type == ESM_SME_DELIVERY_ACK || type == ESM_INTERMEDIATE_NOTIFICATION;
  }

  private static byte[] payloadOf(DeliverSm pdu) {
    byte[] shortMessage = pdu.getShortMessage();
    if (shortMessage != null && shortMessage.length > 0) {
      return shortMessage;
    }
    Tlv messagePayload = pdu.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD);
    if (messagePayload != null && messagePayload.getValue() != null) {
      return messagePayload.getValue();
    }
    return new byte[0];
  }

  /** The concatenation information element of a UDH (without its length byte), if it has one. */
  private static Optional<ConcatPart> concatFromUdh(byte[] udh, Alphabet alphabet, byte[] userData) {
    int i = 0;
    while (i + 1 < udh.length) {
      int iei = udh[i] & 0xFF;
      int length = udh[i + 1] & 0xFF;
      int data = i + 2;
      if (data + length > udh.length) {
        return Optional.empty();
      }
      if (iei == IEI_CONCAT_8BIT_REF && length == 3) {
        return Optional.of(new ConcatPart(udh[data] & 0xFF, udh[data + 1] & 0xFF, udh[data + 2] & 0xFF,
            alphabet, userData));
      }
      if (iei == IEI_CONCAT_16BIT_REF && length == 4) {
        int reference = ((udh[data] & 0xFF) << 8) | (udh[data + 1] & 0xFF);
        return Optional.of(new ConcatPart(reference, udh[data + 2] & 0xFF, udh[data + 3] & 0xFF, alphabet, userData));
      }
      i = data + length;
    }
    return Optional.empty();
  }

  private static Optional<ConcatPart> concatFromSarTlvs(DeliverSm pdu, Alphabet alphabet, byte[] userData) {
    Tlv reference = pdu.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM);
    Tlv total = pdu.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS);
    Tlv number = pdu.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM);
    if (reference == null || total == null || number == null
        || reference.getValue().length != 2 || total.getValue().length != 1 || number.getValue().length != 1) {
      return Optional.empty();
    }
    byte[] ref = reference.getValue();
    return Optional.of(new ConcatPart(((ref[0] & 0xFF) << 8) | (ref[1] & 0xFF), total.getValue()[0] & 0xFF,
        number.getValue()[0] & 0xFF, alphabet, userData));
  }

  private static DecodedDeliverSm undecodable(String detail) {
    return new DecodedDeliverSm.Rejected(DecodedDeliverSm.Problem.UNDECODABLE, detail);
  }

  private static String describe(Address address) {
    if (address == null) {
      return "(none)";
    }
    return "'" + address.getAddress() + "' (TON " + address.getTon() + ", NPI " + address.getNpi() + ")";
  }

  private static String cString(byte[] value) {
    int end = 0;
    while (end < value.length && value[end] != 0) {
      end++;
    }
    return new String(value, 0, end, StandardCharsets.ISO_8859_1);
  }
}
