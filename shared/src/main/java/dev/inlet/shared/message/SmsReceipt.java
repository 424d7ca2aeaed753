package dev.inlet.shared.message;

/**
 * The router's answer to an {@link InboundSms}: the message is durably stored.
 *
 * @param messageId   id of the stored message
 * @param disposition where it went
 * @param sessionId   the session whose inbox holds it, null otherwise
 */
public record SmsReceipt(String messageId, Disposition disposition, String sessionId) {

  public enum Disposition {
    /** Stored in the inbox of the session that held the number at the message's time. */
    INBOX,
    /** No session held the number: stored in the unmatched archive. */
    UNMATCHED,
    /**
     * One part of a concatenated message, durably held until the message is whole (or its wait times out); the
     * message id is the part's. Also the answer to a part of a message already recorded (a source's retry).
     */
    HELD,
    /** A delivery receipt, stored apart from messages (never in an inbox); the id is the receipt's. */
    RECEIPT
  }
}
