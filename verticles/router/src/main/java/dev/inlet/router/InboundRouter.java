package dev.inlet.router;

import dev.inlet.shared.PhoneNumber;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.DedupKey;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.SmsReceipt;
import dev.inlet.shared.message.StoredSms;
import dev.inlet.shared.sms.Assembled;
import dev.inlet.shared.sms.Reassembler;
import dev.inlet.shared.sms.SmsText;
import dev.inlet.shared.store.InboxStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each message's label (destination number and the time Inlet received it) and records it in one
 * step of the store, which puts it in the inbox of the rental that held the number then (grace included)
 * or in the unmatched archive, and answers a duplicate (same dedup key, e.g. an SMSC's retry) with the
 * original. The receipt means the message is stored; only a newly stored inbox message is pushed.
 *
 * <p>A part of a concatenated message ({@link InboundSms#segment}) is held in the store until every part is held,
 * wherever each came in; the part that completes the message records it, joined by the {@link Reassembler}, once,
 * under a dedup key of its set. {@link #deliverOverdue} records what came of messages that waited too long, marked
 * incomplete. A part's receipt (disposition HELD) means the part is durably held.
 */
final class InboundRouter {

  private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);

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
    InboundSms timed = sms.receivedAt() != null ? sms : sms.receivedAt(clock.instant());
    return timed.segment() != null ? holdPart(timed) : record(timed);
  }

  private Future<SmsReceipt> record(InboundSms timed) {
    String code = SmsText.isBinary(timed.text()) ? null : OtpExtractor.extract(timed.text()).orElse(null);
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

  private Future<SmsReceipt> holdPart(InboundSms part) {
    String setKey = part.segment().setKey(part.to(), part.from());
    return store.holdPart(setKey, part)
        .recover(e -> Future.failedFuture(e instanceof ReplyException ? e
            : Failure.STORE_UNAVAILABLE.exception("part not held: " + e.getMessage())))
        .compose(held -> switch (held.status()) {
          case WAITING, DELIVERED -> Future.succeededFuture(new SmsReceipt(part.id(), SmsReceipt.Disposition.HELD, null));
          case WHOLE -> recordParts(setKey, held.parts());
        });
  }

  /**
   * Records the message the parts make (whole or not) under its set's dedup key, so that two routers completing
   * it at once store one copy, then lets the store drop its parts.
   */
  private Future<SmsReceipt> recordParts(String setKey, List<InboundSms> parts) {
    InboundSms first = parts.get(0);
    Instant receivedAt = parts.stream().map(InboundSms::receivedAt).min(Comparator.naturalOrder()).orElseThrow();
    Assembled assembled = Reassembler.assemble(parts.stream().map(InboundSms::segment).toList());
    if (!assembled.complete()) {
      LOG.warn("message {} from {} to {} delivered incomplete: part(s) {} of {} never came", first.id(), first.from(),
          first.to(), SmsText.numbers(assembled.missing()), assembled.total());
    }
    InboundSms whole = new InboundSms(first.id(), first.to(), first.from(), assembled.text(), receivedAt,
        first.source(), first.sourceRef(), DedupKey.of("parts", DedupKey.utf8(setKey)), first.sentAt());
    return record(whole)
        .recover(e -> Failure.of(e) != Failure.UNKNOWN_NUMBER ? Future.failedFuture(e)
            // refused for good: holding its parts longer would only refuse it again
            : store.partsDelivered(setKey, clock.instant()).transform(v -> {
              LOG.warn("message {} from {} to {} refused ({}): its {} held part(s) are dropped", first.id(),
                  first.from(), first.to(), e.getMessage(), parts.size());
              return Future.failedFuture(e);
            }))
        .compose(receipt -> store.partsDelivered(setKey, clock.instant())
        .recover(e -> {
          // recorded: a retry of a part will find the message whole again and be answered with the original
          LOG.warn("message {} recorded, but its held parts stay until the next try: {}", first.id(), e.getMessage());
          return Future.succeededFuture();
        })
        .map(receipt));
  }

  /**
   * Records, marked incomplete, the messages whose first part came {@code timeout} or longer ago and that still wait
   * for parts, at most {@code limit}; answers how many.
   */
  Future<Integer> deliverOverdue(Duration timeout, int limit) {
    return store.overdueParts(clock.instant().minus(timeout), limit)
        .compose(sets -> Future.join(sets.stream().filter(parts -> !parts.isEmpty())
                .map(parts -> recordParts(parts.get(0).segment().setKey(parts.get(0).to(), parts.get(0).from()), parts))
                .toList())
            .transform(done -> Future.succeededFuture(sets.size())));
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
