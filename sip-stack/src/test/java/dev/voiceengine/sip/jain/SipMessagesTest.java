package dev.voiceengine.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipMessagesTest {
  /** Each row: a Request-URI | the user our Contact may carry ("-" for none) | the dialled number. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sip:5551234@example.com|5551234|5551234",
      "sip:%2B15551230000@example.com|%2B15551230000|+15551230000",
      "sip:a%40evil.com%3A5060@example.com|a%40evil.com%3A5060|a@evil.com:5060",
      "sip:%2B1555%20123@example.com|%2B1555%20123|+1555 123",
      "sip:a$b,c&d=e@example.com|a$b,c&d=e|a$b,c&d=e",
      "sip:example.com|-|",
      "tel:+15551230000|+15551230000|+15551230000",
  })
  void contactUserStaysEscapedWhileTheDialledNumberIsDecoded(String uri, String contactUser, String dialled)
      throws Exception {
    javax.sip.address.URI parsed = new AddressFactoryImpl().createURI(uri);
    assertThat(SipMessages.escapedUserOf(parsed)).isEqualTo(contactUser.equals("-") ? null : contactUser);
    assertThat(SipMessages.userOf(parsed)).isEqualTo(dialled);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"abc|true", "a%4|false", "a%zz|false", "a b|false", "a@b|false", "a:b|false",
      "+1-555.(0)|true", "é|false"})
  void userFollowsTheRfc3261Grammar(String user, boolean valid) {
    assertThat(SipMessages.isUser(user)).isEqualTo(valid);
  }
}
