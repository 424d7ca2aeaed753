package dev.inlet.shared.store;

import io.vertx.core.shareddata.Counter;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The lab-mode inbox store on Vert.x shared data. Each inbox is a cluster-wide counter and one
 * map entry per message, so concurrent appends from several router instances never overwrite each other.
 */
public final class SharedDataInboxStore implements InboxStore {

  private final Vertx vertx;

  public SharedDataInboxStore(Vertx vertx) {
    this.vertx = vertx;
  }

  private Future<AsyncMap<String, Object>> messages() {
    return vertx.sharedData().getAsyncMap("inlet.store.inbox");
  }

  private Future<AsyncMap<String, Object>> unmatchedMap() {
    return vertx.sharedData().getAsyncMap("inlet.store.unmatched");
  }

  private static String key(String sessionId, long seq) {
    return sessionId + "#" + seq;
  }

  private Future<Counter> counter(String sessionId) {
    return vertx.sharedData().getCounter("inlet.store.inbox." + sessionId);
  }

  @Override
  public Future<Void> append(StoredSms sms) {
    Objects.requireNonNull(sms.sessionId(), "sessionId");
    return counter(sms.sessionId())
        .compose(Counter::incrementAndGet)
        .compose(seq -> messages().compose(m -> m.put(key(sms.sessionId(), seq), StoredJson.encode(sms))));
  }

  @Override
  public Future<List<StoredSms>> inbox(String sessionId) {
    return counter(sessionId).compose(Counter::get).compose(count ->
        messages().compose(m -> {
          List<Future<Object>> reads = new ArrayList<>();
          for (long seq = 1; seq <= count; seq++) {
            reads.add(m.get(key(sessionId, seq)));
          }
          return Future.all(reads).map(all -> reads.stream()
              .map(Future::result)
              .filter(Objects::nonNull) // a message whose write is still in flight shows up on the next read
              .map(v -> StoredJson.decode(v, StoredSms.class))
              .sorted(Comparator.comparing(StoredSms::receivedAt))
              .toList());
        }));
  }

  @Override
  public Future<Void> archiveUnmatched(InboundSms sms) {
    return unmatchedMap().compose(m -> m.put(sms.id(), StoredJson.encode(sms)));
  }

  @Override
  public Future<List<InboundSms>> unmatched() {
    return unmatchedMap().compose(AsyncMap::entries).map(e -> e.values().stream()
        .map(v -> StoredJson.decode(v, InboundSms.class))
        .sorted(Comparator.comparing(InboundSms::receivedAt))
        .toList());
  }
}
