package dev.voiceengine.server.config;

import dev.voiceengine.control.webhooks.WebhookEndpoint;
import dev.voiceengine.control.webhooks.WebhookEvent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One webhook endpoint ({@code webhooks:} in YAML): where signed deliveries are POSTed, the signing secret (write
 * {@code ${ENV_VAR}}, at least 16 characters), the events wanted (all but call.transcript when none are named), and
 * whether it is on. {@code id} is optional: by default it is derived from the URL. {@code org} is the organization
 * whose calls' and batches' events it receives (default {@value AgentConfig#DEFAULT_ORG}).
 */
public record WebhookConfig(String id, String url, String secret, List<String> events, Boolean enabled, String org) {
  public WebhookConfig {
    events = events == null ? List.of() : List.copyOf(events);
    enabled = enabled == null ? Boolean.TRUE : enabled;
  }

  /** An endpoint of the default organization. */
  public WebhookConfig(String id, String url, String secret, List<String> events, Boolean enabled) {
    this(id, url, secret, events, enabled, null);
  }

  /** The control plane's endpoint (call after validation: unknown event names are dropped). */
  public WebhookEndpoint toEndpoint() {
    Set<WebhookEvent> selected = EnumSet.noneOf(WebhookEvent.class);
    events.forEach(e -> WebhookEvent.of(e).ifPresent(selected::add));
    return new WebhookEndpoint(id, org == null || org.isBlank() ? null : org, url, secret, selected, enabled);
  }
}
