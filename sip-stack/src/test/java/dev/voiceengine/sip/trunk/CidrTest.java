package dev.voiceengine.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
      "127.0.0.0/8, 127.0.0.1, true",
      "127.0.0.0/8, 127.255.255.255, true",
      "127.0.0.0/8, 128.0.0.1, false",
      "127.0.0.1/32, 127.0.0.1, true",
      "127.0.0.1/32, 127.0.0.2, false",
      "127.0.0.1, 127.0.0.1, true",
      "127.0.0.1, 127.0.0.2, false",
      "10.1.2.3/16, 10.1.200.1, true",
      "10.1.2.3/16, 10.2.0.1, false",
      "192.168.1.128/25, 192.168.1.200, true",
      "192.168.1.128/25, 192.168.1.127, false",
      "0.0.0.0/0, 203.0.113.9, true",
      "0.0.0.0/0, 2001:db8::1, false",
      "2001:db8::/32, 2001:db8:ffff::1, true",
      "2001:db8::/32, 2001:db9::1, false",
      "::1/128, ::1, true",
      "::1, ::2, false",
      "::/0, 2001:db8::1, true",
      "::/0, 10.0.0.1, false",
      "2001:db8:0:0:0:0:0:0/127, 2001:db8::1, true",
      "10.0.0.0/8, ::ffff:10.1.2.3, true",
      "'[2001:db8::]/48', 2001:db8:0:1::, true",
  })
  void matches(String cidr, String address, boolean expected) throws Exception {
    assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "localhost", "example.com", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1",
      "10.0.0.0/8/8", "256.0.0.1", "10.0.0", "10.0.0.0.0", "1.2.3.4/abc", "2001:db8::g/32", "fe80::1%eth0",
      "\u0661.\u0662.\u0663.\u0664", "10.0.0.0/0008"})
  void rejectsWhatIsNotAnIpLiteral(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsItsText() {
    assertThat(Cidr.parse(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
  }
}
