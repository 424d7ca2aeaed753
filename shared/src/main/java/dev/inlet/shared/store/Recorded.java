package dev.inlet.shared.store;

import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;

/**
 * What {@link InboxStore#record} did.
 *
 * @param message   the stored message (for a duplicate: the original); its session id is null when unmatched
 * @param duplicate true when the message had been recorded before (same dedup key): nothing was stored now
 */
public record Recorded(StoredSms message, boolean duplicate) {

  public SmsReceipt receipt() {
    return new SmsReceipt(message.id(), message.sessionId() == null
        ? SmsReceipt.Disposition.UNMATCHED : SmsReceipt.Disposition.INBOX, message.sessionId());
  }
}
