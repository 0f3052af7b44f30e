package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.Readiness;

/**
 * {@code /healthz}: readiness, 200 when every part is up and 503 naming the parts that are down, each part with its
 * status; {@code /healthz/live}: liveness, 200 as long as the server answers at all (no I/O, no checks). Both are
 * open (no key) for load balancers and orchestrators, so they show part names, up/down and fixed details only.
 */
final class HealthResources {
  private HealthResources() {}

  static HttpService readiness(Readiness readiness) {
    return (ctx, req) -> HttpResponse.of(readiness.evaluate(ctx.blockingTaskExecutor()).thenApply(report -> {
      ObjectNode body = Json.MAPPER.createObjectNode().put("status", report.ready() ? "ok" : "unavailable");
      ObjectNode checks = body.putObject("checks");
      report.parts().forEach((name, health) -> checks.set(name, part(health)));
      if (!report.ready()) {
        ObjectNode error = body.putObject("error");
        error.put("code", "unavailable");
        error.put("message", "not ready: " + String.join(", ", report.down()));
        error.putNull("field");
      }
      return respond(report.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body);
    }));
  }

  static HttpService liveness() {
    return (ctx, req) -> respond(HttpStatus.OK, Json.MAPPER.createObjectNode().put("status", "ok"));
  }

  private static ObjectNode part(PartHealth health) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("status", health.up() ? "up" : "down");
    if (health.detail() != null) {
      part.put("detail", health.detail());
    }
    return part;
  }

  private static HttpResponse respond(HttpStatus status, ObjectNode body) {
    return HttpResponse.of(ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store").build(), Json.bytes(body));
  }
}
