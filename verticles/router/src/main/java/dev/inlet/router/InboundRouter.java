package dev.inlet.router;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.store.InboxStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads each message's label (destination number and the time Inlet received it) and records it in one
 * step of the store, which puts it in the inbox of the rental that held the number then (grace included)
 * or in the unmatched archive, and answers a duplicate (same dedup key, e.g. an SMSC's retry) with the
 * original. The receipt means the message is stored; only a newly stored inbox message is pushed.
 */
final class InboundRouter {

  private final InboxStore store;
  private final Duration grace;
  private final Duration dedupWindow;
  private final Clock clock;
  private final Consumer<StoredSms> onStored;

  /**
   * @param onStored called once for each message newly stored in an inbox (publishes it)
   */
  InboundRouter(InboxStore store, Duration grace, Duration dedupWindow, Clock clock, Consumer<StoredSms> onStored) {
    this.store = store;
    this.grace = grace;
    this.dedupWindow = dedupWindow;
    this.clock = clock;
    this.onStored = onStored;
  }

  Future<SmsReceipt> route(InboundSms sms) {
    String invalid = validate(sms);
    if (invalid != null) {
      return Future.failedFuture(Failure.INVALID_REQUEST.exception(invalid));
    }
    InboundSms timed = sms.receivedAt() != null ? sms : new InboundSms(sms.id(), sms.to(), sms.from(), sms.text(),
        clock.instant(), sms.source(), sms.sourceRef(), sms.dedupKey(), sms.sentAt());
    String code = OtpExtractor.extract(timed.text()).orElse(null);
    return store.record(timed, code, grace, dedupWindow)
        .recover(e -> Future.failedFuture(e instanceof ReplyException ? e
            : Failure.STORE_UNAVAILABLE.exception("message not stored: " + e.getMessage())))
        .map(recorded -> {
          if (!recorded.duplicate() && recorded.message().sessionId() != null) {
            onStored.accept(recorded.message());
          }
          return recorded.receipt();
        });
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
