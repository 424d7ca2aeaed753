package dev.inlet.shared.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request/reply address with a future-returning handler: the result is the reply, a failure
 * becomes a {@link Failure} code. Failures that are already coded pass through; a request of the wrong
 * type or without a body is {@link Failure#INVALID_REQUEST}; anything else is logged and answered with
 * {@code otherwise} (the handler's backend failed).
 */
public final class Responder {

  private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

  private Responder() {
  }

  public static <T, R> MessageConsumer<T> serve(EventBus bus, String address, Failure otherwise,
                                                Function<T, Future<R>> handler) {
    return bus.<T>consumer(address, (Message<T> msg) -> {
      Future<R> result;
      try {
        if (msg.body() == null) {
          throw Failure.INVALID_REQUEST.exception("a request on " + address + " needs a body");
        }
        result = handler.apply(msg.body());
      } catch (ClassCastException e) {
        result = Future.failedFuture(Failure.INVALID_REQUEST.exception(
            "unexpected message type " + msg.body().getClass().getSimpleName() + " on " + address));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onSuccess(msg::reply).onFailure(e -> {
        if (e instanceof ReplyException re && re.failureType() == io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE) {
          msg.fail(re.failureCode(), re.getMessage());
        } else if (e instanceof ReplyException re) {
          // a request this handler made failed (timeout, no handlers): pass the classification on
          Failure f = Failure.of(re);
          msg.fail(f.code(), Failure.detail(re));
        } else {
          LOG.warn("{} failed: {}", address, e.toString());
          msg.fail(otherwise.code(), String.valueOf(e.getMessage()));
        }
      });
    });
  }
}
