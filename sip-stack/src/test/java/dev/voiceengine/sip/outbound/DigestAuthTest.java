package dev.voiceengine.sip.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Digest answers against the worked examples of RFC 7616 §3.9.1 and RFC 2617 §3.5. */
class DigestAuthTest {
  private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

  @Test
  void rfc7616Md5Example() {
    assertThat(DigestAuth.response("MD5", "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
        "/dir/index.html", NONCE, "00000001", CNONCE, "auth")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void rfc7616Sha256Example() {
    assertThat(DigestAuth.response("SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
        "/dir/index.html", NONCE, "00000001", CNONCE, "auth"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void rfc2617Example() {
    assertThat(DigestAuth.response("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
        "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void headerCarriesAFreshCnonceAndTheResponseOverIt() {
    DigestChallenge c = new DigestChallenge("trunk", "abc", "opq", null, "auth,auth-int");
    String h = DigestAuth.authorization(c, "u", "p", "INVITE", "sip:+1555@10.0.0.1:5060");
    String cnonce = group(h, "cnonce=\"([0-9a-f]+)\"");
    assertThat(h).startsWith("Digest username=\"u\"").contains("qop=auth", "nc=00000001", "opaque=\"opq\"",
        "algorithm=MD5");
    assertThat(group(h, "response=\"([0-9a-f]+)\"")).isEqualTo(DigestAuth.response("MD5", "u", "trunk", "p",
        "INVITE", "sip:+1555@10.0.0.1:5060", "abc", "00000001", cnonce, "auth"));
    String again = DigestAuth.authorization(c, "u", "p", "INVITE", "sip:+1555@10.0.0.1:5060");
    assertThat(group(again, "cnonce=\"([0-9a-f]+)\"")).isNotEqualTo(cnonce);
  }

  @Test
  void withoutQopTheRfc2069FormIsUsed() {
    DigestChallenge c = new DigestChallenge("r", "n", null, "MD5", null);
    String h = DigestAuth.authorization(c, "u", "p", "INVITE", "sip:x@h");
    assertThat(h).doesNotContain("qop", "cnonce", "opaque");
    assertThat(group(h, "response=\"([0-9a-f]+)\"")).isEqualTo(
        DigestAuth.response("MD5", "u", "r", "p", "INVITE", "sip:x@h", "n", null, null, null));
  }

  @Test
  void unsupportedChallengesAreRecognised() {
    assertThat(DigestAuth.supported(new DigestChallenge("r", "n", null, "SHA-512-256", null))).isFalse();
    assertThat(DigestAuth.supported(new DigestChallenge("r", "n", null, "MD5", "auth-int"))).isFalse();
    assertThat(DigestAuth.supported(new DigestChallenge(null, "n", null, "MD5", null))).isFalse();
    assertThat(DigestAuth.supported(new DigestChallenge("r", "n", null, "sha-256", "auth"))).isTrue();
  }

  private static String group(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    assertThat(m.find()).as("%s in %s", regex, s).isTrue();
    return m.group(1);
  }
}
