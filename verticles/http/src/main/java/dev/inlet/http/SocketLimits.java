package dev.inlet.http;

import io.vertx.core.json.JsonObject;

/**
 * What one WebSocket may cost the node (the {@code http} section).
 *
 * @param sendQueueBytes         bytes that may wait to be sent to one socket ({@code wsSendQueueBytes}, default
 *                               64 KiB); a client that lets more pile up is not reading and is closed with
 *                               {@link SessionFeed#NOT_READING} (1008)
 * @param maxFrameBytes          largest frame (and message) a client may send ({@code wsMaxFrameBytes}, default
 *                               16 KiB): a larger one is closed with 1009
 * @param controlFramesPerSecond pings and pongs a client may send per second ({@code wsControlFramesPerSecond},
 *                               default 10); more is closed with 1008
 */
record SocketLimits(int sendQueueBytes, int maxFrameBytes, int controlFramesPerSecond) {

  SocketLimits {
    if (sendQueueBytes < 4096) {
      throw new IllegalArgumentException("http.wsSendQueueBytes must be at least 4096, not " + sendQueueBytes);
    }
    if (maxFrameBytes < 125) {
      throw new IllegalArgumentException("http.wsMaxFrameBytes must be at least 125, not " + maxFrameBytes);
    }
    if (controlFramesPerSecond < 1) {
      throw new IllegalArgumentException("http.wsControlFramesPerSecond must be at least 1, not "
          + controlFramesPerSecond);
    }
  }

  static SocketLimits from(JsonObject http) {
    return new SocketLimits(
        http.getInteger("wsSendQueueBytes", 65_536),
        http.getInteger("wsMaxFrameBytes", 16_384),
        http.getInteger("wsControlFramesPerSecond", 10));
  }
}
