package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import io.grpc.Status;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {
  @Test
  void statusBecomesAProviderExceptionWithTheCodeName() {
    ProviderException withDescription =
        ProviderErrors.fromThrowable(
            Capability.STT, Status.RESOURCE_EXHAUSTED.withDescription("quota").asRuntimeException());
    assertThat(withDescription.code()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(withDescription.getMessage()).isEqualTo("stt provider failed (RESOURCE_EXHAUSTED): quota");
    assertThat(withDescription.getCause()).isNotNull();

    ProviderException fromCause =
        ProviderErrors.fromThrowable(
            Capability.TTS,
            Status.UNAVAILABLE.withCause(new ConnectException("Connection refused")).asRuntimeException());
    assertThat(fromCause.getMessage()).isEqualTo("tts provider failed (UNAVAILABLE): Connection refused");

    ProviderException notGrpc = ProviderErrors.fromThrowable(Capability.LLM, new IllegalStateException("boom"));
    assertThat(notGrpc.code()).isEqualTo("UNKNOWN");
    assertThat(notGrpc.getMessage()).isEqualTo("llm provider failed (UNKNOWN): boom");
  }
}
