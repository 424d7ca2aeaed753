package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.message.NumberList;
import dev.inlet.shared.message.NumbersQuery;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/numbers?country=&service=}: the numbers that can be rented now. */
final class NumbersHandler {

  private final BusClient bus;

  NumbersHandler(BusClient bus) {
    this.bus = bus;
  }

  void list(RoutingContext ctx) {
    NumbersQuery query = new NumbersQuery(
        RequestFields.optionalCountry(RequestFields.optionalQuery(ctx, ApiJson.COUNTRY), ApiJson.COUNTRY),
        RequestFields.optionalQuery(ctx, ApiJson.SERVICE));
    bus.<NumberList>request(Addresses.POOL_AVAILABLE, query)
        .map(ApiJson::numbers)
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
