package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.message.DedupKey;
import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.MessageIds;
import dev.inlet.shared.sms.Segment;
import dev.inlet.shared.sms.SmsAlphabet;
import dev.inlet.shared.sms.UserDataHeader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a deliver_sm into a {@link DecodedDeliverSm}: an {@link InboundSms} to route (a message of its own, or one
 * part of a concatenated message carrying its {@link Segment}), a {@link DeliveryReceipt}, or a reason to refuse it.
 * Plain Java, no Vert.x: the SMPP verticle calls it on its context.
 *
 * <p>The payload is short_message, or the message_payload TLV when short_message is empty. With UDHI set in
 * esm_class the UDH is stripped and read ({@link UserDataHeader}: concatenation with an 8- or 16-bit reference,
 * national language shift tables, unknown elements skipped); without a concatenation element there, the sar_* TLVs
 * are read. The text comes from the alphabet data_coding names, data_coding 0 being the bind's SMSC default
 * alphabet ({@code smscDefaultAlphabet}). An international originator (TON 1) is given its {@code +}; other
 * originators (national, alphanumeric...) are kept verbatim.
 */
public final class DeliverSmDecoder {

  private static final int ESM_UDHI = 0x40;
  private static final int ESM_MESSAGE_TYPE = 0x3C;
  private static final int ESM_SMSC_DELIVERY_RECEIPT = 0x04;
  private static final int ESM_SME_DELIVERY_ACK = 0x08;
  private static final int ESM_INTERMEDIATE_NOTIFICATION = 0x20;
  private static final byte TON_INTERNATIONAL = 0x01;
  private static final byte TON_ALPHANUMERIC = 0x05;
  private static final Pattern RECEIPT_ID = Pattern.compile("(?i)\\bid:(\\S+)");
  private static final Pattern RECEIPT_STAT = Pattern.compile("(?i)\\bstat:(\\S+)");
  private static final String[] MESSAGE_STATES = {"SCHEDULED", "ENROUTE", "DELIVERED", "EXPIRED", "DELETED",
      "UNDELIVERABLE", "ACCEPTED", "UNKNOWN", "REJECTED", "SKIPPED"};

  private final String source;
  private final SmsAlphabet smscDefault;
  private final Clock clock;
  private final Supplier<String> ids;

  /** A decoder for the bind named {@code bindName} whose data_coding 0 is GSM 03.38. */
  public DeliverSmDecoder(String bindName) {
    this(bindName, SmsAlphabet.GSM7);
  }

  /** A decoder for the bind named {@code bindName}: messages get {@code source = "smpp:" + bindName}. */
  public DeliverSmDecoder(String bindName, SmsAlphabet smscDefault) {
    this(bindName, smscDefault, Clock.systemUTC(), MessageIds::next);
  }

  DeliverSmDecoder(String bindName, SmsAlphabet smscDefault, Clock clock, Supplier<String> ids) {
    this.source = "smpp:" + bindName;
    this.smscDefault = smscDefault;
    this.clock = clock;
    this.ids = ids;
  }

  DeliverSmDecoder(String bindName, Clock clock, Supplier<String> ids) {
    this(bindName, SmsAlphabet.GSM7, clock, ids);
  }

