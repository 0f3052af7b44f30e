package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.PcapUdpReader;
import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sipp's bundled g711a.pcap (PCMA, 30 ms packets, what sipp's uac_pcap replays) through parser, decoder and
 * jitter buffer on its own capture timing. The capture comes with sipp (package sip-tester, installed by .ci/run); it
 * is not copied into the project.
 */
class SippCaptureReplayTest {
  private static final Path CAPTURE = Path.of("/usr/share/sip-tester/g711a.pcap");

  @Test
  void thirtyMillisecondPcmaPlaysOutWhole() throws Exception {
    assertThat(CAPTURE).as("sipp's capture is a test peer: apt-get install sip-tester (see .ci/run)").isReadable();
    List<PcapUdpReader.Datagram> datagrams = PcapUdpReader.read(CAPTURE);
    JitterBuffer jb = new JitterBuffer(8000, 480, 480 + 1600);
    short[] decoded = new short[JitterBuffer.MAX_PACKET_SAMPLES];
    short[] frame = new short[160];
    long audioSamples = 0;
    long played = 0;
    long nextTick = 0;
    for (PcapUdpReader.Datagram d : datagrams) {
      while (nextTick <= d.timeNanos()) {
        played += jb.pop(frame);
        nextTick += 20_000_000L;
      }
      RtpPacket p = RtpPacketParser.parse(Unpooled.wrappedBuffer(d.payload()), null);
      assertThat(p).isNotNull();
      assertThat(p.payloadType()).isEqualTo(8);
      int n = G711Codec.PCMA.decode(p.content(), p.payloadIndex(), p.payloadLength(), decoded);
      assertThat(n).isEqualTo(240);
      audioSamples += n;
      assertThat(jb.push(p.ssrc(), p.sequenceNumber(), p.timestamp(), d.timeNanos(), decoded, n))
          .isEqualTo(PushResult.ACCEPTED);
      p.release();
    }
    for (int i = 0; i < 10; i++) {
      played += jb.pop(frame);
    }
    JitterStats s = jb.stats();
    assertThat(datagrams).hasSize(236);
    assertThat(played).isEqualTo(audioSamples);
    assertThat(s.lost()).isZero();
    assertThat(s.late()).isZero();
    assertThat(s.skippedSamples()).isZero();
    assertThat(s.jitterMillis()).isLessThan(5.0);
  }
}
