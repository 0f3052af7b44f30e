package dev.voiceengine.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a batch's recipients from CSV (RFC 4180: commas, double-quoted fields with "" for a quote, CRLF or LF): a
 * header with {@code to_number} and any other columns, which become each recipient's context.
 */
final class CsvRecipients {
  /** One row: the number and its context values. */
  record Recipient(String toNumber, Map<String, String> context) {}

  private CsvRecipients() {}

  /** The recipients, or IllegalArgumentException naming the line that is wrong. */
  static List<Recipient> parse(String text) {
    List<List<String>> rows = rows(text);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the CSV is empty: it needs a header with to_number");
    }
    List<String> header = rows.get(0);
    int to = header.indexOf("to_number");
    if (to < 0) {
      throw new IllegalArgumentException("the CSV header has no to_number column");
    }
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("line " + (i + 1) + " has " + row.size() + " fields, the header "
            + header.size());
      }
      Map<String, String> context = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        if (c != to && !header.get(c).isEmpty()) {
          context.put(header.get(c), row.get(c));
        }
      }
      recipients.add(new Recipient(row.get(to).strip(), context));
    }
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("the CSV has no recipients after its header");
    }
    return recipients;
  }

  private static List<List<String>> rows(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i++);
      if (quoted) {
        if (ch == '"' && i < text.length() && text.charAt(i) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i < text.length() && text.charAt(i) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("the CSV ends inside a quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