  public DecodedDeliverSm decode(DeliverSm pdu) {
    int esmClass = pdu.getEsmClass() & 0xFF;
    byte[] payload = payloadOf(pdu);
    if (isReceipt(pdu, esmClass)) {
      return receipt(pdu, payload);
    }

    Address destination = pdu.getDestAddress();
    String rawDestination = destination == null ? null : destination.getAddress();
    Optional<String> to = destination == null || destination.getTon() == TON_ALPHANUMERIC
        ? Optional.empty() : PhoneNumber.parseInternational(rawDestination);
    if (to.isEmpty()) {
      return new DecodedDeliverSm.Rejected(DecodedDeliverSm.Problem.INVALID_DESTINATION,
          "destination_addr " + describe(destination) + " is not an international number");
    }

    Optional<SmsAlphabet> alphabet = SmsAlphabet.of(pdu.getDataCoding(), smscDefault);
    if (alphabet.isEmpty()) {
      return undecodable(String.format("data_coding 0x%02X is not supported", pdu.getDataCoding() & 0xFF));
    }

    byte[] userData = payload;
    UserDataHeader header = UserDataHeader.NONE;
    if ((esmClass & ESM_UDHI) != 0) {
      if (payload.length == 0 || 1 + (payload[0] & 0xFF) > payload.length) {
        return undecodable("the UDH length exceeds the " + payload.length + "-byte message");
      }
      int udhLength = payload[0] & 0xFF;
      userData = Arrays.copyOfRange(payload, 1 + udhLength, payload.length);
      header = UserDataHeader.parse(Arrays.copyOfRange(payload, 1, 1 + udhLength));
    }
    Optional<UserDataHeader.Concatenation> concat = header.concat().or(() -> concatFromSarTlvs(pdu));

    String text;
    try {
      text = alphabet.get().decode(userData, header.lockingShift(), header.singleShift());
    } catch (CharacterCodingException e) {
      return undecodable("the message is not valid " + alphabet.get() + " (data_coding "
          + String.format("0x%02X", pdu.getDataCoding() & 0xFF) + ")");
    }

    String from = originator(pdu.getSourceAddress());
    Segment segment = null;
    if (concat.isPresent() && concat.get().total() > 1) {
      UserDataHeader.Concatenation c = concat.get();
      segment = new Segment(c.reference(), c.referenceBits(), c.total(), c.number(), alphabet.get(),
          header.lockingShift(), header.singleShift(), userData);
    }
    InboundSms sms = new InboundSms(ids.get(), to.get(), from, text, clock.instant(), source,
        Integer.toString(pdu.getSequenceNumber()), segment != null ? null : dedupKey(pdu, from, rawDestination, payload),
        null, segment);
    return new DecodedDeliverSm.Message(sms);
  }

  /** An international number (TON 1) with its {@code +}; anything else as sent. */
  static String originator(Address origin) {
    if (origin == null || origin.getAddress() == null) {
      return "";
    }
    String address = origin.getAddress();
    if (origin.getTon() == TON_INTERNATIONAL && !address.isEmpty() && !address.startsWith("+")
        && address.chars().allMatch(Character::isDigit)) {
      return "+" + address;
    }
    return address;
  }

  private DecodedDeliverSm receipt(DeliverSm pdu, byte[] payload) {
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    Tlv receipted = pdu.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
    Tlv state = pdu.getOptionalParameter(SmppConstants.TAG_MSG_STATE);
    String receiptedId = receipted != null && receipted.getValue() != null ? cString(receipted.getValue())
        : field(RECEIPT_ID, text);
    String messageState = state != null && state.getValue() != null && state.getValue().length == 1
        ? stateName(state.getValue()[0] & 0xFF) : field(RECEIPT_STAT, text);
    String from = originator(pdu.getSourceAddress());
    String to = pdu.getDestAddress() == null ? "" : originator(pdu.getDestAddress());
    String id = DedupKey.of(source, DedupKey.utf8(from), DedupKey.utf8(to), payload,
        receipted == null ? null : receipted.getValue(), state == null ? null : state.getValue());
    return new DecodedDeliverSm.Receipt(new DeliveryReceipt(id, source, from, to, receiptedId, messageState, text,
        clock.instant()));
  }

  private static String field(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String stateName(int state) {
    return state >= 0 && state < MESSAGE_STATES.length ? MESSAGE_STATES[state] : "STATE_" + state;
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

  /** A receipt by esm_class's message type, or by carrying both receipted_message_id and message_state. */
  private static boolean isReceipt(DeliverSm pdu, int esmClass) {
    int type = esmClass & ESM_MESSAGE_TYPE;
    return type == ESM_SMSC_DELIVERY_RECEIPT || type == ESM_SME_DELIVERY_ACK || type == ESM_INTERMEDIATE_NOTIFICATION
        || pdu.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID) != null
        && pdu.getOptionalParameter(SmppConstants.TAG_MSG_STATE) != null;
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

  private static Optional<UserDataHeader.Concatenation> concatFromSarTlvs(DeliverSm pdu) {
    Tlv reference = pdu.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM);
    Tlv total = pdu.getOptionalParameter(SmppConstants.TAG_SAR_TOTAL_SEGMENTS);
    Tlv number = pdu.getOptionalParameter(SmppConstants.TAG_SAR_SEGMENT_SEQNUM);
    if (reference == null || total == null || number == null || reference.getValue() == null
        || total.getValue() == null || number.getValue() == null
        || reference.getValue().length != 2 || total.getValue().length != 1 || number.getValue().length != 1) {
      return Optional.empty();
    }
    byte[] ref = reference.getValue();
    return UserDataHeader.valid(((ref[0] & 0xFF) << 8) | (ref[1] & 0xFF), 16, total.getValue()[0] & 0xFF,
        number.getValue()[0] & 0xFF);
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
