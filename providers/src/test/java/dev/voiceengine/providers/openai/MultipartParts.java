package dev.voiceengine.providers.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The stand-in's reading of a multipart/form-data body: each part's name, file name and bytes. */
record MultipartParts(List<Part> parts) {
  record Part(String name, String fileName, String contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  static MultipartParts parse(String contentType, byte[] body) {
    String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF before the delimiter
      parts.add(new Part(param(headers, "name"), param(headers, "filename"), header(headers, "Content-Type"), content));
      pos = next;
    }
    return new MultipartParts(parts);
  }

  List<String> values(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).map(Part::text).toList();
  }

  Part part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError("no part named " + name));
  }

  private static String param(String headers, String key) {
    int i = headers.indexOf("; " + key + "=\"");
    if (i < 0) {
      return null;
    }
    int from = i + key.length() + 4;
    return headers.substring(from, headers.indexOf('"', from));
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
