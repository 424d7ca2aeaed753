package dev.inlet.smpp;

import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;

/** What a deliver_sm turned out to be: a message (or a part of one) to route, a delivery receipt, or something to reject. */
public sealed interface DecodedDeliverSm {

  /** Why a deliver_sm cannot be routed. {@link SmppStatus#forProblem} gives its command_status. */
  enum Problem {
    /** The destination is not a valid international number. */
    INVALID_DESTINATION,
    /** The payload cannot be decoded (unknown or compressed data coding, malformed UDH or text). */
    UNDECODABLE
  }

  /**
   * A mobile-originated message, or one part of a concatenated message ({@link InboundSms#segment} set: the
   * router holds it until the message is whole).
   */
  record Message(InboundSms sms) implements DecodedDeliverSm {
  }

  /** A delivery receipt or acknowledgement for a message sent earlier: stored apart, never routed to an inbox. */
  record Receipt(DeliveryReceipt receipt) implements DecodedDeliverSm {
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
