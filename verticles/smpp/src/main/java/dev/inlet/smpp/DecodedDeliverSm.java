package dev.inlet.smpp;

import dev.inlet.shared.message.InboundSms;
import java.util.Optional;

/** What a deliver_sm turned out to be: a message to route, a delivery receipt, or something to reject. */
public sealed interface DecodedDeliverSm {

  /** Why a deliver_sm cannot be routed. {@link SmppStatus#forProblem} gives its command_status. */
  enum Problem {
    /** The destination is not a valid international number. */
    INVALID_DESTINATION,
    /** The payload cannot be decoded (unknown or compressed data coding, malformed UDH or text). */
    UNDECODABLE
  }

  /**
   * A mobile-originated message.
   *
   * @param sms    the message, ready to route
   * @param concat the part of a concatenated message this is, when it is one
   */
  record Message(InboundSms sms, Optional<ConcatPart> concat) implements DecodedDeliverSm {
  }

  /**
   * A delivery receipt or acknowledgement for a message sent earlier: acknowledged, not routed.
   *
   * @param receiptedMessageId the receipted_message_id TLV, or null
   * @param text               the receipt text as sent (e.g. {@code id:... stat:DELIVRD ...})
   */
  record Receipt(String receiptedMessageId, String text) implements DecodedDeliverSm {
  }

  /**
   * A deliver_sm that must be refused.
   *
   * @param problem what is wrong
   * @param detail  a precise explanation, for the log
   */
  record Rejected(Problem problem, String detail) implements DecodedDeliverSm {
  }
}
