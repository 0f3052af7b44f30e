package dev.voiceengine.server.config;

import dev.voiceengine.control.webhooks.WebhookEndpoint;
import dev.voiceengine.control.webhooks.WebhookEvent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One webhook endpoint ({@code webhooks:} in YAML): where signed deliveries are POSTed, the signing secret (write
 * {@code ${ENV_VAR}}, at least 16 characters), the events wanted (all but call.transcript when none are named), and
 * whether it is on. {@code id} is optional: by default it is derived from the URL.
 */
public record WebhookConfig(String id, String url, String secret, List<String> events, Boolean enabled) {
  public WebhookConfig {
    events = events == null ? List.of() : List.copyOf(events);
    enabled = enabled == null ? Boolean.TRUE : enabled;
  }

  /** The control plane's endpoint (call after validation: unknown event names are dropped). */
  public WebhookEndpoint toEndpoint() {
    Set<WebhookEvent> selected = EnumSet.noneOf(WebhookEvent.class);
    events.forEach(e -> WebhookEvent.of(e).ifPresent(selected::add));
    return new WebhookEndpoint(id, null, url, secret, selected, enabled);
  }
}
