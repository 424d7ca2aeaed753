package dev.inlet.http;

import dev.inlet.shared.bus.Addresses;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.limits.RateCounters;
import dev.inlet.shared.message.StoreHealth;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * {@code /ready}: whether this node can serve, with vertx-health-check, one procedure each:
 * <ul>
 *   <li>{@code store}: a router answers that the store serves (PostgreSQL reachable);</li>
 *   <li>{@code counters}: the abuse-limit counters answer (Redis in production);</li>
 *   <li>{@code cluster}: when clustered, the cluster manager is active and lists this node;</li>
 *   <li>{@code sources}: at least one SMPP bind or modem port reported a state that delivers, within 30 s.</li>
 * </ul>
 * 200 UP when all are, else 503 DOWN with each procedure's status and reason.
 */
final class Readiness {

  private static final long PROCEDURE_TIMEOUT_MS = 3000;

  private Readiness() {
  }

  static HealthCheckHandler handler(Vertx vertx, BusClient bus, RateCounters counters, StatusBoard binds,
                                    StatusBoard modems) {
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("store", PROCEDURE_TIMEOUT_MS, promise -> store(bus, promise));
    checks.register("counters", PROCEDURE_TIMEOUT_MS, promise -> counters.ping().onComplete(ar -> promise.complete(
        ar.succeeded() ? Status.OK() : Status.KO(reason("the limit counters do not answer: "
            + Failure.detail(ar.cause()))))));
    checks.register("cluster", PROCEDURE_TIMEOUT_MS, promise -> promise.complete(cluster(vertx)));
    checks.register("sources", PROCEDURE_TIMEOUT_MS, promise -> {
      long up = binds.up() + modems.up();
      JsonObject data = new JsonObject().put("binds", binds.current().size()).put("modems", modems.current().size())
          .put("up", up);
      promise.complete(up > 0 ? Status.OK(data)
          : Status.KO(data.put("reason", "no SMPP bind or modem port has reported a working state in the last "
              + StatusBoard.SILENT.toSeconds() + " s")));
    });
    return HealthCheckHandler.createWithHealthChecks(checks);
  }

  private static void store(BusClient bus, Promise<Status> promise) {
    bus.<StoreHealth>request(Addresses.STORE_HEALTH, new StoreHealth(null, false, null))
        .onSuccess(store -> {
          JsonObject data = new JsonObject().put("kind", store.kind()).put("durable", store.durable());
          promise.complete(store.problem() == null ? Status.OK(data) : Status.KO(data.put("reason", store.problem())));
        })
        .onFailure(e -> promise.complete(Status.KO(reason("no router answered: " + Failure.detail(e)))));
  }

  private static Status cluster(Vertx vertx) {
    if (!vertx.isClustered()) {
      return Status.OK(new JsonObject().put("clustered", false));
    }
    var manager = ((VertxInternal) vertx).clusterManager();
    if (manager == null || !manager.isActive()) {
      return Status.KO(reason("the cluster manager is not active"));
    }
    var nodes = manager.getNodes();
    JsonObject data = new JsonObject().put("clustered", true).put("members", nodes.size());
    return nodes.contains(manager.getNodeId()) ? Status.OK(data)
        : Status.KO(data.put("reason", "this node is not a member of the cluster"));
  }

  private static JsonObject reason(String why) {
    return new JsonObject().put("reason", why);
  }
}
