package dev.voiceengine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.jain.SipServer;
import dev.voiceengine.sip.outbound.TransferListener;
import dev.voiceengine.sip.outbound.TransferState;
import dev.voiceengine.testsupport.sip.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A blind transfer of an inbound call: REFER in the caller's dialog, NOTIFY sipfrag progress, then our BYE. */
class InboundTransferSippTest {
  @TempDir Path tmp;

  @Test
  void inboundCallIsReferredAndEndedOnSuccess() throws Exception {
    RecordingListener listener = new RecordingListener();
    List<String> progress = new CopyOnWriteArrayList<>();
    TransferListener transfer = (ref, target, state, status, reason) -> progress.add(state + " " + status);
    try (SipServer server = new SipServer(SipServerSippTest.settings(10, Duration.ZERO, Map.of("*", "demo")),
        listener)) {
      server.start();
      Sipp sipp = Sipp.call(tmp, "uac_refer.xml", "127.0.0.1", server.port(), "agent").start();
      String ref = listener.await("confirmed").ref();

      server.transfer(ref, "+15550002222", transfer);
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.LOCAL_BYE);
      assertThat(sipp.await()).as("sipp\n%s", sipp.output()).isZero();
      assertThat(progress).containsExactly(TransferState.REQUESTED + " 0", TransferState.ACCEPTED + " 202",
          TransferState.TRYING + " 100", TransferState.SUCCEEDED + " 200");
    }
  }
}
