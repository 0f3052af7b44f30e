package dev.voiceengine.providers.openai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body (RFC 7578) of text fields and one or more files, built in memory. */
final class MultipartForm {
  private final String boundary = "----voiceengine" + UUID.randomUUID().toString().replace("-", "");
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  MultipartForm field(String name, String value) {
    part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
    write(value.getBytes(StandardCharsets.UTF_8));
    write("\r\n");
    return this;
  }

  MultipartForm file(String name, String fileName, String contentType, byte[] content) {
    part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: " + contentType + "\r\n\r\n");
    write(content);
    write("\r\n");
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
    out.writeBytes(body.toByteArray());
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private void part(String headers) {
    write("--" + boundary + "\r\n" + headers);
  }

  private void write(String s) {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] b) {
    body.writeBytes(b);
  }
}
