package dev.voiceengine.sip.trunk;

import dev.voiceengine.sip.TrunkSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Identifies the trunk of an INVITE by its source address and the agent by the dialled number. Trunks are checked in
 * configuration order; the first whose allow-list holds the source wins. Literal CIDRs only: no DNS, ever.
 */
public final class TrunkRouter {
  /** The catch-all key in {@link TrunkSettings#numbers()}. */
  public static final String CATCH_ALL = "*";

  private record Entry(TrunkSettings trunk, List<Cidr> allow) {}

  private final List<Entry> entries;
  private final Map<String, Entry> byId;

  /**
   * @throws IllegalArgumentException when a trunk's allow-list holds something that is not a CIDR
   */
  public TrunkRouter(List<TrunkSettings> trunks) {
    List<Entry> list = new ArrayList<>();
    Map<String, Entry> ids = new LinkedHashMap<>();
    for (TrunkSettings t : trunks) {
      List<Cidr> cidrs = new ArrayList<>();
      for (String c : t.allow()) {
        try {
          cidrs.add(Cidr.parse(c));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("trunk " + t.id() + ": " + e.getMessage(), e);
        }
      }
      Entry entry = new Entry(t, List.copyOf(cidrs));
      list.add(entry);
      ids.putIfAbsent(t.id(), entry);
    }
    this.entries = List.copyOf(list);
    this.byId = Map.copyOf(ids);
  }

  /** The first trunk whose allow-list holds the source, if any. */
  public Optional<TrunkSettings> trunkFor(InetAddress source) {
    for (Entry e : entries) {
      if (contains(e.allow(), source)) {
        return Optional.of(e.trunk());
      }
    }
    return Optional.empty();
  }

  /** True when the allow-list of the trunk named {@code trunkId} holds the source; false for an unknown trunk. */
  public boolean allows(String trunkId, InetAddress source) {
    Entry e = trunkId == null ? null : byId.get(trunkId);
    return e != null && contains(e.allow(), source);
  }

  private static boolean contains(List<Cidr> networks, InetAddress source) {
    for (Cidr c : networks) {
      if (c.contains(source)) {
        return true;
      }
    }
    return false;
  }

  /** The agent the dialled number reaches on this trunk: the exact number first, then the "*" catch-all. */
  public static Optional<String> agentFor(TrunkSettings trunk, String dialled) {
    if (dialled != null) {
      String agent = trunk.numbers().get(dialled);
      if (agent != null) {
        return Optional.of(agent);
      }
    }
    return Optional.ofNullable(trunk.numbers().get(CATCH_ALL));
  }
}
