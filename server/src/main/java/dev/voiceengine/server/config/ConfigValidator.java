package dev.voiceengine.server.config;

import dev.voiceengine.control.webhooks.WebhookEndpoint;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the YAML types cannot: ranges, references between sections, files that must exist. Collects every
 * problem (one per line) so a user fixes the file in one go.
 */
public final class ConfigValidator {
  private static final Pattern IPV4 =
      Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Set<String> TRANSPORTS = Set.of("udp", "tcp");

  private final String source;
  private final Path baseDir;
  private final StringBuilder problems = new StringBuilder();

  /**
   * @param source   the file's name for messages ("(defaults)" when none)
   * @param baseDir  where relative file paths in the config are resolved (the config file's folder)
   */
  public ConfigValidator(String source, Path baseDir) {
    this.source = source;
    this.baseDir = baseDir;
  }

  /** Returns the config if valid; otherwise throws with every problem found. */
  public EngineConfig validate(EngineConfig c) throws ConfigException {
    if (!isIpLiteral(c.bind())) {
      problem("bind", "expected an IP address like 127.0.0.1 or 0.0.0.0, got \"" + c.bind() + "\"");
    }
    port("sip.port", c.sip().port());
    port("http.port", c.http().port());
    for (String origin : c.http().corsOrigins()) {
      if (!isWebOrigin(origin)) {
        problem("http.cors_origins", "expected an origin like https://ops.example.com (scheme, host and optional "
            + "port, no path), got \"" + origin + "\"");
      }
    }
    if (c.sip().transports().isEmpty() || !TRANSPORTS.containsAll(c.sip().transports())) {
      problem("sip.transports", "expected a list of udp and/or tcp, got " + c.sip().transports());
    }
    atLeast("sip.max_calls", c.sip().maxCalls(), 1);
    atLeast("sip.retry_after_s", c.sip().retryAfterS(), 0);
    between("sip.answer_delay_ms", c.sip().answerDelayMs(), 0, 60_000);
    try {
      PortRange.parse(c.rtp().ports());
    } catch (IllegalArgumentException e) {
      problem("rtp.ports", e.getMessage());
    }
    atLeast("rtp.no_media_timeout_s", c.rtp().noMediaTimeoutS(), 1);
    between("rtp.jitter_ms", c.rtp().jitterMs(), 0, 1000);
    if (c.rtp().advertiseAddress() != null && !isIpLiteral(c.rtp().advertiseAddress())) {
      problem("rtp.advertise_address", "expected an IP address, got \"" + c.rtp().advertiseAddress() + "\"");
    }
    if (c.dataDir().isBlank()) {
      problem("data_dir", "expected a folder path");
    }
    storage(c.storage().url());
    Set<String> agentIds = agents(c.agents());
    trunks(c.trunks(), agentIds);
    organizations(c.agents(), c.trunks());
    reachable(c);
    webhooks(c.webhooks());
    rateLimit(c.api());
    if (problems.length() > 0) {
      throw new ConfigException(problems.toString().stripTrailing());
    }
    return c;
  }

  private Set<String> agents(List<AgentConfig> agents) {
    Set<String> ids = new HashSet<>();
    if (agents.isEmpty()) {
      problem("agents", "expected at least one agent");
    }
    for (int i = 0; i < agents.size(); i++) {
      AgentConfig a = agents.get(i);
      String key = "agents[" + i + "]";
      if (a == null || a.id() == null || a.id().isBlank()) {
        problem(key + ".id", "expected a non-empty id");
        continue;
      }
      if (!ids.add(a.id())) {
        problem(key + ".id", "duplicate agent id \"" + a.id() + "\"");
      }
      if (a.greeting() != null && !Files.isRegularFile(resolve(a.greeting()))) {
        problem(key + ".greeting", "expected a WAV file, but " + resolve(a.greeting()) + " does not exist");
      }
    }
    return ids;
  }

