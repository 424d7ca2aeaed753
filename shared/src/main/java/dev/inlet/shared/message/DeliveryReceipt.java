package dev.inlet.shared.message;

import java.time.Instant;

/**
 * A delivery receipt (or SME acknowledgement, or intermediate notification) that an SMSC delivered for a message
 * sent earlier: stored apart from messages, never shown in an inbox.
 *
 * @param id                 the same for every delivery of this receipt by its source (retries store it once)
 * @param source             which source, e.g. {@code smpp:carrier}
 * @param from               originator address as sent
 * @param to                 destination address as sent
 * @param receiptedMessageId the receipted_message_id TLV, else the {@code id:} field of the text; null if neither
 * @param messageState       the message_state TLV as its SMPP name (e.g. DELIVERED), else the {@code stat:} field of
 *                           the text; null if neither
 * @param text               the receipt's text as sent (e.g. {@code id:... stat:DELIVRD err:000 ...})
 * @param receivedAt         when Inlet received it
 */
public record DeliveryReceipt(String id, String source, String from, String to, String receiptedMessageId,
                              String messageState, String text, Instant receivedAt) {
}
