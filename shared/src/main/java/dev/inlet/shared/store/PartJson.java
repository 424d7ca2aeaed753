package dev.inlet.shared.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.shared.message.InboundSms;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.UncheckedIOException;

/** A held part as stores keep it: the {@link InboundSms} (with its segment) as JSON. */
public final class PartJson {

  private static final ObjectMapper MAPPER = DatabindCodec.mapper().copy()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PartJson() {
  }

  public static String write(InboundSms part) {
    try {
      return MAPPER.writeValueAsString(part);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a held part", e);
    }
  }

  public static InboundSms read(String json) {
    try {
      return MAPPER.readValue(json, InboundSms.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot read a held part", e);
    }
  }
}
