package dev.inlet.shared.store;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import java.util.List;

/**
 * Session inboxes and the archive of messages that no session held. A returned future completes
 * only once the message is durably stored (as durable as the backend is).
 */
public interface InboxStore {

  /** Stores a message in its session's inbox. */
  Future<Void> append(StoredSms sms);

  /** The inbox of a session, oldest first. */
  Future<List<StoredSms>> inbox(String sessionId);

  /** Keeps a message that reached a pool number while no session held it. */
  Future<Void> archiveUnmatched(InboundSms sms);

  Future<List<InboundSms>> unmatched();
}
