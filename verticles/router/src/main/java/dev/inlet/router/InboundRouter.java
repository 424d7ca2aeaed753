package dev.inlet.router;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.InboxStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Reads each message's label (destination number and time), finds the rental that held the number
 * then, and stores the message in that session's inbox, or in the unmatched archive when none did.
 * The returned receipt means the message is stored; only then is it pushed to listeners.
 */
final class InboundRouter {

  private final BiFunction<String, Instant, Future<Optional<Rental>>> holderLookup;
  private final InboxStore inbox;
  private final Consumer<StoredSms> onStored;

  /**
   * @param holderLookup which rental held a number at an instant (asked of the pool)
   * @param onStored     called once a message is in an inbox (publishes it)
   */
  InboundRouter(BiFunction<String, Instant, Future<Optional<Rental>>> holderLookup, InboxStore inbox,
                Consumer<StoredSms> onStored) {
    this.holderLookup = holderLookup;
    this.inbox = inbox;
    this.onStored = onStored;
  }

  Future<SmsReceipt> route(InboundSms sms) {
    String invalid = validate(sms);
    if (invalid != null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception(invalid));
    }
    Instant at = sms.receivedAt() == null ? Instant.now() : sms.receivedAt();
    return holderLookup.apply(sms.to(), at).compose(holder -> {
      if (holder.isEmpty()) {
        return stored(inbox.archiveUnmatched(sms))
            .map(v -> new SmsReceipt(sms.id(), SmsReceipt.Disposition.UNMATCHED, null));
      }
      Rental rental = holder.get();
      StoredSms stored = new StoredSms(sms.id(), rental.sessionId(), sms.to(), sms.from(), sms.text(),
          OtpExtractor.extract(sms.text()).orElse(null), at);
      return stored(inbox.append(stored)).map(v -> {
        onStored.accept(stored);
        return new SmsReceipt(sms.id(), SmsReceipt.Disposition.INBOX, rental.sessionId());
      });
    });
  }

  private static Future<Void> stored(Future<Void> write) {
    return write.recover(e -> Future.failedFuture(
        Failure.STORE_UNAVAILABLE.exception("message not stored: " + e.getMessage())));
  }

  private static String validate(InboundSms sms) {
    if (sms.id() == null || sms.id().isBlank()) {
      return "an inbound message needs an id";
    }
    if (!PhoneNumber.isE164(sms.to())) {
      return "destination " + sms.to() + " is not an E.164 number";
    }
    if (sms.text() == null) {
      return "an inbound message needs a text (may be empty)";
    }
    return null;
  }
}
