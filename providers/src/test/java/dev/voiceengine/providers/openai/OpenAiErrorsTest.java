package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  @Test
  void keepsTheServicesMessageInEachShapeServersUse() {
    assertThat(OpenAiErrors.message("{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}"))
        .isEqualTo("bad key (invalid_request_error)");
    assertThat(OpenAiErrors.message("{\"error\":\"model 'x' not found\"}")).isEqualTo("model 'x' not found");
    assertThat(OpenAiErrors.message("upstream timed out\n")).isEqualTo("upstream timed out");
    assertThat(OpenAiErrors.message("")).isEqualTo("(empty body)");
    assertThat(OpenAiErrors.message("x".repeat(2000))).hasSize(501);
  }

  @Test
  void timeoutsDistinguishConnectingFromWaiting() {
    assertThat(OpenAiErrors.fromFailure("w", new CompletionException(new HttpConnectTimeoutException("connect")))
        .getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(OpenAiErrors.fromFailure("w", new HttpTimeoutException("request timed out")).getStatus().getCode())
        .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(OpenAiErrors.fromHttp("w", 418, "teapot").getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
  }
}
