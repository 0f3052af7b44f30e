package dev.voiceengine.sip.trunk;

import dev.voiceengine.sip.TrunkSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Identifies the trunk of an INVITE by its source address and the agent by the dialled number. Trunks are checked in
 * configuration order; the first whose allow-list holds the source wins.
 */
public final class TrunkRouter {
  /** The catch-all key in {@link TrunkSettings#numbers()}. */
  public static final String CATCH_ALL = "*";

  private record Entry(TrunkSettings trunk, List<Cidr> allow) {}

  private final List<Entry> entries;

  /**
   * @throws IllegalArgumentException when a trunk's allow-list holds something that is not a CIDR
   */
  public TrunkRouter(List<TrunkSettings> trunks) {
    List<Entry> list = new ArrayList<>();
    for (TrunkSettings t : trunks) {
      List<Cidr> cidrs = new ArrayList<>();
      for (String c : t.allow()) {
        try {
          cidrs.add(Cidr.parse(c));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("trunk " + t.id() + ": " + e.getMessage(), e);
        }
      }
      list.add(new Entry(t, List.copyOf(cidrs)));
    }
    this.entries = List.copyOf(list);
  }

  /** The first trunk whose allow-list holds the source, if any. */
  public Optional<TrunkSettings> trunkFor(InetAddress source) {
    for (Entry e : entries) {
      for (Cidr c : e.allow()) {
        if (c.contains(source)) {
          return Optional.of(e.trunk());
        }
      }
    }
    return Optional.empty();
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
