package dev.inlet.shared.store;

import io.vertx.core.json.JsonObject;

/** Records to and from the JSON objects that the embedded store keeps (cluster-serializable). */
final class StoredJson {

  private StoredJson() {
  }

  static JsonObject encode(Object record) {
    return JsonObject.mapFrom(record);
  }

  static <T> T decode(Object json, Class<T> type) {
    return json == null ? null : ((JsonObject) json).mapTo(type);
  }
}
