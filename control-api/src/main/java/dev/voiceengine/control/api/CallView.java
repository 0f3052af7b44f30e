package dev.voiceengine.control.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How much of a call to show: {@code fields=light} (identity, parties, status, times, outcome) or {@code full}
 * (every stored field, the contact and the operators' notes), plus the {@code include} groups that cost a read each:
 * transcript (the turns), metrics (latencies over the turns), diagnostics (provider usage and failures) and analysis
 * (the post-call analysis). A list is full by default and has only the groups asked for, so a page of a thousand
 * calls stays one read; one call is full by default, and a full call has every group (it is "everything"), so
 * {@code include} matters for one call only with {@code fields=light}.
 */
record CallView(boolean full, Set<Group> groups) {
  static final String FIELDS = "fields";
  static final String INCLUDE = "include";
  private static final Pattern GROUP = Pattern.compile("transcript|metrics|diagnostics|analysis");

  /** The include groups. */
  enum Group {
    TRANSCRIPT, METRICS, DIAGNOSTICS, ANALYSIS;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  CallView {
    groups = groups.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groups));
  }

  boolean has(Group group) {
    return groups.contains(group);
  }

  /** The view of a list: full unless {@code fields=light}; only the groups asked for. */
  static CallView ofList(QueryValues query) {
    return new CallView(full(query), groups(query));
  }

  /** The view of one call: a full call (the default) has every group; a light one those asked for. */
  static CallView ofOne(QueryValues query) {
    boolean full = full(query);
    Set<Group> asked = groups(query);
    return new CallView(full, full ? EnumSet.allOf(Group.class) : asked);
  }

  private static boolean full(QueryValues query) {
    Boolean light = query.choice(FIELDS, new Boolean[] {true, false}, l -> l ? "light" : "full");
    return light == null || !light;
  }

  private static Set<Group> groups(QueryValues query) {
    List<String> names = query.list(INCLUDE, GROUP, 4, "of: transcript, metrics, diagnostics, analysis");
    Set<Group> groups = EnumSet.noneOf(Group.class);
    for (String name : names) {
      groups.add(Group.valueOf(name.toUpperCase(Locale.ROOT)));
    }
    return groups;
  }
}
