package dev.inlet.smpp;

import com.cloudhopper.smpp.SmppConstants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The aggregators' credentials: an unknown system_id is refused with ESME_RINVSYSID, a wrong password with
 * ESME_RINVPASWD (compared in constant time). How many binds an account holds is {@link AggregatorPlaces}' job.
 */
final class AggregatorAccounts {

  private final Map<String, AggregatorServerSettings.Account> accounts = new HashMap<>();

  AggregatorAccounts(List<AggregatorServerSettings.Account> configured) {
    configured.forEach(a -> accounts.put(a.systemId(), a));
  }

  /** Empty when the credentials are right, else the bind_resp command_status to refuse the bind with. */
  OptionalInt check(String systemId, String password) {
    AggregatorServerSettings.Account account = accounts.get(systemId);
    if (account == null) {
      return OptionalInt.of(SmppConstants.STATUS_INVSYSID);
    }
    if (!MessageDigest.isEqual(account.password().getBytes(StandardCharsets.UTF_8),
        (password == null ? "" : password).getBytes(StandardCharsets.UTF_8))) {
      return OptionalInt.of(SmppConstants.STATUS_INVPASWD);
    }
    return OptionalInt.empty();
  }

  Optional<AggregatorServerSettings.Account> account(String systemId) {
    return Optional.ofNullable(accounts.get(systemId));
  }
}