  private void trunks(List<TrunkConfig> trunks, Set<String> agentIds) {
    Set<String> ids = new HashSet<>();
    if (trunks.isEmpty()) {
      problem("trunks", "expected at least one trunk");
    }
    for (int i = 0; i < trunks.size(); i++) {
      TrunkConfig t = trunks.get(i);
      String key = "trunks[" + i + "]";
      if (t == null || t.id() == null || t.id().isBlank()) {
        problem(key + ".id", "expected a non-empty id");
        continue;
      }
      if (!ids.add(t.id())) {
        problem(key + ".id", "duplicate trunk id \"" + t.id() + "\"");
      }
      List<String> allow = t.inbound().allow();
      for (int j = 0; j < allow.size(); j++) {
        if (!isCidr(allow.get(j))) {
          problem(key + ".inbound.allow[" + j + "]",
              "expected a network like 192.0.2.0/24 or 2001:db8::/32, got \"" + allow.get(j) + "\"");
        }
      }
      OutboundTrunkRules.check(key, t.outbound(), this::problem);
      for (Map.Entry<String, String> e : t.inbound().numbers().entrySet()) {
        if (e.getValue() == null || !agentIds.contains(e.getValue())) {
          problem(key + ".inbound.numbers." + e.getKey(),
              "expected one of the agents " + agentIds + ", got \"" + e.getValue() + "\"");
        }
      }
    }
  }

