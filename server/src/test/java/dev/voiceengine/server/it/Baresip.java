package dev.voiceengine.server.it;

import dev.voiceengine.testsupport.net.FreePorts;
import dev.voiceengine.testsupport.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real softphone, headless: plays a WAV as the caller's microphone (the call ends when it runs out) and writes what
 * it heard to {@code heardDir} as {@code dump-*-dec.wav}.
 */
final class Baresip {
  private Baresip() {}

  static Processes.Result call(Path dir, Path callerWav, Path heardDir, int sipPort, Duration timeout)
      throws IOException, InterruptedException {
    return call(dir, callerWav, heardDir, sipPort, "+15550001111", timeout);
  }

  /** As above, dialling {@code number}. */
  static Processes.Result call(Path dir, Path callerWav, Path heardDir, int sipPort, String number, Duration timeout)
      throws IOException, InterruptedException {
    Path cfg = Files.createDirectories(dir.resolve("baresip"));
    int rtp = FreePorts.sip();
    Files.writeString(cfg.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + FreePorts.sip(),
        "audio_player aubridge,nil",
        "audio_source aufile," + callerWav,
        "audio_alert aubridge,nil",
        "module_path /usr/lib/baresip/modules",
        "module g711.so", "module aufile.so", "module aubridge.so", "module sndfile.so",
        "module_app account.so", "module_app menu.so",
        "snd_path " + heardDir,
        "rtp_ports " + rtp + "-" + (rtp + 10), ""));
    Files.writeString(cfg.resolve("accounts"), "<sip:tester@127.0.0.1>;regint=0;audio_codecs=PCMU\n");
    return Processes.runUntil(dir, timeout, List.of("baresip", "-f", cfg.toString(),
        "-t", String.valueOf(timeout.toSeconds() - 5), "-e", "/dial sip:" + number + "@127.0.0.1:" + sipPort),
        "terminated (duration");
  }
}
