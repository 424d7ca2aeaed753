package dev.inlet.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionFeedAddressTest {

  @Test
  @DisplayName("a session's feed address names its session, and the bridge's pattern matches it")
  void roundTrip() {
    String address = Addresses.sessionFeed("aB3_-x9QzK0");
    assertThat(Addresses.sessionOfFeed(address)).isEqualTo("aB3_-x9QzK0");
    assertThat(address).matches(Addresses.SESSION_FEED_REGEX);
  }

  @Test
  @DisplayName("internal addresses and look-alikes are not session feeds")
  void notFeeds() {
    for (String address : new String[] {Addresses.POOL_RENT, Addresses.POOL_RENTALS, Addresses.numberSms("+12125550100"),
        Addresses.STATUS_BINDS, "inlet.session..feed", "inlet.session.a.b.feed", "inlet.session.x.feed.y",
        "xinlet.session.abc.feed", "inlet.session.abc.feedx", null}) {
      assertThat(Addresses.sessionOfFeed(address)).as(address).isNull();
      if (address != null) {
        assertThat(address).as(address).doesNotMatch(Addresses.SESSION_FEED_REGEX);
      }
    }
  }
}
