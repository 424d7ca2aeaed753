package dev.inlet.smpp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How Inlet holds the binds of one configured SMSC account across the cluster and watches them, read from the same
 * {@code smpp} section (or {@code binds} entry, inheriting the section's fields) as its {@link BindSettings}.
 *
 * @param bindCount            how many binds of this account the whole cluster holds at once (the SMSC's limit), 1 by
 *                             default; each is a slot {@code name#i} under a lease
 * @param leased               false for a bind that is the node's own (the lab simulator): every node and instance binds
 *                             it, without a lease
 * @param leaseSeconds         how long a lease lasts unless renewed (renewed every third of it); after a holder dies
 *                             another node binds within about this, plus a third of it, plus the bind itself
 * @param idleRebindSeconds    a bound session without a deliver_sm for this long is dropped and bound again (a ghost
 *                             session answers enquire_link but delivers nothing); 0 turns it off
 * @param enquireLinkTimeoutMs how long an enquire_link may wait for its answer before the session counts as dead
 */
public record BindPolicy(int bindCount, boolean leased, int leaseSeconds, int idleRebindSeconds,
                         long enquireLinkTimeoutMs) {

  public static final int DEFAULT_LEASE_SECONDS = 10;
  public static final int DEFAULT_IDLE_REBIND_SECONDS = 300;
  public static final long DEFAULT_ENQUIRE_LINK_TIMEOUT_MS = 5_000;

  public BindPolicy {
    if (bindCount < 1) {
      throw new IllegalArgumentException("smpp bindCount must be at least 1, not " + bindCount);
    }
    if (leaseSeconds < 1) {
      throw new IllegalArgumentException("smpp leaseSeconds must be at least 1, not " + leaseSeconds);
    }
    if (idleRebindSeconds < 0) {
      throw new IllegalArgumentException("smpp idleRebindSeconds must be 0 (off) or positive, not " + idleRebindSeconds);
    }
    if (enquireLinkTimeoutMs < 1) {
      throw new IllegalArgumentException("smpp enquireLinkTimeoutMs must be positive, not " + enquireLinkTimeoutMs);
    }
  }

  /** The policies of the binds a configuration asks for, in the order of {@link BindSettings#fromConfig}. */
  public static List<BindPolicy> fromConfig(JsonObject section) {
    JsonArray binds = section.getJsonArray("binds");
    List<BindPolicy> out = new ArrayList<>();
    if (binds == null || binds.isEmpty()) {
      out.add(from(section));
      return out;
    }
    for (int i = 0; i < binds.size(); i++) {
      JsonObject merged = section.copy();
      merged.remove("binds");
      merged.mergeIn(binds.getJsonObject(i));
      out.add(from(merged));
    }
    return out;
  }

  private static BindPolicy from(JsonObject c) {
    return new BindPolicy(
        c.getInteger("bindCount", 1),
        c.getBoolean("leased", true),
        c.getInteger("leaseSeconds", DEFAULT_LEASE_SECONDS),
        c.getInteger("idleRebindSeconds", DEFAULT_IDLE_REBIND_SECONDS),
        c.getLong("enquireLinkTimeoutMs", DEFAULT_ENQUIRE_LINK_TIMEOUT_MS));
  }
}
