package dev.voiceengine.server.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A scrape in the Prometheus text format (0.0.4), read back into its samples and each family's type. */
final class PrometheusText {
  /** One line of a family: its full name with labels, and its value. */
  record Sample(String family, String series, double value) {}

  private final Map<String, String> types = new HashMap<>();
  private final List<Sample> samples = new ArrayList<>();

  PrometheusText(String text) {
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring("# TYPE ".length()).split(" ");
        types.put(parts[0], parts[1]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int end = line.indexOf('}') >= 0 ? line.indexOf('}') + 1 : line.indexOf(' ');
        String series = line.substring(0, end);
        String rest = line.substring(end).trim().split(" ")[0];
        int brace = series.indexOf('{');
        String name = brace >= 0 ? series.substring(0, brace) : series;
        samples.add(new Sample(familyOf(name), series, Double.parseDouble(rest)));
      }
    }
  }

  /** The samples of every family declared as {@code type} (gauge, counter, histogram...). */
  List<Sample> ofType(String type) {
    return samples.stream().filter(s -> type.equals(types.get(s.family()))).toList();
  }

  /** The value of a series without labels. */
  double value(String series) {
    return samples.stream().filter(s -> s.series().equals(series)).findFirst()
        .orElseThrow(() -> new AssertionError("no series " + series)).value();
  }

  /** The family a sample belongs to: its name, or its name less a histogram's or counter's suffix. */
  private String familyOf(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
      if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }
}
