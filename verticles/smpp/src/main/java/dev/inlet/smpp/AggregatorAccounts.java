package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppConstants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Decides the binds of aggregators on this node: an unknown system_id is refused with ESME_RINVSYSID, a wrong
 * password with ESME_RINVPASWD, a bind beyond the account's {@code maxBinds} with ESME_RALYBND (the SMPP 3.4 status
 * for "already bound"); an admitted bind holds a place until its session ends. Thread-safe (cloudhopper's I/O threads).
 */
final class AggregatorAccounts {

  private final Map<String, AggregatorServerSettings.Account> accounts = new HashMap<>();
  private final Map<String, Integer> bound = new HashMap<>();
  private final Map<Long, String> sessions = new HashMap<>();

  AggregatorAccounts(List<AggregatorServerSettings.Account> configured) {
    configured.forEach(a -> accounts.put(a.systemId(), a));
  }

  /** Admits session {@code sessionId}: empty when admitted, else the bind_resp command_status to refuse it with. */
  synchronized OptionalInt admit(long sessionId, String systemId, String password) {
    AggregatorServerSettings.Account account = accounts.get(systemId);
    if (account == null) {
      return OptionalInt.of(SmppConstants.STATUS_INVSYSID);
    }
    if (!MessageDigest.isEqual(account.password().getBytes(StandardCharsets.UTF_8),
        (password == null ? "" : password).getBytes(StandardCharsets.UTF_8))) {
      return OptionalInt.of(SmppConstants.STATUS_INVPASWD);
    }
    int now = bound.getOrDefault(systemId, 0);
    if (now >= account.maxBinds()) {
      return OptionalInt.of(SmppConstants.STATUS_ALYBND);
    }
    bound.put(systemId, now + 1);
    sessions.put(sessionId, systemId);
    return OptionalInt.empty();
  }

  /** The session ended (or never got created): its place is free again. Harmless when repeated. */
  synchronized void release(long sessionId) {
    String systemId = sessions.remove(sessionId);
    if (systemId != null) {
      bound.merge(systemId, -1, Integer::sum);
    }
  }

  synchronized int boundCount(String systemId) {
    return bound.getOrDefault(systemId, 0);
  }
}