  /** Organization names (as {@code voice-engine keys create --org}); a trunk reaches only its organization's agents. */
  private void organizations(List<AgentConfig> agents, List<TrunkConfig> trunks) {
    Map<String, String> agentOrgs = new java.util.HashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      AgentConfig a = agents.get(i);
      if (a != null && a.org() != null && !ORG.matcher(a.org()).matches()) {
        problem("agents[" + i + "].org", "expected 1 to 64 lower-case letters, digits, '-' or '_', got \""
            + a.org() + "\"");
      }
      if (a != null && a.id() != null) {
        agentOrgs.putIfAbsent(a.id(), a.organization());
      }
    }
    for (int i = 0; i < trunks.size(); i++) {
      TrunkConfig t = trunks.get(i);
      if (t == null) {
        continue;
      }
      if (t.org() != null && !ORG.matcher(t.org()).matches()) {
        problem("trunks[" + i + "].org", "expected 1 to 64 lower-case letters, digits, '-' or '_', got \""
            + t.org() + "\"");
      }
      for (Map.Entry<String, String> e : t.inbound().numbers().entrySet()) {
        String agentOrg = agentOrgs.get(e.getValue());
        if (agentOrg != null && !agentOrg.equals(t.organization())) {
          problem("trunks[" + i + "].inbound.numbers." + e.getKey(), "agent \"" + e.getValue()
              + "\" belongs to organization \"" + agentOrg + "\", the trunk to \"" + t.organization() + "\"");
        }
      }
    }
  }

  private static final java.util.regex.Pattern ORG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** Only an SQLite file: no other database is wired yet (no driver ships, and the migrations are tested on SQLite). */
  private void storage(String url) {
    if (url == null || url.isBlank()) {
      return;
    }
    String file = url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : "";
    if (file.isBlank() || file.contains(":memory:") || file.startsWith("file::memory")) {
      problem("storage.url", "expected jdbc:sqlite:<file> (or leave it out for data_dir/calls.db; other databases"
          + " are not supported yet), got \"" + url + "\"");
    }
  }

  /**
   * The address carriers send media to must be one they can reach: not a wildcard, and not loopback when a trunk
   * admits callers from elsewhere (they would send RTP to their own loopback and every call would go silent).
   */
  private void reachable(EngineConfig c) {
    String advertise = c.rtp().advertiseAddress();
    if (advertise != null && !isIpLiteral(advertise)) {
      return; // reported above
    }
    if (advertise != null && address(advertise).isAnyLocalAddress()) {
      problem("rtp.advertise_address", "expected the address callers send media to, not a wildcard (\""
          + advertise + "\")");
      return;
    }
    String remote = firstNonLoopbackSource(c.trunks());
    if (remote == null || !isIpLiteral(c.bind())) {
      return;
    }
    if (advertise == null && address(c.bind()).isAnyLocalAddress()) {
      problem("rtp.advertise_address", "bind is " + c.bind() + " and trunks admit " + remote
          + ": set the address those callers reach this host at");
    } else if (address(advertise != null ? advertise : c.bind()).isLoopbackAddress()) {
      String key = advertise != null ? "rtp.advertise_address" : "bind";
      problem(key, (advertise != null ? advertise : c.bind()) + " is a loopback address, but trunks admit "
          + remote + ": those callers cannot reach it");
    }
  }

  private static String firstNonLoopbackSource(List<TrunkConfig> trunks) {
    for (TrunkConfig t : trunks) {
      if (t == null || t.inbound() == null) {
        continue;
      }
      for (String cidr : t.inbound().allow()) {
        if (isCidr(cidr) && !loopbackOnly(cidr)) {
          return cidr;
        }
      }
    }
    return null;
  }

  private static boolean loopbackOnly(String cidr) {
    int slash = cidr.indexOf('/');
    InetAddress a = address(slash < 0 ? cidr : cidr.substring(0, slash));
    int len = slash < 0 ? (a.getAddress().length * 8) : Integer.parseInt(cidr.substring(slash + 1));
    return a.isLoopbackAddress() && len >= (a.getAddress().length == 4 ? 8 : 128);
  }

  /** An address already known to be an IP literal (no DNS). */
  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** Resolves a path from the config against the config file's folder. */
  public Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }

  static boolean isIpLiteral(String s) {
    if (s == null || s.isBlank()) {
      return false;
    }
    if (IPV4.matcher(s).matches()) {
      return true;
    }
    if (!s.contains(":")) {
      return false; // a host name: never resolved from configuration validation
    }
    try {
      InetAddress.getByName(s); // with a ':' this parses an IPv6 literal and never queries DNS
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean isCidr(String s) {
    if (s == null) {
      return false;
    }
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (!isIpLiteral(addr)) {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    int max = addr.contains(":") ? 128 : 32;
    try {
      int len = Integer.parseInt(s.substring(slash + 1));
      return len >= 0 && len <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A web origin as browsers send it (RFC 6454 §6.1): http(s)://host[:port], nothing after. */
  static boolean isWebOrigin(String s) {
    try {
      URI uri = new URI(s);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private void webhooks(List<WebhookConfig> webhooks) {
    for (int i = 0; i < webhooks.size(); i++) {
      WebhookConfig w = webhooks.get(i);
      String at = "webhooks[" + i + "].";
      WebhookEndpoint.problems(w.url(), w.secret(), w.events()).forEach((field, message) -> problem(at + field,
          message));
      if (w.org() != null && !ORG.matcher(w.org()).matches()) {
        problem(at + "org", "expected 1 to 64 lower-case letters, digits, '-' or '_', got \"" + w.org() + "\"");
      }
    }
  }

  private void port(String key, int value) {
    between(key, value, 0, 65535);
  }

  /** The per-key request limit: a finite rate of 0 (off) or more, and a burst of at least one request. */
  private void rateLimit(ApiConfig api) {
    double rate = api.rateLimitPerSecond();
    if (!(rate >= 0) || rate > 1_000_000) {
      problem("api.rate_limit_per_second", "expected 0 (no limit) to 1000000 requests per second, got " + rate);
    }
    between("api.rate_limit_burst", api.rateLimitBurst(), 1, 1_000_000);
  }

  private void atLeast(String key, int value, int min) {
    if (value < min) {
      problem(key, "expected at least " + min + ", got " + value);
    }
  }

  private void between(String key, int value, int min, int max) {
    if (value < min || value > max) {
      problem(key, "expected " + min + " to " + max + ", got " + value);
    }
  }

  private void problem(String key, String message) {
    problems.append(source).append(": ").append(key).append(": ").append(message).append('\n');
  }
}
